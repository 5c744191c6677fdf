"""A county clerk's month (clerk c44): a child row deleted in the middle of its record's rows,
a county's office typed in a 联系单位 cell, and a point designated this year among older ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(starter: Path, tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return book


def _item(ws, row: int, seq: int, text: str) -> None:  # type: ignore[no-untyped-def]
    ws.cell(row, 1).value, ws.cell(row, 2).value = "C-2025-03-001", seq
    ws.cell(row, 3).value, ws.cell(row, 4).value = "困难问题", text


# --- 1. a row deleted in the middle of a record's child rows ---------------------------------


def test_a_skipped_item_position_is_named_at_its_cell(starter, tmp_path, capsys):
    """联系事项 1, 2, 3 with the row of 2 deleted left 1, 3: read as two items without a word,
    事项跟踪's 事项序号 3 (read off the sheet) was told "只有 2 个事项", and a 2 followed the
    item that was 3."""

    def edit(wb):  # type: ignore[no-untyped-def]
        _item(wb["联系事项"], 4, 2, "用地指标紧张")
        _item(wb["联系事项"], 5, 3, "检测收费偏高")
        wb["联系事项"].delete_rows(4, 1)

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1 and not (tmp_path / "d.json").exists()
    assert (
        "联系事项!B4 (C-2025-03-001#3 序号): 序号 3 不接续：C-2025-03-001 的序号应从 1 起连续编号"
        "（1、2、3……），缺少序号 2；是否删除了中间的一行？请把其后各行的序号依次改小"
    ) in err, err
    assert "(positions skip" not in err  # the Chinese line leaves out the English tag


def test_a_skipped_step_is_named_once_for_its_record(starter, tmp_path, capsys):
    """办理过程 of one complaint with a step deleted: one line, at the first row after the gap."""
    wb = load_workbook(starter / "软环境监测点.xlsx")
    steps = [r for r in range(3, wb["办理过程"].max_row + 1) if wb["办理过程"].cell(r, 1).value]
    assert len(steps) >= 4, steps
    book = _book(starter, tmp_path, lambda wb: wb["办理过程"].delete_rows(steps[1], 1))
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    lines = [line for line in err.splitlines() if "不接续" in line]
    assert len(lines) == 1 and f"办理过程!B{steps[1]} (F-2025-001#3 序号): 序号 3 不接续" in lines[0], err
    assert "缺少序号 2" in lines[0]


def test_positions_numbered_on_still_import(starter, tmp_path, capsys):
    def edit(wb):  # type: ignore[no-untyped-def]
        _item(wb["联系事项"], 4, 2, "用地指标紧张")

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    contact = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["contacts"][0]
    assert [i["text"] for i in contact["items"]][1] == "用地指标紧张"


# --- 2. a county's office in a 联系单位 cell --------------------------------------------------


def test_a_county_office_for_its_code_is_told_in_full_width(starter, tmp_path, capsys):
    """Before: `应为 city 或县区代码，而不是 '示范区经贸委';示范区经贸委 是 …`."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系记录"]["E3"] = "示范区经贸委"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "应为 city 或县区代码，而不是 '示范区经贸委'；示范区经贸委 是 示范区 的经贸委，代码是 379902" in err, err
    assert "';" not in err


# --- 3. a point designated this year among older ones ----------------------------------------


def test_a_point_designated_this_year_is_not_told_as_a_slip_of_the_year(starter, tmp_path, capsys):
    """Four points of 2023 and one designated on 2025-03-17 with its 增设 of that day: the import
    said `2025-03-17 本表这一列其余 4 行都在 2023 年；是否写错了年份？`."""

    def edit(wb):  # type: ignore[no-untyped-def]
        ws = wb["监测点"]
        for n in range(2, 6):
            for c in range(1, ws.max_column + 1):
                ws.cell(n + 2, c).value = ws.cell(3, c).value
            ws.cell(n + 2, 1).value = f"P379902-00{n}"
            ws.cell(n + 2, 2).value = f"示范第{n}有限公司"
            ws.cell(n + 2, 4).value = _uscc(n)
            ws.cell(n + 2, 14).value = "2023年5月8日"
        ws.cell(3, 14).value = "2025年1月1日"  # the example's 增设 (名册调整 RC-2025-001) of that day

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert "是否写错了年份" not in err, err


def _uscc(n: int) -> str:
    from softenv_core.model.enterprises import synthetic_uscc

    return synthetic_uscc("379902", 100 + n)


# --- 4. a 合计 row, a footer under the records -----------------------------------------------


def test_a_total_row_is_told_once_as_no_record(starter, tmp_path, capsys):
    """A 合计 row under 监测点 was ten lines (编号 '合计' 无效, then each required column blank),
    none saying to delete the row."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["监测点"]["A4"], wb["监测点"]["I4"] = "合计", 350

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert lines == [
        "监测点!A4 (合计): 这一行不是一条记录：编号一列写的是文字，必填的 9 列都空着"
        "（只填了 监测点编号、从业人员（人））；"
        "合计行、填表人、填表日期等表格以外的文字请整行删除（工作表中每一行都按记录导入） — $.points[1]"
    ], err


def test_a_footer_row_is_told_as_no_record(starter, tmp_path, capsys):
    def edit(wb):  # type: ignore[no-untyped-def]
        wb["豁免"]["A5"] = "填表人：王小明  联系电话：0379-1234567"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "豁免!A5 (填表人：王小明  联系电话：0379-1234567): 这一行不是一条记录" in err, err
    assert "必填，不能为空" not in err and "无效：只能用" not in err, err


def test_a_record_with_a_chinese_character_in_its_id_is_told_as_before(starter, tmp_path, capsys):
    """Its other cells are filled: the id is mistyped, and told so."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["豁免"]["A3"] = "W-2025-001号"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1 and "编号 'W-2025-001号' 无效" in err and "不是一条记录" not in err, err


# --- 5. the hidden field row sorted in among the records --------------------------------------


def test_a_field_row_sorted_among_the_records_is_found(starter, tmp_path, capsys):
    """Sorting the whole sheet (LibreOffice sorts hidden rows; a clerk who unhid every row, any
    program) moved row 2 down: told only 被删除或改动, to copy it from a new starter workbook."""

    def edit(wb):  # type: ignore[no-untyped-def]
        ws = wb["豁免"]
        for c in range(1, ws.max_column + 1):
            ws.cell(4, c).value = ws.cell(3, c).value
        ws["A4"] = "W-2025-002"
        for c in range(1, ws.max_column + 1):  # the field row sorted below the records
            ws.cell(2, c).value, ws.cell(3, c).value, ws.cell(5, c).value = (
                ws.cell(3, c).value,
                ws.cell(4, c).value,
                ws.cell(2, c).value,
            )
            ws.cell(4, c).value = None
        ws.delete_rows(4, 1)

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "豁免!A4: 隐藏的第 2 行（字段名）现在在第 4 行，本表无法读取：是否排序时连同它一起排了？" in err, err
    assert "被删除或改动" not in err


# --- 6. the Word report marks the matters past the tracking limit -----------------------------


def test_the_word_report_marks_matters_past_the_tracking_limit(starter, tmp_path, capsys):
    """四(二) said 其中达到跟踪时限2项 and its table marked none (the Markdown's ⚠ was left out)."""
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    example = starter / "示例数据.json"
    code, _, err = run(capsys, "report", example, "--month", "2025-06", "--format", "docx", "--out", out)
    assert code == 0, err
    doc = docx.Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "历时")
    ages = [row.cells[-1].text for row in table.rows[1:]]
    assert ages == ["110天※", "83天※"], ages
    texts = [p.text for p in doc.paragraphs]
    assert "截至6月30日未办结事项2项，其中达到跟踪时限2项（表中历时后标“※”）。" in texts, texts


# --- 7. a month written as official documents write it -----------------------------------------


def test_a_month_written_with_fen_is_read(starter, tmp_path, capsys):
    """2025年3月份, as 公文 write a month, was refused: 不是有效月份 '2025年3月份'."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["月报"]["C3"] = "2025年3月份"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["reports"][0]["month"] == "2025-03"
