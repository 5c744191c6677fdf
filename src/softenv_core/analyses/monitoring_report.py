"""The monthly monitoring report (监测报告) and the contacts overview, for an audience.

Every output takes an audience: the city office sees everything; a county, a department and
the public see what the design allows. Who complained (point, enterprise, credit code) is
shown only to the city office, or to a county or a handling department (never the department
complained about) when the complainant consented; the public sees aggregates only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from attrs import field, frozen

from softenv_core._perf import paused_gc
from softenv_core._validators import to_tuple
from softenv_core.analyses.common_problems import CommonProblem, common_problems
from softenv_core.analyses.complaint_handling import ComplaintStatus, UnitRates, complaint_status, sla_for, unit_rates
from softenv_core.engine.manager import PluginMeta, SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.resolution import resolve_deadline
from softenv_core.errors import SoftenvError
from softenv_core.io.converter import dumps, make_converter
from softenv_core.io.validation import require_valid
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.model.reports import ContactMethod
from softenv_core.rules.registry import city_plugin_manager
from softenv_core.workdays.calendar import WorkCalendar
from softenv_core.workdays.deadlines import lateness

REPORT_SCHEMA = "softenv.monitoring_report"
REPORT_VERSION = 1
_AUDIENCE = re.compile(r"^(city|public|county:\d{6}|department:[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63})$")


@frozen
class Audience:
    """Who an output is for: ``city`` (市软建办), ``county:CODE``, ``department:ID``, ``public``."""

    kind: str
    key: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        if not _AUDIENCE.match(text):
            raise SoftenvError(f"audience {text!r}: expected city, public, county:CODE or department:ID")
        kind, _, key = text.partition(":")
        return cls(kind, key or None)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind

    def sees_identity(self, complaint: Complaint) -> bool:
        """Whether this audience may see who made ``complaint``."""
        if self.kind == "city":
            return True
        if not complaint.consent_to_disclose or self.kind == "public":
            return False
        # The body complained about never sees who complained, consent or not.
        return not (self.kind == "department" and complaint.department == self.key)


CITY = Audience("city")


@frozen
class CountyReportRow:
    """A county's monthly report for the month: status and what it said."""

    county: str
    name: str
    status: str  # on_time | late | missing
    late_workdays: int
    due_at: datetime
    submitted_at: datetime | None
    zero_report: bool
    items: int


@frozen
class ContactRow:
    """Contacts with one county's points in the month (city-level points under 'city')."""

    county: str
    active_points: int
    reached: int
    unreached: tuple[str, ...] = field(converter=to_tuple)  # point ids (city / own county only)
    by_method: dict[str, int] = field(factory=dict)
    wrong_office: tuple[str, ...] = field(default=(), converter=to_tuple)  # contact ids (city only)
    wrong_office_count: int = 0


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
    state: str
    open_step: str | None
    due_at: datetime | None
    overdue_workdays: int
    supervision_due: bool
    received_in_month: bool
    resolved_in_month: bool
    complainant: str | None  # point id, or None when withheld
    enterprise: str | None
    uscc: str | None


@frozen
class ReconciliationFlag:
    """Direct feedback from a county's point in the month that the county's report left out."""

    county: str
    complaint: str
    reason: str
    point: str | None


@frozen
class MonitoringReport:
    """The city's consolidated monthly report (监测报告) for ``month``, for ``audience``."""

    month: Month
    audience: str
    city: str
    plugins: tuple[PluginMeta, ...]
    county_reports: tuple[CountyReportRow, ...]
    contacts: tuple[ContactRow, ...]
    items_by_category: dict[str, int]
    items_by_department: dict[str, int]
    items_by_county: dict[str, int]
    notable_items: tuple[ItemRow, ...]
    complaints_received: int
    complaints_resolved: int
    complaints_overdue: int
    complaints: tuple[ComplaintRow, ...]
    common_problems: tuple[CommonProblem, ...]
    reconciliation: tuple[ReconciliationFlag, ...]
    unit_rates: tuple[UnitRates, ...]
    department_names: dict[str, str]
    schema: str = REPORT_SCHEMA
    version: int = REPORT_VERSION

    def to_document(self) -> dict[str, Any]:
        doc: dict[str, Any] = make_converter().unstructure(self)
        return {"schema": doc.pop("schema"), "version": doc.pop("version"), **doc}

    def to_json(self) -> str:
        return dumps(self.to_document())


@frozen
class PointContact:
    """Whether a point's responsible liaison office reached it in a month, and how."""

    point: str
    county: str
    liaison: str  # "city" (市经贸委) or the county code (县区经贸委)
    reached: bool
    # Built only by contact_overview, with tuples (no converters: 30,000 of these a month).
    methods: tuple[str, ...]  # methods of the contacts that reached it
    contacts: tuple[str, ...]  # contact ids by the responsible office
    wrong_office: tuple[str, ...]  # contacts logged by another office


class _ContactTally:
    """A county's points in one month's contact overview, counted as they come."""

    __slots__ = ("active", "methods", "reached", "unreached", "wrong_office")

    def __init__(self) -> None:
        self.active = self.reached = 0
        self.methods: list[str] = []
        self.unreached: list[str] = []
        self.wrong_office: list[str] = []

    def add(self, o: PointContact) -> None:
        self.active += 1
        if o.reached:
            self.reached += 1
            self.methods.extend(o.methods)
        else:
            self.unreached.append(o.point)
        self.wrong_office.extend(o.wrong_office)


def contact_overview(dataset: Dataset, month: Month) -> tuple[PointContact, ...]:
    """Every point active in ``month``: reached by its responsible office or not, by which
    methods, and any contact logged by an office that is not responsible for it (flagged)."""
    by_point = dataset.contacts_by_month_and_point.get(month, {})
    out = []
    first, last = month.first_day, month.last_day
    for pid, county, liaison, since, until in dataset.point_terms:
        if since > last or (until is not None and until < first):
            continue
        contacts = by_point.get(pid)
        if not contacts:
            out.append(PointContact(pid, county, liaison, False, (), (), ()))
            continue
        own: list[str] = []
        methods: list[str] = []
        wrong: list[str] = []
        for c in contacts:
            if c.liaison == liaison:
                own.append(c.id)
                if c.reached:
                    methods.append(c.method.value)
            else:
                wrong.append(c.id)
        out.append(PointContact(pid, county, liaison, bool(methods), tuple(methods), tuple(own), tuple(wrong)))
    return tuple(out)


def _county_of_complaint(dataset: Dataset, c: Complaint) -> str | None:
    point = dataset.point_by_id.get(c.point)
    return point.county if point else None


def _visible(dataset: Dataset, audience: Audience, c: Complaint, status: ComplaintStatus) -> bool:
    if audience.kind == "city":
        return True
    if audience.kind == "department":
        return status.unit == audience.key  # only complaints assigned to it
    if audience.kind == "county":
        dept = dataset.department_by_id.get(c.department or "")
        return _county_of_complaint(dataset, c) == audience.key or (dept is not None and dept.county == audience.key)
    return False  # the public sees aggregates only


def monitoring_report(
    dataset: Dataset,
    month: Month,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    audience: Audience | str = CITY,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    memo: dict[Any, Any] | None = None,
) -> MonitoringReport:
    """The monitoring report for ``month`` as ``audience`` may see it.

    ``memo``: a dict kept across the reports of one dataset, plugin manager and calendar
    (``monitoring_reports`` does this) so that complaint steps are not worked out again.
    """
    require_valid(dataset)  # a dataset built in Python is checked (once) as a file would be
    with paused_gc():
        return _monitoring_report(dataset, month, plugin_manager, audience, calendar, params, memo)


def _monitoring_report(
    dataset: Dataset,
    month: Month,
    plugin_manager: SoftenvPluginManager | None,
    audience: Audience | str,
    calendar: WorkCalendar | None,
    params: ParameterSet | None,
    memo: dict[Any, Any] | None,
) -> MonitoringReport:
    pm = plugin_manager or city_plugin_manager()
    calendar = calendar or WorkCalendar()
    params = params or baseline_parameters()
    aud = Audience.parse(audience) if isinstance(audience, str) else audience
    if aud.kind == "county" and aud.key not in dataset.county_by_code:
        raise SoftenvError(f"audience {aud}: no such county in the dataset")
    if aud.kind == "department" and aud.key not in dataset.department_by_id and aud.key != "city-office":
        raise SoftenvError(f"audience {aud}: no such department in the dataset")
    city_view = aud.kind == "city"
    public = aud.kind == "public"
    reports = {r.county: r for r in dataset.reports_by_month.get(month, ())}

    rows = []
    for county in sorted(dataset.counties, key=lambda c: c.code):
        deadline = resolve_deadline(pm, county, month, calendar, params)
        r = reports.get(county.code)
        status, late = lateness(r.submitted_at if r else None, deadline.due_at, calendar)
        rows.append(
            CountyReportRow(
                county.code,
                county.name,
                status,
                late,
                deadline.due_at,
                r.submitted_at if r else None,
                bool(r and r.nothing_to_report),
                len(r.items) if r else 0,
            )
        )

    # Contacts, counted by the county of the point in one pass over the month's overview.
    tallies: dict[str, _ContactTally] = {}
    for o in contact_overview(dataset, month):
        tally = tallies.get(o.county)
        if tally is None:
            tally = tallies[o.county] = _ContactTally()
        tally.add(o)
    contact_rows = []
    for county in sorted(dataset.counties, key=lambda c: c.code):
        own = city_view or (aud.kind == "county" and aud.key == county.code)
        tally = tallies.get(county.code) or _ContactTally()
        methods = Counter(tally.methods)
        wrong = sorted(tally.wrong_office)
        contact_rows.append(
            ContactRow(
                county.code,
                tally.active,
                tally.reached,
                tuple(tally.unreached) if own else (),
                {m.value: methods.get(m.value, 0) for m in ContactMethod},
                tuple(wrong) if city_view else (),
                len(wrong),
            )
        )

    # Items raised in the month: what the counties reported, plus items raised in contacts
    # that no report carries (the city office's own contacts, or what a county left out);
    # an item in both a contact and its county's report counts once.
    point_county = dataset.point_county
    items: list[ItemRow] = []
    reported: set[tuple[str | None, str, str]] = set()
    for r in sorted(dataset.reports_by_month.get(month, ()), key=lambda r: r.id):
        for it in r.items:
            items.append(ItemRow(r.id, r.county, it.category.value, it.department, it.text, it.point))
            reported.add((it.point, it.category.value, it.text))
    for c in sorted((c for c in dataset.contacts_by_month.get(month, ()) if c.items), key=lambda c: c.id):
        for it in c.items:
            if (c.point, it.category.value, it.text) not in reported:
                items.append(
                    ItemRow(c.id, point_county.get(c.point, ""), it.category.value, it.department, it.text, c.point)
                )
    by_category = Counter(i.category for i in items)
    by_department = Counter(i.department for i in items if i.department)
    by_county = Counter(i.county for i in items)
    notable = [_item_for(aud, i) for i in items if _item_visible(aud, i)]

    # Complaints: status at the end of the month. One finished before the month began is not
    # news, and is skipped before any working-day arithmetic.
    at = month.end
    begin = (month - 1).end
    slas: dict[tuple[str, str], Any] = {}
    statuses: list[tuple[Complaint, ComplaintStatus]] = []
    for received_at, finished_at, comp in dataset.complaint_spans:
        if received_at >= at:
            break
        if finished_at is not None and finished_at < begin:
            continue
        point = dataset.point_by_id.get(comp.point)
        key = (point.county if point else "", comp.kind.value)
        sla = slas.get(key)
        if sla is None:
            sla = slas[key] = sla_for(pm, dataset, comp, calendar, params)
        statuses.append((comp, complaint_status(comp, at, sla, calendar, memo)))
    this_month = (month.year, month.month)
    months_of = dataset.complaint_months
    received = [c for c, _ in statuses if months_of[c.id][0] == this_month]
    resolved = [c for c, _ in statuses if this_month in months_of[c.id][1]]
    overdue = [s for _, s in statuses if s.overdue]
    received_ids, resolved_ids = {c.id for c in received}, {c.id for c in resolved}
    news = received_ids | resolved_ids
    complaint_rows = []
    for comp, st in statuses:
        if comp.id not in news and not st.overdue and st.open_step is None:
            continue  # finished before the month: not news
        if not _visible(dataset, aud, comp, st):
            continue
        show = aud.sees_identity(comp)
        point = dataset.point_by_id.get(comp.point)
        complaint_rows.append(
            ComplaintRow(
                comp.id,
                comp.kind.value,
                comp.category.value,
                comp.department,
                st.unit,
                st.state,
                st.open_step,
                st.due_at,
                st.overdue_workdays,
                st.supervision_due,
                comp.id in received_ids,
                comp.id in resolved_ids,
                comp.point if show else None,
                point.enterprise.name if show and point else None,
                point.enterprise.uscc if show and point else None,
            )
        )

    problems = common_problems(dataset, month, params)
    if not city_view:
        problems = tuple(
            _redact_problem(p, aud) for p in problems if aud.kind != "department" or p.department == aud.key
        )

    flags = []
    for comp in received:
        code = _county_of_complaint(dataset, comp)
        r = reports.get(code) if code else None
        if code is None or r is None or any(it.point == comp.point for it in r.items):
            continue
        if city_view or (aud.kind == "county" and aud.key == code):
            reason = (
                "零报告, 但该县区监测点本月直接向市软建办反馈"
                if r.nothing_to_report
                else "月报未列入该县区监测点本月直接反馈的事项"
            )
            flags.append(ReconciliationFlag(code, comp.id, reason, comp.point if aud.sees_identity(comp) else None))

    rates = unit_rates(statuses, month, params)
    if aud.kind == "department":
        rates = tuple(r for r in rates if r.unit == aud.key)

    return MonitoringReport(
        month,
        str(aud),
        dataset.city.name,
        pm.plugins_meta(),
        tuple(rows),
        tuple(contact_rows),
        dict(sorted(by_category.items())),
        dict(sorted(by_department.items())),
        dict(sorted(by_county.items())),
        () if public else tuple(notable),
        len(received),
        len(resolved),
        len(overdue),
        tuple(complaint_rows),
        problems,
        tuple(flags),
        rates,
        {d.id: d.name for d in sorted(dataset.departments, key=lambda d: d.id)} | {"city-office": dataset.city.office},
    )


def _item_visible(aud: Audience, item: ItemRow) -> bool:
    if aud.kind in ("city",):
        return True
    if aud.kind == "county":
        return item.county == aud.key
    if aud.kind == "department":
        return item.department == aud.key
    return False


def _item_for(aud: Audience, item: ItemRow) -> ItemRow:
    if aud.kind == "city" or (aud.kind == "county" and item.county == aud.key):
        return item
    # Source ids of contacts embed nothing by contract, but may in practice; withhold them too.
    return ItemRow("", item.county, item.category, item.department, item.text, None)


def _redact_problem(p: CommonProblem, aud: Audience) -> CommonProblem:
    return (
        CommonProblem(
            p.category,
            p.category_zh,
            p.department,
            p.department_name,
            p.first_month,
            p.last_month,
            (),
            p.counties,
            (),
            p.params,
        )
        if aud.kind != "city"
        else p
    )


def monitoring_reports(
    dataset: Dataset,
    months: Iterable[Month],
    plugin_manager: SoftenvPluginManager | None = None,
    **kwargs: Any,
) -> tuple[MonitoringReport, ...]:
    """Reports for several months with one plugin manager, sharing what they work out."""
    pm = plugin_manager or city_plugin_manager()
    memo: dict[Any, Any] = {}
    with paused_gc():  # once for the batch: the collector would walk the dataset between months
        return tuple(monitoring_report(dataset, m, pm, memo=memo, **kwargs) for m in months)


__all__ = [
    "CITY",
    "REPORT_SCHEMA",
    "Audience",
    "ComplaintRow",
    "ContactRow",
    "CountyReportRow",
    "ItemRow",
    "MonitoringReport",
    "PointContact",
    "ReconciliationFlag",
    "contact_overview",
    "monitoring_report",
    "monitoring_reports",
]
