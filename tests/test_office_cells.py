"""Columns and cells a clerk changes that must be named, never read as a default, an empty cell
or a traceback (tester t5 findings 01, 09): a deleted column, a 序号 that is no whole number,
any odd value in any column.

The cases feed the reader rows in memory (the starter workbook's rows, edited) instead of writing
a workbook for each: python-calamine is what gives the reader its rows, so a stand-in for it here
tests the same code in a few milliseconds a case.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

python_calamine = pytest.importorskip("python_calamine")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import SHEET_BY_NAME, SHEETS  # noqa: E402

from .starter_book import load_workbook  # noqa: E402

Rows = dict[str, list[list[Any]]]


class _Sheet:
    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows
        self.merged_cell_ranges = None

    def to_python(self, skip_empty_area: bool = False) -> list[list[Any]]:
        return self.rows


class _Book:
    def __init__(self, rows: Rows) -> None:
        self.sheets = rows
        self.sheet_names = list(rows)

    def get_sheet_by_name(self, name: str) -> _Sheet:
        return _Sheet(self.sheets[name])


@pytest.fixture(scope="module")
def starter_rows(starter: Path) -> Rows:
    book = python_calamine.CalamineWorkbook.from_path(str(starter / "软环境监测点.xlsx"))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def _read(starter: Path, rows: Rows) -> list[str]:
    """The problems of importing ``rows`` as the workbook (none: [])."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(python_calamine.CalamineWorkbook, "from_path", lambda path: _Book(rows))
        try:
            read_workbooks([starter / "软环境监测点.xlsx"], warnings=[])
        except InputError as exc:
            return list(exc.problems)
    return []


def test_the_stand_in_reads_the_starter_as_the_file_reads(starter, starter_rows):
    assert _read(starter, starter_rows) == []


# --- a deleted column (t5 01) ----------------------------------------------------------------


@pytest.mark.parametrize("k", range(max(len(s.columns) for s in SHEETS)))
def test_every_column_deleted_is_named_by_its_sheet_and_header(starter, starter_rows, k):
    """The k-th column of every sheet deleted at once (each sheet and column in some case): each is
    named, in the clerk's words, and the import is refused; the rows are not also told 必填."""
    rows = copy.deepcopy(starter_rows)
    gone = {}
    for sheet in SHEETS:
        if sheet.name in rows:
            i = k % len(sheet.columns)
            gone[sheet.name] = sheet.columns[i]
            for row in rows[sheet.name]:
                del row[i : i + 1]
    problems = _read(starter, rows)
    for name, col in gone.items():
        said = [p for p in problems if p.startswith(f"{name}: 缺少列 “{col.zh}”（")]
        assert len(said) == 1, (name, col.zh, problems)
        assert f"字段名 {col.field}" in said[0] and "softenv init" in said[0]
    assert not any("必填" in p for p in problems), problems


def test_a_deleted_reached_column_is_not_read_as_reached(starter, starter_rows):
    """是否联系上 deleted: before, every contact imported as reached (否 became 是, exit 0)."""
    rows = copy.deepcopy(starter_rows)
    i = SHEET_BY_NAME["联系记录"].column("reached")
    rows["联系记录"][2][i] = "否"
    for row in rows["联系记录"]:
        del row[i]
    assert _read(starter, rows) == [
        "联系记录: 缺少列 “是否联系上”（隐藏的第 2 行字段名 reached，起步工作簿中在 F 列），是否被删除了？"
        "工作簿须保留起步工作簿（softenv init）的每一列，不填的单元格留空即可；请从 softenv init 写出的工作簿复制该列"
        "（连同第 2 行的字段名） (missing column)"
    ]


def test_an_added_column_is_still_named(starter, starter_rows):
    """A column the clerk adds (a header, no field name) stays a problem, as before."""
    rows = copy.deepcopy(starter_rows)
    for row, value in zip(rows["联系记录"], ["电话号码", None, "13800000000"], strict=False):
        row.append(value)
    problems = _read(starter, rows)
    assert any(p.startswith("联系记录!I1: 列 '电话号码'在隐藏的第 2 行没有字段名") for p in problems), problems


# --- odd values in number cells (t5 09) ------------------------------------------------------

_CHILD_SHEETS = [s.name for s in SHEETS if s.child]
_ODD = ["一", "1-1", "1.5", 1.5, datetime(2025, 3, 1, 10, 0), date(2025, 3, 1), True, 0, -1, "第8步"]


def _two_children(rows: Rows, sheet: str) -> list[list[Any]]:
    """The sheet's example row and a copy of it below, numbered next (a record with two children)."""
    seq = SHEET_BY_NAME[sheet].column("@seq")
    second = list(rows[sheet][2])
    second[seq] = 2.0
    rows[sheet].append(second)
    return rows[sheet]


@pytest.mark.parametrize("sheet", _CHILD_SHEETS)
def test_a_seq_that_is_no_whole_number_is_named_by_its_cell(starter, starter_rows, sheet):
    """Before: a TypeError traceback (the rows were sorted by 序号, '一' beside 2)."""
    seq = SHEET_BY_NAME[sheet].column("@seq")
    letter = chr(ord("A") + seq)
    for odd in _ODD:
        rows = copy.deepcopy(starter_rows)
        _two_children(rows, sheet)[2][seq] = odd
        problems = _read(starter, rows)
        said = [p for p in problems if p.startswith(f"{sheet}!{letter}3 ")]
        assert len(said) == 1 and "序号应为正整数" in said[0], (odd, problems)


def test_an_amendment_number_that_is_no_whole_number_is_named_by_its_cell(starter, starter_rows):
    at = SHEET_BY_NAME["月报事项"].column("@amendment")
    for odd in ["原报", "一", 1.5, -1, True]:
        rows = copy.deepcopy(starter_rows)
        _two_children(rows, "月报事项")[2][at] = odd
        problems = _read(starter, rows)
        said = [p for p in problems if p.startswith("月报事项!B3 ")]
        assert len(said) == 1 and "修改序号应为 0（原报）或正整数" in said[0], (odd, problems)


_HOSTILE = st.one_of(
    st.sampled_from(["一", "1-1", "#N/A", "=", "  ", "-", "无", "/", "TRUE", "1e400", "nan", "２０２５"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.text(max_size=8),
)
_CELLS = [(s.name, i) for s in SHEETS for i in range(len(s.columns))]


@given(cells=st.lists(st.sampled_from(_CELLS), min_size=1, max_size=6, unique=True), values=st.data())
def test_any_value_in_any_cell_is_a_problem_or_a_record_never_a_crash(starter, starter_rows, cells, values):
    """Odd values in any cells of the example rows, each sheet's example copied below (child
    rows then have a sibling to be sorted with): the import succeeds or names problems."""
    rows = copy.deepcopy(starter_rows)
    for name in {n for n, _ in cells}:
        rows[name].append(list(rows[name][2]))
    for name, i in cells:
        rows[name][2][i] = values.draw(_HOSTILE)
    _read(starter, rows)  # any exception but InputError fails the test


# --- a cell showing a formula's error (t5 05) ------------------------------------------------


def _with_formula_errors(starter: Path, tmp_path: Path) -> Path:
    """The starter workbook with 联系记录's 备注 typed "-电话无人接听" (Excel: a formula, saved as
    #NAME?), 月报事项's 内容 a formula saved without its result (as openpyxl writes one) and a
    #N/A typed into 直接反馈's 内容."""
    import re
    import zipfile

    wb = load_workbook(starter / "软环境监测点.xlsx")
    note = SHEET_BY_NAME["联系记录"].column("note")
    wb["联系记录"].cell(3, note + 1).value = "=-no_answer"  # what Excel makes of "-no_answer"
    wb["月报事项"]["E3"] = "=同一事项多头检查"
    text = SHEET_BY_NAME["直接反馈"].column("text")
    assert text is not None
    wb["直接反馈"].cell(3, text + 1).value = "#N/A"  # openpyxl writes an error value, as Excel
    book = tmp_path / "formulas.xlsx"
    wb.save(book)
    # The cached error Excel and LibreOffice save with the formula: <c t="e"><f>…</f><v>#NAME?</v>.
    patched = tmp_path / "formulas2.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(patched, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if b"<f>-no_answer</f>" in data:
                data = re.sub(
                    rb"<c ([^>]*)><f>-no_answer</f><v\s*/?>(?:</v>)?",
                    rb'<c \1 t="e"><f>-no_answer</f><v>#NAME?</v>',
                    data,
                )
                assert b"<v>#NAME?</v>" in data
            out.writestr(item, data)
    return patched


def test_formula_errors_are_named_by_their_cells_never_read_as_empty(starter, tmp_path):
    """Before: the note imported as no note (exit 0), the item's text "必填，不能为空"."""
    book = _with_formula_errors(starter, tmp_path)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    text = "\n".join(info.value.problems)
    note = chr(ord("A") + SHEET_BY_NAME["联系记录"].column("note"))
    said = "单元格显示公式错误 #NAME?：以 = 或 - 开头的文字被 Excel 当作公式；请在前面加英文单引号 ' 或改写"
    assert f"联系记录!{note}3 (C-2025-03-001 备注): {said}" in text
    assert "月报事项!E3 (R-379902-2025-03 原报 事项1 内容): 单元格是公式，文件中没有保存它的结果" in text
    assert "直接反馈!" in text and "单元格是 Excel 的错误值 #N/A，不是文字" in text
    assert "必填" not in text


# --- the starter's example rows and renamed sheets (t5 03, 04) --------------------------------


def test_an_example_row_colliding_with_the_dataset_is_named_as_the_example(starter, tmp_path):
    """Before: "编号相同而内容不同; 给已有记录追加办理过程…", advice beside the point; and the
    --into dataset's own city was warned of as an example "row" to delete."""
    import json

    doc = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    doc["counties"][0]["name"] = "东城区"  # the city's real county 379902
    into = tmp_path / "ds.json"
    into.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_workbooks([starter / "软环境监测点.xlsx"], into)
    said = [p for p in info.value.problems if "县区!A3" in p]
    assert said == [
        "软环境监测点.xlsx 县区!A3 (379902): 这是起步工作簿（softenv init）中的示例行，"
        "与 ds.json $.counties[0] 的记录不同；"
        "请删除此行 (the starter's example row)"
    ]
    warnings: list[str] = []
    read_workbooks([starter / "软环境监测点.xlsx"], starter / "示例数据.json", warnings)
    assert not any("$.city" in w or "示例行" in w for w in warnings), warnings  # before: "$.city: 是起步…的示例行"


def test_a_renamed_sheet_with_a_column_deleted_still_gives_its_records_place(starter, starter_rows):
    """Before: "不在所导入的工作簿中" for a record in column A of the renamed sheet, and the
    two header rows counted as content."""
    rows = copy.deepcopy(starter_rows)
    sheet = rows.pop("联系记录")
    for row in sheet:
        del row[SHEET_BY_NAME["联系记录"].column("note")]
    sheet[2][0] = "Ｃ－２０２５－０３－００１"  # the id typed in full width
    rows["12月联系记录"] = sheet
    problems = _read(starter, rows)
    assert any(p.startswith("12月联系记录: 不认识的工作表，其中 1 行有内容") for p in problems), problems
    child = [p for p in problems if p.startswith("联系事项!A3")]
    assert child and "在工作表 12月联系记录 中，该工作表未能导入" in child[0], problems


# --- wording a clerk trips on (t5 10) ----------------------------------------------------------


def _column(sheet: str, field: str):
    return SHEET_BY_NAME[sheet].columns[SHEET_BY_NAME[sheet].column(field)]


def test_a_date_pasted_as_a_number_and_a_24_00_time_say_what_to_write():
    from softenv_core.io.workbook_cells import CellError, from_cell

    with pytest.raises(CellError) as serial:
        from_cell(_column("联系记录", "date"), 46007)
    assert "（可写 2025-03-05" in str(serial.value) and "粘贴成“常规”格式的日期 2025-12-16" in str(serial.value)
    with pytest.raises(CellError) as midnight:
        from_cell(_column("月报", "submitted_at"), "2026/1/5 24:00")
    assert "（可写 2025-04-03 10:30" in str(midnight.value) and "24:00 请写成次日 00:00" in str(midnight.value)


def test_none_marks_in_an_id_cell_say_to_leave_it_empty(starter, starter_rows):
    """Before: "未知的部门 '无'": right to refuse, but the clerk meant "none"."""
    rows = copy.deepcopy(starter_rows)
    rows["联系事项"][2][SHEET_BY_NAME["联系事项"].column("department")] = "无"
    rows["联系记录"][2][SHEET_BY_NAME["联系记录"].column("date")] = "/"
    problems = _read(starter, rows)
    assert any(p.startswith("联系事项!E3") and "'无' 不是编号或代码；没有或不涉及请留空" in p for p in problems), (
        problems
    )
    assert any(p.startswith("联系记录!C3") and "没有或不涉及请留空" in p for p in problems), problems
    assert not any("未知的部门" in p for p in problems)
    rows = copy.deepcopy(starter_rows)
    evidence = SHEET_BY_NAME["专项调研"].column("evidence")
    rows["专项调研"][2][evidence] = "—"  # a list of ids
    problems = _read(starter, rows)
    assert any(p.startswith("专项调研!") and "没有或不涉及请留空" in p for p in problems), problems


def test_many_problems_alike_are_counted_after_the_first_few():
    from softenv_core.cli.office_commands import SHOWN_ALIKE, grouped

    alike = [f"联系记录!C{r} (C-{r} 日期): 不是有效日期 '5月{r}日'(可写 2025-03-05)" for r in range(3, 1003)]
    other = "联系记录!D3 (C-3 方式): '电邮' 不是可选值"
    shown = grouped([alike[0], other, *alike[1:], "城市!A3: 缺少城市记录"])
    assert shown[: SHOWN_ALIKE + 1] == [alike[0], other, *alike[1:SHOWN_ALIKE]]
    assert shown[SHOWN_ALIKE + 1].startswith(
        f"… 同样的问题还有 {1000 - SHOWN_ALIKE} 处（联系记录!C 列，最后一处在 C1002）"
    )
    assert shown[-1] == "城市!A3: 缺少城市记录" and len(shown) == SHOWN_ALIKE + 3
    assert grouped(alike[:SHOWN_ALIKE]) == alike[:SHOWN_ALIKE]  # a few alike: each listed


def test_a_cell_is_named_where_the_clerk_sees_it_when_columns_are_moved(starter, starter_rows):
    """Columns may be moved (docs/office.md §1): before, a problem named the starter's column
    (日期 in C) though the clerk had moved the date to A."""
    rows = copy.deepcopy(starter_rows)
    for row in rows["联系记录"]:
        row[0], row[2] = row[2], row[0]  # 日期 now in A, 联系编号 in C
    rows["联系记录"][2][0] = "5月3日"
    problems = _read(starter, rows)
    assert [p for p in problems if p.startswith("联系记录!")] == [
        "联系记录!A3 (C-2025-03-001 日期): 不是有效日期 '5月3日'（可写 2025-03-05、2025/3/5 或 2025年3月5日）"
        "；缺少年份，请写出年份，如 2025年5月3日 或 2025-05-03"  # what is missing (clerk c45)
    ]


def test_an_amendment_whose_number_is_refused_is_told_once(starter, starter_rows):
    """Before: its 修改序号 '一' was told, then the amendment "月报须列出事项" as well, and its items
    "月报修改 …#1 不存在" as if nothing were there."""
    rows = copy.deepcopy(starter_rows)
    rows["月报修改"][2][SHEET_BY_NAME["月报修改"].column("@seq")] = "一"
    problems = _read(starter, rows)
    assert any(p.startswith("月报修改!B3") and "序号应为正整数" in p for p in problems), problems
    assert not any("月报须列出事项" in p for p in problems), problems
    items = [p for p in problems if p.startswith("月报事项!")]
    assert all("修改序号未能读入，见对它的提示" in p for p in items), problems


def test_the_readme_sheet_tells_the_clerk_what_the_import_refuses(starter_rows):
    readme = " ".join(str(v) for row in starter_rows["说明"] for v in row if v)
    assert "不要删除" in readme and "不要写 无、/ 或 —" in readme and "英文单引号 '" in readme


def test_commas_in_a_number_cell_are_read_only_as_thousands_groups():
    """Clerk c21: '1,23' (a decimal comma, or a slip) read as 123 without a word, since the
    commas were simply dropped; '25,000.5' is a thousands grouping and reads as 25000.5."""
    from softenv_core.io.workbook_cells import CellError, from_cell

    revenue = _column("监测点", "enterprise.revenue_wan")
    assert from_cell(revenue, "25,000.5") == 25000.5
    assert from_cell(revenue, "1,234,567") == 1234567.0
    assert from_cell(revenue, "１，２００") == 1200.0  # full-width, as an IME types it
    for slip in ("1,23", "12,3456", "1,2,3", ",123", "1,234.5,6"):
        with pytest.raises(CellError) as refused:
            from_cell(revenue, slip)
        assert "千分位逗号须每三位一组" in str(refused.value) or "应为数字" in str(refused.value), slip


def test_days_typed_without_their_year_are_counted_alike_after_the_first_few():
    # The 缺少年份 ending (clerk c45) writes the day out (如 2025年5月3日 或 2025-05-03): outside
    # the quotes, it made every day its own problem, so 1,000 rows typed 5月3日, 5月4日 … were
    # each listed again, as before t5 10 counted them (a terminal keeps the last lines only).
    from softenv_core.cli.office_commands import SHOWN_ALIKE, grouped
    from softenv_core.io.workbook_cells import CellError, from_cell

    def problem(row: int) -> str:
        with pytest.raises(CellError) as told:
            from_cell(_column("联系记录", "date"), f"{1 + row % 12}月{1 + row % 28}日")
        return f"联系记录!C{row} (C-{row} 日期): {told.value}"

    alike = [problem(r) for r in range(3, 1003)]
    assert "缺少年份" in alike[0] and len(set(alike)) > SHOWN_ALIKE
    shown = grouped(alike)
    assert shown[:SHOWN_ALIKE] == alike[:SHOWN_ALIKE]
    assert shown[SHOWN_ALIKE].startswith(f"… 同样的问题还有 {1000 - SHOWN_ALIKE} 处（联系记录!C 列，最后一处在 C1002）")
    assert len(shown) == SHOWN_ALIKE + 1


@pytest.mark.parametrize("typed", ["4/3 10:30", "4月3日 10:30"])
def test_a_moment_typed_without_its_year_is_told_the_moment_to_write(typed):
    # The day's 缺少年份 hint (clerk c45) said to write 2025年4月3日 in a time cell, which refuses a
    # day alone as 缺少时刻: the time cell says the moment, its time kept (reviewer d3).
    from softenv_core.io.workbook_cells import CellError, from_cell

    with pytest.raises(CellError) as told:
        from_cell(_column("月报", "submitted_at"), typed)
    assert str(told.value) == (
        f"不是有效时间 {typed!r}（可写 2025-04-03 10:30 或 2025/4/3 10:30:00）"
        "；缺少年份，请写出年份，如 2025-04-03 10:30"
    )
    from softenv_core.cli.office_commands import SHOWN_ALIKE, grouped

    said = str(told.value).removesuffix("2025-04-03 10:30")
    alike = [f"月报!D{r} (R-{r} 报送时间): {said}2025-04-{r:02} 10:30" for r in range(3, 13)]
    assert len(grouped(alike)) == SHOWN_ALIKE + 1  # each moment echoed, still alike


@pytest.mark.parametrize(
    ("typed", "day"), [(3.4, "2025年3月4日 或 2025-03-04"), (12.31, "2025年12月31日 或 2025-12-31")]
)
def test_a_day_typed_as_a_number_without_its_year_is_told_the_year_is_missing(typed, day):
    # 3.4 typed in a 常规 or date cell comes as the number 3.4: it was told the forms alone, where
    # the text '3.4' was told 缺少年份 (clerk c45; reviewer d3). 5.1 may be 5.10 (5月10日): not said.
    from softenv_core.io.workbook_cells import CellError, from_cell

    with pytest.raises(CellError) as told:
        from_cell(_column("联系记录", "date"), typed)
    assert str(told.value).endswith(f"；缺少年份，请写出年份，如 {day}"), told.value
    with pytest.raises(CellError) as alike:
        from_cell(_column("联系记录", "date"), 5.1)
    assert "缺少年份" not in str(alike.value)
    with pytest.raises(CellError) as serial:
        from_cell(_column("联系记录", "date"), 61.5)  # a serial number keeps its hint
    assert "粘贴成“常规”格式的日期 1900-03-01" in str(serial.value)
