"""Auditor a31: year-end cases computed by hand from the policy (DESIGN "Annual adjustment",
"Commendation", "十佳 baseline"; docs/yearend.md, docs/programme.md), each on a minimal dataset
from ``softenv_core.testing.builders.small_dataset`` (three counties 甲区 379902, 乙县 379921,
丙市 379981; two 中型 民营 工业 points each; every report on time).

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, year_end
from softenv_core.analyses.adjustment import propose_additions
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.enterprises import Sector
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing.builders import make_point, monthly_contacts, small_dataset

JIA = "379902"
PARAMS = baseline_parameters()


def _all_sectors():
    """small_dataset(2025) with a 商业 and a 服务业 point in every county: no county lacks a
    sector, so the only county gaps are those a test makes."""
    ds = small_dataset(2025)
    points, contacts, serial = list(ds.points), list(ds.contacts), 100
    for county in ("379902", "379921", "379981"):
        for sector in (Sector.COMMERCE, Sector.SERVICES):
            serial += 1
            p = make_point(f"P-{county}-{sector.value}", county, serial, sector=sector)
            points.append(p)
            contacts += monthly_contacts(p, 2025, with_items=True)
    return attrs.evolve(ds, points=tuple(points), contacts=tuple(contacts))


def _county_gaps(proposals, county):
    return sorted(a.wanted for a in proposals if a.source == "representativeness" and a.scope == county)


def test_an_addition_is_proposed_for_a_gap_the_january_adjustment_opens():
    # 甲区's only 服务业 point leaves at the adjustment: removal (own wish) effective 2026-01-01,
    # recorded and in effect at the year end's instant (2026-01-06). On 12-31 甲区 has every
    # sector; after the adjustment (DESIGN "After adjustment, report representativeness gaps",
    # section 二's 调整后) it lacks 服务业: the addition proposals (section 九) must say so.
    ds = _all_sectors()
    leaving = f"P-{JIA}-services"
    jan1 = date(2026, 1, 1)
    change = RosterChange("RC1", leaving, ChangeAction.REMOVE, ChangeReason.OWN_WISH, jan1, Designator.CITY, JIA)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 12, 31)) if p.id == leaving else p for p in ds.points)
    ds = attrs.evolve(ds, points=points, roster_changes=(change,))
    y = year_end(ds, 2025, audience=CITY_OFFICE)
    assert [g.missing for g in y.roster_after.gaps if g.scope == JIA] == ["services"]  # section 二, 调整后
    assert _county_gaps(y.additions, JIA) == ["services"]
    assert _county_gaps(propose_additions(ds, 2025, PARAMS), JIA) == ["services"]


def test_no_addition_is_proposed_for_a_gap_the_january_adjustment_already_fills():
    # 甲区 has no 商业 point on 12-31; a 商业 point is added effective 2026-01-01 (filed with the
    # city on 2025-12-20). After the adjustment 甲区 lacks 服务业 only (2 points 工业 + 1 商业):
    # proposing 商业 again asks for what the adjustment already did.
    ds = small_dataset(2025)
    new = make_point("P-NEW", JIA, 200, sector=Sector.COMMERCE, designated_from=date(2026, 1, 1))
    jan1 = date(2026, 1, 1)
    change = RosterChange("RC1", "P-NEW", ChangeAction.ADD, ChangeReason.DESIGNATION, jan1, Designator.COUNTY, JIA)
    ds = attrs.evolve(
        ds,
        points=(*ds.points, new),
        roster_changes=(change,),
        filings=(Filing("F1", JIA, date(2025, 12, 20), ("RC1",)),),
    )
    y = year_end(ds, 2025, audience=CITY_OFFICE)
    assert [g.missing for g in y.roster_before.gaps if g.scope == JIA] == ["commerce", "services"]
    assert [g.missing for g in y.roster_after.gaps if g.scope == JIA] == ["services"]
    assert _county_gaps(y.additions, JIA) == ["services"]
