"""The checks of the items a contact or a report raised, and of a report's submission times,
beyond the model's own (split from io/references.py, whose table :data:`CHECKS` calls them).

Each problem is ``$.path: message``. A record read in part (io/salvage.py) may come here: an
item whose 类别 was refused keeps the department and point it names, checked all the same, and
a report's times and its items are checked apart, so that a refused 报送时间 does not hide its
items' unknown departments and points (clerk c59 01, 03; docs/office.md §3: every problem at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

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
    the submission before it."""
    if r.submitted_at < r.month.end:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is before month {r.month} has ended"
    if as_of is not None and r.submitted_at > as_of:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is in the future"
    # As durations: two moments in one summer-time zone object (zoneinfo) compare by their
    # clock, blind to the repeated hour.
    previous = since_epoch(r.submitted_at)
    for j, a in enumerate(r.amendments):
        this = since_epoch(a.submitted_at)
        if this < previous:
            yield f"{path}.amendments[{j}].submitted_at: earlier than the submission before it"
        previous = this


def report_item_problems(path: str, r: Any, departments: set[str], points: set[str]) -> Iterator[str]:
    """The unknown departments and points of a report's items and of each amendment's."""
    yield from item_problems(f"{path}.items", r.items, departments, points)
    for j, a in enumerate(r.amendments):
        # An amendment read in part (its 报送时间 refused): its items are checked still.
        yield from item_problems(f"{path}.amendments[{j}].items", getattr(a, "items", ()), departments, points)


__all__ = ["item_problems", "report_item_problems", "report_time_problems"]
