"""What every rendered document shares: its languages, its instants in Beijing time and its
provisional mark.

Split from render/report_format.py (which re-exports them) so that the assessment's renderer
and the CLI read them without importing the monitoring report's building blocks: its table
class, its patterns and its imports were about 1 % of `softenv assess` on the city file (issue 21).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from softenv_core.errors import FieldInvalid
from softenv_core.model.periods import BEIJING
from softenv_core.model.shown_moments import due_and_sent as due_and_sent  # its home since auditor a79 02

#: The languages a document is rendered in.
LANGS = ("zh", "en")


def checked_lang(lang: object) -> str:
    """``lang`` if it is one of :data:`LANGS`; else FieldInvalid (a typo must not quietly give English)."""
    if lang not in LANGS:
        raise FieldInvalid("lang", f"expected one of {', '.join(LANGS)}, got {lang!r:.40}")
    return str(lang)


def beijing(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An instant as shown in documents: always Beijing time, whatever offset it was given in."""
    return moment.astimezone(BEIJING).strftime(fmt)


def day_in_year(day: date, year: int) -> str:
    """A day as the Word report's narrow columns write it: ``03-12`` in the report month's
    ``year``, in full in another (``2026-01-22`` in December 2025's report, where ``01-22`` read
    as a day of January 2025: auditor a70 04, clerk c58 07)."""
    return day.strftime("%m-%d" if day.year == year else "%Y-%m-%d")


def year_apart(day: str) -> str | tuple[str, str]:
    """A day written with its year (``2026-01-22``) as two lines, the year a line of its own
    (``2026-`` / ``01-22``): the narrow columns hold five digits a line, and LibreOffice broke
    the date there anyway; any other text as it is."""
    return (day[:5], day[5:]) if _WITH_YEAR.fullmatch(day) else day


#: A day written with its year, ``2026-01-05``.
_WITH_YEAR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


#: The mark of a result a provisional (weekends-only) calendar touched, as its documents say it
#: (the assessment's and the year end's; the monthly report says PROVISIONAL_REPORT_ZH).
PROVISIONAL_ZH = (
    "暂定：部分期限或工作日按仅计周末的临时日历计算（该年的国务院节假日安排尚未收录），安排公布后须重新生成。"
)
PROVISIONAL_EN = (
    "Provisional: some deadlines or working-day counts use a weekends-only calendar (the year's official "
    "arrangement is not yet known); re-run when it is out."
)

__all__ = [
    "LANGS",
    "PROVISIONAL_EN",
    "PROVISIONAL_ZH",
    "beijing",
    "checked_lang",
    "day_in_year",
    "due_and_sent",
    "year_apart",
]
