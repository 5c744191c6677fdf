"""The faults ``softenv plugins --check`` reports (testing/plugin_check.py): the Fault type,
and how the engine's and the conformance kit's messages become faults, each naming plugin,
check, hook and rule once, with the fix read from the engine's words (check_fixes.py).

Split from plugin_check.py, which finds them, for its size.
"""

from __future__ import annotations

import re
from functools import cache

from attrs import evolve, frozen

from softenv_core.render.escape import terminal
from softenv_core.testing.check_fixes import TWO_ANSWERS, TWO_ANSWERS_FIX, engine_words, fix_for

HOOKS = "hooks"  # plugin_check's own check: the hooks rule by rule on the demo city


@frozen
class Fault:
    """One thing wrong with a plugin: where (plugin, check, hook, rule), what, and how to fix it;
    ``replay``: the command that replays a kit check's failing dataset."""

    plugin: str
    hook: str
    rule: str
    problem: str
    fix: str
    check: str = HOOKS
    replay: str = ""

    def lines(self) -> list[str]:
        """The fault's lines for a terminal: the problem, then ``fix:`` and ``replay:``. Each
        field is shown inert (terminal: a line break as ``\\n``, an escape as ``\\x1b``): a
        problem is often a plugin's exception text, whose own line break printed a second line
        that read as another plugin's fault or a ``fix:`` of its choosing (attacker x33)."""
        where = [f"plugin {self.plugin!r}"]
        where += [f"check {self.check}"] if self.check != HOOKS else []
        where += [f"hook {self.hook}"] if self.hook != "-" else []
        where += [f"rule {self.rule}"] if self.rule != "-" else []  # "rule -" read as a rule named "-"
        lines = [f"{', '.join(where)}: {self.problem}", f"    fix: {self.fix}"]
        return [terminal(line) for line in lines + ([f"    replay: {self.replay}"] if self.replay else [])]

    def text(self) -> str:
        return "\n".join(self.lines())


@frozen
class KitRun:
    """One plugin's run of the conformance kit: over how many datasets, which checks failed."""

    plugin: str
    county: str
    examples: int
    checks: tuple[str, ...]
    failed: tuple[str, ...]


_KIT_FIXES = {
    "no_mutation": "never change what the plugin is given (records, parameters, the dataset's "
    "indexes, the calendar): build new values",
    "own_county_only": "read and score only the plugin's own county (ctx.point, ctx.county)",
    "deterministic": "no randomness, clock or set order: sort what is iterated, derive everything from ctx",
    "effective_periods": "give each rule and condition its effective_from/effective_until, whole years "
    "(from a 1 January, until a 31 December or None); a change inside a year is a dated parameter one "
    "rule reads (docs/writing-a-county-plugin.md §3, Changing the policy); check rule.in_force",
    "no_conflict": "replace a city rule only where it is replaceable, once per county; a county's "
    "deadline or complaint limits may only be stricter than the city's",
}


@cache
def _kit_fixes() -> tuple[str, ...]:
    """The fixes the kit's checks write at the end of their messages (``…; fix: FIX``)."""
    from softenv_core.testing import clock, conformance_variants, hash_seeds, year_edges

    words = conformance_variants._KNOWN_AT_FIX, conformance_variants._NO_STATE_FIX, clock.FIX, clock.HOOK_FIX
    edges = year_edges.WITHIN_YEAR_FIX, year_edges.ANY_OFFSET_FIX
    return (*words, hash_seeds._FIX, "declare reads_direct_feedback=None", *edges)


#: Where the kit found a fault (edge_datasets.found_on), an edge dataset's words after a colon.
_WHERE_FOUND = re.compile(r" \(year \d+, counties [^()]*, \d+ points(?:: [^()]*)?\)$")
#: Two counties' plugins giving one rule id (engine.resolution.require_ids_apart, p57 03):
#: "rule conflict on rule id X (hook) between …", the rule and the hook of the Fault (p58 04).
_ID_CONFLICT = re.compile(r"\brule conflict on rule id (\S+) \((softenv_\w+)\) ")
_RULE_NAMED = (
    _ID_CONFLICT,
    re.compile(r"\b(?:rule|condition) (\S+) (?:on point|for county|declares)\b"),
    re.compile(r"^(\S+) (?:scored|applied) in \d{4}, outside"),
    # the engine's refusal of a part-year rule (engine.rule_years): "extra rule x.y is in force …"
    re.compile(r"\b(?:rule|condition) (\S+) is in force (?:\d{4}-\d\d-\d\d to|from) \d{4}-\d\d-\d\d"),
    # an award over the bound (engine.ruletypes): "rule x.y awarded 5.00, beyond its max_points 3.00"
    re.compile(r"\brule (\S+) awarded \S+, beyond its max_points "),
    # the engine's PluginError: "field evidence[1]: rule x.y: …", "condition x.y returned bool"
    re.compile(r"\b(?:rule|condition) (\S+?)(?:: | returned | raised )"),
    # a report deadline as deterministic shows it (asked_hooks._deadline_text): "(规定日 …), rule x.y, policy"
    re.compile(r"\(规定日 [^()]*\), rule (\S+), policy "),
)
#: The hook a kit message is about, where it starts with what that hook answered
#: (asked_hooks.hook_answers, compared by deterministic; plugin author p54 04).
_HOOK_ANSWERED = re.compile(r"^(report deadline|complaint limits) of county \S+ (?:on|for) ")
_ANSWERING_HOOK = {"report deadline": "softenv_report_deadline", "complaint limits": "softenv_complaint_sla"}


def kit_fault(name: str, check: str, message: str, replay: str) -> Fault:
    """A failed kit check as a Fault: its message split into problem and fix, its rule found in it."""
    where = _WHERE_FOUND.search(message)
    body = message[: where.start()] if where else message
    # The kit's own fix ends the messages of the checks that write one; any other "; fix: " is
    # in what the plugin said (a reason, an exception's text) and chose the fix (attacker x33).
    problem, _, fix = body.rpartition("; fix: ")
    if not fix.startswith(_kit_fixes()):
        problem, fix = body, ""
    full = problem  # the engine's words, which the fix is read from
    # An engine error of this plugin starts with the plugin and hook the Fault names already
    # (p32 6e: "plugin 'x', check valid_types, rule r: plugin 'x', hook …"): said once.
    hook, named = "-", re.match(rf"plugin {re.escape(repr(name))}(?:, hook (softenv_\w+))?: ", problem)
    if named is not None:
        hook, problem = named.group(1) or "-", problem[named.end() :]
    answered = _HOOK_ANSWERED.match(problem)
    conflict = _ID_CONFLICT.search(engine_words(problem))
    if hook == "-" and conflict is not None:
        hook = conflict.group(2)
    if hook == "-" and answered is not None:
        hook = _ANSWERING_HOOK[answered.group(1)]
    problem += where.group(0) if where else ""
    fix = fix or (fix_for(full) if check == "valid_types" else _KIT_FIXES.get(check, fix_for(full)))
    two = TWO_ANSWERS.search(engine_words(full))
    if two is not None:  # two plugins of one county, not a city rule replaced wrongly (p43)
        hook, fix = two.group(1), TWO_ANSWERS_FIX
    return Fault(name, hook, rule_in(problem), problem, fix, check=check, replay=replay)


def rule_in(problem: str) -> str:
    """The rule or condition a kit message names first, ``-`` when it names none: in the
    engine's words, never in what a rule raised (its text may name another plugin's rule)."""
    words = engine_words(problem)
    return next((m.group(1) for r in _RULE_NAMED if (m := r.search(words))), "-")


def merged(faults: list[Fault], found: list[Fault]) -> list[Fault]:
    """``faults`` and the kit's ``found``; a kit fault that is a hook's again (same plugin, hook,
    rule, problem) is said once, the hook's with the kit's replay (p33: printed twice)."""
    out = list(faults)
    for k in found:
        key = (k.plugin, k.hook, k.rule)
        same = [i for i, f in enumerate(out) if f.check == HOOKS and (f.plugin, f.hook, f.rule) == key]
        same = [i for i in same if _sans_day(k.problem).startswith(_sans_day(out[i].problem))]
        if not same:
            out.append(k)
        elif k.replay and not out[same[0]].replay:
            out[same[0]] = evolve(out[same[0]], replay=k.replay)
    return out


#: The day a parameter was asked for, in an engine fault's words: the kit's dataset of another
#: year than the hooks' demo city asks the same misspelt name on its own year's last day, and the
#: same fault was said twice (p57 05 made the kit keep each dataset's year).
_ASKED_ON = re.compile(r"; asked for on \d{4}-\d{2}-\d{2}")


def _sans_day(problem: str) -> str:
    return _ASKED_ON.sub("", problem)


__all__ = ["HOOKS", "Fault", "KitRun", "kit_fault", "merged", "rule_in"]
