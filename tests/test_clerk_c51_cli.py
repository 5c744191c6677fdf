"""Clerk c51's command-line findings: Ctrl-C at start-up (03), `--out` onto an existing file (04)
and a Word name for a result without a Word form (05)."""

from __future__ import annotations

import importlib.abc
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from softenv_core.cli import main as cli_main
from softenv_core.cli.entry import main as entry_main
from softenv_core.cli.main import main

from .cli_runs import run_cli as _run

# --- 03: Ctrl-C (and SIGTERM) at any point of start-up ----------------------------------------


class _InterruptedImport(importlib.abc.MetaPathFinder):
    """A finder that is Ctrl-C pressed while ``name`` is imported."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname == self.name:
            raise KeyboardInterrupt


def test_ctrl_c_while_the_command_imports_its_parser_is_one_line_and_130(monkeypatch, capsys):
    """The entry (pyproject's [project.scripts]) imports the parser and the library only inside
    its handling: before, Ctrl-C there was a traceback ending in KeyboardInterrupt (c51 03)."""
    monkeypatch.delitem(sys.modules, "softenv_core.cli.main")
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport("softenv_core.cli.main"), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["softenv", "validate", "x.json"])
    before = signal.getsignal(signal.SIGTERM)
    assert entry_main() == 130
    assert capsys.readouterr().err == "softenv: interrupted\n"
    assert signal.getsignal(signal.SIGTERM) is before  # the caller's handler given back


def test_ctrl_c_while_the_arguments_are_parsed_is_one_line_and_130(monkeypatch, capsys):
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main, "_parser", interrupted)
    assert main(["validate", "x.json"]) == 130
    assert capsys.readouterr().err == "softenv: interrupted\n"


def test_the_entry_is_the_console_command():
    text = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'softenv = "softenv_core.cli.entry:main"' in text


def _softenv() -> str:
    return str(Path(sys.executable).parent / "softenv")


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.03, 0.06, 0.1, 0.15, 0.2, 0.3])
def test_ctrl_c_early_in_the_installed_command_prints_no_traceback(tmp_path, delay):
    """The installed `softenv`, SIGINT sent soon after it starts (the clerk saw a wrong file name
    just after Enter). Earlier than these delays the interpreter itself is starting: Python's
    own start-up, before any of softenv's code can run (a SIGINT before Python handles it ends
    the process as the signal's default, -2, which the shell reports as 130 too)."""
    proc = subprocess.Popen(
        [_softenv(), "demo", "--out", str(tmp_path / "demo")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, err)
    if proc.returncode == 130:
        assert err.strip().splitlines()[-1] == "softenv: interrupted", err
    assert not (tmp_path / "demo").exists()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.06, 0.15])
def test_sigterm_early_in_the_installed_command_says_terminated(tmp_path, delay):
    proc = subprocess.Popen(
        [_softenv(), "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode in (143, -signal.SIGTERM), (proc.returncode, err)
    if proc.returncode == 143:
        assert err.strip() == "softenv: terminated", err


@pytest.mark.slow
def test_the_entry_keeps_the_help_fast():
    """`softenv --help` stays fast (benchmarks: ≤ 0.3 s): the entry imports nothing before its
    handling but the package (without typing, 12 ms of it before), and its signals module only
    the standard library's lighter modules."""
    code = (
        "import sys\nfrom softenv_core.cli.entry import main\nsys.argv = ['softenv', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('softenv_core')), 'typing' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    before_handling = re.split(r"\|\s+softenv_core\.cli\.entry$", proc.stderr, flags=re.M)[0]
    assert "softenv_core._lazy" in before_handling
    assert not re.search(r"\|\s+(typing|re)$", before_handling, flags=re.M), before_handling
    last = proc.stdout.strip().splitlines()[-1]
    assert "softenv_core.cli.signals" in last and "softenv_core.cli.output" not in last, last


# --- 04: every --out refuses an existing file without --force -----------------------------------


#: Each command that writes --out, as a clerk runs it (the month 2025-03 of the demo city).
_WRITERS = {
    "report": ["report", "{d}", "--month", "2025-03"],
    "report docx": ["report", "{d}", "--month", "2025-03", "--format", "docx"],
    "yearend": ["yearend", "{d}", "--year", "2025"],
    "yearend xlsx": ["yearend", "{d}", "--year", "2025", "--format", "xlsx"],
    "assess": ["assess", "{d}", "--year", "2025"],
    "assess csv": ["assess", "{d}", "--year", "2025", "--format", "csv"],
    "explain": ["explain", "{d}", "--year", "2025", "--county", "379902"],
    "validate": ["validate", "{d}"],
    "deadline": ["deadline", "--month", "2025-03"],
    "schema": ["schema", "dataset"],
}
_SUFFIX = {"report docx": ".docx", "yearend xlsx": ".xlsx"}


@pytest.mark.parametrize("name", list(_WRITERS))
def test_out_onto_an_existing_file_is_refused_without_force(capsys, tmp_path, demo_file, name):
    """c51 04: `report --out` replaced the county's copy with the city office's full version
    (a forgotten --audience); import and export already refused."""
    target = tmp_path / f"东城区-2025-03{_SUFFIX.get(name, '.md')}"
    target.write_bytes(b"the county's copy, edited")
    words = [w.format(d=demo_file) for w in _WRITERS[name]]
    code, _out, err = _run(capsys, *words, "--out", target)
    assert code == 1, err
    assert target.read_bytes() == b"the county's copy, edited"
    assert f"{target} 已经存在，不会覆盖" in err and "加 --force 覆盖" in err, err
    assert "已写入" not in err
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left

    code, _out, err = _run(capsys, *words, "--out", target, "--force")
    assert code == 0, err
    assert target.read_bytes() != b"the county's copy, edited"
    assert "已写入" in err and "已覆盖原有文件" in err, err


def test_a_new_out_file_says_nothing_of_replacing(capsys, tmp_path, demo_file):
    code, _out, err = _run(capsys, "report", demo_file, "--month", "2025-03", "--out", tmp_path / "r.md")
    assert code == 0
    assert "已写入" in err and "覆盖" not in err


def test_the_refusal_comes_before_the_work_and_in_english_with_lang_en(capsys, tmp_path):
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    # The dataset does not exist: the refusal is said first, before anything is read.
    code, _out, err = _run(capsys, "report", tmp_path / "none.json", "--month", "2025-03", "--out", target)
    assert code == 1 and "已经存在" in err, err
    code, _out, err = _run(
        capsys, "report", tmp_path / "none.json", "--month", "2025-03", "--lang", "en", "--out", target
    )
    assert code == 1 and "exists" in err and "--force" in err, err


def test_out_onto_a_device_or_standard_output_is_not_a_replacement(capsys, demo_file):
    code, _out, err = _run(capsys, "validate", demo_file, "--out", os.devnull)
    assert code == 0, err
    assert "覆盖" not in err
    code, out, err = _run(capsys, "validate", demo_file, "--out", "-")
    assert code == 0 and out


def test_out_onto_an_input_is_still_told_as_the_input(capsys, demo_file):
    code, _out, err = _run(capsys, "validate", demo_file, "--out", demo_file, "--force")
    assert code == 1 and "它就是输入文件" in err, err
    code, _out, err = _run(capsys, "validate", demo_file, "--out", demo_file)
    assert code == 1 and "它就是输入文件" in err, err


def test_import_and_export_with_force_say_they_replaced(capsys, tmp_path, demo_file):
    book = tmp_path / "全部.xlsx"
    book.write_bytes(b"old")
    code, _out, err = _run(capsys, "export", demo_file, "--out", book, "--force")
    assert code == 0, err
    assert "已覆盖原有文件" in err
    data = tmp_path / "ds.json"
    data.write_text("{}", encoding="utf-8")
    code, _out, err = _run(capsys, "import", book, "--out", data, "--force")
    assert code == 0, err
    assert "已覆盖原有文件" in err


# --- 05: a Word name for a result that has no Word form ------------------------------------------


def test_a_docx_name_for_a_result_without_a_word_form_says_which_forms_there_are(capsys, tmp_path, demo_file):
    """c51 05: the refusal pointed at --format, and the command had no `--format docx`. `yearend`
    has one since (tests/test_yearend_docx.py); `assess` has none."""
    code, _out, err = _run(capsys, "assess", demo_file, "--year", "2025", "--out", tmp_path / "结果.docx")
    assert code == 1
    assert "没有 Word 格式" in err, err
    # The path asked for with its suffix changed, folder kept (reviewer r54 07: `--out 年终.md`).
    assert f"--out {tmp_path}/结果.txt" in err and f"--format xlsx --out {tmp_path}/结果.xlsx" in err, err
    assert "请改用相符的文件名或 --format" not in err
    code, _out, err = _run(
        capsys, "assess", demo_file, "--year", "2025", "--lang", "en", "--out", tmp_path / "结果.docx"
    )
    assert code == 1 and "no Word form" in err and "--format xlsx" in err, err


def test_explain_named_xlsx_says_it_writes_text_only(capsys, tmp_path, demo_file):
    code, _out, err = _run(
        capsys, "explain", demo_file, "--year", "2025", "--county", "379902", "--out", tmp_path / "说明.xlsx"
    )
    assert code == 1
    assert "没有 Excel 格式" in err and f"--out {tmp_path}/说明.txt" in err, err


def test_report_named_docx_still_points_at_format_docx(capsys, tmp_path, demo_file):
    code, _out, err = _run(capsys, "report", demo_file, "--month", "2025-03", "--out", tmp_path / "r.docx")
    assert code == 1 and "要写成 Word 文件请加 --format docx" in err, err
