"""Which cells differ when one record (one 编号) is read twice with other content: from two
county workbooks of one import, or from a workbook and the ``--into`` dataset.

The import refuses such a record; the clerk must make the two agree, so the message names each
differing column, its cell on both sides and what each holds (c21: a 部门 row 名称 '市场监管局'
in one county's workbook and '市市场监管局' in another's was told only as "A3 … 编号相同而内容不同",
leaving the clerk to compare every column of a 16-column 监测点 row by eye).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from softenv_core.io.workbook_entries import Entry, dotted_value, where
from softenv_core.io.workbook_schema import Column, Sheet
from softenv_core.io.workbook_write import to_cell

#: More differing columns than this are counted, not listed.
_LISTED = 3


def distinct_books(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The workbooks given, each file once (the first path it was given by), and a note for
    each given again: ``softenv import a.xlsx a.xlsx`` (or ``*.xlsx a.xlsx``) compared every
    record with itself and asked of each whether a row was pasted twice (clerk c51 09). Two
    files with the same content are two workbooks, compared row by row as before."""
    kept: list[Path] = []
    notes: dict[Path, str] = {}  # one note a file, however often it was given
    for path in paths:
        first = next((k for k in kept if _same_file(k, path)), None)
        if first is None:
            kept.append(path)
        elif first not in notes:
            also = "" if path == first else f"（与 {first} 是同一个文件）"
            notes[first] = f"{path}{also}: 同一个工作簿给了两次，只读一次"
    return kept, list(notes.values())


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: as written, resolved, or one file by two names (a link)."""
    if a == b:
        return True
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:  # a path that cannot be opened is told where the workbook is read
        return False


def place(entry: Entry, field: str | None = None) -> str:
    """``东城区.xlsx 部门!B3 (city-amr 名称)``, or ``ds.json $.departments[0].name`` for a record of
    the ``--into`` dataset (no cell holds it)."""
    o = entry.located()
    if o.sheet is None:
        return o.source + (f".{field}" if field else "")
    return f"{o.source} {where(o, field)}"


def differing_fields(sheet: Sheet, a: Entry, b: Entry) -> list[str]:
    """The fields of the sheet's own columns (the child rows' aside) whose values differ."""
    return [
        c.field
        for c in sheet.columns
        if not c.field.startswith("@") and not _same(dotted_value(a.raw, c.field), dotted_value(b.raw, c.field))
    ]


def difference(sheet: Sheet, a: Entry, b: Entry, fields: list[str]) -> str:
    """``名称 此处为 “市场监管局”，东城区.xlsx 部门!B3 为 “市市场监管局”``, for each differing column
    (Chinese text: full-width ， within a column's difference, ； between columns)."""
    o = b.located()
    parts = []
    for f in fields[:_LISTED]:
        header = sheet.columns[sheet.column(f) or 0].zh
        there = o.source + f".{f}" if o.sheet is None else f"{o.source} {o.cell(f)}"
        column = sheet.columns[sheet.column(f) or 0]
        parts.append(f"{header} 此处为 {_typed(a, f, column)}，{there} 为 {_typed(b, f, column)}")
    more = f"；另有 {len(fields) - _LISTED} 列不同" if len(fields) > _LISTED else ""
    return "；".join(parts) + more


def _same(x: Any, y: Any) -> bool:
    if x == y:
        return True
    if isinstance(x, str) and isinstance(y, str):  # one moment at +08:00, the other in UTC
        try:
            return datetime.fromisoformat(x) == datetime.fromisoformat(y)
        except ValueError:
            return False
    return False


def _typed(entry: Entry, field: str, column: Column) -> str:
    """The cell as the clerk typed it; a record of the dataset file: its value there as the
    workbook would show it (``上门``, not the file's ``visit``: clerk c33)."""
    value = dotted_value(entry.raw, field)
    for i, c in entry.columns or ():
        if c.field == field and entry.cells is not None:
            value = entry.cells[i] if i < len(entry.cells) else None
    if value in (None, ""):
        return "空白"
    if entry.columns is None:
        value = _as_shown(column, value)
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date | datetime):
        value = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"“{value}”"


def _as_shown(column: Column, value: Any) -> Any:
    """A dataset file's value as the exported workbook's cell shows it (workbook_write.to_cell:
    an enum's label, 是/否, a moment in Beijing wall time, a list joined with 、); as it is when
    it is not one the column could hold."""
    if column.kind == "datetime" and isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
        if value.tzinfo is None:
            return value
    try:
        return to_cell(column, value)
    except (ValueError, TypeError, AttributeError):
        return value


__all__ = ["difference", "differing_fields", "place"]
