"""A workbook's rows as records: where each came from (a sheet cell, or a record of an
existing dataset file) and how a message names it (``监测点!D7 (P1 统一社会信用代码)``).

Shared by the reader (io/workbook_read.py) and the attaching of child rows
(io/workbook_children.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from softenv_core.io.workbook_schema import Column, Sheet, column_letter
from softenv_core.io.workbook_text import shown


@frozen
class Origin:
    """Where a record came from: a workbook row, or a record of an existing dataset file."""

    source: str
    sheet: Sheet | None = None
    row: int = 0
    label: str = ""  # the record's id, for messages
    #: Field → its 0-based column in the clerk's sheet, whose columns may be moved, deleted or
    #: added: a cell is named where she sees it, not where the starter workbook had it (t5).
    at: Mapping[str, int] | None = field(default=None, eq=False)

    def cell(self, field: str | None = None) -> str:
        if self.sheet is None:
            return self.source
        index = self.sheet.column(field) if field else None
        if field and self.at is not None and index is not None:
            if field not in self.at:  # a column deleted: no cell holds it (told for the sheet)
                return f"{self.sheet.name}!({self.sheet.columns[index].zh}){self.row}"
            index = self.at[field]
        return f"{self.sheet.name}!{column_letter(index or 0)}{self.row}"

    def header(self, field: str | None) -> str:
        index = self.sheet.column(field) if self.sheet is not None and field else None
        return "" if index is None or self.sheet is None else self.sheet.columns[index].zh


class Entry:
    """A record as read from a row (or from an existing dataset file), with its child rows.

    A plain slotted class, not an attrs one: a province's workbook has a million and a half
    rows, and where each came from is worked out only when a message needs it.
    """

    __slots__ = ("book", "cells", "children", "columns", "number", "raw", "sheet", "source")

    def __init__(
        self,
        raw: dict[str, Any],
        book: str,
        sheet: Sheet | None = None,
        number: int = 0,
        cells: list[Any] | None = None,
        columns: list[tuple[int, Column]] | None = None,
    ) -> None:
        self.raw = raw
        self.book = book
        self.sheet = sheet
        self.number = number  # the 1-based row
        self.cells = cells
        self.columns = columns
        self.children: dict[str, list[tuple[int, Entry]]] = {}  # child list name → (seq, entry)

    @property
    def origin(self) -> Origin:
        return Origin(self.book, self.sheet, self.number, at=positions(self.columns))

    def located(self) -> Origin:
        """The origin with the record's id, for a message."""
        if self.cells is None or self.columns is None or self.sheet is None:
            return self.origin
        found = label(self.sheet, self.cells, self.columns)
        return Origin(self.book, self.sheet, self.number, found, positions(self.columns))


def positions(columns: list[tuple[int, Column]] | None) -> dict[str, int] | None:
    """Field → its column in the sheet as read (:attr:`Origin.at`)."""
    return None if columns is None else {c.field: i for i, c in columns}


def label(sheet: Sheet, row: list[Any], columns: list[tuple[int, Column]]) -> str:
    wanted = ("@parent", "@seq") if sheet.child else ("code",) if sheet.collection in ("counties", "city") else ("id",)
    if sheet.collection == "ratings":
        wanted = ("rater",)
    if sheet.child == "items" and sheet.collection == "reports":
        return _report_item_label(row, columns)
    parts = []
    for i, col in columns:
        if col.field in wanted and i < len(row) and row[i] not in ("", None):
            parts.append(_shown(row[i]))
    return "#".join(parts)


def _shown(value: Any) -> str:
    # A label is the clerk's pointer to the row: an invisible character pasted into the id is
    # shown as <U+200B>, never carried into the message, where it hid again (clerk c61).
    return shown(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value), keep="")


def _report_item_label(row: list[Any], columns: list[tuple[int, Column]]) -> str:
    """月报事项's row as ``R-… 修改2 事项1`` (``R-… 原报 事项1``): "#1" beside a message naming the
    amendment "#2" read as one notation for two numbers (tester t11 09)."""
    cells = {c.field: row[i] for i, c in columns if i < len(row) and row[i] not in ("", None)}
    parts = [_shown(cells["@parent"])] if "@parent" in cells else []
    if "@amendment" in cells:
        version = _shown(cells["@amendment"])
        parts.append(_version(version))
    if "@seq" in cells:
        parts.append(f"事项{_shown(cells['@seq'])}")
    return " ".join(parts)


def _version(typed: str) -> str:
    """A 修改序号 as the label names it; a refused one as typed (`原报`, `修改1`), not behind
    修改 (`修改原报`: clerk c53 02)."""
    if typed == "0":
        return "原报"
    if typed.isdigit():
        return f"修改{typed}"
    return typed if typed.startswith(("原报", "修改")) else f"修改序号 {typed}"


def where(origin: Origin, field: str | None) -> str:
    """``县区甲.xlsx 监测点!D7 (P1 统一社会信用代码)``; the book's name is added by the caller."""
    header = origin.header(field)
    inside = " ".join(p for p in (origin.label, header) if p)
    return f"{origin.cell(field)}" + (f" ({inside})" if inside else "")


def blank_problem(origin: Origin, column: Column) -> str:
    """The problem of ``column``'s cell left blank where it may not be (``Column.blank``):
    ``联系记录!F5 (C-… 是否联系上): 请填写“是”或“否”…``; the book's name is added by the caller."""
    return f"{where(origin, column.field)}: {column.blank}"


def dotted_value(raw: dict[str, Any], dotted: str) -> Any:
    """The value at ``dotted`` (``enterprise.employees``) in a row's raw record, None where a
    level is missing or not a mapping."""
    for part in dotted.split("."):
        if not isinstance(raw, dict):
            return None
        raw = raw.get(part)  # type: ignore[assignment]
    return raw


__all__ = [
    "Entry",
    "Origin",
    "blank_problem",
    "dotted_value",
    "label",
    "positions",
    "where",
]
