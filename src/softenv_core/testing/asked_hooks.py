"""The hooks the checks ask outside an assessment: the answers' types, and a county's
complaint limits (softenv_complaint_sla).

An assessment once asked a plugin's limits only when a 十佳 condition read a complaint's status,
so a county whose limits are laxer than the city's (a RuleConflict, docs/hooks.md) passed
``softenv plugins --check`` and the conformance kit, and was refused only when the first
monthly report held a complaint about one of its departments (finding p31 1). Both checks
ask the hook themselves: each kind of complaint, on the first day of each month of the year.
Every assessment now asks them on every day up to its instant (analyses/complaint_limits.
require_limits_sound), so the kit's own assessments find a limit laxer from a mid-month day
(plugin author p51); the hooks part of ``--check`` asks only these first days.

Likewise the report deadline on December of the year before, which the year's January report
(and ``softenv demo``) needs and its assessment does not ask: a deadline later than the city's
there passed both checks and then stopped ``softenv report --month Y-01`` (finding p49 01).
"""

from __future__ import annotations

from datetime import date

from softenv_core.analyses.county_months import month_deadline
from softenv_core.engine.deadline_types import Deadline
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import check_sequence, resolve_deadline, resolve_sla, resolve_sla_by
from softenv_core.engine.ruletypes import ComplaintSla, Condition, Rule
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, Year
from softenv_core.testing.deadline_check import deadline_months, refused_in_months
from softenv_core.workdays.calendar import WorkCalendar

LIMITS_HOOK = "softenv_complaint_sla"
LIMITS_FIX = (
    "a county's limits may only be stricter than the city's, each of them and on every day: "
    "lower the laxer limits (its parameter file), or return None to keep the city's"
)


def _limit_days(year: int, params: ParameterSet) -> list[date]:
    """The days the checks ask complaint limits on: each month's first day of ``year`` on which
    the city's limits are in force."""
    days = (m.first_day for m in Year(year).months)
    return [d for d in days if params.in_force("complaint.accept_workdays", d)]


def limits_problem(pm: SoftenvPluginManager, county: str, year: int, params: ParameterSet) -> tuple[str, str] | None:
    """The first refusal of ``county``'s complaint limits in ``year`` as (the kit's check, the
    engine's words): ``no_conflict`` for a limit laxer than the city's, ``valid_types`` for a
    wrong answer; None when every kind is answered well on every month's first day. Days on
    which the city's limits are not in force are not asked."""
    calendar = WorkCalendar()
    for day in _limit_days(year, params):
        for kind in ComplaintKind:
            try:
                resolve_sla(pm, county, kind, calendar, params, on=day)
            except RuleConflict as exc:
                return "no_conflict", str(exc)
            except PluginError as exc:
                return "valid_types", str(exc)
    return None


def previous_december_problem(
    pm: SoftenvPluginManager, county: County, year: int, params: ParameterSet
) -> tuple[str, str] | None:
    """The refusal of ``county``'s report deadline on December of the year before ``year`` as
    (the kit's check, the engine's words), or None. Asked as report_deadline asks it: not where
    the city's programme is not in force for that month, nor the county did not exist in it."""
    try:
        month_deadline(pm, county, Month(year, 1) - 1, WorkCalendar(), params)
    except RuleConflict as exc:
        return "no_conflict", str(exc)
    except PluginError as exc:
        return "valid_types", str(exc)
    return None


def _check_types(pm: SoftenvPluginManager, name: str, dataset: Dataset, year: int, params: ParameterSet) -> str | None:
    meta = pm.meta(name)
    try:
        for hook, kind in (
            ("softenv_point_rules", Rule),
            ("softenv_extra_point_rules", Rule),
            ("softenv_topten_conditions", Condition),
        ):
            for m, value in pm.call_each(hook, year=year, params=params):
                if m.name == name:
                    check_sequence(m, hook, value, kind)  # the engine's own check: PluginError if wrong
    except RuleConflict:
        return None  # reported by the no_conflict check
    except PluginError as exc:
        return str(exc)
    county = dataset.county_by_code.get(meta.county or "")
    return None if county is None else deadlines_problem(pm, county, year, params)


def deadlines_problem(pm: SoftenvPluginManager, county: County, year: int, params: ParameterSet) -> str | None:
    """The engine's refusal of ``county``'s report deadline in the first month of ``year`` it
    refuses, naming every other month refused too; None when every month is taken.

    The engine's own checks say what is wrong with a deadline: naive, before its month has
    ended, its 规定日 moved in a way its policy does not move it. The kit once added its own,
    ``due_at.date() < nominal`` (a deadline too early for the day its rule names), which is
    what 遇节假日提前 (DeadlinePolicy.PREVIOUS_WORKDAY) means, read the day in the offset the
    moment was written with, and failed the guide's own deadline naming no hook nor rule and
    January alone (plugin author p51 01); the engine's checks (deadline_month._nominal_problem) hold
    that intent under each policy."""
    refused: list[tuple[Month, PluginError]] = []
    for month in Year(year).months:
        try:
            resolve_deadline(pm, county, month, WorkCalendar(), params)
        except RuleConflict:
            continue  # reported by the no_conflict check
        except PluginError as exc:
            refused.append((month, exc))
    if not refused:
        return None
    return refused_in_months(str(refused[0][1]), [m for m, _ in refused[1:]])


def asked_hooks(
    pm: SoftenvPluginManager, name: str, county: str, dataset: Dataset, year: int, params: ParameterSet
) -> dict[str, str]:
    """The hooks asked outside an assessment: the answers' types, the report deadlines, and the
    complaint limits (each kind on each month's first day, finding p31 1; the assessments of the
    kit ask them on every day up to their instant)."""
    failures = {}
    problem = _check_types(pm, name, dataset, year, params)
    if problem:
        failures["valid_types"] = problem
    limits = limits_problem(pm, county, year, params)
    if limits:
        failures.setdefault(*limits)
    found = dataset.county_by_code.get(county)
    december = None if found is None else previous_december_problem(pm, found, year, params)
    if december:
        failures.setdefault(*december)
    return failures


def _deadline_text(d: Deadline) -> str:
    params = [f"{p.name}={p.value!r} from {p.effective_from} ({p.reference})" for p in d.params]
    return (
        f"due {d.due_at.isoformat()} (规定日 {d.nominal.isoformat()}), rule {d.rule_id}, policy {d.policy.value}, "
        f"reference {d.reference!r}, reference_zh {d.reference_zh!r}, facts {list(d.facts)}, params {params}"
    )


def _limits_text(sla: ComplaintSla) -> str:
    params = [f"{p.name}={p.value!r} from {p.effective_from} ({p.reference})" for p in sla.params]
    return (
        f"accept {sla.accept}, sign {sla.sign}, resolve {sorted(sla.resolve.items())}, max_extension "
        f"{sla.max_extension}, follow_up {sla.follow_up}, reference {sla.reference!r}, reference_zh "
        f"{sla.reference_zh!r}, params {params}"
    )


def hook_answers(
    pm: SoftenvPluginManager, name: str, county: County | None, year: int, params: ParameterSet
) -> dict[str, str]:
    """What plugin ``name`` answers, through the engine's checks, for ``county``'s report
    deadline on each month the checks of ``year`` ask (deadline_months) and for its complaint
    limits of each kind on each month's first day (as :func:`limits_problem`), where it
    implements the hook: the deadline's due moment, 规定日, rule, policy, references, facts and
    parameters, every limit and its references; "the city's" where it answers None, the
    engine's words where it is refused. The ``deterministic`` check compares them with another
    day's and another hash seed's (hash_seeds.answers): a deadline switched on by
    ``date.today()``, or citing ``"、".join(a_set)``, passed it when only the rules' items and
    the conditions were compared (plugin author p53 01)."""
    hooks = pm.meta(name).hooks
    found: dict[str, str] = {}
    if county is not None and "softenv_report_deadline" in hooks:
        calendar = WorkCalendar()
        for month in deadline_months(year, params)[0]:
            try:
                d = resolve_deadline(pm, county, month, calendar, params)
                said = _deadline_text(d) if d.plugin == name else "the city's"
            except (PluginError, RuleConflict) as exc:
                said = f"refused: {exc}"
            found[f"report deadline of county {county.code} on {month}"] = said
    if county is not None and LIMITS_HOOK in hooks:
        calendar = WorkCalendar()
        for day in _limit_days(year, params):
            for kind in ComplaintKind:
                try:
                    sla, meta = resolve_sla_by(pm, county.code, kind, calendar, params, day)
                    said = _limits_text(sla) if meta.name == name else "the city's"
                except (PluginError, RuleConflict) as exc:
                    said = f"refused: {exc}"
                found[f"complaint limits of county {county.code} for {kind.value} on {day}"] = said
    return found


__all__ = [
    "LIMITS_FIX",
    "LIMITS_HOOK",
    "asked_hooks",
    "deadlines_problem",
    "hook_answers",
    "limits_problem",
    "previous_december_problem",
]
