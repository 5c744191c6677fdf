"""Monthly report deadlines on the official work calendar: a helper for the baseline and plugins."""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from .periods import BEIJING, Month, beijing_date
from .ruletypes import Deadline
from .trace import ParamValue
from .work_calendar import WorkCalendar

_WEEKDAYS = "一二三四五六日"
NEXT_WORKDAY = "next_workday"
NO_MOVE = "none"


def describe_day(calendar: WorkCalendar, day: date) -> str:
    """A calendar fact in words, e.g. ``2024-04-07 星期日 补班(工作日)``."""
    weekday = f"星期{_WEEKDAYS[day.weekday()]}"
    if calendar.is_workday(day):
        kind = "补班(工作日)" if day.weekday() >= 5 else "工作日"
    else:
        kind = "节假日(非工作日)" if day.weekday() < 5 else "休息日(非工作日)"
    return f"{day.isoformat()} {weekday} {kind}"


def monthly_deadline(
    calendar: WorkCalendar,
    month: Month,
    due_day: int,
    *,
    rule_id: str,
    reference: str,
    params: Sequence[ParamValue] = (),
    policy: str = NEXT_WORKDAY,
) -> Deadline:
    """The report on ``month`` is due at the end (23:59:59 Beijing) of day ``due_day`` of the
    next month; under ``next_workday`` a day that is not a working day moves to the next one
    that is (顺延), make-up weekend days (补班) counting as working days."""
    if policy not in (NEXT_WORKDAY, NO_MOVE):
        raise ValueError(f"unknown deadline policy {policy!r}")
    # Every county shares the same month's deadline under the same rule: work it out once
    # per calendar (a Deadline is an immutable value).
    key = ("deadline", month.year, month.month, due_day, rule_id, reference, tuple(params), policy)
    memo = calendar._memo
    found = memo.get(key)
    if found is None:
        found = memo[key] = _monthly_deadline(calendar, month, due_day, rule_id, reference, params, policy)
    return found


def _monthly_deadline(
    calendar: WorkCalendar,
    month: Month,
    due_day: int,
    rule_id: str,
    reference: str,
    params: Sequence[ParamValue],
    policy: str,
) -> Deadline:
    nxt = month + 1
    last = _stdcal.monthrange(nxt.year, nxt.month)[1]
    nominal = date(nxt.year, nxt.month, min(max(due_day, 1), last))
    day = nominal
    facts = []
    if policy == NEXT_WORKDAY:
        while not calendar.is_workday(day):
            facts.append(describe_day(calendar, day))
            day += timedelta(days=1)
    facts.append(describe_day(calendar, day))
    return Deadline(
        due_at=datetime.combine(day, time(23, 59, 59), BEIJING),
        nominal=nominal,
        rule_id=rule_id,
        policy=policy,
        reference=reference,
        facts=tuple(facts),
        calendar_sources=calendar.sources([nominal, day]),
        params=tuple(params),
    )


def lateness(submitted_at: datetime | None, due_at: datetime, calendar: WorkCalendar) -> tuple[str, int]:
    """``("on_time", 0)``, ``("late", N working days)`` or ``("missing", 0)``.

    On time when the submission's Beijing date is on or before the due day, whatever offset it
    was written with; otherwise late by the working days after the due day up to the day it
    came (a non-working day counting as the next working day).
    """
    if submitted_at is None:
        return "missing", 0
    submitted = beijing_date(submitted_at)
    due = due_at.date()
    if submitted <= due:
        return "on_time", 0
    return "late", calendar.workdays_between(due, calendar.next_workday(submitted))


__all__ = ["NEXT_WORKDAY", "NO_MOVE", "describe_day", "lateness", "monthly_deadline"]
