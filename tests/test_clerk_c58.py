"""Clerk c58 (市软建办 complaints desk: a December-January of direct feedback typed in the workbook,
imported, and the Word reports looked at).

01 The city version's 办理状态 (23.7 mm at 4号) printed 办理中 / （待办 / 结）: section 五's table is set in
   小四 in every version, the city's columns each at least its longest line (（待办结） one line).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .starter_book import load_workbook

ROOT = Path(__file__).resolve().parents[1]
STARTER_NAME = "软环境监测点.xlsx"


def test_01_city_word_table_keeps_daibanjie_on_one_line(tmp_path: Path):
    """office.md: “办理中（待办结）”在括号处分行 … 不在中间折行. In the city office's Word report (4号,
    办理状态 23.7 mm) （待办结） takes 5 em + margins (1616 twips) in a 1344-twip column: LibreOffice
    prints 办理中 / （待办 / 结） (c58: 城市版-3.png, 一月城市版-3.png). The county and department
    versions (小四, 26 mm) hold it."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo
    from .test_clerk_c39 import _one_line_twips, _table_size

    r = monitoring_report(demo(), "2025-03", audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "编号")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    size = _table_size(table)
    assert _one_line_twips("（待办结）", size) <= grid[3], (grid, size)


def _starter_copy(starter: Path, out: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / STARTER_NAME)
    edit(wb["办理过程"])
    wb.save(out)
    return out
