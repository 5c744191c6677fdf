"""Auditor a84: report deadlines and lateness computed by hand from the policy (seed 三(二),
四(三); DESIGN "Monthly report"; docs/rules.md; docs/calendar.md) and compared with
`softenv deadline`, `assess`, `explain --county`, the monitoring report's section 二, the year
end and the results workbook. Each test asserts the correct behaviour and fails on the library
as found.

Hand computations that held (not recorded here): the city deadline of every month 2024-01 to
2026-11 against chinesecalendar (顺延 over 春节, 清明, 劳动节, 端午, 国庆+中秋, 元旦 and the
2024-04-07 / 2025-02-08 / 2026-10-10 补班); 青山县's 3rd (顺延) for 2023-12 to 2026-11; 2026-12 and
2027 months strict (refused, with --provisional / --calendar / upgrade offered), --provisional
(weekends only, 暂定) and --calendar FILE (a 2027 notice moving 01-05 and 10-05); the due second
23:59:59 and 23:59:59.5 on time, 00:00:00 of the next day late by 1; submissions written at
-05:00, +05:45, Z and -00:00; a naive time and 24:00 refused; late-by-N across 春节 2024 and 2026,
国庆 2025 and 2026 (a Saturday 补班 counted), across the year boundary (2024-12 → 2025-01-10: 4,
scored 0); late on a holiday right after the due day (N = 0, 截止日后无工作日); compliance means
(75.00, 95.83, 79.17, 86.36, 91.67); open_until at the default instant for the city and 青山县 in
strict, provisional and supplied-2027 calendars; waivers decided after the instant (not counted,
named by explain), by a county office (ignored with a notice), by 测试市经贸委 (counted); a county
created 06-15 (owes June on) and one abolished 09-30 (owes to September, no 十佳, after-end
notice); a plugin deadline NO_MOVE on a holiday and one at 17:00 (20:00 late by 0); amendments
out of order, an invalid first version or amendment, a report submitted inside its own month, all
refused; `assess --year 2027` at an instant of 2026.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core import BEIJING, WorkCalendar
from tests.cli_runs import run_cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


def _doc() -> dict[str, Any]:
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def _write(doc: dict[str, Any], tmp_path: Path, name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# --- 01 -----------------------------------------------------------------------------------------


def test_01_assess_waiver_cell_calls_an_on_time_month_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The county table of `softenv assess` (text, and Markdown/English alike) says an on-time
    month covered by a city waiver was 未报 (missing).

    Where: render/reasons.py `waiver_cell` (via `waived_facts`): every month with `m.waiver` is
    listed, and any month whose `reported` is not LATE is worded 未报 — including an ON_TIME month,
    to which the assessment attaches the covering waiver's id too. docs/rules.md: "An on-time month
    stays `on_time` whatever the waivers."

    The shipped examples/small-dataset.json shows it: 乙县 (379921) filed July 2025 on
    2025-08-02 09:00 (due 08-04, 青山县's 3rd moved off the Sunday), on time, and waiver
    W-379921-2025-07 (缓报, decided 2025-08-12) covers July. Expected: the 豁免 cell does not say
    the month was missing (e.g. `2025-07（按时；豁免 …）` or nothing, the month being on time); actual:
    `2025-07（未报；豁免 W-379921-2025-07）` beside 按时 12, 未报 0 — a figure contradicting its own
    row. `explain --county` shows the month 按时 with W-379921-2025-07 beside it; the CSV says
    按时（已豁免）. Severity: medium (a clerk or auditor reads a month as unreported that was on time).
    """
    path = _write(_doc(), tmp_path)
    code, out, _err = run_cli(capsys, "assess", path, "--year", "2025")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("379921"))
    assert "未报；豁免 W-379921-2025-07" not in row, row
    code, out, _err = run_cli(capsys, "assess", path, "--year", "2025", "--lang", "en")
    row = next(line for line in out.splitlines() if line.startswith("379921"))
    assert "missing; waiver W-379921-2025-07" not in row, row


# --- 02 -----------------------------------------------------------------------------------------


def _year_2026(tmp_path: Path, nov_submitted: str) -> Path:
    """The example city in 2026: every month filed on the 2nd of the next, November as given,
    December not yet (no contacts, complaints, rounds: only the reports matter here)."""
    doc = _doc()
    for key in ("contacts", "complaints", "ratings", "appraisal_rounds", "nominations", "waivers"):
        doc[key] = []
    reports = []
    for county in ("379902", "379921"):
        for m in range(1, 12):
            sub = f"2026-{m + 1:02d}-02T09:00:00+08:00"
            if county == "379902" and m == 11:
                sub = nov_submitted
            reports.append(
                {
                    "id": f"R-{county}-2026-{m:02d}",
                    "county": county,
                    "month": f"2026-{m:02d}",
                    "submitted_at": sub,
                    "submitted_by": "经办人",
                    "items": [],
                    "nothing_to_report": True,
                    "amendments": [],
                }
            )
    doc["reports"] = reports
    return _write(doc, tmp_path, "y2026.json")


def test_02_provisional_late_count_into_late_december_is_not_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late count of working days that runs into the last days of December 2026 (from the 19th,
    which the 2027 notice may move: docs/calendar.md) is computed from weekends alone under
    --provisional and returned unmarked: `Assessment.provisional` false, no 暂定 in `assess`,
    `explain --county` or the monitoring report's section 二.

    Case (chinesecalendar 1.11, 2027 not supplied): 甲区's November 2026 report, due Monday
    2026-12-07 23:59:59, first submitted 2026-12-28 10:00; assessed as of 2026-12-30 00:00.
    Strict: every command refuses (`2026-12-19 须待 2027 年的安排…`) — the library knows the figure
    depends on the 2027 notice. --provisional: `迟报 15个工作日` with `provisional: false` and
    no notice; with a 2027 notice making Saturday 2026-12-26 a 补班 (--calendar) the same report
    is 迟报 16个工作日. docs/calendar.md: the provisional calendar "reads those days as weekends
    only and marks what they touch, as for an unknown year", and a ComplaintStatus whose overdue
    days reach such a year is marked; a month's late count is not (analyses/assessment.py
    `assess_whole`: `provisional = any(m.deadline.provisional …)` reads only the deadlines, not the
    days `late_workdays` counted).
    Expected: the assessment (or at least the month) says provisional; actual: unmarked.
    Severity: low (the score is 0 either way — a count reaching the 19th exceeds the grace — but
    the count printed in explain, the 十佳 reason and section 二 is presented as final).
    """
    path = _year_2026(tmp_path, "2026-12-28T10:00:00+08:00")
    ds = se.load_dataset(path)
    as_of = datetime(2026, 12, 30, tzinfo=BEIJING)
    a = se.assess(ds, 2026, audience="city", calendar=WorkCalendar.provisional(), as_of=as_of)
    county = next(c for c in a.counties if c.code == "379902")
    nov = next(m for m in county.months if str(m.month) == "2026-11")
    assert nov.late_workdays == 15  # weekends only: 12-26 is a 休息日 here
    assert a.provisional, "a late count read from weekends-only days of late December is not marked"


def test_02_explain_and_section_two_mark_the_late_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same count in `explain --county` and the monitoring report of November (section 二:
    `迟报 15个工作日`) under --provisional: both say 暂定 (fix helper fa84); a count that stops
    before the 19th (submitted 12-10: 迟报 3个工作日) marks neither."""
    at = "2026-12-30T00:00:00+08:00"
    path = _year_2026(tmp_path, "2026-12-28T10:00:00+08:00")
    code, out, _err = run_cli(
        capsys, "explain", path, "--year", "2026", "--county", "379902", "--provisional", "--as-of", at
    )
    assert code == 0 and "暂定" in out, out
    code, out, _err = run_cli(capsys, "report", path, "--month", "2026-11", "--provisional", "--as-of", at)
    assert code == 0 and "迟报 15个工作日" in out and "暂定" in out, out
    (tmp_path / "early").mkdir()
    before = _year_2026(tmp_path / "early", "2026-12-10T10:00:00+08:00")
    code, out, _err = run_cli(capsys, "report", before, "--month", "2026-11", "--provisional", "--as-of", at)
    assert code == 0 and "迟报 3个工作日" in out and "暂定" not in out, out


# --- 03 -----------------------------------------------------------------------------------------


def test_03_monitoring_report_section_two_says_missing_without_the_open_late_band(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Section 二 of the monthly monitoring report, at its own default instant (the moment after
    the month's last county deadline), reads an unfiled report 未报 with no word that it may still
    be filed and count as late — the month that `assess`, `explain --county`, the 十佳 reason and
    the workbook/CSV show as `未报（截至评估时点未收到；…前补报按迟报计）` / `(…前补报按迟报计)`.

    docs/rules.md "Open to a late report": a month missing at `as_of` whose late band has not run
    out carries `open_until`, "one rule for every month and instant"; the report's default instant
    is always inside that band for every missing county, so every default report calls 未报 a
    county that can still score 50. Case: examples/small-dataset.json without 甲区's May 2025
    report (due Thursday 2025-06-05; the band: 06-06, 06-09, 06-10, so open until 2025-06-10
    23:59:59). `softenv report --month 2025-05` (as of 2025-06-06 00:00): `| 379902 甲区 |
    2025-06-05 23:59 | 未报 | 未报 |  | 0 |`, no notice on stdout or stderr, and the JSON
    `county_reports` row has no `open_until` (analyses/report_rows.py `CountyReportRow`).
    Expected: the row or a notice of the report says it may still be filed until 2025-06-10
    23:59:59 and count as late (补报按迟报计), as the assessment says; actual: 未报 alone.
    Severity: low (a county told 未报 in the city's report the day after the deadline, while it
    can still file and score 50).
    """
    doc = _doc()
    doc["reports"] = [r for r in doc["reports"] if r["id"] != "R-379902-2025-05"]
    path = _write(doc, tmp_path)
    code, out, err = run_cli(capsys, "report", path, "--month", "2025-05")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("| 379902 甲区"))
    assert "未报" in row
    assert "06-10" in out + err, row
    assert "补报" in out + err, row


def test_03_the_open_band_in_the_json_row_and_the_word_report(tmp_path: Path) -> None:
    """The same row's `open_until` in the JSON document and its words in the Word report's
    section 二 (fix helper fa84); a county that filed has none."""
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    doc = _doc()
    doc["reports"] = [r for r in doc["reports"] if r["id"] != "R-379902-2025-05"]
    report = se.monitoring_report(se.load_dataset(_write(doc, tmp_path)), "2025-05", audience=se.CITY_OFFICE)
    rows = {r.county: r for r in report.county_reports}
    assert rows["379902"].open_until == datetime(2025, 6, 10, 23, 59, 59, tzinfo=BEIJING)
    assert rows["379921"].open_until is None
    written = se.to_document(report)
    assert [r["open_until"] for r in written["county_reports"]] == ["2025-06-10T23:59:59+08:00", None]
    write_report_docx(report, tmp_path / "r.docx")
    cells = [c.text for t in docx.Document(str(tmp_path / "r.docx")).tables for r in t.rows for c in r.cells]
    assert "未报（截至评估时点未收到；2025-06-10 23:59:59前补报按迟报计）" in cells
