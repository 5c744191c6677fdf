"""The county clerk's trial of the workbook (tester t11): blank cells that would take a default
changing a figure, 事项跟踪's 1-based 事项序号, the starter's example data kept out of the clerk's
dataset, and the clerk's messages in Chinese first."""

from __future__ import annotations

import typing
from pathlib import Path

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.dataset_files import dataset_json  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import (  # noqa: E402
    FIELD_ROW,
    FIRST_ROW,
    HEADER_ROW,
    SHEET_BY_NAME,
    SHEETS,
    STARTER_NAME,
    Column,
    Sheet,
    column_letter,
)
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402
from softenv_core.model.dataset import Dataset  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402


def _edit(starter: Path, out: Path, sheet: str, field: str, value: object, header: str | None = None) -> Path:
    """The starter workbook with the example row's ``field`` cell of ``sheet`` set to ``value``
    (and that column's header to ``header``)."""
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb[sheet]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(FIELD_ROW, c).value == field)
    ws.cell(FIRST_ROW, col).value = value
    if header is not None:
        ws.cell(HEADER_ROW, col).value = header
    wb.save(out)
    return out


def _problems(book: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    return list(info.value.problems)


# --- 02: a blank cell that would take a default changing a figure -----------------------------


def test_a_blank_reached_cell_is_refused_at_its_cell(starter, tmp_path):
    """Before: imported as reached (the JSON default), scoring 按月联系, without a word."""
    book = _edit(starter, tmp_path / "b.xlsx", "联系记录", "reached", None)
    assert _problems(book) == ["联系记录!F3 (C-2025-03-001 是否联系上): 请填写“是”或“否”（是否联系上不能留空）"]


_BLANKS = [(s, c) for s in SHEETS for c in s.columns if getattr(c, "blank", None) is not None]


def test_the_columns_that_may_not_be_blank():
    assert {(s.name, c.field) for s, c in _BLANKS} == {
        ("联系记录", "reached"),
        ("宣传活动", "by"),
        ("专项调研", "owner"),
    }


@pytest.mark.parametrize(("sheet", "col"), _BLANKS, ids=[f"{s.name}-{c.field}" for s, c in _BLANKS])
def test_every_column_that_may_not_be_blank_is_refused_blank(starter, tmp_path, sheet: Sheet, col: Column):
    """开展单位 and 承办 blank were the city's (市经贸委): a county's activity counted as the city's."""
    book = _edit(starter, tmp_path / "b.xlsx", sheet.name, col.field, None)
    cell = f"{sheet.name}!{column_letter(sheet.column(col.field) or 0)}{FIRST_ROW}"
    assert [p for p in _problems(book) if p.startswith(cell)] == [f"{cell} ({_id(sheet)} {col.zh}): {col.blank}"]


def _id(sheet: Sheet) -> str:
    records = getattr(starter_dataset(), sheet.collection)
    return str(records[0].id)


#: Columns whose field has a default other than None that a blank cell may take: the default
#: changes no figure (零报告 is checked against the items; no consent is the confidential side;
#: names; an empty list).
_BLANK_IS_FINE = {
    ("城市", "office"),
    ("城市", "liaison_office"),
    ("月报", "nothing_to_report"),
    ("月报修改", "nothing_to_report"),
    ("直接反馈", "consent_to_disclose"),
    ("豁免", "decided_by"),
    ("专项调研", "evidence"),
    ("工作方案", "targets"),
}


def _class(sheet: Sheet) -> type:
    hints = typing.get_type_hints(Dataset)
    cls = typing.get_args(hints[sheet.collection])[0] if sheet.collection != "city" else hints["city"]
    if sheet.child is not None:
        cls = typing.get_args(typing.get_type_hints(cls)[sheet.child])[0]
    return cls


def test_every_column_with_a_default_is_swept():
    """A column added later whose field has a default is decided on: refused blank, or listed here."""
    undecided = []
    for sheet in SHEETS:
        fields = attrs.fields_dict(_class(sheet))
        for col in sheet.columns:
            f = fields.get(col.field)
            if f is None or f.default is attrs.NOTHING or f.default is None or getattr(col, "blank", None) is not None:
                continue
            if (sheet.name, col.field) not in _BLANK_IS_FINE:
                undecided.append((sheet.name, col.field))
    assert undecided == []


def test_export_writes_every_cell_that_may_not_be_blank(starter, tmp_path, capsys):
    out = tmp_path / "e.xlsx"
    code, _, err = run(capsys, "export", starter / "示例数据.json", "--out", out)
    assert code == 0, err
    assert read_workbooks([out]) == starter_dataset()


# --- 05: 事项跟踪's 事项序号 counts from 1 ------------------------------------------------------


def test_the_followups_item_counts_from_one_like_every_other_sheet(starter, tmp_path):
    """Before: header 事项序号(从0起), the example wrote 0 for the item 联系事项 numbers 1."""
    sheet = SHEET_BY_NAME["事项跟踪"]
    col = sheet.columns[sheet.column("item") or 0]
    assert col.zh == "事项序号"
    ws = load_workbook(starter / STARTER_NAME)["事项跟踪"]
    assert ws.cell(FIRST_ROW, (sheet.column("item") or 0) + 1).value == 1
    assert read_workbooks([starter / STARTER_NAME]).followups[0].item == 0


def test_a_followups_item_beyond_the_record_is_named_by_its_number(starter, tmp_path):
    problems = _problems(_edit(starter, tmp_path / "b.xlsx", "事项跟踪", "item", 2))
    assert problems == [
        "事项跟踪!D3 (FU-2025-001 事项序号): 联系记录 'C-2025-03-001' 只有 1 个事项（序号 1），"
        "没有序号为 2 的事项 — $.followups[0].item"
    ]
    (zero,) = _problems(_edit(starter, tmp_path / "z.xlsx", "事项跟踪", "item", 0))
    assert zero.startswith("事项跟踪!D3 (FU-2025-001 事项序号): 事项序号应为正整数（1、2、3……")


def test_an_old_workbooks_zero_based_item_keeps_its_meaning(starter, tmp_path):
    """A workbook from the old init (header 从0起): 0 is the first item, told as a hint, not shifted."""
    book = _edit(starter, tmp_path / "old.xlsx", "事项跟踪", "item", 0, header="事项序号(从0起)")
    hints: list[str] = []
    assert read_workbooks([book], hints=hints).followups[0].item == 0
    assert hints == [
        "事项跟踪!D1: 表头是旧版起步工作簿的“事项序号(从0起)”，本列按从 0 起读入（0 是第 1 项）；"
        "新的起步工作簿从 1 起，与联系事项、月报事项的序号相同"
    ]


# --- 06: the starter's example data stays out of the clerk's dataset ---------------------------


def test_init_writes_no_dataset_json_and_says_where_to_import(tmp_path, capsys):
    """Before: init wrote dataset.json, the name office.md imports --out; refused, its hint said
    --into dataset.json, which merged the starter's example records into the clerk's data."""
    code, _, err = run(capsys, "init", tmp_path / "w")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == sorted([STARTER_NAME, "示例数据.json"])
    assert "示例数据.json：示例记录的 JSON 数据集，只供对照，不要导入到其中" in err  # stderr, full-width: c40
    code, _, err = run(capsys, "import", tmp_path / "w" / STARTER_NAME, "--out", tmp_path / "w" / "dataset.json")
    assert code == 0, err


def test_import_into_the_example_data_names_each_example_record(starter, tmp_path, capsys):
    book = _edit(starter, tmp_path / "b.xlsx", "县区", "name", "东城区")
    into = tmp_path / "示例数据.json"
    into.write_bytes((starter / "示例数据.json").read_bytes())
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets[1:]:  # the clerk's month: the example rows deleted but the city's
        if ws.title not in ("城市", "选项") and ws.max_row >= FIRST_ROW:
            ws.delete_rows(FIRST_ROW, ws.max_row)
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--into", into)
    assert code == 0, err
    for named in (
        "$.reports[0] (月报 R-379902-2025-03)",
        "$.waivers[0] (豁免 W-2025-001)",
        "$.decisions[0] (表彰决定 D-2025-001)",
    ):
        assert (
            f"示例数据.json {named}: 与起步工作簿（softenv init）的示例记录相同，是示例数据、不是真实记录；"
            "请从该数据集中删除，或用 --out 导入到新的数据集"
        ) in err, err
    assert "$.departments" not in err and "$.city" not in err


def test_refusing_to_replace_the_example_data_does_not_point_into_it(starter, tmp_path, capsys):
    out = tmp_path / "dataset.json"
    out.write_bytes((starter / "示例数据.json").read_bytes())  # an old init's dataset.json
    code, _, err = run(capsys, "import", starter / STARTER_NAME, "--out", out)
    assert code == 1
    assert (
        "其中有起步工作簿（softenv init）的示例记录（监测点 P379902-001、"
        "联系记录 C-2025-03-001、月报 R-379902-2025-03 等"
    ) in err
    assert "条），是示例数据，不要把工作簿加进去" in err
    assert "--into" not in err


# --- 10 (7): 专项调研's 类别 is a drop-down of Chinese labels ------------------------------------


def test_the_topic_category_shows_its_label_with_a_drop_down(starter):
    """Before: no drop-down, and the example wrote the code ``difficulty``."""
    sheet = SHEET_BY_NAME["专项调研"]
    letter = column_letter(sheet.column("category") or 0)
    ws = load_workbook(starter / STARTER_NAME)["专项调研"]
    assert ws[f"{letter}{FIRST_ROW}"].value == "困难问题"
    assert any(str(dv.sqref).startswith(f"{letter}{FIRST_ROW}:") for dv in ws.data_validations.dataValidation)
    assert read_workbooks([starter / STARTER_NAME]).research_topics[0].category == "difficulty"


# --- 09: the clerk's messages, Chinese first ----------------------------------------------------


def test_a_two_digit_month_usage_error_is_said_in_chinese_first(capsys):
    """Before: "argument --month: write the month with two digits: … (月份写两位：2025-09)"."""
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "deadline", "--month", "2025-9")
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        "softenv deadline: error: 参数 --month: 月份写两位：2025-09，而不是 '2025-9' "
        "(argument --month: write the month with two digits: 2025-09, not '2025-9')"
    )


def test_an_item_of_a_missing_amendment_is_labelled_apart_from_the_amendment(starter, tmp_path):
    """Before: "月报事项!B3 (R-…#1 修改序号（原报为0）): 月报修改 R-…#2 不存在", one notation for two numbers."""
    problems = _problems(_edit(starter, tmp_path / "b.xlsx", "月报事项", "@amendment", 2))
    assert [p for p in problems if p.startswith("月报事项!B3")] == [
        "月报事项!B3 (R-379902-2025-03 修改2 事项1 修改序号（原报为0）): "
        "月报 R-379902-2025-03 没有修改序号为 2 的月报修改"
    ]


def test_a_dataset_sharing_only_the_example_county_is_no_example_data(starter, tmp_path, capsys):
    """A clerk who kept the example's 示范区 row as her county: the plain refusal, --into named."""
    example = starter_dataset()
    out = tmp_path / "dataset.json"
    out.write_text(dataset_json(Dataset(example.city, example.counties, example.departments)), encoding="utf-8")
    code, _, err = run(capsys, "import", starter / STARTER_NAME, "--out", out)
    assert code == 1 and f"--into {out}" in err and "示例记录" not in err


def test_refusals_of_the_import_put_the_chinese_before_the_english(starter, tmp_path, capsys):
    out = tmp_path / "d.json"
    out.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "import", starter / STARTER_NAME, "--out", out)
    assert code == 1 and "exist(s)" not in err
    # In the language asked, as every --out's refusal (reviewer r54 02): Chinese, else English.
    assert "已经存在，不会覆盖" in err and "not replaced" not in err, err
    code, _, err = run(capsys, "import", starter / STARTER_NAME, "--lang", "en", "--out", out)
    assert code == 1 and "exists and is not replaced without --force" in err and "已经存在" not in err, err
    book = _edit(starter, tmp_path / "x.xlsx", "县区", "name", "另一个区")
    with pytest.raises(InputError) as info:
        read_workbooks([book], into=starter / "示例数据.json")
    (problem,) = info.value.problems
    assert "内容不同：名称 此处为 “另一个区”" in problem
    assert problem.endswith("以后各月都加进新文件 (the same record with different content)")  # --into: how to edit one
