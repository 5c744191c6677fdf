"""Whether the monthly monitoring report is provisional (暂定): a deadline or a working-day figure
of it read a day the calendar knows only as weekends. Split from analyses.monitoring_report (at
the 500-line limit)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from softenv_core.analyses.county_months import counted_provisional
from softenv_core.analyses.report_inputs import ReportInputs
from softenv_core.analyses.report_rows import CountyReportRow
from softenv_core.engine.ruletypes import Deadline
from softenv_core.model.periods import beijing_date
from softenv_core.workdays.calendar import CalendarMode


def report_provisional(
    inputs: ReportInputs, complaint_due_days: Iterable[date], rows: Sequence[CountyReportRow]
) -> bool:
    """Whether a deadline or working-day figure of the report touched a year the calendar knows
    only as weekends (暂定): a county's due moment, section 二's late counts and late bands still
    open (a count reaching late December came unmarked: auditor a84 02), or the years the complaints' due days and
    overdue counts span (from the month to their due days and the complaints' instant), the
    month's own days (section 三's points owing its contact, contact_overview's mark) and those
    of the months its trends compare with, a year back (their points reached; auditor a75 03).
    Read by days: a day of late December reads the next year's notice too (a75 01).
    ``complaint_due_days``: the due days of the month's complaints, read in the city's view only."""
    if any(isinstance(d, Deadline) and d.provisional for d in inputs.deadlines.values()):
        return True
    calendar = inputs.calendar
    if calendar.mode is not CalendarMode.PROVISIONAL:
        return False  # a strict calendar answers only for the years it knows (it raised otherwise)
    # Section 二 is every reader's alike (every county's row), so its counts may mark any report.
    if any(counted_provisional(calendar, row.due_at, row.submitted_at or row.open_until) for row in rows):
        return True
    at = min(inputs.month.end, inputs.as_of)
    years: set[int | date] = {(inputs.month - 12).first_day, inputs.month.last_day, beijing_date(at)}
    if inputs.city_view:
        years.update(complaint_due_days)
    else:
        # Outside the city office the mark may not depend on the complaints: an extended
        # complaint's due day in the next year marked November's report alone, and so told
        # every reader it existed (attacker 08). Every year a month's complaint steps may reach
        # (a limit is at most a year of working days) counts instead, whether or not one did.
        years.add(inputs.month.year + 1)
    return calendar.provisional_in(years)


__all__ = ["report_provisional"]
