"""The one converter, and reading / writing JSON documents through it.

This is the only module that sees cattrs errors; it turns them into ``$.path: message``
strings and raises :class:`~softenv_core.errors.InputError` with every problem at once. It is
also the one serialization path of the results: :func:`to_json` and :func:`from_json` work
for every result class (assessment, monitoring report, appraisal round, representativeness,
year end) through one converter built once per process (:func:`shared_converter`).
"""

from __future__ import annotations

import functools
import json
import math
import re
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from enum import Enum
from types import UnionType
from typing import Any, TypeVar, get_origin, overload

from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory

from softenv_core._decimal_context import in_analysis_context
from softenv_core._validators import FieldInvalid, LabelledEnum, surrogate_problem
from softenv_core.errors import InputError
from softenv_core.io import result_fields
from softenv_core.io.json_indent import indented_printable
from softenv_core.io.json_inert import inert_json  # re-exported: written here before
from softenv_core.io.json_text import parse_json  # re-exported: the converter's callers parse with it
from softenv_core.io.result_schemas import former_names, in_chinese, item_class, kinds_of, schema_of
from softenv_core.io.structure_problems import shown_key, structure_at, structure_one
from softenv_core.io.suggest import closest
from softenv_core.model.indexes import ReadOnlyDict
from softenv_core.model.periods import BEIJING, HalfYear, Month, Year

T = TypeVar("T")


def _strict(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _type: Any) -> Any:
        # bool is an int in Python; reject it where a number is wanted, and vice versa.
        if isinstance(value, bool) and kind is not bool:
            raise ValueError(f"expected {name}, got a boolean")
        if not isinstance(value, kind):
            raise ValueError(f"expected {name}, got {type(value).__name__} {_short(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"expected a finite number, got {value}")
        return value

    return structure


def _structure_str(value: Any, type_: Any) -> Any:
    if type_ is not str and isinstance(type_, type) and issubclass(type_, Enum):
        # A string-valued enum (MonthState, Band...) is a subclass of str, so cattrs'
        # dispatch on str finds this hook before the enum factory: hand it over.
        return _str_enum_hook(type_)(value, type_)
    if type(value) is str and (value.isascii() or surrogate_problem(value) is None):
        return value  # the common case first: this runs for every text field
    if isinstance(value, str):  # an _Unpaired text (parse_json), or a lone surrogate given in Python
        raise ValueError(surrogate_problem(value) or f"expected a string, got {type(value).__name__}")
    raise ValueError(f"expected a string, got {type(value).__name__} {_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _structure_float(value: Any, _type: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {type(value).__name__} {_short(value)}")
    try:
        number = float(value)
    except OverflowError:  # a 4,000-digit integer: too large for any figure, not a crash
        raise ValueError(f"number too large ({len(str(abs(value)))} digits)") from None
    if not math.isfinite(number):
        raise ValueError(f"expected a finite number, got {value}")
    return number


#: Dates and moments outside these years are input errors: the programme began in 2022, and
#: converting a moment near year 1 or 9999 to Beijing time would overflow.
YEARS = (1900, 2999)


def _in_range(year: int, value: Any) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"{_short(value)} is out of range (years {YEARS[0]}-{YEARS[1]})")


# Python's fromisoformat also takes ISO week dates (2020-W01-1), ordinal dates (2020-001),
# basic forms (20200101) and offsets with seconds: the format is YYYY-MM-DD, nothing else.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch
# The offset's minutes 00-59: fromisoformat reads +08:60 as +09:00 and +08:99 as +09:39, a typing
# slip moving the moment silently (integrator i30).
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:[0-5]\d)?").fullmatch
#: Why a date or moment in the right form is refused (io/workbook_messages.py words it in Chinese).
NO_SUCH_DAY = "months run 01-12, days as the month has them"
NO_SUCH_MOMENT = f"{NO_SUCH_DAY}, hours 00-23, minutes and seconds 00-59 (midnight is the next day's T00:00)"
#: Offsets in use on Earth run from -12:00 to +14:00; beyond is a typing mistake.
MAX_OFFSET = timedelta(hours=14)


def _structure_date(value: Any, _type: Any) -> date:
    if not isinstance(value, str) or _DATE(value) is None:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {_short(value)}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        # Written as a date, but not one the calendar has (2025-02-30, month 13): said so, where
        # "expected a date as YYYY-MM-DD" sent the clerk looking for a format slip (auditor a40).
        raise ValueError(f"no such day {_short(value)}: {NO_SUCH_DAY}") from None
    _in_range(day.year, value)
    return day


def _structure_datetime(value: Any, _type: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date-time string, got {_short(value)}")
    if _DATETIME(value) is None:
        raise ValueError(f"expected an ISO 8601 date-time as YYYY-MM-DDThh:mm:ss+hh:mm, got {_short(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        # No moment the clock shows (T24:00, 2025-02-30): "expected a date-time with an offset"
        # told a clerk who had written the offset that it was missing (auditor a40).
        raise ValueError(f"no such moment {_short(value)}: {NO_SUCH_MOMENT}") from None
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: give a UTC offset, e.g. {value}+08:00")
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValueError(f"UTC offset of {_short(value)} is beyond ±14:00")
    _in_range(moment.year, value)
    zone = _ZONES.get(offset)
    if zone is None:
        zone = _ZONES.setdefault(offset, timezone(offset))  # type: ignore[arg-type]  # aware: not None
    return moment if moment.tzinfo is zone else moment.replace(tzinfo=zone)


#: One zone object per UTC offset. ``fromisoformat`` makes a new zone for every text, and two
#: moments in different zone objects compare through Python-level offset calls (0.19 µs
#: against 0.02 µs in one shared zone): a province's year compares its 460,000 complaint
#: events with each other (order, spans, steps) millions of times. The moment, its offset and
#: its repr stay as they were (an unnamed fixed offset, as ``fromisoformat`` makes it; not
#: BEIJING, whose name would show in the repr that redaction's dataset key is made from).
#: Filled under the GIL by setdefault.
_ZONES: dict[timedelta | None, tzinfo] = {timedelta(0): UTC}


def _period(cls: Any) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(f"expected a {cls.__name__} string, got {_short(value)}")
        try:
            return cls.parse(value)
        except FieldInvalid as exc:  # names parse's argument: the loader names the $.path instead
            raise ValueError(exc.message) from None

    return structure


def _enum_hook(type_: type[Enum]) -> Callable[[Any, Any], Enum]:
    """Structure an enum by value; the member map is bound once (millions of enum fields)."""
    members = type_._value2member_map_

    def structure(value: Any, _type: Any) -> Enum:
        # A string is looked up directly; anything else (unhashable, or a bool equal to 1)
        # goes through the enum's own lookup so that errors read the same.
        member = members.get(value) if type(value) is str else None
        if member is not None:
            return member
        try:
            return type_(value)
        except (ValueError, TypeError):
            allowed = ", ".join(str(m.value) for m in type_)
            hint = closest_member(type_, value)
            raise ValueError(f"{_short(value)} is not one of: {allowed}{hint}") from None

    return structure


def closest_member(type_: type[Enum], value: Any) -> str:
    """``; did you mean 'district' (市辖区)?`` for a mistyped enum value, or ``""``.

    A clerk may type the Chinese label (市辖区) where the value (district) is wanted, or a
    near miss of either (市辖, distrct, "district ", DISTRICT, ｄｉｓｔｒｉｃｔ): the closest by
    io.suggest (folded for width, case and spaces; never for a shared ending alone: 县区确定 is
    not 市确定). Only on the error path.
    """
    if not isinstance(value, str) or not value.strip():
        return ""
    by_text: dict[str, Enum] = {}
    for member in type_:
        by_text.setdefault(str(member.value), member)
        label = getattr(member, "zh", None)
        if isinstance(label, str):
            by_text.setdefault(label, member)
    found = closest(value, by_text)
    if found is None:
        return ""
    member = by_text[found]
    label = getattr(member, "zh", None)
    return f"; did you mean {str(member.value)!r}" + (f" ({label})?" if isinstance(label, str) else "?")


_str_enum_hook = functools.lru_cache(maxsize=None)(_enum_hook)


def make_converter(*, detailed: bool = True) -> Converter:
    """The converter of softenv_core: strict scalars, ISO dates, periods as text, enums by value.

    ``detailed=False`` gives the same converter without cattrs' per-field error tracking: the
    loader tries it first on a whole collection (much faster) and uses the detailed one only
    to say where a collection that failed went wrong.
    """
    conv = Converter(detailed_validation=detailed, forbid_extra_keys=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_unstructure_hook(Decimal, _decimal_out)
    conv.register_structure_hook(Decimal, _structure_decimal)
    for period in (Month, HalfYear, Year):
        conv.register_structure_hook(period, _period(period))
        conv.register_unstructure_hook(period, str)
    conv.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, LabelledEnum), lambda e: e.value
    )
    # A read-only list or mapping (a parameter's value, engine.frozen) entry by entry: cattrs passed it
    # through, and a Decimal in one ended the JSON writer in a TypeError (a random example found it).
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and t is not list and issubclass(t, list),
        lambda v: [conv.unstructure(x) for x in v],
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, ReadOnlyDict),
        lambda m: {k: conv.unstructure(x) for k, x in m.items()},
    )
    # A set, bare or typed (frozenset[date]: cattrs kept it a set, which JSON cannot write), sorted (i38).
    conv.register_unstructure_hook_func(
        lambda t: frozenset in (t, get_origin(t)), lambda s: sorted(conv.unstructure(x) for x in s)
    )
    # A JSON array, nothing else: cattrs' own tuple hook takes any iterable, so an object
    # ({}) or a text ("") where a list is wanted would come in as an empty tuple.
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _list_only(conv, t))
    if not detailed:
        conv.register_structure_hook_factory(_is_record_tuple, lambda t: _record_tuple(conv, t))
    return conv


# Built once per process and kind: building a converter and its generated hooks costs far
# more than a small result's serialization. The lock makes two threads that ask first build
# one converter, not two; once built, a converter is only read (its lazily generated hooks
# are cached by cattrs under its own dispatch, and generating one twice gives the same hook).
_SHARED: dict[bool, Converter] = {}
_SHARED_LOCK = threading.Lock()


def shared_converter(*, detailed: bool = True) -> Converter:
    """The process's converter of the given kind, built on first use and reused after.

    Do not register hooks on it: it is shared by every caller. Build your own with
    :func:`make_converter` to customise.
    """
    found = _SHARED.get(detailed)
    if found is None:
        with _SHARED_LOCK:
            found = _SHARED.get(detailed)
            if found is None:
                found = _SHARED[detailed] = make_converter(detailed=detailed)
    return found


@functools.cache
def _results_converter() -> Converter:
    """The converter results are written (:func:`to_document`) and read (:func:`from_json`) with:
    the shared one's hooks, moments written in Beijing time, and a whole
    number 0 or more wherever a result holds one (a count, a year, a rank, working days: the
    library writes no negative one; a document saying ``"items": -3`` was read as it came,
    integrator i43). A dataset's numbers are the loader's, read with the shared converter."""
    conv = make_converter(detailed=True)
    whole = _strict(int, "an integer")

    def count(value: Any, type_: Any) -> int:
        found: int = whole(value, type_)
        if found < 0:
            raise ValueError(f"must be a non-negative integer, got {found}")
        return found

    conv.register_structure_hook(int, count)
    # A figure of points with more than two places refused, not rounded; an enum's mapping with
    # an unknown key refused (io.result_fields: integrator i55 03, 05).
    result_fields.register(conv, _structure_decimal)
    # Every moment of a result written in Beijing time, the same instant: a dataset whose records
    # came in UTC (an ORM's timestamptz) equals the +08:00 export, and its results gave other bytes
    # (a report's submitted_at, a status's events: integrator i49). A dataset's own JSON
    # (dump_dataset, with the shared converter) keeps each moment as its record carries it.
    conv.register_unstructure_hook(datetime, _beijing_text)
    return conv


def _beijing_text(moment: datetime) -> str:
    return moment.astimezone(BEIJING).isoformat()


def _is_homogeneous_tuple(type_: Any) -> bool:
    args: tuple[Any, ...] = tuple(getattr(type_, "__args__", ()))
    return getattr(type_, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_only(conv: Converter, type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    """cattrs' hook for ``tuple[X, ...]``, taking a list only (a tuple too, as code builds them)."""
    base = homogenous_tuple_structure_factory(type_, conv)

    def structure(value: Any, _type: Any) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            raise ValueError(f"expected a list, got {type(value).__name__}")
        return base(value, _type)  # type: ignore[no-any-return]

    return structure


def _is_record_tuple(type_: Any) -> bool:
    return _is_homogeneous_tuple(type_) and hasattr(type_.__args__[0], "__attrs_attrs__")


def _record_tuple(conv: Converter, type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    """Tuples of records (items, events, amendments): most are empty, so say so cheaply."""
    inner = type_.__args__[0]
    structure_inner = conv.get_structure_hook(inner)

    def structure(value: Any, _type: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValueError(f"expected a list, got {type(value).__name__}")
        return tuple(structure_inner(v, inner) for v in value) if value else ()

    return structure


def _structure_decimal(value: Any, _type: Any) -> Decimal:
    # Through str: Decimal(0.1) would carry the float's binary error into an exact figure. A JSON
    # number only: text ("100", " 100 ", "1e2") was read as the figure, which the schema's
    # "type": "number" refuses (integrator i55 04).
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {type(value).__name__} {_short(value)}")
    try:
        found = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"expected a number, got {_short(value)}") from None
    if not found.is_finite():
        raise ValueError(f"expected a finite number, got {value}")
    return found


def _decimal_out(value: Decimal) -> int | float:
    # Exact decimals with at most two places print as JSON numbers; parse with Decimal to sum exactly.
    return int(value) if value == value.to_integral_value() else float(value)


def dumps(document: Any) -> str:
    """Canonical JSON text: UTF-8 characters kept, keys in given order, two-space indent, final
    newline; every character that acts rather than shows written as its ``\\u`` escape
    (:func:`inert_json`). The text of ``json.dumps(..., indent=2)``, written faster
    (:mod:`softenv_core.io.json_indent`)."""
    text, printable = indented_printable(document)
    text += "\n"
    if printable:  # every character inert_json escapes is one str.isprintable refuses (issue 21)
        return text
    # ASCII text needs no look unless it holds DEL, the one ASCII character that acts and that
    # the JSON encoder writes as it is (every other ASCII control is escaped by the encoder).
    return text if text.isascii() and "\x7f" not in text else inert_json(text)


def canonical(document: Any) -> str:
    """The same document as :func:`dumps` writes, compact: for comparing documents, not for
    reading. Two documents give the same text here exactly when they do there (the indent is
    a function of the structure), and the encoder is CPython's C one, which :func:`dumps`' indent
    rules out: several times faster (the plugin kit compares three results per example)."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def to_document(result: Any) -> dict[str, Any]:
    """A result as a JSON-ready document that begins with its ``schema`` and ``version``, then
    its fields, or a part's under ``result`` (io.result_schemas.schema_of)."""
    schema, version, body = schema_of(type(result), "result")
    doc: dict[str, Any] = _results_converter().unstructure(result)
    if body is not None:
        return {"schema": schema, "version": version, body: doc}
    # A result whose fields include them keeps their values; the others take the class's.
    return {"schema": doc.pop("schema", schema), "version": doc.pop("version", version), **doc}


def to_json(result: Any) -> str:
    """A result as canonical JSON text: byte-identical for equal results; a tuple (or list) of
    results, as ``unit_rates`` and ``propose_adjustments`` give them, as the list of their documents."""
    if isinstance(result, tuple | list):
        return dumps([to_document(r) for r in result])
    return dumps(to_document(result))


@overload
def from_json(text: str | bytes, cls: type[T], source: str | None = None) -> T: ...
@overload
def from_json(text: str | bytes, cls: UnionType, source: str | None = None) -> Any: ...
@in_analysis_context  # its records quantize figures as the analysis did: not in the caller's context (i48)
def from_json(text: str | bytes, cls: Any, source: str | None = None) -> Any:
    """The result of class ``cls`` written by :func:`to_json`: equal to the one written; for
    ``cls`` ``tuple[X, ...]``, the tuple of results of class ``X`` written as a list; for a union
    of result classes (``Deadline | MonthState``, what ``report_deadline`` gives), the one whose
    ``schema`` the document names.

    Raises InputError (every problem with its ``$.path``, and its Chinese in ``details[i].zh``)
    for text that is not such a document, including one of another schema or version. Read
    under the analyses' decimal context (``_decimal_context``), whatever the caller's thread has set.
    """
    item = item_class(cls)
    kinds = kinds_of(cls if item is None else item)
    schema = " or ".join(kind[0] for _, kind in kinds)
    if not isinstance(text, str | bytes):  # a dict or a Path: TypeError deep in parse_json (s21 02)
        raise FieldInvalid("text", f"expected the document's JSON text or bytes, got {type(text).__name__}")
    try:
        doc = parse_json(text, source)
        if item is None:
            found, problems = _read(doc, kinds, "$")
        elif type(doc) is not list:
            found, problems = None, [f"$: expected a list of {schema} documents, got {type(doc).__name__}"]
        else:
            read = [_read(d, kinds, f"$[{i}]") for i, d in enumerate(doc)]
            found, problems = tuple(r for r, _ in read), [p for _, ps in read for p in ps]
        if problems:
            raise InputError(problems, source)
    except InputError as exc:
        raise in_chinese(exc, schema.replace(" or ", " 或 ")) from None
    return found


#: Each class a read stands for with its document (io.result_schemas.kinds_of).
_Kind = tuple[Any, tuple[str, int, str | None]]


def _read(doc: Any, kinds: tuple[_Kind, ...], path: str) -> tuple[Any, list[str]]:
    """One document at ``path`` as the class of ``kinds`` (io.result_schemas.kinds_of) whose
    schema it names: the result, or None and every problem."""
    if not isinstance(doc, dict):
        return None, [f"{path}: expected an object, got {type(doc).__name__}"]
    named = doc.get("schema")
    # The class the document names; under a name an older version wrote (two classes once shared
    # softenv.cell: integrator i49), each class that wrote it in turn, the first that reads it.
    found = [k for k in kinds if k[1][0] == named] or [k for k in kinds if named in former_names(k[0])]
    read = [_read_as(doc, kind, path, kinds) for kind in found or kinds[:1]]
    return next((r for r in read if not r[1]), read[0])


def _read_as(doc: dict[str, Any], kind: _Kind, path: str, kinds: tuple[_Kind, ...]) -> tuple[Any, list[str]]:
    """``doc`` as the class of ``kind``: the result, or None and every problem."""
    cls, (schema, version, body) = kind
    problems = []
    if doc.get("schema") != schema and doc.get("schema") not in former_names(cls):
        expected = " or ".join(repr(k[1][0]) for k in kinds)
        problems.append(f"{path}.schema: expected {expected}, got {_short(doc.get('schema'))}")
    if doc.get("version") != version:
        problems.append(f"{path}.version: expected {version}, got {_short(doc.get('version'))}")
    if problems:
        return None, problems
    if body is not None:  # a part: its fields under ``body``, nothing else beside the header
        extra = sorted(set(doc) - {"schema", "version", body}, key=str)
        if extra:
            return None, [f"{path}: unknown field(s) {', '.join(map(shown_key, extra))}"]
        if body not in doc:
            return None, [f"{path}.{body}: required field missing"]
        if cls in (Month, HalfYear, Year):  # a period is written as its text ("2025-03"), not an object
            return structure_at(_results_converter(), doc[body], cls, f"{path}.{body}")
        return structure_one(_results_converter(), doc[body], cls, f"{path}.{body}")
    fields = {a.name for a in getattr(cls, "__attrs_attrs__", ())}
    own = {k: v for k, v in doc.items() if k in fields or k not in ("schema", "version")}
    return structure_one(_results_converter(), own, cls, path)


__all__ = [
    "canonical",
    "closest_member",
    "dumps",
    "from_json",
    "inert_json",
    "make_converter",
    "parse_json",
    "shared_converter",
    "to_document",
    "to_json",
]
