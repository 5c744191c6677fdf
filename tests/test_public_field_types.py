"""Every type a public result holds can be named from the public surface (integrator i40: the
trend rows' ``current``/``previous``/``last_year`` and the representativeness profile's ``cells`` were
of two classes both called ``Cell`` that neither ``softenv_core`` nor ``softenv_core.plugin``
exported, so a program under ``mypy --strict`` could not annotate a variable holding one).

The types are found from the public functions' return annotations, then field by field through
every attrs class they reach, so a new result field of an unexported type fails here."""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any

import attrs

import softenv_core as se
import softenv_core.plugin as sp


def _classes(hint: Any) -> set[type]:
    """The classes of softenv_core a type hint names (through unions and generics)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is not None:
        return {c for arg in typing.get_args(hint) for c in _classes(arg)}
    if isinstance(hint, type) and hint.__module__.startswith("softenv_core."):
        return {hint}
    return set()


def _reached() -> set[type]:
    todo: list[type] = []
    for name in se.__all__:
        obj = getattr(se, name)
        if inspect.isfunction(obj):
            todo += _classes(typing.get_type_hints(obj).get("return"))
    seen: set[type] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if attrs.has(cls):
            hints = typing.get_type_hints(cls)
            for f in attrs.fields(cls):
                todo += _classes(hints.get(f.name))
    return seen


def test_every_type_a_result_holds_is_exported() -> None:
    exported = {id(getattr(se, n)) for n in se.__all__} | {id(getattr(sp, n)) for n in sp.__all__}
    reached = _reached()
    assert len(reached) > 50  # the walk reached the results' field types, not just the functions'
    missing = sorted(f"{c.__module__}.{c.__qualname__}" for c in reached if id(c) not in exported)
    assert missing == []


def test_the_two_cells_have_names_that_say_which() -> None:
    from softenv_core.analyses import disclosure, representativeness

    assert se.ShownCount is disclosure.Cell
    assert se.ProfileCell is representativeness.Cell
    from softenv_core.analyses.trends import TrendRow

    assert se.TrendRow is TrendRow  # the rows of a TrendView, whose cells are ShownCounts
    assert se.ShownCount in _classes(typing.get_type_hints(TrendRow)["current"])
    assert se.ProfileCell in _classes(typing.get_type_hints(se.Representativeness)["cells"])
