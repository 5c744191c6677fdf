"""Clerk c58 (市软建办 complaints desk: a December-January of direct feedback typed in the workbook,
imported, and the Word reports looked at).

01 The city version's 办理状态 (23.7 mm at 4号) printed 办理中 / （待办 / 结）: section 五's table is set in
   小四 in every version, the city's columns each at least its longest line (（待办结） one line).
07 December's Word report wrote section 二's 截止 and 首次报送 as 01-05, a day before the month reported
   on, where section 五 writes 2026- / 01-05: a day outside the report month's year is in full, the
   year on a line of its own.
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


def test_07_december_word_report_writes_the_year_of_january_deadlines(tmp_path: Path):
    """2025年12月's Word report, section 二: 截止 prints 01-05 / 01-04 (and 首次报送 a January day)
    without the year, while section 五 of the same document writes the same day 2026-01-04 as
    “2026-” / “01-04”, because 01-22 in a December 2025 report read as January 2025 (auditor a70 04;
    office.md: 时限不在报告月份所在年份的…写出年份). Read in a 2025 report, 截止 01-05 is before the
    month reported on (c58: 城市版-1.png). The Markdown writes 2026-01-05 23:59."""
    docx = pytest.importorskip("docx")

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    r = monitoring_report(demo(), "2025-12", audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[1].text == "截止")
    dues = [row.cells[1].text for row in table.rows[1:]]
    assert dues and all(d == "无" or "2026" in d for d in dues), dues
