"""Two conformance checks at the edges of the year, asked at the year's default instant (in the
next January, after December's report is due): ``within_year`` and ``any_offset``.

- ``within_year``: records of the next year dated before that instant (a complaint about one of
  the county's departments received in the first hour of the next year and closed within it,
  one received later that morning and left at its assignment, a contact by each of its points
  on the next year's first day) and of the last hours of the year before (a complaint received
  and closed between 18:00 and 19:00 on its 31 December) are added: they are known at the
  instant but are not the year's, so the plugin's answers must not move. A condition taking
  "this year" from ``ctx.as_of`` (``beijing_date(ctx.as_of).year``: the next year, at the
  default instant) judged 2025 by a complaint received on 2026-01-03, and passed the kit, whose
  instants were all inside the year and whose next-year records all came after the default
  instant (plugin author p51 02).
- ``any_offset``: the same dataset, those records included, with every moment written in
  another UTC offset (the same instants): before noon in Beijing time as UTC, from noon as
  UTC+14:00, so that each moment of the first eight hours of a Beijing day reads as the day
  before and each of its last six as the day after. A dataset keeps the offset a moment was
  written with (the kit's own strategies write several), so a condition reading
  ``c.received_at.year`` (or ``.month``, ``.date()``) as written, not its Beijing day
  (``beijing_date(c.received_at)``), counted the next year's first complaint in the year once it
  was written in UTC (plugin author p51 03).

Each compares the plugin's own items and conditions (conformance_variants.plugin_answers), never
the city's figures. Used by softenv_core.testing.conformance (``_answer_checks``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs

from softenv_core.analyses.assessment import Assessment
from softenv_core.io.converter import canonical
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.model.complaints import Complaint, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.builders import make_complaint
from softenv_core.testing.conformance_variants import (
    _contacts,
    _county_points,
    _department,
    difference,
    plugin_answers,
)

_MIN, _DAY = timedelta(minutes=10), timedelta(days=1)
_QUICK = tuple(n * _MIN for n in range(1, 7))  # accepted … closed within the hour

WITHIN_YEAR_FIX = (
    "take the year from ctx.year, never from ctx.as_of (at the year's default instant it is in the next "
    "year), and count only what happened in it: a moment's Beijing day is beijing_date(moment), its year "
    "beijing_date(moment).year; a contact's or a follow-up's day its date (c.date.year == ctx.year); "
    "stop at min(the year's last moment, ctx.as_of) (docs/writing-a-county-plugin.md §4)"
)

ANY_OFFSET_FIX = (
    "read a moment's day, month or year in Beijing time, whatever offset it was written with: "
    "beijing_date(moment) (its .year; Month.of(beijing_date(moment))), or moment.astimezone(BEIJING) for "
    "its clock time (BEIJING and beijing_date from softenv_core.plugin); compare moments with each other "
    "as they are (an instant is equal in any offset), never moment.year, moment.month or moment.date()"
)


def _complaint(cid: str, point: str, department: str | None, at: datetime, closed: bool) -> Complaint:
    """A 投诉 received at ``at``: closed within the hour (属实, satisfied), or left at its assignment."""
    return make_complaint(
        cid,
        point,
        at,
        until=EventType.CLOSED if closed else EventType.ASSIGNED,
        after=_QUICK,
        department=department,
        category=ItemCategory.SERVICE,
        text="一致性检查",
        handler="市软建办",
        verdict=Verdict.SUBSTANTIATED,
        satisfaction=Satisfaction.SATISFIED,
    )


def outside_the_year(dataset: Dataset, county: str, year: int, at: datetime) -> Dataset | None:
    """``dataset`` with records outside ``year`` known at ``at`` (the year's default instant)
    added (above); None when the county has no point or ``at`` is too early for them."""
    points = _county_points(dataset, county)
    start = datetime(year + 1, 1, 1, tzinfo=BEIJING)
    if not points or at < start + timedelta(hours=12):
        return None
    dept = _department(dataset, county)
    complaints = (
        _complaint("kit.edge.next.1", points[0].id, dept, start + timedelta(minutes=30), closed=True),
        _complaint("kit.edge.next.2", points[-1].id, dept, start + timedelta(hours=9, minutes=30), closed=False),
        _complaint("kit.edge.last.1", points[0].id, dept, datetime(year, 1, 1, 18, tzinfo=BEIJING) - _DAY, closed=True),
    )
    contacts = tuple(c for i, p in enumerate(points) for c in _contacts(f"kit.edge.next.{i}", p, start.date()))
    return attrs.evolve(dataset, complaints=dataset.complaints + complaints, contacts=dataset.contacts + contacts)


_WEST, _EAST = UTC, timezone(timedelta(hours=14))
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)")


def rewritten(dataset: Dataset) -> Dataset:
    """``dataset`` with every moment (an aware date and time, of any record) written in another
    offset, the same instant: before noon in Beijing time as UTC, from noon as UTC+14:00."""

    def moved(text: str) -> str:
        moment = datetime.fromisoformat(text)
        zone = _WEST if moment.astimezone(BEIJING).hour < 12 else _EAST
        return moment.astimezone(zone).isoformat()

    def walk(value: Any) -> Any:
        if type(value) is str:
            return moved(value) if _MOMENT.fullmatch(value) else value
        if type(value) is list:
            return [walk(v) for v in value]
        if type(value) is dict:
            return {k: walk(v) for k, v in value.items()}
        return value

    document = walk(json.loads(canonical(dump_dataset(dataset))))
    return loads_dataset(json.dumps(document, ensure_ascii=False))


def within_year_problem(name: str, county: str, year: int, first: Assessment, edged: Assessment | None) -> str | None:
    """``within_year``: the plugin's answers at the default instant (``first``), and with the
    records outside the year added (``edged``; None: none could be)."""
    if edged is None:
        return None
    changed = difference(plugin_answers(first, name), plugin_answers(edged, name))
    if changed is None:
        return None
    at = first.as_of.isoformat() if first.as_of else "the year's default instant"
    return (
        f"as of {at} (the default instant of {year}, in {year + 1}), {changed} when records known then but "
        f"not of {year} are added (a complaint about a department of county {county} received in the first "
        f"hour of {year + 1} and one that morning, contacts of its points on {year + 1}-01-01, a complaint "
        f"received and closed on the evening of {year - 1}-12-31): the plugin counts what happened outside "
        f"ctx.year; fix: {WITHIN_YEAR_FIX}"
    )


def any_offset_problem(
    run: Callable[[Dataset], Assessment], name: str, edged_data: Dataset, edged: Assessment
) -> str | None:
    """``any_offset``: the plugin's answers on ``edged_data`` (the dataset with the records outside
    the year added: ``edged``) and on the same with every moment written in another offset."""
    changed = difference(plugin_answers(edged, name), plugin_answers(run(rewritten(edged_data)), name))
    if changed is None:
        return None
    return (
        f"{changed} once every moment of the dataset is written in another UTC offset, the same instants "
        "(before noon Beijing time as UTC, from noon as +14:00; the records within_year adds at the year's "
        "edges in both): the plugin reads a moment's day, month or year in the offset it was written with; "
        f"fix: {ANY_OFFSET_FIX}"
    )


__all__ = [
    "ANY_OFFSET_FIX",
    "WITHIN_YEAR_FIX",
    "any_offset_problem",
    "outside_the_year",
    "rewritten",
    "within_year_problem",
]
