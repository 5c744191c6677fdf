"""Reviewer r64: late-December rule (workdays/arrangement.py, LATE_DECEMBER_FROM)."""

from datetime import date

from softenv_core import WorkCalendar, YearArrangement


def test_01_official_next_year_moves_late_december_over_supplied_year() -> None:
    # The 2019 notice (official, chinesecalendar) made Saturday 2018-12-29 a working day and
    # Monday 2018-12-31 a day off. docs/calendar.md: the notice for Y+1 "takes precedence over
    # the previous year's data" for those days. Supplying 2018 (its own notice lists none of
    # them) must not undo the 2019 notice; sources() already names chinesecalendar for the day.
    official = WorkCalendar()
    assert official.is_workday(date(2018, 12, 29)) and not official.is_workday(date(2018, 12, 31))
    cal = official.with_arrangement(YearArrangement(2018, holidays={date(2018, 10, 1)}, workdays=set()))
    assert cal.is_workday(date(2018, 12, 29))
    assert not cal.is_workday(date(2018, 12, 31))
    assert cal.workdays_between(date(2018, 12, 28), date(2018, 12, 31)) == 1
