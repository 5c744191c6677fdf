"""`softenv explain` lists a score item's and a condition's evidence ids with the full-width
enumeration comma ``、`` in Chinese, as the owed months beside them (review c42: ``C-1, C-2``
inside Chinese text); English keeps ``, ``."""

from __future__ import annotations

import attrs

from softenv_core import CITY_OFFICE, assess
from softenv_core.render import assessment as render
from softenv_core.testing import small_dataset

POINT = "P-379902-2"  # contacted every month: twelve contacts behind its contact item
CONTACTS = [f"C-{POINT}-2025-{m:02}" for m in range(1, 13)]


def _point():
    return assess(small_dataset(2025), 2025, audience=CITY_OFFICE).point(POINT)


def test_an_items_evidence_ids_are_separated_by_the_enumeration_comma_in_chinese():
    p = _point()
    zh, en = render.explain_point(p, "zh"), render.explain_point(p, "en")
    assert f"依据记录：{'、'.join(CONTACTS)}\n" in zh
    assert ", C-" not in zh
    assert f"Evidence: {', '.join(CONTACTS)}\n" in en


def test_a_long_list_says_how_many_more_in_the_readers_words():
    p = _point()
    item = next(i for i in p.items if i.rule.id == "city.duty.contact")
    more = attrs.evolve(item, evidence=(*CONTACTS, "X-1", "X-2"))
    p = attrs.evolve(p, items=tuple(more if i is item else i for i in p.items))
    assert f"依据记录：{'、'.join(CONTACTS)}…（另2项）\n" in render.explain_point(p, "zh")
    assert f"Evidence: {', '.join(CONTACTS)} … (+2)\n" in render.explain_point(p, "en")


def test_a_conditions_evidence_ids_too():
    p = _point()
    cond = attrs.evolve(p.nomination_conditions[0], evidence=("Q-1", "Q-2"))
    p = attrs.evolve(p, nomination_conditions=(cond, *p.nomination_conditions[1:]))
    assert "      依据记录：Q-1、Q-2\n" in render.explain_point(p, "zh")
    assert "      Evidence: Q-1, Q-2\n" in render.explain_point(p, "en")
