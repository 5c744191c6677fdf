"""The workbook's 推荐 sheet carries the nomination's moment (推荐时间（北京时间）), with the rules
of every moment column: Beijing wall time, a day alone refused (docs/office.md), an empty cell
an undated nomination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import SHEET_BY_NAME, STARTER_NAME  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402
from softenv_core.io.workbook_write import write_workbook  # noqa: E402
from softenv_core.model.periods import BEIJING  # noqa: E402

from .starter_book import load_workbook  # noqa: E402

SHEET = SHEET_BY_NAME["推荐"]
COLUMN = "ABCDEFGHIJ"[SHEET.column("submitted_at") or 0]


def test_the_nomination_sheet_has_a_moment_column_and_the_starter_a_moment():
    (column,) = [c for c in SHEET.columns if c.field == "submitted_at"]
    assert (column.zh, column.kind) == ("推荐时间（北京时间）", "datetime")
    assert starter_dataset().nominations[0].submitted_at == datetime(2026, 1, 12, 9, 30, tzinfo=BEIJING)


def test_a_workbook_round_trip_keeps_the_moment_and_the_undated(tmp_path):
    d = starter_dataset()
    (n,) = d.nominations
    utc = n.submitted_at.astimezone(UTC)
    # The starter has one point: a second nomination of it for the same year is refused (clerk
    # c60 01), so the undated one is of the year before.
    second = attrs.evolve(n, id="N-2025-002", year=2024, point=d.points[-1].id, submitted_at=None)
    dataset = attrs.evolve(d, nominations=(attrs.evolve(n, submitted_at=utc), second))
    write_workbook(dataset, tmp_path / "n.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "n.xlsx")["推荐"]
    assert ws[f"{COLUMN}3"].value == datetime(2026, 1, 12, 9, 30)  # Beijing wall time
    assert ws[f"{COLUMN}4"].value is None
    back = read_workbooks([tmp_path / "n.xlsx"])
    assert back == dataset
    assert back.nominations[0].submitted_at.utcoffset() == timedelta(hours=8)
    assert back.nominations[1].submitted_at is None


def _with_cell(src: Path, dst: Path, value: object, number_format: str | None = None) -> Path:
    wb = load_workbook(src)
    cell = wb["推荐"][f"{COLUMN}3"]
    cell.value = value
    if number_format is not None:
        cell.number_format = number_format
    wb.save(dst)
    return dst


@pytest.mark.parametrize(
    ("value", "number_format"), [("2026-01-12", None), (datetime(2026, 1, 12), "yyyy-mm-dd")], ids=["text", "excel"]
)
def test_a_day_alone_in_the_moment_column_is_refused_naming_the_cell(starter, tmp_path, value, number_format):
    book = _with_cell(starter / STARTER_NAME, tmp_path / "d.xlsx", value, number_format)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = info.value.problems
    assert problem.startswith(f"推荐!{COLUMN}3 (N-2025-001 推荐时间（北京时间）): 缺少时刻：")


def test_a_moment_in_text_is_beijing_time_and_an_empty_cell_is_undated(starter, tmp_path):
    book = _with_cell(starter / STARTER_NAME, tmp_path / "t.xlsx", "2026/1/12 15:00")
    assert read_workbooks([book]).nominations[0].submitted_at == datetime(2026, 1, 12, 15, tzinfo=BEIJING)
    empty = _with_cell(starter / STARTER_NAME, tmp_path / "e.xlsx", None)
    assert read_workbooks([empty]).nominations[0].submitted_at is None
