"""The county's name beside its code (县区名称) in the results workbook's sheets.

The 监测点 sheet and the year end's sheets (调整建议, 调整备案, 表彰推荐, 调整期与增设) named a
county by its code alone, and a clerk had to look up 379921 to read 青山县 (clerk c36). A column
of the name follows the code's: the code stays a cell of its own, text to filter, sort and
look up by (as the 县区 and 组织保障 sheets already keep 代码 and 名称 apart).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from softenv_core.analyses.assessment import Assessment
from softenv_core.analyses.year_end import YearEnd

Sheet = tuple[list[str], list[list[Any]]]

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


__all__ = ["county_names", "with_county_names"]
