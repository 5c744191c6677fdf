"""Section 三 counts each point's monthly contact under the office that owes it (三(二): 市直
points by 市经贸委, 县区 points by 县区经贸委): the 市直 points have their own row, ``"city"``,
so a county's row and its unreached list hold only what it owed (auditor t4 finding 02: a
市直 point nobody reached was counted as its county's miss, and listed in the county's own
report as its unreached point)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from softenv_core import CITY_OFFICE, Month, get_plugin_manager
from softenv_core.analyses.contact_overview import points_reached
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing import datasets, small_dataset

from .weights import HEAVY

JIA = "379902"
CITY_POINT, OWN_POINT = f"P-{JIA}-1", f"P-{JIA}-2"  # 甲区's 市直 point (the city's), its own
MARCH = Month(2025, 3)
PM = get_plugin_manager(autoload=False)


def _city_point_missed():
    """small_dataset with 甲区's 市直 point not contacted in March: 市经贸委's miss, 甲区 owed
    one contact (its own point) and made it."""
    ds = small_dataset(2025)
    contacts = tuple(c for c in ds.contacts if not (c.point == CITY_POINT and c.date.month == 3))
    return attrs.evolve(ds, contacts=contacts)


def _rows(report):
    return {r.county: r for r in report.contacts}


def test_a_city_point_not_reached_is_the_city_rows_miss_not_its_countys():
    ds = _city_point_missed()
    city_view = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE)
    assert [r.county for r in city_view.contacts] == ["city", JIA, "379921", "379981"]  # first, then by code
    rows = _rows(city_view)
    assert (rows["city"].active_points, rows["city"].reached, rows["city"].unreached) == (3, 2, (CITY_POINT,))
    assert (rows[JIA].active_points, rows[JIA].reached, rows[JIA].unreached) == (1, 1, ())
    # The rows still add up to every point that owes the month, and the trends count as they do.
    assert sum(r.reached for r in city_view.contacts) == points_reached(ds, MARCH) == 5
    # 甲区's own report: the city row's counts, no list of the city's points, and no miss of its own.
    county_view = monitoring_report(ds, MARCH, PM, audience=f"county:{JIA}")
    rows = _rows(county_view)
    assert (rows["city"].active_points, rows["city"].reached, rows["city"].unreached) == (3, 2, ())
    assert (rows[JIA].active_points, rows[JIA].reached, rows[JIA].unreached) == (1, 1, ())
    doc = json.loads(county_view.to_json())
    assert [(c["county"], c["unreached"]) for c in doc["contacts"]][:2] == [("city", []), (JIA, [])]


def test_every_face_names_the_city_row_and_lists_the_miss_under_it(tmp_path: Path):
    ds = _city_point_missed()
    city_view = monitoring_report(ds, MARCH, PM, audience=CITY_OFFICE)
    md = render_markdown(city_view)
    assert "| 市经贸委（市直） | 3 | 2 | 1 |" in md and "| 379902 甲区 | 1 | 1 | 0 |" in md
    assert f"未联系上的监测点：市经贸委（市直）：{CITY_POINT}" in md
    assert "| 市经贸委 (city-level points) | 3 | 2 | 1 |" in render_markdown(city_view, "en")
    county_md = render_markdown(monitoring_report(ds, MARCH, PM, audience=f"county:{JIA}"))
    assert "| 市经贸委（市直） | 3 | 2 | 1 |" in county_md and "未联系上的监测点" not in county_md
    docx = pytest.importorskip("docx")
    path = tmp_path / "r.docx"
    write_report_docx(city_view, path)
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "县区/市直")
    assert [c.text for c in table.rows[1].cells[:4]] == ["市经贸委（市直）", "3", "2", "1"]
    assert any(p.text == f"未联系上的监测点：市经贸委（市直）：{CITY_POINT}。" for p in document.paragraphs)


@HEAVY
@given(datasets())
def test_each_row_counts_and_lists_only_the_points_its_office_owes(ds):
    office = {p.id: p.liaison for p in ds.points}
    for month in (Month(2025, 3), Month(2025, 11)):
        report = monitoring_report(ds, month, PM, audience=CITY_OFFICE)
        for row in report.contacts:
            assert all(office[p] == row.county for p in row.unreached), (month, row)
        assert sum(r.reached for r in report.contacts) == points_reached(ds, month)
        county = next(iter(sorted(c.code for c in ds.counties)), None)
        if county is not None:  # a county sees its own list only, never the city's
            seen = monitoring_report(ds, month, PM, audience=f"county:{county}")
            assert all(not r.unreached for r in seen.contacts if r.county != county)
