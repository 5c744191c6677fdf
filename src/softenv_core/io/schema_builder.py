"""How an attrs model becomes a JSON Schema: types, enums with their Chinese labels, validators, notes.

The builder behind :mod:`softenv_core.io.schema`. It states what a schema can state of a
field (its type, default, the rules of known validators) and writes the rest as descriptions:
the references between records (``_REFERENCES``), the patterns that follow from them, and the
rules an ``__attrs_post_init__`` checks (``_CLASS_RULES``). These notes are written by hand,
and ``tests/test_schema.py`` checks that each names a class and field the schema has.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from softenv_core import _validators
from softenv_core.io.converter import YEARS
from softenv_core.model.complaints import CITY_OFFICE_UNIT
from softenv_core.model.divisions import division_code
from softenv_core.model.enterprises import credit_code
from softenv_core.model.periods import HalfYear, Month, Year
from softenv_core.model.points import CITY_LIAISON
from softenv_core.workdays.arrangement import LATE_DECEMBER_FROM

JsonSchema = dict[str, Any]

# Years 1900-2999 (io.converter.YEARS), written as a pattern so that the schema states the range.
assert YEARS == (1900, 2999), "update _YEAR below with io.converter.YEARS"
_YEAR = r"(19\d{2}|2\d{3})"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[12]\d|3[01])"
# The moments the loader reads (io.converter._structure_datetime): hours 00-23, minutes and
# seconds 00-59, an offset of hours and minutes within ±14:00, no seconds in it. A looser
# pattern let a validator pass 24:00, :60 or +15:00, which the loader then refused (i30).
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?"
_OFFSET = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))"

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
    "pattern": f"^{_YEAR}-{_MONTH}-{_DAY}[T ]{_TIME}{_OFFSET}$",
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

_ID_PATTERN = f"^{_validators.ID_PATTERN}$"
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
    _validators.non_negative: {"minimum": 0, "exclusiveMaximum": 1e300},  # "of reasonable size"
    _validators.non_negative_count: {"minimum": 0, "exclusiveMaximum": 1e300},  # its type says integer
    # The library's years, as Month bounds them (tests/test_integrator_i30.py loads each bound
    # and the value beyond it; a result's year too, since integrator i44 1).
    _validators.library_year: {"minimum": 1900, "maximum": 2999},
    _validators.audience_name: {"pattern": f"^{_validators.AUDIENCE_PATTERN}$"},  # a result's reader
}
# Validators defined in a class or private to a module, found by module and qualified name.
_KNOWN_BY_NAME: dict[tuple[str, str], JsonSchema] = {
    ("softenv_core.model.divisions", "City._city_level"): {"pattern": "^\\d{4}00$"},
    ("softenv_core.model.enterprises", "_industry"): {"pattern": "^[A-T](\\d{2,4})?$"},
    # A guarantee's years, as its validator bounds them (tests/test_integrator_i30.py).
    ("softenv_core.model.guarantees", "_year"): {"minimum": 2000, "maximum": 2100},
    # A unit's rates: its period a month or a year, its rates percentages (integrator i55 06).
    ("softenv_core.analyses.complaint_handling", "_period_text"): {"pattern": "^\\d{4}(-(0[1-9]|1[0-2]))?$"},
    ("softenv_core.analyses.complaint_handling", "_percentage"): {"minimum": 0, "maximum": 100},
    # The year end's follow-ups and topics as read back (fix helper fe1 03): matter_days.LEFT_OUT_KINDS
    # and TopicState's values, spelled here below the analyses (tests/test_fe1.py holds them equal).
    ("softenv_core.analyses.followup_status", "_left_out_kinds"): {
        "additionalProperties": {"enum": ["all", "unless_followed_up", "some_months"]}
    },
    ("softenv_core.analyses.research_topics", "_topic_state"): {
        "enum": ["proposed", "opened", "findings", "measures", "closed", None]
    },
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

# Fields that a record built in Python may leave out (a default) but a document must give,
# with what the loader requires of them (check_references refuses the rest).
_DOCUMENT_RULES: dict[tuple[str, str], JsonSchema] = {
    ("Complaint", "events"): {
        "minItems": 1,
        "description": "at least the received event (收到): a complaint without events is in no month "
        "and is refused when loaded",
    },
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
    # What from_json checks of an assessment's figures against their own trace (integrator i55).
    "PointAssessment": {
        "description": "Checked when loaded, not stated here: total is the sum of items[].points, band the "
        "one total reaches by band_params, band_zh its label, nominable whether every nomination condition passed."
    },
    "CountyAssessment": {
        "description": "Checked when loaded, not stated here: compliance is the mean score of the owed months "
        "(two places, half up), topten_eligible whether every condition passed."
    },
    "MonthlyReport": _ZERO_REPORT,
    "Amendment": _ZERO_REPORT,
    "YearArrangement": {
        "description": "Checked when loaded, not stated here: every day lies in the arrangement's year "
        f"or in the previous year's December from the {LATE_DECEMBER_FROM}th (its notice sets 元旦 and may "
        "move them), every workday is a Saturday or Sunday, and no day is both a holiday and a workday."
    },
}


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


class SchemaBuilder:
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
        if tp is int and self.output:  # a result holds no negative whole number (from_json refuses one)
            return {"type": "integer", "minimum": 0}
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
            if not a.init:  # the converter (cattrs) neither reads nor writes it: Parameter's answers (i38)
                continue
            key = a.alias or a.name
            schema = _merge(self.type_schema(hints[a.name]), _validator_schema(a.validator))
            where = (cls.__name__, a.name)
            if where in _REFERENCE_PATTERNS:
                schema = _merge(schema, [{"pattern": _REFERENCE_PATTERNS[where]}])
            if where in _REFERENCES:
                schema = _merge(schema, [{"description": f"{_REFERENCES[where]} (checked when loaded)"}])
            if where in _DOCUMENT_RULES and not self.output:
                schema = _merge(schema, [_DOCUMENT_RULES[where]])
            if "softenv_keys" in a.metadata:  # a map keyed by an enum's values (io.result_fields.keyed_by)
                # Its keys named, so that a validator refuses an unknown key as from_json does (fe1 02).
                schema = _merge(schema, [{"propertyNames": {"enum": [m.value for m in a.metadata["softenv_keys"]]}}])
            if a.default is attrs.NOTHING or self.output or where in _DOCUMENT_RULES:
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


__all__ = ["JsonSchema", "SchemaBuilder"]
