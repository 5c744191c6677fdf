"""A county plugin written from the docs alone (plugin author p40): 云岭县 (379923,
tests/p40_yunling), with +1 per 企业家座谈会 capped per half-year by a dated parameter (2, then
3 from 2026-01-01), a deadline on the 3rd working day (the 7th in the month of 国庆, which the
city's bound always overrules) and a 十佳 condition on complaints against the county's
departments overdue at the year's end. It conforms, its properties hold over generated
datasets, and it passes ``mypy --strict``."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from softenv_core import CITY_OFFICE, SoftenvPluginManager, assess, get_plugin_manager, report_deadline
from softenv_core.plugin import BEIJING, ContactMethod, Dataset, Deadline, EventType, Month, WorkCalendar
from softenv_core.testing import (
    assert_conforms,
    beijing,
    datasets,
    make_complaint,
    small_dataset,
)
from softenv_core.testing.plugin_check import check_installed

from . import p40_yunling as yunling
from .weights import HEAVY, examples

CODE = "379923"
POINT = f"P-{CODE}-2"  # small_dataset's 县区 point of the county


def _pm() -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("yunling", yunling)])


def _symposiums(year: int, months: set[int]) -> Dataset:
    """small_dataset with the 县区 point's contacts of ``months`` turned 座谈 (all reached)."""
    ds = small_dataset(year, (CODE, "379902"))
    contacts = tuple(
        attrs.evolve(c, method=ContactMethod.SYMPOSIUM) if c.point == POINT and c.date.month in months else c
        for c in ds.contacts
    )
    return attrs.evolve(ds, contacts=contacts)


@pytest.mark.parametrize(
    ("months", "points"),
    [({1}, 1), ({1, 2, 3}, 2), ({1, 7}, 2), ({1, 2, 3, 7, 8, 9}, 4), ({7, 8}, 2)],
)
def test_one_point_per_symposium_capped_per_half_year(months: set[int], points: int) -> None:
    a = assess(_symposiums(2025, months), 2025, _pm(), audience=CITY_OFFICE)
    (item,) = [i for i in a.point(POINT).items if i.rule.id == yunling.SYMPOSIUM]
    assert item.points == points
    assert {p.name for p in item.params} >= {"county.379923.extra.symposium.half_year_max"}
    assert not [i for i in a.point(f"P-{CODE}-1").items if i.rule.id == yunling.SYMPOSIUM]  # 市直


@pytest.mark.parametrize(("year", "cap"), [(2025, 2), (2026, 3)])
def test_the_half_year_cap_is_the_dated_value_of_each_year(year: int, cap: int) -> None:
    """2 a half-year in 2025, 3 from 2026-01-01; 2026's December report is due in 2027, a year
    chinesecalendar does not know yet: the provisional calendar (docs/calendar.md)."""
    ds = _symposiums(year, set(range(1, 13)))
    a = assess(ds, year, _pm(), audience=CITY_OFFICE, calendar=WorkCalendar.provisional())
    (item,) = [i for i in a.point(POINT).items if i.rule.id == yunling.SYMPOSIUM]
    assert item.points == 2 * cap
    (rule,) = yunling.softenv_extra_point_rules(year, yunling.PARAMS)  # params: unread by the hook
    assert rule.max_points == 2 * cap
    (cap_pv,) = [p for p in item.params if p.name.endswith("half_year_max")]
    assert cap_pv.value == cap


def test_deadline_third_workday_and_city_where_later() -> None:
    pm = _pm()
    march = report_deadline(_symposiums(2025, set()), CODE, Month(2025, 3), pm)
    assert isinstance(march, Deadline)
    assert march.rule_id == yunling.DEADLINE and march.nominal.isoformat() == "2025-04-03"
    # September's report is due in October, the month of 国庆: the 7th working day (10-16)
    # and even the 3rd (10-11) are after the city's 10-09, so the city's deadline applies.
    september = report_deadline(_symposiums(2025, set()), CODE, Month(2025, 9), pm)
    assert isinstance(september, Deadline)
    assert september.rule_id == "city.report.deadline"
    assert september.nominal.isoformat() == "2025-10-05"


def _overdue_complaint(until: EventType) -> Dataset:
    ds = small_dataset(2025, (CODE, "379902"))
    own = [d for d in ds.departments if d.county == CODE]
    assert own, "small_dataset gives each county a department"
    q = make_complaint("Q1", POINT, beijing(2025, 11, 3, 9), until=until, department=own[0].id)
    return attrs.evolve(ds, complaints=(q,))


@pytest.mark.parametrize(
    ("until", "passed"),
    [(EventType.CLOSED, True), (EventType.RESOLVED, True), (EventType.SIGNED, False), (EventType.ASSIGNED, False)],
)
def test_topten_fails_with_a_complaint_overdue_at_year_end(until: EventType, passed: bool) -> None:
    """Overdue at a department's step (签收, 办结) fails; an overdue 回访 is 市软建办's, not the county's."""
    a = assess(_overdue_complaint(until), 2025, _pm(), audience=CITY_OFFICE)
    (cond,) = [r for r in a.county(CODE).conditions if r.rule.id == yunling.NO_OVERDUE]
    assert cond.passed is passed
    if not passed:
        assert list(cond.evidence) == ["Q1"]
    # as of an instant before the complaint was overdue, it passes
    early = assess(
        _overdue_complaint(until), 2025, _pm(), audience=CITY_OFFICE, as_of=datetime(2025, 11, 4, tzinfo=BEIJING)
    )
    (cond,) = [r for r in early.county(CODE).conditions if r.rule.id == yunling.NO_OVERDUE]
    assert cond.passed


def test_the_hooks_check_finds_nothing() -> None:
    assert check_installed(_pm(), 2025) == []


def test_it_conforms() -> None:
    assert_conforms(yunling, "yunling", max_examples=examples(5), hash_seed=False)


@pytest.mark.slow  # the deterministic check's subprocess: another hash seed, another day
def test_it_conforms_across_processes_and_days() -> None:
    assert_conforms(yunling, "yunling", max_examples=3)


@HEAVY  # every example a generated dataset, assessed (tests/weights.py)
@given(datasets(require=(CODE,)))
def test_symposium_points_stay_within_the_half_year_caps(dataset: Dataset) -> None:
    year = dataset.reports[0].month.year if dataset.reports else 2025
    a = assess(dataset, year, _pm(), audience=CITY_OFFICE)
    for p in a.points:
        for item in p.items:
            if item.rule.id != yunling.SYMPOSIUM:
                continue
            assert p.county == CODE
            assert 0 < item.points <= 4
            cited = {c.id for c in dataset.contacts if c.id in item.evidence}
            assert len(cited) == len(item.evidence)
            assert all(c.method is ContactMethod.SYMPOSIUM and c.reached for c in dataset.contacts if c.id in cited)
            assert item.points <= len(cited)


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_it_passes_mypy_strict() -> None:
    here = Path(__file__).parent / "p40_yunling"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(here)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
