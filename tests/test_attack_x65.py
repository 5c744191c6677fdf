"""Attacker x65: hostile workbooks given to `softenv import`.

01 A 0.4 MB workbook of 50,000 rows holding only an id each took 10 s and 250 MB to refuse with
   250,000 problems (1,000,000 such rows, 7.7 MB: 207 s and 4.4 GB, 5,000,000 problems), every
   one built and placed at its cell though the terminal shows three alike. Past 5,000 problems
   the import now lists the first and says the check stopped (io/workbook_cap.py): 1.0 s, 12 s.
02 1e308 in a date cell was quoted with all 309 digits (docs/office.md: at most 40 characters).
03 Serial 60, Excel's fictitious 1900-02-29, was read as 1900-02-28 without a word.
04 A date cell holding 0 or -1 was refused quoting '00:00:00', which the cell does not hold.
05 TODAY() behind a defined name (=今天) got past the volatile-formula check.
06 `softenv import book.xlsx` without --out/--into said so in English only.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from tests.office_cli import run

SHEET = "xl/worksheets/sheet7.xml"  # 联系记录 in the starter workbook
DATE_CELL = '<c r="C3" s="5"><v>45728</v></c>'


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from softenv_core.cli.main import main

    d = tmp_path_factory.mktemp("x65")
    assert main(["init", str(d / "ws")]) == 0
    return d / "ws" / "软环境监测点.xlsx"


def _book(starter: Path, out: Path, edit) -> Path:
    src = zipfile.ZipFile(starter)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in edit:
                data = edit[info.filename](data.decode()).encode()
            o.writestr(info.filename, data)
    return out


def _date_cell(starter: Path, tmp_path: Path, xml: str) -> Path:
    return _book(starter, tmp_path / "b.xlsx", {SHEET: lambda s: s.replace(DATE_CELL, xml)})


def test_01_many_bad_rows_are_refused_in_bounded_time(starter, tmp_path, capsys):
    """A 0.4 MB workbook of 50,000 rows holding only an id each: 11+ s here (1,000,000 such
    rows, 7.7 MB: over 120 s and 4 GB of memory), far above the province's 14 M valid cells."""
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>C-{r}</t></is></c></row>' for r in range(4, 50_004))
    book = _book(starter, tmp_path / "rows.xlsx", {SHEET: lambda s: s.replace("</sheetData>", rows + "</sheetData>")})
    started = time.process_time()
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    spent = time.process_time() - started
    assert code == 1 and "必填" in err
    assert spent < 5, f"{spent:.1f} s of CPU for 50,000 bad rows"


def test_02_a_huge_number_is_echoed_at_most_40_characters(starter, tmp_path, capsys):
    """docs/office.md: 提示中引用的填写内容最多显示前 40 个字; 1e308 in a date cell is quoted as 309 digits."""
    book = _date_cell(starter, tmp_path, '<c r="C3" s="5"><v>1e308</v></c>')
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    assert code == 1
    line = next(line for line in err.splitlines() if "联系记录!C3" in line)
    assert not re.search(r"\d{60}", line), line[:200]


def test_03_serial_60_the_day_excel_invents_is_not_read_as_28_february(starter, tmp_path, capsys):
    """Excel shows serial 60 as 1900-02-29 (its 1900 leap-year bug), a day that does not exist;
    it was read as 1900-02-28, the same day as serial 59, and imported."""
    book = _date_cell(starter, tmp_path, '<c r="C3" s="5"><v>60</v></c>')
    out = tmp_path / "o.json"
    code, _, err = run(capsys, "import", book, "--out", out)
    assert code == 1 and not out.exists(), err
    assert "联系记录!C3" in err


def test_04_serial_zero_or_negative_is_not_quoted_as_00_00_00(starter, tmp_path, capsys):
    """A date cell holding 0 or -1 was refused quoting '00:00:00', which is not what the cell holds."""
    for value in ("0", "-1"):
        book = _date_cell(starter, tmp_path, f'<c r="C3" s="5"><v>{value}</v></c>')
        code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
        assert code == 1
        assert "'00:00:00'" not in err, err


def test_05_today_behind_a_defined_name_is_a_volatile_formula(starter, tmp_path, capsys):
    """docs/office.md: TODAY etc. 嵌在其他函数里也算 are refused; behind a defined name
    (=今天, 今天 := TODAY()) the cached date was imported."""
    book = _book(
        starter,
        tmp_path / "n.xlsx",
        {
            SHEET: lambda s: s.replace(DATE_CELL, '<c r="C3" s="5"><f>今天</f><v>45728</v></c>'),
            "xl/workbook.xml": lambda s: s.replace(
                "<definedNames>", '<definedNames><definedName name="今天">TODAY()</definedName>'
            ),
        },
    )
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    assert code == 1, err
    assert "联系记录!C3" in err


def test_06_import_without_out_says_so_in_chinese(starter, capsys):
    code, _, err = run(capsys, "import", starter)
    assert code != 0
    assert re.search("[\u4e00-\u9fff]", err), err
