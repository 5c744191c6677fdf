"""A roster change (名册调整) against its point's dates is told in Chinese, and in a workbook at
the cell the clerk typed (``名册调整!E3``), not ``名册调整!A3.effective`` (t5 02)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import attrs
import pytest

from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.io.workbook_read import read_workbooks
from softenv_core.io.workbook_schema import STARTER_NAME
from softenv_core.io.workbook_starter import starter_dataset
from softenv_core.model.roster import ChangeAction

from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")

_ENGLISH = ("disagrees", "effective", "removes", "removed", "before", "again")


def _problems(ds) -> list[str]:
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(ds))
    return list(info.value.problems)


def _chinese(problem: str) -> str:
    zh = zh_problem(problem)
    message = re.sub(r"\$\.[\w.\[\]]+", "", zh.split(": ", 1)[1])  # paths inside are for integrators
    assert not any(word in message for word in _ENGLISH), zh
    return zh


def test_every_roster_date_conflict_has_its_chinese_wording():
    ds = starter_dataset()
    change, point = ds.roster_changes[0], ds.points[0]
    later = change.effective + timedelta(days=31)
    (added,) = _problems(attrs.evolve(ds, roster_changes=(attrs.evolve(change, effective=later),)))
    assert _chinese(added) == (
        f"$.points[0] ({point.id}).designated_from: 确定日期 {point.designated_from} 与名册调整 RC-2025-001"
        f"（$.roster_changes[0].effective）的增设生效日期 {later} 不一致：两者应为同一天"
    )
    early = attrs.evolve(change, id="RC-X", action=ChangeAction.REMOVE, effective=date(2024, 6, 1))
    problems = _problems(attrs.evolve(ds, roster_changes=(change, early)))
    assert any("撤销 " in _chinese(p) and "早于该监测点的确定日期" in _chinese(p) for p in problems), problems
    ended = attrs.evolve(ds, points=(attrs.evolve(point, designated_until=date(2025, 6, 30)),))
    gone = attrs.evolve(change, id="RC-Y", action=ChangeAction.REMOVE, effective=date(2025, 9, 1))
    again = attrs.evolve(gone, id="RC-Z")
    problems = _problems(attrs.evolve(ended, roster_changes=(change, gone, again)))
    texts = [_chinese(p) for p in problems if "roster_changes" in p or "designated_until" in p]
    assert any("的撤销生效日期 2025-09-01 不一致：按撤销应截止于 2025-08-31" in t for t in texts), texts
    assert any("不能再次撤销" in t for t in texts), texts


def test_a_workbook_names_the_roster_changes_cell(starter, tmp_path):
    wb = load_workbook(starter / STARTER_NAME)
    wb["名册调整"]["E3"] = "2025/2/1"  # the 增设 dated a month after the point's 确定日期
    book = tmp_path / "b.xlsx"
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = [p for p in info.value.problems if "增设生效日期" in p]
    assert "（名册调整!E3）的增设生效日期 2025-02-01 不一致" in problem, problem
    assert ".effective" not in problem.split(" — ")[0]
