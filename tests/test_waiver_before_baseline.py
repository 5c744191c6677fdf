"""A waiver (豁免) of a month before the baseline requires a report excuses nothing: no county
owes such a month. ``softenv validate`` warns of it, worded as the refusal of a waiver outside
its county's life, with the baseline's dates read from the parameters (auditor t12 06: it was
accepted without a word)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import pytest

from softenv_core.cli.main import main
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import Month
from softenv_core.model.roster import Waiver
from softenv_core.testing.builders import small_dataset


def _file(tmp_path: Path) -> Path:
    waivers = (
        Waiver("W5", "379902", Month(2022, 1), "x", date(2022, 2, 20)),
        Waiver("W6", "379902", Month(2021, 6), "x", date(2021, 7, 20)),
        Waiver("W7", "379902", Month(2022, 2), "x", date(2022, 3, 20)),  # the first month owed
    )
    path = tmp_path / "d.json"
    path.write_text(dataset_json(attrs.evolve(small_dataset(2025), waivers=waivers)), encoding="utf-8")
    return path


def test_validate_warns_of_a_waiver_of_a_month_before_the_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path)
    assert main(["validate", "--format", "json", str(path)]) == 0
    warnings = [w for w in json.loads(capsys.readouterr().out)["warnings"] if "waiver" in w]
    since = baseline_parameters().since("report.due_day")  # 2022-03-01, the first report on 2022-02
    tail = f"but the city baseline (from {since}) first requires the report on {Month.of(since) - 1}"
    assert warnings == [
        f"$.waivers[0] (W5).month: 2022-01 {tail}; a waiver excuses only a month its county owes",
        f"$.waivers[1] (W6).month: 2021-06 {tail}; a waiver excuses only a month its county owes",
    ]
    assert main(["validate", str(path)]) == 0
    zh = capsys.readouterr().out
    assert f"提示：$.waivers[0] (W5).month: 月份 2022-01 不在基线施行期内（基线自 {since} 施行" in zh
    assert "W7" not in zh
