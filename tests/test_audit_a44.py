"""Auditor a44: cases worked out by hand from the policy (seed 三(一), 三(二), 三(三), 三(五),
四(三); DESIGN "City baseline": "Reading a parameter", "An explicit instant", "Monthly report
deadline", "Who owes what, when", "Complaint limits", "十佳 baseline", "Commendation", "Annual
adjustment"; docs/complaints.md, docs/rules.md, the plugins' READMEs), in the corner earlier
auditors touched least: **the year boundary 2025 → 2026**, where December's report, complaint
steps, an extension, a reopening and a 万人评议 round opened in one year end in the next, and the
question is which year's figure each one counts in. Each expected figure has its derivation
beside it.

Official arrangements used (chinese_calendar 1.11.0, the State Council notices):
2025-12: weekends 12-20/21, 12-27/28 only; 2026 元旦 01-01..01-03 off and **Sun 01-04 worked**
(调休上班); 2026 春节 02-15..02-23 off, Sat 02-14 and Sat 02-28 worked. City limits (working
days after the Beijing day a step opened, due 23:59:59 Beijing): accept 1, sign 1, resolve 15
(投诉), one extension ≤ 15 approved by the due moment, follow-up 2.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
import softenv_county_qingshan
import softenv_county_wanghai
from softenv_core import CITY_OFFICE, Month, assess, year_end
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.complaint_handling import year_unit_rates
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.rules.registry import city_plugin_manager
from softenv_core.testing import beijing, monthly_report, small_dataset
from tests.test_audit_a36 import CAL_2027, PM, _c, _dataset, _due, _ev, _status

sys.path.insert(0, str(Path(__file__).parent.parent / "plugins" / "softenv-county-wanghai" / "tests"))
from test_county_wanghai import _complaint as _wanghai_complaint
from test_county_wanghai import _dataset as _wanghai_dataset

BJ = "+08:00"
YEAR_END = f"2026-01-01T00:00:00{BJ}"  # 2025's end: the first instant of 2026 (docs/complaints.md)
WANGHAI, QINGSHAN = "379982", "379921"


def _rates(ds: se.Dataset, year: int, as_of: datetime | None = None) -> dict[str, Any]:
    # 2026's rates are counted to its end, whose last days wait for the notice for 2027 (元旦;
    # auditor a75 01): read with 2027 as supposed (no day of December 2026 moved).
    cal, params = CAL_2027, se.baseline_parameters()
    return {u.unit: u for u in year_unit_rates(ds, year, PM, cal, params, as_of)}


def _opened_1230() -> list[dict[str, Any]]:
    return [
        _ev("received", f"2025-12-30T10:00:00{BJ}"),
        _ev("accepted", f"2025-12-30T11:00:00{BJ}"),
        _ev("assigned", f"2025-12-30T12:00:00{BJ}", unit="city-amr"),
    ]


# --- 1. A step opened on New Year's Eve, due through the make-up Sunday -------------------------


def test_1_a_resolve_step_opened_on_new_years_eve_counts_in_the_next_years_rate():
    """投诉 received, accepted and assigned Tue 2025-12-30: accept and sign due 1 working day
    after 12-30 = Wed 12-31 23:59:59; signed 12-31 09:00 (in time). Resolve: 15 working days
    after 12-31 — 2026-01-04 (Sun, 调休上班) 1, 01-05..09 2-6, 01-12..16 7-11, 01-19..22 12-15 →
    due Thu 2026-01-22 23:59:59 (without the make-up Sunday: Fri 01-23). Resolved 01-22 16:00:
    in time; 满意 01-26.

    Which year: 2025's rates read the statuses at 2026-01-01 00:00; the resolve step is then
    open and not due — pending, out of 2025's resolution denominator (DESIGN "a step not yet due
    at the instant of the report is left out"): 2025 response 1/1 = 100, resolution none, so no
    combined rate. 2026's rates count the step where its due moment fell: resolution 1/1 = 100,
    satisfaction 1/1 = 100, no sign step in 2026 → no combined."""
    ds = _dataset(
        _c(
            "Y1",
            [
                *_opened_1230(),
                _ev("signed", f"2025-12-31T09:00:00{BJ}"),
                _ev("resolved", f"2026-01-22T16:00:00{BJ}", verdict="substantiated"),
                _ev("followed_up", f"2026-01-26T10:00:00{BJ}", satisfaction="satisfied"),
            ],
        )
    )
    s = _status(ds, "Y1", YEAR_END, ending=True)
    assert (s.state.value, s.open_step.value, _due(s), s.overdue_workdays) == (
        "signed",
        "resolve",
        f"2026-01-22T23:59:59{BJ}",
        0,
    )
    by_step = {st.name: st for st in s.steps}
    assert by_step["accept"].due_at.isoformat() == f"2025-12-31T23:59:59{BJ}"
    assert by_step["sign"].due_at.isoformat() == f"2025-12-31T23:59:59{BJ}"
    y25, y26 = _rates(ds, 2025)["city-amr"], _rates(ds, 2026)["city-amr"]
    assert (y25.response, y25.resolution, y25.combined) == (Decimal("100.00"), None, None)
    assert (y26.response, y26.resolution, y26.satisfaction) == (None, Decimal("100.00"), Decimal("100.00"))


# --- 2. A ticket assigned on New Year's Eve is due to be signed on the make-up Sunday ------------


def test_2_a_ticket_assigned_on_new_years_eve_must_be_signed_on_the_make_up_sunday():
    """Assigned Wed 2025-12-31 18:00, never signed. Sign due 1 working day after 12-31: 01-01..03
    are 元旦 off, Sun 01-04 is worked → due 2026-01-04 23:59:59 (weekends alone would say Mon
    01-05). At 2025's end: not due, not overdue, no 督办 due; 2025's response rate has no
    denominator (pending). At the end of Mon 01-05 (instant 01-06 00:00, a period's end):
    overdue by 1 working day (01-05), 督办 due."""
    ds = _dataset(
        _c(
            "Y2",
            [
                _ev("received", f"2025-12-31T09:00:00{BJ}"),
                _ev("accepted", f"2025-12-31T10:00:00{BJ}"),
                _ev("assigned", f"2025-12-31T18:00:00{BJ}", unit="city-amr"),
            ],
        )
    )
    s = _status(ds, "Y2", YEAR_END, ending=True)
    assert (s.open_step.value, _due(s), s.overdue_workdays, s.supervision_due) == (
        "sign",
        f"2026-01-04T23:59:59{BJ}",
        0,
        False,
    )
    # Nothing of the unit decided in 2025: no row at all (a row would have response None).
    assert "city-amr" not in _rates(ds, 2025)
    s = _status(ds, "Y2", f"2026-01-06T00:00:00{BJ}", ending=True)
    assert (s.overdue_workdays, s.supervision_due) == (1, True)


# --- 3. An extension approved in December moves the step, and its rate, into the next year ------


def _extended(with_extension: bool) -> se.Dataset:
    # Signed Wed 2025-12-10: resolve due 15 working days after: 12-11, 12 (2), 15-19 (7),
    # 22-26 (12), 29, 30, 31 (15) → Wed 12-31 23:59:59. Extension of 10 approved Tue 12-30
    # (before the due moment): 10 working days after 12-31 → 01-04 (Sun, worked) 1, 01-05..09
    # 2-6, 01-12..15 7-10 → Thu 2026-01-15 23:59:59. Resolved 2026-01-15 16:00.
    events = [
        _ev("received", f"2025-12-10T09:00:00{BJ}"),
        _ev("accepted", f"2025-12-10T09:30:00{BJ}"),
        _ev("assigned", f"2025-12-10T10:00:00{BJ}", unit="city-amr"),
        _ev("signed", f"2025-12-10T11:00:00{BJ}"),
    ]
    if with_extension:
        events.append(_ev("extended", f"2025-12-30T17:00:00{BJ}", extension_days=10))
    events.append(_ev("resolved", f"2026-01-15T16:00:00{BJ}", verdict="substantiated"))
    return _dataset(_c("Y3", events))


def test_3_an_extension_approved_in_december_moves_the_resolve_step_into_the_next_years_rate():
    """With the extension: due 2026-01-15 (above); at 2025's end pending, so 2025's resolution
    has no denominator; 2026's is 1/1 = 100 (resolved on its due day). Without it: due 12-31,
    past at 2025's end and undone → 2025's resolution 0/1 = 0, overdue 0 days at that instant
    (no working day after 12-31 has begun — at least 1 once the due moment has passed:
    docs/complaints.md "at least 1"), and 2026 does not count the step again (a step counts in
    one period only: the one its due moment passed in)."""
    ext = _extended(True)
    s = _status(ext, "Y3", YEAR_END, ending=True)
    assert (_due(s), s.overdue_workdays) == (f"2026-01-15T23:59:59{BJ}", 0)
    assert _rates(ext, 2025)["city-amr"].resolution is None
    assert _rates(ext, 2026)["city-amr"].resolution == Decimal("100.00")

    plain = _extended(False)
    s = _status(plain, "Y3", YEAR_END, ending=True)
    assert (_due(s), s.overdue_workdays) == (f"2025-12-31T23:59:59{BJ}", 1)
    assert _rates(plain, 2025)["city-amr"].resolution == Decimal("0.00")
    assert "city-amr" not in _rates(plain, 2026) or _rates(plain, 2026)["city-amr"].resolution is None


# --- 4. A reopening on New Year's Eve -----------------------------------------------------------


def test_4_a_complaint_reopened_on_new_years_eve_splits_its_figures_over_the_two_years():
    """意见 against 市税务局 (投诉, 15): signed Tue 12-02 → resolve due 15 working days after:
    12-03..05 (3), 08-12 (8), 15-19 (13), 22, 23 (15) → Tue 12-23; resolved Fri 12-26: late.
    Follow-up due 2 working days after 12-26: 12-29, 12-30 → done 12-30 不满意 (in time).
    Reopened Wed 12-31 (once, DESIGN): the resolve step opens again, due 15 after 12-31 = Thu
    2026-01-22 (as case 1); resolved Fri 01-23: late by 1.

    2025 (statuses at 2026-01-01 00:00): sign 1/1 = 100; resolution 0/1 (the first, late; the
    reopened one not yet due); satisfaction (0 + 0.9 × 0) / 1 = 0; combined 0.1 × 100 + 0.5 × 0
    + 0.4 × 0 = 10.00. 2026: resolution 0/1 (the reopened step, due and missed in 2026); no
    follow-up and no sign step in 2026."""
    events = [
        _ev("received", f"2025-12-01T10:00:00{BJ}"),
        _ev("accepted", f"2025-12-01T11:00:00{BJ}"),
        _ev("assigned", f"2025-12-01T12:00:00{BJ}", unit="city-tax"),
        _ev("signed", f"2025-12-02T09:00:00{BJ}"),
        _ev("resolved", f"2025-12-26T16:00:00{BJ}", verdict="substantiated"),
        _ev("followed_up", f"2025-12-30T10:00:00{BJ}", satisfaction="unsatisfied"),
        _ev("reopened", f"2025-12-31T10:00:00{BJ}"),
        _ev("resolved", f"2026-01-23T10:00:00{BJ}", verdict="substantiated"),
    ]
    ds = _dataset(_c("Y4", events, department="city-tax"))
    s = _status(ds, "Y4", YEAR_END, ending=True)
    assert (s.state.value, s.open_step.value, _due(s)) == ("reopened", "resolve", f"2026-01-22T23:59:59{BJ}")
    resolves = [st for st in s.steps if st.name == "resolve"]
    assert [st.due_at.date().isoformat() for st in resolves] == ["2025-12-23", "2026-01-22"]
    (follow_up,) = [st for st in s.steps if st.name == "follow_up"]
    assert follow_up.due_at.isoformat() == f"2025-12-30T23:59:59{BJ}"
    y25 = _rates(ds, 2025)["city-tax"]
    assert (y25.response, y25.resolution, y25.satisfaction, y25.combined) == (
        Decimal("100.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("10.00"),
    )
    y26 = _rates(ds, 2026)["city-tax"]
    assert (y26.resolved_due, y26.resolved_on_time, y26.resolution, y26.follow_ups) == (1, 0, Decimal("0.00"), 0)


# --- 5, 6. 望海市's 十佳 condition at the year boundary ----------------------------------------


def _wanghai_pm() -> Any:
    pm = city_plugin_manager()
    pm.register(softenv_county_wanghai, name="wanghai")
    return pm


def _failed(county: Any) -> list[tuple[str, str]]:
    return [(x.rule.id, x.reason) for x in county.conditions if not x.passed]


def test_5_wanghai_ten_overdue_working_days_at_the_years_end_pass_eleven_fail():
    """望海市 第六条: not 先进 if a complaint against its own department stayed overdue by
    **more than** 10 working days in the year (county.379982.topten.max_overdue_workdays = 10).
    Signed Wed 11-26 (the wanghai test's complaint, received and signed that day): resolve due
    15 after: 11-27, 28 (2), 12-01..05 (7), 08-12 (12), 15, 16, 17 (15) → Wed 12-17; never
    resolved. Overdue in 2025 up to the year's last moment: 12-18, 19, 22-26, 29, 30, 31 = 10 →
    not more than 10: eligible. Signed Tue 11-25 → due Tue 12-16 → 12-16 … 12-31 adds 12-17 = 11
    → disqualified, naming K1 and 11. The default instant (2026-01-06 00:00) is after the year's
    end, so the year's days alone count, not 2026-01-04/05."""
    pm = _wanghai_pm()
    ok = assess(_wanghai_dataset(_wanghai_complaint(beijing(2025, 11, 26, 9), None)), 2025, pm, audience=CITY_OFFICE)
    assert _failed(ok.county(WANGHAI)) == [] and ok.county(WANGHAI).topten_eligible
    bad = assess(_wanghai_dataset(_wanghai_complaint(beijing(2025, 11, 25, 9), None)), 2025, pm, audience=CITY_OFFICE)
    assert _failed(bad.county(WANGHAI)) == [
        ("wanghai.topten.no_long_overdue", "本市部门被投诉事项超期超过10个工作日：K1 本年超期11个工作日")
    ]


def test_6_wanghai_the_make_up_sunday_counts_in_the_next_years_overdue_days():
    """The same complaint (due 2025-12-17: 10 days in 2025, eligible in 2025) resolved Fri
    2026-01-16 10:00. 2026's days overdue (after 2025-12-31, up to 01-16): Sun 01-04 (调休上班),
    01-05..09, 01-12..16 = 11 > 10 → 望海市 fails its condition in 2026; a Monday–Friday count
    gives 10 and would pass. Resolved Thu 01-15: 10 → passes. Assessed as of 2026-02-01 (2026's
    December deadline lies in 2027, not yet published): the plugin reads up to min(year's end,
    as_of), and the resolution is known by then."""
    pm = _wanghai_pm()
    as_of = beijing(2026, 2, 1, 0)

    def wanghai_2026(resolved: datetime) -> Any:
        ds = _wanghai_dataset(_wanghai_complaint(beijing(2025, 11, 26, 9), resolved))
        b = small_dataset(2026, counties=("379902", "379921", WANGHAI))
        ds = attrs.evolve(ds, contacts=ds.contacts + b.contacts, reports=ds.reports + b.reports)
        return assess(ds, 2026, pm, audience=CITY_OFFICE, as_of=as_of).county(WANGHAI)

    mine = [x for x in wanghai_2026(beijing(2026, 1, 16, 10)).conditions if x.rule.id.startswith("wanghai.")]
    assert [(x.passed, x.reason) for x in mine] == [
        (False, "本市部门被投诉事项超期超过10个工作日：K1 本年超期11个工作日")
    ]
    mine = [x for x in wanghai_2026(beijing(2026, 1, 15, 10)).conditions if x.rule.id.startswith("wanghai.")]
    assert [x.passed for x in mine] == [True]
    # And 2025 (the same record): 10 days, eligible.
    ds25 = _wanghai_dataset(_wanghai_complaint(beijing(2025, 11, 26, 9), beijing(2026, 1, 16, 10)))
    assert _failed(assess(ds25, 2025, pm, audience=CITY_OFFICE).county(WANGHAI)) == []


# --- 7. 青山县's December report due on the make-up Sunday ---------------------------------------


@pytest.mark.parametrize(
    ("sent", "state", "late", "score", "compliance", "eligible"),
    [
        # On the make-up Sunday itself, at its last second: on time.
        (beijing(2026, 1, 4, 23, 59, 59), "on_time", 0, "100.00", "100.00", True),
        # Monday 01-05, still inside the city's own deadline: late by 1 (01-05) for 青山县:
        # 50; compliance (11 × 100 + 50) / 12 = 95.833… → 95.83; not 先进 (seed 四(三)).
        (beijing(2026, 1, 5, 9), "late", 1, "50.00", "95.83", False),
    ],
)
def test_7_qingshans_december_report_is_due_on_the_make_up_sunday(sent, state, late, score, compliance, eligible):
    """青山县 第五条: due the **3rd**, moved to the next working day. December 2025 → Sat
    2026-01-03 is 元旦 off → next working day Sun 01-04 (调休上班) → due 2026-01-04 23:59:59,
    a day before the city's (Mon 01-05: the 5th is a working day). A county's stricter deadline
    replaces the city's for compliance and 十佳 alike (DESIGN). The year's default instant is
    the moment after the city's December deadline (2026-01-06 00:00), so a report of 01-05 is
    known at it."""
    pm = city_plugin_manager()
    pm.register(softenv_county_qingshan, name="qingshan")
    ds = small_dataset(2025, counties=("379902", QINGSHAN, "379982"))
    reports = (
        *(r for r in ds.reports if r.id != f"R-{QINGSHAN}-2025-12"),
        monthly_report(QINGSHAN, Month(2025, 12), sent),
    )
    a = assess(attrs.evolve(ds, reports=reports), 2025, pm, audience=CITY_OFFICE)
    assert a.as_of == beijing(2026, 1, 6, 0)
    c = a.county(QINGSHAN)
    (dec,) = (m for m in c.months if m.month == Month(2025, 12))
    assert (dec.status.value, dec.due_at, dec.late_workdays, str(dec.score)) == (
        state,
        beijing(2026, 1, 4, 23, 59, 59),
        late,
        score,
    )
    assert (str(c.compliance), c.topten_eligible) == (compliance, eligible)


# --- 8. A second-half round that closes in January ----------------------------------------------

_H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 2), date(2025, 6, 20))
_H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 15), date(2026, 1, 9))


def _with_rounds(ds: se.Dataset, *rounds: AppraisalRound) -> se.Dataset:
    ratings = tuple(
        Rating(r.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for r in rounds for p in ds.points
    )
    return attrs.evolve(ds, appraisal_rounds=rounds, ratings=ratings)


def _appraisal(a: Any, pid: str) -> tuple[str, str, bool]:
    p = next(x for x in a.points if x.id == pid)
    (item,) = (it for it in p.items if it.rule.id == "city.duty.appraisal")
    (both,) = (c for c in p.nomination_conditions if c.rule.id == "city.nominate.both_rounds")
    return str(item.points), item.reason, both.passed


def test_8_a_second_half_round_closing_in_january_is_pending_at_the_default_instant():
    """2025's second round runs 2025-12-15 to 2026-01-09 (its period is 2025 H2). The year's
    default instant, 2026-01-06 00:00 (after December's report deadline, Mon 01-05), falls inside
    the window: the round is not closed, so it counts neither for nor against (DESIGN "An
    explicit instant"): the duty item is 20 × 1/1 over H1 alone and names A25H2 as pending;
    both_rounds is not passed (not decidable) and the assessment says so in a notice. A closed
    date is a whole day: at 2026-01-09 23:59:59 still open; at 2026-01-10 00:00 closed → 20 × 2/2,
    both_rounds passes. 2026's assessment asks nothing of A25H2 (a 2025 round, though its window
    reaches into 2026): a 2026 point rating A26H1 only is 20 × 1/1 with no pending word."""
    ds = _with_rounds(small_dataset(2025), _H1, _H2)
    pid = "P-379902-2"
    a = assess(ds, 2025, audience=CITY_OFFICE)
    assert _appraisal(a, pid) == ("20.00", "应参加万人评议1轮，参加1轮：20 × 1/1；A25H2尚未结束（未到期），不计", False)
    assert any(n.startswith("pending: appraisal round(s) A25H2 not closed at as_of") for n in a.notices)
    a = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2026, 1, 9, 23, 59, 59))
    assert _appraisal(a, pid)[2] is False
    a = assess(ds, 2025, audience=CITY_OFFICE, as_of=beijing(2026, 1, 10, 0))
    assert _appraisal(a, pid) == ("20.00", "应参加万人评议2轮，参加2轮：20 × 2/2", True)

    h26 = AppraisalRound("A26H1", HalfYear(2026, 1), date(2026, 6, 1), date(2026, 6, 19))
    y25, y26 = small_dataset(2025), small_dataset(2026)
    both = attrs.evolve(y26, contacts=y25.contacts + y26.contacts, reports=y25.reports + y26.reports)
    both = _with_rounds(both, h26)
    both = attrs.evolve(both, appraisal_rounds=(_H2, h26))  # A25H2 recorded, nobody rated it
    a = assess(both, 2026, audience=CITY_OFFICE, as_of=beijing(2026, 7, 1, 0))
    item, reason, _ = _appraisal(a, pid)
    assert (item, reason) == ("20.00", "应参加万人评议1轮，参加1轮：20 × 1/1")


# --- 9. A point removed at its own wish and re-designated in the autumn -------------------------


def _change(cid: str, p: Any, action: ChangeAction, reason: ChangeReason, effective: date) -> RosterChange:
    """A roster change of point ``p`` by its own designator, in its county."""
    return RosterChange(cid, p.id, action, reason, effective, p.designated_by, p.county)


def _re_designated() -> se.Dataset:
    """乙县's county point P-379921-2 removed at its own wish from 2025-05-01 (designated until
    04-30), the same enterprise designated again as P-379921-9 from 2025-10-01 and then never
    contacted."""
    ds = small_dataset(2025)
    old = next(p for p in ds.points if p.id == "P-379921-2")
    new = attrs.evolve(old, id="P-379921-9", designated_from=date(2025, 10, 1), designated_until=None)
    points = (*(p for p in ds.points if p.id != old.id), attrs.evolve(old, designated_until=date(2025, 4, 30)), new)
    changes = (
        _change("RC-1", old, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 5, 1)),
        _change("RC-2", new, ChangeAction.ADD, ChangeReason.OTHER, date(2025, 10, 1)),
    )
    contacts = tuple(c for c in ds.contacts if c.point != old.id or c.date <= date(2025, 4, 30))
    return attrs.evolve(ds, points=points, roster_changes=changes, contacts=contacts)


def test_9_a_re_designated_enterprise_is_two_records_each_on_its_own_months():
    """DESIGN "Who owes what, when" and docs/rules.md (a point is its record). The old record owes
    Jan–Apr (4 months), reached in each: contact 30 × 4/4; feedback full at 6 × 4/12 = 2 months,
    4 had items → 30; no round while designated → appraisal 20 (city decision, documented);
    supervision 20 → 100, 优秀. The new record owes Oct–Dec (3), reached in none: contact
    30 × 0/3 = 0, feedback 0, appraisal 20, supervision 20 → 40, 不合格. Neither was designated
    every day of 2025: whole_year fails on each, naming the other record's interval. At the
    adjustment the new record is proposed for removal on both grounds: 不合格 (40.00) and 3
    consecutive months unreached (2025-10—2025-12); the removed old record is proposed nothing.
    乙县's quota counts the county points designated on 12-31: P-379921-9 alone →
    max(1, ⌊0.1 × 1⌋) = 1."""
    ds = _re_designated()
    a = assess(ds, 2025, audience=CITY_OFFICE)
    old = next(p for p in a.points if p.id == "P-379921-2")
    new = next(p for p in a.points if p.id == "P-379921-9")
    assert (len(old.active_months), str(old.total), old.band.value) == (4, "100.00", "excellent")
    assert (len(new.active_months), str(new.total), new.band.value) == (3, "40.00", "fail")
    assert new.active_months[0] == Month(2025, 10)
    for p, other in ((old, "2025-10-01 至今"), (new, "2020-01-01 至 2025-04-30")):
        (whole,) = (c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
        assert not whole.passed and f"另有监测点记录在册 {other}" in whole.reason
    proposals = propose_adjustments(ds, a, audience=CITY_OFFICE)
    assert [(q.point, q.reasons) for q in proposals] == [("P-379921-9", ("unqualified", "unreachable"))]
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    (yi,) = (q for q in ye.commendation.counties if q.county == "379921")
    assert (yi.active_points, yi.quota) == (1, 1)


# --- 10. 全年在册 at both ends of the year, and the quota on 31 December ----------------------------


def test_10_whole_year_from_the_first_of_january_to_a_removal_effective_the_next_first_of_january():
    """甲区's P-379902-2 added effective 2025-01-01 (in the January window) and removed at its own
    wish effective 2026-01-01 (designated until 2025-12-31: a removal effective D ends the day
    before): designated every day of 2025 → whole_year passes; it is designated on 12-31, so it
    counts in 甲区's quota: max(1, ⌊0.1 × 1⌋) = 1 (its other point is 市直). 乙县's P-379921-2
    added effective 2025-01-02 misses 01-01 alone → fails, and the reason names that one day
    once (`2025-01-01 未在册`, not a range from a day to itself)."""
    ds = small_dataset(2025)
    points, changes = [], []
    for p in ds.points:
        if p.id == "P-379902-2":
            p = attrs.evolve(p, designated_from=date(2025, 1, 1), designated_until=date(2025, 12, 31))
            changes += [
                _change("RC-a", p, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 1, 1)),
                _change("RC-r", p, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2026, 1, 1)),
            ]
        elif p.id == "P-379921-2":
            p = attrs.evolve(p, designated_from=date(2025, 1, 2))
            changes.append(_change("RC-b", p, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 1, 2)))
        points.append(p)
    ds = attrs.evolve(ds, points=tuple(points), roster_changes=tuple(changes))
    a = assess(ds, 2025, audience=CITY_OFFICE)

    def whole(pid: str) -> tuple[bool, str]:
        p = next(x for x in a.points if x.id == pid)
        (c,) = (c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
        return c.passed, c.reason

    assert whole("P-379902-2") == (True, "满足")
    assert whole("P-379921-2") == (False, "在册 2025-01-02 至今，未覆盖2025年全年（2025-01-01 未在册）")
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    (jia,) = (q for q in ye.commendation.counties if q.county == "379902")
    assert (jia.active_points, jia.quota) == (1, 1)


# --- 11. 青山县's December missing at the default instant: open until its own grace ends ----------


def test_11_qingshans_missing_december_is_open_until_its_own_grace_ends():
    """No December report from 青山县 at the default instant (2026-01-06 00:00): its deadline
    was Sun 01-04 (case 7), so it is missing, 0, and open to a late report while it would be late
    by at most compliance.late_grace_workdays 3: late by 1 on Mon 01-05, 2 on 01-06, 3 on Wed
    01-07 → open until 2026-01-07 23:59:59 (the city's own deadline of 01-05 would give 01-08).
    The notice names it."""
    pm = city_plugin_manager()
    pm.register(softenv_county_qingshan, name="qingshan")
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if r.id != f"R-{QINGSHAN}-2025-12"))
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    (dec,) = (m for m in a.county(QINGSHAN).months if m.month == Month(2025, 12))
    assert (dec.status.value, str(dec.score), dec.open_until) == ("missing", "0.00", beijing(2026, 1, 7, 23, 59, 59))
    assert any(f"{QINGSHAN} 2025-12 (until 2026-01-07T23:59:59+08:00)" in n for n in a.notices)
    assert not a.county(QINGSHAN).topten_eligible


# --- 12. A 督办 before the reopening does not answer for the reopened step ------------------------


def test_12_supervision_of_the_first_resolve_step_does_not_cover_the_reopened_one():
    """Signed Tue 12-02 → resolve due Tue 12-23 (case 4); 督办 recorded Wed 12-24 09:00 (overdue
    by 1: 12-24); resolved 12-26, 不满意 12-30, reopened 12-31 → the resolve step opens again,
    due 2026-01-22. DESIGN "Overdue → supervision (督办) is due", docs/complaints.md: due when
    overdue and no 督办 since **the step fell overdue** (auditor a70 05). At the end of 12-24: 1
    day overdue, 督办 recorded that day, after it fell overdue → not due. At the end of Fri
    2026-01-23: the reopened step 1 day overdue (01-23), the only 督办 was before it opened, so
    before it fell overdue → due. At the end of Mon 01-26: 01-23, 01-26 = 2 days."""
    events = [
        _ev("received", f"2025-12-01T10:00:00{BJ}"),
        _ev("accepted", f"2025-12-01T11:00:00{BJ}"),
        _ev("assigned", f"2025-12-01T12:00:00{BJ}", unit="city-tax"),
        _ev("signed", f"2025-12-02T09:00:00{BJ}"),
        _ev("supervised", f"2025-12-24T09:00:00{BJ}"),
        _ev("resolved", f"2025-12-26T16:00:00{BJ}", verdict="substantiated"),
        _ev("followed_up", f"2025-12-30T10:00:00{BJ}", satisfaction="unsatisfied"),
        _ev("reopened", f"2025-12-31T10:00:00{BJ}"),
    ]
    ds = _dataset(_c("Y5", events, department="city-tax"))
    s = _status(ds, "Y5", f"2025-12-25T00:00:00{BJ}", ending=True)
    assert (s.open_step.value, _due(s), s.overdue_workdays, s.supervision_due) == (
        "resolve",
        f"2025-12-23T23:59:59{BJ}",
        1,
        False,
    )
    s = _status(ds, "Y5", f"2026-01-24T00:00:00{BJ}", ending=True)
    assert (_due(s), s.overdue_workdays, s.supervision_due) == (f"2026-01-22T23:59:59{BJ}", 1, True)
    s = _status(ds, "Y5", f"2026-01-27T00:00:00{BJ}", ending=True)
    assert (s.overdue_workdays, s.supervision_due) == (2, True)


# --- 13. A common problem spanning the year boundary --------------------------------------------


def test_13_a_common_problem_raised_november_to_january_is_the_january_reports_not_a_year_ends():
    """The same matter (收费, 市市场监管局) raised in contacts by 甲区's point on 2025-11-20, 乙县's
    on 12-15 and 丙市's on 2026-01-12: 3 points (common.min_points) in 3 counties (≥ 2) within
    common.window_months 3 months (DESIGN "Common problems"). December's window (Oct–Dec) holds 2
    points: none. January 2026's (Nov–Jan) holds 3: a candidate. The 2025 year end's 专项调研
    candidates read 2025's months only (docs/yearend.md): 2 points, none — the policy is silent
    on a window across the year; the library's reading (each year end its own year, the monthly
    report's sliding window across it) is documented in docs/yearend.md."""
    from softenv_core.analyses.common_problems import common_problems
    from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory

    y25, y26 = small_dataset(2025), small_dataset(2026)
    ds = attrs.evolve(y26, contacts=y25.contacts + y26.contacts, reports=y25.reports + y26.reports)
    points = {p.id: p for p in ds.points}

    def fees(cid: str, pid: str, day: date) -> Contact:
        item = Item(ItemCategory.FEES, "检测费用偏高", "city-amr")
        return Contact(cid, pid, day, ContactMethod.VISIT, points[pid].liaison, True, (item,))

    ds = attrs.evolve(
        ds,
        contacts=(
            *ds.contacts,
            fees("X1", "P-379902-2", date(2025, 11, 20)),
            fees("X2", "P-379921-2", date(2025, 12, 15)),
            fees("X3", "P-379981-2", date(2026, 1, 12)),
        ),
    )
    params = se.baseline_parameters()

    # small_dataset's points report 经营状况 naming no department every month: since auditor a70
    # 03 a common problem of its own (docs/rules.md "Open: items naming no department").
    def fees_only(found):
        return tuple(p for p in found if p.category == "fees")

    assert fees_only(common_problems(ds, Month(2025, 12), params)) == ()
    (jan,) = fees_only(common_problems(ds, Month(2026, 1), params))
    assert (jan.category, jan.department, jan.first_month, sorted(jan.points)) == (
        "fees",
        "city-amr",
        Month(2025, 11),
        ["P-379902-2", "P-379921-2", "P-379981-2"],
    )
    assert fees_only(year_end(ds, 2025, audience=CITY_OFFICE).topics) == ()


# --- 14. A round of 2025 that closed in 2024 ----------------------------------------------------


def test_14_a_round_of_a_year_closed_before_that_year_began_is_refused():
    """DESIGN "万人评议": rounds are the year's (year, first or second half; seed 三(一) 每年两次).
    A round of 2025-H2 whose window is 2024-12-02..12-20 closed before 2025 began: whatever its
    half means (the half rated or the half it is held in), a round of 2025 cannot be over in
    2024 — the year typed wrong. It was accepted, and then owed by every point designated in
    December 2024 (the window overlaps their interval) and held against them in 2025's duty
    score and both_rounds, while a point designated from 2025-01-01 owed it not: DESIGN
    principle 3 (impossible orders of events are errors with a $.path). Refused by its path;
    a round of 2025-H2 closing in January 2026 (case 8) and one of 2025-H1 held in September
    (late, not impossible) still load."""
    from softenv_core import InputError, loads_dataset
    from softenv_core.cli.output import problem_text
    from softenv_core.io.dataset_files import dataset_json

    def rounds(*r: AppraisalRound) -> se.Dataset:
        return attrs.evolve(small_dataset(2025), appraisal_rounds=r)

    typo = AppraisalRound("A25H2", HalfYear(2025, 2), date(2024, 12, 2), date(2024, 12, 20))
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(rounds(typo)))
    wanted = (
        "$.appraisal_rounds[0] (A25H2).closed: 2024-12-20 is before the year of its period 2025-H2; "
        "a round is held in its year or later"
    )
    assert list(refused.value.problems) == [wanted]
    assert problem_text(wanted, "zh").endswith(
        "结束日期 2024-12-20 早于所属期间 2025-H2 的年度；万人评议轮次只能在其所属年度或之后举行"
    )
    late = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 9, 1), date(2025, 9, 19))
    loads_dataset(dataset_json(rounds(late, _H2)))
