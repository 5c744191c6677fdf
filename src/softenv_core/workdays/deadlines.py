"""Working-day facts about deadlines: a day described in words, and lateness in working days."""

from __future__ import annotations

from datetime import date, datetime

from softenv_core.model.periods import beijing_date
from softenv_core.workdays.calendar import WorkCalendar

_WEEKDAYS = "一二三四五六日"


def describe_day(calendar: WorkCalendar, day: date) -> str:
    """A calendar fact in words, e.g. ``2024-04-07 星期日 补班(工作日)``."""
    weekday = f"星期{_WEEKDAYS[day.weekday()]}"
    if calendar.is_workday(day):
        kind = "补班(工作日)" if day.weekday() >= 5 else "工作日"
    else:
        kind = "节假日(非工作日)" if day.weekday() < 5 else "休息日(非工作日)"
    return f"{day.isoformat()} {weekday} {kind}"


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


__all__ = ["describe_day", "lateness"]
