"""Auditor a37: county deadlines around holidays, amendments, waivers, a county abolished
mid-year, 万人评议 rounds and their explanation, each computed by hand from the policy (DESIGN
"Monthly report deadline", "Zero report", "Who owes what, when", "万人评议"; docs/rules.md,
docs/yearend.md) on ``small_dataset(2025)`` (甲区 379902, 乙县 379921, 丙市 379981; two points
each; every report on time). 乙县 runs the 青山 plugin here (its own deadline: the 3rd, 顺延).

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

import softenv_county_qingshan
from softenv_core import CITY_OFFICE, appraise, assess, year_end
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.divisions import County, CountyKind, Department
from softenv_core.model.periods import HalfYear, Month
from softenv_core.model.points import Designator
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange, Waiver
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, monthly_contacts, on_time_reports, small_dataset

JIA, YI, BING = "379902", "379921", "379981"
S, B, U, K = RatingLevel.SATISFIED, RatingLevel.BASICALLY, RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN


@pytest.fixture(scope="module")
def qingshan():
    return get_plugin_manager(autoload=False, plugins=[("qingshan", softenv_county_qingshan)])


def _submitted(ds, county, month, when, **more):
    reports = tuple(
        attrs.evolve(r, submitted_at=when, **more) if (r.county, r.month) == (county, month) else r for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports)


def _month(a, county, month):
    c = next(c for c in a.counties if c.code == county)
    m = next(m for m in c.months if m.month == month)
    return c, m


# --- 1. deadlines around holidays, the city's and a county's --------------------------------


def test_the_deadlines_of_2025_by_hand(qingshan):
    # City: the 5th, 顺延. 04-05 Sat (清明 04-04—06) → 04-07; 05-05 劳动节 (05-01—05) → 05-06;
    # 07-05 Sat → 07-07; 10-05 国庆 (10-01—08) → 10-09; 2026-01-05 Mon.
    # 乙县 (青山): the 3rd, 顺延. 03-03 Mon; 05-03 → 05-06; 08-03 Sun → 08-04; 10-03 → 10-09;
    # 2026-01-03 Sat (元旦 01-01—03) → 01-04, a Sunday worked (调休补班).
    a = assess(small_dataset(2025), 2025, qingshan, audience=CITY_OFFICE)
    want = {
        JIA: {3: "04-07", 4: "05-06", 6: "07-07", 9: "10-09", 12: "01-05"},
        YI: {2: "03-03", 4: "05-06", 7: "08-04", 9: "10-09", 12: "01-04"},
    }
    for county, months in want.items():
        for m, day in months.items():
            _, st = _month(a, county, Month(2025, m))
            assert st.due_at.strftime("%m-%d %H:%M:%S") == f"{day} 23:59:59", (county, m)


@pytest.mark.parametrize(
    ("when", "state", "late", "score"),
    [
        (beijing(2025, 10, 9, 23, 59, 59), "on_time", 0, Decimal(100)),
        (beijing(2025, 10, 10, 0, 0, 0), "late", 1, Decimal(50)),  # 10-10 Fri: 1 working day
        (datetime(2025, 10, 9, 15, 59, 59, tzinfo=UTC), "on_time", 0, Decimal(100)),  # 23:59:59 Beijing
        (datetime(2025, 10, 9, 16, 0, 0, tzinfo=UTC), "late", 1, Decimal(50)),  # 00:00 Beijing
        (beijing(2025, 10, 14, 9), "late", 4, Decimal(0)),  # 10-10, 10-11 (补班), 10-13, 10-14: > 3
    ],
)
def test_september_at_the_second_of_its_deadline_in_beijing_and_utc(when, state, late, score):
    a = assess(_submitted(small_dataset(2025), JIA, Month(2025, 9), when), 2025, audience=CITY_OFFICE)
    _, m = _month(a, JIA, Month(2025, 9))
    assert (m.status.value, m.late_workdays, m.score) == (state, late, score)


def test_a_county_deadline_on_a_sunday_make_up_day(qingshan):
    # 乙县's December 2025 report is due 2026-01-04 23:59:59 (a Sunday worked): 01-05 00:00 is
    # late by one working day (01-05), 50; the city's deadline would have been 01-05.
    d = Month(2025, 12)
    on_time = _submitted(small_dataset(2025), YI, d, beijing(2026, 1, 4, 23, 59, 59))
    late = _submitted(small_dataset(2025), YI, d, beijing(2026, 1, 5, 0, 0, 0))
    assert _month(assess(on_time, 2025, qingshan, audience=CITY_OFFICE), YI, d)[1].status.value == "on_time"
    c, m = _month(assess(late, 2025, qingshan, audience=CITY_OFFICE), YI, d)
    assert (m.status.value, m.late_workdays, m.score) == ("late", 1, Decimal(50))
    assert (c.compliance, c.topten_eligible) == (Decimal("95.83"), False)  # (11 × 100 + 50) / 12


# --- 2. amendments, zero reports, waivers -----------------------------------------------------


def test_an_amendment_after_the_deadline_neither_makes_the_month_late_nor_keeps_it_zero():
    amended = Amendment(beijing(2025, 10, 20), "经办人", (Item(ItemCategory.SERVICE, "办事难"),))
    ds = _submitted(small_dataset(2025), JIA, Month(2025, 9), beijing(2025, 10, 9, 9), amendments=(amended,))
    _, m = _month(assess(ds, 2025, audience=CITY_OFFICE), JIA, Month(2025, 9))
    assert (m.status.value, m.score, m.zero_report) == ("on_time", Decimal(100), False)
    # As of 10-15 the amendment is not known: the report still says 零报告.
    _, m = _month(assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2025, 10, 15)), JIA, Month(2025, 9))
    assert (m.status.value, m.zero_report) == ("on_time", True)


@pytest.mark.parametrize(
    ("decided", "waived"),
    [(date(2025, 10, 8), True), (date(2025, 10, 20), True), (date(2026, 1, 6), True), (date(2026, 1, 10), False)],
)
def test_a_waiver_before_or_after_the_deadline(decided, waived):
    # No September report. Waived or not, the month scores 0: (11 × 100 + 0) / 12 = 91.67; the
    # waiver excuses it for 十佳 once decided by the instant's day (2026-01-06, the default).
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if (r.county, r.month) != (JIA, Month(2025, 9))))
    ds = attrs.evolve(ds, waivers=(Waiver("W1", JIA, Month(2025, 9), "台风", decided),))
    c, m = _month(assess(ds, 2025, audience=CITY_OFFICE), JIA, Month(2025, 9))
    assert (m.status.value, m.score, c.compliance) == ("waived" if waived else "missing", 0, Decimal("91.67"))
    assert c.topten_eligible is waived


# --- 3. a county abolished mid-year, its points moved to a new one ---------------------------


def _abolished(end: date):
    """丙市 abolished after ``end``; 示范区 379903 created the next day; its two points moved."""
    nxt = end + timedelta(days=1)
    ds = small_dataset(2025)
    counties = (
        *(attrs.evolve(c, effective_until=end) if c.code == BING else c for c in ds.counties),
        County("379903", "示范区", CountyKind.DISTRICT, "示范区经贸委", effective_from=nxt),
    )
    points, contacts, changes = [], [], []
    for p in ds.points:
        if p.county != BING:
            points.append(p)
            contacts += [c for c in ds.contacts if c.point == p.id]
            continue
        old = attrs.evolve(p, designated_until=end)
        new = attrs.evolve(p, id="Z" + p.id[-1], county="379903", designated_from=nxt)
        by = Designator.CITY if p.level.value == "city" else Designator.COUNTY
        points += [old, new]
        contacts += monthly_contacts(old, 2025, with_items=True)
        contacts += [
            attrs.evolve(c, liaison="379903" if c.liaison == BING else c.liaison)
            for c in monthly_contacts(new, 2025, with_items=True)
        ]
        changes += [
            RosterChange(f"RC-{old.id}", old.id, ChangeAction.REMOVE, ChangeReason.OTHER, nxt, by, BING),
            RosterChange(f"RC-{new.id}", new.id, ChangeAction.ADD, ChangeReason.OTHER, nxt, by, "379903"),
        ]
    reports = [r for r in ds.reports if r.county != BING or r.month.first_day <= end]
    reports += [r for r in on_time_reports("379903", 2025) if r.month.last_day >= nxt]
    # 丙市 files 20 days before its end; 示范区 on its first day, the earliest it can (a filing
    # dated before it existed is refused: auditor a43), in time for changes effective that day.
    filings = tuple(
        Filing(f"F-{code}", code, day, tuple(c.id for c in changes if c.county == code))
        for code, day in ((BING, end - timedelta(days=20)), ("379903", nxt))
    )
    return attrs.evolve(
        ds,
        counties=counties,
        points=tuple(points),
        contacts=tuple(contacts),
        reports=tuple(reports),
        roster_changes=tuple(changes),
        filings=filings,
    )


def test_a_county_abolished_mid_month_and_its_successor_both_owe_that_month():
    # 丙市 exists until 06-15, 示范区 from 06-16: each exists on a day of June, so each owes
    # June's report (DESIGN "A county owes the months it exists"); 丙市 owes Jan—Jun and does
    # not compete for 十佳 (abolished before 31 December), 示范区 owes Jun—Dec and does.
    a = assess(_abolished(date(2025, 6, 15)), 2025, audience=CITY_OFFICE)
    bing = next(c for c in a.counties if c.code == BING)
    new = next(c for c in a.counties if c.code == "379903")
    assert [str(m.month) for m in bing.months if m.status.owed] == [f"2025-{m:02d}" for m in range(1, 7)]
    assert [str(m.month) for m in new.months if m.status.owed] == [f"2025-{m:02d}" for m in range(6, 13)]
    assert (bing.compliance, bing.topten_eligible, new.compliance, new.topten_eligible) == (100, False, 100, True)
    # The moved 县区 point: the old record owes Jan—Jun (06-01—06-15: 9 working days, 06-02 is
    # 端午), the new one Jun—Dec (06-16—06-30: 11 working days); each is scored on its own.
    assert [str(m) for m in a.point("P-379981-2").active_months][-1] == "2025-06"
    assert len(a.point("Z2").active_months) == 7
    assert a.point("Z2").total == 100


def test_the_june_report_of_a_county_abolished_on_06_30_is_its_own_and_due_07_07():
    a = assess(_abolished(date(2025, 6, 30)), 2025, audience=CITY_OFFICE)
    _, m = _month(a, BING, Month(2025, 6))
    # 07-05 is a Saturday: due 07-07, submitted 07-02 (after the abolition): on time.
    assert (m.status.value, m.due_at) == ("on_time", beijing(2025, 7, 7, 23, 59, 59))
    _, m = _month(a, "379903", Month(2025, 6))
    assert m.status.value == "not_owed"


# --- 4. 万人评议 ----------------------------------------------------------------------------


def _appraisal_dataset():
    ds = small_dataset(2025)
    h1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))
    h2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20))
    ratings = []

    def add(dept, group, levels, prefix):
        ratings.extend(Rating("A25H1", f"{prefix}{i}", group, dept, lv) for i, lv in enumerate(levels))

    add("D1", RaterGroup.ENTERPRISE, [S] * 6 + [B] * 4, "E")
    add("D1", RaterGroup.CITIZEN, [S, B, U, U, U], "C")
    add("D1", RaterGroup.DEPUTY, [S] * 10 + [B] * 5 + [U] * 2 + [K] * 4, "Q")
    for dept, n in (("D2", 21), ("D3", 21), ("D4", 18), ("D5", 18)):
        add(dept, RaterGroup.ENTERPRISE, [S] * n + [U] * (30 - n), "E")
    for rnd in ("A25H1", "A25H2"):
        ratings.append(Rating(rnd, "P-379902-1", RaterGroup.POINT, "D1", S))
        ratings.append(Rating(rnd, "P-379981-1", RaterGroup.POINT, "D1", K))
    ratings.append(Rating("A25H1", "P-379902-2", RaterGroup.POINT, "D1", B))
    ratings.append(Rating("A25H1", "P-379921-2", RaterGroup.POINT, "D1", U))
    # P-379921-2 leaves on the enterprise's wish effective 10-01, between the rounds.
    removed = "P-379921-2"
    points = tuple(attrs.evolve(p, designated_until=date(2025, 9, 30)) if p.id == removed else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if not (c.point == removed and c.date > date(2025, 9, 30)))
    change = RosterChange(
        "RC1", removed, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 10, 1), Designator.COUNTY, YI
    )
    return attrs.evolve(
        ds,
        departments=ds.departments + tuple(Department(f"D{i}", f"部门{i}") for i in range(1, 6)),
        appraisal_rounds=(h1, h2),
        ratings=tuple(ratings),
        points=points,
        contacts=contacts,
        roster_changes=(change,),
        filings=(Filing("F1", YI, date(2025, 9, 20), ("RC1",)),),
    )


def test_department_scores_ties_and_bottom_flags_by_hand():
    r = appraise(_appraisal_dataset(), "A25H1", audience=CITY_OFFICE)
    got = {d.department: (d.valid, d.score, d.rank, d.bottom) for d in r.departments}
    # D1: 群众 0.15 × 1.6/5 = 0.048; 人大代表、政协委员 0.15 × 13/17 = 0.1147…; 其他企业 0.2 × 8.4/10
    # = 0.168; 监测点企业 (S, B, U; 不了解 not valid) 0.4 × 1.6/3 = 0.2133…; Σ = 0.54404 / 0.90
    # = 0.604488… → 60.45; valid 5 + 17 + 10 + 3 = 35.
    # D2 = D3 = 21/30 = 70.00 (rank 1 both), D4 = D5 = 60.00 (rank 4 both). The last 3 places
    # are D1, D4, D5: flagged; rank 1 never.
    assert got == {
        "D2": (30, Decimal("70.00"), 1, False),
        "D3": (30, Decimal("70.00"), 1, False),
        "D1": (35, Decimal("60.45"), 3, True),
        "D4": (30, Decimal("60.00"), 4, True),
        "D5": (30, Decimal("60.00"), 4, True),
    }
    # Who took part: a point rating only 不了解 took part (it rated as group point).
    assert r.points_taking_part == ("P-379902-1", "P-379902-2", "P-379921-2", "P-379981-1")


def test_a_point_rating_one_round_only_and_one_removed_between_rounds():
    a = assess(_appraisal_dataset(), 2025, audience=CITY_OFFICE)
    one = a.point("P-379902-2")  # designated all year, rated A25H1 only: 20 × 1/2 = 10, total 90
    item = next(i for i in one.items if i.rule.id == "city.duty.appraisal")
    assert (item.points, one.total, one.band.value) == (Decimal(10), Decimal(90), "excellent")
    assert not next(c for c in one.nomination_conditions if c.rule.id == "city.nominate.both_rounds").passed
    gone = a.point("P-379921-2")  # removed effective 10-01: owes A25H1 only, took part: 20 × 1/1
    item = next(i for i in gone.items if i.rule.id == "city.duty.appraisal")
    assert (item.points, item.reason) == (Decimal(20), "应参加万人评议1轮，参加1轮：20 × 1/1")


def test_a_department_score_names_each_rater_group_in_its_formula():
    # 群众 and 人大代表、政协委员 both weigh 0.15: without the group's name two terms read alike.
    d1 = appraise(_appraisal_dataset(), "A25H1", audience=CITY_OFFICE).department("D1")
    assert d1.reason == (
        "100 × [群众 0.15×(1+0.6×1)/5 + 人大代表、政协委员 0.15×(10+0.6×5)/17"
        " + 其他企业 0.2×(6+0.6×4)/10 + 监测点企业 0.4×(1+0.6×1)/3] / 0.90"
    )


def test_the_year_end_document_says_how_each_score_was_worked_out():
    # The table gave 60.45 and 末位 with nothing to recompute them from: the weights, the 基本满意
    # credit, min_valid and bottom_n, and each department's formula, now follow it.
    text = render_yearend(year_end(_appraisal_dataset(), 2025, audience=CITY_OFFICE))
    section = text[text.index("### 2025-H1") : text.index("### 2025-H2")]
    assert "评议组权重 监测点企业 0.4，其他企业 0.2，人大代表、政协委员 0.15，群众 0.15，行风监督员 0.1" in section
    assert (
        "×（满意 + 0.6 × 基本满意）/ 有效评价" in section
        and "少于30份的不排名" in section
        and "后3名标记末位" in section
    )
    # Officials read the parameter's title and its Chinese reference, not its identifier.
    assert "- 参数：评议各群体的权重 = 监测点企业 0.4，其他企业 0.2，" in section and "appraisal\\.group" not in section
    assert '"point"' not in section  # the groups by their Chinese names, not the file's keys
    assert "市级实施决定（随每轮评议结果公布）" in section and "city decision" not in section
    assert "- 部门1（60.45）：100 × \\[群众 0.15×(1+0.6×1)/5 + 人大代表、政协委员 0.15×(10+0.6×5)/17" in section
    # A reader outside the city office reads the reason as redacted for it.
    public = render_yearend(year_end(_appraisal_dataset(), 2025, audience="public"))
    assert "- 部门1：有效评议不足，不计分" in public[public.index("### 2025-H2") :]
