"""A result read back with ``from_json`` holds a year the library works in (integrator i44 1):
an assessment or year end whose ``year`` was 0 or 3000 was accepted, though no analysis makes
one and every Month, date and nomination of a dataset is bounded to 1900-2999."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.testing import small_dataset


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    dataset = small_dataset()
    return {
        "assessment": se.assess(dataset, 2025, audience=se.CITY_OFFICE),
        "year_end": se.year_end(dataset, 2025, audience=se.CITY_OFFICE),
    }


@pytest.mark.parametrize("kind", ["assessment", "year_end"])
@pytest.mark.parametrize("year", [0, 1899, 3000, 10**19])
def test_a_result_with_a_year_outside_the_librarys_is_refused_naming_the_year(
    results: dict[str, Any], kind: str, year: Any
) -> None:
    result = results[kind]
    doc = json.loads(result.to_json())
    doc["year"] = year
    with pytest.raises(se.InputError) as caught:
        type(result).from_json(json.dumps(doc))
    assert "$.year" in str(caught.value) and "1900-2999" in str(caught.value)


@pytest.mark.parametrize("kind", ["assessment", "year_end"])
@pytest.mark.parametrize("year", [-1, "2025", True, 2025.0])
def test_a_result_whose_year_is_no_whole_number_is_refused_naming_the_year(
    results: dict[str, Any], kind: str, year: Any
) -> None:
    result = results[kind]
    doc = json.loads(result.to_json())
    doc["year"] = year
    with pytest.raises(se.InputError, match=r"\$\.year: "):
        type(result).from_json(json.dumps(doc))


@pytest.mark.parametrize("kind", ["assessment", "year_end"])
def test_a_result_read_back_keeps_its_year(results: dict[str, Any], kind: str) -> None:
    result = results[kind]
    assert type(result).from_json(result.to_json()) == result


def test_the_dataset_schema_still_bounds_a_nominations_year() -> None:
    nomination = se.dataset_schema()["$defs"]["Nomination"]["properties"]["year"]
    assert (nomination["minimum"], nomination["maximum"]) == (1900, 2999)


@pytest.mark.parametrize("kind", ["assessment", "yearend"])
def test_the_result_schemas_bound_the_year_as_from_json_does(kind: str) -> None:
    # The published copies (tests/test_schema.py checks each is the generated schema).
    path = Path(__file__).resolve().parent.parent / "docs" / "schemas" / f"{kind}.schema.json"
    year = json.loads(path.read_text(encoding="utf-8"))["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (1900, 2999)
