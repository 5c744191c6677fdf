"""Attacker x63 01: a lone surrogate in a record's text (a broken ``\\u`` escape in a JSON file,
or ``<U+DFFF>`` in a workbook cell, which the import reads as the character it names) was refused
in English alone under ``--lang zh``, the default, where docs/cli.md says the message is in
Chinese and the ``$.path`` unchanged. The rule of the Chinese table matches the message, so every
text field is said in Chinese, in ``softenv validate`` and in ``softenv import``
(io/character_words.py). x63 found no way to expose a complainant across every output and reader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from softenv_core.cli.main import main
from softenv_core.io.workbook_messages import translated, zh_problem

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH = "含有无法显示的孤立代理字符 U+DFFF（第 3 个字符），不是有效字符"


def test_01_lone_surrogate_problem_is_said_in_chinese_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/cli.md: under --lang zh (the default) a problem's message is in Chinese, the $.path
    unchanged. A lone surrogate in a record's text was refused in English alone."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["points"][0]["enterprise"]["name"] = "测试\udfff企业1有限公司"
    src = tmp_path / "d.json"
    src.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    assert main(["validate", str(src)]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if ".enterprise.name" in x)
    message = line.split(".enterprise.name:", 1)[1]
    assert "holds a lone surrogate" not in message, line
    assert _CJK.search(message), line
    assert _ZH in message, line


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (("points", 0, "id"), "$.points[0].id:"),
        (("points", 0, "county"), "$.points[0] (P-379902-1).county:"),
        (("departments", 0, "name"), "$.departments[0]"),
    ],
)
def test_01_every_text_field_says_it_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: tuple[str | int, ...], where: str
) -> None:
    """The rule matches the message, not the field: an id, a code and a name alike."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    record = doc
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = "ab\udfffc"
    src = tmp_path / "d.json"
    src.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    assert main(["validate", str(src)]) == 1
    lines = [x for x in capsys.readouterr().err.splitlines() if x.strip().startswith(where)]
    assert any(_ZH in x for x in lines), lines
    assert not any("lone surrogate" in x for x in lines), lines


def test_01_the_table_knows_the_message_and_keeps_the_path() -> None:
    english = (
        "$.complaints[2] (C-1).text: holds a lone surrogate U+D83D at character 12, which is not a "
        "character (a broken \\u escape, or a text cut inside an emoji): retype that character"
    )
    assert translated(english.split(": ", 1)[1])
    assert zh_problem(english) == (
        "$.complaints[2] (C-1).text: 含有无法显示的孤立代理字符 U+D83D（第 12 个字符），不是有效字符"
        "（\\u 转义不完整，或文字在表情符号中间被截断）：请重新输入该字符"
    )


def test_01_workbook_import_says_it_in_chinese_at_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook cell's ``<U+DFFF>`` is read as that character (io/workbook_text.unheld): the
    import refuses it at its cell, in Chinese."""
    book = tmp_path / "wb.xlsx"
    assert main(["export", str(EXAMPLE), "--out", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["监测点"]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "有限公司" in c.value)
    cell.value = "测试<U+DFFF>企业"
    wb.save(book)
    capsys.readouterr()
    assert main(["import", str(book), "--out", str(tmp_path / "d.json")]) != 0
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if f"监测点!{cell.coordinate}" in x)
    assert _ZH in line, line
    assert "lone surrogate" not in line, line
