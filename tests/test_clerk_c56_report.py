"""Clerk c56 (市软建办), the monthly report's section 五.

05 The Markdown complaint table of a department's, county's or the city's version wrote "—" for
   not overdue, no due day and not assigned, under the note that "—" marks a hidden number; it
   now writes 未超期 / 无 / 未交办, the Word version's words (render/report_format.COMPLAINT_BLANKS).
"""

from __future__ import annotations

from datetime import datetime

import attrs

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType, Satisfaction, Verdict
from softenv_core.model.periods import Month
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

T = EventType


def _at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=BEIJING)


def _complaint(cid: str, *events: ComplaintEvent, point: str = "P-379902-1") -> Complaint:
    return Complaint(
        cid, se.ComplaintKind.COMPLAINT, point, "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )


RECEIVED = (ComplaintEvent(T.RECEIVED, _at(6, 27, 9), "软建办"), ComplaintEvent(T.ACCEPTED, _at(6, 27, 10), "软建办"))
ASSIGNED = (*RECEIVED, ComplaintEvent(T.ASSIGNED, _at(6, 27, 11), "软建办", unit="city-amr"))
SIGNED = (*ASSIGNED, ComplaintEvent(T.SIGNED, _at(6, 27, 15), "市市场监管局"))
CLOSED = (
    *SIGNED,
    ComplaintEvent(T.RESOLVED, _at(6, 28), "市市场监管局", verdict=Verdict.SUBSTANTIATED),
    ComplaintEvent(T.FOLLOWED_UP, _at(6, 29), "软建办", satisfaction=Satisfaction.SATISFIED),
    ComplaintEvent(T.CLOSED, _at(6, 30), "软建办"),
)
#: Signed 06-03, never resolved: 15 working days ran out in June, overdue and supervision due at the end.
LATE = (
    ComplaintEvent(T.RECEIVED, _at(6, 3, 9), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(6, 3, 10), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(6, 3, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.SIGNED, _at(6, 3, 15), "市市场监管局"),
)


def _dataset() -> se.Dataset:
    # several of each: a small count is hidden from a department and a county (analyses/disclosure.py)
    kinds = (RECEIVED, SIGNED, CLOSED, LATE) * 3
    ds = small_dataset(2025, counties=("379902",))
    points = [p.id for p in ds.points]
    complaints = tuple(_complaint(f"Q{i}", *events, point=points[i % len(points)]) for i, events in enumerate(kinds))
    return attrs.evolve(ds, complaints=complaints)


def _section5_cells(audience: str) -> list[list[str]]:
    report = se.monitoring_report(_dataset(), Month(2025, 6), audience=audience)
    md = se.render_markdown(report)
    section = md.split("## 五")[1].split("## 六")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [[c.strip() for c in line.strip("|").split("|")] for line in rows[1:]]


def test_05_section5_in_markdown_writes_words_not_the_hidden_mark() -> None:
    # One renderer function writes the rows of every audience's version (render/monitoring_sections.
    # _complaint_cells); the city's lists all three cases (a small dataset's are hidden from the others).
    rows = _section5_cells("city")
    assert not any(c == "—" for row in rows for c in row[4:8]), rows
    cells = {c for row in rows for c in row}
    assert {"未超期", "无", "未交办"} <= cells, rows
    from softenv_core.render.report_format import COMPLAINT_BLANKS

    english = se.render_markdown(se.monitoring_report(_dataset(), Month(2025, 6), audience="city"), lang="en")
    assert all(word in english for word in COMPLAINT_BLANKS["en"])
