"""A county clerk's workbooks merged and reported (c21): what the import tells her, and the
documents it leads to."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402

from .starter_book import edited_starter  # noqa: E402

_book = edited_starter


def test_a_record_two_workbooks_give_differently_names_each_differing_cell(starter, tmp_path):
    """Before: "西城县.xlsx 部门!A3 (city-amr): 与 东城区.xlsx 部门!A3 (city-amr) 编号相同而内容不同",
    the id's cell, so the clerk compared every column by eye (a 监测点 row has 16)."""
    east = _book(starter, tmp_path / "东城区.xlsx", {"部门": {"name": "市市场监管局"}})
    west = _book(starter, tmp_path / "西城县.xlsx", {"部门": {"name": "市场监管局", "note": "市直部门"}})
    with pytest.raises(InputError) as info:
        read_workbooks([east, west])
    (problem,) = [p for p in info.value.problems if "部门" in p]
    head = "西城县.xlsx 部门!B3 (city-amr 名称): 与 东城区.xlsx 部门!A3 (city-amr) 编号相同而内容不同"
    assert problem.startswith(head)
    assert "名称 此处为 “市场监管局”，东城区.xlsx 部门!B3 为 “市市场监管局”" in problem
    assert "备注 此处为 “市直部门”，东城区.xlsx 部门!D3 为 空白" in problem
    assert "办理过程" not in problem  # a department has no child rows to append


def test_a_record_the_dataset_holds_otherwise_is_named_by_its_field_there(starter, tmp_path):
    book = _book(starter, tmp_path / "x.xlsx", {"监测点": {"enterprise.employees": 351}})
    with pytest.raises(InputError) as info:
        read_workbooks([book], into=starter / "示例数据.json")
    (problem,) = info.value.problems
    assert problem.startswith("x.xlsx 监测点!I3 (P379902-001 从业人员（人）): 与 示例数据.json $.points[0] 编号相同")
    assert "从业人员（人） 此处为 “351”，示例数据.json $.points[0].enterprise.employees 为 “350”" in problem


def test_the_size_hint_names_the_figures_the_clerk_typed_in_chinese(starter, tmp_path):
    """Before: "按指标应为中型(工业: meets 中型 bounds X≥300, Y≥2000; NBS-2017)": English, and X, Y
    name no column of her sheet."""
    book = _book(starter, tmp_path / "x.xlsx", {"监测点": {"enterprise.size": "大型"}})
    hints: list[str] = []
    read_workbooks([book], hints=hints)
    (hint,) = [h for h in hints if "规模" in h]
    assert "填报为大型，按指标应为中型（工业：达到中型标准 从业人员≥300人、营业收入≥2000万元；" in hint
    assert "meets" not in hint and "X≥" not in hint and "NBS" not in hint


def test_an_edit_of_a_record_the_dataset_holds_says_how_to_edit_and_shows_its_label(starter, tmp_path):
    """Clerk c33: editing a contact in a workbook and importing it --into the dataset was told to
    make "the workbooks" agree, though she cannot edit the JSON, and showed the file's ``visit``
    beside her 座谈会. The dataset's value is shown as its cell would be, and the way to edit a
    record (export, edit, import to a new file) is said."""
    from softenv_core import load_dataset
    from softenv_core.model.reports import ContactMethod

    held = load_dataset(starter / "示例数据.json").contacts[0].method
    other = next(m for m in ContactMethod if m is not held)
    book = _book(starter, tmp_path / "x.xlsx", {"联系记录": {"method": other.zh}})
    with pytest.raises(InputError) as info:
        read_workbooks([book], into=starter / "示例数据.json")
    (problem,) = info.value.problems
    assert f"此处为 “{other.zh}”，示例数据.json $.contacts[0].method 为 “{held.zh}”" in problem
    assert held.value not in problem.split("(the same")[0]  # the file's English code is not shown
    assert "softenv export" in problem and "softenv import --out" in problem
    assert "各工作簿" not in problem


def test_one_record_written_twice_in_one_sheet_is_told_as_that(starter, tmp_path):
    """Clerk c33: one 部门 typed on two rows of one sheet got the wording for two workbooks."""
    from .starter_book import FIELD_ROW, FIRST_ROW, load_workbook

    wb = load_workbook(_book(starter, tmp_path / "a.xlsx", {}))
    ws = wb["部门"]
    for c in range(1, ws.max_column + 1):
        ws.cell(FIRST_ROW + 1, c).value = ws.cell(FIRST_ROW, c).value
    names = {ws.cell(FIELD_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(FIRST_ROW + 1, names["name"]).value = "另一个名称"
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(InputError) as info:
        read_workbooks([tmp_path / "b.xlsx"])
    (problem,) = [p for p in info.value.problems if "部门" in p]
    assert "同一工作表中一条记录只写一行" in problem and "各工作簿" not in problem


def test_two_workbooks_of_one_name_are_told_apart_by_their_paths(starter, tmp_path):
    """Reviewer r34: 东城/4月.xlsx and 西城/4月.xlsx both printed as 4月.xlsx, and a record that
    differs between them was told to be "one sheet's two rows"."""
    (tmp_path / "东城").mkdir()
    (tmp_path / "西城").mkdir()
    east = _book(starter, tmp_path / "东城" / "4月.xlsx", {"部门": {"name": "市市场监管局"}})
    west = _book(starter, tmp_path / "西城" / "4月.xlsx", {"部门": {"name": "市场监管局"}})
    with pytest.raises(InputError) as info:
        read_workbooks([east, west])
    (problem,) = [p for p in info.value.problems if "部门" in p]
    assert problem.startswith(f"{west} 部门!B3") and f"与 {east} 部门!A3" in problem
    assert "同一条记录在各工作簿中须填写一致" in problem and "同一工作表" not in problem


def test_the_difference_of_a_record_given_twice_is_full_width_chinese(starter, tmp_path):
    """Two differing columns: within each the two values are parted by ，, between them by ；, and
    the advice after them by ； too (they were ``,`` and ``;`` in the Chinese sentence, c43)."""
    east = _book(starter, tmp_path / "东城区.xlsx", {"部门": {"name": "市市场监管局"}})
    west = _book(starter, tmp_path / "西城县.xlsx", {"部门": {"name": "市场监管局", "note": "市直部门"}})
    with pytest.raises(InputError) as info:
        read_workbooks([east, west])
    (problem,) = [p for p in info.value.problems if "部门" in p]
    chinese = problem.split("内容不同：", 1)[1].split(" (the same record", 1)[0]
    assert "“市场监管局”，东城区.xlsx 部门!B3 为 “市市场监管局”；备注 此处为 “市直部门”，东城区.xlsx" in chinese
    assert "," not in chinese and ";" not in chinese, chinese
