"""Reading a workbook's integer cells (split from io.workbook_cells, whose readers these are):
a count (从业人员), a child row's 序号, 事项跟踪's 事项序号 and 月报事项's 修改序号; and how every
cell reader quotes and folds a cell (:func:`text_of`, :func:`quoted`, :func:`nfkc`)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from softenv_core.io.cell_errors import CellError
from softenv_core.io.cell_hints import number_hint
from softenv_core.io.suggest import echoed
from softenv_core.io.workbook_schema import BOOL_LABELS


def text_of(value: Any) -> str:
    """A cell's value as text: a boolean as its label (是/否), a whole float as the integer Excel
    made of a typed code, anything else as ``str`` gives it."""
    if isinstance(value, bool):
        return BOOL_LABELS[0] if value else BOOL_LABELS[1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code that Excel turned into a number
    return str(value)


def quoted(value: Any) -> str:
    """A cell's value as a message quotes it: at most its first 40 characters (1e308 in a date
    cell was quoted with all its 309 digits: attacker x65 02)."""
    return echoed(text_of(value), " 字")


def nfkc(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII (２０２５－０１－１０, the IME's 10：30),
    stripped: a date, time or number a Chinese IME typed reads as it does in an id (tclerk 04)."""
    return (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()


#: An integer typed as text, with or without thousands separators (every group of three), and
#: with or without a point and zeros after it: 350.0 is the text of an Excel number cell, which
#: is a float (clerk c61 05: refused without a hint).
_INT_TEXT = re.compile(r"[+-]?[0-9]+(?:\.0+)?")
_GROUPED_INT = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(?:\.0+)?")
#: A number with a fraction (350.5), told as such rather than as no number.
_FRACTION = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)\.[0-9]+")
_WHOLE = "：本列只填整数，不能有小数"
#: The most digits an integer cell's text may have: more than any count or 序号 of the programme,
#: and int() raises a bare ValueError past 4,300 (CPython's limit): a pasted column of 5,000
#: digits ended `softenv import` in a traceback (reviewer r65 06).
MAX_DIGITS = 18


def int_cell(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"应为整数，而不是 {quoted(value)}{_WHOLE}")
    text = nfkc(str(value))
    if "," in text and _GROUPED_INT.fullmatch(text):  # 1,200 in 从业人员, as 25,000 in a 万元 column
        text = text.replace(",", "")
    if not _INT_TEXT.fullmatch(text):  # int() would also take 1_000 and other scripts' digits
        hint = number_hint(value) or ("（千分位逗号须每三位一组，如 1,200）" if "," in text else "")
        raise CellError(f"应为整数，而不是 {quoted(value)}{hint or (_WHOLE if _FRACTION.fullmatch(text) else '')}")
    whole = text.partition(".")[0]
    if len(whole.lstrip("+-")) > MAX_DIGITS:
        digits = len(whole.lstrip("+-"))
        raise CellError(f"应为整数，而不是 {quoted(value)}：共 {digits} 位数字，整数最多 {MAX_DIGITS} 位")
    return int(whole)


def seq_cell(value: Any) -> int:
    """A child row's 序号: its place among the record's children, counted from 1 (一, 1-1, 1.5, a
    date or TRUE is no place: tester t5 09)."""
    try:
        seq = int_cell(value)
    except CellError:
        seq = 0
    if seq < 1:
        raise CellError(f"序号应为正整数（1、2、3……），而不是 {quoted(value)}")
    return seq


def item_cell(value: Any) -> int:
    """事项跟踪's 事项序号: the item's 序号 in 联系事项 or 月报事项 (1, 2, 3 …), as the dataset's
    0-based position in the record's items."""
    try:
        seq = int_cell(value)
    except CellError:
        seq = 0
    if seq < 1:
        raise CellError(
            f"事项序号应为正整数（1、2、3……，即该事项在联系事项或月报事项中的序号），而不是 {quoted(value)}"
        )
    return seq - 1


def amendment_cell(value: Any) -> int:
    """月报事项's 修改序号: 0 for the report's own items, else the amendment's 修改序号."""
    try:
        seq = int_cell(value)
    except CellError:
        seq = -1
    if seq < 0:
        typed = text_of(value).strip()
        # 原报 and 修改1 are what the sheet's header and the messages call them (clerk c53 04).
        # The number after 修改 as the reader takes it: isdigit() alone also took ፩ (attacker x60 01).
        after = nfkc(typed[2:])
        numbered = typed[:2] == "修改" and after.isascii() and after.isdigit()
        written = "0" if typed == "原报" else after if numbered else None
        hint = "" if written is None else f"；请写 {written}"
        raise CellError(f"修改序号应为 0（原报）或正整数（第几次修改），而不是 {quoted(value)}{hint}")
    return seq


__all__ = ["MAX_DIGITS", "amendment_cell", "int_cell", "item_cell", "nfkc", "quoted", "seq_cell", "text_of"]
