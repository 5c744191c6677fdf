"""Auditor a46: complaint handling (直接反馈: 投诉 / 举报 / 意见建议) and the monthly report's
complaint figures, worked out by hand from the policy: seed 三(三) (市软建办 承办、督办 direct
feedback); DESIGN "City baseline": "Complaint limits (working days)", "An explicit instant";
docs/complaints.md ("Limits and status", "An instant", "Rates per handling unit");
docs/monitoring.md (sections 一 趋势, 五, 八). Each expected figure has its derivation beside it.

Official arrangement for 2025 (chinesecalendar, the State Council notice): 清明 04-04..04-06 off;
劳动节 05-01..05-05 off, **Sun 04-27 worked**; 端午 05-31..06-02 off; 国庆中秋 10-01..10-08
off, **Sun 09-28 and Sat 10-11 worked**. 2026: 劳动节 05-01..05-05 off, Sat 05-09 worked.
City limits, working days after the Beijing day the step opened, due 23:59:59 Beijing:
accept 1, sign 1, resolve 15 (投诉, 举报) / 5 (意见建议), one extension ≤ 15 approved by the
due moment, follow-up 2. Rates: response 10 %, resolution 50 %, satisfaction 40 %, 基本满意
credited 0.9 (`complaint.rate_weights`, `complaint.basically_credit`).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import softenv_core as se
from softenv_core import Month
from softenv_core.analyses.complaint_handling import year_unit_rates
from softenv_core.analyses.complaint_states import SECOND_EXTENSION
from tests.test_audit_a36 import EXAMPLE, PM, _c, _dataset, _due, _ev, _opened, _status

BJ = "+08:00"


def _t(moment: str) -> str:
    return f"{moment}{BJ}"


def _res(at: str) -> dict[str, Any]:
    return _ev("resolved", _t(at), verdict="substantiated")


def _fu(at: str, satisfaction: str) -> dict[str, Any]:
    return _ev("followed_up", _t(at), satisfaction=satisfaction)


def _closed(at: str) -> dict[str, Any]:
    return _ev("closed", _t(at))


def _seq(*parts: dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events in order, each part an event or a list of them."""
    return [e for part in parts for e in (part if isinstance(part, list) else [part])]


def _rates(report: se.MonitoringReport) -> dict[str, tuple[Any, ...]]:
    counts = ("assigned", "signed_on_time", "resolved_due", "resolved_on_time", "follow_ups")
    shown = ("response", "resolution", "satisfaction", "combined")
    return {u.unit: tuple(getattr(u, name) for name in (*counts, *shown)) for u in report.unit_rates}


def _may_2025() -> se.Dataset:
    """city-amr's and city-tax's tickets of May 2025 (cases 9 to 13)."""
    return _dataset(
        # K1..K3 assigned Tue 05-06: sign due Wed 05-07. K2 signed Thu 05-08: late.
        _c(
            "K1",
            _seq(
                _opened("2025-05-06", signed="2025-05-06"),
                _res("2025-05-09T10:00:00"),
                _fu("2025-05-12T10:00:00", "satisfied"),
                _closed("2025-05-12T11:00:00"),
            ),
        ),
        _c(
            "K2",
            _seq(
                _opened("2025-05-06", signed="2025-05-08"),
                _res("2025-05-09T10:00:00"),
                _fu("2025-05-12T10:00:00", "basically"),
                _closed("2025-05-12T11:00:00"),
            ),
        ),
        _c(
            "K3",
            _seq(
                _opened("2025-05-06", signed="2025-05-06"),
                _res("2025-05-09T10:00:00"),
                _fu("2025-05-12T10:00:00", "basically"),
                _closed("2025-05-12T11:00:00"),
            ),
        ),
        # K4: signed Mon 04-07; resolve 15: 04-08..11 (4), 14..18 (9), 21..25 (14), Sun 04-27
        # (补班, 15) → due 04-27. Resolved late 05-06, 不满意 05-07, reopened 05-07: 15 after
        # 05-07: 05-08, 09, 12..16, 19..23, 26, 27, 28 → due 05-28; resolved late 05-30.
        _c(
            "K4",
            _seq(
                _opened("2025-04-07", signed="2025-04-07"),
                _res("2025-05-06T10:00:00"),
                _fu("2025-05-07T10:00:00", "unsatisfied"),
                _ev("reopened", _t("2025-05-07T11:00:00")),
                _res("2025-05-30T10:00:00"),
            ),
        ),
        # K5 (city-tax): resolved Thu 05-29; followed up at 2025-06-01 00:00:00 Beijing, in UTC.
        _c(
            "K5",
            _seq(
                _opened("2025-05-26", unit="city-tax", signed="2025-05-26"),
                _res("2025-05-29T10:00:00"),
                _ev("followed_up", "2025-05-31T16:00:00Z", satisfaction="satisfied"),
            ),
        ),
        # K6: assigned Thu 05-29, never signed: sign due Fri 05-30.
        _c("K6", _opened("2025-05-29")),
        # K7: resolved Mon 05-26 (in time), never followed up: follow-up due Wed 05-28.
        _c("K7", [*_opened("2025-05-19", signed="2025-05-19"), _res("2025-05-26T10:00:00")]),
        # RJ: received 05-20 and not accepted (不予受理): no unit, no step after.
        _c(
            "RJ",
            [_ev("received", _t("2025-05-20T10:00:00")), _ev("rejected", _t("2025-05-21T10:00:00"), note="非受理范围")],
        ),
    )


# --- the limits on the official calendar ---------------------------------------------------------


def test_01_complaint_limits_resolve_5_for_a_suggestion_15_for_a_complaint_across_labour_day():
    """DESIGN "Complaint limits": resolve 5 (意见建议) / 15 (投诉). Signed Mon 2025-04-28.
    意见建议: 04-29 (1), 04-30 (2), [05-01..05-05 off], 05-06 (3), 07 (4), 08 (5) → Thu 05-08.
    投诉: 05-09 (6), 05-12..16 (11), 05-19..22 (15) → Thu 05-22."""
    ds = _dataset(
        _c("S5", _opened("2025-04-28", signed="2025-04-28"), kind="suggestion"),
        _c("C15", _opened("2025-04-28", signed="2025-04-28")),
    )
    assert _due(_status(ds, "S5", _t("2025-04-29T00:00:00"))) == _t("2025-05-08T23:59:59")
    assert _due(_status(ds, "C15", _t("2025-04-29T00:00:00"))) == _t("2025-05-22T23:59:59")


def test_02_complaint_limits_a_report_across_national_day_counts_both_make_up_days():
    """举报 resolve 15, signed Thu 2025-09-25: 09-26 (1), Sun 09-28 补班 (2), 09-29 (3), 09-30 (4),
    [10-01..10-08 off], 10-09 (5), 10-10 (6), Sat 10-11 补班 (7), 10-13..17 (12), 10-20..22 (15)
    → Wed 10-22 (without the two make-up days it would be Fri 10-24)."""
    ds = _dataset(_c("R15", _opened("2025-09-25", signed="2025-09-25"), kind="report"))
    assert _due(_status(ds, "R15", _t("2025-09-26T00:00:00"))) == _t("2025-10-22T23:59:59")


def test_03_a_step_opens_on_its_beijing_day_23_59_59_and_00_00_written_in_utc():
    """docs/complaints.md "Limits and status": a step's clock starts on the (Beijing) day of its
    event. 2025-03-13T15:59:59Z is Thu 23:59:59 Beijing → accept due Fri 03-14; one second later,
    16:00:00Z, is Fri 00:00 → due the next working day, Mon 03-17."""
    ds = _dataset(
        _c("A1", [_ev("received", "2025-03-13T15:59:59Z")]),
        _c("A2", [_ev("received", "2025-03-13T16:00:00Z")]),
    )
    assert _due(_status(ds, "A1", _t("2025-03-14T10:00:00"))) == _t("2025-03-14T23:59:59")
    assert _due(_status(ds, "A2", _t("2025-03-14T10:00:00"))) == _t("2025-03-17T23:59:59")


# --- extensions, returns, reopening, supervision -------------------------------------------------


def test_04_one_extension_of_the_full_15_approved_at_the_due_second_moves_a_suggestion():
    """DESIGN: "one extension of at most 15, approved before the due date". 意见建议 signed Mon 2025-06-09:
    5 → 06-10..13 (4), 06-16 (5) → due Mon 06-16. Extension of 15 at 06-16 23:59:59 (in time,
    the due second included): 15 after 06-16: 06-17..20 (4), 23..27 (9), 30 (10), 07-01..04
    (14), 07-07 (15) → 07-07. Resolved 07-07 23:59:59: on time; no problem listed."""
    events = [*_opened("2025-06-09", signed="2025-06-09")]
    events += [_ev("extended", _t("2025-06-16T23:59:59"), extension_days=15), _res("2025-07-07T23:59:59")]
    ds = _dataset(_c("X1", events, kind="suggestion"))
    s = _status(ds, "X1", _t("2025-07-08T00:00:00"))
    (resolve,) = [st for st in s.steps if st.name == "resolve"]
    assert (resolve.due_at.isoformat(), resolve.on_time, s.problems) == (_t("2025-07-07T23:59:59"), True, ())


def test_05_a_second_extension_is_refused_naming_the_event():
    """DESIGN: "one extension": a second 延期 is an impossible order, refused with where and what."""
    events = [*_opened("2025-06-09", signed="2025-06-09")]
    events += [_ev("extended", _t(f"2025-06-1{d}T10:00:00"), extension_days=5) for d in (0, 1)]
    with pytest.raises(se.SoftenvError, match=r"\$\.complaints\[0\] \(X2\)\.events\[5\]: extended cannot follow"):
        _dataset(_c("X2", events, kind="suggestion"))


def test_06_reopened_once_a_second_unsatisfied_closes_unflagged_and_cannot_reopen_again():
    """DESIGN: "Unsatisfied follow-up reopens it once." After the one reopening, a second 不满意 is
    followed by 结案 — not the flagged case (closed after 不满意 *never reopened*); a second
    重办 is refused."""
    first = [*_opened("2025-03-03", signed="2025-03-03"), _res("2025-03-10T10:00:00")]
    first += [_fu("2025-03-11T10:00:00", "unsatisfied"), _ev("reopened", _t("2025-03-11T11:00:00"))]
    first += [_res("2025-03-20T10:00:00"), _fu("2025-03-21T10:00:00", "unsatisfied")]
    ds = _dataset(_c("RO", [*first, _closed("2025-03-21T11:00:00")]))
    s = _status(ds, "RO", _t("2025-04-01T00:00:00"), ending=True)
    assert (s.state, s.open_step, s.problems) == ("closed", None, ())
    with pytest.raises(se.SoftenvError, match="reopened at most once"):
        _dataset(_c("RO2", [*first, _ev("reopened", _t("2025-03-21T11:00:00"))]))


def test_07_two_returns_then_the_city_office_handles_it_and_each_unit_answers_for_its_sign_step():
    """docs/complaints.md "Events": after two returns 市软建办 handles it (unit city-office);
    "A ticket returned (退回) is not signed" (DESIGN). Assigned to city-amr Mon 03-03, returned;
    city-tax Tue 03-04, returned; city-office Wed 03-05 10:00, signed Thu 03-06 (due 03-06: in
    time). Resolve 15 after 03-06: 03-07, 10..14, 17..21, 24..27 → Thu 03-27, open at March's
    end → resolution 0/1. March response: city-amr 0/1, city-tax 0/1, city-office 1/1."""
    events = [*_opened("2025-03-03"), _ev("returned", _t("2025-03-03T15:00:00"))]
    events += [_ev("assigned", _t("2025-03-04T09:00:00"), unit="city-tax"), _ev("returned", _t("2025-03-05T09:00:00"))]
    ds = _dataset(
        _c(
            "RT",
            [
                *events,
                _ev("assigned", _t("2025-03-05T10:00:00"), unit="city-office"),
                _ev("signed", _t("2025-03-06T09:00:00")),
            ],
        )
    )
    report = se.monitoring_report(ds, Month(2025, 3), PM, audience="city")
    zero, hundred = Decimal("0.00"), Decimal("100.00")
    assert _rates(report) == {
        "city-amr": (1, 0, 0, 0, 0, zero, None, None, None),
        "city-tax": (1, 0, 0, 0, 0, zero, None, None, None),
        "city-office": (1, 1, 1, 0, 0, hundred, zero, None, None),
    }
    (row,) = report.complaints
    assert (row.unit, row.open_step, row.due_at.isoformat()) == ("city-office", "resolve", _t("2025-03-27T23:59:59"))
    with pytest.raises(se.SoftenvError, match="after two returns"):
        _dataset(_c("RT2", [*events, _ev("assigned", _t("2025-03-05T10:00:00"), unit="city-amr")]))


def test_08_an_overdue_follow_up_makes_supervision_due_until_it_is_recorded():
    """DESIGN: "follow-up (回访) within 2 after resolution. Overdue → supervision (督办) is due."
    Resolved Thu 2025-04-03: 2 working days after it, 04-04..06 being 清明: Mon 04-07, Tue 04-08
    → due 04-08 23:59:59. At that second: not overdue. Wed 04-09 noon: 1 working day overdue,
    督办 due; 督办 recorded at 13:00: no longer due, still 1 day overdue."""
    events = [*_opened("2025-03-20", signed="2025-03-20"), _res("2025-04-03T10:00:00")]
    ds = _dataset(_c("FU", events), _c("FS", [*events, _ev("supervised", _t("2025-04-09T13:00:00"))]))
    s = _status(ds, "FU", _t("2025-04-08T23:59:59"))
    assert (s.open_step, _due(s), s.overdue_workdays, s.supervision_due) == (
        "follow_up",
        _t("2025-04-08T23:59:59"),
        0,
        False,
    )
    s = _status(ds, "FU", _t("2025-04-09T12:00:00"))
    assert (s.overdue_workdays, s.supervision_due) == (1, True)
    s = _status(ds, "FS", _t("2025-04-09T14:00:00"))
    assert (s.overdue_workdays, s.supervision_due) == (1, False)


# --- 三率 per handling unit ---------------------------------------------------------------------


def test_09_may_rates_per_unit_with_basically_credit_and_the_weights():
    """DESIGN "Rates per handling unit"; docs "a step counts in one period only". city-amr, May:
    sign steps due or done in May: K1, K2 (late), K3, K6 (due 05-30, unsigned), K7 → 3/5 = 60.00.
    Resolve steps: K1, K2, K3, K7 in time, K4's reopened one (due 05-28, done 05-30) late → 4/5 =
    80.00 (K4's first one was due 04-27: April's). Follow-ups in May: 满意 K1, 基本满意 K2 K3,
    不满意 K4 → (1 + 0.9 × 2) / 4 = 70.00. Combined 0.1 × 60 + 0.5 × 80 + 0.4 × 70 = 74.00.
    city-tax: K5 signed and resolved in time, its follow-up stamped 06-01 00:00 is June's →
    100 / 100 / no satisfaction → no combined. RJ (不予受理) has no unit: in no rate."""
    report = se.monitoring_report(_may_2025(), Month(2025, 5), PM, audience="city")
    d = Decimal
    assert _rates(report) == {
        "city-amr": (5, 3, 5, 4, 4, d("60.00"), d("80.00"), d("70.00"), d("74.00")),
        "city-tax": (1, 1, 1, 1, 0, d("100.00"), d("100.00"), None, None),
    }


def test_10_april_june_and_the_years_rates_are_where_each_step_fell():
    """April, city-amr: K4 signed in time 1/1; resolve due Sun 04-27 (补班) undone at April's end
    → 0/1; no follow-up → no combined. June, city-tax: K5's follow-up at 2025-06-01 00:00 Beijing
    (written 05-31T16:00Z) → satisfaction 1/1 = 100, nothing else. Year 2025, city-amr: sign
    1 + 3 of 1 + 5 = 4/6 = 66.67; resolve 0 + 4 of 1 + 5 = 66.67; satisfaction 70.00;
    combined 0.1 × 66.67 + 0.5 × 66.67 + 0.4 × 70 = 40 + 28 = 68.00 (from the exact 2/3)."""
    ds, d = _may_2025(), Decimal
    april = se.monitoring_report(ds, Month(2025, 4), PM, audience="city")
    assert _rates(april) == {"city-amr": (1, 1, 1, 0, 0, d("100.00"), d("0.00"), None, None)}
    june = se.monitoring_report(ds, Month(2025, 6), PM, audience="city")
    assert _rates(june)["city-tax"] == (0, 0, 0, 0, 1, None, None, d("100.00"), None)
    year = {u.unit: u for u in year_unit_rates(ds, 2025, PM, se.WorkCalendar(), se.baseline_parameters(), None)}
    amr = year["city-amr"]
    assert (amr.response, amr.resolution, amr.satisfaction, amr.combined) == (
        d("66.67"),
        d("66.67"),
        d("70.00"),
        d("68.00"),
    )


# --- the monthly report's complaint figures -----------------------------------------------------


def test_11_may_report_section_five_received_resolved_overdue_by_hand():
    """docs/monitoring.md 五: received in May K1 K2 K3 K5 K6 K7 RJ = 7 (K4 came in April); resolved
    in May K1 K2 K3 K4 (twice, counted once) K5 K7 = 6; overdue at May's end (06-01 00:00): K6's
    sign (due Fri 05-30; Sat 05-31 not a working day → the minimum 1, 督办 due) and K7's
    follow-up (due Wed 05-28: 05-29, 05-30 → 2, 督办 due) = 2. K4's follow-up (resolved Fri
    05-30: 06-03, 06-04, 端午 off) and K5's (06-03) are not yet due."""
    report = se.monitoring_report(_may_2025(), Month(2025, 5), PM, audience="city")
    assert (report.complaints_received, report.complaints_resolved, report.complaints_overdue) == (7, 6, 2)
    rows = {q.id: (q.open_step, _due(q), q.overdue_workdays, q.supervision_due) for q in report.complaints}
    assert rows["K6"] == ("sign", _t("2025-05-30T23:59:59"), 1, True)
    assert rows["K7"] == ("follow_up", _t("2025-05-28T23:59:59"), 2, True)
    assert rows["K4"] == ("follow_up", _t("2025-06-04T23:59:59"), 0, False)
    assert rows["K5"] == ("follow_up", _t("2025-06-03T23:59:59"), 0, False)
    assert rows["RJ"] == (None, None, 0, False)


def _may_2026() -> se.Dataset:
    return _dataset(
        # A: May 2025, assigned Mon 05-12, never signed: overdue ever since.
        _c("A", _opened("2025-05-12")),
        # B: April 2026, signed Mon 04-13; resolved Wed 05-06 in time; follow-up due Fri 05-08.
        _c("B", [*_opened("2026-04-13", signed="2026-04-13"), _res("2026-05-06T10:00:00")]),
        # C, D: received and resolved in May 2026; follow-ups due 05-14 and 05-15, not made.
        _c("C", [*_opened("2026-05-11", signed="2026-05-11"), _res("2026-05-12T10:00:00")]),
        _c("D", [*_opened("2026-05-12", signed="2026-05-12"), _res("2026-05-13T10:00:00")]),
        # E: assigned Thu 05-28, unsigned: sign due Fri 05-29.
        _c("E", _opened("2026-05-28")),
    )


def test_12_trends_against_the_previous_month_and_the_same_month_a_year_before():
    """docs/monitoring.md 一 趋势: complaints received / resolved / overdue. May 2026: received
    C D E = 3, resolved B C D = 3, overdue at the month's end A (sign) B C D (follow-up) E (sign)
    = 5. April 2026: received B = 1, resolved 0, overdue A = 1. May 2025: received A = 1,
    resolved 0, overdue A (sign due 05-13) = 1. So +2 / +3 / +4 against both."""
    view = se.monitoring_report(_may_2026(), Month(2026, 5), PM, audience="city").trends
    assert view is not None
    got = {
        key: (view.row(key).current.value, view.row(key).previous.value, view.row(key).last_year.value)
        for key in ("complaints_received", "complaints_resolved", "complaints_overdue")
    }
    assert got == {"complaints_received": (3, 1, 1), "complaints_resolved": (3, 0, 0), "complaints_overdue": (5, 1, 1)}


def test_13_the_overdue_count_is_called_overdue_at_month_end_not_overdue_unresolved():
    """The overdue count is of complaints with any step overdue at the month's end (DESIGN:
    "Overdue → supervision (督办) is due", at every step): B, C and D are 办结 in May 2026 and
    counted overdue for their follow-ups. Calling the 5 超期未办结 (overdue and not resolved) beside
    "办结3件" said that 3 just resolved were unresolved; section 五 says 月末超期, as the summary,
    the trend sentence, its table and the English report must."""
    report = se.monitoring_report(_may_2026(), Month(2026, 5), PM, audience="city")
    zh, en = se.render_markdown(report), se.render_markdown(report, "en")
    assert "本月收到3件，办结3件，月末超期5件。" in zh
    assert "本月月末超期直接反馈 5 件，较上月增加 4 件，较去年同月增加 4 件" in zh
    assert "| 月末超期直接反馈 | 5 | 1 | +4 | 1 | +4 |" in zh
    assert "超期未办" not in zh
    assert "not resolved" not in en


def test_14_a_reopened_suggestion_has_5_working_days_again_across_national_day():
    """docs/complaints.md: "signed or reopened → resolve", limit read for the day the step opened.
    意见建议 signed Mon 2025-09-15, resolved 09-19, 不满意 and reopened Fri 09-26: 5 after 09-26:
    Sun 09-28 补班 (1), 09-29 (2), 09-30 (3), [10-01..10-08 off], 10-09 (4), 10-10 (5) → Fri 10-10.
    Resolved again Sat 10-11 (补班) 09:00: late, so at October's end the reopened step fails
    October's resolution rate (0/1) while September's first one was in time (1/1)."""
    events = _seq(_opened("2025-09-15", signed="2025-09-15"), _res("2025-09-19T10:00:00"))
    events += [_fu("2025-09-26T09:00:00", "unsatisfied"), _ev("reopened", _t("2025-09-26T10:00:00"))]
    ds = _dataset(_c("SR", [*events, _res("2025-10-11T09:00:00")], kind="suggestion"))
    s = _status(ds, "SR", _t("2025-10-10T12:00:00"))
    assert (s.open_step, _due(s)) == ("resolve", _t("2025-10-10T23:59:59"))
    d = Decimal
    september = se.monitoring_report(ds, Month(2025, 9), PM, audience="city")
    assert _rates(september)["city-amr"][5:8] == (d("100.00"), d("100.00"), d("0.00"))
    october = se.monitoring_report(ds, Month(2025, 10), PM, audience="city")
    assert _rates(october)["city-amr"][2:4] == (1, 0)


def test_15_a_supervision_recorded_before_the_step_is_overdue_does_not_answer_it():
    """The policy says "Overdue → supervision (督办) is due". Signed Mon 2025-06-09, 意见建议 due
    Mon 06-16; 督办 on 06-12 (not yet overdue); at Wed 06-18 noon: 06-17, 06-18 (begun) → 2 days
    overdue. docs/complaints.md read "no 督办 since the step opened" until auditor a70 05: the
    06-12 督办 was a reminder inside the limit, and the overdue step is supervised by none, so
    supervision is due, as without it; a 督办 on 06-17 answers it."""
    events = _seq(_opened("2025-06-09", signed="2025-06-09"))
    ds = _dataset(
        _c("E1", [*events, _ev("supervised", _t("2025-06-12T10:00:00"))], kind="suggestion"),
        _c("E2", events, kind="suggestion"),
        _c("E3", [*events, _ev("supervised", _t("2025-06-17T09:00:00"))], kind="suggestion"),
    )
    s1, s2, s3 = (_status(ds, cid, _t("2025-06-18T12:00:00")) for cid in ("E1", "E2", "E3"))
    assert (_due(s1), s1.overdue_workdays, s1.supervision_due) == (_t("2025-06-16T23:59:59"), 2, True)
    assert (s2.overdue_workdays, s2.supervision_due) == (2, True)
    assert (s3.overdue_workdays, s3.supervision_due) == (2, False)


def test_16_open_matters_age_in_calendar_days_and_the_60_day_mark():
    """docs/rules.md "follow-up of matters": a matter open followup.long_open_days (60) days or more
    is long open; docs/monitoring.md 四: age in days to the month's last day. Items of category
    difficulty raised in contacts of 2025-01-30 and 01-31, never followed up: at 2025-03-31,
    1 + 28 + 31 = 60 and 59 days → one long open. An operations item (经营状况) is not a matter."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))

    def contact(cid: str, day: str, category: str = "difficulty") -> dict[str, Any]:
        item = {"category": category, "text": "用工紧张", "department": "city-amr", "point": None}
        return {"id": cid, "point": "P-379902-1", "date": day, "method": "visit", "liaison": "379902"} | {
            "reached": True,
            "items": [item],
            "note": None,
        }

    doc["contacts"] += [
        contact("M60", "2025-01-30"),
        contact("M59", "2025-01-31"),
        contact("MOP", "2025-01-30", "operations"),
    ]
    report = se.monitoring_report(se.loads_dataset(doc), Month(2025, 3), PM, audience="city")
    rows = [(m.record, m.age_days, m.long_open, m.last_step) for m in report.open_matters]
    assert rows == [("M60", 60, True, None), ("M59", 59, False, None)]
    assert report.open_matters_long == 1


def test_17_the_one_extension_is_the_complaints_not_each_resolve_steps():
    """DESIGN says "one extension of at most 15"; it does not say whether a reopened resolve step
    gets its own. The library chose one per complaint (docs/complaints.md says so). Reopened Tue
    2025-03-11: 15 after it: 03-12..14 (3), 17..21 (8), 24..28 (13), 31 (14), 04-01 (15) →
    04-01; an extension of 5 then, the complaint's first: 04-02, 04-03, [清明 04-04..06], 04-07,
    08, 09 → 04-09. Had the first resolve step been extended (and the extension applied), the
    second is not applied: listed in the status's problems, the reopened step still due 04-01. It
    used to be refused at load whether or not the first was applied (auditor a82 05: only an
    applied extension uses up the complaint's one; updated by fa82)."""
    first = [*_opened("2025-03-03", signed="2025-03-03"), _res("2025-03-10T10:00:00")]
    again = [_fu("2025-03-11T10:00:00", "unsatisfied"), _ev("reopened", _t("2025-03-11T11:00:00"))]
    extend = _ev("extended", _t("2025-03-12T10:00:00"), extension_days=5)
    ds = _dataset(_c("X3", [*first, *again, extend]))
    s = _status(ds, "X3", _t("2025-03-13T10:00:00"))
    assert (s.open_step, _due(s), s.problems) == ("resolve", _t("2025-04-09T23:59:59"), ())
    early = _ev("extended", _t("2025-03-05T10:00:00"), extension_days=5)
    ds = _dataset(_c("X4", [*first[:-1], early, first[-1], *again, extend]))
    s = _status(ds, "X4", _t("2025-03-13T10:00:00"))
    second = SECOND_EXTENSION.format(moment="2025-03-12T10:00:00+08:00")
    assert (s.open_step, _due(s), s.problems) == ("resolve", _t("2025-04-01T23:59:59"), (second,))


def test_18_a_year_before_known_only_by_its_direct_feedback_compares_complaints_only():
    """docs/monitoring.md 一: "In the city office's view a month known only by its direct feedback
    compares its complaint counts; its matters and points reached ... read 无数据". The example's
    records begin 2025-01; Y was received Mon 2024-05-13, resolved Mon 05-20, never followed up
    (due Wed 05-22, overdue at May 2024's end and ever since); Z received Mon 2025-05-12, signed,
    resolve due 15 later (06-03). May 2025: received 1, resolved 0, overdue 1 (Y); April 2025:
    0 / 0 / 1 (Y); May 2024: 1 / 1 / 1. Items and points reached of May 2024: 无数据."""
    y = _seq(_opened("2024-05-13", signed="2024-05-13"), _res("2024-05-20T10:00:00"))
    ds = _dataset(_c("Y", y), _c("Z", _opened("2025-05-12", signed="2025-05-12")))
    view = se.monitoring_report(ds, Month(2025, 5), PM, audience="city").trends
    assert view is not None

    def cells(key: str) -> tuple[Any, ...]:
        row = view.row(key)
        return tuple(None if c is None else c.value for c in (row.current, row.previous, row.last_year))

    assert [cells(k) for k in ("complaints_received", "complaints_resolved", "complaints_overdue")] == [
        (1, 0, 1),
        (0, 0, 1),
        (1, 1, 1),
    ]
    assert view.row("total").last_year is None and view.row("points_reached").last_year is None
