"""The city baseline's answers as its hooks remember them (rules/city/baseline.py).

Complaint limits, by parameter set and day and by the parameter values in force: the same limits
as made afresh, whatever set, day or order they are asked in; a caller's change to what
``baseline_sla`` gave reaches neither the hook's answers nor the engine's; the memos stay small.
Report deadlines, by parameter set, calendar and month: the deadline worked out on that calendar
under those parameters, whatever was asked before."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from softenv_core import CalendarMode, ComplaintKind, Month, Parameter, WorkCalendar, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, ParameterSet, baseline_parameters
from softenv_core.engine.sla_answers import resolve_sla
from softenv_core.errors import CalendarDataMissing
from softenv_core.rules.city import baseline

CAL = WorkCalendar()


def _shorter(day: date, days: int) -> ParameterSet:
    """The baseline, but 投诉 resolved within ``days`` working days from ``day``."""
    old = {"complaint": 15, "report": 15, "suggestion": 5}
    changed = Parameter(
        "complaint.resolve_workdays",
        "city decision (test)",
        values=(DatedValue(date(2022, 3, 1), old), DatedValue(day, {**old, "complaint": days})),
    )
    return baseline_parameters().merged([changed])


def _fresh(kind: ComplaintKind, params: ParameterSet, on: date) -> tuple[object, ...]:
    sla = baseline.baseline_sla(kind, params, on=on)  # made afresh, no memo
    return (sla.accept, sla.sign, dict(sla.resolve), sla.max_extension, sla.follow_up, sla.reference, sla.params)


def _hook(kind: ComplaintKind, params: ParameterSet, on: date) -> tuple[object, ...]:
    sla = baseline.softenv_complaint_sla(kind=kind, calendar=CAL, params=params, on=on)
    return (sla.accept, sla.sign, dict(sla.resolve), sla.max_extension, sla.follow_up, sla.reference, sla.params)


@given(
    asks=st.lists(
        st.tuples(
            st.sampled_from(list(ComplaintKind)),
            st.integers(0, 3),  # which parameter set
            st.dates(date(2022, 3, 1), date(2027, 12, 31)),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_the_hook_gives_the_limits_made_afresh_whatever_set_day_or_order(
    asks: list[tuple[ComplaintKind, int, date]],
) -> None:
    sets = [
        baseline_parameters(),
        _shorter(date(2025, 7, 1), 10),
        _shorter(date(2025, 7, 1), 12),
        _shorter(date(2024, 1, 1), 8),
    ]
    for kind, i, on in asks:
        assert _hook(kind, sets[i], on) == _fresh(kind, sets[i], on), (kind, i, on)


def test_a_limit_changed_mid_year_is_given_from_its_day_on() -> None:
    params = _shorter(date(2025, 7, 1), 10)
    day = date(2025, 7, 1)
    assert _hook(ComplaintKind.COMPLAINT, params, day - timedelta(days=1))[2]["complaint"] == 15
    assert _hook(ComplaintKind.COMPLAINT, params, day)[2]["complaint"] == 10
    # The same day under the baseline's own set still reads 15: the memo is per parameter set.
    assert _hook(ComplaintKind.COMPLAINT, baseline_parameters(), day)[2]["complaint"] == 15


def test_a_change_to_what_baseline_sla_gave_reaches_neither_the_hook_nor_the_engine() -> None:
    params, day = baseline_parameters(), date(2025, 5, 6)
    before = _hook(ComplaintKind.COMPLAINT, params, day)
    mine = baseline.baseline_sla(ComplaintKind.COMPLAINT, params, on=day)
    mine.resolve["complaint"] = 99  # type: ignore[index]  # the caller's own copy
    assert _hook(ComplaintKind.COMPLAINT, params, day) == before
    pm = get_plugin_manager(autoload=False)
    assert resolve_sla(pm, "379902", ComplaintKind.COMPLAINT, CAL, params, day).resolve["complaint"] == 15


def test_the_memos_stay_small_with_a_parameter_set_per_call() -> None:
    for n in range(40):
        params = _shorter(date(2025, 7, 1), 10 + n % 5)  # a new set each call, as a service may pass
        _hook(ComplaintKind.COMPLAINT, params, date(2025, 8, 1))
    assert len(baseline._BY_DAY) <= 8
    assert len(baseline._MADE) <= 256


def _due_day(day: int) -> ParameterSet:
    changed = Parameter("report.due_day", "city decision (test)", values=(DatedValue(date(2022, 3, 1), day),))
    return baseline_parameters().merged([changed])


@given(
    asks=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(2025, 2026), st.sampled_from([1, 11, 12])),
        min_size=1,
        max_size=30,
    )
)
@example(asks=[(0, 1, 2026, 12), (0, 0, 2026, 12)])  # provisional first: the strict one still refuses
@example(asks=[(1, 0, 2025, 11), (2, 0, 2025, 11), (1, 2, 2025, 11)])  # another set, then another calendar
def test_the_city_deadline_is_the_one_worked_out_on_the_calendar_and_parameters_asked(
    asks: list[tuple[int, int, int, int]],
) -> None:
    sets = [baseline_parameters(), _due_day(3), _due_day(10)]
    # December 2026's report falls due in 2027, which a strict calendar does not know and a
    # provisional one gives as weekends only (a provisional deadline).
    calendars = [WorkCalendar(), WorkCalendar(mode=CalendarMode.PROVISIONAL), WorkCalendar()]
    for i, j, year, m in asks:
        month, params, cal = Month(year, m), sets[i], calendars[j]
        try:
            fresh = baseline._deadline(month, WorkCalendar(mode=cal.mode), params)  # nothing asked of it
        except CalendarDataMissing:
            with pytest.raises(CalendarDataMissing):
                baseline.softenv_report_deadline(county=None, month=month, calendar=cal, params=params)
            continue
        given_ = baseline.softenv_report_deadline(county=None, month=month, calendar=cal, params=params)
        assert given_ == fresh, (i, j, month)
    assert len(baseline._DUE) <= 8


def test_a_held_memo_knows_its_objects_by_identity_stays_bounded_and_keeps_the_first_of_two_threads() -> None:
    import threading

    from softenv_core.engine.held_memo import HeldMemo

    memo: HeldMemo[str] = HeldMemo(keep=3)
    a, b = [1, 2], [1, 2]  # equal, not the same
    assert memo.put((a,), "k", "A") == "A"
    assert memo.get((a,), "k") == "A" and memo.get((b,), "k") is None and memo.get((a,), "other") is None
    assert memo.put((a,), "k", "B") == "A"  # the first is kept
    assert memo.put((a,), "k", "B", replace=True) == "B" and memo.get((a,), "k") == "B"
    for n in range(10):
        memo.put(([n],), "k", str(n))
    assert len(memo) <= 3
    shared = ("held",)
    kept: list[str] = []
    threads = [threading.Thread(target=lambda v=v: kept.append(memo.put(shared, "k", v))) for v in "xyz"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(kept)) == 1 and memo.get(shared, "k") == kept[0]  # every thread got the one kept


def test_a_caller_changing_the_hooks_limits_in_place_changes_no_later_answer() -> None:
    # A county plugin calling the city's hook itself and lowering a limit in the dict it was
    # given (docs/hooks.md builds its own instead) must not change the city's limits for others.
    params, day = baseline_parameters(), date(2025, 6, 3)
    given_ = baseline.softenv_complaint_sla(kind=ComplaintKind.COMPLAINT, calendar=CAL, params=params, on=day)
    given_.resolve["complaint"] = 3  # type: ignore[index]
    for on in (day, day + timedelta(days=1)):  # the same day, and another made of the same values
        assert _hook(ComplaintKind.COMPLAINT, params, on) == _fresh(ComplaintKind.COMPLAINT, params, on)
    pm = get_plugin_manager(autoload=False)
    assert resolve_sla(pm, "379902", ComplaintKind.COMPLAINT, CAL, params, day).resolve["complaint"] == 15


@pytest.mark.parametrize("same_value", [15.0, pytest.param("decimal", id="Decimal(15)")])
def test_a_limit_changed_in_place_to_an_equal_value_of_another_type_is_made_anew(same_value: object) -> None:
    # Reviewer r53 1b: 15 -> 15.0 (or Decimal(15)) in place compares equal, and a snapshot checked
    # by == would give the changed answer again, which the engine refuses as the city's fault.
    from decimal import Decimal

    value = Decimal(15) if same_value == "decimal" else same_value
    params, day = baseline_parameters(), date(2025, 6, 4)
    given_ = baseline.softenv_complaint_sla(kind=ComplaintKind.COMPLAINT, calendar=CAL, params=params, on=day)
    given_.resolve["complaint"] = value  # type: ignore[index]
    again = baseline.softenv_complaint_sla(kind=ComplaintKind.COMPLAINT, calendar=CAL, params=params, on=day)
    assert type(again.resolve["complaint"]) is int and again.resolve["complaint"] == 15
    pm = get_plugin_manager(autoload=False)
    assert resolve_sla(pm, "379902", ComplaintKind.COMPLAINT, CAL, params, day).resolve["complaint"] == 15
