"""Auditor a30: complaint handling cases computed by hand from the policy (DESIGN "Complaint
limits", docs/complaints.md, docs/data-format.md), each a minimal dataset built on
examples/small-dataset.json.

2025 arrangement (国办发明电〔2024〕12号): off 01-01, 01-28…02-04, 04-04, 05-01…05-05, 06-02,
10-01…10-08; make-up working days Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11.
City limits (working days, counted from the Beijing day a step opened, due 23:59:59 Beijing):
accept 1, sign 1, resolve 15 (投诉) / 5 (意见建议), one extension ≤ 15, follow-up 2.
Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.analyses.complaint_handling import complaint_status, sla_for

EXAMPLE = Path(__file__).parent.parent / "examples" / "small-dataset.json"
BJ = "+08:00"


def _event(kind: str, at: str, **fields: Any) -> dict[str, Any]:
    event = {"type": kind, "at": at, "actor": "市软建办", "note": None, "unit": None}
    event.update({"satisfaction": None, "verdict": None, "extension_days": None})
    event.update(fields)
    return event


def _complaint(cid: str, events: list[dict[str, Any]], kind: str = "complaint") -> dict[str, Any]:
    return {
        "id": cid,
        "kind": kind,
        "point": "P-379902-1",
        "department": "city-amr",
        "category": "enforcement",
        "text": "同一事项一个月内被三个部门分别检查",
        "consent_to_disclose": False,
        "events": events,
    }


def _dataset(*complaints: dict[str, Any]) -> se.Dataset:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    doc["complaints"] = list(complaints)
    return se.loads_dataset(doc)


def _status(ds: se.Dataset, cid: str, at: str, *, ending: bool = False) -> tuple[Any, ...]:
    from softenv_core.rules.registry import get_plugin_manager

    pm = get_plugin_manager(autoload=False)
    cal = se.WorkCalendar()
    (c,) = [c for c in ds.complaints if c.id == cid]
    s = complaint_status(
        c, datetime.fromisoformat(at), sla_for(pm, ds, c, cal, se.baseline_parameters()), cal, ending=ending
    )
    due = s.due_at.isoformat() if s.due_at else None
    return s.state.value, s.open_step and s.open_step.value, due, s.overdue_workdays, s.supervision_due


# --- 1. 督办 at an overdue acceptance -------------------------------------------------------
#
# Received Tue 2025-09-30 10:00: accept due 1 working day after, across 国庆: Thu 10-09. At
# Fri 10-10 00:00 it is 1 working day overdue and 督办 is due (DESIGN: "Overdue → supervision
# (督办) is due"). docs/complaints.md and docs/data-format.md: "Supervision (督办) may come at
# any open step" — the accept step is open, so the 督办 of 10-10 10:00 is a record, and after
# it no further 督办 is due. The loader refused it ("supervised cannot come when the complaint is
# received"): an overdue acceptance showed 督办 due in every report, with no way to record it.


def test_supervision_of_an_overdue_acceptance_is_recorded_and_satisfies_it() -> None:
    received = _event("received", "2025-09-30T10:00:00" + BJ)
    bare = _dataset(_complaint("Q1", [received]))
    assert _status(bare, "Q1", "2025-10-10T00:00:00" + BJ) == (
        "received",
        "accept",
        "2025-10-09T23:59:59+08:00",
        1,
        True,
    )
    ds = _dataset(_complaint("Q1", [received, _event("supervised", "2025-10-10T10:00:00" + BJ)]))
    # At October's end: overdue 10-10, Sat 10-11 (make-up), 10-13…10-31 = 17 working days; 督办 done.
    assert _status(ds, "Q1", "2025-11-01T00:00:00" + BJ, ending=True) == (
        "supervised",
        "accept",
        "2025-10-09T23:59:59+08:00",
        17,
        False,
    )


def test_supervision_may_come_while_the_closing_is_open() -> None:
    """After the follow-up the close step (待结案) is open: 督办 may come then too (the same
    sentence of the docs); only before receipt and after the complaint is finished is it refused."""
    events = [
        _event("received", "2025-03-03T09:00:00" + BJ),
        _event("accepted", "2025-03-04T10:00:00" + BJ),
        _event("assigned", "2025-03-04T11:00:00" + BJ, unit="city-amr"),
        _event("signed", "2025-03-05T09:00:00" + BJ),
        _event("resolved", "2025-03-18T16:00:00" + BJ, verdict="substantiated"),
        _event("followed_up", "2025-03-19T10:00:00" + BJ, satisfaction="satisfied"),
        _event("supervised", "2025-03-20T10:00:00" + BJ),
        _event("closed", "2025-03-21T11:00:00" + BJ),
    ]
    ds = _dataset(_complaint("Q2", events))
    assert _status(ds, "Q2", "2025-03-22T00:00:00" + BJ)[:2] == ("closed", None)
    late = _event("supervised", "2025-03-22T10:00:00" + BJ)
    with pytest.raises(se.InputError, match="supervised cannot come when the complaint is closed"):
        _dataset(_complaint("Q3", [*events[:-2], events[-1], late]))


# --- 2. events out of time order, given to complaint_status from Python -----------------------
#
# received 09-01 09:00, accepted 09-01 10:00, then listed: signed 09-03 10:00, assigned 09-02
# 10:00. In time order it was assigned 09-02 and signed 09-03 (sign due 09-03: in time), its
# resolve step open, due 15 working days after 09-03 = 09-24. The loader refuses such a record
# (DESIGN principle 3: impossible event orders are errors); complaint_status walked it in the
# order listed and answered, silently, "assigned, waiting for a signature due 09-03".


def test_complaint_status_refuses_events_out_of_time_order() -> None:
    from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
    from softenv_core.model.reports import ItemCategory
    from softenv_core.rules.city.baseline import baseline_sla

    def event(kind: EventType, at: str, unit: str | None = None) -> ComplaintEvent:
        return ComplaintEvent(kind, datetime.fromisoformat(at + BJ), "市软建办", unit=unit)

    received = event(EventType.RECEIVED, "2025-09-01T09:00:00")
    accepted = event(EventType.ACCEPTED, "2025-09-01T10:00:00")
    signed = event(EventType.SIGNED, "2025-09-03T10:00:00")
    assigned = event(EventType.ASSIGNED, "2025-09-02T10:00:00", unit="city-amr")

    def complaint(*events: ComplaintEvent) -> Complaint:
        return Complaint(
            "QX", ComplaintKind.COMPLAINT, "P-379902-1", "city-amr", ItemCategory.ENFORCEMENT, "测试", events=events
        )

    sla = baseline_sla(ComplaintKind.COMPLAINT, se.baseline_parameters(), on=date(2025, 9, 1))
    at = datetime.fromisoformat("2025-09-10T00:00:00" + BJ)
    in_order = complaint_status(complaint(received, accepted, assigned, signed), at, sla, None)
    assert (in_order.open_step, in_order.due_at.isoformat()) == ("resolve", "2025-09-24T23:59:59+08:00")
    with pytest.raises(
        se.FieldInvalid,
        match=r"QX: impossible order of events: events\[2\]: signed cannot follow accepted.*events\[3\]: assigned at",
    ):
        complaint_status(complaint(received, accepted, signed, assigned), at, sla, None)
