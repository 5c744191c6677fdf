"""Dates and times of the demo city's records: Beijing time, working days of the city calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from softenv_core.errors import CalendarDataMissing
from softenv_core.model.periods import BEIJING, Month
from softenv_core.workdays.calendar import LATE_DECEMBER_FROM, WorkCalendar


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BEIJING)


def workday_at(cal: WorkCalendar, day: date, n: int, hour: int = 10) -> datetime:
    return at(cal.add_workdays(day, n), hour)


def month_workdays(cal: WorkCalendar, month: Month) -> list[date]:
    """The working days of ``month`` the calendar knows: a December of the last year it knows
    stops before its last days, which wait for the next year's notice (auditor a75 01)."""
    day, out = month.first_day, []
    while day <= month.last_day:
        try:
            if cal.is_workday(day):
                out.append(day)
        except CalendarDataMissing as exc:
            if exc.day is None:
                raise
            break
        day += timedelta(days=1)
    return out


def last_known_day(cal: WorkCalendar, year: int) -> date:
    """The last day of ``year`` whose working status ``cal`` knows: 31 December, or, without the
    next year's arrangement, the day before the last days of December, which wait for its notice
    (LATE_DECEMBER_FROM; auditor a75 01). The current year's demo keeps its records before it."""
    try:
        cal.is_workday(date(year, 12, 31))
    except CalendarDataMissing as exc:
        if exc.day is None:
            raise
        return date(year, 12, LATE_DECEMBER_FROM - 1)
    return date(year, 12, 31)
