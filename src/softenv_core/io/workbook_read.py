"""Reading office workbooks into a dataset (softenv import), with python-calamine.

Each row becomes the record the dataset document would hold; the document then goes through
the same ``load_dataset`` checks as a JSON file, and every problem is mapped back to its
workbook cell: ``监测点!D7 (P379902-004 统一社会信用代码): 校验位错误 — $.points[4].enterprise.uscc``.
Several workbooks (one per county) merge; a record given twice with different content is an
error naming both places. python-calamine (Rust) read cells about 14 times faster than openpyxl's
read-only mode here (docs/performance.md), which decides the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from softenv_core.errors import InputError, office_missing
from softenv_core.io.dataset_files import dataset_warnings, dump_dataset, load_dataset, loads_dataset
from softenv_core.io.dataset_warnings import not_told
from softenv_core.io.workbook_cap import LISTED, loader_limit, refuse
from softenv_core.io.workbook_cells import (
    NONE_MARKS,
    BareDate,
    BareMonth,
    CellError,
    ascii_code,
    none_hinted,
    none_mark,
)
from softenv_core.io.workbook_children import (
    Orphan,
    adopt,
    attach_children,
    document_record,
    same_or_earlier,
)
from softenv_core.io.workbook_city_rows import CITY_SHEETS, book_county, city_rows
from softenv_core.io.workbook_collisions import distinct_books, place
from softenv_core.io.workbook_dates import date_slips
from softenv_core.io.workbook_entries import Entry, Origin, blank_problem, label, positions, where
from softenv_core.io.workbook_formats import number_formats, shows_day, shows_time
from softenv_core.io.workbook_formulas import FormulaCell, formula_cells
from softenv_core.io.workbook_hidden import Hidden, hidden_notes
from softenv_core.io.workbook_keys import record_key, record_keys
from softenv_core.io.workbook_layout import (
    OTHER_SHEETS,
    book_file_problem,
    clash_problems,
    example_rows,
    field_row_problem,
    merged_problems,
    missing_columns,
    renamed_record_sheet,
    repeated_row,
    unknown_field,
    unknown_sheet_problem,
    unlabelled_column_problems,
)
from softenv_core.io.workbook_limits import workbook_limit_problem
from softenv_core.io.workbook_places import in_sheet_order, map_problem, placed
from softenv_core.io.workbook_refused import parent_explained, unread_ids
from softenv_core.io.workbook_rows import RECORD_CLASSES, blank, set_dotted
from softenv_core.io.workbook_rows import nullable as nullable_fields
from softenv_core.io.workbook_rows import plan as row_plan
from softenv_core.io.workbook_schema import (
    FIELD_ROW,
    FIRST_ROW,
    HEADER_ROW,
    LEGACY_ITEM,
    LEGACY_ITEM_MARK,
    SHEET_BY_NAME,
    Column,
    Sheet,
    column_letter,
)
from softenv_core.io.workbook_starter import starter_examples
from softenv_core.io.workbook_text import unheld, visible_code
from softenv_core.model.dataset import COLLECTIONS, SCHEMA, SCHEMA_VERSION, Dataset

_CLASSES = RECORD_CLASSES


def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - the extra is installed in this repository
        raise office_missing() from None
    return python_calamine


class _Book:
    """One workbook's records, sheet by sheet, with the problems of its cells."""

    def __init__(self, path: Path, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems
        self.entries: dict[str, list[Entry]] = {}  # sheet name → entries
        self.reported: set[str] = set()  # cells whose problem is already told
        self.orphans: list[Orphan] = []  # child rows of records not in this workbook
        self.bare: list[tuple[Origin, int, Column, BareDate | BareMonth]] = []  # moments at 00:00, months on the 1st
        self.unread: dict[str, str] = {}  # id → the sheet it is in, of record sheets not read
        self.missing: dict[str, list[str]] = {}  # sheet name → the fields of its deleted columns
        self.notes: list[str] = []  # loaded as the clerk meant, worth a word (an old header)
        self.more = 0  # cells not read past the problems listed (io/workbook_cap.py): only counted
        calamine = _calamine()  # without the extra, that is what the clerk must hear first
        flagged: dict[str, str] = {}  # sheets holding an error value or a formula
        hidden: dict[str, Hidden] = {}  # their hidden rows and columns, found on the same pass
        problem = book_file_problem(path, name) or workbook_limit_problem(path, name, flagged, hidden)
        if problem is not None:
            raise InputError([problem], name)
        formulas = formula_cells(path, flagged) if flagged else {}
        try:
            book = calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own types for unreadable files
            raise InputError([f"{name}: 无法读取工作簿 (cannot read workbook): {exc}"], name) from None
        visible = calamine.SheetVisibleEnum.Visible
        veiled = {m.name for m in getattr(book, "sheets_metadata", ()) if m.visible != visible}  # hidden sheets
        for sheet_name in book.sheet_names:
            sheet = SHEET_BY_NAME.get(sheet_name)
            if sheet is None and sheet_name.strip() not in book.sheet_names:
                sheet = SHEET_BY_NAME.get(sheet_name.strip())  # "豁免 ": a space the tab does not show
            if sheet is None and sheet_name in OTHER_SHEETS:
                continue
            try:  # calamine parses a sheet only here: a bad number or string index is its error
                ws = book.get_sheet_by_name(sheet_name)
                rows = ws.to_python(skip_empty_area=False)
            except Exception as exc:
                raise InputError([f"{name}: {sheet_name}: 无法读取工作表 (cannot read sheet): {exc}"], name) from None
            if sheet is not None:
                for (r, c), cell in formulas.get(sheet_name, {}).items():
                    if r < len(rows):  # calamine read it as "": the cell is refused instead (t5 05)
                        rows[r] += [""] * (c + 1 - len(rows[r]))
                        rows[r][c] = cell
                self.entries[sheet.name] = entries = self._read_sheet(sheet, rows)
                # Hidden is not deleted (a filter hides rows the clerk means): imported, and said.
                self.notes += hidden_notes(sheet_name, entries, hidden.get(sheet_name), sheet_name in veiled)
                merged, covered = merged_problems(sheet, getattr(ws, "merged_cell_ranges", None))
                self.problems += merged
                self.reported |= covered
            elif problem := unknown_sheet_problem(sheet_name, rows, book.sheet_names):
                self.problems.append(problem)  # a renamed sheet's records are not lost unsaid
                self.unread |= dict.fromkeys(unread_ids(renamed_record_sheet(rows), rows), sheet_name)
        if self.bare:
            self._check_bare_dates(path)

    def _columns(self, sheet: Sheet, rows: list[list[Any]]) -> list[tuple[int, Column]] | None:
        """The sheet's columns by the field names of row 2, its layout problems told; None when
        the field row is gone (one problem for the sheet, rather than one per cell)."""
        columns: list[tuple[int, Column]] = []
        unknown = []
        for i, name in enumerate(rows[FIELD_ROW - 1]):
            if name in ("", None):
                continue
            index = sheet.column(str(name))
            if index is None:
                unknown.append(f"{sheet.name}!{column_letter(i)}{FIELD_ROW}: {unknown_field(sheet, str(name))}")
            else:
                columns.append((i, self._headed(sheet, sheet.columns[index], rows, i)))
        lost = field_row_problem(sheet, len(unknown), len(columns), rows)
        if lost is not None:
            self.problems.append(lost)
            return None
        self.problems += unknown
        self.problems += unlabelled_column_problems(sheet, rows, {i for i, _ in columns})
        missing, fields, key = missing_columns(sheet, {c.field for _, c in columns}, rows[FIELD_ROW - 1])
        self.problems += missing
        if key:
            return None  # rows that cannot say which record they are: the sheet is not read
        self.missing[sheet.name] = fields
        return columns

    def _headed(self, sheet: Sheet, col: Column, rows: list[list[Any]], i: int) -> Column:
        """The column as its header says: 事项跟踪's 事项序号 under the old header (从0起) keeps
        its old meaning, told as a hint (tester t11 05)."""
        header = rows[HEADER_ROW - 1]
        if col.kind != "item" or i >= len(header) or LEGACY_ITEM_MARK not in str(header[i] or ""):
            return col
        self.notes.append(
            f"{sheet.name}!{column_letter(i)}{HEADER_ROW}: 表头是旧版起步工作簿的“{LEGACY_ITEM.zh}”，本列按从 0 起读入"
            "（0 是第 1 项）；新的起步工作簿从 1 起，与联系事项、月报事项的序号相同"
        )
        return LEGACY_ITEM

    def _read_sheet(self, sheet: Sheet, rows: list[list[Any]]) -> list[Entry]:
        columns = self._columns(sheet, rows) if len(rows) >= FIELD_ROW else None
        if columns is None:
            self.unread |= dict.fromkeys(unread_ids(sheet, rows), sheet.name)
            return []
        plan = row_plan(columns)
        nullable = nullable_fields(sheet)
        book = self.name
        out = []
        for r, row in enumerate(rows[FIRST_ROW - 1 :], FIRST_ROW):
            if not row:
                continue
            lead = row[0]  # blank(lead) written out: a record's first cell is seldom blank
            if (lead is None or (lead.__class__ is str and (not lead or lead.isspace()))) and all(map(blank, row)):
                continue  # an empty row, or one whose cells hold only spaces (a cell "cleared" with the space bar)
            raw: dict[str, Any] = dict.fromkeys(nullable) if nullable else {}  # no default: empty is None
            width = len(row)
            for i, col, read, top, mode, table in plan:
                value = row[i] if i < width else ""
                got: Any
                if value.__class__ is str:
                    if mode == 0:
                        got = value.strip() if value.isascii() else ascii_code(value)
                        if not got:
                            continue
                        if got in NONE_MARKS:  # 无 for "no department": told, not "unknown department"
                            got = self._read(none_mark, value, sheet, r, row, columns, col)
                        elif not got.isascii():  # a zero-width character named, not 编号无效 (c61 04)
                            got = self._read(visible_code, got, sheet, r, row, columns, col)
                    elif mode == 1:
                        if not value or value.isspace():
                            continue
                        got = value if "<U+" not in value else unheld(value)  # export's held text
                    elif mode == 4:
                        got = value.strip() if "<U+" not in value else unheld(value.strip())
                        if not got:
                            continue
                    else:
                        got = table.get(value) if mode == 2 else None
                        if got is None:
                            if not value or value.isspace():
                                continue
                            got = self._read(read, value, sheet, r, row, columns, col)
                elif value is None:
                    continue
                else:
                    got = self._read(read, value, sheet, r, row, columns, col)
                if top is not None:
                    raw[top] = got
                else:
                    set_dotted(raw, col.field, got)
            out.append(Entry(raw, book, sheet, r, row, columns))
        self._refuse_blanks(out, columns)
        # A deleted column is told once for the sheet (_columns), not again as each row's 必填.
        gone = self.missing.get(sheet.name, ())
        self.reported.update(e.origin.cell(f) for e in out for f in gone)
        return out

    def _refuse_blanks(self, entries: list[Entry], columns: list[tuple[int, Column]]) -> None:
        """A problem per empty cell of a column that may not be left blank (Column.blank): read as
        the field's default it would change a figure without a word (a blank 是否联系上 was 是,
        scoring 按月联系: tester t11 02)."""
        required = [col for _, col in columns if col.blank is not None]
        for entry in entries if required else ():
            for col in required:
                if col.field in entry.raw:
                    continue
                if len(self.problems) >= LISTED:  # only counted: the import lists no more (x65 01)
                    self.more += 1
                else:
                    origin = entry.located()
                    self.problems.append(blank_problem(origin, col))
                    self.reported.add(origin.cell(col.field))

    def _read(
        self,
        read: Any,
        value: Any,
        sheet: Sheet,
        r: int,
        row: list[Any],
        columns: list[tuple[int, Column]],
        col: Column,
    ) -> Any:
        """A cell through its column's reader; a cell that does not read is told once and kept
        as typed, so that its record fails to load on this cell only and the other records'
        checks still run (every problem at once)."""
        try:
            if value.__class__ is FormulaCell:
                raise CellError(value.problem)
            return read(value)
        except (BareDate, BareMonth) as exc:
            # A day at 00:00 (a month's 1st): kept as 00:00 (its month) until its cell's number format is known (below).
            origin = Origin(self.name, sheet, r, label(sheet, row, columns), positions(columns))
            self.bare.append((origin, next(i for i, c in columns if c is col), col, exc))
            return exc.midnight if isinstance(exc, BareDate) else exc.month
        except CellError as exc:
            if len(self.problems) >= LISTED:  # only counted: the import lists no more (x65 01)
                self.more += 1
                return value if isinstance(value, str) else str(value)
            origin = Origin(self.name, sheet, r, label(sheet, row, columns), positions(columns))
            self.problems.append(where(origin, col.field) + ": " + none_hinted(value, str(exc), col.blank))
            self.reported.add(origin.cell(col.field))
            return value if isinstance(value, str) else str(value)

    def _check_bare_dates(self, path: Path) -> None:
        """Refuse each moment cell read as 00:00 whose number format shows no time (a day typed
        into a date cell: 2025-04-05, not 2025-04-05 16:30), naming the cell; one that shows a
        time (yyyy-mm-dd hh:mm, as this library writes them) is a moment at 00:00 and stays; a
        month cell's date on the 1st is refused when its format shows a day (c61 01)."""
        wanted: dict[str, set[tuple[int, int]]] = {}
        for origin, i, _, _ in self.bare:
            assert origin.sheet is not None  # a workbook cell's origin
            wanted.setdefault(origin.sheet.name, set()).add((origin.row, i))
        formats = number_formats(path, wanted)
        rows = {(e.sheet.name, e.number): e for entries in self.entries.values() for e in entries if e.sheet}
        for origin, i, col, bare in self.bare:
            assert origin.sheet is not None
            shown = formats.get((origin.sheet.name, origin.row, i))
            if isinstance(bare, BareMonth) and not (shown is not None and shows_day(shown)):
                continue
            if isinstance(bare, BareDate) and shown is not None and shows_time(shown):
                continue
            self.problems.append(where(origin, col.field) + f": {bare}")
            self.reported.add(origin.cell(col.field))
            # As a refused cell is kept (see _read): as typed, so that only its record fails.
            set_dotted(rows[(origin.sheet.name, origin.row)].raw, col.field, bare.day.isoformat())


def _open_books(paths: Sequence[Path], into: Path | None, problems: list[str]) -> tuple[list[_Book], set[str]]:
    """Read every workbook; its problems go to ``problems``, the cells they name are returned."""
    reported: set[str] = set()
    books: list[_Book] = []
    names = [p.name or str(p) for p in paths]  # "/" or "." said as given, never "" (attacker x64 01)
    for path, name in zip(paths, names, strict=True):
        # The book's name leads its messages only among several; two of one name by path (r34).
        label = (name if names.count(name) == 1 else str(path)) if len(paths) > 1 or into is not None else ""
        book_problems: list[str] = []
        book = _Book(path, label or name, book_problems)
        book.orphans = attach_children(label, book.entries, book_problems, book.unread)
        problems += [f"{label} {p}" if label else p for p in book_problems]
        reported |= {f"{book.name} {c}" for c in book.reported}
        books.append(book)
    return books, reported


def _merge_existing(merged: dict[str, dict[Any, Entry]], into: Path) -> Dataset:
    """The records of the existing dataset file ``into``, each noting its ``$.path`` there; the
    dataset as loaded is returned (its own hints: ``told``)."""
    loaded = load_dataset(into)
    existing = dump_dataset(loaded)
    for name in _CLASSES:
        raws = [existing["city"]] if name == "city" else existing.get(name, [])
        for i, raw in enumerate(raws):
            origin = Origin(f"{into.name} $.{name}" + ("" if name == "city" else f"[{i}]"))
            sheet = next(s for s in SHEET_BY_NAME.values() if s.collection == name and s.child is None)
            merged[name][record_key(sheet, raw)] = Entry(raw, origin.source)
    return loaded


def _merge_books(merged: dict[str, dict[Any, Entry]], books: list[_Book], problems: list[str]) -> list[str]:
    """The books' records; the same id with other content is a problem. Returned: the notes of a
    row given twice in one sheet, loaded once (clerk c45 pasted one and was told nothing)."""
    twice: list[str] = []
    clashes: list[tuple[Entry, Entry, Sheet]] = []  # told once every id is known (c57 02: a free id)
    for book in books:
        for sheet_name, entries in book.entries.items():
            sheet = SHEET_BY_NAME[sheet_name]
            if sheet.child is not None:
                continue
            records, cls = merged[sheet.collection], _CLASSES[sheet.collection]
            for key, entry in zip(record_keys(sheet, [e.raw for e in entries]), entries, strict=True):
                first = records.setdefault(key, entry)  # the first entry of this key stays
                if first is not entry and not same_or_earlier(cls, sheet.collection, first, entry):
                    clashes.append((entry, first, sheet))
                elif first is not entry and (note := repeated_row(entry, first, sheet)) is not None:
                    twice.append(note)
    problems += clash_problems(clashes, merged)
    return twice


def _record_origins(city: Entry, merged: dict[str, dict[Any, Entry]]) -> dict[str, Entry]:
    """Where every record of the merged document came from, by its ``$.path``."""
    origins: dict[str, Entry] = {}
    document_record(city, "$.city", origins)
    for name, _ in COLLECTIONS:
        for i, e in enumerate(merged[name].values()):
            document_record(e, f"$.{name}[{i}]", origins)
    return origins


def read_workbooks(
    paths: Sequence[Path],
    into: Path | None = None,
    warnings: list[str] | None = None,
    today: date | None = None,
    dates: list[str] | None = None,
    hints: list[str] | None = None,
    warn: Callable[[Dataset], list[str]] = dataset_warnings,
    told: list[str] | None = None,
    city_only: list[str] | None = None,
) -> Dataset:
    """Read and merge office workbooks (and ``into``, an existing dataset file) into one dataset.

    Raises InputError with every problem, each naming its sheet cell and its ``$.path``.
    ``warnings``, when given, receives what loads but is likely a slip (the starter's example rows);
    ``dates``, with ``today`` (the import's day: the clock is read for a warning only), the date
    cells after it or in another year than the rest of their column (io/workbook_dates.py);
    ``hints``, the dataset's warnings (``warn``: by default ``dataset_warnings``; the command passes
    the baseline's, as ``softenv validate`` tells them) placed at their cells as problems are;
    ``told``, when given, the hints the ``into`` dataset gives alone instead (told when it was
    imported: an import appends, so its records keep their ``$.path``; clerk c45);
    ``city_only``, the rows of the city office's own records in a county's workbook (x68 01).
    """
    problems: list[str] = []
    paths, given_twice = distinct_books(paths)
    with_book = len(paths) > 1 or into is not None  # a problem names its workbook
    books, reported = _open_books(paths, into, problems)
    names = [b.name for b in books]  # two of one name (东城/4月.xlsx, 西城/4月.xlsx) by path
    uncounted = sum(b.more for b in books)  # cells not made problems of past the cap (x65 01)
    counted = len(problems) + uncounted if uncounted else None

    merged: dict[str, dict[Any, Entry]] = {name: {} for name in _CLASSES}
    before = _merge_existing(merged, into) if into is not None else None
    twice = given_twice + _merge_books(merged, books, problems)
    _adopt(merged, books, into, problems, with_book)
    unread = {i: s for book in books for i, s in book.unread.items()}
    problems[:] = [parent_explained(p, unread) for p in problems]

    doc, city = _document(merged, problems, names)
    limit, stopped = loader_limit(len(problems), len(reported)), False
    try:
        dataset = loads_dataset(doc, max_problems=limit)
    except InputError as exc:  # only now, with problems to place, note where every record came from
        stopped = len(exc.problems) > limit  # its last line then says so ("$: more than …")
        origins = _record_origins(city, merged)
        problems += placed(exc.problems[:limit], origins, merged, unread, reported, with_book, problems)
    refuse(problems, names, found=counted, stopped=stopped)
    if warnings is not None:
        warnings += _examples(dataset, merged)
    if hints is not None:
        found = warn(dataset) if told is None else not_told(warn(dataset), before, warn, told)
        hints += [*twice, *_hints(found, city, merged, books, with_book)]
    if dates is not None and today is not None:
        rows_read = (e for book in books for entries in book.entries.values() for e in entries)
        dates += date_slips(rows_read, today, with_book)
    if city_only is not None:
        city_only += _city_rows(books, merged, dataset, with_book)
    return dataset


def _adopt(
    merged: dict[str, dict[Any, Entry]], books: list[_Book], into: Path | None, problems: list[str], with_book: bool
) -> None:
    """A child row whose record is in no workbook of its own: given to it in another one, or in
    ``into`` (io/workbook_children.adopt); a problem says where the record was looked for."""
    looked_in = "本工作簿" if len(books) == 1 and into is None else "所导入的工作簿"
    if into is not None:
        looked_in += f"和 {into.name} "
    adopt(merged, [o for book in books for o in book.orphans], problems, looked_in, with_book)


def _document(
    merged: dict[str, dict[Any, Entry]], problems: list[str], names: list[str]
) -> tuple[dict[str, Any], Entry]:
    """The dataset document of the merged records, and the city's entry; a workbook set without
    a city record stops here with every problem found so far."""
    cities = list(merged["city"].values())
    if not cities:
        problems.append("城市!A3: 缺少城市记录：请在 城市 工作表填写本市代码和名称 (no city)")
        raise InputError(in_sheet_order(problems, names), ", ".join(names))
    doc: dict[str, Any] = {"schema": SCHEMA, "version": SCHEMA_VERSION, "city": document_record(cities[0])}
    for name, _ in COLLECTIONS:
        doc[name] = [document_record(e) for e in merged[name].values()]
    return doc, cities[0]


def _examples(dataset: Dataset, merged: dict[str, dict[Any, Entry]]) -> list[str]:
    """The starter's example records left in the dataset, each named at its row; a record of
    the --into dataset has no row to delete: it is named in that file (t11 06)."""
    rows = {name: list(merged[name].values()) for name in _CLASSES}
    return example_rows(
        dataset,
        lambda n, i: place(rows[n][i]) if rows[n][i].sheet else None,
        lambda n, i: None if rows[n][i].sheet else rows[n][i].book,
    )


def _city_rows(books: list[_Book], merged: dict[str, dict[Any, Entry]], dataset: Dataset, with_book: bool) -> list[str]:
    """The city office's records in a county's workbook, each named at its row (attacker x68 01:
    a county's own 豁免, 决定单位 市经贸委, waived its late month for 十佳 without a word); the
    starter's example rows aside, told as examples (io/workbook_city_rows.py)."""
    county_books = [b for b in books if book_county(b.entries) is not None]
    if not any(b.entries.get(s) for b in county_books for s in CITY_SHEETS):
        return []
    rows = {name: list(merged[name].values()) for name in _CLASSES}
    examples = {id(rows[n][i]) for n, i in starter_examples(dataset)}
    return [line for b in county_books for line in city_rows(b.name, b.entries, merged, examples, with_book)]


def _hints(
    found: list[str], city: Entry, merged: dict[str, dict[Any, Entry]], books: list[_Book], with_book: bool
) -> list[str]:
    """The dataset's warnings ``found`` placed at their rows (the clerk's sheet has no
    $.contacts[2088]: the hint names the row, as a problem does, t5 10), then the books' notes."""
    origins = _record_origins(city, merged) if found else {}
    out = [map_problem(h, origins, with_book, lambda *_: None)[1] for h in found]
    return out + [f"{b.name} {n}" if with_book else n for b in books for n in b.notes]


__all__ = ["Origin", "read_workbooks"]
