"""Conformance checks that any county plugin runs in one call.

``check_plugin(plugin)`` searches generated datasets (hypothesis) for a case where the plugin:

- ``valid_types``: returns something its hook does not allow, or raises;
- ``no_mutation``: changes the dataset or the parameters it was given, a dataset index (such as
  ``point_by_id``) or the calendar's memo of answers;
- ``own_county_only``: changes any result of another county, or answers differently once the
  other counties' own records are dropped (other_counties.py);
- ``deterministic``: gives different results on the same data, or on the same data in another order,
  or in another process (another string-hash seed: hash_seeds.py), or on another day (it reads
  the clock: clock.py);
- ``effective_periods``: scores with a rule or condition outside its effective period, or gives
  one in force for part of the year only (refused: engine/rule_years.py);
- ``no_conflict``: raises RuleConflict with the city baseline or the other installed plugins;
- ``known_at``: answers as of an instant inside the year differently once records dated after it
  (or in another year) are added: it reads what was not known at ``as_of``;
- ``no_state``: answers the same data (its ids renamed) differently when the same ids were asked
  about before, on other records: it keeps answers between calls (a cache keyed on point ids,
  or on objects);
- ``direct_feedback``: a rule declaring ``reads_direct_feedback=False`` answers differently once
  the county's points send complaints to 市软建办 of any kind, verdict or year, or none, or rate
  differently in 万人评议 (conformance_variants.py says how each works).
- ``within_year``: answers at the year's default instant (in the next January) differently once
  records known then but outside the year are added (year_edges.py).
- ``any_offset``: answers differently once every moment of the dataset is written in another
  UTC offset, the same instants (year_edges.py).

It returns a report; ``assert_conforms`` raises ConformanceError listing every failed check.

Reproducible: for each failed check the smallest failing dataset found (fewest records; the
search does not shrink further, which would cost minutes) is written to
``$SOFTENV_CONFORMANCE_DIR`` (default ``softenv-conformance/`` in the temporary folder), and
the error prints the command that replays it on that dataset alone:

    python -m softenv_core.testing.conformance softenv_county_x:x /tmp/softenv-conformance/x-deterministic.json

What these checks cannot see: a plugin runs in the same process as the core, so one that
monkeypatches the core's functions, edits another module's globals or changes records through
``object.__setattr__`` in ways that leave no trace in what is compared here is not caught.
docs/reliability.md says so; install only plugins you trust as you trust the core.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.hookspecs import RULE_HOOKS
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.rule_years import PartYear
from softenv_core.engine.ruletypes import Condition, Rule
from softenv_core.errors import InputError, PluginError, RuleConflict
from softenv_core.io.converter import canonical, shared_converter, to_document
from softenv_core.io.dataset_files import dataset_json, dump_dataset, loads_dataset
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import hash_seeds
from softenv_core.testing.asked_hooks import asked_hooks
from softenv_core.testing.conformance_variants import (
    declared_without_feedback,
    difference,
    direct_feedback_problem,
    known_at_problem,
    no_state_problem,
    plugin_answers,
)
from softenv_core.testing.edge_datasets import found_on, plugin_edges
from softenv_core.testing.mutation_culprit import mutation_culprit
from softenv_core.testing.mutation_probes import changed_index as _changed_index
from softenv_core.testing.mutation_probes import params_snapshot as _params_snapshot
from softenv_core.testing.mutation_probes import poisoned_memo as _poisoned_memo
from softenv_core.testing.other_counties import other_counties_problem
from softenv_core.testing.strategies import COUNTY_CODES, SAFE_YEARS, datasets
from softenv_core.testing.year_edges import edge_problems
from softenv_core.workdays.calendar import WorkCalendar

CHECKS = (
    "valid_types",
    "no_mutation",
    "own_county_only",
    "deterministic",
    "effective_periods",
    "no_conflict",
    "known_at",
    "no_state",
    "direct_feedback",
    "within_year",
    "any_offset",
)


ENV_DIR = "SOFTENV_CONFORMANCE_DIR"


class ConformanceError(AssertionError):
    """A plugin failed one or more conformance checks; ``failures`` maps check → message;
    ``examples`` maps check → the file holding its failing dataset (see the replay command)."""

    def __init__(self, plugin: str, failures: dict[str, str], replay: dict[str, str] | None = None) -> None:
        self.plugin = plugin
        self.failures = dict(failures)
        self.replay = dict(replay or {})
        lines = "\n".join(
            f"  {k}: {v}" + (f"\n    replay: {self.replay[k]}" if k in self.replay else "")
            for k, v in sorted(self.failures.items())
        )
        super().__init__(f"plugin {plugin!r} failed conformance checks:\n{lines}")


@frozen
class ConformanceReport:
    """Which checks a plugin passed, over how many generated datasets."""

    plugin: str
    county: str
    examples: int
    failures: dict[str, str]
    # check -> the shell command that replays its smallest failing dataset (written to a file)
    replay: dict[str, str] = attrs.Factory(dict)

    @property
    def passed(self) -> bool:
        return not self.failures


def _county_of(plugin: Any, name: str) -> str:
    pm = get_plugin_manager(autoload=False)
    pm.register(plugin, name=name)
    county = pm.meta(name).county
    if county is None:
        raise ConformanceError(name, {"valid_types": "softenv_plugin_info names no county"})
    return county


def _manager(plugins: Sequence[tuple[str, Any]], order: int = 1) -> SoftenvPluginManager:
    pm = get_plugin_manager(autoload=False)
    for plugin_name, plugin in list(plugins)[::order]:
        pm.register(plugin, name=plugin_name)
    return pm


def _text(result: Assessment) -> str:
    """The result's canonical text, compact: equal exactly when its ``to_json()`` is."""
    return canonical(to_document(result))


def _other_counties(a: Assessment, county: str) -> str:
    conv = shared_converter()
    return canonical(
        {
            "counties": [conv.unstructure(c) for c in a.counties if c.code != county],
            "points": [conv.unstructure(p) for p in a.points if p.county != county],
        }
    )


def _shuffled(dataset: Dataset, seed: int) -> Dataset:
    rng = random.Random(seed)
    changes = {}
    for name, _ in COLLECTIONS:
        records = list(getattr(dataset, name))
        rng.shuffle(records)
        changes[name] = tuple(records)
    return attrs.evolve(dataset, **changes)  # type: ignore[arg-type]


def _years_in_force(plugin: Any, name: str, params: ParameterSet) -> tuple[int, ...]:
    """The years of the generated datasets in which one of the plugin's rules or conditions is
    in force (all of them when none is, or a hook fails: valid_types says why): a rule in force
    from the last year alone was once asked in a third of the examples (finding t7 07)."""
    pm = _manager([(name, plugin)])
    try:
        asked = {
            y: [v for h in RULE_HOOKS for m, v in pm.call_each(h, year=y, params=params) if m.name == name]
            for y in SAFE_YEARS
        }
        found = tuple(y for y, values in asked.items() if any(r.in_force(y) for v in values for r in v or ()))
    except Exception:
        return SAFE_YEARS
    return found or SAFE_YEARS


def check_plugin(
    plugin: Any,
    name: str = "under-test",
    *,
    others: Iterable[tuple[str, Any]] | None = None,
    max_examples: int = 15,
    county_codes: Sequence[str] | None = None,
    hash_seed: bool = True,
) -> ConformanceReport:
    """Run every conformance check on ``plugin`` over generated datasets containing its county;
    ``others``: the plugins to check conflicts against (default: the installed ones, as
    ``softenv plugins`` loads them); ``hash_seed``: also compare its answers with a subprocess
    under another string-hash seed, where the clock is set to two days (``deterministic``,
    hash_seeds.py, clock.py); then on edge datasets of its county in the latest year asked, a
    crowded point and the county without 县区 points or any (edge_datasets.py). See assert_conforms."""
    county = _county_of(plugin, name)
    others = _others(plugin, name, others)
    params = baseline_parameters()
    seen = {"examples": 0}
    found: dict[str, str] = {}
    smallest: dict[str, tuple[int, str, int, int]] = {}  # check -> (records, dataset JSON, year, seed)
    in_force = _years_in_force(plugin, name, params)

    # Every example runs every check and the first failure of each check is kept: one run
    # tells all that is wrong. No shrinking: it would cost minutes and could hide a check.
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.generate),
    )
    @given(_drawn(county, county_codes, in_force), st.integers(0, 2**16))
    def run(year_dataset: tuple[int, Dataset], seed: int) -> None:
        seen["examples"] += 1
        tried(*year_dataset, seed)

    def tried(year: int, dataset: Dataset, seed: int, edge: str = "") -> None:
        failures = _check_example(plugin, name, county, list(others), dataset, year, seed, params, whole=not edge)
        where = found_on(year, dataset, edge)
        size = sum(len(getattr(dataset, n)) for n, _ in COLLECTIONS)
        for check, message in failures.items():
            found.setdefault(check, message + where)
            if check not in smallest or size < smallest[check][0]:
                smallest[check] = (size, dataset_json(dataset), year, seed)

    pending = hash_seeds.start(plugin, name, county) if hash_seed else None  # runs beside the search
    run()
    for what, edge in plugin_edges(plugin, name, county, max(in_force), params):  # then edge_datasets (p57)
        tried(max(in_force), edge, 0, what)
    problem = hash_seeds.finish(pending, plugin, name, county)
    if problem:
        found.setdefault("deterministic", problem)
    replay = {c: _write_example(name, c, data, year, seed, plugin) for c, (_, data, year, seed) in smallest.items()}
    if problem and "deterministic" not in replay:  # found across processes alone: replayed there
        replay["deterministic"] = f"python -m softenv_core.testing.hash_seeds {_plugin_ref(plugin, name)}"
    return ConformanceReport(name, county, seen["examples"], found, replay)


def _drawn(county: str, county_codes: Sequence[str] | None, years: Sequence[int]) -> st.SearchStrategy[Any]:
    """(year, dataset) of one of ``years`` holding ``county``, among ``county_codes`` (default:
    those of its city): the year drawn kept, where one without reports was assessed as 2025 (p57 05)."""
    codes = tuple(county_codes) if county_codes else tuple(c for c in COUNTY_CODES if c[:4] == county[:4]) or (county,)
    codes = tuple(sorted(set(codes) | {county}))
    return st.sampled_from(years).flatmap(
        lambda y: st.tuples(st.just(y), datasets(y, county_codes=codes, require=(county,)))
    )


def _others(plugin: Any, name: str, others: Iterable[tuple[str, Any]] | None) -> list[tuple[str, Any]]:
    """The other plugins to check conflicts against: those given, else the installed entry
    points (loaded as ``softenv plugins`` would), never the plugin under test itself."""
    if others is None:
        installed = get_plugin_manager()
        others = [
            (m.name, installed.get_plugin(m.name)) for m in installed.plugins_meta() if m.name not in ("city", name)
        ]
    return [(n, p) for n, p in others if n != name and p is not plugin]


def _refused_under(exc: PluginError) -> str:
    """The check a PluginError of the plugin's assessment is filed under: a rule or condition in
    force for part of the year (engine.rule_years) is a fault of its dates, effective_periods,
    found by what the error is about, never by its words; any other, valid_types."""
    return "effective_periods" if isinstance(exc.about, PartYear) else "valid_types"


def _check_example(
    plugin: Any,
    name: str,
    county: str,
    others: list[tuple[str, Any]],
    dataset: Dataset,
    year: int,
    seed: int,
    params: ParameterSet,
    whole: bool = True,
) -> dict[str, str]:
    """Every check on one dataset: check -> the first problem found; not ``whole`` (an edge
    dataset: its answers are what it tries, at a third of the time), those of one assessment."""
    before_data, before_params = canonical(dump_dataset(dataset)), _params_snapshot(params)
    with_plugin = [*others, (name, plugin)]

    def fresh() -> Dataset:  # an independent copy, so one run cannot leak into another
        return loads_dataset(before_data)

    baseline = assess(dataset, year, _manager(others), params=params, audience=CITY_OFFICE) if whole else None
    given = fresh()  # the plugin's, never ``dataset``: that is replayed as drawn (_mutation, p55 01)
    pm = _manager(with_plugin)
    failures = asked_hooks(pm, name, county, fresh(), year, params)
    first: Assessment | None = None
    calendar = WorkCalendar()
    try:
        first = assess(given, year, pm, params=params, calendar=calendar, audience=CITY_OFFICE)
    except RuleConflict as exc:
        failures["no_conflict"] = str(exc)
    except PluginError as exc:  # asked_hooks' words first: they name every month refused (p51 01)
        failures.setdefault(_refused_under(exc), str(exc))
    except Exception as exc:  # the engine tripped over what the plugin left behind
        failures["no_mutation"] = f"the engine failed after the plugin ran: {type(exc).__name__}: {exc}"
    if problem := _mutation(name, plugin, others, given, before_data, calendar, year, params):
        failures["no_mutation"] = problem
    if _params_snapshot(params) != before_params:
        failures["no_mutation"] = "the parameters changed while the plugin ran"
    if first is not None and whole:
        if baseline is not None and _other_counties(baseline, county) != _other_counties(first, county):
            failures["own_county_only"] = "results of another county change when the plugin is added"
        try:
            again = assess(fresh(), year, _manager(with_plugin), params=params, audience=CITY_OFFICE)
            reordered = assess(
                _shuffled(fresh(), seed), year, _manager(with_plugin, -1), params=params, audience=CITY_OFFICE
            )
            text = _text(first)
            if _text(again) != text or _text(reordered) != text:
                failures["deterministic"] = "the same data gave different results"
        except (PluginError, RuleConflict) as exc:
            failures.setdefault("deterministic", f"a second run failed: {exc}")
        problem = _periods(pm, name, first, year, params)
        if problem:
            failures["effective_periods"] = problem
    # Also when the first run failed: a plugin with stale answers may fail there (their evidence
    # names another dataset's records) and still be seen answering differently by no_state. A
    # check that failed above keeps its message (reviewer d3: own_county_only's reading half
    # overwrote a change to another county's results, the graver of the two).
    for check, problem in _answer_checks(pm, name, county, fresh(), first, year, seed, params).items() if whole else ():
        failures.setdefault(check, problem)
    return failures


def _mutation(
    name: str,
    plugin: Any,
    others: list[tuple[str, Any]],
    given: Dataset,
    before: str,
    calendar: WorkCalendar,
    year: int,
    params: ParameterSet,
) -> str | None:
    """``no_mutation``'s problem once the plugin ran on ``given`` (``before``: its canonical
    text then), or None: an index or the calendar's memo changed, or the records, named by hook
    and rule (mutation_culprit). A dataset that can no longer be dumped at all changed too (a
    report's submitted_at set to None): the dump's TypeError crashed the kit, and the example,
    the dataset the plugin ran on, could not be written out for its replay (plugin author p55
    01); the plugin is given a copy, and the example is written as drawn."""
    problem = _changed_index(given, loads_dataset(before)) or _poisoned_memo(calendar)
    try:
        changed = canonical(dump_dataset(given)) != before
    except Exception:  # what the plugin wrote is not of the field's type: mutation_culprit says where
        changed = True
    return mutation_culprit(name, plugin, others, before, given, year, params) if changed else problem


def _answer_checks(
    pm: SoftenvPluginManager,
    name: str,
    county: str,
    dataset: Dataset,
    first: Assessment | None,
    year: int,
    seed: int,
    params: ParameterSet,
) -> dict[str, str]:
    """``known_at``, ``no_state``, ``direct_feedback`` and ``own_county_only``'s reading half
    (other_counties.py): the plugin's answers on changed copies of ``dataset``
    (conformance_variants.py) against what they must equal. Without a first
    assessment (it failed: reported by another check), ``no_state`` alone runs, and a failure
    of the plugin on a copy is not reported again."""

    def run(data: Dataset, as_of: datetime | None) -> Assessment:
        return assess(data, year, pm, params=params, audience=CITY_OFFICE, as_of=as_of)

    without_feedback = declared_without_feedback(pm, name, year, params)
    checks: dict[str, Callable[[], str | None]] = {
        "no_state": lambda: no_state_problem(run, name, dataset),
    }
    if first is not None:
        checks["known_at"] = lambda: known_at_problem(run, name, county, dataset, year, seed)
        checks["own_county_only"] = lambda: other_counties_problem(
            lambda data: run(data, None), lambda a: plugin_answers(a, name), difference, county, dataset, first
        )
        checks["direct_feedback"] = lambda: direct_feedback_problem(
            run, name, county, dataset, first, without_feedback, year
        )
        edges = functools.cache(lambda: edge_problems(lambda d: run(d, None), name, county, year, dataset, first))
        checks["within_year"] = lambda: edges().get("within_year")
        checks["any_offset"] = lambda: edges().get("any_offset")
    found: dict[str, str] = {}
    for check, problem in checks.items():
        try:
            message = problem()
        except (PluginError, RuleConflict) as exc:
            message = None if first is None else f"the plugin failed on a changed copy of the dataset: {exc}"
        except InputError as exc:  # a copy the plugin wrote into is refused when assessed again
            found.setdefault("no_mutation", f"a dataset became invalid while the plugin ran ({check}): {exc}")
            continue
        if message:
            found[check] = message
    return found


def _plugin_ref(plugin: Any, name: str) -> str:
    """``module:name`` for the replay command: the plugin's module, or the module of its class."""
    module = plugin.__name__ if isinstance(plugin, type(sys)) else type(plugin).__module__
    attr = "" if isinstance(plugin, type(sys)) else f".{type(plugin).__qualname__}"
    return f"{module}{attr}:{name}"


def _write_example(name: str, check: str, data: str, year: int, seed: int, plugin: Any) -> str:
    # the system's temporary folder by default: a test run leaves nothing in the project
    folder = Path(os.environ.get(ENV_DIR) or Path(tempfile.gettempdir()) / "softenv-conformance")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{check}.json"
    path.write_text(data, encoding="utf-8")
    command = f"python -m softenv_core.testing.conformance {_plugin_ref(plugin, name)} {path} --year {year}"
    # the seed picks the shuffled order and the instant inside the year: the replay asks the same
    return command + (f" --seed {seed}" if seed else "")


def replay(
    plugin: Any, name: str, file: str | Path, year: int, others: Iterable[tuple[str, Any]] = (), seed: int = 0
) -> dict[str, str]:
    """Run every check on the dataset in ``file`` alone: check -> problem (empty: it passes now)."""
    dataset = loads_dataset(Path(file).read_text(encoding="utf-8"))
    county = _county_of(plugin, name)
    return _check_example(plugin, name, county, list(others), dataset, year, seed, baseline_parameters())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m softenv_core.testing.conformance MODULE[.Class]:NAME FILE --year Y``: replay."""
    parser = argparse.ArgumentParser(prog="python -m softenv_core.testing.conformance")
    parser.add_argument("plugin", help="the plugin: a module (softenv_county_x:x) or module.Class:name")
    parser.add_argument("file", help="a failing dataset written by the conformance check")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=0, help="the example's seed (its order, its instant)")
    args = parser.parse_args(argv)
    plugin, name = hash_seeds.plugin_by_reference(args.plugin)
    failures = replay(plugin, name, args.file, args.year, seed=args.seed)
    for check, message in sorted(failures.items()):
        print(f"{check}: {message}")
    print(f"{len(failures)} check(s) failed" if failures else "every check passes on this dataset")
    return 1 if failures else 0


def _periods(pm: SoftenvPluginManager, name: str, result: Assessment, year: int, params: ParameterSet) -> str | None:
    dated: dict[str, Rule | Condition] = {}
    for hook in RULE_HOOKS:
        for m, value in pm.call_each(hook, year=year, params=params):
            if m.name == name:
                for v in value or ():
                    dated[v.id] = v
    for p in result.points:
        for item in p.items:
            rule = dated.get(item.rule.id)
            if item.rule.plugin == name and rule is not None and not rule.in_force(year):
                return f"{item.rule.id} scored in {year}, outside its effective period"
    for c in result.counties:
        for cond in c.conditions:
            rule = dated.get(cond.rule.id)
            if cond.rule.plugin == name and rule is not None and not rule.in_force(year):
                return f"{cond.rule.id} applied in {year}, outside its effective period"
    return None


def assert_conforms(plugin: Any, name: str = "under-test", **kwargs: Any) -> ConformanceReport:
    """Run :func:`check_plugin` and raise ConformanceError listing every failed check."""
    report = check_plugin(plugin, name, **kwargs)
    if report.failures:
        raise ConformanceError(name, report.failures, report.replay)
    return report


__all__ = ["CHECKS", "ConformanceError", "ConformanceReport", "assert_conforms", "check_plugin", "replay"]

if __name__ == "__main__":  # pragma: no cover - python -m softenv_core.testing.conformance
    raise SystemExit(main())
