"""``softenv plugins --check``: every installed plugin's hooks tried before any assessment.

Each plugin is tried against the city baseline over a few generated demo datasets (seeded, so
a run is repeatable), rule by rule: a shim plugin carrying one rule or condition under the
plugin's own name is assessed with the city alone, so that one fault does not hide the next
and each is named with its plugin, hook and rule. Found:

- a report deadline later than the city's (a county may only be stricter: "due day ≤ 5");
- a report deadline on month M that falls before M has ended (an off-by-one month: every
  report would be late), in every month of the year checked;
- a deadline the engine refuses (naive, not a datetime, …);
- two plugins replacing the same city rule for one county;
- an award above the rule's ``max_points``, evidence that is not record ids, a condition that
  returns something other than Failure or None, a rule that raises.

Needs no hypothesis: the datasets are the demo city's (softenv_core.demo), built per seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.demo import build_demo
from softenv_core.engine.answers import check_deadline_month
from softenv_core.engine.hookspecs import hookimpl
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.resolution import check_deadline, check_sequence
from softenv_core.engine.ruletypes import Condition, Deadline, PluginInfo, Rule
from softenv_core.errors import PluginError
from softenv_core.model.periods import Year
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.workdays.calendar import WorkCalendar

SEEDS = (20220301, 1, 2)
_RULE_HOOKS = (
    ("softenv_point_rules", Rule),
    ("softenv_extra_point_rules", Rule),
    ("softenv_topten_conditions", Condition),
)


@frozen
class Fault:
    """One thing wrong with a plugin: where (plugin, hook, rule), what, and how to fix it."""

    plugin: str
    hook: str
    rule: str
    problem: str
    fix: str

    def text(self) -> str:
        return f"plugin {self.plugin!r}, hook {self.hook}, rule {self.rule}: {self.problem}\n    fix: {self.fix}"


def _fix_for(message: str) -> str:
    if "max_points" in message:
        return "cap the award at the rule's max_points (min(points, cap)), or raise max_points if the policy allows"
    if "evidence" in message:
        return "put record ids in evidence ([c.id for c in contacts]), never the records themselves"
    if "expected Failure" in message:
        return "a condition returns Failure(reason, evidence) to disqualify, or None; never a bool or text"
    if "raised" in message:
        return "the rule raised: handle the case it tripped on (an empty month, a point without contacts)"
    return "return the type the hook's signature names (docs/hooks.md)"


class _Shim:
    """One rule or condition of a plugin, under the plugin's name and county."""

    def __init__(self, info: PluginInfo, hook: str, item: Rule | Condition) -> None:
        self.info, self.hook, self.item = info, hook, item

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return self.info


class _PointShim(_Shim):
    @hookimpl
    def softenv_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


class _ExtraShim(_Shim):
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


class _ConditionShim(_Shim):
    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Rule | Condition]:
        return [self.item]


_SHIMS: dict[str, type[_Shim]] = {
    "softenv_point_rules": _PointShim,
    "softenv_extra_point_rules": _ExtraShim,
    "softenv_topten_conditions": _ConditionShim,
}


def _deadlines(pm: SoftenvPluginManager, meta: PluginMeta, year: int, params: ParameterSet) -> list[Fault]:
    hook = "softenv_report_deadline"
    if hook not in meta.hooks or meta.county is None:
        return []
    dataset = build_demo(year, points_per_county=1)
    county = dataset.county_by_code.get(meta.county)
    if county is None:  # a county the demo city lacks: try the plugin on the first one, as its own
        county = next(c for c in dataset.counties)
    calendar = WorkCalendar()
    for month in Year(year).months:
        answers = {
            m.name: v
            for m, v in pm.call_each(hook, county=county, month=month, calendar=calendar, params=params)
            if m.name in (CITY_PLUGIN, meta.name)
        }
        mine, city = answers.get(meta.name), answers.get(CITY_PLUGIN)
        if mine is None:
            continue
        rule_id = str(getattr(mine, "rule_id", "?"))
        if not isinstance(mine, Deadline):
            return [Fault(meta.name, hook, rule_id, f"returned {type(mine).__name__}", "return a Deadline or None")]
        try:
            check_deadline(meta.name, hook, mine)
            check_deadline_month(meta.name, hook, mine, county.code, month)
        except PluginError as exc:
            fix = (
                "build it with monthly_deadline(calendar, month, due_day, …) for the month asked "
                "(its day in the next month): Beijing time, end of the day"
            )
            return [Fault(meta.name, hook, rule_id, str(exc), fix)]
        if isinstance(city, Deadline) and mine.due_at > city.due_at:
            bound = params.get("report.due_day", (month + 1).first_day).value
            return [
                Fault(
                    meta.name,
                    hook,
                    rule_id,
                    f"the report on {month} is due {mine.due_at.isoformat()}, later than the city's "
                    f"{city.due_at.isoformat()}; a county may only be stricter: due day ≤ {bound}",
                    f"set the county's due day to {bound} or earlier (its parameter file), or return None",
                )
            ]
    return []


def _replacements(pm: SoftenvPluginManager, year: int, params: ParameterSet) -> list[Fault]:
    claims: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for m, value in pm.call_each("softenv_point_rules", year=year, params=params):
        if m.county is None or not isinstance(value, Sequence):
            continue
        for rule in value:
            if isinstance(rule, Rule) and rule.replaces is not None:
                claims.setdefault((m.county, rule.replaces), []).append((m.name, rule.id))
    faults = []
    for (county, label), who in sorted(claims.items()):
        if len({name for name, _ in who}) > 1:
            names = ", ".join(f"{n!r} ({r})" for n, r in who)
            for name, rule_id in who:
                faults.append(
                    Fault(
                        name,
                        "softenv_point_rules",
                        rule_id,
                        f"county {county}: the city rule {label!r} is replaced by more than one plugin: {names}",
                        "keep one replacement per county: uninstall one plugin, or name one in SOFTENV_PLUGINS",
                    )
                )
    return faults


def _rules(pm: SoftenvPluginManager, meta: PluginMeta, year: int, params: ParameterSet) -> list[Fault]:
    faults: list[Fault] = []
    info = PluginInfo(county=meta.county, title=meta.title, reference=meta.reference)
    for hook, kind in _RULE_HOOKS:
        for m, value in pm.call_each(hook, year=year, params=params):
            if m.name != meta.name:
                continue
            try:
                items: list[Any] = check_sequence(m, hook, value, kind)
            except PluginError as exc:
                faults.append(Fault(meta.name, hook, "-", str(exc), _fix_for(str(exc))))
                continue
            for item in items:
                if not item.in_force(year):
                    continue
                fault = _try(_SHIMS[hook](info, hook, item), meta.name, hook, item.id, year, params)
                if fault is not None:
                    faults.append(fault)
    return faults


def _try(shim: _Shim, name: str, hook: str, rule_id: str, year: int, params: ParameterSet) -> Fault | None:
    for seed in SEEDS:
        pm = get_plugin_manager(autoload=False, plugins=[(name, shim)])
        try:
            assess(build_demo(year, seed, points_per_county=3), year, pm, params=params, audience=CITY_OFFICE)
        except PluginError as exc:
            return Fault(name, hook, rule_id, str(exc), _fix_for(str(exc)))
    return None


def check_installed(pm: SoftenvPluginManager, year: int, params: ParameterSet | None = None) -> list[Fault]:
    """Every fault of the plugins in ``pm`` (the city baseline is the reference, not checked)."""
    params = baseline_parameters() if params is None else params
    faults = _replacements(pm, year, params)
    for meta in pm.plugins_meta():
        if meta.name == CITY_PLUGIN:
            continue
        faults += _deadlines(pm, meta, year, params)
        faults += _rules(pm, meta, year, params)
    return faults


__all__ = ["Fault", "check_installed"]
