"""Clerk c56 (市软建办: a month of complaints typed, imported, reported), the 办理过程 refusals left
after the first fixes (helper fc56b).

02 (a65 02's rule) A third 退回, after two returns, was refused in English (model/complaints.THIRD_RETURN)
   at the row's id cell: now in Chinese at the 环节 cell, which is the one to change (to 签收).
07 Two department ids in the complaint's 被反映部门编号 cell were told to write several rows (right
   for a contact item, wrong for a complaint): one complaint names one department.
"""

from __future__ import annotations

import json

import pytest

import softenv_core as se
from softenv_core.io.workbook_messages import zh_message, zh_problem
from softenv_core.model import complaints as mc
from softenv_core.model.complaints import ComplaintEvent, EventType

from .test_clerk_c56_steps import RETURNED_TWICE, _at, _chinese, _dataset, _refused

T = EventType


#: Twice returned, handled by 市软建办 itself, then returned a third time (rows 3..10: 收到 is row 3):
#: test_clerk_c56_steps' complaint with its last row, the signing, a return instead.
RETURNED_THRICE = (*RETURNED_TWICE[:-1], ComplaintEvent(T.RETURNED, _at(11, 15), "软建办"))  # row 10


def test_02_a_third_return_is_said_in_chinese_at_the_step_cell(tmp_path) -> None:
    problems = _refused(tmp_path, RETURNED_THRICE, {})
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
    problems = _refused(tmp_path, RETURNED_THRICE[:-1], {"D3": "city-amr、379902-amr"}, "直接反馈")
    (said,) = [p for p in problems if p.startswith("直接反馈!D3")]
    assert "一件反馈只写一个被反映部门编号" in said and "备注" in said, said
    assert "docs/complaints.md 的 Open 问题" in said, said
    assert "分写几行" not in said and "补一行" not in said, said


def test_07_a_contact_items_two_departments_are_still_told_one_row_each(tmp_path) -> None:
    from softenv_core.io.workbook_refused import explained

    said = explained("unknown department 'city-amr、379902-amr'", {}, {}, False)
    assert said is not None and "请分写几行" in said, said
