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

from softenv_core.io.workbook_entries import Entry, where

#: A column's other rows that must share one year before a row in another year is told.
_SETTLED = 3


def _value(raw: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(raw, dict):
            return None
        raw = raw.get(part)  # type: ignore[assignment]
    return raw


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])  # a date, or the day of a moment (…T10:30:00+08:00)
    except ValueError:
        return None


def date_slips(entries: Iterable[Entry], today: date, with_book: bool) -> list[str]:
    """A warning per date or time cell of ``entries`` (a workbook's rows) after ``today``, or in
    another year than the (at least three) other rows of its column, all in one year."""
    columns: dict[tuple[str, str], list[tuple[Entry, date]]] = {}
    for entry in entries:
        if entry.sheet is None or entry.columns is None:
            continue
        for _, col in entry.columns:
            if col.kind in ("date", "datetime"):
                day = _day(_value(entry.raw, col.field))
                if day is not None:
                    columns.setdefault((entry.sheet.name, col.field), []).append((entry, day))
    out = []
    for (_, field), days in columns.items():
        years = Counter(d.year for _, d in days)
        for entry, day in days:
            others = years - Counter([day.year])
            settled = len(others) == 1 and day.year not in others and others.total() >= _SETTLED
            if day <= today and not settled:
                continue
            notes = [f"晚于导入之日 {today.isoformat()}"] if day > today else []
            if settled:
                year, n = next(iter(others.items()))
                notes.append(f"本表这一列其余 {n} 行都在 {year} 年")
            origin = entry.located()
            place = f"{origin.source} {where(origin, field)}" if with_book else where(origin, field)
            out.append(f"{place}: {day.isoformat()} {','.join(notes)};是否写错了年份?(已照常导入,请核对)")
    return out


__all__ = ["date_slips"]
