"""The published JSON Schemas: valid draft 2020-12, up to date in docs/schemas/, and never
stricter than the loader (whatever loads validates); what they cannot say, they say so."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from jsonschema import Draft7Validator, Draft202012Validator

from softenv_core import CITY_OFFICE, assess, dump_dataset, loads_dataset
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.year_end import year_end
from softenv_core.cli.commands import schema_document
from softenv_core.cli.main import build_parser, main
from softenv_core.errors import InputError
from softenv_core.io.calendar_files import load_arrangements
from softenv_core.io.schema import document_schema, draft7, schema_for, schema_text
from softenv_core.model.dataset import SCHEMA_VERSION
from softenv_core.model.periods import Month
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.strategies import datasets

from . import demo_city
from .demo_city import demo_json
from .weights import HEAVY

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "schemas"
# --force: the committed file is there, and an existing --out is kept without it (reviewer r54 03).
REGENERATE = "regenerate with: uv run softenv schema {name} --out docs/schemas/{name}.schema.json --force"
CITY_ONLY = get_plugin_manager(autoload=False)  # built once: loading entry points per example costs more than the test
NAMES = ("dataset", "calendar", "assessment", "report", "yearend", "appraisal", "representativeness")
# The part documents (softenv.<snake>, fields under result: integrator i37 found they had no schema).
NAMES += ("commendation_result", "complaint_sla", "complaint_status", "deadline", "filing_check", "month_state")
NAMES += ("parameter", "point_contact", "proposal", "size_classification", "topic_candidate", "unit_rates")
NAMES += ("year_arrangement",)


# Formats asserted too: a validator in another language may assert them by default.
VALIDATORS = {
    name: Draft202012Validator(json.loads(schema_document(name)), format_checker=Draft202012Validator.FORMAT_CHECKER)
    for name in NAMES
}


def _errors(name: str, doc: object) -> list[str]:
    return sorted(f"{e.json_path}: {e.message}" for e in VALIDATORS[name].iter_errors(doc))


def _example() -> dict:
    return json.loads((ROOT / "examples" / "small-dataset.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_the_cli_offers_every_document(name):
    assert build_parser().parse_args(["schema", name]).document == name


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_draft_2020_12_schema(name):
    schema = json.loads(schema_document(name))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", NAMES)
def test_the_copy_in_docs_schemas_is_the_generated_schema(name):
    path = COMMITTED / f"{name}.schema.json"
    assert path.exists(), REGENERATE.format(name=name)
    assert path.read_text(encoding="utf-8") == schema_document(name), REGENERATE.format(name=name)


def test_no_stray_file_in_docs_schemas():
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(f"{n}.schema.json" for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_draft_7_rendering_is_a_draft_7_schema_that_judges_alike(name):
    schema = draft7(json.loads(schema_document(name)))
    assert "$defs" not in json.dumps(schema)
    Draft7Validator.check_schema(schema)
    if name == "dataset":
        doc = _example()
        assert not list(Draft7Validator(schema).iter_errors(doc))
        doc["points"][0]["enterprise"]["employees"] = -1
        assert list(Draft7Validator(schema).iter_errors(doc))


def test_schema_for_gives_each_caller_its_own_copy():
    first = schema_for("dataset")
    first["properties"].clear()
    assert schema_for("dataset")["properties"]


def test_the_demo_dataset_validates():
    assert _errors("dataset", json.loads(demo_json())) == []


def test_the_example_dataset_validates():
    doc = _example()
    assert _errors("dataset", doc) == []
    loads_dataset(doc)  # and loads: the two agree on it


@pytest.mark.parametrize("written", ["91379902ma00000153", "91379902MA0000015 3", "9137-9902MA00000153"])
def test_a_credit_code_the_schema_refuses_the_loader_refuses_too(written):
    # clerk finding 02: stdnum compacts lower case, spaces and hyphens, so such a code loaded
    # and was stored as written, which the schema's pattern refuses.
    doc = _example()
    doc["points"][0]["enterprise"]["uscc"] = written
    assert _errors("dataset", doc) != []
    with pytest.raises(InputError) as info:
        loads_dataset(doc)
    assert info.value.problems == (
        f"$.points[0] (P-379902-1).enterprise.uscc: invalid 统一社会信用代码 {written!r}: invalid format: "
        "write the 18 characters in upper case, without spaces or hyphens ('91379902MA00000153')",
    )
    doc["points"][0]["enterprise"]["uscc"] = "91379902MA00000153"
    assert _errors("dataset", doc) == []
    loads_dataset(doc)


@HEAVY  # every example a generated dataset, then assessed (tests/weights.py)
@given(datasets())
def test_every_generated_dataset_that_loads_validates_and_so_does_its_assessment(dataset):
    doc = dump_dataset(dataset)
    loads_dataset(copy.deepcopy(doc))  # the premise: the loader accepts it
    assert _errors("dataset", doc) == []
    year = dataset.reports[0].month.year if dataset.reports else 2025
    assert _errors("assessment", json.loads(assess(dataset, year, CITY_ONLY, audience=CITY_OFFICE).to_json())) == []


@pytest.fixture(scope="module")
def demo():
    dataset = demo_city.demo()
    pm = get_plugin_manager()  # the demo counties' plugins too: their rules appear in the documents
    return dataset, pm, assess(dataset, 2025, pm, audience=CITY_OFFICE)


def test_the_demo_assessment_validates(demo):
    _, _, assessment = demo
    assert _errors("assessment", json.loads(assessment.to_json())) == []


@pytest.mark.parametrize("audience", ["city", "public", "county:379902", "department:city-amr"])
def test_the_demo_monitoring_report_validates_for_every_audience(demo, audience):
    dataset, pm, _ = demo
    report = monitoring_report(dataset, Month(2025, 9), pm, audience=audience)
    assert _errors("report", json.loads(report.to_json())) == []


def test_the_demo_year_end_validates(demo):
    dataset, pm, assessment = demo
    doc = json.loads(year_end(dataset, 2025, pm, assessment=assessment, audience=CITY_OFFICE).to_json())
    assert _errors("yearend", doc) == []


def test_a_result_document_with_a_field_renamed_is_rejected():
    # The example dataset's assessment, not the demo city's: the schema judges each county alike,
    # and validating the demo's whole document (a second time) cost a second.
    doc = json.loads(assess(loads_dataset(_example()), 2025, CITY_ONLY, audience=CITY_OFFICE).to_json())
    doc["counties"][0]["eligible"] = doc["counties"][0].pop("topten_eligible")
    errors = _errors("assessment", doc)
    assert any("'topten_eligible' is a required property" in e for e in errors), errors
    assert any("Additional properties" in e for e in errors), errors


@pytest.mark.parametrize(
    ("change", "schema_says"),
    [
        (lambda d: d.pop("city"), "'city' is a required property"),
        (lambda d: d.update(extra=1), "Additional properties are not allowed"),
        (lambda d: d.update(version=99), f"{SCHEMA_VERSION} was expected"),
        (lambda d: d["points"][0].update(id="no spaces allowed"), "does not match"),
        (lambda d: d["points"][0].update(county="3799"), "does not match"),
        (lambda d: d["points"][0].update(level="provincial"), "is not one of"),
        (lambda d: d["points"][0]["enterprise"].update(employees=-1), "less than the minimum"),
        (lambda d: d["points"][0].update(designated_from="2025-13-01"), "does not match"),
        (lambda d: d["reports"][0].update(submitted_at="2025-02-03T09:00:00"), "does not match"),
        (lambda d: d["reports"][0].update(submitted_by="   "), "does not match"),
        (lambda d: d["reports"][0].update(items=[], nothing_to_report=False), "is not valid under any"),
        (lambda d: d["contacts"][0].update(liaison="the mayor"), "does not match"),
        (lambda d: d["complaints"][0].pop("department"), "'department' is a required property"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects_too(change, schema_says):
    doc = _example()
    change(doc)
    errors = _errors("dataset", doc)
    assert errors, "the schema accepted it"
    assert any(schema_says in e for e in errors), errors
    with pytest.raises(InputError):
        loads_dataset(doc)


def test_a_wrong_check_character_passes_the_schema_whose_description_says_so():
    doc = _example()
    uscc = doc["points"][0]["enterprise"]["uscc"]
    doc["points"][0]["enterprise"]["uscc"] = uscc[:-1] + ("1" if uscc[-1] != "1" else "2")
    assert _errors("dataset", doc) == []
    with pytest.raises(InputError, match=r"\$\.points\[0\] \([^)]+\)\.enterprise\.uscc"):
        loads_dataset(doc)
    described = schema_for("dataset")["$defs"]["Enterprise"]["properties"]["uscc"]["description"]
    assert "check characters" in described


def test_a_dangling_reference_passes_the_schema_whose_description_says_so():
    doc = _example()
    doc["contacts"][0]["point"] = "P-NOWHERE"
    assert _errors("dataset", doc) == []
    with pytest.raises(InputError, match="unknown point"):
        loads_dataset(doc)
    schema = schema_for("dataset")
    assert "references between records" in schema["description"]
    assert "a point id of $.points" in schema["$defs"]["Contact"]["properties"]["point"]["description"]


def test_enum_descriptions_carry_the_chinese_labels():
    level = schema_for("dataset")["$defs"]["MonitoringPoint"]["properties"]["level"]
    assert level["enum"] == ["city", "county"]
    assert "city = 市直" in level["description"]


def test_a_calendar_file_validates_and_loads_and_a_bad_one_is_rejected_by_both():
    doc = {
        "schema": "softenv.calendar",
        "arrangements": [
            {"year": 2027, "reference": "示例", "holidays": ["2027-01-01"], "workdays": ["2027-02-06"]},
        ],
    }
    assert _errors("calendar", doc) == []
    assert load_arrangements(json.dumps(doc))[0].year == 2027
    doc["arrangements"][0]["holidays"] = ["2027-1-1"]
    assert _errors("calendar", doc)
    with pytest.raises(InputError):
        load_arrangements(json.dumps(doc))


def test_cli_prints_the_schema_and_writes_it_with_out(tmp_path, capsys):
    assert main(["schema", "dataset"]) == 0
    assert capsys.readouterr().out == schema_text("dataset") == schema_document("dataset")
    out = tmp_path / "calendar.schema.json"
    assert main(["schema", "calendar", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text("calendar")


def test_cli_refuses_an_unknown_document_as_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["schema", "invoice"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _never_blue(_inst, _attr, value):
    """Anything but blue."""
    if value == "blue":
        raise ValueError("blue")


@attrs.frozen
class _Sample:
    """A record using attrs' own validators, as a new model might."""

    count: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.lt(10)])
    colour: str = attrs.field(validator=attrs.validators.in_(("red", "green")))
    code: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{2}"))
    tags: tuple[str, ...] = attrs.field(default=(), validator=attrs.validators.max_len(3))
    mood: str = attrs.field(default="calm", validator=_never_blue)


def test_attrs_validators_become_keywords_and_unknown_ones_a_description():
    props = document_schema(_Sample, schema="x.sample", version=1)["properties"]
    assert props["count"] == {"type": "integer", "minimum": 1, "exclusiveMaximum": 10}
    assert props["colour"]["enum"] == ["green", "red"]
    assert props["code"]["pattern"] == "^(?:[A-Z]{2})$"
    assert props["tags"]["maxItems"] == 3
    assert "further checked when loaded (_never_blue: Anything but blue.)" in props["mood"]["description"]


def test_every_hand_written_note_names_a_class_and_field_the_schema_has():
    """The references and class rules are written by hand: a renamed field must not leave one behind."""
    from softenv_core.io import schema_builder as module

    # The assessment's too: its points and counties have class rules (integrator i55 01, 02).
    assessment = json.loads(schema_document("assessment"))["$defs"]
    defs = {**schema_for("dataset")["$defs"], **schema_for("calendar")["$defs"], **assessment}
    for cls, field in [*module._REFERENCES, *module._REFERENCE_PATTERNS]:
        assert field in defs[cls]["properties"], (cls, field)
        assert "checked when loaded" in defs[cls]["properties"][field]["description"]
    for cls in module._CLASS_RULES:
        assert cls in defs, cls
