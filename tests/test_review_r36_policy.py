"""Review r36: the city's own names and numbers come from its records and parameters, not from
literals where they are applied (OpenFisca's way: a number is a dated parameter with its reference)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import attrs

from softenv_core import baseline_parameters
from softenv_core.analyses.research_topics import topic_progress
from softenv_core.engine.ruletypes import Band
from softenv_core.model.roster import ResearchTopic
from softenv_core.testing.builders import small_dataset


def test_a_city_topic_is_run_by_the_liaison_office_the_city_names() -> None:
    ds = small_dataset(2025)
    city = attrs.evolve(ds.city, liaison_office="临江市工业和信息化局")
    topic = ResearchTopic("T-1", "融资难专项调研", opened=date(2025, 3, 1))  # owner "city" by default
    ds = attrs.evolve(ds, city=city, research_topics=(topic,))
    (progress,) = topic_progress(ds, date(2025, 12, 31))
    assert progress.owner == "city"
    assert progress.owner_name == "临江市工业和信息化局"  # it was 市经贸委 whatever the city wrote


# --- no policy number written into analyses/ or render/ --------------------------------------

SRC = Path(__file__).resolve().parent.parent / "src" / "softenv_core"
#: Literals that equal a baseline parameter's value by coincidence, each with what it is.
COINCIDENCES = {
    ("analyses/appraisal_scores.py", 100): "a score as a percentage",
    ("analyses/complaint_handling.py", 100): "a rate as a percentage",
    ("analyses/disclosure.py", 6): "MIN_BARE_POINT: the characters a bare point id keeps",
    # The county names a refusal of a name offers (moved from cli/ so the service shares them).
    ("analyses/county_names.py", 0.5): "difflib's cutoff for a county name close to the one typed",
}


def _policy_values() -> set[float]:
    """Every number a baseline parameter holds, bar the small ones any code counts with."""
    found: set[float] = set()

    def add(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            found.add(float(value))
        elif isinstance(value, dict):
            for v in value.values():
                add(v)

    for p in baseline_parameters().parameters:
        for v in p.values:
            add(v.value)
    return found - {0.0, 1.0, 2.0, 3.0}


def _literals(path: Path, compared_only: bool) -> set[float]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)] if compared_only else [tree]
    return {
        float(c.value)
        for node in nodes
        for c in ast.walk(node)
        if isinstance(c, ast.Constant) and isinstance(c.value, int | float) and not isinstance(c.value, bool)
    }


def test_no_baseline_number_is_written_into_analyses_or_render() -> None:
    """A city's number lives in rules/city/parameters/ (dated, with its reference), never as a
    literal where it is applied: analyses/ are scanned whole, render/ in its comparisons (its
    other numbers are page layout: widths, margins, font sizes)."""
    values = _policy_values()
    assert {85.0, 60.0, 5.0, 10.0, 30.0} <= values  # the bands, the deadline, the caps, the points
    found = []
    for layer, compared_only in (("analyses", False), ("render", True)):
        for path in sorted((SRC / layer).glob("*.py")):
            rel = f"{layer}/{path.name}"
            for n in sorted(_literals(path, compared_only) & values):
                if (rel, int(n) if n.is_integer() else n) not in COINCIDENCES:
                    found.append(f"{rel}: {n:g}")
    assert not found, f"a baseline parameter's value written as a literal (move it to a parameter): {found}"


def _band_comparisons(path: Path) -> list[str]:
    """A comparison with a band (考评等次) by its value ("fail") or its member (Band.FAIL)."""
    values = {b.value for b in Band}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        for c in ast.walk(node):
            if isinstance(c, ast.Constant) and c.value in values:
                found.append(f"{c.value!r} (line {c.lineno})")
            elif isinstance(c, ast.Attribute) and isinstance(c.value, ast.Name) and c.value.id == "Band":
                found.append(f"Band.{c.attr} (line {c.lineno})")
    return found


def test_no_band_is_compared_by_name_in_analyses_or_render() -> None:
    """Which band a policy applies to (the nominee's, the one proposing removal) is a parameter
    (``commendation.nominee_band``, ``roster.removal_band``), read in rules/city/: review r37
    found ``p.band == "fail"`` deciding the removal proposals in analyses/adjustment.py, which
    the numbers' scan above could not see."""
    found = [
        f"{layer}/{path.name}: {hit}"
        for layer in ("analyses", "render")
        for path in sorted((SRC / layer).glob("*.py"))
        for hit in _band_comparisons(path)
    ]
    assert not found, f"a band compared by name (make it a parameter read in rules/city/): {found}"


def test_the_coincidences_are_still_there() -> None:
    """An entry whose literal is gone is dropped from COINCIDENCES, so the list stays short."""
    for rel, value in COINCIDENCES:
        assert float(value) in _literals(SRC / rel, rel.startswith("render/")), f"{rel} no longer holds {value}"
