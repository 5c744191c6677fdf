"""Invariants of the city baseline rules, each named by what it guarantees."""

from datetime import date, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, Dataset, Month, WorkCalendar, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.designation import designated_points
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.io.converter import make_converter
from softenv_core.model.periods import beijing_date
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import TEST_CITY, TEST_COUNTIES, datasets, monthly_report

from .plugin_examples import (
    ExtraPointPlugin,
    ReplaceContactPlugin,
    StricterDeadlinePlugin,
    TopTenConditionPlugin,
)
from .weights import HEAVY, examples

COUNTY = TEST_COUNTIES[0]


def _month_status(month: Month, submitted_at):
    ds = Dataset(city=TEST_CITY, counties=(COUNTY,), reports=(monthly_report(COUNTY.code, month, submitted_at),))
    return (
        assess(ds, month.year, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
        .county(COUNTY.code)
        .months[month.month - 1]
    )


def _moment(month: Month, offset_minutes: int):
    """``offset_minutes`` after the month reported on has ended (Beijing midnight)."""
    return month.end + timedelta(minutes=offset_minutes)


@given(
    st.builds(Month, st.sampled_from([2023, 2024, 2025]), st.integers(1, 12)),
    st.integers(0, 30 * 24 * 60),
    st.integers(0, 30 * 24 * 60),
)
def test_a_later_submission_is_never_better_than_an_earlier_one(month, a, b):
    early, late = sorted((a, b))
    s1, s2 = _month_status(month, _moment(month, early)), _month_status(month, _moment(month, late))
    assert s2.score <= s1.score
    assert s2.late_workdays >= s1.late_workdays
    assert not (s1.status == "late" and s2.status == "on_time")


@given(st.dates(date(2023, 1, 1), date(2026, 10, 31)))
def test_every_baseline_deadline_is_a_working_day_on_or_after_the_fifth(day):
    month = Month.of(day)
    cal = WorkCalendar()
    d = resolve_deadline(get_plugin_manager(autoload=False), COUNTY, month, cal, baseline_parameters())
    due = d.due_at.date()
    fifth = (month + 1).first_day.replace(day=5)
    assert cal.is_workday(due)
    assert due >= fifth
    # and it is the first working day from the 5th: every day between was not a working day
    assert all(not cal.is_workday(fifth + timedelta(days=k)) for k in range((due - fifth).days))


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets(require=(COUNTY.code,)))
def test_a_county_plugin_never_changes_another_countys_results(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    conv = make_converter()
    plugins = [
        ("extra", ExtraPointPlugin(COUNTY.code)),
        ("rep", ReplaceContactPlugin(COUNTY.code)),
        ("strict", StricterDeadlinePlugin(COUNTY.code, 4)),
        ("cond", TopTenConditionPlugin(COUNTY.code)),
    ]

    def others(plugged):
        a = assess(dataset, year, get_plugin_manager(autoload=False, plugins=plugged), audience=CITY_OFFICE)
        return (
            [conv.unstructure(c) for c in a.counties if c.code != COUNTY.code],
            [conv.unstructure(p) for p in a.points if p.county != COUNTY.code],
        )

    assert others([]) == others(plugins)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_compliance_is_the_mean_of_the_month_scores_and_between_0_and_100(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    for c in assess(dataset, year, get_plugin_manager(autoload=False), audience=CITY_OFFICE).counties:
        assert 0 <= c.compliance <= 100
        assert abs(c.compliance - sum(m.score for m in c.months) / 12) < 0.01
        failing = [m for m in c.months if m.status != "on_time" and m.waiver is None]
        assert c.topten_eligible == (not failing)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_a_waiver_is_attached_to_exactly_the_month_it_names(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    a = assess(dataset, year, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    # Only a waiver decided by as_of's (Beijing) day is known then: the strategy decides a
    # December waiver at the end of January, after the default instant (early January).
    named = {(w.county, w.month): w.id for w in dataset.waivers if w.decided_on <= beijing_date(a.as_of)}
    for c in a.counties:
        for m in c.months:
            assert m.waiver == named.get((c.code, m.month))


@st.composite
def _datasets_with_roster_changes(draw):
    """Generated datasets where some points are removed by a roster change (agreeing with the
    record, or giving the record its end) and contacts are logged outside the designation."""
    ds = draw(datasets(max_counties=2, max_points=3))
    year = ds.reports[0].month.year if ds.reports else 2025
    points, changes, contacts = [], [], list(ds.contacts)
    item = (Item(ItemCategory.OPERATIONS, "生产经营平稳"),)
    for p in ds.points:
        until = p.designated_until
        if until is None and p.designated_from < date(year, 12, 31) and draw(st.booleans()):
            # The record has no end: the removal gives it one (one designated on 31 December
            # has no day of the year left to end on).
            end = draw(st.dates(max(p.designated_from, date(year, 1, 1)), date(year, 12, 30)))
            changes.append(
                RosterChange(
                    f"RC-{p.id}",
                    p.id,
                    ChangeAction.REMOVE,
                    ChangeReason.OWN_WISH,
                    end + timedelta(days=1),
                    Designator.CITY,
                    p.county,
                )
            )
            until = end
        elif until is not None and draw(st.booleans()):
            changes.append(
                RosterChange(
                    f"RC-{p.id}",
                    p.id,
                    ChangeAction.REMOVE,
                    ChangeReason.OWN_WISH,
                    until + timedelta(days=1),
                    Designator.CITY,
                    p.county,
                )
            )
        points.append(p)
        # Contacts the liaison office logged (reached, with an item) before and after the interval.
        for k, day in enumerate(
            (p.designated_from - timedelta(days=3), (until or date(year, 12, 28)) + timedelta(days=2))
        ):
            if day.year == year and draw(st.booleans()):
                contacts.append(Contact(f"X-{p.id}-{k}", p.id, day, ContactMethod.VISIT, p.liaison, True, item))
    # A point rates as one only while designated during the round's window (validation refuses
    # other ratings): the ratings of a point the removal took off before the window go.
    ends = {ch.point: ch.effective - timedelta(days=1) for ch in changes}
    windows = {r.id: r.opened for r in ds.appraisal_rounds}
    ratings = tuple(r for r in ds.ratings if r.rater not in ends or ends[r.rater] >= windows[r.round])
    ds = attrs.evolve(ds, points=tuple(points), roster_changes=tuple(changes), contacts=tuple(contacts))
    return attrs.evolve(ds, ratings=ratings), year


@settings(max_examples=examples(12))  # each example builds and assesses a whole dataset (0.3 s): 12 keep the suite fast
@given(_datasets_with_roster_changes())
def test_no_score_item_counts_a_contact_or_a_month_outside_the_points_interval(case):
    ds, year = case
    a = assess(ds, year, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    interval = {p.id: (p.designated_from, p.designated_until) for p in designated_points(ds)}
    contact_day = {c.id: c.date for c in ds.contacts}
    for p in a.points:
        start, end = interval[p.id]

        def inside(day, start=start, end=end):
            return start <= day and (end is None or day <= end)

        # Every owed month has days inside the interval (at least 5 working days, in fact).
        for m in p.active_months:
            assert start <= m.last_day and (end is None or end >= m.first_day), (p.id, m, start, end)
        for item in p.items:
            for rid in item.evidence:
                if rid in contact_day:
                    assert inside(contact_day[rid]), (p.id, item.rule.id, rid, contact_day[rid], start, end)
