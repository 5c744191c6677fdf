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
import inspect
import json
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from softenv_core import _validators
from softenv_core.io.converter import YEARS, dumps
from softenv_core.io.dataset_files import CALENDAR_SCHEMA
from softenv_core.model import dataset as _dataset
from softenv_core.model.complaints import CITY_OFFICE_UNIT
from softenv_core.model.divisions import City, division_code
from softenv_core.model.enterprises import credit_code
from softenv_core.model.periods import HalfYear, Month, Year
from softenv_core.model.points import CITY_LIAISON
from softenv_core.workdays.calendar import YearArrangement

DRAFT = "https://json-schema.org/draft/2020-12/schema"

JsonSchema = dict[str, Any]

# Years 1900-2999 (io.converter.YEARS), written as a pattern so that the schema states the range.
assert YEARS == (1900, 2999), "update _YEAR below with io.converter.YEARS"
_YEAR = r"(19\d{2}|2\d{3})"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[12]\d|3[01])"
_OFFSET = r"(Z|[+-]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)"

_DATE: JsonSchema = {
    "type": "string",
    "format": "date",
    "pattern": f"^{_YEAR}-{_MONTH}-{_DAY}$",
    "description": "a date as YYYY-MM-DD, years 1900-2999",
}
# No "format": "date-time": validators that assert formats would demand RFC 3339 seconds,
# while the loader also reads "2025-04-03T09:30+08:00". The offset is required, though: a
# moment without one is ambiguous by eight hours.
_DATETIME: JsonSchema = {
    "type": "string",
    "pattern": f"^{_YEAR}-{_MONTH}-{_DAY}[T ]\\d{{2}}:\\d{{2}}(:\\d{{2}}(\\.\\d{{1,6}})?)?{_OFFSET}$",
    "description": "an ISO 8601 date-time with a UTC offset, e.g. 2025-04-03T09:30:00+08:00 (Beijing time)",
}
_PERIODS: dict[type, JsonSchema] = {
    Month: {"type": "string", "pattern": f"^{_YEAR}-{_MONTH}$", "description": "a month as YYYY-MM"},
    HalfYear: {"type": "string", "pattern": f"^{_YEAR}-H[12]$", "description": "a half year as YYYY-H1 or YYYY-H2"},
    Year: {"type": "string", "pattern": f"^{_YEAR}$", "description": "a year as YYYY"},
}
_SCALARS: dict[type, JsonSchema] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    Decimal: {"type": "number"},
    date: _DATE,
    datetime: _DATETIME,
}

_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,63}$"
# GB 32100-2015: 18 characters. python-stdnum also wants the first eight to be digits. The
# check characters (the organisation code's and the last) are beyond a pattern.
_USCC_PATTERN = "^[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}$"

# The validators whose rule a schema can state, found by identity.
_KNOWN: dict[Callable[..., Any], JsonSchema] = {
    _validators.identifier: {"pattern": _ID_PATTERN},
    division_code: {"pattern": "^\\d{6}$"},
    credit_code: {
        "pattern": _USCC_PATTERN,
        "description": "统一社会信用代码 (GB 32100-2015); its two check characters are checked when loaded, "
        "not by this schema",
    },
    _validators.aware: {},  # the date-time pattern already requires the offset
    _validators.non_negative: {"minimum": 0},
}
# Validators defined in a class or private to a module, found by module and qualified name.
_KNOWN_BY_NAME: dict[tuple[str, str], JsonSchema] = {
    ("softenv_core.model.divisions", "City._city_level"): {"pattern": "^\\d{4}00$"},
    ("softenv_core.model.enterprises", "_industry"): {"pattern": "^[A-T](\\d{2,4})?$"},
    ("softenv_core.model.points", "MonitoringPoint._after_from"): {
        "description": "not before designated_from (checked when loaded)"
    },
}

# Fields whose value names another record; load_dataset's check_references reports a dangling one.
_REFERENCES: dict[tuple[str, str], str] = {
    ("Department", "county"): "a county code of $.counties",
    ("MonitoringPoint", "county"): "a county code of $.counties",
    ("Contact", "point"): "a point id of $.points",
    ("Contact", "liaison"): f"{CITY_LIAISON!r} (市经贸委) or a county code of $.counties",
    ("Item", "department"): "a department id of $.departments",
    ("Item", "point"): "a point id of $.points",
    ("MonthlyReport", "county"): "a county code of $.counties",
    ("Complaint", "point"): "a point id of $.points (the complainant: confidential)",
    ("Complaint", "department"): "a department id of $.departments (the department complained about)",
    ("ComplaintEvent", "unit"): f"a department id of $.departments or {CITY_OFFICE_UNIT!r} (assigned events)",
    ("Rating", "round"): "a round id of $.appraisal_rounds",
    ("Rating", "department"): "a department id of $.departments",
    ("Rating", "rater"): "a point id of $.points when group is 'point'",
    ("RosterChange", "point"): "a point id of $.points",
    ("RosterChange", "county"): "a county code of $.counties",
    ("Filing", "county"): "a county code of $.counties",
    ("Filing", "changes"): "roster change ids of $.roster_changes, of the same county",
    ("Waiver", "county"): "a county code of $.counties",
    ("Nomination", "county"): "a county code of $.counties",
    ("Nomination", "point"): "a point id of $.points",
    ("CommendationDecision", "nomination"): "a nomination id of $.nominations",
}

# Patterns that follow from a reference: whatever it names has this form.
_REFERENCE_PATTERNS: dict[tuple[str, str], str] = {
    ("Contact", "liaison"): f"^({CITY_LIAISON}|\\d{{6}})$",
}

# The rule an __attrs_post_init__ checks: a schema fragment where JSON Schema can say it, and
# a description either way.
_ZERO_REPORT: JsonSchema = {
    "description": "A report lists items or states nothing_to_report: true (零报告), never both, never neither.",
    "oneOf": [
        {
            "required": ["items"],
            "properties": {"items": {"minItems": 1}, "nothing_to_report": {"const": False}},
        },
        {
            "required": ["nothing_to_report"],
            "properties": {"items": {"maxItems": 0}, "nothing_to_report": {"const": True}},
        },
    ],
}
_CLASS_RULES: dict[str, JsonSchema] = {
    "MonthlyReport": _ZERO_REPORT,
    "Amendment": _ZERO_REPORT,
    "YearArrangement": {
        "description": "Checked when loaded, not stated here: every day lies in the arrangement's year, "
        "and no day is both a holiday and a workday."
    },
}

_DATASET_CHECKS = (
    "Checked when loaded, not stated by this schema: the credit codes' check characters; "
    "references between records (each field's description names what it refers to); "
    "duplicates (ids in each collection, county codes, a county's report for a month, a round's period, "
    "a rater's rating of a department in a round); a county code belonging to the city "
    "(its first four digits, not ending in 00); a report submitted after its month ended and amendments in order; "
    "the order of a complaint's events (received, accepted or rejected, assigned, signed or returned, …, one "
    "extension, one reopening after an unsatisfied follow-up); an appraisal round closing after it opened; "
    "calendar dates that do not exist (2025-02-30)."
)


def _describe(doc: str | None) -> str:
    return inspect.cleandoc(doc) if doc else ""


def _closure(fn: Callable[..., Any]) -> Mapping[str, Any]:
    return inspect.getclosurevars(fn).nonlocals


def _validator_schema(v: Any) -> list[JsonSchema]:
    """What the schema can say of an attrs validator; an unknown one becomes a description."""
    if v is None:
        return []
    inner = getattr(v, "_validators", None)  # attrs.validators.and_ (several validators on a field)
    if inner is not None:
        return [part for sub in inner for part in _validator_schema(sub)]
    if type(v).__name__ == "_OptionalValidator":  # attrs.validators.optional: None is allowed by the type
        return _validator_schema(v.validator)
    attrs_rule = _attrs_validator_schema(v)
    if attrs_rule is not None:
        return [attrs_rule]
    if isinstance(v, Hashable) and v in _KNOWN:
        return [dict(_KNOWN[v])]
    qualname = getattr(v, "__qualname__", type(v).__name__)
    module = getattr(v, "__module__", "")
    if (module, qualname) in _KNOWN_BY_NAME:
        return [dict(_KNOWN_BY_NAME[(module, qualname)])]
    if module == _validators.__name__ and qualname == "text.<locals>.check":
        return [{"minLength": 1, "maxLength": _closure(v)["max_len"], "pattern": "\\S"}]
    if module == _validators.__name__ and qualname == "optional_text.<locals>.check":
        return _validator_schema(_closure(v)["inner"])
    if module == _validators.__name__ and qualname == "member_of.<locals>.check":
        return []  # the enum comes from the field's type
    # Sound, if looser: the schema lets the value through and says the loader checks more.
    doc = _describe(getattr(v, "__doc__", None)).split("\n", 1)[0]
    return [{"description": f"further checked when loaded ({qualname}{': ' + doc if doc else ''})"}]


_BOUNDS = {">=": "minimum", ">": "exclusiveMinimum", "<=": "maximum", "<": "exclusiveMaximum"}


def _attrs_validator_schema(v: Any) -> JsonSchema | None:
    """attrs' own validators (ge, lt, in_, max_len, min_len, matches_re, instance_of), which
    a model may use as well as ours; None for any other validator."""
    kind = type(v).__name__
    if kind == "_NumberValidator" and v.compare_op in _BOUNDS:
        return {_BOUNDS[v.compare_op]: v.bound}
    if kind == "_InValidator" and isinstance(v.options, list | tuple | set | frozenset):
        return {"enum": sorted((_json_default(o) for o in v.options), key=str)}
    if kind == "_MaxLengthValidator":
        return {"maxLength": v.max_length}
    if kind == "_MinLengthValidator":
        return {"minLength": v.min_length}
    if kind == "_MatchesReValidator":
        # fullmatch must match all of it; JSON Schema patterns are searched, so anchor them.
        anchored = {"fullmatch": "^(?:{})$", "match": "^(?:{})"}.get(v.match_func.__name__, "{}")
        return {"pattern": anchored.format(v.pattern.pattern)}
    if kind == "_InstanceOfValidator":
        return {}  # the field's type says it
    return None


def _merge(base: JsonSchema, parts: list[JsonSchema]) -> JsonSchema:
    """Put validator fragments on a schema; a second pattern goes into allOf (one per object)."""
    out = dict(base)
    notes = [out.pop("description")] if "description" in out else []
    array = out.get("type") == "array"
    for part in parts:
        part = dict(part)
        if array:  # attrs' min_len / max_len on a tuple field
            part = {{"minLength": "minItems", "maxLength": "maxItems"}.get(k, k): value for k, value in part.items()}
        if "description" in part:
            notes.append(part.pop("description"))
        if "pattern" in part and "pattern" in out:
            out.setdefault("allOf", []).append({"pattern": part.pop("pattern")})
        out.update(part)
    if notes:
        out["description"] = "; ".join(notes)
    return out


class _Builder:
    """Schemas of attrs classes, collected in ``defs`` and referred to by name.

    ``output=True`` describes what the converter writes (every field, always present, nulls
    included) rather than what the loader reads (defaults make a field optional).
    """

    def __init__(self, *, output: bool = False) -> None:
        self.output = output
        self.defs: dict[str, JsonSchema] = {}
        self.classes: dict[str, type] = {}

    def type_schema(self, tp: Any) -> JsonSchema:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            present = [a for a in args if a is not type(None)]
            if len(present) == 1:
                inner = self.type_schema(present[0])
            else:
                inner = {"anyOf": [self.type_schema(a) for a in present]}
            return _nullable(inner) if len(present) < len(args) else inner
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is tuple:
            items = [self.type_schema(a) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
        if origin in (list, frozenset, set) or tp in (list, frozenset, set):
            return {"type": "array", "items": self.type_schema(args[0]) if args else {}}
        if origin in (dict, Mapping) or tp is dict:  # Mapping: the analyses' read-only tallies
            return {"type": "object", "additionalProperties": self.type_schema(args[1]) if args else {}}
        if tp is Any or tp is object:
            return {}
        if isinstance(tp, type) and tp in _PERIODS:
            return dict(_PERIODS[tp])
        if isinstance(tp, type) and tp in _SCALARS:
            return dict(_SCALARS[tp])
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_schema(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return {"$ref": f"#/$defs/{self.add(tp)}"}
        raise TypeError(f"no JSON Schema for type {tp!r}")

    def add(self, cls: type) -> str:
        name = cls.__name__
        if self.classes.get(name, cls) is not cls:  # two classes of one name: qualify the second
            name = f"{cls.__module__.rsplit('.', 1)[-1]}_{name}"
        if name in self.defs:
            return name
        self.classes[name] = cls
        self.defs[name] = {}  # placeholder: a class may refer to itself
        hints = typing.get_type_hints(cls)
        properties: dict[str, JsonSchema] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            if not a.init and not self.output:
                continue
            key = a.alias or a.name
            schema = _merge(self.type_schema(hints[a.name]), _validator_schema(a.validator))
            where = (cls.__name__, a.name)
            if where in _REFERENCE_PATTERNS:
                schema = _merge(schema, [{"pattern": _REFERENCE_PATTERNS[where]}])
            if where in _REFERENCES:
                schema = _merge(schema, [{"description": f"{_REFERENCES[where]} (checked when loaded)"}])
            if a.default is attrs.NOTHING or self.output:
                required.append(key)
            else:
                default = a.default.factory() if isinstance(a.default, attrs.Factory) else a.default  # type: ignore[arg-type]
                schema["default"] = _json_default(default)
            properties[key] = schema
        out: JsonSchema = {"type": "object", "title": name}
        doc = _describe(cls.__doc__)
        if doc:
            out["description"] = doc
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        rule = _CLASS_RULES.get(name)
        if rule is not None:
            rule = dict(rule)
            note = rule.pop("description", None)
            if note:
                out["description"] = f"{out.get('description', '')}\n\n{note}".strip()
            out.update(rule)
        self.defs[name] = out
        return name


def _nullable(schema: JsonSchema) -> JsonSchema:
    if "$ref" in schema or "anyOf" in schema or "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _enum_schema(tp: type[enum.Enum]) -> JsonSchema:
    labels = ", ".join(f"{m.value} = {m.zh}" if hasattr(m, "zh") else str(m.value) for m in tp)
    doc = _describe(tp.__doc__)
    # enum.Enum's own docstring is inherited by members without one: say nothing then.
    if doc.startswith("An enumeration") or doc.startswith("Create a collection"):
        doc = ""
    return {
        "type": "string",
        "enum": [m.value for m in tp],
        "description": f"{doc} Values: {labels}." if doc else f"Values: {labels}.",
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, tuple | frozenset | list):
        return [_json_default(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def dataset_schema() -> JsonSchema:
    """The schema of a dataset document (``softenv.dataset``) at the library's version."""
    builder = _Builder()
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
    builder = _Builder()
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
    builder = _Builder(output=True)
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


def schema_json(schema: JsonSchema) -> str:
    """A schema as canonical JSON text (the form committed in docs/schemas/)."""
    return dumps(schema)


DRAFT7 = "http://json-schema.org/draft-07/schema#"


def draft7(schema: JsonSchema) -> JsonSchema:
    """The same schema for tools that read drafts up to 7 (hypothesis-jsonschema, older code
    generators): ``$defs`` become ``definitions``. Nothing else differs, because the schemas
    use no keyword newer than draft 7 and put nothing beside a ``$ref``."""

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
    "calendar_schema",
    "dataset_schema",
    "document_schema",
    "draft7",
    "schema_for",
    "schema_json",
    "schema_text",
]
