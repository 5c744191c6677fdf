"""Matters count only inside their point's designation interval, and only from months when the
common-problem rule is in force (audit findings 06 and 05).

DESIGN "Who owes what, when": a contact (and a complaint) counts only inside the interval;
docs/rules.md "Common problems": a month before ``common.min_points`` is in force contributes
no matters to a window (its matters are not tracked either).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month, get_plugin_manager, monitoring_report
from softenv_core.analyses.common_problems import common_problems
from softenv_core.analyses.followup_status import followup_year, matters
from softenv_core.analyses.trends import month_figures
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.complaints import Complaint, ComplaintKind, EventType
from softenv_core.model.complaints import ComplaintEvent as Event
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import designated_on
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing.builders import beijing, small_dataset

GONE = "P-379921-1"  # designated until 2025-08-31 below (record and removal agree)


def _fees_only(found):
    """The problems (or topics, matters) of the fees items these tests add: small_dataset's every
    reached point reports 经营状况 "生产经营平稳" naming no department, since auditor a70 03 a
    common problem of its own each month (docs/rules.md "Open: items naming no department")."""
    return tuple(f for f in found if (f[0] if isinstance(f, tuple) else f.category) == "fees")


def _fees(ds: Dataset, point: str, day: date) -> Contact:
    liaison = next(p.liaison for p in ds.points if p.id == point)
    item = Item(ItemCategory.FEES, "收费", department="city-amr")
    return Contact(f"X-{point}-{day}", point, day, ContactMethod.VISIT, liaison, True, (item,))


def _removed() -> Dataset:
    """2025 with P-379921-1 removed effective 2025-09-01, and two fees items inside their
    points' intervals: P-379902-1 in July, P-379902-2 in September (one county)."""
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 8, 31)) if p.id == GONE else p for p in ds.points)
    removal = RosterChange(
        "RC-1", GONE, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 9, 1), Designator.CITY, "379921"
    )
    kept = tuple(c for c in ds.contacts if not (c.point == GONE and c.date.month >= 9))
    added = (_fees(ds, "P-379902-1", date(2025, 7, 3)), _fees(ds, "P-379902-2", date(2025, 9, 3)))
    return attrs.evolve(ds, points=points, roster_changes=(removal,), contacts=kept + added)


def _with_late_contact() -> Dataset:
    ds = _removed()
    return attrs.evolve(ds, contacts=(*ds.contacts, _fees(ds, GONE, date(2025, 9, 10))))


def _with_late_complaint() -> Dataset:
    at = beijing(2025, 9, 10)
    events = (
        Event(EventType.RECEIVED, at, "x"),
        Event(EventType.ACCEPTED, at + timedelta(hours=1), "x"),
        Event(EventType.ASSIGNED, at + timedelta(hours=2), "x", unit="city-amr"),
        Event(EventType.SIGNED, at + timedelta(hours=3), "y"),
    )
    q = Complaint("Q1", ComplaintKind.COMPLAINT, GONE, "city-amr", ItemCategory.FEES, "收费", events=events)
    return attrs.evolve(_removed(), complaints=(q,))


@pytest.mark.parametrize("build", [_with_late_contact, _with_late_complaint])
def test_a_record_after_the_designation_ended_raises_no_common_problem(build) -> None:
    ds = build()
    assert _fees_only(monitoring_report(ds, Month(2025, 9), audience=CITY_OFFICE).common_problems) == ()
    assert _fees_only(year_end(ds, 2025, audience=CITY_OFFICE).topics) == ()
    # The same record inside the interval (a day earlier, in August) would make one.
    params = baseline_parameters()
    assert _fees_only(common_problems(ds, Month(2025, 9), params)) == ()
    assert _fees_only(ds.matters_by_month[Month(2025, 9)]) == (
        ("fees", "city-amr", "P-379902-2", "X-P-379902-2-2025-09-03"),
    )


def test_the_same_record_inside_the_interval_still_counts() -> None:
    ds = _removed()
    inside = attrs.evolve(ds, contacts=(*ds.contacts, _fees(ds, GONE, date(2025, 8, 31))))
    found = _fees_only(common_problems(inside, Month(2025, 9), baseline_parameters()))
    assert [p.points for p in found] == [("P-379902-1", "P-379902-2", GONE)]


def test_a_contact_after_the_designation_ended_is_no_item_and_no_matter() -> None:
    ds, before = _with_late_contact(), _removed()
    params, pm = baseline_parameters(), get_plugin_manager(autoload=False, plugins=[])
    month = Month(2025, 9)
    # Section 四 and the trends count the month's items as before the contact was added.
    report = monitoring_report(ds, month, pm, audience=CITY_OFFICE)
    assert report.items_by_category == monitoring_report(before, month, pm, audience=CITY_OFFICE).items_by_category
    assert month_figures(ds, month, pm, params).items_by_category == (
        month_figures(before, month, pm, params).items_by_category
    )
    # Nor is it a follow-up matter (the year end's 事项跟踪).
    assert not any(m.point == GONE and m.raised_on >= date(2025, 9, 1) for m in matters(ds, params))
    assert followup_year(ds, 2025, params).matters == followup_year(before, 2025, params).matters


def test_a_contact_of_a_point_not_on_the_roster_raises_no_matter() -> None:
    ds = _removed()
    stranger = attrs.evolve(_fees(ds, "P-379902-1", date(2025, 9, 4)), id="X-stranger", point="P-nowhere")
    assert not ds.designated_in(Month(2025, 9)).holds("P-nowhere", date(2025, 9, 4))
    assert (
        ds.contacts_with_items_by_month[Month(2025, 9)]
        == attrs.evolve(ds, contacts=(*ds.contacts, stranger)).contacts_with_items_by_month[Month(2025, 9)]
    )


def test_designated_on_reads_both_ends() -> None:
    since, until = date(2025, 3, 1), date(2025, 8, 31)
    assert designated_on(since, until, since) and designated_on(since, until, until)
    assert not designated_on(since, until, since - timedelta(days=1))
    assert not designated_on(since, until, until + timedelta(days=1))
    assert designated_on(since, None, date(2099, 1, 1))


def _first_year() -> Dataset:
    """2022 with a fees item at three points in two counties: January, February, March."""
    ds = small_dataset(2022)
    days = {"P-379902-1": date(2022, 1, 12), "P-379902-2": date(2022, 2, 14), "P-379921-1": date(2022, 3, 3)}
    return attrs.evolve(ds, contacts=ds.contacts + tuple(_fees(ds, p, d) for p, d in days.items()))


def test_months_before_the_baseline_contribute_no_matters_to_a_window() -> None:
    ds = _first_year()
    assert monitoring_report(ds, Month(2022, 2), audience=CITY_OFFICE).common_problems == ()
    assert _fees_only(monitoring_report(ds, Month(2022, 3), audience=CITY_OFFICE).common_problems) == ()
    ye = year_end(ds, 2022, audience=CITY_OFFICE)
    assert _fees_only(ye.topics) == ()
    # The follow-ups agree: only the March item is a tracked matter of the year.
    assert ye.followups is not None and ye.followups.matters == 1


def test_a_window_reaching_before_the_baseline_starts_at_it() -> None:
    ds = _first_year()
    params = baseline_parameters()
    # Two windows that differ only in months before the baseline give the same problems,
    # shown from March 2022 (the first month the rule is in force).
    with_march = attrs.evolve(
        ds,
        contacts=(
            *ds.contacts,
            _fees(ds, "P-379902-1", date(2022, 3, 20)),
            _fees(ds, "P-379902-2", date(2022, 3, 21)),
        ),
    )
    found = common_problems(with_march, Month(2022, 3), params)
    longer = common_problems(with_march, Month(2022, 3), params, first=Month(2021, 11))
    # The same but for the parameters cited (the default window cites common.window_months).
    assert [attrs.evolve(p, params=()) for p in found] == [attrs.evolve(p, params=()) for p in longer]
    assert [(p.first_month, p.points) for p in found if p.category == "fees" and p.department == "city-amr"] == [
        (Month(2022, 3), ("P-379902-1", "P-379902-2", "P-379921-1"))
    ]
