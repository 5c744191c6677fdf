"""What a clerk is told when a workbook changes a monthly report the ``--into`` dataset holds.

A filed report's later change is an amendment (月报修改, docs/office.md §3): it has its own
submission time, and the report's own time stays the one its timeliness is scored by. Clerk c53
amended March's zero report the spreadsheet way: the Q1 workbook's row set to 零报告 否, or a
月报事项 row added under it, or a second March row. The first two were sent to export the dataset
and import it again, which rewrites the filed report (an on-time report with the item, nothing
recording the 04-20 submission); the third was told `重复` with no advice. Each now names the
月报修改 sheet and the 修改序号 to write.
"""

from __future__ import annotations

import re
from typing import Any

from softenv_core.io.workbook_children import CHILD_CLASSES, amendment_advice, document_record, same_record
from softenv_core.io.workbook_collisions import place
from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_messages import zh_message
from softenv_core.io.workbook_schema import Sheet

#: The report's own fields whose change is a change of what it reports (its items aside).
_REPORTED = frozenset({"nothing_to_report"})


def filed_report_change(sheet: Sheet, entry: Entry, first: Entry, fields: list[str]) -> str | None:
    """The problem of a 月报 row (``entry``) that changes what a report of the ``--into``
    dataset (``first``) reports, its 零报告 or its items (``fields``: the row's own columns that
    differ), told as an amendment to write; None for any other collision (a report's other
    fields are corrected by export and import, as any record's)."""
    if sheet.collection != "reports" or sheet.child is not None or first.columns is not None:
        return None
    pid = str(first.raw.get("id"))
    had = list(first.raw.get("amendments") or ())
    advice = amendment_advice(pid, len(had)) + " (a filed report changes only by an amendment)"
    if fields:
        if not _REPORTED & set(fields) and not _children_differ(entry, first):
            return None
        return advice
    differs = _what_differs(entry, first)
    if differs is _NEW_AMENDMENT:  # the right rows, in the workbook holding the report's own row
        return (
            f"{place(entry)}: 与 {place(first)} 编号相同，本工作簿又给它填了月报修改（修改序号 {len(had) + 1}）；"
            f"月报 {pid} 已在数据集中，它的 月报修改 和 月报事项 行请填在不含这一 月报 行的工作簿中"
            "（如本月的工作簿，只填子表的行），或从本工作簿中删去这一 月报 行 (a filed report's amendment alone)"
        )
    return f"{place(entry)}: 与 {place(first)} 编号相同而{differs}；{advice}"


def _children_differ(entry: Entry, first: Entry) -> bool:
    return bool(_what_differs(entry, first, default=""))


def _what_differs(entry: Entry, first: Entry, default: str = "内容不同") -> str:
    """Which child rows of the report differ from the dataset's, in the clerk's words."""
    given = document_record(entry)
    items = CHILD_CLASSES[("reports", "items")]
    if not _same_list(items, list(given.get("items") or ()), list(first.raw.get("items") or ())):
        return "原报的事项（月报事项 中修改序号为 0 的行）与数据集中不同"
    amendments = CHILD_CLASSES[("reports", "amendments")]
    mine, had = list(given.get("amendments") or ()), list(first.raw.get("amendments") or ())
    if len(mine) > len(had) and _same_list(amendments, mine[: len(had)], had):
        return _NEW_AMENDMENT
    if not _same_list(amendments, mine, had[: len(mine)]):
        return "月报修改（或其事项）与数据集中不同"
    return default


_NEW_AMENDMENT = "新的月报修改"


def _same_list(cls: type, a: list[Any], b: list[Any]) -> bool:
    return len(a) == len(b) and all(map(lambda x, y: same_record(cls, x, y), a, b))


#: references.py's duplicate (county, month) of two reports: the key, the first report's path.
_DUPLICATE_MONTH = re.compile(r"^duplicate month (.*) \(first at (\$\.reports\[\d+\])\)$")
#: The same problem as a whole, at the second report's month (its record id taken out).
_DUPLICATE_AT = re.compile(r"^(\$\.reports\[\d+\])\.month: duplicate month (.*) \(first at (\$\.reports\[\d+\])\)$")
#: A report id that names its county, as the starter workbook numbers them: R-379902-2025-04.
_COUNTY_ID = re.compile(r"^R-([0-9]{6})-")


def duplicate_month(
    message: str, origins: dict[str, Entry], entry: Entry | None = None, with_book: bool = False
) -> str | None:
    """A second report of a county's month, told with the first's place (its cell, or its
    ``$.path`` and id in the ``--into`` dataset) and what to do: a filed month is amended, not
    reported again (clerk c53: `重复（首次出现在 d.json $.reports[2]）` and no advice). ``entry``,
    the row told: when its 县区代码 is not its workbook's county or its id's, that code is the
    cause to check, not the month (clerk c62 06); ``with_book``: the first row named with its
    workbook (`月报!A6` alone read as the told workbook's own row)."""
    m = _DUPLICATE_MONTH.match(message)
    if m is None or (first := origins.get(m[2])) is None:
        return None
    said = zh_message(message).split(" 重复", 1)[0] + " 重复：一个县区每月只报一份月报"
    pid = str(first.raw.get("id"))
    typo = _county_typo(entry, origins) if entry is not None else None
    if first.sheet is None:  # a report of the --into dataset: filed
        had = len(first.raw.get("amendments") or ())
        return f"{said}，{first.origin.cell()} ({pid}) 已报送了这个月；" + (
            typo or "是否所报月份填错了？" + amendment_advice(pid, had, book_row=False)
        )
    there = f"{first.book} {first.origin.cell()}" if with_book else first.origin.cell()
    return f"{said}，{there} ({pid}) 已是这个月的月报；" + (
        typo or "是否所报月份填错了？同一个月只写一行；报送后要补报或改动，请填 月报修改（见说明）"
    )


def misfiled_month(problem: str, origins: dict[str, Entry]) -> str | None:
    """A duplicate month (``problem``, without record ids) moved to the 县区代码 of the one report
    of the two whose code is not its workbook's county or its id's: 东.xlsx's April report typed
    379903 was told at 西.xlsx's correct April row, and the city office sent the fix to the
    county that had nothing to fix (clerk c62 06). None when it stays where it is."""
    m = _DUPLICATE_AT.match(problem)
    if m is None or (first := origins.get(m[3])) is None or (second := origins.get(m[1])) is None:
        return None
    told, other = _county_typo(second, origins), first.sheet is not None and _county_typo(first, origins)
    if told and not other:  # the told row is the one: at its 县区代码, not its 所报月份
        return f"{m[1]}.county: duplicate month {m[2]} (first at {m[3]})"
    if other and not told:
        return f"{m[3]}.county: duplicate month {m[2]} (first at {m[1]})"
    return None


def _county_typo(entry: Entry, origins: dict[str, Entry]) -> str | None:
    """What to check when a report row's 县区代码 is not its workbook's county (a county's
    workbook holds one county: workbook_city_rows.book_county) or the county its id names."""
    county, rid = str(entry.raw.get("county")), str(entry.raw.get("id"))
    reasons = []
    if entry.sheet is not None and (own := _book_county(entry.book, origins)) is not None and own[0] != county:
        reasons.append((own[0], f"本工作簿的县区 {own[1]}（{own[0]}）"))
    if (m := _COUNTY_ID.match(rid)) is not None and m[1] != county:
        reasons.append((m[1], f"编号 {rid}"))
    if not reasons:
        return None
    codes = dict.fromkeys(code for code, _ in reasons)
    meant = f"（应为 {next(iter(codes))}）" if len(codes) == 1 else ""
    both = "都" if len(reasons) > 1 else ""
    return (
        f"这一行的县区代码 {county} 与{'、'.join(r for _, r in reasons)} {both}不符：是否县区代码填错了{meant}？"
        "请核对这一行的县区代码 (the county code disagrees with the workbook's county or the id)"
    )


def _book_county(book: str, origins: dict[str, Entry]) -> tuple[str, str] | None:
    """The one county (code, name) of ``book``'s 县区 sheet, None for none or several (the city
    office's workbook), as workbook_city_rows.book_county (a county row in two workbooks of one
    import is the first one's)."""
    found = []
    i = 0
    while (e := origins.get(f"$.counties[{i}]")) is not None:
        if e.book == book and e.sheet is not None:
            found.append((str(e.raw.get("code")), str(e.raw.get("name") or "")))
        i += 1
    return found[0] if len(found) == 1 else None


__all__ = ["duplicate_month", "filed_report_change", "misfiled_month"]
