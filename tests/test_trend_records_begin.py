"""Where the dataset's records begin, for the trends (晴雨表): a month owed with nothing recorded
has data (0), unless it comes before the records begin, read from the records that count and
are known at the month's instant (auditor t12 01, 02; review r3 07)."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import get_plugin_manager
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.model.complaints import EventType
from softenv_core.model.periods import Month
from softenv_core.testing.builders import beijing, make_complaint, make_point, monthly_report, small_dataset

PM = get_plugin_manager(autoload=False)


def _last_year(ds, audience="city", **kw):
    trends = monitoring_report(ds, Month(2025, 3), PM, audience=audience, **kw).trends
    assert trends is not None
    return {r.dimension: r.last_year for r in trends.rows if r.key == ""}, trends.sentences


def test_a_year_before_the_records_reads_without_data():
    rows, sentences = _last_year(small_dataset(2025))
    assert rows["total"] is None and rows["points_reached"] is None
    assert sentences[-1] == "去年同月(2024-03)无数据，不作同比"


def test_a_report_submitted_long_after_its_month_does_not_begin_the_records_at_an_earlier_instant():
    ds = small_dataset(2025)
    late = monthly_report("379902", Month(2024, 3), beijing(2025, 6, 1, 9))  # entered 2025-06-01
    with_late = attrs.evolve(ds, reports=(*ds.reports, late))
    for kw in ({}, {"as_of": beijing(2025, 4, 10, 0)}):
        rows, _ = _last_year(with_late, **kw)
        assert rows["total"] is None and rows["points_reached"] is None, kw
    # Known at an instant after it was submitted, the month is part of the records: 0 items.
    rows, _ = _last_year(with_late, as_of=beijing(2025, 6, 2, 0))
    assert rows["total"] is not None and rows["total"].value == 0


def test_a_contact_outside_its_points_designation_does_not_begin_the_records():
    ds = small_dataset(2025)
    stray = attrs.evolve(ds.contacts[0], id="C-typo", date=date(2015, 3, 10))  # a mistyped year
    rows, _ = _last_year(attrs.evolve(ds, contacts=(*ds.contacts, stray)))
    assert rows["total"] is None and rows["points_reached"] is None


def test_a_month_known_by_one_complaint_compares_its_complaints_only_for_the_city_office():
    ds = small_dataset(2025)
    point = ds.points[0].id
    old = make_complaint("Q-2024", point, beijing(2024, 3, 12, 10), until=EventType.CLOSED)
    rows, _ = _last_year(attrs.evolve(ds, complaints=(*ds.complaints, old)))
    # The matters and points reached were not kept that month: not zero.
    assert rows["total"] is None and rows["points_reached"] is None
    assert rows["complaints_received"] is not None and rows["complaints_received"].value == 1
    county, _ = _last_year(attrs.evolve(ds, complaints=(*ds.complaints, old)), audience="county:379902")
    assert county["total"] is None and county["complaints_received"] is None


def test_a_report_made_inside_the_records_first_month_has_its_own_month_with_data():
    """Review r4 03: made on 01-02, before any record of January was known, the report's trends
    said "无应报送的月报和应联系的监测点" beside its own 本月应联系6个."""
    ds = attrs.evolve(small_dataset(2025), complaints=())
    report = monitoring_report(ds, Month(2025, 1), PM, audience="city", as_of=beijing(2025, 1, 2))
    assert any(c.active_points for c in report.contacts)
    trends = report.trends
    assert trends is not None
    assert trends.row("points_reached").current is not None and trends.row("points_reached").current.value == 0
    assert not trends.sentences[0].startswith("本月(2025-01)无")  # no "无应报送…" nor "无应联系…"
    assert trends.row("points_reached").previous is None  # December 2024: before the records


def test_a_contact_outside_its_points_designation_in_a_compared_month_records_nothing():
    """Auditor a26: a contact dated in the previous month but before its point's designation
    began counts for nothing (DESIGN "Who owes what, when"; the dataset warns "not counted"), so
    it gives no data to a month before the records begin: 上月 reads 无数据, not 0 with "较上月增加"."""
    # The records begin in April 2025; a point designated from April has a contact dated in March.
    late = make_point("P-late", "379902", 99, designated_from=date(2025, 4, 1))
    base = small_dataset(2025)
    trimmed = tuple(c for c in base.contacts if c.date >= date(2025, 4, 1))
    reports = tuple(r for r in base.reports if r.month >= Month(2025, 4))
    stray = attrs.evolve(trimmed[0], id="C-early", point="P-late", liaison="379902", date=date(2025, 3, 20))
    ds = attrs.evolve(base, points=(*base.points, late), contacts=(*trimmed, stray), reports=reports)
    for audience in ("city", "county:379902"):
        trends = monitoring_report(ds, Month(2025, 4), PM, audience=audience).trends
        assert trends is not None
        assert trends.row("total").previous is None, audience
        assert trends.row("points_reached").previous is None, audience
        assert any(t.startswith("上月(2025-03)无数据") for t in trends.sentences), trends.sentences
