"""Read-only lists and mappings for parameter values.

A parameter set is shared: the city baseline's is read once per process and handed to every
analysis and to every plugin hook. A list or mapping value that could be edited in place would
let one plugin change the city's policy for every county and every later run (attacker 07).
So values are frozen when a ``DatedValue`` is made, whether read from the city's files, from a
county's or built in Python.

Subclasses of ``list`` and ``dict``, not tuples or ``MappingProxyType``: a frozen value must
compare, print, pickle and serialise exactly as the value it replaces (``[...]`` and ``{...}``
in the text and JSON outputs, ``== ["市经贸委", ...]`` in a test), so outputs stay
byte-identical. Unlike the list and dict they replace they are hashable, as a tuple is (a
frozenset of its items, for a mapping): a result holding one (a ``ParamValue`` cited by a
condition) is hashable as docs/integration.md promises (integrator i55 10); equal values hash
alike, a plain list equal to one is still unhashable. Only the methods that edit in place are
refused; calling the base class (``list.append(value, x)``, ``value.__init__(...)``) gets past
it, as ``object.__setattr__`` gets past ``@frozen``: that is deliberate tampering, not "just
reading". A copy (``dict(v)``, ``v[:]``, ``v | w``) is a plain, editable value of the caller's own.
"""

from __future__ import annotations

from typing import Any, NoReturn

from softenv_core.model.indexes import ReadOnlyDict, ReadOnlyError

_WHY = "parameter values are read-only: a plugin given the parameters cannot change them for others"


def _refuse(self: object, *args: object, **kwargs: object) -> NoReturn:
    raise ReadOnlyError(f"{_WHY} ({type(self).__name__})")


class FrozenList(list[Any]):
    """A list that cannot be changed in place (a parameter's list value)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __hash__(self) -> int:  # type: ignore[override]  # list sets it to None: this one cannot change
        return hash(tuple(self))

    def __reduce__(self) -> tuple[type[FrozenList], tuple[list[Any]]]:
        # Pickling and copying rebuild from a plain list: the default refills by append.
        return (type(self), (list(self),))


class FrozenDict(ReadOnlyDict[Any, Any]):
    """A mapping that cannot be changed in place (a parameter's mapping value): the dataset
    indexes' read-only dict, with the parameters' reason."""

    __slots__ = ()
    refusal = f"{_WHY} (FrozenDict)"

    def __hash__(self) -> int:  # type: ignore[override]  # dict sets it to None: this one cannot change
        return hash(frozenset(self.items()))


def deep_freeze(value: Any) -> Any:
    """``value`` with every list and mapping in it (at any depth) read-only; other values as they are.

    A value already frozen is returned as is, so freezing twice costs nothing.
    """
    if type(value) is FrozenList or type(value) is FrozenDict:
        return value
    if isinstance(value, list | tuple):
        frozen_list = FrozenList.__new__(FrozenList)
        list.extend(frozen_list, (deep_freeze(v) for v in value))
        return frozen_list if isinstance(value, list) else tuple(frozen_list)
    if isinstance(value, dict):
        frozen_dict = FrozenDict.__new__(FrozenDict)
        dict.update(frozen_dict, ((k, deep_freeze(v)) for k, v in value.items()))
        return frozen_dict
    return value


__all__ = ["FrozenDict", "FrozenList", "deep_freeze"]
