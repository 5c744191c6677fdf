"""The county clerk's month in Excel and Word (tester c39, 青山县): what she met, each as a test."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from softenv_core.analyses.monitoring_report import monitoring_report

from .demo_city import demo

docx = pytest.importorskip("docx")

from softenv_core.render.docx_report import write_report_docx  # noqa: E402


def test_a_report_ending_with_a_table_keeps_its_last_row_with_the_office_and_date(tmp_path: Path):
    """GB/T 9704: the signature never stands alone on a page. A city report whose last section
    is 六(二)'s 三率 table (no 七) kept only the blank line after the table with the signature:
    the table's last row was free to stay on page 3, and LibreOffice put 市经贸委 and the date
    alone on page 4 (c39, 青山县's March)."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    assert r.unit_rates
    path = tmp_path / "r.docx"
    write_report_docx(attrs.evolve(r, reconciliation=()), path)
    body = docx.Document(str(path)).element.body
    blocks = [el for el in body if el.tag.rpartition("}")[2] in ("p", "tbl")]
    table = max(i for i, el in enumerate(blocks) if el.tag.endswith("}tbl"))
    office = next(i for i, el in enumerate(blocks) if el.xpath("string(.)") == "市经贸委")
    assert all(not el.xpath("string(.)") for el in blocks[table + 1 : office])  # nothing but blank lines
    kept = blocks[table].xpath("./w:tr[last()]//w:p") + blocks[table + 1 : office + 1]
    for p in kept:
        assert p.xpath("./w:pPr/w:keepNext"), p.xpath("string(.)")
