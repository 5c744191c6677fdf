"""Section 三's 定人 part of the monitoring report as Markdown lines (定人联系工作量): split from
render.monitoring_sections, which holds the other sections."""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.analyses.report_rows import WorkloadRow
from softenv_core.render.report_format import WITHHELD, _Doc, _md_table, contact_office

#: How many of the persons tied for the most points the Word report names before counting the rest.
_NAMED_BUSIEST = 3


def busiest_named(workload: Sequence[WorkloadRow]) -> str:
    """The Word report's ``（张三）`` after 最多N个: every person with the most points, the first
    three then 等N人; it named the first alone, so with three persons of one point each it read
    as if 张三 were the busiest (clerk c46). Empty when no such person is named to the reader.
    The tie is counted with the persons withheld from the reader (another county's, ``person``
    None): a county's version named its own three alone while nine tied, as if its three were
    the city's busiest (clerk c63 03); it reads ``（西联系人1、西联系人2、西联系人3等9人）``."""
    most = max(w.points for w in workload)
    tied = [w.person for w in workload if w.points == most]
    named = [p for p in tied if p][:_NAMED_BUSIEST]
    if not named:
        return ""
    more = f"等{len(tied)}人" if len(tied) > len(named) else ""
    return "（" + "、".join(named) + more + "）"


def _workload(d: _Doc) -> list[str]:
    """Section 三's 定人 part: points per liaison person (联系人工作量)."""
    r, zh = d.report, d.zh
    if not r.liaison_workload and not r.liaison_unassigned:
        return []
    out = ["", "### 定人联系工作量" if zh else "### Liaison persons' workload", ""]
    if not r.liaison_workload:  # nobody named at all: a sentence, not a table of no rows
        return [
            *out,
            f"未指定联系人的监测点{r.liaison_unassigned}个。"
            if zh
            else f"{r.liaison_unassigned} points with nobody named.",
        ]
    rows = [
        [
            contact_office(r, w.office, d.names, zh),  # the table above's name (市经贸委（市直）: a67 05)
            w.person or WITHHELD["zh" if zh else "en"],
            w.points,
        ]
        for w in r.liaison_workload
    ]
    out.append(_md_table(["联系单位", "联系人", "监测点数"] if zh else ["Office", "Liaison person", "Points"], rows))
    counts = [w.points for w in r.liaison_workload]
    out += [
        "",
        f"联系人{len(counts)}名，人均联系监测点{sum(counts) / len(counts):.1f}个，最多{max(counts)}个"
        + (f"；未指定联系人的监测点{r.liaison_unassigned}个。" if r.liaison_unassigned else "。")
        if zh
        else f"{len(counts)} liaison persons, {sum(counts) / len(counts):.1f} points each on average, "
        f"at most {max(counts)}"
        + (f"; {r.liaison_unassigned} points with nobody named." if r.liaison_unassigned else "."),
    ]
    return out


__all__: list[str] = []
