"""The starter workbook (``softenv init``) with cells of its example rows changed, as a clerk
would type them: shared by the clerk tests (test_office_clerk_c21.py, _c22.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from softenv_core.io.workbook_schema import FIELD_ROW, FIRST_ROW, STARTER_NAME


def edited_starter(starter: Path, out: Path, edits: dict[str, dict[str, object]]) -> Path:
    """The starter workbook in ``starter`` saved to ``out`` with cells (by sheet, then field name
    of row 2) of its first example row set to the values given."""
    wb = openpyxl.load_workbook(starter / STARTER_NAME)
    for sheet, cells in edits.items():
        ws = wb[sheet]
        cols = {ws.cell(FIELD_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        for field, value in cells.items():
            ws.cell(FIRST_ROW, cols[field]).value = value
    wb.save(out)
    return out
