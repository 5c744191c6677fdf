"""Removal proposals name their evidence records (DESIGN principle 2; platform 14): an
unreached run its contacts, and the months it holds no contact in; a 不合格 proposal the
records behind the point's score items, complaint ids withheld outside the city office."""

from __future__ import annotations

from datetime import datetime

import attrs

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

P = "P-379902-2"
BASE = small_dataset(2025)


def _proposals(ds, audience=CITY_OFFICE):
    a = assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    return a, {p.point: p for p in propose_adjustments(ds, a, audience=audience)}


def test_an_unreached_run_names_its_contacts_and_its_months_without_one():
    # March and May: no contact of P at all; April: one that did not reach it.
    contacts = []
    for c in BASE.contacts:
        if c.point == P and c.date.month in (3, 5):
            continue
        contacts.append(attrs.evolve(c, reached=False, items=()) if c.point == P and c.date.month == 4 else c)
    _, found = _proposals(attrs.evolve(BASE, contacts=tuple(contacts)))
    proposal = found[P]
    assert "unreachable" in proposal.reasons
    assert proposal.evidence == ("C-P-379902-2-2025-04",)
    assert any("2025-03—2025-05" in w and "无联系记录：2025-03、2025-05" in w for w in proposal.explanation)


def test_a_failing_point_names_the_records_behind_its_score():
    # P never contacted in the second half: its contact and feedback items fall below 合格.
    contacts = tuple(c for c in BASE.contacts if c.point != P or c.date.month <= 2)
    assessment, found = _proposals(attrs.evolve(BASE, contacts=contacts))
    point = assessment.point(P)
    assert point.band.value == "fail"
    behind = {e for item in point.items for e in item.evidence}
    assert behind and behind <= set(found[P].evidence)
    assert "C-P-379902-2-2025-01" in found[P].evidence


def test_a_complaint_behind_a_failing_score_is_named_to_the_city_office_only():
    complaint = Complaint(
        "Q-1",
        ComplaintKind.COMPLAINT,
        P,
        None,
        ItemCategory.DIFFICULTY,
        "反映事项",
        False,
        (ComplaintEvent(EventType.RECEIVED, datetime(2025, 6, 12, 10, tzinfo=BEIJING), "办理人"),),
    )
    contacts = tuple(c for c in BASE.contacts if c.point != P or c.date.month <= 1)
    ds = attrs.evolve(BASE, contacts=contacts, complaints=(*BASE.complaints, complaint))
    assessment, city = _proposals(ds)
    assert "Q-1" in {e for item in assessment.point(P).items for e in item.evidence}
    assert "Q-1" in city[P].evidence
    county = propose_adjustments(ds, assessment, audience="county:379902")
    (mine,) = (p for p in county if p.point == P)
    assert "Q-1" not in mine.evidence and "C-P-379902-2-2025-01" in mine.evidence
    assert assessment.point(P).band.value == "fail"
