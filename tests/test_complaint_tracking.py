from datetime import date
from decimal import Decimal

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
    assert [s.name for s in st.steps] == [ComplaintStep.ACCEPT, ComplaintStep.SIGN]
    # Code written against the strings (a county plugin's tuple of step names) still works.
    assert st.open_step in ("sign", "resolve") and {"sign": 1}[st.open_step] == 1
    # Every event type leads to a state, and a complaint with no event yet has one too.
    assert {ComplaintState.after(e).value for e in EventType} == {e.value for e in EventType}
    assert ComplaintState.after(None) is ComplaintState.NONE
