"""Cells' number formats, for the moment and month cells that python-calamine gives as a bare date.

python-calamine (the fast reader, io/workbook_read.py) gives an Excel date cell whose value is
a day at 00:00 as a ``date``, whether the cell shows ``2025-04-05`` or ``2025-04-05 00:00``,
and gives no number formats. In a moment column (报送时间, 办理过程 时间 …) the two mean different
things: a day typed without a time, which read as 00:00 would be on time under any deadline
that day, or a moment that is 00:00. Only the cell's number format tells them apart, so for
these few cells the workbook is opened again with openpyxl (read-only mode keeps each cell's
``number_format``) and only the rows that hold them are read. A month column's date on the
1st is asked the same way: shown as a month it is that month, shown as a day it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from softenv_core.errors import InputError

#: What in a format code is not a date or time part: quoted text, an escaped character, a
#: ``[$-804]`` / ``[Red]`` section (elapsed ``[h]`` is a duration, which calamine gives as such).
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
#: A time part: hours, seconds, or AM/PM (上午/下午 is 'AM/PM' in the code).
_TIME_PART = re.compile(r"[hHsS]|AM/PM|A/P", re.IGNORECASE)


def shows_time(number_format: str) -> bool:
    """Whether a cell with this number format shows a time of day (``yyyy-mm-dd hh:mm``,
    ``m/d/yy h:mm``) rather than only a day (``yyyy-mm-dd``, ``mm-dd-yy``, ``yyyy"年"m"月"d"日"``).

    ``General`` and the other non-date codes show none: openpyxl gives ``General`` for the
    East Asian built-in date formats it does not know (ids 27-36, 50-58, as Chinese Excel and WPS
    write ``yyyy"年"m"月"d"日"``; :func:`number_formats` names the date ones), and a cell that
    cannot be shown to carry a time is refused, never read as 00:00."""
    return bool(_TIME_PART.search(_LITERAL.sub("", number_format)))


#: A day part: d, dd (the day), ddd, dddd, aaa, aaaa (its weekday, 星期五 in Chinese Excel).
_DAY_PART = re.compile(r"[dDaA]")
#: The East Asian built-in formats openpyxl gives as ``General``, as Chinese Excel and WPS show
#: them (zh-CN ids 27-36, 50-58: 2025年3月 typed is kept as id 57, 2025年3月5日 as id 31); the
#: time-only ones (32-35, 55, 56) stay General, so that a moment cell showing only a time is
#: still refused (shows_time) as it was.
_EAST_ASIAN = (
    dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"')
    | dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"')
    | {30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"'}
)


def shows_day(number_format: str) -> bool:
    """Whether a cell with this number format shows a day of the month (``yyyy-mm-dd``,
    ``m/d/yy``, ``yyyy"年"m"月"d"日"``) rather than only a month (``yyyy-mm``, ``mmm-yy``,
    ``yyyy"年"m"月"``): a month cell's date on the 1st is its month only when it shows none."""
    return bool(_DAY_PART.search(_LITERAL.sub("", number_format).replace("AM/PM", "").replace("A/P", "")))


def number_formats(path: Path, cells: Mapping[str, set[tuple[int, int]]]) -> dict[tuple[str, int, int], str]:
    """The number format of each cell ``(sheet name, 1-based row, 0-based column)`` asked for in
    ``cells`` (sheet name → cells); a cell openpyxl cannot read (a file it does not open) is
    missing from the answer."""
    import openpyxl  # the office extra, present whenever a workbook is read

    found: dict[tuple[str, int, int], str] = {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # an .ods that calamine reads but openpyxl does not: no format is known
        return found
    try:
        for name, wanted in cells.items():
            rows = {r for r, _ in wanted}
            first_col = min(c for _, c in wanted) + 1
            last_col = max(c for _, c in wanted) + 1
            try:  # openpyxl parses the sheet here: its errors (bad XML, bad number) name the sheet
                ws = wb[name]
                for r, row in enumerate(
                    ws.iter_rows(min_row=min(rows), max_row=max(rows), min_col=first_col, max_col=last_col),
                    min(rows),
                ):
                    if r not in rows:
                        continue
                    for c, cell in enumerate(row, first_col - 1):
                        if (r, c) in wanted:
                            code = str(getattr(cell, "number_format", "General"))
                            if code == "General" and hasattr(cell, "style_array"):
                                code = _EAST_ASIAN.get(cell.style_array.numFmtId, code)
                            found[(name, r, c)] = code
            except Exception as exc:
                problem = f"{path.name}: {name}: 无法读取工作表 (cannot read sheet): {type(exc).__name__}: {exc}"
                raise InputError([problem], path.name) from None
    finally:
        wb.close()
    return found


__all__ = ["number_formats", "shows_day", "shows_time"]
