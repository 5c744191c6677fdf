"""Two conformance checks at the edges of the year, asked at the year's default instant (in the
next January, after December's report is due): ``within_year`` and ``any_offset``.

- ``within_year``: records of the next year dated before that instant (a complaint about one of
  the county's departments received in the first hour of the next year and closed within it,
  one received later that morning and left at its assignment, a contact by each of its points
  on the next year's first day) and of the last hours of the year before (a complaint received
  and closed between 18:00 and 19:00 on its 31 December; the year before's second-half 万人评议
  round held 20 December to 10 January, closing in the year, each of the county's points
  designated then rating one of its departments 不满意; the next year's first-half round held
  on its 1 and 2 January, rated so too) are added: they are known at the instant but are not
  the year's, so the plugin's answers must not move. A condition choosing rounds by the year
  they close (``a.closed.year == ctx.year``) counted the year before's round and passed the
  kit, whose datasets held late rounds only of the year itself (plugin author p52 04;
  docs/data-format.md "may a 万人评议 round close in the next year?"). The year before's round
  is the year before's by its period, though: a condition over the year and the year before
  (连续两年, choosing rounds by period) counts it, and failed here (plugin author p54 01). Where
  the answers move, they are compared with the plugin's answers on the dataset with that round
  and its ratings held 1 to 20 December instead: a condition choosing rounds by period answers
  both alike, one choosing them by the year they close does not (docs/testing-rules.md "Open:
  conditions over several years"). A condition taking "this year" from ``ctx.as_of``
  (``beijing_date(ctx.as_of).year``: the next year, at the default instant) judged 2025 by a
  complaint received on 2026-01-03, and passed the kit, whose instants were all inside the year
  and whose next-year records all came after the default instant (plugin author p51 02); one
  choosing the year's rounds so read the next year's, none of which had closed, and passed
  every county (plugin author p54 02): the next year's round closed on its 2 January catches it.
- ``any_offset``: the same dataset, those records included, with every moment written in
  another UTC offset (the same instants): before noon in Beijing time as UTC, from noon as
  UTC+14:00, so that each moment of the first eight hours of a Beijing day reads as the day
  before and each of its last six as the day after. A dataset keeps the offset a moment was
  written with (the kit's own strategies write several), so a condition reading
  ``c.received_at.year`` (or ``.month``, ``.date()``) as written, not its Beijing day
  (``beijing_date(c.received_at)``), counted the next year's first complaint in the year once it
  was written in UTC (plugin author p51 03).

Each compares the plugin's own items and conditions (conformance_variants.plugin_answers), never
the city's figures. Used by softenv_core.testing.conformance (``_answer_checks``) through :func:`edge_problems`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs

from softenv_core.analyses.assessment import Assessment
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Complaint, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.model.designations import designated_on
from softenv_core.model.periods import BEIJING, HalfYear, beijing_date
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
    "stop at min(the year's last moment, ctx.as_of); an appraisal round is the year of its period "
    "(a.period.year == ctx.year), never of the day it closes (docs/writing-a-county-plugin.md §4)"
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
    rounds, ratings = last_years_round(dataset, county, year, dept, late=True)
    # the next year's first-half round, closed (so known) by the instant: a condition taking the
    # rounds' year from ctx.as_of reads it (plugin author p54 02)
    early = AppraisalRound(
        f"kit.edge.round.{year + 1}", HalfYear(year + 1, 1), date(year + 1, 1, 1), date(year + 1, 1, 2)
    )
    if beijing_date(at) > early.closed:
        more, rated = _rated_round(dataset, county, dept, early)
        rounds, ratings = rounds + more, ratings + rated
    return attrs.evolve(
        dataset,
        complaints=dataset.complaints + complaints,
        contacts=dataset.contacts + contacts,
        appraisal_rounds=dataset.appraisal_rounds + rounds,
        ratings=dataset.ratings + ratings,
    )


def last_years_round(
    dataset: Dataset, county: str, year: int, dept: str | None, *, late: bool
) -> tuple[tuple[AppraisalRound, ...], tuple[Rating, ...]]:
    """The year before's second-half round, held 20 December to 10 January (``late``: closing
    in ``year``) or 1 to 20 December (closing in the year before), with a 不满意 rating of
    ``dept`` by each of the county's points designated on 20 December (owing it either way:
    the same ratings); nothing when the dataset has a round of that half already, or no point
    or department rates."""
    held = (date(year - 1, 12, 20), date(year, 1, 10)) if late else (date(year - 1, 12, 1), date(year - 1, 12, 20))
    rnd = AppraisalRound(f"kit.edge.round.{year - 1}", HalfYear(year - 1, 2), *held)
    return _rated_round(dataset, county, dept, rnd, on=date(year - 1, 12, 20))


def _rated_round(
    dataset: Dataset, county: str, dept: str | None, rnd: AppraisalRound, on: date | None = None
) -> tuple[tuple[AppraisalRound, ...], tuple[Rating, ...]]:
    """``rnd`` with a 不满意 rating of ``dept`` by each of the county's points designated on
    ``on`` (its opening day by default); nothing when the dataset has a round of its period
    already, or no point or department rates."""
    if dept is None or any(r.period == rnd.period for r in dataset.appraisal_rounds):
        return (), ()
    day = rnd.opened if on is None else on
    ratings = tuple(
        Rating(rnd.id, p.id, RaterGroup.POINT, dept, RatingLevel.UNSATISFIED)
        for p in dataset.points
        if p.county == county and designated_on(p.designated_from, p.designated_until, day)
    )
    return ((rnd,), ratings) if ratings else ((), ())


_WEST, _EAST = UTC, timezone(timedelta(hours=14))


def _moved(moment: datetime) -> datetime:
    """The same instant in another offset: before noon in Beijing time as UTC, from noon as +14:00."""
    return moment.astimezone(_WEST if moment.astimezone(BEIJING).hour < 12 else _EAST)


def _rewrite(value: Any) -> Any:
    """``value`` with every aware datetime in it (its fields', and its records' in a tuple) moved."""
    if isinstance(value, datetime):
        return _moved(value) if value.utcoffset() is not None else value
    if isinstance(value, tuple):
        items = tuple(_rewrite(v) for v in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if attrs.has(type(value)):
        changes = {}
        for f in attrs.fields(type(value)):
            if f.init:
                new = _rewrite(getattr(value, f.name))
                if new is not getattr(value, f.name):
                    changes[f.name] = new
        return attrs.evolve(value, **changes) if changes else value
    return value


def rewritten(dataset: Dataset) -> Dataset:
    """``dataset`` with every moment (an aware datetime of any record, read from the record types
    rather than listed, so that a moment field added to the model is moved too) written in another
    offset, the same instant: before noon in Beijing time as UTC, from noon as UTC+14:00."""
    changes = {name: _rewrite(getattr(dataset, name)) for name, _ in COLLECTIONS}
    return attrs.evolve(dataset, **{n: v for n, v in changes.items() if v is not getattr(dataset, n)})


def edge_problems(
    run: Callable[[Dataset], Assessment], name: str, county: str, year: int, dataset: Dataset, first: Assessment
) -> dict[str, str]:
    """``within_year`` and ``any_offset`` → what each found (absent: it passes). ``first``: the
    plugin's assessment of ``dataset`` at the year's default instant; ``run`` assesses another
    dataset there.

    The dataset with the records outside the year, its moments rewritten, is assessed first:
    where the plugin answers it as it answered ``first`` (a sound plugin, nearly always), both
    checks pass for one assessment; else the dataset with those records as written tells which
    moved. Where that one moves too, and the year before's second-half round was added, the
    plugin's answers on ``dataset`` with that round and its ratings held 1 to 20 December
    instead (closing in the year before) are what it must equal: a condition choosing rounds
    by their period (the year's, or the year's and the year before's, 连续两年) counts the round
    held either way alike, one choosing them by the year they close does not (plugin author
    p54 01). Measured on the three demo plugins (10 examples each): the kit's CPU as before,
    the third assessment only where the answers moved."""
    edged = outside_the_year(dataset, county, year, first.as_of or datetime(year + 1, 1, 1, tzinfo=BEIJING))
    if edged is None:
        return {}
    before = plugin_answers(first, name)
    moved = plugin_answers(run(rewritten(edged)), name)
    if difference(before, moved) is None:
        return {}
    added = plugin_answers(run(edged), name)
    found = {}
    changed = difference(before, added)
    december = ""
    if changed is not None:
        held, rated = last_years_round(dataset, county, year, _department(dataset, county), late=False)
        if held:  # the round was added: what the plugin answers with it held in December
            december = (
                f", compared with the plugin's answers on the dataset with that round and its ratings held "
                f"{year - 1}-12-01 to {year - 1}-12-20 instead"
            )
            base = attrs.evolve(
                dataset, appraisal_rounds=dataset.appraisal_rounds + held, ratings=dataset.ratings + rated
            )
            changed = difference(plugin_answers(run(base), name), added)
    if changed is not None:
        at = first.as_of.isoformat() if first.as_of else "the year's default instant"
        found["within_year"] = (
            f"as of {at} (the default instant of {year}, in {year + 1}), {changed} when records known then but "
            f"not of {year} are added (a complaint about a department of county {county} received in the first "
            f"hour of {year + 1} and one that morning, contacts of its points on {year + 1}-01-01, a complaint "
            f"received and closed on the evening of {year - 1}-12-31, {year + 1}'s first-half appraisal round held "
            f"{year + 1}-01-01 to {year + 1}-01-02 and {year - 1}'s second-half appraisal round held "
            f"{year - 1}-12-20 to {year}-01-10, each with 不满意 ratings of the county's department{december}): "
            f"the plugin counts what happened outside ctx.year; fix: {WITHIN_YEAR_FIX}"
        )
    changed = difference(added, moved)
    if changed is not None:
        found["any_offset"] = (
            f"{changed} once every moment of the dataset is written in another UTC offset, the same instants "
            "(before noon Beijing time as UTC, from noon as +14:00; the records within_year adds at the year's "
            f"edges in both): the plugin reads a moment's day, month or year in the offset it was written with; "
            f"fix: {ANY_OFFSET_FIX}"
        )
    return found


__all__ = ["ANY_OFFSET_FIX", "WITHIN_YEAR_FIX", "edge_problems", "outside_the_year", "rewritten"]
