"""Section 四(二) of the monthly monitoring report (监测报告): the matters still open at the
report's day (未办结事项), as the reader may see them. Split from analyses.monitoring_report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.county_months import month_deadlines
from softenv_core.analyses.disclosure import TextScreen
from softenv_core.analyses.followup_status import open_matter_ages
from softenv_core.analyses.matter_days import report_cut
from softenv_core.analyses.redaction import text_screen
from softenv_core.analyses.report_inputs import ReportInputs, report_day
from softenv_core.analyses.report_rows import OpenMatterRow
from softenv_core.engine.ruletypes import Deadline, MonthState
from softenv_core.engine.trace import ParamValue
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import MatterSource
from softenv_core.model.periods import Month, beijing_date, in_time, since_epoch


def open_matter_rows(inputs: ReportInputs) -> tuple[OpenMatterRow, ...]:
    """Section 四(二): matters still open at the report's day, oldest first (none for the public):
    county reports as known at the report's instant (one submitted later that day, or an
    amendment submitted after it, is not known yet); contacts and follow-ups by the day."""
    aud = inputs.audience
    if aud.kind is AudienceKind.PUBLIC:
        return ()
    found = open_matter_ages(inputs.dataset, report_day(inputs), inputs.params, inputs.matters, as_of=inputs.as_of)
    if inputs.city_view:
        # Everything as it is: the usual batch (a year's province reports list 400,000 rows).
        return tuple(
            OpenMatterRow(
                m.source,
                m.record,
                m.county,
                m.category,
                m.department,
                m.text,
                m.point,
                m.raised_on,
                age,
                last.value if last is not None else None,
                long_open,
            )
            for m, age, last, long_open in found
        )
    if not found:
        return ()  # none open, or follow-up not yet in force (no long-open days to read)
    screen = text_screen(inputs.dataset, aud)
    day = report_day(inputs)
    dated = _ReportMonths(inputs, day)
    rows = []
    for m, age, last, long_open in found:
        if not aud.sees_item(m.county, m.department, m.point):
            continue
        own = inputs.owns(m.county)
        raised_on = m.raised_on
        if m.source == MatterSource.REPORT.value and not own:
            raised_on, age, long_open = dated.coarse(m.record, m.raised_on, day)
        rows.append(
            OpenMatterRow(
                source=m.source,
                record=m.record if own else "",
                county=m.county,
                category=m.category,
                department=m.department,
                text=screen.screen(m.text).text,
                point=m.point if own else None,
                raised_on=raised_on,
                age_days=age,
                last_step=last.value if last is not None else None,
                long_open=long_open,
            )
        )
    return tuple(rows)


class _ReportMonths:
    """The date a reader outside its county is given for a matter raised in a county report: not
    the day the report was submitted (attacker t10 04: section 二 prints every county's
    submission, so that day named the county that the report withheld beside the matter) but
    the latest first submission of the reports on the same month known at the report's instant
    (review r3/08: the month's last day, used before, is earlier than every submission, so the
    department was told of a matter past the tracking limit that the city office's report
    said was not). Never before the real day, so age and ⚠ are never overstated; the same for
    every county's matter of that month, so no part of the row depends on which county's report
    raised it. An item a county added by an amendment (补报) after that day keeps the
    amendment's day, which section 二 does not print."""

    def __init__(self, inputs: ReportInputs, day: date) -> None:
        cut = report_cut(day, inputs.as_of)
        self._months = {r.id: r.month for r in inputs.dataset.reports}
        self._latest: dict[Month, date] = {}
        deadlines: dict[Month, Mapping[str, Deadline | MonthState]] = {}
        for r in inputs.dataset.reports:
            if cut is None or since_epoch(r.submitted_at) <= since_epoch(cut):
                # Only reports on time count (review r4 05): one county's late report moved every
                # other county's matter of the month later, told a department a 119-day-old
                # matter was 11 days old and took its ⚠ away. A late report's own matters keep
                # their day (later than this one), as lateness already shows in section 二.
                if r.month not in deadlines:
                    deadlines[r.month] = _deadlines(inputs, r.month)
                due = deadlines[r.month].get(r.county)
                if isinstance(due, Deadline) and not in_time(r.submitted_at, due.due_at):
                    continue
                submitted = beijing_date(r.submitted_at)
                self._latest[r.month] = max(submitted, self._latest.get(r.month, submitted))
        self._long_days = inputs.params.get("followup.long_open_days", day).whole()

    def coarse(self, report_id: str, raised_on: date, day: date) -> tuple[date, int, bool]:
        """(raised on, age in days, long open) on ``day`` of a matter of report ``report_id``
        raised on ``raised_on``."""
        raised = min(max(self._latest.get(self._months[report_id], raised_on), raised_on), day)
        age = (day - raised).days
        return raised, age, age >= self._long_days


def report_thresholds(inputs: ReportInputs) -> tuple[ParamValue, ...]:
    """The parameters the report's thresholds are read with, where in force: the tracking limit
    on the report's day (as :func:`open_matter_rows` reads it) and the common problems' on the
    month's last day (as section 六's window reads them)."""
    params, day, last = inputs.params, report_day(inputs), inputs.month.last_day
    out = [params.get("followup.long_open_days", day)] if params.in_force("followup.long_open_days", day) else []
    if params.in_force("common.min_points", last):
        out += [params.get(n, last) for n in ("common.min_points", "common.min_counties", "common.window_months")]
        if params.in_force("common.no_department_categories", last):
            out.append(params.get("common.no_department_categories", last))
    return tuple(out)


def _deadlines(inputs: ReportInputs, month: Month) -> Mapping[str, Deadline | MonthState]:
    """Each county's deadline for its report on ``month`` (none where the calendar does not know
    the year: every report then counts)."""
    try:
        return month_deadlines(inputs.dataset, month, inputs.pm, inputs.calendar, inputs.params)
    except CalendarDataMissing:
        return {}


def report_screen(dataset: Dataset) -> TextScreen:
    """The screen of section 四(二)'s texts: the one every reader outside the city office gets
    (``redaction.text_screen``: names, codes, liaison persons, point ids), so that 主要事项 and
    四(二) never mask one text two ways (attacker t10 01)."""
    return text_screen(dataset, Audience(AudienceKind.PUBLIC))


__all__ = ["open_matter_rows", "report_screen"]
