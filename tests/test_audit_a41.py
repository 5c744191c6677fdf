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
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Verdict
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, Nomination, RosterChange
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
    change = RosterChange(
        "RC-J", REMOVED, ChangeAction.REMOVE, ChangeReason.UNQUALIFIED, date(2025, 1, 20), Designator.COUNTY, JIA
    )
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


# --- The hand cases that agreed (2025; small_dataset: on-time zero reports, monthly contacts) ---
#
# Two 万人评议 rounds: R1 06-01..06-20, R2 12-01..12-20. 甲区 points (县区 level):
#   P-379902-2  reached 12/12, items in Jan–Mar, rated R1 and R2:
#               30 + 30 × 3/6 + 20 × 2/2 + 20 = 85.00 → 优秀 (the threshold itself)
#   PA          reached 12/12, no item, rated R1 only: 30 + 0 + 20 × 1/2 + 20 = 60.00 → 合格 (the threshold)
#   PB          reached 12/12, items Jan–Feb, rated both, QB1 (May) found 虚假 in May:
#               30 + 30 × 2/6 (QB1 is no feedback) + 20 + (20 − 10) = 70.00 → 合格
#   PC          designated from 04-01 (owes Apr–Dec, 9), reached Apr, May, Sep–Dec (items each),
#               not reached Jun–Aug, rated R2 only: 30 × 6/9 + 30 × min(1, 6/4.5) + 20 × 1/2 + 20 = 80.00
#   PD          reached 12/12, no item; QD0 (Jan, 属实) is feedback; QD1–QD3 found 虚假/恶意:
#               30 + 30 × 1/6 + 0 + max(0, 20 − 30) = 35.00 → 不合格
# 丙市 (379981) abolished 2025-09-30: owes Jan–Sep, 9 on time → 100, but no 十佳 (not on 12-31);
# its 县区 point moves to 丁市 (379982, created 2025-10-01) as PE, which owes Oct–Dec.
# 乙县's May report sent 06-09 (due Thu 06-05): late 06-06, 06-09 = 2 ≤ 3 → 50;
# (11 × 100 + 50) / 12 = 95.83, not 先进.


def _contacts(point, reached, with_items, unreached=()):
    out = []
    for m in sorted(set(reached) | set(unreached)):
        items = (Item(ItemCategory.OPERATIONS, "平稳"),) if m in with_items else ()
        out.append(
            Contact(
                f"C-{point.id}-{m:02d}",
                point.id,
                date(2025, m, 10),
                ContactMethod.PHONE,
                point.liaison,
                m in reached,
                items,
            )
        )
    return out


def _hand_case():
    ds = small_dataset(2025)
    every = range(1, 13)
    counties = (*ds.counties[:2], attrs.evolve(ds.counties[2], effective_until=date(2025, 9, 30)))
    counties += (County(DING, "丁市", CountyKind.CITY, "丁市经贸委", effective_from=date(2025, 10, 1)),)
    ended = {p.id: attrs.evolve(p, designated_until=date(2025, 9, 30)) for p in ds.points if p.county == BING}
    pe = attrs.evolve(
        ended["P-379981-2"], id="PE", county=DING, designated_from=date(2025, 10, 1), designated_until=None
    )
    pa, pb, pd = make_point("PA", JIA, 41), make_point("PB", JIA, 42), make_point("PD", JIA, 44)
    pc = make_point("PC", JIA, 43, designated_from=date(2025, 4, 1))
    points = (*(ended.get(p.id, p) for p in ds.points), pe, pa, pb, pc, pd)
    keep = [c for c in ds.contacts if c.point != REMOVED and not (c.point in ended and c.date.month > 9)]
    (p2,) = (p for p in ds.points if p.id == REMOVED)
    contacts = keep + _contacts(p2, every, {1, 2, 3}) + _contacts(pa, every, ()) + _contacts(pb, every, {1, 2})
    contacts += _contacts(pc, {4, 5, 9, 10, 11, 12}, {4, 5, 9, 10, 11, 12}, unreached={6, 7, 8})
    contacts += _contacts(pd, every, ()) + _contacts(pe, {10, 11, 12}, {10, 11, 12})
    reports = [r for r in ds.reports if not (r.county == BING and r.month.month > 9) and r.id != f"R-{YI}-2025-05"]
    reports.append(monthly_report(YI, Month(2025, 5), beijing(2025, 6, 9, 9)))
    reports += [monthly_report(DING, Month(2025, m), beijing(2025 + m // 12, m % 12 + 1, 2, 9)) for m in (10, 11, 12)]
    rounds = (
        AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20)),
        AppraisalRound("R2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20)),
    )
    both = [(r, p) for r in ("R1", "R2") for p in ("P-379902-1", REMOVED, "PB")]
    rated = [*both, ("R1", "PA"), ("R2", "PC"), ("R2", "PE")]
    ratings = tuple(Rating(r, p, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for r, p in rated)
    false, malicious = Verdict.FALSE, Verdict.MALICIOUS
    complaints = (
        make_complaint("QB1", "PB", beijing(2025, 5, 10), resolved_at=beijing(2025, 5, 20), verdict=false),
        make_complaint("QD0", "PD", beijing(2025, 1, 10)),
        make_complaint("QD1", "PD", beijing(2025, 2, 10), verdict=false),
        make_complaint("QD2", "PD", beijing(2025, 3, 10), verdict=malicious),
        make_complaint("QD3", "PD", beijing(2025, 4, 10), verdict=false),
    )
    by = Designator.CITY  # make_point's designator
    changes = (
        RosterChange("RC1", "PC", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 4, 1), by, JIA),
        RosterChange("RC2", "P-379981-2", ChangeAction.REMOVE, ChangeReason.OTHER, date(2025, 10, 1), by, BING),
        RosterChange("RC3", "PE", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 10, 1), by, DING),
        RosterChange("RC4", "P-379981-1", ChangeAction.REMOVE, ChangeReason.OTHER, date(2025, 10, 1), by, BING),
    )
    return attrs.evolve(
        ds,
        counties=counties,
        points=points,
        contacts=tuple(contacts),
        reports=tuple(reports),
        appraisal_rounds=rounds,
        ratings=ratings,
        complaints=complaints,
        roster_changes=changes,
    )


def test_the_hand_cases_points_and_bands_at_the_thresholds():
    a = assess(_hand_case(), 2025, _city_only(), audience=CITY_OFFICE)
    got = {p.id: (str(p.total), p.band.zh, len(p.active_months)) for p in a.points if p.county in (JIA, DING)}
    assert got == {
        "P-379902-1": ("100.00", "优秀", 12),
        REMOVED: ("85.00", "优秀", 12),
        "PA": ("60.00", "合格", 12),
        "PB": ("70.00", "合格", 12),
        "PC": ("80.00", "合格", 9),
        "PD": ("35.00", "不合格", 12),
        "PE": ("100.00", "优秀", 3),
    }
    pd = next(p for p in a.points if p.id == "PD")
    supervision = next(i for i in pd.items if i.rule.id == "city.duty.supervision")
    assert supervision.reason.startswith("max(0, 20 − 10 × 3件经查虚假或恶意的投诉) = max(0, -10)：不低于0，按0计")
    assert supervision.evidence == ("QD1", "QD2", "QD3")
    pc = next(p for p in a.points if p.id == "PC")
    contact = next(i for i in pc.items if i.rule.id == "city.duty.contact")
    assert contact.reason == "应履职9个月中6个月被联系上：30 × 6/9；未联系上：2025-06、2025-07、2025-08"


def test_the_hand_cases_extra_cap_and_floor_and_a_cent_below_each_band():
    """ConstantExtraPlugin gives each 甲区 县区 point the same extra (a 市直 point none):
    +8 and +7 = 15 > 10: a cap item of −5, so 85 + 10 = 95; −100: 35 − 100 = −65 < 0, a floor
    item of +65, total 0; −0.01: 85 − 0.01 = 84.99 < 85 (合格) and 60 − 0.01 = 59.99 < 60 (不合格)."""
    ds = _hand_case()

    def totals(*plugins):
        pm = get_plugin_manager(autoload=False, plugins=list(plugins))
        points = assess(ds, 2025, pm, audience=CITY_OFFICE).points
        return {p.id: (str(p.total), p.band.zh) for p in points if p.id in ("P-379902-1", REMOVED, "PA", "PD")}

    capped = totals(("a", ConstantExtraPlugin(JIA, 8, "a.x")), ("b", ConstantExtraPlugin(JIA, 7, "b.x")))
    assert capped == {
        "P-379902-1": ("100.00", "优秀"),
        REMOVED: ("95.00", "优秀"),
        "PA": ("70.00", "合格"),
        "PD": ("45.00", "不合格"),
    }
    floored = totals(("a", ConstantExtraPlugin(JIA, -100, "a.x")))
    assert floored[REMOVED] == ("0.00", "不合格") and floored["PD"] == ("0.00", "不合格")
    below = totals(("a", ConstantExtraPlugin(JIA, -0.01, "a.x")))
    assert below[REMOVED] == ("84.99", "合格") and below["PA"] == ("59.99", "不合格")


def test_the_hand_cases_counties_and_topten():
    a = assess(_hand_case(), 2025, _city_only(), audience=CITY_OFFICE)
    got = {c.code: (str(c.compliance), c.topten_eligible) for c in a.counties}
    assert got == {JIA: ("100.00", True), YI: ("95.83", False), BING: ("100.00", False), DING: ("100.00", True)}
    (ding,) = (c for c in a.counties if c.code == DING)
    assert [m.status.value for m in ding.months].count("not_owed") == 9  # January–September
    (yi,) = (c for c in a.counties if c.code == YI)
    (on_time,) = (c for c in yi.conditions if c.rule.id == "city.topten.on_time")
    assert on_time.reason == "2025-05 迟报2个工作日（06-06、06-09）"


def test_the_hand_cases_year_end_commendation_and_adjustment():
    """Quota max(1, ⌊0.1 × n⌋) of the 县区 points designated on 12-31: 甲区 5 (P-379902-2, PA, PB,
    PC, PD) → 1; 丁市 1 (PE) → 1; 丙市 does not exist on 12-31: no quota. 甲区 nominates P-379902-2
    (all year, 85 优秀, R1 and R2, no false complaint: accepted) and PB (合格, QB1 虚假: rejected),
    2 > 1: over by one. 丁市 nominates PE: designated from 10-01, not all year. Proposals: PC (not
    reached Jun–Aug, a run of 3) and PD (35, 不合格)."""
    ds = _hand_case()
    submitted = beijing(2026, 1, 5)
    nominations = (
        Nomination("N1", 2025, JIA, REMOVED, submitted_at=submitted),
        Nomination("N2", 2025, JIA, "PB", submitted_at=submitted),
        Nomination("N3", 2025, DING, "PE", submitted_at=submitted),
    )
    ye = year_end(attrs.evolve(ds, nominations=nominations), 2025, _city_only(), audience=CITY_OFFICE)
    quotas = {c.county: (c.active_points, c.quota, c.nominated) for c in ye.commendation.counties}
    assert quotas == {JIA: (5, 1, 2), YI: (1, 1, 0), DING: (1, 1, 1)}
    accepted = {n.point: n.accepted for c in ye.commendation.counties for n in c.nominees}
    assert accepted == {REMOVED: True, "PB": False, "PE": False}
    (jia,) = (c for c in ye.commendation.counties if c.county == JIA)
    assert jia.error == "379902 甲区：推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 5个在册县区监测点⌋)）"
    assert {p.point: p.explanation for p in ye.proposals} == {
        "PC": ("连续3个月未联系上：2025-06—2025-08",),
        "PD": ("2025年度考评35.00分，不合格",),
    }


def test_items_raised_in_another_offices_contact_are_the_points_feedback():
    """P-379902-1 is 市直 (市经贸委 contacts it every month, here with no item); 甲区经贸委 visits it
    on 03-12 and it raises an item. DESIGN: the contact item counts the liaison office's contacts
    (12/12 by 市经贸委: 30); feedback counts items raised in contacts, by any office: March,
    30 × 1/6 = 5.00 (docs/rules.md "Only the responsible office's contacts count")."""
    ds = small_dataset(2025)
    point = "P-379902-1"
    contacts = [attrs.evolve(c, items=()) if c.point == point else c for c in ds.contacts]
    item = (Item(ItemCategory.OPERATIONS, "困难"),)
    contacts.append(Contact("X-1", point, date(2025, 3, 12), ContactMethod.VISIT, JIA, True, item))
    a = assess(attrs.evolve(ds, contacts=tuple(contacts)), 2025, _city_only(), audience=CITY_OFFICE)
    (p,) = (p for p in a.points if p.id == point)
    items = {i.rule.id: i for i in p.items}
    assert str(items["city.duty.contact"].points) == "30.00" and "X-1" not in items["city.duty.contact"].evidence
    assert str(items["city.duty.feedback"].points) == "5.00" and items["city.duty.feedback"].evidence == ("X-1",)
