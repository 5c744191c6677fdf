"""Section 四(二) of the monthly monitoring report (监测报告): the matters still open at the
report's day (未办结事项), as the reader may see them. Split from analyses.monitoring_report."""

from __future__ import annotations

from datetime import date

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.disclosure import TextScreen
from softenv_core.analyses.followup_status import open_matter_ages
from softenv_core.analyses.redaction import text_screen
from softenv_core.analyses.report_inputs import ReportInputs, report_day
from softenv_core.analyses.report_rows import OpenMatterRow
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import MatterSource


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
            raised_on, age, long_open = dated.coarse(m.record, day)
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
    """The date a reader outside its county is given for a matter raised in a county report:
    the last day of the month reported on, not the day the report was submitted (attacker t10
    04: section 二 prints every county's submission, so that day named the county that the
    report withheld beside the matter). Its age and long-open mark are counted from that day,
    so that no part of the row depends on which county's report raised it."""

    def __init__(self, inputs: ReportInputs, day: date) -> None:
        self._months = {r.id: r.month for r in inputs.dataset.reports}
        self._long_days = int(inputs.params.get("followup.long_open_days", day).value)

    def coarse(self, report_id: str, day: date) -> tuple[date, int, bool]:
        """(raised on, age in days, long open) of a matter of report ``report_id`` on ``day``."""
        raised = min(self._months[report_id].last_day, day)
        age = (day - raised).days
        return raised, age, age >= self._long_days


def report_screen(dataset: Dataset) -> TextScreen:
    """The screen of section 四(二)'s texts: the one every reader outside the city office gets
    (``redaction.text_screen``: names, codes, liaison persons, point ids), so that 主要事项 and
    四(二) never mask one text two ways (attacker t10 01)."""
    return text_screen(dataset, Audience(AudienceKind.PUBLIC))


__all__ = ["open_matter_rows", "report_screen"]
