"""Auditor a28: membership over time in 2025, computed by hand from the policy alone.

Policy read: DESIGN "Who owes what, when", "County month status", "十佳 baseline", "Point duty
score", "Commendation", "Reading a parameter"; docs/data-format.md "A re-designation (县区 →
市直, or another county)"; docs/rules.md ("Who owes what, when", "Point duty score",
"Nomination conditions", 十佳); docs/monitoring.md section 三. 2025 arrangement: off 01-01,
01-28…02-04, 04-04…04-06, 05-01…05-05, 05-31…06-02, 10-01…10-08; make-up working days Sun
01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11. Baseline: duty 30/30/20/20, feedback full
at 6 months a year pro-rated, a month owed at 5 working days designated, items rounded half up
to cents and the total their sum; compliance 100 / 50 (late ≤ 3 working days) / 0.

The dataset ``data/membership-audit-a28.json`` (built by hand from examples/small-dataset.json):
甲区 379902 and 乙县 379925 all year; 丙区 379903 abolished (effective_until 2025-08-20); 丁区
379904 created 2025-04-25. Contacts are by phone on the 10th unless said, each by the office
named; "item" = one 困难问题 item raised.

- E1 re-designated 县区 → 市直 on 06-16: P-A1 (甲 县区, until 06-15; removal effective 06-16) and
  P-A1C (甲 市直, from 06-16). P-A1: 甲 Jan–Apr (item Jan), 市经贸委 05-10 (item), 甲 06-10
  (item). P-A1C: 市经贸委 06-20 (item), 甲 07-10 (another office's), 市经贸委 Aug–Dec (item Aug).
- E2 moved 乙 → 甲 on 09-26: P-B2 (乙, until 09-25): 乙 Jan–Sep, items Jan–Aug, September not
  reached. P-A2 (甲, from 09-26): 甲 09-29 (item), Oct–Dec (item Oct).
- E3 transferred on 丙's abolition: P-C1 (丙, until 08-20; removal effective 08-21): 丙 Jan–Aug,
  items each month. P-A3 (甲, from 08-21): 甲 08-25 (item), Sep–Dec no item.
- P-B1 (乙, all year): 乙 every month, items each month. P-B3 (乙, removed effective 11-01, so
  until 10-31): 乙 Jan–Oct, no item; a contact of 11-05 (after its removal). P-B4 (乙, designated
  02-28, the last working day of February): 乙 02-28 (item), Mar–Dec (items Mar, Apr). P-D1 (丁,
  from 04-25): 丁 04-28 (item), May–Dec (items May, Jun).
- 甲 fillers P-A04…P-A19 (16, all year) and P-A21 (removed effective 12-31, until 12-30): no
  contact, no rating.
- Reports: zero reports on the 3rd of the next month at 09:00, every month a county exists in,
  except 丙 August (none) and 丁 May (2025-06-09 10:00).
- 万人评议: H1 06-10…06-25 (spans E1's move), H2 12-05…12-20. Rated (group point, city-amr,
  满意): H1 P-A1, P-B1, P-B2, P-B3, P-C1, P-D1; H2 P-A1C, P-A2, P-B1, P-B4, P-D1.
- Nominations: 甲 P-A1C and P-A2, 乙 P-B1, 丙 P-C1, 丁 P-D1.

Hand figures (every one derived here, never read from the library):

Months a county owes (exists on a day of the month): 甲, 乙 01–12; 丙 01–08 (exists 08-01…08-20);
丁 04–12 (from 04-25). 丙 09–12 and 丁 01–03 are 无需报送.
- 丙: 01–07 on time, 08 missing (due Fri 09-05 23:59:59; none) → (7 × 100 + 0) / 8 = 87.50;
  十佳 no: not existing on 12-31, and 2025-08 未报.
- 丁: May due Thu 06-05 23:59:59, sent Mon 06-09 → late by 06-06, 06-09 = 2 working days → 50;
  (8 × 100 + 50) / 9 = 94.44; 十佳 no (2025-05 迟报2个工作日). 甲, 乙: 100, 十佳 yes.

Owed months (≥ 5 working days designated):
- P-A1: Jan–May whole; June 06-01…06-15: 3, 4, 5, 6, 9–13 = 9 (06-02 is 端午) → 6 months.
- P-A1C: June 06-16…06-30: 16–20, 23–27, 30 = 11 → owes; Jul–Dec → 7 months.
- P-B2: September 1–5, 8–12, 15–19, 22–25 = 19 → Jan–Sep, 9 months.
- P-A2: September 26, Sun 28 (make-up), 29, 30 = 4 < 5 → Oct–Dec, 3 months.
- P-C1: August 1, 4–8, 11–15, 18–20 = 14 → Jan–Aug, 8 months.
- P-A3: August 21, 22, 25–29 = 7 → Aug–Dec, 5 months.
- P-B3: until 10-31 → Jan–Oct, 10 months (November not owed: removed effective the 1st).
- P-B4: February 28 only = 1 → Mar–Dec, 10 months.
- P-D1: April 25, Sun 27 (make-up), 28, 29, 30 = 5 → Apr–Dec, 9 months (Mon–Fri would give 4).

Duty scores (contact 30 × reached/owed by the responsible office; feedback 30 × min(1, months /
(6 × owed / 12)); 万人评议 20 × taken / owed rounds; supervision 20):
- P-A1: reached Jan–Apr, Jun (May's contact is 市经贸委's, not 甲's) → 30 × 5/6 = 25; feedback
  Jan, May, Jun (the point gave it, whoever called) = 3 ≥ 3 → 30; H1 owed, rated → 20; 95.00 优秀.
- P-A1C: reached Jun, Aug–Dec = 6/7 → 25.71 (July's contact is 甲's, not 市经贸委's); feedback Jun,
  Aug = 2 of 3.5 → 17.14; rounds owed H1 (06-16…06-25 in the window) and H2. The enterprise
  rated H1 once, as P-A1 (a second rating is refused: data-format "rates each department once,
  under either record"), so it took part in H1: 2/2 → 20; 25.71 + 17.14 + 20 + 20 = 82.85 合格.
  (The library gave 1/2 → 10, 72.85: finding 1, fixed.)
- P-A2: 3/3 → 30 (09-29 is outside its owed months); feedback Oct = 1 of 1.5 → 20; H2 → 20; 90 优秀.
- P-B2: 8/9 → 26.67; feedback 8 ≥ 4.5 → 30; H1 → 20; 96.67 优秀.
- P-C1: 8/8, 8 ≥ 4, H1 → 100 优秀.  P-A3: 5/5 → 30; 1 of 2.5 → 12; H2 not rated → 0; 62 合格.
- P-B1: 100 优秀.  P-B3: 30 + 0 + 20 (H1) + 20 = 70 合格.  P-B4: 10/10 → 30 (02-28 not owed);
  2 of 5 → 12; H1 owed, not rated, H2 rated → 10; 72 合格.  P-D1: 30; 3 of 4.5 → 20; 20; 90 优秀.
- Fillers and P-A21: 0 + 0 + 0 + 20 = 20 不合格 (P-A21 owes H2: designated until 12-30).

万人评议 participation (points designated on a day of the window): H1 甲 P-A1, P-A1C, fillers 16,
P-A21; 乙 P-B1…P-B4; 丙 P-C1; 丁 P-D1 = 25 records; taking part P-A1, P-A1C (its enterprise's
rating), P-B1, P-B2, P-B3, P-C1, P-D1 = 7; not 18 (fillers, P-A21, P-B4). H2: 甲 P-A1C, P-A2,
P-A3, fillers, P-A21; 乙 P-B1, P-B4; 丁 P-D1 = 23; taking part 5, not 18.

Commendation quota (县区 points designated on 12-31, by their county): 甲 P-A2, P-A3 + 16
fillers = 18 (not P-A1, ended 06-15; not P-A21, ended 12-30; not P-A1C, 市直: the city's, in no
county's quota, auditor a39) → max(1, ⌊1.8⌋) = 1, nominated 2 → 超出1个; 乙 P-B1, P-B4 → 1; 丁
P-D1 → 1; 丙 abolished → quota 0, 超出1个. Accepted: P-B1 only (P-A1C is 市直, not a county's to
nominate; P-A2, P-C1, P-D1 are not designated all year).

Section 三 (June, the month of E1's move; default instant 07-08 00:00, due Mon 07-07):
市直 row P-A1C owes (11 days), reached by 市经贸委 06-20 → 1/1. 甲 row (县区 points only): P-A1 (9
days) + 16 fillers + P-A21 = 18, reached 1 (P-A1, 甲 06-10). 乙 4/4, 丙 1/1, 丁 1/1. July: 市直 row
1 owed, 0 reached, 1 contact by another office (甲's 07-10); 甲 17 owed, 0 reached.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, Month, assess, loads_dataset, year_end
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.errors import InputError
from softenv_core.model.periods import BEIJING

DATA = Path(__file__).parent / "data" / "membership-audit-a28.json"
A, B, C, D = "379902", "379925", "379903", "379904"
FILLERS = tuple(f"P-A{i:02d}" for i in range(4, 20))


@pytest.fixture(scope="module")
def a(ds, pm):
    return assess(ds, 2025, pm, audience=CITY_OFFICE)


@pytest.fixture(scope="module")
def ye(ds, pm):
    return year_end(ds, 2025, pm, audience=CITY_OFFICE)


def _months(first, last):
    return tuple(f"2025-{m:02d}" for m in range(first, last + 1))


def test_which_county_owes_which_month(a):
    states = {c.code: {str(m.month): m.status.value for m in c.months} for c in a.counties}
    assert {k for k, v in states[C].items() if v == "not_owed"} == set(_months(9, 12))
    assert {k for k, v in states[D].items() if v == "not_owed"} == set(_months(1, 3))
    assert states[C]["2025-08"] == "missing"  # exists 08-01…08-20: owes August
    assert states[D]["2025-04"] == "on_time"  # exists from 04-25: owes April
    assert states[D]["2025-05"] == "late"
    assert all(v == "on_time" for k in (A, B) for v in states[k].values())


def test_county_compliance_over_the_months_it_existed_and_topten(a):
    got = {c.code: (c.compliance, c.topten_eligible) for c in a.counties}
    hand = {A: ("100", True), B: ("100", True), C: ("87.50", False), D: ("94.44", False)}
    assert got == {k: (Decimal(v), e) for k, (v, e) in hand.items()}
    reasons = {c.code: [x.reason for x in c.conditions if not x.passed] for c in a.counties}
    assert reasons[C] == [
        "2025-08-20 已撤销，2025-12-31 县区不存在，不参加年底“十佳”评比",
        "2025-08 未报",
    ]
    assert reasons[D] == ["2025-05 迟报2个工作日（06-06、06-09）"]


def test_owed_months_of_each_record(a):
    got = {p.id: tuple(str(m) for m in p.active_months) for p in a.points}
    assert got["P-A1"] == _months(1, 6)  # June: 9 working days to 06-15
    assert got["P-A1C"] == _months(6, 12)  # June: 11 working days from 06-16
    assert got["P-B2"] == _months(1, 9)
    assert got["P-A2"] == _months(10, 12)  # September: 4 working days from 09-26
    assert got["P-C1"] == _months(1, 8)
    assert got["P-A3"] == _months(8, 12)  # August: 7 working days from 08-21
    assert got["P-B3"] == _months(1, 10)  # removed effective 11-01
    assert got["P-B4"] == _months(3, 12)  # designated 02-28, the last working day
    assert got["P-D1"] == _months(4, 12)  # April: 5 working days with Sun 04-27 (make-up)
    assert got["P-A21"] == _months(1, 12)


def _items(p):
    return {i.rule.id.split(".")[-1]: i.points for i in p.items}


def test_duty_scores_pro_rated_over_the_owed_months(a):
    by = {p.id: p for p in a.points}
    hand = {
        "P-A1": ({"contact": "25", "feedback": "30", "appraisal": "20", "supervision": "20"}, "95", "excellent"),
        "P-A1C": ({"contact": "25.71", "feedback": "17.14", "appraisal": "20", "supervision": "20"}, "82.85", "pass"),
        "P-A2": ({"contact": "30", "feedback": "20", "appraisal": "20", "supervision": "20"}, "90", "excellent"),
        "P-B2": ({"contact": "26.67", "feedback": "30", "appraisal": "20", "supervision": "20"}, "96.67", "excellent"),
        "P-C1": ({"contact": "30", "feedback": "30", "appraisal": "20", "supervision": "20"}, "100", "excellent"),
        "P-A3": ({"contact": "30", "feedback": "12", "appraisal": "0", "supervision": "20"}, "62", "pass"),
        "P-B1": ({"contact": "30", "feedback": "30", "appraisal": "20", "supervision": "20"}, "100", "excellent"),
        "P-B3": ({"contact": "30", "feedback": "0", "appraisal": "20", "supervision": "20"}, "70", "pass"),
        "P-B4": ({"contact": "30", "feedback": "12", "appraisal": "10", "supervision": "20"}, "72", "pass"),
        "P-D1": ({"contact": "30", "feedback": "20", "appraisal": "20", "supervision": "20"}, "90", "excellent"),
    }
    got = {k: (_items(by[k]), by[k].total, by[k].band.value) for k in hand}
    assert got == {k: ({n: Decimal(v) for n, v in i.items()}, Decimal(t), b) for k, (i, t, b) in hand.items()}
    for f in (*FILLERS, "P-A21"):
        assert (by[f].total, by[f].band.value) == (Decimal(20), "fail")


def test_the_responsible_office_before_and_after_the_move(a):
    by = {p.id: {i.rule.id: i for i in p.items} for p in a.points}
    old, new = by["P-A1"]["city.duty.contact"], by["P-A1C"]["city.duty.contact"]
    assert "应由379902 甲区经贸委联系）：2025-05（C-P-A1-2025-05-10 由 市经贸委 记录）" in old.reason
    assert "应由市经贸委联系）：2025-07（C-P-A1C-2025-07-10 由 379902 甲区经贸委 记录）" in new.reason
    assert "C-P-A1-2025-06-10" in old.evidence and "C-P-A1C-2025-06-20" in new.evidence
    assert "应履职月份以外的联系不计：2025-09（C-P-A2-2025-09-29）" in by["P-A2"]["city.duty.contact"].reason
    assert "应履职月份以外的联系不计：2025-02（C-P-B4-2025-02-28）" in by["P-B4"]["city.duty.contact"].reason


def test_a_record_owing_a_round_its_enterprise_rated_under_the_other_record_took_part(a):
    """E1 rated H1 once, as P-A1 (06-10…06-15 in the window); P-A1C owes H1 too (06-16…06-25).
    The enterprise may rate each department once per round, under either record, so its
    rating is its participation on both: P-A1C took part in H1 and H2."""
    by = {p.id: p for p in a.points}
    appraisal = next(i for i in by["P-A1C"].items if i.rule.id == "city.duty.appraisal")
    # The reason says which round the other record gave (a28's leftover): read alone, "参加2轮"
    # did not match P-A1C's own ratings, which are of H2 only.
    assert appraisal.reason == (
        "应参加万人评议2轮，参加2轮：20 × 2/2；"
        "其中A-2025-H1由同一企业（统一社会信用代码相同）的另一监测点记录参加，计入本记录"
    )
    own = next(i for i in by["P-A1"].items if i.rule.id == "city.duty.appraisal")
    assert "另一监测点记录" not in own.reason  # P-A1 rated H1 itself
    both = next(c for c in by["P-A1C"].nomination_conditions if c.rule.id == "city.nominate.both_rounds")
    assert both.passed


def test_the_enterprise_rates_once_per_round():
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    doc["ratings"].append(
        {"round": "A-2025-H1", "rater": "P-A1C", "group": "point", "department": "city-amr", "level": "satisfied"}
    )
    with pytest.raises(InputError) as e:
        loads_dataset(doc)
    assert any("is the same enterprise" in p and "P-A1" in p for p in e.value.problems)


def test_appraisal_participation_by_record(ye):
    h1, h2 = (next(r for r in ye.appraisal if r.round == x) for x in ("A-2025-H1", "A-2025-H2"))
    assert set(h1.points_taking_part) == {"P-A1", "P-A1C", "P-B1", "P-B2", "P-B3", "P-C1", "P-D1"}
    assert set(h1.points_not_taking_part) == {*FILLERS, "P-A21", "P-B4"}
    assert set(h2.points_taking_part) == {"P-A1C", "P-A2", "P-B1", "P-B4", "P-D1"}
    assert set(h2.points_not_taking_part) == {*FILLERS, "P-A21", "P-A3"}


def test_commendation_quota_counts_the_points_designated_on_31_december(ye):
    c = ye.commendation
    got = {x.county: (x.active_points, x.quota, x.nominated, x.error) for x in c.counties}
    assert got == {
        A: (18, 1, 2, "379902 甲区：推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 18个在册县区监测点⌋)）"),
        B: (2, 1, 1, None),
        C: (0, 0, 1, "379903 丙区：推荐1个，名额0个，超出1个（2025-12-31 县区不存在，无名额）"),
        D: (1, 1, 1, None),
    }
    accepted = {n.point: n.accepted for x in c.counties for n in x.nominees}
    assert accepted == {"P-A1C": False, "P-A2": False, "P-B1": True, "P-C1": False, "P-D1": False}


def _rows(ds, pm, month):
    r = monitoring_report(ds, Month.parse(month), pm, audience=CITY_OFFICE)
    return {c.county: (c.active_points, c.reached, c.wrong_office_count) for c in r.contacts}


def test_section_three_in_the_month_of_the_move(ds, pm):
    june = _rows(ds, pm, "2025-06")
    assert june["city"] == (1, 1, 0)  # P-A1C, 11 working days from 06-16, 市经贸委 06-20
    assert june[A] == (18, 1, 0)  # P-A1 (9 days) + 16 fillers + P-A21; P-A1 by 甲 06-10
    assert (june[B], june[C], june[D]) == ((4, 4, 0), (1, 1, 0), (1, 1, 0))
    july = _rows(ds, pm, "2025-07")
    assert july["city"] == (1, 0, 1)  # 甲's contact with the 市直 P-A1C: another office's
    assert july[A] == (17, 0, 0)


def test_section_three_has_no_row_for_a_county_that_does_not_exist_in_the_month(ds, pm):
    """丙 was abolished on 08-20: August is its last month (its point P-C1 owes it, 14 working
    days); in September it has no row, as 丁 (created 04-25) has none in January–March."""
    assert _rows(ds, pm, "2025-08")[C] == (1, 1, 0)
    assert C not in _rows(ds, pm, "2025-09")
    assert D not in _rows(ds, pm, "2025-03")
    assert _rows(ds, pm, "2025-04")[D] == (1, 1, 0)  # P-D1: 04-25, Sun 04-27, 28, 29, 30 = 5


def test_adjustment_window_and_filings_of_the_moves(ye):
    """Mid-year re-designations (reason other/designation) are outside the January window and
    flagged; the transfer forced by 丙's abolition and 丁's first point are exempt; own-wish
    removals are exempt. 丁's first change is filed on its effective day, 04-25, which is 丁's first
    day: the earliest it could file, so in time (auditor a42; a28 had it flagged as not before it)."""
    flagged = sorted(w.change for w in ye.window if w.flagged)
    assert flagged == ["RC-A1-rm", "RC-A1C-add", "RC-A2-add", "RC-B2-rm", "RC-B4-add"]
    forced = {w.change: w.forced for w in ye.window if w.forced}
    assert forced == {"RC-C1-rm": "county_abolished", "RC-A3-add": "county_abolished", "RC-D1-add": "county_created"}
    assert [(f.change, f.ok) for f in ye.filings if not f.ok] == []
    (d1,) = (f for f in ye.filings if f.change == "RC-D1-add")
    assert (d1.ok, d1.reason) == (True, "已于县区设立当日（2025-04-25）备案：县区自该日起设立，无法更早备案")


def test_each_borrowed_round_names_the_record_that_rated_it_whatever_the_order():
    # Three records of one enterprise: A rated H1, B rated H2, C neither. Each record takes part
    # in what the others rated, named by the record that rated it, in any order of the points.
    import attrs

    from softenv_core.analyses.point_records import year_records
    from softenv_core.model.appraisals import RaterGroup, Rating, RatingLevel
    from softenv_core.testing.builders import small_dataset

    base = small_dataset(2025)
    first = base.points[0]
    a, b, c = (attrs.evolve(first, id=i) for i in ("A", "B", "C"))
    ratings = (
        Rating("H1", "A", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
        Rating("H2", "B", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
    )
    for order in ((a, b, c), (c, b, a), (b, c, a)):
        ds = attrs.evolve(base, points=order, ratings=ratings)
        _, _, raters, borrowed = year_records(ds, 2025, datetime(2026, 1, 6, tzinfo=BEIJING))
        assert borrowed == {"A": {"H2": "B"}, "B": {"H1": "A"}, "C": {"H1": "A", "H2": "B"}}
        assert raters["A"] == raters["B"] == raters["C"] == {"H1", "H2"}
