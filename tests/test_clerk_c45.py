"""A county clerk's first quarter (clerk c45): a 合计 row and a footer under 联系记录, the size
hint on a monthly ``--into`` import, and a January zero report filed late.
"""

from __future__ import annotations

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


# --- 1. a 合计 row and a footer under 联系记录 -------------------------------------------------


def _footer(wb) -> None:  # type: ignore[no-untyped-def]
    wb["联系记录"]["A5"], wb["联系记录"]["B5"] = "合计", "1次"
    wb["联系记录"]["A6"] = "填表人：王丽  联系电话：0539-1234567"


@pytest.mark.parametrize("books", [1, 2])
def test_a_footer_under_contacts_is_told_in_one_line(starter, tmp_path, capsys, books):
    """Each row was told as no record and, beside it, `联系记录!F5 (合计 是否联系上): 请填写“是”
    或“否”（是否联系上不能留空）`: the reader's blank check, told before the dataset's check
    found the row to be none (with two books, each line led by the book's name)."""
    paths = [_book(starter, tmp_path, _footer)]
    if books == 2:
        paths.append(_book(starter, tmp_path, lambda wb: None, "other.xlsx"))
    code, _, err = run(capsys, "import", *paths, "--out", tmp_path / "d.json")
    assert code == 1
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert "是否联系上不能留空" not in err, err
    assert len(lines) == 2, err
    assert "联系记录!A5 (合计): 这一行不是一条记录" in lines[0], err
    assert "联系记录!A6 (填表人：王丽  联系电话：0539-1234567): 这一行不是一条记录" in lines[1], err


def test_a_contact_with_its_reached_blank_is_still_refused(starter, tmp_path, capsys):
    """A true record (an id, other cells filled) with 是否联系上 blank keeps its line."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["联系记录"]["F3"] = None

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "联系记录!F3 (C-2025-03-001 是否联系上): 请填写“是”或“否”（是否联系上不能留空）" in err, err
