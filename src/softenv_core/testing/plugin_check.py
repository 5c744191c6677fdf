"""``softenv plugins --check``: every installed plugin's hooks tried before any assessment.

Each plugin is tried against the city baseline over a few generated demo datasets (seeded, so
a run is repeatable), rule by rule: a shim plugin carrying one rule or condition under the
plugin's own name is assessed with the city alone, so that one fault does not hide the next
and each is named with its plugin, hook and rule. Found:

- a report deadline later than the city's in any month (a county may only be stricter), every
  such month named, with the fix that fits (deadline_check.py);
- a report deadline on month M that falls before M has ended (an off-by-one month: every
  report would be late), in every month of the year checked;
- each in the reports on the months of the year and on December of the year before, which the
  year's January report needs (deadline_months: the months the calendar can work out);
- a deadline the engine refuses (naive, not a datetime, …);
- two plugins replacing the same city rule for one county;
- a rule or condition id one plugin gives twice (in one hook or across its hooks);
- an award above the rule's ``max_points``, evidence that is not record ids, a condition that
  returns something other than Failure or None, a rule that raises.

Each rule's time per point it scored is measured on the way (``RuleCost``; ``cost_lines``
warns above ``SLOW_PER_POINT``): a rule runs once per point, 30,000 in a province.

These need no hypothesis: the datasets are the demo city's (softenv_core.demo), built per seed.
``check_all`` adds the whole conformance kit (``check_plugin``: its eleven checks, over
``KIT_EXAMPLES`` generated datasets per plugin, derandomized so that a run is repeatable), each
failed check a Fault naming the check, the rule where the message names one, the fix and the
command that replays it; the kit needs the ``testing`` extra (hypothesis).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache, partial
from types import ModuleType
from typing import Any

from attrs import evolve

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.demo import build_demo
from softenv_core.engine.answers import check_deadline_month
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.resolution import check_deadline, check_sequence
from softenv_core.engine.ruletypes import Deadline, Rule
from softenv_core.errors import InputError, ParameterMissing, PluginError
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.asked_hooks import LIMITS_FIX, LIMITS_HOOK, limits_problem
from softenv_core.testing.check_faults import Fault, KitRun, kit_fault, merged, rule_in
from softenv_core.testing.check_fixes import TIME_LIMIT_FIX, deadline_fix, fix_for
from softenv_core.testing.deadline_check import deadline_months, later_than_city, refused_in_months
from softenv_core.testing.kit_stdout import search_quietly
from softenv_core.testing.mutation_probes import memo_faults
from softenv_core.testing.rule_costs import (
    PROVINCE_POINTS,
    SLOW_PER_POINT,
    RuleCost,
    Timed,
    cost_lines,
)
from softenv_core.testing.rule_shims import RULE_HOOKS, Shim, shim
from softenv_core.testing.time_limit import TimeLimitExceeded, bounded
from softenv_core.workdays.calendar import WorkCalendar, official_years

SEEDS = (20220301, 1, 2)
#: The fix for a plugin whose county no dataset can have (the city's code, a province's).
COUNTY_FIX = "give PluginInfo(county=…) the six-digit code of a county-level division (not ending in 00)"


#: Generated datasets per plugin for the conformance kit: each check of the kit's own broken
#: plugins is found within 4 (tests/test_testing_kit.py); about 2 s of CPU a plugin (docs/cli.md).
KIT_EXAMPLES = 10


def _limited(limit: float | None, name: str, hook: str, rule: str, run: Any) -> Any:
    """``run()`` under the check's time limit; past it, the fault of ``rule`` (``-``: the hook).
    The engine reports a limit passed inside the plugin's code as the rule's PluginError, which
    ``run`` turns into its fault; this catches one passed in the engine's own code around it."""
    what = f"hook {hook}" + (f", rule {rule}" if rule != "-" else "")
    try:
        return bounded(limit, what, run)
    except TimeLimitExceeded as exc:
        return [Fault(name, hook, rule, str(exc), TIME_LIMIT_FIX)]


_DEADLINE_HOOK = "softenv_report_deadline"  # the hook _deadlines checks


def _deadlines(
    pm: SoftenvPluginManager, meta: PluginMeta, year: int, params: ParameterSet, limit: float | None = None
) -> list[Fault]:
    if _DEADLINE_HOOK not in meta.hooks or meta.county is None:
        return []
    run = partial(_deadlines_within, pm, meta, meta.county, year, params)
    found: list[Fault] = _limited(limit, meta.name, _DEADLINE_HOOK, "-", run)
    return found


def _deadlines_within(
    pm: SoftenvPluginManager, meta: PluginMeta, code: str, year: int, params: ParameterSet
) -> list[Fault]:
    """The deadline check of county ``code``'s plugin (``meta``), inside the time limit."""
    hook = _DEADLINE_HOOK
    dataset = _demo(year, SEEDS[0], 1, meta.name)  # build_demo's own seed
    county = dataset.county_by_code.get(code)
    if county is None:  # a county the demo city lacks: try the plugin on the first one, as its own
        county = evolve(next(c for c in dataset.counties), code=code)  # named as its own
    calendar, later, early = WorkCalendar(), [], []
    for month in deadline_months(year, params)[0]:  # December of the year before too (p49 01)
        try:
            called = pm.call_each(hook, only=code, county=county, month=month, calendar=calendar, params=params)
        except (PluginError, ParameterMissing) as exc:  # a fault of the plugin, not the end of the check
            fault, asked = _raised(exc, meta.name, hook), f"asked for county {code}'s report on {month}"
            return [evolve(fault, problem=f"{fault.problem} ({asked})")]  # the question too (p57)
        answers = {m.name: v for m, v in called if m.name in (CITY_PLUGIN, meta.name)}
        mine, city = answers.get(meta.name), answers.get(CITY_PLUGIN)
        if mine is None:
            continue
        if not isinstance(mine, Deadline):  # no rule to name ("rule -" is left out): the month asked
            problem = f"returned {type(mine).__name__} for {month}, expected Deadline or None"
            return [Fault(meta.name, hook, "-", problem, "return a Deadline or None")]
        rule_id = mine.rule_id
        try:
            check_deadline(meta.name, hook, mine)
            check_deadline_month(meta.name, hook, mine, county.code, month)
        except PluginError as exc:
            if not _before_month_end(mine, month):
                return [Fault(meta.name, hook, rule_id, exc.detail, deadline_fix(str(exc)))]
            early.append((month, exc, rule_id))  # every such month, named together (p51 01)
            continue
        if isinstance(city, Deadline) and mine.due_at > city.due_at:
            later.append((month, mine, city))  # every such month, named together (deadline_check)
    found = []
    if early:
        (_, first, rule), rest = early[0], [m for m, _, _ in early[1:]]
        problem = refused_in_months(first.detail, rest)
        found.append(Fault(meta.name, hook, rule, problem, deadline_fix(str(first))))
    if later:
        bound = params.get("report.due_day", (later[0][0] + 1).first_day).whole()
        found.append(Fault(meta.name, hook, later[0][1].rule_id, *later_than_city(later, bound)))
    return found + memo_faults(meta.name, hook, "-", calendar)  # its memo read for every county (x74 04)


def _before_month_end(d: Deadline, month: Month) -> bool:
    """Whether ``d`` (whose fields check_deadline found sound) falls before ``month`` has ended."""
    try:
        return bool(d.due_at <= month.end)
    except TypeError:  # a naive moment, refused by check_deadline
        return False


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


def _rules(
    pm: SoftenvPluginManager,
    meta: PluginMeta,
    year: int,
    params: ParameterSet,
    costs: list[RuleCost],
    limit: float | None = None,
) -> list[Fault]:
    faults: list[Fault] = []
    seen: dict[str, str] = {}  # each rule and condition id the plugin gives, and the hook giving it
    for hook, kind in RULE_HOOKS:
        try:
            called = bounded(
                limit, f"hook {hook}", partial(pm.call_each, hook, only=meta.county, year=year, params=params)
            )
        except (PluginError, ParameterMissing) as exc:  # a fault of the plugin, not the end of the check
            faults.append(_raised(exc, meta.name, hook))
            continue
        except TimeLimitExceeded as exc:
            faults.append(Fault(meta.name, hook, "-", str(exc), TIME_LIMIT_FIX))
            continue
        for m, value in called:
            if m.name != meta.name:
                continue
            try:
                items: list[Any] = check_sequence(m, hook, value, kind)
            except PluginError as exc:
                faults.append(Fault(meta.name, hook, "-", exc.detail, fix_for(str(exc))))
                continue
            for item in items:
                if not item.in_force(year):
                    continue
                if item.id in seen:  # the shims below try one item at a time: the engine cannot see it
                    faults.append(_repeated(meta.name, hook, item.id, seen[item.id]))
                seen.setdefault(item.id, hook)
                # One try, timed: the rule's time per point (a condition's per county) is measured
                # on the run that finds its faults, under the check's time limit (p38).
                timed = Timed(item.score if isinstance(item, Rule) else item.check)
                alone = shim(meta, hook, evolve(item, **{"score" if isinstance(item, Rule) else "check": timed}))
                run = partial(_try, alone, meta.name, hook, item.id, year, params, meta.county)
                tried = _limited(limit, meta.name, hook, item.id, run)
                fault = tried[0] if isinstance(tried, list) else tried
                if fault is not None:
                    faults.append(fault)
                elif timed.calls:
                    per = "point" if isinstance(item, Rule) else "county"
                    costs.append(RuleCost(meta.name, item.id, timed.per_call, timed.calls, per))
    return faults


def _raised(exc: PluginError | ParameterMissing, name: str, hook: str) -> Fault:
    """A hook that raised when asked (its own parameter read wrongly, say): a fault of the plugin
    it names, where it stopped ``plugins --check`` with one line and no other plugin checked."""
    if isinstance(exc, PluginError):
        return Fault(exc.plugin, exc.hook or hook, "-", exc.detail, fix_for(str(exc)))
    problem = f"raised ParameterMissing: {exc}"
    return Fault(name, hook, "-", problem, fix_for(problem))


def _repeated(name: str, hook: str, rule_id: str, first: str) -> Fault:
    return Fault(
        name,
        hook,
        rule_id,
        f"the id {rule_id} is given again (first by {first}): results and explanations key each figure by its rule id",
        "give each rule and condition an id of its own (county.CODE.…)",
    )


#: Points a county of the demo city has when a rule is tried: the first two are 市直, which a
#: county's rules do not score (docs/rules.md "Which rules score a point"), so three left one
#: 县区 point of one kind per seed and an over-cap award to a large enterprise passed (review t3/07).
#: Nine give every county 县区 points of every size (demo/city.py cycles seven sizes by j*3 + county).
_TRY_POINTS = 9


@lru_cache(maxsize=64)
def _demo(year: int, seed: int, points_per_county: int, plugin: str) -> Dataset:
    """The demo city ``plugin``'s rules are tried on, built once per year, seed and size (built
    afresh for each seed it was a fifth of ``plugins --check``'s time). One per plugin (``plugin``
    only keys the cache): a plugin that wrote into the frozen records would change its own later
    tries, never another plugin's (review r22)."""
    return build_demo(year, seed, points_per_county=points_per_county)


def _tried_on(year: int, name: str, county: str | None, bound: Decimal | None = None) -> Iterator[tuple[str, Dataset]]:
    """The demo city of each seed; for a county it lacks (a real county's code), the kit's dataset
    of it, so that its rules are tried and timed too (p40): the same for every seed, tried once.
    A demo county's rules are tried on the kit's dataset of it too: the demo city has contacts by
    phone, visit and symposium only and no complaint, so a rule on online contacts ran its quick
    "none" path alone, and was timed on it (p44: 0.014 ms per point for a rule taking 5 ms a month
    reached online). Then the edges (edge_datasets.py): a point with more records of each kind
    than the rule's ``bound`` (its max_points), the county without 县区 points and without any (p57),
    each with what it is (the others with ""), which a fault found there says (p58 05)."""
    from softenv_core.testing.edge_datasets import edge_datasets

    first = _demo(year, SEEDS[0], _TRY_POINTS, name)
    if county is not None and all(c.code != county for c in first.counties):  # every seed's counties
        from softenv_core.testing.hash_seeds import varied_dataset

        yield "", varied_dataset(year, county)
        yield from edge_datasets(year, county, bound, name)
        return
    yield "", first
    yield from (("", _demo(year, seed, _TRY_POINTS, name)) for seed in SEEDS[1:])
    if county is not None:  # after the demo city's, whose faults are told first, as before
        from softenv_core.testing.hash_seeds import varied_dataset

        yield "", varied_dataset(year, county)  # records of every shape: contacts of each method, …
        yield from edge_datasets(year, county, bound, name)


def _try(
    shim: Shim, name: str, hook: str, rule_id: str, year: int, params: ParameterSet, county: str | None = None
) -> Fault | None:
    # The year's assessment needs December's deadline, due the next January: in the calendar's
    # last year that day is worked out by weekends (the rules' faults do not depend on it), while
    # the deadline check leaves that month out and says so (deadline_months, p49 01).
    from softenv_core.testing.edge_datasets import found_on

    calendar = WorkCalendar.provisional() if year >= official_years()[1] else WorkCalendar()
    try:
        bound = shim.item.max_points if isinstance(shim.item, Rule) else None
        for edge, dataset in _tried_on(year, name, county, bound):
            pm = get_plugin_manager(autoload=False, plugins=[(name, shim)])
            try:
                assess(dataset, year, pm, params=params, calendar=calendar, audience=CITY_OFFICE)
            except PluginError as exc:
                where = found_on(year, dataset, edge) if edge else ""  # as the kit's line, merged with it
                return Fault(name, hook, rule_id, exc.detail + where, fix_for(str(exc)))
        return next(iter(memo_faults(name, hook, rule_id, calendar)), None)  # ctx.calendar written (x74 04)
    except InputError as exc:
        # No dataset of the plugin's county could be built (its code is the city's or a
        # province's): that plugin's fault, not the end of the check, which stopped on a dataset
        # error naming no plugin and checked no other (plugin author p50 01).
        problem = f"no dataset of county {county} can be built to try its rules: {exc}"
        return Fault(name, hook, rule_id, problem, COUNTY_FIX)
    return None


def check_installed(
    pm: SoftenvPluginManager,
    year: int,
    params: ParameterSet | None = None,
    costs: list[RuleCost] | None = None,
    time_limit: float | None = None,
) -> list[Fault]:
    """Every fault of the plugins in ``pm`` (the city baseline is the reference, not checked);
    ``costs``, when given, receives each rule's time per point it scored (a condition's per
    county); ``time_limit``: seconds each hook's and each rule's try may take (None: no limit;
    ``softenv plugins --check`` gives CHECK_TIME_LIMIT), past which it is a fault."""
    params = baseline_parameters() if params is None else params
    costs = [] if costs is None else costs
    try:
        faults = bounded(time_limit, "hook softenv_point_rules", partial(_replacements, pm, year, params))
    except TimeLimitExceeded as exc:  # which plugin's hook is not known here: the rules check names it
        faults = [Fault("-", "softenv_point_rules", "-", str(exc), TIME_LIMIT_FIX)]
    for meta in pm.plugins_meta():
        if meta.name == CITY_PLUGIN:
            continue
        faults += _deadlines(pm, meta, year, params, time_limit)
        if LIMITS_HOOK in meta.hooks and meta.county is not None:
            asked = partial(limits_problem, pm, meta.county, year, params)
            problem = _limited(time_limit, meta.name, LIMITS_HOOK, "-", asked)  # limited too (x74 09: it was not)
            if isinstance(problem, list):
                faults += problem
            elif problem:
                # A wrong answer (valid_types) is the engine's PluginError, which says where itself:
                # said once, with the fix for what it says, not the one for laxer limits (p37).
                check, said = problem
                shown = said.removeprefix(f"plugin {meta.name!r}, hook {LIMITS_HOOK}: ")
                fix = LIMITS_FIX if check == "no_conflict" else fix_for(said)
                faults.append(Fault(meta.name, LIMITS_HOOK, "-", shown, fix))
        faults += _rules(pm, meta, year, params, costs, time_limit)
    return faults


def _kit() -> ModuleType:
    """The conformance kit (hypothesis): ModuleNotFoundError without the ``testing`` extra."""
    from softenv_core.testing import conformance

    return conformance


def _search(kit: ModuleType, plugin: Any, name: str, others: list[tuple[str, Any]], examples: int) -> Any:
    return kit.check_plugin(plugin, name, others=others, max_examples=examples)


def _conformance(
    pm: SoftenvPluginManager, kit: ModuleType, meta: PluginMeta, others: list[tuple[str, Any]], examples: int
) -> tuple[list[Fault], KitRun]:
    """``check_plugin`` on one installed plugin. Another plugin that fails beside it is a fault
    of that plugin, and the search runs again without it; whatever else stops the kit
    (hypothesis giving up) is one fault of this plugin, never a traceback."""
    county, faults = meta.county or "-", []
    while True:
        try:
            report = _search(kit, pm.get_plugin(meta.name), meta.name, others, examples)
            break
        except KeyboardInterrupt:
            raise  # Ctrl-C (and the CLI's Terminated) ends the check
        except BaseException as exc:  # whatever stopped the search is reported, not raised
            culprit = getattr(exc, "plugin", None)
            full = f"{type(exc).__name__}: {exc}"  # the engine's words, which the fix is read from
            # A PluginError starts with the plugin and hook the Fault names already (p32 6e:
            # "plugin 'x', check kit: … PluginError: plugin 'x', hook …"): said once.
            problem = f"{type(exc).__name__}: {exc.detail}" if isinstance(exc, PluginError) else full
            hook = (exc.hook or "-") if isinstance(exc, PluginError) else "-"
            if culprit in {n for n, _ in others}:
                beside = f"failed while the conformance kit checked plugin {meta.name!r} beside it: {problem}"
                faults.append(Fault(culprit, hook, rule_in(problem), beside, fix_for(full), check="kit"))
                others = [(n, p) for n, p in others if n != culprit]
                continue
            stop = f"the conformance kit stopped: {problem}"
            faults.append(Fault(meta.name, hook, rule_in(problem), stop, fix_for(full), check="kit"))
            return faults, KitRun(meta.name, county, 0, kit.CHECKS, ("kit",))
    faults += [kit_fault(meta.name, c, m, report.replay.get(c, "")) for c, m in sorted(report.failures.items())]
    return faults, KitRun(meta.name, county, report.examples, kit.CHECKS, tuple(sorted(report.failures)))


def _kit_within(limit: float | None, meta: PluginMeta, run: Any) -> tuple[list[Fault], KitRun]:
    """The kit's search on one plugin under ``limit`` seconds; past it, a fault of the plugin
    (the search itself reports a limit passed inside a rule as that rule's fault)."""
    # stdout kept clean (JSON output), an abandoned search's too (kit_stdout.py); hypothesis's
    # warnings (a large dataset's repr) say nothing to a clerk.
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="hypothesis")
            found: tuple[list[Fault], KitRun] = search_quietly(
                limit, f"the conformance kit's search on plugin {meta.name!r}", run
            )
        return found
    except TimeLimitExceeded as exc:
        fault = Fault(meta.name, "-", "-", str(exc), TIME_LIMIT_FIX, check="kit")
        return [fault], KitRun(meta.name, meta.county or "-", 0, (), ("kit",))


def _hooks_of(
    pm: SoftenvPluginManager, meta: PluginMeta, year: int, params: ParameterSet, limit: float | None
) -> dict[str, str]:
    """Each rule and condition id the plugin gives for ``year``, and the hook giving it: a kit
    check's message names the rule alone (``condition x for county …``), and the fault names the
    hook too (p38: ``plugin 'x', check known_at, rule …`` left the author to find the hook)."""
    found: dict[str, str] = {}
    for hook, _ in RULE_HOOKS:
        # a hook that raises is a fault of its own, found and named by check_installed
        with contextlib.suppress(PluginError, ParameterMissing, TimeLimitExceeded):
            for m, value in bounded(
                limit, hook, partial(pm.call_each, hook, only=meta.county, year=year, params=params)
            ):
                if m.name == meta.name and isinstance(value, Sequence):
                    for item in value:
                        found.setdefault(str(getattr(item, "id", "")), hook)
    return found


def _with_hook(fault: Fault, hooks: dict[str, str]) -> Fault:
    return evolve(fault, hook=hooks[fault.rule]) if fault.hook == "-" and fault.rule in hooks else fault


def check_all(
    pm: SoftenvPluginManager,
    year: int,
    examples: int = KIT_EXAMPLES,
    params: ParameterSet | None = None,
    costs: list[RuleCost] | None = None,
    time_limit: float | None = None,
) -> tuple[list[Fault], list[KitRun]]:
    """``check_installed`` and then the whole conformance kit on each plugin of ``pm``, against
    the city and the other plugins (those whose hooks showed no fault: a faulty one would stop
    every other plugin's search, for a fault already listed as its own). ``time_limit``: the
    seconds each hook's and rule's try may take, and each plugin's kit search that many times
    ``examples`` (None, the default in Python: no limit; the CLI gives CHECK_TIME_LIMIT). A
    plugin one of whose tries passed the limit is not searched by the kit: it would pass it again."""
    faults = check_installed(pm, year, params, costs, time_limit)
    metas = [m for m in pm.plugins_meta() if m.name != CITY_PLUGIN]
    try:
        kit = _kit()
    except ModuleNotFoundError as exc:
        missing = Fault(
            "-",
            "-",
            "-",
            f"the conformance kit cannot run: {exc}",
            "install the testing extra: pip install 'softenv-core[testing]'",
            check="kit",
        )
        return [*faults, missing], []
    sound = [m.name for m in metas if not any(f.plugin == m.name for f in faults)]
    # checked beside the sound plugins only: a faulty one would stop the search at once
    runs = []
    stuck = {f.plugin for f in faults if f.fix == TIME_LIMIT_FIX}
    for meta in metas:
        if meta.name in stuck:
            runs.append(KitRun(meta.name, meta.county or "-", 0, kit.CHECKS, ("kit",)))
            continue
        others = [(n, pm.get_plugin(n)) for n in sound if n != meta.name]
        search = None if time_limit is None else time_limit * max(examples, 1)
        with_limit = partial(_conformance, pm, kit, meta, others, examples)
        found, run = _kit_within(search, meta, with_limit)
        hooks = _hooks_of(pm, meta, year, baseline_parameters() if params is None else params, time_limit)
        faults = merged(faults, [_with_hook(f, hooks) for f in found])
        runs.append(run)
    return faults, runs


__all__ = [
    "KIT_EXAMPLES",
    "PROVINCE_POINTS",
    "SLOW_PER_POINT",
    "Fault",
    "KitRun",
    "RuleCost",
    "check_all",
    "check_installed",
    "cost_lines",
]
