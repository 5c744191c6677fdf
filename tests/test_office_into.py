"""A month's workbook adding the later steps of a record begun earlier (clerk finding 17):
child rows whose record is in the ``--into`` dataset or in another workbook of the import."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.dataset_files import dataset_json, load_dataset  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import FIRST_ROW, STARTER_NAME  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402

from .office_cli import run  # noqa: E402

STEPS = "办理过程"


def _only_steps(starter: Path, out: Path, keep: set[int]) -> Path:
    """The starter workbook with every record row removed but the 办理过程 rows of 序号 ``keep``
    (a month's workbook carrying only the new steps of a complaint begun earlier)."""
    wb = openpyxl.load_workbook(starter / STARTER_NAME)
    for ws in wb.worksheets:
        if ws.max_row < FIRST_ROW:
            continue
        rows = [r for r in range(FIRST_ROW, ws.max_row + 1) if ws.title != STEPS or ws.cell(r, 2).value not in keep]
        for r in reversed(rows):
            ws.delete_rows(r)
    wb.save(out)
    return out


def _march(tmp_path: Path, events: int) -> tuple[Path, object]:
    """The starter dataset with its complaint cut to its first ``events`` steps, as a dataset file."""
    full = starter_dataset()
    complaint = full.complaints[0]
    cut = attrs.evolve(full, complaints=(attrs.evolve(complaint, events=complaint.events[:events]),))
    path = tmp_path / "d.json"
    path.write_text(dataset_json(cut), encoding="utf-8")
    return path, full


def test_a_months_steps_join_their_complaint_in_the_dataset(starter, tmp_path):
    into, full = _march(tmp_path, 3)
    april = _only_steps(starter, tmp_path / "4月.xlsx", {4, 5})
    merged = read_workbooks([april], into)
    assert merged.complaints[0].events == full.complaints[0].events[:5]  # type: ignore[attr-defined]
    # The rest of the dataset is as it was.
    assert attrs.evolve(merged, complaints=()) == attrs.evolve(load_dataset(into), complaints=())


def test_importing_the_same_months_workbook_again_changes_nothing(starter, tmp_path, capsys):
    into, full = _march(tmp_path, 3)
    april = _only_steps(starter, tmp_path / "4月.xlsx", {4, 5})
    assert run(capsys, "import", april, "--into", into)[0] == 0
    once = into.read_bytes()
    assert run(capsys, "import", april, "--into", into)[0] == 0
    assert into.read_bytes() == once
    assert load_dataset(into).complaints[0].events == full.complaints[0].events[:5]  # type: ignore[attr-defined]


def test_a_step_at_a_place_the_dataset_holds_differently_is_named(starter, tmp_path):
    into, _ = _march(tmp_path, 4)
    book = _only_steps(starter, tmp_path / "4月.xlsx", {4})
    wb = openpyxl.load_workbook(book)
    wb[STEPS].cell(FIRST_ROW, 4).value = wb[STEPS].cell(FIRST_ROW, 4).value.replace(hour=10)  # another moment
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book], into)
    text = "\n".join(info.value.problems)
    assert f"4月.xlsx {STEPS}!B{FIRST_ROW}" in text and "序号 4 在数据集的 F-2025-001 中已有不同的内容" in text


def test_steps_join_their_complaint_in_another_workbook_of_the_import(starter, tmp_path):
    full = starter_dataset()
    march = _only_steps(starter, tmp_path / "4月.xlsx", {6, 7})  # April's steps alone
    wb = openpyxl.load_workbook(starter / STARTER_NAME)
    ws = wb[STEPS]
    for r in reversed(range(FIRST_ROW, ws.max_row + 1)):
        if ws.cell(r, 2).value in (6, 7):
            ws.delete_rows(r)
    wb.save(tmp_path / "3月.xlsx")
    merged = read_workbooks([tmp_path / "3月.xlsx", march])
    assert merged.complaints == full.complaints


def test_a_step_whose_complaint_is_nowhere_says_where_it_was_looked_for(starter, tmp_path):
    into, _ = _march(tmp_path, 3)
    book = _only_steps(starter, tmp_path / "4月.xlsx", {4})
    wb = openpyxl.load_workbook(book)
    wb[STEPS].cell(FIRST_ROW, 1).value = "F-2025-099"
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book], into)
    assert "所属记录 F-2025-099 不在所导入的工作簿和 d.json 中" in "\n".join(info.value.problems)
