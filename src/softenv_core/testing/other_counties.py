"""``own_county_only``, its reading half: a county plugin's answers must not move when another
county's own records change (plugin author p41).

The check's first half (conformance.py) compares the other counties' results with and without
the plugin: a plugin that scores another county fails it. A rule of 临江市 reading 东城区's
contacts (``ctx.dataset.contacts`` of ``P-379902-…``) changed no result of 东城区 and passed,
while its points moved with another county's records, which it neither owns nor may cite
(docs/hooks.md, *Evidence names records of the point scored*). So the plugin is also asked on
the dataset without the records of the other counties alone: every record of a kind the model
gives a county (``county_scoped``: their points' contacts, complaints, nominations, roster
changes and adjustment suggestions, their reports, waivers, filings, work plans and publicity,
the ratings of their departments by raters other than the county's points, and what follows
those: follow-ups, decisions) that is another county's in ``Dataset.record_scopes``. What the
county may read stays: its own records, its points', complaints about its departments from any
point (a county answers for its departments), ratings of its departments and of the city's,
the divisions, departments and points other records name, and city-wide records (appraisal
rounds, research topics). The list was once written by hand and left out work plans,
publicity, filings, roster changes and nominations: a condition reading another county's work
plan passed (plugin author p51 04).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from softenv_core.analyses.assessment import Assessment
from softenv_core.errors import InputError
from softenv_core.io.validation import validate
from softenv_core.model.appraisals import Rating
from softenv_core.model.dataset import COLLECTIONS, Dataset

OWN_COUNTY_FIX = (
    "read only the plugin's own county's records (ctx.point, ctx.contacts, ctx.complaints, ctx.months; of "
    "ctx.dataset, the records of ctx.point's or ctx.county's county, complaints about its departments and "
    "city-wide records): another county's contacts, reports, waivers, complaints, ratings, work plans, "
    "publicity, filings, roster changes, nominations and the records following them are not the county's "
    "(filter each on r.county == ctx.county.code, or on its point's county)"
)

#: The collections other records name and that stay whole: the divisions, the departments (a
#: complaint of the county's point about another county's department names it) and the points
#: (a complaint of another county's point about the county's department names it).
STRUCTURE = frozenset({"counties", "departments", "points"})
#: The fields that make a record a county's own, directly (its county, its point, a rating's
#: rater) or through the record it follows (a follow-up's record, a decision's nomination).
_SCOPING = frozenset({"county", "point", "rater", "record", "nomination"})


def county_scoped() -> tuple[str, ...]:
    """The dataset's collections whose records are a county's own, read from the model
    (COLLECTIONS and each record type's fields), so that a kind of record added to the model
    is dropped with the rest: a list written by hand left out work plans, publicity, filings,
    roster changes and nominations (plugin author p51 04). Every other collection is
    :data:`STRUCTURE` or city-wide (appraisal rounds, research topics: Dataset.record_scopes)."""
    return tuple(
        name for name, kind in COLLECTIONS if name not in STRUCTURE and _SCOPING & {f.name for f in attrs.fields(kind)}
    )


def without_other_counties(dataset: Dataset, county: str) -> Dataset | None:
    """``dataset`` without the other counties' own records (above); None when it has none, or
    when what is left is no valid dataset (a record of the county leaning on one dropped)."""
    scopes = dataset.record_scopes  # record id → (point, county, county complained about)
    mine = {p.id for p in dataset.points if p.county == county}
    departments = {d.id: d.county for d in dataset.departments}

    def theirs(record: Any) -> bool:
        if isinstance(record, Rating):  # no id: the rater's, unless it rates the county's or the city's
            return record.rater not in mine and departments.get(record.department) not in (county, None)
        _, owner, about = scopes.get(record.id, (None, None, None))
        return owner not in (None, county) and about != county  # a complaint about its departments stays

    changes = {}
    for name in county_scoped():
        records = getattr(dataset, name)
        kept = tuple(r for r in records if not theirs(r))
        if len(kept) != len(records):
            changes[name] = kept
    if not changes:
        return None
    thinned = attrs.evolve(dataset, **changes)  # type: ignore[arg-type]
    try:
        validate(thinned)
    except InputError:  # another record leans on a dropped one: no such dataset to ask on
        return None
    return thinned


def other_counties_problem(
    run: Callable[[Dataset], Assessment],
    answers: Callable[[Assessment], dict[str, str]],
    difference: Callable[[dict[str, str], dict[str, str]], str | None],
    county: str,
    dataset: Dataset,
    first: Assessment,
) -> str | None:
    """The plugin's first answer that moves once the other counties' own records are dropped."""
    thinned = without_other_counties(dataset, county)
    if thinned is None:
        return None
    changed = difference(answers(first), answers(run(thinned)))
    if changed is None:
        return None
    return (
        f"{changed} once the other counties' own records are dropped (their points' contacts, complaints, "
        f"nominations and roster changes, their reports, waivers, filings, work plans and publicity, their ratings "
        f"and complaints not about county {county}'s departments, and what follows them): the plugin reads another "
        f"county's records; fix: {OWN_COUNTY_FIX}"
    )
