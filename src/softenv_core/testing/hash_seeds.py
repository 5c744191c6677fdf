"""The ``deterministic`` check across processes: a plugin's answers under another string-hash seed.

Within one process ``hash()`` of a string never changes, so a rule whose evidence or reason is
built from a set (``list({c.id for c in ctx.contacts})``, ``"、".join({…})``) answers the same
every time it is asked there, and the in-process ``deterministic`` check passes it; the next
``softenv`` run, with another seed, writes another order (finding t7 01). So the plugin is
assessed once more, on one dataset (:func:`varied_dataset`: twelve contacts a point, of every
method and raising items of every category, complaints of every kind, verdict and
satisfaction, and six departments of the county rated 不满意 in a 万人评议 round, so that a set of
ids, of enum members or of their labels has several members),
in a subprocess started with another ``PYTHONHASHSEED``, and its answers compared with the
same assessment in this process. An enum member hashes by its name, a string: a reason joining
``{i.category.zh for …}`` changes order with the seed as a set of ids does. The answers compared
are the plugin's rules' items and its 十佳 conditions, and its county's report deadline on each
month the checks ask and complaint limits of each kind on each month's first day
(asked_hooks.hook_answers): a deadline citing ``"、".join(a_set)``, or one switched on by
``date.today()``, passed when they were left out (plugin author p53 01).

The same subprocess sees the clock set to two days (clock.py): the plugin is imported and
assessed on the first, assessed again on the second, and answers that move read the clock.
When its answers differ from this process's alone, a second subprocess under the same seed,
importing the plugin under the real clock, tells a clock read at import from a set's order,
and, answering on the first day and at this process's instant, a clock read at run time that
the two fixed days happened to answer alike (plugin author p55 02).

One subprocess per ``check_plugin`` (about half a second, one more assessment for the second
day), started before the search and read after it. The plugin reaches the subprocess pickled,
or by its module's name for a module plugin; one that is neither (a closure, an object of a
class defined in a function) is not tried this way, and the in-process check alone applies to
it.

``python -m softenv_core.testing.hash_seeds MODULE[.Class]:NAME [--year Y]`` replays the check.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import product
from pathlib import Path
from types import ModuleType
from typing import Any

from attrs import evolve, frozen

from softenv_core.analyses.assessment import assess
from softenv_core.analyses.audiences import CITY_OFFICE
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import owes_round
from softenv_core.model.divisions import Department
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.periods import HalfYear
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import clock
from softenv_core.testing.asked_hooks import hook_answers
from softenv_core.testing.builders import beijing, make_complaint, small_dataset
from softenv_core.testing.conformance_variants import difference, plugin_answers

YEAR = 2025  # the latest of the generated datasets' years (record_strategies.SAFE_YEARS)
_ANSWERS = "answers.json"
_TIMEOUT = 300  # seconds: a shared machine may be slow; a plugin that hangs is found elsewhere
_FIX = (
    "build evidence, reasons and references in a fixed order: sorted(set(...)), never list(set(...)) or a "
    "join over a set; a set's order changes with each process's string-hash seed"
)


@frozen
class Pending:
    """The subprocess assessing the plugin under another seed (and on two days), and the seed."""

    process: subprocess.Popen[bytes]
    seed: str
    folder: str


def other_seed() -> str:
    """A ``PYTHONHASHSEED`` other than this process's: 0 (no randomisation) unless this process
    runs with it, then 1."""
    return "1" if sys.flags.hash_randomization == 0 else "0"


#: The county's departments beside small_dataset's 市场监管局: a set of six ids (all rated 不满意
#: in varied_dataset's round) comes out in the same order under two hash seeds about once in
#: two hundred processes, a set of two about once in two (measured over 200 seeds).
_MORE_DEPARTMENTS = (
    ("tax", "税务局"),
    ("hrss", "人力资源和社会保障局"),
    ("nr", "自然资源局"),
    ("housing", "住房和城乡建设局"),
    ("env", "生态环境局"),
)


def varied_dataset(year: int, county: str) -> Dataset:
    """:func:`small_dataset` of ``county`` with records of every shape a set could hold.

    small_dataset alone has one contact method, one item category, one department of the
    county, no complaint and no 万人评议: a set of categories, methods, kinds or departments
    there has one member, whose order no seed changes. Here the county has six departments
    (:data:`_MORE_DEPARTMENTS`), the year's first-half round is rated by each point for every
    unit (:func:`_rated_rounds`: each unit rated 不满意 by one point), each point's twelve
    contacts cycle through the methods and raise items of three categories each (every
    category over the year), and each point sends complaints of every kind with each verdict
    and satisfaction, about the city's department and its county's, received on the 3rd of a
    month, and one about each left open from 12 March (overdue later in the year); each
    contact raising items has a follow-up step of one kind or another (:func:`_followups`).
    """
    base = small_dataset(year, counties=(county,))
    name = base.county_by_code[county].name
    more = tuple(Department(f"{county}-{key}", f"{name}{title}", county) for key, title in _MORE_DEPARTMENTS)
    base = evolve(base, departments=(*base.departments, *more))
    methods, categories = tuple(ContactMethod), tuple(ItemCategory)
    contacts = []
    for i, c in enumerate(sorted(base.contacts, key=lambda c: c.id)):
        items = tuple(Item(categories[(i + k) % len(categories)], "反映情况") for k in range(3)) if c.reached else ()
        contacts.append(evolve(c, method=methods[i % len(methods)], items=items))
    units = [d.id for d in sorted(base.departments, key=lambda d: d.id) if d.county in (None, county)]
    followups = _followups(contacts, units)
    shapes = list(product(ComplaintKind, Verdict, Satisfaction))
    complaints = [
        make_complaint(
            f"Q-{point.id}-{n}",
            point.id,
            beijing(year, n % 11 + 1, 3, 9),
            kind=kind,
            verdict=verdict,
            satisfaction=satisfaction,
            department=units[n % len(units)] if units else None,
            until=EventType.CLOSED,
        )
        for point in sorted(base.points, key=lambda p: p.id)
        for n, (kind, verdict, satisfaction) in enumerate(shapes)
    ]
    # One complaint about each unit left open, assigned on 12 March and never signed for: not
    # yet overdue on the first of the clock's days (14 March), long overdue at the year's end,
    # so that a 十佳 condition asking a complaint's status "now" (datetime.now()) answers
    # otherwise on the other day (p35: all closed, it answered alike and only known_at caught it).
    opener = max(base.points, key=lambda p: p.id).id  # the county's 县区 point
    complaints += [
        make_complaint(f"Q-open-{unit}", opener, beijing(year, 3, 12, 9), department=unit, until=EventType.ASSIGNED)
        for unit in units
    ]
    rounds, ratings = _rated_rounds(base, year, units)
    return evolve(
        base,
        contacts=tuple(contacts),
        complaints=tuple(complaints),
        followups=followups,
        appraisal_rounds=rounds,
        ratings=ratings,
    )


def _rated_rounds(
    base: Dataset, year: int, units: Sequence[str]
) -> tuple[tuple[AppraisalRound, ...], tuple[Rating, ...]]:
    """The year's first-half 万人评议 round (10 to 25 June) and each point's rating of every unit
    in it: the first point (by id) rates each 不满意, the others through the other levels, so
    that the departments rated 不满意 (the county's six and the city's) and the levels given
    are sets of several members (plugin author p54 03: a reason joining the set of departments
    rated 不满意 passed, the dataset holding no round)."""
    rnd = AppraisalRound(f"A-{year}-H1", HalfYear(year, 1), date(year, 6, 10), date(year, 6, 25))
    others = [level for level in RatingLevel if level is not RatingLevel.UNSATISFIED]
    points = sorted((p for p in base.points if owes_round(p, rnd)), key=lambda p: p.id)
    ratings = tuple(
        Rating(
            rnd.id,
            p.id,
            RaterGroup.POINT,
            unit,
            RatingLevel.UNSATISFIED if i == 0 else others[(i + j) % len(others)],
        )
        for i, p in enumerate(points)
        for j, unit in enumerate(units)
    )
    return ((rnd,), ratings) if ratings else ((), ())


def _followups(contacts: Sequence[Contact], units: Sequence[str]) -> tuple[FollowUp, ...]:
    """One follow-up step (事项跟踪) on the first item of each contact raising items, its kind
    cycling through every kind with the contact's month (已解决 in April and September), dated
    one to three weeks after the contact: a rule reading ``dataset.followups`` against the clock
    (``f.date <= date.today()``) answers otherwise on the clock's two days (finding p30 1)."""
    kinds = tuple(FollowUpKind)
    return tuple(
        FollowUp(
            id=f"F-{c.id}",
            source=MatterSource.CONTACT,
            record=c.id,
            item=0,
            kind=kinds[(c.date.month - 1) % len(kinds)],
            date=c.date + timedelta(days=7 * (c.date.month % 3 + 1)),
            actor="县区经贸局",
            department=units[0] if kinds[(c.date.month - 1) % len(kinds)] is FollowUpKind.REFERRED else None,
        )
        for c in contacts
        if c.items and units
    )


def answers(plugin: Any, name: str, county: str, year: int = YEAR) -> dict[str, str]:
    """The plugin's items and conditions on the check's dataset, beside the city alone, and its
    county's report deadlines and complaint limits (asked_hooks.hook_answers: each month the
    checks ask, each kind on each month's first day)."""
    dataset = varied_dataset(year, county)
    pm = get_plugin_manager(autoload=False, plugins=[(name, plugin)])
    found = plugin_answers(assess(dataset, year, pm, audience=CITY_OFFICE), name)
    params = baseline_parameters()
    return found | hook_answers(pm, name, dataset.county_by_code.get(county), year, params)


def _carried(plugin: Any, folder: Path) -> list[str] | None:
    """How the subprocess gets the plugin: ``--module NAME`` or ``--pickle FILE``; None when
    it cannot."""
    if isinstance(plugin, ModuleType):
        importable = plugin.__name__ != "__main__" and sys.modules.get(plugin.__name__) is plugin
        return ["--module", plugin.__name__] if importable else None
    try:
        data = pickle.dumps(plugin)
    except Exception:  # a closure, a local class, a lambda inside: not carried, not tried
        return None
    path = folder / "plugin.pickle"
    path.write_bytes(data)
    return ["--pickle", str(path)]


def start(
    plugin: Any, name: str, county: str, year: int = YEAR, *, import_now: bool = False, at: datetime | None = None
) -> Pending | None:
    """The subprocess asked for the plugin's answers under another seed, on two days (clock.py;
    ``import_now``: imported under the real clock, answering on the first day and at ``at``,
    this process's instant); None when the plugin cannot be carried to it."""
    folder = tempfile.mkdtemp(prefix="softenv-hash-")
    how = _carried(plugin, Path(folder))
    if how is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    seed = other_seed()
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    command = [sys.executable, "-m", "softenv_core.testing.hash_seeds", *how, "--name", name, "--county", county]
    command += ["--year", str(year), "--answers", str(Path(folder) / _ANSWERS)]
    command += ["--import-now"] if import_now else []
    command += ["--at", at.isoformat()] if at is not None else []
    # The answers come back in a file: the plugin may print (its stdout is no channel), and a
    # process it starts inherits no pipe this one would wait on to close.
    try:
        process = subprocess.Popen(  # this interpreter, this module, arguments built here
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
    except BaseException:  # not started (no process allowed, no memory): the folder goes too
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Pending(process, seed, folder)


def _collect(pending: Pending) -> dict[str, Any] | None:
    """The subprocess's answers (clock.on_two_days); None when it failed or took too long."""
    try:
        pending.process.wait(timeout=_TIMEOUT)
        if pending.process.returncode != 0:
            return None  # it could not load or run the plugin there: the other checks say why
        found: dict[str, Any] = json.loads((Path(pending.folder) / _ANSWERS).read_text(encoding="utf-8"))
        return found
    except subprocess.TimeoutExpired:  # it took too long: a plugin that hangs is found elsewhere
        pending.process.kill()
        pending.process.wait()
        return None
    except (OSError, ValueError):  # no answers written, or not ours (the plugin wrote there)
        return None
    finally:
        shutil.rmtree(pending.folder, ignore_errors=True)


def _moved_with_clock(there: dict[str, Any], second: str = "other_day") -> str | None:
    """What changed from the first day to the second (``other_day``, or ``at_day``: this
    process's instant) in the subprocess, if anything."""
    other = there.get(second)
    if other is None:
        return None
    if "error" in other:
        return f"the plugin failed on the second day only ({other['error']})"
    return difference(there["answers"], other)


def finish(pending: Pending | None, plugin: Any, name: str, county: str, year: int = YEAR) -> str | None:
    """The first answer that moves with the clock (clock.py), or differs between this process
    and the subprocess under another seed, as a problem of
    ``deterministic``; None when they agree, or when either could not answer (the plugin
    failed, or took longer than ``_TIMEOUT``): the search's checks report a failing plugin."""
    if pending is None:
        return None
    now = datetime.now(clock.BEIJING)  # the instant this process answers at (a moved clock in a test)
    try:
        here: dict[str, str] | None = answers(plugin, name, county, year)
    except Exception:  # the plugin failed here: the search reports it
        here = None
    there = _collect(pending)
    if there is None:
        return None
    moved = _moved_with_clock(there)
    if moved is not None:
        return clock.problem(moved, year, county, clock.clock_reads(plugin), at_import=False)
    changed = difference(here, there["answers"]) if here is not None else None
    if changed is None:
        return None
    if there.get("clock"):  # imported or run on another day: the clock, or a set's order?
        confirm = start(plugin, name, county, year, import_now=True, at=now)
        again = _collect(confirm) if confirm is not None else None
        if again is not None and difference(again["answers"], there["answers"]) is not None:
            return clock.problem(changed, year, county, clock.clock_reads(plugin), at_import=True)
        # One seed, one import, run at the first day and at this process's instant: answers that
        # move read the clock, which the two fixed days answered alike (``month <= 3`` on two
        # days of a first quarter was blamed on a set's order: plugin author p55 02).
        moved = _moved_with_clock(again, "at_day") if again is not None else None
        if moved is not None:
            return clock.problem(moved, year, county, clock.clock_reads(plugin), at_import=False, second=now)
    return (
        f"{changed} on the same data in another process (PYTHONHASHSEED={pending.seed}, "
        f"hash_seeds.varied_dataset({year}, {county!r})): "
        f"the order of a set reached the answer; fix: {_FIX}"
    )


def _load(args: argparse.Namespace) -> Any:
    if args.module:
        return importlib.import_module(args.module)
    return pickle.loads(Path(args.pickle).read_bytes())  # written by start() just now


def plugin_by_reference(ref: str) -> tuple[Any, str]:
    """``module:name`` (a module plugin) or ``module.Class:name`` (a class, instantiated): how
    both replays (this one and the conformance kit's) name the plugin to load."""
    target, _, name = ref.partition(":")
    try:
        return importlib.import_module(target), name or target
    except ImportError as exc:
        module_name, _, cls = target.rpartition(".")
        # Only a target not found itself may be module.Class. A name with no dot, or a module
        # failing on an import of its own, is the error to show: imported as module '' it ended in
        # "ValueError: Empty module name" (plugin author p59 08).
        if not module_name or exc.name != target:
            exc.add_note(
                f"the replay imports {target!r} from where it runs: run it from the folder the plugin's "
                "tests import it from, or install the plugin (uv pip install -e .)"
            )
            raise
        return getattr(importlib.import_module(module_name), cls)(), name or cls


def main(argv: Sequence[str] | None = None) -> int:
    """``--answers FILE``: write the plugin's answers on two days there as JSON (the subprocess); otherwise
    compare them with a subprocess under another seed and on other days, and print the difference."""
    parser = argparse.ArgumentParser(prog="python -m softenv_core.testing.hash_seeds")
    parser.add_argument("plugin", nargs="?", help="MODULE[.Class]:NAME, as the conformance replay takes it")
    parser.add_argument("--module")
    parser.add_argument("--pickle")
    parser.add_argument("--name", default="under-test")
    parser.add_argument("--county")
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--answers", metavar="FILE", help="the subprocess: write its answers there")
    parser.add_argument("--import-now", action="store_true", help="import under the real clock, one day")
    parser.add_argument("--at", help="with --import-now: also answer at this instant (ISO 8601)")
    args = parser.parse_args(argv)
    if args.answers:
        at = datetime.fromisoformat(args.at) if args.at else None
        found = clock.on_two_days(
            lambda: _load(args), lambda p: answers(p, args.name, args.county, args.year), args.import_now, at
        )
        Path(args.answers).write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        return 0
    plugin, name = plugin_by_reference(args.plugin)
    county = get_plugin_manager(autoload=False, plugins=[(name, plugin)]).meta(name).county or ""
    problem = finish(start(plugin, name, county, args.year), plugin, name, county, args.year)
    print(f"deterministic: {problem}" if problem else "the same answers under another hash seed and on other days")
    return 1 if problem else 0


__all__ = ["Pending", "answers", "finish", "main", "other_seed", "plugin_by_reference", "start", "varied_dataset"]

if __name__ == "__main__":  # pragma: no cover - the subprocess, and the replay
    raise SystemExit(main())
