"""Section 七 of the monthly report (核对提示, 可能漏报): its reasons are Chinese text written with
full-width punctuation in every form of the report (clerk c36 found "零报告, 但…")."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from softenv_core.analyses.report_reconciliation import LEFT_OUT, ZERO_BUT_COMPLAINT, ZERO_BUT_CONTACT, reason_en
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown

from .test_monitoring import _amended, _march_with

#: A half-width comma or semicolon (with or without a space) between two Chinese characters.
_HALF_WIDTH = re.compile(r"[\u3400-\u9fff][,;] ?[\u3400-\u9fff]")


def test_the_reasons_are_written_with_full_width_punctuation() -> None:
    for reason in (LEFT_OUT, ZERO_BUT_COMPLAINT, ZERO_BUT_CONTACT.format(office="青山县经信局", items=2)):
        assert not _HALF_WIDTH.search(reason), reason
    assert "，" in ZERO_BUT_COMPLAINT and "，" in ZERO_BUT_CONTACT


def test_no_line_of_section_7_has_a_half_width_comma_between_chinese_characters(tmp_path: Path) -> None:
    # A zero report beside direct feedback and its own office's contact items: both kinds of flag.
    report = _march_with(_amended(zero=True))
    assert [f.reason for f in report.reconciliation] == [
        ZERO_BUT_COMPLAINT,
        ZERO_BUT_CONTACT.format(office="西城区经贸委", items=1),
    ]
    text = render_markdown(report, "zh")
    section = text.split("## 七、")[1].split("\n## ")[0].splitlines()
    flagged = [line for line in section if line.startswith("- ")]
    assert len(flagged) == 2 and all("零报告，但" in line for line in flagged)
    assert [line for line in section if _HALF_WIDTH.search(line)] == []
    target = tmp_path / "r.docx"
    write_report_docx(report, target, "zh")
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("七、"))
    said = [p for p in paragraphs[start + 1 :] if "零报告" in p]
    assert len(said) == 2 and [p for p in said if _HALF_WIDTH.search(p)] == []


def test_the_english_report_gives_each_reason_in_english() -> None:
    """c36's leftover: section 7 of the ``--lang en`` report showed its reasons in Chinese (the
    result carries them in Chinese, the wording of the Markdown, Word and JSON alike)."""
    assert reason_en(ZERO_BUT_CONTACT.format(office="青山县经信局", items=3)) == (
        "zero report, but the county's liaison office recorded 3 item(s) contacting this point this month: amend the"
        " month's report to list them (copied from the contact, counted once), not zero"
    )
    for reason in (LEFT_OUT, ZERO_BUT_COMPLAINT):
        english = reason_en(reason)
        assert english.isascii() and english != reason
    assert reason_en("旧版本的说明") == "旧版本的说明"  # a reason this library did not write: as it is
