"""Dates and times of the demo city's records: Beijing time, working days of the city calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from softenv_core.model.periods import BEIJING, Month
from softenv_core.workdays.calendar import WorkCalendar


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BEIJING)


def workday_at(cal: WorkCalendar, day: date, n: int, hour: int = 10) -> datetime:
    return at(cal.add_workdays(day, n), hour)


def month_workdays(cal: WorkCalendar, month: Month) -> list[date]:
    day, out = month.first_day, []
    while day <= month.last_day:
        if cal.is_workday(day):
            out.append(day)
        day += timedelta(days=1)
    return out
