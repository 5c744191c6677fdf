"""What can still be read of a record that failed to structure: the loader's error path only.

The converter structures a record's fields and then calls the model's ``__init__``, whose
validators stop at the first problem; a record with one bad field (a nested enterprise's
credit code) was therefore left out whole: its other fields' validators, its
``__attrs_post_init__`` and its references were never checked, and a clerk saw the next
problem only after fixing the first and loading again (clerk finding 03).

:func:`salvage` reads such a record field by field, as far as it can: each field through the
same converter hook (nested records read the same way), then every validator of every field
that was read, one by one, then the record's ``__attrs_post_init__``. Problems read exactly
as the converter words them (:func:`~softenv_core.io.structure_problems.error_paths`), so that the
loader can add the new ones to what the converter reported without repeating any. It also
gives the record as far as it was read: an instance of the record class whose failed fields
are left unset (reading one raises AttributeError), and whose nested records (items, steps)
are kept as far as they were read, for the reference checks of io/references.py, which skip
what needs an unset field. Such a partial record never leaves
the loader: a record that has one is a problem, and the load raises InputError.

Valid documents never come here (io/fast_structure.py, then the converter, as before).
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

import attrs
from cattrs import Converter

from softenv_core.io.fast_structure import _record_tuple_of as _record_tuple  # one reading of tuple[X, ...]
from softenv_core.io.fast_structure import validators_of
from softenv_core.io.structure_problems import error_paths, shown_key, structure_at


def salvage(conv: Converter, raw: Any, cls: type, path: str) -> tuple[Any, list[str]]:
    """``raw`` (an object) read as a ``cls`` as far as it goes: (the record, whole when no
    problem was found, else partial; every problem found, as ``$.path: message``)."""
    attrs.resolve_types(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    values: dict[str, Any] = {}
    partly: dict[str, Any] = {}  # fields of nested records read in part
    problems: list[str] = []
    for a in fields:
        if a.name not in raw:
            if a.default is attrs.NOTHING:
                problems.append(f"{path}.{a.name}: required field missing")
            else:
                values[a.name] = a.default
            continue
        value, found = _value(conv, raw[a.name], a.type, f"{path}.{a.name}")
        if not found:
            values[a.name] = value
            continue
        problems += found
        if _records_read(value):
            # Nested records read in part (an item with a bad 类别) are kept, their refused fields
            # unset, so that the references they make are checked in the same run (the unknown
            # 涉及部门 of that item was told only after the 类别 was fixed: clerk c59 03). Not
            # validated as a field: its problems are the nested ones just told.
            partly[a.name] = value
    extra = sorted(set(raw) - {a.name for a in fields})
    if extra:
        problems.append(f"{path}: unknown field(s) {', '.join(map(shown_key, extra))}")
    record: Any = object.__new__(cls)
    for name, value in (values | partly).items():
        object.__setattr__(record, name, value)  # a frozen record: set as its __init__ does
    problems += _validated(record, fields, values, path)
    if not problems:  # nothing found after all: the converter's own record, never a partial one
        return structure_at(conv, raw, cls, path)
    return record, problems


def _validated(record: Any, fields: list[attrs.Attribute[Any]], values: dict[str, Any], path: str) -> list[str]:
    """Every validator of every field read, then ``__attrs_post_init__``; a field whose
    validator fails is unset again, so that no check reads a value already refused."""
    problems: list[str] = []
    refused = []
    for a in fields:
        if a.name not in values or a.validator is None:
            continue
        for validator in validators_of(a.validator):
            found = _problems_of(lambda v=validator, a=a: v(record, a, values[a.name]), path)
            if found:
                problems += found
                refused.append(a.name)
                break  # as attrs: a field's later validators assume its earlier ones passed
    for name in refused:
        object.__delattr__(record, name)
    post_init = getattr(record, "__attrs_post_init__", None)
    if post_init is not None:
        problems += _problems_of(post_init, path)
    return problems


def _problems_of(check: Any, path: str) -> list[str]:
    """The problems ``check()`` raises; none when it needs a field that was not read."""
    try:
        check()
    except AttributeError:  # an unset field: what needs it is checked once it is read
        return []
    except Exception as exc:
        return error_paths(exc, path)
    return []


def _value(conv: Converter, raw: Any, t: Any, path: str) -> tuple[Any, list[str]]:
    """One field's value and its problems: records (alone, optional, in a list) are read
    field by field; any other value, or a record that is not an object, by the converter."""
    inner = _optional_record(t)
    if inner is not None:
        return (None, []) if raw is None else _value(conv, raw, inner, path)
    if attrs.has(t) and type(raw) is dict and _own_hook(conv, t):
        record, problems = salvage(conv, raw, t, path)
        return record, problems
    element = _record_tuple(t)
    if element is not None and type(raw) is list and _own_hook(conv, element):
        out, problems = [], []
        for j, item in enumerate(raw):
            value, found = _value(conv, item, element, f"{path}[{j}]")
            problems += found
            out.append(value)
        return tuple(out), problems
    return structure_at(conv, raw, t, path)


def _records_read(value: Any) -> bool:
    """Whether ``value``, a field that failed, is records read in part: a record, or a tuple of
    records every one of which could be read as one (an element given as no object leaves the
    field unset, so that no check meets anything but a record there)."""
    if attrs.has(type(value)):
        return True
    return type(value) is tuple and all(attrs.has(type(v)) for v in value)


def _own_hook(conv: Converter, cls: type) -> bool:
    """Whether ``conv`` structures ``cls`` with cattrs' generated hook (read field by field
    here the same way), not a caller's own hook (then used as it is)."""
    # cattrs names the function it generates for a class after it (make_dict_structure_fn).
    return getattr(conv.get_structure_hook(cls), "__name__", None) == f"structure_{cls.__name__}"


def _optional_record(t: Any) -> Any:
    """X for ``X | None`` where X is a record class or a tuple of records, else None."""
    if get_origin(t) in (Union, types.UnionType):
        args = get_args(t)
        if len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            if attrs.has(inner) or _record_tuple(inner) is not None:
                return inner
    return None


__all__ = ["salvage"]
