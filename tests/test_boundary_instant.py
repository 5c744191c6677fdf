"""An event stamped exactly at a month's end (the next month's first instant, 00:00:00 Beijing
on the 1st) is the next month's, in the month's statuses as in its counts; an explicit instant
(``as_of``) reads what is stamped at it, a receipt and a later event alike (audit t9 finding
01; docs/complaints.md "An instant")."""

from datetime import UTC, timedelta, timezone

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    Month,
    baseline_parameters,
    get_plugin_manager,
    monitoring_report,
    monitoring_reports,
)
from softenv_core.analyses.complaint_handling import ComplaintState, ComplaintStep, complaint_status, sla_for
from softenv_core.model.complaints import EventType
from softenv_core.testing import beijing, make_complaint, small_dataset
from softenv_core.workdays.calendar import WorkCalendar

POINT = "P-379902-2"
TOKYO = timezone(timedelta(hours=9))
APRIL, MAY = Month(2025, 4), Month(2025, 5)
APRIL_10 = beijing(2025, 4, 10, 10)


def _dataset(*complaints):
    return attrs.evolve(small_dataset(2025, ("379902", "379921")), complaints=complaints)


def _resolved_at(at, received=APRIL_10, cid="Q1"):
    # Signed Thu 04-10 13:00: the resolve step (15 working days, Sun 04-27 a make-up day) is
    # due 2025-04-30 23:59:59.
    return make_complaint(
        cid,
        POINT,
        received,
        after=(timedelta(minutes=1), timedelta(minutes=2), timedelta(hours=3), timedelta(hours=4)),
        resolved_at=at,
    )


def _counts(report):
    return report.complaints_received, report.complaints_resolved, report.complaints_overdue


def test_a_resolution_at_the_first_instant_of_may_is_mays_in_aprils_statuses_as_in_its_counts():
    end = APRIL.end  # 2025-05-01 00:00:00 Beijing
    for at, in_april in (
        (end - timedelta(seconds=1), True),  # 23:59:59 on 04-30: in time, April's
        (end.astimezone(TOKYO), False),  # written 01:00:00+09:00: the same instant, May's
        (end + timedelta(seconds=1), False),
    ):
        april, may = monitoring_reports(_dataset(_resolved_at(at)), [APRIL, MAY], audience=CITY_OFFICE)
        (row,) = april.complaints
        assert row.resolved_in_month is in_april
        if in_april:
            assert _counts(april) == (1, 1, 0) and row.state is ComplaintState.RESOLVED
            assert may.complaints_resolved == 0
        else:
            # Overdue at April's end: 1 working day (04-30), supervision due; resolved in May.
            assert _counts(april) == (1, 0, 1)
            assert (row.state, row.open_step, row.overdue_workdays, row.supervision_due) == (
                ComplaintState.SIGNED,
                ComplaintStep.RESOLVE,
                1,
                True,
            )
            assert row.due_at == end - timedelta(seconds=1)
            assert may.complaints_resolved == 1


def test_an_explicit_instant_reads_a_receipt_and_a_resolution_stamped_at_it():
    instant = beijing(2025, 4, 22, 15)
    ds = _dataset(_resolved_at(instant), make_complaint("Q2", POINT, instant))
    at = monitoring_report(ds, APRIL, audience=CITY_OFFICE, as_of=instant.astimezone(UTC))
    assert _counts(at) == (2, 1, 0)
    assert {r.id: r.state for r in at.complaints} == {"Q1": ComplaintState.RESOLVED, "Q2": ComplaintState.RECEIVED}
    before = monitoring_report(ds, APRIL, audience=CITY_OFFICE, as_of=instant - timedelta(seconds=1))
    assert _counts(before) == (1, 0, 0)
    assert {r.id: r.state for r in before.complaints} == {"Q1": ComplaintState.SIGNED}


def test_complaint_status_reads_an_event_at_its_instant_and_not_at_a_periods_end():
    q = _resolved_at(APRIL.end)
    pm = get_plugin_manager(autoload=False)
    cal = WorkCalendar()
    sla = sla_for(pm, _dataset(q), q, cal, baseline_parameters())
    assert complaint_status(q, APRIL.end, sla, cal).state is ComplaintState.RESOLVED
    ending = complaint_status(q, APRIL.end, sla, cal, ending=True)
    assert (ending.state, ending.overdue_workdays) == (ComplaintState.SIGNED, 1)


@given(
    month=st.integers(1, 11),
    signed_day=st.integers(1, 20),
    offset=st.sampled_from([-1_000_000, -1, 0, 1, 999_999, 1_000_000]),  # microseconds from the month's end
    zone=st.sampled_from([UTC, TOKYO, timezone(timedelta(hours=8))]),
)
def test_a_months_statuses_read_only_the_events_before_its_end(month, signed_day, offset, zone):
    """Whatever the instant near a month's end a complaint is resolved at, and whatever zone
    it is written in, the month's report reads the events before the month's end: it counts
    it resolved in the month exactly when its row shows it resolved, counts it overdue
    exactly when its row does, and the next month counts the resolution it did not."""
    m = Month(2025, month)
    at = (m.end + timedelta(microseconds=offset)).astimezone(zone)
    q = _resolved_at(at, received=beijing(2025, month, signed_day, 9))
    this, following = monitoring_reports(_dataset(q), [m, m + 1], audience=CITY_OFFICE)
    (row,) = this.complaints
    resolved = at < m.end
    assert row.resolved_in_month is resolved
    assert (row.state is ComplaintState.RESOLVED) is resolved
    assert this.complaints_resolved == int(resolved)
    assert this.complaints_overdue == int(row.overdue_workdays > 0)
    assert following.complaints_resolved == int(not resolved)
    # The status a month's end gives (ending) is the one of the events before it.
    before = attrs.evolve(q, events=tuple(e for e in q.events if e.at < m.end))
    cal = WorkCalendar()
    sla = sla_for(get_plugin_manager(autoload=False), _dataset(q), q, cal, baseline_parameters())
    assert complaint_status(q, m.end, sla, cal, ending=True) == complaint_status(before, m.end, sla, cal)
    assert not any(e.type is EventType.RESOLVED for e in before.events) or resolved
