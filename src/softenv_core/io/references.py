"""The reference checks of a dataset: unique keys, references between collections, and the
checks of each collection beyond references, as the declarative table :data:`CHECKS`.

Split from io.dataset_files, which structures the records and re-exports every name here.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from operator import attrgetter
from typing import Any

from attrs import frozen

from softenv_core.io.county_checks import county_problems, office_name_problems
from softenv_core.io.designation_checks import designation_problems
from softenv_core.io.indexed import Indexed, records_of
from softenv_core.io.item_checks import item_problems, report_item_problems, report_time_problems
from softenv_core.io.nomination_checks import decision_problems, nomination_problems, submission_problems
from softenv_core.io.reference_hints import hinted
from softenv_core.io.roster_authority import authority_problems
from softenv_core.io.round_checks import round_problems
from softenv_core.io.shared_ids import shared_id_problems
from softenv_core.model import complaints as _c
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.complaints import CITY_OFFICE_UNIT, EventType, event_order_problems, misplaced_field
from softenv_core.model.divisions import City
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import ItemCategory


def _duplicates(name: str, records: Indexed, key: Callable[[Any], Any], what: str = "id") -> list[str]:
    keys = list(map(key, records_of(records)))
    if len(set(keys)) == len(keys):  # the usual case: no need to find where
        return []
    first: dict[Any, int] = {}
    out = []
    for (i, _), k in zip(records, keys, strict=True):
        at = first.setdefault(k, i)
        if at != i:
            out.append(f"$.{name}[{i}].{what}: duplicate {what} {k!r} (first at $.{name}[{at}])")
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
    nominations: Mapping[str, Any]  # nominations by id
    # How many items each contact and report raised (a report's latest amendment counts):
    # a follow-up names the record and the item's position in it.
    raised: Mapping[str, Mapping[str, int]]


Extra = Callable[[str, Any, _Known], Iterable[str]]
_NOT_OFFICE = "expected 'city' or a county code, got "


@frozen
class _Checks:
    """The checks of one collection: unique keys, references, and checks beyond references."""

    name: str
    unique: tuple[tuple[str, Callable[[Any], Any]], ...] = (("id", attrgetter("id")),)
    refs: tuple[_Ref, ...] = ()
    extra: Extra | None = None
    # Whether ``extra`` finds nothing in any of the records, answered for all of them at once
    # (a province has 600,000 ratings and 720,000 contacts, almost always without a problem);
    # when it says no, or is not given, ``extra`` runs record by record.
    clear: Callable[[list[Any], _Known], bool] | None = None


def _county_code(path: str, c: Any, k: _Known) -> Iterator[str]:
    if not c.code.startswith(k.city.prefix) or c.code.endswith("00"):
        yield f"{path}.code: {c.code} is not a county of city {k.city.code}"
    yield from office_name_problems(path, c, k.city)  # not a city office's name (auditor a76 02)


def _department_id(path: str, d: Any, _k: _Known) -> Iterator[str]:
    # 市软建办's own handling unit (承办 after two returns): a department of that id read, as its
    # own, every complaint the city office handles itself, and with consent who made it, even
    # about a bureau of that department's county (attacker x49 01).
    if d.id == CITY_OFFICE_UNIT:
        yield f"{path}.id: {CITY_OFFICE_UNIT!r} is the city office's own handling unit, not a department id"


def _contact_checks(path: str, c: Any, k: _Known) -> Iterator[str]:
    if c.liaison != CITY_LIAISON and c.liaison not in k.ids["counties"]:
        # 379920 typed for 379902 is a county's code typed wrong, not "not a county code" (c62 01)
        shaped = re.fullmatch(r"[0-9]{6}", c.liaison)
        yield f"{path}.liaison: " + (f"unknown county {c.liaison!r}" if shaped else _NOT_OFFICE + repr(c.liaison))
    if c.items:  # most contacts raise nothing: skip the call
        yield from item_problems(f"{path}.items", c.items, k.ids["departments"], k.ids["points"])


def _contacts_clear(contacts: list[Any], k: _Known) -> bool:
    offices = {CITY_LIAISON, *k.ids["counties"]}
    if not offices.issuperset(map(attrgetter("liaison"), contacts)):
        return False
    departments, points = k.ids["departments"], k.ids["points"]
    raised = [item for c in contacts if c.items for item in c.items]
    return _all_in({i.department for i in raised}, departments, True) and _all_in(
        {i.point for i in raised}, points, True
    )


def _all_in(values: set[Any], known: set[str], optional: bool) -> bool:
    """Whether every value (None aside, if ``optional``) is known."""
    if optional:
        values.discard(None)
    return values <= known


class _Parts:
    """A collection's checks beyond references in parts that need different fields: a record
    read in part (io/salvage.py) has each part checked until it needs a field not read, the
    other parts still checked. A report whose 报送时间 was refused had its items' unknown
    points and departments told only once the time was fixed (clerk c59 01)."""

    def __init__(self, *parts: Extra) -> None:
        self.parts = parts

    def __call__(self, path: str, record: Any, k: _Known) -> Iterator[str]:
        for part in self.parts:
            yield from part(path, record, k)


def _report_times(path: str, r: Any, k: _Known) -> Iterator[str]:
    return report_time_problems(path, r, k.as_of)


def _report_items(path: str, r: Any, k: _Known) -> Iterator[str]:
    return report_item_problems(path, r, k.ids["departments"], k.ids["points"])


_report_checks = _Parts(_report_times, _report_items)


_OTHER_UNITS = (CITY_OFFICE_UNIT, None)  # 市软建办 itself; None: the model's own check


#: A complaint without events has no receipt: it lies in no month, so no report, rate or score
#: would ever count it, and nothing said so (integrator i30).
NO_EVENTS = (
    "a complaint has no events: give at least its received event (收到), the moment 市软建办 "
    "received it; without it the complaint is in no month and no report, rate or score counts it"
)


#: A step check's refusal placed at the field to fill (the 办理过程 cell, not the row's id: clerk c56 02);
#: a second 重办 or one after no 不满意 at the step's type (环节), the cell to change.
_FIELD_OF = {
    _c.NEEDS_UNIT: "unit",
    _c.OFFICE_AFTER_TWO_RETURNS: "unit",
    _c.NEEDS_EXTENSION_DAYS: "extension_days",
    _c.NEEDS_RATING: "satisfaction",
    _c.REOPENED_TWICE: "type",
    _c.REOPENED_NOT_UNSATISFIED: "type",
    _c.THIRD_RETURN: "type",  # the 退回 to change to 签收
}


def _complaint_checks(path: str, c: Any, k: _Known) -> Iterator[str]:
    if not c.events:
        yield f"{path}.events: {NO_EVENTS}"
    for j, msg in event_order_problems(c):
        # a field its event's type does not carry: at that field (a60 05); a missing one at its own;
        # a time earlier than the step before at the time (the workbook's 时间 cell, not 反馈编号: c58 02)
        field = misplaced_field(msg) or _FIELD_OF.get(msg) or ("at" if _c.EARLIER in msg else None)
        yield f"{path}.events[{j}]{'.' + field if field else ''}: {msg}"
    for j, ev in enumerate(c.events):
        if ev.type is EventType.ASSIGNED and ev.unit not in k.ids["departments"] and ev.unit not in _OTHER_UNITS:
            yield f"{path}.events[{j}].unit: unknown handling unit {ev.unit!r}"


def _complaints_clear(complaints: list[Any], k: _Known) -> bool:
    assigned = EventType.ASSIGNED
    units = {ev.unit for c in complaints for ev in c.events if ev.type is assigned}
    units.discard(CITY_OFFICE_UNIT)
    return (
        _all_in(units, k.ids["departments"], True)
        and all(c.events for c in complaints)
        and not any(map(event_order_problems, complaints))
    )


def _round_checks(path: str, r: Any, _k: _Known) -> Iterator[str]:
    return round_problems(path, r)  # a round over before its period began (io/round_checks.py)


def _rating_checks(path: str, r: Any, k: _Known) -> Iterator[str]:
    if r.group is RaterGroup.POINT and r.rater not in k.ids["points"]:
        yield f"{path}.rater: unknown point {r.rater!r}"


def _ratings_clear(ratings: list[Any], k: _Known) -> bool:
    point = RaterGroup.POINT
    return k.ids["points"].issuperset([r.rater for r in ratings if r.group is point])


def _filing_checks(path: str, f: Any, k: _Known) -> Iterator[str]:
    for j, cid in enumerate(f.changes):
        change = k.changes.get(cid)
        if change is None:
            yield f"{path}.changes[{j}]: unknown roster change {cid!r}"
        elif change.county != f.county:
            yield f"{path}.changes[{j}]: change {cid!r} belongs to county {change.county}"


def _nomination_checks(path: str, n: Any, k: _Known) -> Iterator[str]:
    yield from submission_problems(path, n, k.as_of)  # io/nomination_checks.py


def _decision_checks(path: str, d: Any, k: _Known) -> Iterator[str]:
    # A generator, as every check: a record read in part raises on its unread field inside the
    # iteration, where _until_unread stops it (a call evaluated before it was not caught).
    yield from decision_problems(path, d, k.nominations.get(d.nomination))  # io/nomination_checks.py


#: A topic's category is an item category (事项类别) by value, as everywhere else.
_CATEGORIES = frozenset(c.value for c in ItemCategory)


def _topic_checks(path: str, t: Any, k: _Known) -> Iterator[str]:
    if t.owner != CITY_LIAISON and t.owner not in k.ids["counties"]:
        yield f"{path}.owner: expected 'city' or a county code, got {t.owner!r}"
    for j, rid in enumerate(t.evidence):
        if rid not in k.ids["contacts"] and rid not in k.ids["reports"] and rid not in k.ids["complaints"]:
            yield f"{path}.evidence[{j}]: unknown contact, report or complaint {rid!r}"
    if t.category is not None and t.category not in _CATEGORIES:
        yield f"{path}.category: expected one of {', '.join(sorted(_CATEGORIES))}, got {t.category!r}"
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
    _Checks("counties", unique=(("code", attrgetter("code")),), extra=_county_code),
    _Checks("departments", refs=(_Ref("county", "counties", "county", optional=True),), extra=_department_id),
    _Checks("points", refs=(_COUNTY,)),
    _Checks("contacts", refs=(_POINT,), extra=_contact_checks, clear=_contacts_clear),
    _Checks(
        "reports",
        unique=(("id", attrgetter("id")), ("month", lambda r: (r.county, str(r.month)))),
        refs=(_COUNTY,),
        extra=_report_checks,
    ),
    _Checks(
        "complaints",
        refs=(_POINT, _Ref("department", "departments", "department", optional=True)),
        extra=_complaint_checks,
        clear=_complaints_clear,
    ),
    _Checks(
        "appraisal_rounds",
        unique=(("id", attrgetter("id")), ("period", lambda r: str(r.period))),
        extra=_round_checks,
    ),
    _Checks(
        "ratings",
        unique=(("rater", attrgetter("round", "rater", "department")),),
        refs=(_Ref("round", "appraisal_rounds", "round"), _Ref("department", "departments", "department")),
        extra=_rating_checks,
        clear=_ratings_clear,
    ),
    _Checks("roster_changes", refs=(_POINT, _COUNTY)),
    _Checks("filings", refs=(_COUNTY,), extra=_filing_checks),
    # Two waivers on one county and month are allowed: one decided by a county office is data the
    # assessment ignores with a notice (rules/city/topten.city_deciders), and the city's own for
    # the same month must still load (review t3/03); two city waivers excuse the month alike.
    _Checks("waivers", refs=(_COUNTY,)),
    _Checks("nominations", refs=(_COUNTY, _POINT), extra=_nomination_checks),
    _Checks(
        "decisions",
        # A later decision on a nomination supersedes an earlier one; two the same day (the
        # decision's only precision) leave which one the city meant unknown.
        unique=(("id", attrgetter("id")), ("decided_on", lambda d: f"{d.decided_on} {d.nomination}")),
        refs=(_Ref("nomination", "nominations", "nomination"),),
        extra=_decision_checks,
    ),
    _Checks(
        "research_topics",
        refs=(_Ref("department", "departments", "department", optional=True),),
        extra=_topic_checks,
    ),
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


class _Lazy(Mapping[str, Any]):
    """A mapping whose values are made on first use: the ids of 720,000 contacts, and how many
    items each raised, are wanted only when a research topic or a follow-up names a contact."""

    def __init__(self, make: Callable[[str], Any], keys: set[str]) -> None:
        self._make, self._keys, self._made = make, keys, dict[str, Any]()

    def __getitem__(self, key: str) -> Any:
        if key not in self._made:
            if key not in self._keys:
                raise KeyError(key)
            self._made[key] = self._make(key)
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._keys))

    def __len__(self) -> int:
        return len(self._keys)


# Collections whose ids some check consults beyond the references of the table.
_CONSULTED = ("counties", "departments", "contacts", "reports", "complaints")


def check_references(
    city: City,
    ix: Mapping[str, Indexed],
    as_of: datetime | None = None,
    failed_ids: Mapping[str, set[str]] | None = None,
    partial: Mapping[str, list[tuple[int, Any]]] | None = None,
) -> list[str]:
    """Duplicate ids, dangling references, impossible orders; each as ``$.path: message``.

    ``failed_ids`` are ids of records already reported as invalid; references to them are
    not reported again. ``partial``: by collection, records that failed to structure as far
    as they were read (io/salvage.py), with their positions: checked too, each check that
    needs a field not read left out. The checks themselves are the table :data:`CHECKS`.
    """
    failed = failed_ids or {}
    targets = {r.target for checks in CHECKS for r in checks.refs} | set(_CONSULTED)

    def ids_of(name: str) -> set[str]:
        return set(map(attrgetter("code" if name == "counties" else "id"), records_of(ix[name]))) | failed.get(
            name, set()
        )

    def raised_in(source: str) -> dict[str, int]:
        if source == "contact":
            contacts = records_of(ix["contacts"])
            return dict(zip(map(attrgetter("id"), contacts), map(len, map(attrgetter("items"), contacts)), strict=True))
        return {r.id: len(r.latest_items) for _, r in ix["reports"]}

    ids = _Lazy(ids_of, targets)
    known = _Known(
        city,
        ids,
        as_of,
        {c.id: c for _, c in ix["roster_changes"]},
        {n.id: n for _, n in ix["nominations"]},
        _Lazy(raised_in, {"contact", "report"}),
    )
    p: list[str] = []
    for checks in CHECKS:
        records = ix[checks.name]
        if partial and partial.get(checks.name):  # the error path: some records read in part
            p += _with_partial(checks, records, partial[checks.name], ids, known)
            continue
        for what, key in checks.unique:
            p += _duplicates(checks.name, records, key, what)
        if not _all_clear(checks, records_of(records), ids, known):
            p += _each_record(checks, records, ids, known)
    # A point's record and its roster changes must agree on its interval (DESIGN "Who owes
    # what, when"): refused here, so that no analysis settles a disagreement one way; and
    # the checks that read the interval (an enterprise twice at once, a point rating outside it).
    p += designation_problems(ix)
    p += county_problems(ix)  # changes and reports of a county, against its records (io/county_checks.py)
    p += authority_problems(ix)  # a county's change of a 市直 point (io/roster_authority.py)
    p += shared_id_problems(ix)  # one id, one record across the collections (io/shared_ids.py)
    p += nomination_problems(ix)  # a point nominated twice by one county in a year (clerk c60 01)
    return hinted(p, ids)


def _all_clear(checks: _Checks, records: list[Any], ids: Mapping[str, set[str]], known: _Known) -> bool:
    """Whether no record of the collection can have a problem, found for all of them at once
    (set operations in C); when not, :func:`_each_record` finds which, in document order."""
    for ref in checks.refs:
        if not _all_in(set(map(attrgetter(ref.field), records)), ids[ref.target], ref.optional):
            return False
    if checks.extra is None:
        return True
    return checks.clear is not None and checks.clear(records, known)


def _each_record(checks: _Checks, records: Indexed, ids: Mapping[str, set[str]], known: _Known) -> list[str]:
    p: list[str] = []
    for i, record in records:
        path = f"$.{checks.name}[{i}]"
        for ref in checks.refs:
            value = getattr(record, ref.field)
            if value not in ids[ref.target] and not (ref.optional and value is None):
                p.append(f"{path}.{ref.field}: unknown {ref.what} {value!r}")
        if checks.extra is not None:
            p.extend(checks.extra(path, record, known))
    return p


def _with_partial(
    checks: _Checks, records: Indexed, partial: list[tuple[int, Any]], ids: Mapping[str, set[str]], known: _Known
) -> list[str]:
    """One collection's checks over its records and those read in part, in document order.

    A partial record's unread fields are unset: a key it cannot give makes it unique, a
    reference it cannot give is not checked, and its further checks stop at the first field
    they need and cannot read (what comes after needs the value it failed on, or is checked
    once it is fixed)."""
    merged = sorted([*records, *partial], key=lambda pair: pair[0])
    halves = {id(r) for _, r in partial}
    p: list[str] = []
    for what, key in checks.unique:
        p += _duplicates(checks.name, merged, _readable_key(key), what)
    for i, record in merged:
        if id(record) not in halves:
            p += _each_record(checks, [(i, record)], ids, known)
            continue
        path = f"$.{checks.name}[{i}]"
        for ref in checks.refs:
            value = getattr(record, ref.field, _UNREAD)
            if value is not _UNREAD and value not in ids[ref.target] and not (ref.optional and value is None):
                p.append(f"{path}.{ref.field}: unknown {ref.what} {value!r}")
        if checks.extra is not None:
            for part in checks.extra.parts if isinstance(checks.extra, _Parts) else (checks.extra,):
                p += _until_unread(part(path, record, known))
    return p


_UNREAD = object()  # a field of a partial record that was not read


def _readable_key(key: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(record: Any) -> Any:
        try:
            return key(record)
        except AttributeError:  # a key field not read: equal to no other record's key
            return object()

    return read


def _until_unread(found: Iterable[str]) -> list[str]:
    out: list[str] = []
    with contextlib.suppress(AttributeError):
        out.extend(found)  # extend keeps what was yielded before the generator raised
    return out
