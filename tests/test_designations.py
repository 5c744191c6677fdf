"""One source of a point's designation interval (DESIGN "Who owes what, when"): the record and
its roster changes, read the same way by every analysis, not only by the assessment.

Audit finding 01: a point removed only by a roster change (its record without an end) was
still counted as designated by the monthly contacts, representativeness (and the year end's
roster before the adjustment), the liaison workload and appraise's participation lists.
"""

from datetime import date

import attrs
import pytest

from softenv_core import (
    CITY_OFFICE,
    InputError,
    Month,
    assess,
    baseline_parameters,
    get_plugin_manager,
    validate,
)
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.contact_overview import contact_overview, county_tallies
from softenv_core.analyses.liaison import liaison_workload
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.representativeness import representativeness
from softenv_core.analyses.year_end import year_end
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import small_dataset

JIA = "379902"
P = "P-379902-2"  # 甲区's county point; P-379902-1 is its city-level point, also in 甲区
JULY = date(2025, 7, 1)


def _removed_by_a_change_only():
    """P removed effective 2025-07-01 by a roster change; its record has no end."""
    ds = small_dataset(2025)
    removal = RosterChange("RC1", P, ChangeAction.REMOVE, ChangeReason.OWN_WISH, JULY, Designator.COUNTY, JIA)
    h2 = AppraisalRound("A-2025-H2", HalfYear(2025, 2), date(2025, 12, 5), date(2025, 12, 20))
    contacts = tuple(c for c in ds.contacts if not (c.point == P and c.date >= JULY))
    return attrs.evolve(ds, roster_changes=(removal,), contacts=contacts, appraisal_rounds=(h2,))


def test_the_dataset_reads_the_interval_from_the_record_and_its_roster_changes():
    ds = _removed_by_a_change_only()
    assert ds.point_by_id[P].designated_until is None  # the record as written
    designated = next(p for p in ds.designated_points if p.id == P)
    assert (designated.designated_from, designated.designated_until) == (date(2020, 1, 1), date(2025, 6, 30))
    assert next(t for t in ds.point_terms if t[0] == P)[4] == date(2025, 6, 30)


def test_the_monthly_contacts_leave_out_a_point_removed_by_a_change_only():
    ds = _removed_by_a_change_only()
    september = Month(2025, 9)
    assert [
        o.point for o in contact_overview(ds, september, audience=CITY_OFFICE) if o.point.startswith("P-379902")
    ] == ["P-379902-1"]
    # 甲区's row counts its 县区 points only (P-379902-1 is 市直, the city's): none left.
    assert JIA not in county_tallies(ds, september)  # was a tally with the removed point, unreached
    (row,) = [r for r in monitoring_report(ds, september, audience=CITY_OFFICE).contacts if r.county == JIA]
    assert (row.active_points, row.reached, row.unreached) == (0, 0, ())
    # June is still inside its interval: counted and reached.
    assert county_tallies(ds, Month(2025, 6))[JIA].active == 1


def test_the_roster_on_a_day_leaves_out_a_point_removed_by_a_change_only():
    ds = _removed_by_a_change_only()
    params = baseline_parameters()
    assert representativeness(ds, date(2025, 12, 31), params, audience=CITY_OFFICE).by_county[JIA] == 1
    assert representativeness(ds, date(2025, 6, 30), params, audience=CITY_OFFICE).by_county[JIA] == 2
    assert year_end(ds, 2025, audience=CITY_OFFICE).roster_before.by_county[JIA] == 1
    workload = liaison_workload(ds, date(2025, 9, 30))
    listed = set(workload.unassigned) | {p for w in workload.persons for p in w.points}
    assert P not in listed and "P-379902-1" in listed


def test_appraise_does_not_expect_a_round_from_a_point_removed_by_a_change_only():
    result = appraise(_removed_by_a_change_only(), "A-2025-H2", baseline_parameters(), audience=CITY_OFFICE)
    assert P not in result.points_not_taking_part and P not in result.points_taking_part
    assert "P-379902-1" in result.points_not_taking_part


def test_a_record_and_a_change_that_disagree_are_refused_by_validation_naming_both():
    ds = _removed_by_a_change_only()
    points = tuple(attrs.evolve(p, designated_until=date(2025, 9, 30)) if p.id == P else p for p in ds.points)
    with pytest.raises(InputError) as info:
        validate(attrs.evolve(ds, points=points))
    (problem,) = info.value.problems
    assert problem.startswith(f"$.points[1] ({P}).designated_until: 2025-09-30 disagrees with")
    assert "$.roster_changes[0].effective (RC1)" in problem and "2025-06-30" in problem


def test_appraise_lists_as_not_taking_part_only_the_points_designated_during_the_window():
    # Audit finding 11: a point that left on 2025-02-28 was listed as not taking part in the H1
    # round held 06-10..06-25, which the assessment (rightly) does not expect of it.
    ds = small_dataset(2025)
    h1 = AppraisalRound("A-2025-H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
    ends = {P: date(2025, 2, 28), "P-379921-1": date(2025, 6, 10)}  # the second: the window's first day
    points = tuple(attrs.evolve(p, designated_until=ends[p.id]) if p.id in ends else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.date <= ends.get(c.point, c.date))
    ds = attrs.evolve(ds, points=points, contacts=contacts, appraisal_rounds=(h1,))
    result = appraise(ds, "A-2025-H1", baseline_parameters(), audience=CITY_OFFICE)
    assert P not in result.points_not_taking_part and P not in result.points_taking_part
    assert "P-379921-1" in result.points_not_taking_part
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    # Nobody rated: the points the assessment expects the round of are those listed.
    expected = {p.id for p in a.points for i in p.items if i.rule.id == "city.duty.appraisal" and "应参加" in i.reason}
    assert set(result.points_not_taking_part) == expected
