"""Auditor a67: the monthly monitoring report, section by section.

01 A matter about two departments, written one item per department (docs/monitoring.md "Open: a
   matter involving two departments"), lost its second department in section 四 when the
   county's report repeated one line: an item was matched with a contact's on (point, category,
   text) only. The department is now part of the one key (model/reports.matter_key), in section
   四, the month's figures and the open matters alike.
04 A county that never reported was "zero_report": false in the report's JSON, where the Markdown
   and Word leave the cell blank: it is null now (items stay 0, as every face prints them);
   documents written before still read.
02 The Word report's 成文日期 was the month's last deadline whatever its instant: now the instant's
   Beijing day, the default instant (the moment after that deadline) keeping the deadline's day.
05 Section 三's 定人联系工作量 table called the city's liaison office 市级 and put it last; the
   table above calls it 市经贸委（市直） and puts it first: one label (contact_office), one order.
"""

from __future__ import annotations

import json
from functools import cache

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    Month,
    baseline_parameters,
    city_plugin_manager,
    monitoring_report,
    render_markdown,
)
from softenv_core.analyses.monitoring_report import MonitoringReport
from softenv_core.analyses.month_figures import month_figures
from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing import small_dataset

MARCH = Month(2025, 3)
TEXT = "检验检测收费偏高"


@cache
def _base() -> Dataset:
    return small_dataset(2025)


def _world(contact_items: tuple[Item, ...], report_items: tuple[Item, ...]) -> tuple[Dataset, str]:
    """The small dataset with one March contact of 379902's raising ``contact_items`` and the
    county's March report carrying ``report_items`` (each naming that contact's point)."""
    ds = _base()
    contact = next(c for c in ds.contacts if c.items and c.date.month == 3 and c.point.startswith("P-379902"))
    point = contact.point
    carried = tuple(attrs.evolve(it, point=point) for it in report_items)
    # The month's other contacts raise nothing, so section 四's fees are this contact's alone.
    contacts = tuple(
        attrs.evolve(c, items=contact_items if c.id == contact.id else ()) if c.date.month == 3 else c
        for c in ds.contacts
    )
    reports = tuple(
        attrs.evolve(r, items=carried, nothing_to_report=not carried)
        if r.month == MARCH and r.county == "379902"
        else r
        for r in ds.reports
    )
    return attrs.evolve(ds, contacts=contacts, reports=reports), point


def _fees(department: str) -> Item:
    return Item(ItemCategory.FEES, TEXT, department)


def test_01_a_two_department_matter_counts_under_both_departments() -> None:
    """a67's repro: the contact raises the fee matter for city-amr and 379902-amr, the report
    repeats the city-amr line only: section 四 counts 2 (one per department), as its open
    matters do."""
    ds, _ = _world((_fees("city-amr"), _fees("379902-amr")), (_fees("city-amr"),))
    rep = monitoring_report(ds, MARCH, city_plugin_manager(), audience=CITY_OFFICE)
    assert rep.items_by_category.get("fees") == 2
    assert rep.items_by_department.get("city-amr") == 1
    assert rep.items_by_department.get("379902-amr") == 1
    text = render_markdown(rep)
    four = text.split("## 四、", 1)[1].split("\n## ", 1)[0]
    assert "| 收费 | 2 |" in four
    # The trends count the month as section 四 does (the same key).
    figures = month_figures(ds, MARCH, city_plugin_manager(), baseline_parameters())
    assert figures.items_by_category.get("fees") == 2


@settings(max_examples=15, deadline=None)
@given(
    contact_dept=st.sampled_from(["city-amr", "379902-amr", "379921-amr"]),
    report_dept=st.sampled_from(["city-amr", "379902-amr", "379921-amr"]),
)
def test_01_an_item_repeated_with_its_department_counts_once_with_another_twice(
    contact_dept: str, report_dept: str
) -> None:
    ds, _ = _world((_fees(contact_dept),), (_fees(report_dept),))
    rep = monitoring_report(ds, MARCH, city_plugin_manager(), audience=CITY_OFFICE)
    fees = rep.items_by_category.get("fees", 0)
    assert fees == (1 if contact_dept == report_dept else 2)
    assert rep.items_by_department.get(report_dept, 0) == 1
    assert rep.items_by_department.get(contact_dept, 0) == 1


def test_04_a_missing_report_is_no_zero_report_claim_in_the_json() -> None:
    ds = _base()
    ds = attrs.evolve(ds, reports=tuple(r for r in ds.reports if not (r.month == MARCH and r.county == "379921")))
    rep = monitoring_report(ds, MARCH, city_plugin_manager(), audience=CITY_OFFICE)
    doc = json.loads(rep.to_json())
    rows = {row["county"]: row for row in doc["county_reports"]}
    assert rows["379921"]["status"] == "missing"
    assert rows["379921"]["zero_report"] is None
    assert rows["379902"]["zero_report"] is True  # a zero report on file says so
    # A document written before (false for the missing report) still reads, as written.
    rows["379921"]["zero_report"] = False
    old = MonitoringReport.from_json(json.dumps(doc, ensure_ascii=False))
    assert next(r for r in old.county_reports if r.county == "379921").zero_report is False
    assert MonitoringReport.from_json(rep.to_json()) == rep


def test_05_the_workload_table_names_the_city_office_as_the_table_above_and_first() -> None:
    ds = _base()
    # Every point with its liaison person named: 赵市 for the city's, 王县 for a county's.
    named = tuple(attrs.evolve(p, liaison_person="赵市" if p.level.value == "city" else "王县") for p in ds.points)
    rep = monitoring_report(attrs.evolve(ds, points=named), MARCH, city_plugin_manager(), audience=CITY_OFFICE)
    assert any(w.office == "city" for w in rep.liaison_workload)
    assert rep.liaison_workload[0].office == "city"  # first, as its row in the contacts table
    text = render_markdown(rep)
    three = text.split("## 三、", 1)[1].split("\n## ", 1)[0]
    table = three.split("### 定人联系工作量", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows[0].startswith(f"| {rep.compiled_by}（市直） |")
    assert "市级" not in table


def test_02_the_word_report_is_dated_by_its_instant() -> None:
    """The default instant (the moment after the last deadline) keeps the deadline's day; a report
    as of a later day or a mid-month day is dated that day (Beijing), as the year end is."""
    from datetime import UTC, datetime, timedelta

    from softenv_core.model.periods import BEIJING
    from softenv_core.render.docx_report import issue_date

    pm = city_plugin_manager()
    default = monitoring_report(_base(), MARCH, pm, audience=CITY_OFFICE)
    last_due = max(row.due_at for row in default.county_reports if row.due_at is not None)
    assert default.as_of == last_due + timedelta(seconds=1)
    assert issue_date(default) == last_due.astimezone(BEIJING).date()
    later = datetime(2025, 4, 20, 9, tzinfo=BEIJING)
    assert issue_date(monitoring_report(_base(), MARCH, pm, audience=CITY_OFFICE, as_of=later)) == later.date()
    mid = datetime(2025, 3, 20, 17, tzinfo=BEIJING)
    assert issue_date(monitoring_report(_base(), MARCH, pm, audience=CITY_OFFICE, as_of=mid)) == mid.date()
    # An instant written in another offset is dated by its Beijing day.
    utc = datetime(2025, 4, 19, 20, tzinfo=BEIJING).astimezone(UTC)
    assert issue_date(
        monitoring_report(_base(), MARCH, pm, audience=CITY_OFFICE, as_of=utc)
    ) == later.date() - timedelta(1)
