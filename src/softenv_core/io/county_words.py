"""The Chinese of messages of io/county_checks.py: a complaint about a county's department received
before the county was created (auditor a68 02), a department's suggestion naming another county
than its point's (auditor a71 04). The one table of translations (io/workbook_messages.py) takes
these in."""

from __future__ import annotations

import re
from collections.abc import Callable

ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
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
)

__all__ = ["ZH_RULES"]
