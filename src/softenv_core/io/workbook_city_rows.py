"""The city office's own records in a county's workbook, named at their rows (attacker x68 01).

docs/office.md (县区填哪些表): 直接反馈、办理过程、评议轮次、评议、豁免、表彰决定 are the city
office's records; a county does not fill them. A 豁免 row in a county's workbook with 决定单位
typed as the city's 市经贸委 was imported without a word, and waived the county's own late month
for 十佳 (DESIGN: only a city waiver may relax the baseline). Such rows still load: the city
office may itself import a workbook of one county (nothing in a workbook says who typed it, and
the import has no flag saying who runs it), so each one is named, at its cell and by its id, for
the city office to check before it counts.

A county's workbook is one whose 县区 sheet holds a single county: each county fills only its own
row (office.md), while the city office's workbooks (its export) hold every county. A workbook
with no 县区 row says nothing of whose it is and is not told. Not named again: a row whose record
the ``--into`` dataset holds already (the same, or as it was before: named when it came in), the
starter's example rows (told as examples, to be deleted), and a child row (办理过程) of a record
named in the same workbook (counted in that record's line).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from softenv_core.io.suggest import echoed
from softenv_core.io.workbook_entries import Entry, where
from softenv_core.io.workbook_keys import record_keys
from softenv_core.io.workbook_schema import SHEET_BY_NAME

#: The city office's sheets, as office.md lists them (县区填哪些表).
CITY_SHEETS = ("直接反馈", "办理过程", "评议轮次", "评议", "豁免", "表彰决定")
_TAG = " (a city office's record in a county's workbook)"


def book_county(entries: Mapping[str, Sequence[Entry]]) -> str | None:
    """The county of a county's workbook, as ``示范区（379902）``: its 县区 sheet's one county;
    None for a workbook with none or several (the city office's)."""
    counties = {str(e.raw["code"]): e.raw.get("name") for e in entries.get("县区", ()) if e.raw.get("code")}
    if len(counties) != 1:
        return None
    ((code, name),) = counties.items()
    return f"{name}（{code}）" if isinstance(name, str) and name else code


def city_rows(
    book: str,
    entries: Mapping[str, Sequence[Entry]],
    merged: Mapping[str, Mapping[Any, Entry]],
    examples: set[int],
    with_book: bool,
) -> list[str]:
    """A line per city-only row of a county's workbook (``book``, its ``entries``), naming its
    cell and id, after the records were ``merged``; ``examples``: the ``id`` of every entry that
    is a starter example left unchanged. ``with_book``: a line names its workbook."""
    county = book_county(entries)
    if county is None:
        return []
    given = _given_children(merged)
    out: list[str] = []
    for name in CITY_SHEETS:
        sheet = SHEET_BY_NAME[name]
        rows = entries.get(name, ())
        keys = record_keys(sheet, [e.raw for e in rows]) if sheet.child is None else [None] * len(rows)
        for key, entry in zip(keys, rows, strict=True):
            if id(entry) in examples:
                continue
            if sheet.child is None:
                kept = merged[sheet.collection].get(key)
                if kept is None or kept.sheet is None or (kept is not entry and kept.book == entry.book):
                    continue  # the --into dataset's already, or a row pasted twice (told as such)
                extra = _children_of(entry)
            elif id(entry) in given:
                extra = ""
            else:
                continue  # a step of a record in this workbook (in its line), or one already there
            line = where(entry.located(), None) + _said(name, county, entry, extra)
            out.append(f"{book} {line}" if with_book else line)
    return out


def _said(name: str, county: str, entry: Entry, children: str) -> str:
    decided_by = entry.raw.get("decided_by") if name == "豁免" else None
    by = f"（决定单位 {echoed(str(decided_by), ' 字')}）" if decided_by else ""
    return (
        f": {name}是市软建办的记录，县区不填；这一行在县区 {county}的工作簿中{by}，照常导入了："
        f"请核实是否市里作出的，不是的请删除此行{children}再导入{_TAG}"
    )


def _children_of(entry: Entry) -> str:
    """``（连同它在 办理过程 表的 3 行）``: the child rows of a city-only record in its workbook
    (a step another workbook gives it is named in that one's line)."""
    rows = sum(1 for c in entry.children.values() for _, child in c if child.book == entry.book)
    return f"（连同它在 办理过程 表的 {rows} 行）" if rows and entry.sheet is SHEET_BY_NAME["直接反馈"] else ""


def _given_children(merged: Mapping[str, Mapping[Any, Entry]]) -> set[int]:
    """The ``id`` of every city-only child row given to a record of another workbook or of the
    ``--into`` dataset (a row already there, or of a record in its own workbook, is not)."""
    given: set[int] = set()
    for name in CITY_SHEETS:
        sheet = SHEET_BY_NAME[name]
        if sheet.child is None:
            continue
        for record in merged.get(sheet.collection, {}).values():
            for _, child in record.children.get(sheet.child, ()):
                if child.book != record.book or record.sheet is None:
                    given.add(id(child))
    return given


__all__ = ["CITY_SHEETS", "book_county", "city_rows"]
