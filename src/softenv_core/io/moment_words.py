"""What is wrong with a date or a moment (时刻) in a record, in the clerk's words: the rows of
io/workbook_messages.py's table for the converter's date and date-time messages, split from it.

A text in the right form that names no day or time the calendar has (2025-02-30, T24:00) is
said not to exist, not to be written wrong: "应为带时区的时间" told a clerk who had written the
offset that it was missing (auditor a40)."""

from __future__ import annotations

import re
from collections.abc import Callable

MOMENT_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^expected a date as YYYY-MM-DD, got (.*)$"),
        lambda m: f"应为日期 YYYY-MM-DD（如 2025-03-05），而不是 {m[1]}",
    ),
    (
        re.compile(r"^no such (day|moment) (.*?): .*$"),  # converter.NO_SUCH_DAY: the form is right, the day is not
        lambda m: (
            f"{'日期' if m[1] == 'day' else '时刻'} {m[2]} 不存在：月份 01-12，日为该月实有的日子"
            + ("，小时 00-23，分秒 00-59（午夜写作次日 T00:00）" if m[1] == "moment" else "")
        ),
    ),
    (
        re.compile(r"^expected an ISO 8601 date-time.*, got (.*)$"),
        lambda m: f"应为带时区的时间，如 2025-03-05T09:00:00+08:00，而不是 {m[1]}",
    ),
    (
        re.compile(r"^naive datetime (.*): give a UTC offset, e\.g\. (.*)$"),
        lambda m: f"时间 {m[1]} 缺少时区：请写成 {m[2]}",
    ),
    (re.compile(r"^naive datetime"), lambda m: "时间缺少时区：请加上 +08:00（北京时间）"),
    (re.compile(r"^expected a datetime$"), lambda m: "应为时间"),
    (re.compile(r"^UTC offset of (.*) is beyond ±14:00$"), lambda m: f"{m[1]} 的时区超出 ±14:00"),
)

__all__ = ["MOMENT_RULES"]
