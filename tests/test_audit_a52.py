"""Auditor a52: the point duty score by hand where dates and membership matter (DESIGN "City
baseline": Who owes what, when; Point duty score; docs/rules.md "Point duty score").

Official arrangements used (State Council notices): 2025 春节 01-28..02-04 off, Sun 01-26 and
Sat 02-08 worked; 2025 国庆/中秋 10-01..10-08 off, Sun 09-28 and Sat 10-11 worked; 端午
05-31..06-02 off. City baseline: a month is owed when designated on ≥ 5 working days of it;
contact 30 × reached/owed; feedback 30 × min(1, months / (6 × owed / 12)); 万人评议 20 × taken /
owed rounds (20 with none); supervision 20 − 10 per false finding, not below 0; bands 85 / 60.
Each expected figure is the hand computation written beside it, not the library's output copied.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, assess
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import EventType, Verdict
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.testing import beijing, make_complaint, make_point, monthly_contacts, small_dataset

JIA = "379902"
H1 = AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))
H2 = AppraisalRound("R2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20))
ITEM = (Item(ItemCategory.OPERATIONS, "生产经营平稳"),)


def _contact(cid, point, day, *, liaison=JIA, reached=True, items=ITEM):  # type: ignore[no-untyped-def]
    return Contact(cid, point, day, ContactMethod.PHONE, liaison, reached, items if reached else ())


def _with(px, contacts=(), complaints=(), rounds=(), ratings=(), more_points=()):  # type: ignore[no-untyped-def]
    """small_dataset(2025) with the point(s) added and their records."""
    ds = small_dataset(2025)
    return attrs.evolve(
        ds,
        points=(*ds.points, px, *more_points),
        contacts=(*ds.contacts, *contacts),
        complaints=tuple(complaints),
        appraisal_rounds=tuple(rounds),
        ratings=tuple(ratings),
    )


def _point(ds, pid, pm):  # type: ignore[no-untyped-def]
    return assess(ds, 2025, pm, audience=CITY_OFFICE).point(pid)


def _items(p):  # type: ignore[no-untyped-def]
    return {i.rule.id.removeprefix("city.duty."): str(i.points) for i in p.items}


def _px(**kw):  # type: ignore[no-untyped-def]
    return make_point("PX", JIA, 90, **kw)


def test_1_designated_in_the_national_day_month_end_owes_september_on_5_working_days(pm):
    """Designated 2025-09-25 (Thu): September's working days in the interval are 09-25, 09-26,
    09-28 (Sun, 调休), 09-29, 09-30 = 5 ≥ 5 → September owed; Sep–Dec = 4 months. No contact in
    September, reached Oct–Dec with an item: contact 30 × 3/4 = 22.50; feedback 3 months, full
    at 6 × 4/12 = 2 → 30; no round → 20; 20. Total 92.50 → 优秀.
    From 09-26 the same month has 09-26, 09-28, 09-29, 09-30 = 4 < 5 → not owed: 3 months,
    30 × 3/3 = 30, feedback full at 1.5 → 30; total 100.00."""
    px = _px(designated_from=date(2025, 9, 25))
    cs = [c for c in monthly_contacts(px, 2025, with_items=True) if c.date.month > 9]
    p = _point(_with(px, cs), "PX", pm)
    assert (len(p.active_months), str(p.total), p.band.zh) == (4, "92.50", "优秀")
    assert _items(p) == {"contact": "22.50", "feedback": "30.00", "appraisal": "20.00", "supervision": "20.00"}
    assert p.owed_facts == (
        "2025-09：在册 2025-09-25 至 2025-09-30，工作日 09-25、09-26、09-28（调休）、09-29、09-30 共5天 ≥ 5，应履职",
    )
    px = _px(designated_from=date(2025, 9, 26))
    p = _point(_with(px, cs), "PX", pm)
    assert (len(p.active_months), str(p.total)) == (3, "100.00")
    assert p.owed_facts == (
        "2025-09：在册 2025-09-26 至 2025-09-30，工作日 09-26、09-28（调休）、09-29、09-30 共4天 < 5，不计",
    )


def test_2_removed_just_after_the_spring_festival_owes_february_only_with_the_makeup_saturday(pm):
    """Removed (last day) 2025-02-10: February's working days in the interval are 02-05, 02-06,
    02-07, 02-08 (Sat, 调休), 02-10 = 5 → owed (02-01..02-04 are 春节). Jan–Feb = 2 months;
    reached in January only, with an item: contact 30 × 1/2 = 15.00; feedback 1 month, full at
    6 × 2/12 = 1 → 30; no round while designated → 20; 20. Total exactly 85.00 → 优秀 (≥ 85).
    Last day 02-07: 3 working days < 5 → February not owed; 1 month, 30 × 1/1 = 30 → 100.00."""

    def data(until: date):  # type: ignore[no-untyped-def]
        px = _px(designated_until=until)
        cs = [c for c in monthly_contacts(px, 2025, with_items=True) if c.date.month == 1]
        cs.append(_contact("C-feb", "PX", until, reached=False))
        return _with(px, cs)

    p = _point(data(date(2025, 2, 10)), "PX", pm)
    assert (len(p.active_months), str(p.total), p.band.zh) == (2, "85.00", "优秀")
    assert _items(p)["contact"] == "15.00"
    assert "02-08（调休）" in p.owed_facts[0] and p.owed_facts[0].endswith("共5天 ≥ 5，应履职")
    p = _point(data(date(2025, 2, 7)), "PX", pm)
    assert (len(p.active_months), str(p.total), p.band.zh) == (1, "100.00", "优秀")


def test_3_designated_on_the_eve_of_the_spring_festival_does_not_owe_january(pm):
    """Designated 2025-01-24 (Fri): January's working days in the interval 01-24, 01-26 (Sun,
    调休), 01-27 = 3 < 5 (01-28..01-31 春节) → not owed; Feb–Dec = 11. Reached monthly with an
    item: 30 × 11/11; feedback 11 ≥ 6 × 11/12 = 5.5 → 30; 20; 20 → 100.00. The January contact
    (01-24, inside the interval) earns nothing and the reasons name it."""
    px = _px(designated_from=date(2025, 1, 24))
    p = _point(_with(px, monthly_contacts(px, 2025, with_items=True)), "PX", pm)
    assert (len(p.active_months), str(p.total)) == (11, "100.00")
    reasons = {i.rule.id: i.reason for i in p.items}
    assert reasons["city.duty.contact"].endswith("应履职月份以外的联系不计：2025-01（C-PX-2025-01）")
    assert "满分需5.5个（6×11/12）" in reasons["city.duty.feedback"]


def test_4_nine_owed_months_each_item_rounded_once_and_the_total_their_sum(pm):
    """Designated from 2025-04-01: Apr–Dec = 9 owed months. Reached Apr–Nov (8), items Apr–Jul
    (4), rated in R1 and R2. Contact 30 × 8/9 = 26.666… → 26.67; feedback full at 6 × 9/12 =
    4.5, 30 × 4/4.5 = 26.666… → 26.67; 20 × 2/2 = 20; 20. Shown total 26.67 + 26.67 + 40 =
    93.34 (the exact 93.333… would show 93.33; docs/rules.md: the total is the sum of the items
    as shown). Each reason writes the fraction the figure comes from."""
    px = _px(designated_from=date(2025, 4, 1))
    cs = [
        attrs.evolve(c, reached=c.date.month < 12, items=c.items if c.date.month < 8 else ())
        for c in monthly_contacts(px, 2025, with_items=True)
    ]
    ratings = [Rating(r, "PX", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for r in ("R1", "R2")]
    p = _point(_with(px, cs, rounds=(H1, H2), ratings=ratings), "PX", pm)
    assert _items(p) == {"contact": "26.67", "feedback": "26.67", "appraisal": "20.00", "supervision": "20.00"}
    assert (str(p.total), p.band.zh) == ("93.34", "优秀")
    reasons = {i.rule.id: i.reason for i in p.items}
    assert reasons["city.duty.contact"] == "应履职9个月中8个月被联系上：30 × 8/9；未联系上：2025-12"
    assert reasons["city.duty.feedback"] == "有反馈的月份4个，满分需4.5个（6×9/12）：30 × 4/4.5"


def test_5_direct_feedback_alone_reaches_60_and_one_false_complaint_drops_it_to_50(pm):
    """All year (12 owed months), never reached (contacts logged, reached=false); six 属实
    complaints Jan–Jun are the feedback: 6 months, full at 6 → 30; rated in R1 only → 20 × 1/2 =
    10; supervision 20. Total 0 + 30 + 10 + 20 = 60.00 → 合格 (≥ 60, the bound included).
    A seventh complaint (Aug) found 虚假: no feedback in August (the six months still give 30)
    and 20 − 10 × 1 = 10 → 50.00 → 不合格."""
    px = _px()
    cs = [attrs.evolve(c, reached=False, items=()) for c in monthly_contacts(px, 2025)]
    qs = [make_complaint(f"Q{m}", "PX", beijing(2025, m, 12), until=EventType.CLOSED) for m in range(1, 7)]
    r1 = [Rating("R1", "PX", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)]
    ds = _with(px, cs, qs, rounds=(H1, H2), ratings=r1)
    p = _point(ds, "PX", pm)
    assert _items(p) == {"contact": "0.00", "feedback": "30.00", "appraisal": "10.00", "supervision": "20.00"}
    assert (str(p.total), p.band.zh) == ("60.00", "合格")
    qf = make_complaint("QF", "PX", beijing(2025, 8, 12), until=EventType.CLOSED, verdict=Verdict.FALSE)
    p = _point(attrs.evolve(ds, complaints=(*qs, qf)), "PX", pm)
    assert _items(p) == {"contact": "0.00", "feedback": "30.00", "appraisal": "10.00", "supervision": "10.00"}
    assert (str(p.total), p.band.zh) == ("50.00", "不合格")


def test_6_direct_feedback_falls_in_its_beijing_month(pm):
    """All year, reached monthly with no item. QA received 2025-03-31 23:30 Beijing (15:30 UTC)
    is March's; QB 2025-05-01 00:30 Beijing (04-30 16:30 UTC) is May's: 2 months, full at 6 →
    30 × 2/6 = 10.00; 30 + 10 + 20 + 20 = 80.00 → 合格."""
    px = _px()
    cs = [attrs.evolve(c, items=()) for c in monthly_contacts(px, 2025)]
    qs = [
        make_complaint("QA", "PX", beijing(2025, 3, 31, 23, 30), until=EventType.CLOSED),
        make_complaint("QB", "PX", beijing(2025, 5, 1, 0, 30), until=EventType.CLOSED),
    ]
    p = _point(_with(px, cs, qs), "PX", pm)
    feedback = next(i for i in p.items if i.rule.id == "city.duty.feedback")
    assert (str(feedback.points), feedback.reason) == ("10.00", "有反馈的月份2个，满分需6个（6×12/12）：30 × 2/6")
    assert (str(p.total), p.band.zh) == ("80.00", "合格")


def test_7_a_point_changed_from_county_to_city_level_mid_year_is_two_records(pm):
    """Same enterprise: PX 县区 (甲区) until 06-30, PY 市直 from 07-01. PX: Jan–Jun reached by
    甲区经贸委 with items → 30, 30 (full at 3), R1 rated → 20, 20 = 100. PY: July's contact was
    logged by 甲区经贸委 (no longer its liaison office) — not counted; Aug–Dec by 市经贸委:
    30 × 5/6 = 25.00; July's item is still feedback (docs/rules.md, a41): 6 months ≥ 3 → 30;
    R2 rated → 20; 20. Total 95.00; the reason names CB-07 and who logged it."""
    pa = _px(designated_until=date(2025, 6, 30))
    pb = attrs.evolve(pa, id="PY", level=PointLevel.CITY, designated_from=date(2025, 7, 1), designated_until=None)
    cb = [_contact("CB-07", "PY", date(2025, 7, 10))]
    cb += [attrs.evolve(c, id="CB" + c.id) for c in monthly_contacts(pb, 2025, with_items=True) if c.date.month > 7]
    ratings = [
        Rating("R1", "PX", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
        Rating("R2", "PY", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
    ]
    contacts = [*monthly_contacts(pa, 2025, with_items=True), *cb]
    ds = _with(pa, contacts, more_points=(pb,), rounds=(H1, H2), ratings=ratings)
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    assert (len(a.point("PX").active_months), str(a.point("PX").total)) == (6, "100.00")
    py = a.point("PY")
    assert _items(py) == {"contact": "25.00", "feedback": "30.00", "appraisal": "20.00", "supervision": "20.00"}
    assert str(py.total) == "95.00"
    assert next(i.reason for i in py.items if i.rule.id == "city.duty.contact") == (
        "应履职6个月中5个月被联系上：30 × 5/6；未联系上：2025-07；"
        "非负责联系单位的联系不计（应由市经贸委联系）：2025-07（CB-07 由 379902 甲区经贸委 记录）"
    )


def test_8_a_round_is_owed_when_its_window_overlaps_the_interval_though_its_month_is_not(pm):
    """Last day 2025-06-04: June's working days 06-03, 06-04 = 2 < 5 (06-01, 06-02 端午) → June not
    owed; Jan–May = 5 months, reached with items → 30, 30 (full at 2.5). R1's window 06-01..06-20
    overlaps the interval → owed (DESIGN: a round is owed when its window overlaps the interval);
    not rated → 20 × 0/1 = 0; 20. Total 80.00 → 合格."""
    px = _px(designated_until=date(2025, 6, 4))
    p = _point(_with(px, monthly_contacts(px, 2025, with_items=True), rounds=(H1, H2)), "PX", pm)
    assert (len(p.active_months), _items(p)["appraisal"], str(p.total), p.band.zh) == (5, "0.00", "80.00", "合格")
    reason = next(i.reason for i in p.items if i.rule.id == "city.duty.appraisal")
    assert reason == "应参加万人评议1轮，参加0轮：20 × 0/1；未参加：R1"


def test_9_floor_on_supervision_and_cap_on_extras_together(pm):
    """As case 4 but rated in R1 only, three complaints found 恶意 in August, and 甲区's plugin
    giving +15: contact 26.67, feedback 26.67 (the complaints are no feedback), 20 × 1/2 = 10,
    supervision max(0, 20 − 30) = 0, extra +15 capped at +10 (item −5.00). Total 26.67 + 26.67 +
    10 + 0 + 15 − 5 = 73.34 → 合格."""
    from softenv_core import get_plugin_manager
    from tests.plugin_examples import ConstantExtraPlugin

    px = _px(designated_from=date(2025, 4, 1))
    cs = [
        attrs.evolve(c, reached=c.date.month < 12, items=c.items if c.date.month < 8 else ())
        for c in monthly_contacts(px, 2025, with_items=True)
    ]
    qs = [
        make_complaint(f"QF{k}", "PX", beijing(2025, 8, 10 + k), until=EventType.CLOSED, verdict=Verdict.MALICIOUS)
        for k in range(3)
    ]
    r1 = [Rating("R1", "PX", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)]
    plus15 = get_plugin_manager(autoload=False, plugins=[("a", ConstantExtraPlugin(JIA, 15, "a.x"))])
    p = _point(_with(px, cs, qs, rounds=(H1, H2), ratings=r1), "PX", plus15)
    assert _items(p) == {
        "contact": "26.67",
        "feedback": "26.67",
        "appraisal": "10.00",
        "supervision": "0.00",
        "a.x": "15.00",
        "extra_cap": "-5.00",
    }
    assert (str(p.total), p.band.zh) == ("73.34", "合格")


def test_10_a_reached_contact_after_the_removal_is_named_beside_the_month_left_unreached(pm):
    """Last day 2025-06-13 (Fri): June's working days 06-03..06-06, 06-09..06-13 = 9 ≥ 5 → owed;
    Jan–Jun = 6. Reached with items Jan–May on the 10th; 甲区经贸委's contact C-late of 06-20
    (reached) is after the removal and counts for nothing (DESIGN: a contact counts only inside
    the interval): 30 × 5/6 = 25.00; feedback 5 ≥ 3 → 30; R1 (window overlaps) rated → 20; 20.
    Total 95.00. The reason said only "未联系上：2025-06" beside a record of a reached contact in
    June by the point's own office; as for another office's contact (a41), it now names it and
    why it does not count, so the clerk who logged it reads the same 5 months."""
    px = _px(designated_until=date(2025, 6, 13))
    cs = [c for c in monthly_contacts(px, 2025, with_items=True) if c.date.month < 6]
    cs.append(_contact("C-late", "PX", date(2025, 6, 20)))
    r1 = [Rating("R1", "PX", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)]
    p = _point(_with(px, cs, rounds=(H1, H2), ratings=r1), "PX", pm)
    assert _items(p) == {"contact": "25.00", "feedback": "30.00", "appraisal": "20.00", "supervision": "20.00"}
    assert str(p.total) == "95.00"
    assert next(i.reason for i in p.items if i.rule.id == "city.duty.contact") == (
        "应履职6个月中5个月被联系上：30 × 5/6；未联系上：2025-06；"
        "在册期间（2020-01-01 至 2025-06-13）以外的联系不计：2025-06（C-late 06-20）"
    )


def _reason(p, rule):  # type: ignore[no-untyped-def]
    return next(i.reason for i in p.items if i.rule.id == f"city.duty.{rule}")


def test_11_a_month_still_running_at_the_instant_is_pending_not_outside_the_owed_months(pm):
    """Designated 2025-03-26 (Wed): March's working days 03-26, 03-27, 03-28, 03-31 = 4 < 5 → not
    owed. Assessed as of 2025-06-15 10:00: April and May are over and owed (2 months); June is
    still running, so not owed yet. Reached with an item on 03-27 and on the 10th of April, May
    and June: contact 30 × 2/2 = 30; feedback 2 months, full at 6 × 2/12 = 1 → 30. March's
    contact is outside the owed months; June's is pending, and was called 应履职月份以外 as if June
    would never count, where the year-end assessment counts it."""
    px = _px(designated_from=date(2025, 3, 26))
    cs = [_contact("C-mar", "PX", date(2025, 3, 27))]
    cs += [c for c in monthly_contacts(px, 2025, with_items=True) if 4 <= c.date.month <= 6]
    ds = _with(px, cs)
    p = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 6, 15)).point("PX")
    assert [str(m) for m in p.active_months] == ["2025-04", "2025-05"]
    assert _reason(p, "contact") == (
        "应履职2个月中2个月被联系上：30 × 2/2；应履职月份以外的联系不计：2025-03（C-mar）；"
        "评估时点尚未结束的月份的联系暂不计：2025-06（C-PX-2025-06）"
    )
    assert _reason(p, "feedback") == (
        "有反馈的月份2个，满分需1个（6×2/12）：30 × 1（已达满分）；应履职月份以外的反馈不计：2025-03（C-mar）；"
        "评估时点尚未结束的月份的反馈暂不计：2025-06（C-PX-2025-06）"
    )
    # At June's first instant May is over and June has begun: no June record is known yet.
    p = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 6, 1, 0)).point("PX")
    assert [str(m) for m in p.active_months] == ["2025-04", "2025-05"]
    assert "暂不计" not in _reason(p, "contact") and "2025-06" not in _reason(p, "contact")
    # Removed from 06-05: June's working days in the interval are 06-03 and 06-04 (06-02 is 端午)
    # = 2 < 5, so June will never be owed: its contact is outside the owed months, not pending.
    gone = _px(designated_until=date(2025, 6, 4))
    june = [_contact("C-jun", "PX", date(2025, 6, 3))]
    p = assess(_with(gone, june), 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 6, 15)).point("PX")
    assert _reason(p, "contact").endswith("；应履职月份以外的联系不计：2025-06（C-jun）")
    # At the year's end June is owed and counted like April and May (Apr–Dec = 9 owed, 3 reached).
    p = _point(ds, "PX", pm)
    assert _reason(p, "contact").startswith("应履职9个月中3个月被联系上：30 × 3/9；未联系上：2025-07、")
    assert "暂不计" not in _reason(p, "contact")
