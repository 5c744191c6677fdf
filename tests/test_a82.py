"""Auditor a82: complaint handling (直接反馈: 投诉、举报、意见建议) checked by hand against the policy
(DESIGN "Complaint limits", docs/complaints.md, docs/monitoring.md, docs/office.md), on small
hand-built datasets. Each test asserts the correct behaviour and fails on the library as found.

Hand computations that held (not recorded here): accept due Sun 2025-09-28 (make-up day) for a
receipt on Fri 09-26 20:00; due Sat 2025-10-11 (make-up) for one on Fri 10-10; 10-09 for a receipt on
the National Day eve; 2026-02-24 for one during the 2026 Spring Festival; a resolve step signed
2026-02-13 due 03-12 (two make-up Saturdays counted); a receipt stamped 2025-10-10T16:30Z read on
its Beijing day (accept due 10-13); an extension on the due day at 23:00 moving 09-23 to 09-29 (make-up
Sunday 09-28 counted), one a day late or of 16 days not applied and listed; two extensions refused;
a return then reassignment to city-office (due 09-28); a reopened step due 10-10 and 4 days overdue
on 10-15; 督办 before / after the due moment (reminder vs cleared); a resolution stamped
2025-05-01T00:00+08:00 written in UTC read as May's; overdue across New Year 2026 (5 on 01-07,
counting Sun 01-04 make-up); a sign step due Sun 2026-01-04; provisional marking of a step due in
2027; a complaint by a point removed mid-way; monthly and yearly 三率 (city-amr 75/100/66.67/84.17,
jia-tax 100/50/95/73) equal to the hand figures.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING, ComplaintEvent, EventType
from softenv_core.io.dataset_files import dump_dataset
from softenv_core.model.complaints import Complaint, ComplaintKind, Satisfaction, Verdict
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.builders import small_dataset
from tests.cli_runs import run_cli

E = EventType


def _bj(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=BEIJING)


def _ev(t: EventType, at: datetime, **kw: object) -> ComplaintEvent:
    return ComplaintEvent(t, at, "市软建办", **kw)  # type: ignore[arg-type]


def _complaint(cid: str, events: list[ComplaintEvent], *, point: str, department: str = "city-amr") -> Complaint:
    return Complaint(
        id=cid,
        kind=ComplaintKind.COMPLAINT,
        point=point,
        department=department,
        category=ItemCategory.ENFORCEMENT,
        text="同一事项一个月内被三个部门分别检查",
        events=tuple(events),
    )


# --- 01 -----------------------------------------------------------------------------------------

YEAR = 2040  # supplied with --calendar; 2041 is known to no calendar: independent of the install


@pytest.fixture
def late_november(tmp_path: Path) -> tuple[Path, Path]:
    ds = small_dataset(YEAR)
    point = ds.points[0].id
    q = _complaint(
        "Q-1130",
        [
            _ev(E.RECEIVED, _bj(YEAR, 11, 27)),
            _ev(E.ACCEPTED, _bj(YEAR, 11, 27, 11)),
            _ev(E.ASSIGNED, _bj(YEAR, 11, 27, 12), unit="city-amr"),
            _ev(E.SIGNED, _bj(YEAR, 11, 30)),  # resolve due 15 working days on: late December
        ],
        point=point,
    )
    ds = attrs.evolve(ds, complaints=(q,))
    data = tmp_path / "city.json"
    data.write_text(json.dumps(dump_dataset(ds), ensure_ascii=False), encoding="utf-8")
    calendar = tmp_path / "calendar.json"
    arrangement = {"year": YEAR, "reference": "t", "holidays": [], "workdays": []}
    calendar.write_text(json.dumps({"schema": "softenv.calendar", "arrangements": [arrangement]}), encoding="utf-8")
    return data, calendar


def test_01_report_advises_as_of_that_cannot_help_a_complaint_due_in_late_december(capsys, late_november):
    """What: the city office's November report (and `softenv yearend --as-of`) stops with
    CalendarDataMissing because a complaint signed on 11-30 has its resolve step due in late
    December, which only the next year's notice fixes. The message's first way out is
    `--as-of <an instant>`; following it to the letter (an instant after the step opened, e.g. the
    one suggested, "now") gives the same error with the same advice: the due day of an open step is
    worked out at every instant after it opened, so no such instant helps. auditor a64 01 fixed this
    for the month's own deadline and for non-city audiences (`report_setup._month_needs` sets
    `CalendarDataMissing.any_instant`), but not for the complaint walk
    (`analyses/complaint_steps._due` → `workdays.calendar.add_workdays`), whose exception keeps
    `any_instant` False, so `cli/output._calendar_missing_zh` offers `--as-of`.
    Expected: the advice names only ways out that work (`--provisional`, `--calendar`, upgrade), or
    the suggested `--as-of` run succeeds. Actual: `--as-of` offered, and it fails again.
    Severity: medium (a clerk producing the November report in early December goes round in a
    circle; the same for the year end)."""
    data, calendar = late_november
    at = f"{YEAR}-12-04T10:00:00+08:00"  # after the month and after the step opened, as "now" is
    xlsx = data.parent / "yearend.xlsx"
    for args in (
        ("report", data, "--month", f"{YEAR}-11", "--calendar", calendar),
        # The results workbook: its 承办单位 sheet walks the complaints (the Markdown year end has
        # no direct-feedback section and reads none: it passes at this instant; fa82 added the format).
        ("yearend", data, "--year", YEAR, "--calendar", calendar, "--as-of", at, "--format", "xlsx", "--out", xlsx),
    ):
        code, _, err = run_cli(capsys, *args)
        assert code == 1 and f"尚无 {YEAR + 1} 年" in err, err
        if "--as-of" in err:  # advised: then it must work
            code2, _, err2 = run_cli(capsys, *args, *(() if "--as-of" in args else ("--as-of", at)))
            assert code2 == 0, f"advice {err!r} followed, and it failed again: {err2!r}"


# --- 02 -----------------------------------------------------------------------------------------


def test_02_results_workbook_unit_sheet_hides_that_a_zero_response_rate_is_a_return(tmp_path):
    """What: city-hr is assigned a ticket on Mon 2025-11-03 and returns it (退回) in time on 11-04
    (sign due 11-04); 市软建办 then handles it itself. Hand: city-hr's 2025 sign steps 1, signed 0,
    returned 1 → 响应率 0.00 %, *of which one a return*. The monthly report says so under section 八
    (`应签收1（其中退回1件，退回不计为签收）`, `UnitRates.returned`, clerk c56 04: a bare 0.00 % for a
    department that returned a misassigned ticket read as a unit that never signed). The results
    workbook's 承办单位 sheet (`render/xlsx_results._unit_rows`), the year's 三率 for the city
    leaders, has no such count: 应签收 1, 按时签收 0, 响应率 0 and no word of the return.
    Expected: the sheet carries the returns (a 其中退回 column, `UnitRates.returned`), as section 八
    does. Actual: no column holds it. Severity: low (misleading year figure, same data as the
    report)."""
    openpyxl = pytest.importorskip("openpyxl")
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, departments=(*ds.departments, se.Department("city-hr", "市人社局")))
    q = _complaint(
        "Q-RET",
        [
            _ev(E.RECEIVED, _bj(2025, 11, 3, 9)),
            _ev(E.ACCEPTED, _bj(2025, 11, 3, 10)),
            _ev(E.ASSIGNED, _bj(2025, 11, 3, 11), unit="city-hr"),
            _ev(E.RETURNED, _bj(2025, 11, 4, 9)),
            _ev(E.ASSIGNED, _bj(2025, 11, 5, 9), unit="city-amr"),
            _ev(E.SIGNED, _bj(2025, 11, 5, 15)),
            _ev(E.RESOLVED, _bj(2025, 11, 14), verdict=Verdict.SUBSTANTIATED),
            _ev(E.FOLLOWED_UP, _bj(2025, 11, 17), satisfaction=Satisfaction.SATISFIED),
            _ev(E.CLOSED, _bj(2025, 11, 17, 11)),
        ],
        point=ds.points[0].id,
        department="city-hr",
    )
    ds = attrs.evolve(ds, complaints=(q,))
    report = se.monitoring_report(ds, "2025-11", audience=se.CITY_OFFICE)
    hr = next(u for u in report.unit_rates if u.unit == "city-hr")
    assert (hr.assigned, hr.signed_on_time, hr.returned) == (1, 0, 1)  # the report's own counts: held
    out = tmp_path / "results.xlsx"
    se.write_results_workbook(ds, 2025, out, audience=se.CITY_OFFICE, with_year_end=False)
    sheet = openpyxl.load_workbook(out)["承办单位"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert "city-hr" in body
    assert any("退回" in str(h) for h in header), f"no 退回 column in {header}"


# --- 03 -----------------------------------------------------------------------------------------


def _reopened_in_september(point: str) -> Complaint:
    """Signed 09-02 (resolve due 09-23), resolved 09-05, 不满意 09-08, reopened (due 09-28, the make-up
    Sunday), resolved 09-19, 满意 09-22, closed: city-amr's September by hand: sign 1/1, resolve 2/2,
    follow-ups 2 (满意 1) → 100 / 100 / 50 / 80."""
    return _complaint(
        "Q-RO",
        [
            _ev(E.RECEIVED, _bj(2025, 9, 1)),
            _ev(E.ACCEPTED, _bj(2025, 9, 1, 11)),
            _ev(E.ASSIGNED, _bj(2025, 9, 1, 12), unit="city-amr"),
            _ev(E.SIGNED, _bj(2025, 9, 2)),
            _ev(E.RESOLVED, _bj(2025, 9, 5), verdict=Verdict.SUBSTANTIATED),
            _ev(E.FOLLOWED_UP, _bj(2025, 9, 8), satisfaction=Satisfaction.UNSATISFIED),
            _ev(E.REOPENED, _bj(2025, 9, 8, 11)),
            _ev(E.RESOLVED, _bj(2025, 9, 19), verdict=Verdict.SUBSTANTIATED),
            _ev(E.FOLLOWED_UP, _bj(2025, 9, 22), satisfaction=Satisfaction.SATISFIED),
            _ev(E.CLOSED, _bj(2025, 9, 22, 11)),
        ],
        point=point,
    )


def test_03_unit_rates_silently_counts_one_complaint_twice_or_a_status_of_another_complaint():
    """What: `unit_rates(statuses, period)` checks that each pair is (Complaint, ComplaintStatus)
    (`analyses/complaint_handling._status_pairs`) but not that the status is that complaint's
    (`ComplaintStatus.complaint == Complaint.id`) nor that a complaint comes once. An integrator who
    passes a complaint's statuses at two month ends (September's and October's, a natural slip when
    keeping a history) gets city-amr's September counted twice: sign 2, resolve 4, follow-ups 4
    (hand: 1, 2, 2); a pair mixing two complaints reads one's steps and the other's follow-ups.
    The rates come out without a word. DESIGN principle 3 (strict, never silently wrong; duplicate
    ids are errors). Expected: FieldInvalid naming `statuses` (a complaint twice / a status of
    another complaint), as for any other wrong pair. Actual: accepted, counts doubled.
    Severity: medium (a silently wrong 三率 from a plausible misuse of the public API)."""
    ds = small_dataset(2025)
    c = _reopened_in_september(ds.points[0].id)
    cal = se.WorkCalendar()
    sla = se.sla_for(se.city_plugin_manager(), ds, c, cal, se.baseline_parameters())
    sept = se.complaint_status(c, _bj(2025, 10, 1, 0), sla, cal, ending=True)
    octo = se.complaint_status(c, _bj(2025, 11, 1, 0), sla, cal, ending=True)
    (once,) = se.unit_rates([(c, sept)], "2025-09")
    assert (once.assigned, once.resolved_due, once.follow_ups, once.combined) == (1, 2, 2, 80)  # held
    other = attrs.evolve(c, id="Q-OTHER")
    with pytest.raises(se.FieldInvalid) as twice:
        se.unit_rates([(c, sept), (c, octo)], "2025-09")
    assert twice.value.name == "statuses"
    with pytest.raises(se.FieldInvalid) as mixed:
        se.unit_rates([(other, sept)], "2025-09")
    assert mixed.value.name == "statuses"


# --- 04, 05 -------------------------------------------------------------------------------------


def _late_extension_then_reopened_extension(point: str) -> Complaint:
    """Signed Tue 2025-09-02: resolve due 09-23. An extension recorded on 09-24, after the due
    moment: not applied (listed in problems, `Step.extended_by` 0). Resolved 09-26, 不满意 09-28,
    reopened Mon 09-29 (new resolve step, due 15 working days on: 10-27, the make-up Saturday 10-11
    counted), extended by 5 on 10-09, inside that limit: by hand due Mon 11-03."""
    return _complaint(
        "Q-X2",
        [
            _ev(E.RECEIVED, _bj(2025, 9, 1)),
            _ev(E.ACCEPTED, _bj(2025, 9, 1, 11)),
            _ev(E.ASSIGNED, _bj(2025, 9, 1, 12), unit="city-amr"),
            _ev(E.SIGNED, _bj(2025, 9, 2)),
            _ev(E.EXTENDED, _bj(2025, 9, 24), extension_days=5),
            _ev(E.RESOLVED, _bj(2025, 9, 26), verdict=Verdict.PARTLY),
            _ev(E.FOLLOWED_UP, _bj(2025, 9, 28), satisfaction=Satisfaction.UNSATISFIED),
            _ev(E.REOPENED, _bj(2025, 9, 29)),
            _ev(E.EXTENDED, _bj(2025, 10, 9), extension_days=5),
        ],
        point=point,
    )


def test_04_only_one_extension_refusal_is_english_in_the_chinese_cli(capsys, tmp_path):
    """What: `softenv validate` (Chinese by default, `--lang zh`) says every complaint-order refusal
    in Chinese (`环节 延期 不能接在 延期 之后（可接：办结、撤回）`, `重办只能一次：…`), except one: a
    second extension on a reopened step prints `…events[8]: only one extension is allowed`. The
    message is a bare literal in `model/complaints.event_order_problems`, not a named constant, so
    `io/event_words._STEP_ZH` (the Chinese table of these refusals, clerk c56) has no entry for it,
    and the workbook import says it the same way at the cell. DESIGN "Data and faces": every problem
    in Chinese under `--lang zh`. Expected: a Chinese sentence (e.g. `延期只能一次：…`). Actual: the
    English text. Severity: low.

    fa82: after 05 (only an applied extension uses up the complaint's one) the rule is no longer a
    refusal at load: whether the first extension was applied needs the due moment, which the
    loader cannot work out, so a second extension after an applied one is "not applied" and listed
    in the status's problems, as a late or too long one is. This test's complaint (a late one, then
    the reopened step's) is valid after 05; the check moved to a complaint whose first extension
    was applied (09-10, in time: due 09-30), and to where the rule now speaks: the Chinese report's
    办理问题 says it in Chinese, and validate accepts the data."""
    ds = small_dataset(2025)
    late = _late_extension_then_reopened_extension(ds.points[0].id)
    in_time = _ev(E.EXTENDED, _bj(2025, 9, 10), extension_days=5)
    applied = attrs.evolve(late, events=(*late.events[:4], in_time, *late.events[5:]))
    ds = attrs.evolve(ds, complaints=(applied,))
    path = tmp_path / "city.json"
    path.write_text(json.dumps(dump_dataset(ds), ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(capsys, "validate", path, "--lang", "zh")
    assert code == 0 and "only one extension" not in err, err
    code, out, err = run_cli(capsys, "report", path, "--month", "2025-10", "--lang", "zh")
    assert code == 0, err
    assert "该反馈此前已延期一次" in out and "one extension" not in out, out


def test_05_an_extension_not_applied_still_uses_up_the_complaints_one_extension():
    """What: an extension recorded after the due moment "is not applied" (docs/complaints.md;
    DESIGN: one extension, approved before the due date): the step keeps its due moment and
    `extended_by` 0, the status lists the problem. Yet it counts as the complaint's one extension:
    after an unsatisfied follow-up and a reopening, an extension approved inside the reopened
    step's limit is refused as an impossible history, `only one extension is allowed`
    (`model/complaints.event_order_problems` counts every `extended` event), where the docs say a
    reopened step may be extended "only if it was never extended before" — and it never was.
    The office cannot record the reopened step's real due day (11-03 by hand): the complaint
    cannot be loaded at all, nor given a status. Expected: the second extension accepted and
    applied (due 2025-11-03 23:59:59), the late one listed as not applied. Actual: FieldInvalid.
    Severity: low (a real sequence refused; the clerk must delete a true record to go on)."""
    ds = small_dataset(2025)
    c = _late_extension_then_reopened_extension(ds.points[0].id)
    cal = se.WorkCalendar()
    sla = se.sla_for(se.city_plugin_manager(), ds, c, cal, se.baseline_parameters())
    status = se.complaint_status(c, _bj(2025, 10, 10), sla, cal)
    assert status.due_at == datetime(2025, 11, 3, 23, 59, 59, tzinfo=BEIJING)
    assert any("not applied" in p for p in status.problems)
