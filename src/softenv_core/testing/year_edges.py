"""A conformance check at the edges of the year, asked at the year's default instant (in the
next January, after December's report is due): ``within_year``.

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

Each compares the plugin's own items and conditions (conformance_variants.plugin_answers), never
the city's figures. Used by softenv_core.testing.conformance (``_answer_checks``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from softenv_core.analyses.assessment import Assessment
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


__all__ = [
    "WITHIN_YEAR_FIX",
    "outside_the_year",
    "within_year_problem",
]
