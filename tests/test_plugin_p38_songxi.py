"""A fresh county plugin written from docs/writing-a-county-plugin.md alone (plugin author p38):
松溪县 (379922, tests/p38_songxi), with a deadline counted in working days, an extra-point rule
whose figure is a dated parameter (0.5 a month from 2024, 1 from 2025) and a 十佳 condition on
city waivers read as known at the assessment's instant. It conforms, its properties hold over
generated datasets, and it passes ``mypy --strict``."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.plugin import BEIJING, ContactMethod, Dataset, Month, Waiver
from softenv_core.testing import assert_conforms, datasets, small_dataset
from softenv_core.testing.plugin_check import check_installed

from . import p38_songxi as songxi
from .weights import examples

CODE = "379922"
VISIT = "county.379922.extra.visit"
NO_WAIVER = "county.379922.topten.no_waiver"


def _pm() -> object:
    return get_plugin_manager(autoload=False, plugins=[("songxi", songxi)])


def _visited(year: int) -> Dataset:
    """small_dataset with the 县区 point's contacts turned visits (上门): reached every month."""
    ds = small_dataset(year, (CODE, "379902"))
    point = f"P-{CODE}-2"
    contacts = tuple(attrs.evolve(c, method=ContactMethod.VISIT) if c.point == point else c for c in ds.contacts)
    return attrs.evolve(ds, contacts=contacts)


@pytest.mark.parametrize(("year", "each"), [(2024, Decimal("0.5")), (2025, Decimal(1))])
def test_the_dated_figure_of_each_year_is_used_and_capped(year: int, each: Decimal) -> None:
    a = assess(_visited(year), year, _pm(), audience=CITY_OFFICE)  # type: ignore[arg-type]
    (item,) = [i for i in a.point(f"P-{CODE}-2").items if i.rule.id == VISIT]
    assert item.points == min(Decimal(4), each * 12)
    assert not [i for i in a.point(f"P-{CODE}-1").items if i.rule.id == VISIT]  # 市直: the city's alone


def test_a_waiver_counts_from_the_day_it_was_decided() -> None:
    ds = small_dataset(2025, (CODE, "379902"))
    waiver = Waiver("W1", CODE, Month(2025, 3), "不可抗力", date(2025, 6, 2))
    ds = attrs.evolve(ds, waivers=(waiver,))
    pm = _pm()

    def failing(at: datetime | None) -> list[str]:
        a = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=at)  # type: ignore[arg-type]
        return [r.rule.id for r in a.county(CODE).conditions if not r.passed and r.rule.plugin == "songxi"]

    assert failing(datetime(2025, 5, 15, 12, tzinfo=BEIJING)) == []  # not decided yet
    assert failing(None) == [NO_WAIVER]


def test_the_hooks_check_finds_nothing() -> None:
    assert check_installed(_pm(), 2025) == []  # type: ignore[arg-type]


def test_it_conforms() -> None:
    assert_conforms(songxi, "songxi", max_examples=examples(5), hash_seed=False)


@pytest.mark.slow  # the deterministic check's subprocess: another hash seed, another day
def test_it_conforms_across_processes_and_days() -> None:
    assert_conforms(songxi, "songxi", max_examples=3)


@settings(max_examples=examples(10), deadline=None, suppress_health_check=list(HealthCheck))
@given(datasets(require=(CODE,)))
def test_visit_points_stay_within_the_cap_and_cite_visits(dataset: Dataset) -> None:
    year = dataset.reports[0].month.year if dataset.reports else 2025
    contacts = {c.id: c for c in dataset.contacts}
    a = assess(dataset, year, _pm(), audience=CITY_OFFICE)  # type: ignore[arg-type]
    for p in a.points:
        for i in p.items:
            if i.rule.id == VISIT:
                assert Decimal(0) < i.points <= Decimal(4)
                assert all(contacts[e].method is ContactMethod.VISIT and contacts[e].reached for e in i.evidence)
    for c in a.counties:
        assert all(r.rule.id != NO_WAIVER or c.code == CODE for r in c.conditions)


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_it_passes_mypy_strict() -> None:
    here = Path(__file__).parent / "p38_songxi"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(here)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
