"""Clerk c51's findings on the workbook reader and the results workbook (her write-up: a county
clerk from the starter workbook through import, the Word report and the year end).

02 An 18-digit 统一社会信用代码 pasted (paste-values) from another list lands in the cell as a
   number, 9.137990206123451E+17. Excel keeps 15 significant digits; the reader took the float's
   digits (913799020612345088) and told a check-digit error the clerk could not find on the
   licence, and about 1 in 31 such codes passed the check and was stored wrong without a word.
   Fixed: a number in the credit code column, or one of more than 15 digits in any id or code
   column, is refused at its cell, saying it is a number, that Excel keeps 15 digits and that the
   column is to be made text and the code typed again (io/code_numbers.py, io/workbook_cells.py;
   docs/office.md). A county code stored as the number 379902 is exact and still read.
09 `softenv import a.xlsx a.xlsx` printed one "完全相同，只导入一次；是否重复粘贴了一行？" a record, each
   record compared with itself. Fixed: one line, the workbook given twice is read once
   (io/workbook_read.py); two files alike stay as clerk c45 has them.
10 The results workbook's 县区 sheet broke 按时（零报告） and 迟报2个工作日 inside the word (month
   columns of 10 characters), bottom-aligned. Fixed: the columns as wide as the longest status,
   cells top-aligned (render/xlsx_counties.py).
11 A text date with a time (2025-01-13 10:00) in a date column is told to write the day alone, as
   an Excel date-time is; a parent id missing a zero (R-379902-2025-3) is asked whether
   R-379902-2025-03 is meant, as a point id is.
"""

from __future__ import annotations

import json

import pytest

from softenv_core.io.workbook_cells import CellError, from_cell
from softenv_core.io.workbook_schema import Column

from .office_cli import run

openpyxl = pytest.importorskip("openpyxl")

_USCC = Column("enterprise.uscc", "统一社会信用代码", "code", width=22)
_COUNTY = Column("county", "县区代码", "code")
_POINT = Column("id", "监测点编号", "id")


# --- 02. a credit code stored as a number ---------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        9.137990206123451e17,  # the clerk's: its digits fail the check
        float(913799020612310925),  # read as 913799020612310912, which passes the check
        913799020612310925,  # an integer cell (an .ods), exact but still a number Excel rounded
        91379902.0,  # too short to be a code: still a number, the column to be made text
    ],
)
def test_02_a_credit_code_held_as_a_number_is_refused(number):
    with pytest.raises(CellError) as told:
        from_cell(_USCC, number)
    said = str(told.value)
    assert "数字" in said and "15 位有效数字" in said, said
    assert "设置单元格格式为“文本”" in said and "营业执照" in said, said
    assert "校验位" not in said, said


def test_02_a_long_id_held_as_a_number_is_refused_and_a_short_code_is_read():
    with pytest.raises(CellError, match="15 位有效数字"):
        from_cell(_POINT, 1234567890123456789.0)
    assert from_cell(_COUNTY, 379902.0) == "379902"
    assert from_cell(_COUNTY, 379902) == "379902"
    assert from_cell(_POINT, 123456789012345.0) == "123456789012345"  # 15 digits: exact
    assert from_cell(_USCC, "91379902MA00000153") == "91379902MA00000153"


def test_02_the_import_names_the_cell_and_the_point(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["监测点"]["D3"] = 913799020612310925.0  # its float's digits pass the check
    wb["监测点"]["C3"] = 379902  # the county code as a number: exact, read
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1, err
    lines = [line for line in err.splitlines() if "监测点!" in line]
    assert len(lines) == 1, err
    assert "监测点!D3 (P379902-001 统一社会信用代码):" in lines[0], err
    assert "913799020612310912" not in err and "校验位" not in err, err
    assert not (tmp_path / "d.json").exists()


def test_02_a_county_code_as_a_number_is_still_imported(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["监测点"]["C3"] = 379902
    wb["联系记录"]["E3"] = 379902.0
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["points"][0]["county"] == "379902"
    assert data["points"][0]["enterprise"]["uscc"] == "91379902MA00000153"


# --- 09. the same workbook given twice --------------------------------------------------------


def _pasted_row(starter, tmp_path, name="b.xlsx"):  # type: ignore[no-untyped-def]
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["部门"]
    for cell in ws[3]:  # the example department pasted again below it: one note of its own
        ws.cell(row=4, column=cell.column, value=cell.value)
    book = tmp_path / name
    wb.save(book)
    return book


def test_09_the_same_workbook_given_twice_is_read_once_and_said_once(starter, tmp_path, capsys):
    book = _pasted_row(starter, tmp_path)
    code, _, err = run(capsys, "import", book, book, "--out", tmp_path / "twice.json")
    assert code == 0, err
    assert err.count("同一个工作簿给了两次，只读一次") == 1, err
    pasted = [line for line in err.splitlines() if "完全相同" in line]
    assert len(pasted) == 1 and "部门!A4 (city-amr): 与 b.xlsx 部门!A3" in pasted[0], err  # its own row, as alone
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "once.json")
    assert code == 0, err
    assert (tmp_path / "twice.json").read_bytes() == (tmp_path / "once.json").read_bytes()


def test_09_the_same_file_by_another_path_is_read_once(starter, tmp_path, capsys):
    book = _pasted_row(starter, tmp_path)
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / ".." / "b.xlsx"
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    code, _, err = run(capsys, "import", book, other, link, book, "--out", tmp_path / "d.json")
    assert code == 0, err
    said = [line.strip() for line in err.splitlines() if "同一个工作簿给了两次" in line]
    assert said == [f"{other}（与 {book} 是同一个文件）: 同一个工作簿给了两次，只读一次"], err
    assert sum("完全相同" in line for line in err.splitlines()) == 1, err


def test_09_two_files_alike_are_still_two_workbooks(starter, tmp_path, capsys):
    book = _pasted_row(starter, tmp_path)
    copy = _pasted_row(starter, tmp_path, "copy.xlsx")
    code, _, err = run(capsys, "import", book, copy, "--out", tmp_path / "d.json")
    assert code == 0, err
    assert "同一个工作簿" not in err, err
    pasted = [line for line in err.splitlines() if "完全相同" in line]
    # b.xlsx's pasted row, as alone; copy.xlsx's records are b.xlsx's again, an import repeated (c45)
    assert len(pasted) == 1 and "b.xlsx 部门!A4 (city-amr): 与 b.xlsx 部门!A3" in pasted[0], err


# --- 10. the results workbook's month statuses on one line -----------------------------------


def test_10_a_month_status_is_not_broken_inside_a_word(yearend_book):
    from softenv_core.engine.ruletypes import MonthState
    from softenv_core.render.xlsx_counties import MONTH_WIDTH, cell_width

    assert cell_width("按时（零报告）") + 2 <= MONTH_WIDTH and cell_width("迟报12个工作日") + 2 <= MONTH_WIDTH
    assert max(cell_width(s.zh) for s in MonthState) + 2 <= MONTH_WIDTH
    ws = openpyxl.load_workbook(yearend_book)["县区"]
    months = [c.column_letter for c in ws[1] if c.value and c.value.endswith("月") and c.value[:-1].isdigit()]
    assert len(months) == 12
    seen = set()
    for letter in months:
        width = ws.column_dimensions[letter].width
        for cell in ws[letter][1:]:
            lines = str(cell.value or "").split("\n")
            seen |= set(lines)
            # every line of a status fits its column: wrapped, if at all, between words
            assert all(cell_width(line) + 2 <= width for line in lines), (cell.coordinate, cell.value, width)
    assert {"按时（零报告）", "迟报2个工作日", "（已豁免）"} <= seen, seen  # the demo's: 迟报2个工作日（已豁免）


def test_10_the_csv_county_table_keeps_a_status_whole():
    from softenv_core import assess, get_plugin_manager
    from softenv_core.render.xlsx_results import county_table

    from .demo_city import demo

    _, rows = county_table(assess(demo(), 2025, get_plugin_manager(autoload=False), audience="city"))
    cells = [c for row in rows for c in row]
    assert "迟报2个工作日（已豁免）" in cells and not any("\n" in c for c in cells)


# --- 11. smaller hints -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [("2025-01-13 10:00", "2025-01-13"), ("2025/1/13 10:00", "2025-01-13"), ("2025年1月13日10时30分", "2025-01-13")],
)
def test_11_a_text_date_with_a_time_is_told_to_write_the_day(typed, day):
    with pytest.raises(CellError) as told:
        from_cell(Column("date", "日期", "date"), typed)
    assert f"应为日期，不含时刻：{typed!r}；请只写日期 {day}" == str(told.value)  # quoted (r54 09)


def test_11_a_parent_id_missing_a_zero_is_asked_about(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["月报事项"]["A4"] = "R-379902-2025-3"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1, err
    assert "所属记录 R-379902-2025-3 不在本工作簿中（是否应为 R-379902-2025-03？）" in err, err
