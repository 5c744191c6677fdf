"""A county plugin written from the plugin docs alone (plugin author p39): 石桥县 (379924,
tests/p39_shiqiao), with a deadline on the 3rd working day in the months of 春节 (kept only
where it is stricter than the city's), +2 for a point its liaison held a 座谈会 with in both
halves of the year (capped by a dated parameter: 2 in 2025, 1.5 from 2026) and a 十佳
condition refusing a report sent on its last possible day, read at the assessment's instant.
It conforms, its invariant holds over generated datasets, and it passes ``mypy --strict``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from softenv_core import (
    CITY_OFFICE,
    SoftenvPluginManager,
    YearArrangement,
    assess,
    get_plugin_manager,
    report_deadline,
)
from softenv_core.plugin import (
    BEIJING,
    ContactMethod,
    Dataset,
    Deadline,
    Month,
    PointLevel,
    WorkCalendar,
    beijing_date,
)
from softenv_core.testing import assert_conforms, datasets, small_dataset
from softenv_core.testing.plugin_check import check_installed

from . import p39_shiqiao as shiqiao
from .weights import examples

CODE = "379924"
HALVES = "county.379924.extra.symposium_halves"
NOT_LAST_DAY = "county.379924.topten.not_last_day"
POINT = f"P-{CODE}-2"


def _pm() -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("shiqiao", shiqiao)])


def _with_symposiums(year: int, months: tuple[int, ...]) -> Dataset:
    """small_dataset with the 县区 point's contacts of ``months`` turned 座谈会."""
    ds = small_dataset(year, (CODE, "379902"))
    contacts = tuple(
        attrs.evolve(c, method=ContactMethod.SYMPOSIUM) if c.point == POINT and c.date.month in months else c
        for c in ds.contacts
    )
    return attrs.evolve(ds, contacts=contacts)


def _item(ds: Dataset, year: int) -> Decimal | None:
    # 2026's December report is due in 2027, which the installed chinesecalendar may not know
    calendar = WorkCalendar.provisional() if year == 2026 else None
    a = assess(ds, year, _pm(), audience=CITY_OFFICE, calendar=calendar)
    found = [i.points for i in a.point(POINT).items if i.rule.id == HALVES]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("year", "months", "points"),
    [(2025, (3, 9), Decimal(2)), (2025, (3, 4, 5), None), (2025, (7, 12), None), (2026, (1, 12), Decimal("1.5"))],
)
def test_both_halves_earn_the_points_capped_by_the_dated_cap(
    year: int, months: tuple[int, ...], points: Decimal | None
) -> None:
    assert _item(_with_symposiums(year, months), year) == points


def test_the_spring_festival_month_takes_the_3rd_working_day_where_it_is_stricter() -> None:
    ds = small_dataset(2026, (CODE,))
    pm = _pm()

    def due(month: str, calendar: WorkCalendar | None = None) -> tuple[str, date]:
        d = report_deadline(ds, CODE, Month.parse(month), pm, calendar=calendar)
        assert isinstance(d, Deadline)
        return d.rule_id, beijing_date(d.due_at)

    # 2026: 正月初一 on 02-17, so the report on January is due on February's 3rd working day
    assert due("2026-01") == ("county.379924.report.deadline", date(2026, 2, 4))
    assert due("2026-02")[0] == "city.report.deadline"  # March holds no 春节
    # 2025: 正月初一 on 01-29: December 2024's report on January's 3rd working day, 01-06 (the
    # city's 5th, a Sunday, moved there too); February holds no 正月初一: the city's
    assert due("2024-12") == ("county.379924.report.deadline", date(2025, 1, 6))
    assert due("2025-01") == ("city.report.deadline", date(2025, 2, 5))
    # 2028 (正月初一 01-26), New Year's Day observed on Monday 01-03 (a supplied arrangement): the
    # 3rd working day, 01-06, is after the city's 01-05, so the plugin leaves the month to the city
    new_year = YearArrangement(2028, holidays=[date(2028, 1, 3)], workdays=[], reference="test")
    assert due("2027-12", WorkCalendar().with_arrangement(new_year)) == ("city.report.deadline", date(2028, 1, 5))


def test_a_report_on_its_last_day_fails_the_condition_only_once_known() -> None:
    ds = small_dataset(2025, (CODE, "379902"))
    (march,) = [r for r in ds.reports if r.county == CODE and r.month == Month(2025, 3)]
    last = datetime(2025, 4, 7, 16, tzinfo=BEIJING)  # 04-05 a holiday (清明): due 04-07, sent then
    ds = attrs.evolve(ds, reports=tuple(attrs.evolve(r, submitted_at=last) if r is march else r for r in ds.reports))
    pm = _pm()

    def failing(at: datetime | None) -> list[str]:
        a = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=at)
        return [r.rule.id for r in a.county(CODE).conditions if not r.passed and r.rule.plugin == "shiqiao"]

    assert failing(datetime(2025, 4, 7, 12, tzinfo=BEIJING)) == []  # not sent yet at noon
    assert failing(None) == [NOT_LAST_DAY]


def test_the_hooks_check_finds_nothing() -> None:
    assert check_installed(_pm(), 2025) == []


def test_it_conforms() -> None:
    assert_conforms(shiqiao, "shiqiao", max_examples=examples(5), hash_seed=False)


@settings(max_examples=examples(10), deadline=None, suppress_health_check=list(HealthCheck))
@given(datasets(year=2025, require=(CODE,)))
def test_the_award_is_given_exactly_for_both_halves(dataset: Dataset) -> None:
    contacts = {c.id: c for c in dataset.contacts}
    a = assess(dataset, 2025, _pm(), audience=CITY_OFFICE)
    for p in a.points:
        if p.county != CODE:
            continue
        items = [i for i in p.items if i.rule.id == HALVES]
        point = dataset.point_by_id[p.id]
        held = {
            c.date.month > 6
            for c in dataset.contacts
            if c.point == p.id and c.reached and c.method is ContactMethod.SYMPOSIUM and c.liaison == CODE
        }
        if items:
            (item,) = items
            assert item.points == Decimal(2)
            assert {contacts[e].date.month > 6 for e in item.evidence} == {False, True}
        else:
            assert held != {False, True} or point.level is not PointLevel.COUNTY


@pytest.mark.slow  # starts a process (the fast suite leaves these out)
def test_it_passes_mypy_strict() -> None:
    here = Path(__file__).parent / "p39_shiqiao"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(here)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
