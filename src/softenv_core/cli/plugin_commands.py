"""The plugin authors' commands: ``softenv plugin new`` (the scaffold), ``softenv plugins --check``
and a listing that survives a plugin that fails to import."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softenv_core.cli.common import (
    emit,
)
from softenv_core.cli.data_out import data_out
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD, SoftenvPluginManager, unknown_plugins
from softenv_core.errors import PluginError, PluginLoadError, PluginRefused, SoftenvError
from softenv_core.io.converter import dumps
from softenv_core.render import assessment as render
from softenv_core.render.escape import terminal
from softenv_core.workdays.calendar import official_years

if TYPE_CHECKING:  # the kit is imported when the check runs: `softenv plugins` alone does not need it
    from softenv_core.testing.check_faults import Fault, KitRun
    from softenv_core.testing.plugin_check import RuleCost


def replacement_lines(rows: list[dict[str, Any]], lang: str) -> str:
    """The city's base point rules by label (what ``replaces=`` takes), whether a county may
    replace each and which county rule does: ``softenv plugins`` under its table."""
    zh = lang == "zh"
    out = []
    for row in rows:
        for rule in row.get("point_rules", ()):
            if "replaced_by" not in rule:  # a county rule: listed under the city rule it replaces
                continue
            by = "; ".join(f"{b['plugin']} ({b['county']}) {b['rule']}" for b in rule["replaced_by"])
            able = (
                ("可代替" if zh else "replaceable")
                if rule["replaceable"]
                else ("不可代替" if zh else "not replaceable")
            )
            out.append([rule["label"], rule["id"], able, by or "—"])
    if not out:
        return ""
    head = "全市规则的标签与代替（replaces= 取标签）" if zh else "City rules by label (replaces= takes the label)"
    cols = ["标签", "规则", "可否代替", "代替它的县区规则"] if zh else ["label", "rule", "replaceable", "replaced by"]
    return f"\n{head}:\n{render.table(cols, out)}\n"


def broken_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Rows for the plugins that failed to import, or imported and were refused (``refused``:
    why, REFUSED in the table), as main loads them tolerantly for this command."""
    rows = []
    for exc in getattr(args, "broken_plugins", ()):
        refused = isinstance(exc, PluginRefused)
        what = "fix what the refusal names" if refused else "repair"
        print(
            f"softenv: warning: {terminal(str(exc))}\n  skip it: {ENV_ALLOW}=<the others> "
            f"(or {ENV_DISABLE_AUTOLOAD}=1 for none), or {what} or uninstall {terminal(exc.distribution)}",
            file=sys.stderr,
        )
        row: dict[str, Any] = {
            "name": exc.plugin,
            "version": exc.version,
            "distribution": exc.distribution,
            "county": None,
            "title": "",
            "reference": "",
            "hooks": [],
            "rules": [f"REFUSED: {exc.reason}" if refused else f"BROKEN: {exc}"],
            "broken": str(exc),
        }
        rows.append(row | {"refused": exc.reason} if refused else row)
    return rows


def _check_year_known(year: int) -> None:
    """The check works the report deadlines out with the official calendar alone (the command's
    --provisional and --calendar do not reach its demo city): a year chinesecalendar does not
    know is refused naming the years it can check, not with the calendar's advice to add
    --provisional, which changed nothing (p39). Its last year is checked but for the months due
    after it (December's report), which the check names (deadline_months, p49 01)."""
    first, last = official_years()
    if first <= year <= last:
        return
    years = f"{first}–{last}"
    raise SoftenvError(
        f"--year {year}: softenv plugins --check works each month's report deadline out with the "
        f"official calendar only (--provisional and --calendar are not used by the check), and the "
        f"installed chinesecalendar covers {first}–{last}: check a year from {years}, or upgrade "
        f"chinesecalendar (docs/calendar.md)",
        zh=(
            f"--year {year}：softenv plugins --check 只按国务院节假日安排推算各月月报截止时间"
            f"（--provisional、--calendar 不用于检查），已安装的 chinesecalendar 收录 {first}–{last} 年："
            f"请检查 {years} 年中的一年，或升级 chinesecalendar（见 docs/calendar.md）"
        ),
    )


def cmd_plugins_check(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    """``softenv plugins --check``: every installed plugin's hooks tried on the demo city, then
    the whole conformance kit on each; exit 1 on a fault."""
    from softenv_core.engine.parameters import baseline_parameters
    from softenv_core.testing.deadline_check import deadline_months
    from softenv_core.testing.plugin_check import Fault, check_all, cost_lines
    from softenv_core.testing.time_limit import CHECK_TIME_LIMIT

    _check_year_known(args.year)
    months, left_out = deadline_months(args.year, baseline_parameters())
    costs: list[RuleCost] = []
    # The check command alone limits a plugin's time (a rule that never returns): docs/cli.md
    faults, runs = check_all(pm, args.year, args.examples, costs=costs, time_limit=CHECK_TIME_LIMIT)
    broken_rows(args)  # the warnings; each broken plugin is also a fault
    faults += [
        Fault(
            e.plugin,
            "(registration)",
            "-",
            str(e),
            f"fix what it names (docs/hooks.md), or leave it out with {ENV_ALLOW}",
        )
        if isinstance(e, PluginRefused)
        else Fault(
            e.plugin, "(import)", "-", str(e), f"repair or uninstall {e.distribution}, or leave it out with {ENV_ALLOW}"
        )
        for e in getattr(args, "broken_plugins", ())
    ]
    clashes = sorted(county_clashes(pm).items())
    faults += [Fault(n, "-", "-", problem, fix, check="install") for n, (problem, fix) in clashes]
    names = [m.name for m in pm.plugins_meta() if m.name != "city"]
    if args.format == "json":
        document = _check_document(args, names, faults, runs, costs)
        document |= {"deadline_months": [str(m) for m in months], "deadline_months_left_out": left_out or None}
        emit(dumps(document), args)
    else:
        lines = [f.text() for f in faults]  # each line of it inert (Fault.lines)
        verdict = f"{len(faults)} fault(s)" if faults else "no fault found"
        absent = _off_demo([r.county for r in runs], args.year)
        summary = [terminal(_kit_line(r, faults, r.county in absent)) for r in runs]
        tally = [f"conformance kit, {args.examples} generated datasets per plugin:", *summary] if runs else []
        where = "each rule on the demo city and the kit's dataset of its county, the slower of them"
        timing = [f"time per point ({where}; a rule runs once per point):", *cost_lines(costs)]
        tally += [terminal(t) for t in timing] if costs else []
        asked = [f"report deadlines asked for the reports on {months[0]} to {months[-1]}", left_out] if names else []
        done = f"checked {len(names)} plugin(s) for {args.year}: {verdict}"
        emit("\n".join([*lines, *tally, *filter(None, asked), done]) + "\n", args)
    return 1 if faults else 0


def _check_document(
    args: argparse.Namespace, names: list[str], faults: list[Fault], runs: list[KitRun], costs: list[RuleCost]
) -> dict[str, object]:
    """``plugins --check --format json``: the faults, each plugin's kit run and each rule's time per point."""
    from softenv_core.testing.plugin_check import SLOW_PER_POINT

    rows = [
        {"plugin": f.plugin, "check": f.check, "hook": f.hook, "rule": f.rule, "problem": f.problem}
        | {"fix": f.fix, "replay": f.replay}
        for f in faults
    ]
    kit = [
        {"plugin": r.plugin, "county": r.county, "examples": r.examples}
        | {"passed": [c for c in r.checks if c not in r.failed], "failed": list(r.failed)}
        for r in runs
    ]
    cost = [
        {"plugin": c.plugin, "rule": c.rule, "ms_per_point": round(c.per_point * 1000, 4), "points": c.points}
        | {"slow": c.per_point > SLOW_PER_POINT}
        for c in costs
        if c.per == "point"
    ]
    document: dict[str, object] = {"checked": names, "year": args.year, "examples": args.examples}
    return document | {"faults": rows, "kit": kit, "time_per_point": cost}


def _off_demo(counties: list[str], year: int) -> set[str]:
    """Of ``counties``, those the demo city lacks: the deadline is asked there as if a demo
    county were it, the rules tried on the kit's dataset of the county (plugin author p33:
    "hooks ok" read as if its rules had run on the demo city; p40: and they are timed)."""
    if not counties:
        return set()
    from softenv_core.demo import build_demo

    return set(counties) - {c.code for c in build_demo(year, points_per_county=1).counties}


def _kit_line(run: Any, faults: list[Any], off_demo: bool = False) -> str:
    """One plugin's verdict per check: its hooks on the demo city, then the kit's checks."""
    hooks = "FAILED" if any(f.plugin == run.plugin and f.check == "hooks" for f in faults) else "ok"
    if off_demo:
        tried = "its deadline asked as a demo county's, its rules and conditions tried on the kit's dataset of it"
        hooks += f" (county {run.county} is not in the demo city: {tried})"
    head = f"  plugin {run.plugin!r} (county {run.county}): hooks {hooks}; "
    if "kit" in run.failed:
        return head + "the kit stopped before its checks ran (its fault above)"
    passed = len(run.checks) - len(run.failed)
    failed = f"; failed: {', '.join(run.failed)}" if run.failed else ""
    return head + f"{passed}/{len(run.checks)} kit checks passed over {run.examples} datasets{failed}"


def cmd_plugin_new(args: argparse.Namespace, pm: SoftenvPluginManager) -> int:
    """``softenv plugin new``: a county plugin distribution to edit, test and install."""
    from softenv_core.cli.scaffold import new_plugin, next_steps

    target, layout, written = new_plugin(
        args.county,
        args.name,
        Path(args.dir) if args.dir else None,
        layout=args.layout,
        core=args.core,
        county_name=args.county_name,
    )
    out = data_out()
    print(f"wrote {len(written)} files to {terminal(str(target))} ({layout} layout):", file=out)
    for path in written:
        print(f"  {terminal(str(path.relative_to(target)))}", file=out)
    where, steps = next_steps(target, layout)
    print(terminal(f"next (docs/writing-a-county-plugin.md §2), {where}:"), file=out)
    print("\n".join(f"  {terminal(s)}" for s in steps), file=out)
    return 0


def plugins_tolerantly() -> tuple[SoftenvPluginManager, list[PluginLoadError]]:
    """The installed plugins loaded one by one, for ``softenv plugins``: one that fails to
    import is kept aside (and listed as broken) instead of stopping the listing, so the person
    repairing it sees what else is installed. Every other command stops on it (the manager)."""
    from importlib import metadata

    from softenv_core.engine.manager import ENTRY_POINT_GROUP
    from softenv_core.rules.registry import _allow_from_env, get_plugin_manager

    pm = get_plugin_manager(autoload=False)
    broken: list[PluginLoadError] = []
    if os.environ.get(ENV_DISABLE_AUTOLOAD, "").strip().lower() not in ("", "0", "false", "no"):
        return pm, broken
    allow = _allow_from_env(os.environ)
    eps = {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}
    for name in unknown_plugins(allow or (), eps):  # named, but installed under no such name
        installed = ", ".join(sorted(eps)) or "none"
        broken.append(
            PluginLoadError(
                name,
                "(not installed)",
                "-",
                f"{ENV_ALLOW} names it, but no installed plugin is named "
                f"{name!r} (installed: {installed}); every other command stops on it",
            )
        )
    for name in sorted(eps):
        if allow is not None and name not in allow:
            continue
        try:
            pm.load_entry_points([name])
        except PluginLoadError as exc:
            broken.append(exc)
        except PluginError as exc:  # imported, then refused (its PluginInfo, a hook): said as such
            dist = eps[name].dist
            name_, version = (dist.name, dist.version) if dist else ("unknown", "unknown")
            broken.append(PluginRefused(name, name_, version, exc))
    return pm, broken


def county_clashes(pm: SoftenvPluginManager) -> dict[str, tuple[str, str]]:
    """The installed plugins that claim one county between them, each with what is wrong and the
    fix: every
    assessing command refuses to load them together unless ``SOFTENV_PLUGINS`` names both
    (manager.load_entry_points), so ``softenv plugins`` marks them and ``--check`` faults them."""
    from softenv_core.rules.registry import _allow_from_env

    if _allow_from_env(os.environ) is not None:
        return {}
    by_county: dict[str, list[str]] = {}
    for meta in pm.plugins_meta():
        if meta.county is not None and meta.distribution is not None:  # installed, not registered in Python
            by_county.setdefault(meta.county, []).append(meta.name)
    clashes: dict[str, tuple[str, str]] = {}
    for county, names in by_county.items():
        if len(names) > 1:
            listed = ", ".join(repr(n) for n in names)
            for name in names:
                clashes[name] = (
                    f"county {county} is claimed by plugins {listed}: softenv assess (and every assessing "
                    "command) refuses to run",
                    f"uninstall one, or name both in {ENV_ALLOW}={','.join(names)} if both are meant to load",
                )
    return clashes
