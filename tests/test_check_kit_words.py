"""``plugins --check`` names a plugin once per fault: a conformance-kit fault caused by the
plugin's own PluginError took the engine's whole message, which starts with the plugin and the
hook again ("plugin 'typo', check kit, rule …: the conformance kit stopped: PluginError: plugin
'typo', hook softenv_extra_point_rules: …", plugin author p32 6e)."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet
from softenv_core.plugin import Award, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing.check_faults import HOOKS, kit_fault
from softenv_core.testing.plugin_check import check_all

COUNTY = "379902"  # a demo county


class Typo:
    """Reads its own parameter under a misspelt name: a PluginError from every assessment."""

    own = ParameterSet((Parameter(f"county.{COUNTY}.extra.weight", "r", values=(DatedValue(date(2024, 1, 1), 2),)),))

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="t", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            return Award(self.own.get(f"county.{COUNTY}.extra.wieght", date(ctx.year, 12, 31)).whole(), "w", ())

        return [
            Rule(
                id=f"county.{COUNTY}.extra.typo",
                label="typo",
                title_zh="错",
                title_en="typo",
                reference="r",
                score=score,
                max_points=5,
                effective_from=date(2024, 1, 1),
            )
        ]


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_a_kit_fault_from_the_plugins_own_error_names_the_plugin_once_and_its_hook() -> None:
    """The kit meets the hook's fault again (valid_types): said once, the hook's, with the kit's
    replay (plugin author p33: the same fault and fix printed twice), naming the plugin once."""
    pm = get_plugin_manager(autoload=False, plugins=[("typo", Typo())])
    faults, _runs = check_all(pm, 2025, examples=2)
    assert len(faults) == 1, [f.text() for f in faults]
    (fault,) = faults
    text = fault.text()
    assert fault.check == HOOKS and text.count("plugin 'typo'") == 1, text
    assert fault.hook == "softenv_extra_point_rules", text
    assert "raised ParameterUnknown" in text and "extra.wieght" in text
    assert "replay: python -m softenv_core.testing.conformance" in text  # the kit's dataset, kept
    # The fix is still read from the engine's words: the parameter to correct.
    assert fault.fix.startswith(f"no parameter is named county.{COUNTY}.extra.wieght: correct the name"), fault.fix


def test_a_kit_fault_that_is_not_a_hook_fault_keeps_its_check_and_names_the_plugin_once() -> None:
    """A PluginError met by the kit alone (a rule that fails on a generated dataset, not on the
    demo city) keeps its own check, and its problem does not repeat "plugin 'x', hook …"."""
    fault = kit_fault(
        "typo",
        "valid_types",
        "plugin 'typo', hook softenv_extra_point_rules: rule r.x raised KeyError: 'P1' "
        "(year 2025, counties 379902, 1 points)",
        "python -m softenv_core.testing.conformance m:typo f.json --year 2025",
    )
    assert (fault.check, fault.hook, fault.rule) == ("valid_types", "softenv_extra_point_rules", "r.x")
    assert fault.text().count("plugin 'typo'") == 1 and fault.problem.startswith("rule r.x raised KeyError")
