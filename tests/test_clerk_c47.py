"""A county clerk's month from the starter workbook to the Word report (clerk c47): section 四
lists categories in the order the trend sentence breaks a tie by, an open matter naming no
department reads 无 (not the hidden mark "—"), and a 前任联系人 row the dataset already holds
alike is skipped by ``import --into`` instead of sending the clerk to export again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(starter: Path, tmp_path: Path, edit, name: str = "b.xlsx") -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / name
    wb.save(book)
    return book


def _imported(capsys, starter: Path, tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "d.json"
    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", out)
    assert code == 0, err
    return out


# --- 1. section 四's categories in the order a tie in the trend sentence is broken by ---------


def test_section_four_lists_categories_in_the_order_the_trend_names_a_tie(starter, tmp_path, capsys):
    """March's contact item typed 经营状况, the report's item 收费: both rose by 1 on February.
    The sentence named 经营状况 (ItemCategory's order) while the table below listed 收费 first
    (sorted by English code, fees before operations)."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系事项"]["C3"] = "经营状况"
        # February's contact, nothing raised: the month compared with has data
        wb["联系记录"].append(["C-2025-02-001", "P379902-001", "2025年2月12日", "电话", "379902", "是", None, "张三"])

    data = _imported(capsys, starter, tmp_path, edit)
    code, out, err = run(capsys, "report", data, "--month", "2025-03")
    assert code == 0, err
    assert "本月反映经营状况 1 项，较上月增加 1 项" in out, out
    table = out[out.index("## 四、") :]
    assert "| 经营状况 | 1 |" in table and "| 收费 | 1 |" in table, table
    assert table.index("| 经营状况 | 1 |") < table.index("| 收费 | 1 |"), table


# --- 2. an open matter naming no department ----------------------------------------------------


def test_an_open_matter_without_a_department_reads_none_not_the_hidden_mark(starter, tmp_path, capsys):
    """A county's report notes under its title that "—" marks a hidden figure; a matter whose
    department cell was left blank read "—" in 涉及部门, though nothing was hidden."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系事项"]["E3"] = None

    data = _imported(capsys, starter, tmp_path, edit)
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--audience", "county:379902")
    assert code == 0, err
    assert "表中“—”" in out, out  # the note the mark is read by
    row = next(line for line in out.splitlines() if "技术工人招聘难" in line and line.startswith("| 2025-"))
    assert row.split("|")[4].strip() == "无", row
    code, out, err = run(capsys, "report", data, "--month", "2025-03", "--lang", "en")
    assert code == 0, err
    row = next(line for line in out.splitlines() if "技术工人招聘难" in line and line.startswith("| 2025-"))
    assert row.split("|")[4].strip() == "none", row


# --- 3. a 前任联系人 row the dataset holds alike ------------------------------------------------


def _only_former_person(wb) -> None:  # type: ignore[no-untyped-def]
    """The month's workbook holding, of the starter's rows, only the 前任联系人 one."""
    for ws in wb.worksheets:
        if ws.title not in ("说明", "选项", "前任联系人") and ws.max_row >= 3:
            ws.delete_rows(3, ws.max_row - 2)


def test_a_former_person_row_the_dataset_holds_alike_is_skipped(starter, tmp_path, capsys):
    """The clerk changed the person by export and import, as the refusal says; the month's
    workbook still holding that 前任联系人 row was refused again with the same advice, a loop."""
    data = _imported(capsys, starter, tmp_path, lambda wb: None)
    before = json.loads(data.read_text(encoding="utf-8"))
    month = _book(starter, tmp_path, _only_former_person, "month.xlsx")
    code, _, err = run(capsys, "import", month, "--into", data)
    assert code == 0, err
    assert "已在数据集中" not in err, err
    assert json.loads(data.read_text(encoding="utf-8")) == before


def test_a_former_person_row_the_dataset_holds_otherwise_is_still_refused(starter, tmp_path, capsys):
    data = _imported(capsys, starter, tmp_path, lambda wb: None)

    def edit(wb):  # type: ignore[no-untyped-def]
        _only_former_person(wb)
        wb["前任联系人"]["C3"] = "王五"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit, "month.xlsx"), "--into", data)
    assert code == 1
    assert "监测点 P379902-001 已在数据集中，--into 不修改已有记录；更换联系人（定人）请用 softenv export" in err, err


# --- 4. a submission typed as a day alone ------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025年4月3日", "2025/4/3", "２０２５－０４－０３"])
def test_a_day_without_its_time_is_told_with_that_day_in_the_example(starter, tmp_path, capsys, typed):
    """The example was a fixed 2025-04-07 09:30 whatever day was typed: copied as it stood, the
    report submitted on 04-03 would read as submitted on the deadline day."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["月报"]["D3"] = typed

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    told = "月报!D3 (R-379902-2025-03 报送时间（北京时间）): 缺少时刻：请填写日期和时间，如 2025-04-03 09:30"
    assert told in err, err
