"""A county clerk's findings (clerk c40), part 2: a part of a department's or an enterprise's
name told the nearest names."""

from __future__ import annotations

import pytest

from .office_cli import run
from .starter_book import edited_starter

openpyxl = pytest.importorskip("openpyxl")


def test_a_part_of_a_departments_name_is_told_the_nearest_names(starter, tmp_path, capsys):
    """Before: `未知的部门 '市场监管局'` and nothing more, where the department is 市市场监管局
    (city-amr): the clerk typed the name she says aloud."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "市场监管局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        "未知的部门 '市场监管局'：没有这个名称的部门，名称相近的有 city-amr（市市场监管局）；请写其中一个的部门编号"
    ) in err


def test_a_short_name_is_told_every_department_it_is_a_part_of(starter, tmp_path, capsys):
    """人社局 is a part of 市人社局 and of 青山县人社局: both are named, each with its id."""
    wb = openpyxl.load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["部门"]
    ws.append(["city-hrss", "市人社局", None, None])
    ws.append(["qs-hrss", "示范区人社局", "379902", None])
    wb["联系事项"]["E3"] = "人社局"
    wb.save(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "b.xlsx", "--out", tmp_path / "d.json")
    assert code == 1
    assert "名称相近的有 city-hrss（市人社局）、qs-hrss（示范区人社局）；请写其中一个的部门编号" in err


def test_a_name_typed_a_little_wrong_is_told_the_nearest(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "市市场监督局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "名称相近的有 city-amr（市市场监管局）" in err


def test_a_part_of_an_enterprises_name_in_a_point_cell_is_told_its_id(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系记录": {"point": "示范精密机械"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert "'示范精密机械' 无效：没有这个名称的监测点，名称相近的有 P379902-001（示范精密机械有限公司）" in err


def test_one_character_is_no_hint(starter, tmp_path, capsys):
    """A single character is a part of too many names: no list of guesses."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "局"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "未知的部门 '局'" in err and "名称相近" not in err
