"""A county parameter whose dated value starts after the day the plugin reads it (a wrong
``effective_from`` in the plugin's parameters.json: 2052 for 2025) is the plugin's fault
(plugin author p37): `softenv assess` printed only "parameter 'county.379923.….max' has no
value in force on 2025-12-31", naming no plugin, hook nor fix, and `softenv plugins --check`
said "the conformance kit stopped: ParameterMissing …; fix: return the type the hook's
signature names". A county parameter comes from the plugin's own file alone, so a day before
its first value is the plugin's file or its reading, never the caller's missing data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, county_parameters
from softenv_core.errors import ParameterMissing, PluginError
from softenv_core.plugin import Award, ParameterSet, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing import small_dataset
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed

NAME = "county.379923.extra.symposium.max"
OWN = county_parameters(
    [Parameter(NAME, "云岭县经贸局〔2025〕4号 第八条", values=(DatedValue(date(2052, 1, 1), 6),))], "county.379923"
)


class _WrongDate:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379923", title="云岭县", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        def score(ctx: PointYear) -> Award | None:
            OWN.number(NAME, date(ctx.year, 12, 31))  # the 2052 value: none in force in 2025
            return None

        return [
            Rule(
                id="county.379923.extra.symposium",
                label="s",
                title_zh="座谈",
                title_en="symposium",
                reference="r",
                score=score,
                max_points=6,
                effective_from=date(2025, 1, 1),
            )
        ]


def test_a_county_parameter_read_before_its_first_value_names_the_plugin_hook_and_rule() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", _WrongDate())])
    with pytest.raises(PluginError) as caught:
        assess(small_dataset(2025, ("379923",)), 2025, pm, audience=CITY_OFFICE)
    said = str(caught.value)
    assert "plugin 'yunling'" in said and "softenv_extra_point_rules" in said
    assert "rule county.379923.extra.symposium raised ParameterMissing" in said
    assert NAME in said and "its first value is in force from 2052-01-01" in said
    assert isinstance(caught.value.__cause__, ParameterMissing)


def test_plugins_check_tells_to_correct_the_date_in_the_parameter_file() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("yunling", _WrongDate())])
    faults = [f for f in check_installed(pm, 2025) if f.plugin == "yunling"]
    assert faults, "a county parameter with no value in force was not found"
    assert all("effective_from" in f.fix and "parameters.json" in f.fix for f in faults), faults
    assert "return the type" not in fix_for(f"ParameterMissing: parameter {NAME!r} has no value in force on 2025-12-31")


def test_a_city_parameter_before_its_first_value_stays_missing_data() -> None:
    """The city's parameters are the caller's set: a year before the baseline is the data's."""
    from softenv_core.errors import own_parameter_fault

    assert own_parameter_fault(ParameterMissing("report.due_day", date(2010, 1, 1)), "p", "h") is None
