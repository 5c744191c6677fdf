"""Who is designated when: each point's effective interval from its record and its roster changes.

DESIGN "Who owes what, when": a point's interval comes from its record and its roster changes
(动态调整), which must agree: an addition effective D starts it on D, a removal effective D
ends it on the day before. A record without an end takes it from its removal. A record and a
change that say different things are problems naming both paths, never settled silently.

Worked out here, once, for every analysis (``Dataset.designations``): when the assessment read
the interval with the roster changes and the monthly tallies, representativeness and the
appraisal lists read the bare record, a point removed only by a roster change was still
counted as designated outside the assessment.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from datetime import date, timedelta

import attrs
from attrs import frozen

from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.indexes import ReadOnlyIndex
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.model.roster import ChangeAction, RosterChange

#: A point as the monthly analyses read it: (id, county, liaison office, designated from,
#: until, the point with its effective interval).
Term = tuple[str, str, str, date, date | None, MonitoringPoint]


@frozen
class MonthRoster:
    """The points designated in a month, by id: those designated on every day of it (and their
    ids, to intersect with a month's sets at C speed) and those designated on some days only,
    whose owed month and contacts depend on their days (DESIGN "Who owes what, when")."""

    whole: tuple[Term, ...]
    whole_ids: frozenset[str]
    partial: tuple[Term, ...]
    partial_by_id: Mapping[str, Term]

    def holds(self, point: str, day: date) -> bool:
        """Whether ``point``'s contact or complaint of ``day`` (a day of this month) counts:
        the point is designated that day (:func:`designated_on`). A point not on the roster
        at all holds none. Callers test ``whole_ids`` first (a set look-up, no call): most
        points are designated all month, and only a partial month's records need the day."""
        if point in self.whole_ids:
            return True
        term = self.partial_by_id.get(point)
        return term is not None and designated_on(term[3], term[4], day)


def designated_on(since: date, until: date | None, day: date) -> bool:
    """Whether a point designated from ``since`` to ``until`` (None: no end yet) is designated
    on ``day``: the one rule for which of its contacts and complaints count (DESIGN "Who owes
    what, when", docs/rules.md), read by the assessment and by every matter index alike."""
    return since <= day and (until is None or day <= until)


def owes_round(point: MonitoringPoint, appraisal_round: AppraisalRound) -> bool:
    """Whether ``point`` owes ``appraisal_round`` (万人评议): designated on some day of its window
    (``opened``–``closed``). The one definition of the owed rounds (DESIGN "Who owes what,
    when"): the duty item ``city.duty.appraisal`` splits over them, ``city.nominate.both_rounds``
    asks for them (those of the round's year: :func:`held_to_round`), and validation refuses a
    point's rating in a round it does not owe. A round held after the point's removal (a
    second-half round held in January) is not owed."""
    until = point.designated_until
    return point.designated_from <= appraisal_round.closed and (until is None or until >= appraisal_round.opened)


def held_to_round(point: MonitoringPoint, appraisal_round: AppraisalRound) -> bool:
    """Whether the round's year (its half year's) holds ``point`` to ``appraisal_round``: it owes
    the round (:func:`owes_round`) and was designated in that year. A round belongs to its half's
    year: a point designated only after it (2026-01-01, a 2025-H2 round held to 2026-01-15) may
    rate in it as a point (validation admits it; its rating counts for the departments), but
    neither year's assessment expects it, so the round's year end lists it neither as taking part
    nor as not (auditor a74 03). The assessment's owed rounds and the round's lists
    (``analyses.appraisal_scores``) read this one definition, for a point owing a month of the
    year (``rules.city.rounds.rounds_held``, which needs the calendar; reviewer r63 02)."""
    return point.designated_from <= date(appraisal_round.period.year, 12, 31) and owes_round(point, appraisal_round)


def enterprise_records(points: Iterable[MonitoringPoint]) -> dict[str, tuple[str, ...]]:
    """For each point record whose enterprise (credit code) has other records, the ids of those
    others: a re-designation (县区 → 市直, or another county) is a new record of the same
    enterprise (docs/data-format.md). Usually empty. Read for 万人评议 participation alone: the
    enterprise rates a round once, under either record (validation refuses a second rating), so
    its rating is its participation for each of its records that owes the round."""
    by_code: dict[str, list[str]] = {}
    for p in points:
        by_code.setdefault(p.enterprise.uscc, []).append(p.id)
    return {i: tuple(j for j in ids if j != i) for ids in by_code.values() if len(ids) > 1 for i in ids}


def designated_within(term: Term, first: date, last: date) -> bool:
    """Whether a point's term (``Dataset.point_terms``) covers a day from ``first`` to ``last``."""
    start, until = term[3], term[4]
    return bool(start <= last and (until is None or until >= first))


def county_record(terms: Iterable[Term], uscc: str, county: str, first: date, last: date) -> str | None:
    """The id of the 县区 record of the enterprise with credit code ``uscc`` in ``county``
    designated on a day from ``first`` to ``last``: the one a county most likely meant when it
    names the enterprise's record of another county or of another time (a point moved is a new
    record: docs/data-format.md "A re-designation"). Read for a report's item (clerk c49) and a
    nomination (auditor a64 03) alike."""
    for term in terms:
        point = term[5]
        if (
            term[1] == county
            and point.level is not PointLevel.CITY
            and point.enterprise.uscc == uscc
            and designated_within(term, first, last)
        ):
            return str(term[0])
    return None


def rounds_owed(point: MonitoringPoint, rounds: Iterable[AppraisalRound]) -> tuple[str, ...]:
    """The ids of those of ``rounds`` that ``point`` is held to (:func:`held_to_round`), in their order."""
    return tuple(r.id for r in rounds if held_to_round(point, r))


def month_roster(terms: Iterable[Term], first: date, last: date) -> MonthRoster:
    """The ``terms`` (by id) designated between ``first`` and ``last``, split into those
    designated all of it and those designated for part of it."""
    whole: list[Term] = []
    partial: list[Term] = []
    for t in terms:
        since, until = t[3], t[4]
        if since <= first and (until is None or until >= last):
            whole.append(t)
        elif since <= last and (until is None or until >= first):
            partial.append(t)
    return MonthRoster(
        tuple(whole), frozenset([t[0] for t in whole]), tuple(partial), ReadOnlyIndex({t[0]: t for t in partial})
    )


@frozen
class Designations:
    """The points with the interval their records and roster changes agree on.

    ``points`` are the dataset's points in its order, each evolved to its effective interval
    (the same object when the record already says it); ``problems`` are the disagreements, as
    ``$.path: message`` with the record's position (the loader adds its id after it).
    """

    points: tuple[MonitoringPoint, ...]
    problems: tuple[str, ...]


def designations(
    points: Iterable[tuple[int, MonitoringPoint]], changes: Iterable[tuple[int, RosterChange]]
) -> Designations:
    """The points (with their positions in the document) evolved to the interval their roster
    changes (with theirs) give, and every disagreement between the two.

    A change naming an unknown point is left to the reference checks (one fault, one problem).
    """
    numbered = list(points)
    index = {p.id: k for k, (_, p) in enumerate(numbered)}
    out = [p for _, p in numbered]
    listed = list(changes)
    readded, readded_on = _added_again(listed)
    removed_by: dict[str, int] = {}
    problems: list[str] = []
    for j, ch in listed:
        k = index.get(ch.point)
        if k is None:
            continue
        i, p = numbered[k]
        change = f"$.roster_changes[{j}].effective ({ch.id})"
        if ch.action is ChangeAction.ADD:
            if (removal := readded.get(j)) is not None and ch.effective != p.designated_from:
                problems.append(_added_again_problem(j, ch, *removal))
            elif ch.effective != p.designated_from:
                problems.append(
                    f"$.points[{i}].designated_from: {p.designated_from} disagrees with {change}: "
                    f"added effective {ch.effective}"
                )
            continue
        end = ch.effective - timedelta(days=1)
        if ch.point in removed_by:
            first = removed_by[ch.point]
            again = f"{p.id} is removed again (also by $.roster_changes[{first}])"
            problems.append(f"$.roster_changes[{j}].effective: {again}")
            continue
        removed_by[ch.point] = j
        if ch.effective == p.designated_from:
            # Not "before": the same day. It would end the designation the day before it began
            # (auditor a33: the message said 2025-05-10 was before 2025-05-10).
            problems.append(
                f"$.roster_changes[{j}].effective: removes {p.id} effective {ch.effective}, the day "
                f"$.points[{i}].designated_from begins it: it would end on {end}"
            )
        elif end < p.designated_from:
            problems.append(
                f"$.roster_changes[{j}].effective: removes {p.id} effective {ch.effective}, before "
                f"$.points[{i}].designated_from {p.designated_from}"
                + _earlier_record_hint(p, ch, readded_on.get(j, {}).get(p.designated_from))
            )
        elif p.designated_until is None:
            out[k] = attrs.evolve(p, designated_until=end)
        elif p.designated_until != end:
            problems.append(
                f"$.points[{i}].designated_until: {p.designated_until} disagrees with {change}: "
                f"removed effective {ch.effective}, so designated until {end}"
            )
    return Designations(tuple(out), tuple(problems))


def _added_again(
    changes: list[tuple[int, RosterChange]],
) -> tuple[dict[int, tuple[int, RosterChange]], dict[int, dict[date, tuple[int, RosterChange]]]]:
    """The additions (by position) of a point that a roster change removed before they took
    effect, each with the earliest such removal (its position and change): the point was
    designated again on the one record, which holds one interval. Then, by each such removal's
    position, the additions after it (their positions and changes) by the day they took effect."""
    removals: dict[str, list[tuple[int, RosterChange]]] = {}
    for j, ch in changes:
        if ch.action is ChangeAction.REMOVE:
            removals.setdefault(ch.point, []).append((j, ch))
    again: dict[int, tuple[int, RosterChange]] = {}
    after: dict[int, dict[date, tuple[int, RosterChange]]] = {}
    for j, ch in changes:
        earlier = [r for r in removals.get(ch.point, ()) if r[1].effective < ch.effective]
        if ch.action is ChangeAction.ADD and earlier:
            again[j] = min(earlier, key=lambda r: r[1].effective)
            after.setdefault(again[j][0], {}).setdefault(ch.effective, (j, ch))
    return again, after


# Why a point removed and then added again on its one record is refused, and the way out: a
# re-designation is a new point record of the same enterprise (docs/data-format.md "A
# re-designation"). The record's dates against either change sent the clerk in a circle, and
# moving designated_from to the re-addition lost the months owed before the removal (auditor a64 02).
_NEW_RECORD = "a point record holds one interval, so record the {what} as a new point record of the same enterprise"


def _added_again_problem(j: int, add: RosterChange, k: int, removal: RosterChange) -> str:
    """The record keeps its first designation (it began before the removal): the re-addition,
    at the addition, is the new record's."""
    end = removal.effective - timedelta(days=1)
    return (
        f"$.roster_changes[{j}].effective: adds {add.point} again effective {add.effective}, after "
        f"$.roster_changes[{k}] ({removal.id}) removed it effective {removal.effective}: "
        + _NEW_RECORD.format(what="re-designation")
        + f" (the same enterprise.uscc, a new id) designated from {add.effective}, and name it in this roster "
        f"change; {add.point}'s record keeps the first designation (designated_from the day it was first "
        f"designated, designated_until {end}) and the months owed in it (docs/data-format.md, 'A re-designation')"
    )


def _earlier_record_hint(p: MonitoringPoint, removal: RosterChange, add: tuple[int, RosterChange] | None) -> str:
    """The record begins on the re-addition's day (its designated_from moved there): the
    designation before the removal, if there was one, is the new record's (at the removal)."""
    if add is None:
        return ""
    end = removal.effective - timedelta(days=1)
    return (
        f"; if {p.id} was designated before and added again effective {p.designated_from} "
        f"(by $.roster_changes[{add[0]}] ({add[1].id})): "
        + _NEW_RECORD.format(what="earlier designation")
        + f" (the same enterprise.uscc, a new id) designated until {end}, and name it in this roster change "
        "(docs/data-format.md, 'A re-designation')"
    )


def unrecorded_changes(
    points: Iterable[MonitoringPoint], changes: Iterable[RosterChange], years: Container[int], since: date
) -> list[tuple[int, MonitoringPoint, ChangeAction, date]]:
    """The roster changes a point's own record says happened in one of ``years`` that no roster
    change records: (its position, the point, the action, the day it took effect).

    ``since`` is the programme's first day (the baseline's, a dated parameter the caller reads:
    the model knows no parameters): a designation from it or earlier is the initial roster,
    which no roster change (名册调整) records. A record designated from a day after it, with
    no addition (增设) for it,
    was added that day; one designated until a day, with no removal (撤销), was removed the
    day after. Such a change escapes the checks that read the roster changes (备案, 调整期)
    though the point owes, is scored and counts toward the quota (t11 11): so it is told, by
    validation for the years of the reports and by the year end for its year. The record
    and the recorded changes, when both exist, are compared by :func:`designations`.
    """
    listed = list(changes)
    added = {ch.point for ch in listed if ch.action is ChangeAction.ADD}
    removed = {ch.point for ch in listed if ch.action is ChangeAction.REMOVE}
    out = []
    for i, p in enumerate(points):
        start = p.designated_from
        if p.id not in added and start > since and start.year in years:
            out.append((i, p, ChangeAction.ADD, start))
        if p.designated_until is not None and p.id not in removed:
            effective = p.designated_until + timedelta(days=1)
            if effective.year in years:
                out.append((i, p, ChangeAction.REMOVE, effective))
    return out


__all__ = [
    "Designations",
    "MonthRoster",
    "Term",
    "designated_on",
    "designations",
    "enterprise_records",
    "held_to_round",
    "month_roster",
    "owes_round",
    "rounds_owed",
    "unrecorded_changes",
]
