"""Loading a dataset document: structure every record, then check every reference.

Every problem is collected, each as ``$.path: message``, and raised together in one
:class:`~softenv_core.errors.InputError`; a record that fails to structure is reported and
left out of the reference checks, so one bad record never hides the others' problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any

from attrs import frozen
from cattrs import Converter

from softenv_core._validators import _ID_MATCH
from softenv_core.errors import InputError
from softenv_core.io.checked import remember
from softenv_core.io.converter import dumps, parse_json, shared_converter, structure_one
from softenv_core.io.migrations import migrate_dataset
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.complaints import CITY_OFFICE_UNIT, EventType, event_order_problems
from softenv_core.model.dataset import COLLECTIONS, SCHEMA, SCHEMA_VERSION, Dataset
from softenv_core.model.divisions import City
from softenv_core.model.enterprises import sector_of
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import Item
from softenv_core.workdays.calendar import YearArrangement


class Numbered:
    """Records with their positions in the document, iterated as ``(position, record)``.

    Without ``positions`` a record's position is its index: the usual case, where every
    record structured, is then a plain list and costs no pair per record.
    """

    __slots__ = ("positions", "records")

    def __init__(self, records: list[Any], positions: list[int] | None = None) -> None:
        self.records = records
        self.positions = positions

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self.positions is None:
            return enumerate(self.records)
        return zip(self.positions, self.records, strict=True)


#: Records of one collection with their positions; re-iterable (a list of pairs will do).
Indexed = Numbered | list[tuple[int, Any]]


def load_dataset(
    path: str | PathLike[str],
    *,
    as_of: datetime | None = None,
    converter: Converter | None = None,
) -> Dataset:
    """Read the dataset file at ``path`` (a str or Path); JSON text goes to :func:`loads_dataset`.

    ``as_of`` (aware) makes a submission later than it an error: nothing can be filed in the
    future. Raises InputError listing every problem.
    """
    if not isinstance(path, str | PathLike):
        raise TypeError(f"load_dataset takes a file path, got {type(path).__name__}: use loads_dataset")
    if isinstance(path, str) and path.lstrip().startswith(("{", "[")):
        raise InputError(["$: load_dataset takes a file path; for JSON text use loads_dataset"], None)
    return loads_dataset(Path(path), as_of=as_of, converter=converter)


def loads_dataset(
    source: str | bytes | Mapping[str, Any] | Path,
    *,
    as_of: datetime | None = None,
    converter: Converter | None = None,
) -> Dataset:
    """Read a dataset document given as JSON text, bytes or an already parsed mapping.

    The dataset it returns is remembered as checked: analyses do not check it again.
    Raises InputError listing every problem.
    """
    dataset = _load_dataset(source, as_of=as_of, converter=converter)
    remember(dataset)
    return dataset


def _load_dataset(
    source: str | bytes | Mapping[str, Any] | Path,
    *,
    as_of: datetime | None,
    converter: Converter | None,
) -> Dataset:
    label, source = _read(source)
    doc: Any = parse_json(source, label) if isinstance(source, str | bytes) else source
    conv = converter or shared_converter()
    problems: list[str] = []
    if not isinstance(doc, Mapping):
        raise InputError([f"$: expected an object, got {type(doc).__name__}"], label)
    doc = migrate_dataset(doc, label)  # an older version is read through its migration
    if doc.get("schema") != SCHEMA:
        problems.append(f"$.schema: expected {SCHEMA!r}, got {doc.get('schema')!r}")
    # `true` and `1.0` equal 1 in Python; the version is the integer 1, nothing that compares equal.
    if type(doc.get("version")) is not int or doc.get("version") != SCHEMA_VERSION:
        problems.append(f"$.version: expected {SCHEMA_VERSION}, got {doc.get('version')!r}")
    known = {"schema", "version", "city"} | {name for name, _ in COLLECTIONS}
    for key in doc:
        if key not in known:
            problems.append(f"$.{key}: unknown field")
    city, city_problems = structure_one(conv, doc.get("city"), City, "$.city")
    problems += city_problems
    indexed: dict[str, Numbered] = {}
    # Ids of records that failed to structure still count as known, so that one bad record
    # does not cascade into "unknown point" problems everywhere it is referred to.
    failed_ids: dict[str, set[str]] = {}
    unreadable: set[str] = set()
    fast = shared_converter(detailed=False) if converter is None else None
    for name, cls in COLLECTIONS:
        raw = doc.get(name, [])
        indexed[name] = Numbered([])
        if not isinstance(raw, list):
            problems.append(f"$.{name}: expected a list, got {type(raw).__name__}")
            continue
        if fast is not None and all(type(item) is dict for item in raw):
            try:
                indexed[name] = Numbered(fast.structure(raw, list[cls]))  # type: ignore[valid-type]
            except Exception:
                pass
            else:
                continue
        positions: list[int] = []
        records: list[Any] = []
        for i, item in enumerate(raw):
            record, errs = structure_one(conv, item, cls, f"$.{name}[{i}]")
            problems += errs
            if record is not None:
                positions.append(i)
                records.append(record)
            elif isinstance(item, dict):
                key_field = "code" if name == "counties" else "id"
                key = item.get(key_field)
                if isinstance(key, str):
                    failed_ids.setdefault(name, set()).add(key)
                if not isinstance(key, str) or any(e.startswith(f"$.{name}[{i}].{key_field}:") for e in errs):
                    unreadable.add(name)
        indexed[name] = Numbered(records, positions)
    if city is not None:
        refs = check_references(city, indexed, as_of, failed_ids)
        # A record whose own id (or code) is unreadable may be what any unresolved reference
        # meant: one fault, one problem. The references are checked again once it is fixed.
        follow_ons = tuple(m for n in unreadable for m in _FOLLOW_ONS.get(n, ()))
        problems += [r for r in refs if not any(m in r for m in follow_ons)]
    if problems:
        raise InputError(with_record_ids(problems, doc), label)
    assert city is not None
    return Dataset(city=city, **{name: tuple(indexed[name].records) for name, _ in COLLECTIONS})


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
_SHOWN_ID = re.compile(r"^(\$\.[a-z_]+\[\d+\]) \([A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\)")


def with_record_ids(problems: list[str], source: Any) -> list[str]:
    """Each problem about a record named by its id (or a county's code) after its position:
    ``$.points[3].enterprise.uscc: …`` → ``$.points[3] (P379902-004).enterprise.uscc: …``.

    A clerk finds a record by its id, not by counting from 0. ``source`` is the document as
    written (a mapping of lists of objects) or a Dataset; only a valid id is shown (one that
    is itself the problem, missing, not text or malformed, is not repeated). Runs only when
    there are problems.
    """
    out = []
    for problem in problems:
        m = _RECORD_AT.match(problem)
        if m is not None:
            raw = source.get(m[1]) if isinstance(source, Mapping) else getattr(source, m[1], None)
            i = int(m[2])
            record = raw[i] if isinstance(raw, list | tuple) and i < len(raw) else None
            field = "code" if m[1] == "counties" else "id"
            key = record.get(field) if isinstance(record, Mapping) else getattr(record, field, None)
            if isinstance(key, str) and _ID_MATCH(key):
                problem = f"{m[0]} ({key}){problem[m.end() :]}"
        out.append(problem)
    return out


def without_record_ids(problem: str) -> str:
    """The problem with the record id after its position taken out again: ``$.points[3].…``."""
    return _SHOWN_ID.sub(r"\1", problem, count=1)


def _read(source: Any) -> tuple[str | None, Any]:
    """A file's bytes and its name for messages; anything else as it is, unnamed."""
    if not isinstance(source, Path):
        return None, source
    try:
        return str(source), source.read_bytes()
    except OSError as exc:
        raise InputError([f"$: cannot read {source}: {exc.strerror}"], str(source)) from None


def dump_dataset(dataset: Dataset, converter: Converter | None = None) -> dict[str, Any]:
    """The dataset as a JSON-ready document; ``loads_dataset(dump_dataset(d)) == d``."""
    conv = converter or shared_converter()
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


def _duplicates(name: str, records: Indexed, key: Callable[[Any], Any], what: str = "id") -> list[str]:
    keys = [key(r) for _, r in records]
    if len(set(keys)) == len(keys):  # the usual case: no need to find where
        return []
    first: dict[Any, int] = {}
    out = []
    for (i, _), k in zip(records, keys, strict=True):
        at = first.setdefault(k, i)
        if at != i:
            out.append(f"$.{name}[{i}].{what}: duplicate {what} {k!r} (first at $.{name}[{at}])")
    return out


def _items(path: str, items: Iterable[Item], departments: set[str], points: set[str]) -> list[str]:
    out = []
    for j, item in enumerate(items):
        if item.department is not None and item.department not in departments:
            out.append(f"{path}[{j}].department: unknown department {item.department!r}")
        if item.point is not None and item.point not in points:
            out.append(f"{path}[{j}].point: unknown point {item.point!r}")
    return out


@frozen
class _Ref:
    """A field that names a record of another collection: ``target``'s ids must hold it."""

    field: str
    target: str  # counties | departments | points | appraisal_rounds | nominations
    what: str  # how the message names the target, e.g. "unknown county '379999'"
    optional: bool = False  # None is allowed


@frozen
class _Known:
    """What the checks of one record may consult: the ids of every collection and more."""

    city: City
    ids: Mapping[str, set[str]]  # by collection name; ids of records that failed included
    as_of: datetime | None
    changes: Mapping[str, Any]  # roster changes by id
    # How many items each contact and report raised (a report's latest amendment counts):
    # a follow-up names the record and the item's position in it.
    raised: Mapping[str, Mapping[str, int]]


Extra = Callable[[str, Any, _Known], Iterable[str]]


@frozen
class _Checks:
    """The checks of one collection: unique keys, references, and checks beyond references."""

    name: str
    unique: tuple[tuple[str, Callable[[Any], Any]], ...] = (("id", lambda r: r.id),)
    refs: tuple[_Ref, ...] = ()
    extra: Extra | None = None


def _county_code(path: str, c: Any, k: _Known) -> Iterator[str]:
    if not c.code.startswith(k.city.prefix) or c.code.endswith("00"):
        yield f"{path}.code: {c.code} is not a county of city {k.city.code}"


def _contact_checks(path: str, c: Any, k: _Known) -> Iterator[str]:
    if c.liaison != CITY_LIAISON and c.liaison not in k.ids["counties"]:
        yield f"{path}.liaison: expected 'city' or a county code, got {c.liaison!r}"
    if c.items:  # most contacts raise nothing: skip the call
        yield from _items(f"{path}.items", c.items, k.ids["departments"], k.ids["points"])


def _report_checks(path: str, r: Any, k: _Known) -> Iterator[str]:
    if r.submitted_at < r.month.end:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is before month {r.month} has ended"
    if k.as_of is not None and r.submitted_at > k.as_of:
        yield f"{path}.submitted_at: {r.submitted_at.isoformat()} is in the future"
    yield from _items(f"{path}.items", r.items, k.ids["departments"], k.ids["points"])
    previous = r.submitted_at
    for j, a in enumerate(r.amendments):
        if a.submitted_at < previous:
            yield f"{path}.amendments[{j}].submitted_at: earlier than the submission before it"
        previous = a.submitted_at
        yield from _items(f"{path}.amendments[{j}].items", a.items, k.ids["departments"], k.ids["points"])


_OTHER_UNITS = (CITY_OFFICE_UNIT, None)  # 市软建办 itself; None: the model's own check


def _complaint_checks(path: str, c: Any, k: _Known) -> Iterator[str]:
    for j, msg in event_order_problems(c):
        yield f"{path}.events[{j}]: {msg}"
    for j, ev in enumerate(c.events):
        if ev.type is EventType.ASSIGNED and ev.unit not in k.ids["departments"] and ev.unit not in _OTHER_UNITS:
            yield f"{path}.events[{j}].unit: unknown handling unit {ev.unit!r}"


def _round_checks(path: str, r: Any, _k: _Known) -> Iterator[str]:
    if r.closed < r.opened:
        yield f"{path}.closed: before opened"


def _rating_checks(path: str, r: Any, k: _Known) -> Iterator[str]:
    if r.group is RaterGroup.POINT and r.rater not in k.ids["points"]:
        yield f"{path}.rater: unknown point {r.rater!r}"


def _filing_checks(path: str, f: Any, k: _Known) -> Iterator[str]:
    for j, cid in enumerate(f.changes):
        change = k.changes.get(cid)
        if change is None:
            yield f"{path}.changes[{j}]: unknown roster change {cid!r}"
        elif change.county != f.county:
            yield f"{path}.changes[{j}]: change {cid!r} belongs to county {change.county}"


def _topic_checks(path: str, t: Any, k: _Known) -> Iterator[str]:
    if t.owner != CITY_LIAISON and t.owner not in k.ids["counties"]:
        yield f"{path}.owner: expected 'city' or a county code, got {t.owner!r}"
    for j, rid in enumerate(t.evidence):
        if rid not in k.ids["contacts"] and rid not in k.ids["reports"] and rid not in k.ids["complaints"]:
            yield f"{path}.evidence[{j}]: unknown contact, report or complaint {rid!r}"
    for j, m in enumerate(t.measures):
        if m.department is not None and m.department not in k.ids["departments"]:
            yield f"{path}.measures[{j}].department: unknown department {m.department!r}"


def _followup_checks(path: str, f: Any, k: _Known) -> Iterator[str]:
    source = f.source.value  # contact | report
    count = k.raised[source].get(f.record)
    if count is None and f.record not in k.ids[source + "s"]:
        yield f"{path}.record: unknown {source} {f.record!r}"
    elif count is not None and f.item >= count:
        yield f"{path}.item: {source} {f.record!r} has {count} item(s), no item {f.item}"


_COUNTY = _Ref("county", "counties", "county")
_POINT = _Ref("point", "points", "point")

#: Every collection's checks, in the order their problems are reported. A declarative table
#: (the one function over 60 lines it replaced read the same rule twelve times).
CHECKS: tuple[_Checks, ...] = (
    _Checks("counties", unique=(("code", lambda c: c.code),), extra=_county_code),
    _Checks("departments", refs=(_Ref("county", "counties", "county", optional=True),)),
    _Checks("points", refs=(_COUNTY,)),
    _Checks("contacts", refs=(_POINT,), extra=_contact_checks),
    _Checks(
        "reports",
        unique=(("id", lambda r: r.id), ("month", lambda r: (r.county, str(r.month)))),
        refs=(_COUNTY,),
        extra=_report_checks,
    ),
    _Checks(
        "complaints",
        refs=(_POINT, _Ref("department", "departments", "department", optional=True)),
        extra=_complaint_checks,
    ),
    _Checks(
        "appraisal_rounds",
        unique=(("id", lambda r: r.id), ("period", lambda r: str(r.period))),
        extra=_round_checks,
    ),
    _Checks(
        "ratings",
        unique=(("rater", lambda r: (r.round, r.rater, r.department)),),
        refs=(_Ref("round", "appraisal_rounds", "round"), _Ref("department", "departments", "department")),
        extra=_rating_checks,
    ),
    _Checks("roster_changes", refs=(_POINT, _COUNTY)),
    _Checks("filings", refs=(_COUNTY,), extra=_filing_checks),
    _Checks("waivers", refs=(_COUNTY,)),
    _Checks("nominations", refs=(_COUNTY, _POINT)),
    _Checks("decisions", refs=(_Ref("nomination", "nominations", "nomination"),)),
    _Checks("research_topics", extra=_topic_checks),
    _Checks(
        "followups",
        refs=(_Ref("department", "departments", "department", optional=True),),
        extra=_followup_checks,
    ),
    _Checks(
        "adjustment_suggestions",
        refs=(
            _Ref("department", "departments", "department"),
            _COUNTY,
            _Ref("point", "points", "point", optional=True),
        ),
    ),
    _Checks("work_plans", refs=(_COUNTY,)),
    _Checks("publicity", refs=(_COUNTY,)),
)

# Collections whose ids some check consults beyond the references of the table.
_CONSULTED = ("counties", "departments", "contacts", "reports", "complaints")


def check_references(
    city: City,
    ix: Mapping[str, Indexed],
    as_of: datetime | None = None,
    failed_ids: Mapping[str, set[str]] | None = None,
) -> list[str]:
    """Duplicate ids, dangling references, impossible orders; each as ``$.path: message``.

    ``failed_ids`` are ids of records already reported as invalid; references to them are
    not reported again. The checks themselves are the table :data:`CHECKS`.
    """
    failed = failed_ids or {}
    targets = {r.target for checks in CHECKS for r in checks.refs} | set(_CONSULTED)
    ids = {
        name: {r.code if name == "counties" else r.id for _, r in ix[name]} | failed.get(name, set())
        for name in sorted(targets)
    }
    raised = {
        "contact": {c.id: len(c.items) for _, c in ix["contacts"]},
        "report": {r.id: len(r.amendments[-1].items if r.amendments else r.items) for _, r in ix["reports"]},
    }
    known = _Known(city, ids, as_of, {c.id: c for _, c in ix["roster_changes"]}, raised)
    p: list[str] = []
    for checks in CHECKS:
        records = ix[checks.name]
        for what, key in checks.unique:
            p += _duplicates(checks.name, records, key, what)
        for i, record in records:
            path = f"$.{checks.name}[{i}]"
            for ref in checks.refs:
                value = getattr(record, ref.field)
                if value not in ids[ref.target] and not (ref.optional and value is None):
                    p.append(f"{path}.{ref.field}: unknown {ref.what} {value!r}")
            if checks.extra is not None:
                p.extend(checks.extra(path, record, known))
    return p


def dataset_warnings(dataset: Dataset) -> list[str]:
    """Findings that are not errors: a declared size the figures contradict, a credit code
    registered in another county (the enterprise may have moved), a sector its industry contradicts."""
    out = []
    for i, pt in enumerate(dataset.points):
        e = pt.enterprise
        check = e.size_check()
        if check.size is not None and check.size is not e.size:
            out.append(
                f"$.points[{i}] ({pt.id}).enterprise.size: declared {e.size.zh} but the figures give "
                f"{check.size.zh} ({check.reason}; {check.method_version})"
            )
        region = e.registration_region
        if region != pt.county and region[:4] == dataset.city.prefix:
            out.append(
                f"$.points[{i}] ({pt.id}).enterprise.uscc: registered in {region}, designated in {pt.county} (moved?)"
            )
        if e.industry is not None:
            derived = sector_of(e.industry)
            if derived is not None and derived is not e.sector:
                out.append(
                    f"$.points[{i}] ({pt.id}).enterprise.sector: declared {e.sector.zh} but industry "
                    f"{e.industry} gives {derived.zh}"
                )
    return out


CALENDAR_SCHEMA = "softenv.calendar"


def load_arrangements(source: str | bytes | Path) -> tuple[YearArrangement, ...]:
    """Read supplied official arrangements (State Council notices) from a calendar file:
    ``{"schema": "softenv.calendar", "arrangements": [{"year", "reference", "holidays", "workdays"}]}``."""
    label = None
    if isinstance(source, Path):
        label = str(source)
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise InputError([f"$: cannot read {label}: {exc.strerror}"], label) from None
    doc = parse_json(source, label)
    if not isinstance(doc, dict) or doc.get("schema") != CALENDAR_SCHEMA:
        raise InputError([f"$.schema: expected {CALENDAR_SCHEMA!r}"], label)
    raw = doc.get("arrangements")
    if not isinstance(raw, list):
        raise InputError(["$.arrangements: expected a list"], label)
    conv = shared_converter()
    out, problems = [], []
    for i, item in enumerate(raw):
        arr, errs = structure_one(conv, item, YearArrangement, f"$.arrangements[{i}]")
        problems += errs
        if arr is not None:
            out.append(arr)
    years = [a.year for a in out]
    problems += [f"$.arrangements: year {y} given twice" for y in sorted(set(years)) if years.count(y) > 1]
    if problems:
        raise InputError(problems, label)
    return tuple(out)


__all__ = [
    "CALENDAR_SCHEMA",
    "check_references",
    "dataset_json",
    "dataset_warnings",
    "dump_dataset",
    "load_arrangements",
    "load_dataset",
    "loads_dataset",
    "with_record_ids",
    "without_record_ids",
]
