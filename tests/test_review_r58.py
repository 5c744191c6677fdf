"""Reviewer r58's findings on the forty-first session's later changes.

01. The 无联系记录 notice of an office that logged nothing while another office contacted its
    points (counted for no duty, attacker x58 01) said the points had no contact record at all,
    and told the clerk to fill in records, when one was logged under the wrong office: it now
    says 本单位 and to correct a record logged under another office.
02. The complaint references' key hashed each event's moment as written: the same records with
    their moments in UTC (as a database gives them) gave a department other references than the
    +08:00 export they equal. The key takes each moment as the instant it is.
03. A former name 无 given in JSON or Python (the workbook refuses it) masked 无 in every text
    outside the city office (窗口答复某企业法办理): a none mark or a single character is no
    former name, refused when the record is made.
05. ``softenv report`` at its default instant named a later amendment but not a late first report
    (补报), which the report shows as 未报: it is named too, with the instant that reads it.
06. The report schema let a section 二 row's amendment number be 0; it counts from 1, in the
    schema and when a document is read.
"""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

import softenv_core as se
from softenv_core.analyses.later_records import later_amendment_notices
from softenv_core.errors import FieldInvalid
from softenv_core.model.periods import BEIJING
from softenv_core.render.notices import zh_notice
from softenv_core.testing import builders as b

from .demo_city import demo
from .test_integrator_i49 import _remap


def test_01_an_office_that_logged_nothing_is_told_its_own_records_are_missing() -> None:
    ds = b.small_dataset(2025)
    stray = next(c for c in ds.contacts if c.point == "P-379921-2" and c.date.month == 9)
    contacts = [c for c in ds.contacts if not (c.date.month == 9 and c.point == "P-379921-2")]
    ds = attrs.evolve(ds, contacts=(*contacts, attrs.evolve(stray, id="C-STRAY", liaison="city")))
    (notice,) = [n for n in se.assess(ds, 2025, audience=se.CITY_OFFICE).notices if "liaison office 379921" in n]
    assert "no contact by the office itself" in notice and "logged under another office" in notice
    zh = zh_notice(notice, {"379921": "乙县"})
    assert "都没有本单位的联系记录（其他单位记录的联系不计入履职）" in zh
    assert "如记录不全或记在了其他联系单位名下，请补齐或改正后重新运行" in zh


@pytest.mark.parametrize("reader", ["department:city-amr", "department:379921-amr"])
def test_02_equal_records_in_utc_give_a_department_the_same_references(reader: str) -> None:
    city = demo()
    utc = _remap(city, lambda m: m.astimezone(UTC))
    assert utc == city
    for month in ("2025-03", "2025-09"):
        assert se.monitoring_report(utc, month, audience=reader).to_json() == (
            se.monitoring_report(city, month, audience=reader).to_json()
        )


@pytest.mark.parametrize("mark", ["无", "没有", "/", "—", "——", "无。", "N/A", "null", "甲"])
def test_03_a_none_mark_or_one_character_is_no_former_name(mark: str) -> None:
    point = b.small_dataset(2025).points[0]
    with pytest.raises(FieldInvalid, match=r"^former_names\[0\]: .* is no name"):
        attrs.evolve(point.enterprise, former_names=(mark,))
    assert attrs.evolve(point.enterprise, former_names=("甲乙",)).former_names == ("甲乙",)


def test_05_a_late_first_report_is_named_with_the_instant_that_reads_it() -> None:
    ds = b.small_dataset(2025)
    late = datetime(2025, 4, 20, 11, 0, tzinfo=BEIJING)
    rid = next(r.id for r in ds.reports if r.month == se.Month(2025, 3) and r.county == "379902")
    ds = attrs.evolve(ds, reports=tuple(attrs.evolve(r, submitted_at=late) if r.id == rid else r for r in ds.reports))
    report = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE)
    (notice,) = later_amendment_notices(ds, se.Month(2025, 3), report.as_of, _missing(report))
    assert notice.startswith(f"later: report {rid} of county 379902") and "2025-04-20 11:00" in notice
    assert notice.endswith("give as_of 2025-04-20T11:01+08:00")
    zh = zh_notice(notice, {})
    assert zh.startswith(f"月报 {rid}（379902") and "本报告按截至时点未收到计" in zh, zh


def _missing(report: se.MonitoringReport) -> set[str]:
    """The counties whose month the report shows as 未报 (or waived), as `softenv report` asks."""
    return {r.county for r in report.county_reports if r.status in ("missing", "waived")}


def test_05_a_month_not_yet_due_names_no_report_after_the_instant() -> None:
    """Auditor a63 01: a mid-month report (and one before the deadline) showed every county
    未到期, yet named each county's report, filed later on time, as not counted."""
    ds = b.small_dataset(2025)
    for as_of in (datetime(2025, 3, 20, 17, 0, tzinfo=BEIJING), datetime(2025, 4, 1, 9, 0, tzinfo=BEIJING)):
        report = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=as_of)
        assert {r.status for r in report.county_reports} == {"not_due"}
        assert later_amendment_notices(ds, se.Month(2025, 3), report.as_of, _missing(report)) == []


def test_06_an_amendments_number_counts_from_one_in_the_schema_and_when_read() -> None:
    import json

    from softenv_core.cli.schema_documents import schema_document

    schema = json.loads(schema_document("report"))
    assert schema["$defs"]["CountyReportRow"]["properties"]["amendment"]["minimum"] == 1
    report = se.monitoring_report(b.small_dataset(2025), "2025-03", audience=se.CITY_OFFICE)
    doc = json.loads(report.to_json())
    doc["county_reports"][0]["amendment"] = 0
    with pytest.raises(se.InputError, match=r"county_reports\[0\].*amendment.*>= 1"):
        se.MonitoringReport.from_json(json.dumps(doc))
