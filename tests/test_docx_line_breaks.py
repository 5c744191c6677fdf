"""A line break in record text does not lay out the Word report (principle 8; x21 02).

The Markdown report flows every line break of a record text as a space (render/escape); the
Word report kept a line feed, which python-docx writes as a ``<w:br/>``: an item text
``正常\\n二、各县区月报报送情况 全部按时`` began a line of its own under the item, like a heading
of the report, and a county's name broke the page header (发至). Each break now reads as a
space there too; what the text says is kept.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import attrs
import pytest

pytest.importorskip("docx")

from softenv_core import CITY_OFFICE, monitoring_report
from softenv_core.model.periods import Month
from softenv_core.render.docx_report import visible, write_report_docx
from softenv_core.testing.builders import small_dataset

BREAKS = ("\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")


@pytest.mark.parametrize("brk", BREAKS)
def test_a_line_break_in_a_record_text_is_a_space_in_the_word_report(brk: str) -> None:
    assert visible(f"正常{brk}二、伪造标题") == "正常 二、伪造标题"


def test_the_word_report_holds_no_line_break_from_record_text(tmp_path: Path) -> None:
    ds = small_dataset(2025)
    report = monitoring_report(ds, Month(2025, 3), audience=CITY_OFFICE)
    assert report.notable_items, "the month needs an item to carry the text"
    forged = "正常\n\n二、各县区月报报送情况\n全部按时"
    first = attrs.evolve(report.notable_items[0], text=forged)
    report = attrs.evolve(report, notable_items=(first, *report.notable_items[1:]), city="示范市\n伪造")
    out = tmp_path / "r.docx"
    write_report_docx(report, out)
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    # The report's own breaks only: a due or submission cell's day over its time (reviewer r54 01).
    xml = re.sub(r"<w:t>\d\d-\d\d</w:t><w:br/><w:t>\d\d:\d\d(?::\d\d)?</w:t>", "", xml)
    assert "<w:br/>" not in xml and "<w:cr/>" not in xml
    assert "正常  二、各县区月报报送情况 全部按时" in xml
