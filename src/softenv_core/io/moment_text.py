"""A moment's text as clerks type it, split into its day and its clock time: ISO 8601
(2025-01-13T10:00), official documents' 2025年4月3日10时30分, a day and a time with or without a
space between them (2025/4/3 10:30, 2月5日9:30). Split from io/workbook_cells.py, which reads
the day and checks the time."""

from __future__ import annotations

import re

TIME_TEXT = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
#: A moment as official documents write it, 2025年4月3日10时30分 (时 or 点; minutes and seconds may
#: be left out): its day as the date reader reads it, its time given to TIME_TEXT (clerk c39).
_CN_MOMENT = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}[日号])\s*(\d{1,2})[时点](?:(\d{1,2})分)?(?:(\d{1,2})秒)?$")
#: A moment as ISO 8601 writes it, 2025-01-13T10:00 (reviewer r54 09).
_ISO_MOMENT = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})T(.+)$")


def day_and_time(text: str) -> tuple[str, re.Match[str] | None]:
    """A moment's text split into its day and its time (matched by TIME_TEXT, or None)."""
    if (iso := _ISO_MOMENT.match(text)) is not None:
        return iso[1], TIME_TEXT.match(iso[2])
    cn = _CN_MOMENT.match(text)
    if cn:
        seconds = f":{cn[4].zfill(2)}" if cn[4] else ""
        return cn[1], TIME_TEXT.match(f"{cn[2]}:{(cn[3] or '0').zfill(2)}{seconds}")
    if (glued := _GLUED_TIME.match(text)) is not None:  # 2月5日9:30, no space (clerk c54 07)
        return glued[1], TIME_TEXT.match(glued[2])
    head, _, tail = text.partition(" ")
    return head, TIME_TEXT.match(tail.strip())


#: A Chinese day with its clock time written right after it, no space: 2025年2月5日9:30.
_GLUED_TIME = re.compile(r"^(.*?[日号])(\d{1,2}:\d{2}(?::\d{2})?)$")


__all__ = ["TIME_TEXT", "day_and_time"]
