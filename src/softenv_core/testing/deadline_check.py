"""The words of ``softenv plugins --check`` for a county deadline later than the city's.

A county may only be stricter (docs/hooks.md, *softenv_report_deadline*). Its deadline can be
later than the city's in two ways, with two fixes: its rule names a day after the city's due
day (the 6th where the city says the 5th: lower the figure), or it names an earlier day that
still falls after the city's deadline in some months, as "the 3rd working day of the next
month" does where the month opens with a holiday (Spring Festival, May Day, National Day: the
3rd working day is after the city's 5th moved to the next working day). Telling a county whose
figure is 3 "due day ≤ 5" (finding p30 2) named a fix it had already made; so the fault names
every month in which it is later, each rule's day, and the fix that fits.
"""

from __future__ import annotations

from collections.abc import Sequence

from softenv_core.engine.deadline_offsets import offset_note
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Deadline
from softenv_core.model.periods import Month, Year
from softenv_core.rules.city.compliance import report_in_force
from softenv_core.testing.check_fixes import OFFSET_FIX
from softenv_core.workdays.calendar import official_years


def _moment(d: Deadline) -> str:
    return f"{d.due_at.isoformat()} (规定日 {d.nominal.isoformat()})"


def later_than_city(later: Sequence[tuple[Month, Deadline, Deadline]], bound: object) -> tuple[str, str]:
    """The problem and the fix, given each month in which the county's deadline (second) is
    later than the city's (third), in month order, and the city's due day ``bound``."""
    month, mine, city = later[0]
    others = [str(m) for m, _, _ in later[1:]]
    problem = (
        f"the report on {month} is due {_moment(mine)}, later than the city's {_moment(city)}"
        + (f"; later too in {', '.join(others)}" if others else "")
        + f"; a county may only be stricter, in every month: due day ≤ {bound}, and the deadline no "
        f"later than the city's (its {bound}th moved to the next working day)"
    )
    # A due day after the city's (monthly_deadline(…, 6)): the same day each month, moved off
    # non-working days. A day counted in working days differs from month to month.
    note = offset_note(mine.due_at)
    if note:  # 17:00 in UTC is 01:00 Beijing the next day: the offset is the slip (p52 05)
        return problem + note, OFFSET_FIX
    days = {(m.policy, m.nominal.day) for _, m, _ in later}
    if (
        len(days) == 1
        and next(iter(days))[0] == "next_workday"
        and str(bound).isdigit()
        and later[0][1].nominal.day > int(str(bound))
    ):
        fix = f"set the county's due day to {bound} or earlier (its parameter file), or return None"
    else:
        fix = (
            "the day your rule names is not after the city's, but the deadline it gives is in these "
            "months (a day counted in working days, or moved off a holiday where the city's is not): "
            "return None for such a month (the city's deadline applies there), or the earlier of the two"
        )
    return problem, fix


def refused_in_months(first: str, months: Sequence[Month]) -> str:
    """The engine's refusal ``first`` of the first month's deadline, with the later ``months``
    refused likewise named after it: the kit and ``softenv plugins --check`` named January alone
    where the same rule was refused in April, September and December too (plugin author p51 01).
    The same words in both, so that a fault the two find is said once (check_faults.merged)."""
    return first + (f"; refused likewise for {', '.join(str(m) for m in months)}" if months else "")


def deadline_months(year: int, params: ParameterSet) -> tuple[tuple[Month, ...], str]:
    """The months whose report deadline the checks of ``year`` ask, and a line naming the months
    left out and why ("" when none is).

    The January report of ``year`` (and ``softenv demo``) needs the report on December of the
    year before, due in January of ``year``: a fault there passed the check of every year that
    is in force and then stopped ``softenv report --month Y-01`` (plugin author p49 01). It is
    asked where the engine would ask it (report_deadline: the city's programme in force for
    that month), as the months of ``year`` are. A month whose report falls due in a year the
    installed chinesecalendar does not know (December of its last year) cannot be worked out
    by the official calendar: it is left out and said, not the whole year refused.
    """
    december = Month(year, 1) - 1
    asked = ((december,) if report_in_force(december, params) else ()) + Year(year).months
    first, last = official_years()
    known = tuple(m for m in asked if first <= (m + 1).year <= last)
    unknown = [m for m in asked if m not in known]
    if not unknown:
        return known, ""
    due = sorted({(m + 1).year for m in unknown})
    line = (
        f"report deadlines not checked for {', '.join(str(m) for m in unknown)}: due in "
        f"{', '.join(str(y) for y in due)}, which the installed chinesecalendar ({first}–{last}) does not "
        "know; check them once chinesecalendar is upgraded (docs/calendar.md)"
    )
    return known, line


__all__ = ["deadline_months", "later_than_city", "refused_in_months"]
