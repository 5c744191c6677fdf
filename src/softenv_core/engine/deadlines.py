"""Monthly report deadlines as traced answers: a helper for the city baseline and county plugins."""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Sequence
from datetime import date, timedelta

from softenv_core._validators import argument, whole_number
from softenv_core.engine.deadline_types import Deadline, DeadlinePolicy, deadline_policy
from softenv_core.engine.trace import ParamValue
from softenv_core.model.periods import Month, as_month, end_of_beijing_day
from softenv_core.workdays.calendar import WorkCalendar
from softenv_core.workdays.deadlines import describe_day

# The names plugins used before the enum: the members themselves, equal to the old strings.
NEXT_WORKDAY = DeadlinePolicy.NEXT_WORKDAY
NO_MOVE = DeadlinePolicy.NO_MOVE


def monthly_deadline(
    calendar: WorkCalendar,
    month: Month | str,
    due_day: int,
    *,
    rule_id: str,
    reference: str,
    params: Sequence[ParamValue] = (),
    policy: DeadlinePolicy | str = DeadlinePolicy.NEXT_WORKDAY,
) -> Deadline:
    """The report on ``month`` is due at the end (23:59:59 Beijing) of day ``due_day`` of the
    next month; under ``next_workday`` a day that is not a working day moves to the next one
    that is (顺延), make-up weekend days (补班) counting as working days. ``policy`` is a
    :class:`DeadlinePolicy` or its value (``"next_workday"``, ``"none"``). ``month`` may be
    given as its text ``YYYY-MM``; ``due_day`` is a whole number 1-31 (a day past the month's
    last is its last day). A wrong argument is FieldInvalid naming it."""
    # The usual call (the city baseline's and a county's, for every county and month) gives
    # arguments of exactly these types, already checked when its answer was first worked out:
    # one look-up finds it. Anything else (a subclass, a text month, a list) is checked below.
    if (
        type(calendar) is WorkCalendar
        and type(month) is Month
        and type(due_day) is int
        and 1 <= due_day <= 31
        and type(rule_id) is str
        and type(reference) is str
        and type(params) is tuple
        and (type(policy) is str or type(policy) is DeadlinePolicy)
    ):
        # A member equals, and hashes as, its text (LabelledStrEnum): either finds the answer.
        try:
            found = calendar.recall(("deadline", month.year, month.month, due_day, rule_id, reference, params, policy))
        except TypeError:  # a ParamValue of a list or mapping (unhashable): no memo, below
            found = None
        if found is not None:
            return found  # type: ignore[no-any-return]
    argument(calendar, WorkCalendar, "calendar", "a WorkCalendar")
    period = as_month(month)
    # A day 0 or -3 was clamped to the 1st without a word: a plugin's typo moved its deadline.
    whole_number(due_day, "due_day", 1, 31)
    argument(rule_id, str, "rule_id", "the rule's id, a text")
    argument(reference, str, "reference", "the rule's source, a text")
    argument(params, tuple | list, "params", "a tuple of ParamValue")  # type: ignore[arg-type]
    chosen = deadline_policy(policy)
    # Every county shares the same month's deadline under the same rule: work it out once
    # per calendar (a Deadline is an immutable value). The fast path above builds the same key.
    key = ("deadline", period.year, period.month, due_day, rule_id, reference, tuple(params), chosen)
    try:
        hash(key)
    except TypeError:  # params citing a list or mapping value (a due day by month): worked out each time
        return _monthly_deadline(calendar, period, due_day, rule_id, reference, params, chosen)
    return calendar.remember(
        key, lambda: _monthly_deadline(calendar, period, due_day, rule_id, reference, params, chosen)
    )


def _monthly_deadline(
    calendar: WorkCalendar,
    month: Month,
    due_day: int,
    rule_id: str,
    reference: str,
    params: Sequence[ParamValue],
    policy: DeadlinePolicy,
) -> Deadline:
    nxt = month + 1
    last = _stdcal.monthrange(nxt.year, nxt.month)[1]
    nominal = date(nxt.year, nxt.month, min(due_day, last))
    day = nominal
    facts = []
    if policy is DeadlinePolicy.NEXT_WORKDAY:
        while not calendar.is_workday(day):
            facts.append(describe_day(calendar, day))
            day += timedelta(days=1)
    facts.append(describe_day(calendar, day))
    return Deadline(
        due_at=end_of_beijing_day(day),
        nominal=nominal,
        rule_id=rule_id,
        policy=policy,
        reference=reference,
        facts=tuple(facts),
        calendar_sources=calendar.sources([nominal, day]),
        params=tuple(params),
    )


__all__ = ["NEXT_WORKDAY", "NO_MOVE", "DeadlinePolicy", "monthly_deadline"]
