"""How a monthly report names its count of overdue direct feedback: the instant it was read at.

Complaints are read at the month's end or at the report's ``as_of``, whichever is earlier
(analyses.monitoring_report). A report made inside the month counted what was overdue then,
and called it 月末超期 / "overdue at month end" (auditor a78 01: as of 2025-07-25 12:00, the
ticket overdue 2 working days then, 6 at July's end). The count is named by its instant:
月末超期 at the month's end, 截至7月25日超期 before it (the Beijing day of ``as_of``, as
section 四(二)'s 截至…未办结事项 says it). The summary and section 五 (Markdown and Word) and
the trends (their sentences and table) word it here, in both languages.

The months a trend compares with are read at their own ends: the month before ends as this
one begins, and a report's ``as_of`` is never before its month began (refused). Only this
month's reading moves; the trend names both. Received (收到) and resolved (办结) carry no
instant in their names (本月收到, 本月办结: so far in the month, at an ``as_of`` inside it).
"""

from __future__ import annotations

from datetime import date, datetime

from softenv_core.model.periods import BEIJING, Month


def read_day(month: Month, as_of: datetime | None) -> date | None:
    """The Beijing day of the instant ``month``'s complaints were read at, when ``as_of`` came
    before the month's end; None when they were read at its end (the default)."""
    if as_of is None or as_of >= month.end:
        return None
    return as_of.astimezone(BEIJING).date()


def overdue_words(month: Month, as_of: datetime | None, zh: bool) -> str:
    """The overdue count's name in a sentence: 月末超期 / "overdue at month end", or before the
    month's end 截至7月25日超期 / "overdue as of 2025-07-25" (the English report's dates)."""
    day = read_day(month, as_of)
    if day is None:
        return "月末超期" if zh else "overdue at month end"
    return f"截至{day.month}月{day.day}日超期" if zh else f"overdue as of {day.isoformat()}"


def overdue_row_label(month: Month, as_of: datetime | None, zh: bool) -> str:
    """The trend table's row of the overdue count: one label over the three months, so before
    the month's end it says that only this month's column was read then."""
    day = read_day(month, as_of)
    if day is None:
        return "月末超期直接反馈" if zh else "direct feedback overdue at month end"
    if zh:
        return f"超期直接反馈（本月截至{day.month}月{day.day}日，上月和去年同月为月末）"
    return f"direct feedback overdue (this month as of {day.isoformat()}, the others at their end)"


def compared_ends(month: Month, as_of: datetime | None, zh: bool) -> tuple[str, str]:
    """What the overdue count of this month is compared with, in a trend sentence: 上月 and
    去年同月, or before the month's end 上月末 and 去年同月末 (read at a moment of their own)."""
    if read_day(month, as_of) is None:
        return ("上月", "去年同月") if zh else ("the previous month", "the same month last year")
    if zh:
        return "上月末", "去年同月末"
    return "the end of the previous month", "the end of the same month last year"


__all__ = ["compared_ends", "overdue_row_label", "overdue_words", "read_day"]
