"""Records that loaded before this release's checks (the dataset still version 2) are refused
whole, never converted silently (r3 finding 06): each refusal says how to fix the record, in
Chinese for the clerk; the workbook names the cell to change (是否联系上, with the items' rows,
not the contact's id); README "Upgrading" and docs/office.md list each with what to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.cli.output import problem_text
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.io.workbook_read import read_workbooks
from softenv_core.io.workbook_schema import STARTER_NAME
from softenv_core.io.workbook_starter import starter_dataset

from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]


def test_a_workbook_names_the_reached_cell_and_the_items_rows(starter, tmp_path):
    wb = load_workbook(starter / STARTER_NAME)
    sheet = wb["联系记录"]
    column = [c.value for c in sheet[2]].index("reached") + 1  # the hidden row of field names
    sheet.cell(3, column).value = "否"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = [p for p in info.value.problems if "未联系上" in p]
    letter = openpyxl.utils.get_column_letter(column)
    assert problem.startswith(f"联系记录!{letter}3 (C-2025-03-001 是否联系上): 未联系上的联系不能有联系事项"), problem
    assert "（事项在 联系事项!A3)" in problem and "改为“是”" in problem, problem


def test_the_contact_refusal_says_how_to_fix_it_in_either_language():
    doc = dump_dataset(starter_dataset())
    doc["contacts"][0]["reached"] = False
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    (problem,) = [p for p in info.value.problems if "not reached" in p]
    assert "set reached to true" in problem and "record the items on the contact that reached it" in problem
    zh = problem_text(problem, "zh")
    assert "请把“是否联系上”改为“是”" in zh and "记在联系上的那次联系中" in zh, zh


@pytest.mark.parametrize("page", ["README.md", "docs/office.md"])
def test_the_upgrade_notes_name_each_refusal(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    section = text.split("## Upgrading" if page == "README.md" else "### 升级后", 1)[1]
    words = ("not reached", "waiver", "same enterprise") if page == "README.md" else ("未联系上", "豁免", "同一企业")
    for refusal in words:
        assert refusal in section, (page, refusal)
