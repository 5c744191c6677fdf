"""Why a point designated in a year has no entry of the year's assessment (未考评): the one
wording for `softenv explain` (and ``POST /v1/explain``) and the year end (a nominee, a
recorded removal checked against the band), so that they say the same thing.

The assessment holds a point once it owes an ended month (DESIGN "An explicit instant": a
month still running at ``as_of`` is pending). A point it does not hold either owes no month of
its interval at all, every month of it having ended (无应履职月份, not assessed that year), or
has a month still running at the instant, which it may yet owe: then it is not *yet* assessed,
and saying that it owes no month of the year, or takes no part in the year's assessment, is
wrong. Asked on 2025-08-15, a point designated from Saturday 2025-07-26 owes no July (4
working days) and August is running: the explanation said "无应履职月份 … 不参加当年履职考评"
(auditor a77 01), the year end "2025年无应履职月份，未考评" of the same point nominated.
"""

from __future__ import annotations

from datetime import datetime

from softenv_core.model.periods import Month, Year
from softenv_core.model.points import MonitoringPoint


def months_not_over(point: MonitoringPoint, year: int, as_of: datetime | None) -> tuple[Month, ...]:
    """The months of ``year`` that ``point``'s interval covers and that have not ended at
    ``as_of`` (none without an instant: an assessment's default one follows the year)."""
    if as_of is None:
        return ()
    since, until = point.designated_from, point.designated_until
    return tuple(
        m
        for m in Year(year).months
        if m.end > as_of and since <= m.last_day and (until is None or until >= m.first_day)
    )


def ended_in_interval(point: MonitoringPoint, year: int, as_of: datetime | None) -> bool:
    """Whether ``point``'s interval covers a month of ``year`` ended at ``as_of``."""
    since, until = point.designated_from, point.designated_until
    return any(
        (as_of is None or m.end <= as_of) and since <= m.last_day and (until is None or until >= m.first_day)
        for m in Year(year).months
    )


def not_over_zh(months: tuple[Month, ...]) -> str:
    """``2025-08 到数据截至时尚未结束`` (``2025-08 至 2025-12 …`` for several months)."""
    named = str(months[0]) if len(months) == 1 else f"{months[0]} 至 {months[-1]}"
    return f"{named} 到数据截至时尚未结束"


def not_over_en(months: tuple[Month, ...]) -> str:
    """``2025-08 is not over at the instant`` (``2025-08 to 2025-12 are …`` for several)."""
    if len(months) == 1:
        return f"{months[0]} is not over at the instant"
    return f"{months[0]} to {months[-1]} are not over at the instant"


#: The mixed case's first clause: the ended months of the interval owe nothing (a77 01).
ENDED_NOT_OWED_ZH = "已结束的在册月份均不应履职"
ENDED_NOT_OWED_EN = "it owes none of the months of it that have ended"
#: Said of a point with a month of its interval still running: assessed once the month ends.
NOT_YET_ZH = "尚未考评"
NOT_YET_EN = "it is not yet assessed"


def unassessed_zh(point: MonitoringPoint | None, year: int, as_of: datetime | None) -> str:
    """Why the assessment of ``year`` at ``as_of`` does not hold ``point`` (designated in the
    year), as the year end says it: ``2025年无应履职月份，未考评`` when every month of its
    interval has ended; else the running months named, not yet assessed
    (``已结束的在册月份均不应履职，2025-08 至 2025-12 到数据截至时尚未结束，尚未考评``).
    ``point`` None (not on the roster known then): owing no month."""
    running = () if point is None else months_not_over(point, year, as_of)
    if not running:
        return f"{year}年无应履职月份，未考评"
    ended = f"{ENDED_NOT_OWED_ZH}，" if point is not None and ended_in_interval(point, year, as_of) else ""
    return f"{ended}{not_over_zh(running)}，{NOT_YET_ZH}"


__all__ = [
    "ENDED_NOT_OWED_EN",
    "ENDED_NOT_OWED_ZH",
    "NOT_YET_EN",
    "NOT_YET_ZH",
    "ended_in_interval",
    "months_not_over",
    "not_over_en",
    "not_over_zh",
    "unassessed_zh",
]
