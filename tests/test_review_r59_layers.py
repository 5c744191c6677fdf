"""Reviewer r59 06: DESIGN.md's layer picture (shared, not this repository's to edit) no longer
matches the import-linter contract or the tree; docs/architecture.md, which does, says where the
two differ, so that a maintainer reading both is not left to guess which holds."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_architecture_says_where_design_s_layer_picture_differs() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    assert 'DESIGN.md\'s "Architecture"' in text
    assert "`cli` > `service : testing` > `render : demo`" in text
    assert "`model/indexes.py`" in text and "the folder `demo/`" in text


def test_the_split_it_names_is_the_contract_s() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c.get("type") == "layers")
    names = [line.replace("softenv_core.", "").replace(" ", "") for line in layers]
    for split in (["cli", "service:testing", "render:demo"], ["io", "workdays", "model"]):
        at = names.index(split[0])
        assert names[at : at + len(split)] == split, names
