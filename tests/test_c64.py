"""Findings of tester c64 (the city office's clerk at year end, workbook and CLI only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runs import run_cli
from tests.demo_city import demo_json


def test_01_city_waiver_with_a_space_in_decider_is_dropped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A city waiver whose 决定单位 the clerk typed ``市 经贸委`` (a space inside the name, as clerks
    type names) is imported and validated without a word, then ignored by the assessment as
    "not decided by the city": the county's waived month turns back into a late month and the
    county loses 十佳 in the year-end workbook (县区 sheet: 十佳资格 否), the only trace a line in
    the 阅读范围 sheet. ``softenv yearend --format docx|xlsx`` prints nothing on the screen.

    Where: rules/city/topten.py decided_by_city compares ``decided_by.strip()`` exactly with the
    city's office names; spaces inside a name (and other folding the library applies to names
    elsewhere: suggestions, 联系人) are not folded, and import/validate do not warn of a waiver
    whose 决定单位 is neither a city office nor the county's own office.

    Expected: ``市 经贸委`` counts as 市经贸委 (W-379923-2025-06 excuses 云岭县's June: 已豁免,
    十佳 是), or the import/validate name the 决定单位 and say to write 市经贸委.
    Actual: 6月 ``迟报2个工作日`` without (已豁免), 十佳资格 否; validate says the dataset is valid.
    Severity: medium (a county's 十佳 flips on a typing slip the clerk is not told of at entry).
    """
    data = json.loads(demo_json())
    (w,) = [w for w in data["waivers"] if w["id"] == "W-379923-2025-06"]
    w["decided_by"] = "市 经贸委"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, vout, verr = run_cli(capsys, "validate", path)
    told = "W-379923-2025-06" in vout + verr
    _, out, _ = run_cli(capsys, "assess", path, "--year", "2025", "--format", "csv", "--table", "counties")
    (row,) = [line for line in out.splitlines() if line.startswith("379923,")]
    cells = row.split(",")
    counted = "已豁免" in cells[7] and cells[15] == "是"
    assert counted or told, row
