"""The last days of December wait for the next year's notice (auditor a75 01, docs/calendar.md
"The last days of December wait for the next year's notice"): the fix's own cases beside
tests/test_a75.py."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import CalendarDataMissing, FieldInvalid, WorkCalendar, YearArrangement, official_years
from softenv_core.workdays.calendar import LATE_DECEMBER_FROM

LAST = official_years()[1]


def test_the_days_before_the_late_december_are_known_and_the_first_late_one_is_named() -> None:
    cal = WorkCalendar()
    cal.is_workday(date(LAST, 12, LATE_DECEMBER_FROM - 1))  # known with the year alone
    with pytest.raises(CalendarDataMissing) as raised:
        cal.workdays_between(date(LAST, 12, 1), date(LAST, 12, 31))
    assert (raised.value.year, raised.value.day) == (LAST + 1, date(LAST, 12, LATE_DECEMBER_FROM))
    assert f"{date(LAST, 12, LATE_DECEMBER_FROM)} waits for the notice for {LAST + 1}" in str(raised.value)
    assert "须待" in raised.value.zh


def test_owing_december_is_decided_by_its_first_weeks_where_they_decide_it() -> None:
    cal = WorkCalendar()
    first, last = date(LAST, 11, 30), date(LAST, 12, 31)
    assert cal.has_workdays(first, last, 5)  # a whole December: its first weeks hold 5
    assert not cal.has_workdays(date(LAST, 12, 27), last, 5)  # four days at most
    with pytest.raises(CalendarDataMissing):
        cal.has_workdays(date(LAST, 12, 20), last, 5)  # up to eleven days: the notice decides


def test_the_provisional_calendar_reads_them_as_weekends_and_marks_them() -> None:
    cal = WorkCalendar.provisional()
    day = date(LAST, 12, 31)
    assert cal.is_workday(day) is (day.weekday() < 5)
    assert cal.day_source(day).provisional
    assert any(s.provisional for s in cal.sources([day]))
    assert cal.provisional_in([day]) and not cal.provisional_in([date(LAST, 12, 1)])


def test_the_next_years_arrangement_states_them_and_takes_precedence() -> None:
    # The notice for 2019 as a supplied arrangement: 2018-12-29 (Sat) worked, 12-31 (Mon) off.
    arr = YearArrangement(2019, holidays={date(2018, 12, 31), date(2019, 1, 1)}, workdays={date(2018, 12, 29)})
    cal = WorkCalendar().with_arrangement(arr)
    assert cal.is_workday(date(2018, 12, 29)) and not cal.is_workday(date(2018, 12, 31))
    assert cal.day_source(date(2018, 12, 31)).name == "supplied"
    nxt = WorkCalendar().with_arrangement(YearArrangement(LAST + 1, holidays={date(LAST + 1, 1, 1)}, workdays=()))
    assert nxt.workdays_between(date(LAST, 12, 1), date(LAST, 12, 31)) > 0  # known with the next year
    with pytest.raises(FieldInvalid, match=f"{LAST}-12-{LATE_DECEMBER_FROM - 1:02d} is not in {LAST + 1}"):
        YearArrangement(LAST + 1, holidays={date(LAST, 12, LATE_DECEMBER_FROM - 1)}, workdays=())
