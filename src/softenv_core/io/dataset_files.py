"""Loading a dataset document: structure every record, then check every reference.

Every problem is collected, each as ``$.path: message``, and raised together in one
:class:`~softenv_core.errors.InputError`; a record that fails to structure is reported, then
read as far as it goes (io/salvage.py) and checked with the others in what it could give,
so that one bad value hides neither its record's other problems nor the other records'.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any

import attrs
from cattrs import BaseConverter, Converter

from softenv_core._validators import _ID_MATCH, ID_PATTERN, argument, whole_number
from softenv_core.errors import FieldInvalid, InputError, InputProblem
from softenv_core.io.checked import remember, require_dataset
from softenv_core.io.converter import dumps, parse_json, shared_converter
from softenv_core.io.dataset_warnings import dataset_warnings as dataset_warnings
from softenv_core.io.fast_structure import forget_ids, structure_all
from softenv_core.io.indexed import Indexed as Indexed
from softenv_core.io.indexed import Numbered as Numbered
from softenv_core.io.json_text import decoder_name, fast_parse
from softenv_core.io.migrations import migrate_dataset, same_members
from softenv_core.io.problem_cap import first_lines, more_problems, place
from softenv_core.io.references import CHECKS as CHECKS
from softenv_core.io.references import check_references as check_references
from softenv_core.io.salvage import salvage
from softenv_core.io.structure_problems import shown_key, structure_one
from softenv_core.model.dataset import COLLECTIONS, SCHEMA, SCHEMA_VERSION, Dataset
from softenv_core.model.divisions import City
from softenv_core.model.periods import require_aware

#: A member the document leaves out, worded as the converter words a record's missing field.
MISSING = "required field missing"


def load_dataset(
    path: str | PathLike[str],
    *,
    as_of: datetime | None = None,
    converter: Converter | None = None,
    max_problems: int | None = None,
) -> Dataset:
    """Read the dataset (数据集) file at ``path`` (a str or Path); JSON text goes to :func:`loads_dataset`.

    ``as_of`` (aware) makes a submission later than it an error: nothing can be filed in the
    future. Raises InputError listing every problem (``max_problems``: see :func:`loads_dataset`).
    """
    if not isinstance(path, str | PathLike):
        raise FieldInvalid("path", f"load_dataset takes a file path, got {type(path).__name__}: use loads_dataset")
    if isinstance(path, str) and path.lstrip().startswith(("{", "[")):
        raise InputError(["$: load_dataset takes a file path; for JSON text use loads_dataset"], None)
    return loads_dataset(Path(path), as_of=as_of, converter=converter, max_problems=max_problems)


def loads_dataset(
    source: str | bytes | Mapping[str, Any] | Path,
    *,
    as_of: datetime | None = None,
    converter: Converter | None = None,
    max_problems: int | None = None,
) -> Dataset:
    """Read a dataset document (数据集) given as JSON text, bytes or an already parsed mapping.

    The dataset it returns is remembered as checked: analyses do not check it again.
    Raises InputError listing every problem; with ``max_problems`` N, the first N in document
    order and one at ``$`` counting the rest, the check stopping once past N records' worth
    (io/problem_cap.py: the service's cap, integrator i52 01).
    """
    require_aware(as_of)
    if max_problems is not None:
        whole_number(max_problems, "max_problems", 1, 1 << 30)
    if converter is not None:
        _converter(converter)
    try:
        try:
            dataset: Dataset | None = _load_dataset(source, as_of, converter, max_problems, fast=True)
        except _ReadStrictly:  # the fast decoder's document was not verified: read it as always,
            dataset = None  # once out of the handler: its exception's frames hold that document
        if dataset is None:
            dataset = _load_dataset(source, as_of, converter, max_problems, fast=False)
    except InputError as exc:
        _in_chinese(exc)
        raise
    finally:
        forget_ids()
    remember(dataset)
    return dataset


def _in_chinese(exc: InputError) -> None:
    """Give each problem of ``exc`` without a Chinese wording the checks' table's, where it has
    one: the document's own problems (empty, not JSON, not UTF-8, nested too deeply) are raised
    before the records' go through :func:`input_problems`, and ``details`` lacked it (i36)."""
    from softenv_core.io.workbook_messages import zh_message  # on use: see input_problems

    details = []
    for d in exc.details:
        zh = zh_message(d.message) if d.zh is None else d.zh
        details.append(d if zh == d.zh or zh == d.message else attrs.evolve(d, zh=zh))
    exc.details = tuple(details)


def _converter(converter: object) -> Converter:
    return argument(converter, BaseConverter, "converter", "a cattrs converter (io.converter.make_converter()) or None")  # type: ignore[return-value]


class _ReadStrictly(Exception):
    """The document msgspec decoded is not verified (io/json_text.fast_parse): a member count
    that differs from its text's (a name written twice, which msgspec keeps the last of without
    a word), or a problem, which the strict parse reports as it always has (a duplicate first)."""


def _load_dataset(
    source: str | bytes | Mapping[str, Any] | Path,
    as_of: datetime | None,
    converter: Converter | None,
    limit: int | None,
    *,
    fast: bool,
) -> Dataset:
    label, doc, written = _document(source, fast and converter is None)
    unmarked = not isinstance(source, str | bytes | Path)
    if written is None:
        return _read_document(label, doc, None, as_of, converter, limit, unmarked=unmarked)
    try:
        return _read_document(label, doc, written, as_of, converter, limit, unmarked=unmarked)
    except _ReadStrictly:
        raise
    except Exception:  # refused before the counts were compared: a name written twice may be
        raise _ReadStrictly from None  # why (msgspec kept its last value), and the strict parse says so first


def _read_document(
    label: str | None,
    doc: Any,
    written: int | None,
    as_of: datetime | None,
    converter: Converter | None,
    limit: int | None,
    *,
    unmarked: bool,
) -> Dataset:
    """The dataset in the parsed ``doc``. ``written``: the members its text writes when msgspec
    decoded it (json_text.fast_parse), compared with those read (``members``) before it is
    returned. ``limit``: past that many problems no more records are read, nor references
    checked. ``unmarked``: a mapping given as it is, its lone surrogates not marked by parse_json."""
    members: list[int] | None = None if written is None else [0]
    conv = converter or shared_converter()
    doc = _migrated(doc, label, written is not None)
    city, city_problems = _read_city(conv, doc)
    problems = _header_problems(doc) + city_problems
    indexed: dict[str, Numbered] = {}
    # Ids of records that failed to structure still count as known, so that one bad record
    # does not cascade into "unknown point" problems everywhere it is referred to.
    failed = _Failed()
    generated = converter is None  # a caller's own converter may structure differently: use it alone
    # Text parsed here has each lone surrogate marked (parse_json); a mapping given as it is
    # does not (``unmarked``), so its text is searched as it is structured (non-ASCII text only).
    for name, cls in COLLECTIONS:
        if limit is not None and len(problems) > limit:
            break  # the check stops: nothing more is listed
        raw = doc.get(name, [])
        indexed[name] = Numbered([])
        if not isinstance(raw, list):
            problems.append(f"$.{name}: expected a list, got {type(raw).__name__}")
            continue
        if generated:
            try:
                indexed[name] = Numbered(structure_all(cls, raw, surrogates=unmarked, members=members))
            except Exception:  # the detailed path below says what and where
                if members is not None:
                    raise _ReadStrictly from None  # partly counted; and the strict parse speaks first
            else:
                continue
        indexed[name] = _structure_each(conv, name, cls, raw, problems, failed, limit)
    stopped = limit is not None and len(problems) > limit
    if city is None and doc.get("city") is not None:
        city = _city_for_references(conv, doc.get("city"))
    if city is not None and not stopped:
        refs = check_references(city, indexed, as_of, failed.ids, failed.partial)
        # A record whose own id (or code) is unreadable may be what any unresolved reference
        # meant: one fault, one problem. The references are checked again once it is fixed.
        follow_ons = tuple(m for n in failed.unreadable for m in _FOLLOW_ONS.get(n, ()))
        problems += [r for r in refs if not any(m in r for m in follow_ons)]
    if written is not None and (problems or members is None or members[0] + _members_outside(doc) != written):
        raise _ReadStrictly
    if problems:
        raise InputError(_listed(problems, doc, limit, stopped), label)
    assert city is not None and not failed.partial
    return Dataset(city=city, **{name: tuple(indexed[name].records) for name, _ in COLLECTIONS})


def _read_city(conv: Converter, doc: Mapping[str, Any]) -> tuple[City | None, list[str]]:
    """The document's city, and its problems."""
    if "city" in doc:
        return structure_one(conv, doc["city"], City, "$.city")
    return None, [f"$.city: {MISSING}"]  # absent, not null: said as a record's missing field is (integrator i30)


def _listed(problems: list[str], doc: Any, limit: int | None, stopped: bool) -> list[InputProblem]:
    """``problems`` in document order, past ``limit`` the first of them and one counting the rest."""
    if limit is None or len(problems) <= limit:
        return document_order(input_problems(problems, doc))
    first = input_problems(first_lines(problems, limit, _MEMBER_RANK), doc)
    return [*document_order(first), more_problems(len(problems) - limit, limit, stopped)]


def _migrated(doc: Any, label: str | None, counted: bool) -> Mapping[str, Any]:
    """``doc`` at the current version (:func:`_current`). ``counted``: msgspec decoded it and its
    members are counted. A migration may add members, and so make up for a name written twice
    in the count: such a document goes to the strict parse (reviewer r32), unless every step on
    its way keeps the members as they are (io/migrations.SAME_MEMBERS: 1 to 2 states the version)."""
    current = _current(doc, label)
    if counted and current is not doc and not same_members(doc.get("version")):
        raise _ReadStrictly
    return current


def _current(doc: Any, label: str | None) -> Mapping[str, Any]:
    """The document at the current version (an older one read through its migration); an
    InputError when it is no object or its version is one no migration reads."""
    if not isinstance(doc, Mapping):
        raise InputError([f"$: expected an object, got {type(doc).__name__}"], label)
    try:
        return migrate_dataset(doc, label)
    except InputError as exc:  # its $.version problem with the Chinese wording, as the others
        raise InputError(input_problems(list(exc.problems), doc), label) from None


def _header_problems(doc: Mapping[str, Any]) -> list[str]:
    """The document's own fields: its schema, its version, and no field the schema does not know."""
    problems: list[str] = []
    # A member left out is missing, not null: "got None" read as a null the file never held.
    problems += [f"$.{name}: {MISSING}" for name in ("schema", "version") if name not in doc]
    if "schema" in doc and doc["schema"] != SCHEMA:
        problems.append(f"$.schema: expected {SCHEMA!r}, got {doc.get('schema')!r}")
    # `true` and `1.0` equal 1 in Python; the version is the integer 1, nothing that compares equal.
    if "version" in doc and (type(doc["version"]) is not int or doc["version"] != SCHEMA_VERSION):
        problems.append(f"$.version: expected {SCHEMA_VERSION}, got {doc.get('version')!r}")
    known = {"schema", "version", "city"} | {name for name, _ in COLLECTIONS}
    for key in doc:
        if key not in known:
            problems.append(f"$.{shown_key(key)}: unknown field")
    return problems


class _Failed:
    """What the records that failed to structure leave for the reference checks: their ids
    (still known), the collections whose ids could not all be read, and each record as far as
    it could be read (io/salvage.py), by collection, with its position."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()
        self.partial: dict[str, list[tuple[int, Any]]] = {}


def _structure_each(
    conv: Converter, name: str, cls: type, raw: list[Any], problems: list[str], failed: _Failed, limit: int | None
) -> Numbered:
    """One collection record by record: each problem reported, each failed record's id noted,
    until there are more than ``limit`` problems."""
    positions: list[int] = []
    records: list[Any] = []
    for i, item in enumerate(raw):
        if limit is not None and len(problems) > limit:
            break
        path = f"$.{name}[{i}]"
        record, errs = structure_one(conv, item, cls, path)
        if record is None and isinstance(item, dict):
            # The converter stops at a record's first refused validator, and a record it
            # refuses is left out of the reference checks: read the rest of it, so that the
            # clerk sees all of its problems (and the references it makes) in one run.
            partial, more = salvage(conv, item, cls, path)
            errs += [e for e in more if e not in errs]
            failed.partial.setdefault(name, []).append((i, partial))
        problems += errs
        if record is not None:
            positions.append(i)
            records.append(record)
        elif isinstance(item, dict):
            key_field = "code" if name == "counties" else "id"
            key = item.get(key_field)
            if isinstance(key, str):
                failed.ids.setdefault(name, set()).add(key)
            if not isinstance(key, str) or any(e.startswith(f"{path}.{key_field}:") for e in errs):
                failed.unreadable.add(name)
    return Numbered(records, positions)


def _city_for_references(conv: Converter, raw: Any) -> City | None:
    """A city that failed to structure (already reported), as far as the reference checks need
    it: its code, when that alone is valid. The checks read nothing else of the city."""
    if not isinstance(raw, dict):
        return None
    code = raw.get("code")
    city, _ = structure_one(conv, {"code": code, "name": "-"}, City, "$.city")
    return city


#: The problems a reference into each collection gives when it finds nothing.
_FOLLOW_ONS = {
    "points": (": unknown point ",),
    "counties": (": unknown county ", ".liaison: expected 'city' or a county code"),
    "departments": (": unknown department ", ": unknown handling unit "),
    "appraisal_rounds": (": unknown round ",),
    "roster_changes": (": unknown roster change ",),
    "nominations": (": unknown nomination ",),
}


_RECORD_AT = re.compile(r"\$\.([a-z_]+)\[(\d+)\]")
#: A record id as a problem shows it: the model's id pattern, which holds no space, no ``": "``
#: and no parenthesis, so that the ``$.path`` still ends at the first ``": "``.
_SHOWN_ID = re.compile(rf"^(\$\.[a-z_]+\[\d+\]) \({ID_PATTERN}\)")


def with_record_ids(problems: list[str], source: Any) -> list[str]:
    """Each problem about a record named by its id (or a county's code) after its position:
    ``$.points[3].enterprise.uscc: …`` → ``$.points[3] (P379902-004).enterprise.uscc: …``.

    A clerk finds a record by its id, not by counting from 0. ``source`` is the document as
    written (a mapping of lists of objects) or a Dataset; only a valid id is shown (one that
    is itself the problem, missing, not text or malformed, is not repeated). Runs only when
    there are problems.
    """
    return [p.text for p in input_problems(problems, source)]


def input_problems(problems: list[str], source: Any) -> list[InputProblem]:
    """The checks' problems (``$.path: message``) as InputError's ``details``: each with the
    id of the record its path is in, looked up in ``source`` as :func:`with_record_ids` shows
    it, and the message's Chinese wording where the checks' table has one."""
    # On use: it compiles a hundred patterns, 3 % of `softenv assess`, which words none (issue 21).
    from softenv_core.io.workbook_messages import zh_message

    out = []
    for problem in problems:
        found = InputProblem.from_text(problem)
        m = _RECORD_AT.match(found.path)
        key = None
        if m is not None:
            raw = source.get(m[1]) if isinstance(source, Mapping) else getattr(source, m[1], None)
            i = int(m[2])
            record = raw[i] if isinstance(raw, list | tuple) and i < len(raw) else None
            field = "code" if m[1] == "counties" else "id"
            key = record.get(field) if isinstance(record, Mapping) else getattr(record, field, None)
        zh = zh_message(found.message)
        out.append(
            attrs.evolve(
                found,
                record_id=key if isinstance(key, str) and _ID_MATCH(key) else found.record_id,
                zh=zh if zh != found.message else None,
            )
        )
    return out


#: The document's members in the order the schema lists them: a dataset's problems are given
#: in this order, then by record index (docs/integration.md), whatever pass found them.
_MEMBER_RANK = {name: k for k, name in enumerate(("schema", "version", "city", *(n for n, _ in COLLECTIONS)))}


def document_order(problems: list[InputProblem]) -> list[InputProblem]:
    """``problems`` in the order of their ``$.path`` in the file: the document itself, its
    members as the schema lists them (an unknown member after them), then each collection's
    records by index; problems at one place keep the order the checks found them (a stable
    sort, so the answer is deterministic), and one without a ``$.path`` comes last."""

    return sorted(problems, key=lambda p: place(p.path, _MEMBER_RANK))


def without_record_ids(problem: str) -> str:
    """The problem with the record id after its position taken out again: ``$.points[3].…``."""
    argument(problem, str, "problem", "a problem of InputError.problems (a str)")
    return _SHOWN_ID.sub(r"\1", problem, count=1)


def _document(source: Any, fast: bool) -> tuple[str | None, Any, int | None]:
    """The parsed document, for a file its name for messages, and, when the counted read decoded
    it (``fast`` and json_text.fast_parse), the number of members its text writes; a mapping as it is."""
    label = str(source) if isinstance(source, Path) else None
    if not isinstance(source, str | bytes | Path):
        return None, source, None
    # The counted read may have to read a file again: a pipe or FIFO (``/dev/stdin``) gives
    # its bytes once, so it is read once, strictly, as is everything when the strict parse
    # alone is asked for (a second read found an empty pipe, or waited for a FIFO's writer).
    if fast and isinstance(source, bytes | Path) and decoder_name() != "strict" and _rereadable(source):
        parsed = fast_parse(_read_bytes(source) if isinstance(source, Path) else source)
        if parsed is not None:
            return label, *parsed
    # The file's bytes go to parse_json as a temporary, held by nothing here: it lets go of
    # them once decoded, so that the bytes, the text and the document are never all in
    # memory at once (as with json.loads(path.read_bytes()); 280 MB less at province scale).
    if isinstance(source, Path):
        return label, parse_json(_read_bytes(source), label), None
    return None, parse_json(source, None), None


def _rereadable(source: bytes | Path) -> bool:
    """Whether ``source`` gives the same bytes when read again: bytes, or a regular file
    (not a pipe, FIFO or device; a path that cannot be read is read once, to say so)."""
    try:
        return not isinstance(source, Path) or stat.S_ISREG(source.stat().st_mode)
    except (OSError, ValueError):
        return False


def _members_outside(doc: Mapping[str, Any]) -> int:
    """The members of the document's objects outside its collections' records: its own, and
    the city's (and those of anything else it holds that is not a list of records)."""
    total = len(doc)
    for key, value in doc.items():
        if key in _COLLECTION_NAMES and type(value) is list:
            continue  # counted record by record as structured
        total += _members(value)
    return total


def _members(value: Any) -> int:
    """The members of the objects in ``value``, however deep (a stack, not recursion: msgspec
    decodes nesting 999 deep, past Python's recursion limit for a recursive count)."""
    total, todo = 0, [value]
    while todo:
        item = todo.pop()
        if type(item) is dict:
            total += len(item)
            todo.extend(item.values())
        elif type(item) is list:
            todo.extend(item)
    return total


_COLLECTION_NAMES = frozenset(name for name, _ in COLLECTIONS)


def _read_bytes(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except OSError as exc:
        raise InputError([f"$: cannot read {source}: {exc.strerror}"], str(source)) from None
    except ValueError:  # a path holding a NUL: no file has such a name (x35)
        raise InputError([f"$: cannot read {str(source)!r}: a file name holds no NUL character"], None) from None


def dump_dataset(dataset: Dataset, converter: Converter | None = None) -> dict[str, Any]:
    """The dataset as a JSON-ready document; ``loads_dataset(dump_dataset(d)) == d``."""
    require_dataset(dataset)
    conv = shared_converter() if converter is None else _converter(converter)
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "city": conv.unstructure(dataset.city),
    }
    for name, _ in COLLECTIONS:
        doc[name] = [conv.unstructure(r) for r in getattr(dataset, name)]
    return doc


def dataset_json(dataset: Dataset) -> str:
    """The dataset as canonical JSON text."""
    return dumps(dump_dataset(dataset))


__all__ = [
    "check_references",
    "dataset_json",
    "dataset_warnings",
    "document_order",
    "dump_dataset",
    "input_problems",
    "load_dataset",
    "loads_dataset",
    "with_record_ids",
    "without_record_ids",
]
