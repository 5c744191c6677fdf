"""Invariants of the city baseline rules, each named by what it guarantees."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Dataset, Month, WorkCalendar, assess, baseline_parameters, get_plugin_manager
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.io.converter import make_converter
from softenv_core.testing import TEST_CITY, TEST_COUNTIES, datasets, monthly_report

from .plugin_examples import (
    ExtraPointPlugin,
    ReplaceContactPlugin,
    StricterDeadlinePlugin,
    TopTenConditionPlugin,
)
from .weights import HEAVY

COUNTY = TEST_COUNTIES[0]


def _month_status(month: Month, submitted_at):
    ds = Dataset(city=TEST_CITY, counties=(COUNTY,), reports=(monthly_report(COUNTY.code, month, submitted_at),))
    return assess(ds, month.year, get_plugin_manager(autoload=False)).county(COUNTY.code).months[month.month - 1]


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
        a = assess(dataset, year, get_plugin_manager(autoload=False, plugins=plugged))
        return (
            [conv.unstructure(c) for c in a.counties if c.code != COUNTY.code],
            [conv.unstructure(p) for p in a.points if p.county != COUNTY.code],
        )

    assert others([]) == others(plugins)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_compliance_is_the_mean_of_the_month_scores_and_between_0_and_100(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    for c in assess(dataset, year, get_plugin_manager(autoload=False)).counties:
        assert 0 <= c.compliance <= 100
        assert abs(c.compliance - sum(m.score for m in c.months) / 12) < 0.01
        failing = [m for m in c.months if m.status != "on_time" and m.waiver is None]
        assert c.topten_eligible == (not failing)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_a_waiver_is_attached_to_exactly_the_month_it_names(dataset):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    named = {(w.county, w.month): w.id for w in dataset.waivers}
    for c in assess(dataset, year, get_plugin_manager(autoload=False)).counties:
        for m in c.months:
            assert m.waiver == named.get((c.code, m.month))
