"""Records dated after the assessment's instant (``as_of``) count neither for nor against
(DESIGN "An explicit instant"; docs/rules.md "records dated after as_of count neither for nor
against"): a verdict reached later, a waiver decided later, a month not yet ended, a round not
yet closed. Each expected value is worked out by hand in the comment beside it."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    CalendarDataMissing,
    Month,
    Waiver,
    WorkCalendar,
    assess,
    build_demo,
    get_plugin_manager,
)
from softenv_core.engine.ruletypes import Band, MonthState
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import EventType, Verdict
from softenv_core.model.periods import BEIJING, HalfYear
from softenv_core.testing import beijing, make_complaint, small_dataset
from softenv_core.workdays.calendar import official_years

JIA = "379902"
P = "P-379902-2"  # 甲区's county point


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


def _item(point, rule_id):
    (found,) = [i for i in point.items if i.rule.id == rule_id]
    return found


def _condition(point, cid):
    (found,) = [c for c in point.nomination_conditions if c.rule.id == cid]
    return found


# --- Finding 03: a verdict reached after as_of ----------------------------------------------


def _complaint_resolved_on(resolved_at, verdict=Verdict.FALSE):
    return make_complaint("Q1", P, beijing(2025, 12, 10), resolved_at=resolved_at, verdict=verdict)


def _with_complaint(complaint):
    ds = small_dataset(2025)
    contacts = tuple(attrs.evolve(c, items=()) if c.point == P else c for c in ds.contacts)
    return attrs.evolve(ds, contacts=contacts, complaints=(complaint,))


def test_a_verdict_reached_after_as_of_counts_neither_for_nor_against():
    # Received 2025-12-10, found false on 2026-02-02; the default as_of is 2026-01-06 00:00.
    ds = _with_complaint(_complaint_resolved_on(datetime(2026, 2, 2, 9, tzinfo=BEIJING)))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE).point(P)
    # At as_of nothing was found false: supervision 20 (no deduction); the direct feedback of
    # December counts as a month with feedback: 30 × 1/6 = 5; total 30 + 5 + 20 + 20 = 75.
    assert _item(p, "city.duty.supervision").points == Decimal(20)
    assert _item(p, "city.duty.supervision").reason == "本年度无计入的经查虚假或恶意的投诉"
    assert _item(p, "city.duty.feedback").points == Decimal(5)
    assert _item(p, "city.duty.feedback").evidence == ("Q1",)
    assert (p.total, p.band) == (Decimal(75), Band.PASS)
    # Not yet decided at as_of: it passes, the city office's reason naming Q1 (auditor a42).
    cond = _condition(p, "city.nominate.no_false_complaint")
    assert cond.passed and cond.evidence == ("Q1",) and "暂不能判定" in cond.reason


def test_a_verdict_of_the_next_year_known_at_as_of_counts_in_the_next_year():
    ds = _with_complaint(_complaint_resolved_on(datetime(2026, 2, 2, 9, tzinfo=BEIJING)))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=datetime(2026, 2, 3, tzinfo=BEIJING)).point(P)
    # Known false by 2026-02-03, but found false in 2026: it counts in 2026's assessment (city
    # decision, docs/rules.md), not 2025's: supervision 20; as found false it is no feedback
    # either; 30 + 0 + 20 + 20 = 70; the nomination condition reads 2025's conduct, which the
    # finding concerns (auditor a42: it passed for 2025).
    assert _item(p, "city.duty.supervision").points == Decimal(20)
    assert _item(p, "city.duty.feedback").points == Decimal(0)
    assert not _condition(p, "city.nominate.no_false_complaint").passed


def test_the_same_verdict_counts_once_as_of_is_after_it():
    # Found false on 2025-12-20 (in the year), assessed as of 2025-12-21: known, deducted.
    ds = _with_complaint(_complaint_resolved_on(datetime(2025, 12, 20, 9, tzinfo=BEIJING)))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=datetime(2025, 12, 21, tzinfo=BEIJING)).point(P)
    # Supervision 20 − 10 × 1 = 10, no feedback credit.
    assert _item(p, "city.duty.supervision").points == Decimal(10)
    assert _item(p, "city.duty.feedback").points == Decimal(0)
    assert not _condition(p, "city.nominate.no_false_complaint").passed


def test_a_verdict_at_the_very_instant_of_as_of_is_known():
    instant = datetime(2025, 12, 20, 9, tzinfo=BEIJING)  # "at or before" as_of is known
    ds = _with_complaint(_complaint_resolved_on(instant))
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=instant).point(P)
    assert _item(p, "city.duty.supervision").points == Decimal(10)
    # One instant earlier it is not known yet.
    p = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=instant - timedelta(seconds=1)).point(P)
    assert _item(p, "city.duty.supervision").points == Decimal(20)


def test_a_plugin_rule_sees_the_complaint_as_it_stood_at_as_of():
    from softenv_core.plugin import PluginInfo, Rule, hookimpl

    seen = []

    class Plugin:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county=JIA, title="t", reference="t")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            def score(ctx):
                seen.extend((c.id, c.verdict, len(c.events)) for c in ctx.complaints)
                return None

            return [Rule("t.r", "t.r", "t", "t", "t", score, Decimal(1), date(2022, 3, 1))]

    ds = _with_complaint(_complaint_resolved_on(datetime(2026, 2, 2, 9, tzinfo=BEIJING)))
    assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[("t", Plugin())]), audience=CITY_OFFICE)
    # The resolution of 2026-02-02 is not yet known at 2026-01-06: four events, no verdict.
    assert seen == [("Q1", None, 4)]


def test_complaint_known_at_keeps_the_events_up_to_the_instant():
    c = _complaint_resolved_on(datetime(2026, 2, 2, 9, tzinfo=BEIJING))
    assert c.known_at(datetime(2026, 2, 2, 9, tzinfo=BEIJING)) is c  # nothing later: the record itself
    earlier = c.known_at(datetime(2026, 1, 6, tzinfo=BEIJING))
    assert [e.type for e in earlier.events] == [e.type for e in c.events[:4]]
    assert earlier.verdict is None and not earlier.found_false and c.found_false
    assert earlier.id == c.id and earlier.text == c.text


def test_a_county_condition_is_told_the_instant_to_read_records_at():
    from softenv_core.plugin import Condition, PluginInfo, hookimpl

    seen = []

    class Plugin:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county=JIA, title="t", reference="t")

        @hookimpl
        def softenv_topten_conditions(self, year, params):
            def check(ctx):
                seen.append([c.known_at(ctx.as_of).verdict for c in ctx.dataset.complaints])

            return [Condition("t.c", "t", "t", "t", check, date(2022, 3, 1))]

    ds = _with_complaint(_complaint_resolved_on(datetime(2026, 2, 2, 9, tzinfo=BEIJING)))
    assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[("t", Plugin())]), audience=CITY_OFFICE)
    assert seen == [[None]]  # at the default as_of (2026-01-06) the verdict of 02-02 is not known


# --- Finding 04: a waiver decided after as_of -------------------------------------------------


def _late_march_with_waiver(decided_on):
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if not (r.county == JIA and r.month == Month(2025, 3)))
    waiver = Waiver("W1", JIA, Month(2025, 3), "不可抗力", decided_on, decided_by="市经贸委")
    return attrs.evolve(ds, reports=reports, waivers=(waiver,))


def test_a_waiver_decided_after_as_of_excuses_nothing_yet():
    ds = _late_march_with_waiver(date(2025, 12, 15))
    # March's report is missing (due 2025-04-07); at 2025-12-01 the waiver of 12-15 is not
    # yet decided: March stays a failing month for 十佳.
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=datetime(2025, 12, 1, 12, tzinfo=BEIJING))
    assert a.county(JIA).months[2].waiver is None
    assert not a.county(JIA).topten_eligible
    assert not any("W1" in n for n in a.notices)


def test_a_waiver_counts_from_its_decision_day_in_beijing():
    ds = _late_march_with_waiver(date(2025, 12, 15))
    # 2025-12-14 16:30 UTC is 2025-12-15 00:30 in Beijing: the decision day has begun.
    for as_of, known in (
        (datetime(2025, 12, 14, 23, 59, 59, tzinfo=BEIJING), False),
        (datetime(2025, 12, 14, 16, 30, tzinfo=UTC), True),
        (None, True),  # the default instant, 2026-01-06 00:00
    ):
        a = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
        assert (a.county(JIA).months[2].waiver == "W1") is known
        (on_time,) = [c for c in a.county(JIA).conditions if c.rule.id == "city.topten.on_time"]
        # March fails 十佳 until the waiver is known; December, still running at the two
        # instants of 12-15, leaves the condition undecided then (auditor a21).
        assert ("2025-03 未报" in on_time.reason) is not known
        assert a.county(JIA).topten_eligible is (as_of is None)


# --- Finding 08: the current year, as of now ---------------------------------------------------


def _last_known_year():
    return official_years()[1]  # the next year's arrangement is not known: the current year's case


def test_the_last_known_year_is_assessed_strictly_at_an_instant_inside_it():
    year = _last_known_year()
    ds = small_dataset(2025)  # open-ended points, no report of ``year``
    a = assess(
        ds, year, _pm(), audience=CITY_OFFICE, calendar=WorkCalendar(), as_of=datetime(year, 11, 28, 12, tzinfo=BEIJING)
    )
    months = a.county(JIA).months
    # January–October ended and their deadlines (by 11-09 at the latest) passed: missing.
    # November and December are still running at 11-28: pending, no deadline worked out
    # (December's would need the next year's arrangement, which is not known).
    assert [m.status for m in months[:10]] == [MonthState.MISSING] * 10
    assert [(m.status, m.due_at, m.deadline) for m in months[10:]] == [(MonthState.PENDING, None, None)] * 2
    assert a.county(JIA).compliance == Decimal(0) and not a.county(JIA).topten_eligible
    assert not a.provisional


def test_an_ended_month_whose_deadline_year_is_unknown_still_raises():
    year = _last_known_year()
    # On 2 January December has ended: its report's deadline (in January) must be known.
    with pytest.raises(CalendarDataMissing) as info:
        assess(
            small_dataset(2025),
            year,
            _pm(),
            audience=CITY_OFFICE,
            calendar=WorkCalendar(),
            as_of=datetime(year + 1, 1, 2, tzinfo=BEIJING),
        )
    assert info.value.year == year + 1
    with pytest.raises(CalendarDataMissing):  # the default instant is after December's deadline
        assess(small_dataset(2025), year, _pm(), audience=CITY_OFFICE, calendar=WorkCalendar())


def test_a_running_month_does_not_make_the_assessment_provisional():
    year = _last_known_year()
    as_of = datetime(year, 11, 28, 12, tzinfo=BEIJING)
    a = assess(small_dataset(2025), year, _pm(), audience=CITY_OFFICE, calendar=WorkCalendar.provisional(), as_of=as_of)
    # Only December's deadline touches the unknown year, and December is still running.
    assert not a.provisional and not any("provisional" in n for n in a.notices)


def test_the_demo_city_of_the_last_known_year_builds_without_next_years_arrangement():
    year = _last_known_year()
    ds = build_demo(year)
    # December's reports would be filed in January of a year the calendar does not know: not
    # filed yet. Every other month keeps its reports (the missing July report of one county aside).
    assert not [r for r in ds.reports if r.month == Month(year, 12)]
    assert {r.month.month for r in ds.reports} == set(range(1, 12))
    a = assess(ds, year, audience=CITY_OFFICE, as_of=datetime(year, 11, 28, 12, tzinfo=BEIJING))
    assert all(m.status is MonthState.PENDING for c in a.counties for m in c.months[10:])


# --- Finding 12: "both rounds" while the second round is still open -----------------------------


def _two_rounds(rated_in):
    h1 = AppraisalRound("A2025H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
    h2 = AppraisalRound("A2025H2", HalfYear(2025, 2), date(2025, 12, 22), date(2026, 1, 10))
    ratings = tuple(Rating(r, P, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for r in rated_in)
    return attrs.evolve(small_dataset(2025), appraisal_rounds=(h1, h2), ratings=ratings)


def test_both_rounds_is_not_passed_while_the_second_round_is_still_open():
    a = assess(_two_rounds(["A2025H1"]), 2025, _pm(), audience=CITY_OFFICE)
    p = a.point(P)
    # Default as_of 2026-01-06 00:00; H2 closes 2026-01-10: pending. The duty item counts the
    # closed round only: 20 × 1/1 = 20; total 30 + 30 + 20 + 20 = 100 (优秀).
    assert _item(p, "city.duty.appraisal").points == Decimal(20)
    assert (p.total, p.band) == (Decimal(100), Band.EXCELLENT)
    # Taking part in both rounds cannot be shown before H2 closes: not passed, saying so.
    cond = _condition(p, "city.nominate.both_rounds")
    assert not cond.passed and not p.nominable
    assert cond.reason == "万人评议A2025H2尚未结束（未到期），暂不能判定；已结束应参加1轮，参加1轮"
    assert cond.evidence == ("A2025H2",)
    assert any(n.startswith("pending: appraisal round(s) A2025H2 not closed at as_of") for n in a.notices)


@pytest.mark.parametrize(
    ("rated_in", "passed", "reason"),
    [
        (["A2025H1"], False, "参加万人评议1轮，应参加2轮（在册期间举行）；未参加：A2025H2"),
        (["A2025H1", "A2025H2"], True, "满足"),
    ],
)
def test_both_rounds_is_decided_once_the_second_round_has_closed(rated_in, passed, reason):
    as_of = datetime(2026, 1, 11, tzinfo=BEIJING)  # H2 closed on 01-10
    p = assess(_two_rounds(rated_in), 2025, _pm(), audience=CITY_OFFICE, as_of=as_of).point(P)
    cond = _condition(p, "city.nominate.both_rounds")
    assert (cond.passed, cond.reason) == (passed, reason)
    assert p.nominable is passed


@given(
    st.data(),
    st.sampled_from([None, *Verdict]),
    st.sampled_from([None, *Verdict]),
    st.booleans(),
)
def test_found_false_at_is_found_false_of_the_complaint_as_it_stood(data, first, second, swap):
    """found_false_at(t) reads the events up to t as known_at(t).found_false does, without the copy
    (common problems ask it of a month's complaints still being handled at a report's instant)."""
    from softenv_core.testing.record_strategies import complaints

    comp = data.draw(complaints("P-1"))
    at = [e.at for e in comp.events]
    # Instants at, between and around the events, and a verdict swapped in for each resolution.
    verdicts = iter([first, second] * len(comp.events))
    events = tuple(
        attrs.evolve(e, verdict=next(verdicts)) if e.type is EventType.RESOLVED and swap else e for e in comp.events
    )
    comp = attrs.evolve(comp, events=events)
    for instant in [*at, *(a - timedelta(seconds=1) for a in at), at[0] + timedelta(days=400)]:
        assert comp.found_false_at(instant) == comp.known_at(instant).found_false
    assert comp.found_false_at(at[-1]) == comp.found_false
