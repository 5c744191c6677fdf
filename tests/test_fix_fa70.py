"""Pins of the fixes of auditor a70's findings 01, 02 and 04 (tests/test_audit_a70.py): what
each reader's summary says of section 七's flags, in Markdown (Chinese, English) and Word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softenv_core import Month, render_markdown
from softenv_core.analyses.redaction_report import UNCOUNTED_FLAGS
from softenv_core.render.report_flags import UNCOUNTED_FLAGS_EN
from tests.test_audit_a70 import _doc, _ev, _report


def _word_text(report: object, tmp_path: Path) -> str:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "report.docx"
    write_report_docx(report, out, "zh")  # type: ignore[arg-type]
    return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_a_county_is_told_its_count_leaves_withheld_flags_out(tmp_path: Path) -> None:
    """01: both counties' summaries carry the fixed sentence beside the count, whether a flag was
    withheld (乙县, its point's complaint without consent) or not (甲区, its own contacts' three
    flags listed), in Chinese and English Markdown and in the Word report."""
    doc = _doc()
    for code, n in (("379921", 0), ("379902", 3)):
        county = _report(doc, f"county:{code}")
        assert len(county.reconciliation) == n
        assert f"；可能漏报提示：{n}条（{UNCOUNTED_FLAGS}）。" in render_markdown(county)
        assert f"; possible omissions: {n} ({UNCOUNTED_FLAGS_EN})." in render_markdown(county, "en")
        assert f"，可能漏报提示{n}条（{UNCOUNTED_FLAGS}）。" in _word_text(county, tmp_path)


def test_the_city_office_reads_its_count_as_before(tmp_path: Path) -> None:
    """01: the city office is given every flag; its summary is as it was, without the sentence."""
    city = _report(_doc(), "city")
    md, en, word = render_markdown(city), render_markdown(city, "en"), _word_text(city, tmp_path)
    assert "- 共性问题（专项调研建议）：1项；可能漏报提示：4条。" in md
    assert "- Common problems (research candidates): 1; possible omissions: 4." in en
    assert "共性问题1项，可能漏报提示4条。" in word
    assert all(UNCOUNTED_FLAGS not in text for text in (md, word))


def test_a_reader_never_given_section_7_is_told_no_count_of_it(tmp_path: Path) -> None:
    """02: the public, a department and a point read the common problems alone, in Chinese and
    English Markdown and in Word, and no word of flags."""
    doc = _doc()
    for audience in ("public", "department:city-amr", "point:P379902-1"):
        report = _report(doc, audience)
        n = len(report.common_problems)
        md, en, word = render_markdown(report), render_markdown(report, "en"), _word_text(report, tmp_path)
        assert f"- 共性问题（专项调研建议）：{n}项。\n" in md, audience
        assert f"- Common problems (research candidates): {n}.\n" in en, audience
        assert f"共性问题{n}项。" in word, audience
        assert all("可能漏报" not in text for text in (md, word)) and "omission" not in en, audience


def _december() -> dict[str, Any]:
    """test_04's December 2025: Q3 signed 12-31, its resolve step due 2026-01-22."""
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
    return doc


def _due_cells(report: object, tmp_path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "due.docx"
    write_report_docx(report, out, "zh")  # type: ignore[arg-type]
    tables = docx.Document(str(out)).tables
    (table,) = [t for t in tables if [c.text for c in t.rows[0].cells][4:5] == ["时限"]]
    return [row.cells[4].text for row in table.rows[1:]]


def test_a_due_day_in_another_year_is_written_in_full(tmp_path: Path) -> None:
    """04: the Word report's 时限 writes 2026-01-22 in December 2025's report, its year a line of
    its own, in the city office's table (4号) and a department's (小四, references); a due day in
    the report's year stays month-day (Q5, due in January 2026's report). The Markdown's 时限
    writes every due day in full."""
    december = _report(_december(), "city", Month(2025, 12))
    assert _due_cells(december, tmp_path) == ["2026-\n01-22"]
    assert _due_cells(_report(_december(), "department:d902", Month(2025, 12)), tmp_path) == ["2026-\n01-22"]
    assert "| 2026-01-22 |" in render_markdown(december)
    january = _report(_doc(), "city")
    (q5,) = january.complaints
    assert q5.due_at is not None and q5.due_at.year == 2026
    assert _due_cells(january, tmp_path) == [q5.due_at.strftime("%m-%d")]
