"""The mistakes a hurried plugin author makes (plugin author p38), each found by ``softenv
plugins --check``'s hooks check with the plugin, the hook, the rule and a fix for that mistake.
Four gave the generic "return the type the hook's signature names" or "handle the case it
tripped on", which said nothing of what to change: a score returning a bool or a number, a hook
returning one Rule where it answers a list, an award of a billion points, evidence given as a
set (Award refused it, and the fix was read as the rule's own exception), and Decimal points
(PARAMS.number) multiplied by a float."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from softenv_core import get_plugin_manager
from softenv_core.plugin import Award, Condition, Failure, ParameterSet, PluginInfo, Rule, hookimpl
from softenv_core.testing import check_plugin
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed

CODE = "379922"
RULE = f"county.{CODE}.extra.hurried"
COND = f"county.{CODE}.topten.hurried"
EXTRA, TOPTEN = "softenv_extra_point_rules", "softenv_topten_conditions"


def _rule(score: Any, rule_id: str = RULE) -> Rule:
    return Rule(
        id=rule_id,
        label="hurried",
        title_zh="加分",
        title_en="extra",
        reference="r",
        score=score,
        max_points=10,
        effective_from=date(2022, 3, 1),
    )


class Hurried:
    def __init__(self, score: Any = None, check: Any = None, rules: Any = None) -> None:
        self.score, self.check, self.rules = score, check, rules

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="松溪县", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        if self.rules is not None:
            return self.rules  # type: ignore[no-any-return]
        return [] if self.score is None else [_rule(self.score)]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        if self.check is None:
            return []
        made = Condition(
            id=COND, title_zh="条件", title_en="c", reference="r", check=self.check, effective_from=date(2022, 3, 1)
        )
        return [made]


def _other_point(ctx: Any) -> str:
    return next(p.id for p in ctx.dataset.points if p.county != CODE)


def _edits_an_index(ctx: Any) -> None:
    ctx.dataset.point_by_id[ctx.point.id] = None


def _edits_a_parameter(ctx: Any) -> None:
    ctx.params.get("topten.waiver_deciders", ctx.on).value.append("市长")


def _raises(ctx: Any) -> None:
    raise KeyError("3月")


#: (the plugin, the hook, the rule, a phrase of the fix for that mistake)
MISTAKES: dict[str, tuple[Hurried, str, str, str]] = {
    "score returns a bool": (Hurried(lambda ctx: True), EXTRA, RULE, "a rule's score returns Award("),
    "score returns a number": (Hurried(lambda ctx: 3), EXTRA, RULE, "a rule's score returns Award("),
    "score returns a tuple": (Hurried(lambda ctx: (3, "理由")), EXTRA, RULE, "a rule's score returns Award("),
    "hook returns one Rule": (Hurried(rules=_rule(lambda ctx: None)), EXTRA, "-", "return a list of them"),
    "condition returns a bool": (Hurried(check=lambda ctx: False), TOPTEN, COND, "a condition returns Failure("),
    "condition returns text": (Hurried(check=lambda ctx: "未达标"), TOPTEN, COND, "a condition returns Failure("),
    "edits a dataset index": (Hurried(_edits_an_index), EXTRA, RULE, "never change what the plugin is given"),
    "edits a parameter": (Hurried(_edits_a_parameter), EXTRA, RULE, "never change what the plugin is given"),
    "raises": (Hurried(_raises), EXTRA, RULE, "the rule raised: handle the case"),
    "cites another county's point": (
        Hurried(lambda ctx: Award(1, "x", [_other_point(ctx)])),
        EXTRA,
        RULE,
        "never another point's or county's",
    ),
    "condition cites another county's point": (
        Hurried(check=lambda ctx: Failure("x", [_other_point(ctx)])),
        TOPTEN,
        COND,
        "never another point's or county's",
    ),
    "a billion points": (Hurried(lambda ctx: Award(10**9, "x")), EXTRA, RULE, "at most 1000000 either way"),
    "NaN points": (Hurried(lambda ctx: Award(float("nan"), "x")), EXTRA, RULE, "never NaN"),
    "points as text": (Hurried(lambda ctx: Award("3", "x")), EXTRA, RULE, "never NaN, a bool or text"),
    "over max_points": (Hurried(lambda ctx: Award(50, "x")), EXTRA, RULE, "min(points, cap)"),
    "Decimal times float": (
        Hurried(lambda ctx: Award(ctx.params.number("duty.extra_cap", ctx.on)[0] * 0.5, "x")),
        EXTRA,
        RULE,
        "does not mix with a float",
    ),
    "evidence as a set": (Hurried(lambda ctx: Award(1, "x", {c.id for c in ctx.contacts})), EXTRA, RULE, "not a set"),
    "records as evidence": (
        Hurried(lambda ctx: Award(1, "x", list(ctx.contacts[:1]))),
        EXTRA,
        RULE,
        "never the records",
    ),
    "another county's rule id": (
        Hurried(rules=[_rule(lambda ctx: None, "county.379921.extra.hurried")]),
        EXTRA,
        "county.379921.extra.hurried",
        "in the county's own namespace",
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_names_plugin_hook_rule_and_its_fix(mistake: str) -> None:
    plugin, hook, rule, fix = MISTAKES[mistake]
    faults = check_installed(get_plugin_manager(autoload=False, plugins=[("hurried", plugin)]), 2025)
    assert len(faults) == 1, [f.text() for f in faults]
    (fault,) = faults
    assert (fault.plugin, fault.hook, fault.rule) == ("hurried", hook, rule), fault.text()
    assert fix in fault.fix, fault.text()
    assert "return the type the hook's signature names" not in fault.fix


def test_a_float_is_rounded_to_cents_as_a_decimal_is() -> None:
    """Not a mistake: Award takes a float through its shortest repr, to two places (0.1 + 0.2 is 0.30)."""
    assert Award(0.1 + 0.2, "x").points == Decimal("0.30")
    pm = get_plugin_manager(autoload=False, plugins=[("ok", Hurried(lambda c: Award(0.1 + 0.2, "x")))])
    assert check_installed(pm, 2025) == []


@pytest.mark.parametrize(
    "said",
    [
        "rule x.y raised KeyError: a set has no order, so the output would change from run to run: "
        "give a tuple or list (e.g. sorted(...))",
        "rule x.y raised TypeError: a set has no order, so the output would change from run to run: "
        "give a tuple or list (e.g. sorted(...)) and more",
        "rule x.y raised TypeError: unsupported operand type(s) for *: 'decimal.Decimal' and 'float'; 3月",
    ],
)
def test_only_the_library_words_of_a_type_error_choose_the_fix(said: str) -> None:
    assert fix_for(said).startswith("the rule raised: handle the case")


def _sets_a_frozen_field(ctx: Any) -> None:
    object.__setattr__(ctx.point, "liaison_person", "改过")  # gets past frozen: the guide says never


def test_writing_past_frozen_is_found_by_the_kit_naming_the_rule() -> None:
    report = check_plugin(Hurried(_sets_a_frozen_field), "hurried", max_examples=3, hash_seed=False)
    said = report.failures.get("no_mutation", "")
    assert f"rule {RULE}" in said and "changed the dataset it was given" in said, report.failures


def test_a_hook_answering_conditions_for_rules_is_caught_at_run_time() -> None:
    """What the guide says mypy does not check (a hook's own signature) is caught at run time."""
    as_rule = Condition(
        id=COND, title_zh="c", title_en="c", reference="r", check=lambda c: None, effective_from=date(2022, 3, 1)
    )
    faults = check_installed(get_plugin_manager(autoload=False, plugins=[("hurried", Hurried(rules=[as_rule]))]), 2025)
    assert [(f.hook, "expected Rule" in f.problem) for f in faults] == [(EXTRA, True)], [f.text() for f in faults]
