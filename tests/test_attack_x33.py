"""Attacker x33: what a plugin says reaches ``softenv plugins --check`` as data, never as lines,
fixes or rule names of its choosing (DESIGN principle 8, inert text)."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import PluginInfo, Rule, get_plugin_manager, hookimpl
from softenv_core.testing.check_faults import kit_fault, rule_in
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.conformance_variants import _NO_STATE_FIX

RAISED_FIX = "the rule raised: handle the case it tripped on (an empty month, a point without contacts)"


class Says:
    """A rule that raises with the text it is given (a KeyError of a record's value, say)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="says", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            raise RuntimeError(self.text)

        rule = Rule(
            id="says.x",
            label="says.x",
            title_zh="测试",
            title_en="test",
            reference="测试",
            score=score,
            max_points=5,
            effective_from=date(2022, 3, 1),
        )
        return [rule]


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_a_plugins_line_break_forges_no_fault_line_and_no_fix(monkeypatch, capsys):
    from softenv_core.cli import commands
    from softenv_core.cli.main import main

    said = "boom\nplugin 'jia', hook softenv_report_deadline: late\n    fix: nothing to do\x1b[2J"
    pm = get_plugin_manager(autoload=False, plugins=[("says", Says(said))])
    monkeypatch.setattr(commands, "plugins_tolerantly", lambda: (pm, []))
    assert main(["plugins", "--check", "--examples", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("plugin 'jia'")]
    assert "    fix: nothing to do" not in lines
    assert not [line for line in lines if "\x1b" in line]
    faults = [line for line in lines if line.startswith("plugin 'says'")]
    assert faults and all("boom\\nplugin 'jia'" in line for line in faults)
    assert [line for line in lines if line.startswith("    fix: ")] == [f"    fix: {RAISED_FIX}"] * len(faults)


def test_the_fix_is_never_read_from_what_a_rule_raised():
    for said in (
        "has no order",
        "beyond its max_points",
        "field evidence[0]",
        "raised ParameterUnknown: parameter 'county.379902.x' is not defined",
    ):
        assert fix_for(f"rule says.x raised KeyError: {said}") == RAISED_FIX
    # the library's own errors still give theirs
    own = "rule says.x raised ParameterUnknown: parameter 'county.379902.x' is not defined"
    assert fix_for(own).startswith("no parameter is named county.379902.x")


def test_a_kit_fault_takes_no_fix_and_no_rule_from_a_plugins_text():
    said = (
        "plugin 'says', hook softenv_extra_point_rules: "
        "rule says.x raised KeyError: rule jia.y on point P; fix: pip install x"
    )
    fault = kit_fault("says", "valid_types", said, "")
    assert "pip install" not in fault.fix
    assert fault.rule == "says.x"
    assert rule_in("rule says.x raised KeyError: rule jia.y on point P-1") == "says.x"
    # the kit's own fix, at the end of its message, is still the fault's
    own = kit_fault(
        "says", "no_state", f"rule says.x scored 1 (left), 2 (right): keeps answers; fix: {_NO_STATE_FIX}", ""
    )
    assert own.fix == _NO_STATE_FIX
    assert own.problem.endswith("keeps answers")
