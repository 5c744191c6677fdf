"""定人 (三(二): 定期定人进行联系): each point's named liaison person, and who made its contacts.

A contact made by someone other than the point's liaison person on the contact's day (a point
whose person changed lists the former ones with their last days: ``former_liaison_persons``)
is flagged, as a contact logged by the wrong office is: the duty is to the named person, so the month still counts
as contacted, but the office should know. A contact that does not say who made it, or a
point with no liaison person named, cannot be checked: those are counted, not flagged.

Who made a contact is read as a list of names (:func:`made_by_names`): a visit or 座谈 made by
two staff is written as clerks write lists, ``王小明、刘芳``, ``王小明，刘芳``, ``王小明/刘芳`` or
``王小明等``, and counts as the liaison person's when the person is among the names (clerk c55
03: it was flagged 非定人 as one unknown name; docs/monitoring.md "Open: a contact made jointly").
The workload is the number of points each person looks after on a day.

Only a point's contacts count: those dated inside its designation interval (DESIGN "Who owes
what, when", ``Dataset.inside_designation``), as the same report row's wrong-office count reads
them. A visit to the enterprise before it was designated or after its removal is nobody's 定人
duty (auditor a43: April's row of a point removed in March showed 应联系 0 beside 非定人 1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import cast

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.per_dataset import PerDataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month


@frozen
class LiaisonFlag:
    """A contact made by someone other than the point's liaison person (非定人联系)."""

    contact: str
    point: str
    office: str  # the point's liaison office: "city" or a county code
    date: date
    liaison_person: str
    made_by: str


@frozen
class LiaisonCheck:
    """The month's contacts checked against the points' liaison persons."""

    month: Month
    contacts: int
    by_liaison_person: int
    flagged: tuple[LiaisonFlag, ...] = field(converter=to_tuple)
    unrecorded: int  # contacts that do not say who made them
    no_person: tuple[str, ...] = field(converter=to_tuple)  # points contacted that have no liaison person


@frozen
class Workload:
    """One liaison person's points on a day (联系人工作量)."""

    office: str
    person: str
    points: tuple[str, ...] = field(converter=to_tuple)

    @property
    def count(self) -> int:
        return len(self.points)


@frozen
class LiaisonWorkload:
    """Points per liaison person on a day, by office then person; and points with nobody named."""

    on: date
    persons: tuple[Workload, ...] = field(converter=to_tuple)
    unassigned: tuple[str, ...] = field(converter=to_tuple)

    def by_office(self) -> Mapping[str, tuple[Workload, ...]]:
        out: dict[str, list[Workload]] = {}
        for w in self.persons:
            out.setdefault(w.office, []).append(w)
        return {k: tuple(v) for k, v in out.items()}


def liaison_check(dataset: Dataset, month: Month, as_of: datetime | None = None) -> LiaisonCheck:
    """The contacts of ``month`` that were not made by the point's liaison person, among those
    inside their point's designation interval (module docstring); of those known at ``as_of``
    when given (a report made inside the month: ``Dataset.contacts_known_in``)."""
    points = dataset.point_by_id
    # Each point's liaison person stripped once for the dataset, not once per contact (a
    # province's month has 60,000 contacts for 30,000 points); None: nobody named.
    persons = dataset.point_liaison_person
    changed = _with_former(dataset)  # judged by the person named on the contact's day
    contacts = dataset.inside_designation(month, dataset.contacts_known_in(month, as_of))
    flagged, no_person = [], set()
    by_person = unrecorded = 0
    for c in contacts:
        person = persons.get(c.point, _UNKNOWN)
        if person is _UNKNOWN:
            continue  # not a point of the dataset (the model refuses it; nothing to check)
        if changed and c.point in changed:
            person = points[c.point].liaison_person_on(c.date)
        if person is None:
            no_person.add(c.point)
            continue
        made = c.made_by
        if made is None:
            unrecorded += 1
        elif made == person or made.strip() == person or _among(made, cast(str, person)):
            by_person += 1  # as typed, with spaces around or inside it (张 三: c50), or in a list (c55)
        else:
            p = points[c.point]
            flagged.append(LiaisonFlag(c.id, p.id, p.liaison, c.date, cast(str, person), made))
    # By date then id: only the flagged are sorted (sorting the month's contacts cost more than the check).
    flagged.sort(key=lambda f: (f.date, f.contact))
    return LiaisonCheck(month, len(contacts), by_person, flagged, unrecorded, tuple(sorted(no_person)))


#: What separates the names of a contact's makers as clerks type a list: 、 ， , ； ; / ／.
_SEPARATORS = re.compile(r"[、，,；;/／]")
#: A list ended by 等 (and others), with or without a count: 王小明等, 王小明等人, 王小明等2人.
_AND_OTHERS = re.compile(r"等(?:[0-9０-９一二两三四五六七八九十]*人)?\s*$")


def made_by_names(made: str) -> tuple[str, ...]:
    """The names a contact's ``made_by`` lists, each stripped, in order, empty ones dropped:
    ``王小明、刘芳`` → (王小明, 刘芳), ``王小明等`` → (王小明,); a single name → itself (its own
    spaces kept: 张 三 is one name, compared without them)."""
    names = (n.strip() for n in _SEPARATORS.split(made))
    names = (_AND_OTHERS.sub("", n).strip() or n for n in names)
    return tuple(n for n in names if n)


def _among(made: str, person: str) -> bool:
    """Whether ``person`` (spaces aside) is one of the names ``made`` lists."""
    wanted = _unspaced(person)
    return any(_unspaced(n) == wanted for n in made_by_names(made))


def _unspaced(name: str) -> str:
    """A person's name without its spaces (an ideographic one too): 张 三 and 张　三 are 张三."""
    return "".join(name.split())


#: Not a point of the dataset: apart from None (a point with nobody named).
_UNKNOWN = object()

#: The ids of points with former liaison persons (前任联系人), whose person on a day is
#: ``MonitoringPoint.liaison_person_on``: few, so the usual contact is judged by one look-up.
_with_former = PerDataset(lambda ds: frozenset(p.id for p in ds.points if p.former_liaison_persons))


def liaison_workload(dataset: Dataset, on: date) -> LiaisonWorkload:
    """The points designated on ``on`` grouped by liaison office and person."""
    groups: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], str] = {}  # one person however spaced (张三, 张 三: clerk c50), as first named
    unassigned = []
    for p in dataset.designated_in_id_order:  # the interval with its roster changes
        if not p.active_on(on):
            continue
        person = p.liaison_person_on(on)
        if person is None:
            unassigned.append(p.id)
        else:
            key = (p.liaison, _unspaced(person))
            names.setdefault(key, person)
            groups.setdefault(key, []).append(p.id)
    persons = tuple(Workload(key[0], names[key], tuple(ids)) for key, ids in sorted(groups.items()))
    return LiaisonWorkload(on, persons, tuple(unassigned))


__all__ = [
    "LiaisonCheck",
    "LiaisonFlag",
    "LiaisonWorkload",
    "Workload",
    "liaison_check",
    "liaison_workload",
    "made_by_names",
]
