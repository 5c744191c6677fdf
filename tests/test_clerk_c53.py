"""Clerk c53 (松山县经贸委: a Q1 workbook imported with --out, April's with --into).

01 March, filed on 04-03 as a 零报告, amended on 04-20 the spreadsheet way: the Q1 workbook's
   March row set to 零报告 否 (A), only a 月报事项 row added under it (B), or a second March row
   (C). A and B were sent to export the dataset and import it again, which rewrites the filed
   report (an on-time report with the item, nothing recording the later submission); C was told
   `重复（首次出现在 d.json $.reports[2]）` with no advice. A filed report's change is an amendment
   (docs/office.md §3): each now names the 月报修改 sheet, with the 修改序号 to write
   (io/filed_reports.py).
02 A 月报事项 row not read (the sheet renamed 月报事项(4月), or a 修改序号 typed 原报 or 修改1) made
   each report with items be told "没有事项的请把零报告写为“是”": following it marks a report with
   items a zero report. Now the report is told its items were not read and why; a renamed 月报修改
   is named beside "没有修改序号为 1 的月报修改"; the row's label reads `原报 事项1`, not `修改原报
   事项1` (io/workbook_refused.py, io/workbook_children.py, io/workbook_entries.py).
03 P379925-005, designated 2025-04-28 (3 working days of April left), visited 04-29. Section 三's
   note named the rule (每月应履职的最少在册工作日数) but not its value, and the point and its visit
   were nowhere in the section. The note now says the value the analysis used (5个工作日, from
   MonitoringReport.owed_workdays) and the points left out are listed, by office
   (analyses/contact_overview.py, analyses/contact_rows.py, render/report_format.py).
04 Hints (io/workbook_cells.py): 未联系上 in 是否联系上 → 否, 零报告 in 零报告 → 是, 修改序号 原报 → 0
   and 修改1 → 1, 实地走访 in 方式 → 上门. Not done: natural times (2025年5月6日15:20), Chinese-
   numeral dates, 2025年4月 in a date cell, 202504 in 所报月份, quoting the value as typed (before
   NFKC), and naming the earlier submission beside 早于前一次报送.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softenv_core.cli.main import main
from softenv_core.io.workbook_cells import CellError, from_cell
from softenv_core.io.workbook_schema import Column
from softenv_core.model.reports import ContactMethod

from .office_cli import run
from .starter_book import load_workbook
from .starter_book import put_row as _put

openpyxl = pytest.importorskip("openpyxl")

_PTS = ("P379925-001", "P379925-002", "P379925-003", "P379925-004")
_USCC = ("91379925MA00000010", "91379925MA00000023", "91379925MA00000036", "91379925MA00000049")
_ITEM = {
    "@parent": "R-379925-2025-03",
    "@amendment": 0,
    "@seq": 1,
    "category": "收费",
    "text": "反映检验检测收费偏高，一次检测3800元",
    "department": "city-amr",
    "point": "P379925-002",
}


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    assert main(["init", "--empty", str(folder / "s")]) == 0
    return folder / "s" / "软环境监测点.xlsx"


def _base(empty: Path) -> Any:
    wb = load_workbook(empty)
    _put(wb["城市"], 3, {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"})
    _put(wb["县区"], 3, {"code": "379925", "name": "松山县", "kind": "县", "liaison_office": "松山县经贸委"})
    _put(wb["部门"], 3, {"id": "city-amr", "name": "市市场监管局"})
    return wb


def _q1(empty: Path) -> Any:
    """Q1: four points, a contact a month each, January's report with an item, February and
    March zero reports (March filed 2025-04-03)."""
    wb = _base(empty)
    for i, (pid, uscc) in enumerate(zip(_PTS, _USCC, strict=True)):
        _put(
            wb["监测点"],
            3 + i,
            {"id": pid, "enterprise.name": f"松山县企业{i + 1}有限公司", "county": "379925",
             "enterprise.uscc": uscc, "enterprise.size": "小型", "enterprise.ownership": "民营",
             "enterprise.sector": "工业", "enterprise.employees": 80, "level": "县区",
             "designated_by": "市确定", "designated_from": "2023-03-01", "liaison_person": "王芳"},
        )  # fmt: skip
    row = 3
    for m in (1, 2, 3):
        for k, pid in enumerate(_PTS):
            _put(
                wb["联系记录"],
                row,
                {"id": f"C-2025-{m:02d}-{k + 1:03d}", "point": pid, "date": f"2025-{m:02d}-{10 + k}",
                 "method": "电话", "liaison": "379925", "reached": "是", "made_by": "王芳"},
            )  # fmt: skip
            row += 1
    times = ("2025-02-05 10:00", "2025-03-04 16:30", "2025-04-03 09:30")
    for i, at in enumerate(times):
        _put(
            wb["月报"],
            3 + i,
            {"id": f"R-379925-2025-{i + 1:02d}", "county": "379925", "month": f"2025-{i + 1:02d}",
             "submitted_at": at, "submitted_by": "王芳", "nothing_to_report": "是"},
        )  # fmt: skip
    return wb


@pytest.fixture(scope="module")
def q1(empty: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Q1 workbook and the dataset imported from it."""
    folder = tmp_path_factory.mktemp("q1")
    book, data = folder / "q1.xlsx", folder / "d.json"
    _q1(empty).save(book)
    assert main(["import", str(book), "--out", str(data)]) == 0
    return book, data


def _into(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, wb: Any) -> str:
    book, copy = tmp_path / "book.xlsx", tmp_path / "d.json"
    wb.save(book)
    copy.write_bytes(data.read_bytes())
    code, _, err = run(capsys, "import", book, "--into", copy)
    assert code == 1
    return err


_AMEND = "请在 月报修改 表填一行（月报编号 R-379925-2025-03，修改序号 1，报送时间写补报之时）"


def test_01a_a_filed_zero_report_set_to_no_is_told_to_amend(q1, tmp_path, capsys):
    book, data = q1
    wb = load_workbook(book)
    wb["月报"].cell(5, 6).value = "否"
    _put(wb["月报事项"], 3, _ITEM)
    err = _into(capsys, tmp_path, data, wb)
    assert "月报!F5 (R-379925-2025-03 零报告)" in err
    assert _AMEND in err and "月报事项 中列出修改后的全部事项（修改序号 1）" in err
    assert "softenv export" not in err


def test_01b_an_item_added_under_a_filed_report_is_told_to_amend(q1, tmp_path, capsys):
    book, data = q1
    wb = load_workbook(book)
    _put(wb["月报事项"], 3, _ITEM)
    err = _into(capsys, tmp_path, data, wb)
    assert "月报!A5 (R-379925-2025-03)" in err
    assert "原报的事项（月报事项 中修改序号为 0 的行）与数据集中不同" in err
    assert _AMEND in err
    assert "只填子表的行" not in err


def test_01c_a_second_row_for_a_filed_month_is_told_to_amend(q1, empty, tmp_path, capsys):
    _, data = q1
    wb = _base(empty)
    _put(
        wb["月报"],
        3,
        {"id": "R-379925-2025-03-2", "county": "379925", "month": "2025-03",
         "submitted_at": "2025-04-20 11:00", "submitted_by": "王芳", "nothing_to_report": "否"},
    )  # fmt: skip
    _put(wb["月报事项"], 3, {**_ITEM, "@parent": "R-379925-2025-03-2"})
    err = _into(capsys, tmp_path, data, wb)
    assert "月报!C3 (R-379925-2025-03-2 所报月份)" in err
    assert "$.reports[2] (R-379925-2025-03)" in err
    assert _AMEND in err


def test_01c_two_rows_of_one_month_in_a_workbook_name_the_first_cell(empty, tmp_path, capsys):
    wb = _q1(empty)
    _put(
        wb["月报"],
        6,
        {"id": "R-379925-2025-03-2", "county": "379925", "month": "2025-03",
         "submitted_at": "2025-04-20 11:00", "submitted_by": "王芳", "nothing_to_report": "是"},
    )  # fmt: skip
    wb.save(tmp_path / "q1.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "q1.xlsx", "--out", tmp_path / "d.json")
    assert code == 1
    assert "月报!A5 (R-379925-2025-03) 已是这个月的月报" in err and "请填 月报修改" in err


def test_01d_an_original_item_on_a_filed_report_names_the_amendment_to_write(q1, empty, tmp_path, capsys):
    _, data = q1
    wb = _base(empty)
    _put(wb["月报事项"], 3, _ITEM)
    err = _into(capsys, tmp_path, data, wb)
    assert "原报的事项不能再追加" in err and _AMEND in err


def test_01e_an_amendment_typed_under_the_filed_row_is_told_to_go_alone(q1, tmp_path, capsys):
    """The right rows (月报修改 1 and its items) in the workbook holding March's own row: the
    merge keeps the dataset's report, so the rows go in a workbook without it."""
    book, data = q1
    wb = load_workbook(book)
    _put(
        wb["月报修改"],
        3,
        {"@parent": "R-379925-2025-03", "@seq": 1, "submitted_at": "2025-04-20 11:00",
         "submitted_by": "王芳", "nothing_to_report": "否"},
    )  # fmt: skip
    _put(wb["月报事项"], 3, {**_ITEM, "@amendment": 1})
    err = _into(capsys, tmp_path, data, wb)
    assert "本工作簿又给它填了月报修改（修改序号 1）" in err
    assert "请填在不含这一 月报 行的工作簿中" in err


def _april(empty: Path) -> Any:
    """April's workbook: March's amendment (修改序号 1, one item) and April's report with an item."""
    wb = _base(empty)
    _put(
        wb["月报修改"],
        3,
        {"@parent": "R-379925-2025-03", "@seq": 1, "submitted_at": "2025-04-20 11:00",
         "submitted_by": "王芳", "nothing_to_report": "否"},
    )  # fmt: skip
    _put(wb["月报事项"], 3, {**_ITEM, "@amendment": 1})
    _put(
        wb["月报"],
        3,
        {"id": "R-379925-2025-04", "county": "379925", "month": "2025-04",
         "submitted_at": "2025-05-06 15:20", "submitted_by": "王芳", "nothing_to_report": "否"},
    )  # fmt: skip
    _put(wb["月报事项"], 4, {**_ITEM, "@parent": "R-379925-2025-04"})
    return wb


def test_02_a_renamed_items_sheet_does_not_make_reports_zero_reports(q1, empty, tmp_path, capsys):
    _, data = q1
    wb = _april(empty)
    wb["月报事项"].title = "月报事项(4月)"
    err = _into(capsys, tmp_path, data, wb)
    assert "零报告写为" not in err
    assert "月报 R-379925-2025-04 的事项在工作表 月报事项(4月) 中，该工作表未能导入" in err
    assert "月报 R-379925-2025-03 的事项在工作表 月报事项(4月) 中" in err  # at its amendment


def test_02_a_renamed_amendments_sheet_is_named(q1, empty, tmp_path, capsys):
    _, data = q1
    wb = _april(empty)
    wb["月报修改"].title = "月报修改(3月)"
    err = _into(capsys, tmp_path, data, wb)
    assert "（月报修改 在工作表 月报修改(3月) 中，该工作表未能导入，见对它的提示）" in err


@pytest.mark.parametrize(("row", "typed", "label"), [(4, "原报", "原报 事项1"), (3, "修改1", "修改1 事项1")])
def test_02_a_refused_amendment_number_is_not_told_as_a_zero_report(q1, empty, tmp_path, capsys, row, typed, label):
    _, data = q1
    wb = _april(empty)
    wb["月报事项"].cell(row, 2).value = typed
    err = _into(capsys, tmp_path, data, wb)
    assert "零报告写为" not in err
    assert f"月报事项!B{row}）的修改序号未能读入" in err
    assert f"月报事项!B{row} (R-379925-2025-0{row} {label} 修改序号（原报为0）)" in err


def _late_point(empty: Path, data: Path, tmp_path: Path) -> Any:
    """April: a fifth point designated 04-28 by the county and visited 04-29; the others reached."""
    from softenv_core.io.dataset_files import load_dataset

    wb = _base(empty)
    _put(
        wb["监测点"],
        3,
        {"id": "P379925-005", "enterprise.name": "松山县瑞丰新材料有限公司", "county": "379925",
         "enterprise.uscc": "91379925MA0000005C", "enterprise.size": "中型", "enterprise.ownership": "民营",
         "enterprise.sector": "工业", "enterprise.employees": 300, "level": "县区",
         "designated_by": "县区增设", "designated_from": "2025-04-28", "liaison_person": "王芳"},
    )  # fmt: skip
    _put(
        wb["名册调整"],
        3,
        {"id": "RC-379925-2025-01", "point": "P379925-005", "action": "增设", "reason": "新确定",
         "effective": "2025-04-28", "by": "县区", "county": "379925"},
    )  # fmt: skip
    _put(wb["备案"], 3, {"id": "BA-379925-2025-01", "county": "379925", "filed_on": "2025-04-29",
                        "changes": "RC-379925-2025-01"})  # fmt: skip
    for k, pid in enumerate((*_PTS, "P379925-005")):
        _put(
            wb["联系记录"],
            3 + k,
            {"id": f"C-2025-04-{k + 1:03d}", "point": pid, "date": f"2025-04-{25 + k}",
             "method": "上门", "liaison": "379925", "reached": "是", "made_by": "王芳"},
        )  # fmt: skip
    book, copy = tmp_path / "apr.xlsx", tmp_path / "d.json"
    wb.save(book)
    copy.write_bytes(data.read_bytes())
    assert main(["import", str(book), "--into", str(copy)]) == 0
    return load_dataset(copy)


def test_03_the_owing_note_says_the_days_and_names_the_point_left_out(q1, empty, tmp_path):
    import attrs

    from softenv_core import monitoring_report
    from softenv_core.engine.parameters import DatedValue, ParameterSet, baseline_parameters
    from softenv_core.render.monitoring_report import render_markdown

    ds = _late_point(empty, q1[1], tmp_path)
    r = monitoring_report(ds, "2025-04", audience="county:379925")
    assert r.owed_workdays == 5
    (row,) = r.contacts
    assert (row.active_points, row.reached, row.short_of_days) == (4, 4, ("P379925-005",))
    md = render_markdown(r)
    assert "（每月应履职的最少在册工作日数，5个工作日）" in md
    assert "本月在册工作日不足5天、未计入上表的监测点：379925 松山县：P379925-005。" in md
    assert "其联系也不计入“方式”" in md
    # The value in force, not a constant: with 3 days the point owes April and is counted.
    base = baseline_parameters()
    three = ParameterSet(
        tuple(
            attrs.evolve(p, values=(DatedValue(p.values[0].effective_from, 3),))
            if p.name == "duty.min_workdays_in_month"
            else p
            for p in base.parameters
        )
    )
    r3 = monitoring_report(ds, "2025-04", audience="county:379925", params=three)
    assert r3.owed_workdays == 3 and r3.contacts[0].active_points == 5 and not r3.contacts[0].short_of_days
    md3 = render_markdown(r3)
    assert "3个工作日" in md3 and "未计入上表" not in md3
    # Another county's reader does not get the ids (as 未联系上的监测点).
    public = monitoring_report(ds, "2025-04", audience="public")
    assert all(not c.short_of_days for c in public.contacts)


def test_03_the_word_report_says_it_too(q1, empty, tmp_path):
    docx = pytest.importorskip("docx")
    from softenv_core import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    ds = _late_point(empty, q1[1], tmp_path)
    out = tmp_path / "r.docx"
    write_report_docx(monitoring_report(ds, "2025-04", audience="county:379925"), out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("5个工作日" in t for t in texts)
    assert "本月在册工作日不足5天、未计入上表的监测点：松山县：P379925-005。" in texts


# --- 04: hints for words a clerk types (cosmetic) ---------------------------------------------


@pytest.mark.parametrize(
    ("column", "typed", "said"),
    [
        (Column("reached", "是否联系上", "bool"), "未联系上", "而不是 '未联系上'；是否应为 否？"),
        (Column("nothing_to_report", "零报告", "bool"), "零报告", "而不是 '零报告'；是否应为 是？"),
        (Column("@amendment", "修改序号（原报为0）", "amendment"), "原报", "而不是 '原报'；请写 0"),
        (Column("@amendment", "修改序号（原报为0）", "amendment"), "修改1", "而不是 '修改1'；请写 1"),
        (Column("method", "方式", "enum", ContactMethod), "实地走访", "是否应为 上门？"),
    ],
)
def test_04_words_typed_for_a_choice_get_a_hint(column, typed, said):
    with pytest.raises(CellError) as refused:
        from_cell(column, typed)
    assert said in str(refused.value)
