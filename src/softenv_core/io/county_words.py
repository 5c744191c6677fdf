"""The Chinese of the message for a complaint about a county's department received before the
county was created (io/county_checks.py, auditor a68 02). The one table of translations
(io/workbook_messages.py) takes these in."""

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
)

__all__ = ["ZH_RULES"]
