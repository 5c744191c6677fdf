"""How the import reads a sheet's rows (split from io.workbook_read): each column's plan (its
reader, how a text cell is taken), the fields an empty cell makes None, a dotted field set in a
record, and which cells are blank to the eye."""

from __future__ import annotations

import functools
import typing
from typing import Any

import attrs

from softenv_core.io.workbook_cells import reader, text_lookup, trimmed
from softenv_core.io.workbook_children import CHILD_CLASSES
from softenv_core.io.workbook_schema import Column, Sheet
from softenv_core.model.dataset import COLLECTIONS
from softenv_core.model.divisions import City

#: The record classes by collection (the city's as ``city``).
RECORD_CLASSES: dict[str, type] = {"city": City, **dict(COLLECTIONS)}


def set_dotted(raw: dict[str, Any], dotted: str, value: Any) -> None:
    """``raw[dotted] = value``, ``enterprise.employees`` setting ``raw["enterprise"]["employees"]``."""
    head, _, rest = dotted.partition(".")
    if rest:
        set_dotted(raw.setdefault(head, {}), rest, value)
    else:
        raw[head] = value


def blank(value: Any) -> bool:
    """Whether a cell is empty to the eye: nothing, or only spaces (a space-only cell of a record
    is read as empty too, so a row of them is no record: tclerk 03)."""
    return value is None or (value.__class__ is str and (not value or value.isspace()))


def plan(columns: list[tuple[int, Column]]) -> list[tuple[int, Column, Any, str | None, int, dict[str, Any]]]:
    """Per column: its index, its reader, its field (top-level, or None for a dotted path), how
    a text cell is taken (0 as a code, 1 as it is, 2 looked up, 3 read, 4 stripped) and the
    look-up table. The common cells then cost no call: a province has 13 million of them."""
    out = []
    for i, col in columns:
        table = text_lookup(col)
        mode = 2 if table else 0 if col.kind in ("id", "code", "parent") else 3
        if col.kind == "text":
            mode = 4 if trimmed(col) else 1
        out.append((i, col, reader(col), None if "." in col.field else col.field, mode, table or {}))
    return out


@functools.cache
def nullable(sheet: Sheet) -> tuple[str, ...]:
    """Fields of the sheet's records that may be None but have no default (the document must
    say null): an empty cell gives them None."""
    cls = CHILD_CLASSES.get((sheet.collection, sheet.child)) if sheet.child else RECORD_CLASSES[sheet.collection]
    if cls is None:
        return ()
    hints = typing.get_type_hints(cls)
    return tuple(
        a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING and type(None) in typing.get_args(hints[a.name])
    )


__all__ = ["RECORD_CLASSES", "blank", "nullable", "plan", "set_dotted"]
