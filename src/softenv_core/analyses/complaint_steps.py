"""The steps of a complaint's handling (办理环节) worked out from its events, and its status
at an instant: the open step, when it is due, how overdue, whether supervision is due.

Each step's limit is read for the day the step opened (:mod:`complaint_limits`); its clock
starts on that day and a due day ends at 23:59:59 Beijing time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Generator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from operator import attrgetter
from typing import Any

from attrs import frozen

from softenv_core.analyses.complaint_alive import AliveIndex
from softenv_core.analyses.complaint_due import Dues, extend, memo, shown, step_due
from softenv_core.analyses.complaint_limits import Limits, LimitsBook
from softenv_core.analyses.complaint_states import (
    CLOSED_UNSATISFIED,
    COMPLETES,
    OPENS,
    ComplaintState,
    ComplaintStatus,
    ComplaintStep,
    Step,
    supervision,
)
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Satisfaction
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import (
    BEIJING,
    EPOCH,
    beijing_clock,
    beijing_date,
    fixed_offsets,
    in_time,
    since_epoch,
)
from softenv_core.workdays.calendar import CalendarMode, WorkCalendar

_TICK = timedelta(microseconds=1)
_PROVISIONAL = CalendarMode.PROVISIONAL


class StepIndex:
    """Steps worked out from complaints' events, kept for one batch of reports.

    Internal to one call (``monitoring_reports`` builds one for its months and their trends;
    never shared between threads). A complaint's events are walked once, as far as asked:
    its status at a later instant continues the walk, its status at an earlier one walks
    that many events afresh (the same loop, so extensions, returns and reopenings come out
    exactly as a walk over those events alone). One set of limits per complaint: the one
    given when it is first asked for.
    """

    __slots__ = ("_alive", "_dues", "_spans", "_traces", "limits")

    def __init__(self, limits: LimitsBook | None = None) -> None:
        self._traces: dict[str, _Trace] = {}
        self._spans: AliveIndex | None = None  # the dataset's complaints by span, once asked
        self._alive: dict[tuple[datetime, datetime, bool], tuple[tuple[Complaint, ComplaintStatus], ...]] = {}
        #: Each step's due moment by (limits, day opened, step, kind): the batch's calendar is
        #: fixed, and a province's year opens 290,000 steps on a few hundred days.
        self._dues: Dues = {}
        #: The limits by county and kind, kept with the steps they gave.
        self.limits = LimitsBook() if limits is None else limits

    def alive(
        self,
        dataset: Dataset,
        begin: datetime,
        at: datetime,
        pm: SoftenvPluginManager,
        calendar: WorkCalendar,
        params: ParameterSet,
        *,
        ending: bool = False,
    ) -> tuple[tuple[Complaint, ComplaintStatus], ...]:
        """The status at ``at`` of each complaint received by ``at`` and not finished before
        ``begin``, in the order received. ``ending``: ``at`` ends a period (a month's end, the
        next month's first instant), so an event stamped exactly at it, a receipt among them,
        is the next period's and not read (docs/complaints.md). Remembered per (begin, at,
        ending): a month's report and its trends ask for the same month end. One finished
        before ``begin`` is skipped before any working-day arithmetic."""
        key = (begin, at, ending)
        found = self._alive.get(key)
        if found is None:
            if self._spans is None:
                self._spans = AliveIndex(dataset.complaint_spans)
            statuses = []
            traces = self._traces
            today: list[date] = []  # the working day counted to for overdue days, once per instant
            # The same instants in the zone object the loaded events share (io's converter):
            # compared with the events without Python-level offset calls. Statuses keep ``at``.
            spans = dataset.complaint_spans
            zone = spans[0][0].tzinfo if spans else None
            if type(zone) is not timezone:  # only a fixed offset: see _Trace (summer time)
                zone = None
            near_begin, near = (begin, at) if zone is None else (begin.astimezone(zone), at.astimezone(zone))
            comp = None
            try:
                for comp in self._spans.alive(near_begin, near, ending):
                    trace = traces.get(comp.id)
                    if trace is None:
                        sla = self.limits.limits_for(pm, dataset, comp, calendar, params)
                        trace = traces[comp.id] = _Trace(comp, sla, calendar, self._dues)
                    statuses.append((comp, trace.status(at, calendar, today, near, ending)))
            except BaseException:
                if comp is not None:  # its walk stopped half-way: start afresh if asked again
                    traces.pop(comp.id, None)
                raise
            found = self._alive[key] = tuple(statuses)
            if len(self._alive) > _KEEP_INSTANTS:  # the oldest first: let its statuses go
                del self._alive[next(iter(self._alive))]
        return found

    def status(
        self, complaint: Complaint, at: datetime, sla: Limits, calendar: WorkCalendar, ending: bool = False
    ) -> ComplaintStatus:
        trace = self._traces.get(complaint.id)
        if trace is None:
            # One set of limits for every step is not hashable (its resolve limits are a dict).
            dues = None if isinstance(sla, ComplaintSla) else self._dues
            trace = self._traces[complaint.id] = _Trace(complaint, sla, calendar, dues)
        try:
            return trace.status(at, calendar, [], ending=ending)
        except BaseException:
            del self._traces[complaint.id]  # its walk stopped half-way: start afresh if asked again
            raise


@frozen
class _Worked:
    """What a complaint's events (up to an instant) say: the state after the last, its steps
    and the open one's name and due moment (the same for every instant until the next event)."""

    state: ComplaintState
    steps: tuple[Step, ...]
    problems: tuple[str, ...]
    open_step: ComplaintStep | None
    due_at: datetime | None
    unit: str | None
    supervised_at: datetime | None  # the latest 督办 since the open step began (None: none)


#: Instants a batch keeps statuses for: a month's end, then the month before and a year before.
_KEEP_INSTANTS = 3

#: Where a walk stands after an event: steps done so far; the open step's name (None: no
#: open step), opening, due moment, unit and extension; the complaint's unit; the latest 督办
#: since the open step began (None: none); problems so far (counts index the walk's lists).
#: The open step is kept as its fields, not as a Step: a Step is an object the garbage
#: collector visits, and most open steps are never asked for.
_Opt = datetime | None
_Mark = tuple[int, ComplaintStep | None, _Opt, _Opt, str | None, int, str | None, _Opt, int]
_START: _Mark = (0, None, None, None, None, 0, None, None, 0)
_AT = attrgetter("at")


class _Trace:
    """One complaint's walk over its events, as far as it has been asked.

    A batch keeps one per complaint (60,000 in a province's year) while it lasts: each is
    kept small in objects the garbage collector must visit, since every full collection
    visits them all. The walk stops after the events by the instant asked and goes on from
    there when a later instant is asked (a complaint is mostly asked at successive month
    ends); an earlier instant walks its events afresh. The walk is dropped once it has read
    every event, and only the last answer is kept.
    """

    __slots__ = (
        "_calendar",
        "_complaint",
        "_dues",
        "_last",
        "_last_n",
        "_latest",
        "_mark",
        "_problems",
        "_sla",
        "_steps",
        "_walk",
        "_walked",
        "_zoned",
    )

    def __init__(self, complaint: Complaint, sla: Limits, calendar: WorkCalendar, dues: Dues | None = None) -> None:
        self._complaint = complaint
        self._dues = dues
        self._sla = sla
        self._calendar = calendar
        # Events out of time order (a record the model flags) are not a prefix at an
        # instant: those are walked afresh for each instant (None). In order, the last event
        # is the latest: an instant at or after it (most questions) needs no search.
        ats = [e.at for e in complaint.events]
        # A zone with summer time (zoneinfo): two moments in one such zone object compare by
        # their clock, blind to the repeated hour (fold). Its events are ordered by durations,
        # and compared with an instant in UTC (another zone object: compared exactly).
        self._zoned = not fixed_offsets(ats)
        if self._zoned:
            keys = [since_epoch(at) for at in ats]
            ordered = keys == sorted(keys)
        else:
            ordered = ats == sorted(ats)
        self._latest = ats[-1] if ats and ordered else None
        self._steps: list[Step] = []
        self._problems: list[str] = []
        self._walk: Generator[_Mark, int, None] | None = None  # started when first needed
        self._walked = 0  # the events the walk has read, and where it stands after them
        self._mark = _START
        self._last_n = -1
        self._last: _Worked | None = None

    def status(
        self,
        at: datetime,
        calendar: WorkCalendar,
        today: list[date],
        near: datetime | None = None,
        ending: bool = False,
    ) -> ComplaintStatus:
        """The status at ``at``. ``today``: the working day counted to for overdue days at
        ``at``, worked out by the first status that needs it (shared by an instant's);
        ``near``: the same instant, in the zone the events share (compared with them faster);
        ``ending``: ``at`` ends a period, so an event stamped exactly at it is not read."""
        events = self._complaint.events
        latest = self._latest
        if self._zoned:
            near = at.astimezone(UTC)
        elif near is None:
            near = at
        if latest is None:
            worked = self._unordered(near, ending)
        elif ending:  # the events before ``at``
            worked = self._prefix(len(events) if near > latest else bisect_left(events, near, key=_AT))
        else:  # the events by ``at``
            worked = self._prefix(len(events) if near >= latest else bisect_right(events, near, key=_AT))
        due_at = worked.due_at
        overdue = 0
        if due_at is not None and at > due_at and not in_time(at, due_at):  # at > due_at: a cheap first test
            if not today:
                # The last day begun before ``at``: the working days after the due day up to
                # it are overdue. A month's end is the next month's first instant, and that day
                # has not been worked yet (it was counted, and so was a Monday after a weekend).
                today.append(beijing_date(at - _TICK))
            overdue = max(1, calendar.workdays_between(due_at.date(), today[0]))
        provisional = calendar.mode is _PROVISIONAL and _touches_provisional(
            worked.steps, today[0] if overdue else None, calendar
        )
        due, reminded = supervision(overdue, worked.supervised_at, due_at)  # 应督办, and a 督办 that was a reminder
        return ComplaintStatus(
            self._complaint.id,
            at,
            worked.state,
            worked.open_step,
            due_at,
            overdue,
            due,
            worked.unit,
            worked.steps,
            worked.problems,
            provisional,
            reminded,
        )

    def _prefix(self, n: int) -> _Worked:
        """What the first ``n`` events say, the last answer again when ``n`` is the same (a
        complaint with no event since the last instant asked)."""
        last = self._last
        if last is None or self._last_n != n:
            last = self._last = self._first(n)
            self._last_n = n
        return last

    def _first(self, n: int) -> _Worked:
        """What the first ``n`` events say (in time order)."""
        events = self._complaint.events
        if n < self._walked:  # before where the walk stands: those events walked afresh
            return self._afresh(events, n)
        if n > self._walked:
            if self._walk is None:
                self._walk = _walk(
                    self._complaint, events, n, self._sla, self._calendar, self._steps, self._problems, self._dues
                )
                self._mark = next(self._walk)
            else:
                self._mark = self._walk.send(n)
            self._walked = n
            if n == len(events):
                self._walk = None  # every event read: its frame and locals are let go
        return _worked(self._steps, self._problems, self._mark, events[n - 1].type if n else None)

    def _unordered(self, at: datetime, ending: bool) -> _Worked:
        events = [e for e in self._complaint.events if e.at < at or (not ending and e.at == at)]
        # The events by an instant are the n earliest: their number names them.
        if self._last is None or self._last_n != len(events):
            self._last = self._afresh(events, len(events))
            self._last_n = len(events)
        return self._last

    def _afresh(self, events: Sequence[ComplaintEvent], n: int) -> _Worked:
        """What the first ``n`` of ``events`` say, walked afresh (the trace's own walk left as it is)."""
        steps: list[Step] = []
        problems: list[str] = []
        walk = _walk(self._complaint, events, n, self._sla, self._calendar, steps, problems, self._dues)
        return _worked(steps, problems, next(walk) if n else _START, events[n - 1].type if n else None)


def _touches_provisional(steps: Sequence[Step], today: date | None, calendar: WorkCalendar) -> bool:
    """Whether the working days a status read lie in a year the calendar knows only as weekends:
    from the day each limited step opened to its due day (an extension's too), and on to
    ``today`` (the last day counted for overdue days, None when none were counted). A step
    without a limit read no working day. Asked only of a provisional calendar: a status whose due
    day fell in 2027 was returned unmarked, where every result a provisional year touches is
    marked (DESIGN principle 3; auditor a36)."""
    # Days, not years: a due day in late December reads the next year's notice too (a75 01).
    days = {d for s in steps if s.due_at is not None for d in (s.opened_at.astimezone(BEIJING).date(), s.due_at.date())}
    if today is not None:
        days.add(today)
    return calendar.provisional_in(days)


def _worked(steps: list[Step], problems: list[str], mark: Sequence[Any], last: EventType | None) -> _Worked:
    """What the walk says at ``mark``, reached at an event of type ``last`` (None: none yet)."""
    done, name, opened, due, step_unit, extended, unit, supervised_at, n_problems = mark
    taken = tuple(steps[:done])
    if name is not None:
        taken = (*taken, Step(name, opened, due, None, step_unit, extended))
    return _Worked(_STATE_BY_ID[id(last)], taken, tuple(problems[:n_problems]), name, due, unit, supervised_at)


def _walk(
    complaint: Complaint,
    events: Sequence[ComplaintEvent],
    target: int,
    sla: Limits,
    calendar: WorkCalendar,
    steps: list[Step],
    problems: list[str],
    dues: Dues | None = None,
) -> Generator[_Mark, int, None]:
    """Walk ``events`` in order, appending to ``steps`` each step done and to ``problems``
    what is wrong; after the first ``target`` events, yield where the walk stands (a
    :data:`_Mark`) and go on to the number of events sent back."""
    kind = _KIND_VALUE[id(complaint.kind)]
    dues, answers = memo(sla, dues)
    # The open step is kept as its fields (name None: no open step), not as a Step: a step
    # is opened 290,000 times in a province's year and mostly only its fields are yielded.
    name: ComplaintStep | None = None
    opened, due, step_unit, extended = EPOCH, None, None, 0  # read only while a step is open
    unit: str | None = None
    supervised_at: datetime | None = None  # the latest 督办 since the open step began
    unsatisfied = reopened = spent = False  # spent: the complaint's one extension applied
    beijing: tzinfo = BEIJING  # the events' +08:00 zone object once seen (the loader's: one)
    for read, ev in enumerate(events, 1):
        kind_of = ev.type
        if kind_of is _FOLLOWED_UP:
            unsatisfied = ev.satisfaction is _UNSATISFIED
        elif kind_of is _REOPENED:
            reopened = True
        elif kind_of is _CLOSED and unsatisfied and not reopened:
            # DESIGN: 不满意 reopens it once; the model accepts the record (it may be how it was), the walk flags it.
            problems.append(CLOSED_UNSATISFIED.format(moment=shown(ev.at)))
        if kind_of is _SUPERVISED:
            supervised_at = ev.at
        elif kind_of is _EXTENDED and name is _RESOLVE:
            due, extended = extend(opened, due, extended, ev, sla, calendar, problems, spent)
            spent = spent or extended > 0
        else:
            completes, step = _ROLE_BY_ID[id(kind_of)]
            if name is not None and (completes is name or (isinstance(completes, frozenset) and name in completes)):
                steps.append(Step(name, opened, due, ev.at, step_unit, extended, kind_of))
                name = None
            if kind_of is _ASSIGNED or kind_of is _RETURNED:  # returned: 待交办, no unit (auditor a58 06)
                unit = ev.unit if kind_of is _ASSIGNED else None
            if step is not None:
                name, opened, extended = step, ev.at, 0
                zone = opened.tzinfo  # aware (the model checks); in +08:00 the day is Beijing's as it is
                if zone is not beijing and beijing_clock(zone):
                    beijing = zone
                day = opened.date() if zone is beijing else opened.astimezone(BEIJING).date()
                key = (answers, day, id(step), kind)
                try:
                    due = dues[key]
                except KeyError:
                    due = dues[key] = step_due(step, day, kind, sla, calendar)
                step_unit = unit if step is _SIGN or step is _RESOLVE else None
                supervised_at = None
        if read == target:  # the open step's fields, none without one (they are stale then)
            at_step = (None, None, None, 0) if name is None else (opened, due, step_unit, extended)
            target = yield (len(steps), name, *at_step, unit, supervised_at, len(problems))


# The walk reads 460,000 events for a province's year, comparing each with several event
# types: a member looked up on its enum class costs a call through the enum's metaclass, and
# an Enum's hash is a Python method (a dict keyed by members calls it), so the members it
# compares with are bound here once and the steps they open are found by the member's id
# (members are singletons).
_FOLLOWED_UP, _REOPENED, _CLOSED = EventType.FOLLOWED_UP, EventType.REOPENED, EventType.CLOSED
_SUPERVISED, _EXTENDED, _ASSIGNED = EventType.SUPERVISED, EventType.EXTENDED, EventType.ASSIGNED
_RETURNED = EventType.RETURNED
_UNSATISFIED = Satisfaction.UNSATISFIED
_SIGN, _RESOLVE = ComplaintStep.SIGN, ComplaintStep.RESOLVE
_Role = tuple[ComplaintStep | frozenset[ComplaintStep] | None, ComplaintStep | None]


def _role(event: EventType) -> _Role:
    """The step ``event`` completes (None: none; the steps, for one that may complete several:
    withdrawn, rejected) and the step it opens (None: none)."""
    done = frozenset(s for s, by in COMPLETES.items() if event in by)
    return (next(iter(done)) if len(done) == 1 else done or None), OPENS.get(event)


#: By event (its id): its :func:`_role`, so that one lookup tells both. The walk looks an
#: event up in its frozenset of steps (withdrawn, rejected) only when it is not the open
#: step's one event: the usual event costs what it did before there were such events.
_ROLE_BY_ID: dict[int, _Role] = {id(event): _role(event) for event in EventType}
_KIND_VALUE = {id(k): k.value for k in ComplaintKind}  # .value is a descriptor call
_STATE_BY_ID: dict[int, ComplaintState] = {id(t): ComplaintState.after(t) for t in (None, *EventType)}

__all__ = ["ComplaintState", "ComplaintStatus", "ComplaintStep", "Step", "StepIndex"]
