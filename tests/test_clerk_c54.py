"""Clerk c54 (河西县经贸委: amendments, a rename, a silent month, year end).

02 曾用名 typed as a clerk lists things (`A、B`, `A；B`) or with a note (`A（2025年6月更名前）`) was
   read as one former name: the screen masked neither, and the department complained about read
   the old name in clear. The workbook's 曾用名 cell is now split on 、；; as well as line breaks,
   and a name with a bracketed note is refused at its cell (brackets of a name stay:
   XX（集团）有限公司); a JSON or Python entry holding several names or a note is a dataset warning
   (io/former_name_text.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.io.workbook_messages import zh_message
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing import builders as b

P = "P-379902-2"
OLD, NEW = "东城华泰机械制造有限公司", "东城华泰智能装备有限公司"


def _renamed(former: tuple[str, ...]) -> se.Dataset:
    """P renamed OLD → NEW (the record edited in place), March's contact naming it OLD."""
    ds = b.small_dataset(2025)
    point = next(p for p in ds.points if p.id == P)
    enterprise = attrs.evolve(point.enterprise, name=NEW, former_names=former)
    points = tuple(attrs.evolve(p, enterprise=enterprise) if p.id == P else p for p in ds.points)
    item = Item(ItemCategory.FEES, f"{OLD}反映检验检测收费偏高，一次检测3800元", "city-amr")
    contacts = tuple(attrs.evolve(c, items=(item,)) if c.id == f"C-{P}-2025-03" else c for c in ds.contacts)
    return attrs.evolve(ds, points=points, contacts=contacts)


def _book_with(tmp_path: Path, former: str) -> Path:
    """The small dataset's workbook, P renamed, its 曾用名 cell typed as ``former``."""
    pytest.importorskip("xlsxwriter")
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_write import write_workbook

    book = tmp_path / "renamed.xlsx"
    write_workbook(_renamed(()), book)
    wb = openpyxl.load_workbook(book)
    ws = wb["监测点"]
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, columns["id"]).value == P)
    ws.cell(row, columns["enterprise.former_names"]).value = former
    wb.save(book)
    return book


def _read(book: Path) -> Any:
    from softenv_core.io.workbook_read import read_workbooks

    return read_workbooks([book])


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (f"{OLD}、华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}；华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}; 华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}\n华泰机械厂", (OLD, "华泰机械厂")),
        ("华泰（集团）有限公司、华泰（青岛）有限公司", ("华泰（集团）有限公司", "华泰（青岛）有限公司")),
        ("华泰机械 厂", ("华泰机械 厂",)),
    ],
)
def test_02_former_names_split_as_a_clerk_lists(tmp_path: Path, cell: str, names: tuple[str, ...]) -> None:
    ds = _read(_book_with(tmp_path, cell))
    assert next(p for p in ds.points if p.id == P).enterprise.former_names == names


def test_02_joined_names_masked_for_the_department(tmp_path: Path) -> None:
    ds = _read(_book_with(tmp_path, f"{OLD}、华泰机械厂"))
    doc = se.monitoring_report(ds, "2025-03", audience="department:city-amr").to_json()
    assert OLD not in doc and "某企业反映检验检测收费偏高" in doc


@pytest.mark.parametrize("note", ["（2025年6月更名前）", "(2025.6更名前)", "（以前的名称）", "（曾用名）"])
def test_02_a_note_is_refused_at_its_cell(tmp_path: Path, note: str) -> None:
    with pytest.raises(se.InputError) as caught:
        _read(_book_with(tmp_path, f"{OLD}{note}"))
    (problem,) = caught.value.problems
    assert problem.startswith("监测点!") and "曾用名" in problem
    assert f"像是备注，不是名称的一部分：曾用名只写原名称本身（如 {OLD!r}）" in problem


def test_02_none_mark_is_not_a_name(tmp_path: Path) -> None:
    with pytest.raises(se.InputError) as caught:
        _read(_book_with(tmp_path, "无"))
    assert "没有曾用名请留空" in caught.value.problems[0]


def test_02_json_entries_warned() -> None:
    ds = _renamed((f"{OLD}、华泰机械厂", f"{OLD}（2025年6月更名前）", "东城华泰（集团）有限公司", OLD))
    warned = [w for w in se.dataset_warnings(ds) if "former_names" in w]
    assert len(warned) == 2, warned
    assert "enterprise.former_names[0]" in warned[0] and "several names joined" in warned[0]
    assert "enterprise.former_names[1]" in warned[1] and "holds the note '（2025年6月更名前）'" in warned[1]
    zh = [zh_message(w.split(": ", 1)[1]) for w in warned]
    assert zh[0].endswith("打码只遮挡完整的曾用名，请每个曾用名单独一项")
    assert zh[1].endswith("打码只遮挡完整的曾用名，请只写原名称本身")
