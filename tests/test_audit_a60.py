"""Auditor a60: withdrawn (撤回) and rejected-after-return (不予受理) complaints, worked by hand.

01 a ticket open at last month's end and rejected this month was in no list of this month;
03 a plugin could not tell a withdrawn step (StepView.withdrawn); 望海市 counted one withdrawn in
time 1 day overdue; 04 a duty reason called a withdrawn complaint pending; 05 a workbook row's
field its event does not carry was dropped without a word; 06 workbook messages half English;
07 the results workbook's 承办单位 sheet headed the response denominator 交办."""

from __future__ import annotations

import json
import re
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


#: a58's W1: signed Fri 08-01 by city-amr, withdrawn 08-05 (the 撤回 row is 办理过程 row 7).
SIGNED_WITHDRAWN = (
    ComplaintEvent(T.RECEIVED, _at(8, 1, 8), "软建办"),
    ComplaintEvent(T.ACCEPTED, _at(8, 1, 9), "软建办"),
    ComplaintEvent(T.ASSIGNED, _at(8, 1, 10), "软建办", unit="city-amr"),
    ComplaintEvent(T.SIGNED, _at(8, 1, 11), "市市场监管局"),
    ComplaintEvent(T.WITHDRAWN, _at(8, 5), "软建办", note="企业撤回"),
)


def _refused_json(edit: dict[str, object], event: int = 4) -> list[str]:
    doc = json.loads(se.dataset_json(_dataset(_complaint("W1", *SIGNED_WITHDRAWN))))
    doc["complaints"][0]["events"][event].update(edit)
    with pytest.raises(se.InputError) as refused:
        se.loads_dataset(json.dumps(doc, ensure_ascii=False))
    return list(refused.value.problems)


@pytest.mark.parametrize(
    ("field", "value", "event", "words"),
    [
        ("verdict", "false", 4, "a resolved event (办结), not on withdrawn"),
        ("satisfaction", "unsatisfied", 4, "a followed_up event (回访), not on withdrawn"),
        ("unit", "city-amr", 4, "an assigned event (交办), not on withdrawn"),
        ("verdict", "substantiated", 3, "a resolved event (办结), not on signed"),
        ("extension_days", 3, 4, "an extended event (延期), not on withdrawn"),
    ],
)
def test_a60_05_a_field_its_event_does_not_carry_is_refused_in_json(field, value, event, words) -> None:
    (problem,) = _refused_json({field: value}, event)
    assert problem == f"$.complaints[0] (W1).events[{event}].{field}: {field} is given only on {words}"
    from softenv_core.cli.output import problem_text

    assert "只能写在" in problem_text(problem, "zh") and "不能写在" in problem_text(problem, "zh")  # --lang zh
    # Built in Python, the same refusal.
    c = _complaint("W1", *SIGNED_WITHDRAWN)
    bad = attrs.evolve(
        c,
        events=tuple(
            attrs.evolve(e, **{field: _typed(field, value)}) if i == event else e for i, e in enumerate(c.events)
        ),
    )
    with pytest.raises(se.InputError, match=f"is given only on {re.escape(words)}"):
        se.validate(_dataset(bad))


def _typed(field: str, value: object) -> object:
    kinds = {"verdict": se.Verdict, "satisfaction": se.Satisfaction}
    return kinds[field](value) if field in kinds else value


def _workbook_refusal(tmp_path: Path, cells: dict[str, object], rows: tuple[list[object], ...] = ()) -> list[str]:
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    path = tmp_path / "w.xlsx"
    write_workbook(_dataset(_complaint("W1", *SIGNED_WITHDRAWN)), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["办理过程"]
    assert ws["C7"].value == "撤回"
    for cell, value in cells.items():
        ws[cell] = value
    for row in rows:
        ws.append(row)
    wb.save(path)
    with pytest.raises(se.InputError) as refused:
        read_workbooks([path])
    return list(refused.value.problems)


@pytest.mark.parametrize(
    ("cell", "value", "said"),
    [
        ("H7", "虚假", "办理过程!H7 (W1#5 办理结论): 办理结论只能写在 办结 环节，不能写在 撤回 上"),
        ("G7", "不满意", "办理过程!G7 (W1#5 回访评价): 回访评价只能写在 回访 环节，不能写在 撤回 上"),
        ("F7", "city-amr", "办理过程!F7 (W1#5 承办单位编号): 承办单位编号只能写在 交办 环节，不能写在 撤回 上"),
        ("I7", 3, "办理过程!I7 (W1#5 延期工作日): 延期工作日只能写在 延期 环节，不能写在 撤回 上"),
        ("H6", "属实", "办理过程!H6 (W1#4 办理结论): 办理结论只能写在 办结 环节，不能写在 签收 上"),
    ],
)
def test_a60_05_06_a_workbook_cell_its_row_does_not_carry_is_refused_at_it(tmp_path, cell, value, said) -> None:
    (problem,) = _workbook_refusal(tmp_path, {cell: value})
    assert problem.startswith(said), problem


def test_a60_06_a_supervision_after_the_end_is_said_in_chinese_at_its_event_cell(tmp_path: Path) -> None:
    import datetime as dt

    (problem,) = _workbook_refusal(tmp_path, {}, (["W1", 6, "督办", dt.datetime(2025, 8, 6, 10), "软建办"],))
    said = problem.split(" — ")[0]
    assert said == "办理过程!C8 (W1#6 环节): 环节 督办 不能接在 撤回 之后：该反馈已完结，不能再督办"
    assert not re.search(r"[A-Za-z]{4,}", said.split(": ", 1)[1])
    from softenv_core.io.workbook_messages import zh_message

    for state, zh in (("closed", "结案"), ("rejected", "不予受理"), ("withdrawn", "撤回")):
        assert zh_message(f"supervised cannot come when the complaint is {state}").startswith(
            f"环节 督办 不能接在 {zh} 之后"
        )


def test_a60_07_the_unit_sheet_heads_the_response_denominator_as_section_eight(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")

    def opened(cid: str, day: int, *more: ComplaintEvent) -> Complaint:
        return _complaint(
            cid,
            ComplaintEvent(T.RECEIVED, _at(8, day, 8), "软建办"),
            ComplaintEvent(T.ACCEPTED, _at(8, day, 9), "软建办"),
            ComplaintEvent(T.ASSIGNED, _at(8, day, 10), "软建办", unit="city-amr"),
            *more,
        )

    signed = opened("S1", 1, ComplaintEvent(T.SIGNED, _at(8, 1, 11), "市市场监管局"))
    withdrawn = opened("S2", 4, ComplaintEvent(T.WITHDRAWN, _at(8, 4, 15), "软建办", note="企业撤回"))
    ds = _dataset(signed, withdrawn)
    for lang, due in (("zh", "应签收"), ("en", "Sign due")):
        path = tmp_path / f"r-{lang}.xlsx"
        se.write_results_workbook(ds, 2025, path, audience=se.CITY_OFFICE, lang=lang)
        sheet = openpyxl.load_workbook(path)["承办单位" if lang == "zh" else _unit_sheet(path)]
        head = [c.value for c in sheet[1]]
        row = dict(zip(head, [c.value for c in sheet[2]], strict=True))
        assert "交办" not in head and "Assigned" not in head
        assert row[due] == 1  # S2 was withdrawn before its 签收 was due: not counted, nor assigned "1"
    august = se.monitoring_report(ds, "2025-08", audience=se.CITY_OFFICE)
    assert "应签收1" in se.render_markdown(august)  # the same word and count as section 八


def _unit_sheet(path: Path) -> str:
    openpyxl = pytest.importorskip("openpyxl")
    names = openpyxl.load_workbook(path).sheetnames
    return next(n for n in names if "unit" in n.lower() or "承办" in n)
