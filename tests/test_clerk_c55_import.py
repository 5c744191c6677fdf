"""Clerk c55 (柳河县经信局): what the import tells a clerk who types her month the clerk way.

02 March's rows copied from February, dates and 所报月份 changed, ids not, imported --into the
   dataset holding February: each was told to export the dataset and change the record there,
   which turns February's contacts and filed report into March's. Now told the id is that of a
   record of another month and a new record needs a new id (io/copied_ids.py).
04 A matter naming two departments (city-amr、lh-tax) or two points in one cell was told the ids
   do not exist (and to add the department): now told a cell names one id and a matter involving
   two is written one row each (io/workbook_refused.py; docs/monitoring.md "Open: a matter
   involving two departments").
06 √/× documented as 是/否; ✓ ✔ (✗ ✘) hinted; X quoted as typed; hints for 2025.4.3 9.00, 25-3-10,
   2025.03.10., 2023年 in a date cell, 2025年3月1日-31日 and 三月 in 所报月份; 用工 → 困难问题.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from softenv_core.cli.main import main
from softenv_core.io.workbook_cells import CellError, from_cell
from softenv_core.io.workbook_schema import Column
from softenv_core.model.reports import ContactMethod, ItemCategory

from .office_cli import run
from .starter_book import load_workbook
from .starter_book import put_row as _put
from .starter_book import uscc_of as _uscc

openpyxl = pytest.importorskip("openpyxl")

CO = "379927"
_PTS = (("P379927-001", "王小明"), ("P379927-002", "王小明"), ("P379927-003", "刘芳"))


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    assert main(["init", "--empty", str(folder / "s")]) == 0
    return folder / "s" / "软环境监测点.xlsx"


def _base(empty: Path) -> Any:
    """柳河县 (its office 柳河县经信局), two departments, three points."""
    wb = load_workbook(empty)
    _put(wb["城市"], 3, {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"})
    _put(wb["县区"], 3, {"code": CO, "name": "柳河县", "kind": "县", "liaison_office": "柳河县经信局"})
    _put(wb["部门"], 3, {"id": "city-amr", "name": "市市场监管局"})
    _put(wb["部门"], 4, {"id": "lh-tax", "name": "柳河县税务局", "county": CO})
    for row, (pid, person) in enumerate(_PTS, 3):
        _put(
            wb["监测点"],
            row,
            {
                "id": pid,
                "enterprise.name": f"柳河县企业{row}有限公司",
                "county": CO,
                "enterprise.uscc": _uscc(f"91379927MA000000{row}"),
                "enterprise.size": "小型",
                "enterprise.ownership": "民营",
                "enterprise.sector": "工业",
                "enterprise.employees": 80,
                "level": "县区",
                "designated_by": "市确定",
                "designated_from": "2023-03-01",
                "liaison_person": person,
            },
        )
    return wb


def _month(wb: Any, month: str, ids: str, first_row: int = 3, made_by: dict[int, str] | None = None) -> None:
    """A phone contact of every point in ``month`` (ids of ``ids``'s month) and a zero report."""
    for i, (pid, person) in enumerate(_PTS):
        _put(
            wb["联系记录"],
            first_row + i,
            {
                "id": f"C-{ids}-{i + 1:03d}",
                "point": pid,
                "date": f"{month}-{10 + i}",
                "method": "电话",
                "liaison": CO,
                "reached": "是",
                "made_by": (made_by or {}).get(i, person),
            },
        )
    _put(
        wb["月报"],
        first_row,
        {
            "id": f"R-{CO}-{ids}",
            "county": CO,
            "month": month,
            "submitted_at": f"{month[:5]}{int(month[5:]) + 1:02d}-03 09:00",
            "submitted_by": "赵敏",
            "nothing_to_report": "是",
        },
    )


# --- 02. last month's ids on this month's rows, --into -------------------------------------------


def test_02_last_months_ids_into_the_dataset_are_told_as_copied_not_to_be_changed(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feb = _base(empty)
    _month(feb, "2025-02", "2025-02")
    feb.save(tmp_path / "2月.xlsx")
    r = run(capsys, "import", tmp_path / "2月.xlsx", "--out", tmp_path / "ds.json")
    assert r[0] == 0, r[2]
    march = _base(empty)
    _month(march, "2025-03", "2025-02")  # February's rows copied, ids kept
    march.save(tmp_path / "3月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "3月.xlsx", "--into", tmp_path / "ds.json")
    assert code != 0
    # Changing February's records is what she must not do after the slip: said first; the export
    # is offered only for the other reading, a date that was wrong (attacker x61 02).
    assert err.index("忘了改编号") < err.index("softenv export")
    assert "编号 C-2025-02-001 已是" in err and "中 2025-02 的联系记录，此处日期为 2025-03-10" in err
    assert "是否复制了 2025-02 的行而忘了改编号？是的话，2025-03 的新记录请用新的编号（如 C-2025-03-001）" in err
    assert "编号 R-379927-2025-02 已是" in err and "（如 R-379927-2025-03）" in err
    assert "数据集中 2025-02 的记录不要改动（改了，2025-02 就少了这条月报）" in err


def test_02_a_record_of_the_same_month_changed_is_still_told_to_export(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feb = _base(empty)
    _month(feb, "2025-02", "2025-02")
    feb.save(tmp_path / "2月.xlsx")
    r = run(capsys, "import", tmp_path / "2月.xlsx", "--out", tmp_path / "ds.json")
    assert r[0] == 0, r[2]
    _put(feb["联系记录"], 3, {"date": "2025-02-20"})  # a correction of February's own contact
    feb.save(tmp_path / "2月改.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "2月改.xlsx", "--into", tmp_path / "ds.json")
    assert code != 0 and "softenv export" in err and "忘了改编号" not in err


# --- 04. two ids in one cell -----------------------------------------------------------------


def _with_items(empty: Path, department: str, point: str) -> Any:
    wb = _base(empty)
    _month(wb, "2025-03", "2025-03")
    _put(wb["月报"], 3, {"nothing_to_report": "否"})
    _put(
        wb["联系事项"],
        3,
        {
            "@parent": "C-2025-03-002",
            "@seq": 1,
            "category": "收费",
            "text": "反映检验检测收费偏高",
            "department": department,
        },
    )
    _put(
        wb["月报事项"],
        3,
        {
            "@parent": f"R-{CO}-2025-03",
            "@amendment": 0,
            "@seq": 1,
            "category": "收费",
            "text": "反映检验检测收费偏高",
            "department": "city-amr",
            "point": point,
        },
    )
    return wb


@pytest.mark.parametrize("sep", ["、", "，", ",", "/", " "])
def test_04_two_departments_in_one_cell_are_told_to_be_written_one_row_each(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sep: str
) -> None:
    _with_items(empty, f"city-amr{sep}lh-tax", "P379927-002").save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "ds.json")
    assert code != 0
    read = unicodedata.normalize("NFKC", sep)  # an id cell is read as ASCII (，→ ,)
    assert f"'city-amr{read}lh-tax' 写了 2 个部门编号：此处只能写一个部门编号；涉及几个部门的事项，请分写几行" in err
    assert "未知的部门" not in err and "补一行" not in err


def test_04_two_points_in_one_cell_and_an_unknown_one_among_them(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_items(empty, "city-amr", "P379927-002、P379927-009").save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "ds.json")
    assert code != 0
    assert "写了 2 个监测点编号：此处只能写一个监测点编号；几个监测点反映的同一事项，请分写几行" in err
    assert "其中 P379927-009 不是已有的监测点" in err


# --- 06. small hints ---------------------------------------------------------------------------

_REACHED = Column("reached", "是否联系上", "bool")
_DAY = Column("date", "日期", "date")
_MOMENT = Column("submitted_at", "报送时间（北京时间）", "datetime")
_MONTH = Column("month", "所报月份", "month")


@pytest.mark.parametrize(
    ("column", "typed", "said"),
    [
        (_REACHED, "✓", "而不是 '✓'；是否应为 是？请写 是（也可写 √）"),
        (_REACHED, "✔", "而不是 '✔'；是否应为 是？"),
        (_REACHED, "✘", "而不是 '✘'；是否应为 否？"),
        (_REACHED, "X", "而不是 'X'"),  # quoted as typed, not 'x'
        (_MOMENT, "2025.4.3 9.00", "时和分之间请用冒号“:”，不用“.”：写 2025-04-03 09:00"),
        (_DAY, "25-3-10", "年份请写全四位：如 2025-03-10"),
        (_DAY, "2025.03.10.", "请去掉末尾的“.”：写 2025-03-10"),
        (_DAY, "2023年", "请写到日，年、月、日都要写"),
        (_DAY, "2023年3月", "请写到日，年、月、日都要写"),
        (_MONTH, "2025年3月1日-31日", "所报月份只写年和月，不写日期：写 2025-03"),
        (_MONTH, "三月", "缺少年份，请写出年份，如 2025年3月 或 2025-03"),
        (_MONTH, "十二月", "如 2025年12月 或 2025-12"),
        (Column("category", "类别", "enum", ItemCategory), "用工", "是否应为 困难问题？"),
    ],
)
def test_06_hints_for_what_a_clerk_types(column: Column, typed: str, said: str) -> None:
    with pytest.raises(CellError) as refused:
        from_cell(column, typed)
    assert said in str(refused.value)


def test_06_a_word_meant_for_one_column_is_no_hint_in_another() -> None:
    with pytest.raises(CellError) as refused:
        from_cell(Column("method", "方式", "enum", ContactMethod), "用工")
    assert "困难问题" not in str(refused.value)


@pytest.mark.parametrize(("typed", "read"), [("√", True), ("×", False)])
def test_06_tick_and_cross_are_read(typed: str, read: bool) -> None:
    assert from_cell(_REACHED, typed) is read
