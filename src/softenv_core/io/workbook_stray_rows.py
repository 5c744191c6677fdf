"""Rows of a record sheet that hold no record: a 合计 row under the records, a footer such as
填表人：王小明 联系电话：… typed in column A (clerk c44).

Every row of a record sheet is read as a record, so such a row was told cell by cell: its id
invalid, then each required column (企业名称, 统一社会信用代码 … ten lines for a 合计 row of
监测点), none saying that the row is no record and is to be deleted. A row whose id cell holds
Chinese words (no id may: ids are ASCII) while required columns are blank is told once, at its
id cell, with what it holds. A record whose id was mistyped with a Chinese character keeps its
other cells filled and is told as before.

A header row pasted again with a block of records (its cells the column headers) is told once,
"这一行是重复的表头，请整行删除", rather than as six cells that do not read (clerk c52 05). Every
line the reader told about a cell of such a row (a units row's 人 in an integer column too) is
taken back: the row is to be deleted, not corrected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from softenv_core.io.dataset_files import without_record_ids
from softenv_core.io.workbook_entries import Entry, blank_problem, where
from softenv_core.io.workbook_schema import Column

#: A record's invalid id, as the model refuses it (_validators.identifier).
_BAD_ID = re.compile(r"^(\$\.[a-z_]+\[\d+\])\.id: invalid id '(.*)': use ")
#: A required field left blank, of a record (group 1).
_BLANK = re.compile(r"^(\$\.[a-z_]+\[\d+\])\.[a-z_.]+: required field missing$")
#: Words, not an id: a CJK character (no id may hold one).
_WORDS = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
#: Required columns blank beside the words for the row to be taken as no record.
_BLANKS = 2
_HEADER_TOLD = "这一行是重复的表头，请整行删除（工作表中每一行都按记录导入）"
#: Cells equal to their headers for a row to be taken as the header row again.
_HEADER_CELLS = 2


def stray_rows(
    found: Sequence[str], origins: dict[str, Entry], with_book: bool, earlier: list[str]
) -> tuple[list[str], list[str]]:
    """``found`` without the problems of rows that hold no record, and one problem for each such
    row (at its id cell, naming what it holds and saying to delete it); the reader's blank-cell
    lines of those rows are removed from ``earlier`` (the problems told while reading)."""
    plain = [without_record_ids(p) for p in found]
    words: dict[str, str] = {}
    blanks: dict[str, int] = {}
    for p in plain:
        if (m := _BAD_ID.match(p)) and _WORDS.search(m[2]):
            words[m[1]] = m[2]
        elif m := _BLANK.match(p):
            blanks[m[1]] = blanks.get(m[1], 0) + 1
    stray = {path for path in words if blanks.get(path, 0) >= _BLANKS and path in origins}
    headers = {path for path in map(_record, plain) if path in origins and _is_header(origins[path])}
    stray -= headers
    if not stray and not headers:
        return list(found), []
    kept = [p for p, q in zip(found, plain, strict=True) if _record(q) not in stray | headers]
    told_rows = [origins[path] for path in stray | headers]
    blanks_told = {line for entry in told_rows for line in _blank_lines(entry, with_book)}
    cells = tuple(prefix for entry in told_rows for prefix in _cell_prefixes(entry, with_book))
    earlier[:] = [p for p in earlier if p not in blanks_told and not p.startswith(cells)]
    told = [
        _told_header(path, origins[path], with_book)
        if path in headers
        else _told(path, origins[path], blanks[path], with_book)
        for path in sorted(stray | headers, key=_order)
    ]
    return kept, told


def _blank_lines(entry: Entry, with_book: bool) -> list[str]:
    """The reader's lines for the row's blank cells of columns that may not be left blank
    (io.workbook_read._refuse_blanks; the book's name first when several are read)."""
    origin = entry.located()
    columns: list[Column] = [c for _, c in entry.columns or () if c.blank is not None]
    lines = [blank_problem(origin, c) for c in columns]
    return [f"{entry.book} {line}" for line in lines] if with_book else lines


def _cell_prefixes(entry: Entry, with_book: bool) -> list[str]:
    """How the reader's line about any cell of the row starts (``监测点!I3 (`` or ``监测点!I3:``,
    never ``监测点!I30``), the book's name first when several are read."""
    origin = entry.located()
    cells = [origin.cell(c.field) for _, c in entry.columns or ()]
    book = f"{entry.book} " if with_book else ""
    return [f"{book}{cell}{end}" for cell in cells for end in (" (", ": ")]


def _fold(value: object) -> str:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


def _is_header(entry: Entry) -> bool:
    """Whether every filled cell of the row is its column's header (two at least): the header
    row pasted again (half- or full-width brackets alike)."""
    if entry.cells is None or entry.columns is None:
        return False
    alike = 0
    for i, column in entry.columns:
        value = entry.cells[i] if i < len(entry.cells) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if _fold(value) != _fold(column.zh):
            return False
        alike += 1
    return alike >= _HEADER_CELLS


def header_child_row(entry: Entry, problems: list[str]) -> bool:
    """Whether a child row (联系事项, 办理过程…) is the header pasted again: then it is told once
    in ``problems`` (the reader's, without the book's name), its cells' lines taken back, rather
    than as a row whose record 联系编号 is not in the workbook. Asked only of a row whose
    record id is not ASCII (no id is), so a province's rows cost nothing."""
    if not _is_header(entry):
        return False
    cells = tuple(_cell_prefixes(entry, False))
    problems[:] = [p for p in problems if not p.startswith(cells)]
    problems.append(f"{entry.located().cell(None)}: {_HEADER_TOLD}")
    return True


def _told_header(path: str, entry: Entry, with_book: bool) -> str:
    place = entry.located().cell(None)
    if with_book:
        place = f"{entry.book} {place}"
    return f"{place}: {_HEADER_TOLD} — {path}"


def _record(problem: str) -> str:
    m = re.match(r"^\$\.[a-z_]+\[\d+\]", problem)
    return m.group() if m else ""


def _order(path: str) -> tuple[str, int]:
    name, _, index = path[2:-1].partition("[")
    return name, int(index)


def _told(path: str, entry: Entry, blank: int, with_book: bool) -> str:
    origin = entry.located()
    filled = []
    if entry.cells is not None and entry.columns is not None:
        filled = [c.zh for i, c in entry.columns if i < len(entry.cells) and entry.cells[i] not in ("", None)]
    place = where(origin, "id" if origin.sheet is not None and origin.sheet.column("id") else None)
    if with_book:
        place = f"{origin.source} {place}"
    return (
        f"{place}: 这一行不是一条记录：编号一列写的是文字，必填的 {blank} 列都空着（只填了 {'、'.join(filled)}）；"
        f"合计行、填表人、填表日期等表格以外的文字请整行删除（工作表中每一行都按记录导入） — {path}"
    )


__all__ = ["header_child_row", "stray_rows"]
