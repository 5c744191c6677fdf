"""A collection's records with their positions in the document, as the reference checks read
them (io/references.py, io/shared_ids.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Numbered:
    """Records with their positions in the document, iterated as ``(position, record)``.

    Without ``positions`` a record's position is its index: the usual case, where every
    record structured, is then a plain list and costs no pair per record.
    """

    __slots__ = ("positions", "records")

    def __init__(self, records: list[Any], positions: list[int] | None = None) -> None:
        self.records = records
        self.positions = positions

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self.positions is None:
            return enumerate(self.records)
        return zip(self.positions, self.records, strict=True)


#: Records of one collection with their positions; re-iterable (a list of pairs will do).
Indexed = Numbered | list[tuple[int, Any]]


def records_of(records: Indexed) -> list[Any]:
    """The records alone, without their positions (the list itself when it has none)."""
    if isinstance(records, Numbered):
        return records.records
    return [r for _, r in records]


__all__ = ["Indexed", "Numbered", "records_of"]
