"""A monthly report made inside its month (``as_of``, the city office's progress view) counts
the points that owe the month's contact on the roster known at that instant
(``roster_changes.known_roster``), as the assessment and the year end do: a roster change
neither in effect nor filed by then does not yet shape the roster (attacker x34). The report
as of 2025-03-20 counted a point added from 03-21 (no filing yet) as 应联系 and 未联系上, and
as of 03-04 left out a point whose removal from 03-06 nobody had filed yet."""

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.contact_overview import contact_overview, county_tallies, points_reached
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing import beijing, make_point, small_dataset

JIA = "379902"
MARCH = Month(2025, 3)
MID = beijing(2025, 3, 20)  # the report's instant, inside March
NEW = f"P-{JIA}-9"


def _with_addition(filed_on: date | None):
    """small_dataset with a 甲区 point added from 2025-03-21 (filed on ``filed_on``, or not)."""
    ds = small_dataset(2025)
    point = make_point(NEW, JIA, 9, designated_from=date(2025, 3, 21))
    add = RosterChange(
        "RC-NEW", NEW, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 3, 21), Designator.COUNTY, JIA
    )
    filings = () if filed_on is None else (Filing("F-NEW", JIA, filed_on, ("RC-NEW",)),)
    return attrs.evolve(ds, points=(*ds.points, point), roster_changes=(add,), filings=filings)


def _jia(report):
    return next(r for r in report.contacts if r.county == JIA)


def test_an_addition_not_known_at_the_instant_owes_nothing_yet():
    before = monitoring_report(small_dataset(2025), MARCH, audience=CITY_OFFICE, as_of=MID)
    after = monitoring_report(_with_addition(None), MARCH, audience=CITY_OFFICE, as_of=MID)
    assert NEW not in _jia(after).unreached
    assert _jia(after).active_points == _jia(before).active_points
    assert after.to_json().replace(NEW, "") == after.to_json()
    ds = _with_addition(None)
    assert NEW not in {o.point for o in contact_overview(ds, MARCH, as_of=MID, audience=CITY_OFFICE)}
    assert NEW not in county_tallies(ds, MARCH, as_of=MID)[JIA].unreached
    assert points_reached(ds, MARCH, as_of=MID) == points_reached(small_dataset(2025), MARCH, as_of=MID)


def test_an_addition_filed_before_the_instant_owes_the_month():
    ds = _with_addition(date(2025, 3, 10))
    report = monitoring_report(ds, MARCH, audience=CITY_OFFICE, as_of=MID)
    assert NEW in _jia(report).unreached  # known: filed before it takes effect, as filing is for
    assert NEW in {o.point for o in contact_overview(ds, MARCH, as_of=MID, audience=CITY_OFFICE)}


def test_after_the_month_the_addition_is_in_effect_and_owes_it():
    ds = _with_addition(None)
    report = monitoring_report(ds, MARCH, audience=CITY_OFFICE)  # the default instant, in April
    assert NEW in _jia(report).unreached


def test_a_removal_not_known_at_the_instant_leaves_the_point_owing():
    """Removed from 03-06 (three working days designated: it owes no March contact), not filed:
    as of 03-04 the point is designated, as far as anyone could know, and owes March."""
    ds = small_dataset(2025)
    gone = f"P-{JIA}-2"
    points = tuple(attrs.evolve(p, designated_until=date(2025, 3, 5)) if p.id == gone else p for p in ds.points)
    remove = RosterChange(
        "RC-GONE", gone, ChangeAction.REMOVE, ChangeReason.OTHER, date(2025, 3, 6), Designator.COUNTY, JIA
    )
    ds = attrs.evolve(ds, points=points, roster_changes=(remove,))
    early = beijing(2025, 3, 4)
    assert gone in _jia(monitoring_report(ds, MARCH, audience=CITY_OFFICE, as_of=early)).unreached
    assert gone not in _jia(monitoring_report(ds, MARCH, audience=CITY_OFFICE)).unreached
