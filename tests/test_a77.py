"""Auditor a77: membership over time, computed by hand from the policy.

The dataset (tests/a77_world.py) holds points designated on the 1st, a Friday, a Saturday and the
last day of a month, removed mid-month, re-designated under a new id, moved county → 市直 and to
another county, removed on 1 January, a county whose last point is removed, a liaison person
changed mid-month and a roster change filed late. Every owed month, duty score, section 三 row
(应联系/联系上), filing check, roster and quota agreed with the hand computation; the test below
is the one disagreement found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .a77_world import write
from .cli_runs import run_cli


@pytest.fixture
def world(tmp_path: Path) -> Path:
    path = tmp_path / "a77.json"
    write(str(path))
    return path


def test_01_explain_mid_year_names_running_month_not_no_owed_month(
    world: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A3 is designated from Saturday 2025-07-26: July has 4 working days in its interval (not
    owed), August is owed (designated every day of it). Asked on 2025-08-15, August is still
    running (pending, DESIGN "An explicit instant"). The explanation said A3 has 无应履职月份
    and so 不参加当年履职考评, giving July's basis alone: it should say that its month 2025-08 is
    still running at the instant (as docs/cli.md has it say for a point whose months are all
    running), not that the point owes no month of the year."""
    code, _out, err = run_cli(
        capsys, "explain", world, "--year", "2025", "--point", "A3", "--as-of", "2025-08-15T00:00:00+08:00"
    )
    assert code == 1
    assert "尚未结束" in err, err
    assert "2025-08" in err, err
    assert "但无应履职月份" not in err, err
