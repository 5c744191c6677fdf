"""The dates of a 万人评议 round that cannot be true, and their Chinese wording.

A round is the programme's for a (year, first or second half) (DESIGN "万人评议"). It may be held
late (a first-half round in September, a second-half one closing in January), but it cannot be
over before its period begins: a round of 2025 closed in 2024 is the year typed wrong (auditor
a44), a second-half round closed in June is December typed as June (auditor a59), and so is one
opened in June though it closes in December (reviewer r55: its window would reach back into the
first half). Each would be owed by the points designated in its window, not those of its half,
and move their duty scores, so each is refused by its ``$.path`` (DESIGN principle 3): a round
is held within its half year or after it, never before.

Each message is ``$.path: message``; the wording in Chinese is :data:`ZH_RULES`, which the one
table of translations (io/workbook_messages.py) takes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from softenv_core.model.appraisals import AppraisalRound


def round_problems(path: str, r: AppraisalRound) -> Iterator[str]:
    """The problems of one round's dates, each as ``$.path: message``."""
    begins = r.period.months[0].first_day
    held = "a round is held in its half year or later"
    if r.closed < r.opened:
        yield f"{path}.closed: before opened"
    elif r.closed.year < r.period.year:
        held = "a round is held in its year or later"
        yield f"{path}.closed: {r.closed} is before the year of its period {r.period}; {held}"
    elif r.closed < begins:
        yield f"{path}.closed: {r.closed} is before its half year {r.period} began on {begins}; {held}"
    elif r.opened < begins:  # closed in its half, opened before it: the window reaches back
        yield f"{path}.opened: opens on {r.opened}, before its half year {r.period} began on {begins}; {held}"


#: The Chinese wording of the messages (io/workbook_messages.py takes them in its table).
ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^closed: before opened$|^before opened$"), lambda m: "结束日期早于开始日期"),
    (
        re.compile(r"^(\S+) is before the year of its period (\S+); a round is held in its year or later$"),
        lambda m: f"结束日期 {m[1]} 早于所属期间 {m[2]} 的年度；万人评议轮次只能在其所属年度或之后举行",
    ),
    (
        re.compile(r"^(\S+) is before its half year (\S+) began on (\S+); a round is held in its half year or later$"),
        lambda m: f"结束日期 {m[1]} 早于所属期间 {m[2]} 的开始日期 {m[3]}；万人评议轮次只能在其所属半年或之后举行",
    ),
    (
        re.compile(
            r"^opens on (\S+), before its half year (\S+) began on (\S+); a round is held in its half year or later$"
        ),
        lambda m: f"开始日期 {m[1]} 早于所属期间 {m[2]} 的开始日期 {m[3]}；万人评议轮次只能在其所属半年或之后举行",
    ),
)

__all__ = ["ZH_RULES", "round_problems"]
