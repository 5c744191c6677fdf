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

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager, render_yearend, year_end
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.analyses.year_end import YearEnd
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


def _year_end(params, removed=(EXCELLENT, FAILING, PASSING)):
    ds = _dataset(removed)
    y = year_end(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE, params=params)
    return y, render_yearend(y)


def test_the_removals_checked_name_the_ground_by_the_band_the_city_set():
    """Review c42: with ``roster.removal_band`` = pass the year end said a removal of a 合格
    point the adjustment proposed was made "以“考评不合格”", then that 合格 agreed with it."""
    y, md = _year_end(_params("pass"))
    by_point = {u.point: u for u in y.unqualified_removals}
    passing = by_point[PASSING].explanation
    assert (
        passing == "RC-P-379981-2：以“考评合格及以下”撤销监测点 P-379981-2（2026-01-01起）；"
        "2025年度考评70.00分，合格，与撤销原因相符"
    )
    assert "不合格" not in passing
    assert {u.removal_band.value for u in y.unqualified_removals} == {"pass"}
    assert "以“考评合格及以下”撤销、但当年考评优于合格的：" in md
    assert "考评不合格" not in md  # neither the heading nor a line names the baseline's ground
    en = render_yearend(y, "en")
    assert "Removed for 考评合格及以下 though the year's assessment rated it above 合格:" in en


def test_the_baselines_removals_checked_say_unqualified_as_before():
    y, md = _year_end(baseline_parameters())
    by_point = {u.point: u for u in y.unqualified_removals}
    assert by_point[PASSING].explanation == (
        "RC-P-379981-2：以“考评不合格”撤销监测点 P-379981-2（2026-01-01起），"
        "但2025年度考评70.00分，等次为合格，与撤销原因不符"
    )
    assert by_point[FAILING].explanation.endswith("2025年度考评40.00分，不合格，与撤销原因相符")
    assert {u.removal_band.value for u in y.unqualified_removals} == {"fail"}
    assert "以“考评不合格”撤销、但当年考评并非不合格的：" in md


def test_a_year_end_written_before_the_removal_band_was_recorded_reads_as_unqualified():
    y, _ = _year_end(baseline_parameters())
    doc = json.loads(y.to_json())
    for u in doc["unqualified_removals"]:
        del u["removal_band"]
    again = YearEnd.from_json(json.dumps(doc, ensure_ascii=False))
    assert [u.removal_band.value for u in again.unqualified_removals] == ["fail"] * 3
