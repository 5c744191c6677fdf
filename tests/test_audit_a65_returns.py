"""Auditor a65 02: after two returns (退回) 市软建办 handles a ticket itself (unit ``city-office``,
docs/complaints.md), yet a third 退回 — 市软建办 returning the ticket to itself — was accepted, and
the ticket waited 待交办 for ever: the assign step has no limit, so it was never overdue and no
督办 fell due, month after month. The third return is refused at its event's type (``$.path…type``,
the 环节 cell: clerk c56)."""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

import softenv_core as se
from softenv_core.model.complaints import CITY_OFFICE_UNIT, Complaint, ComplaintEvent, ComplaintKind, EventType
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

OFFICE = "市软建办"


def _at(m: int, d: int, h: int = 10) -> datetime:
    return datetime(2025, m, d, h, tzinfo=BEIJING)


def _ev(kind: EventType, at: datetime, actor: str = OFFICE, **kw) -> ComplaintEvent:
    return ComplaintEvent(kind, at, actor, **kw)


_TWICE_RETURNED = (
    _ev(EventType.RECEIVED, _at(10, 15)),
    _ev(EventType.ACCEPTED, _at(10, 15, 11)),
    _ev(EventType.ASSIGNED, _at(10, 15, 12), unit="city-amr"),
    _ev(EventType.RETURNED, _at(10, 16), "市市场监管局"),
    _ev(EventType.ASSIGNED, _at(10, 17), unit="379902-amr"),
    _ev(EventType.RETURNED, _at(10, 20), "甲区市场监管局"),
    _ev(EventType.ASSIGNED, _at(10, 21, 9), unit=CITY_OFFICE_UNIT),
)


def _dataset(*events: ComplaintEvent):
    c = Complaint(
        "R3", ComplaintKind.COMPLAINT, "P-379902-1", "379902-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )
    return attrs.evolve(small_dataset(2025), complaints=(c,))


def test_the_city_office_returning_a_ticket_to_itself_after_two_returns_is_refused():
    ds = _dataset(*_TWICE_RETURNED, _ev(EventType.RETURNED, _at(10, 21, 15)))
    with pytest.raises(se.InputError) as info:
        se.validate(ds)
    assert list(info.value.problems) == [
        "$.complaints[0] (R3).events[7].type: a third return: after two returns 市软建办 handles the complaint itself "
        "(unit 'city-office') and has no one to return it to; record its signing (signed)"
    ]


def test_signed_by_the_city_office_it_runs_to_its_limit_and_falls_overdue():
    ds = _dataset(*_TWICE_RETURNED, _ev(EventType.SIGNED, _at(10, 21, 10)))
    se.validate(ds)
    c = ds.complaints[0]
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    sla = se.sla_for(se.city_plugin_manager(), ds, c, cal, params)
    st = se.complaint_status(c, datetime(2026, 1, 1, tzinfo=BEIJING), sla, cal, ending=True)
    # resolve due 11-11 (15 working days from 10-21); by 12-31's end 13 days of November and
    # 23 of December late (the auditor's hand figure), with 督办 due
    assert (st.overdue_workdays, st.supervision_due) == (36, True)
