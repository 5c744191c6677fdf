"""The city baseline's complaint limits as its hook gives them, remembered by parameter set and
day and by the parameter values in force (rules/city/baseline.py): the same limits as made
afresh, whatever set, day or order they are asked in; a caller's change to what
``baseline_sla`` gave reaches neither the hook's answers nor the engine's; the memos stay small."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from softenv_core import ComplaintKind, Parameter, WorkCalendar, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, ParameterSet, baseline_parameters
from softenv_core.engine.sla_answers import resolve_sla
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
    sla = baseline.baseline_sla(kind, params, on)  # made afresh, no memo
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
    mine = baseline.baseline_sla(ComplaintKind.COMPLAINT, params, day)
    mine.resolve["complaint"] = 99  # type: ignore[index]  # the caller's own copy
    assert _hook(ComplaintKind.COMPLAINT, params, day) == before
    pm = get_plugin_manager(autoload=False)
    assert resolve_sla(pm, "379902", ComplaintKind.COMPLAINT, CAL, params, day).resolve["complaint"] == 15


def test_the_memos_stay_small_with_a_parameter_set_per_call() -> None:
    for n in range(40):
        params = _shorter(date(2025, 7, 1), 10 + n % 5)  # a new set each call, as a service may pass
        _hook(ComplaintKind.COMPLAINT, params, date(2025, 8, 1))
    assert len(baseline._BY_DAY) <= baseline._KEEP_SETS
    assert len(baseline._MADE) <= baseline._KEEP_MADE
