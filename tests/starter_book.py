"""The starter workbook (``softenv init``) with cells of its example rows changed, as a clerk
would type them: shared by the clerk tests (test_office_clerk_c21.py, _c22.py); and
:func:`load_workbook`, which the office tests open the starter workbook with."""

from __future__ import annotations

import copyreg
import io
import pickle
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from softenv_core.io.workbook_schema import FIELD_ROW, FIRST_ROW, STARTER_NAME

if TYPE_CHECKING:  # openpyxl is imported when used: the office tests skip without it
    from openpyxl import Workbook


@cache
def _pickled(content: bytes) -> bytes:
    """The workbook of these bytes, parsed and pickled (keyed by the bytes themselves)."""
    import openpyxl
    from openpyxl.utils.bound_dictionary import BoundDictionary
    from openpyxl.worksheet.dimensions import DimensionHolder

    out = io.BytesIO()
    pickler = pickle.Pickler(out)
    # A sheet's row and column dimensions are a defaultdict whose __init__ takes other
    # arguments first: pickled as a defaultdict, they lose their factory, and a row not in
    # the file (ws.row_dimensions[9]) is a KeyError in the copy.
    pickler.dispatch_table = copyreg.dispatch_table | {BoundDictionary: _bound, DimensionHolder: _bound}
    pickler.dump(openpyxl.load_workbook(io.BytesIO(content)))
    return out.getvalue()


def _bound(d: Any) -> tuple[Any, ...]:
    return _unbound, (type(d), d.default_factory), d.__dict__, None, iter(d.items())


def _unbound(cls: type[Any], factory: Any) -> Any:
    d = defaultdict.__new__(cls)
    defaultdict.__init__(d, factory)
    return d


def load_workbook(path: Path) -> Workbook:
    """What ``openpyxl.load_workbook(path)`` gives: a workbook of its own, to edit and save.

    Parsing the workbook's XML is most of the cost of an edit (0.1-0.2 s), and the office tests
    open the same starter workbook a hundred times and more; a workbook of the same bytes is
    parsed once per test process and each caller gets its own copy, unpickled (four times
    faster; saved and read back, the copy holds what a fresh load holds, tests/test_shared_fixtures.py).
    """
    return pickle.loads(_pickled(Path(path).read_bytes()))


def edited_starter(starter: Path, out: Path, edits: dict[str, dict[str, object]]) -> Path:
    """The starter workbook in ``starter`` saved to ``out`` with cells (by sheet, then field name
    of row 2) of its first example row set to the values given."""
    wb = load_workbook(starter / STARTER_NAME)
    for sheet, cells in edits.items():
        ws = wb[sheet]
        cols = {ws.cell(FIELD_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        for field, value in cells.items():
            ws.cell(FIRST_ROW, cols[field]).value = value
    wb.save(out)
    return out


def uscc_of(body: str) -> str:
    """``body`` (the first 17 characters of a credit code) with its check character (GB 32100, as
    python-stdnum works it out): the clerk tests type codes of their own into the workbook."""
    from stdnum.cn import uscc

    return body + str(uscc.calc_check_digit(body))


def put_row(ws: Any, row: int, record: dict[str, Any]) -> None:
    """``record``'s values typed into ``row`` of the sheet ``ws``, each in the column its field
    row names (the workbook's second row)."""
    columns = {ws.cell(FIELD_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for name, value in record.items():
        ws.cell(row, columns[name]).value = value
