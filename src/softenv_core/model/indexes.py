"""The dataset's index types: read-only mappings the indexes are kept in, the indexes built a
month or a complaint at a time on first asking (:class:`MonthIndex`, :class:`ComplaintMonths`),
and :func:`built_once`, which makes a Dataset index a property built on first use.

Each is an index of the immutable Dataset, worked out on first use and never changed after:
built under :data:`INDEX_LOCK`, so that two threads asking at once get the one value built
(not two equal ones, one of them thrown away), and no thread reads one half-built.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence, Sized
from functools import cached_property, wraps
from typing import Any, ClassVar, NoReturn, TypeVar

from softenv_core.model.complaints import Complaint, EventType
from softenv_core.model.periods import Month, beijing_month

_V = TypeVar("_V", bound=Sized)
_RESOLVED = EventType.RESOLVED


_K = TypeVar("_K")
_T = TypeVar("_T")

#: Taken to build any index of any Dataset (only then: a built one is read without it). One
#: lock, re-entrant, because building one index reads others (contacts by month read the
#: roster): a lock per index could deadlock two threads building two of them in turn. Pure
#: Python shares one interpreter lock anyway, so building them one at a time costs no speed.
INDEX_LOCK = threading.RLock()


def built_once(func: Callable[[Any], _T]) -> cached_property[_T]:
    """``func`` as a Dataset index: a ``cached_property`` (attrs keeps its value in a slot of
    the frozen class) built under :data:`INDEX_LOCK`. A thread that waited while another built
    it takes the value built, read from the slot, instead of building it again."""
    name = func.__name__

    @wraps(func)
    def build(self: Any) -> _T:
        with INDEX_LOCK:
            slot = getattr(type(self), name)  # the slot attrs made for it (found on a subclass too)
            try:
                return slot.__get__(self, type(self))  # type: ignore[no-any-return]
            except AttributeError:  # nothing stored yet
                value = func(self)
                # Stored before the lock is let go (attrs stores it again, the same object,
                # after this returns): a thread let in next reads it rather than building another.
                slot.__set__(self, value)
                return value

    return cached_property(build)


class ReadOnlyError(TypeError):
    """An edit of a shared value refused (a dataset index, a parameter value): a ``TypeError``
    whose class name tells a plugin check's fix from a rule's own ``TypeError`` (check_fixes)."""


def _read_only(self: ReadOnlyDict[object, object], *args: object, **kwargs: object) -> NoReturn:
    raise ReadOnlyError(type(self).refusal)


class ReadOnlyDict(dict[_K, _T]):
    """A dict that refuses every edit in place, saying why (its class's ``refusal``): what a
    shared value is kept in, the dataset's indexes and the parameters' mapping values alike.

    Not a ``MappingProxyType``: the monthly analyses read these millions of times, and a
    proxy's ``get`` is a call through to the dict; and a subclass of dict compares, prints and
    serialises as the dict it replaces. ``dict.clear(d)`` gets past it, as
    ``object.__setattr__`` gets past ``@frozen``: tampering, not a slip.
    """

    __slots__ = ()
    refusal: ClassVar[str] = "read-only: shared by every later reader"
    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[ReadOnlyDict[_K, _T]], tuple[dict[_K, _T]]]:
        # Pickling and copying rebuild from a plain dict: the default refills by __setitem__.
        return (type(self), (dict(self),))


class ReadOnlyIndex(ReadOnlyDict[_K, _T]):
    """A dataset index (a plugin's rule reads the dataset; a later analysis reads it too)."""

    __slots__ = ()
    refusal = "dataset indexes are read-only: the dataset is shared by every later analysis of it"


_NO_MONTHS: frozenset[tuple[int, int]] = frozenset()


class ComplaintMonths(Mapping[str, tuple[tuple[int, int], frozenset[tuple[int, int]]]]):
    """Complaint id → (Beijing month received, Beijing months of its resolutions), for the
    complaints with events; each worked out on first asking and kept.

    A cached index of the (immutable) Dataset, like :class:`MonthIndex`: deterministic, so
    equal if worked out twice, and safe if two threads ask for the same complaint at once.
    Of two complaints with one id (refused by validation), the later answers.
    """

    __slots__ = ("_by_id", "_known")

    def __init__(self, complaints: Sequence[Complaint]) -> None:
        self._by_id = {c.id: c for c in complaints if c.events}
        self._known: dict[str, tuple[tuple[int, int], frozenset[tuple[int, int]]]] = {}

    def __getitem__(self, complaint_id: str) -> tuple[tuple[int, int], frozenset[tuple[int, int]]]:
        found = self._known.get(complaint_id)
        if found is None:
            with INDEX_LOCK:
                found = self._known.get(complaint_id)  # another thread's, built while this one waited
                if found is None:
                    events = self._by_id[complaint_id].events
                    # Most complaints have no or one resolution: a plain loop, no generator set up.
                    resolved = [e.at for e in events if e.type is _RESOLVED]
                    months = frozenset([beijing_month(at) for at in resolved]) if resolved else _NO_MONTHS
                    found = self._known[complaint_id] = (beijing_month(events[0].at), months)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


class MonthIndex(Mapping[Month, _V]):
    """Month → what ``build`` makes of that month, built on first asking for the month and kept.

    A cached index of the (immutable) Dataset: deterministic, so equal if built twice, and safe
    if two threads build the same month at once. A month that builds to nothing is absent, as
    it was from the whole-year dicts these replace.
    """

    __slots__ = ("_build", "_built", "_months")

    def __init__(self, months: tuple[Month, ...], build: Callable[[Month], _V]) -> None:
        self._months = months
        self._build = build
        self._built: dict[Month, _V] = {}

    @property
    def months(self) -> tuple[Month, ...]:
        """The months that may have something (building one may find it has nothing)."""
        return self._months

    def __getitem__(self, month: Month) -> _V:
        try:
            found = self._built[month]
        except KeyError:
            if month not in self._months:
                raise
            with INDEX_LOCK:
                built = self._built.get(month)  # another thread's, built while this one waited
                found = self._built[month] = self._build(month) if built is None else built
        if not found:
            raise KeyError(month)
        return found

    def __iter__(self) -> Iterator[Month]:
        return (m for m in self._months if m in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


__all__ = [
    "INDEX_LOCK",
    "ComplaintMonths",
    "MonthIndex",
    "ReadOnlyDict",
    "ReadOnlyError",
    "ReadOnlyIndex",
    "built_once",
]
