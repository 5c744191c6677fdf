"""JSON Schemas (draft 2020-12) of the documents softenv_core reads, generated from the models.

Other systems (often not Python) check an export against these before sending it. The
schemas come from the attrs classes: field types, defaults (a field without one is
required), enums with their Chinese labels, and the field validators of ``_validators`` and
``model/``. They are built when asked for, so a field added to a model appears in the
schema without further work. ``tests/test_schema.py`` checks that the copy in
``docs/schemas/`` is up to date.

A schema states less than the loader checks. Credit-code check characters, references
between records, duplicate ids and complaint event orders cannot be written in JSON Schema.
The descriptions name these checks, and ``load_dataset`` remains the authority: whatever it
accepts must validate against the schema (a hypothesis property tests this), but a document
that validates can still be rejected.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from functools import cache
from typing import Any

from softenv_core._validators import argument
from softenv_core.io.calendar_files import CALENDAR_SCHEMA
from softenv_core.io.converter import dumps
from softenv_core.io.schema_builder import JsonSchema, SchemaBuilder
from softenv_core.model import dataset as _dataset
from softenv_core.model.divisions import City
from softenv_core.workdays.calendar import YearArrangement

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_DATASET_CHECKS = (
    "Checked when loaded, not stated by this schema: the credit codes' check characters; "
    "references between records (each field's description names what it refers to); "
    "duplicates (ids in each collection and across collections, county codes, a county's report for a month, "
    "a round's period, "
    "a rater's rating of a department in a round); a county code belonging to the city "
    "(its first four digits, not ending in 00); a report submitted after its month ended and amendments in order; "
    "the order of a complaint's events (received, accepted or rejected, assigned, signed or returned, …, one "
    "extension per resolve step, one reopening after an unsatisfied follow-up); an appraisal round closing after "
    "it opened; "
    "calendar dates that do not exist (2025-02-30)."
)


def dataset_schema() -> JsonSchema:
    """The schema of a dataset document (``softenv.dataset``) at the library's version."""
    builder = SchemaBuilder()
    properties: dict[str, JsonSchema] = {
        "schema": {"const": _dataset.SCHEMA},
        "version": {"const": _dataset.SCHEMA_VERSION},
        "city": builder.type_schema(City),
    }
    for name, cls in _dataset.COLLECTIONS:
        properties[name] = {"type": "array", "items": builder.type_schema(cls), "default": []}
    return {
        "$schema": DRAFT,
        "$id": f"urn:softenv:schema:{_dataset.SCHEMA}:{_dataset.SCHEMA_VERSION}",
        "title": f"{_dataset.SCHEMA} version {_dataset.SCHEMA_VERSION}",
        "description": "A city's 软环境建设监测点 records: counties, departments, points, contacts, monthly "
        "(zero) reports, complaints, 万人评议 rounds and ratings, roster changes and filings, waivers, nominations, "
        "decisions and research topics. Read by softenv_core.load_dataset, which reports every problem as "
        "$.path: message.\n\n" + _DATASET_CHECKS,
        "type": "object",
        "properties": properties,
        "required": ["schema", "version", "city"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def calendar_schema() -> JsonSchema:
    """The schema of a calendar file (``softenv.calendar``): official arrangements the
    chinesecalendar package does not have yet, from the State Council's notice."""
    builder = SchemaBuilder()
    return {
        "$schema": DRAFT,
        "$id": f"urn:softenv:schema:{CALENDAR_SCHEMA}",
        "title": CALENDAR_SCHEMA,
        "description": "Official holiday arrangements (国务院办公厅 放假安排) by year, for the `--calendar FILE` "
        "option of softenv commands. Other top-level fields are ignored. "
        "Checked when loaded, not stated here: a year given twice.",
        "type": "object",
        "properties": {
            "schema": {"const": CALENDAR_SCHEMA},
            "arrangements": {"type": "array", "items": builder.type_schema(YearArrangement)},
        },
        "required": ["schema", "arrangements"],
        "$defs": dict(sorted(builder.defs.items())),
    }


def document_schema(cls: type, *, schema: str, version: int, description: str | None = None) -> JsonSchema:
    """The schema of a result document that the converter writes from ``cls`` (an attrs
    class), headed by its ``schema`` name and ``version`` (the assessment, the monitoring
    report, the year end). The analyses sit above this layer, so the caller passes the class."""
    builder = SchemaBuilder(output=True)
    name = builder.add(cls)
    top = builder.defs.pop(name)
    builder.classes.pop(name)
    properties = {
        "schema": {"const": schema},
        "version": {"const": version},
        **{k: v for k, v in top["properties"].items() if k not in ("schema", "version")},
    }
    out: JsonSchema = {
        "$schema": DRAFT,
        "$id": f"urn:softenv:schema:{schema}:{version}",
        "title": f"{schema} version {version}",
        "description": description or top.get("description", ""),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if builder.defs:
        out["$defs"] = dict(sorted(builder.defs.items()))
    return out


def part_schema(cls: type, *, schema: str, version: int, body: str) -> JsonSchema:
    """The schema of a part document (io.result_schemas): a result that is no document of its
    own (``ComplaintStatus``, ``Deadline``, ``MonthState`` …), written by ``to_json`` as
    ``{"schema": "softenv.<snake>", "version": 1, "<body>": its fields}``."""
    builder = SchemaBuilder(output=True)
    fields = builder.type_schema(cls)
    out: JsonSchema = {
        "$schema": DRAFT,
        "$id": f"urn:softenv:schema:{schema}:{version}",
        "title": f"{schema} version {version}",
        "description": f"{_describe_class(cls)} Written by softenv_core.to_json, read back by from_json; "
        f"{'its value' if issubclass(cls, enum.Enum) else 'its fields'} under `{body}`.",
        "type": "object",
        "properties": {"schema": {"const": schema}, "version": {"const": version}, body: fields},
        "required": ["schema", "version", body],
        "additionalProperties": False,
    }
    if builder.defs:
        out["$defs"] = dict(sorted(builder.defs.items()))
    return out


def _describe_class(cls: type) -> str:
    """The first paragraph of ``cls``'s docstring, on one line."""
    first = (cls.__doc__ or cls.__name__).strip().split("\n\n")[0]
    return " ".join(first.split())


def schema_json(schema: JsonSchema) -> str:
    """A schema as canonical JSON text (the form committed in docs/schemas/)."""
    return dumps(schema)


DRAFT7 = "http://json-schema.org/draft-07/schema#"


def draft7(schema: JsonSchema) -> JsonSchema:
    """The same schema for tools that read drafts up to 7 (hypothesis-jsonschema, older code
    generators): ``$defs`` become ``definitions``. Nothing else differs, because the schemas
    use no keyword newer than draft 7 and put nothing beside a ``$ref``."""
    argument(schema, dict, "schema", "a JSON Schema (a dict, as dataset_schema() gives it)")

    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                    out[key] = "#/definitions/" + value.removeprefix("#/$defs/")
                elif key == "$defs":
                    out["definitions"] = {name: convert(sub) for name, sub in value.items()}
                else:
                    out[key] = convert(value)
            return out
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node

    result: JsonSchema = convert(schema)
    result["$schema"] = DRAFT7
    return result


#: The documents with a schema, by the name ``softenv schema NAME`` takes.
SCHEMAS: dict[str, Callable[[], JsonSchema]] = {
    "dataset": dataset_schema,
    "calendar": calendar_schema,
}


@cache
def schema_text(name: str) -> str:
    """The schema ``name`` as canonical JSON text (the form committed in docs/schemas/).

    Cached as text, which is immutable; :func:`schema_for` gives each caller its own dict.
    """
    if name not in SCHEMAS:
        raise KeyError(f"no schema {name!r}; known: {', '.join(SCHEMAS)}")
    return schema_json(SCHEMAS[name]())


def schema_for(name: str) -> JsonSchema:
    """The schema ``name`` (``dataset``, ``calendar``) as a new dict."""
    result: JsonSchema = json.loads(schema_text(name))
    return result


__all__ = [
    "DRAFT",
    "DRAFT7",
    "SCHEMAS",
    "JsonSchema",
    "calendar_schema",
    "dataset_schema",
    "document_schema",
    "draft7",
    "schema_for",
    "schema_json",
    "schema_text",
]
