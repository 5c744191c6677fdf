"""Writing a dataset as the office workbook (softenv init / export), with XlsxWriter; and
:func:`save_atomic`, through which every office file is saved.

XlsxWriter's ``constant_memory`` mode streams rows to the file, so that a province's dataset
(millions of cells) is written in bounded memory; the drop-downs, hidden field row, frozen
header and column formats are all supported there. XlsxWriter is imported here only
(``office`` extra); openpyxl writes the results workbooks (render/xlsx_results).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from softenv_core._validators import LabelledEnum
from softenv_core.errors import SoftenvError, office_missing
from softenv_core.io.atomic import (
    ZIP_EPOCH,
    drop_open_zips,
    make_folder,
    output_target,
    umask,
    undate_zip,
    unwritable,
)
from softenv_core.io.workbook_readme import EMPTY_README, README
from softenv_core.io.workbook_schema import (
    BOOL_LABELS,
    ENUMS,
    FIELD_ROW,
    OPTIONS_SHEET,
    README_SHEET,
    SHEETS,
    Column,
    Sheet,
    column_letter,
)
from softenv_core.io.workbook_text import LINE_IN_ITEM, RISKY_FIRST, formula_like, held, inline_text
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING

# A moment column shows its time (also in the rows a clerk adds): the import refuses a moment cell
# whose format shows only a day (io/workbook_formats.py), so the library's own must show one.
#: How every workbook the library writes shows a day (the dataset's, the results').
DAY_FORMAT = "yyyy-mm-dd"
_FORMATS = {"date": DAY_FORMAT, "datetime": f"{DAY_FORMAT} hh:mm:ss", "id": "@", "code": "@", "parent": "@"}

#: The drop-down's warning for a value not in its list (Excel then asks whether to keep it).
_OFF_LIST = (
    "请从下拉列表中选择；英文代码（如 medium）和 是/否 列的 TRUE/FALSE、1/0 也可以，导入时会检查。要保留请选“是”。"
)


def to_cell(column: Column, value: Any) -> Any:
    """A record's field value as a cell value: labels for enums (also an enum's code the model
    holds as text: 专项调研's 类别), Beijing wall time for moments."""
    if value is None:
        return None
    if isinstance(value, LabelledEnum):  # in the column's labels (名册调整's 调整方: RosterSide)
        return value.zh if column.enum is None or type(value) is column.enum else column.enum.from_value(value.value).zh
    kind = column.kind
    if column.enum is not None:
        return column.enum.from_value(value).zh
    if kind == "bool":
        return BOOL_LABELS[0] if value else BOOL_LABELS[1]
    if kind == "item":
        return value + 1  # 序号 counts from 1, as in 联系事项 and 月报事项
    if kind == "datetime":
        # Excel has no offsets: the workbook shows Beijing time (the 说明 sheet says so). A cell
        # holds a moment to the millisecond, read back rounded to the nearest: a report sent at
        # 23:59:59.9999 on its due day came back at 00:00:00 the next, late. Cut to the
        # millisecond, a moment stays on the same side of every deadline (all whole seconds).
        wall = value.astimezone(BEIJING)
        return wall.replace(microsecond=wall.microsecond - wall.microsecond % 1000, tzinfo=None)
    if kind == "list":
        return "、".join(value)
    if kind in ("lines", "names"):
        # Texts that may themselves contain 、, one a line; a text's own line break as LINE_IN_ITEM,
        # each text held first (its own U+2028 as <U+2028>): the cell is written as it is.
        return _Shown("\n".join(held(t).replace("\n", LINE_IN_ITEM) for t in value))
    if kind in ("month", "half"):
        return str(value)
    return value


class _Shown(str):
    """A cell's text already held (:func:`to_cell` of a ``lines`` column): written with its
    LINE_IN_ITEM kept, made inert (quote prefix) when formula-like."""


def _require_xlsxwriter() -> Any:
    try:
        import xlsxwriter
    except ImportError:  # pragma: no cover - the extra is installed in this repository
        raise office_missing() from None
    return xlsxwriter


def sheet_rows(dataset: Dataset, sheet: Sheet) -> Iterator[list[Any]]:
    """The cell values of ``sheet``'s records, row by row, in dataset order (record text as it
    is: the writer makes it inert, :func:`_write_text`)."""
    getters = [(c, attrgetter(c.field)) for c in sheet.columns if not c.field.startswith("@")]
    if sheet.collection == "city":
        records: Any = (dataset.city,)
    else:
        records = getattr(dataset, sheet.collection)
    if sheet.child is None:
        for r in records:
            yield [to_cell(col, get(r)) for col, get in getters]
        return
    for parent in records:
        if sheet.name == "月报事项":
            versions = [(0, parent.items)] + [(k, a.items) for k, a in enumerate(parent.amendments, 1)]
            for k, children in versions:
                for j, child in enumerate(children, 1):
                    yield [parent.id, k, j, *(to_cell(col, get(child)) for col, get in getters)]
            continue
        for j, child in enumerate(getattr(parent, sheet.child), 1):
            yield [parent.id, j, *(to_cell(col, get(child)) for col, get in getters)]


def write_workbook(dataset: Dataset, path: Path, *, records: bool = True) -> None:
    """Write ``dataset`` as the office workbook at ``path`` (atomically: a temporary sibling
    and a rename). ``records=False`` writes its sheets without a record row: headers, formats,
    drop-downs and the 说明 sheet only (``softenv init --empty``: clerk c41, who deleted the
    starter's example rows by hand)."""
    # XlsxWriter is looked for before save_atomic makes a temporary file for it.
    save_atomic(_DatasetBook(dataset, _require_xlsxwriter(), records), path)


class _DatasetBook:
    """The office workbook of a dataset, written with XlsxWriter when :func:`save_atomic` gives
    it its (temporary) path.

    XlsxWriter's ``constant_memory`` mode streams each sheet's rows to a scratch file as they
    are written, so a province (14 million cells) is written in bounded memory, about 1.5 times
    as fast as openpyxl's write-only mode, and its workbook is read back faster too
    (docs/performance.md, "Workbooks"). The results workbooks (render/xlsx_results) are small
    and stay with openpyxl."""

    def __init__(self, dataset: Dataset, xlsxwriter: Any, records: bool = True) -> None:
        self.dataset = dataset
        self.xlsxwriter = xlsxwriter
        self.records = records

    def save(self, path: Path) -> None:
        xlsxwriter = self.xlsxwriter
        with tempfile.TemporaryDirectory() as scratch:  # its row files go with it, whatever happens
            options = {
                "constant_memory": True,
                "tmpdir": scratch,
                # Text is text: never made a formula, a link or a number (inert text, DESIGN 8).
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            }
            wb = _inert_workbook(xlsxwriter)(str(path), options)
            # The file holds no clock (platform round 3, finding 13): created and modified both
            # the zip epoch, as save_atomic dates an openpyxl workbook without a stamp.
            wb.set_properties({"created": datetime(*ZIP_EPOCH)})
            formats = _Formats(wb)
            _write_readme(wb, formats, README if self.records else EMPTY_README)
            option_ranges: dict[type, str] = {}
            for i, enum in enumerate(ENUMS):
                letter = column_letter(i)
                option_ranges[enum] = f"='{OPTIONS_SHEET}'!${letter}$2:${letter}${len(enum) + 1}"
            bool_letter = column_letter(len(ENUMS))
            bool_range = f"='{OPTIONS_SHEET}'!${bool_letter}$2:${bool_letter}$3"
            for sheet in SHEETS:
                _write_record_sheet(
                    wb, formats, self.dataset if self.records else None, sheet, option_ranges, bool_range
                )
            options_sheet = wb.add_worksheet(OPTIONS_SHEET)
            options_sheet.hide()
            columns = [[e.__name__, *(m.zh for m in e)] for e in ENUMS] + [["bool", *BOOL_LABELS]]
            for r in range(max(len(c) for c in columns)):  # row by row: constant_memory writes rows in order
                for c, values in enumerate(columns):
                    if r < len(values):
                        options_sheet.write_string(r, c, values[r])
            try:
                wb.close()
            except xlsxwriter.exceptions.FileCreateError as exc:
                # XlsxWriter wraps an OSError in the zip's writing (a full disk) in its own error,
                # which is none: the caller tells an OSError as 不能写入 <file>, not a traceback.
                cause = exc.args[0] if exc.args else None
                raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None


@functools.cache
def _inert_workbook(xlsxwriter: Any) -> Any:
    """XlsxWriter's ``Workbook`` whose worksheets write a cell's text through
    :func:`~softenv_core.io.workbook_text.inline_text` instead of XlsxWriter's own escape, which
    let a record text through as rich-text XML (a live formula cell) or as ``_xHHHH_`` escapes."""

    class InertWorksheet(xlsxwriter.worksheet.Worksheet):  # type: ignore[misc]
        # XlsxWriter calls this on each inline string's text just before writing it (worksheet.py
        # _write_cell); tests/test_office_text.py fails if a version stops doing so.
        _escape_control_characters = staticmethod(inline_text)

    class InertWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
        worksheet_class = InertWorksheet

    return InertWorkbook


class _Formats:
    """The cell formats of the office workbook, made once per workbook."""

    def __init__(self, wb: Any) -> None:
        self.columns = {kind: wb.add_format({"num_format": shown}) for kind, shown in _FORMATS.items()}
        self.day = self.columns["date"]
        self.moment = self.columns["datetime"]
        self.header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "pattern": 1, "text_wrap": True})
        self.header.set_align("vcenter")
        self.quoted = wb.add_format({"quote_prefix": True})  # Excel/WPS keep it text when a clerk edits it
        self.title = wb.add_format({"bold": True, "font_size": 14})


def _write_readme(wb: Any, formats: _Formats, readme_rows: tuple[tuple[str, str], ...]) -> None:
    """The 说明 sheet: the README's keys and texts, its title in large bold."""
    readme = wb.add_worksheet(README_SHEET)
    readme.set_column(0, 0, 22)
    # The texts wrap within column B (up to 90 characters ran past it on screen and onto a second
    # printed page, the keys on one page and their texts on another: clerk c35); printed A4, one page wide.
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    readme.set_column(1, 1, 100, wrap)
    readme.set_paper(9)
    readme.fit_to_pages(1, 0)
    for i, (key, text) in enumerate(readme_rows):
        if key:
            readme.write_string(i, 0, key, formats.title if i == 0 else wrap)
        if text:
            readme.write_string(i, 1, text, wrap)
            # Rows as tall as their wrapped lines: neither LibreOffice nor WPS grows a row on opening.
            wide = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
            readme.set_row(i, 16 * -(-wide // 96))


def _write_record_sheet(
    wb: Any, formats: _Formats, dataset: Dataset | None, sheet: Sheet, option_ranges: dict[type, str], bool_range: str
) -> None:
    """One record sheet: widths, formats, drop-down lists, the header and field rows, the records
    (none without a ``dataset``: the empty starter)."""
    ws = wb.add_worksheet(sheet.name)
    first = FIELD_ROW  # the first record's row, 0-based: under the header and the field row
    for i, col in enumerate(sheet.columns):
        # The column's format also for the rows a clerk adds later (and for this column's cells
        # written without one: XlsxWriter gives them the column's).
        ws.set_column(i, i, col.width, formats.columns.get(col.kind))
        source = option_ranges.get(col.enum) if col.enum else bool_range if col.kind == "bool" else None
        if source:
            # A warning, not Excel's default Stop: a list admits only the Chinese labels, while the
            # codes (medium), TRUE and 1 are accepted too, as the 说明 sheet says (tclerk 15);
            # the import checks every cell.
            ws.data_validation(
                first,
                i,
                _LAST_ROW,
                i,
                {
                    "validate": "list",
                    "source": source,
                    "ignore_blank": True,
                    "error_type": "warning",
                    "error_title": "不是下拉列表中的选项",
                    "error_message": _OFF_LIST,
                },
            )
    ws.freeze_panes(first, 0)
    # Printed A4 landscape, one page wide, the header row on every page, as the results workbook:
    # with no setup 监测点 printed three columns a page, a record cut across five pages (c39).
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    for i, col in enumerate(sheet.columns):
        ws.write_string(0, i, col.zh, formats.header)
    ws.set_row(FIELD_ROW - 1, None, None, {"hidden": True})
    for i, col in enumerate(sheet.columns):
        ws.write_string(FIELD_ROW - 1, i, col.field)
    if dataset is not None:
        _write_records(ws, formats, sheet, sheet_rows(dataset, sheet), first)


def _write_records(ws: Any, formats: _Formats, sheet: Sheet, rows: Iterator[list[Any]], first: int) -> None:
    """The records' rows from row ``first`` (0-based). One step a cell (a province has 14
    million): the common text (printable, not starting with a risky character) and numbers
    written directly, other text through :func:`_write_text`."""
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    day, moment = formats.day, formats.moment
    for r, row in enumerate(rows, first):
        if r > _LAST_ROW:  # XlsxWriter returns -1 for such a cell, and drops a number silently
            raise SoftenvError(
                f"{sheet.name}: more than {_LAST_ROW - first + 1:,} records, more rows than an Excel sheet holds "
                f"(1,048,576); 记录超过 Excel 工作表的行数上限 1,048,576 行（含表头 {first} 行）"
            )
        for c, v in enumerate(row):
            t = v.__class__
            if t is str:
                if v.isprintable() and v[:1] not in RISKY_FIRST and "<U+" not in v:  # held and inert as it is
                    if write_string(r, c, v):
                        _too_long(sheet, r, c, v)
                else:
                    _write_text(ws, formats, sheet, r, c, v)
            elif v is None:
                continue
            elif t is int:
                if not -_EXACT <= v <= _EXACT:
                    raise SoftenvError(
                        f"{sheet.name}!{column_letter(c)}{r + 1}: {v} is too large for a workbook cell; "
                        "整数超出单元格可精确保存的范围"
                    )
                write_number(r, c, v)
            elif t is float:
                write_number(r, c, v if float(f"{v:.16G}") == v else _Exact(v))
            elif t is datetime:
                if v < _EXCEL_LEAP:
                    write_number(r, c, _early_serial(v), moment)
                else:
                    write_datetime(r, c, v, moment)
            elif t is date:
                write_datetime(r, c, v, day)
            elif t is _Shown:
                _write_text(ws, formats, sheet, r, c, v)
            else:  # pragma: no cover - to_cell gives only the types above
                raise TypeError(f"{sheet.name}: a cell value of type {t.__name__}")


#: The first day after Excel's 29 February 1900, from which XlsxWriter's serial of a moment is right.
_EXCEL_LEAP = datetime(1900, 3, 1)


def _early_serial(wall: datetime) -> float:
    """Excel's serial of a moment before 1 March 1900 (1 January 1900 is 1). XlsxWriter wrote any
    moment on 1 January 1900 as a time of day (serial 0: 1900-01-00) and added Excel's missing
    29 February from 28 February 00:00:01 on (serial 60: 1900-02-29), where openpyxl was right."""
    return (wall - datetime(1899, 12, 31)) / timedelta(days=1)


#: The last row (0-based) of an Excel sheet.
_LAST_ROW = 1_048_575

#: Integers a workbook holds exactly (a cell's number is a double).
_EXACT = 2**53


class _Exact(float):
    """A float written with every digit it needs. XlsxWriter writes a number cell's value with 16
    significant digits (``{:.16G}``), which gives back another float for the few that need 17
    (0.1 + 0.2): formatted through this class they are written as ``repr`` writes them, so that
    an export imports back equal, as openpyxl's workbooks did (tests/test_office_numbers.py)."""

    def __format__(self, spec: str) -> str:
        return repr(float(self))


def _write_text(ws: Any, formats: _Formats, sheet: Sheet, r: int, c: int, value: str) -> None:
    """Record text that is not plainly printable or may be taken for a formula: held visibly, so
    that the import reads it back exactly (:func:`~softenv_core.io.workbook_text.held`; a
    ``lines`` cell's :class:`_Shown` text is already) and, when formula-like, a string cell with
    Excel's quote prefix, so that a clerk's edit keeps it text (DESIGN principle 8)."""
    text = value if value.__class__ is _Shown else held(str(value))
    risky = formula_like(text.replace(LINE_IN_ITEM, "\n"))  # a line break as any other (a target's own)
    if ws.write_string(r, c, text, formats.quoted if risky else None):
        _too_long(sheet, r, c, text, str(value))


def _too_long(sheet: Sheet, r: int, c: int, text: str, record: str | None = None) -> None:
    # XlsxWriter cuts a longer text to a cell's 32,767 characters: never silently. A record's text
    # within the model's bound can pass the cell's only as shown (each invisible character as
    # <U+200B>, x30): then the message says so, since the record itself is not too long.
    why = ""
    if record is not None and len(record) < len(text):
        why = (
            f" (the record's {len(record):,} characters, its invisible ones each shown as <U+…>; "
            f"记录本身 {len(record):,} 字，其中不可见字符各显示为 <U+…>)"
        )
    raise SoftenvError(
        f"{sheet.name}!{column_letter(c)}{r + 1}: a text of {len(text):,} characters is longer than an Excel cell "
        f"holds (32,767); 文字超过 Excel 单元格的上限 32,767 字{why}"
    )


def save_atomic(wb: Any, path: Path, stamp: datetime | None = None) -> None:
    """Save an openpyxl workbook (or a python-docx document: anything with ``save(path)``)
    through a temporary sibling and a rename: never half-written. The file's mode follows the
    umask (0644 under 022) as the JSON and Markdown outputs do, not mkstemp's private 0600: a
    report on a shared office folder is for colleagues to open (clerk finding 10). The file holds
    no clock: its members and its created/modified properties are dated ``stamp`` (the result's
    instant; None: 1980-01-01), io/atomic.stable_zip."""
    asked = path
    path, renamed = output_target(path)  # a link's target; a device or FIFO written through (io/atomic.py)
    if not renamed:
        try:
            with tempfile.TemporaryDirectory() as scratch:  # made stable first, then written through
                made = Path(scratch) / path.name
                _save(wb, made, stamp)
                with open(path, "wb") as out, open(made, "rb") as data:
                    shutil.copyfileobj(data, out, 1 << 20)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(asked)) from None
        return
    try:
        make_folder(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # the file asked for is what failed, not a temporary name it never saw
        raise OSError(exc.errno, exc.strerror, str(asked)) from None
    if hasattr(os, "fchmod"):  # POSIX; on Windows files have no such mode
        os.fchmod(fd, 0o666 & ~umask())
    os.close(fd)
    try:
        _save(wb, Path(tmp), stamp)
        with open(tmp, "rb") as written:  # on the disk before the rename, as write_atomic does: a
            os.fsync(written.fileno())  # full disk or quota some filesystems report only here
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(asked)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_office(wb: Any, path: Path, stamp: datetime | None = None, name: str = "path") -> None:
    """:func:`save_atomic` for a public writer (write_report_docx, write_results_workbook): a
    file it cannot write is the library's :class:`~softenv_core.io.atomic.PathUnwritable`
    naming the argument ``name``, in the command's words, not a bare OSError (i48)."""
    try:
        save_atomic(wb, path, stamp)
    except OSError as exc:
        raise unwritable(name, str(path), exc) from None


@contextlib.contextmanager
def write_only_book() -> Iterator[Any]:
    """An openpyxl write-only workbook whose sheets are closed, and their temporary files removed,
    when the block fails. Each sheet streams to a temporary file through a generator left open
    until the save; dropped unsaved, the generators were closed by the garbage collector in any
    order, and each printed "Exception ignored in: WorksheetWriter.get_stream" with an lxml
    traceback on stderr, 24 after one failed write (i48; drop_open_zips did the same for zips)."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:  # never written to: no file, no generator
                continue
            with contextlib.suppress(Exception):  # the write has failed already: reported once
                if not ws.closed:
                    ws.close()
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
        raise


def _save(wb: Any, path: Path, stamp: datetime | None) -> None:
    """``wb.save(path)`` without the clock: an openpyxl workbook is written as its ``save``
    writes it, but with created and modified set to ``stamp`` (None: the zip epoch) where
    ``save`` would set modified to now; then every zip member is dated the zip epoch. A Word
    document's properties are set by its writer (render/docx_report), the dataset workbook's by
    its own (:class:`_DatasetBook`)."""
    # An openpyxl workbook (the results'), told without importing openpyxl, which the dataset
    # workbook's writer (XlsxWriter) and a Word document do not need.
    if type(wb).__module__.startswith("openpyxl."):
        from openpyxl.writer.excel import ExcelWriter

        moment = (stamp.astimezone(UTC) if stamp is not None else datetime(*ZIP_EPOCH, tzinfo=UTC)).replace(tzinfo=None)
        wb.properties.created = wb.properties.modified = moment  # openpyxl reads naive moments as UTC
        if wb.write_only and not wb.worksheets:
            wb.create_sheet()  # as Workbook.save does
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).save()
    else:
        try:
            wb.save(path)
        except BaseException as exc:  # a full disk: the writer's own zip is left open (drop_open_zips)
            drop_open_zips(exc.__traceback__)
            raise
    undate_zip(path)


__all__ = ["DAY_FORMAT", "save_atomic", "save_office", "sheet_rows", "write_only_book", "write_workbook"]
