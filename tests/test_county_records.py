"""A county's own records checked against each other (platform round 3, findings 05 and 08)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import FieldInvalid, InputError, loads_dataset
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.periods import Month
from softenv_core.model.roster import ChangeAction, ChangeReason, Designator, RosterChange, Waiver
from softenv_core.testing import small_dataset


def _refused(ds) -> list[str]:
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(ds))
    return list(refused.value.problems)


def test_a_county_ending_before_it_begins_is_refused_at_construction():
    with pytest.raises(FieldInvalid, match="effective_until: 2025-01-01 is before effective_from 2025-06-01"):
        County("379902", "东城区", CountyKind.DISTRICT, "东城区经贸委", date(2025, 6, 1), date(2025, 1, 1))


def test_a_roster_change_names_its_points_county():
    ds = small_dataset(2025)
    point = ds.points[0]
    other = next(c.code for c in ds.counties if c.code != point.county)
    # Its addition, effective the day the point's record begins (so the two agree), typed with another county.
    change = RosterChange(
        "RC-1", point.id, ChangeAction.ADD, ChangeReason.DESIGNATION, point.designated_from, Designator.CITY, other
    )
    i, owner = 0, point.county
    problems = _refused(attrs.evolve(ds, roster_changes=(change,)))
    wanted = (
        f"$.roster_changes[{i}] ({change.id}).county: {other!r} but point {change.point} is of county {owner}; "
        "a roster change concerns its point's county"
    )
    assert wanted in problems, problems
    assert "名册调整应写该监测点所在县区" in problem_text(wanted, "zh")


def test_a_report_on_a_month_its_county_does_not_exist_in_is_refused():
    ds = small_dataset(2025)
    report = next(r for r in ds.reports if r.month.month == 3)
    # The county created in April: its points begin then too (a point outside its county is its own problem).
    counties = tuple(
        attrs.evolve(c, effective_from=date(2025, 4, 1)) if c.code == report.county else c for c in ds.counties
    )
    points = tuple(
        attrs.evolve(p, designated_from=max(p.designated_from, date(2025, 4, 1))) if p.county == report.county else p
        for p in ds.points
    )
    contacts = tuple(
        c for c in ds.contacts if not (ds.point_by_id[c.point].county == report.county and c.date < date(2025, 4, 1))
    )
    reports = tuple(r for r in ds.reports if not (r.county == report.county and r.month.month < 3))
    problems = _refused(attrs.evolve(ds, counties=counties, points=points, contacts=contacts, reports=reports))
    i = reports.index(report)
    wanted = (
        f"$.reports[{i}] ({report.id}).month: 2025-03 but county {report.county} exists from 2025-04-01 to …; "
        "a county reports only on a month it exists in"
    )
    assert wanted in problems, problems
    assert "不在县区" in problem_text(wanted, "zh")


def test_a_waiver_on_a_month_its_county_does_not_exist_in_is_refused_as_a_report_is():
    # 乙 abolished on 2025-09-30: a city waiver of its November excuses nothing (auditor t9 04).
    ds = small_dataset(2025)
    code = ds.counties[-1].code
    counties = tuple(attrs.evolve(c, effective_until=date(2025, 9, 30)) if c.code == code else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 9, 30)) if p.county == code else p for p in ds.points)
    mine = {p.id for p in points if p.county == code}
    contacts = tuple(c for c in ds.contacts if not (c.point in mine and c.date > date(2025, 9, 30)))
    reports = tuple(r for r in ds.reports if not (r.county == code and r.month.month > 9))
    waivers = (
        Waiver("W-ok", code, Month(2025, 9), "不可抗力", date(2025, 10, 20)),
        Waiver("W-nov", code, Month(2025, 11), "不可抗力", date(2025, 12, 20)),
    )
    ds = attrs.evolve(ds, counties=counties, points=points, contacts=contacts, reports=reports, waivers=waivers)
    wanted = (
        f"$.waivers[1] (W-nov).month: 2025-11 but county {code} exists from … to 2025-09-30; "
        "a waiver excuses only a month its county exists in: correct its month or county, or delete it"
    )
    problems = _refused(ds)
    assert problems == [wanted], problems
    assert "豁免只能针对县区存在的月份：请改正所豁免的月份或县区" in problem_text(wanted, "zh")
