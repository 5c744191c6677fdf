"""Clerk c52's finding 08: refusals that now say what to change. The readers stay strict (none of
these is read as a value); the message names the slip: the IME's "。" as a decimal point, Chinese
numerals, spaces inside a Chinese date, a weekday after the day (checked against the calendar),
and Excel's serial number typed as text in a date cell."""

from __future__ import annotations

import pytest

from softenv_core.io.workbook_cells import CellError, from_cell
from softenv_core.io.workbook_schema import Column

_FLOAT = Column("enterprise.revenue", "营业收入（万元）", "float")
_INT = Column("enterprise.employees", "从业人员（人）", "int")
_DATE = Column("date", "日期", "date")


def _said(column: Column, typed: object) -> str:
    with pytest.raises(CellError) as caught:
        from_cell(column, typed)
    return str(caught.value)


@pytest.mark.parametrize("column", [_FLOAT, _INT])
def test_the_imes_full_stop_as_a_decimal_point_is_named(column: Column) -> None:
    said = _said(column, "３００。５")
    assert "小数点请用“.”，不用句号“。”：写 300.5" in said


@pytest.mark.parametrize("column", [_FLOAT, _INT])
def test_chinese_numerals_are_asked_in_arabic_digits(column: Column) -> None:
    assert "请用阿拉伯数字写" in _said(column, "二百一十")


def test_a_unit_after_the_number_is_still_named() -> None:
    assert "只写数字，不写单位" in _said(_INT, "210人")


def test_spaces_inside_a_chinese_date_are_named_with_the_date_to_write() -> None:
    said = _said(_DATE, "2025 年 2 月 11 日")
    assert "请去掉空格，写 2025年2月11日" in said


def test_a_weekday_after_the_day_is_named_and_checked() -> None:
    right = _said(_DATE, "2025年1月10日星期五")  # a Friday
    assert "请去掉星期，只写日期 2025年1月10日" in right and "请核对" not in right
    wrong = _said(_DATE, "2025年1月10日（周四）")
    assert "2025-01-10 是星期五，不是星期四，请核对" in wrong


def test_a_serial_number_typed_as_text_is_told_its_day() -> None:
    assert "可能是粘贴成“常规”格式的日期 2025-03-04" in _said(_DATE, "45720")  # 1899-12-30 + 45720 days


def test_what_was_read_before_is_read_as_before() -> None:
    assert from_cell(_DATE, "2025年3月5日") == "2025-03-05"
    assert from_cell(_FLOAT, "300.5") == 300.5
    assert from_cell(_INT, "1,200") == 1200
