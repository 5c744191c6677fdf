"""Fix of auditor a77 01: a point owing no ended month while a month of its interval is still
running at the instant is not yet assessed, and every face says so in the same words
(analyses/unassessed.py): `softenv explain` in either language, the year end's nominee check and
its check of a recorded removal. At the year's own instant nothing runs: 无应履职月份 as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .a77_world import write
from .cli_runs import run_cli

MID = "2025-08-15T00:00:00+08:00"


def _world(tmp_path: Path, mutate: Any = None) -> Path:
    path = tmp_path / "a77.json"
    write(str(path), mutate)
    return path


def test_explain_in_english_names_the_running_months(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = _world(tmp_path)
    args = ("explain", world, "--year", "2025", "--point", "A3", "--as-of", MID, "--lang", "en")
    code, _, err = run_cli(capsys, *args)
    assert code == 1
    assert "it owes none of the months of it that have ended" in err, err
    assert "2025-07：在册 2025-07-26 至 2025-07-31" in err  # the ended month's facts kept
    assert "2025-08 to 2025-12 are not over at the instant, so it has no duty score yet" in err
    assert "owes no month of it" not in err


def test_explain_after_the_year_still_owes_no_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A point removed on 2025-08-05 (interval 07-26 … 08-04: July 4, August 2 working days)
    asked at the year's instant owes no month: the old words, no running month."""

    def short(d: dict[str, Any]) -> None:
        for p in d["points"]:
            if p["id"] == "A3":
                p["designated_until"] = "2025-08-04"
        d["roster_changes"].append(
            {
                "id": "RC-A3x",
                "point": "A3",
                "action": "remove",
                "reason": "other",
                "effective": "2025-08-05",
                "by": "county",
                "county": "379902",
                "note": None,
            }
        )
        d["filings"].append({"id": "F-A3x", "county": "379902", "filed_on": "2025-07-30", "changes": ["RC-A3x"]})

    world = _world(tmp_path, short)
    code, _, err = run_cli(capsys, "explain", world, "--year", "2025", "--point", "A3")
    assert code == 1
    assert "但无应履职月份" in err and "不参加当年履职考评" in err and "尚未结束" not in err, err
    code, _, err = run_cli(capsys, "explain", world, "--year", "2025", "--point", "A3", "--as-of", MID)
    assert "2025-08 到数据截至时尚未结束，故无履职得分、尚未考评" in err and "无应履职月份" not in err, err


def _nominated_and_removed(d: dict[str, Any]) -> None:
    """A3 nominated by 甲区; A2 designated 07-26 (as A3: July not owed) and removed for 不合格
    effective 08-10 (filed 08-05), so that August (6 working days) is its running month."""
    d["nominations"] = [{"id": "N1", "year": 2025, "county": "379902", "point": "A3", "note": None}]
    for p in d["points"]:
        if p["id"] == "A2":
            p["designated_from"], p["designated_until"] = "2025-07-26", "2025-08-09"
    for rc in d["roster_changes"]:
        if rc["id"] == "RC-A2":
            rc["effective"] = "2025-07-26"
    d["contacts"] = [c for c in d["contacts"] if not (c["point"] == "A2" and c["date"] < "2025-07-26")]
    d["roster_changes"].append(
        {
            "id": "RC-A2r",
            "point": "A2",
            "action": "remove",
            "reason": "unqualified",
            "effective": "2025-08-10",
            "by": "county",
            "county": "379902",
            "note": None,
        }
    )
    d["filings"].append({"id": "F-A2r", "county": "379902", "filed_on": "2025-08-05", "changes": ["RC-A2r"]})


def test_year_end_nominee_and_removal_not_yet_assessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A3 nominated, asked on 08-15: not 2025年无应履职月份 but August running. A point removed
    for 不合格 effective 08-10 whose August is running: likewise, no band to check yet."""

    world = _world(tmp_path, _nominated_and_removed)
    code, out, _ = run_cli(capsys, "yearend", world, "--year", "2025", "--as-of", MID, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    nominee = doc["commendation"]["counties"][0]["nominees"][0]
    assert nominee["reason"].endswith(
        "；已结束的在册月份均不应履职，2025-08 至 2025-12 到数据截至时尚未结束，尚未考评"
    ), nominee
    (removal,) = [r for r in doc["unqualified_removals"] if r["change"] == "RC-A2r"]
    assert removal["explanation"] == (
        "RC-A2r：以“考评不合格”撤销监测点 A2（2025-08-10起）；已结束的在册月份均不应履职，"
        "2025-08 到数据截至时尚未结束，尚未考评，无考评等次可核对"
    )
    assert not removal["flagged"]
