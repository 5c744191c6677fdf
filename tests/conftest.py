"""Test settings: hypothesis profiles by test weight (tests/weights.py).

The ``ci`` profile (bounded, derandomized) is used when CI is set, ``dev`` otherwise. Shared
data is built once: the kit's ``softenv_small_dataset`` fixture is session-scoped (records are
frozen), the fuzz tests' base document is read once per module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .weights import load

load()


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``softenv init``'s starter workbook and example dataset (one per module:
    the office tests edit copies of it)."""
    from softenv_core.cli.main import main

    folder = tmp_path_factory.mktemp("init")
    assert main(["init", str(folder)]) == 0
    return folder
