"""Review r36: docs/hooks.md against pluggy's conventions and datasette's hook documentation.

Each hook has a row in "The hooks at a glance" with its return type (when it is called, which
answers apply, what a wrong answer gives), and the "pluggy's options" paragraph stays true:
no hookspec is firstresult or historic, and tryfirst/trylast change no order.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from softenv_core.engine import hookspecs
from softenv_core.engine.hookspecs import HOOKS
from softenv_core.plugin import ParameterSet, PluginInfo, Rule, hookimpl
from softenv_core.rules.registry import city_plugin_manager

HOOKS_MD = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"


def _glance_rows() -> list[str]:
    text = HOOKS_MD.read_text(encoding="utf-8")
    section = text.split("## The hooks at a glance", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| `")]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_row_at_a_glance_with_its_return_type(hook: str) -> None:
    returns = str(inspect.signature(getattr(hookspecs, hook)).return_annotation).replace("|", "\\|")
    rows = [r for r in _glance_rows() if r.startswith(f"| `{hook}` → ")]
    assert len(rows) == 1, f"docs/hooks.md's table at a glance has no single row for {hook}"
    assert rows[0].startswith(f"| `{hook}` → `{returns}` |"), f"{hook} returns {returns}: {rows[0][:80]}"
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", rows[0])[1:-1]]
    assert len(cells) == 4 and all(cells), f"{hook}: called, which answers apply and a wrong answer, each said"


def test_the_table_at_a_glance_lists_no_hook_that_is_gone() -> None:
    named = [re.match(r"\| `(\w+)`", r).group(1) for r in _glance_rows()]  # type: ignore[union-attr]
    assert sorted(named) == sorted(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_no_hookspec_is_firstresult_or_historic(hook: str) -> None:
    """The engine chooses the answer that applies by county, never pluggy by order."""
    spec = getattr(city_plugin_manager().hook, hook).spec
    assert spec is not None
    assert spec.opts["firstresult"] is False
    assert spec.opts["historic"] is False


def _plugin(county: str, **opts: bool) -> object:
    class _Plugin:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=county, title=county, reference="doc")

        @hookimpl(**opts)
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            return ()

    return _Plugin()


def test_tryfirst_and_trylast_change_no_order_the_city_first_then_by_name() -> None:
    pm = city_plugin_manager()
    pm.register(_plugin("379903", trylast=True), name="a-county")
    pm.register(_plugin("379902", tryfirst=True), name="b-county")
    called = [m.name for m, _ in pm.call_each("softenv_extra_point_rules", year=2025, params=None)]
    assert called == ["city", "a-county", "b-county"]
    # pluggy's own order would have put the tryfirst one first and the trylast one last
    assert [i.plugin_name for i in pm.hook.softenv_extra_point_rules.get_hookimpls()][-1] == "b-county"


def test_calling_a_hook_through_pluggy_gives_every_raw_answer_as_the_docs_warn() -> None:
    """``pm.hook.X(...)`` bypasses the county filter: a county plugin answers for every county."""
    pm = city_plugin_manager()
    pm.register(_plugin("379902"), name="b-county")
    answers = pm.hook.softenv_extra_point_rules(year=2025, params=None)
    assert len(answers) == 2  # the city's () and the county's (), whichever county is meant
    assert "pm.hook.softenv_point_rules(year=…, params=…)" in HOOKS_MD.read_text(encoding="utf-8")
