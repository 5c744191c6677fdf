"""Months with no contact record at all (无联系记录), said in an assessment and a year end (auditor a62 02).

A month in which an office logged no contact with any of its points owing it is read two ways:
the duty score (``city.duty.contact``) charges each owed point 未联系上 in it, while the annual
adjustment's unreached runs (``roster.unreached_months``, analyses.unreached_runs) read a month in
which the whole dataset holds no contact as unknown and end a run there. The city has not said
which reading holds (docs/yearend.md, "Open: a month without any contact record"), so neither is
changed: the notice names the months, per liaison office (a county's, or the city's for 市直
points), and what each reading does with them. A county reads its own line, the city office
every line; a department and the public none (:func:`shown_to`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Protocol

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, month_runs
from softenv_core.model.points import CITY_LIAISON

#: The English notices (render.notices words them in Chinese by the same patterns' openings).
_CITY_WIDE = (
    "no contacts: liaison office {office}, {months}: no contact is recorded in the whole dataset; the duty "
    "score (city.duty.contact) counts each point of the office owing such a month 未联系上 in it, while the "
    "annual adjustment's unreached runs (roster.unreached_months) end at it (unknown, not unreached); which "
    "reading holds is for the city to decide; if records are missing, complete them and run again"
)
_OFFICE_ONLY = (
    "no contacts: liaison office {office}, {months}: no contact by the office itself is recorded with any of "
    "its points owing the month (other offices' contacts are, and count for no duty); the duty score and the "
    "unreached runs both count each such point 未联系上 in it; if records are missing or were logged under "
    "another office, complete or correct them and run again"
)
#: The office a notice names (a county code, or ``city``): who may read it (:func:`shown_to`).
_NAMED = re.compile(r"^no contacts: liaison office (\d{6}|city), ")


class _Owing(Protocol):
    """A point's assessment as read here (analyses.assessment.PointAssessment, which imports the
    redaction that imports this module)."""

    @property
    def id(self) -> str: ...

    @property
    def active_months(self) -> Sequence[Month]: ...


def silent_months_notices(dataset: Dataset, points: Iterable[_Owing], as_of: datetime | None) -> list[str]:
    """The notices naming, per liaison office, the months of ``points`` (an assessment's, which
    owe them: ``active_months``) ended at ``as_of`` in which none of the office's points owing the
    month has a contact known then; first the months with no contact in the whole dataset (they
    end an unreached run), then the others (unreached in both readings)."""
    # Each point's office and owed months, the months shared by the points that owe the same ones
    # (most owe the whole year): a province's 30,000 points, not their 360,000 point-months.
    shared: dict[tuple[Month, ...], frozenset[Month]] = {}
    owes: dict[str, tuple[str, frozenset[Month]]] = {}
    owed: dict[str, set[Month]] = {}
    for p in points:
        point = dataset.point_by_id.get(p.id)
        if point is None:
            continue
        months = tuple(m for m in p.active_months if as_of is None or m.end <= as_of)
        if not months:
            continue
        found = shared.get(months)
        if found is None:
            found = shared[months] = frozenset(months)
        owes[p.id] = (point.liaison, found)
    for office, owed_months in set(owes.values()):
        owed.setdefault(office, set()).update(owed_months)
    heard = _heard(dataset, owes, owed, as_of)
    notices = []
    for office in sorted(owed, key=lambda o: (o == CITY_LIAISON, o)):
        wide, only = [], []
        for m in sorted(owed[office]):
            if m not in dataset.contacts_by_month:  # as unreached_runs.unreached_in reads it
                wide.append(m)
            elif (office, m) not in heard:
                only.append(m)
        notices += [_CITY_WIDE.format(office=office, months=month_runs(wide))] if wide else []
        notices += [_OFFICE_ONLY.format(office=office, months=month_runs(only))] if only else []
    return notices


def _heard(
    dataset: Dataset,
    owes: dict[str, tuple[str, frozenset[Month]]],
    owed: dict[str, set[Month]],
    as_of: datetime | None,
) -> set[tuple[str, Month]]:
    """The (office, month) pairs in which the office logged a contact with one of its points owing
    the month. Logged by the office itself: another office's contact counts for no duty (section
    三's wrong_office) and hid the notice of a month the office logged nothing (attacker x58 01).
    An office is heard by the first of its points its own office reached that month (the month's
    index the duty rule reads too); only an office none of whose points was reached has the
    month's contacts read for one it logged unreached. An office a month, each over the month's
    contacts, was 36 million steps for a province (15 s)."""
    points_of: dict[str, list[tuple[str, frozenset[Month]]]] = {}
    for pid, (office, months) in owes.items():
        points_of.setdefault(office, []).append((pid, months))
    heard: set[tuple[str, Month]] = set()
    for m in sorted({m for office_months in owed.values() for m in office_months}):
        if m not in dataset.contacts_by_month:
            continue
        reached = dataset.points_reached_known_in(m, as_of)
        left = set()
        for office, office_months in owed.items():
            if m not in office_months:
                continue
            if any(pid in reached and m in owing for pid, owing in points_of[office]):
                heard.add((office, m))
            else:
                left.add(office)
        for c in dataset.contacts_known_in(m, as_of) if left else ():
            entry = owes.get(c.point)
            if entry is not None and entry[0] == c.liaison and c.liaison in left and m in entry[1]:
                heard.add((c.liaison, m))
                left.discard(c.liaison)
                if not left:
                    break
    return heard


def shown_to(notices: Iterable[str], audience: Audience) -> Iterator[str]:
    """``notices`` but those of :func:`silent_months_notices` that ``audience`` may not read: a
    county reads its own office's (which months nobody contacted its points), the city office
    all; a department and the public none (a county's months are its records, not theirs)."""
    for notice in notices:
        found = _NAMED.match(notice)
        own = found is not None and audience.kind is AudienceKind.COUNTY and audience.key == found[1]
        if found is None or own or audience.kind is AudienceKind.CITY:
            yield notice


__all__ = ["shown_to", "silent_months_notices"]
