"""The CLI's own Chinese around the problems it lists is written with full-width punctuation
(，；：（）), as the reports are: `有效（180 个监测点，9 个县区）`, `输入中有 1 个问题：`,
`提示：`. The problems themselves (ids, `$.path`, record text) are quoted as they come."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from softenv_core import build_demo, dataset_json

from .office_cli import run


@pytest.fixture(scope="module")
def demo_doc() -> dict:  # type: ignore[type-arg]
    return json.loads(dataset_json(build_demo()))


def test_validate_says_valid_in_full_width(tmp_path: Path, demo_doc, capsys) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "d.json"
    good.write_text(json.dumps(demo_doc, ensure_ascii=False), encoding="utf-8")
    code, out, _err = run(capsys, "validate", good, "--lang", "zh")
    assert code == 0
    n, c = len(demo_doc["points"]), len(demo_doc["counties"])
    assert f"有效（{n} 个监测点，{c} 个县区）" in out
    assert not re.search(r"有效\(|个监测点, ", out)


def test_a_bad_input_is_headed_in_full_width(tmp_path: Path, demo_doc, capsys) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(json.dumps(demo_doc))
    doc["points"][0]["enterprise"]["uscc"] = "123"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(capsys, "assess", bad, "--year", "2025", "--lang", "zh")
    assert code == 1
    assert "输入中有 1 个问题：\n" in err
    assert f"$.points[0] ({doc['points'][0]['id']}).enterprise.uscc" in err  # the path as it comes
