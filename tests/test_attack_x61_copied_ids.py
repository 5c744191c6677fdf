"""Attacker x61 02: a contact typed 2025-02-28 that was really made on 2025-03-03, corrected in
the clerk's book and imported --into again, was told (clerk c55 02's advice) to use a new id and
leave February's record unchanged: followed, the dataset keeps a February contact that never
happened. A copied row and a corrected date look the same, so the message offers both readings
(io/copied_ids.py, docs/office.md); each reading's advice, followed, gives the dataset it should."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from softenv_core.cli.main import main

from .office_cli import run
from .starter_book import load_workbook
from .starter_book import put_row as _put
from .starter_book import uscc_of as _uscc

openpyxl = pytest.importorskip("openpyxl")

CO = "379927"


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    assert main(["init", "--empty", str(folder / "s")]) == 0
    return folder / "s" / "软环境监测点.xlsx"


def _book(empty: Path, day: str, contact: str = "C-2025-02-001", month: str = "2025-02") -> Any:
    wb = load_workbook(empty)
    _put(wb["城市"], 3, {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"})
    _put(wb["县区"], 3, {"code": CO, "name": "柳河县", "kind": "县", "liaison_office": "柳河县经信局"})
    _put(wb["部门"], 3, {"id": "city-amr", "name": "市市场监管局"})
    point = {
        "id": "P379927-001",
        "enterprise.name": "柳河县企业有限公司",
        "county": CO,
        "enterprise.uscc": _uscc("91379927MA0000003"),
        "enterprise.size": "小型",
        "enterprise.ownership": "民营",
        "enterprise.sector": "工业",
        "enterprise.employees": 80,
        "level": "县区",
        "designated_by": "市确定",
        "designated_from": "2023-03-01",
        "liaison_person": "王小明",
    }
    _put(wb["监测点"], 3, point)
    contact_row = {"id": contact, "point": "P379927-001", "date": day, "method": "电话", "liaison": CO}
    _put(wb["联系记录"], 3, contact_row | {"reached": "是", "made_by": "王小明"})
    report = {"id": f"R-{CO}-2025-02", "county": CO, "month": month, "submitted_at": "2025-03-03 09:00"}
    _put(wb["月报"], 3, report | {"submitted_by": "赵敏", "nothing_to_report": "是"})
    return wb


@pytest.fixture
def february(empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    _book(empty, "2025-02-28").save(tmp_path / "2月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "2月.xlsx", "--out", tmp_path / "ds.json")
    assert code == 0, err
    return tmp_path / "ds.json"


def _contacts(path: Path) -> list[tuple[str, str]]:
    return [(c["id"], c["date"]) for c in json.loads(path.read_text(encoding="utf-8"))["contacts"]]


def test_the_message_offers_both_readings(
    empty: Path, february: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _book(empty, "2025-03-03").save(tmp_path / "改.xlsx")  # the same contact, its day corrected
    code, _, err = run(capsys, "import", tmp_path / "改.xlsx", "--into", february)
    assert code != 0
    assert "此处日期为 2025-03-03。是否复制了 2025-02 的行而忘了改编号？是的话，2025-03 的新记录请用新的编号" in err
    assert "数据集中 2025-02 的记录不要改动（改了，2025-02 就少了这条联系记录）。" in err
    assert (
        "若是这条记录的日期当初填错了、实为 2025-03-03，那是改正数据集中已有的记录（不用新编号，否则 2025-02 "
        "仍有这条实际没有的联系记录）：请 softenv export 导出整个数据集，在导出的工作簿中把它的日期改为 2025-03-03，"
        "再用 softenv import --out 导入为新的数据集文件"
    ) in err


def test_a_filed_reports_month_is_offered_both_readings_too(
    empty: Path, february: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _book(empty, "2025-02-28", month="2025-03").save(tmp_path / "月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "月.xlsx", "--into", february)
    assert code != 0
    assert "此处所报月份为 2025-03。是否复制了 2025-02 的行而忘了改编号？" in err
    assert "若是这条记录的所报月份当初填错了、实为 2025-03" in err and "仍有这条实际没有的月报" in err


def test_the_copy_reading_followed_keeps_february_and_adds_march(
    empty: Path, february: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _book(empty, "2025-03-03", contact="C-2025-03-001").save(tmp_path / "3月.xlsx")
    wb = load_workbook(tmp_path / "3月.xlsx")
    wb["月报"].delete_rows(3)  # February's report is in the dataset already
    wb.save(tmp_path / "3月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "3月.xlsx", "--into", february)
    assert code == 0, err
    assert _contacts(february) == [("C-2025-02-001", "2025-02-28"), ("C-2025-03-001", "2025-03-03")]


def test_the_correction_reading_followed_moves_the_contact_to_march(
    february: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", february, "--out", tmp_path / "全市数据.xlsx")
    assert code == 0, err
    wb = load_workbook(tmp_path / "全市数据.xlsx")
    _put(wb["联系记录"], 3, {"date": "2025-03-03"})  # its day, corrected where the message says
    wb.save(tmp_path / "全市数据.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "全市数据.xlsx", "--out", tmp_path / "新数据集.json")
    assert code == 0, err
    assert _contacts(tmp_path / "新数据集.json") == [("C-2025-02-001", "2025-03-03")]  # no February contact left
