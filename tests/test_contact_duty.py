"""The monthly contact tally follows DESIGN "Who owes what, when" as the assessment does: a point
owes a month's contact only when designated on at least duty.min_workdays_in_month (5) working
days of it, and a contact counts only inside its interval (audit finding 02).

October 2025: 1–8 are the National Day holidays; 2025-10-31 is a Friday, so a point designated
from that day is designated on 1 working day of October and owes no October contact.
"""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.contact_overview import contact_overview, county_tallies, owing_points, points_reached
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.trends import trends
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.testing import small_dataset

JIA = "379902"
P = "P-379902-2"  # 甲区's county point, contacted on the 10th of every month in small_dataset
OCTOBER = Month(2025, 10)


def _designated_from(day, contacts=None):
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_from=day) if p.id == P else p for p in ds.points)
    kept = tuple(c for c in ds.contacts if c.point != P or c.date >= day) if contacts is None else contacts
    return attrs.evolve(ds, points=points, contacts=kept)


def _owed_by_the_assessment(ds, month):
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    return {p.id for p in a.points if month in p.active_months}


def test_a_point_designated_on_one_working_day_of_a_month_owes_no_contact_in_it():
    ds = _designated_from(date(2025, 10, 31))
    assert P not in _owed_by_the_assessment(ds, OCTOBER)
    assert P not in {o.point for o in contact_overview(ds, OCTOBER, audience=CITY_OFFICE)}
    assert P not in {o[0] for o in owing_points(ds, OCTOBER)}
    # 甲区 owes no October contact: P was its only 县区 point (its 市直 point is the city's).
    assert JIA not in county_tallies(ds, OCTOBER)  # was a tally of 2, with P unreached
    (row,) = [r for r in monitoring_report(ds, OCTOBER, audience=CITY_OFFICE).contacts if r.county == JIA]
    assert (row.active_points, row.unreached) == (0, ())
    # November: designated all month, owed; its contact on the 10th reaches it.
    assert county_tallies(ds, Month(2025, 11))[JIA].active == 1


def test_a_contact_before_the_designation_began_does_not_reach_the_point():
    base = small_dataset(2025)
    before = Contact("K-before", P, date(2025, 10, 10), ContactMethod.PHONE, JIA, True)
    ds = _designated_from(date(2025, 10, 20), (*(c for c in base.contacts if c.point != P), before))
    assert P in _owed_by_the_assessment(ds, OCTOBER)  # 10-20..10-31: 10 working days
    (row,) = [o for o in contact_overview(ds, OCTOBER, audience=CITY_OFFICE) if o.point == P]
    assert (row.reached, row.contacts, row.methods) == (False, (), ())
    tally = county_tallies(ds, OCTOBER)[JIA]
    assert (tally.active, tally.reached, tally.unreached, tally.methods) == (1, 0, [P], [])
    # The trends count the points reached as the overview does: the city point only.
    params = baseline_parameters()
    assert points_reached(ds, OCTOBER) == 5  # the six points but P
    assert trends(ds, OCTOBER, get_plugin_manager(autoload=False), params).current.points_reached == 5


def test_a_contact_inside_a_part_month_reaches_the_point():
    base = small_dataset(2025)
    inside = Contact("K-inside", P, date(2025, 10, 22), ContactMethod.VISIT, JIA, True)
    ds = _designated_from(date(2025, 10, 20), (*(c for c in base.contacts if c.point != P), inside))
    (row,) = [o for o in contact_overview(ds, OCTOBER, audience=CITY_OFFICE) if o.point == P]
    assert (row.reached, row.contacts, row.methods) == (True, ("K-inside",), ("visit",))
    tally = county_tallies(ds, OCTOBER)[JIA]
    assert (tally.active, tally.reached, tally.unreached) == (1, 1, [])
    assert points_reached(ds, OCTOBER) == 6


def test_the_points_owing_each_month_are_those_the_assessment_scores_the_month_for():
    ds = _designated_from(date(2025, 10, 31))
    ends = {"P-379921-1": date(2025, 3, 3), "P-379981-2": date(2025, 6, 5)}  # 1 and 3 working days
    points = tuple(attrs.evolve(p, designated_until=ends[p.id]) if p.id in ends else p for p in ds.points)
    ds = attrs.evolve(ds, points=points, contacts=tuple(c for c in ds.contacts if c.date <= ends.get(c.point, c.date)))
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    for month in (Month(2025, m) for m in range(1, 13)):
        owed = {p.id for p in a.points if month in p.active_months}
        assert {o.point for o in contact_overview(ds, month, audience=CITY_OFFICE)} == owed, month
        assert sum(t.active for t in county_tallies(ds, month).values()) == len(owed), month
