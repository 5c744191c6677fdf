"""Under the strict calendar a report outside the city office fails, or not, whatever the
complaints (tdiff finding 05).

November's report failed for every audience exactly when a complaint's open step fell due in
the next year, whose arrangement was not known: the failure told the public that such a
complaint existed. Outside the city office a month whose complaint steps could reach the next
year (complaint_limits.require_reach_known) now needs that year whether or not one does; the
city office still gets the error only when a complaint needs it."""

from __future__ import annotations

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.complaints import ComplaintEvent, EventType
from softenv_core.testing.builders import beijing, make_complaint, small_dataset
from softenv_core.workdays.calendar import WorkCalendar, YearArrangement

YEAR = 2040  # beyond any installed chinesecalendar: the year is supplied, the next is not
CAL = WorkCalendar().with_arrangement(YearArrangement(YEAR, holidays=frozenset(), workdays=frozenset(), reference="t"))


def _outcome(ds, month, audience):
    try:
        report = monitoring_report(ds, Month(YEAR, month), audience=audience, calendar=CAL)
    except CalendarDataMissing as e:
        return f"missing {e.year}"
    return "produced" if report is not None else "?"


def _extended():
    """Signed on 30 November and extended: due in January of the next year."""
    c = make_complaint("Q-X", "P-379902-2", beijing(YEAR, 11, 28, 9), until=EventType.SIGNED)
    extension = ComplaintEvent(EventType.EXTENDED, beijing(YEAR, 11, 30, 15), "市软建办", extension_days=15)
    return attrs.evolve(c, events=(*c.events, extension))


def test_the_outcome_outside_the_city_office_does_not_depend_on_a_complaint_due_next_year():
    base = small_dataset(YEAR)
    with_one = attrs.evolve(base, complaints=(_extended(),))
    for audience in ("public", "county:379902", "department:city-amr"):
        assert _outcome(base, 11, audience) == _outcome(with_one, 11, audience) == f"missing {YEAR + 1}"
        assert _outcome(base, 10, audience) == _outcome(with_one, 10, audience) == "produced"
    # The city office is told only when a complaint needs the year.
    assert _outcome(base, 11, CITY_OFFICE) == "produced"
    with pytest.raises(CalendarDataMissing):
        monitoring_report(with_one, Month(YEAR, 11), audience=CITY_OFFICE, calendar=CAL)
