"""Attacker x58: what changed in the forty-first session (former names, the 无联系记录 notices,
section 三's points short of days, the complaint key without the text, the matters label), read
by every reader outside the city office: no complainant exposed, every text inert (held). One
misleading text found and fixed:

01. A contact logged by another office (市经贸委 visiting a county's point) hid the 无联系记录
    notice of a month the county's office logged nothing, while every point of the office was
    still charged 未联系上 in it (the other office's contact counts for no duty: section 三's
    wrong_office). The notice now reads the office's own contacts.
"""

from __future__ import annotations

import attrs

import softenv_core as se
from softenv_core.model.reports import Contact
from softenv_core.testing import builders as b


def _silent_september(stray: bool) -> se.Dataset:
    """乙县 (379921) logs no contact with its own point in September; with ``stray``, the city's
    liaison office visits that point once then."""
    ds = b.small_dataset(2025)
    contacts = [c for c in ds.contacts if not (c.date.month == 9 and c.point == "P-379921-2")]
    if stray:
        model = next(c for c in ds.contacts if c.point == "P-379921-2" and c.date.month == 9)
        contacts.append(attrs.evolve(model, id="C-STRAY", liaison="city"))
    return attrs.evolve(ds, contacts=tuple(contacts))


def _notices(ds: se.Dataset) -> list[str]:
    a = se.assess(ds, 2025, audience=se.CITY_OFFICE)
    return [n for n in a.notices if n.startswith("no contacts: liaison office 379921, ")]


def test_01_another_offices_contact_does_not_hide_the_offices_silent_month() -> None:
    alone, stray = _notices(_silent_september(False)), _notices(_silent_september(True))
    assert [n.split(":")[1] for n in alone] == [" liaison office 379921, 2025-09"]
    assert stray == alone
    contact: Contact = next(c for c in _silent_september(True).contacts if c.id == "C-STRAY")
    assert contact.liaison == "city"
