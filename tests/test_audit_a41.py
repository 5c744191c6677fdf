"""Auditor a41: the year end and the point / county assessment, cases computed by hand from the
policy (seed 三(一), 三(二), 三(五), 四(三); DESIGN "City baseline"; docs/rules.md) and compared
with the library. Every expected figure is the hand computation written beside it.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month, assess, get_plugin_manager
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.ruletypes import Band
from softenv_core.model.complaints import Verdict
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import beijing, make_complaint, make_point, monthly_report, small_dataset
from tests.plugin_examples import ConstantExtraPlugin

JIA, YI, BING, DING = "379902", "379921", "379981", "379982"
REMOVED = "P-379902-2"  # a 县区 point of 甲区 in small_dataset


def _city_only():
    return get_plugin_manager(autoload=False, plugins=[])


def _removed_in_january_2025():
    """P-379902-2 removed for 考评不合格 from 2025-01-20, inside 2025's adjustment window
    (``adjustment.window`` 01-01..01-31): the annual adjustment after 2024, filed 2025-01-10.

    2024 (no contact of it that year; no 万人评议 round, no complaint): 0 + 0 + 20 + 20 = 40 < 60,
    不合格 — the ground of the removal.
    2025: designated 01-01..01-19, working days 01-02, 01-03, 01-06..01-10, 01-13..01-17 = 12 ≥ 5,
    so it owes January alone; reached on 01-10 with an item: contact 30 × 1/1 = 30, feedback
    30 × min(1, 1 / (6 × 1/12 = 0.5)) = 30, appraisal 20 (no round), supervision 20: 100, 优秀.
    """
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 1, 19)) if p.id == REMOVED else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != REMOVED or c.date <= date(2025, 1, 19))
    change = RosterChange("RC-J", REMOVED, ChangeAction.REMOVE, ChangeReason.UNQUALIFIED, date(2025, 1, 20), Designator.COUNTY, JIA)
    filing = Filing("F-J", JIA, date(2025, 1, 10), ("RC-J",))
    return attrs.evolve(ds, points=points, contacts=contacts, roster_changes=(change,), filings=(filing,))


def test_a_removal_in_the_years_own_window_is_the_previous_years_adjustment():
    """A removal for 考评不合格 effective in January 2025 (the window) is the adjustment after 2024,
    grounded on 2024's band (DESIGN "Annual adjustment": the year's adjustment takes effect in
    January). 2024's check sets it against 2024 (40, 不合格: agrees); 2025's must not set it against
    the one month the point owed in 2025 (100, 优秀), which flagged the same record as
    contradicting its reason in the next year end."""
    ds = _removed_in_january_2025()
    pm = _city_only()
    a2024 = assess(ds, 2024, pm, audience=CITY_OFFICE)
    (earlier,) = check_unqualified_removals(ds, a2024, audience=CITY_OFFICE)
    assert (earlier.change, earlier.band, str(earlier.total), earlier.flagged) == ("RC-J", Band.FAIL, "40.00", False)
    a2025 = assess(ds, 2025, pm, audience=CITY_OFFICE)
    (point,) = (p for p in a2025.points if p.id == REMOVED)
    assert (str(point.total), point.band) == ("100.00", Band.EXCELLENT)  # the hand figure above
    assert check_unqualified_removals(ds, a2025, audience=CITY_OFFICE) == ()
    ye = year_end(ds, 2025, pm, audience=CITY_OFFICE)
    assert ye.unqualified_removals == ()
    assert "以“考评不合格”撤销、但当年考评并非不合格的" not in render_yearend(ye)


def test_a_removal_after_the_window_is_still_set_against_the_year():
    """The same removal from 2025-02-01, after the window: one during the year, set against the
    months the point owed in it (January, 100, 优秀): flagged, as docs/yearend.md says."""
    ds = _removed_in_january_2025()
    (change,) = ds.roster_changes
    points = tuple(attrs.evolve(p, designated_until=date(2025, 1, 31)) if p.id == REMOVED else p for p in ds.points)
    ds = attrs.evolve(ds, points=points, roster_changes=(attrs.evolve(change, effective=date(2025, 2, 1)),))
    a2025 = assess(ds, 2025, _city_only(), audience=CITY_OFFICE)
    (found,) = check_unqualified_removals(ds, a2025, audience=CITY_OFFICE)
    assert (found.band, str(found.total), found.flagged) == (Band.EXCELLENT, "100.00", True)


def test_a_removal_from_the_first_of_january_is_not_listed_again_in_the_new_year():
    """Removed from 2025-01-01 (the usual day of the adjustment after 2024): 2024's year end checks
    it against 2024's band (40, 不合格); 2025's listed it again as 2025年度无应履职月份, 未考评 (the
    point owes no month of 2025), a record of the previous year's adjustment."""
    ds = _removed_in_january_2025()
    (change,) = ds.roster_changes
    points = tuple(attrs.evolve(p, designated_until=date(2024, 12, 31)) if p.id == REMOVED else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != REMOVED)
    ds = attrs.evolve(
        ds, points=points, contacts=contacts, roster_changes=(attrs.evolve(change, effective=date(2025, 1, 1)),)
    )
    pm = _city_only()
    (earlier,) = check_unqualified_removals(ds, assess(ds, 2024, pm, audience=CITY_OFFICE), audience=CITY_OFFICE)
    assert (earlier.band, str(earlier.total), earlier.flagged) == (Band.FAIL, "40.00", False)
    assert check_unqualified_removals(ds, assess(ds, 2025, pm, audience=CITY_OFFICE), audience=CITY_OFFICE) == ()
