"""A workbook row that carries the id of a record of another month the ``--into`` dataset holds:
last month's rows copied for this month, dates and 所报月份 changed, ids not (clerk c55 02).

The import refuses such a row as a record given again with other content. Its general advice
(export the dataset, change the record there) alone is what the clerk must not do after the
slip: it would turn February's contacts and filed report into March's, leaving February with
none. Yet a row whose date was truly wrong (a contact of 03-03 typed 02-28, corrected in her book
and imported again) looks just the same: it is a correction of the dataset's record, which is
made by exporting the dataset, and a new id there would keep a February contact that never
happened (attacker x61 02). Which one it is, only the clerk knows: the message offers both
readings, the copy first (the common case), each with its own remedy (docs/office.md).
The book alone gets the copy hint of io/copy_warnings.py (月报编号写的是 2025-02，所报月份是
2025-03); this is the same slip met where it matters most, against the dataset.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

from softenv_core.io.workbook_collisions import place
from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_schema import Sheet

#: A record kind copied month by month → its field that says the month, and the kind in Chinese.
_MONTHLY = {"contacts": ("date", "联系记录"), "reports": ("month", "月报")}
#: A month at the start of a value: ``2025-03`` of ``2025-03-10`` or of ``2025-03``.
_MONTH = re.compile(r"([0-9]{4}-[0-9]{2})")
#: A month in an id: four digits from 2000, a hyphen, 01-12, not inside a longer number.
_ID_MONTH = re.compile(r"(?<![0-9])(20[0-9]{2}-(?:0[1-9]|1[0-2]))(?![0-9])")


def copied_id_problem(
    sheet: Sheet, entry: Entry, first: Entry, fields: list[str], taken: Container[Any] = ()
) -> str | None:
    """The problem of a contact or 月报 row (``entry``) whose id is that of a record of the
    ``--into`` dataset (``first``) dated in another month (``fields``: the row's own columns
    that differ from it); None for any other collision (a record of the same month, another
    workbook's row, another kind of record). ``taken``: the ids of the kind in the books and the
    dataset, which the new id it gives as an example is not; a set is added that example, so
    two copied rows are not given the same one."""
    if sheet.child is not None or first.columns is not None or sheet.collection not in _MONTHLY:
        return None
    field, kind = _MONTHLY[sheet.collection]
    if field not in fields:
        return None
    here, there = _month(entry.raw.get(field)), _month(first.raw.get(field))
    if here is None or there is None or here == there:
        return None
    rid, header = str(first.raw.get("id")), sheet.columns[sheet.column(field) or 0].zh
    typed = str(entry.raw.get(field))[:10]  # the day (a contact) or the month (a report)
    return (
        f"{place(entry, field)}: 编号 {rid} 已是 {place(first)} 中 {there} 的{kind}，此处{header}为 {typed}。"
        f"是否复制了 {there} 的行而忘了改编号？是的话，{here} 的新记录请用新的编号{_example(rid, there, here, taken)}，"
        f"数据集中 {there} 的记录不要改动（改了，{there} 就少了这条{kind}）。"
        f"若是这条记录的{header}当初填错了、实为 {typed}，那是改正数据集中已有的记录（不用新编号，否则 {there} "
        f"仍有这条实际没有的{kind}）：请 softenv export 导出整个数据集，在导出的工作簿中把它的{header}改为 {typed}，"
        "再用 softenv import --out 导入为新的数据集文件，以后各月都加进新文件"
        " (the id of a record of another month: a copied row needs a new id; a record whose date was wrong is "
        "corrected in the exported dataset)"
    )


def _month(value: Any) -> str | None:
    m = _MONTH.match(str(value)) if value is not None else None
    return None if m is None else m[1]


def _example(rid: str, there: str, here: str, taken: Container[Any]) -> str:
    """``（如 C-2025-04-004）``: the id with its one month changed, where it carries that month, if
    that id is free; else the next free number of that month's series (C-2025-04-002 is this
    month's second row already: clerk c57 02); none when the id has no number after its month."""
    if _ID_MONTH.findall(rid) != [there]:
        return ""
    new = rid.replace(there, here)
    series = re.fullmatch(rf"(.*{re.escape(here)}[^0-9]*)([0-9]+)", new)
    if new in taken and series is None:
        return ""
    if series is not None:
        prefix, width, number = series[1], len(series[2]), int(series[2])
        while new in taken:
            number += 1
            if len(str(number)) > width:  # past 999 of 001-999: none of that width is free
                return ""
            new = f"{prefix}{number:0{width}d}"
    if isinstance(taken, set):
        taken.add(new)
    return f"（如 {new}）"


__all__ = ["copied_id_problem"]
