"""The import's problem cap (io/workbook_cap.py, attacker x65 01) when the dataset's checks, not
the cells, pass it; and a volatile function behind a name defined by another name (x65 05)."""

from __future__ import annotations

from pathlib import Path

from tests.office_cli import run
from tests.test_attack_x65 import DATE_CELL, SHEET, _book
from tests.test_attack_x65 import starter as starter  # the module's fixture


def test_the_checks_past_the_cap_stop_and_say_so(starter: Path, tmp_path: Path, capsys) -> None:
    # 是否联系上 filled: no cell problem; 监测点编号, 日期, 方式, 联系单位 empty: 4 of the checks' per row.
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>C-{r}</t></is></c>'
        f'<c r="F{r}" t="inlineStr"><is><t>是</t></is></c></row>'
        for r in range(4, 2004)
    )
    book = _book(starter, tmp_path / "b.xlsx", {SHEET: lambda s: s.replace("</sheetData>", rows + "</sheetData>")})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    assert code == 1 and not (tmp_path / "o.json").exists()
    assert "超过 5000 个问题" in err.splitlines()[0]
    assert "问题超过 5000 个：只列出前 5000 个，检查到此为止" in err.splitlines()[-1]
    assert "联系记录!B4 (C-4 监测点编号): 必填" in err


def test_under_the_cap_every_problem_is_counted(starter: Path, tmp_path: Path, capsys) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>C-{r}</t></is></c></row>' for r in range(4, 204))
    book = _book(starter, tmp_path / "b.xlsx", {SHEET: lambda s: s.replace("</sheetData>", rows + "</sheetData>")})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    assert code == 1 and ": 1000 个问题" in err.splitlines()[0]
    assert "检查到此为止" not in err


def test_a_volatile_function_two_names_deep_is_refused(starter: Path, tmp_path: Path, capsys) -> None:
    names = '<definedNames><definedName name="日子">今天</definedName><definedName name="今天">TODAY()</definedName>'
    book = _book(
        starter,
        tmp_path / "n.xlsx",
        {
            SHEET: lambda s: s.replace(DATE_CELL, '<c r="C3" s="5"><f>日子+0</f><v>45728</v></c>'),
            "xl/workbook.xml": lambda s: s.replace("<definedNames>", names),
        },
    )
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "o.json")
    assert code == 1 and "联系记录!C3" in err and "=日子+0" in err, err
