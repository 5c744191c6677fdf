"""Clerk c55 (柳河县经信局: a month typed the clerk way, imported, the Word report and year end).

01 Every county Word document was addressed 发至：<county name>经贸委, built from the county's name,
   though the dataset records the office's own name (County.liaison_office, the 县区 sheet's
   经贸委名称: 柳河县经信局). Both results now carry it (``reader_office``) and the header names it;
   a result written before it was recorded says the county's name + 经贸委 as before.
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
