"""The command run in-process, as the CLI tests of clerk c51 and reviewer r54 run it (on
conftest's ``demo_file``): one call of ``softenv`` with what it printed."""

from __future__ import annotations

import pytest

from softenv_core.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """``softenv ARGS`` in this process: its exit code, standard output and standard error."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
