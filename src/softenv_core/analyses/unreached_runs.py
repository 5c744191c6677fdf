"""The unreached runs of the annual adjustment (动态调整, 三(五)): a point not reached for
``roster.unreached_months`` consecutive owed months is proposed for removal, with the contacts
of the run as its evidence (DESIGN principle 2). Split from analyses.adjustment.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, datetime

from softenv_core.analyses import adjustment_words as AW
from softenv_core.analyses.audiences import CITY
from softenv_core.analyses.monitoring_report import contact_overview
from softenv_core.analyses.removal_words import recorded_said
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, Year
from softenv_core.model.points import MonitoringPoint, liaison_office_name
from softenv_core.model.roster import RosterChange
from softenv_core.workdays.calendar import WorkCalendar


def unreached_in(
    dataset: Dataset, month: Month, calendar: WorkCalendar | None, params: ParameterSet
) -> frozenset[str] | None:
    """The points that owed ``month`` and were not reached in it; None when the dataset holds no
    contact at all for the month (unknown, not unreached: it ends a run)."""
    if month not in dataset.contacts_by_month:
        return None
    rows = contact_overview(dataset, month, calendar, params, audience=CITY)
    return frozenset(r.point for r in rows if not r.reached)


def records_begin(dataset: Dataset) -> dict[str, Month]:
    """Point → the month of its first contact record in the dataset: where its records begin.

    Before the year assessed, the dataset holds a point's records from then on: months before
    it say nothing about the point, whatever other points' records the dataset holds for them
    (auditor a42: one point's 2024 records made another's unrecorded 2024 months unreached)."""
    begun: dict[str, Month] = {}
    for month in sorted(dataset.contacts_by_month):
        for c in dataset.contacts_by_month[month]:
            begun.setdefault(c.point, month)
    return begun


def _recorded(unreached: frozenset[str], month: Month, begun: dict[str, Month]) -> set[str]:
    """Of the points unreached in ``month`` (a month before the year), those whose records had
    begun by it: for the others the month is unknown, not unreached (it ends a run)."""
    return {p for p in unreached if p in begun and begun[p] <= month}


def true_starts(
    dataset: Dataset,
    first: Month,
    points: set[str],
    calendar: WorkCalendar | None,
    params: ParameterSet,
    begun: dict[str, Month],
) -> dict[str, tuple[Month, int]]:
    """Point → (the month its run truly starts, the months it adds), for runs unreached at
    ``first``, the look-back's first month: walked back month by month while they stay unreached.
    The decision needs only the look-back; the stated run must be the real one (audit 07: a run
    from 2024-09 was stated "连续6个月 2024-11—2025-04"). It ends at the records' first month,
    as a month without contact data ends a run, and for each point at the month before its
    own records begin (``begun``: :func:`records_begin`, worked out once by the caller)."""
    found = dict.fromkeys(points, (first, 0))
    going, month, added = set(points), first, 0
    while going:
        month, added = month - 1, added + 1
        unreached = unreached_in(dataset, month, calendar, params)
        if unreached is None:
            break
        going &= _recorded(unreached, month, begun)
        found.update((p, (month, added)) for p in going)
    return found


def unreached_runs(
    dataset: Dataset,
    year: int,
    needed: int,
    calendar: WorkCalendar | None,
    params: ParameterSet,
    as_of: datetime | None = None,
) -> dict[str, tuple[Month, Month, int]]:
    """Point → its longest run of consecutive months unreached (first, last, length) that ends
    in ``year``, up to the last month ended at ``as_of`` when given. The look-back reads the
    ``needed`` − 1 months before the year, enough to decide (a run of ``needed`` ending in the
    year starts there at the earliest); a run reaching the look-back's first month is then
    followed back to its real start, so that its stated start and length are true.

    Only owed months count (DESIGN "Who owes what, when", as the monthly overview decides
    them); a month the point did not owe ends a run, and so does a month for which the dataset
    holds no contact at all (a month never recorded): the absence of records says nothing about
    whether a point was reached (strict, never silently wrong). The same is judged per point
    before the year: a month of the look-back before the point's own first contact record
    (:func:`records_begin`) is unknown for it, whatever other points' records say of the month.
    The year's own months are the assessment's, which scores every owed one: a point with no
    record in one of them was not reached in it.

    A month still running at ``as_of`` is not yet unreached (its contacts may still come), as
    the assessment leaves it pending; an ended month's contacts are all dated by ``as_of``.
    """
    first = Year(year).months[0]
    months = [first - k for k in range(max(needed - 1, 0), 0, -1)] + list(Year(year).months)
    if as_of is not None:
        months = [m for m in months if m.end <= as_of]
    begun = records_begin(dataset)
    unreached: dict[str, list[int]] = {}  # point → the positions in ``months`` it was unreached
    for k, month in enumerate(months):
        found = unreached_in(dataset, month, calendar, params) or frozenset()
        for point in found if month >= first else _recorded(found, month, begun):
            unreached.setdefault(point, []).append(k)
    at_first = {point for point, positions in unreached.items() if positions[0] == 0}
    earlier = true_starts(dataset, months[0], at_first, calendar, params, begun) if at_first else {}
    runs = {}
    for point, positions in unreached.items():
        starts = [k for prev, k in itertools.pairwise([-2, *positions]) if k != prev + 1]
        ends = [k for k, after in itertools.pairwise([*positions, -2]) if after != k + 1]
        best = None
        for start, end in zip(starts, ends, strict=True):
            if months[end] < first:
                continue  # wholly before the year: the previous year's adjustment weighed it
            began, added = earlier[point] if start == 0 else (months[start], 0)
            run = (began, months[end], end - start + 1 + added)
            if best is None or run[2] > best[2]:
                best = run
        if best is not None:
            runs[point] = best
    return runs


def run_evidence(
    dataset: Dataset, point: MonitoringPoint, run: tuple[Month, Month, int], as_of: datetime | None
) -> tuple[tuple[str, ...], tuple[Month, ...], str]:
    """The evidence of ``point``'s unreached run: the ids of its contacts in the run's months
    known at ``as_of`` (none of which reached it as its liaison office: the run says so), the
    months of the run with no contact of it at all (owed and unreached, with no record to
    name), and the words naming the reached contacts another office logged, which do not count
    (docs/rules.md "Only the responsible office's contacts count"; "" when none), so that a
    contact saying ``reached`` among the evidence does not contradict 未联系上 (auditor t9 05)."""
    ids: list[str] = []
    silent: list[Month] = []
    other: list[str] = []
    month = run[0]
    while month <= run[1]:
        mine = [c for c in dataset.contacts_known_in(month, as_of) if c.point == point.id]
        ids.extend(c.id for c in mine)
        other.extend(
            f"{month} {c.id} 由{_office(dataset, c.liaison)}记录"
            for c in mine
            if c.reached and c.liaison != point.liaison
        )
        if not mine:
            silent.append(month)
        month = month + 1
    if not other:
        return tuple(ids), tuple(silent), ""
    words = f"非负责联系单位的联系不计：{'、'.join(other)}，应由{_office(dataset, point.liaison)}联系"
    return tuple(ids), tuple(silent), words


def year_runs(
    dataset: Dataset, year: int, params: ParameterSet, calendar: WorkCalendar | None, as_of: datetime | None
) -> tuple[dict[str, tuple[Month, Month, int]], ParamValue]:
    """The year's unreached runs (:func:`unreached_runs`) and ``roster.unreached_months`` read on
    its last day (the run that grounds a removal): the one reading of them for the proposals and
    for the check of removals recorded for 连续三个月未联系上 (auditor a59)."""
    pv = params.get("roster.unreached_months", date(year, 12, 31))
    return unreached_runs(dataset, year, pv.whole(), calendar, params, as_of), pv


def run_said(
    dataset: Dataset,
    point: MonitoringPoint,
    run: tuple[Month, Month, int],
    as_of: datetime | None,
    removals: Iterable[RosterChange] = (),
) -> tuple[str, tuple[str, ...]]:
    """A removal proposal's words for ``point``'s unreached run (连续3个月未联系上：2025-03—2025-05
    （无联系记录：2025-03、2025-05）), naming its ``removals`` already recorded for the ground
    (:func:`recorded_said`), and the records it cites (those removals, then :func:`run_evidence`)."""
    contacts, silent, other = run_evidence(dataset, point, run, as_of)
    notes = [AW.NO_CONTACT_RECORD(months="、".join(str(m) for m in silent))] if silent else []
    notes += [other] if other else []
    none = f"（{'；'.join(notes)}）" if notes else ""
    named, ids = recorded_said(removals)
    return AW.UNREACHED_RUN(n=run[2], first=run[0], last=run[1], none=none, named=named), (*ids, *contacts)


def _office(dataset: Dataset, liaison: str) -> str:
    """A liaison office by name: 市经贸委 (the city's), 甲区经贸委 (a county's); a code the
    dataset does not know is named as the city's office, as it always was."""
    named = liaison_office_name(liaison, dataset.city, dataset.county_by_code)
    return dataset.city.liaison_office if named is None else named


__all__ = [
    "records_begin",
    "run_evidence",
    "run_said",
    "true_starts",
    "unreached_in",
    "unreached_runs",
    "year_runs",
]
