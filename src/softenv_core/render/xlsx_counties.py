"""The county's name beside its code (县区名称) in the results workbook's sheets, and the
width of the 县区 sheet's month columns.

The 监测点 sheet and the year end's sheets (调整建议, 调整备案, 表彰推荐, 调整期与增设) named a
county by its code alone, and a clerk had to look up 379921 to read 青山县 (clerk c36). A column
of the name follows the code's: the code stays a cell of its own, text to filter, sort and
look up by (as the 县区 and 组织保障 sheets already keep 代码 and 名称 apart).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from typing import Any, NamedTuple

from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.year_end import YearEnd
from softenv_core.engine.ruletypes import MonthState

Sheet = tuple[list[str], list[list[Any]]]


class StatusNotes(NamedTuple):
    """What the 县区 sheet adds to a month's status in one language: a zero report, a waived month,
    and the note of a month missing at the instant whose late band still runs, ``{}`` its last
    day (MM-DD), in the pieces a line may break between (``01-08前`` / ``补报按迟报计``: not inside
    补报 or 迟报, reviewer r54 06)."""

    zero: str
    waived: str
    late_band: tuple[str, ...]


NOTES = {
    "zh": StatusNotes("（零报告）", "（已豁免）", ("（{}前", "补报按迟报计）")),
    "en": StatusNotes(" (zero)", " (waived)", (" (late if by {})",)),
}
#: A month's column, by its header (1月 … 12月, M01 … M12).
MONTH_HEADER = re.compile(r"^(\d{1,2}月|M\d{2})$")


def cell_width(value: Any) -> int:
    """A cell's text width in Excel's characters: CJK characters take two columns."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _month_width() -> int:
    """The month columns' width at most: the widest status on one line, computed from the
    labels (a month on time with a zero report, one missing and waived, 12 workdays late; a
    piece of the late-band note) with Excel's margin. At 10, 按时（零报告） and 迟报2个工作日 broke
    inside a word (clerk c51 10, as the Word report's 状态 column did for c48); a longer status
    is broken between its words (status_lines)."""
    zh = NOTES["zh"]
    noted = [MonthState.ON_TIME.zh + zh.zero, MonthState.MISSING.zh + zh.waived, f"{MonthState.LATE.zh}12个工作日"]
    one_line = [*(s.zh for s in MonthState), *noted, *(p.format("12-31") for p in zh.late_band)]
    return max(map(cell_width, one_line)) + 2


MONTH_WIDTH = _month_width()

#: Where a month's status may break: at a space (the English), before a Chinese note, between
#: the Chinese late-band note's pieces, and after 迟报 before its figure (迟报 / 250个工作日: a
#: report months late is wider than the column, which holds 迟报12个工作日).
_BREAK = re.compile(
    "|".join(
        [" ", rf"(?<={re.escape(MonthState.LATE.zh)})(?=\d)"]
        + sorted({f"(?={re.escape(n[0])})" for n in (NOTES["zh"].zero, NOTES["zh"].waived, NOTES["zh"].late_band[0])})
        + [f"(?={re.escape(piece)})" for piece in NOTES["zh"].late_band[1:]]
    )
)


def status_lines(sheet: Sheet) -> Sheet:
    """The 县区 sheet with each month's status wider than its column broken between words, each
    line as full as the column holds (迟报2个工作日 / （已豁免）; 未报（01-08前 / 补报按迟报计）),
    rather than inside a word where the column wraps it."""
    headers, rows = sheet
    months = [i for i, h in enumerate(headers) if MONTH_HEADER.match(h)]
    broken = [list(r) for r in rows]
    for row in broken:
        for i in months:
            if isinstance(row[i], str):
                row[i] = "\n".join(_lines(row[i]))
    return headers, broken


def _lines(text: str) -> list[str]:
    """``text`` in lines of at most a month's column, broken only where _BREAK allows (a space
    that breaks a line is dropped)."""
    cuts = sorted({0, len(text), *(m.start() for m in _BREAK.finditer(text))})
    lines: list[str] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        if lines and cell_width(lines[-1] + piece) + 2 <= MONTH_WIDTH:
            lines[-1] += piece
        else:
            lines.append(piece.lstrip(" "))
    return lines


#: A sheet's county-code column by its header, and the header of the name column put after it.
_CODE_HEADERS = {
    "县区": "县区名称",
    "范围或县区": "县区名称",
    "County": "County name",
    "Scope or county": "County name",
}


def county_names(assessment: Assessment, yearly: YearEnd | None) -> dict[str, str]:
    """Every county's name by its code: the assessment's counties (every reader is given them
    all), and the year end's work plans, which may name a county the assessment has no row for."""
    names = {c.code: c.name for c in assessment.counties}
    plans = yearly.guarantees if yearly is not None else None
    for c in plans.counties if plans is not None else ():
        names.setdefault(c.county, c.name)
    return names


def with_county_names(sheet: Sheet, frozen: int, names: Mapping[str, str]) -> tuple[Sheet, int]:
    """``sheet`` with a name column after its county-code column (the first whose header is in
    _CODE_HEADERS; a sheet without one is returned as it is), and its frozen columns: one more
    when the code is among them, so that code and name stay in view together. A row whose cell
    is not a county's code (全市, a label such as 提示, the hidden mark) gets an empty name."""
    headers, rows = sheet
    at = next((i for i, h in enumerate(headers) if h in _CODE_HEADERS), None)
    if at is None:
        return sheet, frozen
    headers = [*headers[: at + 1], _CODE_HEADERS[headers[at]], *headers[at + 1 :]]
    named = [[*r[: at + 1], names.get(r[at], "") if isinstance(r[at], str) else "", *r[at + 1 :]] for r in rows]
    return (headers, named), frozen + 1 if at < frozen else frozen


__all__ = [
    "MONTH_HEADER",
    "MONTH_WIDTH",
    "NOTES",
    "StatusNotes",
    "cell_width",
    "county_names",
    "status_lines",
    "with_county_names",
]
