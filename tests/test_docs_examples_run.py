"""The documentation's Python runs as written, from the repository's root, and prints what its
comments say: docs/complaints.md's blocks (integrator i37: the ``complaint_status`` example used
names it never defined and did not say which calendar it needs), and docs/integration.md's "Every
result as JSON" after its first block (which loads the platform's own ``export.json``: here the
example dataset), which used ``complaint``, ``at``, ``pm`` and ``statuses`` undefined (i38)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "complaints.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
INTEGRATION = ROOT / "docs" / "integration.md"


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_python_block_runs_and_prints_what_its_comments_say(block: str) -> None:
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block, str(PAGE), "exec"), {"__name__": "docs_complaints"})
    finally:
        os.chdir(cwd)
    said = [m.group(1).strip() for m in re.finditer(r"^\s*print\(.*\)\s+#\s*(.+)$", block, re.MULTILINE)]
    assert out.getvalue().splitlines() == said


def test_the_page_has_its_example() -> None:
    assert any("complaint_status(" in block for block in BLOCKS)


def test_integrations_every_result_as_json_runs_after_its_first_block() -> None:
    import softenv_core as se

    blocks = re.findall(r"^```python\n(.*?)^```$", INTEGRATION.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    (block,) = [b for b in blocks if "se.to_json(status)" in b]
    dataset = se.load_dataset(ROOT / "examples" / "small-dataset.json")  # the first block's export.json
    names = {"__name__": "docs_integration", "se": se, "Path": Path, "dataset": dataset}
    exec(compile(block, str(INTEGRATION), "exec"), names)
    assert names["rates"] and names["status"].complaint == names["complaint"].id
