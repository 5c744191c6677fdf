"""Auditor a47: MEMBERSHIP over time — who is a monitoring point (监测点) on which days, and what
each figure owes to it — worked out by hand from the policy: seed 三(二) (分级负责, 定期定人联系),
三(五) (一年一调整), 四(三) (由县区推荐, 市里决定); DESIGN "City baseline": "Who owes what, when",
"An explicit instant", "Point duty score", "万人评议", "Commendation", "Annual adjustment";
docs/rules.md ("Who owes what, when"), docs/yearend.md, docs/programme.md (定人).

Data: `small_dataset(2025)` — three counties (甲区 379902, 乙县 379921, 丙市 379981), in each a
市直 point (-1) and a 县区 point (-2), designated since 2020, contacted by their own office on the
10th of every month with one item; no 万人评议 round and no complaint unless a case adds them.
Official arrangement for 2025 used: 端午 05-31..06-02 off (Mon 06-02 a holiday); 劳动节
05-01..05-05 off. A removal effective D ends the designation on D - 1.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE, assess, year_end
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.contact_overview import contact_overview
from softenv_core.analyses.liaison import liaison_check, liaison_workload
from softenv_core.analyses.representativeness import representativeness
from softenv_core.io.validation import dataset_problems
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear, Month
from softenv_core.model.roster import (
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Filing,
    Nomination,
    RosterChange,
)
from softenv_core.render.explain_notes import point_not_assessed
from softenv_core.testing import beijing, small_dataset
from softenv_core.workdays.calendar import WorkCalendar

YI2 = "P-379921-2"  # 乙县's 县区 point
H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 3), date(2025, 6, 20))
H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 11, 3), date(2025, 11, 21))


def _change(cid: str, p: Any, action: ChangeAction, reason: ChangeReason, effective: date) -> RosterChange:
    return RosterChange(cid, p.id, action, reason, effective, p.designated_by, p.county)


def _set(ds: se.Dataset, pid: str, **fields: Any) -> tuple[se.Dataset, Any]:
    p = attrs.evolve(next(q for q in ds.points if q.id == pid), **fields)
    return attrs.evolve(ds, points=tuple(p if q.id == pid else q for q in ds.points)), p


def _removed(ds: se.Dataset, pid: str, effective: date, **fields: Any) -> tuple[se.Dataset, Any]:
    """``pid`` removed at its own wish effective ``effective`` (designated until the day before)."""
    ds, p = _set(ds, pid, designated_until=effective - timedelta(days=1), **fields)
    change = _change(f"RC-{pid}", p, ChangeAction.REMOVE, ChangeReason.OWN_WISH, effective)
    return attrs.evolve(ds, roster_changes=(*ds.roster_changes, change)), p


def _point(a: Any, pid: str) -> Any:
    return next(x for x in a.points if x.id == pid)


def _item(a: Any, pid: str, rule: str) -> tuple[str, str]:
    (it,) = (i for i in _point(a, pid).items if i.rule.id == rule)
    return str(it.points), it.reason


def _rated(ds: se.Dataset, *rounds: AppraisalRound, skip: str = "") -> se.Dataset:
    """Every point but ``skip`` rates city-amr 满意 in each round (as group point)."""
    ratings = tuple(
        Rating(r.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
        for r in rounds
        for p in ds.points
        if p.id != skip
    )
    return attrs.evolve(ds, appraisal_rounds=rounds, ratings=ratings)


@pytest.mark.parametrize(
    ("effective", "months", "total", "contact"),
    [
        # until Sun 06-08: June working days 06-03..06-06 = 4 < 5 (06-02 is 端午) → June not owed
        (date(2025, 6, 9), 5, "100.00", ("30.00", "应履职5个月中5个月被联系上：30 × 5/5")),
        # until Mon 06-09: 06-03..06-06 + 06-09 = 5 → June owed; the contact of 06-10 is after
        # the removal, so June is unreached: 30 × 5/6 = 25.00; feedback 5 months ≥ 6 × 6/12 = 3 → 30;
        # the reason names that contact and why it does not count (auditor a52)
        (
            date(2025, 6, 10),
            6,
            "95.00",
            (
                "25.00",
                "应履职6个月中5个月被联系上：30 × 5/6；未联系上：2025-06；"
                "在册期间（2020-01-01 至 2025-06-09）以外的联系不计：2025-06（C-P-379921-2-2025-06 06-10）",
            ),
        ),
    ],
)
def test_1_who_owes_what_a_removal_in_the_dragon_boat_week_decides_june_and_a_later_contact_is_not_counted(
    effective, months, total, contact
):
    """DESIGN "Who owes what, when": a month is owed on ≥ duty.min_workdays_in_month (5) working
    days designated; a contact counts only inside the interval; "Point duty score" pro-rated."""
    ds, _ = _removed(small_dataset(2025), YI2, effective)
    a = assess(ds, 2025, audience=CITY_OFFICE)
    assert len(_point(a, YI2).active_months) == months
    assert str(_point(a, YI2).total) == total
    assert _item(a, YI2, "city.duty.contact") == contact
    # the monthly report's contact section (三) lists a point for June only when it owes June
    june = {r.point: r.reached for r in contact_overview(ds, Month(2025, 6), audience=CITY_OFFICE)}
    assert june.get(YI2, "not owed") == ("not owed" if months == 5 else False)


def test_2_who_owes_what_removed_and_re_designated_in_may_both_records_owe_may():
    """docs/rules.md "Points" (a point is its record): removed effective 05-15 (until 05-14) and
    the enterprise re-designated as a new record from 05-20. Old record, May working days
    05-06..05-09, 05-12..05-14 = 7 ≥ 5 → owes Jan–May, reached each month (05-10 is inside it) →
    100. New record, 05-20..05-23, 05-26..05-30 = 9 → owes May–Dec (8 months); its contacts are
    from June: 30 × 7/8 = 26.25, May unreached; feedback 7 ≥ 6 × 8/12 = 4 → 30; total 96.25.
    Neither is proposed (both ≥ 60, no 3-month run); 乙县's quota counts the new record on 12-31."""
    ds = small_dataset(2025)
    ds, old = _removed(ds, YI2, date(2025, 5, 15))
    new = attrs.evolve(old, id="P-379921-9", designated_from=date(2025, 5, 20), designated_until=None)
    moved = tuple(
        attrs.evolve(c, id=c.id.replace(YI2, new.id), point=new.id)
        for c in ds.contacts
        if c.point == YI2 and c.date > old.designated_until
    )
    kept = tuple(c for c in ds.contacts if c.point != YI2 or c.date <= old.designated_until)
    add = _change("RC-new", new, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 5, 20))
    ds = attrs.evolve(ds, points=(*ds.points, new), contacts=kept + moved, roster_changes=(*ds.roster_changes, add))
    a = assess(ds, 2025, audience=CITY_OFFICE)
    assert [str(m) for m in _point(a, YI2).active_months][-1] == "2025-05"
    assert str(_point(a, YI2).total) == "100.00"
    assert _point(a, new.id).active_months[0] == Month(2025, 5)
    assert _item(a, new.id, "city.duty.contact") == ("26.25", "应履职8个月中7个月被联系上：30 × 7/8；未联系上：2025-05")
    assert str(_point(a, new.id).total) == "96.25"
    assert propose_adjustments(ds, a, audience=CITY_OFFICE) == ()
    (yi,) = (q for q in year_end(ds, 2025, audience=CITY_OFFICE).commendation.counties if q.county == "379921")
    assert (yi.active_points, yi.quota) == (1, 1)


@pytest.mark.parametrize(
    ("effective", "appraisal"),
    [
        # until 06-02, the day before H1 opens: no round overlaps → the item is full (documented)
        (date(2025, 6, 3), ("20.00", "在册期间无万人评议轮次，按满分计")),
        # until 06-03, H1's opening day: H1 overlaps and was not rated → 20 × 0/1
        (date(2025, 6, 4), ("0.00", "应参加万人评议1轮，参加0轮：20 × 0/1；未参加：A25H1")),
    ],
)
def test_3_wanrenpingyi_a_round_is_owed_when_its_window_overlaps_the_interval_by_its_opening_day(effective, appraisal):
    """DESIGN "Who owes what, when": a round is owed when its window (opened–closed) overlaps the
    interval. The removed point did not rate; every other point did."""
    ds, _ = _removed(small_dataset(2025), YI2, effective)
    a = assess(_rated(ds, H1, H2, skip=YI2), 2025, audience=CITY_OFFICE)
    assert _item(a, YI2, "city.duty.appraisal") == appraisal


def test_4_wanrenpingyi_a_point_removed_the_day_the_round_opens_cannot_rate_as_a_point():
    """docs/data-format.md: a rating as group `point` by a point not designated during the round's
    window is refused, naming the path and both intervals."""
    ds, _ = _removed(small_dataset(2025), YI2, date(2025, 6, 3))
    problems = dataset_problems(_rated(ds, H1))
    assert any(
        p.startswith("$.ratings[") and f"point {YI2} (designated 2020-01-01–2025-06-02) was not designated" in p
        for p in problems
    )


def test_5_commendation_a_nominee_removed_after_the_year_before_the_decision_is_judged_on_the_year():
    """DESIGN "Commendation" (a nominee was active all year) and 四(三) 由县区推荐, 市里决定: 乙县's
    P-379921-2 removed at its own wish effective 2026-02-01 was designated every day of 2025 →
    whole_year passes; it is on the roster on 12-31 → 乙县's quota max(1, ⌊0.1 × 1⌋) = 1. The
    city's decision of 2026-03-01 commends it and is not flagged: the commendation is for 2025's
    duties (the policy is silent on leaving afterwards; docs/yearend.md says so). 甲区's
    P-379902-2, removed effective 2025-12-01, fails whole_year naming 12-01—12-31; 甲区 then has
    no 县区 point on 12-31 and its quota is max(1, ⌊0.1 × 0⌋) = 1."""
    ds = small_dataset(2025)
    ds, kept = _removed(ds, YI2, date(2026, 2, 1))
    ds, gone = _removed(ds, "P-379902-2", date(2025, 12, 1))
    ds = attrs.evolve(
        _rated(ds, H1, H2),
        nominations=(Nomination("N1", 2025, "379921", kept.id), Nomination("N2", 2025, "379902", gone.id)),
        decisions=(CommendationDecision("D1", "N1", True, date(2026, 3, 1)),),
    )
    c = year_end(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2026, 3, 2, 0)).commendation
    quotas = {q.county: (q.active_points, q.quota) for q in c.counties}
    assert (quotas["379921"], quotas["379902"]) == ((1, 1), (0, 1))
    checks = {n.point: n for q in c.counties for n in q.nominees}
    assert checks[kept.id].accepted and not checks[gone.id].accepted
    assert "2025-12-01 至 2025-12-31 未在册" in checks[gone.id].reason
    assert (c.commended, c.flags) == ((kept.id,), ())


def test_6_representativeness_counts_the_points_designated_on_its_day():
    """DESIGN "Annual adjustment" (report representativeness gaps) read on a day: a removal
    effective 12-01 leaves 甲区 two points on 11-30 and one on 12-01; six and five in the city."""
    ds, _ = _removed(small_dataset(2025), "P-379902-2", date(2025, 12, 1))
    before = representativeness(ds, date(2025, 11, 30), audience=CITY_OFFICE)
    after = representativeness(ds, date(2025, 12, 1), audience=CITY_OFFICE)
    assert (before.points, before.by_county["379902"]) == (6, 2)
    assert (after.points, after.by_county["379902"]) == (5, 1)


@pytest.mark.parametrize(
    ("as_of", "points"),
    [
        (beijing(2025, 11, 19, 23, 59, 59), 6),  # the removal is neither filed nor in effect: unknown
        (beijing(2025, 11, 20, 0), 5),  # filed (备案) on 11-20: known from that day's first second
    ],
)
def test_11_an_explicit_instant_a_removal_is_read_from_its_filing_by_representativeness(as_of, points):
    """docs/rules.md "`as_of`" (known_roster: a roster change is known once in effect or filed):
    甲区's removal effective 12-01, filed 11-20; representativeness on 12-01 read at an instant."""
    ds, _ = _removed(small_dataset(2025), "P-379902-2", date(2025, 12, 1))
    ds = attrs.evolve(ds, filings=(Filing("F1", "379902", date(2025, 11, 20), ("RC-P-379902-2",)),))
    r = representativeness(ds, date(2025, 12, 1), audience=CITY_OFFICE, as_of=as_of)
    assert r.points == points


def test_7_an_explicit_instant_a_point_added_in_march_is_assessed_once_march_has_ended():
    """DESIGN "An explicit instant" and docs/rules.md: P-379921-2 added effective Mon 2025-03-03
    (March: ≥ 5 working days, owed). At 03-10 the addition is known but March is still running,
    so the point owes no ended month and is not assessed; explain says the months it is
    designated in are not over. At 04-01 00:00 March has ended: it owes March, reached on 03-10
    → 30 × 1/1, feedback 1 ≥ 6 × 1/12 = 0.5 → 30, total 100."""
    ds, p = _set(small_dataset(2025), YI2, designated_from=date(2025, 3, 3))
    contacts = tuple(c for c in ds.contacts if c.point != YI2 or c.date >= p.designated_from)
    add = _change("RC-add", p, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 3, 3))
    ds = attrs.evolve(ds, roster_changes=(add,), contacts=contacts)
    running = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2025, 3, 10, 0))
    assert YI2 not in {x.id for x in running.points}
    why = point_not_assessed(ds, running, YI2, WorkCalendar(), "zh")
    assert "其在册的月份到数据截至时尚未结束" in why
    ended = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2025, 4, 1, 0))
    assert (_point(ended, YI2).active_months, str(_point(ended, YI2).total)) == ((Month(2025, 3),), "100.00")


def test_8_annual_adjustment_a_point_that_left_mid_year_is_proposed_nothing():
    """DESIGN "Annual adjustment" (3 consecutive months unreached → removal proposal) and
    docs/yearend.md (proposals are for points still designated at year end): P-379921-2 not
    reached in March, April, May. Still designated → proposed for removal, unreachable only
    (its score 30 × 9/12 + 30 + 20 + 20 = 92.50 is 优秀). Removed at its own wish effective
    06-01 → no proposal: it has already left the roster."""
    base = small_dataset(2025)
    kept = tuple(c for c in base.contacts if c.point != YI2 or c.date.month not in (3, 4, 5))
    base = attrs.evolve(base, contacts=kept)
    a = assess(base, 2025, audience=CITY_OFFICE)
    assert str(_point(a, YI2).total) == "92.50"
    assert [(q.point, q.reasons) for q in propose_adjustments(base, a, audience=CITY_OFFICE)] == [
        (YI2, ("unreachable",))
    ]
    gone, _ = _removed(base, YI2, date(2025, 6, 1))
    assert propose_adjustments(gone, assess(gone, 2025, audience=CITY_OFFICE), audience=CITY_OFFICE) == ()


def test_9_dingren_the_liaison_person_is_undated_so_a_former_persons_contact_is_flagged():
    """Seed 三(二) 定期定人进行联系; docs/programme.md "定人": without `former_liaison_persons`,
    `liaison_person` is one name for the whole designation (a change recorded with the former
    person and their last day is judged by day: tests/test_liaison_history.py). 甲区's
    市直 point's person changed from 张三 to 王五 in mid-March, the record now names 王五: 张三's
    contact of 03-10, made while he was the liaison person, is flagged 非定人 — the month still
    counts as reached (the duty score reads the office, not the person)."""
    pid = "P-379902-1"
    ds, _ = _set(small_dataset(2025), pid, liaison_person="王五")
    ds = attrs.evolve(
        ds,
        contacts=tuple(
            attrs.evolve(c, made_by="张三") if c.point == pid and c.date.month == 3 else c for c in ds.contacts
        ),
    )
    check = liaison_check(ds, Month(2025, 3))
    assert [(f.point, f.liaison_person, f.made_by, f.date) for f in check.flagged] == [
        (pid, "王五", "张三", date(2025, 3, 10))
    ]
    assert _item(assess(ds, 2025, audience=CITY_OFFICE), pid, "city.duty.contact")[0] == "30.00"


def test_10_dingren_the_liaison_workload_counts_the_points_designated_on_its_day():
    """docs/programme.md: `liaison_workload(dataset, on)` — points per person on a day. 李四's
    only point, removed effective 07-01, is his on 06-30 and nobody's on 07-01."""
    ds, _ = _removed(small_dataset(2025), "P-379902-2", date(2025, 7, 1), liaison_person="李四")
    on_30 = liaison_workload(ds, date(2025, 6, 30)).persons
    assert [(w.office, w.person, w.points) for w in on_30] == [("379902", "李四", ("P-379902-2",))]
    assert liaison_workload(ds, date(2025, 7, 1)).persons == ()


def _recoded(code: str) -> tuple[se.Dataset, str]:
    """乙县's P-379921-2 removed effective 07-01 and its enterprise, same name, designated again as
    P-379921-9 from 07-01 with the credit code ``code``; a round A25M (06-23–07-11) that overlaps
    both records, rated by every point but the new record."""
    ds, old = _removed(small_dataset(2025), YI2, date(2025, 7, 1))
    ds = attrs.evolve(ds, contacts=tuple(c for c in ds.contacts if c.point != YI2 or c.date < date(2025, 7, 1)))
    new = attrs.evolve(
        old,
        id="P-379921-9",
        designated_from=date(2025, 7, 1),
        designated_until=None,
        enterprise=attrs.evolve(old.enterprise, uscc=code),
    )
    add = _change("RC-new", new, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 7, 1))
    ds = attrs.evolve(ds, points=(*ds.points, new), roster_changes=(*ds.roster_changes, add))
    window = AppraisalRound("A25M", HalfYear(2025, 1), date(2025, 6, 23), date(2025, 7, 11))
    return _rated(ds, window, skip=new.id), new.id


def test_12_one_enterprise_name_under_two_credit_codes_is_read_as_two_enterprises_and_told():
    """data-format.md (enterprise identity is its credit code; a code is one body's for life):
    the same enterprise re-designated with its code unchanged took part in A25M under its old
    record, which counts on the new one (20 × 1/1, the reason says so). With its code corrected
    on the new record only (…04X1 → …091F), the two are two enterprises: the new record did not
    take part (20 × 0/1) — so the clerk is told, as a code under two names is told (auditor a38),
    naming both records and the fix."""
    same, new_id = _recoded("91379921MA000004X1")
    assert _item(assess(same, 2025, audience=CITY_OFFICE), new_id, "city.duty.appraisal")[0] == "20.00"
    fixed, _ = _recoded("91379921MA0000091F")
    assert _item(assess(fixed, 2025, audience=CITY_OFFICE), new_id, "city.duty.appraisal") == (
        "0.00",
        "应参加万人评议1轮，参加0轮：20 × 0/1；未参加：A25M",
    )
    told = [w for w in se.dataset_warnings(fixed) if w.startswith("$.points[6] (P-379921-9).enterprise.uscc:")]
    assert told == [
        "$.points[6] (P-379921-9).enterprise.uscc: 91379921MA0000091F differs from the credit code "
        "91379921MA000004X1 of $.points[3] (P-379921-2) under the same enterprise name '测试企业4有限公司': "
        "two credit codes are two enterprises, so the two are read apart (a 万人评议 rating under one does "
        "not count for the other); if the code was corrected, write the corrected code on both records"
    ]
    assert not any("differs from the credit code" in w for w in se.dataset_warnings(same))
    zh = zh_problem(told[0])  # softenv validate --lang zh, the workbook import
    assert "统一社会信用代码 91379921MA0000091F 与 $.points[3]（P-379921-2）" in zh and "credit code" not in zh
