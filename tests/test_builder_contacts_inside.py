"""The test kit's monthly contacts fall inside the point's designation (auditor a21): a point
designated from the 26th got a contact on the 10th, outside its interval, which counts for
nothing, so a plugin author's test of a contact rule saw a month it owed left unreached."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core.model.periods import Month
from softenv_core.testing import small_dataset
from softenv_core.testing.builders import monthly_contacts


def test_each_contact_is_dated_inside_the_designation():
    point = small_dataset(2025).points[0]
    for start, until in ((date(2025, 9, 26), None), (date(2025, 3, 1), date(2025, 7, 4)), (date(2025, 1, 12), None)):
        p = attrs.evolve(point, designated_from=start, designated_until=until)
        contacts = monthly_contacts(p, 2025)
        assert contacts and all(p.active_on(c.date) for c in contacts), (start, until)
        assert {c.date.month for c in contacts} == {m for m in range(1, 13) if p.active_in(Month(2025, m))}


def test_a_point_designated_all_month_is_still_contacted_on_the_10th():
    point = small_dataset(2025).points[0]
    assert {c.date.day for c in monthly_contacts(point, 2025)} == {10}
