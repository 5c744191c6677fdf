"""Which rule ids can give a point an item (计分项) in a data-driven case's year: an expectation
naming none of them is a mistyped or renamed id, told as such (testing.cases); so is a county's
expected ``failing`` naming no 十佳 condition of the county.

Without this check a case expecting ``null`` (no item) of a rule id that no rule has passed
whatever the plugin did, and one expecting points said "it awarded nothing" of a rule that
does not exist (the scaffold's id after the rule was renamed, say).
"""

from __future__ import annotations

from softenv_core.analyses.arguments import params_or_baseline
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.resolution import resolve_extra_rules, resolve_point_rules
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.rules.city.duty import TOTAL_RULES

#: The scope the assessment scores a 市直 point in: no county plugin serves it (analyses.assessment).
_CITY_ONLY = "市直"


def rule_ids_for(pm: SoftenvPluginManager, point: MonitoringPoint, year: int) -> tuple[str, ...]:
    """The ids of the rules that score ``point`` in ``year`` (base, extra and the city's
    totalling rules), sorted: a 市直 point's are the city's alone."""
    params = params_or_baseline(None)
    scope = _CITY_ONLY if point.level is PointLevel.CITY else point.county
    bound = (*resolve_point_rules(pm, scope, year, params), *resolve_extra_rules(pm, scope, year, params))
    ids = {b.rule.id for b in bound} | {r.id for r in TOTAL_RULES if r.in_force(year)}
    return tuple(sorted(ids))


def unknown_rule(key: str, point: MonitoringPoint, known: tuple[str, ...]) -> str | None:
    """The mismatch for an expected item of rule ``key`` that no rule scoring ``point`` has,
    naming the ids it does have; None when ``key`` is one of them."""
    if key in known:
        return None
    where = "a 市直 point, scored by the city's rules alone" if point.level is PointLevel.CITY else "this point"
    return f"no rule with this id scores {where} (a mistyped or renamed rule id?); its rules: {', '.join(known)}"


def unknown_conditions(expected: object, known: tuple[str, ...]) -> list[str]:
    """The mismatches for ids in an expected ``failing`` list that no 十佳 condition of the
    county has (``known``: its conditions' ids): told as a mistyped id, not as a condition
    that passed (plugin author p40: `expected ['….no_overdu'], got []`)."""
    wanted = expected if isinstance(expected, list) else []
    return [
        f"{key!r}: no 十佳 condition with this id judges the county (a mistyped or renamed id?); "
        f"its conditions: {', '.join(known)}"
        for key in wanted
        if key not in known
    ]


__all__ = ["rule_ids_for", "unknown_conditions", "unknown_rule"]
