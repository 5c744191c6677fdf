"""Clerk c56 04 (helper fc56b): a department that returned (退回) a misassigned ticket inside its
sign limit read 响应率 0.00% and 按时签收0/应签收1 in its own report, whose section 五 lists no
ticket (a returned one leaves it) and never said 退回: it could not tell what it was scored on.
The counts under the rates now say how many of the sign steps counted were returns — a count of
the reader's own acts, which it knows, shown to the readers who see the unit's rates (the city
office; a department its own row); whether a timely return should count against the unit is the
city's Open question (docs/complaints.md)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.model.complaints import Complaint, ComplaintEvent, EventType
from softenv_core.model.reports import ItemCategory
from softenv_core.testing import small_dataset

T = EventType
DOCS = Path(__file__).parent.parent / "docs"


def _at(day: int, hour: int) -> datetime:
    return datetime(2025, 6, day, hour, tzinfo=BEIJING)


def _dataset() -> se.Dataset:
    returned = Complaint(
        "KR",
        se.ComplaintKind.COMPLAINT,
        "P-379902-1",
        "city-amr",
        ItemCategory.SERVICE,
        "办事拖延",
        events=(
            ComplaintEvent(T.RECEIVED, _at(9, 9), "市软建办"),
            ComplaintEvent(T.ACCEPTED, _at(9, 10), "市软建办"),
            ComplaintEvent(T.ASSIGNED, _at(9, 11), "市软建办", unit="379921-amr"),
            ComplaintEvent(T.RETURNED, _at(10, 10), "承办人"),  # in time: the sign limit is one working day
            ComplaintEvent(T.ASSIGNED, _at(10, 11), "市软建办", unit="city-amr"),
            ComplaintEvent(T.SIGNED, _at(10, 15), "市市场监管局"),
        ),
    )
    return attrs.evolve(small_dataset(2025, counties=("379902", "379921")), complaints=(returned,))


def test_04_the_returning_departments_report_counts_its_returns() -> None:
    from softenv_core.render.monitoring_report import render_markdown

    report = se.monitoring_report(_dataset(), "2025-06", audience="department:379921-amr")
    assert report.complaints == ()  # the returned ticket leaves its report, as before
    ((rates,),) = [report.unit_rates]
    assert (rates.unit, rates.assigned, rates.signed_on_time, rates.returned) == ("379921-amr", 1, 0, 1)
    text = render_markdown(report)
    assert "按时签收0/应签收1（其中退回1件，退回不计为签收）" in text, text
    assert "(1 returned; a return is not a signature)" in render_markdown(report, lang="en")
    assert json.loads(report.to_json())["unit_rates"][0]["returned"] == 1


def test_04_a_unit_that_returned_none_reads_as_before() -> None:
    from softenv_core.render.monitoring_report import render_markdown

    report = se.monitoring_report(_dataset(), "2025-06", audience=se.CITY_OFFICE)
    by_unit = {u.unit: u.returned for u in report.unit_rates}
    assert by_unit == {"379921-amr": 1, "city-amr": 0}
    text = render_markdown(report)
    assert "按时签收1/应签收1、" in text and text.count("其中退回") == 1, text


def test_04_the_word_report_says_it_too(tmp_path) -> None:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    report = se.monitoring_report(_dataset(), "2025-06", audience="department:379921-amr")
    path = tmp_path / "r.docx"
    write_report_docx(report, path)
    assert any("应签收1（其中退回1件，退回不计为签收）" in p.text for p in docx.Document(str(path)).paragraphs)


def test_04_the_docs_say_so_and_name_the_open_question() -> None:
    monitoring = (DOCS / "monitoring.md").read_text(encoding="utf-8")
    assert "其中退回" in monitoring and "A misassigned ticket returned in time" in monitoring
    assert "其中退回" in (DOCS / "complaints.md").read_text(encoding="utf-8")
