"""Auditor a36: complaint handling in 2026, worked out by hand from the policy (DESIGN "Complaint
limits", "Complainant protection", principle 3; docs/complaints.md, docs/calendar.md), each case
on a minimal dataset built on examples/small-dataset.json.

2026 arrangement (国办发明电〔2025〕, chinesecalendar 1.11.0): weekdays off 01-01, 01-02, 02-16…02-20,
02-23 (春节 02-15…02-23), 04-06, 05-01, 05-04, 05-05, 06-19, 09-25, 10-01, 10-02, 10-05…10-07;
make-up working days Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10. 2027 is
not published. City limits (working days after the Beijing day a step opened, due 23:59:59
Beijing): accept 1, sign 1, resolve 15 (投诉, 举报) / 5 (意见建议), one extension ≤ 15 approved
by the due moment, follow-up 2. Every expected figure is the hand computation written beside it.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.analyses.complaint_handling import complaint_status, sla_for, unit_rates, year_unit_rates
from softenv_core.rules.registry import get_plugin_manager

EXAMPLE = Path(__file__).parent.parent / "examples" / "small-dataset.json"
BJ = "+08:00"
PM = get_plugin_manager(autoload=False)
#: A calendar that knows 2027 as supposed here (元旦 Fri 01-01 off, no day of December 2026 moved):
#: the last days of December 2026 wait for the notice for 2027 (auditor a75 01), so a figure
#: counted to 2026's end needs it, whatever it turns out to say.
CAL_2027 = se.WorkCalendar().with_arrangement(
    se.YearArrangement(2027, holidays={date(2027, 1, 1)}, workdays=set(), reference="2027 as supposed by the tests")
)


def _ev(kind: str, at: str, **fields: Any) -> dict[str, Any]:
    event = {"type": kind, "at": at, "actor": "市软建办", "note": None, "unit": None}
    event.update({"satisfaction": None, "verdict": None, "extension_days": None})
    event.update(fields)
    return event


def _c(cid: str, events: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    doc = {"id": cid, "kind": "complaint", "point": "P-379902-1", "department": "city-amr"}
    doc.update({"category": "enforcement", "text": "同一事项被重复检查", "consent_to_disclose": False})
    doc.update(fields)
    doc["events"] = events
    return doc


def _opened(day: str, unit: str = "city-amr", signed: str | None = None) -> list[dict[str, Any]]:
    """Received, accepted and assigned on ``day``; signed on ``signed`` (11:00) when given."""
    events = [
        _ev("received", f"{day}T09:00:00{BJ}"),
        _ev("accepted", f"{day}T09:30:00{BJ}"),
        _ev("assigned", f"{day}T10:00:00{BJ}", unit=unit),
    ]
    return events if signed is None else [*events, _ev("signed", f"{signed}T11:00:00{BJ}")]


def _dataset(*complaints: dict[str, Any]) -> se.Dataset:
    doc = copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    doc["departments"].append({"id": "city-tax", "name": "市税务局", "county": None, "note": None})
    doc["complaints"] = list(complaints)
    return se.loads_dataset(doc)


def _status(ds: se.Dataset, cid: str, at: str, *, ending: bool = False, cal: se.WorkCalendar | None = None) -> Any:
    cal = cal or se.WorkCalendar()
    (c,) = [c for c in ds.complaints if c.id == cid]
    return complaint_status(
        c, datetime.fromisoformat(at), sla_for(PM, ds, c, cal, se.baseline_parameters()), cal, ending=ending
    )


def _due(s: Any) -> str | None:
    return s.due_at.isoformat() if s.due_at else None


# --- due moments: late evening, UTC, weekend, make-up Saturday, Spring Festival -------------


def test_accept_due_by_the_beijing_day_of_receipt() -> None:
    ds = _dataset(
        # Fri 02-13 22:30 Beijing written in UTC: the next working day is Sat 02-14 (补班).
        _c("C1", [_ev("received", "2026-02-13T14:30:00Z")]),
        # Received on the make-up Saturday 02-14: next working day after 春节 is Tue 02-24.
        _c("C2", [_ev("received", f"2026-02-14T10:00:00{BJ}")]),
        # 2026-03-05T16:30Z is Fri 03-06 00:30 Beijing: due Mon 03-09, not Fri 03-06 (the UTC day's).
        _c("C3", [_ev("received", "2026-03-05T16:30:00Z")]),
        # Received on Sunday 03-08: the first working day after it is Mon 03-09.
        _c("C4", [_ev("received", f"2026-03-08T10:00:00{BJ}")]),
        # Received Sun 02-15, the holiday's first day: Tue 02-24.
        _c("C5", [_ev("received", f"2026-02-15T09:00:00{BJ}")]),
    )
    assert _due(_status(ds, "C1", f"2026-02-14T12:00:00{BJ}")) == f"2026-02-14T23:59:59{BJ}"
    assert _due(_status(ds, "C2", f"2026-02-14T12:00:00{BJ}")) == f"2026-02-24T23:59:59{BJ}"
    assert _due(_status(ds, "C3", f"2026-03-06T12:00:00{BJ}")) == f"2026-03-09T23:59:59{BJ}"
    assert _due(_status(ds, "C4", f"2026-03-08T12:00:00{BJ}")) == f"2026-03-09T23:59:59{BJ}"
    assert _due(_status(ds, "C5", f"2026-02-20T12:00:00{BJ}")) == f"2026-02-24T23:59:59{BJ}"


def test_assigned_the_day_before_spring_festival_signs_on_the_make_up_saturday() -> None:
    # Assigned Fri 02-13 17:00: sign due Sat 02-14 (补班), not Tue 02-24. At Mon 02-23 noon (a
    # holiday) no working day after the due day has begun: overdue 1, the minimum; 督办 due.
    # Signed Tue 02-24 (late); resolve 15: 02-25, 26, 27, Sat 28, 03-02…06, 09…13, 16 → 03-16.
    events = [*_opened("2026-02-12")[:2], _ev("assigned", f"2026-02-13T17:00:00{BJ}", unit="city-amr")]
    ds = _dataset(_c("F1", [*events, _ev("signed", f"2026-02-24T09:00:00{BJ}")]))
    s = _status(ds, "F1", f"2026-02-23T12:00:00{BJ}")
    assert (s.open_step, _due(s), s.overdue_workdays, s.supervision_due) == (
        "sign",
        f"2026-02-14T23:59:59{BJ}",
        1,
        True,
    )
    s = _status(ds, "F1", f"2026-02-24T12:00:00{BJ}")
    assert _due(s) == f"2026-03-16T23:59:59{BJ}"
    assert [st.on_time for st in s.steps if st.name == "sign"] == [False]


def test_signed_late_on_the_make_up_saturday_written_in_utc() -> None:
    # Signed Sat 02-14 23:30 Beijing (15:30Z). 投诉 15 → 03-13 (02-24…27, Sat 28, 03-02…06,
    # 09…13); 意见建议 5 → Sat 02-28 (02-24, 25, 26, 27, 28). At February's end (03-01 00:00) the
    # suggestion is overdue 1 (02-28 is the last day begun, the due day itself: the minimum).
    events = [*_opened("2026-02-13"), _ev("signed", "2026-02-14T15:30:00Z")]
    ds = _dataset(_c("F2", events), _c("F3", events, kind="suggestion"))
    assert _due(_status(ds, "F2", f"2026-02-20T12:00:00{BJ}")) == f"2026-03-13T23:59:59{BJ}"
    s = _status(ds, "F3", f"2026-03-01T00:00:00{BJ}", ending=True)
    assert (_due(s), s.overdue_workdays, s.supervision_due) == (f"2026-02-28T23:59:59{BJ}", 1, True)


def test_follow_up_after_a_resolution_on_the_eve_of_spring_festival() -> None:
    # Resolved Fri 02-13: 回访 within 2 → Sat 02-14, Tue 02-24. At February's end overdue
    # 02-25, 26, 27, 28 (Sat 补班) = 4.
    resolved = _ev("resolved", f"2026-02-13T18:00:00{BJ}", verdict="substantiated")
    ds = _dataset(_c("F5", [*_opened("2026-02-02", signed="2026-02-02"), resolved]))
    s = _status(ds, "F5", f"2026-03-01T00:00:00{BJ}", ending=True)
    assert (s.open_step, _due(s), s.overdue_workdays) == ("follow_up", f"2026-02-24T23:59:59{BJ}", 4)


# --- extensions (延期) --------------------------------------------------------------------
#
# Signed Mon 09-21 (sign due Sun 09-20, 补班: late). Resolve 15: 09-22, 23, 24, (25 中秋), 28, 29,
# 30, (国庆) 10-08, 09, Sat 10, 12…16, 19 → Mon 10-19.

_SEPT = _opened("2026-09-18", signed="2026-09-21")


def test_extension_in_time_moves_the_due_day_and_the_resolution_is_on_time() -> None:
    # Extended on the due day by 10: 10-20…23, 26…30, 11-02 → 11-02; resolved 11-02 18:00.
    ext = _ev("extended", f"2026-10-19T17:00:00{BJ}", extension_days=10)
    ds = _dataset(_c("E1", [*_SEPT, ext, _ev("resolved", f"2026-11-02T18:00:00{BJ}", verdict="partly")]))
    s = _status(ds, "E1", f"2026-11-03T00:00:00{BJ}")
    (resolve,) = [st for st in s.steps if st.name == "resolve"]
    assert (resolve.due_at.isoformat(), resolve.on_time, resolve.extended_by) == (f"2026-11-02T23:59:59{BJ}", True, 10)
    (sign,) = [st for st in s.steps if st.name == "sign"]
    assert (sign.due_at.isoformat(), sign.on_time) == (f"2026-09-20T23:59:59{BJ}", False)


def test_extension_at_the_last_second_applies_one_after_midnight_does_not() -> None:
    # 15:59:59Z is 23:59:59 Beijing on the due day: 15 → 10-20…23, 26…30, 11-02…06, 09 → 11-09.
    # 16:00:00Z is 10-20 00:00 Beijing: late, not applied; at that instant overdue 1, 督办 due.
    ds = _dataset(
        _c("E4", [*_SEPT, _ev("extended", "2026-10-19T15:59:59Z", extension_days=15)]),
        _c("E5", [*_SEPT, _ev("extended", "2026-10-19T16:00:00Z", extension_days=5)]),
    )
    assert _due(_status(ds, "E4", f"2026-10-20T00:00:00{BJ}")) == f"2026-11-09T23:59:59{BJ}"
    s = _status(ds, "E5", f"2026-10-20T00:00:00{BJ}")
    assert (_due(s), s.overdue_workdays, s.supervision_due) == (f"2026-10-19T23:59:59{BJ}", 1, True)
    assert s.problems == ("extension at 2026-10-20T00:00:00+08:00 came after the due moment; not applied",)


def test_extension_too_long_is_not_applied_and_october_ends_overdue() -> None:
    # 16 > 15: not applied. At October's end overdue 10-20…23, 26…30 = 9, 督办 due.
    ds = _dataset(_c("E3", [*_SEPT, _ev("extended", f"2026-10-12T09:00:00{BJ}", extension_days=16)]))
    s = _status(ds, "E3", f"2026-11-01T00:00:00{BJ}", ending=True)
    assert (_due(s), s.overdue_workdays, s.supervision_due) == (f"2026-10-19T23:59:59{BJ}", 9, True)
    assert s.problems == ("extension of 16 working days exceeds 15; not applied",)


# --- returns, reopening, supervision, month ends ---------------------------------------------


def _returned_and_reopened() -> dict[str, Any]:
    # Assigned Mon 03-09 to city-tax, returned 03-10 (in time, not a signature), assigned 03-11 to
    # city-amr, signed Thu 03-12 (due 03-12); resolve due 15 → 04-02; resolved 03-20; 不满意 03-23
    # (回访 due 03-24); reopened Tue 03-24 → 15: 03-25…27, 30, 31, 04-01…03, (04-06 清明) 07…10,
    # 13…15 → 04-15; resolved 04-20 (late); 基本满意 04-21.
    return _c(
        "R1",
        [
            *_opened("2026-03-09", unit="city-tax"),
            _ev("returned", f"2026-03-10T16:00:00{BJ}"),
            _ev("assigned", f"2026-03-11T10:00:00{BJ}", unit="city-amr"),
            _ev("signed", f"2026-03-12T09:00:00{BJ}"),
            _ev("resolved", f"2026-03-20T09:00:00{BJ}", verdict="partly"),
            _ev("followed_up", f"2026-03-23T09:00:00{BJ}", satisfaction="unsatisfied"),
            _ev("reopened", f"2026-03-24T09:00:00{BJ}"),
            _ev("resolved", f"2026-04-20T10:00:00{BJ}", verdict="substantiated"),
            _ev("followed_up", f"2026-04-21T10:00:00{BJ}", satisfaction="basically"),
            _ev("closed", f"2026-04-21T11:00:00{BJ}"),
        ],
    )


def test_return_and_reopening_in_the_months_rates() -> None:
    ds = _dataset(_returned_and_reopened())
    (c,) = ds.complaints
    march = _status(ds, "R1", f"2026-04-01T00:00:00{BJ}", ending=True)
    assert (march.open_step, _due(march)) == ("resolve", f"2026-04-15T23:59:59{BJ}")
    rates = {r.unit: r for r in unit_rates([(c, march)], "2026-03")}
    # city-tax: one sign step, answered by a return: response 0/1. city-amr: sign 1/1, resolve
    # 1/1 (due 04-02, done 03-20), one 不满意: 0.1 × 100 + 0.5 × 100 + 0.4 × 0 = 60.
    assert (rates["city-tax"].assigned, rates["city-tax"].response, rates["city-tax"].combined) == (
        1,
        Decimal("0.00"),
        None,
    )
    amr = rates["city-amr"]
    assert (amr.response, amr.resolution, amr.satisfaction, amr.combined) == (
        Decimal("100.00"),
        Decimal("100.00"),
        Decimal("0.00"),
        Decimal("60.00"),
    )
    april = _status(ds, "R1", f"2026-05-01T00:00:00{BJ}", ending=True)
    (amr,) = unit_rates([(c, april)], "2026-04")
    # The reopened step due 04-15 done 04-20: 0/1; 基本满意: 0.9 → 90; no sign step: no combined.
    assert (amr.resolved_due, amr.resolution, amr.satisfaction, amr.combined) == (
        1,
        Decimal("0.00"),
        Decimal("90.00"),
        None,
    )


def test_supervision_recorded_then_overdue_days_to_the_month_end() -> None:
    # Signed Tue 04-28: 04-29, 30, (05-01, 04, 05 off) 05-06, 07, 08, Sat 09, 11…15, 18…21 → 05-21.
    # 督办 05-21 10:00, on the due day itself: a reminder inside the limit, so at May's end, overdue
    # 05-22, 25…29 = 6, supervision is due (auditor a70 05: DESIGN's "overdue → 督办 is due" asks
    # for a 督办 of the overdue step); one on 05-22 answers it.
    supervised = _ev("supervised", f"2026-05-21T10:00:00{BJ}")
    ds = _dataset(_c("S1", [*_opened("2026-04-28", signed="2026-04-28"), supervised]))
    s = _status(ds, "S1", f"2026-06-01T00:00:00{BJ}", ending=True)
    assert (s.state, _due(s), s.overdue_workdays, s.supervision_due) == (
        "supervised",
        f"2026-05-21T23:59:59{BJ}",
        6,
        True,
    )
    later = _ev("supervised", f"2026-05-22T09:00:00{BJ}")
    ds = _dataset(_c("S1", [*_opened("2026-04-28", signed="2026-04-28"), supervised, later]))
    assert not _status(ds, "S1", f"2026-06-01T00:00:00{BJ}", ending=True).supervision_due


def test_overdue_working_days_across_the_may_holiday_and_its_make_up_saturday() -> None:
    # Signed Thu 04-09: 04-10, 13…17, 20…24, 27…30 → 04-30. At May's end (06-01 00:00, written
    # 05-31T16:00Z): 05-06, 07, 08, Sat 09, 11…15, 18…22, 25…29 = 19; on Sat 05-09 10:00 (a
    # working day begun) 05-06, 07, 08, 09 = 4; at 05-01 00:00 the minimum 1.
    ds = _dataset(_c("O1", _opened("2026-04-09", signed="2026-04-09")))
    assert _status(ds, "O1", "2026-05-31T16:00:00Z", ending=True).overdue_workdays == 19
    assert _status(ds, "O1", f"2026-05-09T10:00:00{BJ}").overdue_workdays == 4
    assert _status(ds, "O1", f"2026-05-01T00:00:00{BJ}", ending=True).overdue_workdays == 1


# --- into 2027, a year the calendar has not published -----------------------------------------


def _into_2027() -> se.Dataset:
    # Signed Tue 12-15: 12-16…18, 21…25, 28…31 = 12 working days in 2026, three more in 2027.
    return _dataset(_c("Y1", _opened("2026-12-15", signed="2026-12-15")))


def test_a_step_due_in_an_unpublished_year_is_refused_by_the_strict_calendar() -> None:
    with pytest.raises(se.CalendarDataMissing):
        _status(_into_2027(), "Y1", f"2026-12-20T00:00:00{BJ}")


def test_a_provisional_status_says_it_is_provisional() -> None:
    # Weekends only in 2027: 01-01 (Fri), 04, 05 → 2027-01-05; the status must say it is an
    # estimate (principle 3: a provisional mode marks every result it touches).
    cal = se.WorkCalendar.provisional()
    s = _status(_into_2027(), "Y1", f"2026-12-20T00:00:00{BJ}", cal=cal)
    assert (_due(s), s.provisional) == (f"2027-01-05T23:59:59{BJ}", True)
    # A complaint whose working days all lie in 2026 is not marked, with the same calendar.
    ds = _dataset(_c("O1", _opened("2026-04-09", signed="2026-04-09")))
    assert _status(ds, "O1", "2026-05-31T16:00:00Z", ending=True, cal=cal).provisional is False
    # Nor with the strict one, whatever the year.
    assert _status(ds, "O1", "2026-05-31T16:00:00Z", ending=True).provisional is False


def test_overdue_days_counted_into_the_unpublished_year_are_provisional() -> None:
    # Assigned Tue 12-29, never signed: sign due Wed 12-30, all in 2026; at 2027-01-08 the
    # overdue days (12-31, and 2027-01-01, 04…07 by weekends only) read 2027: marked.
    cal = se.WorkCalendar.provisional()
    ds = _dataset(_c("Y2", _opened("2026-12-29")))
    s = _status(ds, "Y2", f"2027-01-08T00:00:00{BJ}", cal=cal)
    assert (_due(s), s.overdue_workdays, s.provisional) == (f"2026-12-30T23:59:59{BJ}", 6, True)
    s = _status(ds, "Y2", f"2027-01-01T00:00:00{BJ}", ending=True, cal=cal)
    # 12-31 only, a day of 2026, but of its last days, which the notice for 2027 (元旦) may move:
    # read as weekends only, marked (auditor a75 01; until then unmarked, 2026's days).
    assert (s.overdue_workdays, s.provisional) == (1, True)


def test_the_monthly_report_and_every_reader_mark_a_december_reaching_2027() -> None:
    # December 2026 needs 2027 (its county deadline, a complaint due 2027-01-05): the strict
    # calendar refuses the report; the provisional one marks it for each reader.
    ds = _into_2027()
    with pytest.raises(se.CalendarDataMissing):
        se.monitoring_report(ds, "2026-12", audience=se.CITY_OFFICE)
    cal = se.WorkCalendar.provisional()
    for audience in ("city", "county:379902", "department:city-amr", "public"):
        r = se.monitoring_report(ds, "2026-12", audience=audience, calendar=cal)
        assert r.provisional is True, audience
        assert "暂定" in se.render_markdown(r), audience


# --- June 2026: the report's section 五 and 三率, by hand ----------------------------------------


def _june() -> se.Dataset:
    satisfied, basically = {"satisfaction": "satisfied"}, {"satisfaction": "basically"}
    return _dataset(
        # M1: signed 06-02 (due 06-02); resolve 15: 06-03…05, 08…12, 15…18, (19 端午) 22…24 → 06-24,
        # resolved 06-24 23:00 (on time); 回访 06-26 满意 (due 06-26); closed.
        _c(
            "M1",
            [
                *_opened("2026-06-01", signed="2026-06-02"),
                _ev("resolved", f"2026-06-24T23:00:00{BJ}", verdict="substantiated"),
                _ev("followed_up", f"2026-06-26T09:00:00{BJ}", **satisfied),
                _ev("closed", f"2026-06-26T10:00:00{BJ}"),
            ],
        ),
        # M2 意见建议: received Fri 06-12 00:30 Beijing (06-11T16:30Z); signed 06-16 (due 06-16);
        # resolve 5: 06-17, 18, 22, 23, 24 → 06-24; open: at June's end overdue 06-25, 26, 29, 30 = 4.
        _c(
            "M2",
            [
                _ev("received", "2026-06-11T16:30:00Z"),
                _ev("accepted", f"2026-06-15T09:00:00{BJ}"),
                _ev("assigned", f"2026-06-15T10:00:00{BJ}", unit="city-amr"),
                _ev("signed", f"2026-06-16T09:00:00{BJ}"),
            ],
            kind="suggestion",
            point="P-379902-2",
        ),
        # M3 (city-tax): assigned 06-22, not signed (due 06-23): overdue 06-24…26, 29, 30 = 5; 督办 06-29.
        _c(
            "M3",
            [*_opened("2026-06-22", unit="city-tax"), _ev("supervised", f"2026-06-29T10:00:00{BJ}")],
            department="city-tax",
            point="P-379921-1",
        ),
        # M4 举报, consented, from 乙县's P-379921-2: signed 05-26, resolve due 06-16 (05-27…29,
        # 06-01…05, 08…12, 15, 16), resolved 06-18 (late: June's); 基本满意 06-19.
        _c(
            "M4",
            [
                *_opened("2026-05-25", signed="2026-05-26"),
                _ev("resolved", f"2026-06-18T10:00:00{BJ}", verdict="partly"),
                _ev("followed_up", f"2026-06-19T10:00:00{BJ}", **basically),
            ],
            kind="report",
            point="P-379921-2",
            consent_to_disclose=True,
        ),
        # M5 (city-tax): signed 06-01, resolved 06-03 (on time), 不满意 06-04, reopened Fri 06-05:
        # 06-08…12, 15…18, 22…26, 29 → 06-29; open: overdue 06-30 = 1, 督办 due.
        _c(
            "M5",
            [
                _ev("received", f"2026-06-01T08:00:00{BJ}"),
                *_opened("2026-06-01", unit="city-tax", signed="2026-06-01")[1:],
                _ev("resolved", f"2026-06-03T10:00:00{BJ}", verdict="unsubstantiated"),
                _ev("followed_up", f"2026-06-04T10:00:00{BJ}", satisfaction="unsatisfied"),
                _ev("reopened", f"2026-06-05T10:00:00{BJ}"),
            ],
            department="city-tax",
        ),
        # M6: accepted 06-08 and never assigned: 待交办, no limit, never overdue.
        _c("M6", _opened("2026-06-08")[:2], point="P-379921-1"),
    )


def test_june_report_section_five_and_the_units_rates() -> None:
    r = se.monitoring_report(_june(), "2026-06", audience=se.CITY_OFFICE)
    # Received in June: M1, M2, M3, M5, M6; resolved: M1, M4, M5; overdue at the end: M2, M3, M5.
    assert (r.complaints_received, r.complaints_resolved, r.complaints_overdue) == (5, 3, 3)
    rows = {
        c.id: (c.open_step, c.due_at and c.due_at.date().isoformat(), c.overdue_workdays, c.supervision_due)
        for c in r.complaints
    }
    assert rows == {
        "M1": (None, None, 0, False),
        "M4": ("close", None, 0, False),
        "M6": ("assign", None, 0, False),
        "M2": ("resolve", "2026-06-24", 4, True),
        "M3": ("sign", "2026-06-23", 5, False),
        "M5": ("resolve", "2026-06-29", 1, True),
    }
    rates = {u.unit: (u.response, u.resolution, u.satisfaction, u.combined) for u in r.unit_rates}
    # city-amr: sign M1, M2 2/2; resolve M1 on time, M2 and M4 due in June and not done by then:
    # 1/3; follow-ups 满意 + 0.9 基本满意 over 2 = 95; 10 + 16.666… + 38 = 64.666… → 64.67.
    # city-tax: sign M5 on time, M3 overdue: 1/2; resolve M5's first on time, its reopened one
    # overdue: 1/2; one 不满意: 0; 5 + 25 + 0 = 30.
    assert rates == {
        "city-amr": (Decimal("100.00"), Decimal("33.33"), Decimal("95.00"), Decimal("64.67")),
        "city-tax": (Decimal("50.00"), Decimal("50.00"), Decimal("0.00"), Decimal("30.00")),
    }


def test_june_as_a_department_and_a_county_read_it() -> None:
    ds = _june()
    names = ("P-3799", "测试企业", "91379")
    amr = se.monitoring_report(ds, "2026-06", audience="department:city-amr")
    # Its own three tickets (M1, M2, M4), by reference, no complainant — not even M4's consented
    # one, since city-amr is the department complained about; its own rates only.
    assert len(amr.complaints) == 3 and all(not c.id.startswith("M") for c in amr.complaints)
    assert all(c.complainant is None and c.enterprise is None and c.uscc is None for c in amr.complaints)
    assert [u.unit for u in amr.unit_rates] == ["city-amr"]
    assert not any(n in se.render_markdown(amr) for n in ("P-379921", "测试企业", "91379"))
    # 甲区's points made M1, M2 and M5 without consent: it is shown none of them and no 三率.
    jia = se.monitoring_report(ds, "2026-06", audience="county:379902")
    assert (jia.complaints, jia.unit_rates) == ((), ())
    # 乙县 sees its point's consented M4 by its own reference, and nothing of M3 or M6.
    yi = se.monitoring_report(ds, "2026-06", audience="county:379921")
    assert [(c.complainant, c.id.startswith("R-")) for c in yi.complaints] == [("P-379921-2", True)]
    assert not any(n in json.dumps(yi.to_document(), ensure_ascii=False) for n in ("P-379921-1", "M3", "M6"))
    public = se.render_markdown(se.monitoring_report(ds, "2026-06", audience="public"))
    assert not any(n in public for n in names)


def test_year_rates_are_the_months_together() -> None:
    # 2026 at the year's end: city-amr signs M1, M2, M4 (May) on time 3/3; resolve M1 on time,
    # M2, M4 not: 1/3; follow-ups 95. city-tax as in June: the year holds nothing else.
    ds = _june()
    # Counted to 2026-12-31: the last days of December wait for the notice for 2027 (a75 01).
    cal, params = CAL_2027, se.baseline_parameters()
    rates = {
        u.unit: (u.assigned, u.signed_on_time, u.resolved_due, u.resolved_on_time, u.combined)
        for u in year_unit_rates(ds, 2026, PM, cal, params, datetime.fromisoformat(f"2026-12-31T12:00:00{BJ}"))
    }
    assert rates == {"city-amr": (3, 3, 3, 1, Decimal("64.67")), "city-tax": (2, 1, 2, 1, Decimal("30.00"))}
