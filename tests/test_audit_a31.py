"""Auditor a31: year-end cases computed by hand from the policy (DESIGN "Annual adjustment",
"Commendation", "十佳 baseline"; docs/yearend.md, docs/programme.md), each on a minimal dataset
from ``softenv_core.testing.builders.small_dataset`` (three counties 甲区 379902, 乙县 379921,
丙市 379981; two 中型 民营 工业 points each; every report on time).

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from softenv_core import CITY_OFFICE, appraise, assess, year_end
from softenv_core.analyses.adjustment import propose_additions
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.divisions import Department
from softenv_core.model.enterprises import Sector
from softenv_core.model.periods import HalfYear, Month
from softenv_core.model.points import Designator
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange, Waiver
from softenv_core.rules.city.commendation import nomination_quota
from softenv_core.testing.builders import beijing, make_point, monthly_contacts, small_dataset

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


# --- hand-computed cases that agreed (kept as regressions) --------------------------------


def _late_september(ds):
    """甲区's September 2025 report, due 2025-10-09 (10-05 falls in the National Day holiday,
    10-09 is the first working day after it), submitted 10-10 10:00: late by 1 working day."""
    reports = tuple(
        attrs.evolve(r, submitted_at=beijing(2025, 10, 10, 10)) if (r.county, r.month) == (JIA, Month(2025, 9)) else r
        for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports)


def _jia(ds, **kw):
    return next(c for c in assess(ds, 2025, audience=CITY_OFFICE, **kw).counties if c.code == JIA)


def test_a_city_waiver_excuses_a_late_month_for_topten_only_from_its_day():
    ds = _late_september(small_dataset(2025))
    # (11 × 100 + 50) / 12 = 95.833… → 95.83, whatever the waivers: a waiver excuses for 十佳 only.
    plain = _jia(ds)
    assert (plain.compliance, plain.topten_eligible) == (Decimal("95.83"), False)
    waived = _jia(attrs.evolve(ds, waivers=(Waiver("W1", JIA, Month(2025, 9), "暴雨", date(2025, 10, 15)),)))
    assert (waived.compliance, waived.topten_eligible) == (Decimal("95.83"), True)
    # Decided by the county's own office: only the city relaxes its baseline (principle 5).
    own = Waiver("W1", JIA, Month(2025, 9), "暴雨", date(2025, 10, 15), "甲区经贸委")
    assert _jia(attrs.evolve(ds, waivers=(own,))).topten_eligible is False
    # Decided 2026-02-01: not yet a decision at the year's instant (2026-01-06 00:00), one after it.
    later = attrs.evolve(ds, waivers=(Waiver("W1", JIA, Month(2025, 9), "暴雨", date(2026, 2, 1)),))
    assert _jia(later).topten_eligible is False
    assert _jia(later, as_of=beijing(2026, 2, 2, 0)).topten_eligible is True


def test_a_report_amended_after_its_deadline_stays_on_time():
    # March 2025 due 04-07 (04-05 is 清明 off, 04-06 Sunday); first submitted 04-02, amended 04-20.
    ds = small_dataset(2025)
    amended = Amendment(beijing(2025, 4, 20), "经办人", items=(Item(ItemCategory.POLICY, "补报政策问题"),))
    reports = tuple(
        attrs.evolve(r, amendments=(amended,)) if (r.county, r.month) == (JIA, Month(2025, 3)) else r
        for r in ds.reports
    )
    county = _jia(attrs.evolve(ds, reports=reports))
    assert (county.compliance, county.topten_eligible) == (Decimal("100.00"), True)


def test_the_quota_is_ten_percent_rounded_down_at_least_one():
    # max(1, ⌊0.1 × n⌋): 9 → 1, 19 → 1, 20 → 2, 29 → 2, 30 → 3 (exactly, not ⌊2.9999…⌋ = 2).
    quotas = {n: nomination_quota(n, PARAMS, date(2025, 12, 31))[0] for n in (0, 9, 19, 20, 29, 30)}
    assert quotas == {0: 1, 9: 1, 19: 1, 20: 2, 29: 2, 30: 3}


def test_appraisal_score_renormalises_over_the_groups_that_rated_and_ranks_a_boundary_tie_whole():
    # 部门X: 其他企业 12 满意, 5 基本满意, 2 不满意, 1 不了解 (valid 19); 群众 5, 4, 2 (valid 11);
    # 行风监督员 3 不了解 (no valid rating: its weight drops out). Valid 30, ranked.
    # 100 × (0.2 × (12 + 0.6×5)/19 + 0.15 × (5 + 0.6×4)/11) / 0.35
    #   = 100 × (0.157894… + 0.100909…) / 0.35 = 73.943… → 73.94.
    # d1 100, d2 = d3 80 (tied 2nd), dx 73.94 (4th), d4 70 (5th): the bottom 3 places are the
    # 3rd–5th, d3's among them, so the d2/d3 tie is flagged whole (never split by id).
    rnd = AppraisalRound("A1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
    ratings: list[Rating] = []

    def rate(dept, group, level, k):
        first = len(ratings)
        ratings.extend(Rating("A1", f"r{first + i}", group, dept, level) for i in range(k))

    s, b, u, n = RatingLevel.SATISFIED, RatingLevel.BASICALLY, RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN
    for level, k in ((s, 12), (b, 5), (u, 2), (n, 1)):
        rate("dx", RaterGroup.ENTERPRISE, level, k)
    for level, k in ((s, 5), (b, 4), (u, 2)):
        rate("dx", RaterGroup.CITIZEN, level, k)
    rate("dx", RaterGroup.SUPERVISOR, n, 3)
    for dept, satisfied in (("d1", 30), ("d2", 24), ("d3", 24), ("d4", 21)):
        rate(dept, RaterGroup.CITIZEN, s, satisfied)
        rate(dept, RaterGroup.CITIZEN, u, 30 - satisfied)
    ds = small_dataset(2025)
    depts = (*ds.departments, *(Department(d, d) for d in ("dx", "d1", "d2", "d3", "d4")))
    ds = attrs.evolve(ds, departments=depts, appraisal_rounds=(rnd,), ratings=tuple(ratings))
    got = {d.department: (d.score, d.rank, d.bottom) for d in appraise(ds, rnd, audience=CITY_OFFICE).departments}
    assert got["dx"] == (Decimal("73.94"), 4, True)
    assert got["d1"] == (Decimal("100.00"), 1, False)
    assert got["d2"] == got["d3"] == (Decimal("80.00"), 2, True)
    assert got["d4"] == (Decimal("70.00"), 5, True)
