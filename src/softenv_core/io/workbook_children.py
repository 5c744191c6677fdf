"""Child rows (子表的行: 联系事项, 月报事项, 月报修改, 办理过程, 调研进展…) given to their records.

A child row names its record (所属记录编号, ``@parent``) and its 1-based place among the
record's children (序号, ``@seq``). Within a workbook, the record is usually on its own sheet
of the same workbook. A month's workbook may also carry only the new steps of a record begun
earlier (clerk finding 17): April's 办理过程 of a complaint received in March, already in the
dataset given with ``--into``, or in another workbook of the same import. Those rows are kept
aside while a workbook is read (:class:`Orphan`) and given to their record once every workbook
and the existing dataset are merged (:func:`adopt`).

The 序号 of such a row is its place in the whole record: after the children the record
already has. A row at a place already taken by the same child is one already imported (a
workbook imported twice) and is left out; at a place taken by a different child it is a
problem naming both places.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from softenv_core.io.converter import shared_converter
from softenv_core.io.reference_hints import unpadded
from softenv_core.io.structure_problems import structure_one
from softenv_core.io.suggest import fold
from softenv_core.io.workbook_entries import Entry, where
from softenv_core.io.workbook_schema import SHEET_BY_NAME, Sheet
from softenv_core.io.workbook_stray_rows import header_child_row
from softenv_core.io.workbook_text import shown
from softenv_core.model.complaints import ComplaintEvent
from softenv_core.model.points import LiaisonTerm
from softenv_core.model.reports import Amendment, Item
from softenv_core.model.roster import Finding, Measure, TopicEvent

CHILD_CLASSES: dict[tuple[str, str | None], type] = {
    ("points", "former_liaison_persons"): LiaisonTerm,
    ("contacts", "items"): Item,
    ("reports", "items"): Item,
    ("reports", "amendments"): Amendment,
    ("complaints", "events"): ComplaintEvent,
    ("research_topics", "events"): TopicEvent,
    ("research_topics", "findings"): Finding,
    ("research_topics", "measures"): Measure,
}


#: What a record already in the dataset may gain in a later workbook: what happens to it over
#: time (a complaint's steps, a report's amendments, a topic's progress). A recorded contact's
#: items and a submitted report's own items are what was said then: adding to them later would
#: rewrite the record (a change to a report is an amendment, with its own submission time).
ACCRUE = frozenset(
    {
        ("complaints", "events"),
        ("reports", "amendments"),
        ("research_topics", "events"),
        ("research_topics", "findings"),
        ("research_topics", "measures"),
    }
)
_RECORDED = {
    "contacts": (
        ": 联系记录 {pid} 已在数据集中，之后的工作簿不能给它追加事项；请另记一次联系"
        " (a recorded contact gains no items later)"
    ),
    "reports": ": 月报 {pid} 已在数据集中，原报的事项不能再追加；{advice} (a report changes only by an amendment)",
    "points": (
        ": 监测点 {pid} 已在数据集中，--into 不修改已有记录；更换联系人（定人）请用 softenv export 导出整个数据集，"
        "在导出的工作簿中改写该监测点的联系人并在 前任联系人 表补行，再导入为新的数据集"
        " (a recorded point changes only by export and import)"
    ),
}


def amendment_advice(pid: str, amendments: int, *, book_row: bool = True) -> str:
    """How to amend report ``pid`` that holds ``amendments`` amendments already (docs/office.md
    §3; clerk c53 01: the rows to write, not only the sheet's name); ``book_row``: the workbook
    holds the report's own row, which is to stay as the dataset has it."""
    n = amendments + 1
    advice = (
        "已报送的月报不在原报上改：补报或改动是一次月报修改，有它自己的报送时间；"
        f"请在 月报修改 表填一行（月报编号 {pid}，修改序号 {n}，报送时间写补报之时），"
        f"并在 月报事项 中列出修改后的全部事项（修改序号 {n}）"
    )
    if book_row:
        advice += f"；这些行填在本月的工作簿中，月报 表中 {pid} 这一行不要再改动（须与数据集相同）"
    return advice


class Orphan:
    """A child row whose record is not in its own workbook, kept until every record is merged."""

    __slots__ = ("amendment", "book", "entry", "parent", "seq", "sheet")

    def __init__(self, book: str, sheet: Sheet, entry: Entry, parent: str, seq: Any, amendment: Any) -> None:
        self.book = book  # the workbook's label in messages ("" when there is one workbook)
        self.sheet = sheet
        self.entry = entry
        self.parent = parent
        self.seq = seq
        self.amendment = amendment


def attach_children(
    book: str, entries: Mapping[str, list[Entry]], problems: list[str], unread: dict[str, str] | None = None
) -> list[Orphan]:
    """Give each record of a workbook its child rows there (items, amendments, events), checked
    and ordered; return the rows whose record is not in the workbook. ``book``: its label.
    ``unread`` (workbook_refused.unread_ids) gains each 月报事项 row left out for its 修改序号, as
    ``月报事项#R-…`` → its cell: the report is not then told to be a 零报告 (clerk c53 02)."""
    unread = {} if unread is None else unread
    parents: dict[str, dict[str, Entry]] = {}
    for sheet_name, rows in entries.items():
        sheet = SHEET_BY_NAME[sheet_name]
        if sheet.child is None and sheet.collection not in ("city",):
            # The first row of an id, which the merge keeps: its child rows went to a row pasted
            # again below it, then dropped with it (clerk c50: told 编号相同而内容不同).
            ids = parents.setdefault(sheet.collection, {})
            for e in rows:
                if "id" in e.raw:
                    ids.setdefault(str(e.raw.get("id")), e)
    orphans: list[Orphan] = []
    refused: set[str] = set()  # records with an amendment whose 修改序号 was refused
    amended = _amended(entries)
    # Amendments before their items: an amendment's items hang on the amendment.
    order = sorted((s for s in entries if SHEET_BY_NAME[s].child), key=lambda s: s == "月报事项")
    for sheet_name in order:
        sheet = SHEET_BY_NAME[sheet_name]
        for entry in entries[sheet_name]:
            raw = entry.raw
            pid, seq = raw.pop("@parent", None), raw.pop("@seq", None)
            amendment = raw.pop("@amendment", None)
            if pid.__class__ is str and not pid.isascii() and header_child_row(entry, problems):
                continue  # the header row pasted again with a block of rows (clerk c52 05)
            if pid is None:
                problems.append(where(entry.located(), "@parent") + ": 缺少所属记录编号 (unknown parent record)")
                continue
            if amendment is None and (sheet.collection, sheet.child) == ("reports", "items") and str(pid) in amended:
                # Read as 0 it joined the original report, meant for an amendment as it likely was (c61 02).
                problems.append(where(entry.located(), "@amendment") + _BLANK_AMENDMENT.format(pid=pid))
                unread.setdefault(f"{sheet.name}#{pid}", f"{book} {entry.origin.cell('@amendment')}".lstrip())
                continue
            amendment = amendment or 0
            if seq is None:
                problems.append(where(entry.located(), "@seq") + ": 缺少序号 (missing position)")
                continue
            if type(amendment) is not int or (sheet.child == "amendments" and type(seq) is not int):
                # A 修改序号 refused at its cell (原报, 一): told there; the amendment is left out
                # (its items cannot name it) rather than told again as listing no items.
                refused.add(str(pid))
                unread.setdefault(f"{sheet.name}#{pid}", f"{book} {entry.origin.cell('@amendment')}".lstrip())
                continue
            parent = parents.get(sheet.collection, {}).get(str(pid))
            if parent is None:  # begun in an earlier month: its record is looked for once all are merged
                orphans.append(Orphan(book, sheet, entry, str(pid), seq, amendment))
                continue
            if problem := _give(parent, sheet, entry, seq, amendment, str(pid)):
                text = problem[1]
                if str(pid) in refused and text.endswith("的月报修改"):
                    text += "（该月报的月报修改中有修改序号未能读入，见对它的提示）"
                problems.append(where(entry.located(), problem[0]) + text)
    return orphans


_BLANK_AMENDMENT = (
    ": 修改序号未填：月报 {pid} 有月报修改，这一行的事项属于原报还是哪一次修改须写明："
    "原报写 0，修改写 1、2……（第几次修改，与 月报修改 表的修改序号相同） (blank amendment serial of an amended report)"
)


def _amended(entries: Mapping[str, list[Entry]]) -> set[str]:
    """The reports of a workbook with an amendment there: a 月报修改 row, or a 月报事项 row of
    修改序号 1 or more. A blank 修改序号 of their items is refused, not read as 0 (c61 02)."""
    out: set[str] = set()
    for sheet_name, rows in entries.items():
        sheet = SHEET_BY_NAME[sheet_name]
        if sheet.collection == "reports" and sheet.child is not None:
            amending = sheet.child == "amendments"
            out |= {str(e.raw.get("@parent")) for e in rows if amending or _serial(e.raw.get("@amendment")) >= 1}
    return out


def _serial(value: Any) -> int:
    return value if type(value) is int else 0


def adopt(
    merged: Mapping[str, Mapping[Any, Entry]],
    orphans: list[Orphan],
    problems: list[str],
    looked_in: str,
    with_book: bool = False,
) -> None:
    """Give each orphan row its record among the merged ones (another workbook's, or the
    ``--into`` dataset's), in the order the rows were read; ``looked_in`` names where a record
    was looked for, for the message when none is found (本工作簿, 所导入的工作簿…). Then the
    child rows of every workbook record must be numbered 1, 2, 3… (:func:`_skipped`);
    ``with_book``: a problem names its workbook."""
    by_id: dict[str, dict[str, Entry]] = {}  # a collection's records by id, made when an orphan needs it
    # An amendment's items given in the same workbook hang on it first: an amendment already in
    # the dataset holds its items, and is compared whole (a workbook imported again adds nothing).
    # Keyed by record and place, not workbook: an amendment and its items may come in two
    # workbooks, in either order on the command line (the result must not depend on it).
    hosts: dict[tuple[str, Any], Entry] = {}
    for o in orphans:
        if o.sheet.child == "amendments":
            hosts.setdefault((o.parent, o.seq), o.entry)
    found: list[tuple[Orphan, tuple[str, str] | None]] = []
    rest = []
    for o in orphans:
        host = hosts.get((o.parent, o.amendment)) if o.amendment else None
        if host is None:
            rest.append(o)
        else:
            found.append((o, _give(host, o.sheet, o.entry, o.seq, 0, o.parent)))
    grown: _Grown = {}
    # Amendments before other rows: an item naming an amendment finds it given (a stable sort).
    rest.sort(key=lambda o: o.sheet.child != "amendments")
    for o in rest:
        name = o.sheet.collection
        if name not in by_id:  # a province's 680,000 records are indexed only for the orphans' collections
            by_id[name] = {str(k): e for k, e in merged.get(name, {}).items()}
        parent = by_id[name].get(o.parent)
        if parent is None:
            near = _folded_match(o.parent, by_id[name])
            # Both ids shown as the label shows them: a pasted newline or zero-width space made
            # visible, never carried into the message (clerk c61).
            hint = f"（是否应为 {shown(near, keep='')}？）" if near else ""
            typed = shown(o.parent, keep="")
            found.append((o, ("@parent", f": 所属记录 {typed} 不在{looked_in}中{hint} (unknown parent record)")))
        else:
            found.append((o, _give(parent, o.sheet, o.entry, o.seq, o.amendment, o.parent, grown, o.book)))
    for o, problem in found:
        if problem is not None:
            text = where(o.entry.located(), problem[0]) + problem[1]
            problems.append(f"{o.book} {text}" if o.book else text)
    problems += _gaps(grown)
    problems += _skipped(merged, with_book)


def _folded_match(typed: str, ids: Mapping[str, Entry]) -> str | None:
    """The one id that differs from ``typed`` only in case, width or spaces (``f-2025-001`` for
    ``F-2025-001``), as a dangling reference's hint (io/reference_hints.py; clerk c34: a child
    row's 所属记录编号 typed in lower case was told only "不在…中"), or only in the leading zeros
    of its numbers (R-379902-2025-3 for R-379902-2025-03, as a point id is: clerk c51 11)."""
    for same in (fold, unpadded):
        key = same(typed)
        near = [known for known in ids if same(known) == key and known != typed]
        if near:
            return near[0] if len(near) == 1 else None
    return None


#: The rows given to records of the dataset, by (id of the record or amendment, child list):
#: the record, its id, how many children it held, and the rows given (序号, entry, workbook).
_Grown = dict[tuple[int, str], tuple[Entry, str, int, list[tuple[int, Entry, str]]]]


def _gaps(grown: _Grown) -> list[str]:
    """The rows given to a record of the dataset whose 序号 do not continue its children: they
    must be numbered on from what it held (4, 5, … after 3), or the same workbook imported again
    would add them again, past its end."""
    out = []
    for _target, pid, had, rows in grown.values():
        rows.sort(key=lambda r: r[0])
        for expected, (seq, entry, book) in enumerate(rows, had + 1):
            if seq != expected:
                text = where(entry.located(), "@seq") + (
                    f": 序号 {seq} 不接续：数据集中的 {pid} 已有 {had} 个，新的应从 {had + 1} 起连续编号"
                    " (positions continue the record's)"
                )
                out.append(f"{book} {text}" if book else text)
    return out


def _skipped(merged: Mapping[str, Mapping[Any, Entry]], with_book: bool) -> list[str]:
    """The first row of each workbook record's child list (and an amendment's items) whose
    序号 skips a place: 1, 3 after a row deleted in the middle (clerk c44). The rows were put
    in 序号 order and renumbered without a word, so 事项跟踪's 事项序号 3, read off the sheet,
    was told "只有 2 个事项", and one naming the deleted item's 2 followed the next item."""
    out: list[str] = []
    for name in dict.fromkeys(s.collection for s in SHEET_BY_NAME.values() if s.child is not None):
        for entry in merged.get(name, {}).values():
            if entry.children:
                _skips(entry, str(entry.raw.get("id")), with_book, out)
    return out


def _skips(entry: Entry, pid: str, with_book: bool, out: list[str], amended: tuple[int, int] | None = None) -> None:
    """The first row of each of ``entry``'s child lists whose 序号 skips; ``amended``: ``entry`` is
    an amendment, with its 修改序号 and how many items the version it amends holds."""
    for key, children in entry.children.items():
        numbered = sorted(((s, c) for s, c in children if type(s) is int), key=lambda sc: sc[0])
        if entry.sheet is not None:  # a workbook's record (rows given to the dataset's: _gaps)
            for expected, (seq, child) in enumerate(numbered, 1):
                if seq != expected:
                    said = _renumber(seq, pid, expected) if amended is None or expected > 1 else _whole(seq, amended)
                    text = where(child.located(), "@seq") + said
                    out.append(f"{child.book} {text}" if with_book else text)
                    break
        before = sum(1 for s, _ in entry.children.get("items", ()) if type(s) is int)
        for seq, child in numbered:
            if child.children:
                _skips(child, pid, with_book, out, (seq, before) if key == "amendments" else None)
            if key == "amendments":  # the next amendment amends this one
                before = sum(1 for s, _ in child.children.get("items", ()) if type(s) is int)


def _renumber(seq: int, pid: str, expected: int) -> str:
    return (
        f": 序号 {seq} 不接续：{pid} 的序号应从 1 起连续编号（1、2、3……），缺少序号 {expected}；"
        f"是否删除了中间的一行？请把其后各行的序号依次改小 (positions skip {expected})"
    )


def _whole(seq: int, amended: tuple[int, int]) -> str:
    """An amendment's items numbered on from the version it amends (序号 2 after the original's
    one item): the clerk listed only the new item. Told to renumber, she dropped the original's
    item from the report (clerk c62 03): an amendment is the whole report as amended."""
    number, before = amended
    what = "原报" if number == 1 else f"修改{number - 1}"
    held = f"（共 {before} 项）" if before else ""
    return (
        f": 修改{number} 的事项从序号 {seq} 起：月报修改是修改后的完整月报，要列出修改后的全部事项，序号从 1 起；"
        f"{what}的事项{held}仍要保留的，请照抄在 修改{number} 下（修改序号 {number}，序号从 1 起），"
        "新增的事项接在其后；"
        f"只写新增的一行，{what}的事项就视为删除（确要删去它们的，把这几行的序号从 1 起依次改写） "
        "(an amendment lists every item, from 1)"
    )


def _give(
    parent: Entry,
    sheet: Sheet,
    entry: Entry,
    seq: Any,
    amendment: Any,
    pid: str,
    grown: _Grown | None = None,
    book: str = "",
) -> tuple[str, str] | None:
    """Give ``entry`` to ``parent`` (or to its amendment ``amendment``) at place ``seq``;
    the column and text of the problem when it cannot be given, else None. ``grown`` notes the
    rows given to a record of the dataset (their places are checked once all are given)."""
    assert sheet.child is not None
    target = parent
    if amendment:
        found = dict(parent.children.get("amendments", [])).get(amendment)
        if found is None:
            if amendment <= len(parent.raw.get("amendments") or ()):
                advice = amendment_advice(pid, len(parent.raw.get("amendments") or ()), book_row=False)
                return "@amendment", f": 月报 {pid} 的修改 {amendment} 已在数据集中，其事项不能在工作簿中追加；{advice}"
            return "@amendment", f": 月报 {pid} 没有修改序号为 {amendment} 的月报修改"
        target = found
    recorded = target.sheet is None  # a record of the --into dataset, holding its children
    if recorded and type(seq) is not int:
        return None  # a 序号 refused at its cell (一, 1.5): told there once, no place to compare
    had = target.raw.get(sheet.child) or []
    cls = CHILD_CLASSES[(sheet.collection, sheet.child)]
    if recorded and 1 <= seq <= len(had) and same_record(cls, had[seq - 1], document_record(entry)):
        # Already there: the same workbook imported again, or a row of a record that gains none
        # later left in place by the export and import its refusal asks for (the month's workbook
        # still holding it was refused again, sent back to do that: clerk c47).
        return None
    if recorded and (sheet.collection, sheet.child) not in ACCRUE:
        advice = amendment_advice(pid, len(target.raw.get("amendments") or ()), book_row=False)
        return "@parent", _RECORDED[sheet.collection].format(pid=pid, advice=advice)
    if recorded and seq < 1:  # a whole number here: any other was answered above
        return "@seq", f": 序号 {seq} 应为从 1 起的整数 (a position counts from 1)"
    if recorded and seq <= len(had):
        return "@seq", f": 序号 {seq} 在数据集的 {pid} 中已有不同的内容 (position already taken)"
    siblings = target.children.setdefault(sheet.child, [])
    for s, other in siblings:
        if s == seq:
            alike = same_record(cls, document_record(other), document_record(entry))
            if other.book != entry.book and alike:
                return None  # the same row in two workbooks of one import
            return "@seq", _repeated(seq, pid, entry, other, alike)
    siblings.append((seq, entry))
    if recorded and grown is not None:
        grown.setdefault((id(target), sheet.child), (target, pid, len(had), []))[3].append((seq, entry, book))
    return None


def _repeated(seq: Any, pid: str, entry: Entry, other: Entry, alike: bool) -> str:
    """A child row at a place another row of its record holds: it was `序号 1 重复` alone, and a
    clerk who had pasted a 前任联系人 row twice looked for what to change (clerk c46). Names the
    other row and, when the two are alike, says it was likely pasted twice."""
    row = f"第 {other.number} 行"
    if other.book and other.book != entry.book:
        row = f"{other.book} {row}"
    if alike:
        return f": 序号 {seq} 重复：与{row}完全相同，是否重复粘贴了一行？请删除其中一行 (duplicate position)"
    return (
        f": 序号 {seq} 重复：{row}已是 {pid} 的序号 {seq}；同一记录的各行序号须各不相同"
        "（1、2、3……），请改正其中一行的序号 (duplicate position)"
    )


def same_record(cls: type, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal records (or child records) of ``cls`` as documents, compared as records: a moment
    at +08:00 equals the same instant in UTC, a number typed 1.0 equals 1."""
    if a == b:
        return True
    conv = shared_converter()
    x, _ = structure_one(conv, a, cls, "$")
    y, _ = structure_one(conv, b, cls, "$")
    return x is not None and x == y


def same_or_earlier(cls: type, collection: str, first: Entry, entry: Entry) -> bool:
    """Whether ``entry`` (a workbook's row) is the record ``first`` holds, or, when ``first`` is
    of the ``--into`` dataset, that record as it was before later workbooks added to it: its
    own fields and the children it holds alike, and of what accrues (a complaint's steps, a
    report's amendments, a topic's progress) the first ones, each the same at its place. March's
    workbook imported again after April's added a step and an amendment adds nothing, as a
    workbook imported twice (clerk c34: it was refused, "编号相同而内容不同", naming no cell)."""
    later, earlier = document_record(first), document_record(entry)
    if same_record(cls, later, earlier):
        return True
    if first.columns is not None:  # another workbook's record: no state of it is earlier
        # A row pasted again in its record's sheet: the child rows are the first row's (clerk c50).
        pasted = first.book == entry.book and first.sheet is entry.sheet and not entry.children
        return pasted and same_record(cls, first.raw, entry.raw)
    caught_up = dict(earlier)
    for name, child in ACCRUE:
        if name != collection:
            continue
        had, given = list(later.get(child) or ()), list(earlier.get(child) or ())
        child_cls = CHILD_CLASSES[(name, child)]
        if len(given) > len(had) or not all(map(partial(same_record, child_cls), given, had)):
            return False
        caught_up[child] = had
    return same_record(cls, later, caught_up)


def document_record(entry: Entry, path: str = "$", origins: dict[str, Entry] | None = None) -> dict[str, Any]:
    """The record with its children, as the dataset document holds it: the children it held
    already (a record of the ``--into`` dataset), then its child rows by 序号. With
    ``origins``, notes where each record and child came from under its ``$.path``."""
    if origins is not None:
        origins[path] = entry
    if not entry.children:
        return entry.raw
    raw = dict(entry.raw)
    for name, children in entry.children.items():
        had = list(raw.get(name) or ())
        # A 序号 refused at its cell (一, 1-1: told there) goes last, its row kept so that what
        # names the child (事项跟踪's 事项序号) is not told "no such item" as well (tester t5 09).
        ordered = sorted(children, key=lambda sc: (0, sc[0]) if type(sc[0]) is int else (1, 0))
        raw[name] = had + [
            document_record(child, f"{path}.{name}[{j}]" if origins is not None else path, origins)
            for j, (_, child) in enumerate(ordered, len(had))
        ]
    return raw


__all__ = [
    "ACCRUE",
    "CHILD_CLASSES",
    "Orphan",
    "adopt",
    "amendment_advice",
    "attach_children",
    "document_record",
    "same_record",
]
