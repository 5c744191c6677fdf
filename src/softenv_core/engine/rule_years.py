"""A county's rule or condition applies to whole years: in force all of an assessed year, or not
in it at all (auditor a72 01).

``Rule.in_force(year)`` asks whether a rule is in force on some day of ``year``, and a rule in
force scores its point's whole year (a 十佳 condition decides its county's whole year): nothing
cuts what it reads to its own period. A county rule in force from 1 July therefore scored
January to June as well, and a policy changed mid-year by two versions of a rule (the old one
given ``effective_until``, the new one ``effective_from``) had both score all twelve months, or,
for two replacements of one city rule, raised a RuleConflict saying they "apply at once".

The library's rule (docs/writing-a-county-plugin.md, "Changing the policy"): a county's rule or
condition is in force from a 1 January (or from the programme's first day, 2022-03-01 in the
baseline, in the year it begins) and until a 31 December or with no end; a change inside a year
is a dated parameter that one rule, in force all year, reads per day, as the city's own rules
read the city's parameters. Versions meeting at a year's boundary are each in force in their own
years, never at once. Anything else is refused when the rules of a year are resolved, with a
PluginError naming plugin, hook, rule, its dates and that fix.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from attrs import frozen

from softenv_core.errors import ParameterMissing, PluginError

if TYPE_CHECKING:
    from softenv_core.engine.parameters import ParameterSet
    from softenv_core.engine.ruletypes import Condition, Rule

#: The parameter whose first day is the programme's (the first report the baseline requires).
PROGRAMME_PARAMETER = "report.due_day"


@frozen
class PartYear:
    """What a part-year refusal is about (``PluginError.about``): the rule or condition, the year
    and its dates, so that the conformance kit files it under ``effective_periods`` by data."""

    item: str
    year: int
    effective_from: date
    effective_until: date | None


def assessed_from(year: int, params: ParameterSet) -> date:
    """The first day of ``year`` the programme is in force: 1 January, or in the year it begins
    the first day of the city's parameters (2022-03-01 in the baseline), from which the city's own
    rules are in force: a county rule from that day covers all of that year that is assessed."""
    first = date(year, 1, 1)
    try:
        since = params.since(PROGRAMME_PARAMETER)
    except ParameterMissing:  # a set of the caller's own without it: the calendar year
        return first
    return max(first, since)


def part_year_problem(kind: str, item: Rule | Condition, year: int, params: ParameterSet) -> str | None:
    """Why ``item`` (a ``kind``: rule, extra rule, condition), in force in ``year``, is in force
    for part of it only; None when it is in force all of it (or the programme is not in force in
    that year at all)."""
    start, end = assessed_from(year, params), date(year, 12, 31)
    if start > end:
        return None
    frm, until = item.effective_from, item.effective_until
    if frm <= start and (until is None or until >= end):
        return None
    change = frm if frm > start else (until or end) + timedelta(days=1)
    period = f"{frm} to {until}" if until is not None else f"from {frm} (no end)"
    noun = "condition" if kind == "condition" else "rule"
    return (
        f"{kind} {item.id} is in force {period}, part of {year} only: a {noun} applies to the whole "
        "year it is in force in, so its effective_from must be a 1 January and its effective_until "
        f"a 31 December (or None); keep one {noun} in force all {year} and read a dated parameter "
        f"for what changes on {change}, or make the new {noun} begin on a 1 January; see "
        "docs/writing-a-county-plugin.md §3 (Changing the policy)"
    )


def refuse_part_year(
    plugin: str, hook: str, kind: str, item: Rule | Condition, year: int, params: ParameterSet
) -> bool:
    """Whether ``item``, in force on some day of ``year``, applies to the part of it assessed: a
    PluginError (about a PartYear) when it is in force for part of that only; False when it ended
    before that part began (a county rule until 2022-02-28, before the programme's first day: it
    applies to no day assessed, and was refused as in force "part of 2022": reviewer r62 02)."""
    until = item.effective_until
    if until is not None and until < assessed_from(year, params):
        return False
    problem = part_year_problem(kind, item, year, params)
    if problem is not None:
        about = PartYear(item.id, year, item.effective_from, item.effective_until)
        raise PluginError(plugin, hook, problem, about=about)
    return True


__all__ = ["PROGRAMME_PARAMETER", "PartYear", "assessed_from", "part_year_problem", "refuse_part_year"]
