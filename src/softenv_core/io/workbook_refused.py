"""References to a record that is in the workbook but was not read (softenv import).

A record whose own row has a problem (a reason not in the list) is refused, and the records
naming it were then told "未知的名册调整 'RC-2025-002'", although RC-2025-002 is right there
in 名册调整!A4: the clerk went to "fix" a correct cell (tclerk 10). The same for the records of a
sheet not read (renamed: 联系记录表; its headers moved down by an inserted title row). Such a
reference is told as what it is: the record it names was refused for its own problem, told at
its own row.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import Any

from softenv_core._fold import LIST_MARKS
from softenv_core._near import NEAR_SHOWN, closest_codes, nearest_keys
from softenv_core._validators import ID_PATTERN
from softenv_core.io.workbook_cells import ascii_code
from softenv_core.io.workbook_entries import Entry
from softenv_core.io.workbook_messages import KIND_ZH
from softenv_core.io.workbook_schema import FIELD_ROW, Sheet
from softenv_core.model.complaints import CITY_OFFICE_UNIT
from softenv_core.model.reports import NO_ITEMS

_UNKNOWN = re.compile(
    r"^unknown (point|department|county|round|nomination|roster change|contact, report or complaint|contact|report"
    r"|complaint|handling unit) ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")$"
)
#: The collections a reference of each kind may name (its Chinese: workbook_messages.KIND_ZH).
_COLLECTIONS: dict[str, tuple[str, ...]] = {
    "point": ("points",),
    "department": ("departments",),
    "county": ("counties",),
    "round": ("appraisal_rounds",),
    "nomination": ("nominations",),
    "roster change": ("roster_changes",),
    "contact": ("contacts",),
    "report": ("reports",),
    "complaint": ("complaints",),
    "contact, report or complaint": ("contacts", "reports", "complaints"),
    "handling unit": ("departments",),
}


def unread_ids(sheet: Sheet | None, rows: Sequence[Sequence[Any]]) -> list[str]:
    """The ids of a record sheet that is not read (renamed, or its field row not where it should
    be), for :func:`explained`; of a child sheet, its rows' records as ``月报事项 R-…`` (its first
    column names the record it belongs to: that record is not told to lack them, clerk c53 02);
    none for a sheet that is no record sheet. The id column is found by the field row where
    it is there (columns moved or deleted: tester t5 04), else column A; ids read as the regular
    sheets read them (full-width characters as ASCII, spaces around dropped)."""
    if sheet is None:
        return []
    key = "@parent" if sheet.child else "code" if sheet.collection in ("city", "counties") else "id"
    field_row = [str(v).strip() for v in rows[FIELD_ROW - 1]] if len(rows) >= FIELD_ROW else []
    at = field_row.index(key) if key in field_row else 0
    ids = [_shown(row[at]) for row in rows[FIELD_ROW - 1 :] if at < len(row)]
    ids = [i for i in ids if i and sheet.column(i) is None]  # the field row's "id" is no record
    return [f"{sheet.name} {i}" for i in ids] if sheet.child else ids


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code Excel turned into a number
    return ascii_code(value) if isinstance(value, str) else ""


def explained(
    message: str, merged: dict[str, dict[Any, Entry]], unread: dict[str, str], with_book: bool, path: str = ""
) -> str | None:
    """The Chinese for an "unknown X 'id'" reference whose record is in a workbook row refused for
    its own problem, or in a sheet not read (``unread``: id → the sheet's name as it is); None
    when the record is nowhere (the reference is wrong) or the message is another. ``path`` is the
    problem's ($.complaints[0].department): a complaint's department cell is told as a complaint's."""
    m = _UNKNOWN.match(message)
    if m is None:
        return _named_id(message, merged) or _named_office(message, merged)
    collections, zh = _COLLECTIONS[m[1]], KIND_ZH[m[1]]
    try:
        rid = ast.literal_eval(m[2])
    except (ValueError, SyntaxError):
        return None
    for name in collections:
        entry = merged.get(name, {}).get(rid)
        origin = entry.origin if entry is not None else None
        if origin is not None and origin.sheet is not None:
            place = f"{origin.source} {origin.cell()}" if with_book else origin.cell()
            return (
                f"{zh} {rid} 在 {place}，但那一行本身有问题、未能读入（见对第 {origin.row} 行的提示）；"
                "改正那一行即可，此处不必修改 (referenced record refused for its own problem)"
            )
    if rid in unread:
        return (
            f"{zh} {rid} 在工作表 {unread[rid]} 中，该工作表未能导入（见对它的提示）；"
            "改正该工作表后此处不必修改 (referenced record in a sheet not read)"
        )
    return (
        _office_unit(m[1], rid, merged)
        or _several_ids(m[1], zh, rid, merged, complaint=path.startswith("$.complaints["))
        or _named_record(m[1], zh, rid, merged)
        or _no_such_point(m[1], rid)
        or _county_as_department(m[1], zh, rid, merged, path)
        or _no_such_department(m[1], zh, rid)
        or _no_such_county(m[1], rid, merged, with_book)
    )


#: What clerks type between the items of a list (_fold.LIST_MARKS) and spaces: ids hold none.
_LISTED = re.compile(rf"[{LIST_MARKS}\s]+")
_ID_SHAPE = re.compile(ID_PATTERN).fullmatch


def _several_ids(
    kind: str, zh: str, typed: object, merged: dict[str, dict[Any, Entry]], complaint: bool = False
) -> str | None:
    """Two ids or more in one cell (``city-amr、lh-tax``, ``P379927-002、P379927-003``): a matter
    raised about two departments or by two points at one 座谈, written as clerks write a list, was
    told the ids do not exist and to add the department (clerk c55 04). A cell names one record;
    the matter is written once per department (point), as docs/office.md says. A complaint's
    被反映部门 (``complaint``) is not: more rows would be more complaints (clerk c56 07)."""
    if kind not in ("department", "handling unit", "point") or not isinstance(typed, str):
        return None
    ids = [i for i in _LISTED.split(ascii_code(typed)) if i]
    known = merged.get("points" if kind == "point" else "departments", {})
    # A name typed with a space (市 人社局) is no list of ids: it falls through to the name hint
    # (reviewer r60 01). Two parts that are known ids or have an id's shape make a list.
    if sum(1 for i in ids if i in known or _ID_SHAPE(i) is not None) < 2:
        return None
    unknown = [i for i in ids if i not in known]
    label = "监测点编号" if kind == "point" else "部门编号"
    who = "几个监测点反映的同一事项" if kind == "point" else "涉及几个部门的事项"
    if kind == "handling unit":  # a 交办 row names one unit; 会办 is the city's question (c56 07)
        label, who = "承办单位编号", "会办的，目前只写主办单位，会办单位写在备注（见 docs/complaints.md 的 Open 问题）"
        return f"{typed!r} 写了 {len(ids)} 个{label}：一个交办行只写一个{label}；{who} (one unit a step)"
    if kind == "department" and complaint:  # a complaint about two departments is the city's question
        return (
            f"{typed!r} 写了 {len(ids)} 个部门编号：一件反馈只写一个被反映部门编号（主要被反映的部门），"
            "其他部门请写在 办理过程 收到 一行的备注；反映两个部门的怎样记录尚待市里决定"
            "（见 docs/complaints.md 的 Open 问题） (one department a complaint)"
        )
    return (
        f"{typed!r} 写了 {len(ids)} 个{label}：此处只能写一个{label}；{who}，请分写几行，每行一个{label}"
        "（事项内容照抄）" + (f"；其中 {'、'.join(unknown)} 不是已有的{zh}" if unknown else "") + " (one id a cell)"
    )


def _office_unit(kind: str, typed: object, merged: dict[str, dict[Any, Entry]]) -> str | None:
    """市软建办 (or city, as 联系单位 takes it) typed as the unit of a step it handles itself: told
    the unit's id, city-office, not to add the office as a department (clerk c56 01)."""
    if kind != "handling unit" or not isinstance(typed, str):
        return None
    said = ascii_code(typed)
    if said.lower() not in {"city", "市软环境办", "市软环境建设办公室", *_city_names(merged)}:
        return None
    return (
        f"未知的承办单位 {typed!r}：市软建办自行承办的（如交办了两次都被退回的），承办单位编号写 {CITY_OFFICE_UNIT}，"
        "不要在 部门 工作表补市软建办 (the city office's own unit)"
    )


def _no_such_point(kind: str, rid: object) -> str | None:
    """A point id no row of the 监测点 sheet holds, and no name: mistyped, or the point's row
    deleted. A clerk whose point was removed (撤销) mid-year deleted its row, and was told
    "未知的监测点" at each of its contacts, "改正一处的写法" of them (clerk c48): a removed point
    keeps its row, ended by its 截止日期."""
    if kind != "point":
        return None
    return (
        f"未知的监测点 {rid!r}：监测点 表中没有这个编号（是写错了编号，还是删除了该监测点的行？）；"
        "已撤销的监测点不要删除其行：保留这一行，在“截止日期”列写撤销生效日期的前一天，"
        "它在册期间的联系记录等照常计入 (no such point; a removed point keeps its row)"
    )


def _county_as_department(
    kind: str, zh: str, typed: object, merged: dict[str, dict[Any, Entry]], path: str
) -> str | None:
    """A county's code in a department-id cell, said to be the county's, with its departments'
    ids, as a county's name in a code cell is told the code: told 未知的部门 … 请在 部门 工作表补一行,
    the clerk would have made the county a department (clerk c60 06: 379902 in 调整建议's 建议部门编号).
    A county's own removal of its point is a 名册调整, not a suggestion. (A county's name is no id at
    all, refused before any reference is looked up.)"""
    if kind not in ("department", "handling unit") or not isinstance(typed, str):
        return None
    code = ascii_code(typed)
    county = merged.get("counties", {}).get(code)
    if county is None:
        return None
    name = ascii_code(str(county.raw.get("name") or "")) or code
    own = sorted(str(d) for d, e in merged.get("departments", {}).items() if str(e.raw.get("county")) == code)
    shown = "、".join(f"{d}（{_name(merged['departments'][d].raw)}）" for d in own[:NEAR_SHOWN])
    more = f" 等 {len(own)} 个" if len(own) > NEAR_SHOWN else ""
    text = (
        f"未知的{zh} {typed!r}：这是县区 {name} 的代码，不是部门编号；此处写部门的编号（部门 工作表的部门编号）"
        + (f"，该县区的部门有 {shown}{more}" if own else "")
        + "；县区本身不是部门，不要把它补进 部门 工作表"
    )
    if path.startswith("$.adjustment_suggestions["):
        text += "；县区自己决定撤销本县区的监测点，记在 名册调整 表，不是调整建议"
    return text + " (a county's code where a department belongs)"


def _no_such_department(kind: str, zh: str, rid: object) -> str | None:
    """A department id (or name) no row of the 部门 sheet holds, nor the dataset: a department a
    point's matter is newly about (市自然资源局) was told "未知的部门" alone, and the clerk did not
    know that a department is a record of its own, to add on the 部门 sheet (clerk c49)."""
    if kind not in ("department", "handling unit"):
        return None
    return (
        f"未知的{zh} {rid!r}：部门 表中没有这个部门；是第一次涉及的部门，请在 部门 工作表补一行（部门编号、名称，"
        "县区的部门写所属县区代码），此处写它的部门编号；已有的部门请写其部门编号 (no such department)"
    )


def _no_such_county(kind: str, code: object, merged: dict[str, dict[Any, Entry]], with_book: bool) -> str | None:
    """A county code no row of the 县区 sheet holds, said with the codes it does hold, the closest
    first: 379092 typed for 379902 was told "未知的县区" alone, and the clerk could not tell a
    typo from a missing 县区 row (clerk c62 01)."""
    if kind != "county" or not isinstance(code, str):
        return None
    named = {str(c): ascii_code(str(e.raw.get("name") or "")) for c, e in merged.get("counties", {}).items()}
    if not named:
        return (
            f"未知的县区 {code!r}：县区 表中没有 {code}，也还没有任何县区；请先在 县区 工作表填写县区的一行"
            "（县区代码、名称、类型、经贸委） (no such county; no county rows)"
        )
    near = [c for c, _ in closest_codes(code, named)]
    shown = "、".join(f"{c} {named[c]}".rstrip() for c in near[:NEAR_SHOWN])
    more = f" 等 {len(near)} 个" if len(near) > NEAR_SHOWN else ""
    return (
        f"未知的县区 {code!r}：县区 表中没有 {code}；{'已有' if with_book else '本工作簿'}的县区有 {shown}{more}；"
        "是写错了代码的，请改为其中一个；是新设的县区，请在 县区 工作表补一行 (no such county; the counties given)"
    )


def _named_record(kind: str, zh: str, typed: object, merged: dict[str, dict[Any, Entry]]) -> str | None:
    """A department's or a point's **name** where its id belongs (`市人社局` in 涉及部门编号, the
    enterprise's name in 监测点编号), said with the id to write, as a county's name is with its
    code: the clerk types the name she knows (clerk c35: `未知的部门 '市人社局'` said nothing of city-hr)."""
    if kind not in ("department", "complaint department", "handling unit", "point") or not isinstance(typed, str):
        return None
    name = ascii_code(typed)
    collection = "points" if kind == "point" else "departments"
    ids = sorted(
        str(rid) for rid, e in merged.get(collection, {}).items() if name and _name(e.raw) == name and rid != typed
    )
    label = "监测点编号" if kind == "point" else "部门编号"
    if not ids:
        return _near_named(kind, zh, typed, name, merged.get(collection, {}), label)
    return (
        f"未知的{zh} {typed!r}：这是名称，请写{label} {'、'.join(ids)}"
        + (f"（该企业有 {len(ids)} 条监测点记录，请按日期选其一）" if len(ids) > 1 else "")
        + " (a name where the id belongs)"
    )


def _near_named(kind: str, zh: str, typed: str, name: str, entries: dict[Any, Entry], label: str) -> str | None:
    """A part of a name (`人社局` for 市人社局 or 青山县人社局, `青山机械` for 青山机械有限公司) or a
    name typed a little wrong, said with the records whose names are nearest, each as id（name）:
    the clerk typed the name she says aloud and was told only "未知的部门" (clerk c40)."""
    named = {str(rid): _name(e.raw) for rid, e in entries.items()}
    named = {rid: n for rid, n in named.items() if n and rid != typed}
    if len(name) < 2 or not named:  # one character is a part of too many names to be a hint
        return None
    near = nearest_keys(name, dict(sorted(named.items())), 0.6)
    if not near:
        return None
    shown = "、".join(f"{rid}（{named[rid]}）" for rid in near[:NEAR_SHOWN])
    more = f" 等 {len(near)} 个" if len(near) > NEAR_SHOWN else ""
    return (
        f"未知的{zh} {typed!r}：没有这个名称的{zh}，名称相近的有 {shown}{more}；请写其中一个的{label}"
        " (no such name; the nearest names given)"
    )


#: The id check's refusal (model/ids.py), with what was typed: a name has characters no id has.
_INVALID_ID = re.compile(r"^invalid id ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"): use .*$")


def _named_id(message: str, merged: dict[str, dict[Any, Entry]]) -> str | None:
    """A point's enterprise name (or a department's name) typed in an id cell, refused as no id
    at all before any reference was looked up: said with the id to write, as an unknown one is
    (clerk c39: `编号 '青山县绿源食品有限公司' 无效:只能用…英文字母` in 联系记录's 监测点编号)."""
    m = _INVALID_ID.match(message)
    if m is None:
        return None
    try:
        typed = ast.literal_eval(m[1])
    except (ValueError, SyntaxError):
        return None
    for kind in ("point", "department"):
        said = _named_record(kind, KIND_ZH[kind], typed, merged)
        if said is not None:
            return (
                said.replace(f"未知的{KIND_ZH[kind]} ", "编号 ", 1)
                .replace("：这是名称", " 无效：这是名称", 1)
                .replace("：没有", " 无效：没有", 1)
            )
    return None


def _name(raw: dict[str, Any]) -> str:
    """A department's name, or a point's enterprise name (nested or as its workbook column)."""
    enterprise = raw.get("enterprise")
    name = enterprise.get("name") if isinstance(enterprise, dict) else raw.get("enterprise.name", raw.get("name"))
    return ascii_code(str(name or ""))


#: The checks' refusal of a county code cell (model/divisions.py, io/references.py), with what was typed.
_NOT_A_CODE = re.compile(r"^expected (a six-digit GB/T 2260 code|'city' or a county code), got ('(?:[^'\\]|\\.)*')$")


def _named_office(message: str, merged: dict[str, dict[Any, Entry]]) -> str | None:
    """A county code cell holding a county's name (青林县, or its office 青林县经贸委) said with the
    code to write, as ``--audience county:青林县`` is; the city's name in a 联系单位 or 承办 cell
    (city or a county code) with ``city``. None when the text names no county or city (c30 02)."""
    m = _NOT_A_CODE.match(message)
    if m is None:
        return None
    typed = ascii_code(ast.literal_eval(m[2]))
    either = m[1] != "a six-digit GB/T 2260 code"
    said = _county_said(typed, merged)
    if said is None and either and typed in _city_names(merged):
        said = "市里（市经贸委）的请写 city (the city's name for city)"
    if said is None:
        return None
    wanted = "应为 city 或县区代码" if either else "应为6位行政区划代码"
    return f"{wanted}，而不是 {typed!r}；{said}"


def _county_said(typed: str, merged: dict[str, dict[Any, Entry]]) -> str | None:
    for e in merged.get("counties", {}).values():
        code, name = str(e.raw.get("code")), ascii_code(str(e.raw.get("name") or ""))
        if typed == name:
            return f"{name} 的代码是 {code}，请写 {code} (a county's name for its code)"
        if typed == ascii_code(str(e.raw.get("liaison_office") or "")):
            return f"{typed} 是 {name or code} 的经贸委，代码是 {code}，请写 {code} (a county's name for its code)"
    return None


def _city_names(merged: dict[str, dict[Any, Entry]]) -> set[str]:
    names = {"市", "市里", "全市", "市级", "市经贸委", "市软建办"}
    for e in merged.get("city", {}).values():
        names |= {ascii_code(str(e.raw.get(k) or "")) for k in ("name", "office", "liaison_office")}
    return names - {""}


def items_unread(path: str, message: str, origins: dict[str, Entry], unread: dict[str, str]) -> str | None:
    """A report (``path``: it or its amendment) told to list items or be a 零报告, whose 月报事项
    rows were not read: the sheet renamed, or a row's 修改序号 refused (``unread``, by
    :func:`unread_ids` and workbook_children.attach_children). Following "没有事项的请把零报告写为“是”"
    there marked a report with items a zero report (clerk c53 02)."""
    m = re.match(r"\$\.reports\[\d+\]", path)
    if message != NO_ITEMS or m is None or (report := origins.get(m.group())) is None:
        return None
    pid = str(report.raw.get("id"))
    if (typed := unread.get(f"月报事项 {pid}")) is not None:
        where = f"在工作表 {typed} 中，该工作表未能导入"
    elif (cell := unread.get(f"月报事项#{pid}")) is not None:
        where = f"有一行（{cell}）的修改序号未能读入"
    else:
        return None
    return (
        f"月报 {pid} 的事项{where}（见对它的提示），所以这里没有读到事项；改正后此处不必修改，"
        "不要因此把零报告改为“是” (items not read)"
    )


def parent_explained(problem: str, unread: dict[str, str]) -> str:
    """A child row's "所属记录 … 不在本工作簿中" whose record is in a sheet not read, said so; and
    "没有修改序号为 1 的月报修改" when the report's 月报修改 rows are on a sheet not read (clerk c53 02)."""
    amended = re.search(r"月报 (\S+) 没有修改序号为 \d+ 的月报修改$", problem)
    if amended is not None and (typed := unread.get(f"月报修改 {amended[1]}")) is not None:
        return problem + f"（月报修改 在工作表 {typed} 中，该工作表未能导入，见对它的提示）"
    m = re.search(r"所属记录 (\S+) 不在.*中 \(unknown parent record\)$", problem)
    if m is None or m[1] not in unread:
        return problem
    return (
        problem[: m.start()] + f"所属记录 {m[1]} 在工作表 {unread[m[1]]} 中，该工作表未能导入（见对它的提示）；"
        "改正该工作表后此处不必修改 (parent record in a sheet not read)"
    )


__all__ = ["explained", "items_unread", "parent_explained", "unread_ids"]
