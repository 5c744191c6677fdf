"""Dates in a workbook that load but are likely a slip of the year (softenv import).

A contact of January 2025 typed 2027-01-10 loads: it is a valid date, and the analyses never
read the clock. It then left January, and the point showed as 未联系上 there, without a word
(tclerk 13). The import may read the clock for a warning, never to refuse: a date after the
day of the import, or in another year than every other row of its sheet's column, is told on
stderr, and the dataset is written all the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from softenv_core.io.workbook_entries import Entry, dotted_value, where
from softenv_core.io.workbook_schema import Column

#: A column's other rows that must share one year before a row in another year is told.
_SETTLED = 3

#: Date columns whose rows are of many years by nature, never compared by year: a roster gains
#: points in any year, and a point designated this March among points of 2023 was told
#: "是否写错了年份？" beside its own 名册调整 of that day (clerk c44). A 确定日期 in the report
#: year without its roster change is told by the dataset's check (io/designation_checks.py, t11 11).
_OF_ANY_YEAR = frozenset({"designated_from"})


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])  # a date, or the day of a moment (…T10:30:00+08:00)
    except ValueError:
        return None


def _date_columns(entries: Iterable[Entry]) -> dict[tuple[str, str, str], list[tuple[Entry, str]]]:
    """Each sheet's date and moment columns (by sheet name and field, every workbook's rows
    together, in the order read) with each row's ISO day text (``YYYY-MM-DD``, a moment's day).
    The rows are grouped by the column list they were read with (one a sheet of a workbook): a
    province's workbook has a million and a half rows, so no row's columns are walked."""
    groups: dict[int, tuple[str, list[Column], list[Entry]]] = {}
    for entry in entries:
        columns = entry.columns
        if entry.sheet is None or columns is None:
            continue
        found = groups.get(id(columns))
        if found is None:
            dated = [col for _, col in columns if col.kind in ("date", "datetime")]
            found = groups[id(columns)] = (entry.sheet.name, dated, [])
        found[2].append(entry)
    out: dict[tuple[str, str, str], list[tuple[Entry, str]]] = {}
    for sheet, dated, group in groups.values():
        for col in dated:
            field = col.field
            if "." not in field:
                values = [(e, e.raw.get(field)) for e in group]
            else:
                values = [(e, dotted_value(e.raw, field)) for e in group]
            days = [(e, v[:10]) for e, v in values if v.__class__ is str and v[4:5] == "-"]
            if days:
                out.setdefault((sheet, field, col.kind), []).extend(days)
    return out


def date_slips(entries: Iterable[Entry], today: date, with_book: bool) -> list[str]:
    """A warning per date or time cell of ``entries`` (a workbook's rows) after ``today``, or in
    another year than the (at least three) other rows of its column, all in one year."""
    out = []
    late = today.isoformat()  # ISO days compare as text: no date is parsed unless it is told
    for (_, field, kind), days in _date_columns(entries).items():
        years = Counter(d[:4] for _, d in days)
        # A cell is in another year than all the others only when its year is there once and
        # one other year holds every other row (at least three of them). Only in a column of
        # days (a contact's 日期): a moment column records submissions and steps, and a year's
        # December report is submitted in the next January (review finding 05).
        lone = None
        if len(years) == 2 and kind == "date" and field not in _OF_ANY_YEAR:
            (y1, n1), (y2, n2) = years.items()
            if n1 == 1 and n2 >= _SETTLED:
                lone = (y1, y2, n2)
            elif n2 == 1 and n1 >= _SETTLED:
                lone = (y2, y1, n1)
        if lone is None and max(d for _, d in days) <= late:
            continue  # the usual column: nothing to tell
        for entry, text in days:
            settled = lone is not None and text[:4] == lone[0]
            day = _day(text)
            if day is None or (day <= today and not settled):
                continue
            notes = [f"晚于导入之日 {late}"] if day > today else []
            if lone is not None and settled:
                notes.append(f"本表这一列其余 {lone[2]} 行都在 {int(lone[1])} 年")
            origin = entry.located()
            place = f"{origin.source} {where(origin, field)}" if with_book else where(origin, field)
            out.append(f"{place}: {day.isoformat()} {'，'.join(notes)}；是否写错了年份？（已照常导入，请核对）")
    return out


__all__ = ["date_slips"]
