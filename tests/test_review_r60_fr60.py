"""Reviewer r60's findings fixed by helper fr60.

01 A department name typed with a space (市 人社局) in an id cell was told it holds two ids and
   to split the matter into two rows; the name-to-id hint never ran (io/workbook_refused.py).
02 Three sets of list separators disagreed on / and spaces: one, _fold.LIST_MARKS; a list cell
   a/b is now two ids, as the one-id hint said; person names are still not split on a space.
03 The same-department-name warning lost its Chinese for a name holding ' (quoted by repr).
09 The English year end told a county reader "city: no large" (Markdown) and "city: size large"
   (workbook): one wording for both, "this dataset has no large enterprise (size)" for a county.
12 Department names were compared with the credit-code fold (O as 0): now case and width only.
"""

from __future__ import annotations

import softenv_core as se
from softenv_core.analyses.liaison import made_by_names
from softenv_core.io.workbook_cells import from_cell
from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_refused import explained
from softenv_core.io.workbook_schema import Column

_DEPARTMENTS = {
    "departments": {
        "city-hr": Entry({"id": "city-hr", "name": "市人社局"}, "b.xlsx"),
        "city-amr": Entry({"id": "city-amr", "name": "市市场监管局"}, "b.xlsx"),
    }
}


def test_01_a_name_typed_with_a_space_gets_the_name_hint_not_two_ids() -> None:
    said = explained("unknown department '市 人社局'", _DEPARTMENTS, {}, False)
    assert said is not None and "city-hr（市人社局）" in said, said
    assert "写了 2 个" not in said and "分写几行" not in said, said


def test_01_two_ids_in_one_cell_are_still_told_one_id_a_row() -> None:
    said = explained("unknown department 'city-amr、lh-tax'", _DEPARTMENTS, {}, False)
    assert said is not None and "写了 2 个部门编号" in said and "请分写几行" in said, said
    assert "其中 lh-tax 不是已有的部门" in said, said


def test_02_a_list_cell_splits_on_slash_as_the_one_id_hint_does() -> None:
    listed = Column("evidence", "依据记录编号（用、分隔）", "list")
    assert from_cell(listed, "C-1/C-2") == ["C-1", "C-2"]
    assert from_cell(listed, "C-1、C-2 C-3；C-4") == ["C-1", "C-2", "C-3", "C-4"]


def test_02_person_names_are_not_split_on_a_space() -> None:
    assert made_by_names("王小明/刘芳") == ("王小明", "刘芳")
    assert made_by_names("张 三") == ("张 三",)


def _name_warnings(*names: str) -> list[str]:
    import attrs

    import softenv_core as se
    from softenv_core.model.divisions import Department
    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    extra = tuple(Department(f"x-{i}", name) for i, name in enumerate(names))
    ds = attrs.evolve(ds, departments=(*ds.departments, *extra))
    return [w for w in se.dataset_warnings(ds) if "is also the name of" in w]


def test_03_a_name_with_an_apostrophe_keeps_its_chinese() -> None:
    from softenv_core.io.workbook_messages import zh_problem

    (warning,) = _name_warnings("市'营商'局", "市'营商'局")
    zh = zh_problem(warning)
    assert "部门名称“市'营商'局”与 $.departments" in zh and "x-0" in zh and "x-1" in zh, zh
    (warning,) = _name_warnings("市\\营商局\u200b", "市\\营商局\u200b")
    assert "部门名称“市\\营商局\\u200b”" in zh_problem(warning), warning  # one backslash; the invisible shown


def test_12_names_are_compared_without_the_credit_code_fold() -> None:
    assert _name_warnings("第O分局", "第0分局") == []  # Latin O is no digit 0 in a name
    assert len(_name_warnings("ABC局", "ａｂｃ局")) == 1  # case and width still folded


def test_09_the_english_year_end_tells_a_county_reader_what_the_dataset_lacks() -> None:
    from softenv_core.render.yearend_parts import yearend_sheets

    from .test_clerk_c55 import _one_county

    y = se.year_end(_one_county(), 2025, audience="county:379902")
    (gap, *_) = [g for g in y.roster_before.gaps if g.scope == "city"]
    said = f"this dataset has no {gap.missing} enterprise ({gap.dimension})"
    md = se.render_yearend(y, lang="en")
    assert said in md and "city: " not in md, md
    cells = [str(c) for _, (_, rows), _ in yearend_sheets(y, "en") for row in rows for c in row]  # the workbook's
    assert any(said in c for c in cells) and not any("city: " in c for c in cells)
    city = se.render_yearend(se.year_end(_one_county(), 2025, audience="city"), lang="en")
    assert f"the city has no {gap.missing} enterprise ({gap.dimension})" in city
