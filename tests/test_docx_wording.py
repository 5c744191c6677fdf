"""The Word report's wording a clerk tripped on (t5 10): the note on what "—" and "（已隐去）"
mean comes on page 1, before the first hidden figure; a county that did not report reads
未报, with no zero-report claim; no command line stands in the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.render.docx_report import write_report_docx

from .demo_city import demo

docx = pytest.importorskip("docx")

_NOTE = "注：表中“—”、文中“（已隐去）”表示"


@pytest.fixture(scope="module")
def county_january(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    """The demo's January for 379922: 379924 did not report that month."""
    r = monitoring_report(demo(), "2025-01", audience="county:379922")
    path = tmp_path_factory.mktemp("docx") / "r.docx"
    write_report_docx(r, path)
    return r, path


def test_the_note_comes_before_the_first_section(county_january):
    _, path = county_january
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    note = next(i for i, t in enumerate(texts) if t.startswith(_NOTE))
    first = next(i for i, t in enumerate(texts) if t.startswith("一、"))
    assert note < first and all("（已隐去）" not in t for t in texts[:note])


def test_a_county_that_did_not_report_reads_unreported(county_january):
    r, path = county_january
    missing = {row.name for row in r.county_reports if row.status == "missing"}  # type: ignore[attr-defined]
    table = docx.Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells][:5] == ["县区", "截止", "首次报送", "状态", "零报告"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:] if row.cells[0].text in missing]
    assert missing and rows and all(row[2] == "未报" and row[4] == "" for row in rows), rows


def test_a_month_not_owed_reads_none_not_unreported(tmp_path: Path) -> None:
    """A county created in July: its June is 无需报送, with no due day (截止 无) and no first
    submission owed: 首次报送 reads 无 as 截止 does, never 未报 (docs/monitoring.md section 二;
    auditor a71 05)."""
    from datetime import date

    import attrs

    from softenv_core import CITY_OFFICE, Month
    from softenv_core.rules.registry import get_plugin_manager
    from softenv_core.testing import small_dataset

    ds = small_dataset(2025)
    new = "379981"
    july = date(2025, 7, 1)
    counties = tuple(attrs.evolve(c, effective_from=july) if c.code == new else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_from=july) if p.county == new else p for p in ds.points)
    mine = {p.id for p in points if p.county == new}
    contacts = tuple(c for c in ds.contacts if c.point not in mine or c.date >= july)
    reports = tuple(r for r in ds.reports if r.county != new or r.month >= Month(2025, 7))
    ds = attrs.evolve(ds, counties=counties, points=points, contacts=contacts, reports=reports)
    pm = get_plugin_manager(autoload=False)
    r = monitoring_report(ds, Month(2025, 6), pm, audience=CITY_OFFICE)
    name = next(c.name for c in ds.counties if c.code == new)
    write_report_docx(r, tmp_path / "r.docx")
    table = docx.Document(str(tmp_path / "r.docx")).tables[0]
    (row,) = [[c.text for c in row.cells] for row in table.rows if row.cells[0].text == name]
    assert row[1:4] == ["无", "无", "无需报送"], row
