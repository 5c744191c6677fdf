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


# `analyses/adjustment.py` (`propose_adjustments`, `check_filings`, `apply_changes`): every
# name in the parentheses, up to a second path inside them (which starts another pair)
_GROUP = re.compile(r"`((?:\w+/)+\w+\.py)`\s+\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


def test_each_name_in_parentheses_after_a_file_is_defined_there():
    """The clause table lists several names per module: a renamed or moved one fails here."""
    missing = []
    for doc in DOCS:
        text = (ROOT / "docs" / doc).read_text("utf-8")
        for file, inner in _GROUP.findall(text):
            source = (SRC / file).read_text("utf-8")
            for span in re.findall(r"`([^`]+)`", inner.split(".py`")[0]):
                name = re.fullmatch(r"([A-Za-z_]\w*)(?:\(\))?(?:\.(\w+))?", span)
                if name is None:
                    continue
                head, attr = name.groups()
                fields = re.search(rf"^\s+{head}\s*[:=]", source, re.M)
                if not (_defined(SRC / file, head) or fields) or (attr and not re.search(rf"\b{attr}\b", source)):
                    missing.append(f"{doc}: {file} {span}")
    assert missing == []


def _subcommands(parser, path=()):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, (*path, name))
            return
    yield " ".join(path), parser


def test_every_option_of_every_command_is_in_docs_cli():
    """`softenv serve --body-timeout`, `keys add --note` and `init --force` were once missing
    from docs/cli.md; each option of each command's parser is named in the command's row there,
    or in the page's prose (the options every command shares, `--audience`)."""
    from softenv_core.cli.main import build_parser

    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `softenv ")]
    shared = "\n".join(line for line in text.splitlines() if line not in rows)  # the page's prose
    missing = []
    for name, parser in _subcommands(build_parser()):
        row = " ".join(r for r in rows if f"`softenv {name} " in r or f"`softenv {name}`" in r)
        assert row, f"docs/cli.md has no row for softenv {name}"
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in row and option not in shared:
                    missing.append(f"softenv {name} {option}")
    assert missing == []
