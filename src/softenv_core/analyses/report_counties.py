"""Section 二 of the monitoring report (各县区月报报送情况): each county's report on the month,
and the report's instant.

The month's statuses are the assessment's (``county_months``): which counties owe the month
(``month_deadlines``: not in force, not owed in a month the county does not exist), how each
report came (``month_status``: on time, late by N working days, missing, waived by a city
waiver, not yet due), at the
report's instant (``report_instant``: by default the moment after the month's last deadline,
so that the report never depends on when it is made, nor on reports submitted after it).
"""

from __future__ import annotations

from datetime import datetime

from softenv_core.analyses.county_months import city_waivers, month_status
from softenv_core.analyses.report_inputs import ReportInputs, report_content
from softenv_core.analyses.report_rows import CountyReportRow
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month


def month_waivers(
    dataset: Dataset, month: Month, params: ParameterSet, as_of: datetime
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The city waivers of ``month`` known at ``as_of`` (as the assessment reads them), by county;
    and the assessment's notice of each waiver of the month known then that the city did not
    decide (ignored): the report's row reads 迟报 or 未报 beside it on file, and the report said
    no word of it where the assessment and `explain --county` do (fix helper a79b 03)."""
    found, notices = city_waivers(dataset, params, as_of, noticed=month)
    return {county: wid for (county, m), wid in found.items() if m == month}, tuple(notices)


def county_report_rows(inputs: ReportInputs) -> tuple[CountyReportRow, ...]:
    """Section 二: each county's monthly report, due when and why, and how it came, as the
    assessment rates the month at the report's instant (``month_status``)."""
    rows = []
    for county in sorted(inputs.dataset.counties, key=lambda c: c.code):
        r = inputs.reports.get(county.code)  # known at the report's instant
        st = month_status(
            inputs.month,
            inputs.deadlines[county.code],
            r,
            inputs.waivers.get(county.code),
            inputs.as_of,
            inputs.calendar,
            inputs.params,
        )
        # Timeliness is the first submission's; what it says is the latest amendment's (item 9).
        content = report_content(inputs, r) if r else None
        known = [a for a in r.amendments if a.submitted_at <= inputs.as_of] if r else []  # as version_at
        rows.append(
            CountyReportRow(
                county=county.code,
                name=county.name,
                # PENDING: nothing yet, and nothing owed yet: not 未报.
                status="not_due" if st.status is MonthState.PENDING else st.status.value,
                late_workdays=st.late_workdays,
                due_at=st.due_at,
                submitted_at=r.submitted_at if r else None,
                zero_report=bool(content[1]) if content else None,
                items=len(content[0]) if content else 0,
                waiver=st.waiver,
                amendment=len(known) or None,
                amended_at=known[-1].submitted_at if known else None,
                open_until=st.open_until,
            )
        )
    return tuple(rows)


__all__ = ["county_report_rows", "month_waivers"]
