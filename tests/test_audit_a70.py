"""Auditor a70: the monthly monitoring report and the complaint figures checked by hand.

A small city of two counties, three county-level points each, designated since 2024. January
2026: every point of 379902 is reached by its county office (one 执法 item each, about the city's
市场监管局); 乙县 (379921) files a zero report and its point P379921-2 complains to 市软建办 on
01-28 (no consent to be named), never accepted.

Findings: 01 a county's Markdown and Word said "可能漏报提示：0条" for a flag withheld from it, without
the fixed sentence saying withheld flags are not counted; 02 readers never given section 七 were
told "0条"; 03 items naming no department never made a 共性问题, silently; 04 the Word report's due
day dropped its year across a year end; 05 a 督办 made before a step was overdue cleared the 应督办
of that step once overdue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import uscc

import softenv_core as se
from softenv_core import Month, get_plugin_manager, monitoring_report, render_markdown


def _ev(kind: str, at: str, **kw: Any) -> dict[str, Any]:
    return {"type": kind, "at": at, "actor": "市软建办", **kw}


def _point(code: str, k: int, n: int) -> dict[str, Any]:
    base = f"91{code}MA{n:07d}"[:17]
    return {
        "id": f"P{code}-{k}",
        "enterprise": {
            "name": f"企业{code}-{k}有限公司",
            "uscc": base + uscc.calc_check_digit(base),
            "size": "medium",
            "ownership": "private",
            "sector": "industry",
        },
        "county": code,
        "level": "county",
        "designated_by": "city",
        "designated_from": "2024-01-01",
        "designated_until": None,
    }


def _doc(contact_items: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    counties = [("379902", "甲区"), ("379921", "乙县")]
    points = [_point(code, k, i * 3 + k) for i, (code, _) in enumerate(counties) for k in (1, 2, 3)]
    contact_items = contact_items or {
        f"P379902-{k}": [{"category": "enforcement", "text": "重复检查", "department": "city-amr", "point": None}]
        for k in (1, 2, 3)
    }
    contacts = [
        {
            "id": f"C-{p}",
            "point": p,
            "date": "2026-01-10",
            "method": "phone",
            "liaison": p[1:7],
            "reached": True,
            "items": items,
        }
        for p, items in contact_items.items()
    ]
    reports = [
        {
            "id": f"R{code}-01",
            "county": code,
            "month": "2026-01",
            "submitted_at": "2026-02-02T10:00:00+08:00",
            "submitted_by": "经办人",
            "items": [],
            "nothing_to_report": True,
            "amendments": [],
        }
        for code, _ in counties
    ]
    complaints = [
        {
            "id": "Q5",
            "kind": "complaint",
            "point": "P379921-2",
            "department": "city-amr",
            "category": "enforcement",
            "text": "执法问题",
            "consent_to_disclose": False,
            "events": [_ev("received", "2026-01-28T09:00:00+08:00")],
        }
    ]
    return {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市"},
        "counties": [{"code": c, "name": n, "kind": "district", "liaison_office": n + "经贸委"} for c, n in counties],
        "departments": [{"id": "city-amr", "name": "市市场监管局", "county": None}],
        "points": points,
        "contacts": contacts,
        "reports": reports,
        "complaints": complaints,
    }


JANUARY = Month(2026, 1)


def _report(doc: dict[str, Any], audience: str, month: Month = JANUARY) -> se.MonitoringReport:
    dataset = se.loads_dataset(doc)
    return monitoring_report(dataset, month, get_plugin_manager(autoload=False), audience=audience)


def test_01_a_countys_report_says_withheld_flags_are_not_counted(tmp_path: Path) -> None:
    """乙县's zero report on January beside its own point's complaint (no consent) is flagged for
    the city office (section 七, `可能漏报提示：1条`). 乙县's own report withholds the flag and its
    summary reads `可能漏报提示：0条`; docs/privacy.md says every county view carries the fixed
    sentence `漏报核对提示仅在投诉人同意公开时列出，不列者不计数`, so that the 0 is not read as "your
    zero report checked out". The sentence is only in the JSON's notices: neither the Markdown nor
    the Word report the county reads says it."""
    doc = _doc()
    city = _report(doc, "city")
    assert any(f.complaint == "Q5" for f in city.reconciliation)
    county = _report(doc, "county:379921")
    md = render_markdown(county)
    assert "漏报核对提示仅在投诉人同意公开时列出，不列者不计数" in md
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "county.docx"
    write_report_docx(county, out, "zh")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "漏报核对提示仅在投诉人同意公开时列出，不列者不计数" in text


def test_02_a_reader_never_given_section_7_is_not_told_it_has_no_flags() -> None:
    """The city office's January report has 4 flags (三 contact items beside 甲区's zero report, one
    complaint beside 乙县's). The public, a department and a point are never given section 七, yet
    their summary states `可能漏报提示：0条`: a figure that is simply false for them. The clause
    should be left out (or say it is not given), not print a count of nothing."""
    doc = _doc()
    assert len(_report(doc, "city").reconciliation) == 4
    for audience in ("public", "department:city-amr", "point:P379902-1"):
        md = render_markdown(_report(doc, audience))
        assert "可能漏报提示：0条" not in md, audience


def test_03_a_common_problem_raised_without_a_department_is_not_silently_dropped() -> None:
    """三(四): 专项调研 on 共性问题 and 行业经济运行的困难. DESIGN "Common problems": the same category and
    department raised by >= 3 points in >= 2 counties within 3 months. Six points in two counties
    raise 困难问题 "招工难" naming no department (the item's department is optional, data-format.md),
    and section 四 counts the six; section 六 says 本期无 and nothing anywhere says that items
    without a department are never counted (model/dataset.py contact_matters skips them)."""
    items = [{"category": "difficulty", "text": "招工难", "department": None, "point": None}]
    doc = _doc({f"P{c}-{k}": items for c in ("379902", "379921") for k in (1, 2, 3)})
    report = _report(doc, "city")
    assert report.items_by_category == {"difficulty": 6}
    assert any(p.category == "difficulty" for p in report.common_problems)


def test_04_the_word_reports_due_day_names_its_year_across_a_year_end(tmp_path: Path) -> None:
    """December 2025's Word report lists a complaint signed 12-31 whose resolve step is due
    2026-01-22 (15 working days, 01-01..03 off, Sunday 01-04 worked). Section 五's 时限 column
    prints `01-22`, which in a report on 2025 reads as a day of January 2025 (the open matters
    table of the same document writes a day of another year in full, `2025-09-10`)."""
    doc = _doc()
    doc["departments"].append({"id": "d902", "name": "甲区税务局", "county": "379902"})
    doc["complaints"] = [
        {
            "id": "Q3",
            "kind": "complaint",
            "point": "P379902-2",
            "department": "d902",
            "category": "enforcement",
            "text": "执法问题",
            "consent_to_disclose": False,
            "events": [
                _ev("received", "2025-12-29T09:00:00+08:00"),
                _ev("accepted", "2025-12-29T10:00:00+08:00"),
                _ev("assigned", "2025-12-30T10:00:00+08:00", unit="d902"),
                _ev("signed", "2025-12-31T10:00:00+08:00"),
            ],
        }
    ]
    report = _report(doc, "city", Month(2025, 12))
    (q3,) = report.complaints
    assert q3.due_at.date().isoformat() == "2026-01-22"
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "dec.docx"
    write_report_docx(report, out, "zh")
    cells = [cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells]
    assert "01-22" not in cells
    assert any("2026" in c and "22" in c for c in cells)


def test_05_a_reminder_before_the_due_moment_is_not_the_supervision_an_overdue_step_needs() -> None:
    """DESIGN "Complaint limits": overdue → supervision (督办) is due. A suggestion signed Mon
    2026-01-05 (resolve due 01-12, 5 working days) is reminded (督办) on 01-06, inside its limit,
    and never resolved: at January's end it is 14 working days overdue, yet the report shows no
    应督办 (and no word of the 01-06 督办), because `supervision_due` only asks for a 督办 since
    the step opened (complaint_steps.supervised_since_open), not since it became overdue."""
    doc = _doc()
    doc["complaints"] = [
        {
            "id": "S1",
            "kind": "suggestion",
            "point": "P379902-1",
            "department": "city-amr",
            "category": "service",
            "text": "建议",
            "consent_to_disclose": False,
            "events": [
                _ev("received", "2026-01-05T09:00:00+08:00"),
                _ev("accepted", "2026-01-05T10:00:00+08:00"),
                _ev("assigned", "2026-01-05T11:00:00+08:00", unit="city-amr"),
                _ev("signed", "2026-01-05T15:00:00+08:00"),
                _ev("supervised", "2026-01-06T09:00:00+08:00"),
            ],
        }
    ]
    (s1,) = _report(doc, "city").complaints
    assert s1.due_at.date().isoformat() == "2026-01-12"
    assert s1.overdue_workdays == 14
    assert s1.supervision_due
