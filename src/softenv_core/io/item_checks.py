"""The checks of the items a contact or a report raised, and of a report's submission times,
beyond the model's own (split from io/references.py, whose table :data:`CHECKS` calls them).

Each problem is ``$.path: message``. A record read in part (io/salvage.py) may come here: an
item whose 类别 was refused keeps the department and point it names, checked all the same, and
a report's times and its items are checked apart, so that a refused 报送时间 does not hide its
items' unknown departments and points (clerk c59 01, 03; docs/office.md §3: every problem at once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from softenv_core.io.event_words import typed_moment
from softenv_core.model.periods import since_epoch
from softenv_core.model.reports import Item


def item_problems(path: str, items: Iterable[Item], departments: set[str], points: set[str]) -> list[str]:
    """The departments and points the ``items`` at ``path`` name that are not known."""
    out = []
    for j, item in enumerate(items):
        # An item read in part has each field read checked; one it could not read (None here)
        # was told at its own cell (clerk c59 03).
        department, point = getattr(item, "department", None), getattr(item, "point", None)
        if department is not None and department not in departments:
            out.append(f"{path}[{j}].department: unknown department {department!r}")
        if point is not None and point not in points:
            out.append(f"{path}[{j}].point: unknown point {point!r}")
    return out


def report_time_problems(path: str, r: Any, as_of: datetime | None) -> Iterator[str]:
    """A report submitted before its month ended or after ``as_of``; an amendment earlier than
    the submission before it, named with its path and time (clerk c62 02: "早于前一次报送" alone
    left the clerk to find which submission, and when, herself)."""
    if r.submitted_at < r.month.end:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is before month {r.month} has ended"
    if as_of is not None and r.submitted_at > as_of:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is in the future"
    # As durations: two moments in one summer-time zone object (zoneinfo) compare by their
    # clock, blind to the repeated hour.
    previous, before, which = since_epoch(r.submitted_at), r.submitted_at, f"{path}.submitted_at (the original report)"
    for j, a in enumerate(r.amendments):
        this = since_epoch(a.submitted_at)
        if this < previous:
            yield (
                f"{path}.amendments[{j}].submitted_at: earlier than the submission before it: "
                f"{a.submitted_at.isoformat()} is before {which}, submitted {before.isoformat()}"
            )
        previous, before, which = this, a.submitted_at, f"{path}.amendments[{j}].submitted_at (amendment {j + 1})"


def report_item_problems(path: str, r: Any, departments: set[str], points: set[str]) -> Iterator[str]:
    """The unknown departments and points of a report's items and of each amendment's."""
    yield from item_problems(f"{path}.items", r.items, departments, points)
    for j, a in enumerate(r.amendments):
        # An amendment read in part (its 报送时间 refused): its items are checked still.
        yield from item_problems(f"{path}.amendments[{j}].items", getattr(a, "items", ()), departments, points)


def _month_not_ended(m: re.Match[str]) -> str:
    """A report dated before its month ended: most often a row copied from last month's, its 编号
    and 所报月份 changed and its 报送时间 not (clerk c62 02)."""
    return (
        f"报送时间 {typed_moment(m[1])} 早于所报月份 {m[2]} 结束：月报在所报月份结束后报送；请核对这一格"
        "（从上个月的行复制来的，常常改了编号和所报月份、忘了改报送时间：请改为本月月报实际报送的时刻），"
        "或所报月份是否写错"
    )


def _amended_before(m: re.Match[str]) -> str:
    """An amendment dated before the submission it follows, with that one's cell and time."""
    which = "原报" if m[3] == "the original report" else f"修改{m[4]}"
    return (
        f"报送时间 {typed_moment(m[1])} 早于前一次报送（{which} {m[2]}，{typed_moment(m[5])}）："
        "修改在原报之后报送，按修改序号先后，时间不能倒退；请核对这一格（写这次修改实际报送的时刻）"
        f"和 {m[2]}"
    )


#: The Chinese of the messages above (the one table, io/workbook_messages.py, takes these in).
ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^(\S+) is before month (\S+) has ended$"), _month_not_ended),
    (
        re.compile(
            r"^earlier than the submission before it: (\S+) is before (\S+) "
            r"\((the original report|amendment (\d+))\), submitted (\S+)$"
        ),
        _amended_before,
    ),
)


__all__ = ["ZH_RULES", "item_problems", "report_item_problems", "report_time_problems"]
