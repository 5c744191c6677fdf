"""The programme's first year and records before the baseline (in force from 2022-03-01).

Months before are "not in force" (DESIGN "City baseline"): a record dated then is valid
data, and must not stop a later report or year end. An item raised before
``followup.matter_categories`` is in force is not a tracked matter.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core import Month
from softenv_core.analyses.followup_status import followup_year, matters, open_matters
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing.builders import small_dataset


def _two_years() -> se.Dataset:
    """Contacts and reports of 2022 (from January, before the baseline) and of 2023, each
    contact with a difficulty (a matter category) besides its operating-conditions item."""
    a, b = small_dataset(2022), small_dataset(2023)
    hard = Item(ItemCategory.DIFFICULTY, "融资难")
    contacts = tuple(attrs.evolve(c, items=(*c.items, hard)) if c.items else c for c in a.contacts + b.contacts)
    return attrs.evolve(b, contacts=contacts, reports=a.reports + b.reports)


def test_pre_baseline_contacts_do_not_break_later_reports() -> None:
    ds = _two_years()
    assert any(c.date < date(2022, 3, 1) and c.items for c in ds.contacts)
    for month in (Month(2022, 6), Month(2023, 1), Month(2023, 6)):
        assert se.monitoring_report(ds, month, audience=se.CITY_OFFICE).month == month
    assert se.year_end(ds, 2022, audience=se.CITY_OFFICE).year == 2022


def test_items_raised_before_the_baseline_are_not_tracked_matters() -> None:
    ds, params = _two_years(), baseline_parameters()
    found = matters(ds, params)
    assert found and all(m.raised_on >= date(2022, 3, 1) for m in found)
    # Before the baseline no matter is open, and the answer cites no parameter not in force.
    early = open_matters(ds, date(2022, 2, 28), params)
    assert early.open == () and early.params == ()
    assert followup_year(ds, 2021, params).matters == 0


def _first_year() -> se.Dataset:
    """2022 with contacts only from March and reports from February (the first owed month)."""
    a = small_dataset(2022)
    return attrs.evolve(
        a,
        contacts=tuple(c for c in a.contacts if c.date.month >= 3),
        reports=tuple(r for r in a.reports if r.month.month >= 2),
    )


def test_february_2022_report_is_made() -> None:
    r = se.monitoring_report(_first_year(), Month(2022, 2), audience=se.CITY_OFFICE)
    assert r.month == Month(2022, 2)
    assert r.open_matters == () and r.common_problems == ()


@pytest.mark.parametrize("audience", ["county:379902", "public", "department:city-amr"])
def test_february_2022_report_is_made_for_every_reader(audience: str) -> None:
    """privacy.min_cell is in force from 2022-03-01: February's report, outside the city
    office, is guarded by its first value rather than refused (reviewer)."""
    r = se.monitoring_report(_first_year(), Month(2022, 2), audience=audience)
    assert r.month == Month(2022, 2) and r.audience == audience


def test_first_year_end_checks_its_window_with_the_years_last_day_value() -> None:
    """2022: the window is read on 31 December (DESIGN "Reading a parameter": year-end figures
    on the year's last day), where on 1 January nothing was in force yet."""
    ds = _first_year()
    point = ds.points[0]
    change = se.RosterChange(
        "RC-2022-1",
        point.id,
        se.ChangeAction.REMOVE,
        se.ChangeReason.OTHER,
        date(2022, 6, 15),
        se.Designator.CITY,  # points[0] is 市直: the city's to change (auditor a39)
        point.county,
    )
    ds = attrs.evolve(
        ds,
        points=tuple(attrs.evolve(p, designated_until=date(2022, 6, 14)) if p is point else p for p in ds.points),
        roster_changes=(change,),
    )
    ye = se.year_end(ds, 2022, audience=se.CITY_OFFICE)
    assert [w.change for w in ye.window] == ["RC-2022-1"]
    june = ye.window[0]
    assert june.params[0].name == "adjustment.window"
    # The window (01-01 to 01-31) read on 2022-12-31; a June removal for 其他 is outside it,
    # but that window preceded the baseline (2022-03-01): no change of 2022 could be made in
    # it, so none is flagged (t12 07).
    assert (june.window_start, june.window_end) == (date(2022, 1, 1), date(2022, 1, 31))
    assert not june.inside and june.exempt and not june.flagged and june.forced == "no_window"


def test_a_removal_before_the_exempt_reasons_were_in_force_is_judged_by_the_years_value() -> None:
    """A removal on 2022-02-10 at the enterprise's own wish: the exempt reasons are read on the
    year's last day (not in force on the change's day), and own wish is one of them."""
    ds = _first_year()
    point = ds.points[0]
    change = se.RosterChange(
        "RC-2022-2",
        point.id,
        se.ChangeAction.REMOVE,
        se.ChangeReason.OWN_WISH,
        date(2022, 2, 10),
        se.Designator.CITY,  # points[0] is 市直: the city's to change (auditor a39)
        point.county,
    )
    ds = attrs.evolve(
        ds,
        points=tuple(attrs.evolve(p, designated_until=date(2022, 2, 9)) if p is point else p for p in ds.points),
        roster_changes=(change,),
    )
    (check,) = se.year_end(ds, 2022, audience=se.CITY_OFFICE).window
    assert not check.inside and check.exempt and not check.flagged


def test_the_year_end_document_shows_its_notices() -> None:
    from softenv_core.render.notices import zh_notice
    from softenv_core.render.year_end import render_yearend

    ye = se.year_end(_first_year(), 2022, audience="county:" + _first_year().counties[0].code)
    assert ye.notices
    text = render_yearend(ye)
    # Its counties named, as the workbook names them (clerk c54 04): 甲区（379902）.
    shown = zh_notice(ye.notices[0], {c.code: c.name for c in _first_year().counties})
    assert "提示：" in text and shown.splitlines()[0][:20] in text


def test_a_complaint_before_the_baseline_has_no_limits_and_stops_no_report() -> None:
    """Received 2022-02-20, assigned and never signed for: its steps opened before the limits
    were in force have none (never overdue), and every later report is made."""
    from softenv_core.model.complaints import EventType
    from softenv_core.testing.builders import beijing, make_complaint

    ds = _two_years()
    q = make_complaint("Q-2022-1", ds.points[0].id, beijing(2022, 2, 20), until=EventType.ASSIGNED)
    ds = attrs.evolve(ds, complaints=(q,))
    for month in (Month(2022, 2), Month(2022, 6), Month(2023, 6)):
        r = se.monitoring_report(ds, month, audience=se.CITY_OFFICE)
        assert r.complaints_overdue == 0
        row = next(c for c in r.complaints if c.id == "Q-2022-1")
        assert row.open_step is not None and row.due_at is None and row.overdue_workdays == 0


def test_steps_without_a_limit_count_neither_for_nor_against_a_units_rates() -> None:
    """Signed and resolved in February 2022, before the limits: the year's rates of the unit
    do not count them late (response and resolution 0.00 before; auditor 2, finding 06)."""
    from softenv_core.analyses.complaint_handling import complaint_status, unit_rates
    from softenv_core.analyses.complaint_limits import sla_for
    from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
    from softenv_core.testing.builders import beijing
    from softenv_core.workdays.calendar import WorkCalendar

    e = ComplaintEvent
    events = (
        e(EventType.RECEIVED, beijing(2022, 2, 14), "x"),
        e(EventType.ACCEPTED, beijing(2022, 2, 14, 11), "x"),
        e(EventType.ASSIGNED, beijing(2022, 2, 14, 12), "x", unit="city-amr"),
        e(EventType.SIGNED, beijing(2022, 2, 15), "y"),
        e(EventType.RESOLVED, beijing(2022, 2, 18), "y"),
    )
    c = Complaint("C1", ComplaintKind.COMPLAINT, "P-379902-2", "city-amr", ItemCategory.FEES, "t", events=events)
    ds = attrs.evolve(small_dataset(2022), complaints=(c,))
    cal, pm, params = WorkCalendar(), se.get_plugin_manager(autoload=False), baseline_parameters()
    status = complaint_status(c, beijing(2022, 12, 31, 23), sla_for(pm, ds, c, cal, params), cal)
    assert all(step.due_at is None for step in status.steps if step.unit == "city-amr")
    rates = [u for u in unit_rates([(c, status)], 2022, params) if u.unit == "city-amr"]
    assert all(u.response != 0 and u.resolution != 0 for u in rates)
