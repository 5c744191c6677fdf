"""Which datasets have been checked, and what was found: remembered per object, not per value.

A Dataset built by the loader was checked while it was read; one built in Python is checked
by ``validate`` the first time an analysis is given it. Either way the answer is kept here
so that the next analysis of the same object does not check it again.

Keyed by ``id()`` with a weak reference: a Dataset is never kept alive by being remembered,
its entry goes when it does, and an id reused by a later object is told apart by the
reference no longer pointing at it. Hashing a dataset by value would walk every record on
each look-up. A lock guards the table: analyses may run in several threads at once.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from softenv_core._validators import argument
from softenv_core.model.dataset import Dataset

# Re-entrant, as analyses/per_dataset.py's: the cyclic collector may run on any allocation, those
# made under the lock included, and call a collected dataset's ``forget`` in the thread holding
# it; a plain Lock waited on itself there, and every later validate of the process with it
# (integrator i46 07).
_lock = threading.RLock()
# id(dataset) -> (weak reference to it, the problems found: empty when valid)
_table: dict[int, tuple[weakref.ref[Any], tuple[str, ...]]] = {}


def remember(dataset: object, problems: tuple[str, ...] = ()) -> None:
    """Remember that ``dataset`` was checked and what was found (nothing: it is valid)."""
    key = id(dataset)

    def forget(ref: weakref.ref[Any]) -> None:
        with _lock:
            entry = _table.get(key)
            if entry is not None and entry[0] is ref:
                del _table[key]

    ref = weakref.ref(dataset, forget)
    with _lock:
        _table[key] = (ref, problems)


def recall(dataset: object) -> tuple[str, ...] | None:
    """The problems found when ``dataset`` was checked (empty: valid); None if never checked."""
    entry = _table.get(id(dataset))  # a dict read is atomic; the lock guards writes
    if entry is None or entry[0]() is not dataset:
        return None
    return entry[1]


def require_dataset(dataset: object) -> Dataset:
    """``dataset`` if it is a Dataset, else FieldInvalid naming ``dataset``: a dict of the JSON
    document, say, which every function taking a dataset refuses alike (docs/reliability.md)."""
    return argument(dataset, Dataset, "dataset", "a Dataset (load_dataset, loads_dataset or one built in Python)")


__all__ = ["recall", "remember", "require_dataset"]
