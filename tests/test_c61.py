"""Clerk c61: cells of the starter workbook that the import read as something other than what the
clerk typed or refused without saying why, and the Word report's character grid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.io.workbook_read import read_workbooks

from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(starter: Path, tmp_path: Path, edit: Callable[[Any], None]) -> Path:
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return book


def _problems(book: Path) -> list[str]:
    with pytest.raises(se.InputError) as info:
        read_workbooks([book])
    return list(info.value.problems)


def _dated(ws: Any, cell: str, day: datetime, number_format: str) -> None:
    ws[cell] = day
    ws[cell].number_format = number_format


# --- c61-01: a full date in a month cell ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "shown"),
    [(datetime(2025, 3, 17), "yyyy-mm-dd"), (datetime(2025, 3, 1), "yyyy-mm-dd"), (datetime(2025, 3, 1), "m/d/yyyy")],
)
def test_01_a_date_showing_a_day_in_the_report_month_is_refused_at_its_cell(starter, tmp_path, day, shown):
    """An Excel date 2025-03-17 typed as 所报月份 was read as 2025-03 without a word: the clerk may
    have typed the day the report was sent (2025-04-03 would be April's report). A date that
    shows a day, or is not on the 1st, is refused with the hint the text 2025-03-17 is given."""
    problems = _problems(_book(starter, tmp_path, lambda wb: _dated(wb["月报"], "C3", day, shown)))
    (problem,) = [p for p in problems if p.startswith("月报!C3")]
    assert "所报月份只写年和月，不写日期：写 2025-03" in problem, problem


def test_01_a_date_in_a_waivers_month_is_refused_at_its_cell(starter, tmp_path):
    problems = _problems(
        _book(starter, tmp_path, lambda wb: _dated(wb["豁免"], "C3", datetime(2025, 2, 10), "yyyy-mm-dd"))
    )
    (problem,) = [p for p in problems if p.startswith("豁免!C3")]
    assert "不写日期：写 2025-02" in problem, problem


@pytest.mark.parametrize("shown", ["yyyy-mm", 'yyyy"年"m"月"', "mmm-yy", "yyyy/m"])
def test_01_an_excel_date_on_the_first_shown_as_a_month_is_that_month(starter, tmp_path, shown):
    """2025-03 typed into a cell Excel turns into the date 2025-03-01 shown as a month: accepted."""
    book = _book(starter, tmp_path, lambda wb: _dated(wb["月报"], "C3", datetime(2025, 3, 1), shown))
    ds = read_workbooks([book])
    assert str(ds.reports[0].month) == "2025-03"


def test_01_a_date_with_a_time_in_a_month_cell_is_refused(starter, tmp_path):
    day = datetime(2025, 3, 1, 9, 30)
    problems = _problems(_book(starter, tmp_path, lambda wb: _dated(wb["月报"], "C3", day, "yyyy-mm-dd hh:mm")))
    assert any(p.startswith("月报!C3") and "写 2025-03" in p for p in problems), problems


def _built_in(book: Path, code: str, builtin: int) -> None:
    """The custom number format ``code`` of ``book`` made the East Asian built-in ``builtin``, as
    Chinese Excel saves 2025年3月 (57) or 2025年3月17日 (31) typed into a cell."""
    import re
    import zipfile

    with zipfile.ZipFile(book) as z:
        files = {n: z.read(n) for n in z.namelist()}
    styles = files["xl/styles.xml"].decode()
    ((defined, custom),) = re.findall(
        r'(<numFmt numFmtId="(\d+)" formatCode="' + re.escape(code.replace('"', "&quot;")) + '"/>)', styles
    )
    styles = styles.replace(defined, "").replace(f'numFmtId="{custom}"', f'numFmtId="{builtin}"')
    files["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(book, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)


def test_01_chinese_excels_built_in_formats_tell_a_day_from_a_month(starter, tmp_path):
    """openpyxl names the East Asian built-in formats General: 2025年3月17日 (id 31) on the 1st is
    refused, 2025年3月 (id 57) read as its month."""
    code = 'yyyy"年"m"月"d"日"'
    book = _book(starter, tmp_path, lambda wb: _dated(wb["月报"], "C3", datetime(2025, 3, 1), code))
    _built_in(book, code, 31)
    assert any(p.startswith("月报!C3") and "写 2025-03" in p for p in _problems(book))
    code = 'yyyy"年"m"月"'
    book = _book(starter, tmp_path, lambda wb: _dated(wb["月报"], "C3", datetime(2025, 3, 1), code))
    _built_in(book, code, 57)
    assert str(read_workbooks([book]).reports[0].month) == "2025-03"


# --- c61-02: a blank 修改序号 on an item of an amended report ----------------------------------


def test_02_a_blank_amendment_serial_of_an_amended_report_is_refused_naming_the_choices(starter, tmp_path):
    """The starter's March report has an amendment (月报修改 1, its item row with 修改序号 1). A
    second item row typed with 修改序号 blank was read as 0 and joined the original report: the
    clerk meant it for the amendment. With amendments, blank is refused at its cell."""

    def edit(wb: Any) -> None:
        ws = wb["月报事项"]
        for col, value in enumerate(["R-379902-2025-03", None, 2, "收费", "补报：另一项收费问题", None, None], 1):
            ws.cell(5, col).value = value

    problems = _problems(_book(starter, tmp_path, edit))
    (problem,) = [p for p in problems if p.startswith("月报事项!B5")]
    assert "0" in problem and "原报" in problem and "1" in problem and "修改" in problem, problem
    assert not [p for p in problems if "月报事项!" in p and not p.startswith("月报事项!B5")], problems


def test_02_a_blank_amendment_serial_of_a_report_without_amendments_is_the_original(starter, tmp_path):
    def edit(wb: Any) -> None:
        wb["月报修改"].delete_rows(3)
        wb["月报事项"].delete_rows(4)
        wb["月报事项"]["B3"] = None

    ds = read_workbooks([_book(starter, tmp_path, edit)])
    (report,) = ds.reports
    assert len(report.items) == 1 and not report.amendments


# --- c61-03: 28 characters of 3号 a line ----------------------------------------------------


def _body_spacing(path: Path) -> tuple[float, int]:
    """The body style's size (pt) and character spacing (twentieths of a point, w:spacing)."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    normal = docx.Document(str(path)).styles["Normal"]
    rpr = normal.element.find(qn("w:rPr"))
    (spacing,) = rpr.findall(qn("w:spacing"))
    return normal.font.size.pt, int(spacing.get(qn("w:val")))


def _check_28(path: Path) -> None:
    """GB/T 9704: 28 characters of 3号 (16 pt) a line in the 156 mm text block. Each character
    advances its size plus the style's spacing: 28 must fit, 29 must not. No character grid
    (docGrid linesAndChars): LibreOffice gave each 16 pt character two of its 15.79 pt cells,
    14 a line (seen in a rendered page)."""
    size, spacing = _body_spacing(path)
    pitch = size + spacing / 20
    width = 156 / 25.4 * 72
    assert size == 16 and 28 * pitch <= width < 29 * pitch, (size, spacing)
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    (section,) = docx.Document(str(path)).sections
    (grid,) = section._sectPr.findall(qn("w:docGrid"))
    assert grid.get(qn("w:type")) in (None, "lines"), grid.attrib


def test_03_the_monthly_report_sets_28_characters_a_line(tmp_path):
    from datetime import timedelta, timezone

    from softenv_core.model.periods import Month

    from .demo_city import demo

    r = se.monitoring_report(
        demo(),
        Month(2025, 3),
        audience=se.CITY_OFFICE,
        as_of=datetime(2025, 4, 30, tzinfo=timezone(timedelta(hours=8))),
    )
    se.write_report_docx(r, tmp_path / "r.docx")
    _check_28(tmp_path / "r.docx")


def test_03_the_year_end_sets_28_characters_a_line(tmp_path):
    from datetime import timedelta, timezone

    data = Path(__file__).parent / "data" / "county-yearend-clerk-c60.json"
    y = se.year_end(
        se.loads_dataset(data.read_text(encoding="utf-8")),
        2025,
        audience=se.CITY_OFFICE,
        as_of=datetime(2026, 1, 12, tzinfo=timezone(timedelta(hours=8))),
    )
    se.write_yearend_docx(y, tmp_path / "y.docx")
    _check_28(tmp_path / "y.docx")


# --- c61-04: an invisible character in an id cell ------------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"])
@pytest.mark.parametrize(
    ("sheet", "cell", "typed"),
    [("监测点", "A3", "P379902-001"), ("监测点", "D3", "91379902MA00000153"), ("县区", "A3", "379902")],
)
def test_04_an_invisible_character_in_an_id_cell_is_named(starter, tmp_path, mark, sheet, cell, typed):
    """P379902-001 with a zero-width space pasted after it was refused as 编号 'P379902-001\\u200b'
    无效 (the uscc as 长度错误 19 位): the clerk sees P379902-001 and cannot tell why."""

    def edit(wb: Any) -> None:
        wb[sheet][cell] = typed[:3] + mark + typed[3:]

    problems = [p for p in _problems(_book(starter, tmp_path, edit)) if p.startswith(f"{sheet}!{cell}")]
    assert problems and all(f"含不可见字符 U+{ord(mark):04X}" in p for p in problems), problems


# --- c61-05: a whole number written with a decimal point in an integer column -------------------


@pytest.mark.parametrize("typed", ["350.0", "350.00", 350.0, "３５０.０"])
def test_05_a_whole_number_with_a_point_in_an_integer_column_is_that_integer(starter, tmp_path, typed):
    """从业人员 typed 350.0 (an Excel number cell often is a float, and a clerk copies its text)."""

    def edit(wb: Any) -> None:
        wb["监测点"]["I3"] = typed

    (point,) = read_workbooks([_book(starter, tmp_path, edit)]).points
    assert point.enterprise.employees == 350


@pytest.mark.parametrize("typed", ["350.5", 350.5])
def test_05_a_fraction_in_an_integer_column_is_refused_saying_so(starter, tmp_path, typed):
    def edit(wb: Any) -> None:
        wb["监测点"]["I3"] = typed

    (problem,) = [p for p in _problems(_book(starter, tmp_path, edit)) if p.startswith("监测点!I3")]
    assert "350.5" in problem and "不能有小数" in problem, problem
