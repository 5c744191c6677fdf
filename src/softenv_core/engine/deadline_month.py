"""Whether a report deadline answer fits the month it is for (报送截止时间与所报月份): due after the
month has ended, its 规定日 a day of the next month its due moment can stand for.

Split from engine/answers.py (the checks of plugin answers), which re-exports check_deadline_month.
"""

from __future__ import annotations

from softenv_core.engine.deadline_offsets import offset_note
from softenv_core.engine.deadline_types import Deadline, DeadlinePolicy
from softenv_core.errors import PluginError
from softenv_core.model.periods import BEIJING, Month


def check_deadline_month(plugin: str, hook: str, d: Deadline, county: str, month: Month) -> None:
    """A Deadline answered for ``county``'s report on ``month`` falls after the month has ended
    (midnight Beijing time at the start of the next month), and names as its ``nominal``
    (规定日) a day of the next month its due day can stand for (:func:`_nominal_problem`).

    The report on M covers M and cannot be submitted before M ends (the dataset refuses it,
    docs/data-format.md): a due moment before then is an impossible answer (an off-by-one
    month), not a stricter deadline, and would make every month late.
    """
    if d.due_at <= month.end:
        raise PluginError(
            plugin,
            hook,
            f"field due_at: rule {d.rule_id}: the report of county {county} on {month} is due "
            f"{d.due_at.isoformat()}, before the month has ended ({month.end.isoformat()}); "
            + _early_advice(d, month)
            + offset_note(d.due_at),
        )
    problem = _nominal_problem(d, month)
    if problem is not None:
        raise PluginError(
            plugin,
            hook,
            f"field nominal: rule {d.rule_id}: the report of county {county} on {month} names the day "
            f"{d.nominal.isoformat()} (规定日), {problem} (monthly_deadline(calendar, month, …) gives it)"
            + offset_note(d.due_at),
        )


def _early_advice(d: Deadline, month: Month) -> str:
    """What to do about a due moment before ``month`` has ended. Under 遇节假日提前 a 规定日 of the
    next month moved back over days off into ``month`` itself is ``monthly_deadline`` working
    as it should: the guide's answer is None for that month (plugin author p51 01: told to build
    it with monthly_deadline, which it had done)."""
    if d.policy == DeadlinePolicy.PREVIOUS_WORKDAY and d.nominal > month.last_day:
        return (
            f"its 规定日 {d.nominal.isoformat()} moved to the working day before it (遇节假日提前) falls "
            f"inside {month}: return None for {month} (the city's deadline applies) or name another day"
        )
    return f"a report on {month} can only be submitted after it (e.g. monthly_deadline(calendar, month, …))"


def _nominal_problem(d: Deadline, month: Month) -> str | None:
    """Why ``d.nominal`` cannot be the day the rule names for the report on ``month``, or None.

    The explanation prints the 规定日 beside the due moment (DESIGN principle 2: it must not
    contradict the figure it explains). The rule names a day of the month after ``month`` (the
    city's: the 5th; a county's: that or earlier); the due moment is that day, or under
    顺延 (next_workday) a later working day, never an earlier one; 不顺延 (none) keeps it.
    """
    due = d.due_at.astimezone(BEIJING).date()
    after = month + 1
    if (d.nominal.year, d.nominal.month) != (after.year, after.month):
        return f"not a day of {after}, the month after the report's"
    if d.nominal > due and d.policy != DeadlinePolicy.PREVIOUS_WORKDAY:
        return f"after the due day {due.isoformat()}: only previous_workday (遇节假日提前) moves a deadline earlier"
    if d.nominal < due and d.policy == DeadlinePolicy.PREVIOUS_WORKDAY:
        return f"before the due day {due.isoformat()} though the policy is previous_workday (遇节假日提前)"
    if d.policy == DeadlinePolicy.NO_MOVE and d.nominal != due:
        return f"not the due day {due.isoformat()} though the policy is none (不顺延)"
    return None


__all__ = ["check_deadline_month"]
