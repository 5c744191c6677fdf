"""An id or code cell that holds a number where Excel may have lost its digits (clerk c51 02).

An 18-digit 统一社会信用代码 pasted as a value from another list, or typed into a 常规 cell,
becomes a number: Excel keeps 15 significant digits (913799020612345678 is stored as
913799020612345000), and the file's float read back gives other digits again
(913799020612345088). Read as text, those digits were told a check-digit error the clerk could
not find on the licence, or, about 1 in 31, passed the check and were stored wrong. The true
code is not in the file: the clerk must make the column text and type it again.

A credit code is never a number (it may hold letters, and it has 18 digits); another id or code
is refused as a number only when it has more than 15 digits, so that a county code Excel holds
as the number 379902, which is exact, is read as before.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

#: The significant digits Excel keeps of a number.
EXCEL_DIGITS = 15


def code_number_problem(field: str, value: Any) -> str | None:
    """Why a number in an id or code column (``field``) cannot be read, or None when it can be
    (an exact number of at most 15 digits outside the credit code column)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    uscc = field.rpartition(".")[2] == "uscc"
    if not uscc and abs(value) < 10**EXCEL_DIGITS:
        return None
    # As the formula bar shows it: the 15 digits Excel kept, then zeros.
    shown = f"{Decimal(f'{value:.{EXCEL_DIGITS}g}'):f}"
    what, source = ("统一社会信用代码", "照营业执照") if uscc else ("编号或代码", "")
    if abs(value) >= 10**EXCEL_DIGITS:
        why = "Excel 的数字只保留 15 位有效数字，末几位已经丢失，不能读入"
    else:  # a credit code too short, typed as a number: the same advice, not a length error
        why = "统一社会信用代码须写成文本（Excel 的数字只保留 15 位有效数字，18 位代码存成数字会丢失末几位）"
    return f"单元格里是数字 {shown}，不是文本：{why}；请把该列设置单元格格式为“文本”，再{source}重新输入{what}"


__all__ = ["EXCEL_DIGITS", "code_number_problem"]
