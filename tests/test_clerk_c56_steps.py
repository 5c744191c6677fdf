"""Clerk c56 (市软建办: a month of complaints typed, imported, reported), the 办理过程 refusals.

01 After two returns the clerk could not find what to write as 承办单位编号: the English message
   held the answer (unit 'city-office') and the Chinese output dropped it as an English tag;
   市软建办 or city typed there was told to add a department. Now said in Chinese at the unit cell.
02 Six step rules were said in English under the default Chinese, at the row's id cell: each has
   its Chinese (matched by the model's constants) at the cell to fix, in the import and validate.
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
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType, Satisfaction, Verdict
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

T = EventType


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 6, day, hour, tzinfo=BEIJING)


#: Twice returned, then handled by 市软建办 itself (rows 3..10 of 办理过程: 收到 is row 3).
RETURNED_TWICE = (
    ComplaintEvent(T.RECEIVED, _at(9, 9), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(9, 10), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(9, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.RETURNED, _at(10, 9), "市市场监管局"),
    ComplaintEvent(T.ASSIGNED, _at(10, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.RETURNED, _at(11, 9), "市市场监管局"),
    ComplaintEvent(T.ASSIGNED, _at(11, 11), "软建办", unit="city-office"),  # row 9
    ComplaintEvent(T.SIGNED, _at(11, 15), "软建办"),
)
#: Extended, resolved, 不满意, reopened, resolved, 满意, closed (rows 3..13).
REOPENED = (
    ComplaintEvent(T.RECEIVED, _at(2, 9), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(2, 10), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(2, 11), "软建办", unit="city-amr"),  # row 5
    ComplaintEvent(T.SIGNED, _at(2, 15), "市市场监管局"),
    ComplaintEvent(T.EXTENDED, _at(3, 9), "市市场监管局", extension_days=5),  # row 7
    ComplaintEvent(T.RESOLVED, _at(4, 9), "市市场监管局", verdict=Verdict.SUBSTANTIATED),
    ComplaintEvent(T.FOLLOWED_UP, _at(5, 9), "软建办", satisfaction=Satisfaction.UNSATISFIED),  # row 9
    ComplaintEvent(T.REOPENED, _at(5, 10), "软建办"),  # row 10
    ComplaintEvent(T.RESOLVED, _at(6, 9), "市市场监管局", verdict=Verdict.SUBSTANTIATED),
    ComplaintEvent(T.FOLLOWED_UP, _at(9, 9), "软建办", satisfaction=Satisfaction.SATISFIED),  # row 12
    ComplaintEvent(T.CLOSED, _at(9, 10), "软建办"),  # row 13
)


def _dataset(events: tuple[ComplaintEvent, ...]) -> se.Dataset:
    c = Complaint(
        "W1", se.ComplaintKind.COMPLAINT, "P-379902-1", "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )
    return attrs.evolve(small_dataset(2025, counties=("379902",)), complaints=(c,))


def _refused(
    tmp_path: Path, events: tuple[ComplaintEvent, ...], cells: dict[str, object], sheet: str = "办理过程"
) -> list[str]:
    """The problems (their places and words) of the workbook of ``events`` with ``cells`` of ``sheet`` typed over."""
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


OFFICE = "交办了两次都被退回的，由市软建办自行承办：承办单位编号写 city-office"


@pytest.mark.parametrize(
    ("events", "cells", "said"),
    [
        (RETURNED_TWICE, {"F9": "city-amr"}, f"办理过程!F9 (W1#7 承办单位编号): {OFFICE}"),
        (REOPENED, {"F5": None}, "办理过程!F5 (W1#3 承办单位编号): 交办 须填写承办单位编号"),
        (REOPENED, {"I7": None}, "办理过程!I7 (W1#5 延期工作日): 延期 须填写延期工作日"),
        (REOPENED, {"G9": None}, "办理过程!G9 (W1#7 回访评价): 回访 须填写回访评价（满意、基本满意、不满意）"),
        (REOPENED, {"G9": "满意"}, "办理过程!C10 (W1#8 环节): 重办须接在评价为“不满意”的回访之后"),
        (REOPENED, {"G12": "不满意", "C13": "重办"}, "办理过程!C13 (W1#11 环节): 重办只能一次"),
    ],
)
def test_02_a_step_rule_is_said_in_chinese_at_the_cell_to_fix(tmp_path, events, cells, said) -> None:
    problems = _refused(tmp_path, events, cells)
    assert any(p.startswith(said) for p in problems), problems
    for p in problems:
        _chinese(p)


@pytest.mark.parametrize("typed", ["市软建办", "city", "市软环境办", "ＣＩＴＹ"])
def test_01_the_office_named_in_the_unit_cell_is_told_city_office(tmp_path, typed) -> None:
    problems = _refused(tmp_path, RETURNED_TWICE, {"F9": typed})
    at_unit = [p for p in problems if p.startswith("办理过程!F9")]
    assert at_unit and all("city-office" in p for p in at_unit), problems
    assert not any("补一行" in p for p in problems), problems


def test_01_02_validate_says_the_same_in_chinese_at_the_field() -> None:
    doc = json.loads(se.dataset_json(_dataset(RETURNED_TWICE)))
    doc["complaints"][0]["events"][6]["unit"] = "city-amr"
    with pytest.raises(se.InputError) as refused:
        se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    (problem,) = refused.value.problems
    assert problem.startswith("$.complaints[0] (W1).events[6].unit: after two returns")
    assert zh_problem(problem).endswith(zh_message(mc.OFFICE_AFTER_TWO_RETURNS))
    for english in (mc.NEEDS_UNIT, mc.NEEDS_EXTENSION_DAYS, mc.NEEDS_RATING, mc.REOPENED_TWICE):
        _chinese(f"x: {zh_message(english)}")
    _chinese(f"x: {zh_message(mc.REOPENED_NOT_UNSATISFIED).replace('不满意', '')}")


def test_01_office_md_names_city_office() -> None:
    text = (Path(__file__).parent.parent / "docs" / "office.md").read_text(encoding="utf-8")
    assert "city-office" in text


def test_07_two_units_in_one_unit_cell_are_told_one_unit_a_step(tmp_path) -> None:
    problems = _refused(tmp_path, RETURNED_TWICE, {"F5": "city-amr、379902-amr"})
    (said,) = [p for p in problems if p.startswith("办理过程!F5")]
    assert "一个交办行只写一个承办单位编号" in said and "备注" in said, said
    assert "补一行" not in said and "分写几行" not in said, said
    assert "### Open: what the office does" in (Path(__file__).parent.parent / "docs" / "complaints.md").read_text()
