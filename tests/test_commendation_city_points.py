"""市直 points in the commendation (表彰奖励, auditor a39, finding 2): a county's quota counts its
own 县区 points, and its nomination of a 市直 point is rejected. DESIGN: a county nominates at
most max(1, ⌊10 % of its active points⌋); its points are its 县区 points (the glossary's 市直 is
designated by the city and contacted by 市经贸委; county reports answer for county points only).

The case by hand: 甲区 (379902) has 2 市直 points and 18 县区 points on 31 December 2025.
Counting every point gave max(1, ⌊0.1 × 20⌋) = 2; its own points give max(1, ⌊0.1 × 18⌋) = 1.
It nominates two 县区 points: over by 1. Its nomination of a 市直 point is rejected, and the
city's decision commending it is flagged."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.commendation import check_commendation
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.points import PointLevel
from softenv_core.model.roster import CommendationDecision, Nomination
from softenv_core.render.year_end import render_yearend
from softenv_core.render.yearend_parts import quota_error
from softenv_core.testing import make_point, monthly_contacts, small_dataset

JIA = "379902"
PARAMS = baseline_parameters()


def _jia(nominations, decisions=()):
    """small_dataset with 甲区 at 2 市直 and 18 县区 points, every one contacted monthly."""
    ds = small_dataset(2025)
    extra = [
        make_point(f"P-{JIA}-{k}", JIA, 100 + k, level=PointLevel.CITY if k == 3 else PointLevel.COUNTY)
        for k in range(3, 21)
    ]
    contacts = [c for p in extra for c in monthly_contacts(p, 2025, with_items=True)]
    ds = attrs.evolve(
        ds,
        points=(*ds.points, *extra),
        contacts=(*ds.contacts, *contacts),
        nominations=tuple(nominations),
        decisions=tuple(decisions),
    )
    jia = [p for p in ds.points if p.county == JIA]
    assert (sum(p.level is PointLevel.CITY for p in jia), sum(p.level is PointLevel.COUNTY for p in jia)) == (2, 18)
    return ds


def _check(ds):
    a = assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    result = check_commendation(ds, a, PARAMS, audience=CITY_OFFICE)
    return next(c for c in result.counties if c.county == JIA), result


def test_the_quota_counts_the_countys_own_points_not_the_city_level_ones():
    ds = _jia([Nomination("N1", 2025, JIA, "P-379902-2"), Nomination("N2", 2025, JIA, "P-379902-4")])
    jia, _ = _check(ds)
    assert (jia.active_points, jia.quota, jia.nominated) == (18, 1, 2)  # not 20 points, a quota of 2
    assert jia.error == "379902 甲区：推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 18个在册县区监测点⌋)）"
    assert quota_error(jia, zh=False) == "379902: 2 nominated, quota 1, 1 over (from 18 designated 县区 points)"


def test_a_countys_nomination_of_a_city_level_point_is_rejected_and_its_commendation_flagged():
    ds = _jia(
        [Nomination("N1", 2025, JIA, "P-379902-1")],  # 市直
        [CommendationDecision("D1", "N1", True, date(2026, 1, 20))],
    )
    jia, result = _check(ds)
    (nominee,) = jia.nominees
    assert not nominee.accepted and nominee.failing == ()
    assert nominee.reason == "P-379902-1 为市直监测点（市确定、市经贸委联系），由市里自行表彰，不由县区推荐"
    assert (jia.quota, jia.nominated, jia.error) == (1, 1, None)
    assert result.flags == (f"D1：表彰了不符合条件的推荐 N1（{nominee.reason}）",)


def test_the_year_end_says_what_the_quota_counts():
    ds = _jia([Nomination("N1", 2025, JIA, "P-379902-2")])
    text = render_yearend(year_end(ds, 2025, audience=CITY_OFFICE))
    section = text[text.index("## 五") :]
    assert "名额按各县区年末在册的县区监测点计；市直监测点不计入县区名额，也不由县区推荐（由市里自行表彰）。" in section
    english = render_yearend(year_end(ds, 2025, audience=CITY_OFFICE), "en")
    assert "Each quota counts the county's own 县区 points on the roster at year end" in english


def test_explain_does_not_count_a_city_level_point_owing_no_month_in_the_quota():
    """A point designated from 2025-12-31 owes no month (1 working day < 5); a 县区 one is on the
    roster that day and counts in its county's quota, a 市直 one in none."""
    from softenv_core import WorkCalendar
    from softenv_core.render.explain_notes import point_not_assessed

    base = small_dataset(2025)
    eve = [
        make_point(pid, JIA, 90 + k, level=level, designated_from=date(2025, 12, 31))
        for k, (pid, level) in enumerate((("XC", PointLevel.CITY), ("XK", PointLevel.COUNTY)))
    ]
    ds = attrs.evolve(base, points=(*base.points, *eve))
    a = assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE)
    city, county = (point_not_assessed(ds, a, pid, WorkCalendar(), "zh") for pid in ("XC", "XK"))
    assert "但无应履职月份" in city and "表彰名额" not in city
    assert county.endswith("；它在 2025-12-31 在册，计入 379902 表彰名额的在册监测点数")
    jia = next(c for c in check_commendation(ds, a, PARAMS, audience=CITY_OFFICE).counties if c.county == JIA)
    assert jia.active_points == 2  # P-379902-2 and XK; not P-379902-1 nor XC (市直)
