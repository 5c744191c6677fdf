"""Pins of the fixes of auditor a70's findings 01, 02 and 04 (tests/test_audit_a70.py): what
each reader's summary says of section 七's flags, in Markdown (Chinese, English) and Word."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core import render_markdown
from softenv_core.analyses.redaction_report import UNCOUNTED_FLAGS
from softenv_core.render.report_flags import UNCOUNTED_FLAGS_EN
from tests.test_audit_a70 import _doc, _report


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
