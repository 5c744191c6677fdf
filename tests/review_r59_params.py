"""Reviewer r59's way of changing a city number: a new dated value in the city's parameter file
(docs/architecture.md "Where to change what"), given to the analyses as ``params=`` — the
baseline's set merged with the changed files (``baseline_parameters().merged(parse_parameters(…))``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources

from softenv_core import ParameterSet, baseline_parameters, parse_parameters

REFERENCE = "市软建办〔2025〕12号"


def changed(values: Mapping[str, object], day: str = "2026-01-01", reference: str = REFERENCE) -> ParameterSet:
    """The city baseline with each of ``values`` given a new value from ``day`` citing ``reference``."""
    folder = resources.files("softenv_core.rules.city") / "parameters"
    merged, seen = baseline_parameters(), set()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        doc = json.loads(entry.read_text("utf-8"))
        for p in doc["parameters"]:
            if p["name"] in values:
                p["values"].append({"effective_from": day, "value": values[p["name"]], "reference": reference})
                seen.add(p["name"])
        merged = merged.merged(parse_parameters(json.dumps(doc, ensure_ascii=False), entry.name))
    assert seen == set(values), set(values) - seen
    return merged
