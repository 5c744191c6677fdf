"""Auditor a40: date cases computed by hand from the policy (seed 三(二), DESIGN "City
baseline", the State Council's arrangements) and compared with the library.

Every expected figure is the hand computation written beside it, never the library's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from softenv_core import CITY_OFFICE, Month, WorkCalendar, assess, monthly_deadline, year_end
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.render.notices import zh_notice
from softenv_core.testing.builders import beijing, make_point, monthly_contacts, small_dataset

JIA, YI, BING = "379902", "379921", "379981"

# Month M's report is due at the end of the 5th of M+1, moved to the next working day (补班
# weekends count) — each worked out from the State Council notice of that year:
HAND_DEADLINES = {
    Month(2022, 5): date(2022, 6, 6),  # 06-03..06-05 端午, 06-06 Mon
    Month(2022, 9): date(2022, 10, 8),  # 10-01..10-07 国庆, 10-08 Sat 补班
    Month(2022, 10): date(2022, 11, 7),  # 11-05 Sat, 11-06 Sun, 11-07 Mon
    Month(2023, 1): date(2023, 2, 6),  # 02-05 Sun (春节 01-21..01-27 is over), 02-06 Mon
    Month(2023, 3): date(2023, 4, 6),  # 04-05 Wed 清明, 04-06 Thu
    Month(2023, 4): date(2023, 5, 5),  # 劳动节 04-29..05-03; 05-05 Fri is a working day
    Month(2023, 9): date(2023, 10, 7),  # 09-29..10-06 中秋国庆, 10-07 Sat 补班
    Month(2024, 4): date(2024, 5, 6),  # 05-01..05-05 劳动节, 05-06 Mon
    Month(2024, 9): date(2024, 10, 8),  # 10-01..10-07 国庆 (补班 09-29, 10-12), 10-08 Tue
    Month(2024, 12): date(2025, 1, 6),  # 01-05 Sun, 01-06 Mon
    Month(2025, 1): date(2025, 2, 5),  # 春节 01-28..02-04; 02-05 Wed is a working day
    Month(2025, 3): date(2025, 4, 7),  # 04-04..04-06 清明, 04-07 Mon
    Month(2025, 12): date(2026, 1, 5),  # 元旦 01-01..01-03 (补班 01-04 Sun); 01-05 Mon
    Month(2026, 3): date(2026, 4, 7),  # 04-04..04-06 清明, 04-07 Tue
    Month(2026, 9): date(2026, 10, 8),  # 10-01..10-07 国庆, 10-08 Thu
}


@pytest.mark.parametrize("month", sorted(HAND_DEADLINES), ids=str)
def test_the_baseline_deadlines_worked_out_from_the_notices(month: Month) -> None:
    due = monthly_deadline(WorkCalendar(), month, 5, rule_id="city.report.deadline", reference="seed 三(二)")
    assert due.due_at.date() == HAND_DEADLINES[month]
    assert due.due_at.timetuple()[3:6] == (23, 59, 59) and due.due_at.utcoffset() == timedelta(hours=8)
    assert not due.provisional


def _national_day_2023():
    """2023's reports as given, around the National Day holiday of 2023 and others."""
    ds = small_dataset(2023)
    given = {
        # due 2023-10-07 23:59:59+08:00 (a Saturday 补班) = 15:59:59Z: the due second is whole
        (JIA, 9): datetime(2023, 10, 7, 15, 59, 59, 999000, tzinfo=UTC),
        # 16:00:00Z = 10-08 00:00 Beijing: late by the working days after 10-07 up to 10-08: 10-08 (Sun 补班) = 1
        (YI, 9): datetime(2023, 10, 7, 16, 0, tzinfo=UTC),
        # 23:59:59 at UTC-5 = 10-08 12:59:59 Beijing: late 1, as above
        (BING, 9): datetime(2023, 10, 7, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5))),
        # due 2023-05-05 Fri; 05-06 is a Saturday 补班: late 1
        (JIA, 4): beijing(2023, 5, 6, 9),
        # due 2023-04-06 Thu; 04-11 Tue: 04-07, 04-10, 04-11 = 3 working days, still 50
        (BING, 3): beijing(2023, 4, 11, 10),
        # due 2023-07-05 Wed; 07-11 Tue: 07-06, 07-07, 07-10, 07-11 = 4, beyond the grace: 0
        (BING, 6): beijing(2023, 7, 11, 10),
    }
    reports = tuple(
        attrs.evolve(r, submitted_at=given[(r.county, r.month.month)]) if (r.county, r.month.month) in given else r
        for r in ds.reports
    )
    return attrs.evolve(ds, reports=reports)


def test_reports_around_the_national_day_of_2023_by_hand() -> None:
    ds = _national_day_2023()
    counties = {c.code: c for c in assess(ds, 2023, audience=CITY_OFFICE).counties}
    late = {
        code: [
            (str(m.month), m.status.value, m.late_workdays, str(m.score))
            for m in c.months
            if m.status.value != "on_time"
        ]
        for code, c in counties.items()
    }
    assert late == {
        JIA: [("2023-04", "late", 1, "50.00")],
        YI: [("2023-09", "late", 1, "50.00")],
        BING: [("2023-03", "late", 3, "50.00"), ("2023-06", "late", 4, "0.00"), ("2023-09", "late", 1, "50.00")],
    }
    # Compliance: the mean over the 12 owed months (2023 is wholly in force).
    assert str(counties[JIA].compliance) == "95.83"  # (11 × 100 + 50) / 12 = 95.833…
    assert str(counties[BING].compliance) == "83.33"  # (9 × 100 + 50 + 0 + 50) / 12 = 83.333…
    assert not any(c.topten_eligible for c in counties.values())  # each has a month not on time
    (sept,) = (m for m in counties[YI].months if m.month == Month(2023, 9))
    assert sept.late_facts == "10-08（调休上班）"


def test_a_designation_that_owes_september_only_through_its_sunday_make_up_day() -> None:
    """Designated from Thu 2025-09-25: 09-25, 09-26, 09-28 (Sun 补班), 09-29, 09-30 = 5 working
    days ≥ 5, so September is owed (by weekends alone it would be 4, not owed). Removed from
    2025-10-14 (designated until 10-13): 10-09, 10-10, 10-11 (Sat 补班), 10-13 = 4 < 5, October
    is not owed, and its contact of 10-10 earns nothing."""
    ds = small_dataset(2025)
    pa = make_point("PA", JIA, 31, designated_from=date(2025, 9, 25))
    pb = make_point("PB", JIA, 32, designated_until=date(2025, 10, 13))
    contacts = [c for p in (pa, pb) for c in monthly_contacts(p, 2025, with_items=True)]
    ds = attrs.evolve(ds, points=(*ds.points, pa, pb), contacts=(*ds.contacts, *contacts))
    points = {p.id: p for p in assess(ds, 2025, audience=CITY_OFFICE).points}
    assert [str(m) for m in points["PA"].active_months] == ["2025-09", "2025-10", "2025-11", "2025-12"]
    assert "09-28（调休）" in points["PA"].owed_facts[0] and "共5天 ≥ 5，应履职" in points["PA"].owed_facts[0]
    assert [str(m) for m in points["PB"].active_months] == [f"2025-{m:02d}" for m in range(1, 10)]
    assert "10-11（调休）" in points["PB"].owed_facts[0] and "共4天 < 5，不计" in points["PB"].owed_facts[0]
    (contact,) = (i for i in points["PB"].items if i.rule.id == "city.duty.contact")
    assert contact.reason == "应履职9个月中9个月被联系上：30 × 9/9；应履职月份以外的联系不计：2025-10（C-PB-2025-10）"


def _round_before_the_baseline(opened: date, closed: date):
    """2022, the programme's first year, with a first-half round held in the window given;
    P-379902-1 rated in it, P-379902-2 did not."""
    ds = small_dataset(2022)
    r1 = AppraisalRound("R1", HalfYear(2022, 1), opened, closed)
    rating = Rating("R1", ds.points[0].id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
    return attrs.evolve(ds, appraisal_rounds=(r1,), ratings=(rating,))


def test_a_round_closed_before_the_baseline_is_owed_by_no_point() -> None:
    """The baseline is in force from 2022-03-01: months before are not in force (no point owes
    February 2022's contact), and a round's figures are read on its closing day. A round held
    02-10..02-28 was held before the programme: P-379902-2, which did not rate in it, owes no
    round in 2022 (20, as for a year without a round), where it was charged 20 × 0/1 = 0."""
    ds = _round_before_the_baseline(date(2022, 2, 10), date(2022, 2, 28))
    a = assess(ds, 2022, audience=CITY_OFFICE)
    (p2,) = (p for p in a.points if p.id == "P-379902-2")
    (item,) = (i for i in p2.items if i.rule.id == "city.duty.appraisal")
    # … and the reason names the round on record, rather than "no round while designated" alone.
    assert str(item.points) == "20.00"
    assert item.reason == "在册期间无万人评议轮次，按满分计；R1在基线施行（2022-03-01）前结束，不计"
    assert str(p2.total) == "100.00"
    notice = "appraisal round(s) R1 closed before the baseline was in force (from 2022-03-01): not owed, not scored"
    assert notice in a.notices
    assert (
        zh_notice(notice) == "万人评议轮次 R1 在基线施行（2022-03-01）前结束：监测点无需参加，不计入履职考评，也不评分"
    )
    # both_rounds: no round owed, so not met — and R1 is not called a round held outside the interval.
    (cond,) = (c for c in p2.nomination_conditions if c.rule.id == "city.nominate.both_rounds")
    assert not cond.passed and "在册期间以外举行" not in cond.reason
    assert cond.reason.endswith("；R1在基线施行（2022-03-01）前结束，不计")
    # P-379902-1 rated in R1: its rating is valid data and counts for nothing either.
    (p1,) = (p for p in a.points if p.id == "P-379902-1")
    (item,) = (i for i in p1.items if i.rule.id == "city.duty.appraisal")
    assert str(item.points) == "20.00" and item.evidence == ()


def test_a_year_end_with_a_round_closed_before_the_baseline_is_made() -> None:
    """The year end of 2022 read R1's department scores with parameters not in force on its
    closing day and stopped with ParameterMissing ('appraisal.group_weights' … 2022-02-28); a
    record dated before the baseline is valid data and must not stop a year end."""
    ds = _round_before_the_baseline(date(2022, 2, 10), date(2022, 2, 28))
    for audience in (CITY_OFFICE, "public"):
        ye = year_end(ds, 2022, audience=audience)
        assert ye.appraisal == ()
        assert any(n.startswith("appraisal round(s) R1 closed before the baseline") for n in ye.notices)


def test_a_round_closing_after_the_baseline_began_is_owed() -> None:
    """A window of 02-20..03-10 closes with the baseline in force: owed by every point designated
    then; P-379902-2 did not rate: 20 × 0/1 = 0."""
    ds = _round_before_the_baseline(date(2022, 2, 20), date(2022, 3, 10))
    a = assess(ds, 2022, audience=CITY_OFFICE)
    (p2,) = (p for p in a.points if p.id == "P-379902-2")
    (item,) = (i for i in p2.items if i.rule.id == "city.duty.appraisal")
    assert str(item.points) == "0.00" and item.reason == "应参加万人评议1轮，参加0轮：20 × 0/1；未参加：R1"
    assert not any("before the baseline" in n for n in a.notices)
    assert [r.round for r in year_end(ds, 2022, audience=CITY_OFFICE).appraisal] == ["R1"]


def test_a_provisional_deadline_says_zan_ding_as_its_refusal_promised(capsys) -> None:
    """The strict refusal offers ``加 --provisional(结果标明“暂定”)``; the deadline so computed
    said 临时 instead, the one result not marked 暂定 (docs/calendar.md). 2026-12's report is
    due on 2027-01-05, a Tuesday by weekends alone."""
    from softenv_core.cli.main import main

    assert main(["deadline", "--month", "2026-12"]) == 1
    assert "结果标明“暂定”" in capsys.readouterr().err
    assert main(["deadline", "--month", "2026-12", "--provisional"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("全市基线 2026-12 月报截止时间：2027-01-05T23:59:59+08:00") and "暂定" in first
