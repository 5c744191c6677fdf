"""Every type a public function of ``softenv_core`` returns goes through ``to_json`` and comes
back equal from ``from_json``, or is refused with a clear error saying why it is no result
(integrator i38: ``report_deadline`` gives ``MonthState.NOT_OWED`` for a month the county did not
exist in, which ``to_json`` refused as "expected a result of softenv_core … got MonthState").

The types are read from the public functions' annotations, so a new public function whose result
cannot be written fails here."""

from __future__ import annotations

import enum
import inspect
import json
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se
from softenv_core.io.result_schemas import schema_of

from .test_integrator_i37 import _world

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
PARAMETERS = Path(se.__file__).parent / "rules" / "city" / "parameters" / "report.json"
#: What a public function returns that is no result: each refused, saying why.
REFUSED = {"Dataset": "a dataset is no result", "SoftenvPluginManager": "is no result", "DatedLimits": "is no result"}


def _classes(hint: Any) -> set[type]:
    """The classes of softenv_core a return annotation names (through unions and tuples)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) in (typing.Union, tuple):
        return {c for arg in typing.get_args(hint) for c in _classes(arg)}
    if isinstance(hint, type) and hint.__module__.startswith("softenv_core."):
        return {hint}
    return set()


def _public_result_types() -> set[type]:
    found: set[type] = set()
    for name in se.__all__:
        obj = getattr(se, name)
        if inspect.isfunction(obj):
            found |= _classes(typing.get_type_hints(obj).get("return"))
    return found


def _instances() -> dict[str, list[Any]]:
    """One or more results of each public result type."""
    w = _world()
    ds = se.load_dataset(EXAMPLE)
    county = ds.counties[0].code
    calendar = {
        "schema": "softenv.calendar",
        "arrangements": [{"year": 2027, "reference": "测试", "holidays": ["2027-01-01"], "workdays": []}],
    }
    limits = se.sla_for(se.city_plugin_manager(), ds, ds.complaints[0], se.WorkCalendar(), se.baseline_parameters())
    return {
        "Assessment": [w["assessment"]],
        "MonitoringReport": [w["report"]],
        "YearEnd": [w["yearend"]],
        "RoundResult": [w["round"]],
        "Representativeness": [w["representativeness"]],
        "CommendationResult": [w["commendation"]],
        "Deadline": [w["deadline"], se.report_deadline(ds, county, "2025-03")],
        "MonthState": [
            se.report_deadline(ds, county, "2021-06"),  # NOT_IN_FORCE: before the baseline
            *list(se.MonthState),
        ],
        "ComplaintStatus": [w["status"]],
        "UnitRates": list(w["rates"]),
        "Proposal": list(w["proposals"]),
        "FilingCheck": list(w["filings"]),
        "TopicCandidate": list(w["topics"]),
        "PointContact": list(w["contacts"]),
        "ComplaintSla": [se.baseline_sla(ds.complaints[0].kind, se.baseline_parameters(), on=date(2025, 1, 1))],
        "SizeClassification": [se.classify_size("C", 300, 5000.0, 3000.0)],
        "Parameter": list(se.parse_parameters(PARAMETERS.read_bytes())),
        "YearArrangement": list(se.load_arrangements(json.dumps(calendar))),
        "DatedLimits": [limits],
        "SoftenvPluginManager": [se.city_plugin_manager()],
        "Dataset": [ds],
    }


def test_every_public_result_type_is_covered_here() -> None:
    assert {c.__name__ for c in _public_result_types()} == set(_instances())


def test_every_public_result_reads_back_equal_or_is_refused_saying_why() -> None:
    for name, results in _instances().items():
        assert results, name
        for result in results:
            if name in REFUSED:
                with pytest.raises(se.FieldInvalid, match=REFUSED[name]):
                    se.to_json(result)
                continue
            text = se.to_json(result)
            back = se.from_json(text, type(result))
            assert back == result and type(back) is type(result), name
            assert se.to_json(back) == text, name
            assert se.from_json(se.to_json((result,)), tuple[type(result), ...]) == (result,)  # type: ignore[misc]


@pytest.mark.parametrize("month", ["2021-06", "2025-03"])
def test_report_deadline_s_answer_reads_back_as_the_union_it_is(month: str) -> None:
    ds = se.load_dataset(EXAMPLE)
    answer = se.report_deadline(ds, ds.counties[0].code, month)
    text = se.to_json(answer)
    back = se.from_json(text, se.Deadline | se.MonthState)
    assert back == answer and type(back) is type(answer)
    doc = json.loads(text)
    if isinstance(answer, se.MonthState):
        assert doc == {"schema": "softenv.month_state", "version": 1, "result": "not_in_force"}


def test_a_document_of_neither_kind_names_both() -> None:
    text = json.dumps({"schema": "softenv.assessment", "version": 1, "result": "x"})
    with pytest.raises(se.InputError) as info:
        se.from_json(text, se.Deadline | se.MonthState)
    (detail,) = info.value.details
    assert detail.text == "$.schema: expected 'softenv.deadline' or 'softenv.month_state', got 'softenv.assessment'"
    assert detail.zh is not None and "softenv.deadline 或 softenv.month_state" in detail.zh


def test_a_state_of_another_library_is_still_no_result() -> None:
    class Colour(enum.Enum):
        RED = "red"

    with pytest.raises(se.FieldInvalid, match="expected a result of softenv_core"):
        schema_of(Colour)


# --- finding 4 of i37: every result document has its JSON Schema in `softenv schema` -------------


def test_every_public_result_document_has_a_schema_the_command_offers() -> None:
    from softenv_core.cli.schema_documents import result_classes

    offered = {cls.__name__ for cls in result_classes().values()}
    assert offered == set(_instances()) - set(REFUSED)


def test_each_result_written_validates_against_its_schema() -> None:
    from jsonschema import Draft202012Validator

    from softenv_core.cli.schema_documents import result_classes, schema_document

    instances = _instances()
    for name, cls in result_classes().items():
        schema = json.loads(schema_document(name))
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for result in instances[cls.__name__]:
            doc = json.loads(se.to_json(result))
            assert not [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)], name
            assert doc["schema"] == schema["properties"]["schema"]["const"]
        wrong = json.loads(se.to_json(instances[cls.__name__][0]))
        wrong["version"] = 2  # another version is another schema
        assert list(validator.iter_errors(wrong)), name
