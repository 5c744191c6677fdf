"""What a refused month or time cell is missing, said beside the forms it may take (clerk c48).

A clerk types the month of a report as she says it (``12月``, filing December's report in
January) and a time as a notice writes it (``下午3点``): both were told only the forms, as if
the text were garbled. The readers stay strict (a month without its year is no month, and a
time of day is written on the 24-hour clock); these are the words that say what to change.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

#: A month without its year: 12月, 3月份 (the form of a 公文).
_MONTH_ONLY = re.compile(r"^(\d{1,2})月份?$")
#: Words of a 12-hour clock a clerk writes before the hour (上午10点, 下午3点).
_HALF_DAY = ("上午", "下午", "中午", "晚上", "凌晨", "早上")

#: A day as a clerk writes it in Chinese, 2025年3月5日 or 2025年3月5号 as it is said (clerk c50):
#: the workbook's date cells (workbook_cells) and ``--as-of`` (cli/common.as_of_arg) read it.
CHINESE_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
#: The day forms the workbook's date cells read (workbook_cells), here so that the hints below
#: test a day against the same forms the reader takes.
DATE_TEXT = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    CHINESE_DAY,
)


def year_hint(text: str) -> str:
    """For a day typed without its year (3月4日 as a clerk writes a day of this year), what is
    missing, not only the forms (clerk c45); else nothing."""
    if (day := without_year(text)) is None:
        return ""
    return f"；缺少年份，请写出年份，如 2025年{day[0]}月{day[1]}日 或 2025-{day[0]:02}-{day[1]:02}"


#: A day without its year: 3月4日, 3/4, 3-4, 3.4.
_NO_YEAR = re.compile(r"^(\d{1,2})(?:月|[-/.])(\d{1,2})[日号]?$")


def without_year(text: str) -> tuple[int, int] | None:
    """(month, day) of a day typed without its year (3月4日, 3/4), else None."""
    m = _NO_YEAR.match(text)
    return (int(m[1]), int(m[2])) if m and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31 else None


def month_problem(shown: str) -> str:
    """The refusal of a month cell holding ``shown`` (所报月份 and the like)."""
    said = f"不是有效月份 {shown!r}（可写 2025-03 或 2025年3月）"
    m = _MONTH_ONLY.match(shown.strip())
    if m and 1 <= int(m[1]) <= 12:
        month = int(m[1])
        # December's report is filed in January: the year it names is the one before (c48).
        december = "（12 月的月报在次年 1 月报送，所报月份仍写上一年的 12 月）" if month == 12 else ""
        return f"{said}；缺少年份，请写出年份，如 2025年{month}月 或 2025-{month:02}{december}"
    # The cell as typed, folded as the reader folds it (２０２５０４ is 202504).
    text = unicodedata.normalize("NFKC", shown).strip()
    if _digits(text, 6) and 1 <= int(text[4:]) <= 12:  # 202504 (clerk c54 07)
        return f"{said}；请写成 {text[:4]}-{text[4:]}"
    said_month = _cn_number(m[1]) if (m := _CN_MONTH_ONLY.match(text)) else None  # 三月 (c55 06)
    if said_month is not None and 1 <= said_month <= 12:
        return f"{said}；缺少年份，请写出年份，如 2025年{said_month}月 或 2025-{said_month:02}"
    if (m := _MONTH_AND_MORE.match(text)) and 1 <= int(m[2]) <= 12:  # 2025年3月1日-31日 (c55 06)
        return f"{said}；所报月份只写年和月，不写日期：写 {m[1]}-{int(m[2]):02}"
    return said


def _digits(text: str, count: int) -> bool:
    """Whether ``text`` is ``count`` ASCII digits: ``str.isdigit()`` also takes ③, ² and ፩,
    which ``int()`` refuses (a traceback on import: attacker x60 01), and a hint that reads
    other scripts' digits would tell a clerk to write what the reader refuses."""
    return len(text) == count and text.isascii() and text.isdigit()


#: A month in Chinese numerals without its year: 三月, 十二月份.
_CN_MONTH_ONLY = re.compile(r"^([一二三四五六七八九十]{1,3})月份?$")
#: A month with a day or a span after it: 2025年3月1日-31日, 2025-03-01至2025-03-31, 2025.3.1.
_MONTH_AND_MORE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*(?:月份?|[./-])\s*\S.*$")


def noon_hint(text: str) -> str:
    """For a time typed with 上午/下午 (or AM/PM), that it is written on the 24-hour clock; else
    nothing."""
    if any(word in text for word in _HALF_DAY) or re.search(r"(?i)\b[ap]\.?m\b", text):
        return "；请用 24 小时制写时刻，不写 上午、下午：如 下午3点 写 15:00（或 15时）"
    return ""


#: A clock time alone, 10:00 or 9:30:15 (TIME_TEXT's form).
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def dayless_hint(value: Any) -> str:
    """For a time cell holding a clock time without its day (``10:00`` typed, or Excel's time of
    day, which it makes of 10:00 typed in a cell of another format), that the date is missing,
    as 缺少年份 and 缺少时刻 are said (clerk c58 03: she was shown the accepted forms only); else
    nothing."""
    if isinstance(value, time):
        clock = value.strftime("%H:%M:%S" if value.second else "%H:%M")
    elif isinstance(value, str) and (m := _CLOCK.fullmatch(value)) and int(m[1]) < 24 and int(m[2]) < 60:
        clock = f"{int(m[1]):02}:{m[2]}" + (f":{m[3]}" if m[3] else "")
    else:
        return ""
    return f"；缺少日期：请写日期和时间，如 2025-04-03 {clock}"


#: A moment whose clock is written with a dot for the colon: 2025.4.3 9.00, 2025-04-03 9.30.
_DOT_CLOCK = re.compile(r"^(\S+)\s+(\d{1,2})[.。](\d{2})$")


def dot_hint(text: str) -> str:
    """For a time cell's text whose hour and minute are parted by a dot (2025.4.3 9.00: clerk c55
    06), the moment written with a colon, when its day is one the reader takes; else nothing."""
    m = _DOT_CLOCK.match(text)
    found = next((d for d in (p.match(m[1]) for p in DATE_TEXT) if d), None) if m else None
    if m is None or found is None or int(m[2]) > 23 or int(m[3]) > 59:
        return ""
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return ""
    return f"；时和分之间请用冒号“:”，不用“.”：写 {day.isoformat()} {int(m[2]):02}:{m[3]}"


def day_problem(year: int, month: int, day: int) -> str:
    """For a day in a form the reader takes (2025-02-30) that no calendar has, which part is
    wrong: it was told the forms, as if the text were garbled (clerk c50)."""
    if not 1 <= month <= 12:
        return f"：没有第 {month} 月（月份为 1 至 12），请核对"
    if not 1 <= year <= 9999:
        return "：年份无效，请核对"
    return f"：{year}年{month}月只有 {calendar.monthrange(year, month)[1]} 天，没有 {day} 日，请核对"


#: Excel's day 0 (serial 1 is 1900-01-01, with its phantom 1900-02-29 before day 61).
_EXCEL_EPOCH = date(1899, 12, 30)
#: The first day Excel's serials give right: before it, its 1900 is a leap year (attacker x65 03).
EXCEL_TRUE_FROM = date(1900, 3, 1)


def early_day_problem(value: Any) -> str | None:
    """For an Excel date or time cell's value: a day before 1900-03-01 (serial 60, Excel's
    1900-02-29, read as 1900-02-28; a NaN read as 1899-12-30), or the 00:00 an Excel date cell
    holding 0 or a negative number is read as, is refused (x65 03, 04); else None."""
    if isinstance(value, time) and not isinstance(value, datetime):
        if value == time(0):
            return (
                "不是日期：单元格是 Excel 日期格式，存的却是 0 或负数（Excel 显示为 1900-01-00 或 ####）；"
                "请写出日期，如 2025-03-05"
            )
        return f"应为日期，而不是时刻 {value.isoformat()}；请写出日期，如 2025-03-05"
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and day < EXCEL_TRUE_FROM:
        return (
            "不是有效日期：Excel 日期早于 1900-03-01（1900年2月只有 28 天，Excel 却当它有 29 日，"
            "这一段的日期读不准；坏的数值也会显示成 1899 年）；请写出日期，如 2025-03-05"
        )
    return None


def serial_hint(value: Any, moment: bool = False) -> str:
    """For a number in a date or time cell: the day it is as Excel's serial (a date pasted into a
    cell formatted 常规, tester t5 10), so the clerk sees what she meant; in a time cell the
    moment, to the minute (its day alone is refused there as 缺少时刻: c30 04)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 61 <= value < 2958466:
        day = _EXCEL_EPOCH + timedelta(days=int(value))
        shown = day.isoformat()
        if moment:
            minutes = round((value - int(value)) * 24 * 60)
            at = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
            shown = at.strftime("%Y-%m-%d %H:%M")
        what = "日期时间" if moment else "日期"
        return f"；这是数字，可能是粘贴成“常规”格式的{what} {shown}，请把单元格设为{what}格式或直接写 {shown}"
    return ""


#: A number with its unit typed after it (80人, 2.5万, 2025年): the unit is in the column's header.
_WITH_UNIT = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?\s*[^\d\s.,+-]{1,4}")
#: The IME's full stop typed as the decimal point (３００。５, 300。5).
_STOP_POINT = re.compile(r"[+-]?\d+。\d+")
#: A number written in Chinese numerals (二百一十, 两千, 一万二).
_CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]+")


def number_hint(value: Any) -> str:
    """For a number cell's text, what to write instead: without its unit (c30 03: 25000元 in a 万元
    column is not 25000), with "." for the IME's "。" (３００。５), in Arabic digits for Chinese
    numerals (二百一十: clerk c52 08); else nothing. None of them is read as a number: the
    clerk writes it as the column asks."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value).strip()
    if _STOP_POINT.fullmatch(text):
        return f"；小数点请用“.”，不用句号“。”：写 {text.replace('。', '.')}"
    if _CHINESE_NUMERAL.fullmatch(text):
        return "；请用阿拉伯数字写（如 二百一十 写 210）"
    if _WITH_UNIT.fullmatch(text):
        return "；只写数字，不写单位（单位见表头）"
    return ""


#: A day as a clerk writes it with spaces between its parts (2025 年 2 月 11 日), or with its
#: weekday after it (2025年1月10日星期五, 2025-01-10（周五）).
_SPACED_DAY = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$")
_WEEKDAY_AFTER = re.compile(r"^(.+?)\s*[（(]?(?:星期|周|礼拜)([一二三四五六日天])[)）]?$")
_WEEKDAYS = "一二三四五六日"


def date_hint(text: str) -> str:
    """For a refused date cell's text, what to change (clerk c52 08): a day without its year
    (c45), spaces between the year, month and day, a weekday written after the day (checked
    against the calendar: a wrong one is said), or Excel's serial number typed as text (45720);
    else nothing. The reader stays strict: each is told, none is read."""
    if hint := year_hint(text):
        return hint
    if m := _SPACED_DAY.match(text):
        return f"；请去掉空格，写 {m[1]}年{int(m[2])}月{int(m[3])}日"
    if m := _WEEKDAY_AFTER.match(text):
        found = next((d for d in (p.match(m[1]) for p in DATE_TEXT) if d), None)
        if found is None:
            return ""
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return ""
        said = f"；请去掉星期，只写日期 {m[1]}"
        actual = _WEEKDAYS[day.weekday()]
        if actual != {"天": "日"}.get(m[2], m[2]):
            said += f"（{day.isoformat()} 是星期{actual}，不是星期{m[2]}，请核对）"
        return said
    if _digits(text, 5):
        return serial_hint(int(text))
    return _written_hint(text) or _part_hint(text)


#: A year written with two digits: 25-3-10, 25/3/10, 25.3.10, and as said, 25年3月10日 (clerk c62 04).
_SHORT_YEAR = re.compile(r"^(\d{2})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})[日号])$")
#: A year alone, or a year and a month: 2023年, 2023, 2023年3月, 2023-03.
_NO_DAY = re.compile(r"^\d{4}(?:年|\s*[年./-]\s*\d{1,2}\s*月?)?$")


def _part_hint(text: str) -> str:
    """A year of two digits (25-3-10, 25年3月10日), the IME's full stop for the dot (2025。3。10), a day
    with a stop or comma after it (2025.03.10.), or a year or month where a day belongs (2023年 as
    确定日期): what to write (clerk c55 06, c62 04)."""
    if m := _SHORT_YEAR.match(text):
        shown = f"20{m[1]}-{int(m[3] or m[5]):02}-{int(m[4] or m[6]):02}"
        return f"；年份请写全四位：如 {shown}" if _is_day(shown) else ""
    if "。" in text and (found := DATE_TEXT[2].match(text.replace("。", "."))):
        # The IME's full stop for the dot (2025。3。12), told as a number's 300。5 is (clerk c62 04):
        # it looks the same to the clerk as the 2025.3.12 the reader takes.
        shown = f"{found[1]}-{int(found[2]):02}-{int(found[3]):02}"
        return f"；年月日之间请用“.”或“-”，不用句号“。”：写 {shown}" if _is_day(shown) else ""
    trimmed = text.rstrip(".。、,，;；")
    if trimmed != text and (found := next((d for d in (p.match(trimmed) for p in DATE_TEXT) if d), None)):
        shown = f"{found[1]}-{int(found[2]):02}-{int(found[3]):02}"
        return f"；请去掉末尾的“{text[len(trimmed) :]}”：写 {shown}" if _is_day(shown) else ""
    if _NO_DAY.match(text):
        return "；请写到日，年、月、日都要写，如 2023-03-01（只记得年份或月份的，请查当时的文件）"
    return ""


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _written_hint(text: str) -> str:
    """An 8-digit day (20250110), a day without its 日 (2025年1月10), a day in Chinese numerals
    (二〇二五年一月十日) or 元月 (clerk c54 07): the day written as the reader takes it, when it is
    one the calendar has; else nothing."""
    if _digits(text, 8):
        found: tuple[int | None, ...] = (int(text[:4]), int(text[4:6]), int(text[6:]))
    elif m := _NO_DAY_MARK.match(text):
        found = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _CN_NUMERAL_DAY.match(text.replace("元月", "一月").replace("零", "〇")):
        found = (int("".join(str(_CN_DIGITS.index(c)) for c in m[1])), _cn_number(m[2]), _cn_number(m[3]))
    else:
        return ""
    year, month, day = found
    try:
        return f"；请写成 {date(year, month, day).isoformat()}" if month and day and year else ""
    except ValueError:
        return ""


_CN_DIGITS = "〇一二三四五六七八九"
_CN_NUMERAL = "[一二三四五六七八九十]"
#: 二〇二五年一月十日 (a year digit by digit, a month and a day as numbers are said).
_CN_NUMERAL_DAY = re.compile(rf"^([〇一二三四五六七八九]{{4}})年({_CN_NUMERAL}{{1,2}})月({_CN_NUMERAL}{{1,3}})[日号]$")
_NO_DAY_MARK = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})$")
#: A number as said, 一 to 三十九: 十 alone is 10, 十二 12, 二十 20, 二十三 23.
_CN_SAID = re.compile(r"^(?:([一二三])?(十))?([一二三四五六七八九])?$")


def _cn_number(text: str) -> int | None:
    """一 … 三十九 as a number, None for what is no number as said (十十)."""
    m = _CN_SAID.match(text)
    if m is None or not text:
        return None
    tens = (_CN_DIGITS.index(m[1]) if m[1] else 1) if m[2] else 0
    return tens * 10 + (_CN_DIGITS.index(m[3]) if m[3] else 0)


def yes_no_hint(text: str) -> str:
    """What a word typed in a 是/否 cell likely means (未联系上 in 是否联系上, 零报告 in 零报告:
    clerk c53 04), only where the word means the same in every 是/否 column: 无 or 有 alone
    means 是 in 零报告 and 否 in 是否联系上 (reviewer r57 05), so it gets no hint."""
    if text in _TICKS:  # WPS's symbol menu: ✓ ✔ for √ (clerk c55 06)
        return "；是否应为 是？请写 是（也可写 √）"
    if text in _CROSSES:
        return "；是否应为 否？请写 否（也可写 ×）"
    if text in _ZERO_WORDS or any(w in text for w in ("无事项", "没有事项", "无反映事项", "没有反映事项")):
        return "；是否应为 是？"
    if any(w in text for w in _NOT_REACHED):  # 电话未接通, 无人接听 (clerk c54 07)
        return "；是否应为 否？"
    if text.startswith(("未", "不", "非")) or (text.startswith(("没", "无")) and "联系" in text):
        return "；是否应为 否？"
    if text.startswith(("已", "联系上")) or text == "对":  # 联系上了 too
        return "；是否应为 是？"
    return ""


#: Tick and cross marks other than the √ and × a 是/否 cell reads (the symbol menus' ✓ ✔ ☑ ✗ ✘ ☒).
_TICKS = frozenset("✓✔☑✅")
_CROSSES = frozenset("✗✘☒❌")
#: Words of a contact that did not reach its point, whatever else the cell says.
_NOT_REACHED = ("未接通", "没接通", "无人接", "没人接", "打不通", "联系不上", "未联系上", "没联系上", "关机", "停机")


#: Words a clerk types in 零报告 for "nothing to report": 是 there, though they begin with 无 or 没.
_ZERO_WORDS = frozenset({"零报告", "无事项", "没有事项", "无反映事项", "没有反映事项"})
