"""Reading workbook cells as dataset-document values (softenv import).

Clerks type dates as Excel dates or as text ("2025/3/5", "2025-03-05", "2025年3月5日"), enums
as their Chinese label or their code, yes/no as 是/否; each reader accepts what is unambiguous
and refuses the rest with a Chinese message naming what may be written. A time without an
offset is Beijing time in a workbook (unlike JSON, where it is an error)."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from softenv_core._fold import LIST_MARKS
from softenv_core._validators import NONE_MARKS
from softenv_core.io import cell_hints
from softenv_core.io.cell_errors import BareDate, BareMonth, CellError
from softenv_core.io.cell_hints import DATE_TEXT as _DATE_TEXT
from softenv_core.io.cell_hints import (
    EXCEL_TRUE_FROM,
    day_problem,
    dot_hint,
    month_problem,
    noon_hint,
    number_hint,
    serial_hint,
)
from softenv_core.io.cell_integers import amendment_cell, int_cell, item_cell, nfkc, quoted, seq_cell, text_of
from softenv_core.io.code_numbers import code_number_problem
from softenv_core.io.former_name_text import cell_names
from softenv_core.io.moment_text import day_and_time
from softenv_core.io.suggest import closest, echoed
from softenv_core.io.workbook_schema import BOOL_LABELS, Column
from softenv_core.io.workbook_text import LINE_IN_ITEM, unheld
from softenv_core.model.periods import BEIJING, offset_past_59

#: A list cell's items (ids): _fold.LIST_MARKS, / included as the refusal hints read it, and spaces.
_SEP = re.compile(rf"[{LIST_MARKS}\s]+")
#: A month, 2025-03, 2025年3月, or 2025年3月份 as official documents write it (clerk c44).
_MONTH_TEXT = re.compile(r"^(\d{4})(?:-|/|\.|年)(\d{1,2})(?:月份?)?$")
_HALF_TEXT = re.compile(r"^(\d{4})(?:-H([12])|年(上|下)半年)$")


def _parse_date_text(text: str) -> date:
    for pattern in _DATE_TEXT:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise CellError(f"不是有效日期 {text!r}{day_problem(int(m[1]), int(m[2]), int(m[3]))}") from None
    raise CellError(f"不是有效日期 {text!r}（可写 2025-03-05、2025/3/5 或 2025年3月5日）{cell_hints.date_hint(text)}")


_MOMENT_HINT = "（可写 2025-04-03 10:30 或 2025/4/3 10:30:00）"


def _date(value: Any) -> str:
    if early := cell_hints.early_day_problem(value):  # before 1900-03-01, or 0 (x65 03, 04)
        raise CellError(early)
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise CellError(f"应为日期，不含时刻：{value:%Y-%m-%d %H:%M}；请只写日期 {value.date()}")
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _parse_date_text(text := nfkc(value)).isoformat()
        except CellError:
            timed = _timed_day(text)  # a day with its time, told as an Excel date-time is (c51 11)
            if timed is None:
                raise
            raise CellError(timed) from None
    text = text_of(value)
    # 3.4 in a 常规 or date cell is a number: its day told as the text's, unless 5.1 (5.10 too) is.
    yearless = isinstance(value, float) and re.fullmatch(r"\d{1,2}\.(?:\d\d|[4-9])", text) is not None
    hint = (cell_hints.year_hint(text) if yearless else "") or serial_hint(value)
    raise CellError(f"不是有效日期 {echoed(text, ' 字')}（可写 2025-03-05、2025/3/5 或 2025年3月5日）{hint}")


def _timed_day(text: str) -> str | None:
    """The refusal of a date cell holding a day with its time, quoted as every cell is (a line
    break typed with Alt+Enter escaped), its day to write or, for a day no calendar has
    (2025-02-30 10:00), what is wrong with it (reviewer r54 09); None for other text."""
    head, tm = day_and_time(text)
    found = next((m for m in (p.match(head) for p in _DATE_TEXT) if m), None)
    if tm is None or found is None:
        return f"应为日期，不含时刻：{text!r}；请只写日期 {_typed_day(head)}" if tm and _is_date_only(head) else None
    ymd = int(found[1]), int(found[2]), int(found[3])
    try:
        return f"应为日期，不含时刻：{text!r}；请只写日期 {date(*ymd).isoformat()}"
    except ValueError:
        return f"应为日期，不含时刻：{text!r}{day_problem(*ymd)}"


def _typed_day(text: str) -> str:
    """The day of a text :func:`_is_date_only` accepted, as ``yyyy-mm-dd``: 缺少时刻's example
    (a fixed 2025-04-07 09:30 whatever the day typed, to be copied as it stood: clerk c47)."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return _parse_date_text(text).isoformat()


def _is_date_only(text: str) -> bool:
    """Whether ``text`` is a day without a time (2025-04-07, 2025/4/7, 20250407, 2025年4月7日)."""
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        pass
    try:
        _parse_date_text(text)
        return True
    except CellError:
        return False


def _datetime(value: Any) -> str:
    if isinstance(value, date) and (early := cell_hints.early_day_problem(value)):  # x65 03
        raise CellError(early)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=BEIJING)
        return moment.isoformat()
    if isinstance(value, date):
        raise BareDate(value)  # a day, or a moment at 00:00: its cell's number format tells
    if isinstance(value, str):
        text = nfkc(value)
        if _is_date_only(text):
            # A day is no moment: read as 00:00 it would be on time under any deadline that day
            # (a county's 17:00 included); docs/office.md.
            raise CellError(f"缺少时刻：请填写日期和时间，如 {_typed_day(text)} 09:30（现为 {text!r}）")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            head, tm = day_and_time(text)
            if not tm:
                hint = noon_hint(text) or dot_hint(text) or cell_hints.dayless_hint(text)  # 10:00: 缺少日期 (c58 03)
                raise CellError(f"不是有效时间 {text!r}{_MOMENT_HINT}{hint}") from None
            if (yearless := cell_hints.without_year(head)) is not None:
                # Its day's hint would say to write the day alone, which a time cell refuses (缺少时刻).
                month, day_of = yearless
                raise CellError(
                    f"不是有效时间 {text!r}{_MOMENT_HINT}；缺少年份，请写出年份，"
                    f"如 2025-{month:02}-{day_of:02} {int(tm[1]):02}:{tm[2]}"
                ) from None
            day = _parse_date_text(head)
            try:
                moment = datetime.combine(day, time(int(tm[1]), int(tm[2]), int(tm[3] or 0)))
            except ValueError:
                midnight = ";24:00 请写成次日 00:00" if tm[1] == "24" else ""
                raise CellError(
                    f"不是有效时间 {text!r}（可写 2025-04-03 10:30 或 2025/4/3 10:30:00）{midnight}"
                ) from None
        offset = offset_past_59(text)
        if offset is not None:  # fromisoformat read +08:99 as +09:39 (i30)
            raise CellError(f"时区 {offset} 的分钟超过 59:{text!r}（北京时间写 +08:00）{_MOMENT_HINT}")
        # A time without an offset is Beijing time in a workbook (unlike JSON, where it is an error).
        return (moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)).isoformat()
    hint = serial_hint(value, True) or cell_hints.dayless_hint(value)  # Excel's time of day: 缺少日期
    raise CellError(f"不是有效时间 {quoted(value)}{_MOMENT_HINT}{hint}")


NONE_HINT = "；没有或不涉及请留空，不要填写 无、/ 或 —"


def none_mark(value: Any) -> Any:
    """The reader of an id or code cell holding a "none" mark (无, /): refused with the hint,
    rather than looked up and told "未知的部门 '无'"."""
    raise CellError(f"{str(value).strip()!r} 不是编号或代码{NONE_HINT}")


def none_hinted(value: Any, message: str, blank: str | None = None) -> str:
    """A cell's problem; for a "none" mark, leave it empty, or where it may not be, Column.blank (c54 06)."""
    marked = isinstance(value, str) and value.strip() in NONE_MARKS and NONE_HINT not in message
    return message + (f"；{blank}" if blank else NONE_HINT) if marked else message


def _month(value: Any) -> str:
    if isinstance(value, date):
        # A day is refused as its text is (c61 01); on the 1st, the cell's number format decides (BareMonth).
        timed = isinstance(value, datetime) and value.time() != time(0)
        shown = f"{value:%Y-%m-%d %H:%M}" if timed else f"{value:%Y-%m-%d}"
        raise (
            BareMonth(value, month_problem(shown)) if value.day == 1 and not timed else CellError(month_problem(shown))
        )
    if isinstance(value, float) and re.fullmatch(r"\d{4}\.1", str(value)):
        # 2025.10 typed in a 常规 cell is the number 2025.1, as 2025.1 is: October or January (c30 01).
        y = str(value)[:4]
        raise CellError(
            f"数字 {value} 分不清是 {y} 年 1 月还是 10 月（Excel 把 {y}.10 存成数字 {value}）；"
            f"请写 {y}-01 或 {y}-10（也可写 {y}年1月、{y}年10月）"
        )
    m = _MONTH_TEXT.match(nfkc(text_of(value)))
    if not m or not 1 <= int(m[2]) <= 12:
        raise CellError(month_problem(text_of(value)))
    return f"{int(m[1]):04d}-{int(m[2]):02d}"


def _half(value: Any) -> str:
    m = _HALF_TEXT.match(nfkc(text_of(value)))
    if not m:
        raise CellError(f"不是有效半年 {quoted(value)}（可写 2025-H1 或 2025年上半年）")
    half = m[2] or ("1" if m[3] == "上" else "2")
    return f"{m[1]}-H{half}"


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    shown = nfkc(text_of(value))  # quoted as typed (X, not x: clerk c55 06)
    text = shown.lower()
    if text in ("是", "true", "1", "y", "yes", "√"):
        return True
    if text in ("否", "false", "0", "n", "no", "×"):
        return False
    raise CellError(f"应为 是 或 否，而不是 {shown!r}{cell_hints.yes_no_hint(text)}")


#: A number written with thousands separators: every comma before the point begins a group of three.
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


#: A number typed as text once its thousands commas are dropped: ASCII digits, a point, an exponent.
_FLOAT_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, int | float):
        return float(value) + 0.0  # -0.0 is 0 (+ 0.0 makes it 0.0), never written back as -0.0
    text = nfkc(str(value)).strip()
    if "," in text:
        # 25,000.5 is a thousands grouping; 1,23 is not (a decimal comma, or a slip): its
        # commas dropped, it read as 123 without a word (clerk c21).
        if _GROUPED.fullmatch(text) is None:
            if number_hint(value):
                raise CellError(f"应为数字，而不是 {quoted(value)}{number_hint(value)}")
            raise CellError(f"应为数字，而不是 {quoted(value)}（千分位逗号须每三位一组，如 25,000.5；小数点请用“.”）")
        text = text.replace(",", "")
    # float() would also take 1_000, other scripts' digits (١٢٣), inf and nan, as int() would (_int).
    if not _FLOAT_TEXT.fullmatch(text):
        raise CellError(f"应为数字，而不是 {quoted(value)}{number_hint(value)}")
    number = float(text) + 0.0  # -0 is 0
    if not math.isfinite(number):  # 1e400: quoted as typed, not as the inf it overflows to
        raise CellError(f"应为有限的数，而不是 {quoted(value)}")
    return number


def _text(value: Any) -> str:
    if isinstance(value, datetime | date | timedelta | time):
        raise CellError(f"应为文本，而不是日期或时间 {value}（请把该列设为文本格式）")
    return text_of(value)


#: Full-width ASCII (U+FF01-FF5E, what a Chinese IME types: ３７９９０２, Ｐ３７９９０２－００１) and
#: the ideographic space, as ASCII: codes and ids look the same to the clerk either way, and
#: dates and numbers already take full-width digits.
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def ascii_code(text: str) -> str:
    """A code or id cell's text, stripped, full-width characters as ASCII."""
    return (text if text.isascii() else text.translate(FULL_WIDTH)).strip()


def _code(value: Any) -> str:
    return ascii_code(_text(value))


def _list(value: Any) -> list[str]:
    text = _text(value).strip()
    if text in NONE_MARKS:  # 无 for "no evidence": not an id to look up (t5 10)
        none_mark(text)
    return [p for p in _SEP.split(text) if p]


def _lines(value: Any) -> list[str]:
    # Kept as written (a target's own spaces included); only empty lines are dropped. A line break
    # within one text is written as LINE_IN_ITEM (io/workbook_text.py), read back as a line break;
    # then each text's held characters (its own U+2028 as <U+2028>) as the record had them.
    return [unheld(p.replace(LINE_IN_ITEM, "\n")) for p in _text(value).split("\n") if p.strip()]


def _names(value: Any) -> list[str]:
    # 曾用名: split as a clerk lists (、；;) as well as by line, a name with a note refused (c54 02)
    names, problem = cell_names(_text(value), NONE_MARKS)
    if problem is not None:
        raise CellError(problem)
    return names


#: A choice's words a label does not share, as a hint only (实地走访 for 上门: clerk c53 04).
_MEANT = {"走访": "上门", "用工": "困难问题", "招工": "困难问题", "工难": "困难问题"}


def enum_value(enum: type[Enum], value: Any, aliases: tuple[tuple[str, str], ...] = ()) -> str:
    """The English value of an enum cell given as its Chinese label, its value or a column's alias
    (an earlier label); a wrong one suggests the closest label (io.suggest: folded for width, case
    and spaces, never for a shared ending alone). A value in full-width letters (``ｐｈｏｎｅ``) is
    the value, as in a code cell; another case (``PHONE``) is refused with the suggestion."""
    text = text_of(value).strip()
    narrow = text if text.isascii() else text.translate(FULL_WIDTH)
    for member in enum:
        if text == member.zh or narrow == member.value:  # type: ignore[attr-defined]
            return str(member.value)
    if (aliased := dict(aliases).get(text)) is not None:  # spaces around it off, as around a label
        return aliased
    labels = {str(m.value): m.zh for m in enum}  # type: ignore[attr-defined]
    meant = _MEANT.get(text[-2:])  # a word's usual label, where this column has it (用工: c55 06)
    close = closest(text, [*labels.values(), *labels]) or (meant if meant in labels.values() else None)
    hint = "" if close is None else f"；是否应为 {close}" + (f"（{labels[close]}）" if close in labels else "") + "？"
    raise CellError(f"{echoed(text, ' 字')} 不是可选值（{'、'.join(labels.values())}）{hint}")


_READERS: dict[str, Callable[[Any], Any]] = {
    "id": _code,
    "code": _code,
    "text": _text,
    "bool": _bool,
    "int": int_cell,
    "float": _float,
    "date": _date,
    "datetime": _datetime,
    "month": _month,
    "half": _half,
    "list": _list,
    "lines": _lines,
    "names": _names,
    "parent": _code,
    "seq": seq_cell,
    "amendment": amendment_cell,
    "item": item_cell,
}


def from_cell(column: Column, value: Any) -> Any:
    """A non-empty cell's value as the dataset document has it; raises CellError."""
    return reader(column)(value)


@functools.cache
def reader(column: Column) -> Callable[[Any], Any]:
    """The reader of a column's cells, made once per column (a province's workbook has millions):
    a label, a text cell, an Excel date take the shortest path, the rest the general readers."""
    enum = column.enum
    if enum is not None:
        labels = text_lookup(column) or {}  # an enum column's: never None

        def read_enum(value: Any) -> str:
            found = labels.get(value) if type(value) is str else None
            return found if found is not None else enum_value(enum, value, column.aliases)

        return read_enum
    general = _READERS[column.kind]
    if column.kind in ("id", "code", "parent"):
        return lambda value: value.strip() if type(value) is str else _code_cell(column.field, general, value)
    if column.kind == "text":
        return lambda value: unheld(value) if type(value) is str else general(value)
    if column.kind == "date":
        # A day before 1900-03-01 goes the long way: refused (Excel's 1900-02-29: attacker x65 03).
        return lambda value: value.isoformat() if type(value) is date and value >= EXCEL_TRUE_FROM else general(value)
    return general


def _code_cell(field: str, general: Callable[[Any], Any], value: Any) -> Any:
    """An id or code cell that is not text: a number Excel may have cut to 15 digits is refused,
    never read as digits (clerk c51 02: io/code_numbers.py)."""
    if (problem := code_number_problem(field, value)) is not None:
        raise CellError(problem)
    return general(value)


def trimmed(column: Column) -> bool:
    """Whether a text column's cells lose their leading and trailing spaces: a name (企业名称,
    县区、部门名称) is matched against rosters, where "东城商贸有限公司 " would be another
    enterprise (tclerk 04); other text (情况说明、措施) is kept as written, as in a JSON dataset."""
    return column.kind == "text" and column.field.rpartition(".")[2] == "name"


@functools.cache
def text_lookup(column: Column) -> dict[str, Any] | None:
    """For a column of labels (an enum, 是/否), the document value of each text a clerk may
    pick from the drop-down: the reader's loop looks these up without a call."""
    if column.enum is not None:
        labels = {m.zh: str(m.value) for m in column.enum} | {str(m.value): str(m.value) for m in column.enum}
        return labels | dict(column.aliases)
    if column.kind == "bool":
        return {BOOL_LABELS[0]: True, BOOL_LABELS[1]: False}
    return None


__all__ = [
    "FULL_WIDTH",
    "NONE_MARKS",
    "BareDate",
    "BareMonth",
    "CellError",
    "ascii_code",
    "enum_value",
    "from_cell",
    "none_hinted",
    "none_mark",
    "reader",
    "text_lookup",
    "trimmed",
]
