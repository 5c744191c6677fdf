"""Newcomer n02 (a city IT developer deciding whether to adopt, following README.md literally):
the README's test-time figure, `softenv plugins`' rule ids, `--lang en`'s summary, docs/index.md's
CLI row and docs/architecture.md's tree of rules/city/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core.cli.main import build_parser, main

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"


def _counts(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"(\d,\d{3}) tests", text)]


def test_01_readme_test_time_figure_is_the_current_suite() -> None:
    """README's Development section quotes 4,950 tests in 56.3 s as its newest figure, while
    performance-log's run-by-run paragraph already records 5,987 tests in 110.5 s (a fresh clone
    here: 5,987 passed in 255.7 s). The README's newest count must be the log's newest."""
    dev = README.split("## Development", 1)[1]
    log = (DOCS / "performance-log.md").read_text(encoding="utf-8")
    run_by_run = log.split("## The fast suite, run by run", 1)[1].split("\n## ", 1)[0]
    assert _counts(dev)[-1] == _counts(run_by_run)[-1]


def test_02_plugins_rule_ids_are_what_cli_md_says(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/cli.md: `softenv plugins` gave the "rule ids of each loaded plugin"; qingshan answers
    softenv_report_deadline with rule qingshan.report.deadline (and the city with
    city.report.deadline), yet neither id is listed. Fixed in the doc (fix helper fn02): it says
    which ids are listed (point rules and 十佳 conditions) and where the deadline rule is seen."""
    import json

    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    row = next(ln for ln in cli.splitlines() if "`softenv plugins [--year" in ln)
    assert "not a deadline rule" in row and "`softenv deadline --county CODE --month YYYY-MM`" in row
    assert "`city.nominate.*`" in row
    assert main(["plugins", "--format", "json"]) == 0
    rows = {p["name"]: p for p in json.loads(capsys.readouterr().out)["plugins"]}
    assert "qingshan.extra.symposium" in rows["qingshan"]["rules"]
    assert "city.topten.on_time" in rows["city"]["rules"]
    assert not any(r.endswith(".report.deadline") or ".nominate." in r for p in rows.values() for r in p["rules"])
    assert main(["deadline", "--county", "379921", "--month", "2025-03"]) == 0
    assert "qingshan.report.deadline" in capsys.readouterr().out


def test_03_quickstart_says_what_lang_en_keeps_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/quickstart.md: "Add `--lang en` for English output"; the summary's waiver column is
    English (`late 2 working day(s)`), but its "why not" column keeps `2025-09 迟报1个工作日（10-10）`
    (reasons are Chinese text: docs/assessment-format.md). Fixed in the doc (fix helper fn02): the
    quickstart says the rules' reasons stay in Chinese, quoting the demo's own. Since fe2 the
    library's reasons are said in English (`2025-09 late 1 working day(s) (10-10)`), and the
    quickstart quotes that, saying what stays in Chinese."""
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("379911"))
    assert "monthly reports on time" in line
    reason = line.rsplit(": ", 1)[1].strip()
    quick = " ".join((DOCS / "quickstart.md").read_text(encoding="utf-8").split())
    assert f"`{reason}`" in quick and "stay in Chinese" in quick


def test_04_index_cli_row_names_every_command() -> None:
    """docs/index.md's CLI row lists `softenv demo / validate / assess / explain / deadline /
    plugins`: nine of the fifteen commands (init, import, export, report, yearend, plugin,
    schema, serve, keys) are missing, among them the office's whole month."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    row = next(ln for ln in (DOCS / "index.md").read_text(encoding="utf-8").splitlines() if "(cli.md)" in ln)
    missing = [c for c in sub.choices if not re.search(rf"\b{c}\b", row)]
    assert missing == []


def test_05_architecture_tree_names_every_module_of_rules_city() -> None:
    """docs/architecture.md's layer tree lists rules/city/'s modules (baseline, duty, compliance,
    topten, commendation, owed_months, uncounted, sources) but not removal.py."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("```", 2)[1]
    city = tree.split("city/", 1)[1].split("analyses/", 1)[0]
    modules = sorted(p.name for p in (ROOT / "src/softenv_core/rules/city").glob("*.py") if p.name != "__init__.py")
    assert [m for m in modules if m not in city] == []
