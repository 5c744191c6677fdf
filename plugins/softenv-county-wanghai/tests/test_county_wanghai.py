"""望海市 plugin: conformance checks and data-driven cases (tests/cases/*.json)."""

from datetime import timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import softenv_county_wanghai as plugin
from softenv_core import CITY_OFFICE, assess
from softenv_core.model.complaints import (
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Verdict,
)
from softenv_core.model.reports import ItemCategory
from softenv_core.rules.registry import city_plugin_manager
from softenv_core.testing import assert_case, assert_conforms, load_cases
from softenv_core.testing.builders import beijing, small_dataset

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_conforms_to_the_city_rules_and_the_other_installed_plugins():
    report = assert_conforms(plugin, "wanghai", max_examples=5)  # as the plugin guide writes it
    assert report.county == "379982"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, softenv_register):
    assert_case(case, softenv_register(plugin, "wanghai"))


# "During the year" and "as of": finding 05 of the policy audit. A complaint against
# 379982-amr, signed the day it came (resolve due 15 working days later).
_CODES = ("379902", "379921", "379982")
_DATASET = None


def _complaint(received, resolved):
    ev = [
        ComplaintEvent(EventType.RECEIVED, received, "软建办"),
        ComplaintEvent(EventType.ACCEPTED, received.replace(hour=received.hour + 1), "软建办"),
        ComplaintEvent(EventType.ASSIGNED, received.replace(hour=received.hour + 2), "软建办", unit="379982-amr"),
        ComplaintEvent(EventType.SIGNED, received.replace(hour=received.hour + 3), "amr"),
    ]
    if resolved is not None:
        ev.append(ComplaintEvent(EventType.RESOLVED, resolved, "amr", verdict=Verdict.SUBSTANTIATED))
    return Complaint(
        "K1", ComplaintKind.COMPLAINT, "P-379982-1", "379982-amr", ItemCategory.SERVICE, "办事拖延", events=tuple(ev)
    )


def _dataset(complaint):
    global _DATASET
    if _DATASET is None:
        a, b = small_dataset(2024, counties=_CODES), small_dataset(2025, counties=_CODES)
        _DATASET = attrs.evolve(b, contacts=a.contacts + b.contacts, reports=a.reports + b.reports)
    return attrs.evolve(_DATASET, complaints=(complaint,))


def _wanghai(pm, complaint, **kw):
    return assess(_dataset(complaint), 2025, pm, audience=CITY_OFFICE, **kw).county("379982")


def test_a_complaint_overdue_only_in_an_earlier_year_does_not_count(softenv_register):
    pm = softenv_register(plugin, "wanghai")
    assert _wanghai(pm, _complaint(beijing(2024, 3, 1), beijing(2024, 6, 3))).topten_eligible


def test_overdue_days_after_as_of_do_not_count(softenv_register):
    pm = softenv_register(plugin, "wanghai")
    # Resolve due 2025-03-24; at as_of 2025-04-01 it is 6 working days overdue (<= 10),
    # whether it is resolved later (2025-05-30, not known then) or still open.
    for resolved in (beijing(2025, 5, 30), None):
        c = _wanghai(pm, _complaint(beijing(2025, 3, 3), resolved), as_of=beijing(2025, 4, 1))
        # The county's own condition passes; the city's on-time condition alone waits for the
        # months not yet due at 04-01 (March–December: 暂不能判定).
        assert [x.rule.id for x in c.conditions if not x.passed] == ["city.topten.on_time"]
    # At the year's end both are long overdue: the condition still disqualifies.
    late = _wanghai(pm, _complaint(beijing(2025, 3, 3), beijing(2025, 5, 30)))
    assert not late.topten_eligible
    assert "K1 本年超期46个工作日" in next(x.reason for x in late.conditions if not x.passed)


def test_overdue_days_of_the_year_count_for_a_complaint_of_the_year_before(softenv_register):
    pm = softenv_register(plugin, "wanghai")
    # Received 2024-12-02, resolve due 2024-12-23, resolved 2025-03-03: overdue in 2025 for
    # the working days of 2025 up to 03-03 (far more than 10).
    c = _wanghai(pm, _complaint(beijing(2024, 12, 2), beijing(2025, 3, 3)))
    assert not c.topten_eligible


@settings(max_examples=8)
@given(as_of_day=st.integers(0, 60), later=st.integers(-10, 30))
def test_the_answer_at_as_of_ignores_what_happens_after_it(as_of_day, later):
    """Eligibility at as_of is the same whatever the complaint's later events are: resolved
    ``later`` days after as_of (before it when negative) or, as known then, still open."""
    pm = city_plugin_manager()
    pm.register(plugin, name="wanghai")
    received, as_of = beijing(2025, 3, 3), beijing(2025, 3, 14) + timedelta(days=as_of_day)
    resolved = as_of + timedelta(days=later, hours=1)
    full = _wanghai(pm, _complaint(received, resolved), as_of=as_of).topten_eligible
    known = _wanghai(pm, _complaint(received, resolved if resolved <= as_of else None), as_of=as_of).topten_eligible
    assert full == known


def _withdrawn(received, withdrawn):
    """K1 signed on ``received`` and withdrawn (撤回) by the point on ``withdrawn``."""
    k1 = _complaint(received, None)
    return attrs.evolve(
        k1, events=(*k1.events, ComplaintEvent(EventType.WITHDRAWN, withdrawn, "软建办", note="企业撤回"))
    )


def test_a_step_withdrawn_by_its_due_moment_is_never_overdue(softenv_register):
    """Auditor a60 03: a step withdrawn by its due moment counts neither for nor against
    (``step.withdrawn``, ``on_time`` None); it used to count as 1 working day overdue."""
    from datetime import date, datetime, time

    from softenv_core import BEIJING, WorkCalendar, baseline_parameters, complaint_status, sla_for

    pm = softenv_register(plugin, "wanghai")
    cal = WorkCalendar()

    def days(complaint):
        sla = sla_for(pm, _dataset(complaint), complaint, cal, baseline_parameters())

        class Ctx:  # the one attribute _overdue_in_year reads of its CountyYear
            calendar = cal

        at = datetime.combine(date(2025, 12, 31), time(23, 59, 59), BEIJING)
        status = lambda c, a: complaint_status(c, a, sla, cal)  # noqa: E731
        return plugin._overdue_in_year(Ctx(), status, complaint, {"379982-amr"}, date(2024, 12, 31), at)

    # Signed Fri 2025-08-01, resolve due Fri 08-22: withdrawn 08-05, or at the due day's last second.
    assert days(_withdrawn(beijing(2025, 8, 1, 8), beijing(2025, 8, 5))) == 0
    assert days(_withdrawn(beijing(2025, 8, 1, 8), beijing(2025, 8, 22, 23).replace(minute=59, second=59))) == 0
    # Withdrawn after it: overdue to the withdrawal, as a step done late (the library's reading):
    # signed Mon 03-03, due Mon 03-24, withdrawn Thu 04-10 10:00: 03-25 … 04-10 less 清明 (04-04) = 12.
    late = _withdrawn(beijing(2025, 3, 3, 8), beijing(2025, 4, 10))
    assert days(late) == 12
    county = _wanghai(pm, late)
    assert "K1 本年超期12个工作日" in next(x.reason for x in county.conditions if not x.passed)
    assert _wanghai(pm, _withdrawn(beijing(2025, 8, 1, 8), beijing(2025, 8, 5))).topten_eligible
