"""The assessment's explanations re-derive its figures, and its default instant says what is
still open: the auditor's hand-computed cases (h-taudit findings 01, 03, 04, 06, 08), each
expected value worked out by hand from DESIGN.md "City baseline" in the comment beside it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import softenv_core as se
from softenv_core import CITY_OFFICE, assess, baseline_parameters
from softenv_core.engine.parameters import DatedValue, Parameter
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Verdict
from softenv_core.model.periods import BEIJING, Month
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory
from softenv_core.render.assessment import explain_county, explain_point, summary
from softenv_core.rules.city.compliance import late_band_end
from softenv_core.testing.builders import beijing, make_point, monthly_contacts, small_dataset
from softenv_core.workdays.calendar import WorkCalendar
from softenv_core.workdays.deadlines import lateness

JIA = "379902"


def _item(point, rule_id):
    (found,) = [i for i in point.items if i.rule.id == rule_id]
    return found


def _false_complaint(cid: str, point: str, received: datetime, verdict: Verdict) -> Complaint:
    ev = (
        ComplaintEvent(EventType.RECEIVED, received, "市软建办"),
        ComplaintEvent(EventType.ACCEPTED, received + timedelta(hours=1), "市软建办"),
        ComplaintEvent(EventType.ASSIGNED, received + timedelta(hours=2), "市软建办", unit="city-amr"),
        ComplaintEvent(EventType.SIGNED, received + timedelta(hours=3), "city-amr"),
        ComplaintEvent(EventType.RESOLVED, received + timedelta(days=3), "city-amr", verdict=verdict),
    )
    return Complaint(cid, ComplaintKind.COMPLAINT, point, "city-amr", ItemCategory.SERVICE, "办事拖延", events=ev)


# --- 04: the supervision item's floor at 0 is a step of its reason -------------------------


def test_the_supervision_floor_at_zero_is_shown_in_its_reason():
    """Three complaints found false: max(0, 20 − 10 × 3) = max(0, −10) = 0. The reason read
    literally must give 0, not −10 (DESIGN "not below 0")."""
    p = make_point("S2", JIA, 952)
    comps = tuple(
        _false_complaint(cid, "S2", beijing(2025, m, 10), v)
        for cid, m, v in (("K3", 4, Verdict.FALSE), ("K4", 5, Verdict.MALICIOUS), ("K5", 6, Verdict.FALSE))
    )
    ds = attrs.evolve(small_dataset(2025), points=(p,), contacts=tuple(monthly_contacts(p, 2025)), complaints=comps)
    item = _item(assess(ds, 2025, audience=CITY_OFFICE).point("S2"), "city.duty.supervision")
    assert item.points == Decimal(0)
    assert item.reason.startswith("max(0, 20 − 10 × 3件") and "max(0, -10)" in item.reason and "按0计" in item.reason
    assert sorted(item.evidence) == ["K3", "K4", "K5"]


def test_a_supervision_deduction_above_the_floor_shows_no_floor_step():
    """One complaint found false: 20 − 10 × 1 = 10, no floor step to show."""
    p = make_point("S1", JIA, 953)
    comps = (_false_complaint("K1", "S1", beijing(2025, 4, 10), Verdict.FALSE),)
    ds = attrs.evolve(small_dataset(2025), points=(p,), contacts=tuple(monthly_contacts(p, 2025)), complaints=comps)
    item = _item(assess(ds, 2025, audience=CITY_OFFICE).point("S1"), "city.duty.supervision")
    assert item.points == Decimal(10)
    # The figure, then the finding counted with its instant (Beijing time).
    assert item.reason == "20 − 10 × 1件经查虚假或恶意的投诉；计入本年度：K1（2025-04收到，认定于2025-04-13 10:00）"


# --- 08: a county that owes no month of the year is not rated ------------------------------


def test_a_county_created_after_the_year_is_not_in_the_years_assessment():
    """County 379981 exists from 2026-03-01: it owes no month of 2025 (DESIGN "A county owes
    the months it exists"), so 2025 neither scores it (no compliance of 0) nor lets it be rated
    先进; a notice says why it is absent. A county created during the year is still rated."""
    base = small_dataset(2025)
    later, during = "379981", "379921"
    counties = tuple(
        attrs.evolve(c, effective_from=date(2026, 3, 1))
        if c.code == later
        else attrs.evolve(c, effective_from=date(2025, 11, 20))
        if c.code == during
        else c
        for c in base.counties
    )
    ds = attrs.evolve(
        base,
        counties=counties,
        reports=tuple(r for r in base.reports if r.county != later and (r.county != during or r.month.month >= 11)),
        points=tuple(p for p in base.points if p.county not in (later, during)),
        contacts=tuple(c for c in base.contacts if not c.point.startswith((f"P-{later}", f"P-{during}"))),
    )
    a = assess(ds, 2025, audience=CITY_OFFICE)
    assert later not in {c.code for c in a.counties}
    assert any(n.startswith(f"county {later} owes no month of 2025") for n in a.notices)
    # Created 2025-11-20: owes November and December, both reported on time → 100, eligible.
    c = a.county(during)
    assert [str(m.month) for m in c.months if m.status.owed] == ["2025-11", "2025-12"]
    assert c.compliance == Decimal(100) and c.topten_eligible


# --- 01: a month missing at the instant, still inside its late band, says so ---------------

DEC_OPEN_UNTIL = datetime(2026, 1, 8, 23, 59, 59, tzinfo=BEIJING)


def _late_december() -> se.Dataset:
    """甲区 reports every 2025 month on time but December: due Monday 2026-01-05 23:59:59
    (01-01..03 holiday, 01-04 a make-up day, the 5th a working day), submitted 2026-01-06 09:00."""
    base = small_dataset(2025)
    reps = tuple(
        attrs.evolve(r, submitted_at=beijing(2026, 1, 6, 9)) if r.county == JIA and r.month == Month(2025, 12) else r
        for r in base.reports
    )
    return attrs.evolve(base, reports=reps)


def test_a_late_december_is_missing_at_the_default_instant_and_open_until_its_grace_ends():
    """Default as_of = 2026-01-06 00:00: the report is not yet known, so December is 未报 (0),
    and compliance (11 × 100 + 0) / 12 = 91.67; but a report by the end of the 3rd working day
    after 01-05 (01-06, 01-07, 01-08) would be late ≤ 3 → 50, so the month is open until
    2026-01-08 23:59:59 and the result says so: the month, a notice, explain, 十佳's reason."""
    a = assess(_late_december(), 2025, audience=CITY_OFFICE)
    c = a.county(JIA)
    dec = c.months[-1]
    assert (dec.status, dec.score, dec.open_until) == (MonthState.MISSING, Decimal(0), DEC_OPEN_UNTIL)
    assert all(m.open_until is None for m in c.months[:-1])
    assert c.compliance == Decimal("91.67")
    (notice,) = [n for n in a.notices if n.startswith("open:")]
    assert f"{JIA} 2025-12 (until 2026-01-08T23:59:59+08:00)" in notice
    assert "未报（截至评估时点未收到；2026-01-08 23:59:59前补报按迟报计）" in explain_county(c)
    (on_time,) = c.failing_conditions
    assert "2025-12 未报（截至评估时点未收到；2026-01-08 23:59:59前补报按迟报计）" in on_time.reason
    assert "open:" in summary(a, "en") and "尚可补报" in summary(a)
    assert "2026-01-08 23:59:59前补报按迟报计" in explain_county(c, "zh")
    assert "a report by 2026-01-08 23:59:59 counts as late" in explain_county(c, "en")


def test_a_late_december_assessed_after_its_grace_is_late_by_one_working_day():
    """as_of 2026-03-01: the report of 01-06 09:00 is known, late by 1 working day → 50;
    compliance (11 × 100 + 50) / 12 = 95.83; nothing is open any more."""
    a = assess(_late_december(), 2025, audience=CITY_OFFICE, as_of=datetime(2026, 3, 1, tzinfo=BEIJING))
    c = a.county(JIA)
    dec = c.months[-1]
    assert (dec.status, dec.late_workdays, dec.score, dec.open_until) == (MonthState.LATE, 1, Decimal(50), None)
    assert c.compliance == Decimal("95.83")
    assert not [n for n in a.notices if n.startswith("open:")]


def test_one_rule_for_every_month_a_june_missing_at_a_mid_year_instant_is_open_inside_its_grace():
    """June 2025 is due Monday 2025-07-07 (the 5th a Saturday, 顺延); with no June report, at
    as_of 2025-07-08 10:00 June is missing and open until 07-10 23:59:59 (07-08, 07-09, 07-10
    are late 1..3); at 07-11 10:00 a report would be late by 4: closed, plain 未报."""
    base = small_dataset(2025)
    ds = attrs.evolve(base, reports=tuple(r for r in base.reports if (r.county, r.month) != (JIA, Month(2025, 6))))
    june = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2025, 7, 8, 10)).county(JIA).months[5]
    assert june.status is MonthState.MISSING
    assert june.open_until == datetime(2025, 7, 10, 23, 59, 59, tzinfo=BEIJING)
    june = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2025, 7, 11, 10)).county(JIA).months[5]
    assert (june.status, june.open_until) == (MonthState.MISSING, None)


@given(st.dates(date(2023, 1, 1), date(2025, 12, 20)), st.integers(0, 5))
def test_the_late_band_ends_at_the_last_moment_a_report_still_scores_late_within_the_grace(day, grace):
    """Whatever the due day and grace: a report submitted at the band's end is late by at most
    the grace (scored 50), one submitted a second later by more (scored 0)."""
    calendar = WorkCalendar()
    due = datetime.combine(calendar.next_workday(day), time(23, 59, 59), BEIJING)
    params = baseline_parameters().merged(
        [Parameter("compliance.late_grace_workdays", "test", values=(DatedValue(date(2022, 3, 1), grace),))]
    )
    end = late_band_end(due, calendar, params, day)
    _, late = lateness(end, due, calendar)
    _, after = lateness(end + timedelta(seconds=1), due, calendar)
    assert end >= due and late <= grace < after


# --- 06: the owed months behind the pro-rated items are traced ------------------------------


def _one_point(point, contacts) -> se.Dataset:
    return attrs.evolve(small_dataset(2025), points=(point,), contacts=tuple(contacts))


def _contact(cid: str, point: str, day: date, items: tuple[Item, ...] = ()) -> Contact:
    return Contact(cid, point, day, ContactMethod.PHONE, JIA, True, items)


def test_the_owed_months_show_the_interval_each_part_month_and_the_parameter():
    """Designated from 2025-07-28: July's working days in the interval are 07-28..07-31 = 4 <
    duty.min_workdays_in_month 5, so July is not owed; owed Aug–Dec (5), the denominator of
    city.duty.contact (30 × 5/5)."""
    p = make_point("PA", JIA, 11, designated_from=date(2025, 7, 28))
    a = assess(
        _one_point(p, [_contact(f"cA{m}", "PA", date(2025, m, 12)) for m in range(8, 13)]), 2025, audience=CITY_OFFICE
    )
    pa = a.point("PA")
    assert [str(m) for m in pa.active_months] == ["2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]
    assert (pa.designated_from, pa.designated_until) == (date(2025, 7, 28), None)
    assert pa.owed_facts == (
        "2025-07：在册 2025-07-28 至 2025-07-31，工作日 07-28、07-29、07-30、07-31 共4天 < 5，不计",
    )
    assert [(pv.name, pv.value) for pv in pa.owed_params] == [("duty.min_workdays_in_month", 5)]
    assert _item(pa, "city.duty.contact").reason.startswith("应履职5个月中5个月被联系上：30 × 5/5")
    text = explain_point(pa)
    assert "应履职月份：2025-08、2025-09、2025-10、2025-11、2025-12（5个月）" in text
    assert "在册期间：2025-07-28 至今" in text and "2025-07：在册 2025-07-28 至 2025-07-31" in text
    assert "参数：duty.min_workdays_in_month = 5（自 2022-03-01" in text
    assert "Owed months: 2025-08" in explain_point(pa, "en")


def test_a_make_up_working_day_in_the_boundary_month_is_shown_as_such():
    """Designated from 2025-09-26 (Friday): 09-26, 09-28 (a Sunday worked, 调休), 09-29, 09-30 =
    4 working days < 5: September is not owed, and the fact names the make-up day."""
    p = make_point("PC", JIA, 13, designated_from=date(2025, 9, 26))
    pc = assess(_one_point(p, []), 2025, audience=CITY_OFFICE).point("PC")
    assert pc.owed_facts == (
        "2025-09：在册 2025-09-26 至 2025-09-30，工作日 09-26、09-28（调休）、09-29、09-30 共4天 < 5，不计",
    )


def test_a_point_designated_over_the_whole_year_has_no_part_month_to_explain():
    ds = small_dataset(2025)
    a = assess(ds, 2025, audience=CITY_OFFICE)
    whole = [p for p in a.points if len(p.active_months) == 12 and p.designated_from <= date(2025, 1, 1)]
    assert whole and all(p.owed_facts == () and p.owed_params for p in whole)


# --- 03: feedback inside the interval in a month not owed: said, not counted ---------------


def test_feedback_in_a_month_not_owed_is_named_as_not_counted():
    """Designated until 2025-03-06 (Thursday): March has 4 working days in the interval, so it
    is not owed; owed Jan, Feb, full feedback at 6 × 2 / 12 = 1 month. The item raised on
    03-05 lies in March: pro-rated over the owed months (DESIGN "Point duty score"), the
    count is of owed months, so it earns nothing, and the reason says so, naming the contact."""
    p = make_point("PB", JIA, 12, designated_until=date(2025, 3, 6))
    contacts = [
        _contact("cB1", "PB", date(2025, 1, 10)),
        _contact("cB2", "PB", date(2025, 2, 10)),
        _contact("cB3", "PB", date(2025, 3, 5), (Item(ItemCategory.DIFFICULTY, "融资困难"),)),
    ]
    pb = assess(_one_point(p, contacts), 2025, audience=CITY_OFFICE).point("PB")
    feedback = _item(pb, "city.duty.feedback")
    assert feedback.points == Decimal(0) and feedback.evidence == ()
    assert feedback.reason.endswith("；应履职月份以外的反馈不计：2025-03（cB3）")
    contact = _item(pb, "city.duty.contact")
    assert contact.points == Decimal(30) and contact.reason.endswith("；应履职月份以外的联系不计：2025-03（cB3）")
    assert "2025-03：在册 2025-03-01 至 2025-03-06" in " ".join(pb.owed_facts)


def test_a_year_before_the_baseline_is_an_empty_assessment_that_says_why():
    """Platform round 3, finding 02: `assess(ds, 2021)` gave no county, no point and no notice,
    indistinguishable from missing data; docs/rules.md promises a notice why counties are absent."""
    a = assess(small_dataset(2025), 2021, audience=CITY_OFFICE)
    assert a.counties == () and a.points == ()
    assert a.notices == ("no month of 2021 is owed: the programme's baseline is not in force in it; nothing assessed",)
    assert "2021 年没有应报月份：该年不在基线施行期内，无可考核" in summary(a)


def test_an_explanation_of_a_provisional_assessment_says_so_first():
    """Platform round 3, finding 11: explain gave a 十佳 decision made from a weekends-only
    calendar without the 暂定 line that assess, the report and the year end carry."""
    from softenv_core.render.report_format import PROVISIONAL_EN, PROVISIONAL_ZH

    a = assess(small_dataset(2025), 2025, audience=CITY_OFFICE)
    county, point = a.counties[0], a.points[0]
    assert explain_county(county, provisional=True).startswith(f"! {PROVISIONAL_ZH}\n")
    assert explain_point(point, "en", provisional=True).startswith(f"! {PROVISIONAL_EN}\n")
    assert "暂定" not in explain_county(county) and "暂定" not in explain_point(point)
