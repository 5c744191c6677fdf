"""Clerk c52's findings on the workbook import (her write-up: a county clerk from an empty starter
through messy typing, the import, the reports and the year end).

01 ``=NOW()`` typed in 报送时间 on 3 April and the workbook saved again on 9 April: the file holds
   the formula with the result of 9 April, and the import read that, so the report filed on time
   was 未报, then 迟报. Fixed: a volatile formula (NOW, TODAY, RAND, RANDBETWEEN, OFFSET,
   INDIRECT, nested, any case, with or without ``_xlfn.``) is refused at its cell, saying its
   result is the moment of the last save and how to keep the value (io/workbook_formulas.py;
   docs/office.md §1).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

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
