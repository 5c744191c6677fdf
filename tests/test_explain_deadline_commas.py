"""`softenv explain --county` lists the months under each deadline rule, and `softenv explain
--deadline` (and `softenv deadline`) its calendar sources, with the enumeration comma ``、`` in
Chinese: a half-width ``, `` sat inside Chinese text (review c43 item 1); English keeps ``, ``."""

from __future__ import annotations

import attrs

from softenv_core import CITY_OFFICE, Month, WorkCalendar, assess, monthly_deadline
from softenv_core.render.assessment import explain_county, explain_deadline
from softenv_core.testing import small_dataset
from softenv_core.workdays.calendar import CalendarSource

MONTHS = [f"2025-{m:02}" for m in range(1, 13)]


def test_the_months_under_a_deadline_rule_are_separated_by_the_enumeration_comma_in_chinese() -> None:
    county = assess(small_dataset(2025), 2025, audience=CITY_OFFICE).county("379902")
    zh, en = explain_county(county, "zh"), explain_county(county, "en")
    assert f"：{'、'.join(MONTHS)}\n" in zh
    assert "2025-01, 2025-02" not in zh
    assert f": {', '.join(MONTHS)}\n" in en


def test_the_calendar_sources_of_a_deadline_too() -> None:
    d = monthly_deadline(WorkCalendar(), Month(2025, 3), 5, rule_id="x", reference="y")
    two = attrs.evolve(d, calendar_sources=(CalendarSource("a", "1"), CalendarSource("b", "2")))
    first, second = (str(s) for s in two.calendar_sources)
    assert f"  日历依据：{first}、{second}\n" in explain_deadline(two, "379902", "2025-03", "zh")
    assert f"  Calendar: {first}, {second}\n" in explain_deadline(two, "379902", "2025-03", "en")
