"""Loading a dataset document: structure every record, then check every reference.

Every problem is collected, each as ``$.path: message``, and raised together in one
:class:`~softenv_core.errors.InputError`; a record that fails to structure is reported and
left out of the reference checks, so one bad record never hides the others' problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from cattrs import Converter

from softenv_core._perf import paused_gc
from softenv_core.errors import InputError
from softenv_core.io.converter import dumps, make_converter, parse_json, structure_one
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
    source: str | bytes | Mapping[str, Any] | Path,
    *,
    as_of: datetime | None = None,
    converter: Converter | None = None,
) -> Dataset:
    """Read a dataset document (JSON text, bytes, an already parsed mapping, or a file path).

    ``as_of`` (aware) makes a submission later than it an error: nothing can be filed in the
    future. Raises InputError listing every problem.
    """
    with paused_gc():
        return _load_dataset(source, as_of=as_of, converter=converter)


def _load_dataset(
    source: str | bytes | Mapping[str, Any] | Path,
    *,
    as_of: datetime | None,
    converter: Converter | None,
) -> Dataset:
    label, source = _read(source)
    doc: Any = parse_json(source, label) if isinstance(source, str | bytes) else source
    conv = converter or make_converter()
    problems: list[str] = []
    if not isinstance(doc, Mapping):
        raise InputError([f"$: expected an object, got {type(doc).__name__}"], label)
    doc = migrate_dataset(doc, label)  # an older version is read through its migration
    if doc.get("schema") != SCHEMA:
        problems.append(f"$.schema: expected {SCHEMA!r}, got {doc.get('schema')!r}")
    if doc.get("version") != SCHEMA_VERSION:
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
    fast = make_converter(detailed=False) if converter is None else None
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
                key = item.get("code" if name == "counties" else "id")
                if isinstance(key, str):
                    failed_ids.setdefault(name, set()).add(key)
        indexed[name] = Numbered(records, positions)
    if city is not None:
        problems += check_references(city, indexed, as_of, failed_ids)
    if problems:
        raise InputError(problems, label)
    assert city is not None
    return Dataset(city=city, **{name: tuple(indexed[name].records) for name, _ in COLLECTIONS})


def _read(source: Any) -> tuple[str | None, Any]:
    """A file's bytes and its name for messages; anything else as it is, unnamed."""
    if not isinstance(source, Path):
        return None, source
    try:
        return str(source), source.read_bytes()
    except OSError as exc:
        raise InputError([f"$: cannot read {source}: {exc.strerror}"], str(source)) from None


def dump_dataset(dataset: Dataset, converter: Converter | None = None) -> dict[str, Any]:
    """The dataset as a JSON-ready document; ``load_dataset(dump_dataset(d)) == d``."""
    conv = converter or make_converter()
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


def check_references(
    city: City,
    ix: Mapping[str, Indexed],
    as_of: datetime | None = None,
    failed_ids: Mapping[str, set[str]] | None = None,
) -> list[str]:
    """Duplicate ids, dangling references, impossible orders; each as ``$.path: message``.

    ``failed_ids`` are ids of records already reported as invalid; references to them are
    not reported again.
    """
    p: list[str] = []
    failed = failed_ids or {}
    counties = {c.code for _, c in ix["counties"]} | failed.get("counties", set())
    for i, c in ix["counties"]:
        if not c.code.startswith(city.prefix) or c.code.endswith("00"):
            p.append(f"$.counties[{i}].code: {c.code} is not a county of city {city.code}")
    p += _duplicates("counties", ix["counties"], lambda c: c.code, "code")
    departments = {d.id for _, d in ix["departments"]} | failed.get("departments", set())
    p += _duplicates("departments", ix["departments"], lambda d: d.id)
    for i, d in ix["departments"]:
        if d.county is not None and d.county not in counties:
            p.append(f"$.departments[{i}].county: unknown county {d.county!r}")
    points = {pt.id for _, pt in ix["points"]} | failed.get("points", set())
    p += _duplicates("points", ix["points"], lambda pt: pt.id)
    for i, pt in ix["points"]:
        if pt.county not in counties:
            p.append(f"$.points[{i}].county: unknown county {pt.county!r}")
    p += _duplicates("contacts", ix["contacts"], lambda c: c.id)
    for i, c in ix["contacts"]:
        if c.point not in points:
            p.append(f"$.contacts[{i}].point: unknown point {c.point!r}")
        if c.liaison != CITY_LIAISON and c.liaison not in counties:
            p.append(f"$.contacts[{i}].liaison: expected 'city' or a county code, got {c.liaison!r}")
        if c.items:  # most contacts raise nothing: skip the call
            p += _items(f"$.contacts[{i}].items", c.items, departments, points)
    p += _duplicates("reports", ix["reports"], lambda r: r.id)
    p += _duplicates("reports", ix["reports"], lambda r: (r.county, str(r.month)), "month")
    for i, r in ix["reports"]:
        if r.county not in counties:
            p.append(f"$.reports[{i}].county: unknown county {r.county!r}")
        if r.submitted_at < r.month.end:
            p.append(f"$.reports[{i}].submitted_at: {r.submitted_at.isoformat()} is before month {r.month} has ended")
        if as_of is not None and r.submitted_at > as_of:
            p.append(f"$.reports[{i}].submitted_at: {r.submitted_at.isoformat()} is in the future")
        p += _items(f"$.reports[{i}].items", r.items, departments, points)
        previous = r.submitted_at
        for j, a in enumerate(r.amendments):
            if a.submitted_at < previous:
                p.append(f"$.reports[{i}].amendments[{j}].submitted_at: earlier than the submission before it")
            previous = a.submitted_at
            p += _items(f"$.reports[{i}].amendments[{j}].items", a.items, departments, points)
    p += _duplicates("complaints", ix["complaints"], lambda c: c.id)
    units = departments | {CITY_OFFICE_UNIT, None}
    for i, c in ix["complaints"]:
        if c.point not in points:
            p.append(f"$.complaints[{i}].point: unknown point {c.point!r}")
        if c.department is not None and c.department not in departments:
            p.append(f"$.complaints[{i}].department: unknown department {c.department!r}")
        for j, msg in event_order_problems(c):
            p.append(f"$.complaints[{i}].events[{j}]: {msg}")
        for j, ev in enumerate(c.events):
            if ev.type is EventType.ASSIGNED and ev.unit not in units:
                p.append(f"$.complaints[{i}].events[{j}].unit: unknown handling unit {ev.unit!r}")
    rounds = {r.id for _, r in ix["appraisal_rounds"]} | failed.get("appraisal_rounds", set())
    p += _duplicates("appraisal_rounds", ix["appraisal_rounds"], lambda r: r.id)
    p += _duplicates("appraisal_rounds", ix["appraisal_rounds"], lambda r: str(r.period), "period")
    for i, r in ix["appraisal_rounds"]:
        if r.closed < r.opened:
            p.append(f"$.appraisal_rounds[{i}].closed: before opened")
    p += _duplicates("ratings", ix["ratings"], lambda r: (r.round, r.rater, r.department), "rater")
    for i, r in ix["ratings"]:
        if r.round not in rounds:
            p.append(f"$.ratings[{i}].round: unknown round {r.round!r}")
        if r.department not in departments:
            p.append(f"$.ratings[{i}].department: unknown department {r.department!r}")
        if r.group is RaterGroup.POINT and r.rater not in points:
            p.append(f"$.ratings[{i}].rater: unknown point {r.rater!r}")
    changes = {c.id: c for _, c in ix["roster_changes"]}
    p += _duplicates("roster_changes", ix["roster_changes"], lambda c: c.id)
    for i, c in ix["roster_changes"]:
        if c.point not in points:
            p.append(f"$.roster_changes[{i}].point: unknown point {c.point!r}")
        if c.county not in counties:
            p.append(f"$.roster_changes[{i}].county: unknown county {c.county!r}")
    p += _duplicates("filings", ix["filings"], lambda f: f.id)
    for i, f in ix["filings"]:
        if f.county not in counties:
            p.append(f"$.filings[{i}].county: unknown county {f.county!r}")
        for j, cid in enumerate(f.changes):
            change = changes.get(cid)
            if change is None:
                p.append(f"$.filings[{i}].changes[{j}]: unknown roster change {cid!r}")
            elif change.county != f.county:
                p.append(f"$.filings[{i}].changes[{j}]: change {cid!r} belongs to county {change.county}")
    p += _duplicates("waivers", ix["waivers"], lambda w: w.id)
    for i, w in ix["waivers"]:
        if w.county not in counties:
            p.append(f"$.waivers[{i}].county: unknown county {w.county!r}")
    nominations = {n.id for _, n in ix["nominations"]} | failed.get("nominations", set())
    p += _duplicates("nominations", ix["nominations"], lambda n: n.id)
    for i, n in ix["nominations"]:
        if n.county not in counties:
            p.append(f"$.nominations[{i}].county: unknown county {n.county!r}")
        if n.point not in points:
            p.append(f"$.nominations[{i}].point: unknown point {n.point!r}")
    p += _duplicates("decisions", ix["decisions"], lambda d: d.id)
    for i, d in ix["decisions"]:
        if d.nomination not in nominations:
            p.append(f"$.decisions[{i}].nomination: unknown nomination {d.nomination!r}")
    p += _duplicates("research_topics", ix["research_topics"], lambda t: t.id)
    evidence = {r.id for name in ("contacts", "reports", "complaints") for _, r in ix[name]}
    evidence |= {k for name in ("contacts", "reports", "complaints") for k in failed.get(name, set())}
    for i, t in ix["research_topics"]:
        if t.owner != CITY_LIAISON and t.owner not in counties:
            p.append(f"$.research_topics[{i}].owner: expected 'city' or a county code, got {t.owner!r}")
        for j, rid in enumerate(t.evidence):
            if rid not in evidence:
                p.append(f"$.research_topics[{i}].evidence[{j}]: unknown contact, report or complaint {rid!r}")
        for j, m in enumerate(t.measures):
            if m.department is not None and m.department not in departments:
                p.append(f"$.research_topics[{i}].measures[{j}].department: unknown department {m.department!r}")
    # Follow-ups name the contact or report that raised the item, and the item's position in it.
    raised = {"contact": {c.id: len(c.items) for _, c in ix["contacts"]}}
    raised["report"] = {r.id: len(r.amendments[-1].items if r.amendments else r.items) for _, r in ix["reports"]}
    p += _duplicates("followups", ix["followups"], lambda f: f.id)
    for i, f in ix["followups"]:
        count = raised[f.source.value].get(f.record)
        if count is None and f.record not in failed.get(f.source.value + "s", set()):
            p.append(f"$.followups[{i}].record: unknown {f.source.value} {f.record!r}")
        elif count is not None and f.item >= count:
            p.append(f"$.followups[{i}].item: {f.source.value} {f.record!r} has {count} item(s), no item {f.item}")
        if f.department is not None and f.department not in departments:
            p.append(f"$.followups[{i}].department: unknown department {f.department!r}")
    p += _duplicates("adjustment_suggestions", ix["adjustment_suggestions"], lambda s: s.id)
    for i, sg in ix["adjustment_suggestions"]:
        if sg.department not in departments:
            p.append(f"$.adjustment_suggestions[{i}].department: unknown department {sg.department!r}")
        if sg.county not in counties:
            p.append(f"$.adjustment_suggestions[{i}].county: unknown county {sg.county!r}")
        if sg.point is not None and sg.point not in points:
            p.append(f"$.adjustment_suggestions[{i}].point: unknown point {sg.point!r}")
    p += _duplicates("work_plans", ix["work_plans"], lambda w: w.id)
    p += _duplicates("publicity", ix["publicity"], lambda a: a.id)
    for name in ("work_plans", "publicity"):
        for i, g in ix[name]:
            if g.county not in counties:
                p.append(f"$.{name}[{i}].county: unknown county {g.county!r}")
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
                f"$.points[{i}].enterprise.size: declared {e.size.zh} but the figures give "
                f"{check.size.zh} ({check.reason}; {check.method_version})"
            )
        region = e.registration_region
        if region != pt.county and region[:4] == dataset.city.prefix:
            out.append(f"$.points[{i}].enterprise.uscc: registered in {region}, designated in {pt.county} (moved?)")
        if e.industry is not None:
            derived = sector_of(e.industry)
            if derived is not None and derived is not e.sector:
                out.append(
                    f"$.points[{i}].enterprise.sector: declared {e.sector.zh} but industry "
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
    conv = make_converter()
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
]
