"""The Word report and the results workbook from Python (integrator i36). The README and
docs/office.md offer them through the command only (`report --format docx`, `assess|yearend
--format xlsx`); an OA system calling the library had to import ``write_report_docx`` from
``softenv_core.render.docx_report`` and rebuild the workbook's inputs from private helpers
(``redact_assessment``, ``declared_rules``, ``year_unit_rates``) to get what the command writes.
Both are on the integrators' surface now, the workbook as one call that is what the command
runs, so the two cannot drift apart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import softenv_core as se

pytest.importorskip("openpyxl")
pytest.importorskip("docx")

from softenv_core.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def test_both_writers_are_on_the_integrators_surface():
    from softenv_core.render.docx_report import write_report_docx
    from softenv_core.render.results_workbook import write_results_workbook

    assert se.write_report_docx is write_report_docx
    assert se.write_results_workbook is write_results_workbook


@pytest.mark.parametrize("audience", ["city", "county:379902", "department:city-amr", "public"])
@pytest.mark.parametrize("command", ["assess", "yearend"])
def test_the_workbook_is_the_commands_byte_for_byte(tmp_path, audience, command):
    by_command = tmp_path / "cli.xlsx"
    args = [command, str(EXAMPLE), "--year", "2025", "--format", "xlsx", "--audience", audience]
    assert main([*args, "--out", str(by_command)]) == 0
    by_library = tmp_path / "lib.xlsx"
    dataset = se.load_dataset(EXAMPLE)
    se.write_results_workbook(
        dataset,
        2025,
        by_library,
        se.get_plugin_manager(),
        audience=audience,
        with_year_end=command == "yearend" or None,
    )
    assert by_library.read_bytes() == by_command.read_bytes()


def test_the_word_report_is_the_commands_byte_for_byte(tmp_path):
    by_command = tmp_path / "cli.docx"
    args = ["report", str(EXAMPLE), "--month", "2025-03", "--format", "docx", "--audience", "public"]
    assert main([*args, "--out", str(by_command)]) == 0
    report = se.monitoring_report(se.load_dataset(EXAMPLE), "2025-03", se.get_plugin_manager(), audience="public")
    se.write_report_docx(report, tmp_path / "lib.docx")
    assert (tmp_path / "lib.docx").read_bytes() == by_command.read_bytes()


def test_wrong_arguments_are_named_not_tracebacks(tmp_path):
    dataset = se.load_dataset(EXAMPLE)
    assessment = se.assess(dataset, 2025, audience="city")
    with pytest.raises(se.FieldInvalid, match=r"^report: expected a MonitoringReport .*got Assessment"):
        se.write_report_docx(assessment, tmp_path / "r.docx")  # type: ignore[arg-type]
    with pytest.raises(se.FieldInvalid, match=r"^path: expected a file path .*got int 42"):
        se.write_report_docx(se.monitoring_report(dataset, "2025-03", audience="city"), 42)  # type: ignore[arg-type]
    with pytest.raises(se.FieldInvalid, match=r"^dataset: expected a Dataset"):
        se.write_results_workbook(assessment, 2025, tmp_path / "r.xlsx", audience="city")  # type: ignore[arg-type]
    with pytest.raises(se.SoftenvError, match="no such county"):
        se.write_results_workbook(dataset, 2025, tmp_path / "r.xlsx", audience="county:379999")
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.slow  # starts a fresh interpreter
def test_the_names_import_no_office_library_until_a_file_is_written():
    code = (
        "import sys, softenv_core as se; se.write_report_docx; se.write_results_workbook; "
        "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_path_may_be_text_and_the_results_shown_come_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dataset = se.load_dataset(EXAMPLE)
    shown, yearly = se.write_results_workbook(dataset, 2025, "results.xlsx", audience="public")
    assert shown == se.assess(dataset, 2025, audience="public")  # the city baseline without a plugin manager
    assert yearly is not None and yearly.audience == "public"
    se.write_report_docx(se.monitoring_report(dataset, "2025-03", audience="public"), "report.docx")
    assert (tmp_path / "results.xlsx").stat().st_size > 0 and (tmp_path / "report.docx").stat().st_size > 0


def test_without_the_office_extra_the_workbook_is_refused_before_the_year_is_assessed(tmp_path, monkeypatch):
    import sys

    from softenv_core.render import results_workbook

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the extra were not installed
    monkeypatch.setattr(results_workbook, "city_assessment", lambda *a, **k: pytest.fail("assessed first"))
    with pytest.raises(se.SoftenvError, match=r"the office extra is not installed: in a clone of softenv_core run"):
        se.write_results_workbook(se.load_dataset(EXAMPLE), 2025, tmp_path / "r.xlsx", audience="city")
