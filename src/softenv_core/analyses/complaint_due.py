"""The due moments of a complaint's steps: a step's, from the limit in force on the day it
opened, and an extension's (延期). Split from analyses/complaint_steps.py, whose walk asks them.

A due moment is computed at every instant from the event that opened the step (or extended
it) on, so a year the calendar does not know is needed whatever later instant is asked: the
exception says so (``CalendarDataMissing.any_instant``), and the clerk is not sent to an
``--as-of`` that fails the same way (auditor a82 01).
"""

from __future__ import annotations

from datetime import date, datetime

from softenv_core.analyses.complaint_limits import DatedLimits, Limits, limits_on
from softenv_core.analyses.complaint_states import (
    LATE_EXTENSION,
    LONG_EXTENSION,
    SECOND_EXTENSION,
    UNLIMITED_EXTENSION,
    ComplaintStep,
)
from softenv_core.engine.ruletypes import ComplaintSla
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.complaints import ComplaintEvent
from softenv_core.model.periods import BEIJING, end_of_beijing_day, in_time
from softenv_core.workdays.calendar import WorkCalendar

#: Due moments remembered for a batch (:class:`StepIndex`): by (the limits' answers, Beijing
#: day opened, id of the step, kind). The answers object is the key itself (not its id), so it
#: lives as long as the memo; steps are singletons, keyed by id since an Enum's hash is a
#: Python call.
Dues = dict[tuple[object, date, int, str], datetime | None]

#: The field of ComplaintSla holding each step's limit (resolve: by kind; close: none).
_LIMIT_OF = {ComplaintStep.ACCEPT: "accept", ComplaintStep.SIGN: "sign", ComplaintStep.FOLLOW_UP: "follow_up"}
_RESOLVE, _CLOSE, _ASSIGN = ComplaintStep.RESOLVE, ComplaintStep.CLOSE, ComplaintStep.ASSIGN


def memo(sla: Limits, dues: Dues | None) -> tuple[Dues, object]:
    """Where a walk remembers due moments, and the first item of its keys there."""
    if dues is None:  # the walk's own: one set of limits for every step may not be hashable
        return {}, None
    # Counties sharing the city's answers share their due moments too (a hundred at province).
    return dues, sla.answers if isinstance(sla, DatedLimits) else sla


def step_due(step: ComplaintStep, day: date, kind: str, sla: Limits, cal: WorkCalendar) -> datetime | None:
    """The due moment of ``step`` opened on ``day`` (None: no limit)."""
    if isinstance(sla, ComplaintSla):
        limits = sla
    elif isinstance(sla, DatedLimits) and not sla.in_force(day):
        return None  # opened before the programme's limits were in force: no limit
    else:
        limits = sla(day)  # a caller's own dated limits answer for every day they are asked
    if step is _RESOLVE:
        limit = limits.resolve.get(kind)
    elif step is _CLOSE or step is _ASSIGN:
        limit = None  # closing after a follow-up, and assigning (交办), have no limit in the programme
    else:
        limit = getattr(limits, _LIMIT_OF[step])
    return None if limit is None else _due_after(day, limit, cal)


def extend(
    opened: datetime,
    due: datetime | None,
    extended: int,
    ev: ComplaintEvent,
    sla: Limits,
    calendar: WorkCalendar,
    problems: list[str],
    spent: bool = False,
) -> tuple[datetime | None, int]:
    """The open resolve step's due moment and extension after an extension (延期), or as
    they were with a problem. Applied only when approved by the due moment, within the maximum
    and the complaint's first applied (``spent``: one was, on this step or one before a
    reopening): the one place that decides it, so one not applied uses nothing up."""
    days = ev.extension_days or 0
    if due is None:  # a step without a limit (opened before the programme) has none to extend
        problems.append(UNLIMITED_EXTENSION.format(moment=shown(ev.at)))
        return due, extended
    if spent:
        problems.append(SECOND_EXTENSION.format(moment=shown(ev.at)))
    elif not in_time(ev.at, due):
        problems.append(LATE_EXTENSION.format(moment=shown(ev.at)))
    elif days > (most := limits_on(sla, opened).max_extension):
        problems.append(LONG_EXTENSION.format(days=days, most=most))
    else:
        return _due_after(due.date(), days, calendar), days
    return due, extended


def _due_after(day: date, workdays: int, calendar: WorkCalendar) -> datetime:
    """The end (23:59:59 Beijing) of the ``workdays``-th working day after ``day``."""
    try:
        return end_of_beijing_day(calendar.add_workdays(day, workdays))
    except CalendarDataMissing as exc:
        # Worked out at every instant after the event that opened (or extended) the step: no
        # later --as-of avoids the year, the one CLI advice was to give "now" (auditor a82 01).
        exc.any_instant = True
        raise


def shown(at: datetime) -> str:
    """An event's moment as a problem states it: in Beijing time, whatever offset it was
    recorded with (docs/monitoring.md: every time shown is Beijing time; 2025-10-30T02:00Z was
    printed as it came, a day that is not the Beijing one for an event late in the evening)."""
    return at.astimezone(BEIJING).isoformat()


__all__ = ["Dues", "extend", "memo", "shown", "step_due"]
