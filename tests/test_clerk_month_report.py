"""The monthly report's wording a clerk (t11) tripped on: the open matters' ages are counted
to a day the report names (not "报告日", defined nowhere); a county that did not report has no
zero-report claim in Markdown either (as in Word); Word's section 六 numbers （一） only when
（二） follows; section 三's count column says it counts the points owing the month's contact
(应联系), not every point on the roster (在册), in Markdown and Word alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.demo import build_demo
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.report_format import OWING_NOTE_ZH

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return build_demo(year=2025)


def _paragraphs(r: object, path: Path) -> list[str]:
    write_report_docx(r, path)  # type: ignore[arg-type]
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_open_matters_say_the_day_their_ages_run_to(demo, tmp_path):
    r = monitoring_report(demo, "2025-09", audience="city")
    assert r.open_matters
    md = render_markdown(r)
    assert f"截至2025-09-30未办结事项{len(r.open_matters)}项" in md and "报告日" not in md
    texts = _paragraphs(r, tmp_path / "r.docx")
    assert any(t.startswith(f"截至9月30日未办结事项{len(r.open_matters)}项") for t in texts)
    assert not any("报告日" in t for t in texts)
    # The ages are the days from the matter's day to the one named.
    assert all(m.age_days == (r.month.last_day - m.raised_on).days for m in r.open_matters)


def test_a_missing_report_has_no_zero_report_claim_in_markdown(demo):
    r = monitoring_report(demo, "2025-01", audience="county:379922")
    missing = [row for row in r.county_reports if row.status == "missing"]
    assert missing
    md = render_markdown(r).splitlines()
    for row in missing:
        line = next(x for x in md if x.startswith(f"| {row.county} {row.name} |"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[2] == "未报" and cells[4] == "", line
    shown = [row for row in r.county_reports if row.submitted_at is not None and not row.zero_report]
    line = next(x for x in md if x.startswith(f"| {shown[0].county} {shown[0].name} |"))
    assert [c.strip() for c in line.strip("|").split("|")][4] == "否"


def test_section_six_numbers_its_parts_only_when_there_are_two(demo, tmp_path):
    county = monitoring_report(demo, "2025-09", audience="county:379922")
    assert not county.unit_rates  # a county is shown no handling unit's rates
    texts = _paragraphs(county, tmp_path / "county.docx")
    six = texts.index("六、共性问题和工作建议")
    assert not any(t.startswith("（一）") for t in texts[six:])
    city = monitoring_report(demo, "2025-09", audience="city")
    assert city.unit_rates
    texts = _paragraphs(city, tmp_path / "city.docx")
    six = texts.index("六、共性问题和工作建议")
    assert "（一）共性问题" in texts[six:] and "（二）承办单位“三率”" in texts[six:]


def test_the_contact_table_counts_the_points_owing_the_month(demo, tmp_path):
    r = monitoring_report(demo, "2025-09", audience="city")
    md = render_markdown(r)
    assert "| 县区/市直 | 应联系 | 联系上 |" in md and "| 在册 |" not in md
    assert OWING_NOTE_ZH in md
    owing = sum(c.active_points for c in r.contacts)
    assert f"本月应联系{owing}个" in md
    texts = _paragraphs(r, tmp_path / "r.docx")
    assert OWING_NOTE_ZH in texts and any(f"本月应联系监测点{owing}个" in t for t in texts)
    table = next(t for t in docx.Document(str(tmp_path / "r.docx")).tables if t.rows[0].cells[0].text == "县区/市直")
    assert table.rows[0].cells[1].text == "应联系"
