"""Fix helper a79b, after auditor a79 02/03 (tests/test_a79.py): a report sent after an
instant named to the second in assess and explain --county as in `softenv report`; a later
waiver not decided by the city named as ignored, not with an as_of that would read it; the
monthly report's notice of a known waiver the city did not decide; the later-record notices
on the library's surface and in the service's report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import BEIJING
from softenv_core.io.dataset_files import dataset_json
from softenv_core.testing import builders as b
from tests.cli_runs import run_cli

#: December 2025's report of the first county sent 30 seconds into the minute asked for.
_SENT = datetime(2026, 1, 8, 9, 0, 30, tzinfo=BEIJING)
_AS_OF = "2026-01-08T09:00:00+08:00"


def _december_late(tmp_path: Path) -> tuple[str, str, Path]:
    ds = b.small_dataset(2025)
    county = ds.counties[0].code
    late = b.monthly_report(county, se.Month(2025, 12), _SENT)
    kept = tuple(r for r in ds.reports if (r.county, r.month) != (county, se.Month(2025, 12)))
    path = tmp_path / "late.json"
    path.write_text(dataset_json(attrs.evolve(ds, reports=(*kept, late))), encoding="utf-8")
    return county, late.id, path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_assess_names_a_report_sent_in_the_instants_minute_to_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """01: as of 09:00:00, the report sent at 09:00:30 read ``提交于 2026-01-08 09:00`` under
    `softenv assess`, the instant's own minute; it reads ``09:00:30``, as section 二 shows it."""
    _, rid, path = _december_late(tmp_path)
    code, out, err = run_cli(capsys, "assess", path, "--year", "2025", "--as-of", _AS_OF, "--lang", lang)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "2026-01-08 09:00:30" in line, line
    assert "--as-of 2026-01-08T09:01+08:00" in out, out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_explain_county_names_it_to_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """01: `softenv explain --county` said ``提交于 2026-01-08 09:00，在数据截至时点之后``."""
    county, rid, path = _december_late(tmp_path)
    args = ("explain", path, "--year", "2025", "--county", county, "--as-of", _AS_OF, "--lang", lang)
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "2026-01-08 09:00:30" in line, line


def test_01_in_another_minute_the_minute_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """01: the seconds only where the minute hides the order (due_and_sent's rule)."""
    _, rid, path = _december_late(tmp_path)
    code, out, err = run_cli(capsys, "assess", path, "--year", "2025", "--as-of", "2026-01-08T08:59:00+08:00")
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if rid in line]
    assert "提交于 2026-01-08 09:00（北京时间）" in line, line
