"""Auditor a49: the monthly report's trends (二(二) 晴雨表) worked out by hand for small datasets
where dates and membership matter, against what the library says.

A month nobody owed anything in (its only point designated on fewer than 5 working days of
it, then removed) and known only by its direct feedback: the city office's trends compare
its complaint counts (docs/monitoring.md: "a month known only by its direct feedback compares
its complaint counts"), and the report on such a month counts its own matters and points
reached as its sections do."""

from __future__ import annotations

import json

from softenv_core import get_plugin_manager, loads_dataset
from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports
from softenv_core.analyses.trends import trend_view, trends
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.render.report_format import items_total

PM = get_plugin_manager(autoload=False)


def _event(kind: str, at: str, **more: str) -> dict[str, str]:
    return {"type": kind, "at": f"2025-{at}+08:00", "actor": "办理人", **more}


def _feedback_only(resolved: bool = True) -> Dataset:
    # P1 is designated 2025-01-24 to 02-03: 3 working days in January (24, 26, 27; the Spring
    # Festival from 01-28 to 02-04) and none in February, so no point owes either month's
    # contact, and nothing but Q1 is recorded: received 01-27, resolved 02-10.
    enterprise = {"name": "企业1有限公司", "uscc": "91379902MA00000153", "size": "large", "ownership": "state"}
    enterprise["sector"] = "industry"
    point = {"id": "P1", "enterprise": enterprise, "county": "379902", "level": "county", "designated_by": "city"}
    point |= {"designated_from": "2025-01-24", "designated_until": "2025-02-03", "liaison_person": "联络员1"}
    events = [
        _event("received", "01-27T10:00:00"),
        _event("accepted", "01-27T11:00:00"),
        _event("assigned", "01-27T12:00:00", unit="D1"),
        _event("signed", "01-27T13:00:00"),
        _event("resolved", "02-10T10:00:00", verdict="substantiated"),
    ][: None if resolved else -1]
    complaint = {"id": "Q1", "kind": "complaint", "point": "P1", "department": "D1", "category": "enforcement"}
    complaint |= {"text": "反映事项", "consent_to_disclose": False, "events": events}
    doc = {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [{"code": "379902", "name": "县区02", "kind": "district", "liaison_office": "县区02经贸委"}],
        "departments": [{"id": "D1", "name": "市场监管局", "county": None}],
        "points": [point],
        "complaints": [complaint],
    }
    return loads_dataset(json.dumps(doc))


def _value(cell):
    return None if cell is None else cell.value


def test_a_report_on_a_month_known_by_its_feedback_counts_its_own_matters_as_its_sections_do():
    # January: Q1 received, nothing else. Section 四 counts 0 matters (the summary's 反映事项：0项
    # and the 合计 row), section 三 reaches 0 points; the trend said "本月反映问题 — 项" and
    # "本月联系到监测点 — 个" with 无数据 in its table, beside them. The month's total of matters is
    # one figure, the trend's (docs/monitoring.md, docs/privacy.md).
    report = monitoring_report(_feedback_only(), Month(2025, 1), PM, audience="city")
    t = report.trends
    assert report.complaints_received == 1
    assert _value(t.row("total").current) == 0 == items_total(report) == sum(report.items_by_category.values())
    assert _value(t.row("points_reached").current) == 0 == sum(c.reached for c in report.contacts)
    assert t.sentences[0] == "本月反映问题 0 项"
    assert "本月联系到监测点 0 个" in t.sentences
    assert not any("—" in s for s in t.sentences), t.sentences


def test_a_month_whose_feedback_was_only_resolved_in_it_compares_its_complaint_counts():
    # February: nobody owed anything; Q1, received in January, was resolved on 02-10. The report
    # said "本月(2025-02)无应联系的监测点，也无任何记录，不作趋势比较" beside its section 五's 办结1件;
    # March's report read 上月(2025-02) 无数据. A resolution is direct feedback handled in the
    # month (month_figures.MonthFigures.complaints_only: "received or handled in it").
    ds = _feedback_only()
    feb, mar = monitoring_reports(ds, [Month(2025, 2), Month(2025, 3)], PM, audience="city")
    assert feb.complaints_resolved == 1
    t = feb.trends
    assert _value(t.row("complaints_resolved").current) == 1
    assert _value(t.row("complaints_resolved").previous) == 0
    assert _value(t.row("complaints_received").previous) == 1
    assert "本月办结直接反馈 1 件，较上月增加 1 件" in t.sentences
    assert not any(s.startswith("本月(2025-02)无") for s in t.sentences)
    assert _value(mar.trends.row("complaints_resolved").previous) == 1
    assert not any(s.startswith("上月(2025-02)无数据") for s in mar.trends.sentences)
    # Alone as in the batch, and as trends() works the months out.
    for report in (feb, mar):
        assert monitoring_report(ds, report.month, PM, audience="city").to_json() == report.to_json()
        assert trend_view(trends(ds, report.month, PM, baseline_parameters()), 1) == report.trends


def test_a_month_known_by_its_feedback_alone_stays_without_data_outside_the_city_office():
    # Whether a month has data is never read from complaints outside the city office (privacy).
    ds = _feedback_only()
    for month in (Month(2025, 1), Month(2025, 2)):
        t = monitoring_report(ds, month, PM, audience="county:379902").trends
        assert t.row("total").current is None and t.row("complaints_resolved").current is None
        assert t.sentences == (f"本月({month})无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)


def test_a_complaint_received_after_a_mid_month_instant_gives_its_month_no_data_yet():
    # As of 01-20 nothing of January is known (Q1 comes on 01-27): the month read as known by its
    # feedback, received 0 and 本月反映问题 — 项, from the index of months received.
    report = monitoring_report(_feedback_only(), Month(2025, 1), PM, audience="city", as_of=_at("01-20T12:00:00"))
    assert report.complaints_received == 0
    assert report.trends.sentences == ("本月(2025-01)无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)
    later = monitoring_report(_feedback_only(), Month(2025, 1), PM, audience="city", as_of=_at("01-28T12:00:00"))
    assert _value(later.trends.row("complaints_received").current) == 1


def _at(text: str):
    from datetime import datetime

    return datetime.fromisoformat(f"2025-{text}+08:00")


def test_a_tie_in_the_biggest_move_names_the_row_first_in_the_tables_order():
    # 执法 (enforcement) and 政策诉求 (policy) both rose by 2 to 3: the sentence named 执法, the
    # first internal name alphabetically, where section 四 and the trend table list 政策诉求
    # first (ItemCategory's order). Falls likewise.
    from softenv_core.analyses.disclosure import Cell
    from softenv_core.analyses.trends import TrendRow, moved_most

    def row(key: str, now: int, before: int) -> TrendRow:
        return TrendRow("category", key, key, Cell(now, 1), Cell(before, 1), None)

    rows = [row("policy", 3, 1), row("enforcement", 3, 1), row("fees", 0, 2), row("other", 0, 2)]
    rise, fall = moved_most(rows, "category")
    assert rise is not None and rise.key == "policy"
    assert fall is not None and fall.key == "fees"
    # the larger figure still wins a tie of the change
    rise, _ = moved_most([row("policy", 3, 1), row("enforcement", 4, 2)], "category")
    assert rise is not None and rise.key == "enforcement"


def test_a_month_without_records_beside_an_earlier_complaint_overdue_says_what_it_read():
    # Q1 left unresolved: in March nobody owes anything and nothing is recorded, received or
    # resolved, while section 五 counts Q1 overdue at the month's end. The sentence said "也无任何
    # 记录" beside it; it names what it read, the month's contacts and reports, in every view.
    ds = _feedback_only(resolved=False)
    city = monitoring_report(ds, Month(2025, 3), PM, audience="city")
    assert city.complaints_overdue == 1
    county = monitoring_report(ds, Month(2025, 3), PM, audience="county:379902")
    for report in (city, county):
        assert report.trends.sentences == ("本月(2025-03)无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)
