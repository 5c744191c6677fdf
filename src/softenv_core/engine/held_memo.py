"""A memo of answers by the immutable objects they were made from (a parameter set, a calendar,
parameter values), for the city baseline's hooks, which every analysis asks the same questions
for every county, month and day.

The objects are held by the memo and compared by identity: one is not equal to another by value
here (a parameter set's values are compared elsewhere at a cost), and an id is not reused while
its entry lives. Read without a lock (a dict's ``get`` is atomic, and an entry is only added, or
replaced where its user found it changed); written under one, so that threads sharing it (a
service's requests) neither lose nor mix entries. Bounded: past ``keep`` sets of objects it starts afresh, so a
caller making new objects for every call (a parameter set per request) holds a few at most.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class HeldMemo(Generic[V]):
    """Values by (the objects ``held``, by identity; a ``key`` among their values)."""

    __slots__ = ("_by", "_keep", "_lock")

    def __init__(self, keep: int) -> None:
        self._by: dict[tuple[int, ...], tuple[tuple[object, ...], dict[Hashable, V]]] = {}
        self._keep = keep
        self._lock = threading.Lock()

    def get(self, held: tuple[object, ...], key: Hashable) -> V | None:
        """The value put for ``held`` (the same objects) and ``key``; None when there is none."""
        entry = self._by.get(tuple(map(id, held)))
        if entry is None or not all(map(operator.is_, entry[0], held)):
            return None
        return entry[1].get(key)

    def put(self, held: tuple[object, ...], key: Hashable, value: V, *, replace: bool = False) -> V:
        """Keep ``value`` for ``held`` and ``key``; the value kept (the first, if another thread
        put one meanwhile; ``replace``: this one, in place of one found unfit to give again)."""
        ids = tuple(map(id, held))
        with self._lock:
            entry = self._by.get(ids)
            if entry is None or not all(map(operator.is_, entry[0], held)):
                if len(self._by) >= self._keep:
                    self._by.clear()
                entry = self._by[ids] = (held, {})
            if replace:
                entry[1][key] = value
                return value
            return entry[1].setdefault(key, value)

    def __len__(self) -> int:
        """The sets of objects held."""
        return len(self._by)


__all__ = ["HeldMemo"]
