"""Which band proposes a point's removal (``roster.removal_band``, rules/city/removal.py; review
r37): the city's decision in its parameter file, read alike by the adjustment's proposals and by
the check of removals recorded for 考评不合格.

small_dataset 2025 (by hand, as tests/test_unqualified_removals.py): P-379902-2 contacted every
month with an item scores 100, 优秀; P-379921-2 never contacted 40, 不合格; P-379981-2 contacted
with nothing raised 70, 合格."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.engine.parameters import parse_parameters
from softenv_core.errors import InputError
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import small_dataset

EXCELLENT, FAILING, PASSING = "P-379902-2", "P-379921-2", "P-379981-2"


def _params(band: str):
    """The baseline with roster.json's ``roster.removal_band`` set to ``band`` in the file's text."""
    doc = json.loads(files("softenv_core.rules.city.parameters").joinpath("roster.json").read_text("utf-8"))
    (entry,) = (p for p in doc["parameters"] if p["name"] == "roster.removal_band")
    entry["values"][0]["value"] = band
    return baseline_parameters().merged(parse_parameters(json.dumps(doc, ensure_ascii=False), "roster.json"))


def _dataset(removed=()):
    ds = small_dataset(2025)
    contacts = tuple(attrs.evolve(c, items=()) if c.point == PASSING else c for c in ds.contacts if c.point != FAILING)
    changes = tuple(
        RosterChange(
            f"RC-{p}",
            p,
            ChangeAction.REMOVE,
            ChangeReason.UNQUALIFIED,
            date(2026, 1, 1),
            Designator.CITY,
            p.split("-")[1],
        )
        for p in removed
    )
    points = tuple(attrs.evolve(p, designated_until=date(2025, 12, 31)) if p.id in removed else p for p in ds.points)
    return attrs.evolve(ds, points=points, contacts=contacts, roster_changes=changes)


def _proposed(params):
    ds = _dataset()
    a = assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE, params=params)
    return {p.point: p for p in propose_adjustments(ds, a, params, audience=CITY_OFFICE) if "unqualified" in p.reasons}


def test_the_baseline_proposes_removing_the_points_rated_fail_citing_the_parameter():
    found = _proposed(baseline_parameters())
    assert set(found) == {FAILING}
    assert found[FAILING].explanation[0].startswith("2025年度考评40.00分，不合格")
    assert [pv.name for pv in found[FAILING].params] == ["roster.unreached_months", "roster.removal_band"]


def test_changing_the_band_in_the_parameter_file_changes_the_proposals():
    found = _proposed(_params("pass"))
    assert set(found) == {FAILING, PASSING}  # 合格 and the band below it; never 优秀
    assert found[PASSING].explanation[0] == "2025年度考评70.00分，合格"
    assert found[PASSING].params[1].value == "pass"
    assert {EXCELLENT, FAILING, PASSING} <= set(_proposed(_params("excellent")))  # every band


def test_the_check_of_removals_for_unqualified_reads_the_same_band():
    """A removal the adjustment proposed is never flagged once recorded."""
    ds = _dataset((EXCELLENT, FAILING, PASSING))
    pm = get_plugin_manager(autoload=False, plugins=[])
    for band, flagged in (("fail", {EXCELLENT, PASSING}), ("pass", {EXCELLENT})):
        params = _params(band)
        a = assess(ds, 2025, pm, audience=CITY_OFFICE, params=params)
        found = check_unqualified_removals(ds, a, params, audience=CITY_OFFICE)
        assert {u.point for u in found if u.flagged} == flagged


def test_a_value_that_is_no_band_is_refused_naming_the_parameter():
    ds = _dataset()
    params = _params("bad")
    a = assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE, params=params)
    with pytest.raises(InputError, match=r"roster\.removal_band: 'bad' is not one of: excellent, pass, fail"):
        propose_adjustments(ds, a, params, audience=CITY_OFFICE)
