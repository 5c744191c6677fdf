"""Attacker x60: a month or date cell holding a digit ``str.isdigit()`` takes but ``int()`` refuses
(①②③, ², Ethiopic ፩) crashed ``softenv import`` with a traceback (01)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_schema import SHEETS, Column  # noqa: E402

from .starter_book import edited_starter  # noqa: E402
from .weights import examples  # noqa: E402

_MONTH = Column("month", "所报月份", "month")
_DATE = Column("date", "日期", "date")
_MOMENT = Column("at", "时间", "datetime")

# -- finding 01: digits isdigit() takes and int() refuses ------------------------------------


@pytest.mark.parametrize("typed", ["20250③", "2025²1", "２０２５²１", "2025٠፩"])
def test_a_month_cell_of_digits_int_refuses_is_a_cell_problem(typed):
    with pytest.raises(CellError) as info:
        from_cell(_MONTH, typed)
    assert str(info.value).startswith(f"不是有效月份 {typed!r}")


def test_a_six_digit_month_keeps_its_hint():
    """The hint of clerk c54 07 (202504 is 2025-04) still comes, for full-width digits too."""
    for typed in ("202504", "２０２５０４"):
        with pytest.raises(CellError) as info:
            from_cell(_MONTH, typed)
        assert str(info.value).endswith("请写成 2025-04"), info.value


@pytest.mark.parametrize("typed", ["2025010፩", "4572፩", "፩፪፫፬፭"])
def test_a_date_cell_of_digits_int_refuses_is_a_cell_problem(typed):
    for column in (_DATE, _MOMENT):
        with pytest.raises(CellError):
            from_cell(column, typed)


def test_the_eight_digit_and_serial_hints_still_come():
    with pytest.raises(CellError) as info:
        from_cell(_DATE, "20250110")
    assert str(info.value).endswith("请写成 2025-01-10")
    with pytest.raises(CellError) as info:
        from_cell(_DATE, "45720")
    assert "2025-03-04" in str(info.value)


def test_import_tells_the_cells_and_every_other_problem(starter, tmp_path, capsys):
    """One line per refused cell, naming sheet!cell, exit 1: no traceback, the book's other
    problems listed too."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"月报": {"month": "20250③"}, "联系记录": {"date": "2025010፩"}})
    assert main(["import", str(book), "--out", str(tmp_path / "d.json")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ValueError" not in err
    assert "月报!C3" in err and "不是有效月份 '20250③'" in err
    assert "联系记录!" in err and "不是有效日期 '2025010፩'" in err
    assert not (tmp_path / "d.json").exists()


def test_the_service_calendar_problem_takes_a_year_of_other_digits():
    """service/problems._calendar_problem tested a year's text with isdigit() before int()."""
    from starlette.requests import Request

    from softenv_core.errors import CalendarDataMissing
    from softenv_core.service.problems import _calendar_problem

    scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"year=%C2%B2025", "headers": []}
    problem = _calendar_problem(Request(scope), CalendarDataMissing(2026))
    assert problem is not None


#: Characters a clerk's cell may hold around a date, a month or a number: digits of every kind
#: (ASCII, full-width, circled, superscript, Arabic-Indic, Ethiopic, Chinese), the forms' marks.
_CHARS = (
    "0123456789０１２５①②③²³¹٠١٣۴፩፪〇一二十两万.．。,，-－/:：年月日号份时分点 　T+Z上下午半H修改原报星期周()（）_e"
)
_TOKENS = ["2025", "202504", "20250110", "45720", "12月", "10:30", "+08:00", "1e400", "-0", "inf", "nan", "\n", "\t"]
_cell_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(_CHARS), st.sampled_from(_TOKENS)), max_size=8).map("".join),
    st.text(max_size=8),
)
_COLUMNS = tuple({(c.kind, c.enum): c for sheet in SHEETS for c in sheet.columns}.values())


@settings(max_examples=examples(400))
@given(_cell_text)
@example("20250③")
@example("2025²1")
@example("2025010፩")
@example("4572፩")
def test_no_cell_text_raises_anything_but_a_cell_problem(text):
    """Every reader of a cell (one column of each kind and each enum) takes any text or refuses
    it with CellError, which the sheet reader tells at its cell: anything else is a traceback."""
    for column in _COLUMNS:
        with contextlib.suppress(CellError):
            from_cell(column, text)


def test_the_amendment_hint_names_a_number_the_reader_takes():
    """修改፩ was told 请写 ፩, which the cell refuses in turn; 修改３ is told 请写 3."""
    column = Column("amendment", "修改序号", "amendment")
    for typed, hint in (("修改፩", None), ("修改３", "请写 3"), ("修改2", "请写 2")):
        with pytest.raises(CellError) as info:
            from_cell(column, typed)
        assert ("请写" not in str(info.value)) if hint is None else str(info.value).endswith(hint)
