"""Where a dataset check's problem is in the workbooks it was read from: ``$.points[4].enterprise.uscc:
message`` placed at its cell (``监测点!D7 (P1 统一社会信用代码): 校验位错误 — $.points[4]…``), and a path
inside a message named by its cell. Split from io.workbook_read."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from softenv_core.io.dataset_files import without_record_ids
from softenv_core.io.filed_reports import duplicate_month, misfiled_month
from softenv_core.io.workbook_entries import Entry, where
from softenv_core.io.workbook_messages import zh_message
from softenv_core.io.workbook_refused import explained, items_unread
from softenv_core.io.workbook_schema import SHEETS
from softenv_core.io.workbook_stray_rows import stray_rows

_PROBLEM = re.compile(r"^(\$[^\s:]*): (.*)$", re.DOTALL)
_SEGMENT = re.compile(r"(\.[A-Za-z_]+|\[\d+\])$")
#: A record's path inside a message, with the field it names, if any (group 1: the record).
_INNER_PATH = re.compile(r"(\$\.[a-z_]+\[\d+\](?:\.[a-z_]+\[\d+\])*)(?:\.([a-z_]+)\b)?")


def placed(
    found: Sequence[str],
    origins: dict[str, Entry],
    merged: dict[str, dict[Any, Entry]],
    unread: dict[str, str],
    reported: set[str],
    with_book: bool,
    earlier: list[str],
) -> list[str]:
    """The dataset checks' problems placed at their cells; a cell already told about is left out;
    a row holding no record (a 合计 row) once, at its id cell, its blank-cell lines taken out of
    ``earlier``, the problems told while reading (io/workbook_stray_rows.py)."""

    def explain(message: str, path: str) -> str | None:
        return explained(message, merged, unread, with_book, path) or items_unread(path, message, origins, unread)

    found, out = stray_rows(found, origins, with_book, earlier)
    for p in found:
        cell, text = map_problem(p, origins, with_book, explain)
        if cell not in reported:  # a cell already told about once, as it was typed
            out.append(text)
    return out


def map_problem(
    problem: str, origins: dict[str, Entry], with_book: bool, explain: Callable[[str, str], str | None]
) -> tuple[str, str]:
    """``$.points[4].enterprise.uscc: message`` → ``监测点!D7 (P1 统一社会信用代码): 校验位错误 — $.points[4]…``,
    with the cell (``book sheet!D7``) it is about."""
    stripped = without_record_ids(problem)  # the cell names the record already
    m = _PROBLEM.match(misfiled_month(stripped, origins) or stripped)  # at the row to fix (c62 06)
    if not m:
        return "", problem
    path, message = m[1], m[2]
    prefix, rest = path, ""
    while prefix not in origins:
        seg = _SEGMENT.search(prefix)
        if seg is None:
            return "", problem
        rest = seg.group() + rest
        prefix = prefix[: seg.start()]
    origin = origins[prefix].located()
    field = re.sub(r"\[\d+\]$", "", rest.lstrip(".")) or None
    if field == "items" and message.startswith(_UNREACHED):
        # Fixed at 是否联系上 (or by moving the items, named by their rows), not at the id (r3 06).
        field, rows = "reached", _item_rows(origins[prefix])
    else:
        rows = ""
    if not field and _ORDER.search(m[2]):  # an event out of order: at its 环节 cell, not the row's A (a60 06)
        field = "type"
    field = field if origin.sheet is not None and field and origin.sheet.column(field) is not None else None
    message = (
        explain(message, path)
        or duplicate_month(message, origins, origins[prefix], with_book)
        or _INNER_PATH.sub(lambda p: _cell_of(p, origins), zh_message(message))
    )
    message += rows
    if m[2] == "required field missing" and field in ("id", "code") and not origin.label:
        message += _leftover(origins[prefix])
    if field == "item" and _counts_from_one(origins[prefix]):
        message = _NO_ITEM.sub(_one_based, message)
    cell = f"{origin.source} {origin.cell(field)}"
    if origin.sheet is None:
        # A record of the --into dataset: no cell holds it, its place is its $.path with its id,
        # as `softenv validate` names it (clerk c34: `d.json $.points[1]: … — $.points[1].…`).
        shown = problem[: len(problem) - len(m[2]) - 2]
        return cell, f"{origin.source.rsplit(' $.', 1)[0]} {shown}: {message}"
    place = where(origin, field)
    if with_book:
        place = f"{origin.source} {place}"
    return cell, f"{place}: {message} — {path}"


def _leftover(entry: Entry) -> str:
    """For a row without its id: the cells it does hold, and to delete the row if it is not meant
    as a record (an example row half cleared: its drop-down cells left, c30 05)."""
    if entry.cells is None or entry.columns is None:
        return ""
    filled = [c.zh for i, c in entry.columns if i < len(entry.cells) and entry.cells[i] not in ("", None)]
    if not filled:
        return ""
    return f"；这一行没有编号，只填了 {'、'.join(filled)}；不要的行（如删剩的示例行）请整行删除"


#: The model's refusals of an event's place in the order (model/complaints.event_order_problems).
_ORDER = re.compile(r"^\S+ cannot (?:follow .+?; allowed: |come when the complaint is )")
#: The English of model/reports.py's refusal of items on a contact not reached.
_UNREACHED = "a contact not reached (reached: false) has no items"


def _item_rows(entry: Entry) -> str:
    """``(事项在 联系事项!A4、A5)``: the rows a contact's items were read from; none for a contact
    of the ``--into`` file (its items have no cell)."""
    rows = [c.origin for _, c in entry.children.get("items", ()) if c.sheet is not None]
    if not rows:
        return ""
    return f"（事项在 {rows[0].cell()}" + "".join(f"、{o.cell()}" for o in rows[1:]) + ")"


#: The Chinese of references.py's "has N item(s), no item K" (K the 0-based position).
_NO_ITEM = re.compile(r"只有 (\d+) 个事项，没有事项 (\d+)")


def _counts_from_one(entry: Entry) -> bool:
    """Whether the record's 事项序号 was read from a cell counting from 1 (not an old header's 0)."""
    return any(c.field == "item" and c.kind == "item" for _, c in entry.columns or ())


def _one_based(m: re.Match[str]) -> str:
    # The clerk typed the 序号 (from 1): the message names that, not the dataset's position.
    count = int(m[1])
    listed = f"（序号 1 至 {count}）" if count > 1 else "（序号 1）" if count else ""
    return f"只有 {count} 个事项{listed}，没有序号为 {int(m[2]) + 1} 的事项"


def _cell_of(path: re.Match[str], origins: dict[str, Entry]) -> str:
    """A path inside a message as the cell it names (``名册调整!E3``, not ``名册调整!A3.effective``:
    t5 02); a record of the ``--into`` file keeps its field's path there."""
    entry = origins.get(path[1])
    if entry is None:
        return path.group()
    origin = entry.origin
    if origin.sheet is None:
        return origin.cell() + (f".{path[2]}" if path[2] else "")
    return origin.cell(path[2] if path[2] and origin.sheet.column(path[2]) is not None else None)


#: A problem's place as the import names it: ``[book ]sheet!C5``; the book as the problems name it.
_PLACE = re.compile(rf"^(?:(.+?) )?({'|'.join(re.escape(s.name) for s in SHEETS)})!([A-Z]+)(\d+)\b")
_SHEET_RANK = {s.name: i for i, s in enumerate(SHEETS)}


def in_sheet_order(problems: Sequence[str], books: Sequence[str]) -> list[str]:
    """``problems`` in the order a clerk goes through the workbooks: by book (as given), sheet (as
    the workbook orders them), row, then column; several at one cell in the order found. The
    import finds them in passes (cells as read, then the dataset's checks), which listed a
    check's problem at row 4 after a cell's at row 6 (clerk c48). A problem naming no cell (a
    workbook as a whole, a record of the ``--into`` file by its ``$.path``) comes first, in the
    order found."""

    def key(problem: str) -> tuple[int, int, int, int]:
        m = _PLACE.match(problem)
        if m is None:
            return (-1, 0, 0, 0)
        book = books.index(m[1]) if m[1] in books else (0 if m[1] is None else len(books))
        column = 0
        for letter in m[3]:
            column = column * 26 + ord(letter) - 64
        return (book, _SHEET_RANK[m[2]], int(m[4]), column)

    return sorted(problems, key=key)


__all__ = ["in_sheet_order", "map_problem", "placed"]
