"""What a clerk may have changed in a workbook's layout, told rather than skipped (softenv import).

The reader takes a sheet by its name and a column by its field name in the hidden row 2. A
sheet renamed (豁免 → 豁免(2025)) or added, or a column inserted (联系电话, no field name), would
otherwise be passed over without a word and its records lost; each is a problem naming the
sheet or the cell, in Chinese as the other import messages are (clerk finding 01).
"""

from __future__ import annotations

import difflib
import functools
import zipfile
from collections.abc import Callable, Container, Sequence
from pathlib import Path
from typing import Any

from softenv_core.io.copied_ids import copied_id_problem
from softenv_core.io.filed_reports import filed_report_change
from softenv_core.io.suggest import closest, echoed
from softenv_core.io.workbook_children import ACCRUE, CHILD_CLASSES, same_record
from softenv_core.io.workbook_collisions import difference, differing_fields, place
from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_keys import record_key
from softenv_core.io.workbook_schema import (
    FIELD_ROW,
    FIRST_ROW,
    HEADER_ROW,
    OPTIONS_SHEET,
    README_SHEET,
    SHEETS,
    Sheet,
    column_letter,
)
from softenv_core.io.workbook_starter import starter_dataset, starter_examples
from softenv_core.model.dataset import COLLECTIONS, Dataset

_EMPTY = ("", None)
#: Sheets of the workbook that hold no records.
OTHER_SHEETS = (README_SHEET, OPTIONS_SHEET)


def _filled(row: Sequence[Any]) -> bool:
    # A cell holding only spaces is empty, as in a record sheet's rows (tclerk 03).
    return any(v not in _EMPTY and not (isinstance(v, str) and v.isspace()) for v in row)


def renamed_record_sheet(rows: Sequence[Sequence[Any]]) -> Sheet | None:
    """The record sheet whose hidden field row this sheet kept (a renamed record sheet), its
    columns in any order and some perhaps deleted (tester t5 04): the sheet holding every field
    name of the row with the fewest columns besides."""
    if len(rows) < FIELD_ROW:
        return None
    fields = {str(v).strip() for v in rows[FIELD_ROW - 1] if v not in _EMPTY}
    if len(fields) < 2:  # one word in row 2 is no field row
        return None
    fitting = [s for s in SHEETS if fields <= {c.field for c in s.columns}]
    return min(fitting, key=lambda s: len(s.columns), default=None)


def unknown_sheet_problem(name: str, rows: Sequence[Sequence[Any]], present: Sequence[str]) -> str | None:
    """The problem of a sheet that is not one of the workbook's, or None when it is empty (a
    blank sheet added by mistake loses nothing). ``present``: the book's sheet names."""
    sheet = renamed_record_sheet(rows)
    if sheet is not None:
        lost = sum(1 for row in rows[FIRST_ROW - 1 :] if _filled(row))
    else:
        lost = sum(1 for row in rows if _filled(row))
    if not lost:
        return None
    if sheet is None:
        names = [s.name for s in SHEETS if s.name not in present]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.3)
        sheet = next((s for s in SHEETS if close and s.name == close[0]), None)
    if sheet is not None and sheet.name not in present:
        hint = f"是否应为 {sheet.name}？请把工作表名改回 {sheet.name}"
    else:
        hint = "工作表名须是起步工作簿（softenv init）中的名称；请把记录移到相应的工作表"
    return f"{name}: 不认识的工作表，其中 {lost} 行有内容、不会导入；{hint} (unknown sheet)"


def unknown_field(sheet: Sheet, name: str) -> str:
    """What a field name in the hidden row 2 that is none of the sheet's says: with the field it
    is closest to (``METHOD``, ``ｍｅｔｈｏｄ``, ``met hod`` → method), which is what the reader
    looks for: the field row is compared exactly (docs/office.md: do not change it)."""
    close = closest(name, [c.field for c in sheet.columns])
    header = next((c for c in sheet.columns if c.zh == name.strip()), None)
    if header is not None:  # the column's 表头 typed over its field name (clerk c50)
        return (
            f"未知字段 {echoed(name, ' 字')}：这是第 1 行的表头，隐藏的第 2 行应写字段名 {header.field}；"
            f"请把这一格改回 {header.field} (unknown field: the header, not the field name {header.field})"
        )
    if close is None:
        return f"未知字段 {echoed(name, ' 字')} (unknown field)"
    zh = next(c.zh for c in sheet.columns if c.field == close)
    return f"未知字段 {echoed(name, ' 字')}；是否应为 {close}（{zh}）？请把字段名改回 {close} (unknown field)"


#: The fields that say which record a row is (or whose child it is, and where): without their
#: column the rows cannot be told apart, so a sheet missing one is not read at all.
_KEYS = frozenset({"id", "code", "@parent", "@seq", "@amendment"})
_RATING_KEYS = frozenset({"round", "rater", "department"})


def missing_columns(
    sheet: Sheet, present: set[str], field_row: Sequence[Any] = ()
) -> tuple[list[str], list[str], bool]:
    """The problems of the sheet's columns not in its field row (a column the clerk deleted: tester
    t5 01), the fields missing, and whether one of them is a key (the sheet cannot be read).

    Every column of the starter workbook is required, even one whose cells may all be empty: a
    workbook is no JSON document where a key left out means its default. The clerk's values were
    in the column, and read as the default they would change figures without a word (是否联系上
    deleted: every contact 否 became 是, the points' 按月联系 scores rose). ``field_row``: row 2 as
    typed; a column whose header is written there was not deleted (clerk c50)."""
    keys = _KEYS | (_RATING_KEYS if sheet.collection == "ratings" else frozenset())
    problems, fields = [], []
    typed = {str(name).strip() for name in field_row if name not in ("", None)}
    for i, col in enumerate(sheet.columns):
        if col.field in present:
            continue
        fields.append(col.field)
        if col.zh in typed:  # its field name overwritten by its header: told at that cell (unknown_field)
            continue
        problems.append(
            f"{sheet.name}: 缺少列 “{col.zh}”（隐藏的第 {FIELD_ROW} 行字段名 {col.field}，起步工作簿中在 "
            f"{column_letter(i)} 列），是否被删除了？"
            "工作簿须保留起步工作簿（softenv init）的每一列，不填的单元格留空即可；"
            f"请从 softenv init 写出的工作簿复制该列（连同第 {FIELD_ROW} 行的字段名） (missing column)"
        )
    return problems, fields, any(f in keys for f in fields)


def unlabelled_column_problems(sheet: Sheet, rows: Sequence[Sequence[Any]], known: set[int]) -> list[str]:
    """A problem per column with content but no known field name in the hidden row 2 (a column
    the clerk inserted): its cells would not be read. ``known``: the indexes read; a column whose
    row 2 has an unknown name is told elsewhere."""
    width = max(len(rows[HEADER_ROW - 1]), len(rows[FIELD_ROW - 1]))
    field_row = rows[FIELD_ROW - 1]
    problems = []
    for i in range(width):
        if i in known or (i < len(field_row) and field_row[i] not in _EMPTY):
            continue
        header = rows[HEADER_ROW - 1][i] if i < len(rows[HEADER_ROW - 1]) else None
        filled = sum(1 for row in rows[FIRST_ROW - 1 :] if i < len(row) and row[i] not in _EMPTY)
        if header in _EMPTY and not filled:
            continue
        what = f"列 {str(header)!r}" if header not in _EMPTY else "这一列"
        problems.append(
            f"{sheet.name}!{column_letter(i)}{HEADER_ROW}: {what}在隐藏的第 {FIELD_ROW} 行没有字段名，"
            f"其中 {filled} 个单元格不会导入；请删除此列，或把内容填到已有的列 (column without a field name)"
        )
    return problems


def merged_problems(sheet: Sheet, ranges: Sequence[Any] | None) -> tuple[list[str], set[str]]:
    """A problem per merged range among the records (calamine's 0-based ``((row, col), (row,
    col))``), and the cells it covers but its first: the clerk sees the value in each, the file
    holds it in the first only, so the others would read as empty (clerk finding 06). Their
    follow-on problems (必填) are not told again."""
    problems, covered = [], set()
    for (r1, c1), (r2, c2) in ranges or ():
        if r2 < FIRST_ROW - 1:
            continue  # the header rows: merged titles lose no record
        first = f"{column_letter(c1)}{r1 + 1}"
        cells = {f"{sheet.name}!{column_letter(c)}{r + 1}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        cells.discard(f"{sheet.name}!{first}")
        covered |= cells
        problems.append(
            f"{sheet.name}!{first}:{column_letter(c2)}{r2 + 1}: 合并单元格，值只在 {first} 中，"
            f"其余 {len(cells)} 个单元格导入时是空的；请取消合并并逐行填写 (merged cells)"
        )
    return problems, covered


def book_file_problem(path: Path, name: str) -> str | None:
    """What is wrong with ``path`` as a workbook file, in plain Chinese, before the reader's own
    (English, Rust) message would say it (clerk finding 11); None when it may be a workbook."""
    if path.name.startswith("~$"):
        # Excel and WPS write ~$BOOK.xlsx beside a workbook they have open (hidden in Explorer,
        # so picked up by *.xlsx): refused rather than skipped, since the workbook it stands for
        # may hold edits not yet saved (clerk tclerk 07).
        return f"{name}: 这是 Excel 打开工作簿时生成的临时锁定文件，请关闭 Excel 后重试或不要选择它"
    try:
        if path.is_dir():
            return f"{name}: 这是文件夹，不是工作簿；请给出 .xlsx 文件"
        with path.open("rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        return f"{name}: 找不到文件 {path}"
    except PermissionError:
        return f"{name}: 无权读取此文件"
    except OSError as exc:
        return f"{name}: 无法读取此文件：{exc.strerror or type(exc).__name__}"
    if not head:
        return f"{name}: 文件是空的（0 字节）；请选择填好的工作簿"
    if head == b"\xd0\xcf\x11\xe0":
        return _ole_problem(path, name)
    if head != b"PK\x03\x04":
        return f"{name}: 不是 Excel 工作簿（.xlsx）；JSON 数据集请用 --into 加入，其他文件请先在 Excel 中另存为 .xlsx"
    return _zip_problem(path, name)


#: The stream names, as an OLE (CFB) directory stores them (UTF-16LE), that tell its kind.
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def _has_stream(path: Path, names: Sequence[bytes]) -> bytes | None:
    """The first of ``names`` found in the file, read a chunk at a time (the directory may sit
    anywhere in the container); a byte scan rather than an OLE parser, olefile being no dependency."""
    overlap = max(len(n) for n in names)
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            for n in names:
                if n in data:
                    return n
            tail = data[-overlap:]
    return None


def _ole_problem(path: Path, name: str) -> str:
    """An OLE (CFB) file: an old .xls or .doc, or (clerk tclerk 14) an .xlsx with an open password,
    which Excel writes as a CFB holding EncryptionInfo and EncryptedPackage: "另存为 .xlsx" keeps
    the password, so that advice would loop."""
    found = _has_stream(path, (_ENCRYPTED, _WORD_STREAM))
    if found == _ENCRYPTED:
        return f"{name}: 工作簿有密码保护，请取消密码后另存再导入（文件→信息→保护工作簿→用密码进行加密，清空密码）"
    if found == _WORD_STREAM:
        return f"{name}: 这是旧版 Word 文档（.doc），不是 Excel 工作簿"
    return f"{name}: 这是旧版 Excel 文件（.xls）；请在 Excel 中“另存为”.xlsx 再导入"


def _zip_problem(path: Path, name: str) -> str | None:
    """A zip that is a Word document (a .docx saved or renamed as .xlsx), rather than the reader's
    "styleSheet" (clerk tclerk 14); None for anything else, which the reader judges."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names and not any(n.startswith("xl/") for n in names):
        return f"{name}: 这是 Word 文档，不是 Excel 工作簿；请选择 .xlsx 工作簿"
    if path.suffix.lower() in (".xls", ".et") and any(n.startswith("xl/") for n in names):
        # The reader goes by the name: it read `Cfb error: Invalid OLE` (clerk c50).
        return f"{name}: 文件名以 {path.suffix} 结尾，但内容是 .xlsx 工作簿（扩展名被改过）；请改为以 .xlsx 结尾再导入"
    return None


#: How many rows a clerk may have inserted above the headers (a title, a date line) and still be told so.
_INSERTED = 3


def _shifted_field_row(sheet: Sheet, rows: Sequence[Sequence[Any]]) -> int | None:
    """The row (from 1) below row 2 holding the sheet's field names, when rows were inserted above
    the headers (a title row before printing: tclerk 17), or None."""
    for r in range(FIELD_ROW, min(len(rows), FIELD_ROW + _INSERTED)):
        names = [str(v) for v in rows[r] if v not in _EMPTY]
        if names and all(sheet.column(n) is not None for n in names):
            return r + 1
    return None


def field_row_problem(sheet: Sheet, unknown: int, known: int, rows: Sequence[Sequence[Any]] = ()) -> str | None:
    """One problem for a field row that holds no field name at all (the hidden row 2 deleted or
    overwritten): rather than an "unknown field" per cell of the record that moved up into it.
    Field names a row or few lower mean rows inserted above the headers: deleting them is the fix."""
    if known:
        return None
    shifted = _shifted_field_row(sheet, rows)  # row 2 empty too when two rows were inserted
    if shifted is not None and not _headers(sheet, rows[shifted - 2]):
        shifted = None  # the headers stayed in row 1: the field row moved (a sort), no row inserted
    if shifted is not None:
        inserted = shifted - FIELD_ROW
        return (
            f"{sheet.name}!A{HEADER_ROW}: 表头应在第1行，请删除表头上方插入的行（插入了 {inserted} 行，"
            f"字段名现在在第 {shifted} 行，应在隐藏的第 {FIELD_ROW} 行）；"
            "本表未能导入 (rows inserted above the headers)"
        )
    if not unknown:
        return None
    moved = _moved_field_row(sheet, rows)
    if moved is not None:
        return (
            f"{sheet.name}!A{moved}: 隐藏的第 {FIELD_ROW} 行（字段名）现在在第 {moved} 行，本表无法读取："
            f"是否排序时连同它一起排了？请撤销排序，或把第 {moved} 行剪切回第 {FIELD_ROW} 行；"
            f"排序时只选第 {FIELD_ROW + 1} 行起的记录"
            " (field row moved)"
        )
    return (
        f"{sheet.name}!A{FIELD_ROW}: 隐藏的第 {FIELD_ROW} 行（字段名）被删除或改动，本表无法读取；"
        f"请从 softenv init 写出的工作簿复制该行 (field row missing)"
    )


def _headers(sheet: Sheet, row: Sequence[Any]) -> bool:
    """Whether ``row`` holds the sheet's headers (中文表头), as a row above the field names does
    when rows were inserted above both: most of its cells, a header or two retyped kept."""
    names = {c.zh for c in sheet.columns}
    shown = [str(v).strip() for v in row if v not in _EMPTY]
    return bool(shown) and 2 * sum(v in names for v in shown) >= len(shown)


def _moved_field_row(sheet: Sheet, rows: Sequence[Sequence[Any]]) -> int | None:
    """The row (from 1) among the records holding the sheet's field names, or None: a sort over
    the whole sheet moves the hidden row 2 with the records (clerk c44: it was told deleted, and
    copying it from a new starter workbook left the copy below among the records)."""
    for r in range(FIELD_ROW, len(rows)):
        names = [str(v) for v in rows[r] if v not in _EMPTY]
        if len(names) > 1 and all(sheet.column(n) is not None for n in names):
            return r + 1
    return None


def example_rows(
    dataset: Dataset, where: Callable[[str, int], str | None], held: Callable[[str, int], str | None]
) -> list[str]:
    """A warning per record that is one of the starter workbook's example rows unchanged (clerk
    finding 22): left above the clerk's own rows, an example waiver, complaint or nomination would
    count in the year's results. ``where(collection, index)`` names the record's row, or None for
    a record not read from a workbook row; ``held`` names a record of the ``--into`` dataset (no
    row to delete: the record is to be deleted there, tester t11 06), or None.

    The city is not told: the starter's example city is the demo's (so the export of the demo would
    be told on every import), and a city row left from the starter comes with its example counties,
    which are told."""
    out = []
    for name, i in starter_examples(dataset):
        if (at := where(name, i)) is not None:
            out.append(f"{at}: 是起步工作簿（softenv init）的示例行，原样导入了；不是真实记录请删除此行再导入")
        elif (there := held(name, i)) is not None:
            record = getattr(dataset, name)[i]
            out.append(
                f"{there} ({_KIND_OF[name]} {_named(record)}): 与起步工作簿（softenv init）的示例记录相同，"
                "是示例数据、不是真实记录；请从该数据集中删除，或用 --out 导入到新的数据集"
            )
    return out


def example_records(dataset: Dataset) -> list[str]:
    """The records of ``dataset`` equal to a starter example but its county (a clerk may keep the
    example's 示范区 row as her county), as ``月报 R-379902-2025-03``: a file holding them is
    example data, not a dataset to add a workbook to (tester t11 06)."""
    found = [(n, i) for n, i in starter_examples(dataset) if n != "counties"]
    return [f"{_KIND_OF[n]} {_named(getattr(dataset, n)[i])}" for n, i in found]


#: A record kind's Chinese: its sheet's name.
_KIND_OF = {s.collection: s.name for s in SHEETS if s.child is None}


def _named(record: Any) -> str:
    if hasattr(record, "id"):
        return str(record.id)
    if hasattr(record, "code"):
        return str(record.code)
    return f"{record.round} {record.rater} → {record.department}"  # a rating


def clash_problems(clashes: list[tuple[Entry, Entry, Sheet]], merged: dict[str, dict[Any, Entry]]) -> list[str]:
    """:func:`collision_problem` of each row of ``clashes`` (the row, the record given first),
    told once ``merged`` holds every record's key (the books' and the dataset's)."""
    taken = {name: set(merged[name]) for name in {sheet.collection for _, _, sheet in clashes}}
    return [collision_problem(entry, first, sheet, taken[sheet.collection]) for entry, first, sheet in clashes]


def collision_problem(entry: Entry, first: Entry, sheet: Sheet, taken: Container[Any] = ()) -> str:
    """The problem of a row (``entry``) whose record is given already (``first``: another
    workbook, the ``--into`` dataset) with other content, at the first differing cell and naming
    each differing column on both sides (c21); the starter's example row left in is told as that
    (t5 03), not as a record to append child rows to. ``taken``: the ids of the sheet's kind in
    the books and the dataset (a new id suggested for a copied row is none of them)."""
    if example_row(sheet, entry.raw):
        example = "这是起步工作簿（softenv init）中的示例行"
        return f"{place(entry)}: {example}，与 {place(first)} 的记录不同；请删除此行 (the starter's example row)"
    same = "轮次、评议人和部门" if sheet.collection == "ratings" else "编号"
    fields = differing_fields(sheet, entry, first)
    if (copied := copied_id_problem(sheet, entry, first, fields, taken)) is not None:
        return copied  # last month's id on this month's row: not a record to change (c55 02)
    amend = filed_report_change(sheet, entry, first, fields)  # a filed report: amended (c53 01)
    if amend is not None and not fields:
        return amend
    if not fields:  # only the child rows differ
        return (
            f"{place(entry)}: 与 {place(first)} {same}相同而内容不同；给已有记录追加办理过程、事项等，"
            "只填子表的行（所属记录编号和序号）即可 (the same record with different content)"
        )
    return (
        f"{place(entry, fields[0])}: 与 {place(first)} {same}相同而内容不同："
        + difference(sheet, entry, first, fields)
        + "；"
        + (amend or _what_to_do(entry, first) + (_APPEND if _appends(sheet, entry, first) else ""))
        + ("" if amend else " (the same record with different content)")
    )


def repeated_row(entry: Entry, first: Entry, sheet: Sheet) -> str | None:
    """A note for a row that repeats an earlier row of the same sheet, loaded once (a row pasted
    twice: clerk c45 was told nothing); None for a record also in another workbook or the
    ``--into`` dataset (importing a month again is how an import is repeated, not a slip)."""
    if not _same_sheet(entry, first):
        return None
    same = "轮次、评议人和部门" if sheet.collection == "ratings" else "编号"
    return (
        f"{place(entry)}: 与 {place(first)} 完全相同，只导入一次；是否重复粘贴了一行？"
        f"如确是两条记录，请改正其中一行的{same} (the same row twice: loaded once)"
    )


def _what_to_do(entry: Entry, first: Entry) -> str:
    """What the clerk can do about a record given twice with other content: where the first is
    decides it (clerk c33: one sheet's repeat, and an edit of a record the --into dataset holds,
    were both told to make two workbooks agree)."""
    if first.columns is None:  # a record of the --into dataset: an import only adds
        return (
            "导入（--into）只追加新记录和子表的行，不修改数据集中已有的记录；要修改已有记录，请 softenv export "
            "导出整个数据集，在导出的工作簿中改好后用 softenv import --out 导入为新的数据集文件，以后各月都加进新文件"
        )
    if _same_sheet(entry, first):
        return "同一工作表中一条记录只写一行，请删除或改正其中一行"
    return "同一条记录在各工作簿中须填写一致，请改正其中一处"


_APPEND = "；给已有记录追加办理过程、事项等，只填子表的行（所属记录编号和序号）即可"


def _appends(sheet: Sheet, entry: Entry, first: Entry) -> bool:
    """Whether the record could have been meant as one to append child rows to: one of a record
    kind with children, given before in another workbook or the dataset; not a row written twice
    in one sheet (clerk c34: told how to append steps to it). A record of the ``--into`` dataset
    takes only what accrues (a complaint's steps, a report's amendments, a topic's progress), and
    a point's child rows (前任联系人) never go by themselves: the advice sent a clerk who typed
    the new 联系人（定人） to drop the point's row and keep its 前任联系人 row, which is refused
    for a point of the dataset too (clerk c46)."""
    if _same_sheet(entry, first) or sheet.collection == "points":
        return False
    if first.columns is None:  # a record of the --into dataset
        return any(name == sheet.collection for name, _ in ACCRUE)
    return _has_children(sheet)


def _same_sheet(entry: Entry, first: Entry) -> bool:
    """Whether two entries of one record are rows of one sheet of one workbook."""
    return first.book == entry.book and first.sheet is entry.sheet


def _has_children(sheet: Sheet) -> bool:
    return any(name == sheet.collection and child is not None for name, child in CHILD_CLASSES)


def example_row(sheet: Sheet, raw: dict[str, Any]) -> bool:
    """Whether a record read from a row (``raw``, its children aside) is the starter workbook's
    example row of its sheet as written: told as such when it collides with a record of the
    dataset (tester t5 03), rather than as the same record with other content."""
    example = _example_documents().get(sheet.name)
    if example is None or record_key(sheet, raw) != record_key(sheet, example):
        return False
    # The example's children stand in for the row's: only the row's own cells are compared.
    children = {c: example[c] for (name, c) in CHILD_CLASSES if name == sheet.collection and c is not None}
    return same_record(dict(COLLECTIONS)[sheet.collection], example, {**raw, **children})


@functools.cache
def _example_documents() -> dict[str, dict[str, Any]]:
    """Record sheet name → the starter's example record of it, as the dataset document holds it."""
    from softenv_core.io.dataset_files import dump_dataset

    doc = dump_dataset(starter_dataset())
    return {
        s.name: doc[s.collection][0]
        for s in SHEETS
        if s.child is None and s.collection != "city" and doc.get(s.collection)
    }


__all__ = [
    "OTHER_SHEETS",
    "book_file_problem",
    "clash_problems",
    "collision_problem",
    "example_row",
    "example_rows",
    "field_row_problem",
    "merged_problems",
    "missing_columns",
    "renamed_record_sheet",
    "repeated_row",
    "unknown_field",
    "unknown_sheet_problem",
    "unlabelled_column_problems",
]
