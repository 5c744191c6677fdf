"""The loader's checks made faster give the same problems as before.

- check_references answers "no problem" for a whole collection at once and checks record by
  record only where it finds one: the problems must be those of checking every record.
- event_order_problems compares event types by their text: the problems must be those of
  the enum-based version it replaced (kept here as the oracle).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core.io import references
from softenv_core.io.indexed import Numbered
from softenv_core.io.references import check_references
from softenv_core.model.complaints import (
    _NEXT,
    _SUPERVISABLE,
    CITY_OFFICE_UNIT,
    THIRD_RETURN,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
    event_order_problems,
)
from softenv_core.model.dataset import COLLECTIONS
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.strategies import datasets

from .weights import HEAVY, examples


def _old_event_order_problems(complaint: Complaint) -> list[tuple[int, str]]:
    """event_order_problems as it was before it compared types by text (the oracle)."""
    problems: list[tuple[int, str]] = []
    state: EventType | None = None
    previous_at: datetime | None = None
    previous: ComplaintEvent | None = None
    returns = reopenings = 0
    last_satisfaction: Satisfaction | None = None
    name = lambda s: "not yet received" if s is None else s.value  # noqa: E731
    for i, ev in enumerate(complaint.events):
        if previous is not None and previous_at is not None and ev.at < previous_at:
            before = f"the event before it, {previous.type.value} at {previous.at.isoformat()}"  # named: c58 02
            problems.append((i, f"{ev.type.value} at {ev.at.isoformat()} is earlier than {before}"))
        previous_at, previous = ev.at, ev
        for name_, value, carrier, words in (  # a field its type does not carry (platform t3/10, a60 05)
            ("unit", ev.unit, EventType.ASSIGNED, "an assigned event (交办)"),
            ("satisfaction", ev.satisfaction, EventType.FOLLOWED_UP, "a followed_up event (回访)"),
            ("verdict", ev.verdict, EventType.RESOLVED, "a resolved event (办结)"),
            ("extension_days", ev.extension_days, EventType.EXTENDED, "an extended event (延期)"),
        ):
            if value is not None and ev.type is not carrier:
                problems.append((i, f"{name_} is given only on {words}, not on {ev.type.value}"))
        if ev.type is EventType.SUPERVISED:
            if state not in _SUPERVISABLE:
                problems.append((i, f"supervised cannot come when the complaint is {name(state)}"))
            continue
        if ev.type not in _NEXT[state]:
            allowed = ", ".join(sorted(t.value for t in _NEXT[state])) or "nothing (it is finished)"
            problems.append((i, f"{ev.type.value} cannot follow {name(state)}; allowed: {allowed}"))
            continue
        if ev.type is EventType.ASSIGNED and not ev.unit:
            problems.append((i, "assigned needs the handling unit"))
        if ev.type is EventType.ASSIGNED and returns >= 2 and ev.unit != CITY_OFFICE_UNIT:
            problems.append((i, f"after two returns 市软建办 handles it itself (unit {CITY_OFFICE_UNIT!r})"))
        if ev.type is EventType.RETURNED:
            returns += 1
            if returns > 2:  # auditor a65 02
                problems.append((i, THIRD_RETURN))
        # No count of extensions: the complaint's one is its first applied, decided by the walk
        # (auditor a82 05); one per resolve step is the order's.
        if ev.type is EventType.EXTENDED and (not ev.extension_days or ev.extension_days < 1):
            problems.append((i, "extended needs extension_days >= 1"))
        if ev.type is EventType.FOLLOWED_UP:
            if ev.satisfaction is None:
                problems.append((i, "followed_up needs a satisfaction rating"))
            last_satisfaction = ev.satisfaction
        if ev.type is EventType.REOPENED:
            reopenings += 1
            if reopenings > 1:
                problems.append((i, "a complaint is reopened at most once"))
            if last_satisfaction is not Satisfaction.UNSATISFIED:
                problems.append((i, "reopened only after a follow-up rated unsatisfied (不满意)"))
        state = ev.type
    return problems


_START = datetime(2025, 3, 1, 9, tzinfo=BEIJING)
_EVENTS = st.builds(
    ComplaintEvent,
    st.sampled_from(EventType),
    st.integers(-48, 400).map(lambda h: _START + timedelta(hours=h)),
    st.just("经办人"),
    unit=st.sampled_from([None, "", "dept-01", CITY_OFFICE_UNIT]),
    satisfaction=st.none() | st.sampled_from(Satisfaction),
    verdict=st.none() | st.sampled_from(Verdict),
    extension_days=st.sampled_from([None, 0, 1, 5]),
)
# Histories that follow the order, then anything: most events then pass the order check and
# reach the checks of their own type.
_PATH = [
    EventType.RECEIVED,
    EventType.ACCEPTED,
    EventType.ASSIGNED,
    EventType.RETURNED,
    EventType.ASSIGNED,
    EventType.RETURNED,
    EventType.ASSIGNED,
    EventType.SIGNED,
    EventType.EXTENDED,
    EventType.RESOLVED,
    EventType.FOLLOWED_UP,
    EventType.REOPENED,
    EventType.EXTENDED,
    EventType.RESOLVED,
    EventType.FOLLOWED_UP,
    EventType.CLOSED,
]


@st.composite
def _histories(draw: st.DrawFn) -> tuple[ComplaintEvent, ...]:
    n = draw(st.integers(0, len(_PATH)))
    events = draw(st.lists(_EVENTS, min_size=n, max_size=n + 4))
    if draw(st.booleans()):
        events = [attrs.evolve(e, type=t) for e, t in zip(events, _PATH[:n], strict=False)] + events[n:]
    return tuple(events)


@settings(max_examples=examples(300))
@given(_histories())
def test_event_order_problems_are_those_of_the_enum_based_version(events: tuple[ComplaintEvent, ...]) -> None:
    complaint = Complaint("Q1", ComplaintKind.COMPLAINT, "P1", None, ItemCategory.FEES, "反映", events=events)
    assert event_order_problems(complaint) == _old_event_order_problems(complaint)


def _record_by_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(references, "_all_clear", lambda *args: False)


def _indexed(dataset: Any) -> dict[str, Numbered]:
    return {name: Numbered(list(getattr(dataset, name))) for name, _ in COLLECTIONS}


_BREAKS = {
    # collection: (field, a value no record of its target has)
    "ratings": ("rater", "P-unknown"),
    "contacts": ("liaison", "379999"),
    "complaints": ("point", "P-unknown"),
    "points": ("county", "379999"),
}


@HEAVY
@given(datasets(), st.data())
def test_references_found_for_a_whole_collection_are_those_found_record_by_record(
    dataset: Any, data: st.DataObject
) -> None:
    ix = _indexed(dataset)
    for name, (field, value) in _BREAKS.items():
        records = ix[name].records
        if records and data.draw(st.booleans(), label=f"break {name}"):
            i = data.draw(st.integers(0, len(records) - 1))
            records[i] = attrs.evolve(records[i], **{field: value})
            if data.draw(st.booleans(), label=f"duplicate {name}"):
                records.append(records[0])
    fast = check_references(dataset.city, ix)
    with pytest.MonkeyPatch.context() as mp:
        _record_by_record(mp)
        assert fast == check_references(dataset.city, ix)
