"""Section 四's department table adds up to the category table's 合计 (clerk c59 02).

An item naming no department (an 经营状况 item, usually) was in the category table and its 合计
but in no row of the department table. The table now ends with a row 无 (the report's
``items_without_department``), in JSON, Markdown and Word; outside the city office 无 is one
more cell of the breakdown by department, suppressed with the departments' cells against the
total (docs/privacy.md), and hidden it is left out with them, in the one row 已隐去的行."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core import MonitoringReport, monitoring_report
from softenv_core.analyses.trend_suppression import NO_DEPARTMENT, department_cells, section_suppression
from softenv_core.render.monitoring_report import render_markdown

from .demo_city import demo

docx = pytest.importorskip("docx")

from softenv_core.render.docx_report import write_report_docx  # noqa: E402

MONTH = "2025-03"


def _department_table(markdown: str) -> list[list[str]]:
    section = markdown.split("## 四、反映问题情况", 1)[1].split("###", 1)[0]
    table = next(t for t in section.strip().split("\n\n") if t.startswith("| 涉及部门"))
    return [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def test_the_city_reports_department_table_adds_up_to_the_total_in_json_markdown_and_word(tmp_path: Path) -> None:
    r = monitoring_report(demo(), MONTH, audience="city")
    total = sum(r.items_by_category.values())
    assert r.items_without_department and sum(r.items_by_department.values()) + r.items_without_department == total
    assert MonitoringReport.from_json(r.to_json()) == r
    rows = _department_table(render_markdown(r))
    assert rows[-1] == ["无", str(r.items_without_department)]
    assert sum(int(n) for _, n in rows) == total
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "涉及部门")
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert cells[-1] == ["无", str(r.items_without_department)]
    assert sum(int(n) for _, n in cells) == total


def test_a_document_written_before_the_row_reads_back_without_it() -> None:
    """integration.md: a field a document lacks reads back at its default, 0: no 无 row and, in the
    city office's report, no row of hidden ones either (it hides nothing)."""
    r = monitoring_report(demo(), MONTH, audience="city")
    doc = r.to_document()
    del doc["items_without_department"]
    old = MonitoringReport.from_json(json.dumps(doc, ensure_ascii=False))
    assert old.items_without_department == 0
    assert [row[0] for row in _department_table(render_markdown(old))][-1] != "已隐去的行"


def test_outside_the_city_office_the_row_is_a_cell_of_the_breakdown_by_department() -> None:
    """The demo's months: 无 is large (14 to 23 items), shown, and the table falls short of the
    total only by the departments suppressed, told by the one row 已隐去的行 without a count."""
    city = monitoring_report(demo(), MONTH, audience="city")
    for audience in ("county:379902", "department:city-amr", "public"):
        r = monitoring_report(demo(), MONTH, audience=audience)
        assert r.items_without_department == city.items_without_department
        rows = _department_table(render_markdown(r))
        assert ["无", str(r.items_without_department)] in rows
        assert rows[-1] == ["已隐去的行", "—"]


def test_a_small_row_none_is_hidden_with_a_partner_and_a_shown_one_holds_the_departments_small_cells() -> None:
    """As suppress_cells holds any cell: 无 of 2 is hidden, and the smallest department with it
    (else the total less the departments shown gave it back); 无 of 10 shown gives the departments'
    sum (the total less it), so a lone small department takes a partner as before."""
    hidden, total_hidden = section_suppression(department_cells({"a": 5, "b": 7, "c": 9}, 2), None, 3, "department")
    assert NO_DEPARTMENT in hidden and "a" in hidden and not total_hidden
    hidden, _ = section_suppression(department_cells({"a": 2, "b": 7, "c": 9}, 10), None, 3, "department")
    assert {"a", "b"} <= hidden and NO_DEPARTMENT not in hidden
    assert department_cells({"a": 2}, 0) == {"a": 2}  # no items without a department: no cell
