"""Auditor a25: complaint handling figures of a small 2025 dataset, computed by hand from the policy.

Policy read: DESIGN "Complaint limits", docs/complaints.md, docs/monitoring.md section 五/八.
Limits (working days, counted from the Beijing day the step opened; due at 23:59:59 Beijing):
accept 1, sign 1, resolve 15 (投诉, 举报) / 5 (意见建议), one extension ≤ 15 approved by the due
moment, follow-up 2. 2025 arrangement (国办发明电〔2024〕12号): off 01-01, 01-28…02-04, 04-04,
05-01…05-05, 06-02, 10-01…10-08; make-up working days Sun 01-26, Sat 02-08, Sun 04-27,
Sun 09-28, Sat 10-11.

The dataset ``data/complaints-audit-a25.json`` (units 市市场监管局 ``city-amr`` and 市税务局
``city-tax``, city departments: the city's limits apply):

- Q-A 投诉: received Tue 09-30 (accept due 10-09, across 国庆), assigned 10-09, signed 10-10
  (due 10-10), resolved 10-30 23:59:59 Beijing written ``15:59:59Z`` (due 10-30: 10-11 make-up,
  10-13…10-30 = 15), follow-up 10-31 满意.
- Q-B 意见建议: received Sun 09-28 (make-up day), signed 09-29; resolve due 5 after 09-29 =
  09-30, 10-09, 10-10, 10-11, 10-13 → 10-13; resolved 10-14 (late); follow-up 10-16 基本满意.
- Q-C 举报: assigned 10-20 to city-tax, returned 10-21 (in time, not a signature), assigned 10-22
  to city-amr (due 10-23), signed 10-24 (late); resolve due 11-14, resolved 11-14; 11-17 满意.
- Q-D 投诉: assigned Fri 10-31 15:00 (sign due Mon 11-03: pending at October's end), signed
  11-03, resolve due 11-24, resolved 11-20; never followed up: follow-up due 11-24, at
  November's end overdue 11-25, 26, 27, 28 = 4, 督办 due.
- Q-E 投诉: signed Thu 10-09, resolve due 10-29 (10-10, 10-11, 10-13…10-29); an extension on
  10-30 comes after the due moment (not applied); at October's end overdue 10-30, 10-31 = 2,
  督办 due; resolved 11-05 (late), follow-up 11-06 满意.
- Q-F 投诉 (city-tax): signed 10-09, resolve due 10-29; an extension of 16 (> 15, not applied);
  督办 10-30: at October's end overdue 2, no 督办 due; resolved 11-10 (late), 不满意 11-12,
  reopened 11-13 (resolve due 12-04), resolved 11-20, 满意 11-21.
- Q-G 投诉: signed 09-10, resolve due 09-30 (09-11…09-26, Sun 09-28, 09-29, 09-30), extended
  09-29 by 10 → 10-21; resolved 10-21 20:00 (in time), 不满意 10-23, reopened 10-24 (due
  11-14), resolved 11-12, 基本满意 11-13.
- Q-I 投诉 (city-tax): signed 10-14, resolved 10-15, 不满意 10-16, closed 10-17 without reopening:
  flagged.
- Q-J 投诉: received 2025-11-01 00:00:00 Beijing written ``2025-10-31T16:00:00Z``: November's;
  accepted 11-03 (due: Sat 11-01 → Mon 11-03), signed 11-04, resolve due 11-25, open: at
  November's end overdue 11-26, 27, 28 = 3, 督办 due.
- Q-K 投诉: assigned Fri 10-10 (sign due Sat 10-11, a make-up day), signed 10-11; resolve due
  10-31 (10-13…10-31 = 15); resolved 2025-11-01 00:00:00 Beijing written ``01:00:00+09:00``:
  November's. At October's end open, overdue 1 (the minimum), 督办 due.
- Q-L 投诉: resolved 09-25, follow-up 09-26, closed 2025-10-01 00:00:00 Beijing (``16:00:00Z``):
  open (待结案) at September's end, finished in October and not listed there.
- Q-S1 投诉: assigned Mon 01-27, the last working day before 春节: sign due Wed 02-05; signed
  02-06 (late: February's); resolve due 02-26 (02-07, Sat 02-08, 02-10…), resolved 02-20.
- Q-S2 意见建议 (city-tax): assigned Sun 01-26 (make-up), signed 01-27 (due 01-27); resolve due
  5 after 01-27 = 02-05, 06, 07, 08, 10 → 02-10; resolved 02-11 (late); 02-13 基本满意.

Rates count each unit step in the one period it is decided in: done in time in it, or its due
moment passed in it (undone, or done late); a step open and not yet due is left out.
Every expected figure below is the hand computation written next to it, never the library's.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, Month, WorkCalendar, baseline_parameters
from softenv_core.analyses.complaint_handling import complaint_status, sla_for, year_unit_rates
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.cli.main import main

DATA = Path(__file__).parent / "data" / "complaints-audit-a25.json"
BJ = timezone(timedelta(hours=8))
CAL = WorkCalendar()


def _status(ds, pm, cid, at, ending=False):
    (c,) = [c for c in ds.complaints if c.id == cid]
    s = complaint_status(c, at, sla_for(pm, ds, c, CAL, baseline_parameters()), CAL, ending=ending)
    due = s.due_at.isoformat() if s.due_at else None
    return s.state.value, s.open_step and s.open_step.value, due, s.overdue_workdays, s.supervision_due


END = "T23:59:59+08:00"

#: (complaint, instant, ending): (state, open step, due, overdue working days, 督办 due).
STATUSES = {
    # The month's end reads the events before it: Q-K's resolution at 11-01 00:00 is November's.
    ("Q-K", "2025-11-01T00:00:00+08:00", True): ("signed", "resolve", "2025-10-31" + END, 1, True),
    # An explicit instant reads what is stamped at it: resolved, follow-up due 11-04 (11-03, 11-04).
    ("Q-K", "2025-11-01T00:00:00+08:00", False): ("resolved", "follow_up", "2025-11-04" + END, 0, False),
    # Due 10-29; at Mon 11-03 noon: 10-30, 10-31, 11-03 overdue.
    ("Q-E", "2025-11-03T12:00:00+08:00", False): ("extended", "resolve", "2025-10-29" + END, 3, True),
    # Sign due 02-05 across 春节: the due second is in time, the next instant is 1 day overdue.
    ("Q-S1", "2025-02-05T23:59:59+08:00", False): ("assigned", "sign", "2025-02-05" + END, 0, False),
    ("Q-S1", "2025-02-06T00:00:00+08:00", False): ("assigned", "sign", "2025-02-05" + END, 1, True),
    ("Q-S2", "2025-02-01T00:00:00+08:00", True): ("signed", "resolve", "2025-02-10" + END, 0, False),
    # Received at 11-01 00:00 Beijing: known at that explicit instant; accept due Mon 11-03.
    ("Q-J", "2025-11-01T00:00:00+08:00", False): ("received", "accept", "2025-11-03" + END, 0, False),
    # Closed at 10-01 00:00: September's end does not read it (待结案), the instant does.
    ("Q-L", "2025-10-01T00:00:00+08:00", True): ("followed_up", "close", None, 0, False),
    ("Q-L", "2025-10-01T00:00:00+08:00", False): ("closed", None, None, 0, False),
    ("Q-D", "2025-12-01T00:00:00+08:00", True): ("resolved", "follow_up", "2025-11-24" + END, 4, True),
    ("Q-J", "2025-12-01T00:00:00+08:00", True): ("signed", "resolve", "2025-11-25" + END, 3, True),
}


@pytest.mark.parametrize("key", sorted(STATUSES))
def test_complaint_status_by_hand(ds, pm, key):
    cid, at, ending = key
    assert _status(ds, pm, cid, datetime.fromisoformat(at), ending) == STATUSES[key]


#: month: (received, resolved, overdue at its end, the complaints listed in section 五).
COUNTS = {
    "2025-01": (2, 0, 0, {"Q-S1", "Q-S2"}),
    "2025-02": (0, 2, 0, {"Q-S1", "Q-S2"}),  # both resolved in February
    "2025-09": (4, 1, 0, {"Q-A", "Q-B", "Q-G", "Q-L"}),  # G, L, B, A received; L resolved
    # Received C, D, E, F, I, K (A, B, G in September; J at 11-01 00:00); resolved A (23:59:59),
    # B, G, I (K at 11-01 00:00 is November's); overdue E, F, K. L, closed at 10-01 00:00 and
    # decided before, is not news; J is not received yet.
    "2025-10": (6, 4, 3, {"Q-A", "Q-B", "Q-C", "Q-D", "Q-E", "Q-F", "Q-G", "Q-I", "Q-K"}),
    # Received J; resolved C, D, E, F (twice, once counted), G, K; overdue D (回访), J.
    "2025-11": (1, 6, 2, {"Q-C", "Q-D", "Q-E", "Q-F", "Q-G", "Q-J", "Q-K"}),
}


@pytest.mark.parametrize("month", sorted(COUNTS))
def test_month_counts_and_listed_complaints_by_hand(ds, pm, month):
    r = monitoring_report(ds, Month.parse(month), pm, audience=CITY_OFFICE)
    received, resolved, overdue, listed = COUNTS[month]
    assert (r.complaints_received, r.complaints_resolved, r.complaints_overdue) == (received, resolved, overdue)
    assert {c.id for c in r.complaints} == listed


def test_october_rows_by_hand(ds, pm):
    rows = {c.id: c for c in monitoring_report(ds, Month(2025, 10), pm, audience=CITY_OFFICE).complaints}
    got = {
        cid: (r.open_step and r.open_step.value, r.due_at and r.due_at.date().isoformat(), r.overdue_workdays)
        for cid, r in rows.items()
    }
    assert got == {
        "Q-A": (None, None, 0),
        "Q-B": (None, None, 0),
        "Q-C": ("resolve", "2025-11-14", 0),  # signed Fri 10-24: 10-27 … 11-14
        "Q-D": ("sign", "2025-11-03", 0),
        "Q-E": ("resolve", "2025-10-29", 2),
        "Q-F": ("resolve", "2025-10-29", 2),
        "Q-G": ("resolve", "2025-11-14", 0),  # reopened Fri 10-24
        "Q-I": (None, None, 0),
        "Q-K": ("resolve", "2025-10-31", 1),
    }
    assert {cid for cid, r in rows.items() if r.supervision_due} == {"Q-E", "Q-K"}  # F: 督办 on 10-30
    assert {cid for cid, r in rows.items() if r.problems} == {"Q-E", "Q-F", "Q-I"}
    assert rows["Q-I"].received_in_month and rows["Q-I"].resolved_in_month
    assert not rows["Q-A"].received_in_month and rows["Q-A"].resolved_in_month


#: (month or year, unit): (sign due, signed in time, resolve due, resolved in time, follow-ups,
#: response, resolution, satisfaction, combined), each by hand; None: no denominator.
RATES = {
    ("2025-01", "city-tax"): (1, 1, 0, 0, 0, "100.00", None, None, None),  # S1's sign pending
    ("2025-02", "city-amr"): (1, 0, 1, 1, 1, "0.00", "100.00", "100.00", "90.00"),  # 0 + 50 + 40
    ("2025-02", "city-tax"): (0, 0, 1, 0, 1, None, "0.00", "90.00", None),  # S2: 0.9 × 1 / 1
    ("2025-09", "city-amr"): (3, 3, 1, 1, 1, "100.00", "100.00", "100.00", "100.00"),
    # sign A ✓ C ✗ E ✓ K ✓ (D pending); resolve A ✓ B ✗ E ✗ G ✓ K ✗; follow-ups A 满意,
    # B 基本满意, G 不满意: (1 + 0.9) / 3 = 63.333…; 7.5 + 20 + 25.333… = 52.833…
    ("2025-10", "city-amr"): (4, 3, 5, 2, 3, "75.00", "40.00", "63.33", "52.83"),
    # sign C returned ✗, F ✓, I ✓; resolve F ✗ I ✓; I 不满意: 6.666… + 25 + 0 = 31.666…
    ("2025-10", "city-tax"): (3, 2, 2, 1, 1, "66.67", "50.00", "0.00", "31.67"),
    # sign D ✓ J ✓; resolve C ✓ D ✓ G ✓ J ✗ (E and K, late, were October's); follow-ups C, E,
    # K 满意, G 基本满意: 3.9 / 4 = 97.5; 10 + 37.5 + 39 = 86.5
    ("2025-11", "city-amr"): (2, 2, 4, 3, 4, "100.00", "75.00", "97.50", "86.50"),
    # resolve F (reopened) ✓ (F's first, late, was October's); follow-ups F 不满意, F 满意
    ("2025-11", "city-tax"): (0, 0, 1, 1, 2, None, "100.00", "50.00", None),
    # The year: the months together. sign 8 / 10; resolve 7 / 11 = 63.636…; follow-ups 9:
    # (6 + 0.9 × 2) / 9 = 86.666…; 8 + 31.818… + 34.666… = 74.484…
    (2025, "city-amr"): (10, 8, 11, 7, 9, "80.00", "63.64", "86.67", "74.48"),
    # sign 3 / 4; resolve S2 ✗ F ✗ I ✓ F ✓ = 2 / 4; (1 + 0.9) / 4 = 47.5; 7.5 + 25 + 19 = 51.5
    (2025, "city-tax"): (4, 3, 4, 2, 4, "75.00", "50.00", "47.50", "51.50"),
}


def _figures(u):
    rates = (u.response, u.resolution, u.satisfaction, u.combined)
    counts = (u.assigned, u.signed_on_time, u.resolved_due, u.resolved_on_time, u.follow_ups)
    return (*counts, *(None if r is None else Decimal(r) for r in rates))


@pytest.mark.parametrize("key", sorted(RATES, key=str))
def test_unit_rates_by_hand(ds, pm, key):
    period, unit = key
    if isinstance(period, int):
        rates = year_unit_rates(ds, period, pm, CAL, baseline_parameters(), None)
    else:
        rates = monitoring_report(ds, Month.parse(period), pm, audience=CITY_OFFICE).unit_rates
    (u,) = [u for u in rates if u.unit == unit]
    expected = RATES[key]
    assert _figures(u) == (*expected[:5], *(None if r is None else Decimal(r) for r in expected[5:]))


def test_january_has_no_rates_for_a_sign_step_not_yet_due(ds, pm):
    units = {u.unit for u in monitoring_report(ds, Month(2025, 1), pm, audience=CITY_OFFICE).unit_rates}
    assert units == {"city-tax"}  # S1 (city-amr) due 02-05: pending at January's end


def test_october_as_of_its_end_reads_the_same_and_a_mid_instant_reads_what_is_stamped_by_it(ds, pm):
    october = Month(2025, 10)
    default = monitoring_report(ds, october, pm, audience=CITY_OFFICE)
    at_end = monitoring_report(ds, october, pm, audience=CITY_OFFICE, as_of=datetime(2025, 11, 1, tzinfo=BJ))
    assert (at_end.complaints, at_end.unit_rates) == (default.complaints, default.unit_rates)
    # At 10-30 23:59:59: D not received yet; A's resolution stamped exactly then is read; E and
    # F 1 day overdue (10-30), K not yet due. city-amr: sign 3 / 4; resolve A ✓ B ✗ E ✗ G ✓ (K
    # pending) = 2 / 4; follow-ups B 基本满意, G 不满意 = 0.9 / 2 = 45; 7.5 + 25 + 18 = 50.5.
    mid = monitoring_report(ds, october, pm, audience=CITY_OFFICE, as_of=datetime(2025, 10, 30, 23, 59, 59, tzinfo=BJ))
    assert (mid.complaints_received, mid.complaints_resolved, mid.complaints_overdue) == (5, 4, 2)
    (amr,) = [u for u in mid.unit_rates if u.unit == "city-amr"]
    assert (amr.response, amr.resolution, amr.satisfaction, amr.combined) == tuple(
        Decimal(x) for x in ("75.00", "50.00", "45.00", "50.50")
    )


def test_cli_json_and_markdown_say_the_same_figures(capsys):
    assert main(["report", str(DATA), "--month", "2025-11", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert (r["complaints_received"], r["complaints_resolved"], r["complaints_overdue"]) == (1, 6, 2)
    amr = next(u for u in r["unit_rates"] if u["unit"] == "city-amr")
    assert (amr["resolution"], amr["combined"]) == (75, 86.5)
    assert main(["report", str(DATA), "--month", "2025-10"]) == 0
    md = capsys.readouterr().out
    assert "本月收到6件，办结4件，月末超期3件。" in md
    assert "| 市市场监管局 | 75.00% | 40.00% | 63.33% | 52.83% |" in md
    assert "| 市税务局 | 66.67% | 50.00% | 0.00% | 31.67% |" in md
    assert "- Q-E：2025-10-30 10:00的延期晚于办理时限，未予适用" in md
    assert "- Q-F：延期16个工作日，超过上限15个工作日，未予适用" in md
    assert "- Q-I：2025-10-17 10:00结案，但此前回访为不满意且未重办" in md


def test_the_word_report_says_the_problems_in_chinese(ds, pm, tmp_path):
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    path = tmp_path / "r.docx"
    write_report_docx(monitoring_report(ds, Month(2025, 10), pm, audience=CITY_OFFICE), path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Q-E：2025-10-30 10:00的延期晚于办理时限，未予适用" in text
    assert "not applied" not in text and "without reopening" not in text


def test_a_problem_text_read_back_from_json_is_inert_in_markdown(ds, pm):
    """A report read back from JSON (MonitoringReport.from_json) may hold any problem text: it is
    escaped as any record text, whether or not it has one of the walk's wordings."""
    import attrs

    from softenv_core.analyses.monitoring_report import MonitoringReport
    from softenv_core.render.monitoring_report import render_markdown

    report = monitoring_report(ds, Month(2025, 10), pm, audience=CITY_OFFICE)
    hostile = (
        "<img src=x onerror=alert(1)>",
        "closed at *[x](http://e.vil)* after a follow-up rated 不满意 without reopening it",
    )
    q = next(c for c in report.complaints if c.problems)
    crafted = attrs.evolve(report, complaints=(attrs.evolve(q, problems=hostile),))
    back = MonitoringReport.from_json(crafted.to_json())
    for lang in ("zh", "en"):
        md = render_markdown(back, lang=lang)
        # Every markup character escaped: no "<" or "[" that is not preceded by a backslash.
        assert re.search(r"(?<!\\)<img", md) is None and re.search(r"(?<!\\)\[x\]", md) is None, lang
        assert "\\<img src=x onerror=alert(1)\\>" in md, lang
