"""Resolving what the plugins answer into the one rule set that applies to a county.

Principle 5 of the design: a county plugin's answers apply to its own county only; a
county rule may replace a city rule only where that rule is replaceable; two answers that
apply at once are a RuleConflict naming both, never settled by registration order. Every
answer is type-checked, so a plugin returning garbage is a PluginError naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from attrs import evolve, field, frozen

from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla, Condition, Deadline, Rule
from softenv_core.engine.trace import RuleRef
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month
from softenv_core.workdays.calendar import WorkCalendar

T = TypeVar("T")


@frozen
class BoundRule:
    """A rule together with the plugin (and version) that supplied it."""

    rule: Rule
    plugin: str
    version: str
    #: The rule's reference as traced in every item it scores: made once, read per point.
    ref: RuleRef = field(init=False, eq=False, repr=False)

    @ref.default
    def _make_ref(self) -> RuleRef:
        return self.rule.ref(self.plugin, self.version)


@frozen
class BoundCondition:
    condition: Condition
    plugin: str
    version: str


def check_sequence(meta: PluginMeta, hook: str, value: Any, kind: type[T]) -> list[T]:
    """A hook's answer as a list of ``kind``; anything else is a PluginError naming plugin and hook."""
    if value is None:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise PluginError(meta.name, hook, f"returned {type(value).__name__}, expected a sequence of {kind.__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            raise PluginError(meta.name, hook, f"item {i} is {type(item).__name__}, expected {kind.__name__}")
    return list(value)


def resolve_point_rules(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet
) -> tuple[BoundRule, ...]:
    """The base scoring rules for points of ``county`` in ``year``, replacements applied."""
    city: dict[str, BoundRule] = {}
    replacements: dict[str, list[BoundRule]] = {}
    for meta, value in pm.call_each("softenv_point_rules", only=county, year=year, params=params):
        for rule in check_sequence(meta, "softenv_point_rules", value, Rule):
            if not rule.in_force(year):
                continue
            bound = BoundRule(rule, meta.name, meta.version)
            if meta.county is None:
                if rule.replaces is not None:
                    raise PluginError(meta.name, "softenv_point_rules", f"city rule {rule.id} cannot replace")
                if rule.label in city:
                    raise RuleConflict(
                        [city[rule.label].plugin, meta.name],
                        f"label {rule.label}",
                        "two city rules share a label",
                    )
                city[rule.label] = bound
            elif rule.replaces is None:
                raise PluginError(
                    meta.name,
                    "softenv_point_rules",
                    f"county rule {rule.id} must name the city rule it replaces; "
                    "add points with softenv_extra_point_rules",
                )
            else:
                replacements.setdefault(rule.replaces, []).append(bound)
    for label, reps in sorted(replacements.items()):
        target = city.get(label)
        if target is None:
            raise PluginError(
                reps[0].plugin,
                "softenv_point_rules",
                f"{reps[0].rule.id} replaces unknown rule label {label!r}",
            )
        if not target.rule.replaceable:
            raise RuleConflict(
                [target.plugin, reps[0].plugin],
                f"label {label}",
                f"city rule {target.rule.id} is not replaceable (county rule {reps[0].rule.id})",
            )
        if len(reps) > 1:
            names = sorted({r.plugin for r in reps}) if len({r.plugin for r in reps}) > 1 else [r.plugin for r in reps]
            raise RuleConflict(
                names,
                f"label {label} for county {county}",
                "replacements " + ", ".join(r.rule.id for r in reps) + " apply at once",
            )
        city[label] = reps[0]
    return tuple(city[k] for k in sorted(city))


def resolve_extra_rules(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet
) -> tuple[BoundRule, ...]:
    """Extra-point rules for points of ``county``: the city's and that county's plugins'."""
    out: list[BoundRule] = []
    seen: dict[str, str] = {}
    for meta, value in pm.call_each("softenv_extra_point_rules", only=county, year=year, params=params):
        for rule in check_sequence(meta, "softenv_extra_point_rules", value, Rule):
            if rule.replaces is not None:
                raise PluginError(meta.name, "softenv_extra_point_rules", f"extra rule {rule.id} cannot replace a rule")
            if not rule.in_force(year):
                continue
            if rule.id in seen:
                raise RuleConflict([seen[rule.id], meta.name], f"rule id {rule.id}", "two extra rules share an id")
            seen[rule.id] = meta.name
            out.append(BoundRule(rule, meta.name, meta.version))
    return tuple(sorted(out, key=lambda b: (b.plugin != CITY_PLUGIN, b.plugin, b.rule.id)))


def resolve_conditions(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet
) -> tuple[BoundCondition, ...]:
    """十佳 conditions for ``county``: the city's and that county's plugins' (which only add)."""
    out: list[BoundCondition] = []
    for meta, value in pm.call_each("softenv_topten_conditions", only=county, year=year, params=params):
        for cond in check_sequence(meta, "softenv_topten_conditions", value, Condition):
            if cond.in_force(year):
                out.append(BoundCondition(cond, meta.name, meta.version))
    return tuple(sorted(out, key=lambda b: (b.plugin != CITY_PLUGIN, b.plugin, b.condition.id)))


def _single_answer(
    pm: SoftenvPluginManager, hook: str, county_code: str, expected: type[T], what: str, **kwargs: Any
) -> tuple[T, PluginMeta, T | None]:
    """The county's own answer if one plugin gives it, else the city's; plus the city's answer."""
    city: tuple[T, PluginMeta] | None = None
    local: list[tuple[T, PluginMeta]] = []
    for meta, value in pm.call_each(hook, only=county_code, **kwargs):
        if value is None:
            continue
        if not isinstance(value, expected):
            raise PluginError(meta.name, hook, f"returned {type(value).__name__}, expected {expected.__name__} or None")
        if meta.county is None:
            city = (value, meta)
        else:
            local.append((value, meta))
    if len(local) > 1:
        raise RuleConflict([m.name for _, m in local], f"{what} of county {county_code}", "two plugins answer at once")
    city_value = city[0] if city else None
    if local:
        return local[0][0], local[0][1], city_value
    if city is None:
        raise PluginError(CITY_PLUGIN, hook, f"no plugin gave the {what} of county {county_code}")
    return city[0], city[1], city_value


def resolve_deadline(
    pm: SoftenvPluginManager, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline:
    """The due moment of ``county``'s report on ``month``: its own plugin's, else the city's.

    A county may set a stricter deadline, never a later one than the city's.
    """
    kwargs = {"county": county, "month": month, "calendar": calendar, "params": params}
    deadline, meta, city_deadline = _single_answer(
        pm, "softenv_report_deadline", county.code, Deadline, "report deadline", **kwargs
    )
    if meta.county is not None and city_deadline is not None and deadline.due_at > city_deadline.due_at:
        raise RuleConflict(
            [CITY_PLUGIN, meta.name],
            f"report deadline of {county.code} for {month}",
            f"county deadline {deadline.due_at.isoformat()} is later than "
            f"the city's {city_deadline.due_at.isoformat()}",
        )
    return evolve(deadline, plugin=meta.name, version=meta.version)


def resolve_sla(
    pm: SoftenvPluginManager,
    county: str,
    kind: ComplaintKind,
    calendar: WorkCalendar,
    params: ParameterSet,
    on: date = date.max,
) -> ComplaintSla:
    """The working-day limits for a complaint of ``kind`` concerning ``county`` in force on
    ``on``, the day a step opened (without it, the latest limits known)."""
    sla, _meta, _city = _single_answer(
        pm,
        "softenv_complaint_sla",
        county,
        ComplaintSla,
        "complaint limits",
        kind=kind,
        calendar=calendar,
        params=params,
        on=on,
    )
    return sla


__all__ = [
    "BoundCondition",
    "BoundRule",
    "check_sequence",
    "resolve_conditions",
    "resolve_deadline",
    "resolve_extra_rules",
    "resolve_point_rules",
    "resolve_sla",
]
