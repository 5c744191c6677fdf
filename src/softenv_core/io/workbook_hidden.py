"""Hidden rows, columns and sheets holding records: imported, and said so (clerk c22 finding 03).

python-calamine reads every cell, hidden or not, and says nothing of rows or columns hidden in
Excel: a clerk who hid rows to mean "not these" (or filtered a sheet, which hides the rows the
filter leaves out) had them imported without a word. Hidden is not deleted: a filter hides rows
the clerk still means, and a record is never dropped on a display setting; so the rows are
imported as they always were, and a notice names them (``联系记录!A12:A14: 是隐藏的行 …``) with
what to do if they are not meant: delete them.

Where they are comes from the size check's pass over each sheet's XML (io/workbook_limits.py),
which streams it anyway: one more search per piece for ``hidden="``, and a look at the tags
found (the starter's hidden field row 2 is one per sheet). A sheet's own state comes from
python-calamine's sheet list. An .ods marks its rows and columns ``table:visibility``
(io/ods_limits.py reads them on its own pass).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import define, field

from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_schema import column_letter

#: A hidden row or column: ``hidden="1"`` (Excel, WPS, openpyxl) or ``hidden="true"`` (LibreOffice).
_HIDDEN = re.compile(rb'hidden="[1t]')
_ROW = re.compile(rb'\br="(\d+)"')
_MIN = re.compile(rb'\bmin="(\d+)"')
_MAX = re.compile(rb'\bmax="(\d+)"')
#: Ranges of rows listed in one notice before the rest are counted.
SHOWN_RANGES = 10


@define
class Hidden:
    """The hidden rows and columns of one sheet, as ranges of 1-based numbers (first, last)."""

    rows: list[tuple[int, int]] = field(factory=list)
    cols: list[tuple[int, int]] = field(factory=list)
    #: Hidden rows whose tag has no ``r`` (optional in the format: the row after the one before).
    #: No writer the clerks use leaves it out; a crafted file may, and its hidden rows are not
    #: numbered from the tags alone (the size check reads no other row's tag): told as such.
    unnumbered: int = 0

    def __bool__(self) -> bool:
        return bool(self.rows or self.cols or self.unnumbered)


def scan_piece(data: bytes, hidden: Hidden) -> None:
    """Add the rows and columns a piece of a sheet's XML hides (``<row r="12" hidden="1">``,
    ``<col min="3" max="4" hidden="true"/>``): a piece is cut before a ``<``, so it holds whole
    tags. One C-speed search when none is hidden (LibreOffice writes ``hidden="false"`` on every
    row: not matched, so not looked at)."""
    for m in _HIDDEN.finditer(data):
        at = m.start()
        start = data.rfind(b"<", 0, at)
        if start < 0 or not data[at - 1 : at].isspace():
            continue
        end = data.find(b">", at)
        tag = data[start + 1 : end if end >= 0 else len(data)]
        name = tag.split(None, 1)[0].rpartition(b":")[2]
        if name == b"row":
            if (r := _ROW.search(tag)) is not None:
                hidden.rows.append((int(r[1]), int(r[1])))
            else:
                hidden.unnumbered += 1
        elif name == b"col" and (lo := _MIN.search(tag)) and (hi := _MAX.search(tag)):
            hidden.cols.append((int(lo[1]), int(hi[1])))


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _covered(numbers: Sequence[int], ranges: list[tuple[int, int]]) -> list[int]:
    """The ``numbers`` inside one of ``ranges`` (merged, in order)."""
    if not ranges or not numbers:
        return []
    ordered = list(numbers)
    if ordered == sorted(ordered):
        # Rows come in order, and every sheet has a hidden range (the starter's field row 2):
        # each range is found by bisection, not each of a province's 720,000 rows (0.5 s).
        out: list[int] = []
        for lo, hi in ranges:
            out += ordered[bisect.bisect_left(ordered, lo) : bisect.bisect_right(ordered, hi)]
        return out
    starts = [lo for lo, _ in ranges]
    out = []
    for n in numbers:
        i = bisect.bisect_right(starts, n) - 1
        if i >= 0 and n <= ranges[i][1]:
            out.append(n)
    return out


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    return _merged((n, n) for n in numbers)


def _filled(cells: Sequence[Any], i: int) -> bool:
    value = cells[i] if i < len(cells) else None
    return value is not None and not (isinstance(value, str) and (not value or value.isspace()))


def hidden_notes(name: str, entries: Sequence[Entry], hidden: Hidden | None, sheet_hidden: bool) -> list[str]:
    """The notices for a sheet's records in hidden rows, hidden columns or a hidden sheet."""
    if not entries or (not hidden and not sheet_hidden):
        return []
    fix = "不是要导入的记录请删除这些行再导入（隐藏或筛选掉的行不算删除）"
    if sheet_hidden:
        return [f"{name}: 是隐藏的工作表，其中 {len(entries)} 行记录照常导入了；{fix} (hidden sheet: imported)"]
    assert hidden is not None
    notes = []
    rows = _covered([e.number for e in entries], _merged(hidden.rows))
    if rows:
        runs = _runs(rows)
        shown = "、".join(f"A{lo}" if lo == hi else f"A{lo}:A{hi}" for lo, hi in runs[:SHOWN_RANGES])
        more = f" 等 {len(runs)} 处" if len(runs) > SHOWN_RANGES else ""
        notes.append(
            f"{name}!{shown}{more}: 是隐藏的行（共 {len(rows)} 行），照常导入了；{fix} (hidden rows: imported)"
        )
    if hidden.unnumbered:
        notes.append(
            f"{name}: 有 {hidden.unnumbered} 个隐藏的行没有标明行号，其中的记录照常导入了；请取消隐藏核对，{fix}"
            " (hidden rows without a row number: imported)"
        )
    cols = _merged(hidden.cols)
    if cols:
        for i, col in entries[0].columns or ():
            if not _covered([i + 1], cols):
                continue
            filled = sum(1 for e in entries if _filled(e.cells or (), i))
            if filled:
                letter = column_letter(i)
                notes.append(
                    f"{name}!{letter}:{letter} ({col.zh}): 是隐藏的列，其中 {filled} 个单元格照常导入了；"
                    "请取消隐藏核对 (hidden column: imported)"
                )
    return notes


__all__ = ["SHOWN_RANGES", "Hidden", "hidden_notes", "scan_piece"]
