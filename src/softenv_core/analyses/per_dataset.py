"""Values worked out once per Dataset object: a province's redaction secret, text screen and
fingerprint are each a second or more, and every report and explanation for a reader outside
the city office asked for them again (a county's twelve reports: five times the city's time).

A Dataset is immutable, so a value worked out from it stays true while the object lives. The
table is kept by ``id()`` with a weak reference (an entry goes when its dataset does, and a
new object at the same address is not taken for the old one); writes take a lock, reads are
one dict look-up. The lock is re-entrant: the cyclic collector may run on any allocation,
those made under the lock included, and call an entry's callback in the thread holding it (a
plain Lock waited on itself there). Two threads asking at once may both work it out: the value is deterministic,
and the one stored last is kept.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from softenv_core.model.dataset import Dataset

T = TypeVar("T")


class PerDataset(Generic[T]):
    """``build(dataset)``, worked out once per Dataset object and kept while it lives."""

    __slots__ = ("_build", "_lock", "_table")

    def __init__(self, build: Callable[[Dataset], T]) -> None:
        self._build = build
        self._lock = threading.RLock()  # re-entered by a callback run under it
        self._table: dict[int, tuple[weakref.ref[Any], T]] = {}

    def __call__(self, dataset: Dataset) -> T:
        key = id(dataset)
        entry = self._table.get(key)  # a dict read is atomic; the lock guards writes
        if entry is not None and entry[0]() is dataset:
            return entry[1]
        value = self._build(dataset)

        def forget(ref: weakref.ref[Any]) -> None:
            with self._lock:
                now = self._table.get(key)
                if now is not None and now[0] is ref:
                    del self._table[key]

        with self._lock:
            self._table[key] = (weakref.ref(dataset, forget), value)
        return value


__all__ = ["PerDataset"]
