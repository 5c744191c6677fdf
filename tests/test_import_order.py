"""An import's problems in the order a clerk goes through the workbook: by sheet, row, column
(clerk c48: a dataset check's problem at row 4 was listed after the cells' problems at rows 5
and 6, found in an earlier pass)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.io.workbook_places import in_sheet_order
from softenv_core.io.workbook_schema import SHEETS, STARTER_NAME

from .office_cli import run
from .starter_book import load_workbook

pytest.importorskip("openpyxl")

_CELL = re.compile(r"^\s+(\S+)!([A-Z]+)(\d+) ")


def _book(starter: Path, out: Path, rows: list[dict[str, object]]) -> Path:
    """The starter with its example contact copied to rows 4.., each changed as given."""
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb["联系记录"]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    for r, changes in enumerate(rows, start=4):
        for c in range(1, ws.max_column + 1):
            ws.cell(r, c).value = ws.cell(3, c).value
        ws.cell(r, cols["id"]).value = f"C-{r}"
        for name, value in changes.items():
            ws.cell(r, cols[name]).value = value
    points = wb["监测点"]
    points.cell(
        3, next(c for c in range(1, points.max_column + 1) if points.cell(2, c).value == "enterprise.uscc")
    ).value = "123"
    wb.save(out)
    return out


def test_the_checks_problems_take_their_rows_place(
    starter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _book(starter, tmp_path / "b.xlsx", [{"point": "P-NOPE"}, {"date": "2025-13-01"}, {"reached": "也许"}])
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and not (tmp_path / "d.json").exists()
    places = [(m[1], m[3]) for line in err.splitlines() if (m := _CELL.match(line))]
    # 监测点 comes before 联系记录 in the workbook; within 联系记录 the rows run down
    assert places == [("监测点", "3"), ("联系记录", "4"), ("联系记录", "5"), ("联系记录", "6")], err
    assert "P-NOPE" in err.splitlines()[2] and "2025-13-01" in err.splitlines()[3]


_SHEET_NAMES = [s.name for s in SHEETS]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["甲.xlsx ", "乙.xlsx "]),
            st.sampled_from(_SHEET_NAMES),
            st.sampled_from(["A", "B", "Z", "AA"]),
            st.integers(3, 30),
        ),
        max_size=12,
    ),
    st.lists(st.sampled_from(["d.json $.points[1]: x", "甲.xlsx: 无法读取"]), max_size=2),
    st.booleans(),
)
def test_problems_are_ordered_by_book_sheet_row_and_column(
    cells: list[tuple[str, str, str, int]], loose: list[str], with_book: bool
) -> None:
    # one book: its problems name no book (the import's with_book); several: each names its own
    problems = [f"{b if with_book else ''}{s}!{c}{r} (X): 问题{i}" for i, (b, s, c, r) in enumerate(cells)]
    problems += loose
    ordered = in_sheet_order(problems, ["甲.xlsx", "乙.xlsx"])
    assert sorted(ordered) == sorted(problems)  # nothing lost, nothing added
    assert ordered[: len(loose)] == loose  # naming no cell: first, as found
    keys = []
    for p in ordered[len(loose) :]:
        m = re.match(r"^(?:(\S+) )?(\S+)!([A-Z]+)(\d+)", p)
        assert m is not None
        column = sum((ord(ch) - 64) * 26**k for k, ch in enumerate(reversed(m[3])))
        keys.append(
            (["甲.xlsx", "乙.xlsx"].index(m[1]) if with_book else 0, _SHEET_NAMES.index(m[2]), int(m[4]), column)
        )
    assert keys == sorted(keys)
