"""The datasets the kit tries every plugin on besides the drawn ones: edges a draw seldom or
never reaches (plugin author p57).

- :func:`crowded_dataset`: one 县区 point of the county with more records of each kind than
  any ``max_points`` of the plugin's rules (contacts of each method, items of each category,
  follow-ups of each kind, complaints of each kind and verdict). ``datasets()`` draws at most
  four complaints a dataset and the varied dataset three of a kind a point: a rule awarding a
  point per adopted suggestion, its cap forgotten, passed the kit and stopped the city's
  assessment at the first point with four (p57 01).
- :func:`county_without_points`: the plugin's county with its 市直 point alone (no 县区 point),
  or with no point at all (a county new to the programme): a 十佳 condition averaging over the
  county's 县区 points passed the kit and raised ZeroDivisionError in ``assess`` (p57 02).

Each is built from :func:`small_dataset` deterministically, once per year, county, size and
plugin: ``plugin`` only keys the cache, as plugin_check._demo's does, so that a plugin writing
into the frozen records it is given changes its own later tries, never another plugin's (p58 02:
a plugin that turned every complaint 投诉 hid the next plugin's over-cap award).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import product
from typing import Any

from attrs import evolve

from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Rule
from softenv_core.errors import InputError
from softenv_core.model.complaints import ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

#: Records of each kind on the crowded point at least (a rule of no max_points above 4 is still
#: tried past the drawn datasets' bound) and at most (a rule allowing 40 points is tried on 30 of
#: each: 150 contacts and 450 complaints, about a tenth of a second to assess).
LEAST_CROWD, MOST_CROWD = 5, 30


def crowd_for(max_points: Decimal | None) -> int:
    """Records of each kind the crowded point gets for rules bounded by ``max_points`` (their
    largest; None: no rule): one more than the bound, within LEAST_CROWD..MOST_CROWD."""
    wanted = int(max_points) + 1 if max_points is not None else LEAST_CROWD
    return min(max(wanted, LEAST_CROWD), MOST_CROWD)


@lru_cache(maxsize=64)
def crowded_dataset(year: int, county: str, per_kind: int = LEAST_CROWD, plugin: str = "") -> Dataset:
    """:func:`small_dataset` of ``county`` whose 县区 point (``P-<county>-2``) has ``per_kind``
    more contacts of each method (reached, each raising items of three categories, cycling
    through all, each followed up, the follow-ups' kinds cycling so that each kind has
    ``per_kind`` at least, dated in the year), and ``per_kind`` complaints of each kind and verdict (closed,
    satisfaction cycling), received through the year."""
    base = small_dataset(year, (county,))
    point = f"P-{county}-2"
    used = {c.date for c in base.contacts if c.point == point}
    days = [d for d in (date(year, 1, 1) + timedelta(days=n) for n in range(365)) if d.year == year and d not in used]
    methods, categories = tuple(ContactMethod), tuple(ItemCategory)
    contacts = [
        Contact(
            f"C-crowd-{n}",
            point,
            days[n * len(days) // (per_kind * len(methods))],
            methods[n % len(methods)],
            base.point_by_id[point].liaison,
            True,
            tuple(Item(categories[(n + k) % len(categories)], "反映情况") for k in range(3)),
        )
        for n in range(per_kind * len(methods))
    ]
    units = [d.id for d in sorted(base.departments, key=lambda d: d.id)]
    shapes = list(product(ComplaintKind, Verdict))
    satisfactions = tuple(Satisfaction)
    complaints = tuple(
        make_complaint(
            f"Q-crowd-{n}",
            point,
            beijing(year, n % 11 + 1, n // 11 % 20 + 3, 9),
            kind=kind,
            verdict=verdict,
            satisfaction=satisfactions[n % len(satisfactions)],
            department=units[n % len(units)],
            until=EventType.CLOSED,
        )
        for n, (kind, verdict) in enumerate(shape for shape in shapes for _ in range(per_kind))
    )
    return evolve(
        base,
        contacts=(*base.contacts, *contacts),
        complaints=complaints,
        followups=_followups(contacts, units, year),
    )


def _followups(contacts: Sequence[Contact], units: Sequence[str], year: int) -> tuple[FollowUp, ...]:
    """One follow-up step on the first item of each contact, its kind cycling with the contact's
    place (not its month, as hash_seeds' does: that gave some kinds fewer than ``per_kind``, p58
    01), dated a week later but within ``year`` (a December step in the next year is no step of
    the year a rule counts)."""
    kinds = tuple(FollowUpKind)
    last = date(year, 12, 31)
    return tuple(
        FollowUp(
            id=f"F-{c.id}",
            source=MatterSource.CONTACT,
            record=c.id,
            item=0,
            kind=kinds[n % len(kinds)],
            date=min(c.date + timedelta(days=7), last),
            actor="县区经贸局",
            department=units[0] if kinds[n % len(kinds)] is FollowUpKind.REFERRED else None,
        )
        for n, c in enumerate(contacts)
    )


@lru_cache(maxsize=64)
def county_without_points(year: int, county: str, keep_city_level: bool, plugin: str = "") -> Dataset:
    """:func:`small_dataset` of ``county`` and a neighbour, the county keeping its 市直 point
    alone (``keep_city_level``) or no point at all; the neighbour keeps both of its own."""
    # Compared as plain text (str.__ne__): a plugin's county of a str subclass equal to every
    # code left no neighbour, a bare StopIteration naming no plugin (x74 06).
    neighbour = next(code for n in range(1, 100) if str.__ne__(code := f"{county[:4]}{n:02d}", county))
    base = small_dataset(year, tuple(sorted((county, neighbour))))
    gone = {f"P-{county}-2"} | (set() if keep_city_level else {f"P-{county}-1"})
    return evolve(
        base,
        points=tuple(p for p in base.points if p.id not in gone),
        contacts=tuple(c for c in base.contacts if c.point not in gone),
    )


def plugin_edges(
    plugin: Any, name: str, county: str, year: int, params: ParameterSet
) -> tuple[tuple[str, Dataset], ...]:
    """:func:`edge_datasets` for ``plugin``'s rules in force in ``year`` (their largest
    ``max_points``); none when no dataset of its county can be built (the search says why)."""
    pm = get_plugin_manager(autoload=False, plugins=[(name, plugin)])
    bounds = []
    with contextlib.suppress(Exception):  # a hook that fails: the search reports it (valid_types)
        for hook in ("softenv_point_rules", "softenv_extra_point_rules"):
            for meta, value in pm.call_each(hook, only=county, year=year, params=params):
                if meta.name == name and isinstance(value, Sequence):
                    bounds += [r.max_points for r in value if isinstance(r, Rule) and r.in_force(year)]
    try:
        return edge_datasets(year, county, max(bounds, default=None), name)
    except InputError:
        return ()


def edge_datasets(
    year: int, county: str, max_points: Decimal | None, plugin: str = ""
) -> tuple[tuple[str, Dataset], ...]:
    """Each edge dataset of ``county`` in ``year`` and what it is (the words a fault adds), the
    copies of ``plugin`` (the cache's key alone: see the module's docstring)."""
    per_kind = crowd_for(max_points)
    return (
        (f"a point with {per_kind} records of each kind", crowded_dataset(year, county, per_kind, plugin)),
        (f"county {county} without 县区 points", county_without_points(year, county, True, plugin)),
        (f"county {county} without points", county_without_points(year, county, False, plugin)),
    )


def found_on(year: int, dataset: Dataset, edge: str = "") -> str:
    """Where a fault was found, as the kit's lines end: `` (year Y, counties …, N points: EDGE)``
    (``edge``: what the edge dataset is). plugin_check's rule-by-rule fault on an edge dataset
    ends alike, so that it says which dataset (p58 05: "(point P-379921-2)", a point of no
    dataset the author has) and the kit's same fault is still merged into it with its replay."""
    codes = ", ".join(c.code for c in dataset.counties)
    return f" (year {year}, counties {codes}, {len(dataset.points)} points{f': {edge}' if edge else ''})"


__all__ = [
    "LEAST_CROWD",
    "MOST_CROWD",
    "county_without_points",
    "crowd_for",
    "crowded_dataset",
    "edge_datasets",
    "found_on",
    "plugin_edges",
]
