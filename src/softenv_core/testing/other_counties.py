"""``own_county_only``, its reading half: a county plugin's answers must not move when another
county's own records change (plugin author p41).

The check's first half (conformance.py) compares the other counties' results with and without
the plugin: a plugin that scores another county fails it. A rule of 临江市 reading 东城区's
contacts (``ctx.dataset.contacts`` of ``P-379902-…``) changed no result of 东城区 and passed,
while its points moved with another county's records, which it neither owns nor may cite
(docs/hooks.md, *Evidence names records of the point scored*). So the plugin is also asked on
the dataset without the records of the other counties alone: their points' contacts, their
reports and waivers, the complaints their points made about departments other than the
county's, and the ratings of their departments by raters other than the county's points (with
the follow-ups of what was dropped). What the county may read stays: its own records, its
points', complaints about its departments from any point (a county answers for its
departments), ratings of its departments and of the city's, and city-wide records.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from softenv_core.analyses.assessment import Assessment
from softenv_core.errors import InputError
from softenv_core.io.validation import validate
from softenv_core.model.dataset import Dataset

OWN_COUNTY_FIX = (
    "read only the plugin's own county's records (ctx.point, ctx.contacts, ctx.complaints, ctx.months; of "
    "ctx.dataset, the records of ctx.point's or ctx.county's county, complaints about its departments and "
    "city-wide records): another county's contacts, reports, waivers, complaints and ratings are not the county's"
)


def without_other_counties(dataset: Dataset, county: str) -> Dataset | None:
    """``dataset`` without the other counties' own records (above); None when it has none."""
    mine = {p.id for p in dataset.points if p.county == county}
    departments = {d.id: d.county for d in dataset.departments}

    def ours(department: str | None) -> bool:
        return department is None or departments.get(department) in (county, None)

    contacts = tuple(c for c in dataset.contacts if c.point in mine)
    reports = tuple(r for r in dataset.reports if r.county == county)
    waivers = tuple(w for w in dataset.waivers if w.county == county)
    about_ours = {d for d, c in departments.items() if c == county}
    complaints = tuple(q for q in dataset.complaints if q.point in mine or q.department in about_ours)
    ratings = tuple(r for r in dataset.ratings if r.rater in mine or ours(r.department))
    if (len(contacts), len(reports), len(waivers), len(complaints), len(ratings)) == (
        len(dataset.contacts),
        len(dataset.reports),
        len(dataset.waivers),
        len(dataset.complaints),
        len(dataset.ratings),
    ):
        return None
    kept = {c.id for c in contacts} | {r.id for r in reports}
    followups = tuple(f for f in dataset.followups if f.record in kept)
    thinned = attrs.evolve(
        dataset,
        contacts=contacts,
        reports=reports,
        waivers=waivers,
        complaints=complaints,
        ratings=ratings,
        followups=followups,
    )
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
        f"{changed} once the other counties' own records are dropped (their points' contacts, their reports and "
        f"waivers, their complaints and ratings not about county {county}'s departments): the plugin reads another "
        f"county's records; fix: {OWN_COUNTY_FIX}"
    )
