"""Clerk c56 (市软建办: a month of complaints typed, imported, reported), the 办理过程 refusals left
after the first fixes (helper fc56b).

02 (a65 02's rule) A third 退回, after two returns, was refused in English (model/complaints.THIRD_RETURN)
   at the row's id cell: now in Chinese at the 环节 cell, which is the one to change (to 签收).
07 Two department ids in the complaint's 被反映部门编号 cell were told to write several rows (right
   for a contact item, wrong for a complaint): one complaint names one department.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.io.workbook_messages import zh_message, zh_problem
from softenv_core.model import complaints as mc
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

T = EventType


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 6, day, hour, tzinfo=BEIJING)


#: Twice returned, handled by 市软建办 itself, then returned a third time (rows 3..10: 收到 is row 3).
RETURNED_THRICE = (
    ComplaintEvent(T.RECEIVED, _at(9, 9), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(9, 10), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(9, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.RETURNED, _at(10, 9), "市市场监管局"),
    ComplaintEvent(T.ASSIGNED, _at(10, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.RETURNED, _at(11, 9), "市市场监管局"),
    ComplaintEvent(T.ASSIGNED, _at(11, 11), "软建办", unit="city-office"),
    ComplaintEvent(T.RETURNED, _at(11, 15), "软建办"),  # row 10
)


def _dataset(events: tuple[ComplaintEvent, ...]) -> se.Dataset:
    c = Complaint(
        "W1", se.ComplaintKind.COMPLAINT, "P-379902-1", "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )
    return attrs.evolve(small_dataset(2025, counties=("379902",)), complaints=(c,))


def _refused(tmp_path: Path, events: tuple[ComplaintEvent, ...], sheet: str, cells: dict[str, object]) -> list[str]:
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    path = tmp_path / "w.xlsx"
    write_workbook(_dataset(events), path)
    wb = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(path)
    with pytest.raises(se.InputError) as refused:
        read_workbooks([path])
    return [p.split(" — ")[0] for p in refused.value.problems]


def _chinese(said: str) -> None:
    assert not re.search(r"[A-Za-z]{4,}", said.split(": ", 1)[1].replace("city-office", "")), said


def test_02_a_third_return_is_said_in_chinese_at_the_step_cell(tmp_path) -> None:
    problems = _refused(tmp_path, RETURNED_THRICE, "办理过程", {})
    (said,) = problems
    assert said.startswith("办理过程!C10 (W1#8 环节): 第三次退回"), problems
    assert "city-office" in said and "签收" in said, said
    _chinese(said)


def test_02_validate_places_a_third_return_at_the_step_type_with_its_chinese() -> None:
    doc = json.loads(se.dataset_json(_dataset(RETURNED_THRICE[:-1])))
    doc["complaints"][0]["events"].append({"type": "returned", "at": "2025-06-11T15:00:00+08:00", "actor": "软建办"})
    with pytest.raises(se.InputError) as refused:
        se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    (problem,) = refused.value.problems
    assert problem == f"$.complaints[0] (W1).events[7].type: {mc.THIRD_RETURN}"
    assert zh_problem(problem).endswith(zh_message(mc.THIRD_RETURN))
    _chinese(f"x: {zh_message(mc.THIRD_RETURN)}")


def test_07_two_departments_in_a_complaints_department_cell_are_told_one_department(tmp_path) -> None:
    problems = _refused(tmp_path, RETURNED_THRICE[:-1], "直接反馈", {"D3": "city-amr、379902-amr"})
    (said,) = [p for p in problems if p.startswith("直接反馈!D3")]
    assert "一件反馈只写一个被反映部门编号" in said and "备注" in said, said
    assert "docs/complaints.md 的 Open 问题" in said, said
    assert "分写几行" not in said and "补一行" not in said, said


def test_07_a_contact_items_two_departments_are_still_told_one_row_each(tmp_path) -> None:
    from softenv_core.io.workbook_refused import explained

    said = explained("unknown department 'city-amr、379902-amr'", {}, {}, False)
    assert said is not None and "请分写几行" in said, said
