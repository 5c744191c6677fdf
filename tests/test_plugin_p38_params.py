"""A county's parameters.json fault names where and which (plugin author p38): the entry's
position in the file and the parameter's name, ``$.parameters[3] (county.379903.cap).values[0]
.effective_from: …``, as a dataset's problem names its record. The position alone sent the
author counting entries in the file; the name alone did not say which of two entries."""

from __future__ import annotations

import json
from typing import Any

import pytest

from softenv_core import InputError, PluginError
from softenv_core.engine.parameters import county_parameters, parse_parameters

NS = "county.379903"


def _entry(name: str, **changes: Any) -> dict[str, Any]:
    entry = {
        "name": name,
        "reference": "湖滨区〔2025〕1号",
        "description": "d",
        "unit": "points",
        "values": [{"effective_from": "2025-01-01", "value": 1}],
    }
    return entry | changes


def _file(*entries: dict[str, Any]) -> str:
    text = json.dumps({"schema": "softenv.parameters", "version": 1, "parameters": list(entries)})
    return text.replace("Infinity", "1e999")  # as a file holds it: JSON has no Infinity


def _problems(*entries: dict[str, Any]) -> tuple[str, ...]:
    with pytest.raises(InputError) as exc:
        parse_parameters(_file(_entry(f"{NS}.a"), _entry(f"{NS}.b"), *entries), "lakeside/parameters.json")
    return exc.value.problems


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        (
            _entry(f"{NS}.cap", values=[{"effective_from": "2025-13-01", "value": 5}]),
            f"$.parameters[2] ({NS}.cap).values[0].effective_from: no such day '2025-13-01'",
        ),
        (_entry(f"{NS}.cap", reference=""), f"$.parameters[2] ({NS}.cap).reference: must be a non-blank string"),
        (
            _entry(f"{NS}.cap", values=[{"effective_from": "2025-01-01", "value": 1e999}]),
            f"$.parameters[2] ({NS}.cap).values[0].value: inf is not a finite number",
        ),
        (_entry(f"{NS}.cap", values=[]), f"$.parameters[2] ({NS}.cap).values: parameter '{NS}.cap' has no values"),
    ],
    ids=["day", "reference", "infinite", "no values"],
)
def test_a_fault_at_import_names_the_entry_and_the_parameter(entry: dict[str, Any], said: str) -> None:
    problems = _problems(entry)
    assert len(problems) == 1 and problems[0].startswith(said), problems


def test_the_structured_problem_keeps_the_path_and_gives_the_name_apart() -> None:
    with pytest.raises(InputError) as exc:
        parse_parameters(_file(_entry(f"{NS}.cap", reference="")))
    (detail,) = exc.value.details
    assert (detail.path, detail.record_id) == ("$.parameters[0].reference", f"{NS}.cap")


def test_an_entry_without_a_name_is_named_by_its_place_alone() -> None:
    entry = _entry("x")
    del entry["name"]
    assert _problems(entry) == ("$.parameters[2].name: required field missing",)


def test_namespace_and_twice_name_the_entries_too() -> None:
    params = parse_parameters(_file(_entry(f"{NS}.a"), _entry("extra.cap"), _entry(f"{NS}.a")))
    with pytest.raises(PluginError) as exc:
        county_parameters(params, NS, "lakeside/parameters.json")
    said = str(exc.value)
    assert f"'{NS}.a' is defined twice ($.parameters[0], $.parameters[2])" in said
    assert "$.parameters[1]: 'extra.cap' is outside the county's namespace" in said
    assert "lakeside/parameters.json" in said


def test_a_due_day_names_the_value_at_fault() -> None:
    entry = _entry(
        f"{NS}.report.due_day",
        values=[{"effective_from": "2025-01-01", "value": 3}, {"effective_from": "2026-01-01", "value": 3.5}],
    )
    with pytest.raises(PluginError) as exc:
        county_parameters(parse_parameters(_file(_entry(f"{NS}.a"), entry)), NS, "lakeside/parameters.json")
    assert f"$.parameters[1].values[1]: '{NS}.report.due_day' = 3.5 from 2026-01-01" in str(exc.value)
