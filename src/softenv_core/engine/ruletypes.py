"""The values that plugins hand to the engine: rules, conditions, deadlines, limits, contexts.

Rules are values, not classes: an id, a label (the role it plays, by which a county may
replace a replaceable city rule), titles in Chinese and English, a reference to the seed
clause or county policy, an effective period, and a function from a context to an outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from softenv_core._validators import identifier, text, to_tuple
from softenv_core.engine.trace import ConditionResult, ParamValue, RuleRef, to_points
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact
from softenv_core.workdays.calendar import CalendarSource, WorkCalendar

if TYPE_CHECKING:  # annotations only: importing the parameter loader here would slow plugin imports
    from softenv_core.engine.parameters import ParameterSet
    from softenv_core.engine.views import ComplaintView


@frozen
class PluginInfo:
    """Who a plugin is: the county (GB/T 2260 code) it serves, None for the city baseline."""

    county: str | None
    title: str = field(validator=text(200))
    reference: str = field(validator=text(1000))


def _effective(rule: Any) -> None:
    if rule.effective_until is not None and rule.effective_until < rule.effective_from:
        raise ValueError(f"{rule.id}: effective_until before effective_from")


def _in_force(effective_from: date, effective_until: date | None, year: int) -> bool:
    """In force at some time during ``year``."""
    if effective_from > date(year, 12, 31):
        return False
    return effective_until is None or effective_until >= date(year, 1, 1)


@frozen
class Award:
    """What a scoring rule gives a point: points, why, on which records, with which parameters."""

    points: Decimal = field(converter=to_points)
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class Failure:
    """Why a condition fails, with the evidence; a passing condition returns None."""

    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class PointYear:
    """What a scoring rule sees of one point in one year (read-only)."""

    point: MonitoringPoint
    year: int
    active_months: tuple[Month, ...]
    contacts: tuple[Contact, ...]  # this point's contacts in the year, by date
    complaints: tuple[Complaint, ...]  # complaints this point made, received in the year
    rounds_expected: tuple[str, ...]  # appraisal round ids held while it was active
    rounds_taken: tuple[str, ...]  # of those, the rounds it rated in
    dataset: Dataset
    calendar: WorkCalendar
    params: ParameterSet

    @property
    def on(self) -> date:
        """The date at which the year's parameters are read: the year's last day."""
        return date(self.year, 12, 31)


@frozen
class Rule:
    """A scoring rule (考评规则) for points."""

    id: str = field(validator=identifier)
    label: str = field(validator=identifier)
    title_zh: str = field(validator=text(200))
    title_en: str = field(validator=text(200))
    reference: str = field(validator=text(1000))
    score: Callable[[PointYear], Award | None]
    max_points: Decimal = field(converter=to_points)
    effective_from: date
    effective_until: date | None = None
    replaceable: bool = False
    replaces: str | None = None

    def __attrs_post_init__(self) -> None:
        _effective(self)

    def in_force(self, year: int) -> bool:
        """In force at some time during ``year``."""
        return _in_force(self.effective_from, self.effective_until, year)

    def ref(self, plugin: str, version: str) -> RuleRef:
        return RuleRef(self.id, self.label, self.title_zh, self.title_en, plugin, version, self.reference)


@frozen
class MonthStatus:
    """A county's monthly report for one month: when due and why, and how it came."""

    month: Month
    due_at: datetime
    deadline: Deadline
    report: str | None  # the report id, if any
    submitted_at: datetime | None  # the first submission's moment
    status: str  # "on_time" | "late" | "missing"
    late_workdays: int
    waiver: str | None  # a city waiver id covering this month
    score: Decimal = field(converter=to_points)
    zero_report: bool = False


@frozen
class CountyYear:
    """What a 十佳 condition sees of one county in one year (read-only)."""

    county: County
    year: int
    months: tuple[MonthStatus, ...]
    dataset: Dataset
    calendar: WorkCalendar
    params: ParameterSet
    #: ``complaint_status(complaint, at)``: a complaint's ComplaintStatus at an instant, under
    #: the limits that apply to it (see docs/complaints.md); None outside an assessment.
    complaint_status: Callable[[Complaint, datetime], ComplaintView] | None = None


@frozen
class Condition:
    """A 十佳 eligibility condition; it can only disqualify."""

    id: str = field(validator=identifier)
    title_zh: str = field(validator=text(200))
    title_en: str = field(validator=text(200))
    reference: str = field(validator=text(1000))
    check: Callable[[CountyYear], Failure | None]
    effective_from: date
    effective_until: date | None = None

    def __attrs_post_init__(self) -> None:
        _effective(self)

    def in_force(self, year: int) -> bool:
        """In force at some time during ``year``."""
        return _in_force(self.effective_from, self.effective_until, year)

    def ref(self, plugin: str, version: str) -> RuleRef:
        return RuleRef(self.id, self.id, self.title_zh, self.title_en, plugin, version, self.reference)

    def result(self, ctx: CountyYear, plugin: str, version: str) -> ConditionResult:
        failure = self.check(ctx)
        if failure is None:
            return ConditionResult(self.ref(plugin, version), True, "满足")
        return ConditionResult(self.ref(plugin, version), False, failure.reason, failure.evidence, failure.params)


@frozen
class Deadline:
    """The due moment of a county's monthly report, and why."""

    due_at: datetime
    nominal: date  # the day the rule names, before moving off non-working days
    rule_id: str
    policy: str  # "next_workday" (顺延) or "none"
    reference: str
    facts: tuple[str, ...] = ()  # the calendar facts used, e.g. "2024-04-05 非工作日"
    calendar_sources: tuple[CalendarSource, ...] = ()
    params: tuple[ParamValue, ...] = ()
    plugin: str = ""
    version: str = ""

    @property
    def provisional(self) -> bool:
        return any(s.provisional for s in self.calendar_sources)


@frozen
class ComplaintSla:
    """Working-day limits of a complaint's steps."""

    accept: int
    sign: int
    resolve: Mapping[str, int]  # by ComplaintKind value
    max_extension: int
    follow_up: int
    reference: str
    params: tuple[ParamValue, ...] = ()


__all__ = [
    "Award",
    "ComplaintSla",
    "Condition",
    "CountyYear",
    "Deadline",
    "Failure",
    "MonthStatus",
    "PluginInfo",
    "PointYear",
    "Rule",
]
