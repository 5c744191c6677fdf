"""A county clerk's workbook (c30): a month typed 2025.10 in a 常规 cell, and a county's name typed
where its code belongs, each refused at its cell with what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import FIELD_ROW, FIRST_ROW, STARTER_NAME, Column  # noqa: E402

from .starter_book import edited_starter, load_workbook  # noqa: E402


def _problems(book: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    return list(info.value.problems)


_MONTH = Column("month", "所报月份", "month")


def _cell(problems: list[str], cell: str) -> str:
    found = [p for p in problems if p.startswith(f"{cell} ")]
    assert len(found) == 1, problems
    return found[0]


# -- finding 01: 2025.10 typed in a 常规 month cell is the number 2025.1 ----------------------


def test_a_month_number_that_may_be_january_or_october_is_refused(starter, tmp_path):
    """Before: Excel (and WPS) store 2025.10 typed in the 常规 所报月份 cell as the number 2025.1,
    which the reader took as the text "2025.1": October's report imported as January's."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"月报": {"month": 2025.1}})
    said = _cell(_problems(book), "月报!C3")
    assert "1 月还是 10 月" in said and "2025-10" in said


@pytest.mark.parametrize(("typed", "month"), [(2025.01, "2025-01"), (2025.12, "2025-12"), (2025.3, "2025-03")])
def test_a_month_number_that_can_be_one_month_only_is_read(typed, month):
    assert from_cell(_MONTH, typed) == month


def test_a_month_typed_as_text_with_a_dot_is_read():
    assert from_cell(_MONTH, "2025.1") == "2025-01"
    assert from_cell(_MONTH, "2025.10") == "2025-10"
    with pytest.raises(CellError):
        from_cell(_MONTH, 2025.1)


# -- finding 02: a county's name where its code belongs ------------------------------------


def _county_book(starter: Path, out: Path, cells: dict[tuple[str, str], str]) -> Path:
    """The starter workbook with the example county named 青林县 (379906, 青林县经贸委) and the
    cells given (sheet, field) of its first example row set."""
    wb = load_workbook(starter / STARTER_NAME)
    edits = {("县区", "code"): "379906", ("县区", "name"): "青林县", ("县区", "liaison_office"): "青林县经贸委"}
    for sheet in wb.worksheets:
        cols = {sheet.cell(FIELD_ROW, c).value: c for c in range(1, sheet.max_column + 1)}
        for c in range(1, sheet.max_column + 1):  # the example records name the new county
            if sheet.cell(FIRST_ROW, c).value == "379902":
                sheet.cell(FIRST_ROW, c).value = "379906"
        for (name, field), value in (edits | cells).items():
            if name == sheet.title:
                sheet.cell(FIRST_ROW, cols[field]).value = value
    wb.save(out)
    return out


_COUNTY_CELLS = [("监测点", "county", "监测点!C3"), ("部门", "county", "部门!C3"), ("月报", "county", "月报!B3")]


@pytest.mark.parametrize(("sheet", "field", "cell"), _COUNTY_CELLS)
def test_a_county_name_in_a_code_cell_says_the_code(starter, tmp_path, sheet, field, cell):
    """Before: `应为6位行政区划代码，而不是 '青林县'`, and the clerk had to find the code herself,
    though the workbook's 县区 sheet gives it (as --audience county:青林县 says it)."""
    book = _county_book(starter, tmp_path / "b.xlsx", {(sheet, field): "青林县 "})
    said = _cell(_problems(book), cell)
    assert "青林县 的代码是 379906，请写 379906" in said


def test_a_county_office_or_the_city_in_a_liaison_cell_says_what_to_write(starter, tmp_path):
    book = _county_book(starter, tmp_path / "b.xlsx", {("联系记录", "liaison"): "青林县经贸委"})
    assert "代码是 379906，请写 379906" in _cell(_problems(book), "联系记录!E3")
    book = _county_book(starter, tmp_path / "c.xlsx", {("联系记录", "liaison"): "市经贸委"})
    assert "请写 city" in _cell(_problems(book), "联系记录!E3")


def test_a_name_of_no_county_is_refused_as_before(starter, tmp_path):
    book = _county_book(starter, tmp_path / "b.xlsx", {("监测点", "county"): "东湖区"})
    said = _cell(_problems(book), "监测点!C3")
    assert "应为6位行政区划代码，而不是 '东湖区'" in said and "请写" not in said


# -- finding 03: a number typed with its unit ----------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed"),
    [("enterprise.employees", "80人"), ("enterprise.revenue_wan", "2.5万"), ("enterprise.revenue_wan", "25,000元")],
)
def test_a_number_typed_with_its_unit_says_to_leave_the_unit_out(starter, tmp_path, field, typed):
    """Before: `应为整数，而不是 '80人'`, and `25,000元` was told about its thousands comma, which was right."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"监测点": {field: typed}})
    said = [p for p in _problems(book) if f"'{typed}'" in p]
    assert len(said) == 1 and "只写数字，不写单位" in said[0] and "千分位" not in said[0]


# -- finding 04: an Excel serial in a 常规 time cell -----------------------------------------


def test_a_serial_number_in_a_time_cell_is_told_as_the_moment_it_is(starter, tmp_path):
    """Before: the hint said to write the day alone (`直接写 2025-04-03`), which a time column
    refuses next (缺少时刻); 45750.4 is 2025-04-03 09:36."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"月报": {"submitted_at": 45750.4}})
    wb = load_workbook(book)
    wb["月报"]["D3"].number_format = "General"
    wb.save(book)
    said = _cell(_problems(book), "月报!D3")
    assert "直接写 2025-04-03 09:36" in said


# -- finding 05: an example row half cleared ------------------------------------------------


def test_a_row_without_its_id_names_what_it_holds_and_says_to_delete_it(starter, tmp_path):
    """Before: `豁免!A3 (豁免编号): 必填，不能为空` and two lines like it, as if the clerk were to
    complete a row she meant to delete (the example row cleared but for two cells)."""
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb["豁免"]
    for c in range(1, ws.max_column + 1):
        if ws.cell(FIELD_ROW, c).value not in ("county", "month"):
            ws.cell(FIRST_ROW, c).value = None
    wb.save(tmp_path / "b.xlsx")
    said = _cell(_problems(tmp_path / "b.xlsx"), "豁免!A3")
    assert "只填了 县区代码、月份" in said and "请整行删除" in said


def test_a_record_with_its_id_missing_a_field_gets_no_such_hint(starter, tmp_path):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"豁免": {"reason": None}})
    assert "整行删除" not in _cell(_problems(book), "豁免!D3")
