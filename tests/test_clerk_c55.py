"""Clerk c55 (柳河县经信局: a month typed the clerk way, imported, the Word report and year end).

01 Every county Word document was addressed 发至：<county name>经贸委, built from the county's name,
   though the dataset records the office's own name (County.liaison_office, the 县区 sheet's
   经贸委名称: 柳河县经信局). Both results now carry it (``reader_office``) and the header names it;
   a result written before it was recorded says the county's name + 经贸委 as before.
05 The county's year end said 全市缺大型企业 from its own one-county dataset: a county reader is told
   本数据集缺大型企业 (Markdown, Word, workbook); the Word year end wrote its dates 2026-01-06 00:00
   and （2025-12-31） where the Word monthly report writes 2025年7月8日0时: now in the same form.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core.model.periods import Month
from softenv_core.testing import builders as b

# --- 01. 发至 the county's office by its recorded name ---------------------------------------

OFFICE = "甲区经信局"


def _renamed_office() -> se.Dataset:
    ds = b.small_dataset(2025)
    counties = tuple(attrs.evolve(c, liaison_office=OFFICE) if c.code == "379902" else c for c in ds.counties)
    return attrs.evolve(ds, counties=counties)


def _header(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_01_the_word_documents_are_addressed_to_the_recorded_office(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    ds = _renamed_office()
    report = se.monitoring_report(ds, Month(2025, 3), audience="county:379902")
    y = se.year_end(ds, 2025, audience="county:379902")
    assert report.reader_office == y.reader_office == OFFICE
    se.write_report_docx(report, tmp_path / "m.docx")
    se.write_yearend_docx(y, tmp_path / "y.docx")
    for name in ("m.docx", "y.docx"):
        header = _header(tmp_path / name)
        assert f"发至：{OFFICE}" in header and "经贸委" not in header
    # another reader records no county office
    assert se.monitoring_report(ds, Month(2025, 3), audience="city").reader_office is None


def test_01_a_result_written_before_the_office_was_recorded_says_name_and_jingmaowei() -> None:
    from softenv_core.render import docx_report, docx_yearend

    ds = _renamed_office()
    report = se.monitoring_report(ds, Month(2025, 3), audience="county:379902")
    unrecorded = (f'"reader_office": "{OFFICE}"', '"reader_office": null')
    old = se.MonitoringReport.from_json(report.to_json().replace(*unrecorded))
    assert docx_report.audience_line(old) == "发至：甲区经贸委"
    y = se.year_end(ds, 2025, audience="county:379902")
    old_y = se.YearEnd.from_json(y.to_json().replace(*unrecorded))
    assert docx_yearend.audience_line(old_y) == "发至：甲区经贸委"


# --- 05. 本数据集缺…, and the Word year end's dates in Chinese --------------------------------------


def _one_county() -> se.Dataset:
    """The small dataset's 甲区 alone: every point of it, its records, no other county."""
    ds = b.small_dataset(2025)
    points = tuple(p for p in ds.points if p.county == "379902")
    ids = {p.id for p in points}
    return attrs.evolve(
        ds,
        counties=tuple(c for c in ds.counties if c.code == "379902"),
        departments=tuple(d for d in ds.departments if d.county in (None, "379902")),
        points=points,
        contacts=tuple(c for c in ds.contacts if c.point in ids),
        reports=tuple(r for r in ds.reports if r.county == "379902"),
        complaints=(),
        ratings=(),
        roster_changes=(),
        filings=(),
        nominations=(),
        decisions=(),
        waivers=(),
        followups=(),
        work_plans=(),
        publicity=(),
    )


def test_05_a_county_reader_is_told_the_dataset_lacks_not_the_city(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    ds = _one_county()
    y = se.year_end(ds, 2025, audience="county:379902")
    assert any(g.scope == "city" for g in y.roster_before.gaps)
    md = se.render_yearend(y)
    assert "本数据集缺" in md and "全市缺" not in md
    se.write_yearend_docx(y, tmp_path / "y.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    assert "本数据集缺" in text and "全市缺" not in text
    # the city office reads the city's gaps as before
    assert "全市缺" in se.render_yearend(se.year_end(ds, 2025, audience="city"))


def test_05_the_word_year_end_writes_its_dates_as_the_word_report_does(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    y = se.year_end(b.small_dataset(2025), 2025, audience="city")
    se.write_yearend_docx(y, tmp_path / "y.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    assert "数据截至2026年1月" in text and "日0时（北京时间）" in text
    assert "调整前（2025年12月31日）" in text and "调整后（2026年1月31日）" in text
    assert "2025-12-31" not in text and "数据截至 2026-" not in text
