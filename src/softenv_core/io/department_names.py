"""Dataset warnings (提示) on two department records of one name (newcomer n01 02).

A department is known by its id: section 四's department table, 共性问题 (points of several
counties about one department), 万人评议 and the handling units' 三率 count by it. Two counties that
each add the city's 市市场监管局 under their own id (``city-amr``, ``bh-amr``) thus split its
matters in two, and a 共性问题 that only their sum reaches is missed, without a word. Two records
of the same name under the same county (or both 市直) are told here, naming both ids, with the
advice to use one id (the city's, for a 市直 department). It is not refused: two departments may
share a name the data does not tell apart, and which id stands is the city's to say.

Names are compared as _fold.normalised reads them with its plain fold (UPPER: NFKC, without
invisible format characters, upper case; not the credit-code fold, which reads a Latin O as 0:
reviewer r60 12), outer spaces stripped. Each message is ``$.path: message``; the Chinese
is :data:`ZH_RULES`, which io/workbook_messages.py takes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from softenv_core._fold import UPPER, normalised
from softenv_core.model.dataset import Dataset


def department_name_warnings(dataset: Dataset) -> list[str]:
    """Each department record whose name (and county, None for 市直) an earlier record has,
    told at the later record, naming the first."""
    first: dict[tuple[str, str | None], tuple[int, str]] = {}
    out = []
    for i, d in enumerate(dataset.departments):
        key = (normalised(d.name, table=UPPER)[0].strip(), d.county)
        j, first_id = first.setdefault(key, (i, d.id))
        if j == i:
            continue
        where = "city-level (市直)" if d.county is None else f"of county {d.county}"
        out.append(
            f"$.departments[{i}] ({d.id}).name: “{_shown(d.name.strip())}” is also the name of $.departments[{j}] "
            f"({first_id}), both {where}: two ids are two departments, so matters, complaints and ratings "
            f"are counted apart under {first_id} and {d.id} (a common problem may be missed); if they are one "
            "department, write one id in every record (for a 市直 department, the city's id)"
        )
    return out


def _shown(name: str) -> str:
    """The name as written, its invisible characters as escapes (a zero-width space pasted with it
    shows as \\u200b): quoted “…”, not by repr, whose quotes change with a ' in the name and whose
    backslashes double, so that the Chinese rule below read no such name (reviewer r60 03)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(
            r"^“(.*)” is also the name of (\S+) \((\S+)\), both (city-level \(市直\)|of county (\S+)): "
            r"two ids are two departments, so matters, complaints and ratings are counted apart under (\S+) and (\S+) "
        ),
        lambda m: (
            f"部门名称“{m[1]}”与 {m[2]}（{m[3]}）相同，且同为"
            + ("市直部门" if m[5] is None else f"县区 {m[5]} 的部门")
            + f"：两个编号按两个部门计，{m[6]} 和 {m[7]} 的反映事项、投诉和评议分开统计（共性问题可能因此漏列）；"
            "如是同一部门，请在所有记录中只用一个编号（市直部门用市软建办给出的部门编号）"
        ),
    ),
)

__all__ = ["ZH_RULES", "department_name_warnings"]
