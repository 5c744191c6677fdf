"""The Chinese of the messages for a point removed and then added again on its one record
(model/designations.py, auditor a64 02): both say what docs/data-format.md "A re-designation"
says to do, a new point record of the same enterprise. The one table of translations
(io/workbook_messages.py) takes these in."""

from __future__ import annotations

import re
from collections.abc import Callable

ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(
            r"^adds (\S+) again effective (\S+), after (\S+) \((\S+)\) removed it effective (\S+): a point "
            r"record holds one interval, .*designated_until (\S+)\) and the months owed in it \("
        ),
        lambda m: (
            f"再次增设 {m[1]}（生效 {m[2]}），而名册调整 {m[4]}（{m[3]}）已撤销 {m[1]}（生效 {m[5]}）："
            "一条监测点记录只有一个确定期间，重新确定应新建一条同一企业（统一社会信用代码相同）、新编号的监测点记录，"
            f"确定日期 {m[2]}，并在本条名册调整中填写该新编号；{m[1]} 的记录保留原来的确定期间"
            f"（确定日期为最初确定之日，截止日期 {m[6]}）及其间应报的月份（见 docs/data-format.md“A re-designation”）"
        ),
    ),
    (
        re.compile(
            r"^removes (\S+) effective (\S+), before (\S+) (\S+); if \S+ was designated before and added again "
            r"effective \S+ \(by (\S+) \((\S+)\)\): a point record holds one interval, .* designated until (\S+), "
        ),
        lambda m: (
            f"撤销 {m[1]} 的生效日期 {m[2]} 早于该监测点的确定日期 {m[4]}（{m[3]}）；如该企业此前已是监测点、"
            f"又由名册调整 {m[6]}（{m[5]}）于 {m[4]} 重新确定：一条监测点记录只有一个确定期间，应为此前的确定期间"
            f"新建一条同一企业（统一社会信用代码相同）、新编号的监测点记录，截止日期 {m[7]}，"
            "并在本条名册调整中填写该新编号（见 docs/data-format.md“A re-designation”）"
        ),
    ),
)

__all__ = ["ZH_RULES"]
