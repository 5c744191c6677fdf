"""Complaint handling (投诉办理): each step's due moment in working days, status at an
instant, supervision (督办) due, and the rates of each handling unit (承办单位).

Step limits come from ``softenv_complaint_sla`` (the city baseline, or the complainant
point's county plugin). The clock of a step starts on the day of the event that opens it;
a due day is counted in working days from it and ends at 23:59:59 Beijing time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast

from attrs import define, field, frozen

from softenv_core._validators import LabelledStrEnum, to_tuple
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import resolve_sla
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.engine.trace import ParamValue
from softenv_core.model.complaints import CITY_OFFICE_UNIT, Complaint, ComplaintKind, EventType, Satisfaction
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month, beijing_date
from softenv_core.workdays.calendar import WorkCalendar


class ComplaintStep(LabelledStrEnum):
    """A step of a complaint's handling (办理环节), each with its own working-day limit."""

    ACCEPT = ("accept", "受理")
    SIGN = ("sign", "签收")
    RESOLVE = ("resolve", "办结")
    FOLLOW_UP = ("follow_up", "回访")
    CLOSE = ("close", "结案")


class ComplaintState(LabelledStrEnum):
    """Where a complaint stands at an instant (办理状态): after its last event, or none yet."""

    NONE = ("none", "尚无记录")
    RECEIVED = ("received", "已收到")
    ACCEPTED = ("accepted", "已受理")
    REJECTED = ("rejected", "不予受理")
    ASSIGNED = ("assigned", "已交办")
    RETURNED = ("returned", "已退回")
    SIGNED = ("signed", "已签收")
    EXTENDED = ("extended", "已延期")
    SUPERVISED = ("supervised", "已督办")
    RESOLVED = ("resolved", "已办结")
    FOLLOWED_UP = ("followed_up", "已回访")
    REOPENED = ("reopened", "重新办理")
    CLOSED = ("closed", "已结案")

    @classmethod
    def after(cls, event: EventType | None) -> ComplaintState:
        """The state after an event of type ``event`` (NONE before any event)."""
        return cls.NONE if event is None else cast(ComplaintState, cls.from_value(event.value))


#: The step each event opens, and the events that complete that step.
_OPENS = {
    EventType.RECEIVED: ComplaintStep.ACCEPT,
    EventType.ASSIGNED: ComplaintStep.SIGN,
    EventType.SIGNED: ComplaintStep.RESOLVE,
    EventType.REOPENED: ComplaintStep.RESOLVE,
    EventType.RESOLVED: ComplaintStep.FOLLOW_UP,
    EventType.FOLLOWED_UP: ComplaintStep.CLOSE,
}
_COMPLETES = {
    ComplaintStep.ACCEPT: (EventType.ACCEPTED, EventType.REJECTED),
    ComplaintStep.SIGN: (EventType.SIGNED, EventType.RETURNED),
    ComplaintStep.RESOLVE: (EventType.RESOLVED,),
    ComplaintStep.FOLLOW_UP: (EventType.FOLLOWED_UP,),
    ComplaintStep.CLOSE: (EventType.CLOSED, EventType.REOPENED),
}
#: The steps a handling unit (承办单位) answers for; the others are 市软建办's.
_UNIT_STEPS = (ComplaintStep.SIGN, ComplaintStep.RESOLVE)


@frozen
class Step:
    """One step of a complaint: when it opened, when it was due, when (if) it was done."""

    name: ComplaintStep
    opened_at: datetime
    due_at: datetime | None  # None: no limit (closing after a follow-up)
    done_at: datetime | None
    unit: str | None  # the handling unit for sign / resolve
    extended_by: int = 0  # working days of an approved extension
    done_by: EventType | None = None  # the event that completed it (a sign step: signed or returned)

    @property
    def on_time(self) -> bool | None:
        if self.done_at is None or self.due_at is None:
            return None
        return self.done_at <= self.due_at

    def due_by(self, at: datetime) -> bool:
        """Whether the step counts at the instant ``at``: done, or its due moment passed.

        A step still open and not yet due is pending: it counts neither for nor against a
        rate (DESIGN: "a step not yet due at the instant of the report is left out").
        """
        return self.done_at is not None or (self.due_at is not None and at > self.due_at)


@frozen
class ComplaintStatus:
    """A complaint at an instant: the open step, when it is due, how overdue, supervision."""

    complaint: str
    at: datetime
    state: ComplaintState
    open_step: ComplaintStep | None  # None when finished (closed or rejected)
    due_at: datetime | None
    overdue_workdays: int
    supervision_due: bool
    unit: str | None
    steps: tuple[Step, ...] = field(converter=to_tuple)
    problems: tuple[str, ...] = field(default=(), converter=to_tuple)  # e.g. an extension after its due moment

    @property
    def overdue(self) -> bool:
        return self.overdue_workdays > 0


#: The limits that apply to a complaint: one set for every step, or the set in force on a
#: step's date (:func:`sla_for` gives the latter, read through ``softenv_complaint_sla``).
Limits = ComplaintSla | Callable[[date], ComplaintSla]


def _limits_on(limits: Limits, opened: datetime) -> ComplaintSla:
    # Events are aware (the model checks it): convert without beijing_date's check.
    return limits if isinstance(limits, ComplaintSla) else limits(opened.astimezone(BEIJING).date())


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), BEIJING)


def complaint_status(
    complaint: Complaint,
    at: datetime,
    sla: Limits,
    calendar: WorkCalendar,
) -> ComplaintStatus:
    """The status of ``complaint`` at the instant ``at`` (events after it are ignored).

    ``sla``: the limits, or a function giving the limits in force on a day (:func:`sla_for`):
    each step's limit is then read for the day the step opened, so that a later change of
    the limits never alters a past complaint.
    """
    return StepIndex().status(complaint, at, sla, calendar)


class StepIndex:
    """Steps worked out from a complaint's events, kept for one batch of reports.

    Internal to one call (``monitoring_reports`` builds one for its months; never shared
    between threads): asking again at a later instant with no new event (every month of a
    long-open complaint) only recounts the overdue days. One set of limits per complaint.
    """

    __slots__ = ("_latest", "_steps", "limits")

    def __init__(self) -> None:
        self._latest: dict[str, datetime | None] = {}
        self._steps: dict[tuple[str, int], _Worked] = {}
        #: The caller's limits by (county, kind), kept with the steps they gave.
        self.limits: dict[tuple[str, ComplaintKind], DatedLimits] = {}

    def limits_for(
        self,
        pm: SoftenvPluginManager,
        dataset: Dataset,
        complaint: Complaint,
        calendar: WorkCalendar,
        params: ParameterSet,
    ) -> DatedLimits:
        """The limits of ``complaint``'s county and kind, one :class:`DatedLimits` per county
        and kind for the batch, so the plugins are asked once per day, not once per complaint."""
        point = dataset.point_by_id.get(complaint.point)
        key = (point.county if point else "", complaint.kind)
        found = self.limits.get(key)
        if found is None:
            found = self.limits[key] = sla_for(pm, dataset, complaint, calendar, params)
        return found

    def status(self, complaint: Complaint, at: datetime, sla: Limits, calendar: WorkCalendar) -> ComplaintStatus:
        events: Sequence[Any] = complaint.events
        if complaint.id in self._latest:
            latest = self._latest[complaint.id]
        else:
            latest = self._latest[complaint.id] = max((e.at for e in events), default=None)
        if latest is not None and latest > at:  # otherwise every event counts: no need to filter
            events = [e for e in events if e.at <= at]
        key = (complaint.id, len(events))
        worked = self._steps.get(key)
        if worked is None:
            worked = self._steps[key] = _steps(complaint, events, sla, calendar)
        current = worked.current
        due_at = current.due_at if current is not None else None
        overdue = 0
        if due_at is not None and at > due_at:
            overdue = max(1, calendar.workdays_between(due_at.date(), calendar.next_workday(beijing_date(at))))
        return ComplaintStatus(
            complaint=complaint.id,
            at=at,
            state=ComplaintState.after(events[-1].type if events else None),
            open_step=current.name if current is not None else None,
            due_at=due_at,
            overdue_workdays=overdue,
            supervision_due=overdue > 0 and not worked.supervised_since_open,
            unit=worked.unit,
            steps=worked.steps,
            problems=worked.problems,
        )


@frozen
class _Worked:
    """What a complaint's events say, whatever the instant: its steps and the open one."""

    steps: tuple[Step, ...]
    problems: tuple[str, ...]
    current: Step | None
    unit: str | None
    supervised_since_open: bool


def _steps(complaint: Complaint, events: Sequence[Any], sla: Limits, calendar: WorkCalendar) -> _Worked:
    steps: list[Step] = []
    problems: list[str] = []
    current: Step | None = None
    unit: str | None = None
    supervised_since_open = False
    unsatisfied = reopened = False
    for ev in events:
        if ev.type is EventType.FOLLOWED_UP:
            unsatisfied = ev.satisfaction is Satisfaction.UNSATISFIED
        elif ev.type is EventType.REOPENED:
            reopened = True
        elif ev.type is EventType.CLOSED and unsatisfied and not reopened:
            # DESIGN: an unsatisfied follow-up reopens it once; the model accepts the record
            # (it may be how it happened), the analysis flags it.
            problems.append(f"closed at {ev.at.isoformat()} after a follow-up rated 不满意 without reopening it")
        if ev.type is EventType.SUPERVISED:
            supervised_since_open = True
            continue
        if ev.type is EventType.EXTENDED and current is not None and current.name is ComplaintStep.RESOLVE:
            days = ev.extension_days or 0
            if current.due_at is not None and ev.at > current.due_at:
                problems.append(f"extension at {ev.at.isoformat()} came after the due moment; not applied")
            elif days > (most := _limits_on(sla, current.opened_at).max_extension):
                problems.append(f"extension of {days} working days exceeds {most}; not applied")
            elif current.due_at is not None:
                due = _end_of(calendar.add_workdays(current.due_at.date(), days))
                current = Step(current.name, current.opened_at, due, None, current.unit, days)
            continue
        if current is not None and ev.type in _COMPLETES[current.name]:
            steps.append(
                Step(current.name, current.opened_at, current.due_at, ev.at, current.unit, current.extended_by, ev.type)
            )
            current = None
        if ev.type is EventType.ASSIGNED:
            unit = ev.unit
        step = _OPENS.get(ev.type)
        if step is not None:
            current = Step(
                step,
                ev.at,
                _due(step, ev.at, complaint, _limits_on(sla, ev.at), calendar),
                None,
                unit if step in _UNIT_STEPS else None,
            )
            supervised_since_open = False
    if current is not None:
        steps.append(current)
    return _Worked(tuple(steps), tuple(problems), current, unit, supervised_since_open)


def _due(
    step: ComplaintStep, opened: datetime, complaint: Complaint, sla: ComplaintSla, cal: WorkCalendar
) -> datetime | None:
    if step is ComplaintStep.RESOLVE:
        limit = sla.resolve.get(complaint.kind.value)
    elif step is ComplaintStep.CLOSE:
        return None  # closing after a follow-up has no limit
    else:
        limit = getattr(sla, step.value)
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
) -> DatedLimits:
    """The limits that apply to ``complaint``: those of the complainant point's county, in
    force on each step's date."""
    point = dataset.point_by_id.get(complaint.point)
    county = point.county if point is not None else ""
    return DatedLimits(pm, county, complaint.kind, calendar, params)


class DatedLimits:
    """The limits of one county and kind of complaint, read for a day through
    ``softenv_complaint_sla`` (the county's plugin, else the city's) and remembered per day.

    Pass it as ``sla`` to :func:`complaint_status`. Share one between the complaints of a
    county and kind (the monitoring report does) to ask the plugins once per day.
    """

    __slots__ = ("_args", "_by_day", "_lock")

    def __init__(
        self, pm: SoftenvPluginManager, county: str, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet
    ) -> None:
        self._args = (pm, county, kind, calendar, params)
        self._by_day: dict[date, ComplaintSla] = {}
        self._lock = threading.Lock()

    def __call__(self, on: date) -> ComplaintSla:
        found = self._by_day.get(on)
        if found is None:
            pm, county, kind, calendar, params = self._args
            answer = resolve_sla(pm, county, kind, calendar, params, on=on)
            with self._lock:  # a caller may share it between threads
                found = self._by_day.setdefault(on, answer)
        return found


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

    response = signed on time (a return, 退回, is not a signature) / sign steps done or due by
    the status instant; resolution = resolved on time / resolve steps done or due by the
    status instant (a step still open and not yet due is left out of both);
    satisfaction = (满意 + credit × 基本满意) / follow-ups; combined = Σ weight × rate (None
    while a rate has no denominator).
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

    tallies: dict[str, _RateTally] = {}
    for complaint, status in statuses:
        for step in status.steps:
            if step.unit is None or not in_period(step.opened_at):
                continue
            tally = tallies.setdefault(step.unit, _RateTally())
            if not step.due_by(status.at):
                continue  # pending at the instant: neither for nor against
            if step.name is ComplaintStep.SIGN:
                tally.assigned += 1
                # A ticket returned (退回) was answered in time, but not signed for.
                tally.signed_on_time += step.on_time is True and step.done_by is EventType.SIGNED
            elif step.name is ComplaintStep.RESOLVE:
                tally.resolved_due += 1
                tally.resolved_on_time += step.on_time is True
        if status.unit is None:
            continue
        follow = None
        for e in complaint.events:
            if e.type is EventType.FOLLOWED_UP and e.at <= status.at:
                follow = e
        if follow is not None and in_period(follow.at):
            tally = tallies.setdefault(status.unit, _RateTally())
            tally.follow_ups += 1
            tally.satisfied += follow.satisfaction is Satisfaction.SATISFIED
            tally.basically += follow.satisfaction is Satisfaction.BASICALLY
    w = {k: Decimal(str(v)) for k, v in dict(weights.value).items()}
    return tuple(
        tallies[unit].rates(unit=unit, period=str(period), weights=w, credit=credit, params=(weights, credit_pv))
        for unit in sorted(tallies)
    )


@define(kw_only=True)
class _RateTally:
    """A handling unit's counts in a period, added up step by step (the rates' numerators
    and denominators)."""

    assigned: int = 0
    signed_on_time: int = 0
    resolved_due: int = 0
    resolved_on_time: int = 0
    follow_ups: int = 0
    satisfied: int = 0
    basically: int = 0

    def rates(
        self,
        *,
        unit: str,
        period: str,
        weights: dict[str, Decimal],
        credit: Decimal,
        params: tuple[ParamValue, ...],
    ) -> UnitRates:
        response = _ratio(self.signed_on_time, self.assigned)
        resolution = _ratio(self.resolved_on_time, self.resolved_due)
        satisfaction = _ratio(self.satisfied + credit * self.basically, self.follow_ups)
        combined = None
        if response is not None and resolution is not None and satisfaction is not None:
            total = (
                weights["response"] * response
                + weights["resolution"] * resolution
                + weights["satisfaction"] * satisfaction
            )
            combined = total.quantize(Decimal("0.01"))
        return UnitRates(
            unit=unit,
            period=period,
            assigned=self.assigned,
            signed_on_time=self.signed_on_time,
            resolved_due=self.resolved_due,
            resolved_on_time=self.resolved_on_time,
            follow_ups=self.follow_ups,
            satisfied=self.satisfied,
            basically=self.basically,
            response=response,
            resolution=resolution,
            satisfaction=satisfaction,
            combined=combined,
            params=params,
        )


__all__ = [
    "CITY_OFFICE_UNIT",
    "ComplaintState",
    "ComplaintStatus",
    "ComplaintStep",
    "DatedLimits",
    "Limits",
    "Step",
    "UnitRates",
    "complaint_status",
    "sla_for",
    "unit_rates",
]
