"""定人 (三(二): 定期定人进行联系): each point's named liaison person, and who made its contacts.

A contact made by someone other than the point's liaison person on the contact's day (a point
whose person changed lists the former ones with their last days: ``former_liaison_persons``)
is flagged, as a contact logged by the wrong office is: the duty is to the named person, so the month still counts
as contacted, but the office should know. A contact that does not say who made it, or a
point with no liaison person named, cannot be checked: those are counted, not flagged.

Who made a contact is read as a list of names (:func:`made_by_names`): a visit or 座谈 made by
two staff is written as clerks write lists, ``王小明、刘芳``, ``王小明，刘芳``, ``王小明/刘芳``,
``王小明和刘芳`` or ``王小明等``, and counts as the liaison person's when the person is among the
names (clerk c55 03: it was flagged 非定人 as one unknown name; attacker x61 03: 和, ､ and a pasted
zero-width space; docs/monitoring.md "Open: a contact made jointly").
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

from softenv_core._fold import LIST_MARKS, normalised
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


#: What separates the names of a contact's makers as clerks type a list: _fold.LIST_MARKS, and
#: the forms NFKC reads as these (､ U+FF64 and ﹑ U+FE51 are 、; ﹐ is ,); no space (张 三 is one name).
_SEPARATORS = re.compile(f"[{LIST_MARKS}]")
#: A list ended by 等 (and others), with or without a count: 王小明等, 王小明等人, 王小明等2人.
_AND_OTHERS = re.compile(r"等(?:[0-9０-９一二两三四五六七八九十]*人)?\s*$")
#: The words "and" between two names (王小明和刘芳, 王小明及刘芳, 王小明与刘芳): a separator only
#: where every name they leave has 2 to 4 letters (see :func:`_and_split`).
_AND = re.compile(r"[和及与]")
#: A Chinese name's length in characters (a surname of one or two, a given name of one or two).
_NAME_LENGTHS = frozenset((2, 3, 4))


def made_by_names(made: str) -> tuple[str, ...]:
    """The names a contact's ``made_by`` lists, each stripped, in order, empty ones dropped:
    ``王小明、刘芳`` → (王小明, 刘芳), ``王小明等`` → (王小明,), ``王小明和刘芳`` → (王小明, 刘芳);
    a single name → itself (its own spaces kept: 张 三 is one name, compared without them).

    The text is read NFKC-folded and without invisible format characters first (a zero-width
    space pasted from a web page or WeChat, full-width ，and ､ ﹑: attacker x61 03). 和, 及 and
    与 separate names only as :func:`_and_split` says."""
    return tuple(name for piece in _pieces(_folded(made)) for name in _and_split(_without_others(piece)))


def _folded(text: str) -> str:
    """``text`` NFKC-folded, without invisible format characters (no case or look-alike fold)."""
    return normalised(text, table={})[0]


def _pieces(folded: str) -> list[str]:
    """The texts between the separators of a folded ``made_by``, stripped, empty ones dropped."""
    return [n for piece in _SEPARATORS.split(folded) if (n := piece.strip())]


def _without_others(piece: str) -> str:
    """``piece`` without a trailing 等 (等人, 等2人): itself when that leaves nothing."""
    return piece if "等" not in piece else _AND_OTHERS.sub("", piece).strip() or piece


def _and_split(name: str) -> tuple[str, ...]:
    """``name`` split at every 和, 及 and 与 when each part (spaces aside) is a name of 2 to 4
    letters, else ``name`` whole. A name may hold 和 (和平, 王和平, 欧阳和平): a name of 2 to 4
    characters leaves at most 3 around it, so one part of at most 1, and is never split; only a
    text of 5 characters or more is (王小明和刘芳). Where one split fails (欧阳和平和刘芳 leaves 平),
    nothing is split: the text is one name, and a liaison person inside it is not found (write
    欧阳和平、刘芳)."""
    if _AND.search(name) is None:
        return (name,)
    parts = [p.strip() for p in _AND.split(name)]
    if all(len(_unspaced(p)) in _NAME_LENGTHS and _unspaced(p).isalpha() for p in parts):
        return tuple(parts)
    return (name,)


def _among(made: str, person: str) -> bool:
    """Whether ``person`` (spaces, width and invisible characters aside) is one of the names
    ``made`` lists, or one of the texts between its separators with its 等 kept (a person whose
    name ends in 等, 何等 in 何等、刘芳 or 王小明和何等, is not read as 何 and others: x61 03)."""
    wanted = _unspaced(_folded(person))
    for piece in _pieces(_folded(made)):
        names = _and_split(piece)
        if (short := _without_others(piece)) != piece:
            names += _and_split(short)
        if any(_unspaced(n) == wanted for n in names):
            return True
    return False


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
