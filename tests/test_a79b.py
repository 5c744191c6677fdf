"""Fix helper a79b, after auditor a79 02/03 (tests/test_a79.py): a report sent after an
instant named to the second in assess and explain --county as in `softenv report`; a later
waiver not decided by the city named as ignored, not with an as_of that would read it; the
monthly report's notice of a known waiver the city did not decide; the later-record notices
on the library's surface and in the service's report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.roster import Waiver
from softenv_core.testing import builders as b
from tests.cli_runs import run_cli

#: December 2025's report of the first county sent 30 seconds into the minute asked for.
_SENT = datetime(2026, 1, 8, 9, 0, 30, tzinfo=BEIJING)
_AS_OF = "2026-01-08T09:00:00+08:00"


def _december_late(tmp_path: Path) -> tuple[str, str, Path]:
    ds = b.small_dataset(2025)
    county = ds.counties[0].code
    late = b.monthly_report(county, se.Month(2025, 12), _SENT)
    kept = tuple(r for r in ds.reports if (r.county, r.month) != (county, se.Month(2025, 12)))
    path = tmp_path / "late.json"
    path.write_text(dataset_json(attrs.evolve(ds, reports=(*kept, late))), encoding="utf-8")
    return county, late.id, path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_assess_names_a_report_sent_in_the_instants_minute_to_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """01: as of 09:00:00, the report sent at 09:00:30 read ``提交于 2026-01-08 09:00`` under
    `softenv assess`, the instant's own minute; it reads ``09:00:30``, as section 二 shows it."""
    _, rid, path = _december_late(tmp_path)
    code, out, err = run_cli(capsys, "assess", path, "--year", "2025", "--as-of", _AS_OF, "--lang", lang)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "2026-01-08 09:00:30" in line, line
    assert "--as-of 2026-01-08T09:01+08:00" in out, out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_explain_county_names_it_to_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """01: `softenv explain --county` said ``提交于 2026-01-08 09:00，在数据截至时点之后``."""
    county, rid, path = _december_late(tmp_path)
    args = ("explain", path, "--year", "2025", "--county", county, "--as-of", _AS_OF, "--lang", lang)
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "2026-01-08 09:00:30" in line, line


def test_01_in_another_minute_the_minute_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """01: the seconds only where the minute hides the order (due_and_sent's rule)."""
    _, rid, path = _december_late(tmp_path)
    code, out, err = run_cli(capsys, "assess", path, "--year", "2025", "--as-of", "2026-01-08T08:59:00+08:00")
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "提交于 2026-01-08 09:00（北京时间）" in line, line


def _waived_later(tmp_path: Path, by: str) -> tuple[se.Dataset, Path]:
    """The small dataset with 379902's March report sent on 04-10 (迟报 as of 04-20) and its
    waiver W-LATE of that month decided on 04-25 by ``by``."""
    ds = b.small_dataset(2025)
    march = se.Month(2025, 3)
    sent = datetime(2025, 4, 10, 9, tzinfo=BEIJING)
    rid = next(r.id for r in ds.reports if r.month == march and r.county == "379902")
    reports = tuple(attrs.evolve(r, submitted_at=sent) if r.id == rid else r for r in ds.reports)
    waivers = (Waiver("W-LATE", "379902", march, "系统故障", date(2025, 4, 25), decided_by=by),)
    ds = attrs.evolve(ds, reports=reports, waivers=waivers)
    path = tmp_path / "waived.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return ds, path


_MARCH_AS_OF = datetime(2025, 4, 20, 12, tzinfo=BEIJING)


def test_02_a_later_waiver_the_city_did_not_decide_is_not_given_an_as_of(tmp_path: Path) -> None:
    """02: W-LATE decided by 甲区经贸委 relaxes nothing at any instant (DESIGN: only the city
    relaxes its baseline): the notice said `to read it give as_of 2025-04-25T00:00+08:00`, and as
    of then the month stayed 迟报. It says it would be ignored, naming the city's offices, as the
    assessment's notice of such a waiver does, and gives no instant."""
    from softenv_core.analyses.later_records import later_waiver_notices

    ds, _ = _waived_later(tmp_path, "甲区经贸委")
    report = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=_MARCH_AS_OF)
    (notice,) = later_waiver_notices(ds, report, audience=se.CITY_OFFICE)
    assert "as_of" not in notice, notice
    assert notice.startswith(
        "later: waiver W-LATE of county 379902 甲区 for 2025-03 was decided on 2025-04-25, after the instant, "
        "by 甲区经贸委, not the city (its offices: "
    ), notice
    assert notice.endswith("): ignored at any instant"), notice
    # And so it is: as of the day it was decided, the month is still 迟报, unwaived.
    later = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=datetime(2025, 4, 25, tzinfo=BEIJING))
    row = next(r for r in later.county_reports if r.county == "379902")
    assert (row.status, row.waiver) == ("late", None)
    # The city's own is still named with the instant that reads it (auditor a79 03).
    ds, _ = _waived_later(tmp_path, "市经贸委")
    report = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE, as_of=_MARCH_AS_OF)
    (notice,) = later_waiver_notices(ds, report, audience=se.CITY_OFFICE)
    assert notice.endswith("not read; to read it give as_of 2025-04-25T00:00+08:00"), notice


def test_02_softenv_report_says_it_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, path = _waived_later(tmp_path, "甲区经贸委")
    args = ("report", path, "--month", "2025-03", "--as-of", "2025-04-20T12:00+08:00")
    code, _, err = run_cli(capsys, *args)
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "W-LATE" in line]
    assert line.startswith(
        "  ! 豁免 W-LATE（379902 甲区，2025-03 月报）于 2025-04-25 由 甲区经贸委 决定，在数据截至时点之后；"
        "不是市级单位（"
    ), line
    assert line.endswith("）决定，任何时点均不予采用"), line
    assert "--as-of" not in line and "、" in line, line  # the city's offices listed as a list


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_02_explain_says_it_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """02: `explain --county` said of the same waiver `决定于 2025-04-25，在数据截至时点之后，未计入`,
    as if a later instant would count it; it says what it says of a waiver the city did not
    decide known at the instant: not the city's, ignored. A later city waiver keeps its line."""
    _, path = _waived_later(tmp_path, "甲区经贸委")
    args = ("explain", path, "--year", "2025", "--county", "379902", "--as-of", "2025-04-20T12:00+08:00")
    code, out, err = run_cli(capsys, *args, "--lang", lang)
    assert code == 0, err
    said = (
        "  2025-03 豁免 W-LATE：由 甲区经贸委 决定，不是市级单位决定，不予采用"
        if lang == "zh"
        else "  2025-03 waiver W-LATE: decided by 甲区经贸委, not the city; ignored"
    )
    assert said in out, out
    assert "2025-04-25" not in out.split("\n\n")[0], out
    _, path = _waived_later(tmp_path, "市经贸委")
    code, out, err = run_cli(capsys, "explain", path, *args[2:], "--lang", lang)
    assert code == 0, err
    assert ("2025-03 豁免 W-LATE：决定于 2025-04-25" if lang == "zh" else "2025-03 waiver W-LATE: decided on") in out


def _not_the_citys(tmp_path: Path) -> tuple[se.Dataset, Path]:
    """The small dataset with 379902's March report sent on 04-10 (迟报) and waivers of that
    month decided on 04-12, before every instant asked for: W-OWN by the county's own office,
    W-OTHER of February by it too (another month's)."""
    ds = b.small_dataset(2025)
    march = se.Month(2025, 3)
    sent = datetime(2025, 4, 10, 9, tzinfo=BEIJING)
    rid = next(r.id for r in ds.reports if r.month == march and r.county == "379902")
    reports = tuple(attrs.evolve(r, submitted_at=sent) if r.id == rid else r for r in ds.reports)
    waivers = (
        Waiver("W-OWN", "379902", march, "系统故障", date(2025, 4, 12), decided_by="甲区经贸委"),
        Waiver("W-OTHER", "379902", se.Month(2025, 2), "系统故障", date(2025, 4, 12), decided_by="甲区经贸委"),
    )
    ds = attrs.evolve(ds, reports=reports, waivers=waivers)
    path = tmp_path / "own.json"
    path.write_text(dataset_json(ds), encoding="utf-8")
    return ds, path


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_03_the_monthly_report_names_a_known_waiver_the_city_did_not_decide(tmp_path: Path, audience: str) -> None:
    """03: the assessment says `waiver W-OWN (379902 2025-03) was decided by 甲区经贸委, not the city
    (…): ignored` (and explain names it); the monthly report, whose row reads 迟报 beside it on
    file, said nothing (month_waivers dropped city_waivers' notices). Its notices hold the same
    notice, its month's alone, for every reader (section 二's rows are every reader's)."""
    ds, _ = _not_the_citys(tmp_path)
    report = se.monitoring_report(ds, "2025-03", audience=audience, as_of=_MARCH_AS_OF)
    row = next(r for r in report.county_reports if r.county == "379902")
    assert (row.status, row.waiver) == ("late", None)
    (said,) = [n for n in report.notices if "W-OWN" in n]
    assert said in se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=_MARCH_AS_OF).notices
    assert said.startswith("waiver W-OWN (379902 2025-03) was decided by 甲区经贸委, not the city"), said
    assert not any("W-OTHER" in n for n in report.notices)
    assert se.MonitoringReport.from_json(report.to_json()).notices == report.notices


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_03_softenv_report_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """03: in the document, as the other notices of section 二's rows (a county's last report due
    after it ended), Chinese and English."""
    _, path = _not_the_citys(tmp_path)
    args = ("report", path, "--month", "2025-03", "--as-of", "2025-04-20T12:00+08:00", "--audience", "public")
    code, out, err = run_cli(capsys, *args, "--lang", lang)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if "W-OWN" in line]
    if lang == "zh":
        assert line.startswith("注：豁免 W-OWN（") and "由 甲区经贸委 决定，不是市级单位（" in line, line
        assert line.endswith("）决定：不予采用。"), line
    else:
        assert line.startswith("Note: waiver W-OWN (379902 2025-03) was decided by 甲区经贸委, not the city"), line


def test_04_the_later_record_notices_are_on_the_librarys_surface(tmp_path: Path) -> None:
    """04: docs/integration.md sends an integrator to the notices of records after a report's
    instant, which `softenv report` says on stderr: importable from softenv_core, checked at its
    boundary as every exported function (a wrong argument is the library's error, naming it)."""
    from softenv_core.analyses import later_records

    assert se.later_amendment_notices is later_records.later_amendment_notices
    assert se.later_waiver_notices is later_records.later_waiver_notices
    ds, _ = _waived_later(tmp_path, "市经贸委")
    report = se.monitoring_report(ds, "2025-03", audience="public", as_of=_MARCH_AS_OF)
    (notice,) = se.later_waiver_notices(ds, report, audience="public")
    assert notice.startswith("later: waiver W-LATE")
    assert se.later_amendment_notices(ds, "2025-03", report.as_of, ["379902"]) == []
    for call, name in (
        (lambda: se.later_waiver_notices(ds, "report", audience="public"), "report"),
        (lambda: se.later_waiver_notices(ds, report, params=5, audience="public"), "params"),
        (lambda: se.later_amendment_notices(ds, 202503, report.as_of), "month"),
        (lambda: se.later_amendment_notices(ds, "2025-03", "2025-04-20"), "as_of"),
        (lambda: se.later_amendment_notices(ds, "2025-03", report.as_of, "379902"), "missing"),
        (lambda: se.later_amendment_notices(ds, "2025-03", report.as_of, [379902]), "missing"),
    ):
        with pytest.raises(se.FieldInvalid) as exc:
            call()
        assert exc.value.name == name, (name, exc.value)


def test_04_the_services_report_carries_them_in_its_notices(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """04: `POST /v1/reports/{month}` answers as of the default instant (it takes no as_of) and
    said no word of a report or waiver on file after it, which `softenv report` says on stderr:
    its JSON's ``notices`` now end with them, for every reader, as the command's."""
    ds, _ = _waived_later(tmp_path, "市经贸委")
    march = se.Month(2025, 3)
    # 379921's March report sent after the default instant (the moment after the last deadline).
    default = se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE).as_of
    assert default is not None
    late = datetime(2025, 4, 28, 9, tzinfo=BEIJING)
    assert late > default
    reports = tuple(
        attrs.evolve(r, submitted_at=late) if (r.county, r.month) == ("379921", march) else r for r in ds.reports
    )
    ds = attrs.evolve(ds, reports=reports)
    body = dataset_json(ds).encode()
    for audience in ("city", "public"):
        own = se.monitoring_report(ds, march, audience=audience)
        missing = [r.county for r in own.county_reports if r.status in ("missing", "waived")]
        expected = se.later_amendment_notices(ds, march, default, missing) + se.later_waiver_notices(
            ds, own, audience=audience
        )
        assert any("379921" in n for n in expected) and any("W-LATE" in n for n in expected), expected
        answer = client.post(f"/v1/reports/2025-03?audience={audience}", content=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["notices"] == [*own.notices, *expected]
        assert se.MonitoringReport.from_json(answer.content).notices == (*own.notices, *expected)
