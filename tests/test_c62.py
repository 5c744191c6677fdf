"""Clerk c62: a county 经济办's year in the starter workbook (``softenv init --empty``), filled
with openpyxl as a clerk fills it in Excel/WPS, with the slips a clerk makes: what the import
told her, and where it told her nothing or sent her to the wrong cell.

Each workbook is built here from the empty starter: 示范市 (379900), the clerk's county 示范区
(379902, its office 示范区经济办), a point, a contact a month and the monthly reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.io.workbook_read import read_workbooks
from softenv_core.model.enterprises import synthetic_uscc

from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")

COUNTY = "379902"


@pytest.fixture(scope="module")
def empty_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``softenv init --empty``'s workbook: headers, the hidden field row, drop-downs, no rows."""
    from softenv_core.cli.main import main

    folder = tmp_path_factory.mktemp("empty") / "本县2025"
    assert main(["init", "--empty", str(folder)]) == 0
    return folder / "软环境监测点.xlsx"


def _put(ws: Any, records: Iterable[Mapping[str, object]]) -> None:
    """Records appended below the sheet's last filled row, each value under its field (row 2)."""
    fields = [c.value for c in ws[2]]
    row = 3
    while ws.cell(row=row, column=1).value not in (None, ""):
        row += 1
    for record in records:
        for field, value in record.items():
            ws.cell(row=row, column=fields.index(field) + 1, value=value)
        row += 1


def _city(wb: Any) -> None:
    _put(wb["城市"], [{"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"}])


def _county(wb: Any, code: str = COUNTY, name: str = "示范区", office: str = "示范区经济办") -> None:
    _put(wb["县区"], [{"code": code, "name": name, "kind": "市辖区", "liaison_office": office}])


def _year(wb: Any) -> None:
    """The clerk's year: two points, a contact a month each, a report a month (zero reports but
    March, whose report lists the item a contact raised), March's report amended in April."""
    _city(wb)
    _county(wb)
    _put(wb["部门"], [{"id": "city-amr", "name": "市市场监管局"}, {"id": "city-tax", "name": "市税务局"}])
    _put(
        wb["监测点"],
        [
            {
                "id": f"P379902-00{n}",
                "enterprise.name": f"示范第{n}机械有限公司",
                "county": COUNTY,
                "enterprise.uscc": synthetic_uscc(COUNTY, 100 + n),
                "enterprise.size": "中型",
                "enterprise.ownership": "民营",
                "enterprise.sector": "工业",
                "enterprise.industry": "C34",
                "enterprise.employees": 350,
                "enterprise.revenue_wan": 20000,
                "enterprise.assets_wan": 15000,
                "level": "县区",
                "designated_by": "市确定",
                "designated_from": datetime(2023, 3, 1),
                "liaison_person": person,
            }
            for n, person in ((1, "王小明"), (2, "刘芳"))
        ],
    )
    _put(
        wb["联系记录"],
        [
            {
                "id": f"C-2025-{m:02d}-00{n}",
                "point": f"P379902-00{n}",
                "date": datetime(2025, m, 10 + n),
                "method": "电话",
                "liaison": COUNTY,
                "reached": "是",
                "made_by": person,
            }
            for m in range(1, 13)
            for n, person in ((1, "王小明"), (2, "刘芳"))
        ],
    )
    item = {"category": "收费", "text": "反映检验检测收费偏高", "department": "city-amr"}
    _put(wb["联系事项"], [{"@parent": "C-2025-03-001", "@seq": 1, **item}])
    _put(
        wb["月报"],
        [
            {
                "id": f"R-379902-2025-{m:02d}",
                "county": COUNTY,
                "month": f"2025-{m:02d}",
                "submitted_at": datetime(2025, m + 1, 3, 10, 0) if m < 12 else datetime(2026, 1, 3, 10, 0),
                "submitted_by": "示范区经济办 王小明",
                "nothing_to_report": "否" if m == 3 else "是",
            }
            for m in range(1, 13)
        ],
    )
    _put(
        wb["月报修改"],
        [
            {
                "@parent": "R-379902-2025-03",
                "@seq": 1,
                "submitted_at": datetime(2025, 4, 8, 9, 0),
                "submitted_by": "示范区经济办 王小明",
                "nothing_to_report": "否",
                "note": "补报一项",
            }
        ],
    )
    mine = {"point": "P379902-001", **item}
    added = {"category": "部门服务", "text": "办税窗口排队时间长", "department": "city-tax", "point": "P379902-002"}
    _put(
        wb["月报事项"],
        [
            {"@parent": "R-379902-2025-03", "@amendment": 0, "@seq": 1, **mine},
            {"@parent": "R-379902-2025-03", "@amendment": 1, "@seq": 1, **mine},
            {"@parent": "R-379902-2025-03", "@amendment": 1, "@seq": 2, **added},
        ],
    )


def _row(ws: Any, value: str, field: str = "id") -> int:
    """The sheet row whose ``field`` holds ``value``."""
    col = [c.value for c in ws[2]].index(field) + 1
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=col).value == value)


def _set(ws: Any, key: str, field: str, value: object, by: str = "id") -> str:
    """Type ``value`` into ``field`` of the row whose ``by`` holds ``key``; its cell, as A1."""
    col = [c.value for c in ws[2]].index(field) + 1
    row = _row(ws, key, by)
    ws.cell(row=row, column=col, value=value)
    return f"{openpyxl.utils.get_column_letter(col)}{row}"


def _book(empty: Path, folder: Path, edit: Callable[[Any], None] | None = None, name: str = "本县.xlsx") -> Path:
    wb = load_workbook(empty)
    _year(wb)
    if edit is not None:
        edit(wb)
    book = folder / name
    wb.save(book)
    return book


def _problems(*books: Path) -> list[str]:
    with pytest.raises(se.InputError) as info:
        read_workbooks(list(books))
    return list(info.value.problems)


def _at(problems: list[str], where: str) -> str:
    """The one problem told at ``where`` (``sheet!cell``, after the workbook's name if any)."""
    found = [p for p in problems if p.split(" (")[0].split(" ")[-1] == where]
    assert len(found) == 1, (where, problems)
    return found[0]


def test_00_the_clerks_year_imports(empty_book, tmp_path):
    """The year as filled, without slips, imports (the baseline the tests below change)."""
    ds = read_workbooks([_book(empty_book, tmp_path)])
    assert len(ds.reports) == 12 and len(ds.contacts) == 24
    (march,) = [r for r in ds.reports if r.id == "R-379902-2025-03"]
    assert len(march.amendments) == 1 and len(march.amendments[0].items) == 2


# --- c62-01: a mistyped county code is told "未知的县区" and nothing more ---------------------


@pytest.mark.parametrize(
    ("sheet", "key", "field", "typed"),
    [
        ("监测点", "P379902-002", "county", "379092"),  # two digits swapped
        ("月报", "R-379902-2025-04", "county", "379920"),
        ("联系记录", "C-2025-03-002", "liaison", "379920"),  # 联系单位
    ],
)
def test_01_a_mistyped_county_code_is_told_which_codes_the_workbook_has(empty_book, tmp_path, sheet, key, field, typed):
    """What: a county code typed with two digits swapped (379092, 379920 for 379902) is refused
    as ``未知的县区 '379092'`` (监测点, 月报, every 县区代码 column) and, in 联系记录's 联系单位,
    as ``应为 city 或县区代码，而不是 '379920'`` — a six-digit county code she is told is not a
    county code. Neither says where the county codes come from (the 县区 sheet) nor which ones
    the workbook has, so the clerk cannot tell a typo from a missing 县区 row; a point id typed
    wrong is told ``监测点 表中没有这个编号（是写错了编号，还是删除了该监测点的行？）`` and its
    near ids. The same slip in the 县区 sheet itself (379920 typed for the county's own code)
    gave 90 problems, one a row, each ``未知的县区 '379902'`` and none naming 县区!A3.
    Where: io/references.py (_Ref "unknown county", _contact_checks) and their Chinese in
    io/workbook_messages.py; io/reference_hints.py hints only ids equal once folded.
    Expected: the problem at the cell names the 县区 sheet and the codes it holds
    (``县区 表中没有 379092；本工作簿的县区有 379902 示范区``). Actual: neither.
    Severity: medium (a one-digit slip in a county's workbook sends the clerk hunting; at the
    county's own code, 90 problems point everywhere but at the cell to fix)."""
    cell: list[str] = []
    book = _book(empty_book, tmp_path, lambda wb: cell.append(_set(wb[sheet], key, field, typed)))
    problem = _at(_problems(book), f"{sheet}!{cell[0]}")
    assert typed in problem, problem
    assert "县区 表" in problem and "379902" in problem, problem


def test_01_the_countys_own_code_mistyped_names_the_county_sheet(empty_book, tmp_path):
    def edit(wb: Any) -> None:
        _set(wb["县区"], COUNTY, "code", "379920", by="code")

    problems = _problems(_book(empty_book, tmp_path, edit))
    point = _at(problems, "监测点!C3")
    assert "县区 表" in point and "379920" in point, point


# --- c62-02: a submission time out of order is told without the time it is out of order with --


def test_02_an_amendment_sent_before_the_report_names_the_reports_time_and_the_fix(empty_book, tmp_path):
    """What: 月报修改's 报送时间 typed 2025-04-01 09:00 (the amendment of March's report, whose
    original was sent 2025-04-03 10:00) is refused as ``早于前一次报送`` — three words: not which
    submission (原报 or which amendment), not its time, not what to check. A complaint step out
    of order is told ``签收时间 … 早于前一环节（交办，2025-03-14 16:00）：…`` (docs/office.md §3).
    Where: io/item_checks.py (``earlier than the submission before it``) and its Chinese in
    io/workbook_messages.py (早于前一次报送); 所报月份's in io/workbook_messages.py too.
    Expected: the message names the earlier submission
    and its time (原报, 2025-04-03 10:00) and says to check the 报送时间. Actual: 早于前一次报送.
    Severity: low (the cell is named; the clerk has to find the earlier time herself)."""
    cell: list[str] = []

    def edit(wb: Any) -> None:
        cell.append(_set(wb["月报修改"], "R-379902-2025-03", "submitted_at", datetime(2025, 4, 1, 9), by="@parent"))

    problem = _at(_problems(_book(empty_book, tmp_path, edit)), f"月报修改!{cell[0]}")
    assert "2025-04-03 10:00" in problem and "原报" in problem, problem


def test_02_a_report_row_copied_with_last_months_time_says_what_to_check(empty_book, tmp_path):
    """May's 月报 row copied from April's: 编号 and 所报月份 changed to May, 报送时间 left at
    2025-05-03 10:00. Told ``报送时间早于所报月份 2025-05 结束`` and nothing to do: the copied
    row's time (or its month) is what to check, as the import says of copied 联系记录 rows."""
    cell: list[str] = []

    def edit(wb: Any) -> None:
        cell.append(_set(wb["月报"], "R-379902-2025-05", "submitted_at", datetime(2025, 5, 3, 10)))

    problem = _at(_problems(_book(empty_book, tmp_path, edit)), f"月报!{cell[0]}")
    assert "2025-05-03 10:00" in problem and "请" in problem, problem


# --- c62-03: an amendment's items numbered from 2 -------------------------------------------


def test_03_an_amendments_items_numbered_on_from_the_original_are_told_to_list_them_all(empty_book, tmp_path):
    """What: March's report (one item) is amended in April; the clerk, adding one item, writes
    the new item's row 修改序号 1, 序号 2 (item 1 being the original's) and does not copy the
    original item. The import says ``序号 2 不接续：R-379902-2025-03 的序号应从 1 起连续编号…，
    缺少序号 1；是否删除了中间的一行？请把其后各行的序号依次改小``: done as told, the amendment
    holds the new item alone and the original item is deleted from the report (only a warning
    follows). An amendment is the whole report as amended (docs/office.md §3, 月报报送后要补报):
    the message for an amendment's items should say so.
    Where: io/workbook_children.py _skips (one message for every child list).
    Expected: at 月报事项's 序号 cell, that the amendment lists every item of the report as
    amended (the original's item copied as 序号 1). Actual: the generic deleted-row advice.
    Severity: medium (following the advice drops the original item from the report)."""
    cell: list[str] = []

    def edit(wb: Any) -> None:
        ws = wb["月报事项"]
        ws.delete_rows(4)  # the original's item, not copied into the amendment
        cell.append(f"C{_row(ws, '办税窗口排队时间长', 'text')}")

    problem = _at(_problems(_book(empty_book, tmp_path, edit)), f"月报事项!{cell[0]}")
    assert "全部事项" in problem, problem
    assert "中间的一行" not in problem, problem


# --- c62-04: Chinese-style slips in a date typed as text ------------------------------------


def _date_read_or_told(empty_book: Path, tmp_path: Path, typed: str) -> tuple[str | None, str | None]:
    cell: list[str] = []
    book = _book(empty_book, tmp_path, lambda wb: cell.append(_set(wb["联系记录"], "C-2025-03-002", "date", typed)))
    try:
        ds = read_workbooks([book])
    except se.InputError as exc:
        return None, _at(list(exc.problems), f"联系记录!{cell[0]}")
    (contact,) = [c for c in ds.contacts if c.id == "C-2025-03-002"]
    return str(contact.date), None


def test_04_a_two_digit_year_written_the_chinese_way_is_told_the_four_digit_year(empty_book, tmp_path):
    """What: 联系记录's 日期 typed ``25年3月12日`` is refused with the forms alone; ``25-3-12``,
    ``25.3.12`` and ``25/3/12`` are told ``年份请写全四位：如 2025-03-12`` (docs/office.md §2:
    年份只写两位 … 提示写 2025-03-10). The Chinese way of writing the date is the one a clerk
    uses most. Where: io/cell_hints.py (the two-digit-year hint matches - . / only).
    Expected: 年份请写全四位 with 2025-03-12. Actual: 不是有效日期 '25年3月12日'（可写 …）.
    Severity: low."""
    read, told = _date_read_or_told(empty_book, tmp_path, "25年3月12日")
    assert read is None and told is not None
    assert "年份请写全四位" in told and "2025-03-12" in told, told


def test_04_a_date_typed_with_the_input_methods_full_stop_is_read_or_told_so(empty_book, tmp_path):
    """What: ``2025.3.12`` is a date the import reads (docs/office.md §2); typed in the Chinese
    input method's punctuation mode it is ``2025。3。12`` (the full stop 。), which looks the
    same to the clerk, and is refused as 不是有效日期 with the forms she believes she used. A
    number typed ``３００。５`` is told ``小数点请用“.”，不用句号“。”：写 300.5``. Where:
    io/cell_hints.py / the date parser. Expected: read as 2025-03-12, or told that 。 is a
    Chinese full stop (句号) with the date to write. Actual: the generic refusal. Severity: low."""
    read, told = _date_read_or_told(empty_book, tmp_path, "2025。3。12")
    assert read == "2025-03-12" or (told is not None and "句号" in told and "2025-03-12" in told), (read, told)


# --- c62-05: a point typed with a neighbour county's code moves there -----------------------


def test_05_a_point_typed_with_another_countys_code_is_told_at_that_cell(empty_book, tmp_path):
    """What: at the city office's import, where the workbooks hold both 示范区 (379902) and
    西城区 (379903), 示范区's point P379902-002 typed with 县区代码 379903 is imported as a
    point of 西城区: its contacts by 示范区经济办 (联系单位 379902) become 非责任单位联系 of
    西城区 (in the clerk's trial, with three 西城区 points, 西城区's April row read 应联系 4,
    联系上 3, 未联系上 1, and 示范区's 应联系 one fewer) — both counties' figures change.
    The only word is a hint at the credit code cell
    (``登记地 379902，确定于 379903（是否已迁址？）``), none at the 县区代码 cell, whose id
    (P379902-…), registration and every contact's 联系单位 all say 379902.
    Where: io/dataset_warnings.py (no hint compares a point's county with its contacts'
    liaison or its id's code, as 月报编号's month is compared with 所报月份).
    Expected: a hint at 监测点!C4 (its 县区代码). Actual: none there.
    Severity: medium (two counties' contact figures silently wrong at the city's merge)."""

    def edit(wb: Any) -> None:
        _county(wb, "379903", "西城区", "西城区经贸委")
        _set(wb["监测点"], "P379902-002", "county", "379903")

    hints: list[str] = []
    read_workbooks([_book(empty_book, tmp_path, edit)], hints=hints)
    assert any(h.startswith("监测点!C4 ") for h in hints), hints


# --- c62-06: a report typed with a neighbour county's code blames the neighbour's row --------


def test_06_a_report_with_another_countys_code_is_told_in_the_workbook_that_typed_it(empty_book, tmp_path):
    """What: the city office imports 东.xlsx (示范区, 379902) and 西.xlsx (西城区, 379903) together.
    示范区's clerk typed 县区代码 379903 on her April report R-379902-2025-04 (月报!B6). The one
    problem is put in 西城区's workbook, at its own correct row:
    ``西.xlsx 月报!C6 (R-379903-2025-04 所报月份): 379903 2025-04 重复：…，月报!A6
    (R-379902-2025-04) 已是这个月的月报；是否所报月份填错了？…`` — the other row named without
    its workbook (so it reads as 西.xlsx's own A6, which is R-379903-2025-04 itself), and 西城区
    asked whether her month is wrong. Docs/office.md §3: with several workbooks every cell is
    named after its workbook. Where: io/filed_reports.py (the duplicate-month check and its
    placing). Expected: the other row named with its workbook (东.xlsx), and
    the 县区代码 named as a cause to check (R-379902-… says 379902).
    Severity: medium (the city office sends the fix to the county that has nothing to fix)."""
    east = _book(empty_book, tmp_path, lambda wb: _set(wb["月报"], "R-379902-2025-04", "county", "379903"), "东.xlsx")
    wb = load_workbook(empty_book)
    _city(wb)
    _county(wb, "379903", "西城区", "西城区经贸委")
    _put(
        wb["月报"],
        [
            {
                "id": f"R-379903-2025-{m:02d}",
                "county": "379903",
                "month": f"2025-{m:02d}",
                "submitted_at": datetime(2025, m + 1, 2, 9),
                "submitted_by": "西城区经贸委 孙七",
                "nothing_to_report": "是",
            }
            for m in range(1, 12)
        ],
    )
    west = tmp_path / "西.xlsx"
    wb.save(west)
    (problem,) = _problems(east, west)
    assert "东.xlsx 月报!" in problem, problem
    assert "县区代码" in problem, problem
