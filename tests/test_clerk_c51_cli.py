"""Clerk c51's command-line findings: Ctrl-C at start-up (03)."""

from __future__ import annotations

import importlib.abc
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
