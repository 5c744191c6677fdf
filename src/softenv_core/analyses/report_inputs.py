"""What every section of one month's monitoring report reads (:class:`ReportInputs`), and
the small answers they share: what a county report says at the report's instant, the day
the report speaks for, and the smallest cell the reader may see."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from attrs import field, frozen

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.followup_status import MatterBatch
from softenv_core.analyses.redaction import month_min_cell
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import Deadline, MonthState
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, beijing_date
from softenv_core.model.reports import Item, MonthlyReport
from softenv_core.workdays.calendar import WorkCalendar


@frozen
class ReportInputs:
    """What every section of one month's report reads: the data, the rules and the reader."""

    dataset: Dataset
    month: Month
    pm: SoftenvPluginManager
    audience: Audience
    calendar: WorkCalendar
    params: ParameterSet
    reports: dict[str, MonthlyReport]  # the month's county reports known at as_of, by county
    # The report's instant: given, or the moment after the month's last deadline (report_counties).
    as_of: datetime
    # The matters of a batch of reports, worked out once for all its days (None: for this report alone).
    matters: MatterBatch | None = None
    # Each county's deadline for the month, or why it owes none (county_months.month_deadline).
    deadlines: Mapping[str, Deadline | MonthState] = field(factory=dict)
    # The city waivers of the month known at as_of, by county (report_counties.month_waivers).
    waivers: Mapping[str, str] = field(factory=dict)
    # The notices of the month's waivers known at as_of that the city did not decide (ignored),
    # worked out with ``waivers`` by the one reading of them: the report ends its notices with
    # them, since a month read 迟报 or 未报 beside a waiver on file said no word of why it was not
    # waived (a79b 03); they quote decided_by, which redaction_report screens for the reader.
    waiver_notices: tuple[str, ...] = ()

    @property
    def city_view(self) -> bool:
        return self.audience.kind is AudienceKind.CITY

    def owns(self, county: str) -> bool:
        """Whether the reader may see the county's lists (the city office, or the county itself)."""
        return self.city_view or (self.audience.kind is AudienceKind.COUNTY and self.audience.key == county)


def report_content(inputs: ReportInputs, r: MonthlyReport) -> tuple[tuple[Item, ...], bool]:
    """What a county report says at the report's instant: its items and whether it is a zero
    report, from the latest amendment known then (one submitted after it is not yet known). The first
    submission still decides timeliness (as rules/city/compliance.py and county_months do)."""
    said = r.version_at(inputs.as_of)
    return said.items, said.nothing_to_report


def report_day(inputs: ReportInputs) -> date:
    """The day the report speaks for: the month's last day, or as_of's (Beijing) day if earlier."""
    last = inputs.month.last_day
    return min(last, beijing_date(inputs.as_of))


def min_cell(inputs: ReportInputs) -> int:
    """1 for the city office (nothing hidden); ``privacy.min_cell`` for every other reader."""
    if inputs.city_view:
        return 1
    return month_min_cell(inputs.params, inputs.month)  # the redaction's reading, before 2022-03 too


__all__ = ["ReportInputs", "min_cell", "report_content", "report_day"]
