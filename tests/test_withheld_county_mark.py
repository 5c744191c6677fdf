"""A county withheld from a reader (a small cell) in the open-matters table is shown with the one
mark of a hidden cell, "—", as the note under the title says, not as an empty cell (noticed while
looking at the forty-second session's department report)."""

from __future__ import annotations

import pytest

import softenv_core as se

from .demo_city import demo


def _report(audience: str) -> se.MonitoringReport:
    return se.monitoring_report(demo(), "2025-06", se.get_plugin_manager(autoload=False), audience=audience)


def _open_rows(markdown: str) -> list[list[str]]:
    lines = markdown.split("### 未办结事项及时长", 1)[1].split("\n\n## ", 1)[0].splitlines()
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines if line.startswith("| 20")]


def test_a_withheld_county_is_marked_in_the_markdown_and_a_shown_one_named() -> None:
    report = _report("department:city-power")
    withheld = [m for m in report.open_matters if not m.county]
    assert withheld, "the case: the department's open matters have their counties withheld"
    rows = _open_rows(se.render_markdown(report, "zh"))
    assert rows and all(row[1] == "—" for row in rows), rows
    city = _open_rows(se.render_markdown(_report("city"), "zh"))
    assert city and all(row[1] not in ("", "—") for row in city), city


def test_a_withheld_county_is_marked_in_the_word_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx = pytest.importorskip("docx")
    path = tmp_path / "r.docx"
    se.write_report_docx(_report("department:city-power"), path)
    tables = docx.Document(str(path)).tables
    (table,) = [t for t in tables if t.rows[0].cells[0].text == "反映日期"]
    counties = [row.cells[1].text for row in table.rows[1:]]
    assert counties and all(c == "—" for c in counties), counties
