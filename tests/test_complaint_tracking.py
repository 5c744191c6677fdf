from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from softenv_core import (
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    ItemCategory,
    Month,
    Satisfaction,
    WorkCalendar,
    baseline_parameters,
    get_plugin_manager,
)
from softenv_core.analyses.complaint_handling import complaint_status, unit_rates
from softenv_core.engine.resolution import resolve_sla
from softenv_core.testing import beijing

CAL = WorkCalendar()


def _sla(kind=ComplaintKind.COMPLAINT):
    return resolve_sla(get_plugin_manager(autoload=False), "379902", kind, CAL, baseline_parameters())


def _complaint(*events, kind=ComplaintKind.COMPLAINT):
    evs = tuple(ComplaintEvent(t, at, "经办人", **kw) for t, at, kw in events)
    return Complaint("Q1", kind, "P1", "city-amr", ItemCategory.SERVICE, "办事难", events=evs)


def test_assigned_on_the_last_working_day_before_national_day_is_due_after_it():
    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 9, 29, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 9, 29, 11), {}),
        (EventType.ASSIGNED, beijing(2025, 9, 30, 16), {"unit": "city-amr"}),
    )
    status = complaint_status(c, beijing(2025, 10, 9, 12), _sla(), CAL)
    assert status.open_step == "sign"
    assert status.due_at.isoformat() == "2025-10-09T23:59:59+08:00"
    assert not status.overdue
    late = complaint_status(c, beijing(2025, 10, 10, 9), _sla(), CAL)
    assert late.overdue_workdays == 1 and late.supervision_due


def test_supervision_event_clears_supervision_due_and_extension_moves_the_due_day():
    base = [
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 9), {}),
    ]
    open_ = complaint_status(_complaint(*base), beijing(2025, 4, 1, 9), _sla(), CAL)
    assert open_.open_step == "resolve" and open_.due_at.date() == CAL.add_workdays(date(2025, 3, 4), 15)
    assert open_.overdue and open_.supervision_due
    supervised = _complaint(*base, (EventType.SUPERVISED, beijing(2025, 3, 31, 9), {}))
    assert not complaint_status(supervised, beijing(2025, 4, 1, 9), _sla(), CAL).supervision_due
    extended = _complaint(*base, (EventType.EXTENDED, beijing(2025, 3, 20, 9), {"extension_days": 10}))
    st = complaint_status(extended, beijing(2025, 4, 1, 9), _sla(), CAL)
    assert st.due_at.date() == CAL.add_workdays(CAL.add_workdays(date(2025, 3, 4), 15), 10)
    assert not st.overdue
    too_late = _complaint(*base, (EventType.EXTENDED, beijing(2025, 3, 31, 9), {"extension_days": 10}))
    st = complaint_status(too_late, beijing(2025, 4, 1, 9), _sla(), CAL)
    assert st.overdue and "after the due moment" in st.problems[0]


def test_suggestions_have_five_working_days_and_follow_up_two():
    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 9), {}),
        kind=ComplaintKind.SUGGESTION,
    )
    st = complaint_status(c, beijing(2025, 3, 5, 9), _sla(ComplaintKind.SUGGESTION), CAL)
    assert st.due_at.date() == date(2025, 3, 11)


@pytest.mark.parametrize(
    ("rating", "expected"), [(Satisfaction.SATISFIED, "100.00"), (Satisfaction.BASICALLY, "90.00")]
)
def test_unit_rates_follow_the_formula(rating, expected):
    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 9), {}),
        (EventType.RESOLVED, beijing(2025, 3, 10, 9), {}),
        (EventType.FOLLOWED_UP, beijing(2025, 3, 11, 9), {"satisfaction": rating}),
        (EventType.CLOSED, beijing(2025, 3, 11, 10), {}),
    )
    st = complaint_status(c, beijing(2025, 3, 31, 23), _sla(), CAL)
    (rates,) = unit_rates([(c, st)], Month(2025, 3), baseline_parameters())
    assert (rates.response, rates.resolution, rates.satisfaction) == (Decimal(100), Decimal(100), Decimal(expected))
    assert rates.combined == (
        Decimal("0.1") * 100 + Decimal("0.5") * 100 + Decimal("0.4") * Decimal(expected)
    ).quantize(Decimal("0.01"))


def test_steps_and_states_are_enums_with_chinese_labels_equal_to_the_old_strings():
    from softenv_core.analyses.complaint_handling import ComplaintState, ComplaintStep

    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
    )
    st = complaint_status(c, beijing(2025, 3, 3, 12), _sla(), CAL)
    assert st.open_step is ComplaintStep.SIGN and st.open_step.zh == "签收"
    assert st.state is ComplaintState.ASSIGNED and st.state.zh == "已交办"
    assert [s.name for s in st.steps] == [ComplaintStep.ACCEPT, ComplaintStep.ASSIGN, ComplaintStep.SIGN]
    # Code written against the strings (a county plugin's tuple of step names) still works.
    assert st.open_step in ("sign", "resolve") and {"sign": 1}[st.open_step] == 1
    # Every event type leads to a state, and a complaint with no event yet has one too.
    assert {ComplaintState.after(e).value for e in EventType} == {e.value for e in EventType}
    assert ComplaintState.after(None) is ComplaintState.NONE


def _shorter_from_2026():
    """The baseline, but 投诉 and 举报 resolved within 10 working days from 2026-01-01."""
    from softenv_core import Parameter
    from softenv_core.engine.parameters import DatedValue

    old = {"complaint": 15, "report": 15, "suggestion": 5}
    new = {"complaint": 10, "report": 10, "suggestion": 5}
    changed = Parameter(
        "complaint.resolve_workdays",
        "city decision (test)",
        values=(DatedValue(date(2022, 3, 1), old), DatedValue(date(2026, 1, 1), new)),
    )
    return baseline_parameters().merged([changed])


def _signed_on(day):
    return _complaint(
        (EventType.RECEIVED, beijing(day.year, day.month, day.day, 9), {}),
        (EventType.ACCEPTED, beijing(day.year, day.month, day.day, 9, 30), {}),
        (EventType.ASSIGNED, beijing(day.year, day.month, day.day, 9, 45), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(day.year, day.month, day.day, 10), {}),
    )


def test_a_limit_changed_in_2026_leaves_a_2025_complaint_as_it_was():
    from softenv_core.analyses.complaint_handling import ComplaintStep, DatedLimits

    params = _shorter_from_2026()
    pm = get_plugin_manager(autoload=False)
    limits = DatedLimits(pm, "379902", ComplaintKind.COMPLAINT, CAL, params)
    at = beijing(2026, 2, 27, 12)
    # Signed Mon 2025-12-01: 15 working days after it (no holiday in December 2025):
    # 12-02 03 04 05 | 08 09 10 11 12 | 15 16 17 18 19 | 22 -> the 15th is Mon 2025-12-22.
    old = complaint_status(_signed_on(date(2025, 12, 1)), at, limits, CAL)
    (resolve,) = [s for s in old.steps if s.name is ComplaintStep.RESOLVE]
    assert resolve.due_at.isoformat() == "2025-12-22T23:59:59+08:00"
    # Signed Mon 2026-01-05 (元旦 1-3 and the 1-4 make-up day are past): 10 working days,
    # 01-06 07 08 09 | 12 13 14 15 16 | 19 -> the 10th is Mon 2026-01-19.
    new = complaint_status(_signed_on(date(2026, 1, 5)), at, limits, CAL)
    (resolve,) = [s for s in new.steps if s.name is ComplaintStep.RESOLVE]
    assert resolve.due_at.isoformat() == "2026-01-19T23:59:59+08:00"
    # What the hook answered before it got the date: the latest limits, for both.
    assert resolve_sla(pm, "379902", ComplaintKind.COMPLAINT, CAL, params).resolve["complaint"] == 10


def _assigned(cid, unit, day, hour, *rest):
    """A complaint assigned to ``unit`` on ``day`` at ``hour``, then ``rest`` events."""
    events = [
        (EventType.RECEIVED, beijing(2025, 3, day, hour - 2), {}),
        (EventType.ACCEPTED, beijing(2025, 3, day, hour - 1), {}),
        (EventType.ASSIGNED, beijing(2025, 3, day, hour), {"unit": unit}),
        *rest,
    ]
    return attrs.evolve(_complaint(*events), id=cid)


def test_response_rate_a_return_is_not_a_signature_and_a_step_not_yet_due_is_left_out():
    at = Month(2025, 3).end  # the report's instant: 2025-04-01 00:00 Beijing
    returned = _assigned(
        "QA",
        "city-amr",
        3,
        11,
        (EventType.RETURNED, beijing(2025, 3, 4, 9), {}),  # due 03-04 23:59:59: in time, but 退回
        (EventType.ASSIGNED, beijing(2025, 3, 4, 10), {"unit": "city-tax"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 15), {}),  # city-tax signs in time
    )
    signed = _assigned("QB", "city-amr", 10, 11, (EventType.SIGNED, beijing(2025, 3, 11, 9), {}))
    # Assigned Mon 03-31 16:00: due at the end of the next working day, Tue 04-01 - after the
    # report's instant, and not signed yet: pending.
    pending = _assigned("QC", "city-amr", 31, 16)
    statuses = [(c, complaint_status(c, at, _sla(), CAL)) for c in (returned, signed, pending)]
    rates = {r.unit: r for r in unit_rates(statuses, Month(2025, 3), baseline_parameters())}
    amr = rates["city-amr"]
    # city-amr: sign steps QA (returned in time) and QB (signed in time); QC not yet due.
    # denominator 2 (QA, QB), numerator 1 (QB) -> 1 / 2 = 50.00 %.
    # (Before: QA counted as signed and QC as due -> 2 / 3 = 66.67 %.)
    assert (amr.assigned, amr.signed_on_time, amr.response) == (2, 1, Decimal("50.00"))
    # city-tax: one sign step, signed in time -> 1 / 1 = 100.00 %.
    assert (rates["city-tax"].assigned, rates["city-tax"].response) == (1, Decimal("100.00"))
    # Once QC's step is overdue (due Tue 04-01, seen Wed 04-02), it counts against April, the
    # month it was decided in (by due moment), and March stays as it was: each step in one period.
    later = [(c, complaint_status(c, beijing(2025, 4, 2, 9), _sla(), CAL)) for c in (returned, signed, pending)]
    march = {r.unit: r for r in unit_rates(later, Month(2025, 3), baseline_parameters())}["city-amr"]
    assert (march.assigned, march.signed_on_time, march.response) == (2, 1, Decimal("50.00"))
    april = {r.unit: r for r in unit_rates(later, Month(2025, 4), baseline_parameters())}["city-amr"]
    assert (april.assigned, april.signed_on_time, april.response) == (1, 0, Decimal("0.00"))


def test_a_step_done_late_counts_where_its_due_moment_passed_and_never_again():
    """Signed Thu 2025-10-09, the resolve step is due Wed 10-29 (15 working days: 10-10, the
    make-up Saturday 10-11, 10-13 … 10-29); resolved late on 11-05. October's report saw it
    overdue (due passed undone): it fails October's rate. November must not count it again:
    each step counts in one period, so a year's rate is its months' together (auditor a25)."""
    late = _complaint(
        (EventType.RECEIVED, beijing(2025, 10, 9, 8), {}),
        (EventType.ACCEPTED, beijing(2025, 10, 9, 9), {}),
        (EventType.ASSIGNED, beijing(2025, 10, 9, 10), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 10, 9, 14), {}),
        (EventType.RESOLVED, beijing(2025, 11, 5, 10), {}),
    )
    params = baseline_parameters()

    def resolve_tally(at, period):
        (r,) = unit_rates([(late, complaint_status(late, at, _sla(), CAL))], period, params)
        return r.resolved_due, r.resolved_on_time

    assert resolve_tally(Month(2025, 10).end, Month(2025, 10)) == (1, 0)  # overdue at October's end
    status = complaint_status(late, Month(2025, 11).end, _sla(), CAL)
    # Nothing of it is decided in November (signed in October): before, resolution 0 / 1 again.
    assert unit_rates([(late, status)], Month(2025, 11), params) == ()
    assert resolve_tally(Month(2025, 11).end, 2025) == (1, 0)  # once in the year, as in its months


def _followed_up(*after):
    return _complaint(
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 9), {}),
        (EventType.RESOLVED, beijing(2025, 3, 10, 9), {}),
        (EventType.FOLLOWED_UP, beijing(2025, 3, 11, 9), {"satisfaction": Satisfaction.UNSATISFIED}),
        *after,
    )


def test_an_unsatisfied_follow_up_closed_without_reopening_is_flagged():
    at = beijing(2025, 3, 31, 12)
    closed = _followed_up((EventType.CLOSED, beijing(2025, 3, 11, 10), {}))
    (problem,) = complaint_status(closed, at, _sla(), CAL).problems
    assert "不满意" in problem and "without reopening" in problem
    # Reopened once, resolved again, 不满意 again: it may now be closed (it reopens once only).
    reopened = _followed_up(
        (EventType.REOPENED, beijing(2025, 3, 11, 10), {}),
        (EventType.RESOLVED, beijing(2025, 3, 14, 9), {}),
        (EventType.FOLLOWED_UP, beijing(2025, 3, 17, 9), {"satisfaction": Satisfaction.UNSATISFIED}),
        (EventType.CLOSED, beijing(2025, 3, 17, 10), {}),
    )
    assert complaint_status(reopened, at, _sla(), CAL).problems == ()
    follow_up = _followed_up().events[5]
    satisfied = attrs.evolve(
        closed,
        events=(*closed.events[:5], attrs.evolve(follow_up, satisfaction=Satisfaction.SATISFIED), closed.events[6]),
    )
    assert complaint_status(satisfied, at, _sla(), CAL).problems == ()


def test_a_problem_states_its_moment_in_beijing_time_whatever_the_offset_recorded():
    """An extension stamped 2025-03-31T20:00-05:00 (Beijing 04-01 09:00) after the due moment,
    and a close after 不满意 stamped 2025-03-11T02:00Z (Beijing 10:00): the problems say the
    Beijing moments, as every time shown is (docs/monitoring.md); they said -05:00 and +00:00,
    and the extension's day as 03-31 where Beijing's is 04-01 (auditor a25)."""
    utc, minus5 = UTC, timezone(timedelta(hours=-5))
    closed = _followed_up((EventType.CLOSED, datetime(2025, 3, 11, 2, tzinfo=utc), {}))
    (problem,) = complaint_status(closed, beijing(2025, 3, 31, 12), _sla(), CAL).problems
    assert problem.startswith("closed at 2025-03-11T10:00:00+08:00 ")
    late = _complaint(
        (EventType.RECEIVED, beijing(2025, 3, 3, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 3, 3, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 3, 3, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 3, 4, 9), {}),  # resolve due 2025-03-25 (15 working days)
        (EventType.EXTENDED, datetime(2025, 3, 31, 20, tzinfo=minus5), {"extension_days": 5}),
    )
    (problem,) = complaint_status(late, beijing(2025, 4, 2, 9), _sla(), CAL).problems
    assert problem.startswith("extension at 2025-04-01T09:00:00+08:00 came after the due moment")


def test_a_county_plugin_gets_the_step_date_and_answers_for_it():
    from softenv_core import ComplaintSla, PluginInfo, hookimpl
    from softenv_core.analyses.complaint_handling import ComplaintStep, DatedLimits

    class Sooner:
        """379902 has departments sign the day they are assigned from 2026 on (0 working days;
        a county may only be stricter); before, the city's 1."""

        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county="379902", title="test", reference="test policy")

        @hookimpl
        def softenv_complaint_sla(self, kind, calendar, params, on):
            if on < date(2026, 1, 1):
                return None
            return ComplaintSla(
                accept=1, sign=0, resolve={kind.value: 15}, max_extension=15, follow_up=2, reference="t"
            )

    pm = get_plugin_manager(autoload=False, plugins=[("sooner", Sooner())])
    limits = DatedLimits(pm, "379902", ComplaintKind.COMPLAINT, CAL, baseline_parameters())

    def sign_due(day):
        c = _complaint(
            (EventType.RECEIVED, beijing(day.year, day.month, day.day, 9), {}),
            (EventType.ACCEPTED, beijing(day.year, day.month, day.day, 9, 30), {}),
            (EventType.ASSIGNED, beijing(day.year, day.month, day.day, 10), {"unit": "city-amr"}),
        )
        (sign,) = [
            s for s in complaint_status(c, beijing(2026, 3, 1), limits, CAL).steps if s.name is ComplaintStep.SIGN
        ]
        return sign.due_at.date()

    # Assigned Tue 2025-12-16: the city's 1 working day -> Wed 2025-12-17.
    assert sign_due(date(2025, 12, 16)) == date(2025, 12, 17)
    # Assigned Tue 2026-01-13: the county's 0 working days -> the same day.
    assert sign_due(date(2026, 1, 13)) == date(2026, 1, 13)


def test_a_complaint_waiting_to_be_assigned_is_open_at_the_assign_step_and_stays_in_the_reports():
    """Accepted and never assigned, or returned (退回) and never reassigned: unfinished, waiting
    for 市软建办 to assign it (交办). The programme sets that step no limit, so it is never
    overdue; but it is open, and every later month's report lists it (it used to look finished)."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.analyses.complaint_handling import ComplaintStep

    from . import demo_city

    waiting = _complaint(
        (EventType.RECEIVED, beijing(2025, 10, 9, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 10, 9, 10), {}),
    )
    returned = attrs.evolve(
        _complaint(
            (EventType.RECEIVED, beijing(2025, 10, 20, 9), {}),
            (EventType.ACCEPTED, beijing(2025, 10, 20, 10), {}),
            (EventType.ASSIGNED, beijing(2025, 10, 20, 11), {"unit": "city-amr"}),
            (EventType.RETURNED, beijing(2025, 10, 21, 9), {}),
        ),
        id="Q2",
    )
    for c in (waiting, returned):
        st = complaint_status(c, beijing(2025, 12, 31, 12), _sla(), CAL)
        assert st.open_step is ComplaintStep.ASSIGN and st.open_step.zh == "交办"
        assert st.due_at is None and st.overdue_workdays == 0 and not st.supervision_due
    assert complaint_status(returned, beijing(2025, 12, 31), _sla(), CAL).steps[-2].done_by is EventType.RETURNED

    demo = demo_city.demo()
    point = next(p for p in demo.points if p.level.value == "county")
    mine = [attrs.evolve(c, id=f"Q-wait-{c.id}", point=point.id) for c in (waiting, returned)]
    ds = attrs.evolve(demo, complaints=(*demo.complaints, *mine))
    for month in (10, 11, 12):
        rows = {r.id: r for r in monitoring_report(ds, Month(2025, month), audience=CITY_OFFICE).complaints}
        assert all(c.id in rows and rows[c.id].open_step == "assign" for c in mine), month


def test_a_step_assigned_at_a_months_end_and_signed_late_in_the_next_counts_once():
    """Assigned Fri 2025-08-29, due Mon 09-01, signed Wed 09-03: pending at August's end, it
    counts against September's response rate and in no other month's (auditor 2, finding 01)."""
    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 8, 29, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 8, 29, 10), {}),
        (EventType.ASSIGNED, beijing(2025, 8, 29, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 9, 3, 9), {}),
    )
    counted = []
    for m in (8, 9, 10):
        month = Month(2025, m)
        status = complaint_status(c, month.end, _sla(), CAL)
        rates = {r.unit: r for r in unit_rates([(c, status)], month, baseline_parameters())}
        amr = rates.get("city-amr")
        counted.append((m, amr.assigned if amr else 0, amr.signed_on_time if amr else 0))
    assert counted == [(8, 0, 0), (9, 1, 0), (10, 0, 0)]


def test_a_years_satisfaction_counts_every_follow_up_as_its_months_do():
    """不满意 in October (reopened), 满意 in November: October 0 %, November 100 %, and the
    year 1 of 2 = 50 %, not the last follow-up alone (auditor 2, finding 09)."""
    c = _complaint(
        (EventType.RECEIVED, beijing(2025, 9, 24, 9), {}),
        (EventType.ACCEPTED, beijing(2025, 9, 25, 9), {}),
        (EventType.ASSIGNED, beijing(2025, 9, 25, 11), {"unit": "city-amr"}),
        (EventType.SIGNED, beijing(2025, 9, 26, 9), {}),
        (EventType.RESOLVED, beijing(2025, 10, 22, 9), {}),
        (EventType.FOLLOWED_UP, beijing(2025, 10, 24, 9), {"satisfaction": Satisfaction.UNSATISFIED}),
        (EventType.REOPENED, beijing(2025, 10, 27, 9), {}),
        (EventType.RESOLVED, beijing(2025, 11, 10, 9), {}),
        (EventType.FOLLOWED_UP, beijing(2025, 11, 12, 9), {"satisfaction": Satisfaction.SATISFIED}),
    )

    def rate(period: Month | int, at: object) -> tuple[int, Decimal | None]:
        status = complaint_status(c, at, _sla(), CAL)
        amr = {r.unit: r for r in unit_rates([(c, status)], period, baseline_parameters())}["city-amr"]
        return amr.follow_ups, amr.satisfaction

    assert rate(Month(2025, 10), Month(2025, 10).end) == (1, Decimal("0.00"))
    assert rate(Month(2025, 11), Month(2025, 11).end) == (1, Decimal("100.00"))
    assert rate(2025, beijing(2025, 12, 31, 23)) == (2, Decimal("50.00"))
