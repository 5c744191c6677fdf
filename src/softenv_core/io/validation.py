"""Checking a dataset built in Python with the loader's rules: ``validate(dataset)``.

A Dataset made in code (``Dataset(city, points=[...])``, ``attrs.evolve``) skips the loader;
attrs does not check field types, so ``MonthlyReport(month="2025-01")`` or a County in
``points=`` would be accepted and then scored as nonsense. ``validate`` walks every record
against its declared field types and then runs the loader's reference checks
(``check_references``), reporting each problem as ``$.path: message`` exactly where the
loader would. The analyses call ``require_valid``: a dataset is checked once, and the answer
is remembered for that object (io/checked.py); the loader marks what it builds as checked.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
from cattrs import Converter

from softenv_core._validators import member_text
from softenv_core.errors import InputError
from softenv_core.io import dataset_files as files
from softenv_core.io.checked import recall, remember, require_dataset
from softenv_core.io.converter import YEARS, dumps
from softenv_core.io.dataset_files import Numbered, check_references, document_order, input_problems
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.model.divisions import City

#: A problem below a value: (path suffix such as ".month" or "[2].date", message).
Problems = list[tuple[str, str]]
#: Checks one value: None when it fits, else its problems. Paths are built only on failure:
#: a province has millions of values and almost all of them fit.
Check = Callable[[Any], Problems | None]

SOURCE = "dataset"  # what InputError names as the source of a dataset built in Python


def _shown(value: object) -> str:
    if value is None:  # once, as JSON says it: "got NoneType None" read oddly, zh "而不是null None" (i48)
        return "null"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _leaf(name: str, fits: Callable[[Any], bool]) -> Check:
    def check(value: Any) -> Problems | None:
        return None if fits(value) else [("", f"expected {name}, got {_shown(value)}")]

    return check


def _in_years(check: Check) -> Check:
    """``check``, then the loader's years (1900-2999) for a date or moment: one outside them
    was accepted here, written by ``dataset_json`` and refused when read back (integrator i34)."""

    def within(value: Any) -> Problems | None:
        found = check(value)
        if found is None and not YEARS[0] <= value.year <= YEARS[1]:
            return [("", f"{value.isoformat()!r} is out of range (years {YEARS[0]}-{YEARS[1]})")]
        return found

    return within


_LEAVES: dict[Any, Check] = {
    str: _leaf("a string", lambda v: type(v) is str or isinstance(v, str)),
    bool: _leaf("true or false", lambda v: type(v) is bool),
    int: _leaf("an integer", lambda v: type(v) is int or (isinstance(v, int) and not isinstance(v, bool))),
    float: _leaf("a number", lambda v: type(v) in (float, int) or (isinstance(v, float | int) and type(v) is not bool)),
    Decimal: _leaf("a decimal number", lambda v: isinstance(v, Decimal | int) and not isinstance(v, bool)),
    # a date field holding a datetime would compare and print as a moment, not a day
    date: _in_years(
        _leaf("a date", lambda v: type(v) is date or (isinstance(v, date) and not isinstance(v, datetime)))
    ),
    datetime: _in_years(_leaf("a date and time", lambda v: isinstance(v, datetime))),
}
_compiled: dict[Any, Check] = {}


def _compile(tp: Any) -> Check:
    found = _compiled.get(tp)
    if found is None:
        found = _compiled[tp] = _build(tp)
    return found


def _build(tp: Any) -> Check:
    if tp in _LEAVES:
        return _LEAVES[tp]
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return _union(list(typing.get_args(tp)))
    if origin is tuple:
        return _tuple(typing.get_args(tp))
    if attrs.has(tp):
        return _record(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _member(tp)
    if isinstance(tp, type) and tp is not object:
        return _leaf(f"a {tp.__name__}", lambda v: isinstance(v, tp))
    return lambda v: None  # Any, object, or a form no model field uses: nothing to check


def _member(enum_type: type[enum.Enum]) -> Check:
    plain = _leaf(f"one of {[m.value for m in enum_type]}", lambda v: isinstance(v, enum_type))

    def check(value: Any) -> Problems | None:
        found = plain(value)
        hint = member_text(enum_type, value) if found else None
        return [(p, f"{m}: {hint}") for p, m in found] if found and hint else found

    return check


def _union(options: list[Any]) -> Check:
    optional = type(None) in options
    rest = [o for o in options if o is not type(None)]
    if len(rest) == 1:  # X | None, the usual case: X's own message when it does not fit
        inner = _compile(rest[0])
        return lambda v: None if v is None and optional else inner(v)
    checks = [_compile(o) for o in rest]
    names = " or ".join(getattr(o, "__name__", str(o)) for o in rest) + (" or null" if optional else "")

    def check(value: Any) -> Problems | None:
        if (value is None and optional) or any(c(value) is None for c in checks):
            return None
        return [("", f"expected {names}, got {_shown(value)}")]

    return check


def _tuple(args: tuple[Any, ...]) -> Check:
    inner = _compile(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
    fixed = [_compile(a) for a in args] if inner is None else []

    def check(value: Any) -> Problems | None:
        if type(value) is not tuple:  # the models convert every sequence to a tuple
            return [("", f"expected a tuple, got {_shown(value)}")]
        if inner is None and len(value) != len(fixed):
            return [("", f"expected {len(fixed)} values, got {len(value)}")]
        out: Problems | None = None
        for j, item in enumerate(value):
            found = (inner or fixed[j])(item)
            if found:
                out = (out or []) + [(f"[{j}]{p}", m) for p, m in found]
        return out

    return check


def _record(cls: type) -> Check:
    # Placeholder first: a record type may (indirectly) contain itself.
    fields: list[tuple[str, Check]] = []
    name = cls.__name__
    fits = _fast_record(cls)

    def check(value: Any) -> Problems | None:
        if fits(value):  # the usual case: every field of the exact declared type
            return None
        if type(value) is not cls and not isinstance(value, cls):
            return [("", f"expected {name}, got {_shown(value)}")]
        out: Problems | None = None
        for attr, field_check in fields:
            found = field_check(getattr(value, attr))
            if found:
                out = (out or []) + [(f".{attr}{p}", m) for p, m in found]
        return out

    _compiled[cls] = check
    hints = typing.get_type_hints(cls)
    # Fields set by the constructor only: derived ones (init=False) are the model's business.
    fields += [(f.name, _compile(hints[f.name])) for f in attrs.fields(cls) if f.init and f.name in hints]
    return check


# The fast path. Checking a province field by field through the functions above costs more
# than assessing it (a call per value); instead each record type gets one generated boolean
# expression over its fields with exact-type tests (``type(v.id) is str and ...``). It
# answers "all fine" for almost every record; anything else (a wrong type, a subclass, a
# form it does not know) falls back to the detailed check, which finds and words the problem.
_EXACT: dict[Any, str] = {str: "str", bool: "bool", int: "int", date: "date", datetime: "datetime"}
_fast: dict[type, Callable[[Any], bool]] = {}


def _fast_expr(tp: Any, expr: str, names: dict[str, Any], depth: int) -> str:
    if tp in (date, datetime):  # the loader's years too (a slip such as 0025 for 2025)
        return f"(type({expr}) is {_EXACT[tp]} and {YEARS[0]} <= {expr}.year <= {YEARS[1]})"
    if tp in _EXACT:
        return f"type({expr}) is {_EXACT[tp]}"
    if tp is float:
        return f"type({expr}) in _NUMBER"
    if tp is Decimal:
        return f"type({expr}) in _DECIMAL"
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(tp)
        parts = [_fast_expr(o, expr, names, depth) for o in options if o is not type(None)]
        if type(None) in options:
            parts.insert(0, f"{expr} is None")
        return "(" + " or ".join(parts) + ")"
    if origin is tuple and len(typing.get_args(tp)) == 2 and typing.get_args(tp)[1] is Ellipsis:
        var = f"x{depth}"
        inner = _fast_expr(typing.get_args(tp)[0], var, names, depth + 1)
        return f"(type({expr}) is tuple and (not {expr} or all({inner} for {var} in {expr})))"
    if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        key = f"_T{len(names)}"
        names[key] = tp
        if issubclass(tp, enum.Enum):
            return f"type({expr}) is {key}"
        fn = f"_F{len(names)}"
        names[fn] = lambda v, tp=tp: _fast_record(tp)(v)  # resolved on first use: types may nest
        return f"{fn}({expr})"
    return "False"  # a form without a fast test: the detailed check decides


def _fast_record(cls: type) -> Callable[[Any], bool]:
    found = _fast.get(cls)
    if found is not None:
        return found
    _fast[cls] = lambda v: False  # while generating (a type containing itself): the slow path
    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {"_CLS": cls, "_NUMBER": (float, int), "_DECIMAL": (Decimal, int)}
    names.update({n: t for t, n in _EXACT.items()})
    tests = ["type(v) is _CLS"] + [
        _fast_expr(hints[f.name], f"v.{f.name}", names, 0) for f in attrs.fields(cls) if f.init and f.name in hints
    ]
    source = "def fits(v):\n    return (" + "\n        and ".join(tests) + ")\n"
    exec(compile(source, f"<fast check of {cls.__name__}>", "exec"), names)  # our own text, from type hints
    fits: Callable[[Any], bool] = names["fits"]
    _fast[cls] = fits
    return fits


_compile_lock = threading.Lock()


def _compile_all() -> None:
    """Build every check before first use, once, under a lock: two threads building them at
    once could see a record check whose fields are not filled in yet."""
    if City in _compiled:
        return
    with _compile_lock:
        if City not in _compiled:
            for _, cls in COLLECTIONS:
                _compile(cls)
            _compile(City)  # last: its presence says all are ready


def _type_problems(dataset: Dataset) -> tuple[list[str], dict[str, Numbered], dict[str, set[str]]]:
    """Every field of the wrong type (``$.path: message``, unordered), the records that fit by
    collection (for the reference checks) and the ids of those that do not."""
    _compile_all()
    problems: list[str] = []
    found = _compile(City)(dataset.city)
    problems += [f"$.city{p}: {m}" for p, m in found or ()]
    indexed: dict[str, Numbered] = {}
    failed_ids: dict[str, set[str]] = {}
    for name, cls in COLLECTIONS:
        records = getattr(dataset, name)
        if type(records) is tuple and all(map(_fast_record(cls), records)):  # the usual case
            indexed[name] = Numbered(list(records))
            continue
        if type(records) is not tuple:  # the model converts every sequence to a tuple
            problems.append(f"$.{name}: expected a tuple of {cls.__name__}, got {_shown(records)}")
            indexed[name] = Numbered([])
            continue
        check = _compile(cls)
        positions: list[int] = []
        kept: list[Any] = []
        for i, record in enumerate(records):
            found = check(record)
            if not found:
                positions.append(i)
                kept.append(record)
                continue
            problems += [f"$.{name}[{i}]{p}: {m}" for p, m in found]
            # Its id still counts as known, as in the loader: no cascade of "unknown" problems.
            key = getattr(record, "code" if name == "counties" else "id", None)
            if isinstance(key, str):
                failed_ids.setdefault(name, set()).add(key)
        indexed[name] = Numbered(kept, positions if len(kept) != len(records) else None)
    return problems, indexed, failed_ids


def _ordered(problems: list[str], dataset: Dataset) -> list[str]:
    return [p.text for p in document_order(input_problems(problems, dataset))] if problems else problems


def dataset_problems(dataset: object) -> list[str]:
    """Every problem of ``dataset`` as ``$.path: message``, as the loader would report it."""
    if not isinstance(dataset, Dataset):
        return [f"$: expected a Dataset, got {_shown(dataset)}"]
    problems, indexed, failed_ids = _type_problems(dataset)
    if not any(p.startswith("$.city") for p in problems):  # the references need a city, as in the loader
        problems += check_references(dataset.city, indexed, None, failed_ids)
    return _ordered(problems, dataset)


def dump_dataset(dataset: Dataset, converter: Converter | None = None) -> dict[str, Any]:
    """The dataset as a JSON-ready document; ``loads_dataset(dump_dataset(d)) == d``.

    A field of the wrong type (a ``datetime`` where a date belongs, a text where an enum or a
    ``Month`` does) is refused with :class:`InputError` at its ``$.path``, as ``validate`` says
    it: it was written as its date alone (the time of day dropped, silently) or raised
    Python's ``TypeError`` / ``AttributeError`` from the converter (integrator i45). A dataset
    whose records only refer wrongly is written: the loader names those problems."""
    require_dataset(dataset)
    if recall(dataset) != ():  # () once checked and found valid: then nothing to look at again
        problems = _type_problems(dataset)[0]
        if problems:
            raise InputError(input_problems(_ordered(problems, dataset), dataset), SOURCE)
    return files.dump_dataset(dataset, converter)


def dataset_json(dataset: Dataset) -> str:
    """The dataset as canonical JSON text (its fields' types checked: :func:`dump_dataset`)."""
    return dumps(dump_dataset(dataset))


def validate(dataset: Dataset) -> None:
    """Check (校验) a dataset built in Python as the loader checks a file; raise InputError listing
    every problem as ``$.path: message``. The answer is remembered for this object."""
    require_dataset(dataset)
    known = recall(dataset)
    if known is None:
        # The collector is not paused here (another thread may share the interpreter): the
        # CLI pauses it around a whole command, where checking a province costs least.
        known = tuple(dataset_problems(dataset))
        remember(dataset, known)
    if known:
        raise InputError(input_problems(list(known), dataset), SOURCE)


def require_valid(dataset: Dataset) -> None:
    """What every analysis calls first: a dataset that is not valid is refused (InputError),
    one never checked is checked now (once; loaded datasets were checked by the loader)."""
    require_dataset(dataset)  # a dict of the JSON document, say: say what to give
    if recall(dataset) == ():  # the usual case, checked before: one dict look-up
        return
    validate(dataset)


__all__ = ["dataset_json", "dataset_problems", "dump_dataset", "require_valid", "validate"]
