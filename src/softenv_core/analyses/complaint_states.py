"""What a complaint's handling is made of (办理环节, 办理状态): its steps, the states after its
events, one step as worked out, and a complaint's status at an instant.

:mod:`complaint_steps` works them out from the events.
"""

from __future__ import annotations

from datetime import datetime

from attrs import field, frozen

from softenv_core._validators import LabelledStrEnum, to_tuple
from softenv_core.model.complaints import EventType
from softenv_core.model.periods import in_time


class ComplaintStep(LabelledStrEnum):
    """A step of a complaint's handling (办理环节), each with its own working-day limit."""

    ACCEPT = ("accept", "受理")
    ASSIGN = ("assign", "交办")
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
    WITHDRAWN = ("withdrawn", "已撤回")  # the complainant withdrew it: finished, nothing open

    @classmethod
    def after(cls, event: EventType | None) -> ComplaintState:
        """The state after an event of type ``event`` (NONE before any event)."""
        return cls.NONE if event is None else cls.from_value(event.value)


#: The step each event opens, and the events that complete that step. Accepted, or returned
#: by its unit (退回), a complaint waits for 市软建办 to assign it (交办): an open step with no
#: limit in the programme, so it is never overdue, but it is unfinished and is shown as such.
OPENS = {
    EventType.RECEIVED: ComplaintStep.ACCEPT,
    EventType.ACCEPTED: ComplaintStep.ASSIGN,
    EventType.RETURNED: ComplaintStep.ASSIGN,
    EventType.ASSIGNED: ComplaintStep.SIGN,
    EventType.SIGNED: ComplaintStep.RESOLVE,
    EventType.REOPENED: ComplaintStep.RESOLVE,
    EventType.RESOLVED: ComplaintStep.FOLLOW_UP,
    EventType.FOLLOWED_UP: ComplaintStep.CLOSE,
}
#: A withdrawal (撤回, :data:`ENDS_UNDONE`) ends whichever step is open without doing it: the
#: step keeps the withdrawal as its end (``done_at``, ``done_by``), and counts for or against
#: nobody unless its due moment had passed by then (:attr:`Step.on_time`).
ENDS_UNDONE = EventType.WITHDRAWN
COMPLETES = {
    ComplaintStep.ACCEPT: (EventType.ACCEPTED, EventType.REJECTED, ENDS_UNDONE),
    # Rejected (不予受理) after a return (待交办): 市软建办 decided it instead of assigning it.
    ComplaintStep.ASSIGN: (EventType.ASSIGNED, EventType.REJECTED, ENDS_UNDONE),
    ComplaintStep.SIGN: (EventType.SIGNED, EventType.RETURNED, ENDS_UNDONE),
    ComplaintStep.RESOLVE: (EventType.RESOLVED, ENDS_UNDONE),
    ComplaintStep.FOLLOW_UP: (EventType.FOLLOWED_UP,),
    ComplaintStep.CLOSE: (EventType.CLOSED, EventType.REOPENED),
}
#: The steps a handling unit (承办单位) answers for (the others are 市软建办's): sign and
#: resolve (bound as _SIGN and _RESOLVE where complaint_steps and complaint_handling read them).


@frozen
class Step:
    """One step of a complaint: when it opened, when it was due, when (if) it was done."""

    name: ComplaintStep
    opened_at: datetime
    due_at: datetime | None  # None: no limit (closing after a follow-up)
    done_at: datetime | None
    unit: str | None  # the handling unit for sign / resolve
    extended_by: int = 0  # working days of an approved extension
    #: The event that completed it (a sign step: signed or returned), or ended it undone
    #: (withdrawn: :data:`ENDS_UNDONE`; ``done_at`` is then the withdrawal's moment).
    done_by: EventType | None = None

    @property
    def withdrawn(self) -> bool:
        """Ended undone by the complainant's withdrawal (撤回)."""
        return self.done_by is ENDS_UNDONE

    @property
    def on_time(self) -> bool | None:
        """Done by its due moment; None while open, without a limit, or withdrawn by its due
        moment (neither for nor against); withdrawn after it: False, the limit was missed."""
        if self.done_at is None or self.due_at is None:
            return None
        if self.done_by is ENDS_UNDONE:
            return None if in_time(self.done_at, self.due_at) else False
        return in_time(self.done_at, self.due_at)

    def due_by(self, at: datetime) -> bool:
        """Whether the step counts at the instant ``at``: done, or its due moment passed.

        A step still open and not yet due is pending: it counts neither for nor against a
        rate (DESIGN: "a step not yet due at the instant of the report is left out"); so does
        one withdrawn by its due moment, at every instant.
        """
        if self.done_by is ENDS_UNDONE and self.done_at is not None:
            return self.due_at is not None and not in_time(self.done_at, self.due_at)
        return self.done_at is not None or (self.due_at is not None and not in_time(at, self.due_at))


@frozen
class ComplaintStatus:
    """A complaint at an instant (办理状态): the open step, when it is due, how overdue, 督办."""

    complaint: str
    at: datetime
    state: ComplaintState
    open_step: ComplaintStep | None  # None when finished (closed, rejected or withdrawn)
    due_at: datetime | None
    overdue_workdays: int
    supervision_due: bool
    unit: str | None
    steps: tuple[Step, ...] = field(converter=to_tuple)
    problems: tuple[str, ...] = field(default=(), converter=to_tuple)  # e.g. an extension after its due moment
    #: Whether a due moment or the overdue count read a year the calendar knows only as
    #: weekends (暂定, ``WorkCalendar.provisional()``): re-ask when the official arrangement is
    #: out (docs/calendar.md). Always False with a strict calendar, which raises instead.
    provisional: bool = False
    #: Where supervision is due, the open step's latest 督办 if one was recorded within its limit:
    #: a reminder, which does not clear 应督办 (auditor a70 05), and the report says so beside it
    #: (clerk c58 04). None otherwise (no 督办 since the step opened, or supervision not due).
    reminded_at: datetime | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_workdays > 0


def supervision(overdue: int, supervised_at: datetime | None, due_at: datetime | None) -> tuple[bool, datetime | None]:
    """Whether supervision is due for an open step ``overdue`` working days overdue whose latest
    督办 was ``supervised_at`` (None: none since it opened), and that 督办 when it was only a
    reminder (:attr:`ComplaintStatus.reminded_at`). "overdue → supervision is due" (DESIGN) asks
    for supervision of the overdue step: a 督办 once it was overdue clears it, one inside the limit
    (due moment as at the instant asked: an extension moves it) was a reminder (auditor a70 05)."""
    if overdue <= 0:
        return False, None
    if supervised_at is not None and due_at is not None and not in_time(supervised_at, due_at):
        return False, None
    return True, supervised_at


#: A complaint's handling problems (ComplaintStatus.problems): as the walk states them, in English
#: in the data, and as the Chinese documents say them (render/report_format.py reads the one to
#: write the other); ``{moment}`` is an event's moment (Beijing time), ``{days}`` and ``{most}``
#: numbers of working days.
PROBLEM_WORDING = (
    (
        "closed at {moment} after a follow-up rated 不满意 without reopening it",
        "{moment}结案，但此前回访为不满意且未重办",
    ),
    ("extension at {moment} came after the due moment; not applied", "{moment}的延期晚于办理时限，未予适用"),
    (
        "extension of {days} working days exceeds {most}; not applied",
        "延期{days}个工作日，超过上限{most}个工作日，未予适用",
    ),
    # A step opened before the programme's limits has no due moment to move: the extension was
    # dropped without a word, where a late or long one is listed (auditor a55).
    (
        "extension at {moment} of a step with no time limit (opened before the limits were in force); not applied",
        "{moment}的延期所在环节开始于办理时限施行前、无时限，未予适用",
    ),
    # The one extension is the complaint's (docs/complaints.md): the first applied one. A second
    # was refused at load as an impossible order even when the first was not applied, so a
    # reopened step could not be extended after a late one (auditor a82 05).
    (
        "extension at {moment}: the complaint's one extension was applied before; not applied",
        "{moment}的延期：该反馈此前已延期一次（每件反馈只能延期一次），未予适用",
    ),
)
CLOSED_UNSATISFIED, LATE_EXTENSION, LONG_EXTENSION, UNLIMITED_EXTENSION, SECOND_EXTENSION = (
    en for en, _ in PROBLEM_WORDING
)

__all__ = [
    "CLOSED_UNSATISFIED",
    "COMPLETES",
    "ENDS_UNDONE",
    "LATE_EXTENSION",
    "LONG_EXTENSION",
    "OPENS",
    "PROBLEM_WORDING",
    "SECOND_EXTENSION",
    "UNLIMITED_EXTENSION",
    "ComplaintState",
    "ComplaintStatus",
    "ComplaintStep",
    "Step",
    "supervision",
]
