"""Plugin author p40 (云岭县, tests/p40_yunling): what the docs and the library told a county's
IT staff writing a plugin from the docs alone, each finding a test that failed before its fix."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from softenv_core import get_plugin_manager
from softenv_core.demo.city import county_divisions
from softenv_core.errors import PluginError
from softenv_core.plugin import Award, Condition, CountyYear, ParameterSet, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing import load_cases, run_case, small_dataset
from softenv_core.testing.plugin_check import SLOW_PER_POINT, RuleCost, check_installed, cost_lines

from . import p40_yunling as yunling

DOCS = Path(__file__).parent.parent / "docs"
CODE = yunling.COUNTY


def _case(tmp_path: Path, expect: dict[str, Any]) -> list[str]:
    case = {
        "name": "p40",
        "year": 2025,
        "input": {"small_dataset": {"year": 2025, "counties": [CODE, "379902"]}},
        "expect": expect,
    }
    (tmp_path / "c.json").write_text(json.dumps({"cases": [case]}, ensure_ascii=False), encoding="utf-8")
    (loaded,) = load_cases(tmp_path)
    return run_case(loaded, get_plugin_manager(autoload=False, plugins=[("yunling", yunling)]))


def test_a_failing_condition_id_no_condition_has_is_told_as_a_mistyped_id(tmp_path: Path) -> None:
    """A case expecting ``failing: ["…no_overdu"]`` (a typo) said only `expected [...], got []`,
    read as "my condition did not fail" where an item's unknown id says it is no rule's id."""
    typo = f"county.{CODE}.topten.no_overdu"
    (mismatch,) = _case(tmp_path, {"counties": {CODE: {"failing": [typo]}}})
    assert "no 十佳 condition with this id" in mismatch and "mistyped or renamed" in mismatch
    assert typo in mismatch and yunling.NO_OVERDUE in mismatch  # the ids it does have, listed
    assert _case(tmp_path, {"counties": {CODE: {"failing": []}}}) == []


class _SaysNo:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="云岭县", reference="云岭县〔2025〕4号")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> list[Condition]:
        def no(ctx: CountyYear) -> Any:
            return False  # a bool where Failure or None is expected

        return [Condition(f"county.{CODE}.t", "t", "t", "r", no, date(2025, 1, 1))]


def test_a_condition_returning_a_bool_is_told_that_none_passes() -> None:
    """`… returned bool, expected Failure` read as if None were refused too (a rule's says
    `expected Award or None`)."""
    from softenv_core import CITY_OFFICE, assess

    pm = get_plugin_manager(autoload=False, plugins=[("careless", _SaysNo())])
    with pytest.raises(PluginError, match=rf"condition county\.{CODE}\.t returned bool, expected Failure or None"):
        assess(small_dataset(2025, (CODE,)), 2025, pm, audience=CITY_OFFICE)


def test_the_guide_names_the_demo_city_counties_a_plugin_is_tried_on() -> None:
    """The demo city holds 云岭县 as 379923, but no document said which counties it holds: an
    author of 云岭县's plugin chose 379931, and `plugins --check` tried its deadline alone and
    measured no time per point. The guide lists every demo county with its code."""
    guide = (DOCS / "writing-a-county-plugin.md").read_text(encoding="utf-8")
    for county in county_divisions(9):
        assert re.search(rf"{county.code}\s*{county.name}", guide), (county.code, county.name)


OFF_DEMO = "379931"  # a county code the demo city lacks, as a real county's is


class _Slow:
    """A rule taking 3 ms a point (15 min for a province), for a county the demo city lacks."""

    county = OFF_DEMO

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="慢插件", reference="第六条")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def slow(ctx: PointYear) -> Award | None:
            time.sleep(0.003)
            return None

        return [Rule(f"county.{self.county}.extra.slow", "slow", "慢", "slow", "第六条", slow, 1, date(2025, 1, 1))]


def test_a_slow_rule_of_a_county_the_demo_city_lacks_is_timed() -> None:
    """`softenv plugins --check` tried the rules of a county the demo city lacks nowhere before
    the kit, and said `not measured`: a rule taking 3 ms a point passed without a warning. Its
    rules are tried, and timed, on the kit's dataset of the county."""
    costs: list[RuleCost] = []
    pm = get_plugin_manager(autoload=False, plugins=[("slow", _Slow())])
    assert check_installed(pm, 2025, costs=costs) == []
    (cost,) = costs
    assert cost.rule == f"county.{OFF_DEMO}.extra.slow" and cost.per_point > SLOW_PER_POINT
    assert any("warning: above 1 ms per point" in line for line in cost_lines(costs))


class _SlowAndWrong(_Slow):
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def wrong(ctx: PointYear) -> Award | None:
            return Award(5, "超出上限")

        return [Rule(f"county.{self.county}.extra.x", "x", "x", "x", "第六条", wrong, 1, date(2025, 1, 1))]


def test_an_award_above_max_points_of_a_county_the_demo_city_lacks_is_a_hooks_fault() -> None:
    """The hooks check, not only the kit, finds an off-demo county's award above max_points."""
    pm = get_plugin_manager(autoload=False, plugins=[("wrong", _SlowAndWrong())])
    (fault,) = check_installed(pm, 2025)
    expected = ("wrong", "softenv_extra_point_rules", f"county.{OFF_DEMO}.extra.x")
    assert (fault.plugin, fault.hook, fault.rule) == expected
    assert "beyond its max_points" in fault.problem
