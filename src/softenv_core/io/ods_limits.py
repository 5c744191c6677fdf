"""What an OpenDocument spreadsheet (.ods) asks the reader to build, read from its
``content.xml`` before python-calamine opens it (io/workbook_limits.py applies the limits).

An .ods compresses repetition into attributes: one row element with
``table:number-rows-repeated="99000"`` holding one cell with ``table:number-columns-repeated=
"1000"`` made calamine build 99 million cells (12.9 GB, killed after 100 s) from a 1.4 KB file;
one ``<text:s text:c="100000000"/>`` a 100-million-character string. So the extent counts the
repeats, as calamine expands them: a row or cell with content repeated N times is N rows or
cells; an empty one (a self-closing cell with no value type, as LibreOffice writes the unused
area) is only where the next one starts. A cell's text is bounded by its element's bytes plus
the spaces its ``text:s`` elements stand for, times its repeats.

Tags are found by their local names whatever the namespace prefix (a bound, never an
underestimate: an element calamine would not read still counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import define, field

from softenv_core.io.workbook_hidden import Hidden

_TAG = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table-column|table|s)(?=[\s/>])([^>]*?)(/?)>"
)
_ROWS = re.compile(rb"number-rows-repeated\s*=\s*[\"'](\d+)")
_COLS = re.compile(rb"number-columns-repeated\s*=\s*[\"'](\d+)")
_NAME = re.compile(rb"name\s*=\s*\"([^\"]*)\"")
_SPACES = re.compile(rb"\bc\s*=\s*[\"'](\d+)")
_VALUE = b"value-type"
#: A row or column hidden (collapsed, or filtered out): ``table:visibility="collapse"``.
_HIDDEN = re.compile(rb"visibility\s*=\s*[\"'](?:collapse|filter)")


@define
class OdsTable:
    """One table's extent: its last row and column with content (repeats expanded), and the
    cell elements with content present in the XML."""

    name: str
    rows: int = 0
    cols: int = 0
    cells: int = 0
    hidden: Hidden = field(factory=Hidden)  # its hidden rows and columns (io/workbook_hidden.py)


@define
class OdsFacts:
    """What ``content.xml`` asks for: each table's extent, the text its cells expand to (each
    cell's bytes times its repeats), the largest single cell and the most spaces one ``text:s``
    stands for."""

    tables: list[OdsTable] = field(factory=list)
    text_bytes: int = 0
    largest_cell: int = 0
    most_spaces: int = 0


def _repeat(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    m = pattern.search(attrs)
    return max(1, int(m[1])) if m else 1


class _Walk:
    """The state of one pass over the tags (rows and cells of the current table)."""

    def __init__(self) -> None:
        self.facts = OdsFacts()
        self.table: OdsTable | None = None
        self.depth = 0  # a table inside a cell counts as rows of the one around it (a bound)
        self.row_at = 0  # rows so far in the table, repeats counted
        self.row_repeat = 1
        self.col_at = 0  # columns so far in the row
        self.col_defs = 0  # columns defined so far in the table (table-column elements)
        self.row_last = 0  # the column after the row's last cell with content
        self.row_text = 0  # the row's cells' text, their repeats counted
        self.cell_from: int | None = None  # where the open cell with content began
        self.cell_repeat = 1
        self.cell_spaces = 0

    def tag(self, closing: bool, local: bytes, attrs: bytes, empty: bool, start: int, end: int) -> None:
        if local == b"s":
            n = _repeat(_SPACES, attrs)
            self.cell_spaces += n
            self.facts.most_spaces = max(self.facts.most_spaces, n)
        elif local == b"table":
            self._table(closing, attrs)
        elif self.table is None:
            return  # a row or cell outside a table: nothing calamine reads
        elif local == b"table-column":
            if not closing and self.depth == 1:
                self._column(attrs)
        elif local == b"table-row":
            if not closing:
                self.row_repeat = _repeat(_ROWS, attrs)
                self.col_at = self.row_last = self.row_text = 0
                if b"visibility" in attrs and self.depth == 1 and _HIDDEN.search(attrs):
                    self.table.hidden.rows.append((self.row_at + 1, self.row_at + self.row_repeat))
            if closing or empty:
                self._end_row()
        elif closing:
            self._end_cell(end)
        else:
            self._cell(attrs, empty, start)

    def _table(self, closing: bool, attrs: bytes) -> None:
        if closing:
            self.depth = max(0, self.depth - 1)
            if self.depth == 0 and self.table is not None:
                self.facts.tables.append(self.table)
                self.table = None
            return
        self.depth += 1
        if self.depth > 1:
            return
        m = _NAME.search(attrs)
        self.table = OdsTable(m[1].decode("utf-8", "replace") if m else "")
        self.row_at = self.col_defs = 0

    def _column(self, attrs: bytes) -> None:
        assert self.table is not None
        repeat = _repeat(_COLS, attrs)
        if b"visibility" in attrs and _HIDDEN.search(attrs):
            self.table.hidden.cols.append((self.col_defs + 1, self.col_defs + repeat))
        self.col_defs += repeat

    def _end_row(self) -> None:
        table = self.table
        assert table is not None
        self.row_at += self.row_repeat
        if self.row_last:
            table.rows = self.row_at
            table.cols = max(table.cols, self.row_last)
            self.facts.text_bytes += self.row_text * self.row_repeat
        self.row_repeat = 1

    def _cell(self, attrs: bytes, empty: bool, start: int) -> None:
        table = self.table
        assert table is not None
        repeat = _repeat(_COLS, attrs)
        self.col_at += repeat
        if empty and _VALUE not in attrs:
            return  # no content: only where the next cell starts
        self.row_last = self.col_at
        table.cells += 1
        if empty:
            self.row_text += len(attrs) * repeat  # the value is in an attribute
        else:
            self.cell_from, self.cell_repeat, self.cell_spaces = start, repeat, 0

    def _end_cell(self, end: int) -> None:
        if self.cell_from is None:
            return
        size = end - self.cell_from + self.cell_spaces
        self.facts.largest_cell = max(self.facts.largest_cell, size)
        self.row_text += size * self.cell_repeat
        self.cell_from = None


def ods_facts(pieces: Iterable[bytes]) -> OdsFacts:
    """The facts of ``content.xml`` given in pieces cut before a ``<`` (no tag split)."""
    walk = _Walk()
    base = 0
    for data in pieces:
        for m in _TAG.finditer(data):
            walk.tag(m[1] == b"/", m[2], m[3], m[4] == b"/", base + m.start(), base + m.end())
        base += len(data)
    if walk.table is not None:  # a table never closed: what was read of it counts
        walk.facts.tables.append(walk.table)
    return walk.facts


__all__ = ["OdsFacts", "OdsTable", "ods_facts"]
