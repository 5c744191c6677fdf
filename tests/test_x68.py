"""Attacker x68: the workbook import and export, and the HTTP service, as a county clerk or a caller
holding a county's, a department's, a point's or the public's key.

01. A county's workbook carries a city-only record (豁免) and the import takes it without a word.
    docs/office.md (县区填哪些表): 直接反馈、办理过程、评议轮次、评议、豁免、表彰决定是市软建办的记录，县区不填;
    DESIGN.md: "only a city waiver record can" relax the baseline. A county workbook (its 县区 sheet
    holds one county) with a 豁免 row for its own late month, 决定单位 typed as the city's
    市经贸委, is imported silently ("→ 已写入 …" and nothing else about it), and the late month then
    reads 已豁免 in `softenv explain`, the waiver counting for 十佳. The import should at least tell
    the city office, at the row, that a county's workbook holds a record only the city makes.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from softenv_core.cli.main import main

openpyxl = pytest.importorskip("openpyxl")


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_01_a_countys_workbook_granting_itself_a_city_waiver_is_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "init", tmp_path / "start")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "start" / "软环境监测点.xlsx")
    assert [c.value for c in wb["县区"]["A"][2:]] == ["379902"]  # one county's workbook
    wb["月报"]["D3"].value = datetime.datetime(2025, 4, 25, 10, 0)  # March's report, 14 working days late
    wb["月报修改"].delete_rows(3)
    items = wb["月报事项"]
    for row in range(items.max_row, 2, -1):
        if items.cell(row, 2).value not in (0, None):
            items.delete_rows(row)
    waiver = wb["豁免"]  # the county's own waiver of that month, "decided" by the city
    waiver["A3"].value, waiver["C3"].value, waiver["D3"].value = "W-2025-077", "2025-03", "系统故障"
    assert waiver["F3"].value == "市经贸委"
    book = tmp_path / "379902-2025-04.xlsx"
    wb.save(book)

    code, _, err = _run(capsys, "import", book, "--out", tmp_path / "ds.json")
    assert code == 0, err
    _, explained, _ = _run(capsys, "explain", tmp_path / "ds.json", "--year", "2025", "--county", "379902")
    assert "已豁免" in explained  # the county's own row waives its late month for 十佳
    assert "W-2025-077" in err or "豁免!A3" in err, err  # … and the import said nothing about it
