"""The Chinese of messages of io/county_checks.py: a complaint about a county's department received
before the county was created (auditor a68 02), a department's suggestion naming another county
than its point's (auditor a71 04). The one table of translations (io/workbook_messages.py) takes
these in. And a county's liaison office named as one of the city's offices (auditor a76 02); a
county's own code typed wrong (clerk c62 01)."""

from __future__ import annotations

import re
from collections.abc import Callable

ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (  # a county's own code typed wrong (clerk c62 01)
        re.compile(
            r"^county (\S+) is named by no record, while (\d+) record\(s\) name county (\S+), which no county "
            r"has: is \S+ mistyped for \S+\?$"
        ),
        lambda m: (
            f"县区代码 {m[1]} 没有任何记录使用，而有 {m[2]} 条记录的县区代码（或联系单位）写的是 {m[3]}，"
            f"县区 表中却没有 {m[3]}：是这一格写错了吗？应为 {m[3]} 的请在这里改正，"
            f"其他各处“未知的县区 '{m[3]}'”的提示随之消除"
        ),
    ),
    (
        re.compile(
            r"^(\S+) is of county (\S+), created (\S+), but the complaint was received (\S+); a complaint about "
            r"a county's department is received on a day the county exists"
        ),
        lambda m: (
            f"被反映部门 {m[1]} 属于县区 {m[2]}，该县区 {m[3]} 才设立，而这件反馈 {m[4]} 收到："
            "反馈只能针对收到之日已设立的县区的部门，请改正被反映部门或收到日期"
        ),
    ),
    (
        re.compile(
            r"^'(\S+)' but point (\S+) is of county (\S+); a suggestion about a point concerns its point's county$"
        ),
        lambda m: f"调整建议写的县区是 {m[1]}，但监测点 {m[2]} 属于 {m[3]}；针对监测点的调整建议应写该监测点所在县区",
    ),
    (
        re.compile(
            r"^'(.+)' is a name of the city's offices \((.+)\), under which the city decides waivers; a county's "
            r"own waiver decided by its office would count as the city's: write the county's own office "
            r"\(such as (.+)\)$"
        ),
        # Reworded (reviewer r63 08): what the city does with the names, then why it matters.
        lambda m: (
            f"经贸委名称 {m[1]} 是市级机构的名称（{m[2].replace(', ', '、')}）：市里按这些名称认定市级豁免，"
            f"本县区决定的豁免写这个名称将无法区分。请写本县区经贸委的全称（如 {m[3]}）"
        ),
    ),
    (
        re.compile(
            r"^'(.+)' is also a name topten.waiver_deciders gives the city \(for the waivers of (\S+)\), and the "
            r"county's waiver (\S+) is decided_by it: whether the city or the county decided it cannot be told; "
            r"name the county's office otherwise, or take it out of the parameter$"
        ),
        lambda m: (
            f"经贸委名称 {m[1]} 也是参数 topten.waiver_deciders（{m[2]} 的豁免）中市里决定豁免的单位名称，"
            f"而本县区的豁免 {m[3]} 的决定单位正是它：分不清是市里还是县区决定的。"
            "请改写本县区经贸委的名称，或把它从该参数中去掉"
        ),
    ),
)

__all__ = ["ZH_RULES"]
