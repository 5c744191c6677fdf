"""Auditor a45: a county's year-end award decision checked by hand from the policy (seed 二(二),
三(一), 三(二), 三(五), 四(三); DESIGN "City baseline"; docs/rules.md, docs/yearend.md), away from
the 2025 → 2026 boundary (a44): county months late / missing / waived / not owed, counties
created and merged mid-year, a point designated mid-year, the extra-point cap, the nomination
quota, 万人评议 scores, the roster adjustment. Each expected figure is the hand computation
written beside it, never the library's output copied.

Official arrangements used (chinese_calendar, the State Council notice for 2025): 清明 04-04..
04-06; 劳动节 05-01..05-05 (Sun 04-27 worked); weekends otherwise. City baseline: due the 5th of
M+1 at 23:59:59 Beijing, 顺延 to the next working day; 100 on time, 50 late ≤ 3 working days,
0 otherwise; duty 30 / 30 (full at 6 months × owed/12) / 20 / 20 − 10 per false complaint;
extras capped at +10; bands 85 / 60; quota max(1, ⌊0.1 × 县区 points on 12-31⌋).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from softenv_core import CITY_OFFICE, InputError, Month, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import check_filings, check_window, propose_additions, propose_adjustments
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.commendation import check_commendation
from softenv_core.errors import FieldInvalid
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Verdict
from softenv_core.model.divisions import County, CountyKind, Department
from softenv_core.model.enterprises import Sector
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, Nomination, RosterChange, Waiver
from softenv_core.testing import beijing, make_complaint, make_point, monthly_contacts, monthly_report, small_dataset
from tests.plugin_examples import ConstantExtraPlugin

JIA, YI, NEW = "379902", "379921", "379903"
S, B, U, K = RatingLevel.SATISFIED, RatingLevel.BASICALLY, RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN
ROUNDS = (
    AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20)),
    AppraisalRound("R2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20)),
)


def _reports(ds, *new, drop=()):
    """``ds`` with its reports of the ids of ``new`` (and ``drop``) replaced by ``new``."""
    gone = {r.id for r in new} | set(drop)
    return attrs.evolve(ds, reports=(*(r for r in ds.reports if r.id not in gone), *new))


def _county(ds, pm, code=YI):
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    return next(c for c in a.counties if c.code == code), a


def _refused(ds) -> list[str]:
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(ds))
    return list(refused.value.problems)


# --- 县区考核: monthly reports (seed 三(二) 每月5日前; 四(三) 未按时上报的县区不得评先进) --------


def test_1_late_within_the_grace_late_beyond_it_and_missing_in_one_year(pm):
    """DESIGN "County month status", "十佳 baseline". 乙县 2025:
    April: the 5th (05-05) is in 劳动节 → due Tue 05-06; sent Fri 05-09: 05-07, 05-08, 05-09 = 3
    ≤ 3 → 50. June: 07-05 Sat → due Mon 07-07; sent Fri 07-11: 07-08..07-11 = 4 > 3 → 0.
    August: no report → missing, 0. Compliance (9 × 100 + 50 + 0 + 0) / 12 = 950 / 12 = 79.17.
    Not 先进: the reason names all three months with the days counted."""
    ds = _reports(
        small_dataset(2025),
        monthly_report(YI, Month(2025, 4), beijing(2025, 5, 9, 9)),
        monthly_report(YI, Month(2025, 6), beijing(2025, 7, 11, 9)),
        drop=[f"R-{YI}-2025-08"],
    )
    yi, _ = _county(ds, pm)
    off = [
        (str(m.month), m.status.value, m.late_workdays, str(m.score)) for m in yi.months if m.status.value != "on_time"
    ]
    assert off == [("2025-04", "late", 3, "50.00"), ("2025-06", "late", 4, "0.00"), ("2025-08", "missing", 0, "0.00")]
    assert [str(m.due_at) for m in (yi.months[3], yi.months[5])] == [
        "2025-05-06 23:59:59+08:00",
        "2025-07-07 23:59:59+08:00",
    ]
    assert (str(yi.compliance), yi.topten_eligible) == ("79.17", False)
    (on_time,) = (c for c in yi.conditions if c.rule.id == "city.topten.on_time")
    assert on_time.reason == (
        "2025-04 迟报3个工作日（05-07、05-08、05-09）；"
        "2025-06 迟报4个工作日（07-08、07-09、07-10、07-11）；2025-08 未报"
    )


def test_2_a_saturday_after_a_friday_deadline_is_late_by_zero_working_days(pm):
    """DESIGN "Monthly report deadline": late by N = working days after the due date up to and
    including the submission's date. August 2025: 09-05 is a Friday (working) → due 09-05
    23:59:59; sent Sat 09-06 09:00: late, N = 0 (no working day in 09-06..09-06) ≤ 3 → 50;
    compliance (11 × 100 + 50) / 12 = 95.83; late is not on time, so not 先进 (四(三))."""
    yi, _ = _county(_reports(small_dataset(2025), monthly_report(YI, Month(2025, 8), beijing(2025, 9, 6, 9))), pm)
    aug = yi.months[7]
    assert (aug.status.value, aug.late_workdays, str(aug.score)) == ("late", 0, "50.00")
    assert aug.late_facts == "2025-09-06 星期六 休息日（非工作日），截止日后无工作日"
    assert (str(yi.compliance), yi.topten_eligible) == ("95.83", False)


def test_3_a_report_is_on_the_previous_month_so_not_before_it_has_ended(pm):
    """Seed 三(二) 将上月情况报: a report on March is made once March is over (docs/data-format.md:
    ``submitted_at`` must be after the month has ended). Sent 03-31 10:00: refused by its path;
    sent 04-01 00:00 Beijing: on time (due Mon 04-07, 清明 04-04..04-06), 100."""
    ds = small_dataset(2025)
    problems = _refused(_reports(ds, monthly_report(YI, Month(2025, 3), beijing(2025, 3, 31, 10))))
    assert any("(R-379921-2025-03).submitted_at" in p and "before month 2025-03 has ended" in p for p in problems)
    yi, _ = _county(_reports(ds, monthly_report(YI, Month(2025, 3), beijing(2025, 4, 1, 0))), pm)
    mar = yi.months[2]
    assert (mar.status.value, mar.due_at, str(mar.score)) == ("on_time", beijing(2025, 4, 7, 23, 59, 59), "100.00")


def test_4_the_first_submission_decides_timeliness_the_last_amendment_content(pm):
    """DESIGN "Zero report": the first submission's time counts for timeliness, the latest
    amendment's content for what was reported; a report that neither lists items nor states
    nothing to report is invalid. March 2025 due 04-07: a zero report sent Wed 04-09 (late 04-08,
    04-09 = 2 → 50), amended 04-10 with an item: still late 2 (the amendment does not restart
    the clock), and no longer a zero report. An amendment dated before the submission is
    refused; an empty report cannot be made."""
    item = (Item(ItemCategory.SERVICE, "审批窗口排队时间长"),)
    late = MonthlyReport(
        f"R-{YI}-2025-03", YI, Month(2025, 3), beijing(2025, 4, 9), "经办人", nothing_to_report=True,
        amendments=(Amendment(beijing(2025, 4, 10), "经办人", items=item),),
    )  # fmt: skip
    yi, _ = _county(_reports(small_dataset(2025), late), pm)
    mar = yi.months[2]
    want = (beijing(2025, 4, 9), "late", 2, "50.00", False)
    assert (mar.submitted_at, mar.status.value, mar.late_workdays, str(mar.score), mar.zero_report) == want
    earlier = attrs.evolve(late, amendments=(Amendment(beijing(2025, 4, 8), "经办人", items=item),))
    problems = _refused(_reports(small_dataset(2025), earlier))
    assert any("amendments[0].submitted_at: earlier than" in p for p in problems)
    with pytest.raises(FieldInvalid, match="empty report is invalid"):
        MonthlyReport("R-x", YI, Month(2025, 3), beijing(2025, 4, 2), "经办人")


def test_5_a_city_waiver_excuses_the_month_for_topten_but_not_for_the_score(pm):
    """DESIGN "十佳 baseline": not 先进 unless a city waiver (decided by the city) covers the
    month; docs/rules.md: a waived month still scores by its facts. 乙县's March missing, waived by
    市经贸委 on 04-20: status waived, score 0, compliance (11 × 100 + 0) / 12 = 91.67 unchanged,
    可评先进, the pass naming the month and W1. The same waiver decided by 乙县经贸委 (the county
    itself) is ignored with a notice: the month stays missing and the county is not 先进
    (principle 5: only the city relaxes)."""
    ds = _reports(small_dataset(2025), drop=[f"R-{YI}-2025-03"])
    city = attrs.evolve(ds, waivers=(Waiver("W1", YI, Month(2025, 3), "辖区停电", date(2025, 4, 20), "市经贸委"),))
    yi, _ = _county(city, pm)
    assert (yi.months[2].status.value, yi.months[2].waiver, str(yi.months[2].score)) == ("waived", "W1", "0.00")
    assert (str(yi.compliance), yi.topten_eligible) == ("91.67", True)
    # The yes rests on W1, so it cites it (principle 2); it said 满足 alone (fixed by a45).
    (on_time,) = (c for c in yi.conditions if c.rule.id == "city.topten.on_time")
    want = "2025-03 已豁免（未报；豁免 W1）：市里豁免的月份不算未按时"
    assert (on_time.passed, on_time.reason, on_time.evidence) == (True, want, ("W1",))
    assert [p.name for p in on_time.params] == ["topten.max_months_not_on_time", "topten.waiver_deciders"]  # r59 02
    own = attrs.evolve(ds, waivers=(attrs.evolve(city.waivers[0], decided_by="乙县经贸委"),))
    yi, a = _county(own, pm)
    assert (yi.months[2].status.value, str(yi.compliance), yi.topten_eligible) == ("missing", "91.67", False)
    assert any(n.startswith("waiver W1 (379921 2025-03) was decided by 乙县经贸委, not the city") for n in a.notices)


def test_6_a_county_created_on_april_15_owes_april(pm):
    """DESIGN "Who owes what, when": a county owes the months it exists (any day of the month:
    docs/rules.md). 新区 from 2025-04-15 owes April–December (9); Jan–Mar not owed. Its April
    report never came: (0 + 8 × 100) / 9 = 88.89, not 先进 (2025-04 未报), though it exists on
    12-31."""
    ds = small_dataset(2025)
    new = County(NEW, "新区", CountyKind.DISTRICT, "新区经贸委", effective_from=date(2025, 4, 15))
    reports = [monthly_report(NEW, Month(2025, m), beijing(2025 + m // 12, m % 12 + 1, 2, 9)) for m in range(5, 13)]
    c, _ = _county(attrs.evolve(ds, counties=(*ds.counties, new), reports=(*ds.reports, *reports)), pm, NEW)
    assert [m.status.value for m in c.months[:4]] == ["not_owed", "not_owed", "not_owed", "missing"]
    assert (str(c.compliance), c.compliance_reason) == ("88.89", f"(0 + {' + '.join(['100'] * 8)}) / 9")
    assert c.topten_eligible is False
    assert [x.reason for x in c.conditions if not x.passed] == ["2025-04 未报"]


def test_7_a_county_merged_on_july_1_and_its_successor(pm):
    """乙县 abolished 2025-06-30, merged into 新区 from 07-01 (its points moved out before). 乙县
    owes Jan–Jun; its June report, sent 07-02 after the abolition, is on time (due Mon 07-07):
    6 × 100 / 6 = 100, but it does not exist on 12-31, so takes no part in the 十佳 (年底, 四(三)).
    新区 owes Jul–Dec, all on time: 100, 可评先进."""
    ds = small_dataset(2025, counties=(JIA, YI))
    points = tuple(p for p in ds.points if p.county != YI)
    kept = {p.id for p in points}
    yi = attrs.evolve(ds.counties[1], effective_until=date(2025, 6, 30))
    new = County(NEW, "新区", CountyKind.DISTRICT, "新区经贸委", effective_from=date(2025, 7, 1))
    reports = [r for r in ds.reports if not (r.county == YI and r.month.month > 6)]
    reports += [monthly_report(NEW, Month(2025, m), beijing(2025 + m // 12, m % 12 + 1, 2, 9)) for m in range(7, 13)]
    ds = attrs.evolve(
        ds,
        counties=(ds.counties[0], yi, new),
        points=points,
        contacts=tuple(c for c in ds.contacts if c.point in kept),
        reports=tuple(reports),
    )
    old, a = _county(ds, pm)
    assert (old.months[5].submitted_at, old.months[5].status.value) == (beijing(2025, 7, 2, 9), "on_time")
    assert (str(old.compliance), old.compliance_reason.endswith("/ 6"), old.topten_eligible) == ("100.00", True, False)
    gone = "2025-06-30 已撤销，2025-12-31 县区不存在，不参加年底“十佳”评比"
    assert [x.reason for x in old.conditions if not x.passed] == [gone]
    succ = next(c for c in a.counties if c.code == NEW)
    assert (str(succ.compliance), succ.compliance_reason.endswith("/ 6"), succ.topten_eligible) == (
        "100.00",
        True,
        True,
    )


# --- 监测点考核 and the year-end nomination (四(三) 由县区推荐, 市里决定) ------------------------


def _px_dataset(reached_through: int = 9):
    """PX, a 县区 point of 甲区 designated from 2025-03-01 (added by the county, filed 02-20):
    owes Mar–Dec (10). Contacted on the 10th of each month, reached Mar..``reached_through``;
    items in Mar, Apr, Jun, Jul; rated R1 only; QX (05-12) found 虚假 on 05-20."""
    ds = small_dataset(2025)
    px = attrs.evolve(make_point("PX", JIA, 50, designated_from=date(2025, 3, 1)), designated_by=Designator.COUNTY)
    item = (Item(ItemCategory.SERVICE, "办事环节多"),)
    contacts = [
        Contact(f"CX{m}", "PX", date(2025, m, 10), ContactMethod.PHONE, px.liaison, m <= reached_through,
                item if m in (3, 4, 6, 7) and m <= reached_through else ())
        for m in range(3, 13)
    ]  # fmt: skip
    qx = make_complaint("QX", "PX", beijing(2025, 5, 12), resolved_at=beijing(2025, 5, 20), verdict=Verdict.FALSE)
    rc = RosterChange("RCX", "PX", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 3, 1), Designator.COUNTY, JIA)
    return attrs.evolve(
        ds,
        points=(*ds.points, px),
        contacts=(*ds.contacts, *contacts),
        appraisal_rounds=ROUNDS,
        ratings=(Rating("R1", "PX", RaterGroup.POINT, "city-amr", S),),
        complaints=(qx,),
        roster_changes=(rc,),
        filings=(Filing("FX", JIA, date(2025, 2, 20), ("RCX",)),),
    )


def test_8_a_point_designated_on_march_1_scored_by_hand(pm):
    """DESIGN "Point duty score", pro-rated over the 10 owed months (Mar–Dec):
    contact 30 × 7/10 = 21 (reached Mar–Sep); feedback: 4 months (Mar, Apr, Jun, Jul; QX found
    虚假 is no feedback), full at 6 × 10/12 = 5 → 30 × 4/5 = 24; 万人评议 20 × 1/2 = 10 (R1 only);
    supervision 20 − 10 × 1 = 10. Total 65.00 → 合格 (60 ≤ 65 < 85). Every nomination condition
    fails, each saying why (whole year, 优秀, both rounds, no false complaint)."""
    p = assess(_px_dataset(), 2025, pm, audience=CITY_OFFICE).point("PX")
    assert len(p.active_months) == 10
    assert {i.rule.id: str(i.points) for i in p.items} == {
        "city.duty.contact": "21.00",
        "city.duty.feedback": "24.00",
        "city.duty.appraisal": "10.00",
        "city.duty.supervision": "10.00",
    }
    assert (str(p.total), p.band.zh, p.nominable) == ("65.00", "合格", False)
    assert {c.rule.id: c.reason for c in p.nomination_conditions} == {
        "city.nominate.whole_year": "在册 2025-03-01 至今，未覆盖2025年全年（2025-01-01 至 2025-02-28 未在册）",
        "city.nominate.excellent": "考评等次为合格，须为优秀",
        "city.nominate.both_rounds": "参加万人评议1轮，应参加2轮（在册期间举行）；未参加：R2",
        "city.nominate.no_false_complaint": "本年度反映的1件投诉经查虚假或恶意",
    }


def test_9_three_unreached_months_propose_removal_two_do_not(pm):
    """DESIGN "Annual adjustment": remove on 3 consecutive months unreached. PX unreached Oct,
    Nov, Dec → proposed, 连续3个月未联系上：2025-10—2025-12, its three contacts as evidence.
    Reached in October too: Nov–Dec is a run of 2 < 3, and 合格 is not 不合格 → no proposal."""
    ds = _px_dataset()
    (prop,) = (p for p in propose_adjustments(ds, assess(ds, 2025, pm, audience=CITY_OFFICE), audience=CITY_OFFICE))
    want = ("PX", "remove", ("unreachable",), ("连续3个月未联系上：2025-10—2025-12",))
    assert (prop.point, prop.action.value, prop.reasons, prop.explanation) == want
    assert prop.evidence == ("CX10", "CX11", "CX12")
    ds = _px_dataset(reached_through=10)
    assert propose_adjustments(ds, assess(ds, 2025, pm, audience=CITY_OFFICE), audience=CITY_OFFICE) == ()


def test_10_each_item_is_rounded_and_the_total_is_the_sum_of_the_shown_items(pm):
    """DESIGN principle 2 (a total is the sum of its trace), docs/rules.md "Point duty score".
    P-379902-2 designated from 2025-02-01 owes Feb–Dec (11); reached in Feb and Mar only, an item
    in Feb: contact 30 × 2/11 = 5.4545… → 5.45; feedback 1 month, full at 6 × 11/12 = 5.5:
    30 × 1/5.5 = 5.4545… → 5.45; 20 (no round); 20. Total 5.45 + 5.45 + 20 + 20 = 50.90, not
    the 50.91 the unrounded 10.909… + 40 would show."""
    ds = small_dataset(2025)
    p2 = next(p for p in ds.points if p.id == "P-379902-2")
    p2 = attrs.evolve(p2, designated_from=date(2025, 2, 1))
    item = (Item(ItemCategory.POLICY, "咨询稳岗补贴"),)
    mine = [attrs.evolve(c, reached=c.date.month <= 3, items=item if c.date.month == 2 else ())
            for c in monthly_contacts(p2, 2025)]  # fmt: skip
    others = tuple(c for c in ds.contacts if c.point != p2.id)
    points = tuple(p2 if p.id == p2.id else p for p in ds.points)
    p = assess(attrs.evolve(ds, points=points, contacts=(*others, *mine)), 2025, pm, audience=CITY_OFFICE).point(p2.id)
    shown = [str(i.points) for i in p.items if i.rule.id in ("city.duty.contact", "city.duty.feedback")]
    assert shown == ["5.45", "5.45"]
    assert (str(p.total), p.band.zh) == ("50.90", "不合格")


def test_11_extra_points_of_both_signs_are_capped_on_their_sum():
    """DESIGN: "Extra points from rules, capped at +10 in total". 甲区's plugins give its 县区
    point +15 and −8: their sum +7 ≤ 10, so no cap item; 100 + 7 = 107.00 (a cap on the +15
    alone would give 100 + 10 − 8 = 102)."""
    pm = get_plugin_manager(
        autoload=False, plugins=[("a", ConstantExtraPlugin(JIA, 15, "a.x")), ("b", ConstantExtraPlugin(JIA, -8, "b.x"))]
    )
    p = assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE).point("P-379902-2")
    assert [i.rule.id for i in p.items if i.rule.id.startswith("city.duty.extra")] == []
    assert (str(p.total), p.band.zh) == ("107.00", "优秀")


@pytest.mark.parametrize(("added", "quota"), [(18, 1), (19, 2), (28, 2), (29, 3)])
def test_12_the_quota_rounds_down_and_counts_county_points_only(pm, added, quota):
    """DESIGN "Commendation": a county nominates at most max(1, ⌊10 % of its active points⌋);
    docs/yearend.md: its 县区 points on 12-31, 市直 points not counted. 甲区 holds P-379902-2 and
    ``added`` more 县区 points (19, 20, 29, 30 in all) and 4 市直 points (P-379902-1 and three):
    ⌊1.9⌋ = 1, ⌊2.0⌋ = 2, ⌊2.9⌋ = 2, ⌊3.0⌋ = 3. Three eligible nominees: over by 3 − quota."""
    ds = small_dataset(2025)
    new = [make_point(f"J{i}", JIA, 100 + i) for i in range(added)]
    new += [make_point(f"JC{i}", JIA, 200 + i, level=PointLevel.CITY) for i in range(3)]
    ds = attrs.evolve(
        ds,
        points=(*ds.points, *new),
        contacts=(*ds.contacts, *(c for p in new for c in monthly_contacts(p, 2025, with_items=True))),
        appraisal_rounds=ROUNDS,
        ratings=tuple(Rating(r.id, p.id, RaterGroup.POINT, "city-amr", S) for r in ROUNDS for p in new),
        nominations=tuple(
            Nomination(f"N{i}", 2025, JIA, f"J{i}", submitted_at=beijing(2025, 12, 25)) for i in range(3)
        ),
    )
    result = check_commendation(
        ds, assess(ds, 2025, pm, audience=CITY_OFFICE), baseline_parameters(), audience=CITY_OFFICE
    )
    jia = next(c for c in result.counties if c.county == JIA)
    assert (jia.active_points, jia.quota, [n.accepted for n in jia.nominees]) == (added + 1, quota, [True] * 3)
    if quota < 3:
        assert (
            jia.error
            == f"379902 甲区：推荐3个，名额{quota}个，超出{3 - quota}个（max(1, ⌊0.1 × {added + 1}个在册县区监测点⌋)）"
        )
    else:
        assert jia.error is None


# --- 万人评议 (三(一) 每年两次) --------------------------------------------------------------


def test_13_a_departments_score_renormalised_ties_at_the_boundary_and_the_floor_of_30():
    """DESIGN "万人评议": score = 100 × Σ w_g (满意 + 0.6 × 基本满意) / valid_g / Σ w_g over the
    groups with valid ratings; < 30 valid → not ranked; bottom 3 flagged, ties share the flag.
    d1: 其他企业 (0.2) 20 满意 5 基本 3 不满意 2 不了解 (valid 28), 群众 (0.15) 2 满意 1 不满意:
    100 × (0.2 × 23/28 + 0.15 × 2/3) / 0.35 = 100 × 0.26428…/0.35 = 75.51 (31 valid).
    群众 only: d2 30/30 = 100; d3, d4 24/30 = 80; d5 21/30 = 70; d6 29 满意 (29 valid) = 100 but
    insufficient. Ranks d2 1, d3 d4 2, d1 4, d5 5: the last three places (3–5) take d4, whose
    tie with d3 is flagged whole → d3, d4, d1, d5 末位; d6 unranked, unflagged."""
    ds = small_dataset(2025)
    ratings = []
    plan = {
        ("d1", RaterGroup.ENTERPRISE): [S] * 20 + [B] * 5 + [U] * 3 + [K] * 2,
        ("d1", RaterGroup.CITIZEN): [S, S, U],
        ("d2", RaterGroup.CITIZEN): [S] * 30,
        ("d3", RaterGroup.CITIZEN): [S] * 24 + [U] * 6,
        ("d4", RaterGroup.CITIZEN): [S] * 24 + [U] * 6,
        ("d5", RaterGroup.CITIZEN): [S] * 21 + [U] * 9,
        ("d6", RaterGroup.CITIZEN): [S] * 29 + [K] * 5,
    }
    for (dept, group), levels in plan.items():
        ratings += [Rating("R1", f"{group.value}-{dept}-{i}", group, dept, lv) for i, lv in enumerate(levels)]
    depts = tuple(Department(f"d{i}", f"部门{i}") for i in range(1, 7))
    ds = attrs.evolve(ds, departments=(*ds.departments, *depts), appraisal_rounds=ROUNDS[:1], ratings=tuple(ratings))
    got = {
        d.department: (d.valid, str(d.score), d.rank, d.bottom)
        for d in appraise(ds, "R1", audience=CITY_OFFICE).departments
    }
    assert got == {
        "d1": (31, "75.51", 4, True),
        "d2": (30, "100.00", 1, False),
        "d3": (30, "80.00", 2, True),
        "d4": (30, "80.00", 2, True),
        "d5": (30, "70.00", 5, True),
        "d6": (29, "100.00", None, False),
    }


def test_14_a_point_that_rated_every_round_not_known_took_part(pm):
    """docs/concepts.md: a point rating as group ``point`` has taken part — a 不了解 rating is no
    valid rating for the department's score, but the point took part in the round (三(一) 参与
    万人评议). P-379921-2 rated R1 and R2 不了解 only: 20 × 2/2 = 20 and both_rounds met."""
    only_unknown = tuple(Rating(r.id, "P-379921-2", RaterGroup.POINT, "city-amr", K) for r in ROUNDS)
    ds = attrs.evolve(small_dataset(2025), appraisal_rounds=ROUNDS, ratings=only_unknown)
    p = assess(ds, 2025, pm, audience=CITY_OFFICE).point("P-379921-2")
    (item,) = (i for i in p.items if i.rule.id == "city.duty.appraisal")
    assert (str(item.points), item.reason) == ("20.00", "应参加万人评议2轮，参加2轮：20 × 2/2")
    assert next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.both_rounds").passed


def test_17_a_group_that_rated_only_not_known_is_left_out_of_the_weights():
    """DESIGN "万人评议": the weights are renormalised over the groups that gave valid ratings.
    d7: 其他企业 5 × 不了解 (no valid rating: out of Σ w), 群众 27 满意 3 基本满意: 100 × 0.15 ×
    (27 + 0.6 × 3)/30 / 0.15 = 96.00, 30 valid, ranked 1 (alone, so not 末位). d8: only 不了解
    (40): no valid rating, no score, not ranked."""
    ratings = [Rating("R1", f"e{i}", RaterGroup.ENTERPRISE, "d7", K) for i in range(5)]
    ratings += [Rating("R1", f"c{i}", RaterGroup.CITIZEN, "d7", S if i < 27 else B) for i in range(30)]
    ratings += [Rating("R1", f"s{i}", RaterGroup.SUPERVISOR, "d8", K) for i in range(40)]
    ds = small_dataset(2025)
    depts = (Department("d7", "部门7"), Department("d8", "部门8"))
    ds = attrs.evolve(ds, departments=(*ds.departments, *depts), appraisal_rounds=ROUNDS[:1], ratings=tuple(ratings))
    got = {
        d.department: (d.valid, d.score, d.rank, d.bottom) for d in appraise(ds, "R1", audience=CITY_OFFICE).departments
    }
    assert got == {"d7": (30, Decimal("96.00"), 1, False), "d8": (0, None, None, False)}


# --- 名册调整 (三(五) 一年一调整; 县区调整需报市经贸委备案) ----------------------------------------


def test_15_a_filing_on_the_day_the_change_takes_effect_is_not_before_it():
    """DESIGN "Annual adjustment": county changes need a filing dated before they take effect.
    PX added by 甲区 effective 2025-06-16: filed 06-15 → in time; filed 06-16 → flagged
    (未于生效前备案：备案日期2025-06-16，生效日期2025-06-16); filed by 乙县 → refused. Effective in June, outside
    the January window, for 确定 (not an exempt reason) → flagged by the window check."""
    ds = small_dataset(2025)
    px = attrs.evolve(make_point("PX", JIA, 50, designated_from=date(2025, 6, 16)), designated_by=Designator.COUNTY)
    rc = RosterChange(
        "RCX", "PX", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 6, 16), Designator.COUNTY, JIA
    )
    ds = attrs.evolve(ds, points=(*ds.points, px), roster_changes=(rc,))

    def filed(county: str, day: date):
        return attrs.evolve(ds, filings=(Filing("F1", county, day, ("RCX",)),))

    (before,) = check_filings(filed(JIA, date(2025, 6, 15)), audience=CITY_OFFICE)
    assert (before.ok, before.reason) == (True, "已于生效前备案")
    (same,) = check_filings(filed(JIA, date(2025, 6, 16)), audience=CITY_OFFICE)
    assert (same.ok, same.reason) == (False, "未于生效前备案：备案日期2025-06-16，生效日期2025-06-16")
    assert _refused(filed(YI, date(2025, 6, 1))) == [
        "$.filings[0] (F1).changes[0]: change 'RCX' belongs to county 379902"
    ]
    (window,) = check_window(ds, 2025, baseline_parameters())
    assert (window.inside, window.exempt, window.flagged) == (False, False, True)
    assert window.explanation == "2025-06-16生效，不在年度调整期（2025-01-01至2025-01-31）内"


def test_16_a_city_level_point_covers_a_sector_of_the_county_it_lies_in():
    """Seed 二(二) reads the roster's spread over the counties (从分布上看，全市9个县区都有不同类型的
    企业成为监测点); docs/yearend.md "Representativeness": a 市直 point counts in the county it
    lies in there (unlike the quota). small_dataset: every point 工业, so each of 3 counties lacks
    商业 and 服务业 (6) and the city lacks 大型, 小型, 微型 and 国有, 外资 (5): 11 proposals. With
    甲区's 市直 point P-379902-1 商业, 甲区 lacks 服务业 only: 10."""
    ds = small_dataset(2025)
    before = propose_additions(ds, 2025, baseline_parameters())
    assert len(before) == 11
    assert [p.wanted for p in before if p.scope == JIA] == ["commerce", "services"]
    p1 = next(p for p in ds.points if p.id == "P-379902-1")
    p1 = attrs.evolve(p1, enterprise=attrs.evolve(p1.enterprise, sector=Sector.COMMERCE))
    after = propose_additions(
        attrs.evolve(ds, points=tuple(p1 if p.id == p1.id else p for p in ds.points)), 2025, baseline_parameters()
    )
    assert len(after) == 10
    assert [(p.wanted, p.explanation) for p in after if p.scope == JIA] == [("services", "甲区监测点缺少服务业企业")]


def test_18_a_point_leaving_on_its_own_wish_on_september_1(pm):
    """P-379902-2 leaves on its own wish (三(五) 监测点自身的意愿) effective 2025-09-01, filed by
    甲区 on 08-25: designated to 08-31, owes Jan–Aug (8). Reached with an item every month:
    contact 30 × 8/8 = 30; feedback 8 ≥ 6 × 8/12 = 4 → 30; R1 rated, R2 (12-01..12-20) held after
    the removal is not owed → 20 × 1/1 = 20; supervision 20: 100.00 优秀, yet not nominable: not
    on the roster 09-01..12-31 (DESIGN: active all year). The removal is outside January's
    window but its reason is exempt (adjustment.window_exempt_reasons), filed before it took
    effect; the quota counts 甲区's 县区 points on 12-31: none left → max(1, ⌊0⌋) = 1."""
    ds = small_dataset(2025)
    pid = "P-379902-2"
    points = tuple(attrs.evolve(p, designated_until=date(2025, 8, 31)) if p.id == pid else p for p in ds.points)
    rc = RosterChange("RCW", pid, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 9, 1), Designator.COUNTY, JIA)
    ds = attrs.evolve(
        ds,
        points=points,
        contacts=tuple(c for c in ds.contacts if c.point != pid or c.date.month <= 8),
        appraisal_rounds=ROUNDS,
        ratings=(Rating("R1", pid, RaterGroup.POINT, "city-amr", S),),
        roster_changes=(rc,),
        filings=(Filing("FW", JIA, date(2025, 8, 25), ("RCW",)),),
        nominations=(Nomination("NW", 2025, JIA, pid, submitted_at=beijing(2025, 12, 25)),),
    )
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    p = a.point(pid)
    assert (len(p.active_months), str(p.total), p.band.zh, p.nominable) == (8, "100.00", "优秀", False)
    assert [c.reason for c in p.nomination_conditions if not c.passed] == [
        "在册 2020-01-01 至 2025-08-31，未覆盖2025年全年（2025-09-01 至 2025-12-31 未在册）"
    ]
    (window,) = check_window(ds, 2025, baseline_parameters())
    assert (window.inside, window.exempt, window.flagged) == (False, True, False)
    (filing,) = check_filings(ds, audience=CITY_OFFICE)
    assert (filing.ok, filing.filed_on) == (True, date(2025, 8, 25))
    result = check_commendation(ds, a, baseline_parameters(), audience=CITY_OFFICE)
    jia = next(c for c in result.counties if c.county == JIA)
    assert (jia.active_points, jia.quota, [n.accepted for n in jia.nominees]) == (0, 1, [False])
