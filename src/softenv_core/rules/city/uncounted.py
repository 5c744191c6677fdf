"""The records a point's duty items name but do not count (rules/city/duty.py): a reached
contact another liaison office logged, and the contacts and feedback of months the point does
not owe, listed apart from those of the month still running at the assessment's instant, which
it may yet owe. Each list names its records by month, so that the count beside it is checkable
(DESIGN principle 2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from softenv_core.engine.phrases import ID, Phrase
from softenv_core.engine.ruletypes import PointYear
from softenv_core.model.periods import Month, beijing_date
from softenv_core.model.points import CITY_LIAISON, liaison_office_name
from softenv_core.rules.city.owed_months import owes_month


def _month_key(day: date) -> int:
    """``day``'s month as one int, ordered as Month is: the duty rules key their per-point tallies
    by it (year × 12 + month) because an int hashes in C, where Month's hash and equality run
    Python code per contact."""
    return day.year * 12 + day.month


def other_office(ctx: PointYear, missed: Sequence[Month]) -> str:
    """The reached contacts of months left 未联系上 that another office than the point's
    liaison office (联系单位) logged: named, so that "未联系上" does not contradict a record
    saying the point was reached (a 市直 point is 市经贸委's to contact, not its county's)."""
    liaison = ctx.point.liaison
    keys = {m.year * 12 + m.month for m in missed}
    by_month: dict[int, list[str]] = {}
    for c in ctx.contacts:
        key = _month_key(c.date)
        if c.reached and c.liaison != liaison and key in keys:
            by_month.setdefault(key, []).append(LOGGED_BY(id=c.id, office=office_named(ctx, c.liaison)))
    if not by_month:
        return ""
    return "；" + OTHER_OFFICE(office=office_named(ctx, liaison), months=listed_by_month(by_month))


#: In Chinese as the results hold them and in English (engine.phrases).
LOGGED_BY = Phrase("{id} 由 {office} 记录", "{id} logged by {office}", shapes=(("id", ID),), verbatim=("id", "office"))
OTHER_OFFICE = Phrase(
    "非负责联系单位的联系不计（应由{office}联系）：{months}",
    "contacts logged by an office other than the one responsible are not counted ({office} contacts it): {months}",
    verbatim=("office",),
)


def office_named(ctx: PointYear, liaison: str) -> str:
    """A liaison office as the duty items name it: a county's by code and name (``379902
    东城区经贸委``), the city's by its name alone (``市经贸委``), an unknown code by the code."""
    named = liaison_office_name(liaison, ctx.dataset.city, ctx.dataset.county_by_code)
    if named is None:
        return liaison
    return named if liaison == CITY_LIAISON else f"{liaison} {named}"


def not_counted(by_month: Mapping[int, Sequence[str]], ctx: PointYear, what: str) -> str:
    """The records (``what``: 联系, 反馈) of months not owed, said and not counted, in two lists:
    those of months over by the assessment's instant that the point did not owe, and those of
    the month still running at it (or later), which it may yet owe: 暂不计, not 应履职月份以外
    (auditor a52 11: a June contact assessed as of 06-15 was called outside the owed months)."""
    owed = {m.year * 12 + m.month for m in ctx.active_months}
    # The first month not over at as_of: its Beijing month (a month's end is the next month's
    # first instant, so at 06-01 00:00 May is over and June is not). Such a month is pending only
    # if the point's designation can still make it owed: one removed on the 4th, designated too
    # few working days of it, never will (review), and its records are outside the owed months.
    running = _month_key(beijing_date(ctx.as_of)) if ctx.as_of is not None else None
    pending = {
        k: v for k, v in by_month.items() if k not in owed and running is not None and k >= running and _may_owe(ctx, k)
    }
    over = {k: v for k, v in by_month.items() if k not in owed and k not in pending}
    text = f"；应履职月份以外的{what}不计：" + listed_by_month(over) if over else ""
    if pending:
        text += f"；评估时点尚未结束的月份的{what}暂不计：" + listed_by_month(pending)
    return text


def _month_of(key: int) -> Month:
    """The month keyed ``key`` (the inverse of :func:`_month_key`)."""
    year, index = divmod(key - 1, 12)
    return Month(year, index + 1)


def _may_owe(ctx: PointYear, key: int) -> bool:
    """Whether the point owes the month keyed ``key`` once it is over: designated on enough of
    its working days (owed_months.owes_month, the rule the owed months follow)."""
    return owes_month(ctx.point, _month_of(key), ctx.calendar, ctx.params)


def listed_by_month(by_month: Mapping[int, Sequence[str]]) -> str:
    """Records listed by month: ``2025-03（C3）、2025-07（C7、C8）``."""
    return "、".join(f"{_month_of(key)}（{'、'.join(by_month[key])}）" for key in sorted(by_month))


__all__ = ["not_counted", "office_named", "other_office"]
