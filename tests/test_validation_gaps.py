"""Records the loader used to accept though the programme cannot hold them (platform round 3,
finding 10): each is refused with its path, in both languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from softenv_core import InputError, loads_dataset
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dump_dataset

from .demo_city import demo

DOC = dump_dataset(demo())


def _refused(edit) -> list[str]:
    doc: dict[str, Any] = json.loads(json.dumps(DOC))
    edit(doc)
    with pytest.raises(InputError) as refused:
        loads_dataset(doc)
    return list(refused.value.problems)


def _one(problems: list[str], path: str) -> str:
    found = [p for p in problems if p.startswith(path)]
    assert found, problems
    assert problem_text(found[0], "zh") != found[0]  # said in Chinese too
    return found[0]


def test_a_topics_department_is_a_known_department():
    problems = _refused(lambda d: d["research_topics"][0].update(department="city-nope"))
    assert "unknown department 'city-nope'" in _one(problems, "$.research_topics[0]")


def test_a_topics_category_is_an_item_category():
    problems = _refused(lambda d: d["research_topics"][0].update(category="bogus"))
    assert "got 'bogus'" in _one(problems, "$.research_topics[0]")


@pytest.mark.parametrize("year", [-1, 10**19, 1899, 3000])
def test_a_nominations_year_is_one_the_library_holds(year):
    problems = _refused(lambda d: d["nominations"][0].update(year=year))
    assert "expected a year 1900-2999" in _one(problems, "$.nominations[0]")


def test_a_second_waiver_on_one_month_loads():
    """Review t3/03: a county office's waiver (ignored with a notice) and the city's own for the
    same month are both data; refusing the second as a duplicate made the dataset unloadable."""
    doc: dict[str, Any] = json.loads(json.dumps(DOC))
    doc["waivers"].append({**doc["waivers"][0], "id": "W-again", "decided_by": "某区经贸委"})
    assert len(loads_dataset(doc).waivers) == len(DOC["waivers"]) + 1


def test_a_filing_lists_at_least_one_change():
    problems = _refused(lambda d: d["filings"][0].update(changes=[]))
    assert "at least one roster change" in _one(problems, "$.filings[0]")


def test_extension_days_only_on_an_extended_event():
    problems = _refused(lambda d: d["complaints"][0]["events"][0].update(extension_days=-1))
    assert "only on an extended event" in _one(problems, "$.complaints[0]")
