"""Plugin author p50 (石桥县, 379924): what a county plugin could declare and cite unchecked.

01 A PluginInfo naming the city's own code (379900) or a province's (370000) was registered;
   `plugins --check` then stopped on a dataset error naming no plugin, checking no other.
02 A cited city parameter was compared with the city's value on its own effective_from, not on
   the day the figure is for: a superseded value, or next year's, stood beside this year's figure.
03 A parameter named outside `county.CODE.` escaped p49 03's in-force-by-the-day check.
05 An award's evidence had no bound: repeated ids and 200,000 copies of one were taken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess
from softenv_core.cli.main import main
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.plugin import (
    Award,
    Condition,
    CountyYear,
    Failure,
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    hookimpl,
)
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import small_dataset
from softenv_core.testing.plugin_check import check_installed

COUNTY = "379924"
POLICY = "石桥县经信局〔2025〕4号"
RULE = "county.379924.extra.x"


class _Good:
    """石桥县's plugin: one condition that always passes."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="石桥县监测点工作细则", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        def check(ctx: CountyYear) -> Failure | None:
            return None

        return [
            Condition(
                id="county.379924.topten.ok",
                title_zh="条件",
                title_en="ok",
                reference=f"{POLICY} 第八条",
                check=check,
                effective_from=date(2025, 1, 1),
            )
        ]


class _Coded(_Good):
    def __init__(self, code: str) -> None:
        self.code = code

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.code, title="市辖区细则", reference="某〔2025〕1号")


# -- 01 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["379900", "370000", "999901"])
def test_a_plugin_info_of_no_county_level_code_is_refused(code: str) -> None:
    with pytest.raises(FieldInvalid, match=f"unknown county {code}: not a county-level"):
        PluginInfo(county=code, title="x", reference="y")
    with pytest.raises(PluginError, match=f"plugin 'wrongcode', hook softenv_plugin_info: .*{code}.*county-level"):
        get_plugin_manager(autoload=False, plugins=[("wrongcode", _Coded(code))])


def test_a_county_plugin_info_is_still_taken() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", _Good()), ("other", _Coded("379999"))])
    assert pm.meta("other").county == "379999"


def test_plugin_new_refuses_the_city_code(tmp_path: Any, capsys: Any) -> None:
    code = main(["plugin", "new", "--county", "379900", "--name", "tiny", "--dir", str(tmp_path / "p")])
    assert code != 0
    assert "379900: not a county-level" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_check_names_a_plugin_no_dataset_can_be_built_for_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a county no dataset can have slip past registration (here: its check switched
    off), the check reports it as that plugin's fault and still checks the plugin beside it."""
    for module in ("softenv_core.model.divisions", "softenv_core.engine.manager"):
        monkeypatch.setattr(f"{module}.county_code_problem", lambda *_: None)
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", _Good()), ("wrongcode", _Coded("379900"))])
    faults = check_installed(pm, 2025)
    wrong = [f for f in faults if f.plugin == "wrongcode"]
    assert wrong and "no dataset of county 379900 can be built" in wrong[0].problem
    assert "not ending in 00" in wrong[0].fix
    assert not [f for f in faults if f.plugin != "wrongcode"]  # stonebridge was checked: sound


# -- 02, 03 --------------------------------------------------------------------------------------


def _extra(score: Callable[[PointYear], Award | None]) -> object:
    class _Extra(_Good):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            return [
                Rule(
                    id=RULE,
                    label="stonebridge.x",
                    title_zh="测试",
                    title_en="test",
                    reference=f"{POLICY} 第五条",
                    score=score,
                    max_points=3,
                    effective_from=date(2025, 1, 1),
                )
            ]

    return _Extra()


def _assess(plugin: object, params: ParameterSet | None = None) -> Any:
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", plugin)])
    return assess(small_dataset(2025, (COUNTY, "379902")), 2025, pm, audience=CITY_OFFICE, params=params)


def _cap_changed_on(day: date) -> ParameterSet:
    """The city's parameters with duty.extra_cap raised from 10 to 12 on ``day``."""
    base = baseline_parameters()
    cap = next(p for p in base.parameters if p.name == "duty.extra_cap")
    raised = attrs.evolve(cap.values[-1], effective_from=day, value=12)
    return base.merged([attrs.evolve(cap, values=(*cap.values, raised))])


@pytest.mark.parametrize(("change", "cited_on"), [(date(2025, 1, 1), date(2024, 12, 31)), (date(2026, 1, 1), None)])
def test_a_city_parameter_not_in_force_on_the_figures_day_is_refused(change: date, cited_on: date | None) -> None:
    params = _cap_changed_on(change)
    cited = params.get("duty.extra_cap", cited_on or change)  # superseded in 2025, or 2026's

    def score(ctx: PointYear) -> Award:
        return Award(2, "加分", (), (cited,))

    with pytest.raises(PluginError, match=r"params\[0\]: rule county.379924.extra.x: duty.extra_cap .* in force on "):
        _assess(_extra(score), params)


def test_the_city_parameter_in_force_on_the_figures_day_is_cited() -> None:
    params = _cap_changed_on(date(2025, 7, 1))

    def score(ctx: PointYear) -> Award:
        return Award(2, "加分", (), (ctx.params.get("duty.extra_cap", ctx.on),))

    result = _assess(_extra(score), params)
    items = [i for p in result.points for i in p.items if i.rule.id == RULE]
    assert items and all(i.params[0].value == 12 for i in items)


@pytest.mark.parametrize("name", ["county.379924.extra.max", "stonebridge.extra.max"])
def test_an_own_parameter_in_force_after_the_year_is_refused_namespaced_or_not(name: str) -> None:
    later = ParamValue(name=name, value=999, effective_from=date(2031, 1, 1), reference="石桥县〔2031〕1号")
    now = attrs.evolve(later, effective_from=date(2025, 1, 1))

    def score(ctx: PointYear, pv: ParamValue = later) -> Award:
        return Award(2, "零缺陷月4个", (), (pv,))

    with pytest.raises(PluginError, match=f"{name} = 999 .from 2031-01-01.*not in force on 2025-12-31"):
        _assess(_extra(score))
    assert _assess(_extra(lambda ctx: Award(2, "零缺陷月4个", (), (now,)))).points


# -- 05 ------------------------------------------------------------------------------------------


def _looped(ctx: PointYear) -> Award | None:
    """The slip: evidence gathered inside the month loop, each contact cited once a month."""
    reached = [c for c in ctx.contacts if c.reached]
    months = sorted({c.date.month for c in reached})
    evidence = [c.id for _ in months for c in reached]
    return Award(min(3, len(months) * 0.5), f"零缺陷月{len(months)}个", evidence) if len(months) > 1 else None


def _huge(ctx: PointYear) -> Award | None:
    return Award(1, "x", [ctx.contacts[0].id] * 200_000) if ctx.contacts else None


def test_an_award_citing_a_record_twice_is_refused() -> None:
    with pytest.raises(PluginError) as caught:
        _assess(_extra(_looped))
    message = str(caught.value)
    for word in ("plugin 'stonebridge'", "softenv_extra_point_rules", "field evidence[", RULE, "is cited again"):
        assert word in message, message


def test_an_award_citing_more_than_the_bound_is_refused() -> None:
    with pytest.raises(PluginError, match=rf"field evidence: rule {RULE}: 200000 record ids: at most 10000"):
        _assess(_extra(_huge))


def test_a_failure_citing_a_record_twice_is_refused() -> None:
    class _Twice(_Good):
        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            def check(ctx: CountyYear) -> Failure | None:
                return Failure("未达标", (ctx.county.code, ctx.county.code))

            return [
                Condition(
                    id="county.379924.topten.twice",
                    title_zh="条件",
                    title_en="twice",
                    reference=POLICY,
                    check=check,
                    effective_from=date(2025, 1, 1),
                )
            ]

    with pytest.raises(PluginError, match=r"field evidence\[1\]: rule county.379924.topten.twice: '379924' is cited"):
        _assess(_Twice())


def test_the_kit_and_the_check_report_repeated_evidence() -> None:
    from softenv_core.testing.conformance import check_plugin

    report = check_plugin(_extra(_looped), "stonebridge", max_examples=5)
    assert "is cited again" in report.failures.get("valid_types", ""), report.failures
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", _extra(_looped))])
    faults = check_installed(pm, 2025)
    assert any(f.rule == RULE and "is cited again" in f.problem and "cite each record once" in f.fix for f in faults)


def test_evidence_citing_each_record_once_is_taken() -> None:
    def once(ctx: PointYear) -> Award | None:
        ids = sorted({c.id for c in ctx.contacts if c.reached})
        return Award(1, "联系", ids) if ids else None

    result = _assess(_extra(once))
    items = [i for p in result.points for i in p.items if i.rule.id == RULE]
    assert items and all(len(set(i.evidence)) == len(i.evidence) for i in items)


def test_the_check_gives_the_fix_for_repeated_evidence() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", _extra(_huge))])
    fault = next(f for f in check_installed(pm, 2025) if f.rule == RULE)
    assert "at most 10000" in fault.problem and "cite each record once" in fault.fix
