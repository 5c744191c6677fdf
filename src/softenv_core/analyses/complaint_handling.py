"""Complaint handling (投诉办理): each step's due moment in working days, status at an
instant, supervision (督办) due, and the rates of each handling unit (承办单位).

Step limits come from ``softenv_complaint_sla`` (the city baseline, or the complainant
point's county plugin). The clock of a step starts on the day of the event that opens it;
a due day is counted in working days from it and ends at 23:59:59 Beijing time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import resolve_sla
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.engine.trace import ParamValue
from softenv_core.model.complaints import CITY_OFFICE_UNIT, Complaint, EventType, Satisfaction
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month, beijing_date
from softenv_core.workdays.calendar import WorkCalendar

#: The step each event opens, and the event that completes that step.
_OPENS = {
    EventType.RECEIVED: "accept",
    EventType.ASSIGNED: "sign",
    EventType.SIGNED: "resolve",
    EventType.REOPENED: "resolve",
    EventType.RESOLVED: "follow_up",
    EventType.FOLLOWED_UP: "close",
}
_COMPLETES = {
    "accept": (EventType.ACCEPTED, EventType.REJECTED),
    "sign": (EventType.SIGNED, EventType.RETURNED),
    "resolve": (EventType.RESOLVED,),
    "follow_up": (EventType.FOLLOWED_UP,),
    "close": (EventType.CLOSED, EventType.REOPENED),
}
STEP_ZH = {"accept": "受理", "sign": "签收", "resolve": "办结", "follow_up": "回访", "close": "结案"}


@frozen
class Step:
    """One step of a complaint: when it opened, when it was due, when (if) it was done."""

    name: str
    opened_at: datetime
    due_at: datetime | None  # None: no limit (closing after a follow-up)
    done_at: datetime | None
    unit: str | None  # the handling unit for sign / resolve
    extended_by: int = 0  # working days of an approved extension

    @property
    def on_time(self) -> bool | None:
        if self.done_at is None or self.due_at is None:
            return None
        return self.done_at <= self.due_at


@frozen
class ComplaintStatus:
    """A complaint at an instant: the open step, when it is due, how overdue, supervision."""

    complaint: str
    at: datetime
    state: str  # the last event's type, or "none"
    open_step: str | None  # None when finished (closed or rejected)
    due_at: datetime | None
    overdue_workdays: int
    supervision_due: bool
    unit: str | None
    steps: tuple[Step, ...] = field(converter=to_tuple)
    problems: tuple[str, ...] = field(default=(), converter=to_tuple)  # e.g. an extension after its due moment

    @property
    def overdue(self) -> bool:
        return self.overdue_workdays > 0


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), BEIJING)


def complaint_status(
    complaint: Complaint,
    at: datetime,
    sla: ComplaintSla,
    calendar: WorkCalendar,
    memo: dict[Any, Any] | None = None,
) -> ComplaintStatus:
    """The status of ``complaint`` at the instant ``at`` (events after it are ignored).

    ``memo`` (a dict the caller keeps, with one set of limits per complaint) remembers the
    steps worked out from the same events, so that asking again at a later instant with no
    new event (every month of a long-open complaint) only recounts the overdue days.
    """
    events: Sequence[Any] = complaint.events
    # The memo also keeps each complaint's latest event moment, under its id alone.
    latest = memo.get(complaint.id) if memo is not None else None
    if latest is None:
        latest = max((e.at for e in events), default=None)
        if memo is not None:
            memo[complaint.id] = latest
    if latest is not None and latest > at:  # otherwise every event counts: no need to filter
        events = [e for e in events if e.at <= at]
    key = (complaint.id, len(events))
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = _steps(complaint, events, sla, calendar)
        if memo is not None:
            memo[key] = found
    steps, problems, current, unit, supervised_since_open = found
    state = events[-1].type.value if events else "none"
    open_step = current.name if current is not None else None
    due_at = current.due_at if current is not None else None
    overdue = 0
    if due_at is not None and at > due_at:
        overdue = max(1, calendar.workdays_between(due_at.date(), calendar.next_workday(beijing_date(at))))
    return ComplaintStatus(
        complaint.id,
        at,
        state,
        open_step,
        due_at,
        overdue,
        overdue > 0 and not supervised_since_open,
        unit,
        steps,
        problems,
    )


def _steps(
    complaint: Complaint, events: Sequence[Any], sla: ComplaintSla, calendar: WorkCalendar
) -> tuple[tuple[Step, ...], tuple[str, ...], Step | None, str | None, bool]:
    steps: list[Step] = []
    problems: list[str] = []
    current: Step | None = None
    unit: str | None = None
    supervised_since_open = False
    for ev in events:
        if ev.type is EventType.SUPERVISED:
            supervised_since_open = True
            continue
        if ev.type is EventType.EXTENDED and current is not None and current.name == "resolve":
            days = ev.extension_days or 0
            if current.due_at is not None and ev.at > current.due_at:
                problems.append(f"extension at {ev.at.isoformat()} came after the due moment; not applied")
            elif days > sla.max_extension:
                problems.append(f"extension of {days} working days exceeds {sla.max_extension}; not applied")
            elif current.due_at is not None:
                due = _end_of(calendar.add_workdays(current.due_at.date(), days))
                current = Step(current.name, current.opened_at, due, None, current.unit, days)
            continue
        if current is not None and ev.type in _COMPLETES[current.name]:
            steps.append(
                Step(current.name, current.opened_at, current.due_at, ev.at, current.unit, current.extended_by)
            )
            current = None
        if ev.type is EventType.ASSIGNED:
            unit = ev.unit
        step = _OPENS.get(ev.type)
        if step is not None:
            current = Step(
                step,
                ev.at,
                _due(step, ev.at, complaint, sla, calendar),
                None,
                unit if step in ("sign", "resolve") else None,
            )
            supervised_since_open = False
    if current is not None:
        steps.append(current)
    return tuple(steps), tuple(problems), current, unit, supervised_since_open


def _due(step: str, opened: datetime, complaint: Complaint, sla: ComplaintSla, cal: WorkCalendar) -> datetime | None:
    if step == "resolve":
        limit = sla.resolve.get(complaint.kind.value)
    elif step == "close":
        return None  # closing after a follow-up has no limit
    else:
        limit = getattr(sla, step)
    if limit is None:
        return None
    # Events are aware (the model checks it): convert without beijing_date's check.
    return _end_of(cal.add_workdays(opened.astimezone(BEIJING).date(), limit))


def sla_for(
    pm: SoftenvPluginManager,
    dataset: Dataset,
    complaint: Complaint,
    calendar: WorkCalendar,
    params: ParameterSet,
) -> ComplaintSla:
    """The limits that apply to ``complaint``: those of the complainant point's county."""
    point = dataset.point_by_id.get(complaint.point)
    county = point.county if point is not None else ""
    return resolve_sla(pm, county, complaint.kind, calendar, params)


@frozen
class UnitRates:
    """A handling unit's rates (三率) over a period, with their numerators and denominators."""

    unit: str
    period: str
    assigned: int
    signed_on_time: int
    resolved_due: int
    resolved_on_time: int
    follow_ups: int
    satisfied: int
    basically: int
    response: Decimal | None
    resolution: Decimal | None
    satisfaction: Decimal | None
    combined: Decimal | None
    params: tuple[ParamValue, ...] = field(converter=to_tuple)


def _ratio(num: Decimal | int, den: int) -> Decimal | None:
    return (Decimal(num) / Decimal(den) * 100).quantize(Decimal("0.01")) if den else None


def unit_rates(
    statuses: Iterable[tuple[Complaint, ComplaintStatus]], period: Month | int, params: ParameterSet
) -> tuple[UnitRates, ...]:
    """Rates per handling unit for complaints assigned in ``period`` (a Month or a year).

    response = signed on time / assigned; resolution = resolved on time / resolve steps due by
    the status instant or done; satisfaction = (满意 + credit × 基本满意) / follow-ups;
    combined = Σ weight × rate (None while a rate has no denominator).
    """
    on = period.last_day if isinstance(period, Month) else date(period, 12, 31)
    weights = params.get("complaint.rate_weights", on)
    credit_pv = params.get("complaint.basically_credit", on)
    credit = Decimal(str(credit_pv.value))

    # The period as Beijing instants [begin, end): comparing moments is cheaper than converting each.
    first = period.first_day if isinstance(period, Month) else date(period, 1, 1)
    begin = datetime(first.year, first.month, 1, tzinfo=BEIJING)
    end = period.end if isinstance(period, Month) else datetime(period + 1, 1, 1, tzinfo=BEIJING)

    def in_period(moment: datetime) -> bool:
        return begin <= moment < end

    acc: dict[str, list[int]] = {}
    for complaint, status in statuses:
        for step in status.steps:
            if step.unit is None or not in_period(step.opened_at):
                continue
            row = acc.setdefault(step.unit, [0] * 7)
            if step.name == "sign":
                row[0] += 1
                row[1] += step.on_time is True
            elif step.name == "resolve" and (step.done_at is not None or (step.due_at and status.at > step.due_at)):
                row[2] += 1
                row[3] += step.on_time is True
        if status.unit is None:
            continue
        follow = None
        for e in complaint.events:
            if e.type is EventType.FOLLOWED_UP and e.at <= status.at:
                follow = e
        if follow is not None and in_period(follow.at):
            row = acc.setdefault(status.unit, [0] * 7)
            row[4] += 1
            row[5] += follow.satisfaction is Satisfaction.SATISFIED
            row[6] += follow.satisfaction is Satisfaction.BASICALLY
    out = []
    w = {k: Decimal(str(v)) for k, v in dict(weights.value).items()}
    for unit in sorted(acc):
        a, s, rd, ro, f, sat, bas = acc[unit]
        response, resolution = _ratio(s, a), _ratio(ro, rd)
        satisfaction = _ratio(sat + credit * bas, f)
        combined = None
        if response is not None and resolution is not None and satisfaction is not None:
            total = w["response"] * response + w["resolution"] * resolution + w["satisfaction"] * satisfaction
            combined = total.quantize(Decimal("0.01"))
        out.append(
            UnitRates(
                unit,
                str(period),
                a,
                s,
                rd,
                ro,
                f,
                sat,
                bas,
                response,
                resolution,
                satisfaction,
                combined,
                (weights, credit_pv),
            )
        )
    return tuple(out)


__all__ = [
    "CITY_OFFICE_UNIT",
    "STEP_ZH",
    "ComplaintStatus",
    "Step",
    "UnitRates",
    "complaint_status",
    "sla_for",
    "unit_rates",
]
