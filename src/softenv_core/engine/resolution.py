"""Resolving what the plugins answer into the one rule set that applies to a county.

Principle 5 of the design: a county plugin's answers apply to its own county only; a
county rule may replace a city rule only where that rule is replaceable; two answers that
apply at once are a RuleConflict naming both, never settled by registration order; a county's
rule or condition in force for part of a year is refused (rule_years: it would score the whole
year, and two versions meeting mid-year would both apply). Every
answer is checked, not trusted: its type, and each field of a Deadline, ComplaintSla, Award
or Failure (an aware ``due_at``, limits within a year, finite points of sane size, text
reasons, evidence that names records of the dataset), so that a plugin returning garbage is a
PluginError naming plugin, hook and field rather than a wrong figure or a crash further on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Sequence
from datetime import date
from decimal import Decimal, localcontext
from typing import Any, TypeVar

import attrs
from attrs import field, frozen

from softenv_core.engine.answers import (
    MAX_AWARD_POINTS,
    MAX_EVIDENCE,
    MAX_REASON,
    check_award,
    check_deadline,
    check_outcome,
    check_sla,
    id_namespace_problem,
    own_evidence,
    own_params,
    plain_outcome,
    plugin_exit,
    shows,
)
from softenv_core.engine.deadline_answers import HOOK as DEADLINE_HOOK
from softenv_core.engine.deadline_answers import DeadlineAnswers
from softenv_core.engine.hookspecs import RULE_HOOKS
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.rule_answers import RuleAnswers, call_each
from softenv_core.engine.rule_years import refuse_part_year
from softenv_core.engine.ruletypes import (
    Award,
    Condition,
    CountyYear,
    Deadline,
    Failure,
    PointYear,
    Rule,
)
from softenv_core.engine.single_answer import single_answer
from softenv_core.engine.sla_answers import resolve_sla, resolve_sla_by
from softenv_core.engine.trace import ConditionResult, RuleRef, date_problem, to_points
from softenv_core.errors import CalendarDataMissing, ParameterMissing, PluginError, RuleConflict
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month
from softenv_core.workdays.calendar import WorkCalendar

T = TypeVar("T")
R = TypeVar("R")


@frozen
class BoundRule:
    """A rule together with the plugin (and version) that supplied it."""

    rule: Rule
    plugin: str
    version: str
    #: Whether the engine checks the rule's answers (check_scored): every plugin's rules but
    #: the city baseline's own (see _checked). A flag read per point rather than a wrapped score
    #: function: no rule is rebuilt per county, and no extra call is made per point.
    checked: bool = False
    #: The city rule a county rule replaces (its id), traced in the items it scores.
    replaces: str | None = None
    #: The rule's reference as traced in every item it scores: made once, read per point.
    ref: RuleRef = field(init=False, eq=False, repr=False)

    #: The largest size of points an award may have and pass both checks (MAX_AWARD_POINTS,
    #: the rule's max_points): the fast path of check_scored compares with it alone.
    limit: Decimal = field(init=False, eq=False, repr=False)

    @ref.default
    def _make_ref(self) -> RuleRef:
        ref = self.rule.ref(self.plugin, self.version)
        if self.replaces is None:
            return ref
        return attrs.evolve(ref, replaces=self.replaces, replaces_label=self.rule.replaces)

    @limit.default
    def _make_limit(self) -> Decimal:
        # max_points again through to_points: a plugin's frozen Rule may have been rewritten
        # after it was made (object.__setattr__), and an infinite bound would lift the cap.
        return min(to_points(self.rule.max_points), MAX_AWARD_POINTS)

    def bounded(self, award: Award, hook: str, point: str | None = None) -> Award:
        """Rule.bounded, held to the bound as resolved (``limit``, read when the rule was bound),
        not to the rule's ``max_points`` now: a score function rewrote its own rule's bound to
        1000 (object.__setattr__) before awarding 500 for a 30-point item (x74 05)."""
        if abs(award.points) > self.limit:
            to = "" if point is None else f" (point {point})"
            said = f"rule {self.ref.id} awarded {award.points}, beyond its max_points {self.limit}{to}"
            raise PluginError(self.plugin, hook, said)
        return award


@frozen
class BoundCondition:
    """A 十佳 condition together with the plugin (and version) that supplied it."""

    condition: Condition
    plugin: str
    version: str
    #: What the engine calls for the condition's check: for every plugin but the city
    #: baseline, a _CheckedCondition around it (see _checked). Kept beside the condition rather
    #: than in a copy of it made with evolve, which ran its validators again for each county.
    check: Callable[[CountyYear], Failure | None] | None = field(default=None, eq=False, repr=False)

    def result(self, ctx: CountyYear) -> ConditionResult:
        """The condition's traced result on ``ctx``, its answer checked where it is a plugin's."""
        return self.condition.result(ctx, self.plugin, self.version, self.check)


def check_sequence(meta: PluginMeta, hook: str, value: Any, kind: type[T]) -> list[T]:
    """A hook's answer as a list of ``kind``; anything else is a PluginError naming plugin and hook."""
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise PluginError(meta.name, hook, f"returned {type(value).__name__}, expected a sequence of {kind.__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            raise PluginError(meta.name, hook, f"item {i} is {type(item).__name__}, expected {kind.__name__}")
    return list(value)


def check_scored(bound: BoundRule, hook: str, award: Award, ctx: PointYear) -> Award:
    """A checked rule's Award as the engine uses it: sane fields (check_award), evidence of
    ``ctx.point``'s own records (own_evidence), within the rule's ``max_points`` as resolved
    (BoundRule.bounded); an Award subclass's fields copied, read once (plain_outcome)."""
    if type(award) is not Award:  # the usual answer without a call (this runs for every award)
        award = plain_outcome(bound.plugin, hook, bound.rule.id, award)
    points, reason, evidence, params = award.points, award.reason, award.evidence, award.params
    point = ctx.point
    # The usual answer passes in one test of C calls, without a call per field (this runs for
    # every plugin award of every point); anything else takes the full checks below, which
    # alone decide what is wrong. Each clause implies the check it stands for.
    if (
        type(points) is Decimal
        and points.is_finite()
        and abs(points) <= bound.limit
        and type(reason) is str
        and 0 < len(reason) <= MAX_REASON
        and not reason.isspace()
        and shows(reason)
        and type(evidence) is tuple
        and (
            not evidence
            or (
                len(evidence) <= MAX_EVIDENCE  # before the look at each id: 200,000 of one (p50 05)
                and own_evidence(ctx.dataset, evidence, (point.id, point.county))
                and len(set(evidence)) == len(evidence)  # hashable: own_evidence looked each up
            )
        )
        and type(params) is tuple
        and (not params or own_params(params, point.county, ctx.on))
    ):
        return award
    owner = (point.id, point.county)
    check_award(bound.plugin, hook, bound.rule.id, award, ctx.dataset, owner, ctx.params, ctx.on)
    return bound.bounded(award, hook, point.id)


@frozen
class _CheckedCondition:
    """A condition's check whose Failure is checked before the engine uses it."""

    check: Callable[[CountyYear], Failure | None]
    plugin: str
    hook: str
    rule_id: str

    def __call__(self, ctx: CountyYear) -> Failure | None:
        try:
            # The plugin's own decimal context: a change to it stays inside the call.
            with localcontext():
                failure = self.check(ctx)
        except (Exception, KeyboardInterrupt):
            raise  # the engine names the plugin in an Exception; Ctrl-C stays Ctrl-C
        except BaseException as exc:  # GeneratorExit and SystemExit too
            raise plugin_exit(self.plugin, self.hook, self.rule_id, exc) from exc
        if failure is not None and not isinstance(failure, Failure):
            raise PluginError(
                self.plugin,
                self.hook,
                f"condition {self.rule_id} returned {type(failure).__name__}, expected Failure or None",
            )
        if failure is not None:
            failure = plain_outcome(self.plugin, self.hook, self.rule_id, failure)
            owner = (None, ctx.county.code)
            day = date(ctx.year, 12, 31)  # the day the year's figures are read (PointYear.on)
            check_outcome(self.plugin, self.hook, self.rule_id, failure, ctx.dataset, owner, ctx.params, day)
        return failure


def _checked(meta: PluginMeta) -> bool:
    """Whether the answers of ``meta``'s plugin are checked: every plugin's but the city
    baseline's own, which is the core's code under the core's tests and scores every point of
    every county (checking its answers too would cost ~10% of an assessment)."""
    return meta.name != CITY_PLUGIN or meta.distribution is not None


def _dated(meta: PluginMeta, hook: str, kind: str, item: Rule | Condition) -> None:
    """The answer's effective period as dates (the validators say so when a Rule or Condition is
    made; read again here, as a frozen value can be rewritten, before in_force compares them)."""
    for name in ("effective_from", "effective_until"):
        value = getattr(item, name)
        problem = date_problem(value) if name == "effective_from" or value is not None else None
        if problem is not None:
            raise PluginError(meta.name, hook, f"{kind} {item.id}: field {name}: {problem}")


def _own_id(meta: PluginMeta, hook: str, kind: str, item_id: str, seen: dict[str, str]) -> None:
    """A county's rule or condition id in no other's namespace (the city's, another county's:
    id_namespace_problem), and not one already given.

    Results, explanations and the data-driven cases key figures by rule id: a county rule
    named ``city.duty.contact`` would read as the city's (a replacement takes the label of
    the city rule it replaces, and an id of its own).
    """
    problem = id_namespace_problem(meta.county, item_id)
    if isinstance(item_id, str):  # its text, as checked: a subclass's hash and == may say otherwise
        item_id = str.__str__(item_id)
    if problem is not None:
        raise PluginError(meta.name, hook, f"{kind} {item_id}: {problem}")
    if item_id in seen:
        share = f"the plugin gave two {kind}s this id" if seen[item_id] == meta.name else f"two {kind}s share an id"
        raise RuleConflict([seen[item_id], meta.name], f"{kind} id {item_id}", share, hook)
    seen[item_id] = meta.name


def _bind(rule: Rule, meta: PluginMeta, hook: str) -> BoundRule:
    try:
        return BoundRule(rule, meta.name, meta.version, checked=_checked(meta))
    except (TypeError, ValueError) as exc:  # its max_points no longer a finite number
        raise PluginError(meta.name, hook, f"rule {rule.id}: max_points: {exc}") from None


def resolve_point_rules(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet, answers: RuleAnswers | None = None
) -> tuple[BoundRule, ...]:
    """The base scoring rules for points of ``county`` in ``year``, replacements applied
    (``answers``: the assessment's, so that the hook is asked once per county)."""
    city: dict[str, BoundRule] = {}
    replacements: dict[str, list[BoundRule]] = {}
    for meta, value in call_each(pm, "softenv_point_rules", county, year, params, answers):
        for rule in check_sequence(meta, "softenv_point_rules", value, Rule):
            _dated(meta, "softenv_point_rules", "rule", rule)
            if not rule.in_force(year):
                continue
            if meta.county is not None and not refuse_part_year(
                meta.name, "softenv_point_rules", "rule", rule, year, params
            ):
                continue
            bound = _bind(rule, meta, "softenv_point_rules")
            if meta.county is None:
                if rule.replaces is not None:
                    raise PluginError(meta.name, "softenv_point_rules", f"city rule {rule.id} cannot replace")
                if rule.label in city:
                    raise _point_rules_conflict(
                        [city[rule.label].plugin, meta.name], f"label {rule.label}", "two city rules share a label"
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
        city[label] = _replacement(city, label, reps, county)
    seen: dict[str, str] = {}
    for label in sorted(city):  # a replacement's id, as every rule's, is its own
        meta = pm.meta(city[label].plugin)
        _own_id(meta, "softenv_point_rules", "rule", city[label].rule.id, seen)
    return tuple(city[k] for k in sorted(city))


def _point_rules_conflict(plugins: list[str], subject: str, message: str) -> RuleConflict:
    """A RuleConflict of softenv_point_rules, naming the hook as every plugin fault does."""
    return RuleConflict(plugins, subject, message, "softenv_point_rules")


def _replacement(city: dict[str, BoundRule], label: str, reps: list[BoundRule], county: str) -> BoundRule:
    """The one county rule replacing city rule ``label``, checked: a replaceable rule, a bound
    no higher than the city rule's, one replacement at a time."""
    target = city.get(label)
    if target is None:
        known = ", ".join(sorted(k for k, b in city.items() if b.rule.replaceable)) or "none"
        raise PluginError(
            reps[0].plugin,
            "softenv_point_rules",
            f"{reps[0].rule.id} replaces unknown rule label {label!r}: "
            f"replaces= takes the label of a replaceable city rule ({known}), not its id",
        )
    replaceable = ", ".join(sorted(k for k, b in city.items() if b.rule.replaceable)) or "none"
    if not target.rule.replaceable:
        raise _point_rules_conflict(
            [target.plugin, reps[0].plugin],
            f"label {label}",
            f"city rule {target.rule.id} is not replaceable (county rule {reps[0].rule.id}); "
            f"replace only a replaceable one ({replaceable}), or add points with softenv_extra_point_rules",
        )
    # Base points are the city's decision (DESIGN: a county adds with extra-point rules,
    # capped): a replacement may score its item differently, never beyond the city rule's
    # own bound, or a county could lift its points past the city's total.
    over = [r for r in reps if r.rule.max_points > target.rule.max_points]
    if over:
        raise _point_rules_conflict(
            [target.plugin, over[0].plugin],
            f"label {label}",
            f"county rule {over[0].rule.id} allows up to {over[0].rule.max_points} points, "
            f"beyond the {target.rule.max_points} of city rule {target.rule.id} it replaces; "
            f"give it max_points of at most {target.rule.max_points}",
        )
    if len(reps) > 1:
        names = sorted({r.plugin for r in reps})
        ids = ", ".join(r.rule.id for r in reps)
        raise _point_rules_conflict(
            names,
            f"label {label} for county {county}",
            f"the plugin gave {len(reps)} replacements for city rule {target.rule.id}: {ids} apply at once; "
            f"keep one rule with replaces={label!r}"
            if len(names) == 1
            else f"replacements {ids} apply at once; keep one rule with replaces={label!r} for the county "
            "(one plugin per county)",
        )
    # Every item it scores says which city rule it stands in for (DESIGN 2).
    return attrs.evolve(reps[0], replaces=target.rule.id)


def resolve_extra_rules(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet, answers: RuleAnswers | None = None
) -> tuple[BoundRule, ...]:
    """Extra-point rules for points of ``county``: the city's and that county's plugins'."""
    out: list[BoundRule] = []
    seen: dict[str, str] = {}
    for meta, value in call_each(pm, "softenv_extra_point_rules", county, year, params, answers):
        for rule in check_sequence(meta, "softenv_extra_point_rules", value, Rule):
            if rule.replaces is not None:
                raise PluginError(meta.name, "softenv_extra_point_rules", f"extra rule {rule.id} cannot replace a rule")
            _dated(meta, "softenv_extra_point_rules", "rule", rule)
            if not rule.in_force(year):
                continue
            if meta.county is not None and not refuse_part_year(
                meta.name, "softenv_extra_point_rules", "extra rule", rule, year, params
            ):
                continue
            _own_id(meta, "softenv_extra_point_rules", "extra rule", rule.id, seen)
            out.append(_bind(rule, meta, "softenv_extra_point_rules"))
    return tuple(sorted(out, key=lambda b: (b.plugin != CITY_PLUGIN, b.plugin, b.rule.id)))


def resolve_conditions(
    pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet, answers: RuleAnswers | None = None
) -> tuple[BoundCondition, ...]:
    """十佳 conditions for ``county``: the city's and that county's plugins' (which only add)."""
    out: list[BoundCondition] = []
    seen: dict[str, str] = {}
    for meta, value in call_each(pm, "softenv_topten_conditions", county, year, params, answers):
        for cond in check_sequence(meta, "softenv_topten_conditions", value, Condition):
            _dated(meta, "softenv_topten_conditions", "condition", cond)
            if cond.in_force(year) and (
                meta.county is None
                or refuse_part_year(meta.name, "softenv_topten_conditions", "condition", cond, year, params)
            ):
                _own_id(meta, "softenv_topten_conditions", "condition", cond.id, seen)
                checked = None
                if _checked(meta):
                    checked = _CheckedCondition(cond.check, meta.name, "softenv_topten_conditions", cond.id)
                out.append(BoundCondition(cond, meta.name, meta.version, checked))
    return tuple(sorted(out, key=lambda b: (b.plugin != CITY_PLUGIN, b.plugin, b.condition.id)))


def require_ids_apart(
    pm: SoftenvPluginManager,
    year: int,
    params: ParameterSet,
    counties: Collection[str],
    answers: RuleAnswers | None = None,
) -> None:
    """A RuleConflict naming both plugins when two plugins of two of ``counties`` (those the
    assessment assesses) give one rule or condition id in force in ``year`` (an id of no
    namespace, ``extra.visits``, is each plugin's own, and each county's rules are resolved
    apart): docs/hooks.md says rules sharing an id "in one plugin or two" are one, and results,
    explanations and the workbook key figures by rule id (plugin author p57 03: one county's +3
    shown under the other's 扣分 title). A plugin of a county not assessed scores no point and is
    only a notice (docs/hooks.md), so it is not asked: its ids stopped the whole assessment
    (reviewer r65 05). Ids within one county are checked where its rules are resolved; a hook
    that fails is reported there too. With ``answers`` (the assessment's), resolution reads the
    answers compared here."""
    given: dict[str, tuple[PluginMeta, str]] = {}
    for hook in RULE_HOOKS:
        for county in sorted(pm.counties_with(hook) & set(counties)):
            try:
                called = call_each(pm, hook, county, year, params, answers)
            except (PluginError, ParameterMissing, CalendarDataMissing):  # reported by its county's resolution
                continue
            for meta, value in called:
                if meta.county != county or not isinstance(value, Sequence) or isinstance(value, str):
                    continue
                for item in value:
                    if not isinstance(item, (Rule, Condition)) or type(item.id) is not str:
                        continue
                    with contextlib.suppress(TypeError):  # a broken period: resolution says so
                        if not item.in_force(year):
                            continue
                    first = given.setdefault(item.id, (meta, hook))
                    if first[0].county != meta.county:
                        raise RuleConflict(
                            sorted([first[0].name, meta.name]),
                            f"rule id {item.id}",
                            f"plugins of counties {first[0].county} ({first[1]}) and {meta.county} ({hook}) both give "
                            "it; give each county's rules ids in its own namespace (county.CODE.…)",
                            hook,
                        )


def resolve_deadline(
    pm: SoftenvPluginManager,
    county: County,
    month: Month,
    calendar: WorkCalendar,
    params: ParameterSet,
    answers: DeadlineAnswers | None = None,
) -> Deadline:
    """The due moment of ``county``'s report on ``month``: its own plugin's, else the city's.

    A county may set a stricter deadline, never a later one than the city's, and no deadline
    (the city's neither) may fall before ``month`` has ended (check_deadline_month).
    ``answers`` (one per assessment) spares checking the same answer again for another county.
    """
    if answers is None:
        answers = DeadlineAnswers()
    try:
        chosen, city = single_answer(
            pm,
            DEADLINE_HOOK,
            county.code,
            Deadline,
            "report deadline",
            answers.checked,
            county=county,
            month=month,
            calendar=calendar,
            params=params,
        )
    except PluginError as exc:  # a hook that raised: named by plugin and hook, now the question too (p57)
        if type(exc) is not PluginError or exc.hook != DEADLINE_HOOK or not exc.detail.startswith("raised "):
            raise
        asked = f"asked for county {county.code}'s report on {month}"
        raise PluginError(exc.plugin, exc.hook, f"{exc.detail} ({asked})", about=exc.about) from exc.__cause__
    return answers.settle(chosen, city, county.code, month, params, calendar)


__all__ = [
    "BoundCondition",
    "BoundRule",
    "DeadlineAnswers",
    "RuleAnswers",
    "check_award",
    "check_deadline",
    "check_scored",
    "check_sequence",
    "check_sla",
    "plugin_exit",
    "require_ids_apart",
    "resolve_conditions",
    "resolve_deadline",
    "resolve_extra_rules",
    "resolve_point_rules",
    "resolve_sla",
    "resolve_sla_by",
]
