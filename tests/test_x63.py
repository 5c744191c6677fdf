"""Attacker x63: findings of a hostile tester (each test fails before its fix)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from softenv_core.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_01_lone_surrogate_problem_is_said_in_chinese_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/cli.md: under --lang zh (the default) a problem's message is in Chinese, the $.path
    unchanged. A lone surrogate in a record's text was refused in English alone."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["points"][0]["enterprise"]["name"] = "测试\udfff企业1有限公司"
    src = tmp_path / "d.json"
    src.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    assert main(["validate", str(src)]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if ".enterprise.name" in x)
    message = line.split(".enterprise.name:", 1)[1]
    assert "holds a lone surrogate" not in message, line
    assert _CJK.search(message), line
