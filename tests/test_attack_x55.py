"""Attacker x55's finding 01: a withdrawal (撤回) is the complainant's own act, and a clerk records
the withdrawing point as its actor. The complaint references' key was derived from every field
of every complaint but its point and consent, the events' actors and notes included, so every
reference a department was given changed with who complained. The key now leaves out the events'
actors and notes (free text that may name the complainant); the rest of the record still keys it."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from softenv_core import Audience, Month, get_plugin_manager, monitoring_report, render_markdown
from softenv_core.analyses.redaction_keys import dataset_secret
from softenv_core.model.complaints import ComplaintEvent, EventType
from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import ItemCategory
from tests.demo_city import demo

PM = get_plugin_manager(autoload=False)
WITHDRAWN_ID = "Q-2025-0022"  # received, accepted and assigned to city-amr in July of the demo


def _world(point: str, actor: str | None = None, note: str = "企业撤回") -> Dataset:
    base = demo()
    out = []
    for q in base.complaints:
        if q.id == WITHDRAWN_ID:
            events = list(q.events[:3])
            at = events[-1].at + timedelta(hours=1)
            events.append(ComplaintEvent(type=EventType.WITHDRAWN, at=at, actor=actor or point, note=note))
            q = attrs.evolve(q, point=point, consent_to_disclose=False, events=tuple(events))
        out.append(q)
    return attrs.evolve(base, complaints=tuple(out))


@pytest.mark.parametrize("reader", ["department:city-amr", "county:379921", "county:379922", "public"])
def test_a_withdrawal_recorded_by_the_withdrawing_point_reads_the_same_whoever_it_was(reader: str) -> None:
    a, b = _world("P379922-017"), _world("P379921-006")
    assert next(q for q in a.complaints if q.id == WITHDRAWN_ID).events[-1].actor == "P379922-017"
    for month in (Month(2025, 7), Month(2025, 8)):
        ra = monitoring_report(a, month, PM, audience=Audience.parse(reader))
        rb = monitoring_report(b, month, PM, audience=Audience.parse(reader))
        assert render_markdown(ra) == render_markdown(rb)
        assert ra.to_json() == rb.to_json()


def test_the_key_leaves_out_actors_and_notes_but_not_the_record() -> None:
    same = dataset_secret(_world("P379922-017", actor="P379922-017", note="甲"))
    assert same == dataset_secret(_world("P379921-006", actor="P379921-006", note="乙"))
    moved = _world("P379922-017")
    # The record itself still keys it (its category here; its text no longer: reviewer r56 01,
    # tests/test_review_r56.py).
    other = attrs.evolve(
        moved,
        complaints=tuple(
            attrs.evolve(q, category=ItemCategory.FEES if q.category is not ItemCategory.FEES else ItemCategory.OTHER)
            if q.id == WITHDRAWN_ID
            else q
            for q in moved.complaints
        ),
    )
    assert dataset_secret(other) != dataset_secret(moved)
