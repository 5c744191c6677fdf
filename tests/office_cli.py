"""The office tests' command runner (their starter workbook fixture is in conftest.py)."""

from __future__ import annotations

import pytest

from softenv_core.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """``softenv ARGS`` in this process: its exit code, stdout and stderr."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
