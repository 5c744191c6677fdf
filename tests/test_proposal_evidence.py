"""Removal proposals name their evidence records (DESIGN principle 2; platform 14): an
unreached run its contacts, and the months it holds no contact in; a 不合格 proposal the
records behind the point's score items, complaint ids withheld outside the city office."""

from __future__ import annotations

import attrs

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
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
        contacts.append(attrs.evolve(c, reached=False) if c.point == P and c.date.month == 4 else c)
    _, found = _proposals(attrs.evolve(BASE, contacts=tuple(contacts)))
    proposal = found[P]
    assert "unreachable" in proposal.reasons
    assert proposal.evidence == ("C-P-379902-2-2025-04",)
    assert any("2025-03—2025-05" in w and "无联系记录: 2025-03, 2025-05" in w for w in proposal.explanation)


def test_a_failing_point_names_the_records_behind_its_score():
    # P never contacted in the second half: its contact and feedback items fall below 合格.
    contacts = tuple(c for c in BASE.contacts if c.point != P or c.date.month <= 2)
    assessment, found = _proposals(attrs.evolve(BASE, contacts=contacts))
    point = assessment.point(P)
    assert point.band.value == "fail"
    behind = {e for item in point.items for e in item.evidence}
    assert behind and behind <= set(found[P].evidence)
    assert "C-P-379902-2-2025-01" in found[P].evidence
