"""Auditor a43: cases computed by hand from the policy (seed 三(一), 三(二), 三(三), 三(五), 四(三);
DESIGN "City baseline", "Who owes what, when", "An explicit instant"; docs/rules.md,
docs/yearend.md, docs/complaints.md), in the areas earlier auditors touched least: 万人评议 raters
and the sample floor, complaint limits across holidays and an extension, report deadlines of
2024 and 2026 moved by make-up days, a 县区 point reached by another county's office, the roster
adjustment's filings and window, and what an ``as_of`` instant knows. Each expected figure has
its derivation beside it; the first test is a42's open point, failing before its fix.

Official arrangements used (chinese_calendar, the State Council notices): 2024 国庆 10-01..10-07
off, Sun 09-29 and Sat 10-12 worked; 2026 春节 02-15..02-23 off, Sat 02-14 and Sat 02-28 worked;
2026 国庆 10-01..10-07 off, Sat 10-10 worked; 2025 国庆中秋 10-01..10-08 off, Sat 10-11 worked.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

import softenv_county_qingshan
from softenv_core import (
    CITY_OFFICE,
    InputError,
    Month,
    WorkCalendar,
    assess,
    baseline_parameters,
    get_plugin_manager,
    loads_dataset,
    monitoring_report,
    year_end,
)
from softenv_core.analyses.adjustment import check_filings, check_window, propose_additions, propose_adjustments
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.common_problems import common_problems
from softenv_core.analyses.complaint_handling import complaint_status
from softenv_core.analyses.complaint_limits import sla_for
from softenv_core.analyses.followup_status import open_matter_ages
from softenv_core.analyses.liaison import liaison_check
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.enterprises import Sector
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, Nomination, RosterChange
from softenv_core.testing import beijing, make_point, monthly_contacts, monthly_report, small_dataset
from tests.test_audit_a42 import DING, _new_county_filed_on

JIA, YI, BING = "379902", "379921", "379981"


def _city_only():
    return get_plugin_manager(autoload=False, plugins=[])


def _refused(ds) -> list[str]:
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(ds))
    return list(refused.value.problems)


# --- a42's open point: a filing dated before its county existed -----------------------------


def test_a_filing_dated_before_its_county_existed_is_refused():
    """丁市 exists from 2025-10-01 (a42's case); a filing by 丁市 dated 09-30 lists its first
    change (effective 10-01). DESIGN principle 3: an impossible order of events is an error with
    a $.path, and the library already refuses a report on a month before its county existed and
    a waiver of one. A county cannot file with the city before it exists, so the filing is a date
    or a county typed wrong: refused, not a warning (no parameter is needed to see it, unlike the
    waiver before the baseline, which is a warning only because the loader reads none). It was
    accepted, and ``check_filings`` counted it 已于生效前备案 — the one filing the city could never
    have received made the new county's first change in time."""
    problems = _refused(_new_county_filed_on(date(2025, 9, 30)))
    wanted = (
        f"$.filings[0] (F-0).filed_on: 2025-09-30 but county {DING} exists from 2025-10-01 to …; "
        "a county files only on a day it exists"
    )
    assert problems == [wanted], problems
    assert problem_text(wanted, "zh").endswith(
        f"备案日期 2025-09-30 不在县区 {DING} 的存续期（2025-10-01 至 …）内；县区只能在其存续期内备案"
    )
    # Its first day is the earliest it files: accepted (in time, a42's rule).
    loads_dataset(dataset_json(_new_county_filed_on(date(2025, 10, 1))))


def test_a_filing_dated_after_its_county_was_abolished_is_refused():
    """丁市 abolished after 2025-11-30 (its point PE ended then): a filing dated 12-01 by 丁市 is
    made by a county that no longer exists — refused alike; one dated 11-30, its last day, loads."""
    ds = _new_county_filed_on(date(2025, 10, 1))
    counties = tuple(attrs.evolve(c, effective_until=date(2025, 11, 30)) if c.code == DING else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 11, 30)) if p.id == "PE" else p for p in ds.points)
    ds = attrs.evolve(ds, counties=counties, points=points)
    late = attrs.evolve(ds, filings=(*ds.filings, Filing("F-late", DING, date(2025, 12, 1), ("RC-E",))))
    assert _refused(late) == [
        f"$.filings[1] (F-late).filed_on: 2025-12-01 but county {DING} exists from 2025-10-01 to 2025-11-30; "
        "a county files only on a day it exists"
    ]
    last = attrs.evolve(ds, filings=(*ds.filings, Filing("F-last", DING, date(2025, 11, 30), ("RC-E",))))
    loads_dataset(dataset_json(last))


# --- H1, H2: a report deadline moved by 国庆, late days counted through a make-up Saturday, in
# 2024 and in 2026 (a42 did 2025) ---------------------------------------------------------------


def _month_status(year: int, month: int, submitted, as_of=None):
    """乙县's status for ``month`` of ``year`` with its report submitted at ``submitted``
    (small_dataset of that year: every other report on time)."""
    ds = small_dataset(year)
    rid = f"R-{YI}-{year}-{month:02d}"
    reports = (*(r for r in ds.reports if r.id != rid), monthly_report(YI, Month(year, month), submitted))
    kw = {} if as_of is None else {"as_of": as_of}
    a = assess(attrs.evolve(ds, reports=reports), year, _city_only(), audience=CITY_OFFICE, **kw)
    (yi,) = (c for c in a.counties if c.code == YI)
    (m,) = (x for x in yi.months if x.month == Month(year, month))
    return m


def test_h1_september_2024_due_after_national_day_a_make_up_saturday_makes_it_zero():
    """September 2024's report: the 5th (10-05) lies in 国庆 10-01..10-07: 顺延 to the next
    working day, Tue 10-08, due 23:59:59. Sent Fri 10-11: late by 10-09, 10-10, 10-11 = 3 ≤
    compliance.late_grace_workdays 3: 50. Sent Sat 10-12, a make-up working day (调休上班): 10-09,
    10-10, 10-11, 10-12 = 4 > 3: 0 (a Monday–Friday count gives 3 and 50)."""
    m = _month_status(2024, 9, beijing(2024, 10, 8, 23, 59, 59))
    assert (m.status.value, m.due_at) == ("on_time", beijing(2024, 10, 8, 23, 59, 59))
    m = _month_status(2024, 9, beijing(2024, 10, 11, 9))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 3, "50.00")
    m = _month_status(2024, 9, beijing(2024, 10, 12, 9))
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 4, "0.00")


def test_h2_september_2026_due_thursday_after_national_day_and_the_10th_a_make_up_saturday():
    """September 2026's report: 10-05 lies in 国庆 10-01..10-07: due Thu 10-08 23:59:59. Sent
    Sat 10-10 (调休上班): late by 10-09, 10-10 = 2: 50. Sent Mon 10-12: 10-09, 10-10, 10-12 = 3:
    50. Sent Tue 10-13: 10-09, 10-10, 10-12, 10-13 = 4: 0 (Monday–Friday: 3, 50). Assessed as of
    2026-11-01 00:00 Beijing: December's deadline (in 2027) is not needed; October is still
    pending then (due 11-05)."""
    as_of = beijing(2026, 11, 1, 0)
    m = _month_status(2026, 9, beijing(2026, 10, 10, 9), as_of)
    assert (m.due_at, m.status.value, m.late_workdays, str(m.score)) == (
        beijing(2026, 10, 8, 23, 59, 59),
        "late",
        2,
        "50.00",
    )
    m = _month_status(2026, 9, beijing(2026, 10, 12, 9), as_of)
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 3, "50.00")
    m = _month_status(2026, 9, beijing(2026, 10, 13, 9), as_of)
    assert (m.status.value, m.late_workdays, str(m.score)) == ("late", 4, "0.00")
    assert "10-10（调休上班）" in m.late_facts


# --- H3: who owes February 2026, decided by the make-up Saturday after 春节 ---------------------

P = "P-379902-2"  # a 县区 point of 甲区 in small_dataset, designated since 2020-01-01


def _owed_months_2026(since: date) -> list[str]:
    ds = small_dataset(2026)
    points = tuple(attrs.evolve(p, designated_from=since) if p.id == P else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if c.point != P or c.date >= since)
    ds = attrs.evolve(ds, points=points, contacts=contacts)
    a = assess(ds, 2026, _city_only(), audience=CITY_OFFICE, as_of=beijing(2026, 4, 1, 0))
    return [str(m) for m in a.point(P).active_months]


def test_h3_a_point_designated_inside_spring_festival_owes_february_through_02_28():
    """Designated from Mon 2026-02-16 (inside 春节 02-15..02-23): February's working days in the
    interval are 02-24, 02-25, 02-26, 02-27 and Sat 02-28 (调休上班) = 5 ≥
    duty.min_workdays_in_month 5: February owed (Monday–Friday: 4, not owed). As of 2026-04-01
    00:00, March has ended, April not begun: owed Feb, Mar. From Wed 02-25: 02-25..02-28 = 4 < 5:
    March only."""
    assert _owed_months_2026(date(2026, 2, 16)) == ["2026-02", "2026-03"]
    assert _owed_months_2026(date(2026, 2, 25)) == ["2026-03"]


# --- H4, H5: a 县区 point reached only by another county's office ------------------------------


def _reached_by_yi(months: tuple[int, ...]):
    """small_dataset 2025 with 甲区's 县区 point P's contacts of ``months`` logged by 乙县经贸委
    (liaison 379921) instead of its own office; each still reached, with its item."""
    ds = small_dataset(2025)
    contacts = tuple(attrs.evolve(c, liaison=YI) if c.point == P and c.date.month in months else c for c in ds.contacts)
    return attrs.evolve(ds, contacts=contacts)


def test_h4_another_countys_office_reaching_a_county_point_earns_no_contact_but_its_feedback_counts():
    """P (甲区's 县区 point) owes Jan–Dec 2025 (12). DESIGN: reached "by its liaison office"; a
    county point is contacted by its county's 经贸委 (三(二): 县区监测点由县区经贸委负责联系). In
    March, April, May only 乙县经贸委 reached it: those months are not reached: contact 30 × 9/12 =
    22.50. The items raised in those contacts are still its feedback (三(一)): 12 months with
    feedback, 30 × min(1, 12 / (6 × 12/12)) = 30. Appraisal: no round, 20. Supervision 20. Total
    92.50, 优秀 (≥ 85)."""
    a = assess(_reached_by_yi((3, 4, 5)), 2025, _city_only(), audience=CITY_OFFICE)
    p = a.point(P)
    items = {i.rule.id: str(i.points) for i in p.items}
    assert items["city.duty.contact"] == "22.50"
    assert items["city.duty.feedback"] == "30.00"
    assert (str(p.total), p.band.zh) == ("92.50", "优秀")
    (contact,) = (i for i in p.items if i.rule.id == "city.duty.contact")
    wanted = (
        "非负责联系单位的联系不计（应由379902 甲区经贸委联系）："
        "2025-03（C-P-379902-2-2025-03 由 379921 乙县经贸委 记录）"
    )
    assert wanted in contact.reason, contact.reason


def test_h5_three_months_reached_only_by_another_county_is_an_unreached_run():
    """The same: March–May unreached by its own office is a run of roster.unreached_months 3:
    DESIGN "Annual adjustment" proposes removal ("3 consecutive months unreached"), the run named
    2025-03—2025-05 and the other office's contacts named as not counting. Two months (April,
    May only) is no run: no proposal (the point is 优秀)."""
    ds = _reached_by_yi((3, 4, 5))
    a = assess(ds, 2025, _city_only(), audience=CITY_OFFICE)
    proposals = {x.point: x for x in propose_adjustments(ds, a, audience=CITY_OFFICE)}
    (why,) = proposals[P].explanation
    assert why.startswith("连续3个月未联系上：2025-03—2025-05"), why
    assert "非负责联系单位的联系不计" in why, why
    ds = _reached_by_yi((4, 5))
    a = assess(ds, 2025, _city_only(), audience=CITY_OFFICE)
    assert P not in {x.point for x in propose_adjustments(ds, a, audience=CITY_OFFICE)}


# --- H6: a common problem's counties are its points' counties, not the offices that logged it ---

_CHECKS = Item(ItemCategory.ENFORCEMENT, "同一事项被多次检查", department="city-amr")


def _common_problem_data(yi_month: int | None):
    """甲区's three points raise 执法 about 市市场监管局 in March 2025 (P-379902-2's contact logged
    by 乙县经贸委); with ``yi_month``, 乙县's point P-379921-2 raises it in that month."""
    ds = small_dataset(2025)
    third = make_point("P-379902-3", JIA, 50)
    raising = {("P-379902-1", 3), ("P-379902-2", 3)}
    if yi_month is not None:
        raising.add(("P-379921-2", yi_month))
    contacts = []
    for c in ds.contacts:
        if (c.point, c.date.month) in raising:
            c = attrs.evolve(c, items=(_CHECKS,), liaison=YI if c.point == P else c.liaison)
        contacts.append(c)
    contacts.append(Contact("C-3-03", third.id, date(2025, 3, 12), ContactMethod.VISIT, JIA, True, (_CHECKS,)))
    return attrs.evolve(ds, points=(*ds.points, third), contacts=tuple(contacts))


def _problems(ds, last: int):
    return [
        (x.first_month, x.points, x.counties)
        for x in common_problems(ds, Month(2025, last), baseline_parameters())
        if (x.category, x.department) == ("enforcement", "city-amr")
    ]


def test_h6_a_common_problems_counties_are_its_points_counties():
    """DESIGN "Common problems": the same category and department raised by ≥ 3 points
    (common.min_points) in ≥ 2 counties (common.min_counties) within 3 months. March: 3 points,
    all of 甲区 — P's contact logged by 乙县经贸委 does not make 乙县 a county that raised it (the
    point raised it; the office only heard it): 1 county, no candidate in March's window
    (Jan–Mar). 乙县's point raising it in May: the window Mar–May holds 4 points in 甲区 and 乙县:
    a candidate in May's report. June's window (Apr–Jun) holds 乙县's point alone: none."""
    ds = _common_problem_data(None)
    assert _problems(ds, 3) == []
    ds = _common_problem_data(5)
    assert _problems(ds, 5) == [
        (Month(2025, 3), ("P-379902-1", "P-379902-2", "P-379902-3", "P-379921-2"), (JIA, YI)),
    ]
    assert _problems(ds, 6) == []
    # In April's window (Feb–Apr) the May item is not yet there: 甲区 alone, none.
    assert _problems(ds, 4) == []


# --- H7: the roster adjustment at year end: a county's removal for 1 January and its filing ----


def _removed(effective: date, *filed: date):
    """P (甲区's 县区 point) removed by 甲区 for its own wish from ``effective`` (its record ending
    the day before), filed with the city on each of ``filed``."""
    ds = small_dataset(2025)
    end = effective - timedelta(days=1)
    points = tuple(attrs.evolve(p, designated_until=end) if p.id == P else p for p in ds.points)
    change = RosterChange("RC-P", P, ChangeAction.REMOVE, ChangeReason.OWN_WISH, effective, Designator.COUNTY, JIA)
    filings = tuple(Filing(f"F-{k}", JIA, d, ("RC-P",)) for k, d in enumerate(filed))
    return attrs.evolve(ds, points=points, roster_changes=(change,), filings=filings)


def _filing(ds, as_of):
    return [
        (f.change, f.filed_on, f.ok, f.reason) for f in check_filings(ds, audience=CITY_OFFICE, year=2025, as_of=as_of)
    ]


def test_h7_a_removal_for_the_first_of_january_filed_on_new_years_eve_is_in_time():
    """DESIGN "Annual adjustment": county changes need a filing with the city dated before they
    take effect. Removal effective 2026-01-01 (2025's adjustment, in 2026's window 01-01..01-31).
    Filed 2025-12-31: before, in time. Filed 2026-01-01: the day it takes effect, not before:
    late ("未于生效前备案：备案日期2026-01-01，生效日期2026-01-01"). Both are known at the year end's
    default instant (2026-01-06 00:00: in effect). The 2025 window check does not list it (a
    change effective in 2026 is 2026's: inside January's window there)."""
    ds = _removed(date(2026, 1, 1), date(2025, 12, 31))
    default = beijing(2026, 1, 6, 0)
    assert _filing(ds, default) == [("RC-P", date(2025, 12, 31), True, "已于生效前备案")]
    late = _removed(date(2026, 1, 1), date(2026, 1, 1))
    assert _filing(late, default) == [
        ("RC-P", date(2026, 1, 1), False, "未于生效前备案：备案日期2026-01-01，生效日期2026-01-01")
    ]
    params = baseline_parameters()
    assert check_window(ds, 2025, params, as_of=default) == ()
    ((inside, flagged),) = [(w.inside, w.flagged) for w in check_window(ds, 2026, params)]
    assert (inside, flagged) == (True, False)
    # The year end's section 四 reads the same.
    ye = year_end(ds, 2025, _city_only(), audience=CITY_OFFICE)
    assert [(f.change, f.ok) for f in ye.filings] == [("RC-P", True)]


def test_h7b_a_removal_after_the_window_is_unknown_until_filed_or_in_effect():
    """Removal effective 2026-02-01 (after 2026's window), filed 2026-01-20. At the default
    instant (2026-01-06 00:00) it is neither in effect nor filed: nobody knew of it (docs/yearend.md
    "As of an instant"): not listed, and P is on the roster all year. As of 2026-01-21 00:00 it is
    filed: listed, in time (01-20 < 02-01). Filed only on 02-01 and asked as of 02-02 00:00: in
    effect, filed the day it took effect: late."""
    ds = _removed(date(2026, 2, 1), date(2026, 1, 20))
    assert _filing(ds, beijing(2026, 1, 6, 0)) == []
    assert _filing(ds, beijing(2026, 1, 21, 0)) == [("RC-P", date(2026, 1, 20), True, "已于生效前备案")]
    late = _removed(date(2026, 2, 1), date(2026, 2, 1))
    assert _filing(late, beijing(2026, 1, 21, 0)) == []
    assert _filing(late, beijing(2026, 2, 2, 0)) == [
        ("RC-P", date(2026, 2, 1), False, "未于生效前备案：备案日期2026-02-01，生效日期2026-02-01")
    ]


# --- H8: what an instant knows of a removal: filed before it takes effect ---------------------


def _whole_year(ds, as_of):
    kw = {} if as_of is None else {"as_of": as_of}
    p = assess(ds, 2025, _city_only(), audience=CITY_OFFICE, **kw).point(P)
    (c,) = (c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
    return c.passed, c.reason, [str(m) for m in p.active_months]


def test_h8_a_removal_is_known_once_filed_even_before_it_takes_effect():
    """P removed by 甲区 from 2025-11-01 (designated until 10-31), filed with the city on 10-20
    (docs/yearend.md: a roster change is known from its effective day or its filing's day,
    whichever is earlier). As of 2025-10-15 00:00: neither, so nobody knew; P is read as still
    designated; the year is not over: 全年在册 not yet decidable (not passed, pending reason);
    owed months Jan–Sep (October still running). As of 10-25 00:00: filed, known: P's interval
    ends 10-31, the year is not covered — a fact already, not pending: fails, naming the days
    outside (2025-11-01 至 2025-12-31). Owed months still Jan–Sep (October running)."""
    ds = _removed(date(2025, 11, 1), date(2025, 10, 20))
    passed, reason, months = _whole_year(ds, beijing(2025, 10, 15, 0))
    assert (passed, reason) == (False, "2025年尚未结束（截至评估时点），全年在册暂不能判定")
    assert months == [f"2025-{m:02d}" for m in range(1, 10)]
    passed, reason, months = _whole_year(ds, beijing(2025, 10, 25, 0))
    assert (passed, reason) == (
        False,
        "在册 2020-01-01 至 2025-10-31，未覆盖2025年全年（2025-11-01 至 2025-12-31 未在册）",
    )
    assert months == [f"2025-{m:02d}" for m in range(1, 10)]
    # At the year's default instant: owed Jan–Oct (10), November and December not.
    passed, reason, months = _whole_year(ds, None)
    assert months == [f"2025-{m:02d}" for m in range(1, 11)]


# --- H9: a zero report amended after its deadline: on time, and a matter from the amendment's day --


def _amended_february():
    """甲区's February 2025 report: a zero report sent Mon 03-03 09:00 (due Wed 03-05), amended
    Mon 03-10 10:00 (after the deadline) with a 政策 item about 市市场监管局 naming P."""
    ds = small_dataset(2025)
    item = Item(ItemCategory.POLICY, "扶持政策未兑现", department="city-amr", point=P)
    first = monthly_report(JIA, Month(2025, 2), beijing(2025, 3, 3, 9))
    amended = attrs.evolve(first, amendments=(Amendment(beijing(2025, 3, 10), "经办人", items=(item,)),))
    return attrs.evolve(ds, reports=tuple(amended if r.id == first.id else r for r in ds.reports))


def test_h9_an_amendment_after_the_deadline_raises_its_matter_on_its_own_day():
    """DESIGN "Zero report": the first submission's time counts for timeliness (03-03 ≤ 03-05:
    on time, 100), the latest amendment's content for what was reported. The 政策 item exists
    only from the amendment: a matter raised on 2025-03-10 (docs/rules.md: an item added by an
    amendment is raised on that amendment's day), not 03-03. Asked on 03-09 it is not there; open
    on 05-08 its age is 59 days (03-10 → 05-08: 21 + 30 + 8), under followup.long_open_days 60;
    on 05-09, 60: long open. Dated from the first submission it would have been long open on
    05-02 already."""
    ds = _amended_february()
    a = assess(ds, 2025, _city_only(), audience=CITY_OFFICE)
    (jia,) = (c for c in a.counties if c.code == JIA)
    (feb,) = (m for m in jia.months if m.month == Month(2025, 2))
    assert (feb.status.value, str(feb.score)) == ("on_time", "100.00")
    params = baseline_parameters()

    def ages(on: date):
        return [(m.raised_on, age, long) for m, age, _, long in open_matter_ages(ds, on, params) if m.point == P]

    assert ages(date(2025, 3, 9)) == []
    assert ages(date(2025, 5, 2)) == [(date(2025, 3, 10), 53, False)]
    assert ages(date(2025, 5, 8)) == [(date(2025, 3, 10), 59, False)]
    assert ages(date(2025, 5, 9)) == [(date(2025, 3, 10), 60, True)]
    # As of 03-10 09:59 the amendment is not yet submitted: no matter that day; at 10:00 it is.
    at = beijing(2025, 3, 10, 9, 59, 59)
    assert [m for m, *_ in open_matter_ages(ds, date(2025, 3, 10), params, as_of=at) if m.point == P] == []
    at = beijing(2025, 3, 10, 10)
    assert len([m for m, *_ in open_matter_ages(ds, date(2025, 3, 10), params, as_of=at) if m.point == P]) == 1


# --- H10: 万人评议: a rater removed on the window's first day decides the sample floor -----------

_R1 = AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))


def _rated(removal: date, *, p_rates: bool = True):
    """Round R1 (06-01..06-20): 29 citizens rate 市市场监管局 (20 满意, 9 基本满意); P, removed by
    甲区 from ``removal`` (designated until the day before), rates it 满意 as a point."""
    ds = _removed(removal)
    ratings = [
        Rating(
            "R1",
            f"citizen-{k:02d}",
            RaterGroup.CITIZEN,
            "city-amr",
            RatingLevel.SATISFIED if k < 20 else RatingLevel.BASICALLY,
        )
        for k in range(29)
    ]
    if p_rates:
        ratings.append(Rating("R1", P, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED))
    return attrs.evolve(ds, appraisal_rounds=(_R1,), ratings=tuple(ratings))


def test_h10_a_rater_removed_the_day_after_the_window_opened_rates_and_the_department_is_ranked():
    """DESIGN "Who owes what, when": a round is owed when its window overlaps the interval; a
    point rates as group point while designated in the window (validation refuses otherwise).
    P removed from 06-02 is designated until 06-01, the window's first day: it owes R1, and its
    rating is valid: 29 + 1 = 30 valid ≥ appraisal.min_valid 30: ranked (alone: rank 1, not 末位).
    Score = 100 × [0.4 × 1/1 + 0.15 × (20 + 0.6 × 9)/29] / (0.4 + 0.15) = 96.6144… → 96.61. Its
    duty item: 20 × 1/1 (it owed and took part). Removed from 06-01 (until 05-31): not
    designated on any day of the window, its rating as a point is refused; without it, 29 valid:
    insufficient, scored 100 × 25.4/29 = 87.586… → 87.59, not ranked."""
    ds = _rated(date(2025, 6, 2))
    d = appraise(ds, "R1", audience=CITY_OFFICE).department("city-amr")
    assert (d.valid, str(d.score), d.sufficient, d.rank, d.bottom) == (30, "96.61", True, 1, False)
    assert P in appraise(ds, "R1", audience=CITY_OFFICE).points_taking_part
    point = assess(ds, 2025, _city_only(), audience=CITY_OFFICE).point(P)
    (item,) = (i for i in point.items if i.rule.id == "city.duty.appraisal")
    assert str(item.points) == "20.00"
    (problem,) = _refused(_rated(date(2025, 6, 1)))
    assert problem.startswith("$.ratings[29].rater:"), problem
    d = appraise(_rated(date(2025, 6, 1), p_rates=False), "R1", audience=CITY_OFFICE).department("city-amr")
    assert (d.valid, str(d.score), d.sufficient, d.rank) == (29, "87.59", False, None)


# --- H11: the commendation quota against the nominations known at the year end's instant ------


def _nominated(second_at):
    """甲区 with two 县区 points (P and a new P-379902-3, both designated all year and contacted
    monthly): N1 for P submitted 2026-01-05 23:00, N2 for P-379902-3 at ``second_at``."""
    ds = small_dataset(2025)
    third = make_point("P-379902-3", JIA, 50)
    contacts = (*ds.contacts, *monthly_contacts(third, 2025, with_items=True))
    nominations = (
        Nomination("N1", 2025, JIA, P, submitted_at=beijing(2026, 1, 5, 23)),
        Nomination("N2", 2025, JIA, third.id, submitted_at=second_at),
    )
    return attrs.evolve(ds, points=(*ds.points, third), contacts=contacts, nominations=nominations)


def _jia_nominations(ds, as_of=None):
    kw = {} if as_of is None else {"as_of": as_of}
    ye = year_end(ds, 2025, _city_only(), audience=CITY_OFFICE, **kw)
    (jia,) = (c for c in ye.commendation.counties if c.county == JIA)
    return jia.quota, [n.nomination for n in jia.nominees], jia.error


def test_h11_a_nomination_stamped_at_the_instant_itself_counts_against_the_quota():
    """甲区's 县区 points on 2025-12-31: 2 (P-379902-1 is 市直: the city's, no county quota), so
    quota = max(1, ⌊0.1 × 2⌋) = 1. The year end's default instant is 2026-01-06 00:00:00 (December
    due Mon 01-05 23:59:59). An explicit instant reads what is stamped at or before it
    (docs/complaints.md "An instant", docs/yearend.md: nominations submitted by the instant
    itself): N2 stamped 2026-01-06 00:00:00 is read: 2 nominated > 1: over quota by 1. Stamped one
    second later it is not yet known: N1 alone, within the quota; as of 01-07 it is: over."""
    over = "379902 甲区：推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 2个在册县区监测点⌋)）"
    assert _jia_nominations(_nominated(beijing(2026, 1, 6, 0))) == (1, ["N1", "N2"], over)
    later = _nominated(beijing(2026, 1, 6, 0, 0, 1))
    assert _jia_nominations(later) == (1, ["N1"], None)
    assert _jia_nominations(later, beijing(2026, 1, 7, 0)) == (1, ["N1", "N2"], over)


# --- H12: 定人: a contact after the point's removal is no longer the point's -------------------


def _removed_with_liaison_person():
    """P removed from 2025-03-15 (until 03-14; March's working days 03-03..03-14 = 10: owes
    March), its liaison person 张三, who made its contacts up to then; 李四 of 甲区经贸委 called on
    the enterprise on 03-20 and 04-20, after the removal."""
    ds = _removed(date(2025, 3, 15))
    points = tuple(attrs.evolve(p, liaison_person="张三") if p.id == P else p for p in ds.points)
    contacts = tuple(
        attrs.evolve(c, made_by="张三") if c.point == P else c
        for c in ds.contacts
        if c.point != P or c.date <= date(2025, 3, 14)
    )
    after = tuple(
        Contact(f"C-after-{m}", P, date(2025, m, 20), ContactMethod.VISIT, JIA, True, made_by="李四") for m in (3, 4)
    )
    return attrs.evolve(ds, points=points, contacts=(*contacts, *after))


def test_h12_a_contact_after_the_removal_is_not_flagged_as_not_made_by_the_liaison_person():
    """三(二) 定期定人进行联系: a point's contacts are made by its named person (定人). DESIGN "Who
    owes what, when": a contact counts only inside the designation interval. 李四's visits of
    03-20 and 04-20 come after P's interval (to 03-14): the enterprise is no longer a point, its
    contacts are nobody's duty — not 非定人 contacts of P. March's report, row 甲区: 应联系 1 (P),
    联系上 1 (03-10 by 张三), 非责任单位 0, 非定人 0; April's: 应联系 0 and 非定人 0. The library
    flagged both visits (April's row showed 应联系 0 beside 非定人 1), while the same row's
    非责任单位 column leaves contacts outside the interval out."""
    ds = _removed_with_liaison_person()
    assert liaison_check(ds, Month(2025, 3)).flagged == ()
    assert liaison_check(ds, Month(2025, 4)).flagged == ()
    rows = {}
    for m in (3, 4):
        report = monitoring_report(ds, Month(2025, m), _city_only(), audience=CITY_OFFICE)
        (row,) = (r for r in report.contacts if r.county == JIA)
        rows[m] = (row.active_points, row.reached, row.wrong_office_count, row.not_liaison_count)
    assert rows == {3: (1, 1, 0, 0), 4: (0, 0, 0, 0)}
    # Inside the interval the check stands: 李四 on 03-12 is flagged.
    inside = Contact("C-in", P, date(2025, 3, 12), ContactMethod.PHONE, JIA, True, made_by="李四")
    ds = attrs.evolve(ds, contacts=(*ds.contacts, inside))
    assert [f.contact for f in liaison_check(ds, Month(2025, 3)).flagged] == ["C-in"]


# --- H13: a county's own deadline on a make-up Sunday of 2024 ---------------------------------


def test_h13_qingshans_january_2024_report_due_on_the_make_up_sunday():
    """青山县 (379921, plugin softenv-county-qingshan, in force from 2024-01-01): due the 3rd,
    moved to the next working day. January 2024: 02-03 is a Saturday (rest); Sun 02-04 is a
    make-up working day (春节 调休): due Sun 02-04 23:59:59 — the city's (the 5th) would be Mon
    02-05. DESIGN: a county's own, stricter deadline replaces the city's for its months. Sent Mon
    02-05 09:00: late by 02-05 = 1: 50 (on time under the city's). 甲区 (the city's deadline)
    sending the same moment: on time."""
    qingshan = get_plugin_manager(autoload=False, plugins=[("qingshan", softenv_county_qingshan)])
    ds = small_dataset(2024)
    sent = beijing(2024, 2, 5, 9)
    jan = Month(2024, 1)
    ids = {f"R-{YI}-{jan}", f"R-{JIA}-{jan}"}
    reports = (
        *(r for r in ds.reports if r.id not in ids),
        monthly_report(YI, jan, sent),
        monthly_report(JIA, jan, sent),
    )
    a = assess(attrs.evolve(ds, reports=reports), 2024, qingshan, audience=CITY_OFFICE)
    months = {(c.code, m.month): m for c in a.counties for m in c.months}
    yi, jia = months[(YI, jan)], months[(JIA, jan)]
    assert (yi.due_at, yi.status.value, yi.late_workdays, str(yi.score)) == (
        beijing(2024, 2, 4, 23, 59, 59),
        "late",
        1,
        "50.00",
    )
    assert (jia.due_at, jia.status.value) == (beijing(2024, 2, 5, 23, 59, 59), "on_time")


# --- H14: the roster after the adjustment is the window's last day's ---------------------------


def _commerce_added(effective: date):
    """甲区 has no 商业 point on 2025-12-31 (two 工业); 甲区 adds P-NEW (商业) from ``effective``,
    filed with the city on 2025-12-20."""
    ds = small_dataset(2025)
    new = make_point("P-NEW", JIA, 200, sector=Sector.COMMERCE, designated_from=effective)
    change = RosterChange("RC1", "P-NEW", ChangeAction.ADD, ChangeReason.DESIGNATION, effective, Designator.COUNTY, JIA)
    filing = Filing("F1", JIA, date(2025, 12, 20), ("RC1",))
    return attrs.evolve(ds, points=(*ds.points, new), roster_changes=(change,), filings=(filing,))


def test_h14_an_addition_inside_januarys_window_is_part_of_the_adjustment():
    """Seed 三(五) 一年一调整; DESIGN "Annual adjustment": after adjustment, report
    representativeness gaps. The city decision adjustment.window puts the adjustment after 2025 in
    2026-01-01..01-31. P-NEW (商业, 甲区) added from 2026-01-15, filed 2025-12-20: known at the
    year end's default instant (filed), inside the window: it is part of the adjustment. After it
    甲区 lacks 服务业 only (2 工业 + 1 商业), as auditor a31 found for an addition from 01-01: the
    additions propose 服务业, not 商业 again. The library read 调整后 on 1 January: 商业 and 服务业
    missing, 商业 proposed for the gap the adjustment fills. An addition from 2026-02-01 is after
    the window: not part of it (商业 still missing)."""
    for effective in (date(2026, 1, 1), date(2026, 1, 15)):
        y = year_end(_commerce_added(effective), 2025, _city_only(), audience=CITY_OFFICE)
        assert y.roster_after.on == date(2026, 1, 31)
        assert [g.missing for g in y.roster_after.gaps if g.scope == JIA] == ["services"], effective
        assert sorted(a.wanted for a in y.additions if a.source == "representativeness" and a.scope == JIA) == [
            "services"
        ]
    y = year_end(_commerce_added(date(2026, 2, 1)), 2025, _city_only(), audience=CITY_OFFICE)
    assert [g.missing for g in y.roster_after.gaps if g.scope == JIA] == ["commerce", "services"]
    params = baseline_parameters()
    wanted = sorted(
        a.wanted for a in propose_additions(_commerce_added(date(2026, 1, 15)), 2025, params) if a.scope == JIA
    )
    assert wanted == ["services"]


# --- H15: a 举报 across 国庆 2024, its extension, and the follow-up ----------------------------


def _report_2024(*later: ComplaintEvent) -> Complaint:
    """A 举报 received, accepted and assigned Mon 2024-09-23, signed the same day by 市市场监管局."""

    def ev(kind: EventType, hour: int, **more) -> ComplaintEvent:
        actor = "市市场监管局" if kind is EventType.SIGNED else "市软建办"
        return ComplaintEvent(kind, beijing(2024, 9, 23, hour), actor, **more)

    events = (
        ev(EventType.RECEIVED, 9),
        ev(EventType.ACCEPTED, 10),
        ev(EventType.ASSIGNED, 11, unit="city-amr"),
        ev(EventType.SIGNED, 15),
        *later,
    )
    return Complaint("J1", ComplaintKind.REPORT, P, "city-amr", ItemCategory.ENFORCEMENT, "举报", False, events)


def _status_2024(c: Complaint, at):
    ds = attrs.evolve(small_dataset(2024), complaints=(c,))
    cal = WorkCalendar()
    return complaint_status(c, at, sla_for(_city_only(), ds, c, cal, baseline_parameters()), cal)


def test_h15_a_report_across_national_day_2024_extended_in_time():
    """complaint.resolve_workdays 举报 15, from the Beijing day it was signed (Mon 09-23): 09-24,
    25, 26, 27, Sun 09-29 (调休上班), 09-30, (国庆 10-01..10-07) 10-08, 09, 10, 11, Sat 10-12
    (调休上班), 10-14, 15, 16, 17 → due Thu 2024-10-17 23:59:59 (a Monday–Friday count gives
    10-21). An extension of 5 approved 10-17 17:00, before the due moment (≤ 15): 10-18, 21, 22,
    23, 24 → 10-24. Resolved 10-24 18:00: on time. 回访 within 2 (complaint.follow_up_workdays):
    10-25, 10-28 → due Mon 10-28; followed up 10-29 09:00: late; at 10-28 12:00 still open and
    not overdue."""
    s = _status_2024(_report_2024(), beijing(2024, 10, 10, 12))
    assert (s.open_step, s.due_at) == ("resolve", beijing(2024, 10, 17, 23, 59, 59))
    extended = ComplaintEvent(EventType.EXTENDED, beijing(2024, 10, 17, 17), "市软建办", extension_days=5)
    resolved = ComplaintEvent(
        EventType.RESOLVED, beijing(2024, 10, 24, 18), "市市场监管局", verdict=Verdict.SUBSTANTIATED
    )
    s = _status_2024(_report_2024(extended), beijing(2024, 10, 20, 12))
    assert (s.due_at, s.overdue_workdays, s.supervision_due) == (beijing(2024, 10, 24, 23, 59, 59), 0, False)
    s = _status_2024(_report_2024(extended, resolved), beijing(2024, 10, 28, 12))
    (resolve,) = (st for st in s.steps if st.name == "resolve")
    assert (resolve.due_at, resolve.on_time, resolve.extended_by) == (beijing(2024, 10, 24, 23, 59, 59), True, 5)
    assert (s.open_step, s.due_at, s.overdue_workdays) == ("follow_up", beijing(2024, 10, 28, 23, 59, 59), 0)
    followed = ComplaintEvent(
        EventType.FOLLOWED_UP, beijing(2024, 10, 29, 9), "市软建办", satisfaction=Satisfaction.SATISFIED
    )
    s = _status_2024(_report_2024(extended, resolved, followed), beijing(2024, 10, 30, 12))
    (follow,) = (st for st in s.steps if st.name == "follow_up")
    assert (follow.due_at, follow.on_time) == (beijing(2024, 10, 28, 23, 59, 59), False)
