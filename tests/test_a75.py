"""Auditor a75: dates computed by hand against the policy (DESIGN "decisions on periods",
docs/calendar.md). Each test asserts the behaviour the policy and docs ask for; it fails now."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import softenv_core as se
from softenv_core import CalendarDataMissing, Month, WorkCalendar, YearArrangement, official_years
from softenv_core.analyses.trends import trends

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def test_01_last_days_of_december_wait_for_next_years_notice() -> None:
    """The State Council notice for year Y+1 sets 元旦 and has more than once moved days of late
    December Y: the 2019 notice made 2018-12-29 (Sat) a working day and 2018-12-31 (Mon) a holiday,
    the 2008 notice 2007-12-29/30/31, the 2012 notice 2011-12-31, the 2006 notice 2005-12-31
    (chinesecalendar files them under Y, as "New Year's Day"). So while only year Y's notice is
    known, the last days of December Y are not known either: before the 2019 notice, a complaint
    received Fri 2018-12-28 was due (accept, 1 working day) on Mon 12-31 by the data, on Sat 12-29
    by the notice. DESIGN 3: the strict calendar must not answer such a day as official; and a
    supplied arrangement must be able to carry the notice's days of the previous December."""
    last = official_years()[1]
    cal = WorkCalendar()
    with pytest.raises(CalendarDataMissing) as raised:  # answered True (official) now
        cal.is_workday(date(last, 12, 31))
    assert raised.value.year == last + 1
    # The notice for Y+1 written as the calendar file/arrangement of Y+1, with its December days.
    arr = YearArrangement(last + 1, holidays={date(last, 12, 31), date(last + 1, 1, 1)}, workdays=set())
    assert date(last, 12, 31) in arr.holidays


def _dataset() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


def test_02_trends_of_december_strict_does_not_say_no_data() -> None:
    """trends(dataset, month, pm, params) (docs/programme.md) of December of the last covered year
    with the strict calendar: the month's working days are known (4 points owe its contact,
    contact_overview says so), only its default instant (the county deadlines in January) is not.
    It must raise CalendarDataMissing, as monitoring_report of the month does, or count the month
    as owed (has data, 0 reached) as it does with an explicit as_of; it says the month has no
    data (无数据), silently."""
    ds = _dataset()
    last = official_years()[1]
    month = Month(last, 12)
    pm, params = se.get_plugin_manager(), se.baseline_parameters()
    assert se.contact_overview(ds, month, audience="city"), "points owe the month's contact"
    with pytest.raises(CalendarDataMissing):
        se.monitoring_report(ds, month, pm, audience="city")
    try:
        t = trends(ds, month, pm, params)
    except CalendarDataMissing:
        return
    assert t.current.has_data, "a month whose points owe their contact read 无数据 with a strict calendar"


def test_03_contact_overview_with_a_provisional_year_is_marked() -> None:
    """DESIGN 3: a provisional mode marks every result it touches. contact_overview (and
    county_tallies, points_reached) decide who owes a month by its working days (>= 5): with
    WorkCalendar.provisional() and a year not published, October's 8 days of National Day are
    read as weekdays, so a point designated only 10-01..10-08 owes October (6 'working days')
    where every published year gives it at most 1 or 2. The result says nothing of it."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    year = official_years()[1] + 1
    point = doc["points"][3]
    point["designated_until"] = f"{year}-10-08"
    doc["ratings"] = [r for r in doc["ratings"] if r.get("rater") != point["id"]]
    ds = se.loads_dataset(json.dumps(doc))
    rows = se.contact_overview(ds, Month(year, 10), WorkCalendar.provisional(), audience="city")
    row = next(r for r in rows if r.point == point["id"])
    assert getattr(row, "provisional", False), "owed by a weekends-only count, unmarked"
