"""The monthly report's wording a clerk (t11) tripped on: the open matters' ages are counted
to a day the report names (not "报告日", defined nowhere); a county that did not report has no
zero-report claim in Markdown either (as in Word); Word's section 六 numbers （一） only when
（二） follows; section 三's count column says it counts the points owing the month's contact
(应联系), not every point on the roster (在册), in Markdown and Word alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.report_format import owing_note
from softenv_core.testing.strategies import datasets

from . import demo_city
from .weights import HEAVY

docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return demo_city.demo()


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
    assert owing_note(r, True) in md
    owing = sum(c.active_points for c in r.contacts)
    assert f"本月应联系{owing}个" in md
    texts = _paragraphs(r, tmp_path / "r.docx")
    assert owing_note(r, True) in texts and any(f"本月应联系监测点{owing}个" in t for t in texts)
    table = next(t for t in docx.Document(str(tmp_path / "r.docx")).tables if t.rows[0].cells[0].text == "县区/市直")
    assert table.rows[0].cells[1].text == "应联系"


# --- t11 04 and 07: a month owed and failed, and a zero report beside its own office's contact ---


def _owed_months():  # type: ignore[no-untyped-def]
    """Two districts whose points were designated 2025-01-01 (nothing owed in 2024). June: P1
    reached. July: nothing recorded at all (each point owed its contact, each county its report).
    August: 东城区 files a zero report while its own office's contact with P1 recorded a 收费
    item; the city office's contact with P2 recorded one too; 西城区 reports its P3's item."""
    from datetime import date

    from softenv_core.model.dataset import Dataset
    from softenv_core.model.divisions import City, County, CountyKind, Department
    from softenv_core.model.periods import Month
    from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
    from softenv_core.testing import beijing, make_point

    a, b = "379902", "379903"
    start = date(2025, 1, 1)
    points = (make_point("P1", a, 1, designated_from=start), make_point("P2", a, 2, designated_from=start))
    points += (make_point("P3", b, 3, designated_from=start),)
    fees = Item(ItemCategory.FEES, "检测收费偏高", "city-amr")
    contacts = (
        Contact("C-P1-2025-06", "P1", date(2025, 6, 10), ContactMethod.PHONE, a, True),
        Contact("C-P1-2025-08", "P1", date(2025, 8, 12), ContactMethod.VISIT, a, True, (fees,)),
        Contact("C-P2-2025-08", "P2", date(2025, 8, 13), ContactMethod.PHONE, "city", True, (fees,)),
        Contact("C-P3-2025-08", "P3", date(2025, 8, 14), ContactMethod.PHONE, b, True, (fees,)),
    )
    reports = (
        MonthlyReport("R-A-2025-08", a, Month(2025, 8), beijing(2025, 9, 3, 9), "东城区经贸委", nothing_to_report=True),
        MonthlyReport(
            "R-B-2025-08", b, Month(2025, 8), beijing(2025, 9, 3, 9), "西城区经贸委", items=(attrs_item(fees, "P3"),)
        ),
    )
    return Dataset(
        city=City("379900", "示范市"),
        counties=(
            County(a, "东城区", CountyKind.DISTRICT, "东城区经贸委"),
            County(b, "西城区", CountyKind.DISTRICT, "西城区经贸委"),
        ),
        departments=(Department("city-amr", "市市场监管局"),),
        points=points,
        contacts=contacts,
        reports=reports,
    )


def attrs_item(item, point):  # type: ignore[no-untyped-def]
    import attrs

    return attrs.evolve(item, point=point)


@pytest.fixture(scope="module")
def owed():  # type: ignore[no-untyped-def]
    return _owed_months()


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_a_month_owed_and_failed_has_data_not_no_data(owed, audience):
    july = monitoring_report(owed, "2025-07", audience=audience)
    assert july.trends is not None
    reached = july.trends.row("points_reached")
    assert reached.current is not None and reached.current.value == 0  # 0 reached, not 无数据
    assert reached.previous is not None and reached.previous.value == 1  # June's one
    assert not any("无任何记录" in s or "无应报送" in s or "无可比数据" in s for s in july.trends.sentences)
    # The year before the roster began owed nothing and recorded nothing: no data, said after
    # the comparisons, not as a leading "无可比数据" the next sentence belies.
    assert reached.last_year is None
    assert july.trends.sentences[-1] == "去年同月(2024-07)无数据，不作同比"
    august = monitoring_report(owed, "2025-08", audience=audience)
    assert august.trends is not None
    row = august.trends.row("points_reached")
    # P1 and P3 by their own offices (P2 by the city office: not its own), against July's 0.
    assert row.previous is not None and row.previous.value == 0 and row.vs_previous == 2


def test_the_word_trend_paragraph_has_one_colon_and_no_stray_space(owed, tmp_path):
    texts = _paragraphs(monitoring_report(owed, "2025-07", audience="city"), tmp_path / "jul.docx")
    trend = next(t for t in texts if t.startswith("与上月、去年同月比较："))
    assert trend.endswith("去年同月（2024年7月）无数据，不作同比。"), trend
    assert "：：" not in trend and " " not in trend and "本月联系到监测点0个，较上月减少1个" in trend


def test_a_month_nobody_owed_and_nothing_recorded_has_no_data(owed):
    from softenv_core.analyses.trends import trend_view, trends
    from softenv_core.engine.parameters import baseline_parameters
    from softenv_core.model.periods import Month
    from softenv_core.rules.registry import get_plugin_manager

    view = trend_view(trends(owed, Month(2024, 12), get_plugin_manager(autoload=False), baseline_parameters()))
    assert view.sentences == ("本月(2024-12)无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)


def test_a_zero_report_beside_its_own_offices_contact_items_is_flagged(owed, tmp_path):
    city = monitoring_report(owed, "2025-08", audience="city")
    # 东城区's own contact with P1; not the city office's contact with P2, nor 西城区 (it reported).
    assert [(f.county, f.contact, f.point, f.complaint) for f in city.reconciliation] == [
        ("379902", "C-P1-2025-08", "P1", "")
    ]
    assert "零报告" in city.reconciliation[0].reason
    md = render_markdown(city)
    assert "## 七、核对提示（可能漏报）" in md and "379902 东城区：C-P1-2025-08 (P1) — 零报告" in md
    assert "可能漏报提示：1条" in md
    texts = _paragraphs(city, tmp_path / "aug.docx")
    assert "七、核对提示（可能漏报）" in texts
    assert any(t.startswith("东城区：C-P1-2025-08（P1），零报告") for t in texts)
    # The county itself sees its flag (its own contact and point, as section 四 shows them to it).
    own = monitoring_report(owed, "2025-08", audience="county:379902")
    assert [(f.contact, f.point) for f in own.reconciliation] == [("C-P1-2025-08", "P1")]
    for other in ("county:379903", "public", "department:city-amr", "point:P1"):
        assert monitoring_report(owed, "2025-08", audience=other).reconciliation == (), other


@HEAVY
@given(datasets(months_covered=4))
def test_property_a_month_owed_has_data_and_contact_flags_sit_beside_zero_reports(ds):
    # Over generated data: a report whose section 三 counts a point owing the month has its own
    # month with data in the trends (never 无数据 beside 未联系上), unless it comes before the
    # dataset's records begin (then nothing was kept, not nothing done); every flag for a contact
    # names a zero-report county and that county's own contact with one of its points.
    from softenv_core.analyses.month_figures import first_recorded_month

    year = min((c.date.year for c in ds.contacts), default=2025)
    first = first_recorded_month(ds)
    by_id = {c.id: c for c in ds.contacts}
    # Months 5 and 6 have no records (months_covered=4) but the roster still owes them.
    for r in monitoring_reports(ds, [Month(year, m) for m in range(1, 7)], audience=CITY_OFFICE):
        assert r.trends is not None
        if any(c.active_points for c in r.contacts) and first is not None and r.month >= first:
            assert r.trends.row("points_reached").current is not None, r.month
        zero = {row.county for row in r.county_reports if row.zero_report}
        for f in r.reconciliation:
            if f.contact is not None:
                c = by_id[f.contact]
                assert f.county in zero and c.liaison == f.county == ds.point_county[c.point] and c.items
