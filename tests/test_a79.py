"""Pins of the fixes of auditor a79's findings on the monthly monitoring report's wording: 01
section 七's line when the complaint reference is withheld, 02 the stderr line of a county report
sent after the report's instant within its minute, 03 a waiver decided after the instant named
like a late report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING, render_markdown
from softenv_core.io.dataset_files import dataset_json
from softenv_core.testing import builders as b
from tests.cli_runs import run_cli
from tests.test_audit_a70 import _doc, _report


def _consenting() -> dict[str, Any]:
    """a70's January 2026 with 乙县's point P379921-2 consenting to be named: its county is given
    the flag beside its zero report with the point and without the complaint reference."""
    doc = _doc()
    doc["complaints"][0]["consent_to_disclose"] = True
    return doc


def _word_paragraphs(report: object, tmp_path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    out = tmp_path / "report.docx"
    write_report_docx(report, out, "zh")  # type: ignore[arg-type]
    return [p.text for p in docx.Document(str(out)).paragraphs]


def test_01_a_withheld_complaint_reference_leaves_no_stray_space(tmp_path: Path) -> None:
    """01: 乙县 reads its flag as ``乙县：(P379921-2)``, not ``乙县： (P379921-2)`` (English ``乙县:
    (P…)`` with one space, not two); the city office still reads the reference (``乙县：Q5 (P…)``);
    the Word report has no space to strip either way; no reader's line has a doubled space."""
    doc = _consenting()
    county, city = _report(doc, "county:379921"), _report(doc, "city")
    (flag,) = county.reconciliation
    assert flag.complaint == "" and flag.point == "P379921-2"
    zh, en = render_markdown(county), render_markdown(county, "en")
    assert "- 379921 乙县：(P379921-2) — 零报告，但该县区监测点本月直接向市软建办反馈" in zh
    assert "- 379921 乙县: (P379921-2) — zero report" in en
    assert "- 379921 乙县：Q5 (P379921-2) — " in render_markdown(city)
    assert "- 379921 乙县: Q5 (P379921-2) — " in render_markdown(city, "en")
    for audience in ("city", "county:379921", "county:379902", "public", "department:city-amr", "point:P379921-2"):
        report = _report(doc, audience)
        for lang in ("zh", "en"):
            lines = [line for line in render_markdown(report, lang).splitlines() if line.startswith("- 3799")]
            assert all("： " not in line and ":  " not in line for line in lines), (audience, lang, lines)
        assert all("： " not in p for p in _word_paragraphs(report, tmp_path)), audience
    assert "乙县：（P379921-2），零报告，但该县区监测点本月直接向市软建办反馈。" in _word_paragraphs(county, tmp_path)


#: March 2025's report of 379902 in the small dataset sent 30 seconds into the minute asked for.
_SENT = datetime(2025, 4, 20, 11, 0, 30, tzinfo=BEIJING)
_AS_OF = "2025-04-20T11:00:00+08:00"


def _late_march(tmp_path: Path) -> tuple[se.Dataset, str, Path]:
    ds = b.small_dataset(2025)
    rid = next(r.id for r in ds.reports if r.month == se.Month(2025, 3) and r.county == "379902")
    ds = attrs.evolve(ds, reports=tuple(attrs.evolve(r, submitted_at=_SENT) if r.id == rid else r for r in ds.reports))
    path = tmp_path / "data.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return ds, rid, path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_02_a_report_sent_in_the_instants_minute_shows_its_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """02: as of 11:00:00, a report sent at 11:00:30 is named on stderr at ``11:00:30``, not at
    ``11:00`` (the instant's own minute, read as not after it), in both languages; the instant
    that reads it stays the next whole minute."""
    _, rid, path = _late_march(tmp_path)
    code, _, err = run_cli(capsys, "report", path, "--month", "2025-03", "--as-of", _AS_OF, "--lang", lang)
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if rid in line]
    assert "2025-04-20 11:00:30" in line, line
    assert "2025-04-20T11:01+08:00" in line, line


def test_02_a_report_sent_in_another_minute_keeps_the_minute(tmp_path: Path) -> None:
    """02: the seconds are shown only where the minute hides the order (due_and_sent's rule): as of
    10:59, the report sent at 11:00:30 reads ``11:00``, as before."""
    ds, rid, _ = _late_march(tmp_path)
    from softenv_core.analyses.later_records import later_amendment_notices

    as_of = datetime(2025, 4, 20, 10, 59, tzinfo=BEIJING)
    (notice,) = later_amendment_notices(ds, se.Month(2025, 3), as_of, {"379902"})
    assert f"report {rid} of county 379902" in notice and "at 2025-04-20 11:00 (Beijing time)" in notice


def _waived_later(tmp_path: Path, sent: datetime) -> tuple[se.Dataset, Path]:
    """The small dataset with 379902's March report sent at ``sent`` and the city's waiver W-LATE
    of that month decided on 04-25, and 379921's March (on time) waived on 04-25 too (W-ONTIME)."""
    from softenv_core.model.roster import Waiver

    ds = b.small_dataset(2025)
    march = se.Month(2025, 3)
    rid = next(r.id for r in ds.reports if r.month == march and r.county == "379902")
    reports = tuple(attrs.evolve(r, submitted_at=sent) if r.id == rid else r for r in ds.reports)
    waivers = (
        Waiver("W-LATE", "379902", march, "系统故障", date(2025, 4, 25), decided_by="市经贸委"),
        Waiver("W-ONTIME", "379921", march, "系统故障", date(2025, 4, 25), decided_by="市经贸委"),
    )
    ds = attrs.evolve(ds, reports=reports, waivers=waivers)
    path = tmp_path / "waived.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return ds, path


def test_03_a_waiver_decided_after_the_instant_is_named_by_the_library(tmp_path: Path) -> None:
    """03: as of 04-20, 379902's March is 迟报 (sent 04-10) or 未报 (sent 04-22), and W-LATE,
    decided on 04-25, is rightly not applied; the library names it, with the instant that reads
    it (04-25 00:00); W-ONTIME, of a month on time, needs no word, nor W-LATE as of 04-25."""
    from softenv_core.analyses.later_records import later_waiver_notices

    as_of = datetime(2025, 4, 20, 12, tzinfo=BEIJING)
    for sent, status in ((datetime(2025, 4, 10, 9, tzinfo=BEIJING), "late"), (_SENT.replace(day=22), "missing")):
        ds, _ = _waived_later(tmp_path, sent)
        report = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=as_of)
        row = next(r for r in report.county_reports if r.county == "379902")
        assert (row.status, row.waiver) == (status, None)
        (notice,) = later_waiver_notices(ds, report, audience=se.CITY_OFFICE)
        assert notice == (
            "later: waiver W-LATE of county 379902 甲区 for 2025-03 was decided on 2025-04-25, after the "
            "instant: not read; to read it give as_of 2025-04-25T00:00+08:00"
        ), notice
        later = datetime(2025, 4, 25, tzinfo=BEIJING)
        known = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=later)
        assert next(r for r in known.county_reports if r.county == "379902").waiver == "W-LATE"
        assert later_waiver_notices(ds, known, audience=se.CITY_OFFICE) == []


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_03_softenv_report_names_the_later_waiver_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], audience: str
) -> None:
    """03: `softenv report` says it after the document, in Chinese (`豁免 W-LATE … 于 2025-04-25
    作出，在数据截至时点之后，未计入`) and English, to every reader: section 二's rows (and their
    waivers) are every reader's."""
    _, path = _waived_later(tmp_path, datetime(2025, 4, 10, 9, tzinfo=BEIJING))
    args = ("report", path, "--month", "2025-03", "--as-of", "2025-04-20T12:00+08:00", "--audience", audience)
    code, _, err = run_cli(capsys, *args)
    assert code == 0, err
    assert (
        "豁免 W-LATE（379902 甲区，2025-03 月报）于 2025-04-25 作出，在数据截至时点之后，未计入"
        "（本报告按截至时点未豁免计）；要计入，请以 2025-04-25T00:00+08:00 或更晚的时刻为数据截至时点重新编制"
        "（--as-of 2025-04-25T00:00+08:00）"
    ) in err, err
    assert "W-ONTIME" not in err
    code, _, err = run_cli(capsys, *args, "--lang", "en")
    assert code == 0, err
    assert "later: waiver W-LATE of county 379902 甲区 for 2025-03 was decided on 2025-04-25" in err, err
