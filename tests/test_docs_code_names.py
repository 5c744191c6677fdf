"""The docs a new maintainer reads name functions the code has (t11 01): every "`path.py`
`name`" pair in docs/architecture.md and docs/monitoring.md names something defined in that
file, and every parameter ``reference`` form the docs quote occurs in a parameter file."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "softenv_core"
DOCS = ("architecture.md", "monitoring.md")
# `io/json_text.py` `parse_json`, or `analyses/assessment.py` (`_assess_point`, …)
_PAIR = re.compile(r"`((?:[\w]+/)+\w+\.py)`\s+\(?`(\w+)`")


def _defined(path: Path, name: str) -> bool:
    text = path.read_text("utf-8")
    return (
        re.search(rf"^\s*(?:def|class|async def)\s+{name}\b|^{name}\s*[:=]|\bimport .*\b{name}\b", text, re.M)
        is not None
    )


def test_each_file_and_function_pair_the_docs_name_exists():
    missing = []
    for doc in DOCS:
        text = (ROOT / "docs" / doc).read_text("utf-8")
        for file, name in _PAIR.findall(text):
            path = SRC / file
            if not path.exists() or not _defined(path, name):
                missing.append(f"{doc}: {file} {name}")
    assert missing == []


def test_the_names_the_docs_once_gave_wrongly_are_gone():
    arch = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    mon = (ROOT / "docs" / "monitoring.md").read_text("utf-8")
    assert "_nomination_conditions" not in arch and "calls `_month_status`" not in arch
    assert "(`_month_status`)" not in arch and "mean of the twelve month scores" not in arch
    assert "`io/converter.py` `parse_json`" not in arch
    assert "`_county_report_rows`" not in mon


def test_the_reference_forms_the_docs_quote_occur_in_the_parameters():
    arch = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    params = "".join(p.read_text("utf-8") for p in (SRC / "rules" / "city" / "parameters").glob("*.json"))
    start = arch.index("Each parameter's `reference`")
    quoted = re.findall(r"`([^`]+)`", arch[start : arch.index("\n\n", start)])
    forms = [q.removesuffix("…").strip() for q in quoted if q != "reference" and not q.startswith("rules/")]
    assert forms and all(f'"reference": "{f}' in params for f in forms), forms
