"""Monthly report deadlines as traced answers: helpers for the city baseline and county plugins.

``monthly_deadline``: due on a day of the next month (the city's 5th), moved to the next
working day or not; ``workday_deadline``: due on the Nth working day of the next month
(每月前N个工作日内报送), a common county rule.
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from softenv_core._validators import argument, whole_number
from softenv_core.engine.deadline_types import Deadline, DeadlinePolicy, deadline_policy
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import FieldInvalid
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
    reference_zh: str | None = None,
) -> Deadline:
    """The report on ``month`` is due at the end (23:59:59 Beijing) of day ``due_day`` of the
    next month; under ``next_workday`` a day that is not a working day moves to the next one
    that is (顺延), under ``previous_workday`` to the last one before it (遇节假日提前), make-up
    weekend days (补班) counting as working days. ``policy`` is a :class:`DeadlinePolicy` or its
    value (``"next_workday"``, ``"previous_workday"``, ``"none"``). ``month`` may be
    given as its text ``YYYY-MM``; ``due_day`` is a whole number 1-31 (a day past the month's
    last is its last day). ``reference_zh``: the reference in Chinese (依据), shown to officials
    instead of ``reference``. A wrong argument is FieldInvalid naming it."""
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
        and (reference_zh is None or type(reference_zh) is str)
    ):
        # A member equals, and hashes as, its text (LabelledStrEnum): either finds the answer.
        found = _recalled(
            calendar, ("deadline", month.year, month.month, due_day, rule_id, reference, params, policy, reference_zh)
        )
        if found is not None:
            return found
    argument(calendar, WorkCalendar, "calendar", "a WorkCalendar")
    period = as_month(month)
    # A day 0 or -3 was clamped to the 1st without a word: a plugin's typo moved its deadline.
    whole_number(due_day, "due_day", 1, 31)
    argument(rule_id, str, "rule_id", "the rule's id, a text")
    argument(reference, str, "reference", "the rule's source, a text")
    _reference_zh(reference_zh, rule_id)
    argument(params, tuple | list, "params", "a tuple of ParamValue")  # type: ignore[arg-type]
    chosen = deadline_policy(policy)
    # Every county shares the same month's deadline under the same rule: work it out once
    # per calendar (a Deadline is an immutable value). The fast path above builds the same key.
    key = ("deadline", period.year, period.month, due_day, rule_id, reference, tuple(params), chosen, reference_zh)
    references = (reference, reference_zh)
    return _remembered(
        calendar, key, lambda: _monthly_deadline(calendar, period, due_day, rule_id, references, params, chosen)
    )


def _reference_zh(value: object, rule_id: str) -> None:
    """None or text; named with the rule (p35: a plugin's hook said only ``reference_zh``)."""
    if value is not None and not isinstance(value, str):
        got = f"{type(value).__name__} {value!r:.40}"
        raise FieldInvalid(
            "reference_zh", f"expected the rule's source in Chinese, a text (or None), got {got} (rule {rule_id})"
        )


def _recalled(calendar: WorkCalendar, key: tuple[object, ...]) -> Deadline | None:
    """The deadline ``calendar`` keeps under ``key``; None when it keeps none, or when ``key``
    cannot be a key (params citing a list or mapping value: unhashable)."""
    try:
        return calendar._recalled(key)  # the library's own memo, never a caller's (x74 04)
    except TypeError:
        return None


def _remembered(calendar: WorkCalendar, key: tuple[object, ...], compute: Callable[[], Deadline]) -> Deadline:
    """``compute()``, kept by ``calendar`` under ``key`` (every county shares a month's deadline
    under one rule); worked out each time when ``key`` cannot be a key (a due day by month)."""
    try:
        hash(key)
    except TypeError:
        return compute()
    return calendar._remembered(key, compute)


def _monthly_deadline(
    calendar: WorkCalendar,
    month: Month,
    due_day: int,
    rule_id: str,
    references: tuple[str, str | None],
    params: Sequence[ParamValue],
    policy: DeadlinePolicy,
) -> Deadline:
    nxt = month + 1
    last = _stdcal.monthrange(nxt.year, nxt.month)[1]
    nominal = date(nxt.year, nxt.month, min(due_day, last))
    day = nominal
    facts = []
    if policy is not DeadlinePolicy.NO_MOVE:  # 顺延 forward, 提前 back: each day off passed is a fact
        step = timedelta(days=1 if policy is DeadlinePolicy.NEXT_WORKDAY else -1)
        while not calendar.is_workday(day):
            facts.append(describe_day(calendar, day))
            day += step
    facts.append(describe_day(calendar, day))
    return Deadline(
        due_at=end_of_beijing_day(day),
        nominal=nominal,
        rule_id=rule_id,
        policy=policy,
        reference=references[0],
        facts=tuple(facts),
        calendar_sources=calendar.sources([nominal, day]),
        params=tuple(params),
        reference_zh=references[1],
    )


#: The largest ``nth`` of :func:`workday_deadline`: a month has at most 23 working days (a
#: 31-day month has at most 23 weekdays, and no month of chinesecalendar 1.11's official
#: calendar, 2004-2026, has more with its 补班 days counted). A month that has fewer (February 2026: 16) is refused
#: when asked: the rule names no day of it.
MAX_NTH_WORKDAY = 23


def workday_deadline(
    calendar: WorkCalendar,
    month: Month | str,
    nth: int,
    *,
    rule_id: str,
    reference: str,
    params: Sequence[ParamValue] = (),
    reference_zh: str | None = None,
) -> Deadline:
    """The report on ``month`` is due at the end (23:59:59 Beijing) of the ``nth`` working day
    of the next month (次月第N个工作日, "每月前N个工作日内报送"): make-up weekend days (补班)
    count as working days, holidays and rest days do not. ``month`` may be given as its text
    ``YYYY-MM``; ``nth`` is a whole number 1-23 (:data:`MAX_NTH_WORKDAY`, the most working days
    a month has); a next month with fewer than ``nth`` working days is FieldInvalid naming
    ``nth``, as is any wrong argument naming it. A year the calendar does not know raises
    CalendarDataMissing, as :func:`monthly_deadline` does. ``reference_zh``: the reference in
    Chinese (依据), shown to officials instead of ``reference``.

    ``nominal`` (规定日) is that working day and ``policy`` is ``DeadlinePolicy.NO_MOVE``
    (不顺延; "none (the day is kept even when it is a day off)" in English): the day is found
    by counting working days, never moved off a holiday, so it is the day the rule names (as the
    engine requires under ``none``). ``facts`` describe every day of the next month from the 1st up to the due day,
    as :func:`describe_day` words them (the days skipped and the working days counted), so
    that the count can be checked from the text.

    A county's deadline may not be later than the city's (a ``RuleConflict``): the city's is
    the 5th moved to the next working day, which the 1st working day never passes but the
    2nd or later does where the month opens with a holiday (the 3rd working day of February
    2025 is the 7th, the city's the 5th). Return ``None`` for such a month, and the city's
    deadline applies there (docs/hooks.md, *softenv_report_deadline*).
    """
    # The usual call (a county plugin's, for each month, again in every analysis sharing the
    # calendar; for every county alike should the city adopt such a rule) gives arguments of
    # exactly these types, already checked when its answer was first worked out: one look-up.
    if (
        type(calendar) is WorkCalendar
        and type(month) is Month
        and type(nth) is int
        and 1 <= nth <= MAX_NTH_WORKDAY
        and type(rule_id) is str
        and type(reference) is str
        and type(params) is tuple
        and (reference_zh is None or type(reference_zh) is str)
    ):
        key = ("workday_deadline", month.year, month.month, nth, rule_id, reference, params, reference_zh)
        found = _recalled(calendar, key)
        if found is not None:
            return found
    argument(calendar, WorkCalendar, "calendar", "a WorkCalendar")
    period = as_month(month)
    whole_number(nth, "nth", 1, MAX_NTH_WORKDAY)
    argument(rule_id, str, "rule_id", "the rule's id, a text")
    argument(reference, str, "reference", "the rule's source, a text")
    _reference_zh(reference_zh, rule_id)
    argument(params, tuple | list, "params", "a tuple of ParamValue")  # type: ignore[arg-type]
    key = ("workday_deadline", period.year, period.month, nth, rule_id, reference, tuple(params), reference_zh)
    references = (reference, reference_zh)
    return _remembered(calendar, key, lambda: _workday_deadline(calendar, period, nth, rule_id, references, params))


def _workday_deadline(
    calendar: WorkCalendar,
    month: Month,
    nth: int,
    rule_id: str,
    references: tuple[str, str | None],
    params: Sequence[ParamValue],
) -> Deadline:
    nxt = month + 1
    day, counted, facts = nxt.first_day, 0, []
    while True:
        if day > nxt.last_day:
            problem = f"{nxt} has {counted} working days, fewer than {nth}: the rule names none of its days"
            raise FieldInvalid("nth", problem)
        counted += calendar.is_workday(day)  # CalendarDataMissing for a year it does not know
        facts.append(describe_day(calendar, day))
        if counted == nth:
            break
        day += timedelta(days=1)
    return Deadline(
        due_at=end_of_beijing_day(day),
        nominal=day,
        rule_id=rule_id,
        policy=DeadlinePolicy.NO_MOVE,
        reference=references[0],
        facts=tuple(facts),
        calendar_sources=calendar.sources([day]),
        params=tuple(params),
        reference_zh=references[1],
    )


__all__ = ["MAX_NTH_WORKDAY", "NEXT_WORKDAY", "NO_MOVE", "DeadlinePolicy", "monthly_deadline", "workday_deadline"]
