"""A year before the baseline at every command and format: the notice in the clerk's words.

`assess` of 2021 prints an empty assessment with its notice (exit 0) in text and JSON, but
`--format xlsx`, `softenv yearend` and any county's view stopped on a parameter not in force
(``parameter 'roster.county_sectors' has no value in force on 2021-12-31``), in English. Now
`assess` gives the empty year with its notice in every format and audience (exit 0: the result
exists), and `yearend`, which has no year end to show, exits 1 saying why in Chinese.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import openpyxl
import pytest

from softenv_core import dataset_json
from softenv_core.testing import small_dataset

from .test_cli import EXAMPLE, run

NOTICE_ZH = "2021 年没有应报月份：该年不在基线施行期内，无可考核"
REFUSED_ZH = "2021 年没有应报月份：该年不在基线施行期内（基线自 2022-03-01 施行），无年终工作可编制"


def _sheet_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)


@pytest.mark.parametrize("audience", ["city", "county:379902"])
def test_assess_as_a_workbook_is_the_empty_year_with_its_notice(tmp_path, capsys, audience):
    out = tmp_path / "r.xlsx"
    code, _, err = run(
        capsys, "assess", str(EXAMPLE), "--year", "2021", "--format", "xlsx", "--out", str(out), "--audience", audience
    )
    assert code == 0 and "parameter" not in err
    assert NOTICE_ZH in _sheet_text(out)


def test_assess_for_a_county_prints_the_empty_year_too(capsys):
    code, out, err = run(capsys, "assess", str(EXAMPLE), "--year", "2021", "--audience", "county:379902")
    assert code == 0 and NOTICE_ZH in out and err == ""


def test_assess_as_a_table_says_the_notice_on_stderr(capsys):
    code, out, err = run(capsys, "assess", str(EXAMPLE), "--year", "2021", "--format", "csv")
    assert code == 0 and out.splitlines() == ["\ufeff监测点,县区,企业,得分,等次"]
    assert NOTICE_ZH in err
    code, _, err = run(capsys, "assess", str(EXAMPLE), "--year", "2022", "--format", "csv")
    assert code == 0 and "基线" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "xlsx"])
def test_yearend_exits_1_saying_why_in_chinese(tmp_path, capsys, fmt):
    out = tmp_path / "y.out"
    code, printed, err = run(capsys, "yearend", str(EXAMPLE), "--year", "2021", "--format", fmt, "--out", str(out))
    assert code == 1 and printed == "" and not out.exists()
    assert REFUSED_ZH in err and "parameter" not in err
    argv = ("yearend", str(EXAMPLE), "--year", "2021", "--format", fmt, "--out", str(out), "--lang", "en")
    code, _, err = run(capsys, *argv)
    assert code == 1 and "no month of 2021 is owed: the programme's baseline is not in force in it" in err


def test_the_service_says_the_same(capsys):
    """`POST /v1/assess` for a county's view gives the empty year (it stopped on a rule's
    parameter too); `/v1/yearend` is the 422 problem that names the baseline."""
    import warnings

    with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app

    body = EXAMPLE.read_bytes()
    with TestClient(create_app()) as client:
        assessed = client.post("/v1/assess?year=2021&audience=county:379902", content=body)
        assert assessed.status_code == 200
        assert any(n.startswith("no month of 2021 is owed") for n in assessed.json()["notices"])
        refused = client.post("/v1/yearend?year=2021", content=body)
        assert refused.status_code == 422 and "no month of 2021 is owed" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("plugins", "--year", "2021"), "该年不在基线施行期内"),
        (("deadline", "--month", "2021-06"), "不在基线施行期内"),
    ],
)
def test_plugins_and_deadline_say_the_baseline_is_not_in_force_in_chinese(capsys, argv, says):
    """Review r1/05: both refused in English under --lang zh, one naming a parameter."""
    code, _, err = run(capsys, *argv)
    assert code == 1 and says in err and "parameter" not in err and "Traceback" not in err, err


def test_a_csv_assessment_says_every_notice_of_the_result_on_stderr(tmp_path, capsys):
    """Review r1: only the baseline's notice was said beside a CSV table; a county that does not
    exist in the year (and any other notice) was not, though the summary and JSON carry it."""
    ds = small_dataset(2025)
    late = attrs.evolve(ds.counties[0], code="379925", name="新区", effective_from=date(2026, 3, 1))
    path = tmp_path / "d.json"
    path.write_text(dataset_json(attrs.evolve(ds, counties=(*ds.counties, late))), encoding="utf-8")
    code, out, _ = run(capsys, "assess", str(path), "--year", "2025", "--format", "json", "--lang", "en")
    notices = json.loads(out)["notices"]
    assert code == 0 and any("379925" in n for n in notices), notices
    code, _, err = run(capsys, "assess", str(path), "--year", "2025", "--format", "csv", "--lang", "en")
    assert code == 0 and [line.removeprefix("  ! ") for line in err.splitlines()] == notices


@pytest.mark.parametrize("audience", ["city", "public", "county:379902"])
def test_a_monthly_report_before_the_baseline_says_no_report_was_owed(capsys, audience, tmp_path):
    """Platform t8 04: a month before the baseline gave a plain report, every county at 0 owed,
    with no notice; the JSON, the Markdown in both languages and the Word report now say why."""
    from docx import Document

    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2021-06", "--audience", audience, "--format", "json")
    assert code == 0 and "no report is owed for 2021-06" in " ".join(json.loads(out)["notices"])
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2021-06", "--audience", audience)
    assert code == 0 and "注：2021-06 不在基线施行期内" in out
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2021-06", "--audience", audience, "--lang", "en")
    assert "Note: no report is owed for 2021-06" in out
    docx = tmp_path / "r.docx"
    run(
        capsys,
        "report",
        str(EXAMPLE),
        "--month",
        "2021-06",
        "--audience",
        audience,
        "--format",
        "docx",
        "--out",
        str(docx),
    )
    assert any("不在基线施行期内" in p.text for p in Document(str(docx)).paragraphs)
    code, out, _ = run(capsys, "report", str(EXAMPLE), "--month", "2025-03", "--audience", audience)
    assert code == 0 and "基线施行期" not in out
