"""Auditor a69 computed the year end by hand (deadlines around the 2025 and 2026 holidays, reports
at the deadline instant in several offsets, waivers, an abolished county and a moved point,
commendations against the quota, a round closing in January): every figure agreed. One thing
the docs did not say: the default instant is the moment after the *latest* December deadline of
the dataset's counties, so one county's file alone, under its own earlier deadline, is judged at
an earlier instant than the city's file holding it (docs/rules.md, ``as_of``).
"""

from __future__ import annotations

from datetime import datetime

import attrs

import softenv_county_qingshan
from softenv_core import CITY_OFFICE, assess
from softenv_core.model.periods import BEIJING, Month
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset

JIA, YI = "379902", "379921"  # 乙县 is 青山县: its plugin makes a report due on the 3rd


def _december_at(ds, when):  # type: ignore[no-untyped-def]
    reports = tuple(
        attrs.evolve(r, submitted_at=when) if (r.county, r.month) == (YI, Month(2025, 12)) else r for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports)


def _december(a):  # type: ignore[no-untyped-def]
    county = next(c for c in a.counties if c.code == YI)
    return next(m for m in county.months if m.month == Month(2025, 12))


def test_the_default_instant_is_after_the_latest_december_deadline_of_the_datasets_counties() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("qingshan", softenv_county_qingshan)])
    when = datetime(2026, 1, 5, 10, tzinfo=BEIJING)  # after 青山's deadline (01-04, a Sunday worked)
    both = _december_at(small_dataset(2025, (JIA, YI)), when)
    alone = _december_at(small_dataset(2025, (YI,)), when)
    in_city, on_its_own = assess(both, 2025, pm, audience=CITY_OFFICE), assess(alone, 2025, pm, audience=CITY_OFFICE)
    assert in_city.as_of == datetime(2026, 1, 6, tzinfo=BEIJING)  # after the city's deadline, 2026-01-05
    assert on_its_own.as_of == datetime(2026, 1, 5, tzinfo=BEIJING)  # after its own
    assert _december(in_city).late_workdays == 1
    assert _december(on_its_own).status.value == "missing"
    # The same instant given, the two files agree on the county.
    given = assess(alone, 2025, pm, audience=CITY_OFFICE, as_of=in_city.as_of)
    assert _december(given).status == _december(in_city).status
