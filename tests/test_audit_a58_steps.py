"""Auditor a58 06: a ticket returned (退回) and waiting to be assigned again (待交办) kept the unit
that returned it as its 承办单位, in the city's section 五 and in that department's own report,
which lists only the complaints assigned to it (docs/monitoring.md). Fixed: no unit handles it
until it is assigned again; the step it completed keeps the unit it was assigned to."""

from __future__ import annotations

from datetime import datetime

import attrs

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset


def _at(day: int, hour: int) -> datetime:
    return datetime(2025, 6, day, hour, tzinfo=BEIJING)


def _dataset(*events: ComplaintEvent) -> se.Dataset:
    complaint = Complaint(
        "KR", se.ComplaintKind.COMPLAINT, "P-379902-1", "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )
    return attrs.evolve(small_dataset(2025, counties=("379902", "379921")), complaints=(complaint,))


RECEIVED = (
    ComplaintEvent(EventType.RECEIVED, _at(9, 9), "市软建办"),
    ComplaintEvent(EventType.ACCEPTED, _at(9, 10), "市软建办"),
    ComplaintEvent(EventType.ASSIGNED, _at(9, 11), "市软建办", unit="379921-amr"),
    ComplaintEvent(EventType.RETURNED, _at(10, 10), "承办人"),
)


def test_a_returned_ticket_has_no_handling_unit_until_assigned_again() -> None:
    ds = _dataset(*RECEIVED)
    row = se.monitoring_report(ds, "2025-06", audience=se.CITY_OFFICE).complaints[0]
    assert row.open_step is se.ComplaintStep.ASSIGN and row.unit is None
    returned_by = se.monitoring_report(ds, "2025-06", audience="department:379921-amr")
    assert returned_by.complaints == ()
    status = se.complaint_status(
        ds.complaints[0],
        _at(20, 0),
        se.sla_for(se.city_plugin_manager(), ds, ds.complaints[0], se.WorkCalendar(), se.baseline_parameters()),
        se.WorkCalendar(),
    )
    signed = [s for s in status.steps if s.name is se.ComplaintStep.SIGN]
    assert signed and signed[0].unit == "379921-amr"  # the step it returned stays its own


def test_assigned_again_the_new_unit_handles_it() -> None:
    again = ComplaintEvent(EventType.ASSIGNED, _at(11, 9), "市软建办", unit="city-amr")
    ds = _dataset(*RECEIVED, again)
    assert se.monitoring_report(ds, "2025-06", audience=se.CITY_OFFICE).complaints[0].unit == "city-amr"
    assert len(se.monitoring_report(ds, "2025-06", audience="department:city-amr").complaints) == 1
    assert se.monitoring_report(ds, "2025-06", audience="department:379921-amr").complaints == ()


def test_05_the_report_gives_the_counts_each_units_rates_divide(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Auditor a58 05: section 八 showed bare percentages (0.00% read as 0 of 1 or 0 of 40) and no
    command traced them. A sentence under the rates gives each unit's counts, in Markdown and Word."""
    docx = __import__("pytest").importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx
    from softenv_core.render.monitoring_report import render_markdown

    ds = _dataset(*RECEIVED)  # assigned on 06-09, returned unsigned on 06-10: its sign step is decided
    report = se.monitoring_report(ds, "2025-06", audience=se.CITY_OFFICE)
    ((unit, assigned, on_time),) = [(u.unit, u.assigned, u.signed_on_time) for u in report.unit_rates]
    assert (unit, assigned, on_time) == ("379921-amr", 1, 0)
    # the one sign step counted is the return (clerk c56 04 says so)
    said = "按时签收0/应签收1（其中退回1件，退回不计为签收）、按时办结0/应办结0、回访0（满意0、基本满意0）"
    assert said in render_markdown(report).split("承办单位“三率”", 1)[1]
    assert "signed on time 0 of 1" in render_markdown(report, lang="en")
    path = tmp_path / "r.docx"
    write_report_docx(report, path)
    assert any(said in p.text for p in docx.Document(str(path)).paragraphs)
