"""A county report's matter, dated outside its county by a day that names no county (attacker
t10 04), is never dated before it was raised (review r3/08).

The day used was the last day of the month reported on, earlier than any submission (a report on
August is submitted in September): the department the matter was about was told in October that
it was past the tracking limit (达到跟踪时限4项) while the city office's report said 3. It is now
the latest first submission of the month's county reports known at the report's instant: never
before the real day, so a reader outside the county is never shown an older matter, or more of
them past the limit, than the city office; and the same whichever county's report raised it.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

from softenv_core import monitoring_report
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing import beijing
from softenv_core.testing.strategies import datasets

from .test_clerk_month_report import _owed_months
from .weights import HEAVY

_TEXT = "审批窗口办理慢"


def _finding(into: str = "R-B-2025-08", zero_report_day: int = 5) -> Dataset:
    """The finding's dataset: 西城区's August report (2025-09-03) raises a 服务 matter about
    city-amr; 东城区's report on August is submitted on ``zero_report_day`` of September (with
    the matter, when ``into`` is its id)."""
    ds = _owed_months()
    reports = []
    for r in ds.reports:
        if r.id == "R-A-2025-08":
            r = attrs.evolve(r, submitted_at=beijing(2025, 9, zero_report_day, 9))
        if r.id == into:
            item = Item(ItemCategory.SERVICE, _TEXT, "city-amr", point="P3" if r.county == "379903" else "P1")
            r = attrs.evolve(r, items=(*r.items, item), nothing_to_report=False)
        reports.append(r)
    return attrs.evolve(ds, reports=tuple(reports))


def _rows(ds: Dataset, month: str, who: str) -> tuple[list[Any], int]:
    r = monitoring_report(ds, month, audience=who)
    return [m for m in r.open_matters if m.text == _TEXT], r.open_matters_long


@pytest.mark.parametrize("month", ["2025-09", "2025-10", "2025-11"])
def test_the_department_is_never_told_of_an_older_matter_than_the_city_office(month: str) -> None:
    ds = _finding()
    (city,), city_long = _rows(ds, month, "city")
    (dept,), dept_long = _rows(ds, month, "department:city-amr")
    assert dept.county == "" and city.county == "379903"  # withheld: a small cell
    assert city.raised_on.isoformat() == "2025-09-03"
    # the latest first submission of a report on August known then: 东城区's, 09-05
    assert dept.raised_on.isoformat() == "2025-09-05"
    assert dept.age_days <= city.age_days and dept.long_open <= city.long_open
    assert dept_long <= city_long


def test_the_finding_october_count_is_the_city_offices() -> None:
    # Both reports on August submitted 09-03, as in the finding: the same day, the same count.
    ds = _finding(zero_report_day=3)
    (city,), city_long = _rows(ds, "2025-10", "city")
    (dept,), dept_long = _rows(ds, "2025-10", "department:city-amr")
    assert (dept.raised_on, dept.age_days, dept.long_open) == (city.raised_on, 58, False)
    assert dept_long == city_long == 3


def test_moved_to_the_other_countys_report_the_departments_row_is_the_same() -> None:
    here, _ = _rows(_finding(), "2025-10", "department:city-amr")
    moved, _ = _rows(_finding(into="R-A-2025-08"), "2025-10", "department:city-amr")
    # Its date, age and mark (whether the county is shown beside it is the small-cell rule's).
    dated = [(m.raised_on, m.age_days, m.long_open) for m in here]
    assert dated == [(m.raised_on, m.age_days, m.long_open) for m in moved]
    # while the city office sees each report's own day
    (a,), _ = _rows(_finding(into="R-A-2025-08"), "2025-10", "city")
    assert a.raised_on.isoformat() == "2025-09-05"


@HEAVY
@given(datasets(months_covered=4))
def test_property_no_reader_outside_the_city_office_is_told_a_matter_is_older(ds: Dataset) -> None:
    # Over generated data, in the month after the last covered (its reports are then known):
    # each department and county is given, for the matters it sees, ages no greater than the
    # city office's, and no more of them past the tracking limit.
    if not ds.reports:
        return
    month = Month(ds.reports[0].month.year, 5)
    city = monitoring_report(ds, month, audience="city")
    ages: dict[tuple[str, str, str | None, str], list[int]] = {}
    for m in city.open_matters:
        ages.setdefault((m.source, m.category, m.department, m.text), []).append(m.age_days)
    readers = [f"department:{d.id}" for d in ds.departments] + [f"county:{c.code}" for c in ds.counties]
    for who in readers:
        shown = monitoring_report(ds, month, audience=who)
        seen: dict[tuple[str, str, str | None, str], list[int]] = {}
        for m in shown.open_matters:
            seen.setdefault((m.source, m.category, m.department, m.text), []).append(m.age_days)
        for key, days in seen.items():
            # A part of the key's matters, each no older: the i-th oldest no older than the city's.
            city_days = sorted(ages[key], reverse=True)
            assert len(days) <= len(city_days), (who, key)
            assert all(a <= b for a, b in zip(sorted(days, reverse=True), city_days, strict=False)), (who, key)
        assert shown.open_matters_long <= city.open_matters_long, who


def test_a_late_report_on_the_month_does_not_make_another_countys_matter_younger() -> None:
    """Review r4 05: 东城区's report on August submitted late (12-20) dated 西城区's August matter
    (09-03) at 12-20 for the department: 11 days old in December, not past the tracking limit,
    while the city office's report said 119 days and past it. Only reports on time set the day."""
    text = "审批窗口办理慢"
    ds = _owed_months()
    reports = []
    for r in ds.reports:
        if r.id == "R-A-2025-08":
            r = attrs.evolve(r, submitted_at=beijing(2025, 12, 20, 9))
        if r.id == "R-B-2025-08":
            item = Item(ItemCategory.SERVICE, text, "city-amr", point="P3")
            r = attrs.evolve(r, items=(*r.items, item), nothing_to_report=False)
        reports.append(r)
    ds = attrs.evolve(ds, reports=tuple(reports))
    for month in ("2025-11", "2025-12", "2026-01"):
        seen = {}
        for who in ("city", "department:city-amr"):
            report = monitoring_report(ds, month, audience=who)
            rows = [(m.age_days, m.long_open) for m in report.open_matters if m.text == text]
            seen[who] = (rows, report.open_matters_long)
        assert seen["department:city-amr"] == seen["city"], month
