"""Clerk c52's findings on the workbook import (her write-up: a county clerk from an empty starter
through messy typing, the import, the reports and the year end).

01 ``=NOW()`` typed in 报送时间 on 3 April and the workbook saved again on 9 April: the file holds
   the formula with the result of 9 April, and the import read that, so the report filed on time
   was 未报, then 迟报. Fixed: a volatile formula (NOW, TODAY, RAND, RANDBETWEEN, OFFSET,
   INDIRECT, nested, any case, with or without ``_xlfn.``) is refused at its cell, saying its
   result is the moment of the last save and how to keep the value (io/workbook_formulas.py;
   docs/office.md §1).
02 A report item copied from 联系事项 (the same point and category, 照抄 the text) still counted
   twice when the copy had a trailing space or a half-width comma: 反映事项 4 for 3. Fixed: the
   texts are compared by model/reports.matter_text (NFKC, outer whitespace stripped), on the
   comparison key only, in the monitoring report's section 四, the trends' month figures and the
   follow-up matters (the year end's 全年反映事项); a reworded text is still a second item.
05 A header row pasted again with a block of rows got six per-column errors; a units row under
   the header (（必填）, 人, 万元), already told as no record, still got 应为整数，而不是 '人'. Fixed:
   a row whose filled cells are each its column's header is told once, 这一行是重复的表头，请整行删除,
   in record and child sheets; a row told as no record has none of its cells told besides
   (io/workbook_stray_rows.py, io/workbook_children.py).
06 Rows copied and half edited were read without a hint. Now warned (not refused: ids are
   free-form): a contact alike in every field but its id to another of the same point and day,
   and a report whose id carries one YYYY-MM other than its 所报月份 (io/copy_warnings.py).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from softenv_core.cli.main import main
from softenv_core.io.workbook_formulas import volatile_function

from .office_cli import run

openpyxl = pytest.importorskip("openpyxl")


def _with_results(book: Path, results: dict[str, str]) -> Path:
    """The workbook with each formula's saved result (what Excel writes: ``<f>NOW()</f><v>…</v>``);
    openpyxl saves a formula without one."""
    patched = book.with_name("saved-" + book.name)
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(patched, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            for formula, value in results.items():
                f = re.escape(formula.encode())
                data = re.sub(
                    rb"(<f>" + f + rb"</f>)(?:<v\s*/>|<v>[^<]*</v>)?", rb"\1<v>" + value.encode() + b"</v>", data
                )
            out.writestr(item, data)
    return patched


# --- 01. a volatile formula -------------------------------------------------------------------


@pytest.mark.parametrize(
    "formula",
    [
        "=NOW()",
        "=now()",
        "=TODAY()",
        "=INT(NOW())",
        '=IF(A1="",_xlfn.TODAY(),1)',
        "=RAND()*3",
        "=RANDBETWEEN(1,9)",
        "=OFFSET(A1,0,1)",
        '=SUM(INDIRECT("A1:A3"))',
        "=TODAY ()",
    ],
)
def test_01_volatile_functions_are_found(formula):
    assert volatile_function(formula), formula


@pytest.mark.parametrize(
    "formula", ["=600+300", "=DATE(2025,1,9)", '="P379923-"&"001"', '="NOW()"', "=MYNOW()", "=KNOWN(1)"]
)
def test_01_other_formulas_are_not_volatile(formula):
    assert volatile_function(formula) == "", formula


def test_01_a_report_stamped_with_now_is_refused_at_its_cell(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["月报"]["D3"] = "=NOW()"
    wb["联系记录"]["C3"] = "=_xlfn.TODAY()"
    wb["监测点"]["I3"] = "=300+50"  # an ordinary formula: its result is read
    book = tmp_path / "now.xlsx"
    wb.save(book)
    book = _with_results(book, {"NOW()": "45756.416666666664", "_xlfn.TODAY()": "45756", "300+50": "350"})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1, err
    assert "月报!D3 (R-379902-2025-03 报送时间（北京时间）): 公式 =NOW() 的结果是每次打开、保存工作簿时的时刻" in err, (
        err
    )
    assert "请直接写出时间（可先复制、再“选择性粘贴—数值”）" in err, err
    assert "联系记录!C3 (C-2025-03-001 日期): 公式 =_xlfn.TODAY() 的结果是每次打开、保存工作簿时的日期" in err, err
    assert "监测点!I3" not in err, err
    assert not (tmp_path / "d.json").exists()


def test_01_a_shared_volatile_formula_is_refused_in_every_cell(starter, tmp_path, capsys):
    """Excel saves a formula filled down as one shared formula: later cells hold only its index."""
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["豁免"]["E3"] = "=TODAY()"
    book = tmp_path / "shared.xlsx"
    wb.save(book)
    patched = tmp_path / "shared2.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(patched, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if b"<f>TODAY()</f>" in data:
                data = re.sub(
                    rb"<f>TODAY\(\)</f>(?:<v\s*/>|<v>[^<]*</v>)?",
                    b'<f t="shared" ref="E3:E4" si="0">TODAY()</f><v>45756</v>',
                    data,
                )
                data = data.replace(
                    b"</sheetData>", b'<row r="4"><c r="E4"><f t="shared" si="0"/><v>45756</v></c></row></sheetData>'
                )
            out.writestr(item, data)
    code, _, err = run(capsys, "import", patched, "--out", tmp_path / "d.json")
    assert code == 1, err
    assert "豁免!E3 (W-2025-001 决定日期): 公式 =TODAY() 的结果" in err, err
    assert "豁免!E4" in err and err.count("=TODAY()") == 2, err


# --- 02. a report item copied from a contact, with a space or a half-width comma ----------------

_CONTACT_TEXT = "用工成本上升，技术工人招聘难，缺3人"


def _copied_item(starter: Path, tmp_path: Path, copied: str) -> Path:
    """The starter with its March report's item (original and amendment) copying the contact's
    matter: the same point and category, the text as ``copied``; imported to a dataset."""
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系事项"]["D3"] = _CONTACT_TEXT
    for row in (3, 4):
        ws = wb["月报事项"]
        ws.cell(row, 4).value, ws.cell(row, 5).value, ws.cell(row, 7).value = "困难问题", copied, "P379902-001"
    book = tmp_path / "copied.xlsx"
    wb.save(book)
    out = tmp_path / "copied.json"
    assert main(["import", str(book), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize(
    ("copied", "items"),
    [
        (_CONTACT_TEXT, 1),
        (_CONTACT_TEXT + " ", 1),  # the space a copy out of Word or WeChat brings
        ("\u3000" + _CONTACT_TEXT + "\n", 1),
        ("用工成本上升,技术工人招聘难,缺３人", 1),  # half-width commas, a full-width digit
        ("用工成本上升，技工招聘难，缺3人", 2),  # reworded: a second item (no guessing)
    ],
)
def test_02_a_copy_differing_in_invisible_whitespace_or_width_counts_once(starter, tmp_path, capsys, copied, items):
    from softenv_core import baseline_parameters, city_plugin_manager
    from softenv_core.analyses.followup_status import matters
    from softenv_core.analyses.month_figures import month_figures
    from softenv_core.io.dataset_files import load_dataset
    from softenv_core.model.periods import Month
    from softenv_core.model.reports import ItemCategory

    out = _copied_item(starter, tmp_path, copied)
    code, text, err = run(capsys, "report", out, "--month", "2025-03")
    assert code == 0, err
    assert f"反映事项：{items}项" in text, text
    assert copied.strip() in text  # the report's text is shown as written
    ds = load_dataset(out)
    figures = month_figures(ds, Month(2025, 3), city_plugin_manager(), baseline_parameters())
    assert sum(figures.items_by_category.values()) == items
    raised = [m for m in matters(ds, baseline_parameters()) if m.category == ItemCategory.DIFFICULTY.value]
    assert len(raised) == items, raised


# --- 05 (brief 3). a header row pasted again, a units row -------------------------------------


@pytest.mark.parametrize("sheet", ["联系记录", "监测点", "联系事项", "办理过程"])
def test_05_a_repeated_header_row_is_told_once(starter, tmp_path, capsys, sheet):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb[sheet]
    ws.insert_rows(4)
    for c in range(1, ws.max_column + 1):
        ws.cell(4, c, ws.cell(1, c).value)
    book = tmp_path / "header.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1, err
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{sheet}!A4: 这一行是重复的表头，请整行删除"), err


def test_05_a_units_row_is_told_once(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["监测点"]
    ws.insert_rows(3)
    ws.cell(3, 1, "（必填）")
    ws.cell(3, 9, "人")
    ws.cell(3, 10, "万元")
    book = tmp_path / "units.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1, err
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert len(lines) == 1 and "监测点!A3 (（必填）): 这一行不是一条记录" in lines[0], err
    assert "而不是 '人'" not in err and "万元'" not in err, err


def test_05_a_record_with_one_header_word_is_read_as_before(starter, tmp_path, capsys):
    """One cell alike its header is no header row: the cell is told as it was."""
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"]["D3"] = "方式"
    book = tmp_path / "one.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "联系记录!D3 (C-2025-03-001 方式): '方式' 不是可选值" in err, err
    assert "重复的表头" not in err, err


# --- 06 (brief 4). rows copied and half edited: warnings ----------------------------------------


def test_06_copied_rows_half_edited_are_warned_at_their_cells(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["联系记录"]
    for row, cid in ((4, "C-2025-03-002"), (5, "C-2025-03-003")):  # copied, only the id changed
        for c in range(1, ws.max_column + 1):
            ws.cell(row, c, ws.cell(3, c).value)
        ws.cell(row, 1, cid)
    ws = wb["月报"]
    for c in range(1, ws.max_column + 1):
        ws.cell(4, c, ws.cell(3, c).value)
    ws["A4"], ws["C4"], ws["D4"] = "R-379902-2025-05", "2025-04", "2025-05-07 10:00"  # the id left at May
    ws["F4"] = "是"
    book = tmp_path / "copied.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err  # warnings, not errors: ids are free-form
    copied = [line.strip() for line in err.splitlines() if "除编号外完全相同" in line]
    assert len(copied) == 1, err  # C-2025-03-001 carries an item: not alike
    assert copied[0].startswith("联系记录!A5 (C-2025-03-003): 与 联系记录!A4（C-2025-03-002）除编号外完全相同"), err
    month = [line.strip() for line in err.splitlines() if "月报编号写的是" in line]
    assert len(month) == 1, err
    assert month[0].startswith("月报!C4 (R-379902-2025-05 所报月份): 月报编号写的是 2025-05，所报月份是 2025-04"), err
    assert "R-379902-2025-03" not in month[0]


def test_06_only_an_id_that_clearly_names_another_month_is_warned():
    from softenv_core.io.copy_warnings import _report_ids_months

    class _Report:
        def __init__(self, rid: str, month: str) -> None:
            self.id, self.month = rid, month

    class _Data:
        reports = (
            _Report("R-379902-2025-03", "2025-03"),
            _Report("R-379902-202504", "2025-03"),  # no YYYY-MM: free-form, not read
            _Report("R-2025-04-to-2025-05", "2025-03"),  # two months: not guessed
            _Report("R-379902-2025-13", "2025-03"),  # no month
            _Report("R-379902-2025-04", "2025-03"),
        )

    found = _report_ids_months(_Data())  # type: ignore[arg-type]
    assert len(found) == 1 and found[0].startswith("$.reports[4] (R-379902-2025-04).month: the id names 2025-04")
