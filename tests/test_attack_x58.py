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
from hypothesis import given
from hypothesis import strategies as st

import softenv_core as se
from softenv_core.model.reports import Contact
from softenv_core.testing import builders as b
from softenv_core.testing.strategies import datasets

from .weights import HEAVY


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


def _reference(ds: se.Dataset, a: se.Assessment) -> list[str]:
    """The notices worked out the plain way: each office's owing points month by month, each
    over the month's contacts (what the indexed version must equal)."""
    from softenv_core.analyses import silent_months as sm
    from softenv_core.model.periods import month_runs

    owing: dict[str, dict[se.Month, set[str]]] = {}
    for p in a.points:
        point = ds.point_by_id.get(p.id)
        for m in p.active_months if point is not None else ():
            if a.as_of is None or m.end <= a.as_of:
                owing.setdefault(point.liaison, {}).setdefault(m, set()).add(p.id)
    out = []
    for office in sorted(owing, key=lambda o: (o == "city", o)):
        wide = [m for m in sorted(owing[office]) if m not in ds.contacts_by_month]
        only = [
            m
            for m, ids in sorted(owing[office].items())
            if m in ds.contacts_by_month
            and not any(c.point in ids and c.liaison == office for c in ds.contacts_known_in(m, a.as_of))
        ]
        out += [sm._CITY_WIDE.format(office=office, months=month_runs(wide))] if wide else []
        out += [sm._OFFICE_ONLY.format(office=office, months=month_runs(only))] if only else []
    return out


@HEAVY
@given(datasets(max_counties=3, max_points=4), st.data())
def test_01_the_notices_are_those_worked_out_the_plain_way(ds: se.Dataset, data: st.DataObject) -> None:
    """The indexed notices (a point heard by the month's reached index first) equal the plain
    reading, with contacts moved to another office at random so that offices fall silent (moved,
    not dropped: follow-ups and topics refer to contacts)."""
    from softenv_core.analyses.silent_months import silent_months_notices

    n = len(ds.contacts)
    moved = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    other = {"city": ds.counties[0].code} if ds.counties else {}

    def elsewhere(c: Contact) -> Contact:
        return attrs.evolve(c, liaison=other.get(c.liaison, "city"))

    ds = attrs.evolve(ds, contacts=tuple(elsewhere(c) if m else c for c, m in zip(ds.contacts, moved, strict=True)))
    a = se.assess(ds, ds.reports[0].month.year if ds.reports else 2025, audience=se.CITY_OFFICE)
    assert silent_months_notices(ds, a.points, a.as_of) == _reference(ds, a)
