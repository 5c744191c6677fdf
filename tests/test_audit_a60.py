"""Auditor a60: withdrawn (撤回) and rejected-after-return (不予受理) complaints, worked by hand.

01 a ticket open at last month's end and rejected this month was in no list of this month;
03 a plugin could not tell a withdrawn step (StepView.withdrawn); 望海市 counted one withdrawn in
time 1 day overdue; 04 a duty reason called a withdrawn complaint pending; 05 a workbook row's
field its event does not carry was dropped without a word; 06 workbook messages half English;
07 the results workbook's 承办单位 sheet headed the response denominator 交办."""

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


def _at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=BEIJING)


def _complaint(cid: str, *events: ComplaintEvent, point: str = "P-379902-1") -> Complaint:
    return Complaint(
        cid, se.ComplaintKind.COMPLAINT, point, "city-amr", ItemCategory.SERVICE, "办事拖延", events=events
    )


def _dataset(*complaints: Complaint) -> se.Dataset:
    return attrs.evolve(small_dataset(2025, counties=("379902", "379921", "379982")), complaints=complaints)


#: a60's R1: received Mon 07-28, assigned to city-amr, returned Tue 07-29 (待交办 at July's end).
RETURNED = (
    ComplaintEvent(T.RECEIVED, _at(7, 28, 9), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(7, 28, 10), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(7, 28, 11), "软建办", unit="city-amr"),
    ComplaintEvent(T.RETURNED, _at(7, 29, 10), "市市场监管局", note="非本单位职责"),
)
AUDIENCES = ("city", "department:city-amr", "county:379902", "county:379921", "point:P-379902-1", "public")


def _docx_text(report: se.MonitoringReport, path: Path) -> str:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    write_report_docx(report, path)
    doc = docx.Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def test_a60_01_a_rejection_ending_last_months_ticket_is_listed_in_its_month(tmp_path: Path) -> None:
    rejected = ComplaintEvent(T.REJECTED, _at(8, 4), "软建办", note="不属受理范围")
    withdrawn = ComplaintEvent(T.WITHDRAWN, _at(8, 4), "软建办", note="企业撤回")
    rej, wd = _dataset(_complaint("R1", *RETURNED, rejected)), _dataset(_complaint("R1", *RETURNED, withdrawn))
    july = se.monitoring_report(rej, "2025-07", audience=se.CITY_OFFICE)
    assert [(q.id, q.open_step) for q in july.complaints] == [("R1", se.ComplaintStep.ASSIGN)]
    august = se.monitoring_report(rej, "2025-08", audience=se.CITY_OFFICE)
    assert [(q.id, q.state) for q in august.complaints] == [("R1", se.ComplaintState.REJECTED)]
    assert august.complaints_overdue == 0 and august.complaints_received == 0
    assert "| R1 |" in se.render_markdown(august) and "不予受理" in se.render_markdown(august)
    assert "rejected" in se.render_markdown(august, "en")
    assert [q["id"] for q in json.loads(august.to_json())["complaints"]] == ["R1"]
    assert "不予受理" in _docx_text(august, tmp_path / "r.docx")
    assert se.monitoring_report(rej, "2025-09", audience=se.CITY_OFFICE).complaints == ()
    # Every reader sees the rejected ticket exactly as it sees the same ticket withdrawn.
    for reader in AUDIENCES:
        got = se.monitoring_report(rej, "2025-08", audience=reader)
        same = se.monitoring_report(wd, "2025-08", audience=reader)
        assert [(q.id, q.complainant, q.enterprise, q.uscc) for q in got.complaints] == [
            (q.id, q.complainant, q.enterprise, q.uscc) for q in same.complaints
        ], reader
        md = se.render_markdown(got)
        assert md.replace("不予受理", "已撤回") == se.render_markdown(same), reader
        if reader not in ("city", "point:P-379902-1", "county:379902"):  # 379902 names it in 四
            assert all(q.complainant is None for q in got.complaints) and "P-379902-1" not in md, reader


def test_a60_01_rejected_at_receipt_the_month_after_is_listed_too() -> None:
    r2 = _complaint(
        "R2",
        ComplaintEvent(T.RECEIVED, datetime(2025, 7, 31, 20, tzinfo=BEIJING), "软建办"),
        ComplaintEvent(T.REJECTED, _at(8, 1), "软建办", note="不属受理范围"),
    )
    ds = _dataset(r2)
    assert [q.open_step for q in se.monitoring_report(ds, "2025-07", audience=se.CITY_OFFICE).complaints] == [
        se.ComplaintStep.ACCEPT
    ]
    august = se.monitoring_report(ds, "2025-08", audience=se.CITY_OFFICE)
    assert [(q.id, q.state) for q in august.complaints] == [("R2", se.ComplaintState.REJECTED)]
    assert se.monitoring_report(ds, "2025-09", audience=se.CITY_OFFICE).complaints == ()


def _found_false_then(*after: ComplaintEvent) -> Complaint:
    """a60's F1: about city-amr, signed 03-03, found 虚假 on 03-14, then ``after``."""
    return _complaint(
        "F1",
        ComplaintEvent(T.RECEIVED, _at(3, 3, 8), "软建办"),
        ComplaintEvent(T.ACCEPTED, _at(3, 3, 9), "软建办"),
        ComplaintEvent(T.ASSIGNED, _at(3, 3, 10), "软建办", unit="city-amr"),
        ComplaintEvent(T.SIGNED, _at(3, 3, 11), "市市场监管局"),
        ComplaintEvent(T.RESOLVED, _at(3, 14), "市市场监管局", verdict=se.Verdict.FALSE),
        *after,
        point="P-379902-2",
    )


REOPENED = (
    ComplaintEvent(T.FOLLOWED_UP, _at(3, 17), "软建办", satisfaction=se.Satisfaction.UNSATISFIED),
    ComplaintEvent(T.REOPENED, _at(3, 18), "软建办"),
)


def _supervision(ds: se.Dataset, as_of: datetime | None = None) -> tuple[str, str, bool]:
    a = se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=as_of)
    p = next(p for p in a.points if p.id == "P-379902-2")
    item = next(i for i in p.items if i.rule.id == "city.duty.supervision")
    cond = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.no_false_complaint")
    return f"{item.points:.0f}", item.reason, cond.passed


def test_a60_02_04_withdrawn_after_a_reopening_is_said_finished_not_pending() -> None:
    withdrawn = ComplaintEvent(T.WITHDRAWN, _at(3, 19), "软建办", note="企业撤回")
    ds = _dataset(_found_false_then(*REOPENED, withdrawn))
    # The library's reading (an open question for the city, docs/complaints.md): no finding stands.
    points, reason, passed = _supervision(ds)
    assert (points, passed) == ("20", True)
    assert "重新办结前" not in reason  # it will never be resolved again
    assert reason.endswith(
        "；F1 已重办（2025-03-18）后撤回（2025-03-19），不按虚假计（重办后撤回的，原虚假认定是否仍计，待市里明确）"
    )
    # Before the 不满意, the finding stands; reopened and not withdrawn, the reason still says pending.
    assert _supervision(ds, _at(3, 14, 12))[::2] == ("10", False)
    pending = _supervision(_dataset(_found_false_then(*REOPENED)))[1]
    assert pending.endswith("；F1 已重办（2025-03-18），重新办结前不按虚假计")
    doc = (Path(__file__).parents[1] / "docs" / "complaints.md").read_text(encoding="utf-8")
    assert "### Open: a finding contested, then withdrawn" in doc


def test_a60_03_a_plugin_sees_a_withdrawn_step_and_wanghai_counts_none_in_time() -> None:
    wanghai = pytest.importorskip("softenv_county_wanghai")
    from softenv_core.plugin import StepView

    assert isinstance(StepView.__dict__.get("withdrawn"), property)  # in the typed context's protocol
    cal = se.WorkCalendar()
    k1 = Complaint(
        "K1",
        se.ComplaintKind.COMPLAINT,
        "P-379902-1",
        "379982-amr",
        ItemCategory.SERVICE,
        "办事拖延",
        events=(
            ComplaintEvent(T.RECEIVED, _at(8, 1, 8), "软建办"),
            ComplaintEvent(T.ACCEPTED, _at(8, 1, 9), "软建办"),
            ComplaintEvent(T.ASSIGNED, _at(8, 1, 10), "软建办", unit="379982-amr"),
            ComplaintEvent(T.SIGNED, _at(8, 1, 11), "望海市市场监管局"),
            ComplaintEvent(T.WITHDRAWN, _at(8, 5), "软建办", note="企业撤回"),  # resolve due Fri 08-22
        ),
    )
    sla = se.sla_for(se.city_plugin_manager(), _dataset(k1), k1, cal, se.baseline_parameters())

    class Ctx:  # the one attribute _overdue_in_year reads of its CountyYear
        calendar = cal

    at = datetime(2025, 12, 31, 23, 59, 59, tzinfo=BEIJING)
    view: StepView = se.complaint_status(k1, at, sla, cal).steps[-1]
    assert view.withdrawn and view.on_time is None and view.done_at == _at(8, 5)

    def status(c: Complaint, a: datetime) -> se.ComplaintStatus:
        return se.complaint_status(c, a, sla, cal)

    assert wanghai._overdue_in_year(Ctx(), status, k1, {"379982-amr"}, datetime(2024, 12, 31).date(), at) == 0
