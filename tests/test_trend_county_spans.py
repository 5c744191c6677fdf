"""A county's trend row reads no data in a month it did not exist in (auditor a49 2).

An abolished county kept a row in the month after its end — 县区02本月反映问题 0 项，较上月减少
1 项 — where section 三 (the contacts by county) drops it; a county created in a month compared
its items with the month before, when it did not exist, as a rise from 0."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import get_plugin_manager, monitoring_report
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.testing import county, make_point, monthly_contacts, on_time_reports, small_dataset

PM = get_plugin_manager(autoload=False)
ENDED, BEGUN, KEPT = "379902", "379903", "379921"


def _dataset() -> Dataset:
    # 县区02 ends 2025-02-28, 县区03 begins 2025-03-01, 县区21 runs all year; one point each,
    # reached every month it is designated with one item (生产经营平稳), every report on time.
    ended = attrs.evolve(county(ENDED), effective_until=date(2025, 2, 28))
    begun = attrs.evolve(county(BEGUN), effective_from=date(2025, 3, 1))
    kept = county(KEPT)
    points = (
        make_point("P-02", ENDED, 1, designated_from=date(2024, 1, 1), designated_until=date(2025, 2, 28)),
        make_point("P-03", BEGUN, 2, designated_from=date(2025, 3, 1)),
        make_point("P-21", KEPT, 3, designated_from=date(2024, 1, 1)),
    )
    contacts = [c for p in points for c in monthly_contacts(p, 2025, with_items=True)]
    reports = [r for r in on_time_reports(ENDED, 2025) if r.month <= Month(2025, 2)]
    reports += [r for r in on_time_reports(BEGUN, 2025) if r.month >= Month(2025, 3)]
    reports += on_time_reports(KEPT, 2025)
    base = small_dataset(2025, counties=(KEPT,))
    return attrs.evolve(
        base,
        counties=(ended, begun, kept),
        points=points,
        contacts=tuple(contacts),
        reports=tuple(reports),
    )


def _row(report, key):  # type: ignore[no-untyped-def]
    return report.trends.row("county", key)


def test_an_abolished_countys_row_reads_no_data_in_the_month_after_its_end() -> None:
    report = monitoring_report(_dataset(), Month(2025, 3), PM, audience="city")
    row = _row(report, ENDED)
    assert row.current is None and row.previous is not None and row.previous.value == 1
    assert row.vs_previous is None
    assert not any("县区02" in s for s in report.trends.sentences), report.trends.sentences
    assert ENDED not in {c.county for c in report.contacts}  # section 三 drops it, as before


def test_a_county_created_in_the_month_compares_with_no_month_before_it_existed() -> None:
    report = monitoring_report(_dataset(), Month(2025, 3), PM, audience="city")
    row = _row(report, BEGUN)
    assert row.current is not None and row.current.value == 1
    assert row.previous is None and row.vs_previous is None
    assert not any("县区03" in s for s in report.trends.sentences), report.trends.sentences


def test_a_county_that_existed_in_all_three_months_still_compares() -> None:
    report = monitoring_report(_dataset(), Month(2025, 3), PM, audience="city")
    row = _row(report, KEPT)
    assert (row.current.value, row.previous.value) == (1, 1)  # type: ignore[union-attr]
    assert row.vs_previous == 0


def test_the_reports_json_keeps_no_figure_for_a_month_a_county_did_not_exist_in() -> None:
    import json

    doc = json.loads(monitoring_report(_dataset(), Month(2025, 3), PM, audience="city").to_json())
    rows = {r["key"]: r for r in doc["trends"]["rows"] if r["dimension"] == "county"}
    assert rows[ENDED]["current"] is None and rows[BEGUN]["previous"] is None
