"""A county clerk's first quarter (clerk c45): a 合计 row and a footer under 联系记录, the size
hint on a monthly ``--into`` import, and a January zero report filed late.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

from softenv_core import get_plugin_manager
from softenv_core.analyses.disclosure import Cell
from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports
from softenv_core.analyses.trends import trends
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.testing.builders import beijing, monthly_report, small_dataset

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")
PM = get_plugin_manager(autoload=False)


def _book(starter: Path, tmp_path: Path, edit, name: str = "b.xlsx") -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / name
    wb.save(book)
    return book


# --- 1. a 合计 row and a footer under 联系记录 -------------------------------------------------


def _footer(wb) -> None:  # type: ignore[no-untyped-def]
    wb["联系记录"]["A5"], wb["联系记录"]["B5"] = "合计", "1次"
    wb["联系记录"]["A6"] = "填表人：王丽  联系电话：0539-1234567"


@pytest.mark.parametrize("books", [1, 2])
def test_a_footer_under_contacts_is_told_in_one_line(starter, tmp_path, capsys, books):
    """Each row was told as no record and, beside it, `联系记录!F5 (合计 是否联系上): 请填写“是”
    或“否”（是否联系上不能留空）`: the reader's blank check, told before the dataset's check
    found the row to be none (with two books, each line led by the book's name)."""
    paths = [_book(starter, tmp_path, _footer)]
    if books == 2:
        paths.append(_book(starter, tmp_path, lambda wb: None, "other.xlsx"))
    code, _, err = run(capsys, "import", *paths, "--out", tmp_path / "d.json")
    assert code == 1
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert "是否联系上不能留空" not in err, err
    assert len(lines) == 2, err
    assert "联系记录!A5 (合计): 这一行不是一条记录" in lines[0], err
    assert "联系记录!A6 (填表人：王丽  联系电话：0539-1234567): 这一行不是一条记录" in lines[1], err


def test_a_contact_with_its_reached_blank_is_still_refused(starter, tmp_path, capsys):
    """A true record (an id, other cells filled) with 是否联系上 blank keeps its line."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系记录"]["F3"] = None

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "联系记录!F3 (C-2025-03-001 是否联系上): 请填写“是”或“否”（是否联系上不能留空）" in err, err


# --- 2. the size hint on each month's --into import ------------------------------------------

_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc(body: str) -> str:
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(_CH.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + _CH[(31 - total % 31) % 31]


def _large(wb) -> None:  # type: ignore[no-untyped-def]
    wb["监测点"]["E3"] = "大型"  # 350 people, 25,000 万元: 中型 by the indicators


def _second_point(wb) -> None:  # type: ignore[no-untyped-def]
    _large(wb)
    ws = wb["监测点"]
    for col in range(1, ws.max_column + 1):
        ws.cell(4, col).value = ws.cell(3, col).value
    ws["A4"], ws["B4"], ws["D4"] = "P379902-002", "示范食品有限公司", _uscc("91379902MA0000026")
    ws["N4"] = ws["N3"].value.replace(year=2024)  # designated before the year: no roster change owed


def test_a_hint_told_at_an_earlier_import_is_not_repeated_into(starter, tmp_path, capsys):
    """Each month's `--into` import listed again the hints of records the dataset held since
    January (a point's 规模 against its indicators), the clerk's answer long given; a hint of a
    record new this month is listed, and the ones left out are counted, with where to see them."""
    data = tmp_path / "d.json"
    code, _, err = run(capsys, "import", _book(starter, tmp_path, _large), "--out", data)
    assert code == 0 and "监测点!E3 (P379902-001 规模): 填报为大型，按指标应为中型" in err, err
    code, _, err = run(capsys, "import", _book(starter, tmp_path, _second_point, "m.xlsx"), "--into", data)
    assert code == 0, err
    assert "(P379902-001).enterprise.size" not in err, err
    assert "m.xlsx 监测点!E4 (P379902-002 规模): 填报为大型，按指标应为中型" in err, err
    assert "softenv: 提示：1 条记录请核对（导入照常）" in err, err
    assert "d.json 中已有记录的 1 条提示在以前的导入中已列出，这次不再重复（softenv validate " in err, err
    code, out, err = run(capsys, "validate", data)
    said = out + err
    assert "(P379902-001).enterprise.size" in said and "(P379902-002).enterprise.size" in said, said


# --- 3. a January zero report filed late, and February's trend -------------------------------


def _from_february(late: datetime) -> Dataset:
    """small_dataset's records from February 2025 on (points designated long before), and every
    county's January zero report filed at ``late`` (its deadline was 2025-02-05)."""
    base = small_dataset(2025)
    reports = [r for r in base.reports if r.month >= Month(2025, 2)]
    reports += [monthly_report(c.code, Month(2025, 1), late) for c in base.counties]
    contacts = tuple(c for c in base.contacts if c.date >= date(2025, 2, 1))
    return attrs.evolve(base, reports=tuple(reports), contacts=contacts)


def _previous(trends) -> tuple[Cell | None, Cell | None]:  # type: ignore[no-untyped-def]
    assert trends is not None
    return trends.row("total").previous, trends.row("points_reached").previous


def test_a_late_zero_report_gives_the_previous_month_data():
    """February's report (made 2025-03-06) knew January's zero reports, filed on 02-20, yet its
    trend said 上月(2025-01)无数据: where the records begin was read at January's own instant
    (02-06), before them. A late zero report is a report: January has data, no items, and its
    points owed their contacts (0 reached); the figures are still January's own at 02-06."""
    ds = _from_february(beijing(2025, 2, 20, 10))
    report = monitoring_report(ds, Month(2025, 2), PM, audience="city")
    total, reached = _previous(report.trends)
    assert total is not None and total.value == 0
    assert reached is not None and reached.value == 0
    assert report.trends is not None
    assert not any(s.startswith("上月(2025-01)无数据") for s in report.trends.sentences), report.trends.sentences
    # The same in a batch of reports, where January's own report kept its figures for February.
    batch = monitoring_reports(ds, [Month(2025, 1), Month(2025, 2)], PM, audience="city")
    assert _previous(batch[1].trends) == (total, reached)
    assert trends(ds, Month(2025, 2), PM, baseline_parameters()).previous.has_data  # the analysis itself


def test_a_zero_report_filed_after_the_report_was_made_leaves_the_month_without_data():
    """Filed 03-10, after February's report was made (03-06): not known to it."""
    ds = _from_february(beijing(2025, 3, 10, 10))
    assert _previous(monitoring_report(ds, Month(2025, 2), PM, audience="city").trends) == (None, None)


# --- 4. the Word report's complaints table: a day on one line --------------------------------


def test_the_complaints_table_keeps_a_day_on_one_line_in_dejavu_digits(tmp_path):
    """LibreOffice draws the digits in DejaVu Sans where 仿宋_GB2312 is missing (0.64 em, 178
    twips in 4号; the '-' 0.36 em): the 时限 column of 18 mm (1020 twips) broke 03-12 as 03- / 12.
    The table is in 小四 since clerk c58 01 (153 twips a digit, 240 a character)."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    path = tmp_path / "r.docx"
    write_report_docx(monitoring_report(demo(), "2025-03", PM, audience="city"), path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "编号")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    size = int(table._tbl.xpath(".//w:tr[2]//w:rPr/w:sz")[0].get(qn("w:val"))) / 2
    digit, dash, em = 0.636 * size * 20, 0.361 * size * 20, size * 20
    assert grid[4] >= 4 * digit + dash + 216, grid  # 03-12 with Word's cell margins, 108 twips a side
    assert grid[5] >= 3 * em + 216 and sum(grid) <= 8845, grid  # 未超期; within the 156 mm block


# --- 5. a day typed without its year --------------------------------------------------------


@pytest.mark.parametrize("typed", ["3月12日", "3/12", "3.12"])
def test_a_day_without_its_year_is_told_what_is_missing(starter, tmp_path, capsys, typed):
    """`3月12日`, as a clerk writes a day of this year, was told only the forms a date may take."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系记录"]["C3"] = typed

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        f"联系记录!C3 (C-2025-03-001 日期): 不是有效日期 '{typed}'（可写 2025-03-05、2025/3/5 或 2025年3月5日）"
        "；缺少年份，请写出年份，如 2025年3月12日 或 2025-03-12"
    ) in err, err


# --- a row pasted twice ----------------------------------------------------------------------


def _pasted(wb) -> None:  # type: ignore[no-untyped-def]
    ws = wb["部门"]
    for cell in ws[3]:  # the example department, pasted into the row below it
        ws.cell(row=4, column=cell.column, value=cell.value)


def test_a_row_pasted_twice_is_loaded_once_and_said(starter, tmp_path, capsys):
    """Two identical rows of one sheet were merged into one record without a word (clerk c45): the
    clerk who pasted a row twice, or meant two contacts and copied the id too, was told nothing."""
    book = _book(starter, tmp_path, _pasted)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err
    said = [line.strip() for line in err.splitlines() if "完全相同" in line]
    assert len(said) == 1, err
    assert said[0].startswith("b.xlsx 部门!A4 (city-amr): 与 b.xlsx 部门!A3 (city-amr) 完全相同"), err
    assert "只导入一次；是否重复粘贴了一行？如确是两条记录，请改正其中一行的编号" in said[0], err
    assert "条记录请核对（导入照常）" in err, err


def test_the_same_workbook_twice_or_again_into_is_no_pasted_row(starter, tmp_path, capsys):
    """A record also in another workbook of the import, or in the --into dataset, is an import
    repeated (c34: a month imported again adds nothing), not a row pasted twice."""
    book = _book(starter, tmp_path, lambda wb: None)
    other = _book(starter, tmp_path, lambda wb: None, "again.xlsx")
    code, _, err = run(capsys, "import", book, other, "--out", tmp_path / "d.json")
    assert code == 0 and "完全相同" not in err, err
    code, _, err = run(capsys, "import", book, "--into", tmp_path / "d.json")
    assert code == 0 and "完全相同" not in err, err
