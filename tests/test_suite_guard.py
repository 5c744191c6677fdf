"""The fast suite starts no process (README "Development"): a test that does is marked ``slow``."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_a_fast_test_that_starts_a_process_fails_saying_to_mark_it_slow() -> None:
    with pytest.raises(AssertionError, match=r"starts a process .*mark it @pytest.mark.slow"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)


@pytest.mark.slow
def test_a_slow_test_may_start_one() -> None:
    assert subprocess.run([sys.executable, "-c", "pass"], check=False).returncode == 0
