"""Auditor a58 04: a complaint the point withdraws (撤回) could not be recorded. EventType had no
such event and ``closed`` may only follow a follow-up, so a withdrawn ticket stayed open: overdue
every month with 应督办, counted in 月末超期 and against its unit's 三率 forever. Now ``withdrawn``
may follow any event of a complaint not yet resolved and finishes it: its open step ends undone,
for nobody and against nobody when withdrawn by its due moment, a limit missed after it. And
``rejected`` (不予受理) may follow a return (退回, 待交办) as well as the receipt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import find, given, settings

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.analyses.complaint_handling import year_unit_rates
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType, event_order_problems
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset
from softenv_core.testing.record_strategies import complaints

from .weights import FIND, examples

CAL = se.WorkCalendar()
PARAMS = se.baseline_parameters()


def _at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=BEIJING)


def _complaint(*events: ComplaintEvent, cid: str = "W1") -> Complaint:
    return Complaint(
        cid, se.ComplaintKind.COMPLAINT, "P-379902-1", "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )


def _dataset(*complaints: Complaint) -> se.Dataset:
    return attrs.evolve(small_dataset(2025, counties=("379902", "379921", "379982")), complaints=complaints)


#: a58's W1: received, accepted and assigned to city-amr, signed Fri 08-01 (resolve due Fri 08-22).
SIGNED = (
    ComplaintEvent(EventType.RECEIVED, _at(8, 1, 9), "软建办"),
    ComplaintEvent(EventType.ACCEPTED, _at(8, 1, 10), "软建办"),
    ComplaintEvent(EventType.ASSIGNED, _at(8, 1, 11), "软建办", unit="city-amr"),
    ComplaintEvent(EventType.SIGNED, _at(8, 1, 15), "市市场监管局"),
)


def _withdrawn(month: int, day: int) -> ComplaintEvent:
    return ComplaintEvent(EventType.WITHDRAWN, _at(month, day), "软建办", note="企业撤回")


def _status(complaint: Complaint, at: datetime) -> se.ComplaintStatus:
    ds = _dataset(complaint)
    return se.complaint_status(complaint, at, se.sla_for(se.city_plugin_manager(), ds, complaint, CAL, PARAMS), CAL)


def _unit_rate(report: se.MonitoringReport, unit: str = "city-amr") -> se.UnitRates | None:
    return next((u for u in report.unit_rates if u.unit == unit), None)


def test_a58_withdrawn_after_signing_is_finished_and_counts_for_nobody() -> None:
    w1 = _complaint(*SIGNED, _withdrawn(8, 5))
    ds = _dataset(w1)
    august = se.monitoring_report(ds, "2025-08", audience=se.CITY_OFFICE)
    assert august.complaints_overdue == 0
    (row,) = august.complaints  # received in August: listed, as withdrawn
    assert row.state is se.ComplaintState.WITHDRAWN and row.state.zh == "已撤回"
    assert row.open_step is None and row.due_at is None
    assert row.overdue_workdays == 0 and not row.supervision_due
    rate = _unit_rate(august)
    assert rate is None or rate.resolved_due == 0  # no denominator from W1
    assert rate is not None and rate.assigned == 1 and rate.signed_on_time == 1  # its signature still counts
    for month in ("2025-09", "2025-12"):
        later = se.monitoring_report(ds, month, audience=se.CITY_OFFICE)
        assert later.complaints_overdue == 0 and later.complaints == ()
        assert _unit_rate(later) is None
    year = year_unit_rates(ds, 2025, se.city_plugin_manager(), CAL, PARAMS, None)
    assert [(u.unit, u.assigned, u.resolved_due) for u in year] == [("city-amr", 1, 0)]
    step = _status(w1, _at(12, 31)).steps[-1]
    assert step.name is se.ComplaintStep.RESOLVE and step.withdrawn and step.on_time is None
    assert not step.due_by(_at(12, 31))


def test_withdrawn_after_the_due_moment_counts_as_not_in_time() -> None:
    late = _complaint(*SIGNED, _withdrawn(8, 26))  # resolve was due Fri 08-22
    august = se.monitoring_report(_dataset(late), "2025-08", audience=se.CITY_OFFICE)
    assert august.complaints_overdue == 0  # finished at the month's end: not overdue
    assert not august.complaints[0].supervision_due
    rate = _unit_rate(august)
    assert rate is not None and rate.resolved_due == 1 and rate.resolved_on_time == 0
    step = _status(late, _at(9, 1)).steps[-1]
    assert step.withdrawn and step.on_time is False and step.due_by(_at(9, 1))
    # Counted once, where its due moment passed: not again in September.
    assert _unit_rate(se.monitoring_report(_dataset(late), "2025-09", audience=se.CITY_OFFICE)) is None


def test_withdrawn_at_each_open_state_is_allowed() -> None:
    base = SIGNED[:1]
    for extra in (
        (),
        SIGNED[1:2],
        SIGNED[1:3],
        (*SIGNED[1:3], ComplaintEvent(EventType.RETURNED, _at(8, 1, 12), "市市场监管局")),
        SIGNED[1:],
        (*SIGNED[1:], ComplaintEvent(EventType.SUPERVISED, _at(8, 4), "软建办")),
        (*SIGNED[1:], ComplaintEvent(EventType.EXTENDED, _at(8, 4), "市市场监管局", extension_days=5)),
    ):
        c = _complaint(*base, *extra, _withdrawn(8, 5))
        assert event_order_problems(c) == [], extra
        status = _status(c, _at(8, 20))
        assert status.state is se.ComplaintState.WITHDRAWN and status.open_step is None


def test_withdrawal_refused_after_resolution_and_nothing_follows_it() -> None:
    resolved = (*SIGNED, ComplaintEvent(EventType.RESOLVED, _at(8, 4), "市市场监管局"))
    problems = event_order_problems(_complaint(*resolved, _withdrawn(8, 5)))
    assert problems == [(5, "withdrawn cannot follow resolved; allowed: followed_up")]
    done = _complaint(*SIGNED, _withdrawn(8, 5))
    for after in (
        ComplaintEvent(EventType.RESOLVED, _at(8, 6), "市市场监管局"),
        ComplaintEvent(EventType.CLOSED, _at(8, 6), "软建办"),
        _withdrawn(8, 6),
    ):
        found = event_order_problems(attrs.evolve(done, events=(*done.events, after)))
        assert found == [(5, f"{after.type.value} cannot follow withdrawn; allowed: nothing (it is finished)")]
    supervised = ComplaintEvent(EventType.SUPERVISED, _at(8, 6), "软建办")
    found = event_order_problems(attrs.evolve(done, events=(*done.events, supervised)))
    assert found == [(5, "supervised cannot come when the complaint is withdrawn")]


def test_rejected_after_a_return_finishes_the_complaint() -> None:
    returned = (*SIGNED[:3], ComplaintEvent(EventType.RETURNED, _at(8, 1, 12), "市市场监管局"))
    c = _complaint(*returned, ComplaintEvent(EventType.REJECTED, _at(8, 4), "软建办", note="不属受理范围"))
    assert event_order_problems(c) == []
    status = _status(c, _at(8, 20))
    assert status.state is se.ComplaintState.REJECTED and status.open_step is None and status.unit is None
    assert status.steps[-1].name is se.ComplaintStep.ASSIGN and status.steps[-1].done_by is EventType.REJECTED
    assert se.monitoring_report(_dataset(c), "2025-09", audience=se.CITY_OFFICE).complaints == ()


def test_withdrawn_shows_in_the_renderers() -> None:
    report = se.monitoring_report(_dataset(_complaint(*SIGNED, _withdrawn(8, 5))), "2025-08", audience=se.CITY_OFFICE)
    assert "已撤回" in se.render_markdown(report)


def test_a_withdrawn_event_round_trips_through_the_workbook(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    ds = _dataset(_complaint(*SIGNED, _withdrawn(8, 5)))
    path = tmp_path / "w.xlsx"
    write_workbook(ds, path)
    back = read_workbooks([path])
    assert back.complaints[0].events[-1].type is EventType.WITHDRAWN
    assert back.complaints == ds.complaints


@settings(max_examples=examples(150), deadline=None)
@given(complaints("P-379902-1", ("city-amr", "379921-amr")))
def test_generated_histories_are_possible_and_a_withdrawn_one_is_finished(complaint: Complaint) -> None:
    assert event_order_problems(complaint) == []
    status = _status(complaint, complaint.events[-1].at)
    last = complaint.events[-1].type
    if last is EventType.WITHDRAWN:
        assert status.state is se.ComplaintState.WITHDRAWN
        assert status.open_step is None and status.overdue_workdays == 0 and not status.supervision_due
        assert status.steps and status.steps[-1].withdrawn
    for step in status.steps:
        if step.withdrawn and step.due_at is not None and step.done_at is not None:
            assert step.on_time is (None if step.done_at <= step.due_at else False)


def test_withdrawn_in_a_later_month_is_listed_in_that_month_and_no_later() -> None:
    july = tuple(attrs.evolve(e, at=e.at.replace(month=7)) for e in SIGNED)  # signed Tue 07-01
    ds = _dataset(_complaint(*july, _withdrawn(8, 5)))
    assert (
        se.monitoring_report(ds, "2025-07", audience=se.CITY_OFFICE).complaints[0].open_step is se.ComplaintStep.RESOLVE
    )
    august = se.monitoring_report(ds, "2025-08", audience=se.CITY_OFFICE)
    assert [(q.id, q.state) for q in august.complaints] == [("W1", se.ComplaintState.WITHDRAWN)]
    assert august.complaints_overdue == 0
    assert se.monitoring_report(ds, "2025-09", audience=se.CITY_OFFICE).complaints == ()


def test_the_strategies_generate_withdrawals_and_rejections_after_a_return() -> None:
    strategy = complaints("P-379902-1", ("city-amr", "379921-amr"))
    signed = find(strategy, lambda c: c.events[-1].type is EventType.WITHDRAWN and len(c.events) > 4, settings=FIND)
    assert event_order_problems(signed) == []
    returned = find(
        strategy, lambda c: [e.type for e in c.events[-2:]] == [EventType.RETURNED, EventType.REJECTED], settings=FIND
    )
    assert event_order_problems(returned) == []


def test_a_withdrawal_tells_no_reader_but_the_city_office_who_complained() -> None:
    w1 = attrs.evolve(_complaint(*SIGNED, _withdrawn(8, 5)), text="办事拖延")
    ds = _dataset(w1)
    city = se.monitoring_report(ds, "2025-08", audience=se.CITY_OFFICE).complaints[0]
    assert city.complainant == "P-379902-1"
    own = se.monitoring_report(ds, "2025-08", audience="department:city-amr")
    assert [q.state for q in own.complaints] == [se.ComplaintState.WITHDRAWN]  # its own ticket, withdrawn
    for reader in ("department:city-amr", "county:379902", "county:379921"):
        report = se.monitoring_report(ds, "2025-08", audience=reader)
        for row in report.complaints:
            assert row.complainant is None and row.enterprise is None and row.uscc is None, reader
        if reader != "county:379902":  # the point's own county names it in its contacts (四)
            assert "P-379902-1" not in se.render_markdown(report), reader
