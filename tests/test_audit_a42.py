"""Auditor a42: the year end and the assessment against cases computed by hand from the policy
(seed 三(二), 三(五), 四(三); DESIGN "City baseline", "Who owes what, when", "An explicit
instant"; docs/rules.md). Each expected figure has its hand derivation beside it; the first tests
are the open findings a41 left, each failing before its fix.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs

from softenv_core import CITY_OFFICE, Month, assess, get_plugin_manager
from softenv_core.analyses.adjustment import check_filings, propose_adjustments
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.analyses.year_end import year_end
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.complaints import Verdict
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.render.assessment import explain_point
from softenv_core.testing import beijing, make_complaint, make_point, monthly_report, small_dataset

JIA, YI, BING = "379902", "379921", "379981"
P = "P-379902-2"  # a 县区 point of 甲区 in small_dataset, designated since 2020-01-01


def _city_only():
    return get_plugin_manager(autoload=False, plugins=[])


def _condition(ds, year, cid, as_of: datetime | None = None):
    kw = {} if as_of is None else {"as_of": as_of}
    p = assess(ds, year, _city_only(), audience=CITY_OFFICE, **kw).point(P)
    (found,) = (c for c in p.nomination_conditions if c.rule.id == cid)
    return found


# --- Finding 1: "no false complaint" reads the year's conduct, as known at the instant ---------


def _complaint_of_2025(resolved_at: datetime, verdict: Verdict = Verdict.FALSE):
    return make_complaint("QF", P, beijing(2025, 12, 10), resolved_at=resolved_at, verdict=verdict)


def test_a_complaint_of_the_year_found_false_in_the_next_january_fails_the_years_nomination():
    """QF received 2025-12-10 (2025's conduct), found 虚假 at 2026-01-03 10:00. The 2025 year
    end's default instant is the moment after December's deadline: Dec 2025 due Mon 2026-01-05
    23:59:59, so as_of = 2026-01-06 00:00; the verdict is known then. DESIGN: a nominee "filed no
    false complaint" — the point filed one in 2025: the condition fails, naming QF (it passed with a
    bare 满足, the verdict's year being 2026). The 监督质量 deduction stays in the verdict's year
    (2026), a documented city decision: 2025's item is 20."""
    ds = attrs.evolve(small_dataset(2025), complaints=(_complaint_of_2025(beijing(2026, 1, 3)),))
    cond = _condition(ds, 2025, "city.nominate.no_false_complaint")
    assert (cond.passed, cond.evidence) == (False, ("QF",))
    assert cond.reason == "本年度反映的1件投诉经查虚假或恶意"
    p = assess(ds, 2025, _city_only(), audience=CITY_OFFICE).point(P)
    (sup,) = (i for i in p.items if i.rule.id == "city.duty.supervision")
    assert str(sup.points) == "20.00"


def test_a_complaint_of_the_year_still_open_at_the_instant_is_not_passed_silently():
    """QF found false only on 2026-02-02: at 2026-01-06 it is still being handled; whether the
    year's conduct held a false complaint is not known. An undecided complaint counts neither for
    nor against (DESIGN "An explicit instant"), and a failure on it would tell the county that its
    point complained (principle 7): the condition passes, but not silently — the city office,
    which decides the commendation, reads why it may not hold (QF named); a county reads 满足.
    Once resolved 属实 it passes with nothing to add."""
    ds = attrs.evolve(small_dataset(2025), complaints=(_complaint_of_2025(beijing(2026, 2, 2)),))
    cond = _condition(ds, 2025, "city.nominate.no_false_complaint")
    assert (cond.passed, cond.evidence) == (True, ("QF",))
    assert cond.reason == (
        "另有本年度反映的1件投诉截至评估时点尚未办结（或已重办），是否经查虚假或恶意暂不能判定，办结后应重新评估"
    )
    county = assess(ds, 2025, _city_only(), audience=f"county:{JIA}").point(P)
    (seen,) = (c for c in county.nomination_conditions if c.rule.id == "city.nominate.no_false_complaint")
    assert (seen.passed, seen.reason, seen.evidence) == (True, "满足", ())
    # ``softenv explain --point`` shows it to the city office (it printed a bare 满足), not to the county.
    city_text = explain_point(assess(ds, 2025, _city_only(), audience=CITY_OFFICE).point(P))
    assert "满足 — 另有本年度反映的1件投诉截至评估时点尚未办结" in city_text
    assert "暂不能判定" not in explain_point(county)
    true = attrs.evolve(ds, complaints=(_complaint_of_2025(beijing(2026, 2, 2), Verdict.SUBSTANTIATED),))
    done = _condition(true, 2025, "city.nominate.no_false_complaint", beijing(2026, 3, 1))
    assert (done.passed, done.reason, done.evidence) == (True, "满足", ())
    # A complaint of an earlier year found false in 2025 is not 2025's conduct: 2025 passes.
    old = make_complaint("QO", P, beijing(2024, 12, 10), resolved_at=beijing(2025, 2, 2), verdict=Verdict.FALSE)
    ds24 = small_dataset(2024)
    both = attrs.evolve(
        small_dataset(2025),
        contacts=ds24.contacts + small_dataset(2025).contacts,
        reports=ds24.reports + small_dataset(2025).reports,
        complaints=(old,),
    )
    assert _condition(both, 2025, "city.nominate.no_false_complaint").passed


# --- Finding 2: a removal of the next year after its window is that year's alone ---------------


def _two_years():
    """small_dataset's 2024 and 2025 records in one dataset (reports and contacts of both)."""
    a, b = small_dataset(2024), small_dataset(2025)
    return attrs.evolve(b, contacts=a.contacts + b.contacts, reports=a.reports + b.reports)


def _removed_for_unqualified(effective: date):
    ds = _two_years()
    end = effective - timedelta(days=1)
    points = tuple(attrs.evolve(p, designated_until=end) if p.id == P else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != P or c.date <= end)
    change = RosterChange("RC-U", P, ChangeAction.REMOVE, ChangeReason.UNQUALIFIED, effective, Designator.COUNTY, JIA)
    return attrs.evolve(ds, points=points, contacts=contacts, roster_changes=(change,))


def _unqualified(ds, year):
    a = assess(ds, year, _city_only(), audience=CITY_OFFICE)
    return [(u.change, u.year, u.flagged) for u in check_unqualified_removals(ds, a, audience=CITY_OFFICE)]


def test_a_removal_after_the_next_years_window_is_checked_in_that_year_only():
    """Removed for 考评不合格 from 2025-03-01: after 2025's window (01-01..01-31), so a change during
    2025 (DESIGN "Annual adjustment": the year's adjustment takes effect in January), set against
    the months P owed in 2025 (Jan, Feb: reached both, items each: 30 + 30 × min(1, 2/1) + 20 + 20 =
    100, 优秀: flagged). 2024's adjustment is the one effective in 2025's January: 2024's check must
    not list it (it listed it, set against 2024's 100 优秀, flagged twice over two year ends)."""
    ds = _removed_for_unqualified(date(2025, 3, 1))
    assert _unqualified(ds, 2024) == []
    assert _unqualified(ds, 2025) == [("RC-U", 2025, True)]
    # From 2025-01-20, inside 2025's window: 2024's adjustment, checked in 2024 only (a41's rule).
    ds = _removed_for_unqualified(date(2025, 1, 20))
    assert _unqualified(ds, 2024) == [("RC-U", 2024, True)]
    assert _unqualified(ds, 2025) == []


# --- Finding 3: months without records are judged per point ---------------------------------


def _proposals(ds):
    a = assess(ds, 2025, _city_only(), audience=CITY_OFFICE)
    return {p.point: p.explanation for p in propose_adjustments(ds, a, audience=CITY_OFFICE)}


def test_another_points_records_of_last_year_do_not_stretch_a_points_unreached_run():
    """P (甲区's) has no contact in January 2025 (unreached there: the year's months are the
    assessment's), reached every month after; the dataset's 2024 records are those of 乙县's
    P-379921-1 alone (reached 2024-11 and 2024-12). P's own records begin in 2025-02: its 2024
    months hold nothing of it. Hand: P is known unreached in 2025-01 only, 1 < 3: no proposal (the
    whole-dataset reading made 2024-11, 2024-12 unreached for P: 连续3个月 2024-11—2025-01)."""
    ds = small_dataset(2025)
    other = "P-379921-1"
    (q,) = (p for p in ds.points if p.id == other)
    last_year = tuple(
        Contact(f"L-{m}", other, date(2024, m, 10), ContactMethod.PHONE, q.liaison, True) for m in (11, 12)
    )
    kept = tuple(c for c in ds.contacts if not (c.point == P and c.date.month == 1))
    ds = attrs.evolve(ds, contacts=last_year + kept)
    assert P not in _proposals(ds)
    # Once P's own records reach back (one reached contact in 2024-10), 2024-11 and 2024-12 are
    # recorded months without a contact of P: unreached, a run of 3 ending in 2025-01.
    (p,) = (x for x in ds.points if x.id == P)
    october = Contact("L-P-10", P, date(2024, 10, 10), ContactMethod.PHONE, p.liaison, True)
    ds = attrs.evolve(ds, contacts=(october, *ds.contacts))
    assert _proposals(ds)[P] == ("连续3个月未联系上：2024-11—2025-01（无联系记录：2024-11、2024-12、2025-01）",)


# --- Finding 4: a county created on a day files its first points on that day ------------------

DING = "379982"


def _new_county_filed_on(*days: date):
    """丁市 created 2025-10-01 designates PE from its first day (an addition by the county,
    effective 10-01), filed with the city on each of ``days`` (earliest counts)."""
    ds = small_dataset(2025)
    ding = County(DING, "丁市", CountyKind.CITY, "丁市经贸委", effective_from=date(2025, 10, 1))
    pe = make_point("PE", DING, 51, designated_from=date(2025, 10, 1))
    add = RosterChange(
        "RC-E", "PE", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 10, 1), Designator.COUNTY, DING
    )
    filings = tuple(Filing(f"F-{k}", DING, d, ("RC-E",)) for k, d in enumerate(days))
    return attrs.evolve(
        ds, counties=(*ds.counties, ding), points=(*ds.points, pe), roster_changes=(add,), filings=filings
    )


def test_a_new_countys_first_points_filed_on_its_first_day_are_in_time():
    """DESIGN: county changes need a filing dated before they take effect. 丁市 exists from
    2025-10-01; its first points take effect that day; the earliest it can file is 10-01 itself
    (a filing of 09-30 would be dated before the county existed). Filed 10-01: in time. Filed
    10-02: late, as for any change."""
    (check,) = check_filings(_new_county_filed_on(date(2025, 10, 1)), audience=CITY_OFFICE)
    assert (check.ok, check.filed_on) == (True, date(2025, 10, 1))
    assert check.reason == "已于县区设立当日（2025-10-01）备案：县区自该日起设立，无法更早备案"
    (late,) = check_filings(_new_county_filed_on(date(2025, 10, 2)), audience=CITY_OFFICE)
    assert (late.ok, late.reason) == (False, "未于生效前备案：备案日期2025-10-02，生效日期2025-10-01")


# --- Finding 5 (left as documented; the reason now says it): a point moved between counties ------


def test_a_point_moved_on_an_abolition_is_told_why_it_is_not_whole_year():
    """a41's hand case: 丙市 abolished after 2025-09-30, its point P-379981-2 (designated since
    2020-01-01) continued in 丁市 as PE from 10-01 — the same enterprise. A point is its record
    (docs/rules.md, the documented limitation): each record fails 全年在册 on its own interval, as
    its score, band and rounds are its own (PE: 3 months). Left so (report); the reason names
    the other record's interval, so the city reading it sees a change of record, not a gap."""
    from tests.test_audit_a41 import _hand_case

    a = assess(_hand_case(), 2025, _city_only(), audience=CITY_OFFICE)

    def reason(pid):
        (c,) = (c for c in a.point(pid).nomination_conditions if c.rule.id == "city.nominate.whole_year")
        return (c.passed, c.reason)

    tail = "，各记录分别考评，不合并计算全年在册"
    assert reason("PE") == (
        False,
        "在册 2025-10-01 至今，未覆盖2025年全年（2025-01-01 至 2025-09-30 未在册）"
        "；同一企业（统一社会信用代码相同）另有监测点记录在册 2020-01-01 至 2025-09-30" + tail,
    )
    assert reason("P-379981-2") == (
        False,
        "在册 2020-01-01 至 2025-09-30，未覆盖2025年全年（2025-10-01 至 2025-12-31 未在册）"
        "；同一企业（统一社会信用代码相同）另有监测点记录在册 2025-10-01 至今" + tail,
    )


# --- Hand cases that agreed: dates and membership (2025; small_dataset: on-time zero reports,
# monthly contacts with an item, points designated since 2020). Official 2025 arrangement used
# below: 春节 01-28..02-04 off (01-26 Sun, 02-08 Sat worked); 劳动节 05-01..05-05 off (04-27 Sun
# worked); 端午 05-31..06-02 off; 国庆中秋 10-01..10-08 off (09-28 Sun, 10-11 Sat worked). ---------


def _yi_month(month: int, submitted: datetime, as_of: datetime | None = None):
    """乙县's status for ``month`` of 2025 with its report submitted at ``submitted``."""
    ds = small_dataset(2025)
    rid = f"R-{YI}-2025-{month:02d}"
    reports = (*(r for r in ds.reports if r.id != rid), monthly_report(YI, Month(2025, month), submitted))
    kw = {} if as_of is None else {"as_of": as_of}
    a = assess(attrs.evolve(ds, reports=reports), 2025, _city_only(), audience=CITY_OFFICE, **kw)
    (yi,) = (c for c in a.counties if c.code == YI)
    (m,) = (x for x in yi.months if x.month == Month(2025, month))
    return m, yi


def test_hand_the_fifth_at_23_59_59_is_on_time_the_sixth_at_midnight_late():
    """H1. February 2025's report: due Wed 03-05 (a working day) 23:59:59 Beijing. Sent 03-05
    23:59:59: on time, 100. Sent 03-06 00:00:00: late; N = working days after 03-05 up to 03-06 =
    1 (03-06), ≤ 3: 50; compliance (11 × 100 + 50) / 12 = 95.83, not 先进."""
    m, _ = _yi_month(2, beijing(2025, 3, 5, 23, 59, 59))
    assert (m.status.value, m.due_at, str(m.score)) == ("on_time", beijing(2025, 3, 5, 23, 59, 59), "100.00")
    m, yi = _yi_month(2, beijing(2025, 3, 6, 0, 0, 0))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 1, "50.00")
    assert (str(yi.compliance), yi.topten_eligible) == ("95.83", False)


def test_hand_the_same_boundary_written_in_utc():
    """H2. The deadline is an instant: 03-05 23:59:59 Beijing is 15:59:59 UTC; a submission
    written in UTC one second later (16:00:00Z = 03-06 00:00 Beijing) is late by 1."""
    utc = UTC
    m, _ = _yi_month(2, datetime(2025, 3, 5, 15, 59, 59, tzinfo=utc))
    assert m.status.value == "on_time"
    m, _ = _yi_month(2, datetime(2025, 3, 5, 16, 0, 0, tzinfo=utc))
    assert (m.status.value, m.late_workdays) == ("late", 1)


def test_hand_national_day_moves_septembers_deadline_and_a_make_up_saturday_counts():
    """H3. September 2025: the 5th (10-05) lies in the 10-01..10-08 holiday: 顺延 to the next
    working day, Thu 10-09, 23:59:59. Sent 10-09 23:00: on time. Sent Sat 10-11 (a make-up working
    day): late by 10-10, 10-11 = 2 (a Monday–Friday count gives 1), 50. Sent Tue 10-14: 10-10,
    10-11, 10-13, 10-14 = 4 > 3: 0."""
    m, _ = _yi_month(9, beijing(2025, 10, 9, 23))
    assert (m.status.value, m.due_at) == ("on_time", beijing(2025, 10, 9, 23, 59, 59))
    m, _ = _yi_month(9, beijing(2025, 10, 11, 9))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 2, "50.00")
    m, _ = _yi_month(9, beijing(2025, 10, 14, 9))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 4, "0.00")


def test_hand_a_fifth_on_a_weekend_moves_to_monday():
    """H4. June 2025: 07-05 is a Saturday (no make-up day): due Mon 07-07 23:59:59. Sent Sun
    07-06: on time. April 2025: 05-05 is inside 劳动节 (05-01..05-05): due Tue 05-06. January
    2025: 02-05 (Wed) is the first working day after 春节: it stays, due 02-05."""
    m, _ = _yi_month(6, beijing(2025, 7, 6, 10))
    assert (m.status.value, m.due_at) == ("on_time", beijing(2025, 7, 7, 23, 59, 59))
    m, _ = _yi_month(4, beijing(2025, 5, 6, 23, 59, 59))
    assert (m.status.value, m.due_at) == ("on_time", beijing(2025, 5, 6, 23, 59, 59))
    m, _ = _yi_month(1, beijing(2025, 2, 6, 9))
    assert (m.due_at, m.status.value, m.late_workdays) == (beijing(2025, 2, 5, 23, 59, 59), "late", 1)


def test_hand_decembers_report_sent_after_the_default_instant_is_missing_then_late():
    """H5. December 2025: 2026-01-05 is a Monday (working): due 01-05 23:59:59; the year's default
    instant is the moment after, 2026-01-06 00:00. Sent 01-06 09:00: not known at that instant:
    missing (0), open until the grace ends — late by 3 at most: 01-06, 01-07, 01-08 → open until
    01-08 23:59:59. At as_of 2026-01-10 it is late by 1 (01-06): 50."""
    m, _ = _yi_month(12, beijing(2026, 1, 6, 9))
    assert (m.status.value, str(m.score), m.open_until) == ("missing", "0.00", beijing(2026, 1, 8, 23, 59, 59))
    m, _ = _yi_month(12, beijing(2026, 1, 6, 9), as_of=beijing(2026, 1, 10))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 1, "50.00")


def _p_designated(since: date | None = None, until: date | None = None, *, items: bool = True, complaints=()):
    """small_dataset 2025 with P's interval set (its contacts kept inside it, items dropped
    unless ``items``) and ``complaints``; P's assessment."""
    ds = small_dataset(2025)
    p0 = next(p for p in ds.points if p.id == P)
    p1 = attrs.evolve(p0, designated_from=since or p0.designated_from, designated_until=until)
    points = tuple(p1 if p.id == P else p for p in ds.points)
    contacts = tuple(
        (c if items else attrs.evolve(c, items=())) if c.point == P else c
        for c in ds.contacts
        if c.point != P or p1.active_on(c.date)
    )
    ds = attrs.evolve(ds, points=points, contacts=contacts, complaints=tuple(complaints))
    return assess(ds, 2025, _city_only(), audience=CITY_OFFICE).point(P)


def test_hand_a_point_designated_late_in_july_owes_july_only_from_five_working_days():
    """H6. Designated from Mon 07-28: July's working days in the interval 07-28, 07-29, 07-30,
    07-31 = 4 < 5 (duty.min_workdays_in_month): July not owed; owes Aug–Dec, 5 months. From Fri
    07-25: 07-25, 07-28..07-31 = 5: owes Jul–Dec, 6."""
    assert [str(m) for m in _p_designated(date(2025, 7, 28)).active_months] == [f"2025-{m:02d}" for m in range(8, 13)]
    assert len(_p_designated(date(2025, 7, 25)).active_months) == 6


def test_hand_the_make_up_saturday_decides_whether_october_is_owed():
    """H7. Removed from 10-15 (designated until 10-14): October's working days in 10-01..10-14 are
    10-09, 10-10, 10-11 (Saturday, 调休上班), 10-13, 10-14 = 5 ≥ 5: October owed, Jan–Oct = 10
    (a Monday–Friday count gives 4: not owed). Until 10-13: 4 < 5, Jan–Sep = 9. Until 10-08: the
    whole 国庆 holiday, 0 working days: 9."""
    assert len(_p_designated(until=date(2025, 10, 14)).active_months) == 10
    assert len(_p_designated(until=date(2025, 10, 13)).active_months) == 9
    assert len(_p_designated(until=date(2025, 10, 8)).active_months) == 9


def test_hand_direct_feedback_on_the_last_second_of_a_beijing_month():
    """H8. P designated until 07-31 (owes Jan–Jul, 7), its contacts without items. A complaint
    received 2025-07-31 15:59:59 UTC is 23:59:59 Beijing, inside the interval: July has feedback,
    30 × min(1, 1 / (6 × 7/12 = 3.5)) = 8.571… → 8.57. One second later (08-01 00:00 Beijing) it is
    after the interval: not the point's, feedback 0."""
    until = date(2025, 7, 31)
    inside = make_complaint("QB", P, datetime(2025, 7, 31, 15, 59, 59, tzinfo=UTC))
    item = _item(_p_designated(until=until, items=False, complaints=(inside,)), "city.duty.feedback")
    assert (str(item.points), item.evidence) == ("8.57", ("QB",))
    outside = make_complaint("QB", P, datetime(2025, 7, 31, 16, 0, 0, tzinfo=UTC))
    item = _item(_p_designated(until=until, items=False, complaints=(outside,)), "city.duty.feedback")
    assert (str(item.points), item.evidence) == ("0.00", ())


def _item(point, rule_id):
    (found,) = (i for i in point.items if i.rule.id == rule_id)
    return found


def _bing_until(until: date):
    """丙市 (379981) abolished with ``until`` its last day, its points ended then; its reports on
    months after dropped."""
    ds = small_dataset(2025)
    counties = tuple(attrs.evolve(c, effective_until=until) if c.code == BING else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_until=until) if p.county == BING else p for p in ds.points)
    ended = {p.id for p in points if p.county == BING}
    contacts = tuple(c for c in ds.contacts if c.point not in ended or c.date <= until)
    reports = tuple(r for r in ds.reports if r.county != BING or r.month.first_day <= until)
    ds = attrs.evolve(ds, counties=counties, points=points, contacts=contacts, reports=reports)
    return assess(ds, 2025, _city_only(), audience=CITY_OFFICE)


def test_hand_a_county_abolished_mid_june_owes_june_and_takes_no_part_in_topten():
    """H9. 丙市 abolished after 06-10: it exists on a day of January–June, so it owes those 6
    months (on time: 100), not July–December (not owed); it does not exist on 12-31: no 十佳. Its
    points, designated until 06-10, worked 06-03..06-06, 06-09, 06-10 (06-02 端午 off) = 6 ≥ 5
    days of June: each owes Jan–Jun, 6 months."""
    a = _bing_until(date(2025, 6, 10))
    (bing,) = (c for c in a.counties if c.code == BING)
    states = [m.status.value for m in bing.months]
    assert states == ["on_time"] * 6 + ["not_owed"] * 6
    assert (str(bing.compliance), bing.topten_eligible) == ("100.00", False)
    assert {p.id: len(p.active_months) for p in a.points if p.county == BING} == {
        "P-379981-1": 6,
        "P-379981-2": 6,
    }


def test_hand_a_county_abolished_on_new_years_eve_still_competes():
    """H10. 丙市's last day 12-31: it exists on the year's last day, owes all 12 months (on time):
    100, 可评先进."""
    (bing,) = (c for c in _bing_until(date(2025, 12, 31)).counties if c.code == BING)
    assert (str(bing.compliance), bing.topten_eligible) == ("100.00", True)


def test_hand_a_round_is_owed_by_a_point_designated_on_its_closing_day():
    """H11. 万人评议 R1 open 06-01..06-20. P designated from 06-20 (window overlaps its interval by
    one day): owes R1; from 06-21: does not (no round while designated, 20 full marks)."""
    rounds = (AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20)),)

    def owed(since: date):
        ds = small_dataset(2025)
        pts = tuple(attrs.evolve(p, designated_from=since) if p.id == P else p for p in ds.points)
        contacts = tuple(c for c in ds.contacts if c.point != P or c.date >= since)
        ds = attrs.evolve(ds, points=pts, contacts=contacts, appraisal_rounds=rounds)
        point = assess(ds, 2025, _city_only(), audience=CITY_OFFICE).point(P)
        return str(_item(point, "city.duty.appraisal").points)

    assert owed(date(2025, 6, 20)) == "0.00"  # 20 × 0/1: owed, not taken part in
    assert owed(date(2025, 6, 21)) == "20.00"


def test_hand_the_quota_counts_the_county_points_designated_on_new_years_eve():
    """H12. 甲区 has one 县区 point in small_dataset (P-379902-2; P-379902-1 is 市直, the city's);
    with 19 more: 20 on 12-31, max(1, ⌊0.1 × 20⌋) = 2. One of them designated until 12-31 is still
    designated that day: 2. Until 12-30 (removed from 12-31): 19, ⌊1.9⌋ = 1."""

    def quota(until: date | None) -> tuple[int, int]:
        ds = small_dataset(2025)
        extra = [make_point(f"PX{k}", JIA, 300 + k) for k in range(19)]
        extra[0] = attrs.evolve(extra[0], designated_until=until)
        ye = year_end(attrs.evolve(ds, points=(*ds.points, *extra)), 2025, _city_only(), audience=CITY_OFFICE)
        (jia,) = (c for c in ye.commendation.counties if c.county == JIA)
        return jia.active_points, jia.quota

    assert quota(None) == (20, 2)
    assert quota(date(2025, 12, 31)) == (20, 2)
    assert quota(date(2025, 12, 30)) == (19, 1)
