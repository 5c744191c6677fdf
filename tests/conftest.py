"""Test settings: hypothesis profiles by test weight (tests/weights.py).

The ``ci`` profile (bounded, derandomized) is used when CI is set, ``dev`` otherwise. Shared
data is built once: the kit's ``softenv_small_dataset`` fixture is session-scoped (records are
frozen), the fuzz tests' base document is read once per module, the demo city is built once per
process (tests/demo_city.py), and so is the starter workbook (the ``starter`` fixture below), which
is parsed once too (tests/starter_book.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .weights import load

load()

# Bytecode is cached for the test run even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1 on this machine): each xdist worker and each `softenv` the CLI tests
# start would otherwise compile the whole package from source again, about a tenth of the
# suite's time. The .pyc files go to __pycache__ (ignored by git).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.fixture(scope="session")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``softenv init``'s starter workbook and example dataset, one per test
    process: the office tests only read it (they edit and save copies elsewhere, opened with
    tests/starter_book.py's ``load_workbook``)."""
    from softenv_core.cli.main import main

    folder = tmp_path_factory.mktemp("init")
    assert main(["init", str(folder)]) == 0
    return folder
