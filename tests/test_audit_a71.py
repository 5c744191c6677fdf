"""Auditor a71: dates and membership (designation intervals, re-designation, liaison persons,
owed months) checked against figures worked out by hand from DESIGN and the docs.

Findings: 01 the 全年在册 reason named another record of the enterprise by its bare record
("在册 2020-01-01 至今") after a roster change removed it; 02 section 三 counted the 非定人 contacts
of a point that does not owe the month but not its 非责任单位 contacts; 03 a department's
suggestion to remove a point already off the roster was proposed as an action still to take; 04 a
suggestion naming another county than its point's loaded silently and was listed under that
county; 05 a month a county does not owe (无需报送) printed 未报 in its 首次报送 cell.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month, monitoring_report
from softenv_core.analyses.assessment import assess
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import make_point, small_dataset


def _pm():
    return get_plugin_manager(autoload=False)


def _moved_dataset():
    """An enterprise's county record, open-ended on its record but removed effective 2025-07-01
    by a roster change, and its new record in another county from that day (a transfer)."""
    ds = small_dataset(2025)
    old = attrs.evolve(make_point("OLD", "379902", 90), designated_by=Designator.COUNTY)
    new = attrs.evolve(
        make_point("NEW", "379921", 91, designated_from=date(2025, 7, 1)),
        enterprise=old.enterprise,
        designated_by=Designator.COUNTY,
    )
    changes = (
        RosterChange(
            "RC-OLD", "OLD", ChangeAction.REMOVE, ChangeReason.OTHER, date(2025, 7, 1), Designator.COUNTY, "379902"
        ),
        RosterChange(
            "RC-NEW", "NEW", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 7, 1), Designator.COUNTY, "379921"
        ),
    )
    return attrs.evolve(ds, points=(*ds.points, old, new), roster_changes=changes)


def test_01_whole_year_reason_names_the_other_records_effective_interval():
    """city.nominate.whole_year names the enterprise's other record "在册 2020-01-01 至今" although a
    roster change removed it effective 2025-07-01: the reason reads the bare record
    (rules/city/commendation._other_records reads dataset.points), not the interval the record
    and its roster changes agree on (DESIGN "Who owes what, when"; docs/rules.md "Points": the
    interval is worked out once and every analysis reads it)."""
    ds = _moved_dataset()
    result = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    new = next(p for p in result.points if p.id == "NEW")
    cond = next(c for c in new.nomination_conditions if c.rule.id == "city.nominate.whole_year")
    assert not cond.passed
    assert "另有监测点记录在册" in cond.reason
    assert "2020-01-01 至 2025-06-30" in cond.reason, cond.reason
    assert "至今" not in cond.reason.split("另有监测点记录在册")[1], cond.reason


def _short_month_dataset():
    """A 市直 point and a 县区 point designated from Thursday 2025-03-27: 3 working days of March
    (27, 28, 31), fewer than duty.min_workdays_in_month (5), so neither owes March. Each has,
    inside its interval, one contact logged by the wrong office and one made by someone other
    than its liaison person."""
    ds = small_dataset(2025)
    day = date(2025, 3, 27)
    city = attrs.evolve(
        make_point("LATE-C", "379902", 80, level=PointLevel.CITY, designated_from=day), liaison_person="王五"
    )
    county = attrs.evolve(
        make_point("LATE-K", "379902", 81, designated_from=day), designated_by=Designator.COUNTY, liaison_person="王五"
    )
    contacts = (
        # wrong office (a county office's contact with a 市直 point; the city's with a 县区 point)
        Contact("W-C", "LATE-C", date(2025, 3, 28), ContactMethod.VISIT, "379902", made_by="王五"),
        Contact("W-K", "LATE-K", date(2025, 3, 28), ContactMethod.VISIT, "city", made_by="王五"),
        # the responsible office, but not the liaison person (非定人)
        Contact("N-C", "LATE-C", date(2025, 3, 31), ContactMethod.PHONE, "city", made_by="赵六"),
        Contact("N-K", "LATE-K", date(2025, 3, 31), ContactMethod.PHONE, "379902", made_by="赵六"),
    )
    changes = (
        RosterChange("RC-C", "LATE-C", ChangeAction.ADD, ChangeReason.DESIGNATION, day, Designator.CITY, "379902"),
        RosterChange("RC-K", "LATE-K", ChangeAction.ADD, ChangeReason.DESIGNATION, day, Designator.COUNTY, "379902"),
    )
    return attrs.evolve(
        ds, points=(*ds.points, city, county), contacts=(*ds.contacts, *contacts), roster_changes=changes
    )


def test_02_short_of_days_points_count_alike_in_wrong_office_and_non_liaison_columns():
    """Section 三 leaves a point designated too few working days of the month out of its table
    (note: 不计入本表, listed under 本月在册工作日不足5天): its contact by the wrong office is not
    counted in 非责任单位联系, yet its contact by someone other than its liaison person is counted
    in 非定人联系 of the same row (analyses/contact_rows.py counts liaison_check's flags over every
    contact inside the interval, the tally's wrong-office contacts only for owing points). The two
    columns of one row must read the same points: here both 0, as the owing points' contacts are
    all proper (auditor a43 fixed the same "应联系 0 beside 非定人 1" for contacts outside the
    interval)."""
    ds = _short_month_dataset()
    report = monitoring_report(ds, Month(2025, 3), _pm(), audience=CITY_OFFICE)
    rows = {r.county: r for r in report.contacts}
    county = rows["379902"]
    assert "LATE-K" in county.short_of_days
    assert county.wrong_office_count == 0  # W-K (short-of-days point) not counted
    assert county.not_liaison_count == county.wrong_office_count, (county.not_liaison, county.wrong_office)
    city = rows.get("city")
    if city is not None:
        assert city.not_liaison_count == city.wrong_office_count, (city.not_liaison, city.wrong_office)


def _suggestions_dataset(county_of_suggestion: str = "379902"):
    """A 县区 point of 379902 removed (own wish) effective 2025-10-01, and a department's
    suggestion of 2025-11-01 to remove it; a whole-year point of 379902 that a suggestion names
    under ``county_of_suggestion``."""
    from softenv_core.model.roster import AdjustmentSuggestion

    ds = small_dataset(2025)
    gone = attrs.evolve(make_point("GONE", "379902", 70), designated_by=Designator.COUNTY)
    stay = attrs.evolve(make_point("STAY", "379902", 71), designated_by=Designator.COUNTY)
    removal = RosterChange(
        "RC-GONE", "GONE", ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 10, 1), Designator.COUNTY, "379902"
    )
    suggestions = (
        AdjustmentSuggestion(
            "S-GONE", "city-amr", ChangeAction.REMOVE, "379902", date(2025, 11, 1), "经营异常", "GONE"
        ),
        AdjustmentSuggestion(
            "S-STAY", "city-amr", ChangeAction.REMOVE, county_of_suggestion, date(2025, 11, 1), "经营异常", "STAY"
        ),
    )
    return attrs.evolve(
        ds, points=(*ds.points, gone, stay), roster_changes=(removal,), adjustment_suggestions=suggestions
    )


def test_03_suggested_removal_of_a_point_already_off_the_roster_is_not_proposed_unsaid():
    """A department's suggestion to remove a point already removed (effective 2025-10-01, before
    the suggestion of 2025-11-01) is turned into a removal proposal at the annual adjustment, as an
    action still to take (analyses/adjustment.propose_from_suggestions checks no designation).
    The other grounds do not do this: docs/data-format.md ("a record not designated at year end
    gets no proposal"), and docs/yearend.md names a removal already recorded (已记录撤销 RC-…)
    so that a proposal is not read as an action nobody has taken (auditors a39, a59)."""
    from softenv_core.analyses.adjustment import propose_from_suggestions

    ds = _suggestions_dataset()
    props = [p for p in propose_from_suggestions(ds, 2025) if p.point == "GONE"]
    assert not props or any("RC-GONE" in e for e in props[0].explanation), props


def test_04_suggestion_naming_another_county_than_its_point_is_caught():
    """An adjustment suggestion naming county 379921 for a point of 379902 loads silently, and the
    year end lists it as `STAY（379921 乙县）`: the proposal takes the suggestion's county, not the
    point's. A roster change naming another county than its point's is refused on load
    (docs/rules.md "A county's own records": `$.roster_changes[0] (RC-…).county: '379903' but point
    P-1 is of county 379902`); the suggestion, about the same roster, is not checked at all."""
    from softenv_core import InputError, validate
    from softenv_core.analyses.adjustment import propose_from_suggestions

    ds = _suggestions_dataset("379921")
    problems = ""
    try:
        validate(ds)
    except InputError as e:
        problems = str(e)
    if problems:  # refused on load, naming the suggestion: fixed that way
        assert "adjustment_suggestions" in problems
        return
    props = [p for p in propose_from_suggestions(ds, 2025) if p.point == "STAY"]
    assert props and props[0].county == "379902", props


def test_05_a_month_not_owed_is_not_written_unreported():
    """docs/monitoring.md (section 二): a county in a month before it was created is **无需报送**
    (`not_owed`, no due day), "never 未报". The Markdown row reads `| — | 未报 | 无需报送 |`: its
    首次报送 cell says 未报 (render/monitoring_sections.py writes 未报 for every row without a
    submission), so the row says both that the county did not report and that it owed nothing."""
    from softenv_core import render_markdown

    ds = small_dataset(2025)
    new = "379981"
    counties = tuple(attrs.evolve(c, effective_from=date(2025, 7, 1)) if c.code == new else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_from=date(2025, 7, 1)) if p.county == new else p for p in ds.points)
    mine = {p.id for p in points if p.county == new}
    contacts = tuple(c for c in ds.contacts if c.point not in mine or c.date >= date(2025, 7, 1))
    reports = tuple(r for r in ds.reports if r.county != new or r.month >= Month(2025, 7))
    ds = attrs.evolve(ds, counties=counties, points=points, contacts=contacts, reports=reports)
    report = monitoring_report(ds, Month(2025, 6), _pm(), audience=CITY_OFFICE)
    row = next(r for r in report.county_reports if r.county == new)
    assert row.status == "not_owed"
    line = next(ln for ln in render_markdown(report).splitlines() if ln.startswith(f"| {new} "))
    assert "无需报送" in line
    assert "未报" not in line, line
