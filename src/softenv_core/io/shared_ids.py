"""One id, one record: a record's id may not be another collection's record's id.

Evidence, explanations and a plugin's answers name records by id alone (``Award.evidence``,
``ScoreItem.evidence``), and ``Dataset.record_scopes`` says whose record an id is: an id held
by a county's report and another county's contact named either, and the later collection read
won, so a plugin's evidence was judged by the wrong owner. Outside the city office an id that is
also a complaint's (直接反馈) was withheld from the reader's own evidence, counted in the
notice: a county that gave a contact a guessed complaint id learnt from its own view whether a
complaint had that id (attacker x47's note). Each collection's own duplicates are
io/references.py's; this is the check across them, made on the whole dataset (the workbook of
one county holds no complaint, so a county learns nothing from it).
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import Any

from softenv_core.io.indexed import Indexed, records_of


def shared_id_problems(ix: Mapping[str, Indexed]) -> list[str]:
    """``$.contacts[4].id: 'Q-1' is also the id of $.complaints[0] …`` for each record whose id
    an earlier collection's record (in the document's order of collections) already holds."""
    with_ids = sorted(
        ((len(recs), name, recs) for name, records in ix.items() if _has_ids(name, recs := records_of(records))),
        key=lambda c: c[0],
    )
    if len(with_ids) < 2:
        return []
    # The largest collection (a province's 720,000 contacts) is only read, never made a set:
    # its ids are looked up, in C, in the others' ids, together a tenth of it. The usual
    # dataset shares nothing and pays those look-ups alone (0.05 s at province).
    shared: set[str] = set()
    seen: set[str] = set()
    for _, name, records in with_ids[:-1]:
        ids = set(map(attrgetter(_FIELD.get(name, "id")), records))
        if not seen.isdisjoint(ids):
            shared |= seen & ids
        seen |= ids
    _, name, records = with_ids[-1]
    largest = map(attrgetter(_FIELD.get(name, "id")), records)
    if not seen.isdisjoint(largest):
        shared |= seen.intersection(map(attrgetter(_FIELD.get(name, "id")), records))
    return _where(ix, shared) if shared else []


#: The field that names a record, where it is not ``id``.
_FIELD = {"counties": "code"}


def _has_ids(name: str, records: list[Any]) -> bool:
    """Whether a collection's records are named (a county by its code); ratings are not."""
    return bool(records) and hasattr(records[0], _FIELD.get(name, "id"))


def _where(ix: Mapping[str, Indexed], shared: set[str]) -> list[str]:
    """The error path: each later holder of a shared id, naming the first."""
    first: dict[str, str] = {}
    out = []
    for name, records in ix.items():
        field = _FIELD.get(name, "id")
        for i, record in records:
            rid = getattr(record, field, None)
            if rid not in shared:
                continue
            here = f"$.{name}[{i}]"
            if rid in first and not first[rid].startswith(f"$.{name}["):
                out.append(
                    f"{here}.{field}: {rid!r} is also the id of {first[rid]}: an id names one record "
                    "in the whole dataset (evidence and explanations cite records by id)"
                )
            first.setdefault(rid, here)
    return out


__all__ = ["shared_id_problems"]
