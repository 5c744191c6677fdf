"""The ``deterministic`` check on another day: a plugin that reads the clock.

A rule calling ``date.today()``, ``datetime.now()``, ``time.time()`` or ``time.localtime()``
answers what the day of the run makes it answer: assessing a past year drifts with the day
it is computed (a seniority counted to *today*), though results must depend only on the
data, the plugins and the instant asked (``as_of``). Every run of the search happens on one
day, so the in-process ``deterministic`` and ``known_at`` checks cannot see it.

The kit's subprocess (hash_seeds.py, already started for another string-hash seed) therefore
sets the clock it sees to :data:`DAY_A` before it imports the plugin, assesses the plugin
there, sets it to :data:`DAY_B` and assesses again: answers that move read the clock when a
rule runs. One that read it when imported (``THIS_YEAR = date.today().year``) answers the
same on both days but differs from this process, whose import saw the real day;
:func:`finish <softenv_core.testing.hash_seeds.finish>` tells that from a set's order by a
second subprocess under the same seed, importing under the real clock (only when the
answers already differ). That subprocess also answers at this process's own instant: a rule
whose clock read answers alike on both fixed days but not on the real one (``month <= 3``
when both days fell in a first quarter) moves there between :data:`DAY_A` and that instant,
under one seed, and is named a clock read, not a set's order (plugin author p55 02).

The clock is moved with ``time-machine`` (the ``testing`` extra): it patches the C functions
behind ``datetime.date.today``, ``datetime.datetime.now``/``utcnow``, ``time.time``,
``time.localtime``, ``time.gmtime``, ``time.strftime`` …, so a name bound before (``from
datetime import date`` in the plugin, or anywhere) reads the moved clock too, and the values a
plugin builds stay real ``date``/``datetime`` objects (substituting subclasses for the
``datetime`` module's classes, as freezegun does, changes their type, ``repr`` and pickling
in the subprocess alone, which this check would then blame on the plugin). Without it the
subprocess runs on the real clock and this part of the check is skipped.

:func:`clock_reads` names where the plugin's source calls a clock (file and line): the
failure's message cites them, so the author sees which lines to change.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

BEIJING = timezone(timedelta(hours=8))
#: The two days the plugin's clock is set to, the first inside the year the check assesses
#: (hash_seeds.YEAR), the second after it, so that "has the year ended?" asked of the clock
#: changes too. They differ in all a rule is likely to ask of the clock: the year, the month
#: (odd, even), its quarter (first, fourth) and half, the day of the month (the 14th, even and
#: in its first half; the 23rd), of the week (a Friday, a Saturday) and the ISO week's parity,
#: and the hour (morning, evening): the second day was 2027-01-18, a first quarter's Monday
#: like the first day's, and a rule's "first-quarter bonus" (``date.today().month <= 3``)
#: answered alike on both (plugin author p55 02). Fixed, so that a run is repeatable whatever
#: the real day.
DAY_A = datetime(2025, 3, 14, 9, 30, tzinfo=BEIJING)
DAY_B = datetime(2027, 10, 23, 21, 45, tzinfo=BEIJING)

FIX = (
    "take every date from the context, never the clock: ctx.as_of (the instant the assessment "
    "speaks for; a point rule's and a 十佳 condition's), ctx.year, ctx.on; remove date.today(), "
    "datetime.now(), time.time() and the like, at import too: assessing a past year must give "
    "what it gave then"
)

#: The fix where a report deadline or complaint limits moved with the clock: those hooks get no
#: ctx (plugin author p54 04).
HOOK_FIX = (
    "take every date from the hook's arguments, never the clock: a report deadline's month (the "
    "month reported on), complaint limits' on (the day the step opened); a rule that changes from a "
    "day is a dated parameter in the county's parameter file, read as params.get(name, day) with a "
    "day of that month or on; remove date.today(), datetime.now(), time.time() and the like, at "
    "import too: a past month's deadline and limits must stay what they were then"
)
#: How hash_seeds.answers (asked_hooks.hook_answers) names what those hooks answered.
HOOK_ANSWERS = ("report deadline of county ", "complaint limits of county ")

_DATE_CALLS = frozenset({"today", "now", "utcnow"})
_TIME_CALLS = frozenset({"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"})


@functools.cache
def _time_machine() -> ModuleType | None:
    """time-machine, imported without its pytest integration where pytest is not loaded yet (the
    kit's subprocess): importing pytest for it took 0.2 s of the subprocess's 0.6."""
    blocked = "pytest" not in sys.modules
    if blocked:
        sys.modules["pytest"] = None  # type: ignore[assignment]  # makes `import pytest` fail
    try:
        import time_machine
    except ImportError:  # the testing extra without it: the clock part is skipped
        return None
    finally:
        if blocked:
            del sys.modules["pytest"]
    return time_machine


def available() -> bool:
    """Whether the clock can be moved here (``time-machine`` installed)."""
    return _time_machine() is not None


@contextlib.contextmanager
def on_day(day: datetime | None) -> Iterator[None]:
    """The clock of this process at ``day`` (standing still) inside the block; the real clock
    when ``day`` is None or time-machine is missing."""
    machine = _time_machine()
    if day is None or machine is None:
        yield
        return
    with machine.travel(day, tick=False):
        yield


def on_two_days(
    load: Callable[[], Any], answer: Callable[[Any], dict[str, str]], import_now: bool, at: datetime | None = None
) -> dict[str, Any]:
    """The plugin loaded (``load``) at :data:`DAY_A`, or under the real clock with
    ``import_now``, then its answers at :data:`DAY_A` and, unless ``import_now``, at
    :data:`DAY_B` (``other_day``), or with ``import_now`` at ``at`` where given (``at_day``:
    the instant of the process comparing, p55 02): the second day's answers, or
    ``{"error": …}`` when it failed there only (what fails on one day alone depends on the
    day). ``clock``: whether the clock moved."""
    with on_day(None if import_now else DAY_A):
        plugin = load()
    with on_day(DAY_A):
        first = answer(plugin)
    result: dict[str, Any] = {"answers": first, "clock": available()}
    second = [("other_day", DAY_B)] if not import_now else [("at_day", at)] if at is not None else []
    for key, day in second if available() else ():
        try:
            with on_day(day):
                result[key] = answer(plugin)
        except Exception as exc:  # the plugin failed on that day alone
            result[key] = {"error": f"{type(exc).__name__}: {exc}"}
    return result


def _source_file(plugin: Any) -> str | None:
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
    try:
        return inspect.getsourcefile(module) if module is not None else None
    except TypeError:  # a built-in module, or one without source
        return None


def _called(node: ast.Call, bare: set[str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in _DATE_CALLS:
            return f"{ast.unparse(func)}()"
        if func.attr in _TIME_CALLS and isinstance(func.value, ast.Name) and func.value.id == "time":
            return f"time.{func.attr}()"
    if isinstance(func, ast.Name) and func.id in bare:
        return f"{func.id}()"
    return None


def clock_reads(plugin: Any) -> list[str]:
    """Where the source of the plugin's module (a class plugin: its class and the code of its
    module outside other classes) calls a clock, as ``file:line call``: ``x.today()``,
    ``x.now()``, ``x.utcnow()``, ``time.time()``, ``time.localtime()`` …, and ``time()`` …
    imported bare from ``time``. A reading aid for the failure's message, not proof: the
    check is the two days."""
    path = _source_file(plugin)
    if path is None:
        return []
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=path)
    except (OSError, SyntaxError, ValueError):
        return []
    bare = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name in _TIME_CALLS
    }
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    # a class plugin: its class and the module's other code, not the module's other classes
    mine = None if isinstance(plugin, ModuleType) else type(plugin).__name__
    others = [
        range(n.lineno, (n.end_lineno or n.lineno) + 1)
        for n in tree.body
        if isinstance(n, ast.ClassDef) and mine is not None and n.name != mine
    ]
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    found = [
        (node.lineno, f"{shown}:{node.lineno} {what}")
        for node in calls
        if (what := _called(node, bare)) and not any(node.lineno in r for r in others)
    ]
    return [text for _, text in sorted(found)]


def problem(changed: str, year: int, county: str, reads: list[str], at_import: bool, second: datetime = DAY_B) -> str:
    """The ``deterministic`` message for answers that moved with the clock (from :data:`DAY_A`
    to ``second``: :data:`DAY_B`, or the instant of the process comparing)."""
    when = (
        "imported under another clock (the answers stay the same from day to day, but not from "
        "this process's import to the subprocess's)"
        if at_import
        else f"with the clock it sees set to {DAY_A.isoformat()}, then {second.isoformat()}"
    )
    where = f" (the source calls it at {', '.join(reads[:5])})" if reads else ""
    fix = HOOK_FIX if changed.startswith(HOOK_ANSWERS) else FIX
    return (
        f"{changed} on the same data on another day: {when}, hash_seeds.varied_dataset({year}, "
        f"{county!r}): the plugin reads the clock{where}; fix: {fix}"
    )


__all__ = [
    "DAY_A",
    "DAY_B",
    "FIX",
    "HOOK_ANSWERS",
    "HOOK_FIX",
    "available",
    "clock_reads",
    "on_day",
    "on_two_days",
    "problem",
]
