"""One month's figures for the trends (趋势, 二(二) 晴雨表): the items raised by category,
department and county, the points reached, and the complaints received, resolved and overdue
at the month's end, worked out once for a batch of monthly reports (:class:`TrendBatch`).

Split from analyses.trends, which compares three months' figures and shows them to an
audience. A report made at its month's default instant gives its own month's figures from its
own sections (:func:`figures_of`): the same counts, not worked out a second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TypedDict

from attrs import field, frozen

from softenv_core.analyses.arguments import calendar_or_official
from softenv_core.analyses.complaint_handling import StepIndex, resolved_by
from softenv_core.analyses.contact_overview import owing_points, points_reached
from softenv_core.analyses.county_months import exists_in, month_instant
from softenv_core.analyses.trend_suppression import department_cells
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, beijing_date
from softenv_core.model.reports import Item, MonthlyReport, ReportedItems
from softenv_core.workdays.calendar import WorkCalendar


@frozen
class MonthFigures:
    """One month's figures; ``has_data`` is False when no point owed its contact in it (nor its
    county a report on it: month_owed) and nothing at all was recorded for it (t11 04: a month
    owed and failed has data, 0 reached and a missing report, never "无数据")."""

    month: Month
    has_data: bool
    items_by_category: Mapping[str, int] = field(factory=dict)
    items_by_department: Mapping[str, int] = field(factory=dict)
    items_by_county: Mapping[str, int] = field(factory=dict)
    points_reached: int = 0
    complaints_received: int = 0
    complaints_resolved: int = 0
    complaints_overdue: int = 0
    #: Nothing but direct feedback recorded for a month nobody owed anything in (no contact, no
    #: report, no duty): outside the city office such a month reads as without data
    #: (trend_view), or its "data" said that a complaint was received or handled in it. A month
    #: with duties owed has data whatever was recorded, so that does not depend on complaints.
    complaints_only: bool = False
    #: Items per county report (section 二's 反映事项 of each county), which section 四 suppresses
    #: jointly with the items by county (county_forced).
    reported_by_county: Mapping[str, int] = field(factory=dict)
    #: The counties that existed on some day of the month (None: not asked, every county): a
    #: county's trend row reads no data in a month it did not exist in. An abolished county kept
    #: a row the month after its end, 本月反映问题 0 项，较上月减少 1 项, where section 三 drops
    #: it; a county created in a month compared its items with a month before it existed (a49 2).
    counties: frozenset[str] | None = None
    #: The items naming no department: section 四's row 无, one more cell of the breakdown by
    #: department as it is suppressed (section_parts; clerk c59 02).
    items_without_department: int = 0

    @property
    def items(self) -> int:
        return sum(self.items_by_category.values())

    def parts(self, dimension: str) -> Mapping[str, int]:
        return {
            "category": self.items_by_category,
            "department": self.items_by_department,
            "county": self.items_by_county,
        }[dimension]

    def section_parts(self, dimension: str) -> Mapping[str, int]:
        """The breakdown by ``dimension`` as section 四 suppresses it: by department with the
        items naming none as one more cell (trend_suppression.department_cells)."""
        if dimension == "department":
            return department_cells(self.items_by_department, self.items_without_department)
        return self.parts(dimension)

    def count(self, name: str) -> int:
        value: int = getattr(self, name)
        return value


def latest_items(report: MonthlyReport) -> tuple[Item, ...]:
    """What a report says now: its latest amendment's items, else its own."""
    return report.latest_items


def known_items(report: MonthlyReport, as_of: datetime) -> tuple[Item, ...]:
    """What a report says at ``as_of``: its latest amendment known then, else its own items."""
    return report.version_at(as_of).items


def month_figures(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar | None = None,
    as_of: datetime | None = None,
) -> MonthFigures:
    """The figures of ``month``: items (reports as known at ``as_of``, by default the moment
    after the month's last deadline), points reached, complaints (status at the month's end)."""
    return TrendBatch().figures(dataset, month, pm, params, calendar_or_official(calendar), as_of)


def _item_rows(
    dataset: Dataset, month: Month, reports: Sequence[MonthlyReport], as_of: datetime | None
) -> tuple[list[tuple[str, str | None, str]], int]:
    """(category, department, county) of each of the month's items, as section 四 counts them:
    the reports known at ``as_of`` as they read then, then the items raised in contacts known
    then that no report carries; and how many of the first rows the reports gave."""
    point_county = dataset.point_county
    # Only counted: the order of reports and contacts does not matter (no sorting).
    rows: list[tuple[str, str | None, str]] = []  # category, department, county
    reported = ReportedItems()  # the same point, category, department and text count once
    for r in reports:
        if as_of is not None and r.submitted_at > as_of:
            continue  # not yet known at the instant
        for it in known_items(r, as_of) if as_of is not None else latest_items(r):
            category = it.category.value
            rows.append((category, it.department, r.county))
            reported.add(it.point, category, it.department, it.text)
    from_reports = len(rows)
    # Only the month's contacts that raise items (a tenth of them; the report reads the same list).
    for c in dataset.contacts_with_items_known_in(month, as_of):
        for it in c.items:
            category = it.category.value
            if not reported.holds(c.point, category, it.department, it.text):
                rows.append((category, it.department, point_county.get(c.point, "")))
    return rows, from_reports


def _month_figures(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar,
    steps: StepIndex,
    as_of: datetime | None,
    own: bool = False,
    records_at: datetime | None = None,
) -> MonthFigures:
    reports = dataset.reports_by_month.get(month, ())
    # Whether a contact known at as_of (a report made inside the month: those dated by its day; with
    # none given or a later one, the month's index) records the month. Only one inside its point's
    # designation does (first_recorded_month reads them so): one dated before the point was
    # designated counts for nothing (auditor a26).
    contacted = dataset.any_inside_designation(month, dataset.contacts_known_in(month, as_of))
    # The month's instant (its default instant when none is given), worked out once and only when
    # it matters: to read its reports, or, with no contact of its own, which records were known.
    at = as_of
    if at is None and (reports or not contacted):
        at = default_instant(dataset, month, pm, calendar, params, needed=bool(reports))
    owed = False
    if contacted:
        recorded = True
    else:
        # Its reports known at its instant (a report submitted a year later for a month long
        # past is not part of the records then, t12 02), and without one whether it was owed.
        recorded = at is not None and any(r.submitted_at <= at for r in reports)
        owed = at is not None and not recorded and month_owed(dataset, month, calendar, params, at, own, records_at)
    # With nothing owed or recorded, the month has data by its direct feedback alone: received
    # or resolved in it, as counted at the instant (auditor a49: a month whose one record was a
    # resolution read 无任何记录 beside its section 五's 办结1件).
    counts = None if owed or recorded else _feedback(dataset, month, pm, params, calendar, steps, as_of)
    complaints_only = _recorded(owed, recorded, counts is not None and (counts[0] > 0 or counts[1] > 0))
    if complaints_only is None:
        return MonthFigures(month, False)
    if reports:
        as_of = at  # the month's deadlines are worked out only when they matter
    rows, from_reports = _item_rows(dataset, month, reports, as_of)
    # As the report's overview counts it (三): the points that owe the month's contact, reached
    # by their own liaison office inside their interval; a contact logged by another office is
    # flagged there, not counted.
    reached = points_reached(dataset, month, calendar, params, as_of)
    received, resolved, overdue = counts or _feedback(dataset, month, pm, params, calendar, steps, as_of)
    counties = _existing(dataset, month)
    return _figures(month, rows, from_reports, reached, (received, resolved, overdue), complaints_only, counties)


def _feedback(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar,
    steps: StepIndex,
    as_of: datetime | None,
) -> tuple[int, int, int]:
    """The complaints received and resolved in ``month`` and overdue at its end: those received
    before the month's end (or an instant given inside it: what is known then, as the report's
    own section takes them) and not finished before it began."""
    this = (month.year, month.month)
    at = month.end if as_of is None else min(month.end, as_of)
    received = resolved = overdue = 0
    for comp, status in steps.alive(dataset, (month - 1).end, at, pm, calendar, params, ending=at == month.end):
        first, resolutions = dataset.complaint_months[comp.id]
        received += first == this
        resolved += this in resolutions and resolved_by(comp, this, at, month.end)
        overdue += status.overdue_workdays > 0  # ComplaintStatus.overdue, without the property call
    return received, resolved, overdue


def month_owed(
    dataset: Dataset,
    month: Month,
    calendar: WorkCalendar,
    params: ParameterSet,
    at: datetime | None = None,
    own: bool = False,
    records_at: datetime | None = None,
) -> bool:
    """Whether the programme's roster owed anything in ``month``: a point its contact (DESIGN
    "Who owes what, when"), and so its county a report on it. Such a month has data even with
    nothing recorded: 0 reached, reports missing (t11 04). A county's report duty alone, read
    from a county record without dates, does not make a month the dataset covers: the same
    month a year before the roster began stays without data. Never read from complaints.

    A month whose working days the calendar does not know (strict, without that year's
    arrangement: a month compared with, a year back) is not said owed: with nothing recorded it
    reads without data, as it did, and the report is not refused for a month it only compares
    with (tests/test_privacy_calendar.py: October 2040's report needs no 2039).

    ``own``: the month a report is on, whose own sections count what it owed: owed whatever the
    records known (a report on the records' first month made inside it said "无应报送的月报和
    应联系的监测点" beside its own "应联系6个", review r4 03). The records are also taken to
    begin no later than the month of ``at`` (the month in progress is being recorded).

    ``records_at``: the instant of the report that compares with ``month``, where the records
    begin is read at, when later than ``at``: a January zero report filed late, in February, is
    known to February's report, and January is then no month before the records (it read
    上月“无数据” beside the county's own report on it; clerk c45). Its figures stay read at ``at``."""
    later = records_at if at is None or (records_at is not None and records_at > at) else at
    if not own and before_records(dataset, month, later):
        return False
    try:
        return bool(owing_points(dataset, month, calendar, params, at))
    except CalendarDataMissing:
        return False


def default_instant(
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    calendar: WorkCalendar,
    params: ParameterSet,
    needed: bool = False,
) -> datetime | None:
    """``month``'s default instant (county_months.month_instant), None for a month whose working
    days the calendar does not know either: such a month is not said owed (:func:`month_owed`).
    CalendarDataMissing for a month whose working days are known and only its instant is not
    (December of the last year known: the next January's deadlines): it was read as nothing
    owed, 无数据, where the monitoring report of the month raises (auditor a75 02); and whenever
    ``needed`` (a month with reports, read at it)."""
    try:
        return month_instant(dataset, month, pm, calendar, params)
    except CalendarDataMissing:
        if needed:
            raise
        try:
            owing_points(dataset, month, calendar, params)
        except CalendarDataMissing:
            return None  # the month's own days unknown: not said owed, as documented
        raise


def before_records(dataset: Dataset, month: Month, at: datetime | None) -> bool:
    """Whether ``month`` comes before the dataset's records begin, as known at ``at``: nothing
    was kept then, not nothing done (a city that starts its records in 2025 with points
    designated since 2022 compared March with a 2024 of zeros, "较去年同月增加 60 项"). The
    records begin no later than the month of ``at`` (the month in progress is being recorded)."""
    first = first_recorded_month(dataset, at)
    if at is not None:
        now = Month.of(beijing_date(at))
        first = now if first is None else min(first, now)
    return first is None or month < first


def first_recorded_month(dataset: Dataset, at: datetime | None = None) -> Month | None:
    """The first month with a record that counts, known at ``at`` (any time when None): a county
    report on it submitted by then, or a contact dated by then inside its point's designation (a
    contact with a mistyped year counts for nothing, and does not move where the records begin,
    t12 02). None: no such record. Where the dataset's records begin. Complaints are not read:
    outside the city office nothing may depend on them."""
    day = None if at is None else beijing_date(at)
    for month in sorted({*dataset.contacts_by_month, *dataset.reports_by_month}):
        if day is not None and month.first_day > day:
            return None  # nothing of this month or a later one was known then (reported after it)
        if _recorded_in(dataset, month, at):
            return month
    return None


def last_recorded_month(dataset: Dataset, at: datetime | None = None) -> Month | None:
    """The last month with a record that counts, known at ``at``, as :func:`first_recorded_month`
    reads one: where the dataset's records end. None: no such record. A year end on records that
    end in March scores April on as not reported (未报), and says so (integrator i43)."""
    day = None if at is None else beijing_date(at)
    for month in sorted({*dataset.contacts_by_month, *dataset.reports_by_month}, reverse=True):
        if (day is None or month.first_day <= day) and _recorded_in(dataset, month, at):
            return month
    return None


def _recorded_in(dataset: Dataset, month: Month, at: datetime | None) -> bool:
    """A county report on ``month`` submitted by ``at``, or a contact of it known then inside
    its point's designation."""
    if any(at is None or r.submitted_at <= at for r in dataset.reports_by_month.get(month, ())):
        return True
    return dataset.any_inside_designation(month, dataset.contacts_known_in(month, at))


def _recorded(owed: bool, recorded: bool, feedback: bool) -> bool | None:
    """None when a month has no data: nothing owed in it (``owed``) and nothing recorded (no
    contact or county report known at its instant: ``recorded``; no direct feedback received
    or resolved in it: ``feedback``); else whether it reads as without data outside the city
    office: nothing owed, and direct feedback all there is."""
    if owed or recorded:
        return False
    return True if feedback else None


def figures_of(
    dataset: Dataset,
    month: Month,
    owed: bool,
    recorded: bool,
    rows: Sequence[tuple[str, str | None, str]],
    from_reports: int,
    reached: int,
    received: int,
    resolved: int,
    overdue: int,
) -> MonthFigures:
    """The figures of ``month`` at its default instant from what its own report counted there:
    section 四's items as (category, department, county) rows, the first ``from_reports`` from
    county reports; section 三's points reached; section 五's complaints; ``owed``:
    :func:`month_owed`; ``recorded``: a contact of it, or a county report on it submitted by its
    instant. The same counts :func:`month_figures` works out (a property test holds them
    equal), not worked out twice."""
    complaints_only = _recorded(owed, recorded, received > 0 or resolved > 0)
    if complaints_only is None:
        return MonthFigures(month, False)
    feedback = (received, resolved, overdue)
    return _figures(month, rows, from_reports, reached, feedback, complaints_only, _existing(dataset, month))


def _existing(dataset: Dataset, month: Month) -> frozenset[str]:
    """The counties that existed on some day of ``month`` (MonthFigures.counties)."""
    return frozenset(c.code for c in dataset.counties if exists_in(c, month))


def _figures(
    month: Month,
    rows: Sequence[tuple[str, str | None, str]],
    from_reports: int,
    reached: int,
    feedback: tuple[int, int, int],
    complaints_only: bool,
    counties: frozenset[str],
) -> MonthFigures:
    received, resolved, overdue = feedback
    return MonthFigures(
        month,
        True,
        dict(sorted(Counter(cat for cat, _, _ in rows).items())),
        items_by_county=dict(sorted(Counter(county for _, _, county in rows).items())),
        points_reached=reached,
        complaints_received=received,
        complaints_resolved=resolved,
        complaints_overdue=overdue,
        complaints_only=complaints_only,
        reported_by_county=dict(sorted(Counter(county for _, _, county in rows[:from_reports]).items())),
        counties=counties,
        **department_counts(d for _, d, _ in rows),
    )


class DepartmentCounts(TypedDict):
    """Section 四's items by the department they name, and those naming none (its row 无)."""

    items_by_department: dict[str, int]
    items_without_department: int


def department_counts(departments: Iterable[str | None]) -> DepartmentCounts:
    """The items naming ``departments`` (one an item, None: no department) by department id, and
    how many name none: with them the department table adds up to the items' total (clerk c59
    02). One count for the report's section 四 and the month figures of its trend."""
    counts = Counter(departments)
    named = sorted((d, n) for d, n in counts.items() if d is not None)
    return DepartmentCounts(items_by_department=dict(named), items_without_department=counts[None])


class TrendBatch:
    """The month figures worked out for one batch of reports.

    Internal to one call (``monitoring_reports`` keeps one for its months; never shared
    between threads): a report's trends read three months, and the next month's report two
    of the same, so each month's figures are worked out once per batch. ``steps``: the
    complaint steps worked out, shared with the reports of the batch (a month's statuses at
    its end are the report's own).
    """

    __slots__ = ("_figures", "_steps")

    def __init__(self, steps: StepIndex | None = None) -> None:
        # By month, instant (None: the month's own default instant), whether the month is the
        # report's own (month_owed's ``own``: it differs only for a month with no record) and the
        # comparing report's instant where the records begin is read (month_owed's records_at).
        self._figures: dict[tuple[Month, datetime | None, bool, datetime | None], MonthFigures] = {}
        self._steps = StepIndex() if steps is None else steps  # the months share the steps worked out

    def figures(
        self,
        dataset: Dataset,
        month: Month,
        pm: SoftenvPluginManager,
        params: ParameterSet,
        calendar: WorkCalendar,
        as_of: datetime | None = None,
        own: bool = False,
        records_at: datetime | None = None,
    ) -> MonthFigures:
        """``records_at`` matters only at a month's own instant (``as_of`` None) and only for a
        month without data there, or known there by its direct feedback alone: more records
        known later can make it owed, never take that back (a late zero report on a month
        holding one complaint, known to a report a year on, makes the month one of data)."""
        found = self._figures.get((month, as_of, own, None))
        settled = found is not None and found.has_data and not found.complaints_only
        if found is not None and (settled or as_of is not None or records_at is None):
            return found
        key = (month, as_of, own, None if as_of is not None else records_at)
        found = self._figures.get(key)
        if found is None:
            found = _month_figures(dataset, month, pm, params, calendar, self._steps, as_of, own, key[3])
            self._figures[key] = found
        return found

    def keep(self, figures: MonthFigures, own: bool = False) -> None:
        """Keep the figures of a month at its default instant that its own report counted
        (:func:`figures_of`): ``own``, as its report reads them; else as the next month's report
        compares with them."""
        self._figures.setdefault((figures.month, None, own, None), figures)


__all__ = [
    "MonthFigures",
    "TrendBatch",
    "before_records",
    "department_counts",
    "figures_of",
    "first_recorded_month",
    "known_items",
    "last_recorded_month",
    "latest_items",
    "month_figures",
    "month_owed",
]
