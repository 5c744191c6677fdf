"""A county clerk's month in the workbook (tester c34): what she met, each as a test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.redaction_keys import text_screen
from softenv_core.io.dataset_files import dataset_json, load_dataset
from softenv_core.io.workbook_schema import FIRST_ROW, STARTER_NAME
from softenv_core.io.workbook_starter import starter_dataset

from .office_cli import run
from .starter_book import edited_starter, load_workbook


def test_a_short_name_of_an_enterprise_named_after_its_whole_county_is_masked():
    # 青林县宏达建材有限公司 is written 宏达建材 in a report item: the county's name in full
    # (青林县, not only 青林) is left out before the legal form, as 东城丰源 for 东城区.
    ds = starter_dataset()
    county = attrs.evolve(ds.counties[0], name="青林县")
    point = ds.points[0]
    named = attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name="青林县宏达建材有限公司"))
    ds = attrs.evolve(ds, counties=(county,), points=(named,))
    screen = text_screen(ds, Audience.parse(f"county:{county.code}"))
    out = screen.screen("宏达建材反映用工成本上升").text
    assert "宏达建材" not in out and out.startswith("某企业"), out
    assert screen.screen("绿源食品反映收费偏高").text == "绿源食品反映收费偏高"


# --- the workbook import, as the clerk met it -------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")

STEPS = "办理过程"


def _only(starter: Path, out: Path, keep: dict[str, Callable[[tuple[Any, ...]], bool]]) -> Path:
    """The starter workbook keeping only the record rows ``keep``'s tests accept."""
    wb = load_workbook(starter / STARTER_NAME)
    for ws in wb.worksheets:
        if ws.max_row < FIRST_ROW:
            continue
        test = keep.get(ws.title, lambda row: False)
        for r in reversed([r for r in range(FIRST_ROW, ws.max_row + 1) if not test(tuple(c.value for c in ws[r]))]):
            ws.delete_rows(r)
    wb.save(out)
    return out


def _march_book(starter: Path, out: Path) -> Path:
    """The starter workbook with its complaint cut to its first 3 steps: March's workbook."""
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb[STEPS]
    for r in reversed(range(FIRST_ROW, ws.max_row + 1)):
        if ws.cell(r, 2).value > 3:
            ws.delete_rows(r)
    wb.save(out)
    return out


def test_marchs_workbook_imported_again_after_aprils_steps_adds_nothing(starter, tmp_path, capsys):
    march = _march_book(starter, tmp_path / "3月.xlsx")
    into = tmp_path / "d.json"
    assert run(capsys, "import", march, "--out", into)[0] == 0
    april = _only(starter, tmp_path / "4月.xlsx", {STEPS: lambda row: row[1] in (4, 5)})
    assert run(capsys, "import", april, "--into", into)[0] == 0
    after_april = into.read_bytes()
    code, _, err = run(capsys, "import", march, "--into", into)
    assert code == 0, err  # the complaint as it was in March: the same record, not "内容不同"
    assert into.read_bytes() == after_april
    assert len(load_dataset(into).complaints[0].events) == 5
    # A March row that does differ from the dataset's is still refused, naming its cell.
    wb = load_workbook(march)
    wb[STEPS].cell(FIRST_ROW + 1, 5).value = "市软建办 另一人"
    wb.save(march)
    code, _, err = run(capsys, "import", march, "--into", into)
    assert code == 1 and "直接反馈!A3 (F-2025-001)" in err, err


def test_a_child_rows_parent_typed_in_lower_case_is_told_the_id_meant(starter, tmp_path, capsys):
    into = tmp_path / "d.json"
    assert run(capsys, "import", _march_book(starter, tmp_path / "3月.xlsx"), "--out", into)[0] == 0
    april = _only(starter, tmp_path / "4月.xlsx", {STEPS: lambda row: row[1] == 4})
    wb = load_workbook(april)
    wb[STEPS].cell(FIRST_ROW, 1).value = "f-2025-001"
    wb.save(april)
    code, _, err = run(capsys, "import", april, "--into", into)
    assert code == 1
    assert "所属记录 f-2025-001 不在所导入的工作簿和 d.json 中（是否应为 F-2025-001？）" in err, err


def test_a_row_written_twice_in_one_sheet_is_not_told_how_to_append_steps(starter, tmp_path, capsys):
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb["直接反馈"]
    for c in range(1, ws.max_column + 1):
        ws.cell(FIRST_ROW + 1, c).value = ws.cell(FIRST_ROW, c).value
    ws.cell(FIRST_ROW + 1, 6).value = "企业反映某检测机构重复收费(又一次)"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    (line,) = [x for x in err.splitlines() if "编号相同而内容不同" in x]
    assert code == 1 and "同一工作表中一条记录只写一行" in line, err
    assert "只填子表的行" not in line


def test_two_workbooks_of_one_name_are_told_apart_in_the_first_line(starter, tmp_path, capsys):
    books = []
    for folder, name in (("东城", "东城区"), ("西城", "东城区 ")):
        (tmp_path / folder).mkdir()
        books.append(edited_starter(starter, tmp_path / folder / "4月.xlsx", {"县区": {"name": name + "x"}}))
    code, _, err = run(capsys, "import", *books, "--out", tmp_path / "d.json")
    assert code == 1
    first = err.splitlines()[0]
    assert f"{books[0].parent.name}/4月.xlsx" in first and f"{books[1].parent.name}/4月.xlsx" in first, first


def test_a_hint_about_a_record_of_the_into_dataset_names_it_once_with_its_id(starter, tmp_path, capsys):
    """A hint this import gives about a record of the --into dataset: its point designated in
    2026 with no roster change, said once April's workbook brings a report of 2026. (It was a
    point's 规模 the dataset alone gives, which an --into import no longer repeats: clerk c45.)"""
    ds = starter_dataset()
    firm = attrs.evolve(ds.points[0].enterprise, name="示范食品有限公司", uscc="91379902MA00000267")
    point = attrs.evolve(ds.points[0], id="P379902-002", enterprise=firm, designated_from=date(2026, 1, 15))
    into = tmp_path / "d.json"
    into.write_text(dataset_json(attrs.evolve(ds, points=(*ds.points, point))), encoding="utf-8")
    april = _only(starter, tmp_path / "4月.xlsx", {"月报": lambda row: True})
    wb = load_workbook(april)
    ws = wb["月报"]
    ws["A3"], ws["C3"], ws["D3"], ws["F3"] = "R-379902-2026-01", "2026-01", "2026-02-03 10:00", "是"
    wb.save(april)
    code, _, err = run(capsys, "import", april, "--into", into)
    (line,) = [x for x in err.splitlines() if "designated_from" in x or "确定日期" in x]
    assert code == 0, err
    assert line.strip().startswith(f"d.json $.points[1] ({point.id}).designated_from: 确定日期 2026-01-15"), line
    assert " — $." not in line
