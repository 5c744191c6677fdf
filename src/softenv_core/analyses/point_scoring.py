"""A point's items from bound rules (得分项): each rule's Award, its answer checked where it is a
plugin's (engine/resolution.check_scored), bounded by the rule's ``max_points``, made a ScoreItem.

Split from analyses/assessment.py, which applies the rules to every point and county.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import localcontext

from softenv_core.engine.answers import plugin_exit
from softenv_core.engine.resolution import BoundRule, check_scored
from softenv_core.engine.ruletypes import Award, PointYear
from softenv_core.engine.trace import ScoreItem
from softenv_core.errors import CalendarDataMissing, ParameterMissing, PluginError, own_parameter_fault, printable


def _award(bound_rule: BoundRule, ctx: PointYear, hook: str) -> Award | None:
    rule = bound_rule.rule
    try:
        if bound_rule.checked:  # a plugin's rule, under a decimal context of its own
            with localcontext():
                award = rule.score(ctx)
        else:
            award = rule.score(ctx)
    except (PluginError, CalendarDataMissing, ParameterMissing) as exc:
        fault = own_parameter_fault(exc, bound_rule.plugin, hook, f"rule {rule.id}") if bound_rule.checked else None
        if fault is not None:  # a misspelt name in its own file
            raise fault from exc
        raise  # missing data is reported as itself
    except Exception as exc:
        said = f"rule {rule.id} raised {type(exc).__name__}: {printable(exc)}"
        raise PluginError(bound_rule.plugin, hook, said) from exc
    except KeyboardInterrupt:
        raise  # Ctrl-C stays Ctrl-C
    except BaseException as exc:  # GeneratorExit, SystemExit: a PluginError, not the end of the run
        if not bound_rule.checked:
            raise  # the city baseline's own code
        raise plugin_exit(bound_rule.plugin, hook, rule.id, exc) from exc
    if award is None:
        return None
    if not isinstance(award, Award):
        raise PluginError(
            bound_rule.plugin,
            hook,
            f"rule {rule.id} returned {type(award).__name__}, expected Award or None",
        )
    if bound_rule.checked:  # a plugin's answer: its fields, then its bound
        return check_scored(bound_rule, hook, award, ctx)
    return rule.bounded(award, bound_rule.plugin, hook, ctx.point.id)


def scored_items(bound: Sequence[BoundRule], ctx: PointYear, hook: str) -> list[ScoreItem]:
    """The items ``bound`` give ``ctx``'s point, in their order (a rule awarding nothing gives none)."""
    items = []
    for b in bound:
        award = _award(b, ctx, hook)
        if award is not None:
            items.append(ScoreItem(b.ref, award.points, award.reason, award.evidence, award.params))
    return items


__all__ = ["scored_items"]
