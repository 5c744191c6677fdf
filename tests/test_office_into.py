"""A month's workbook adding the later steps of a record begun earlier (clerk finding 17):
child rows whose record is in the ``--into`` dataset or in another workbook of the import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.dataset_files import dataset_json, load_dataset  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import FIRST_ROW, STARTER_NAME  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402

STEPS = "办理过程"


def _only(starter: Path, out: Path, keep: dict[str, Callable[[tuple[Any, ...]], bool]]) -> Path:
    """The starter workbook with every record row removed but the rows of ``keep``'s sheets its
    test accepts (a month's workbook carrying only the new parts of records begun earlier)."""
    wb = load_workbook(starter / STARTER_NAME)
    for ws in wb.worksheets:
        if ws.max_row < FIRST_ROW:
            continue
        test = keep.get(ws.title, lambda row: False)
        rows = [r for r in range(FIRST_ROW, ws.max_row + 1) if not test(tuple(c.value for c in ws[r]))]
        for r in reversed(rows):
            ws.delete_rows(r)
    wb.save(out)
    return out


def _only_steps(starter: Path, out: Path, keep: set[int]) -> Path:
    """Only the 办理过程 rows of 序号 ``keep``."""
    return _only(starter, out, {STEPS: lambda row: row[1] in keep})


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
    wb = load_workbook(starter / STARTER_NAME)
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


def test_a_reports_amendment_joins_the_report_in_the_dataset(starter, tmp_path):
    full = starter_dataset()
    report = full.reports[0]
    into = tmp_path / "d.json"
    into.write_text(dataset_json(attrs.evolve(full, reports=(attrs.evolve(report, amendments=()),))), "utf-8")
    book = _only(starter, tmp_path / "4月.xlsx", {"月报修改": lambda row: True, "月报事项": lambda row: row[1] == 1})
    assert read_workbooks([book], into).reports == full.reports


@pytest.mark.parametrize(
    ("sheet", "row", "says"),
    [
        ("月报事项", ("R-379902-2025-03", 0, 2), "月报 R-379902-2025-03 已在数据集中，原报的事项不能再追加"),
        ("联系事项", ("C-2025-03-001", 2), "联系记录 C-2025-03-001 已在数据集中，之后的工作簿不能给它追加事项"),
        # A change of 定人 rewrites the point's own row (its 联系人): export, edit, import (docs/office.md)
        (
            "前任联系人",
            ("P379902-001", 2),
            "--into 不修改已有记录；更换联系人（定人）请用 softenv export 导出整个数据集",
        ),
    ],
    ids=["report-items", "contact-items", "former-liaison-person"],
)
def test_what_was_said_then_gains_nothing_later(starter, tmp_path, sheet, row, says):
    """A recorded contact's items and a submitted report's own items are not added to later:
    that would rewrite what the record says was said (a report changes by an amendment)."""
    into = tmp_path / "d.json"
    into.write_text(dataset_json(starter_dataset()), "utf-8")
    book = _only(starter, tmp_path / "4月.xlsx", {sheet: lambda cells: True})
    wb = openpyxl.load_workbook(book)
    for col, value in enumerate(row, 1):  # the starter's row, moved to a new place in its record
        wb[sheet].cell(FIRST_ROW, col).value = value
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book], into)
    assert says in "\n".join(info.value.problems)


@pytest.mark.parametrize("seq", [0, -1, 9])
def test_a_step_must_continue_the_records_places(starter, tmp_path, seq):
    """A 序号 that is not the next place (0, negative, or past the end) is named: placed at
    the end, it would be added again by every later import of the same workbook (attacker 03)."""
    into, _ = _march(tmp_path, 3)
    book = _only_steps(starter, tmp_path / "4月.xlsx", {4})
    wb = openpyxl.load_workbook(book)
    wb[STEPS].cell(FIRST_ROW, 2).value = seq
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book], into)
    text = "\n".join(info.value.problems)
    # 0 and -1 are no place at all (refused at the cell), 9 is past the record's end.
    said = f"序号 {seq} " if seq > 0 else f"序号应为正整数（1、2、3……），而不是 '{seq}'"
    assert f"{STEPS}!B{FIRST_ROW}" in text and said in text


def test_an_amendment_with_its_items_imported_twice_adds_nothing(starter, tmp_path, capsys):
    """The dataset's amendment holds its items; the workbook's has them as rows of 月报事项:
    compared whole, the second import of the same workbook adds nothing (attacker 05)."""
    full = starter_dataset()
    into = tmp_path / "d.json"
    into.write_text(dataset_json(attrs.evolve(full, reports=(attrs.evolve(full.reports[0], amendments=()),))), "utf-8")
    book = _only(starter, tmp_path / "4月.xlsx", {"月报修改": lambda row: True, "月报事项": lambda row: row[1] == 1})
    assert run(capsys, "import", book, "--into", into)[0] == 0
    once = into.read_bytes()
    assert run(capsys, "import", book, "--into", into)[0] == 0
    assert into.read_bytes() == once
    assert load_dataset(into).reports == full.reports


@pytest.mark.parametrize("order", ["amendment-first", "items-first"])
def test_an_amendment_and_its_items_in_two_workbooks_import_in_either_order(starter, tmp_path, order):
    """The result does not depend on the order of the workbooks on the command line (reviewer)."""
    full = starter_dataset()
    into = tmp_path / "d.json"
    into.write_text(dataset_json(attrs.evolve(full, reports=(attrs.evolve(full.reports[0], amendments=()),))), "utf-8")
    a = _only(starter, tmp_path / "a.xlsx", {"月报修改": lambda row: True})
    b = _only(starter, tmp_path / "b.xlsx", {"月报事项": lambda row: row[1] == 1})
    books = [a, b] if order == "amendment-first" else [b, a]
    assert read_workbooks(books, into).reports == full.reports


def test_a_row_repeated_in_one_workbook_is_still_a_duplicate(starter, tmp_path):
    """Only the same row in two workbooks of one import is taken once; twice in one sheet is a slip."""
    book = tmp_path / "twice.xlsx"
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb[STEPS]
    ws.append([c.value for c in ws[FIRST_ROW]])
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    assert "序号 1 重复" in "\n".join(info.value.problems)
