"""A county clerk's workbook (c22): the suggestion for a mistyped value or field name points the
way she meant, hidden rows are imported with a word, and the Word report speaks to officials."""

from __future__ import annotations

from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.converter import closest_member  # noqa: E402
from softenv_core.io.suggest import closest  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import FIELD_ROW, FIRST_ROW, STARTER_NAME  # noqa: E402
from softenv_core.model.points import Designator  # noqa: E402
from softenv_core.model.reports import ContactMethod  # noqa: E402
from softenv_core.model.sizes import Size  # noqa: E402


def _book(starter: Path, out: Path, edits: dict[str, dict[str, object]]) -> Path:
    """The starter workbook with cells (by sheet, then field name of row 2) of its example row set."""
    wb = openpyxl.load_workbook(starter / STARTER_NAME)
    for sheet, cells in edits.items():
        ws = wb[sheet]
        cols = {ws.cell(FIELD_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        for field, value in cells.items():
            ws.cell(FIRST_ROW, cols[field]).value = value
    wb.save(out)
    return out


def _problems(book: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    return list(info.value.problems)


def _texts(enum: type) -> list[str]:
    return [m.zh for m in enum] + [m.value for m in enum]


# -- finding 01: the designator's suggestion -------------------------------------------------

_COUNTY_MISSES = ["县区确定", "区县确定", "县确定", "区确定", "县 确定", "县区 增设", "县增设", "区县增设"]
_COUNTY_MISSES += ["县区确定了", "县区增加"]


@pytest.mark.parametrize("typed", _COUNTY_MISSES)
def test_a_near_miss_of_the_county_label_suggests_the_county_value(typed):
    """Before: 县区确定 (and 区县确定, 县确定 …) suggested 市确定, the city's value: difflib's ratio
    counted the ending 确定 it shares with 市确定 as much as the 县区 that says who designated."""
    assert closest(typed, _texts(Designator)) == Designator.COUNTY.zh
    assert closest_member(Designator, typed) == "; did you mean 'county' (县区增设)?"


@pytest.mark.parametrize("typed", ["市里确定", "市 确定", "全市确定", "市确认", "ｃｉｔｙ"])
def test_a_near_miss_of_the_city_label_suggests_the_city_value(typed):
    assert closest(typed, _texts(Designator)) in (Designator.CITY.zh, Designator.CITY.value)


@pytest.mark.parametrize(("typed", "enum"), [("确定", Designator), ("巨型", Size), ("小中型", Size)])
def test_a_shared_ending_alone_or_a_tie_suggests_nothing(typed, enum):
    """确定 is the ending of 市确定 and says nothing of who designated; 巨型 shares only 型 with every
    size; 小中型 is as close to 小型 as to 中型."""
    assert closest(typed, _texts(enum)) is None
    assert closest_member(enum, typed) == ""


def test_the_workbook_suggests_the_county_label_for_a_county_near_miss(starter, tmp_path):
    book = _book(starter, tmp_path / "x.xlsx", {"监测点": {"designated_by": "县区确定"}})
    (problem,) = _problems(book)
    assert problem.startswith("监测点!M3 (P379902-001 确定方式): '县区确定' 不是可选值(市确定、县区增设)")
    assert problem.endswith(";是否应为 县区增设?")


# -- finding 02: case and width ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["PHONE", "Ｐｈｏｎｅ", "ＰＨＯＮＥ", "Phone", "pho ne"])
def test_an_english_value_in_another_case_is_refused_with_its_suggestion(starter, tmp_path, typed):
    """Before: 'PHONE' 不是可选值(电话、上门、座谈), with no suggestion (the ratio of PHONE and phone
    is 0). Values are exact (docs/office.md promises no case folding), so it is still refused."""
    book = _book(starter, tmp_path / "x.xlsx", {"联系记录": {"method": typed}})
    (problem,) = _problems(book)
    assert problem.endswith(f"{typed!r} 不是可选值(电话、上门、座谈);是否应为 phone(电话)?")
    assert closest_member(ContactMethod, typed) == "; did you mean 'phone' (电话)?"


def test_an_english_value_in_full_width_letters_reads_as_the_value(starter, tmp_path):
    """docs/office.md: full-width letters a Chinese IME types read as ASCII in codes; an enum
    cell's English code (ｐｈｏｎｅ, ｃｏｕｎｔｙ) is one: it looks the same to the clerk."""
    edits: dict[str, dict[str, object]] = {
        "联系记录": {"method": "ｖｉｓｉｔ"},
        "监测点": {"designated_by": "ｃｏｕｎｔｙ"},
    }
    book = _book(starter, tmp_path / "x.xlsx", edits)
    dataset = read_workbooks([book])
    assert dataset.contacts[0].method is ContactMethod.VISIT
    assert dataset.points[0].designated_by is Designator.COUNTY


@pytest.mark.parametrize("typed", ["METHOD", "ｍｅｔｈｏｄ", "Ｍｅｔｈｏｄ", "met hod"])
def test_a_field_name_in_another_case_or_width_is_named_with_the_field(starter, tmp_path, typed):
    """Before: 联系记录!D2: 未知字段 'METHOD' (unknown field), with no hint which field it was."""
    wb = openpyxl.load_workbook(starter / STARTER_NAME)
    wb["联系记录"].cell(FIELD_ROW, 4).value = typed
    wb.save(tmp_path / "x.xlsx")
    problems = _problems(tmp_path / "x.xlsx")
    assert f"联系记录!D2: 未知字段 {typed!r};是否应为 method(方式)?请把字段名改回 method (unknown field)" in problems
