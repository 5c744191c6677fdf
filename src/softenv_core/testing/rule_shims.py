"""One rule or condition of a plugin as a plugin of its own (under the plugin's name and
county): what ``plugins --check`` runs a rule alone with (testing/plugin_check.py: each rule's
faults, its time per point) and what the kit's mutation check retries each rule with, to name
the one that changed the dataset (testing/mutation_culprit.py)."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.engine.hookspecs import hookimpl
from softenv_core.engine.manager import PluginMeta
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Condition, PluginInfo, Rule


class Shim:
    """One rule or condition of a plugin, under the plugin's name and county."""

    def __init__(self, info: PluginInfo, item: Rule | Condition) -> None:
        self.info, self.item = info, item

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return self.info


class _PointShim(Shim):
    @hookimpl
    def softenv_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


class _ExtraShim(Shim):
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


class _ConditionShim(Shim):
    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


#: The shim answering each hook that gives rules or conditions.
SHIMS: dict[str, type[Shim]] = {
    "softenv_point_rules": _PointShim,
    "softenv_extra_point_rules": _ExtraShim,
    "softenv_topten_conditions": _ConditionShim,
}

#: Those hooks, with the type each gives, in the order the checks ask them.
RULE_HOOKS: tuple[tuple[str, type[Rule] | type[Condition]], ...] = (
    ("softenv_point_rules", Rule),
    ("softenv_extra_point_rules", Rule),
    ("softenv_topten_conditions", Condition),
)


def shim(meta: PluginMeta, hook: str, item: Rule | Condition) -> Shim:
    """``item`` (a rule or condition ``hook`` of the loaded plugin ``meta`` gave) as a plugin
    of its own, under the plugin's name, county, title and reference."""
    return SHIMS[hook](PluginInfo(county=meta.county, title=meta.title, reference=meta.reference), item)


__all__ = ["RULE_HOOKS", "SHIMS", "Shim", "shim"]
