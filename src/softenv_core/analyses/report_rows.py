"""The monthly monitoring report's rows and the report itself (attrs classes, JSON-ready).

Split from analyses.monitoring_report, which builds them and re-exports every name here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from attrs import field, frozen
from attrs.validators import ge, optional

from softenv_core._validators import audience_name, to_tuple
from softenv_core.analyses.common_problems import CommonProblem
from softenv_core.analyses.complaint_handling import ComplaintState, ComplaintStep, UnitRates
from softenv_core.analyses.trends import TrendView
from softenv_core.engine.manager import PluginMeta
from softenv_core.engine.trace import ParamValue
from softenv_core.io import converter as _converter
from softenv_core.io.result_fields import keyed_by
from softenv_core.model.periods import Month, in_beijing
from softenv_core.model.reports import ContactMethod, ItemCategory

REPORT_SCHEMA = "softenv.monitoring_report"
REPORT_VERSION = 1

#: The notice of a result that a provisional (weekends-only) calendar touched: the words
#: ``assess`` writes (analyses/assessment.py), so that the three results say it alike.


@frozen
class CountyReportRow:
    """A county's monthly report for the month: status and what it said."""

    county: str
    name: str
    # on_time | late | missing | not_due (its deadline is after the report's instant) |
    # not_owed (the county did not exist in the month) | not_in_force (before the first report owed) |
    # waived (late or missing, and a city waiver covers it)
    status: str
    late_workdays: int
    due_at: datetime | None  # None for a month the county does not owe
    submitted_at: datetime | None
    # None where no report was submitted (known at the instant): a missing report is neither a zero
    # report nor 'not a zero report', as the Markdown and Word leave the cell blank (auditor a67 04).
    # Documents written before say false there; they read as they are.
    zero_report: bool | None
    # None where withheld for this audience: the county's cell in the items-by-county
    # breakdown is hidden, and the two read together gave a small cell by difference.
    items: int | None
    # The city waiver (豁免) covering the month, known at the report's instant: a late or missing
    # month it covers is ``waived``, its facts (submitted_at, late_workdays) kept.
    waiver: str | None = None
    # The amendment (月报修改, its 1-based number) whose content zero_report and items show, known
    # at the report's instant, and when it was submitted; None: the report as first submitted.
    # Timeliness stays the first submission's: without these the row read as an on-time report
    # with the item, no trace of the later submission (clerk c54 01).
    amendment: int | None = field(default=None, validator=optional(ge(1)))  # counted from 1 (r58 06)
    amended_at: datetime | None = None
    # For a month missing at the report's instant (a waived one too) whose late band is still
    # running then: the last moment a report would count as late (MonthStatus.open_until, as the
    # assessment says it: …前补报按迟报计); None otherwise. The report's default instant is always
    # inside that band, and the row read 未报 alone (auditor a84 03).
    open_until: datetime | None = None


@frozen
class ContactRow:
    """Contacts with the points one liaison office owes in the month (三(二)): a county's
    county-level points under its code, the city-level (市直) points, 市经贸委's, under 'city'."""

    county: str  # the responsible office: a county code, or "city" (市经贸委, the 市直 points)
    active_points: int
    reached: int
    unreached: tuple[str, ...] = field(converter=to_tuple)  # point ids (city / own county only)
    by_method: dict[str, int] = field(factory=dict, metadata=keyed_by(ContactMethod))
    wrong_office: tuple[str, ...] = field(default=(), converter=to_tuple)  # contact ids (city only)
    wrong_office_count: int = 0
    # 非定人: contacts made by someone other than the point's liaison person (contact ids, city only)
    not_liaison: tuple[str, ...] = field(default=(), converter=to_tuple)
    not_liaison_count: int = 0
    # Points designated for part of the month on fewer working days than it takes to owe it
    # (MonitoringReport.owed_workdays): not counted above, named (city / own county only).
    short_of_days: tuple[str, ...] = field(default=(), converter=to_tuple)


@frozen
class OpenMatterRow:
    """An open matter (未办结事项) at the report's day and its age, as this reader may see it."""

    source: str  # "contact" | "report"
    record: str  # contact / report id ("" outside the city office and the own county)
    county: str
    category: str
    department: str | None
    text: str  # screened (TextScreen) outside the city office
    point: str | None  # shown only where the audience may see it
    raised_on: date
    age_days: int  # calendar days from the day raised to the report's day
    last_step: str | None  # FollowUpKind value of the latest follow-up; None: not yet followed up
    long_open: bool  # open at least followup.long_open_days


@frozen
class WorkloadRow:
    """One liaison person's points on the report's day (定人工作量)."""

    office: str  # "city" or a county code
    person: str | None  # None where the reader may not see the name
    points: int


@frozen
class ItemRow:
    """A matter raised in the month, for the notable items list."""

    source: str  # contact / report id (omitted for the public)
    county: str
    category: str
    department: str | None
    text: str
    point: str | None  # shown only where the audience may see it


@frozen
class ComplaintRow:
    """A complaint as this audience may see it."""

    id: str
    kind: str
    category: str
    department: str | None
    unit: str | None
    state: ComplaintState
    open_step: ComplaintStep | None
    due_at: datetime | None
    overdue_workdays: int
    supervision_due: bool
    received_in_month: bool
    resolved_in_month: bool
    complainant: str | None  # point id, or None when withheld
    enterprise: str | None
    uscc: str | None
    problems: tuple[str, ...] = field(default=(), converter=to_tuple)  # handling to check
    # Beside 应督办, a 督办 recorded within the step's limit: a reminder (ComplaintStatus.reminded_at).
    reminded_at: datetime | None = None


@frozen
class ReconciliationFlag:
    """What a county's report on the month left out (section 七, analyses.report_reconciliation):
    direct feedback from one of its points (``complaint``), or, beside a zero report, a contact
    of its own liaison office with one of its points that recorded items (``contact``, the
    complaint then ``""``)."""

    county: str
    complaint: str
    reason: str
    point: str | None
    contact: str | None = None


@frozen
class MonitoringReport:
    """The city's consolidated monthly report (监测报告) for ``month``, for ``audience``."""

    month: Month
    audience: str = field(validator=audience_name)
    city: str
    plugins: tuple[PluginMeta, ...]
    county_reports: tuple[CountyReportRow, ...]
    contacts: tuple[ContactRow, ...]
    items_by_category: dict[str, int] = field(metadata=keyed_by(ItemCategory))
    items_by_department: dict[str, int]
    items_by_county: dict[str, int]
    notable_items: tuple[ItemRow, ...]
    # None where the count is suppressed for this audience: one decision per report, the
    # trend section's (joint over its three months), read by every section and renderer.
    complaints_received: int | None
    complaints_resolved: int | None
    complaints_overdue: int | None
    complaints: tuple[ComplaintRow, ...]
    common_problems: tuple[CommonProblem, ...]
    reconciliation: tuple[ReconciliationFlag, ...]
    unit_rates: tuple[UnitRates, ...]
    department_names: dict[str, str]
    schema: str = REPORT_SCHEMA
    version: int = REPORT_VERSION
    #: What was withheld, suppressed or masked for this audience (counts only; docs/privacy.md).
    notices: tuple[str, ...] = field(default=(), converter=to_tuple)
    # The programme's parts (issue 20): trends against the previous month and the same month
    # last year, the open matters and their age, and the liaison persons' workload.
    trends: TrendView | None = None
    open_matters: tuple[OpenMatterRow, ...] = field(default=(), converter=to_tuple)
    open_matters_long: int = 0
    liaison_workload: tuple[WorkloadRow, ...] = field(default=(), converter=to_tuple)
    liaison_unassigned: int = 0  # active points with no liaison person named
    #: The working days of the month a point must be designated on to owe its contact
    #: (duty.min_workdays_in_month in force), None when not in force: section 三 says it.
    owed_workdays: int | None = None
    # Who speaks: the report is compiled by the liaison office (市经贸委, 三(二)); the
    # direct-feedback section is the city office's (市软建办), which receives the feedback.
    compiled_by: str = "市经贸委"
    feedback_by: str = "市软建办"
    #: A county reader's liaison office as the dataset records it (County.liaison_office), the
    #: Word header's 发至 (clerk c55 01); None for another reader and in documents written
    #: before it was recorded (发至 then says 县名 + 经贸委).
    reader_office: str | None = None
    #: The instant the report speaks for: the reports and amendments submitted by then are
    #: read, complaints are taken at the month's end or at it, whichever is earlier. By
    #: default the moment after the month's last county deadline (docs/monitoring.md).
    as_of: datetime | None = field(default=None, converter=in_beijing)
    #: Whether a deadline or working-day figure of the report (a county's due moment, a
    #: complaint's due day or overdue count) touched a year the calendar knows only as weekends
    #: (暂定, ``WorkCalendar.provisional()``); ``notices`` then holds PROVISIONAL_NOTICE. Re-run
    #: it when the official arrangement is out (docs/calendar.md).
    provisional: bool = False
    #: The parameters of the report's thresholds as read for the month, with their dates and
    #: references: ``followup.long_open_days`` (达到跟踪时限: ``open_matters_long`` and the ⚠
    #: rows), then ``common.min_points``, ``common.min_counties``, ``common.window_months`` and
    #: ``common.no_department_categories`` (section 六); each only where in force (reviewer
    #: r59 03: a changed threshold moved the figures with no word of it).
    threshold_params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)
    #: Section 四's items naming no department (涉及部门 无): with ``items_by_department`` they add
    #: up to the items' total (clerk c59 02: an item with no department vanished from the
    #: department table). None where it is suppressed for this audience, as one more cell of the
    #: breakdown by department (docs/privacy.md); 0 in a document written before it was counted.
    items_without_department: int | None = 0

    def to_document(self) -> dict[str, Any]:
        """The report as a JSON-ready document (io.converter.to_document)."""
        return _converter.to_document(self)

    def to_json(self) -> str:
        """Canonical JSON (io.converter.to_json)."""
        return _converter.to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> MonitoringReport:
        """The report that :meth:`to_json` wrote (io.converter.from_json)."""
        return _converter.from_json(text, cls)
