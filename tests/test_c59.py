"""A county clerk's month (clerk c59): problems the first import did not name, and a monthly
report table that does not add up to its own total."""

from __future__ import annotations

from pathlib import Path

import pytest

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(starter: Path, tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return book


# --- 1. a report's own problem hides the problems of its 月报事项 rows ------------------------


def test_01_report_item_reference_problems_are_named_with_the_reports_problem(starter, tmp_path, capsys):
    """office.md 第 3 节: "一次列出**全部**问题，每条指明工作表和单元格". A clerk typed the
    March report's time as 下午3点 and, in its 月报事项 row, the point by part of its name. The
    first import named only the time; once the time was fixed, the second import named the
    point cell. The two problems do not depend on each other (a contact's bad date does not hide
    its items' unknown department: the 月报 sheet's records alone do this)."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["月报"]["D3"] = "2025年4月3日下午3点"  # R-379902-2025-03 报送时间
        wb["月报事项"]["G3"] = "示范精密"  # its item's point: part of the enterprise's name

    code, _out, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "月报!D3" in err  # the report's own problem: named today
    assert "月报事项!G3" in err, err  # the item's point: named only after D3 is fixed


# --- 2. section 四's department table leaves out the items naming no department ---------------


def test_02_department_table_accounts_for_items_naming_no_department(starter, tmp_path, capsys):
    """A contact with two items, one about 市市场监管局 and one 经营状况 item naming no
    department (the starter's example month, 2025-03). Section 四's category table says 合计 3,
    the department table lists 市市场监管局 2 and nothing else: 2 ≠ 3, and the clerk checking
    the report against the workbook cannot tell where the third item went (the Word report's
    second table alike). The table should account for every item of the total: a row for the
    items naming no department (涉及部门 无, as section 六 and the open-matters table write it)."""

    def edit(wb):  # type: ignore[no-untyped-def]
        ws = wb["联系事项"]
        for col, value in enumerate(["C-2025-03-001", 2, "经营状况", "订单平稳", None, None], 1):
            ws.cell(4, col).value = value

    book = _book(starter, tmp_path, edit)
    assert run(capsys, "import", book, "--out", tmp_path / "d.json")[0] == 0
    code, out, _err = run(capsys, "report", tmp_path / "d.json", "--month", "2025-03")
    assert code == 0
    section = out.split("## 四、反映问题情况", 1)[1].split("### 主要事项", 1)[0]
    tables = [t for t in section.strip().split("\n\n") if t.startswith("|")]
    category, department = tables[0], tables[1]
    total = int(next(line for line in category.splitlines() if line.startswith("| 合计")).split("|")[2])
    rows = [line.split("|") for line in department.splitlines()[2:]]
    assert sum(int(r[2]) for r in rows if r[1].strip() != "合计") == total, department


# --- 3. a cell problem in an item row hides the same row's reference problem -----------------


def test_03_a_rows_bad_category_does_not_hide_its_unknown_department(starter, tmp_path, capsys):
    """联系事项 row 3 with 类别 意见建议 (a value of 直接反馈's 类型 list) and 涉及部门编号 城管局
    (no such department): only the category is named; the department is named on the next
    import, after the clerk fixed the category. Both cells are wrong independently and both
    belong in the first list (office.md 第 3 节, 一次列出全部问题). 月报事项 alike."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系事项"]["C3"] = "意见建议"
        wb["联系事项"]["E3"] = "城管局"

    code, _out, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "联系事项!C3" in err
    assert "联系事项!E3" in err, err
