"""Plugin author p50 (石桥县, 379924): what a county plugin could declare and cite unchecked.

01 A PluginInfo naming the city's own code (379900) or a province's (370000) was registered;
   `plugins --check` then stopped on a dataset error naming no plugin, checking no other.
02 A cited city parameter was compared with the city's value on its own effective_from, not on
   the day the figure is for: a superseded value, or next year's, stood beside this year's figure.
03 A parameter named outside `county.CODE.` escaped p49 03's in-force-by-the-day check.
05 An award's evidence had no bound: repeated ids and 200,000 copies of one were taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from softenv_core.cli.main import main
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.plugin import (
    Condition,
    CountyYear,
    Failure,
    PluginInfo,
    hookimpl,
)
from softenv_core.rules.registry import get_plugin_manager
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
    for module in ("softenv_core.engine.ruletypes", "softenv_core.engine.manager"):
        monkeypatch.setattr(f"{module}.county_code_problem", lambda *_: None)
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", _Good()), ("wrongcode", _Coded("379900"))])
    faults = check_installed(pm, 2025)
    wrong = [f for f in faults if f.plugin == "wrongcode"]
    assert wrong and "no dataset of county 379900 can be built" in wrong[0].problem
    assert "not ending in 00" in wrong[0].fix
    assert not [f for f in faults if f.plugin != "wrongcode"]  # stonebridge was checked: sound
