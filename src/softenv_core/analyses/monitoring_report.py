"""The monthly monitoring report (监测报告) and the contacts overview, for an audience.

Every output takes an audience: the city office sees everything; a county, a department and
the public see what the design allows. Who complained (point, enterprise, credit code) is
shown only to the city office, or to its own county or a handling department (never the
department complained about) when the complainant consented; the public sees aggregates only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TypedDict

import attrs
from attrs import frozen

from softenv_core.analyses.after_end import after_end_notices
from softenv_core.analyses.arguments import calendar_or_official, params_or_baseline
from softenv_core.analyses.audiences import (
    CITY,
    Audience,
    AudienceKind,
    complained_county,
    point_county,
    reader_office,
)
from softenv_core.analyses.common_problems import CommonProblem, ReportGroups, window_problems
from softenv_core.analyses.complaint_handling import (
    ComplaintState,
    ComplaintStatus,
    StepIndex,
    UnitRates,
    rates_of,
    resolved_by,
    unit_names,
)
from softenv_core.analyses.complaint_limits import own_limits_notices
from softenv_core.analyses.contact_overview import (
    ContactTally,
    PointContact,
    contact_overview,
    county_tallies,
    owed_workdays,
    short_of_days,
)
from softenv_core.analyses.contact_rows import contact_rows
from softenv_core.analyses.county_months import before_baseline_month_notice
from softenv_core.analyses.followup_status import MatterBatch
from softenv_core.analyses.liaison import liaison_workload
from softenv_core.analyses.month_figures import TrendBatch, before_records, department_counts, figures_of, month_owed
from softenv_core.analyses.month_versions import section_floor
from softenv_core.analyses.open_matter_rows import open_matter_rows, report_thresholds
from softenv_core.analyses.redaction_report import redact_report
from softenv_core.analyses.report_counties import county_report_rows
from softenv_core.analyses.report_inputs import ReportInputs, min_cell, report_content, report_day
from softenv_core.analyses.report_provisional import report_provisional
from softenv_core.analyses.report_reconciliation import reconciliation
from softenv_core.analyses.report_rows import REPORT_SCHEMA as REPORT_SCHEMA
from softenv_core.analyses.report_rows import REPORT_VERSION as REPORT_VERSION
from softenv_core.analyses.report_rows import ComplaintRow as ComplaintRow
from softenv_core.analyses.report_rows import ContactRow as ContactRow
from softenv_core.analyses.report_rows import CountyReportRow as CountyReportRow
from softenv_core.analyses.report_rows import ItemRow as ItemRow
from softenv_core.analyses.report_rows import MonitoringReport as MonitoringReport
from softenv_core.analyses.report_rows import OpenMatterRow as OpenMatterRow
from softenv_core.analyses.report_rows import ReconciliationFlag as ReconciliationFlag
from softenv_core.analyses.report_rows import WorkloadRow as WorkloadRow
from softenv_core.analyses.report_setup import report_inputs
from softenv_core.analyses.trends import BEFORE_FIRST_REPORT, TrendView, batch_trends, compared_months, trend_view
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import FieldInvalid
from softenv_core.io.validation import require_valid
from softenv_core.model.complaints import Complaint, ComplaintKind
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, as_month, beijing_date, require_aware, within_the_years
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import ItemCategory, ReportedItems, category_place
from softenv_core.rules.city.compliance import report_in_force
from softenv_core.rules.registry import plugin_manager_or_city
from softenv_core.workdays.calendar import PROVISIONAL_NOTICE, WorkCalendar


@frozen
class _Complaints:
    """The month's complaints at its end: each status, and which were received or resolved."""

    statuses: tuple[tuple[Complaint, ComplaintStatus], ...]
    received: tuple[Complaint, ...]
    resolved: tuple[Complaint, ...]
    overdue: int


@in_analysis_context
def monitoring_report(
    dataset: Dataset,
    month: Month | str,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> MonitoringReport:
    """The monitoring report for ``month`` as ``audience`` may see it.

    ``as_of`` (aware): the instant the report speaks for. By default it comes after every
    county's deadline for the month, so the report never depends on when it is made. Given
    earlier, a county whose deadline has not passed and that has not reported is ``not_due``
    (未到期), not missing; reports submitted after it are not yet known; complaints are
    taken at the month's end or at ``as_of``, whichever is earlier. One before the month began
    is refused (a FieldInvalid naming ``as_of``).
    """
    period = as_month(month)  # a Month, or its text "YYYY-MM"
    require_aware(as_of)
    require_valid(dataset)  # a dataset built in Python is checked (once) as a file would be
    pm = plugin_manager_or_city(plugin_manager)
    calendar = calendar_or_official(calendar)
    params = params_or_baseline(params)
    index = StepIndex()  # the month's statuses, shared with its trends (the same month's end)
    with within_the_years("month", period, BEFORE_FIRST_REPORT):  # December 2999's report falls due in 3000
        return _report(dataset, period, pm, audience, calendar, params, index, TrendBatch(index), as_of)


@in_analysis_context
def monitoring_reports(
    dataset: Dataset,
    months: Iterable[Month | str],
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    as_of: datetime | None = None,
) -> tuple[MonitoringReport, ...]:
    """Reports (监测报告) for several months with one plugin manager, sharing what they work out (each
    complaint's steps, through one index kept for this call only). ``as_of``: every report
    as of that instant (as :func:`monitoring_report`'s); by default each month's own."""
    # One month, or none; bytes iterate as numbers, a mapping as its keys (integrator i44).
    if isinstance(months, (Month, str, bytes, bytearray, Mapping)) or not isinstance(months, Iterable):
        raise FieldInvalid("months", f"expected several months (a list of Month or 'YYYY-MM'), got {months!r:.40}")
    periods = [as_month(m, f"months[{i}]") for i, m in enumerate(months)]  # the one named (i46 09)
    require_aware(as_of)
    require_valid(dataset)
    pm = plugin_manager_or_city(plugin_manager)
    calendar = calendar_or_official(calendar)
    params = params_or_baseline(params)
    index = StepIndex()
    batch = TrendBatch(index)  # the reports and their trends share each complaint's steps
    matters = MatterBatch(dataset, params)  # each month's matters worked out once for the batch
    groups = ReportGroups()  # a month's matters grouped once for the three windows it is in
    out = []
    for i, m in enumerate(periods):  # an answer past the years names the month given (i55 08), not year
        with within_the_years(f"months[{i}]", m, BEFORE_FIRST_REPORT):
            out.append(_report(dataset, m, pm, audience, calendar, params, index, batch, as_of, matters, groups))
    return tuple(out)


def _report(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    audience: Audience | str,
    calendar: WorkCalendar,
    params: ParameterSet,
    index: StepIndex,
    batch: TrendBatch,
    as_of: datetime | None,
    matters: MatterBatch | None = None,
    groups: ReportGroups | None = None,
) -> MonitoringReport:
    inputs = report_inputs(dataset, month, pm, audience, calendar, params, as_of, matters)
    aud, at = inputs.audience, inputs.as_of
    items, from_reports = _items(inputs)
    tallies = county_tallies(dataset, month, calendar, params, at)
    trends, complaints = _trends_and_complaints(inputs, batch, index, as_of, (items, from_reports, tallies))
    open_rows, (workload, unassigned) = open_matter_rows(inputs), _workload(inputs)
    report = MonitoringReport(
        month=month,
        audience=str(aud),
        city=dataset.city.name,
        plugins=pm.plugins_meta(),
        county_reports=county_report_rows(inputs),
        contacts=contact_rows(inputs, tallies, short_of_days(dataset, month, calendar, params, at)),
        # ItemCategory's order (the workbook's drop-down), not by code: 收费 came first (clerk c47)
        items_by_category=dict(sorted(Counter(i.category for i in items).items(), key=_by_category_place)),
        **department_counts(i.department for i in items),  # and those naming none (无, clerk c59 02)
        items_by_county=dict(sorted(Counter(i.county for i in items).items())),
        notable_items=_notable_items(inputs, items),
        complaints_received=len(complaints.received),
        complaints_resolved=len(complaints.resolved),
        complaints_overdue=complaints.overdue,
        complaints=_complaint_rows(inputs, complaints),
        common_problems=_problems(inputs, ReportGroups() if groups is None else groups),
        reconciliation=reconciliation(inputs, complaints.received),
        unit_rates=_rates(inputs, complaints),
        department_names=unit_names(dataset),
        trends=trends,
        open_matters=open_rows,
        open_matters_long=sum(r.long_open for r in open_rows),
        liaison_workload=workload,
        liaison_unassigned=unassigned,
        owed_workdays=owed_workdays(month, calendar, params),
        **_offices(dataset, aud),
        as_of=at,
        threshold_params=report_thresholds(inputs),
    )
    if not report_in_force(month, params):
        report = attrs.evolve(report, notices=(*report.notices, before_baseline_month_notice(month)))
    # Whose complaint limits made the due days: a county plugin's own, said once a county (p42 4).
    own = own_limits_notices(pm, dataset, month.last_day, calendar, params)
    ended = after_end_notices(dataset.counties, {c: {month: d} for c, d in inputs.deadlines.items()})  # a66 01
    report = attrs.evolve(report, notices=(*report.notices, *own, *ended, *inputs.waiver_notices))  # a79b 03
    due_days = (beijing_date(s.due_at) for _, s in complaints.statuses if s.due_at is not None)
    if report_provisional(inputs, due_days, report.county_reports):
        report = attrs.evolve(report, provisional=True, notices=(*report.notices, PROVISIONAL_NOTICE))
    # Rows are filtered above; references, texts and small cells are redacted on the result.
    return redact_report(report, dataset, aud, params, section_floor(batch, inputs, as_of, min_cell(inputs)))


class _Offices(TypedDict):
    compiled_by: str
    feedback_by: str
    reader_office: str | None


def _offices(dataset: Dataset, aud: Audience) -> _Offices:
    """The offices the report names by the dataset's names: who compiles it (the city's liaison
    office), who gives the direct-feedback section (the city office), and a county reader's own
    liaison office, the Word header's 发至 (clerk c55 01)."""
    return _Offices(
        compiled_by=dataset.city.liaison_office,
        feedback_by=dataset.city.office,
        reader_office=reader_office(dataset, aud),
    )


def _items(inputs: ReportInputs) -> tuple[list[ItemRow], int]:
    """Section 四's matters: what the counties reported, plus items raised in contacts that
    no report carries (the city office's own contacts, or what a county left out); an item in
    both a contact and its county's report counts once. With the number of the first, from reports."""
    dataset, month = inputs.dataset, inputs.month
    point_county = dataset.point_county
    items: list[ItemRow] = []
    reported = ReportedItems()  # the same point, category, department and text count once
    for r in sorted(inputs.reports.values(), key=lambda r: r.id):
        for it in report_content(inputs, r)[0]:
            items.append(ItemRow(r.id, r.county, it.category.value, it.department, it.text, it.point))
            reported.add(it.point, it.category.value, it.department, it.text)
    from_reports = len(items)
    # The month's contacts that raise items (a tenth of them) known at as_of, by id.
    for c in sorted(dataset.contacts_with_items_known_in(month, inputs.as_of), key=lambda c: c.id):
        for it in c.items:
            if not reported.holds(c.point, it.category.value, it.department, it.text):
                items.append(
                    ItemRow(c.id, point_county.get(c.point, ""), it.category.value, it.department, it.text, c.point)
                )
    return items, from_reports


def _notable_items(inputs: ReportInputs, items: list[ItemRow]) -> tuple[ItemRow, ...]:
    """The matters this reader may see, as they may see them (none for the public)."""
    aud = inputs.audience
    if aud.kind is AudienceKind.PUBLIC:
        return ()
    return tuple(_item_for(aud, i) for i in items if aud.sees_item(i.county, i.department, i.point))


def _complaints(inputs: ReportInputs, index: StepIndex) -> _Complaints:
    """Every complaint's status at the end of the month (the statuses the month's trends
    read too). One finished before the month began is not news, and is left out."""
    dataset, month = inputs.dataset, inputs.month
    at = min(month.end, inputs.as_of)  # the default instant comes after the month's end
    # At the month's end an event stamped exactly then is the next month's, as the month counts
    # say; an instant inside the month reads what is stamped at it (docs/complaints.md).
    statuses = index.alive(
        dataset, (month - 1).end, at, inputs.pm, inputs.calendar, inputs.params, ending=at == month.end
    )
    this_month = (month.year, month.month)
    months_of = dataset.complaint_months
    # One pass over the ten thousand statuses, not three.
    received, resolved = [], []
    overdue = 0
    for c, s in statuses:
        first, resolutions = months_of[c.id]
        if first == this_month:
            received.append(c)
        if this_month in resolutions and resolved_by(c, this_month, at, month.end):
            resolved.append(c)
        overdue += s.overdue_workdays > 0  # ComplaintStatus.overdue, without the property call
    return _Complaints(statuses=statuses, received=tuple(received), resolved=tuple(resolved), overdue=overdue)


def _complaint_rows(inputs: ReportInputs, complaints: _Complaints) -> tuple[ComplaintRow, ...]:
    """Section 五: the complaints that are news this month, as this reader may see them."""
    dataset, aud = inputs.dataset, inputs.audience
    received_ids = {c.id for c in complaints.received}
    resolved_ids = {c.id for c in complaints.resolved}
    news = received_ids | resolved_ids
    # An enum member's .value is a call through a descriptor; a section lists ten thousand
    # rows, so the few values are read once here, by the member's id (members are singletons).
    kinds = {id(k): k.value for k in ComplaintKind}
    categories = {id(c): c.value for c in ItemCategory}
    everything = aud.kind is AudienceKind.CITY  # sees every complaint and who made it
    rows = []
    for comp, st in complaints.statuses:
        # Neither received nor resolved in the month, nothing open or overdue at its end,
        # nothing to check: not news. One resolved earlier and followed up and closed in the
        # month is not listed; its follow-up counts in section 八's satisfaction (auditor a25).
        # One withdrawn (撤回) or rejected (不予受理, after a return or at a receipt of last
        # month) is listed in the month it ended (those alive in a month ended in it), so that
        # a ticket open last month is not just gone (auditor a60 01).
        quiet = comp.id not in news and st.overdue_workdays <= 0 and st.open_step is None and not st.problems
        if quiet and st.state not in _ENDED_UNRESOLVED:
            continue
        if not everything and not aud.sees_complaint(dataset, comp, st.unit):
            continue
        point = dataset.point_by_id.get(comp.point)
        # A 市直 point's county is the city (point_county: None): not named to the county it lies in (x54 01).
        show = everything or aud.sees_identity(comp, point_county(point), complained_county(dataset, comp))
        rows.append(
            ComplaintRow(
                id=comp.id,
                kind=kinds[id(comp.kind)],
                category=categories[id(comp.category)],
                department=comp.department,
                unit=st.unit,
                state=st.state,
                open_step=st.open_step,
                due_at=st.due_at,
                overdue_workdays=st.overdue_workdays,
                supervision_due=st.supervision_due,
                received_in_month=comp.id in received_ids,
                resolved_in_month=comp.id in resolved_ids,
                complainant=comp.point if show else None,
                enterprise=point.enterprise.name if show and point else None,
                uscc=point.enterprise.uscc if show and point else None,
                problems=st.problems,
                reminded_at=st.reminded_at,
            )
        )
    return tuple(rows)


#: The states that end a complaint without a resolution: news in the month they came.
_ENDED_UNRESOLVED = frozenset({ComplaintState.WITHDRAWN, ComplaintState.REJECTED})


def _problems(inputs: ReportInputs, groups: ReportGroups) -> tuple[CommonProblem, ...]:
    """Section 六: common problems; outside the city office without the points behind them."""
    aud = inputs.audience
    if inputs.city_view:
        return window_problems(inputs.dataset, inputs.month, inputs.params, None, True, inputs.as_of, groups)
    # Outside the city office from contacts and county reports only: a problem there only
    # because of complaints to 市软建办 would tell that they were made (docs/privacy.md).
    problems = window_problems(inputs.dataset, inputs.month, inputs.params, None, False, inputs.as_of, groups)
    cell = min_cell(inputs)
    return tuple(
        _redact_problem(p, inputs.dataset.point_county, cell)
        for p in problems
        if aud.kind is not AudienceKind.DEPARTMENT or p.department == aud.key
    )


def _rates(inputs: ReportInputs, complaints: _Complaints) -> tuple[UnitRates, ...]:
    """Section 八: the handling units' rates, as Audience.sees_unit_rates decides (the city
    office all, a department its own, the others none: the xlsx results follow the same rule)."""
    rates = rates_of(complaints.statuses, inputs.month, inputs.params)  # checked: not again
    if inputs.city_view:
        return rates
    return tuple(r for r in rates if inputs.audience.sees_unit_rates(r.unit))


def _trends_and_complaints(
    inputs: ReportInputs,
    batch: TrendBatch,
    index: StepIndex,
    as_of: datetime | None,
    counted: tuple[list[ItemRow], int, dict[str, ContactTally]],
) -> tuple[TrendView, _Complaints]:
    """Section 二(二)'s trends and section 五's complaints. At the default instant the month's
    own figures are the report's (``counted``: section 四's items, the first so many from
    reports, and section 三's tallies; section 五's counts), kept for the next month's report
    to compare with; at an instant given, the trends work out all three months at it."""
    if as_of is not None:
        return _trends(inputs, batch, as_of), _complaints(inputs, index)
    dataset, month, pm, params, calendar = inputs.dataset, inputs.month, inputs.pm, inputs.params, inputs.calendar
    # The months compared with first: a complaint's walk to this month's end goes on from
    # where theirs stopped (StepIndex), where the other order walks its events again.
    for earlier in reversed(compared_months(month)):  # with the records begun as the trends read them
        batch.figures(dataset, earlier, pm, params, calendar, records_at=inputs.as_of)
    complaints = _complaints(inputs, index)
    items, from_reports, tallies = counted
    rows = [(i.category, i.department, i.county) for i in items]
    reached = sum(t.reached for t in tallies.values())
    received, resolved = len(complaints.received), len(complaints.resolved)
    # Whether the month was owed matters only when nothing of its own is recorded (then it has
    # data if owed: 0 reached, reports missing); the roster and the records begun are read then.
    # Its reports count as its records once submitted by the report's instant (month_figures).
    known = any(r.submitted_at <= inputs.as_of for r in dataset.reports_by_month.get(month, ()))
    recorded = known or dataset.any_inside_designation(month, dataset.contacts_known_in(month, None))
    counts = (rows, from_reports, reached, received, resolved, complaints.overdue)
    # As this report reads its month (owed whatever the records known), and as the next report
    # compares with it (not before the records begin): the roster is read once for both.
    owed = not recorded and month_owed(dataset, month, calendar, params, inputs.as_of, own=True)
    batch.keep(figures_of(dataset, month, owed, recorded, *counts), own=True)
    owed = owed and not before_records(dataset, month, inputs.as_of)
    batch.keep(figures_of(dataset, month, owed, recorded, *counts), own=False)
    return _trends(inputs, batch, None), complaints


def _trends(inputs: ReportInputs, batch: TrendBatch, as_of: datetime | None) -> TrendView:
    """Section 二(二) 晴雨表: against the previous month and the same month last year,
    suppressed jointly over the three months for readers outside the city office. Reports are
    read at the instant given (``as_of``), else each month at its own default instant, which
    for this month is the report's: its items are section 四's."""
    dataset, month, pm, params, calendar = inputs.dataset, inputs.month, inputs.pm, inputs.params, inputs.calendar
    t = batch_trends(batch, dataset, month, pm, params, calendar, as_of, inputs.as_of, min_cell(inputs) > 1)
    return trend_view(t, min_cell(inputs))


def _workload(inputs: ReportInputs) -> tuple[tuple[WorkloadRow, ...], int]:
    """Section 三: points per liaison person (names only for the city office and the own
    office), and the number of points with nobody named; one pass over the points for both.
    Rows are ordered by what they show: by office (the city's first), then name, or where the name is withheld by
    points, most first (by name, the order told a reader who knows the names whose count is whose: x40 02)."""
    load = liaison_workload(inputs.dataset, report_day(inputs))
    rows = [WorkloadRow(w.office, w.person if inputs.owns(w.office) else None, w.count) for w in load.persons]
    # The city's office first, as section 三's table above it has its row (auditor a67 05).
    rows.sort(key=lambda w: (w.office != CITY_LIAISON, w.office, w.person or "", -w.points))
    return tuple(rows), len(load.unassigned)


def _item_for(aud: Audience, item: ItemRow) -> ItemRow:
    if aud.kind is AudienceKind.CITY or (aud.kind is AudienceKind.COUNTY and item.county == aud.key):
        return item
    # Source ids of contacts embed nothing by contract, but may in practice; withhold them too.
    return ItemRow("", item.county, item.category, item.department, item.text, None)


def _redact_problem(p: CommonProblem, point_county: dict[str, str], cell: int) -> CommonProblem:
    """A problem without its points and evidence, listing its counties only when each stands
    for at least ``cell`` of its points (finding 17): a county listed for one point named, with
    the department and category, the matter that point raised (a complaint among them). When
    one does not, none is listed: the length of the list left was printed as the problem's
    county count, "0个县区" for a problem of at least common.min_counties (attacker's 06)."""
    per = Counter(point_county.get(q, "") for q in p.points)
    counties = p.counties if all(per[c] >= cell for c in p.counties) else ()
    return attrs.evolve(p, points=(), evidence=(), counties=counties)


def _by_category_place(pair: tuple[str, int]) -> tuple[int, str]:
    return category_place(pair[0])  # a (category, count) pair of section 四's table


__all__ = [
    "CITY",
    "REPORT_SCHEMA",
    "Audience",
    "AudienceKind",
    "ComplaintRow",
    "ContactRow",
    "CountyReportRow",
    "ItemRow",
    "MonitoringReport",
    "OpenMatterRow",
    "PointContact",
    "ReconciliationFlag",
    "WorkloadRow",
    "contact_overview",
    "monitoring_report",
    "monitoring_reports",
]
