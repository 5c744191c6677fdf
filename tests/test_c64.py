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


def _demo_with(tmp_path: Path, decided_by: str, liaison: str | None = None) -> Path:
    """The demo dataset with W-379923-2025-06 (云岭县's June, the city's waiver) decided by
    ``decided_by``, and 云岭县's liaison office ``liaison`` when given."""
    data = json.loads(demo_json())
    (w,) = [w for w in data["waivers"] if w["id"] == "W-379923-2025-06"]
    w["decided_by"] = decided_by
    if liaison is not None:
        (c,) = [c for c in data["counties"] if c["code"] == "379923"]
        c["liaison_office"] = liaison
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _june(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[str, str]:
    """云岭县's June cell and 十佳资格 in ``assess``'s counties table."""
    _, out, _ = run_cli(capsys, "assess", path, "--year", "2025", "--format", "csv", "--table", "counties")
    (row,) = [line for line in out.splitlines() if line.startswith("379923,")]
    cells = row.split(",")
    return cells[7], cells[15]


@pytest.mark.parametrize("typed", ["市　经贸委", " 市经贸委\t", "市\u200b经贸委", "示范市 经贸委"])
def test_01_the_citys_office_name_is_read_without_spaces_and_full_width_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """A full-width (ideographic) space, outer white space, a zero-width space pasted with the name,
    the city's own name for 市 with a space: each is the city's office, and validate says nothing
    of the waiver."""
    path = _demo_with(tmp_path, typed)
    month, top = _june(capsys, path)
    assert "已豁免" in month and top == "是", (month, top)
    _, out, err = run_cli(capsys, "validate", path)
    assert "W-379923-2025-06" not in out + err


def test_01_a_countys_own_waiver_spaced_still_excuses_nothing_and_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rule's other half kept: 云岭县 经贸委 is the county's own office (云岭县经贸委), whose
    waiver excuses nothing (design principle 5); validate does not warn of it as a misspelt
    city office (the assessment's notice names it)."""
    path = _demo_with(tmp_path, "云岭县 经贸委")
    month, top = _june(capsys, path)
    assert "已豁免" not in month and top == "否", (month, top)
    _, out, err = run_cli(capsys, "validate", path)
    assert "W-379923-2025-06" not in out + err


def test_01_a_countys_liaison_office_spaced_as_the_citys_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A county's liaison office typed ``市 经贸委`` would now pass its own waivers as the city's:
    refused at its cell as 市经贸委 is (auditor a76 02)."""
    path = _demo_with(tmp_path, "市 经贸委", liaison="市 经贸委")
    code, out, err = run_cli(capsys, "validate", path)
    assert code != 0 and "liaison_office" in out + err and "市经贸委" in out + err, out + err


def test_01_a_decider_neither_the_citys_nor_the_countys_is_warned_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``市经委`` (a character left out) is neither a city office nor 云岭县's: the waiver excuses
    nothing, and validate and the workbook import say so at 决定单位, naming the city's office."""
    path = _demo_with(tmp_path, "市经委")
    month, top = _june(capsys, path)
    assert "已豁免" not in month and top == "否"
    code, out, _ = run_cli(capsys, "validate", "--format", "json", path)
    assert code == 0
    warnings = [w for w in json.loads(out)["warnings"] if "W-379923-2025-06" in w]
    (warning,) = warnings
    assert warning.startswith("$.waivers[0] (W-379923-2025-06).decided_by: “市经委” is neither"), warning
    assert "write the city office's name (市经贸委)" in warning
    _, out, err = run_cli(capsys, "validate", path)
    (zh,) = [line for line in (out + err).splitlines() if "W-379923-2025-06" in line]
    assert "提示" in zh and "决定单位“市经委”" in zh and "请写市里的单位名称（市经贸委）" in zh, zh
    pytest.importorskip("openpyxl")
    book = tmp_path / "o.xlsx"
    assert run_cli(capsys, "export", path, "--out", book)[0] == 0
    code, out, err = run_cli(capsys, "import", book, "--out", tmp_path / "back.json")
    assert code == 0, out + err
    (told,) = [line for line in (out + err).splitlines() if "市经委" in line]
    assert "豁免!" in told and "决定单位" in told and "请写市里的单位名称（市经贸委）" in told, told
