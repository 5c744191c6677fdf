"""Pins of the fixes of auditor a79's findings on the monthly monitoring report's wording: 01
section 七's line when the complaint reference is withheld, 02 the stderr line of a county report
sent after the report's instant within its minute, 03 a waiver decided after the instant named
like a late report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softenv_core import render_markdown
from tests.test_audit_a70 import _doc, _report


def _consenting() -> dict[str, Any]:
    """a70's January 2026 with 乙县's point P379921-2 consenting to be named: its county is given
    the flag beside its zero report with the point and without the complaint reference."""
    doc = _doc()
    doc["complaints"][0]["consent_to_disclose"] = True
    return doc


def _word_paragraphs(report: object, tmp_path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "report.docx"
    write_report_docx(report, out, "zh")  # type: ignore[arg-type]
    return [p.text for p in docx.Document(str(out)).paragraphs]


def test_01_a_withheld_complaint_reference_leaves_no_stray_space(tmp_path: Path) -> None:
    """01: 乙县 reads its flag as ``乙县：(P379921-2)``, not ``乙县： (P379921-2)`` (English ``乙县:
    (P…)`` with one space, not two); the city office still reads the reference (``乙县：Q5 (P…)``);
    the Word report has no space to strip either way; no reader's line has a doubled space."""
    doc = _consenting()
    county, city = _report(doc, "county:379921"), _report(doc, "city")
    (flag,) = county.reconciliation
    assert flag.complaint == "" and flag.point == "P379921-2"
    zh, en = render_markdown(county), render_markdown(county, "en")
    assert "- 379921 乙县：(P379921-2) — 零报告，但该县区监测点本月直接向市软建办反馈" in zh
    assert "- 379921 乙县: (P379921-2) — zero report" in en
    assert "- 379921 乙县：Q5 (P379921-2) — " in render_markdown(city)
    assert "- 379921 乙县: Q5 (P379921-2) — " in render_markdown(city, "en")
    for audience in ("city", "county:379921", "county:379902", "public", "department:city-amr", "point:P379921-2"):
        report = _report(doc, audience)
        for lang in ("zh", "en"):
            lines = [line for line in render_markdown(report, lang).splitlines() if line.startswith("- 3799")]
            assert all("： " not in line and ":  " not in line for line in lines), (audience, lang, lines)
        assert all("： " not in p for p in _word_paragraphs(report, tmp_path)), audience
    assert "乙县：（P379921-2），零报告，但该县区监测点本月直接向市软建办反馈。" in _word_paragraphs(county, tmp_path)
