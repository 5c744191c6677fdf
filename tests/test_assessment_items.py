"""Issue 14 ("never silently wrong"), item by item: each expected value is computed by hand
from DESIGN.md "City baseline" in the comment beside it."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from softenv_core import CITY_OFFICE, InputError, Month, Waiver, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.commendation import check_commendation
from softenv_core.cli.main import main
from softenv_core.engine.ruletypes import Band, MonthState
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Verdict
from softenv_core.model.divisions import Department
from softenv_core.model.periods import BEIJING, HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Nomination, RosterChange
from softenv_core.testing import beijing, make_complaint, monthly_report, small_dataset

JIA, YI = "379902", "379921"
SMALL = str(Path(__file__).parents[1] / "examples" / "small-dataset.json")
P = "P-379902-2"  # 甲区's county point (second in the dataset's points)


def _pm(*plugins):
    return get_plugin_manager(autoload=False, plugins=list(plugins))


def _item(point, rule_id):
    (found,) = [i for i in point.items if i.rule.id == rule_id]
    return found


def _removal(effective, point=P, reason=ChangeReason.OWN_WISH, cid="RC1"):
    return RosterChange(cid, point, ChangeAction.REMOVE, reason, effective, Designator.COUNTY, JIA)


def test_a_point_short_of_the_whole_year_by_one_day_is_told_its_interval_not_a_month_count():
    """Designated from 2 January: every month is owed (12 active months), yet not the whole year."""
    ds = small_dataset(2025)
    point = next(p for p in ds.points if p.id == P)
    ds = attrs.evolve(
        ds, points=tuple(attrs.evolve(p, designated_from=date(2025, 1, 2)) if p.id == P else p for p in ds.points)
    )
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE).point(P)
    whole_year = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
    assert len(p.active_months) == 12 and point.designated_from < date(2025, 1, 2)
    assert (
        not whole_year.passed and "在册 2025-01-02 至" in whole_year.reason and "未覆盖2025年全年" in whole_year.reason
    )


# --- 1. Roster changes reach the assessment -------------------------------------------------


def test_item1_a_removal_effective_07_01_ends_the_designation_on_06_30():
    ds = attrs.evolve(small_dataset(2025), roster_changes=(_removal(date(2025, 7, 1)),))
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    p = a.point(P)
    # Designated 2020-01-01 .. 2025-06-30: owes January–June (6 months). Reached in all 6:
    # 30 × 6/6 = 30; feedback in 6 months, full at 6 × 6/12 = 3 → 30; no rounds → 20;
    # no false complaint → 20. Total 100, but not nominable: not active all year.
    assert p.active_months == tuple(Month(2025, m) for m in range(1, 7))
    assert [i.points for i in p.items] == [Decimal(20), Decimal(30), Decimal(30), Decimal(20)]
    assert len(_item(p, "city.duty.contact").evidence) == 6  # the July–December contacts do not count
    whole_year = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
    assert not p.nominable and not whole_year.passed and "至 2025-06-30，未覆盖2025年全年" in whole_year.reason


def test_item1_a_record_and_a_roster_change_that_disagree_are_an_input_error_naming_both():
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 9, 30)) if p.id == P else p for p in ds.points)
    ds = attrs.evolve(ds, points=points, roster_changes=(_removal(date(2025, 7, 1)),))
    with pytest.raises(InputError) as info:
        assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    (problem,) = info.value.problems
    # The removal effective 07-01 ends the designation on 06-30; the record says 09-30.
    # Refused by validation, as a file would be: the path with the point's id after its position.
    assert "$.points[1] (P-379902-2).designated_until" in problem and "$.roster_changes[0].effective (RC1)" in problem
    assert "2025-09-30" in problem and "2025-06-30" in problem


# --- 3. The first policy year; 3a. an explicit instant ---------------------------------------


def test_item3_the_first_policy_year_is_assessed_with_january_2022_not_in_force():
    a = assess(small_dataset(2022), 2022, _pm(), audience=CITY_OFFICE)
    county = a.county(JIA)
    # January 2022's deadline would be read on 2022-02-01, before the baseline (2022-03-01):
    # not in force. February's is read on 2022-03-01: due 2022-03-05 (Saturday) → Monday 03-07.
    jan, feb = county.months[0], county.months[1]
    assert (jan.status, jan.due_at, jan.score) == (MonthState.NOT_IN_FORCE, None, Decimal(0))
    assert feb.status is MonthState.ON_TIME and feb.due_at.isoformat() == "2022-03-07T23:59:59+08:00"
    # 11 owed months, all on time: (11 × 100) / 11 = 100.
    assert county.compliance == Decimal(100) and county.compliance_reason.endswith(") / 11")
    assert county.topten_eligible
    # Points' duties are read in the month: January and February 2022 precede the baseline.
    assert a.point(P).active_months == tuple(Month(2022, m) for m in range(3, 13))


def test_item3_the_cli_refuses_a_deadline_before_the_baseline_with_that_reason(capsys):
    assert main(["deadline", "--month", "2019-01"]) == 1
    assert "不在基线施行期内" in capsys.readouterr().err
    assert main(["deadline", "--month", "2019-01", "--lang", "en"]) == 1
    assert "not in force" in capsys.readouterr().err


def test_item3a_the_default_instant_is_the_moment_after_the_last_deadline():
    a = assess(small_dataset(2025), 2025, _pm(), audience=CITY_OFFICE)
    # December 2025's report is due 2026-01-05 (a Monday, a working day) at 23:59:59.
    assert a.as_of == datetime(2026, 1, 6, tzinfo=BEIJING)


def test_item3a_months_not_yet_due_at_as_of_are_pending_and_count_neither_way():
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if not (r.county == YI and r.month == Month(2025, 6))))
    a = assess(ds, 2025, _pm(), as_of=datetime(2025, 7, 1, tzinfo=BEIJING), audience=CITY_OFFICE)
    yi = a.county(YI)
    # At 07-01 00:00, January–May are due (May's on 06-05); June's is due 07-07: pending,
    # and so are July–December. Compliance over 5 owed months: (5 × 100) / 5 = 100.
    assert [m.status for m in yi.months[4:7]] == [MonthState.ON_TIME, MonthState.PENDING, MonthState.PENDING]
    assert yi.compliance == Decimal(100) and yi.compliance_reason == "(100 + 100 + 100 + 100 + 100) / 5"
    # The June report is not yet due: not 未报; with June–December unknown, 十佳 is not yet
    # decidable (city.topten.on_time not passed for the pending months alone, auditor a21).
    (failing,) = yi.failing_conditions
    assert failing.reason == "2025-06—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"
    # Points: January–June are over at 07-01 00:00; July onwards is still running.
    assert a.point(P).active_months == tuple(Month(2025, m) for m in range(1, 7))


# --- 4. Owed months and contacts inside the interval ----------------------------------------


def test_item4_a_point_designated_on_03_31_does_not_owe_march_and_outside_contacts_do_not_count():
    ds = small_dataset(2025)
    point = attrs.evolve(
        next(p for p in ds.points if p.id == P), designated_from=date(2025, 3, 31), designated_until=date(2025, 10, 31)
    )
    item = (Item(ItemCategory.OPERATIONS, "生产经营平稳"),)
    contacts = [c for c in ds.contacts if c.point != P] + [
        Contact(f"C{m}", P, date(2025, m, 10), ContactMethod.PHONE, point.liaison, True, item) for m in range(1, 13)
    ]
    ds = attrs.evolve(ds, points=tuple(point if p.id == P else p for p in ds.points), contacts=tuple(contacts))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE).point(P)
    # March 2025: designated on the 31st only, 1 working day < 5: not owed. April–October owed
    # (7 months). Contacts on Jan/Feb/Mar 10 (before) and Nov/Dec 10 (after) do not count:
    # contact 30 × 7/7 = 30 on the 7 contacts of April–October.
    assert p.active_months == tuple(Month(2025, m) for m in range(4, 11))
    contact = _item(p, "city.duty.contact")
    assert contact.points == Decimal(30) and contact.evidence == tuple(f"C{m}" for m in range(4, 11))


def test_item4_five_working_days_owe_the_month_four_do_not():
    ds = small_dataset(2025)
    base = next(p for p in ds.points if p.id == P)

    def owed(until):
        point = attrs.evolve(base, designated_until=until)
        a = assess(
            attrs.evolve(ds, points=tuple(point if p.id == P else p for p in ds.points)),
            2025,
            _pm(),
            audience=CITY_OFFICE,
        )
        return Month(2025, 11) in a.point(P).active_months

    # November 2025: the 1st and 2nd are a weekend; 3–7 are 5 working days, 3–6 are 4.
    assert owed(date(2025, 11, 7)) and not owed(date(2025, 11, 6))


# --- 5. A county owes only its months -------------------------------------------------------


def test_item5_a_county_created_07_01_owes_july_to_december_only():
    ds = small_dataset(2025)
    counties = tuple(attrs.evolve(c, effective_from=date(2025, 7, 1)) if c.code == YI else c for c in ds.counties)
    reports = tuple(r for r in ds.reports if not (r.county == YI and r.month.month < 7))
    # Its points are designated from its creation: none can be in it before (validation).
    july = date(2025, 7, 1)
    points = tuple(attrs.evolve(p, designated_from=july) if p.county == YI else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if not (c.point.startswith(f"P-{YI}") and c.date < july))
    ds = attrs.evolve(ds, counties=counties, reports=reports, points=points, contacts=contacts)
    yi = assess(ds, 2025, _pm(), audience=CITY_OFFICE).county(YI)
    # January–June: not owed (no deadline, no score); July–December on time: 600 / 6 = 100, 先进 possible.
    assert [m.status for m in yi.months[:6]] == [MonthState.NOT_OWED] * 6
    assert yi.compliance == Decimal(100) and yi.compliance_reason.endswith(") / 6")
    assert yi.topten_eligible


# --- 6. Rounds owed by their window ---------------------------------------------------------


def test_item6_a_point_designated_after_a_round_closed_is_not_expected_to_take_part():
    ds = small_dataset(2025)
    late = attrs.evolve(next(p for p in ds.points if p.id == P), designated_from=date(2025, 12, 16))
    round_ = AppraisalRound("A2025H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 15))
    ds = attrs.evolve(ds, points=tuple(late if p.id == P else p for p in ds.points), appraisal_rounds=(round_,))
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    # The round's window 12-01..12-15 ends before the designation (12-16): not owed, so the
    # appraisal item is full (20), not 20 × 0/1. A point designated all year owed it: 20 × 0/1 = 0.
    assert a.point(P).active_months == (Month(2025, 12),)  # 12 working days of December
    assert _item(a.point(P), "city.duty.appraisal").points == Decimal(20)
    assert _item(a.point("P-379902-1"), "city.duty.appraisal").points == Decimal(0)


# --- 7. Ties share the 末位 flag --------------------------------------------------------------


def test_item7_departments_tied_on_a_rank_share_the_bottom_flag():
    ds = small_dataset(2025)
    round_ = AppraisalRound("A1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
    depts = tuple(Department(f"d{k}", f"部门{k}") for k in "abcde")
    # 30 ratings each (the minimum), by other enterprises (a rater that is not a point: the
    # dataset stays valid); score = 满意 / 30 × 100 with one rater group:
    # a 30 → 100, b 27 → 90, c 27 → 90, d 24 → 80, e 21 → 70. Ranks 1, 2, 2, 4, 5. The bottom 3
    # places are positions 3–5 (c, d, e); b shares c's rank, so b, c, d, e are flagged.
    satisfied = {"da": 30, "db": 27, "dc": 27, "dd": 24, "de": 21}
    ratings = tuple(
        Rating(
            "A1",
            f"R{k}",
            RaterGroup.ENTERPRISE,
            d,
            RatingLevel.SATISFIED if k < n else RatingLevel.UNSATISFIED,
        )
        for d, n in satisfied.items()
        for k in range(30)
    )
    ds = attrs.evolve(ds, departments=ds.departments + depts, appraisal_rounds=(round_,), ratings=ratings)
    result = appraise(ds, "A1", baseline_parameters(), audience=CITY_OFFICE)
    by = {s.department: s for s in result.departments}
    assert [by[d].rank for d in satisfied] == [1, 2, 2, 4, 5]
    assert [by[d].bottom for d in satisfied] == [False, True, True, True, True]


# --- 9. Amendments count for content --------------------------------------------------------


def test_item9_the_latest_amendment_counts_for_content_the_first_submission_for_time():
    ds = small_dataset(2025)
    first = monthly_report(JIA, Month(2025, 3), beijing(2025, 4, 2, 9), items=(Item(ItemCategory.POLICY, "政策"),))
    amended = attrs.evolve(first, amendments=(Amendment(beijing(2025, 4, 20), "经办人", nothing_to_report=True),))
    reports = tuple(amended if (r.county, r.month) == (JIA, Month(2025, 3)) else r for r in ds.reports)
    march = assess(attrs.evolve(ds, reports=reports), 2025, _pm(), audience=CITY_OFFICE).county(JIA).months[2]
    # First submitted 04-02 (due 04-07): on time, 100; the amendment of 04-20 says nothing to report.
    assert (march.status, march.score, march.submitted_at) == (MonthState.ON_TIME, Decimal(100), beijing(2025, 4, 2, 9))
    assert march.zero_report


# --- 11. Lateness compares instants; the county's own deadline judges its months ---------------


def _march_2025(submitted_at):
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month == Month(2025, 3)))
    ds = attrs.evolve(ds, reports=(*reports, monthly_report(JIA, Month(2025, 3), submitted_at)))
    return assess(ds, 2025, _pm(("early", _early_plugin())), audience=CITY_OFFICE).county(JIA)


def _early_plugin():
    from softenv_core import hookimpl, monthly_deadline

    class Early:
        @hookimpl
        def softenv_plugin_info(self):
            from softenv_core import PluginInfo

            return PluginInfo(county=JIA, title="17时截止", reference="测试")

        @hookimpl
        def softenv_report_deadline(self, county, month, calendar, params):
            d = monthly_deadline(calendar, month, 3, rule_id="early.deadline", reference="测试")
            return attrs.evolve(d, due_at=d.due_at.replace(hour=17, minute=0, second=0))

    return Early()


def test_item11_a_county_deadline_at_17_00_makes_20_00_the_same_day_late_by_zero_working_days():
    county = _march_2025(beijing(2025, 4, 3, 20))
    march = county.months[2]
    # Due 2025-04-03 (Thursday) 17:00; submitted 20:00 the same day: late. Working days after
    # 04-03 up to and including 04-03: none, so N = 0 ≤ 3 → 50. The city's deadline (04-07)
    # would have found it on time; the county's own deadline judges compliance and 十佳 alike.
    assert march.deadline.rule_id == "early.deadline"
    assert (march.status, march.late_workdays, march.score) == (MonthState.LATE, 0, Decimal(50))
    assert not county.topten_eligible and "2025-03 迟报0个工作日" in county.failing_conditions[0].reason


def test_item11_late_by_counts_working_days_after_the_due_date_up_to_the_submission_date():
    march = _march_2025(beijing(2025, 4, 8, 9)).months[2]
    # After 04-03: 04-04 清明 (holiday), 04-05 Sat, 04-06 Sun, 04-07 Mon ✓, 04-08 Tue ✓ → N = 2 → 50.
    assert (march.status, march.late_workdays, march.score) == (MonthState.LATE, 2, Decimal(50))


# --- 12. The low ones -----------------------------------------------------------------------


def test_item12_three_unreached_months_across_the_year_boundary_propose_removal():
    ds = small_dataset(2025)
    contacts = tuple(
        attrs.evolve(c, reached=False, items=()) if (c.point == P and c.date == date(2025, 1, 10)) else c
        for c in ds.contacts
    )
    # 2024-11 and 2024-12 are recorded: P's office tried and did not reach it, the others were
    # reached. (Months the dataset holds no contact for are unknown, not unreached: audit
    # finding 09; this test used to rely on the absence of 2024 contacts.)
    before = tuple(
        Contact(f"C24-{p.id}-{m}", p.id, date(2024, m, 10), ContactMethod.PHONE, p.liaison, p.id != P)
        for p in ds.points
        for m in (11, 12)
    )
    ds = attrs.evolve(ds, contacts=before + contacts)
    proposals = propose_adjustments(
        ds, assess(ds, 2025, _pm(), audience=CITY_OFFICE), baseline_parameters(), audience=CITY_OFFICE
    )
    # P is unreached in 2024-11, 2024-12 and 2025-01: a run of 3 = roster.unreached_months →
    # proposed. The others were reached every month.
    assert [(p.point, p.reasons) for p in proposals] == [(P, ("unreachable",))]
    assert "2024-11—2025-01" in proposals[0].explanation[0]


def test_item12_a_department_suggestion_removal_becomes_a_proposal():
    change = _removal(date(2026, 1, 1), reason=ChangeReason.DEPARTMENT_SUGGESTION)
    ds = attrs.evolve(small_dataset(2025), roster_changes=(change,))
    proposals = propose_adjustments(
        ds, assess(ds, 2025, _pm(), audience=CITY_OFFICE), baseline_parameters(), audience=CITY_OFFICE
    )
    assert [(p.point, p.reasons, p.evidence) for p in proposals] == [(P, ("department_suggestion",), ("RC1",))]


def test_item12_a_duplicate_nomination_is_an_error_not_two_quota_places():
    ds = small_dataset(2025)
    noms = (Nomination("N1", 2025, JIA, P), Nomination("N2", 2025, JIA, P))
    ds = attrs.evolve(ds, nominations=noms)
    with pytest.raises(InputError) as info:
        check_commendation(
            ds, assess(ds, 2025, _pm(), audience=CITY_OFFICE), baseline_parameters(), audience=CITY_OFFICE
        )
    # Refused when the dataset is checked (assess's validation, before the analysis: clerk c60 01).
    assert info.value.problems == (
        f"$.nominations[1] (N2).point: {P} is nominated again by county {JIA} for 2025 "
        "(already by $.nominations[0] (N1)): a county nominates a point once a year",
    )
    # Given the assessment of the dataset without them (nominations are not in its provenance),
    # the analysis checks the dataset itself: one source of the rule.
    clean = attrs.evolve(ds, nominations=noms[:1])
    with pytest.raises(InputError, match=r"is nominated again"):
        check_commendation(
            ds, assess(clean, 2025, _pm(), audience=CITY_OFFICE), baseline_parameters(), audience=CITY_OFFICE
        )


def test_item12_a_waiver_not_decided_by_the_city_excuses_nothing():
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month == Month(2025, 3)))
    waiver = Waiver("W1", JIA, Month(2025, 3), "区里同意", date(2025, 4, 10), decided_by="甲区经贸委")
    a = assess(attrs.evolve(ds, reports=reports, waivers=(waiver,)), 2025, _pm(), audience=CITY_OFFICE)
    # March missing; the waiver was decided by the county, not one of topten.waiver_deciders.
    assert a.county(JIA).months[2].waiver is None and not a.county(JIA).topten_eligible
    assert any("W1" in n and "not the city" in n for n in a.notices)
    city = attrs.evolve(waiver, decided_by="市经贸委")
    assert (
        assess(attrs.evolve(ds, reports=reports, waivers=(city,)), 2025, _pm(), audience=CITY_OFFICE)
        .county(JIA)
        .topten_eligible
    )


def _complaint(verdict):
    return make_complaint("Q1", P, beijing(2025, 3, 10), verdict=verdict)  # resolved on the 3rd day


@pytest.mark.parametrize(
    ("verdict", "feedback", "supervision", "total"),
    [
        # Found true: one month with feedback, full at 6 → 30 × 1/6 = 5; supervision 20;
        # total 30 + 5 + 20 + 20 = 75 (合格).
        (Verdict.SUBSTANTIATED, Decimal(5), Decimal(20), Decimal(75)),
        # Found false: no feedback credit → 0; supervision 20 − 10 × 1 = 10; total 30 + 0 + 20 + 10 = 60.
        (Verdict.FALSE, Decimal(0), Decimal(10), Decimal(60)),
        (Verdict.MALICIOUS, Decimal(0), Decimal(10), Decimal(60)),
    ],
)
def test_item12_false_or_malicious_complaints_earn_no_feedback_credit(verdict, feedback, supervision, total):
    ds = small_dataset(2025)
    contacts = tuple(attrs.evolve(c, items=()) if c.point == P else c for c in ds.contacts)
    ds = attrs.evolve(ds, contacts=contacts, complaints=(_complaint(verdict),))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE).point(P)
    assert _item(p, "city.duty.feedback").points == feedback
    assert _item(p, "city.duty.supervision").points == supervision
    assert (p.total, p.band) == (total, Band.PASS)


def test_item3a_the_cli_takes_as_of_and_refuses_an_instant_without_offset(capsys):
    # At 2025-07-01 00:00 Beijing, June's report (due 07-07) and the later ones are pending.
    assert (
        main(
            [
                "assess",
                SMALL,
                "--year",
                "2025",
                "--as-of",
                "2025-07-01T00:00:00+08:00",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert '"pending"' in capsys.readouterr().out
    assert main(["assess", SMALL, "--year", "2025", "--as-of", "2025-07-01", "--lang", "en"]) == 1
    assert "no UTC offset" in capsys.readouterr().err
