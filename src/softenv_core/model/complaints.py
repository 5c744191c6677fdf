"""Direct feedback to 市软建办 (投诉, 举报, 意见建议) and the events of its handling."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import evolve, field, frozen

from softenv_core._validators import (
    LabelledEnum,
    aware,
    identifier,
    member_of,
    name_tuple_errors,
    optional_text,
    text,
    to_tuple,
)
from softenv_core.model.periods import fixed_offsets, since_epoch
from softenv_core.model.reports import ItemCategory


class ComplaintKind(LabelledEnum):
    """Kind of direct feedback (直接反映)."""

    COMPLAINT = ("complaint", "投诉")
    REPORT = ("report", "举报")
    SUGGESTION = ("suggestion", "意见建议")


class EventType(LabelledEnum):
    """A step of a complaint's handling (办理环节)."""

    RECEIVED = ("received", "收到")
    ACCEPTED = ("accepted", "受理")
    REJECTED = ("rejected", "不予受理")
    ASSIGNED = ("assigned", "交办")
    RETURNED = ("returned", "退回")
    SIGNED = ("signed", "签收")
    EXTENDED = ("extended", "延期")
    SUPERVISED = ("supervised", "督办")
    RESOLVED = ("resolved", "办结")
    FOLLOWED_UP = ("followed_up", "回访")
    REOPENED = ("reopened", "重办")
    CLOSED = ("closed", "结案")
    #: The complainant (the point) withdraws the complaint before it is resolved: it is finished,
    #: its open step ended without being done (docs/complaints.md "Withdrawn").
    WITHDRAWN = ("withdrawn", "撤回")


class Satisfaction(LabelledEnum):
    """The complainant's rating at follow-up (回访)."""

    SATISFIED = ("satisfied", "满意")
    BASICALLY = ("basically", "基本满意")
    UNSATISFIED = ("unsatisfied", "不满意")


class Verdict(LabelledEnum):
    """What the handling found about the matter complained of (查实情况)."""

    SUBSTANTIATED = ("substantiated", "属实")
    PARTLY = ("partly", "部分属实")
    UNSUBSTANTIATED = ("unsubstantiated", "不属实")
    FALSE = ("false", "虚假")
    MALICIOUS = ("malicious", "恶意")


CITY_OFFICE_UNIT = "city-office"  # 市软建办 handling a complaint itself

# The step checks' refusals, named so that the Chinese table (io/event_words.py) and the
# loader's placing of each at the field to fill (io/references.py) match them, not a copy.
NEEDS_UNIT = "assigned needs the handling unit"
OFFICE_AFTER_TWO_RETURNS = f"after two returns 市软建办 handles it itself (unit {CITY_OFFICE_UNIT!r})"
NEEDS_EXTENSION_DAYS = "extended needs extension_days >= 1"
NEEDS_RATING = "followed_up needs a satisfaction rating"
REOPENED_TWICE = "a complaint is reopened at most once"
REOPENED_NOT_UNSATISFIED = "reopened only after a follow-up rated unsatisfied (不满意)"


@frozen
class ComplaintEvent:
    """One event of a complaint (办理记录), with its time, actor and note."""

    type: EventType = field(validator=member_of(EventType))
    at: datetime = field(validator=aware)
    actor: str = field(validator=text(100))
    note: str | None = field(default=None, validator=optional_text())
    unit: str | None = None  # ASSIGNED: the handling unit (承办单位, a department id)
    satisfaction: Satisfaction | None = None  # FOLLOWED_UP
    verdict: Verdict | None = None  # RESOLVED
    extension_days: int | None = None  # EXTENDED: working days granted


@frozen(field_transformer=name_tuple_errors)
class Complaint:
    """Direct feedback (直接反馈) from a point to 市软建办, put into the complaint mechanism."""

    id: str = field(validator=identifier)
    kind: ComplaintKind = field(validator=member_of(ComplaintKind))
    point: str = field(validator=identifier)  # the complainant: confidential (see protection)
    department: str | None  # the department complained about, if any
    category: ItemCategory = field(validator=member_of(ItemCategory))
    text: str = field(validator=text(10000))
    consent_to_disclose: bool = False
    events: tuple[ComplaintEvent, ...] = field(default=(), converter=to_tuple)

    @property
    def received_at(self) -> datetime | None:
        return self.events[0].at if self.events else None

    @property
    def verdict(self) -> Verdict | None:
        """The verdict of the last resolution, if any: None before any resolution, and None when
        the last one recorded none. A complaint reopened and resolved again without a verdict
        has no finding: the earlier one, contested at the reopening, does not come back
        (auditor r3 01; it used to, as the last resolution *with* a verdict)."""
        # From the end: the last resolution is near it (an assessment asks 300,000 times).
        for e in reversed(self.events):
            if e.type is _RESOLVED:
                return e.verdict
        return None

    @property
    def reopened_at(self) -> datetime | None:
        """When it was reopened (重办) after its last resolution and not resolved again since:
        its re-handling is pending, None otherwise (never reopened, or resolved again)."""
        # From the end: whichever of the two comes last decides.
        for e in reversed(self.events):
            if e.type is _REOPENED:
                return e.at
            if e.type is _RESOLVED:
                return None
        return None

    @property
    def found_false(self) -> bool:
        """Found false or malicious (虚假 / 恶意) at its last resolution, and not reopened since:
        a reopened complaint is being handled again, its earlier finding contested (不满意), and
        what is not yet decided counts neither for nor against (DESIGN "An explicit instant")
        until the new resolution, whose verdict then counts (auditor t9 08)."""
        return _found_false(self.events, len(self.events))

    def found_false_at(self, instant: datetime) -> bool:
        """:attr:`found_false` as it stood at ``instant`` (``known_at(instant).found_false``),
        without the copy: the monthly report asks it of a month's complaints still being handled."""
        return _found_false(self.events, _known(self.events, instant))

    @property
    def false_found_at(self) -> datetime | None:
        """When it was found false or malicious: its last resolution, when that found it 虚假 or
        恶意 and no reopening (重办) followed; None otherwise. A complaint found false, reopened
        and found false again is found so at the new resolution: the earlier finding, contested,
        stopped counting at the reopening (:attr:`found_false`), and the new verdict counts, in
        its own year (auditor t9 08). A false complaint counts in the year of this moment (city
        decision, docs/rules.md "Which year a false complaint counts in")."""
        if not self.found_false:
            return None
        return next(e.at for e in reversed(self.events) if e.type is EventType.RESOLVED)

    def known_at(self, instant: datetime) -> Complaint:
        """The complaint as it stood at ``instant``: its events up to and including it.

        An analysis that speaks for an instant (``as_of``) reads verdicts, follow-ups and every
        other step through this, so that a verdict reached later counts neither for nor against
        (DESIGN "An explicit instant"). The events are in order (validation refuses an event
        earlier than the one before), so what stood is a prefix; the complaint itself when no
        event is later, which is the common case and costs one comparison.
        """
        kept = _known(self.events, instant)
        return self if kept == len(self.events) else evolve(self, events=self.events[:kept])


# Bound once: the verdict properties compare every event of a complaint with these.
_RESOLVED, _REOPENED = EventType.RESOLVED, EventType.REOPENED
_FALSE_VERDICTS = (Verdict.FALSE, Verdict.MALICIOUS)


def _known(events: tuple[ComplaintEvent, ...], instant: datetime) -> int:
    """How many of ``events`` stood at ``instant``: those up to and including it (a prefix, the
    events being in order; all of them, in one comparison, when none is later)."""
    if not events or events[-1].at <= instant:
        return len(events)
    kept = 0
    while kept < len(events) and events[kept].at <= instant:
        kept += 1
    return kept


def _found_false(events: tuple[ComplaintEvent, ...], n: int) -> bool:
    """Whether the first ``n`` events leave a complaint found false or malicious: the last
    resolution's verdict, unless a reopening came after it. One scan from the end, what
    ``verdict in _FALSE_VERDICTS and reopened_at is None`` reads in two."""
    for i in range(n - 1, -1, -1):
        kind = events[i].type
        if kind is _REOPENED:
            return False  # reopened after its last resolution: the finding is contested
        if kind is _RESOLVED:
            return events[i].verdict in _FALSE_VERDICTS
    return False


# The order in which events may follow one another; SUPERVISED may come at any open step.
# The complainant may withdraw (撤回) a complaint not yet resolved, at any step before the
# resolution; a resolved one is decided, and its follow-up and closing go on (auditor a58 04).
# 市软建办 may find a ticket out of scope (不予受理) at its receipt, or after a unit returned it
# (退回, 待交办), when it then sees it is no matter for the mechanism (auditor a58 04).
_WITHDRAWN = EventType.WITHDRAWN
_NEXT: dict[EventType | None, frozenset[EventType]] = {
    None: frozenset({EventType.RECEIVED}),
    EventType.RECEIVED: frozenset({EventType.ACCEPTED, EventType.REJECTED, _WITHDRAWN}),
    EventType.ACCEPTED: frozenset({EventType.ASSIGNED, _WITHDRAWN}),
    EventType.ASSIGNED: frozenset({EventType.SIGNED, EventType.RETURNED, _WITHDRAWN}),
    EventType.RETURNED: frozenset({EventType.ASSIGNED, EventType.REJECTED, _WITHDRAWN}),
    EventType.SIGNED: frozenset({EventType.EXTENDED, EventType.RESOLVED, _WITHDRAWN}),
    EventType.EXTENDED: frozenset({EventType.RESOLVED, _WITHDRAWN}),
    EventType.RESOLVED: frozenset({EventType.FOLLOWED_UP}),
    EventType.FOLLOWED_UP: frozenset({EventType.CLOSED, EventType.REOPENED}),
    EventType.REOPENED: frozenset({EventType.EXTENDED, EventType.RESOLVED, _WITHDRAWN}),
    EventType.REJECTED: frozenset(),
    EventType.CLOSED: frozenset(),
    _WITHDRAWN: frozenset(),
}
# "Supervision (督办) may come at any open step" (docs/complaints.md): from receipt (the accept
# step, which has a limit and may be overdue) to the closing after a follow-up (待结案). It was
# refused while the complaint was received or followed up, so an overdue acceptance showed 督办
# due in every report with no way to record it (auditor a30).
_SUPERVISABLE = frozenset(
    {
        EventType.RECEIVED,
        EventType.ACCEPTED,
        EventType.ASSIGNED,
        EventType.RETURNED,
        EventType.SIGNED,
        EventType.EXTENDED,
        EventType.REOPENED,
        EventType.RESOLVED,
        EventType.FOLLOWED_UP,
    }
)


# The same tables by value (text): the order is checked for every event of every complaint
# when a province is loaded (400,000 events), and an enum member hashes in Python, its text in C.
_NEXT_BY_VALUE: dict[str | None, frozenset[str]] = {
    (None if k is None else k.value): frozenset(t.value for t in v) for k, v in _NEXT.items()
}
_SUPERVISABLE_BY_VALUE = frozenset(t.value for t in _SUPERVISABLE)
#: Events with no check of their own beyond their place in the order.
_PLAIN = frozenset(t.value for t in (EventType.RECEIVED, EventType.ACCEPTED, EventType.REJECTED, EventType.SIGNED))
_PLAIN |= {EventType.RESOLVED.value, EventType.CLOSED.value, EventType.WITHDRAWN.value}


#: A third return (auditor a65 02): the ticket is then 市软建办's own, assigned to itself, and a
#: return would leave it waiting to be assigned (待交办, no limit) for ever, never overdue, no 督办.
#: Named, as the other step refusals are, for its Chinese (io/event_words.py) and its cell.
THIRD_RETURN = (
    f"a third return: after two returns 市软建办 handles the complaint itself (unit {CITY_OFFICE_UNIT!r}) "
    "and has no one to return it to; record its signing (signed)"
)


#: An event stamped before the one listed before it (event_order_problems: ``signed at … {EARLIER},
#: assigned at …``); the loader places it at the event's ``at`` (the workbook's 时间 cell: c58 02).
EARLIER = "is earlier than the event before it"


def event_order_problems(complaint: Complaint) -> list[tuple[int, str]]:
    """Impossible event orders as ``(event index, message)``; empty when the history is possible."""
    problems: list[tuple[int, str]] = []
    state: str | None = None  # the value of the last event that moved the complaint on
    previous_at: Any = None  # the moment before (a datetime, or a duration when not exact)
    previous: ComplaintEvent | None = None  # the event before, named beside one earlier than it
    # No count of extensions: one per resolve step is the order's (extended follows signed or
    # reopened only), and the complaint's one is the first *applied*, which needs the due moment
    # and the limits (analyses/complaint_due.extend decides it; auditor a82 05).
    returns = reopenings = 0
    last_satisfaction: Satisfaction | None = None
    # A complaint with a summer-time zone compares its events as durations (see EPOCH).
    exact = fixed_offsets(e.at for e in complaint.events)
    for i, ev in enumerate(complaint.events):
        kind: str = ev.type._value_
        at: Any = ev.at if exact else since_epoch(ev.at)
        if previous is not None and at < previous_at:
            before = f"{previous.type._value_} at {previous.at.isoformat()}"
            problems.append((i, f"{kind} at {ev.at.isoformat()} {EARLIER}, {before}"))
        previous_at, previous = at, ev
        if (
            ev.unit is not None
            or ev.satisfaction is not None
            or ev.verdict is not None
            or ev.extension_days is not None
        ):
            problems.extend((i, message) for message in _misplaced(ev, kind))  # one its type does not carry
        if kind == "supervised":
            if state not in _SUPERVISABLE_BY_VALUE:
                problems.append((i, f"supervised cannot come when the complaint is {_name(state)}"))
            continue
        if kind not in _NEXT_BY_VALUE[state]:
            allowed = ", ".join(sorted(_NEXT_BY_VALUE[state])) or "nothing (it is finished)"
            problems.append((i, f"{kind} cannot follow {_name(state)}; allowed: {allowed}"))
            continue
        state = kind
        if kind in _PLAIN:
            continue
        if kind == "assigned" and not ev.unit:
            problems.append((i, NEEDS_UNIT))
        if kind == "assigned" and returns >= 2 and ev.unit != CITY_OFFICE_UNIT:
            problems.append((i, OFFICE_AFTER_TWO_RETURNS))
        if kind == "returned":
            returns += 1
            if returns > 2:
                problems.append((i, THIRD_RETURN))
        if kind == "extended" and (not ev.extension_days or ev.extension_days < 1):
            problems.append((i, NEEDS_EXTENSION_DAYS))
        if kind == "followed_up":
            if ev.satisfaction is None:
                problems.append((i, NEEDS_RATING))
            last_satisfaction = ev.satisfaction
        if kind == "reopened":
            reopenings += 1
            if reopenings > 1:
                problems.append((i, REOPENED_TWICE))
            if last_satisfaction is not Satisfaction.UNSATISFIED:
                problems.append((i, REOPENED_NOT_UNSATISFIED))
    return problems


#: The fields one type of event alone carries (docs/data-format.md "ComplaintEvent"), by field:
#: the type's value and its words. Given on another type the value is read by no step and was
#: dropped without a word (a 虚假 on a 撤回 row: auditor a60 05); extension_days was refused so
#: first (platform t3/10). Refused at the field, in JSON, the workbook and Python alike.
CARRIED_BY = {
    "unit": ("assigned", "an assigned event (交办)"),
    "satisfaction": ("followed_up", "a followed_up event (回访)"),
    "verdict": ("resolved", "a resolved event (办结)"),
    "extension_days": ("extended", "an extended event (延期)"),
}


def _misplaced(ev: ComplaintEvent, kind: str) -> list[str]:
    """The messages for the fields ``ev`` gives that its type ``kind`` does not carry."""
    given = (("unit", ev.unit), ("satisfaction", ev.satisfaction), ("verdict", ev.verdict))
    found = [(f, v) for f, v in (*given, ("extension_days", ev.extension_days)) if v is not None]
    return [f"{f} is given only on {CARRIED_BY[f][1]}, not on {kind}" for f, _ in found if CARRIED_BY[f][0] != kind]


def misplaced_field(message: str) -> str | None:
    """The field a message of :data:`CARRIED_BY`'s check names (None for any other message):
    the loader places the problem at that field (``$.complaints[0].events[4].verdict``)."""
    field = message.split(" ", 1)[0]
    return field if field in CARRIED_BY and message.startswith(f"{field} is given only on ") else None


def _name(state: str | None) -> str:
    return "not yet received" if state is None else state


__all__ = [
    "CITY_OFFICE_UNIT",
    "EARLIER",
    "NEEDS_EXTENSION_DAYS",
    "NEEDS_RATING",
    "NEEDS_UNIT",
    "OFFICE_AFTER_TWO_RETURNS",
    "REOPENED_NOT_UNSATISFIED",
    "REOPENED_TWICE",
    "THIRD_RETURN",
    "Complaint",
    "ComplaintEvent",
    "ComplaintKind",
    "EventType",
    "Satisfaction",
    "Verdict",
    "event_order_problems",
    "misplaced_field",
]
