"""The values that plugins hand to the engine: rules, conditions, deadlines, limits, contexts.

Rules are values, not classes: an id, a label (the role it plays, by which a county may
replace a replaceable city rule), titles in Chinese and English, a reference to the seed
clause or county policy, an effective period, and a function from a context to an outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from attrs import Converter, field, frozen

from softenv_core._validators import identifier, of_owner, optional_text, owned, text
from softenv_core.engine.deadline_types import Deadline
from softenv_core.engine.states import Band, MonthState
from softenv_core.engine.trace import (
    CENTS,
    MAX_AWARD_POINTS,
    ConditionResult,
    ParamValue,
    RuleRef,
    ScoreItem,
    a_date,
    award_points,
    optional_date,
    require_dated,
    text_evidence_problem,
    to_points,
)
from softenv_core.errors import FieldInvalid, PluginError
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County, plugin_county_code
from softenv_core.model.periods import Month
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact
from softenv_core.workdays.calendar import WorkCalendar

if TYPE_CHECKING:  # annotations only: importing the parameter loader here would slow plugin imports
    from softenv_core.engine.parameters import ParameterSet
    from softenv_core.engine.views import ComplaintView


@frozen
class PluginInfo:
    """Who a plugin is: the county (GB/T 2260 code, as text) it serves, None for the city baseline."""

    county: str | None = field(validator=lambda _i, a, v: plugin_county_code(a.name, v))
    title: str = field(validator=of_owner(text(200)))
    reference: str = field(validator=of_owner(text(1000)))


def _effective(rule: Any) -> None:
    if rule.effective_until is not None and rule.effective_until < rule.effective_from:
        raise FieldInvalid("effective_until", f"{rule.id}: effective_until before effective_from")


def ordered(value: Any) -> tuple[Any, ...]:
    """attrs converter: evidence or params as a tuple in the order given; a set is refused,
    as its order changes from one run to the next (and with it the output, principle 4)."""
    if type(value) is tuple:  # the usual answer, again
        return value
    if isinstance(value, (set, frozenset)):
        raise TypeError(
            f"a {type(value).__name__} has no order, so the output would change from run to run: "
            "give a tuple or list (e.g. sorted(...))"
        )
    return tuple(value)


# What a plugin may pass, as mypy --strict sees it (docs/hooks.md: the surface has no Any): the
# attrs plugin types each __init__ parameter by its converter's. At run time they are the
# converters themselves, which still refuse a set, a str or a bool point, as the engine's answer
# checks do whatever the caller's types said (an Award's points as FieldInvalid: award_points).
if TYPE_CHECKING:

    def _points(value: Decimal | int | float, /) -> Decimal: ...
    def _evidence(value: Sequence[str], /) -> tuple[str, ...]: ...
    def _params(value: Sequence[ParamValue], /) -> tuple[ParamValue, ...]: ...

else:
    _points = award_points
    _params = ordered

    def _evidence(value: Any) -> tuple[Any, ...]:
        """Evidence as :func:`ordered` takes it, text refused naming ``evidence`` (a str is a
        Sequence[str] to mypy: ``Award(1, reason, c.id)`` passed it, split into characters)."""
        if type(value) is tuple:
            return value
        problem = text_evidence_problem(value)
        if problem is not None:
            raise FieldInvalid("evidence", problem)
        return ordered(value)


def _rule_points(value: Any, rule: Any) -> Decimal:
    """A rule's ``max_points`` as points (to_points), its refusal naming the field and the rule
    (``max_points of county.379921.extra.visit: points must be finite, got NaN``): a NaN, a bool
    or a text bound, refused as an award's points are, named neither (p36), and the hook that
    built the rule was reported as having raised "points must be finite" of no rule."""
    try:
        return to_points(value)
    except (TypeError, ValueError) as exc:
        raise FieldInvalid(owned(rule, "max_points"), str(exc)) from None


# mypy types Rule's max_points parameter by this function's (as _points above); at run time the
# converter also takes the rule being made, to name it.
if TYPE_CHECKING:

    def _max_points(value: Decimal | int | float, /) -> Decimal: ...

else:
    _max_points = Converter(_rule_points, takes_self=True)


def _bound(inst: object, attribute: Any, value: Decimal) -> None:
    if value < 0:
        said = f"{attribute.name} must not be negative (the bound applies either way), got {value}"
        raise FieldInvalid(owned(inst, attribute.name), said)
    if value > MAX_AWARD_POINTS:  # no award above it is taken: a bound above it bounds nothing (p57)
        said = f"{attribute.name} must be at most {MAX_AWARD_POINTS} (no award above it is accepted), got {value}"
        raise FieldInvalid(owned(inst, attribute.name), said)


def _in_force(effective_from: date, effective_until: date | None, year: int) -> bool:
    """In force at some time during ``year``."""
    if effective_from > date(year, 12, 31):
        return False
    return effective_until is None or effective_until >= date(year, 1, 1)


@frozen
class Award:
    """What a scoring rule (考评规则) gives a point: points (加分/扣分), why, on which records, with which params."""

    points: Decimal = field(converter=_points)
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=_evidence)
    params: tuple[ParamValue, ...] = field(default=(), converter=_params)


@frozen
class Failure:
    """Why a condition (十佳 条件) fails, with the evidence; a passing condition returns None."""

    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=_evidence)
    params: tuple[ParamValue, ...] = field(default=(), converter=_params)


@frozen
class PointYear:
    """What a scoring rule sees of one point (监测点) in one year (read-only)."""

    point: MonitoringPoint
    year: int
    #: The months it owed: designated on >= duty.min_workdays_in_month working days, over by as_of.
    active_months: tuple[Month, ...]
    contacts: tuple[Contact, ...]  # its contacts in the year inside its interval, known at as_of, by date
    #: Complaints it made, received in the year inside its interval, and those of earlier years
    #: (received inside its interval) found false or malicious in the year, even after its
    #: removal (counted in the verdict's year: docs/rules.md), each
    #: as it stood at as_of (events dated later, a verdict among them, are not yet known:
    #: Complaint.known_at).
    complaints: tuple[Complaint, ...]
    rounds_expected: tuple[str, ...]  # round ids whose window overlaps its interval, closed by as_of
    rounds_taken: tuple[str, ...]  # of those, the rounds it rated in
    dataset: Dataset
    calendar: WorkCalendar
    params: ParameterSet
    #: The instant the assessment speaks for (评估时点, ``assess(as_of=…)`` or its default): a rule
    #: reading records of ``dataset`` reads them as known then (``complaint.known_at(as_of)``,
    #: a report submitted after it is not yet on file), and never the clock. None outside an
    #: assessment.
    as_of: datetime | None = None
    #: Of ``rounds_taken``, those its enterprise rated under another of its records (a
    #: re-designation inside the round's window: one rating counts for each record that owes the
    #: round), as (round id, that record's point id); empty for the usual point.
    rounds_taken_by: tuple[tuple[str, str], ...] = ()
    #: The year's rounds it owes (window overlapping its interval) still open, or not yet
    #: opened, at as_of: pending, neither in ``rounds_expected`` nor against it; by id.
    rounds_pending: tuple[str, ...] = ()

    @property
    def on(self) -> date:
        """The date at which the year's parameters are read: the year's last day."""
        return date(self.year, 12, 31)


def optional_bool(_instance: object, attribute: Any, value: object) -> None:
    """True, False or None (not a truthy stand-in: "no" would read as True)."""
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be True, False or None, got {type(value).__name__}")


class _Dated:
    """What every rule type shares: its dates checked when made (given, effective_until not before effective_from),
    whether it is in force in a year, and the reference each figure it produces carries (id; a rule's label)."""

    __slots__ = ()
    id: str
    title_zh: str
    title_en: str
    reference: str
    reference_zh: str | None
    effective_from: date
    effective_until: date | None

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:  # a missing date refused naming the id
        require_dated(cls, args, kwargs)
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        _effective(self)

    def in_force(self, year: int) -> bool:
        """In force at some time during ``year`` (and then applying to all of it: a county's rule
        or condition in force for part of the year is refused when resolved, engine/rule_years.py)."""
        return _in_force(self.effective_from, self.effective_until, year)

    def _label(self) -> str:
        return self.id

    def ref(self, plugin: str, version: str) -> RuleRef:
        return RuleRef(
            self.id,
            self._label(),
            self.title_zh,
            self.title_en,
            plugin,
            version,
            self.reference,
            reference_zh=self.reference_zh,
        )


@frozen
class Rule(_Dated):
    """A scoring rule (考评规则) for points."""

    id: str = field(validator=identifier)
    label: str = field(validator=identifier)
    title_zh: str = field(validator=of_owner(text(200)))
    title_en: str = field(validator=of_owner(text(200)))
    reference: str = field(validator=of_owner(text(1000)))
    #: ``reference`` in Chinese (依据), for documents to officials (None: ``reference`` is shown).
    reference_zh: str | None = field(default=None, validator=of_owner(optional_text(1000)), kw_only=True)
    score: Callable[[PointYear], Award | None]
    max_points: Decimal = field(converter=_max_points, validator=_bound)
    effective_from: date = field(validator=a_date)
    effective_until: date | None = field(default=None, validator=optional_date)
    replaceable: bool = False
    replaces: str | None = None
    #: Whether ``score`` reads direct feedback (ctx.complaints, ctx.dataset.complaints): None
    #: (not said) counts as reading it. Outside the city office a plugin rule's reason is shown
    #: only when this is False and its evidence cites no complaint (docs/privacy.md): a reason
    #: may date what the rule read whatever the evidence says.
    reads_direct_feedback: bool | None = field(default=None, validator=optional_bool)

    def _label(self) -> str:
        return self.label

    def bounded(self, award: Award, plugin: str, hook: str, point: str | None = None) -> Award:
        """``award`` (to ``point``) within ``max_points`` (either way), else a PluginError naming the
        point; never silently clipped: an award above the declared bound is wrong. Not its reason:
        a plugin's text may say who complained, and the error reaches any caller (the service's 422)."""
        if abs(award.points) > self.max_points:
            to = "" if point is None else f" (point {point})"
            raise PluginError(
                plugin, hook, f"rule {self.id} awarded {award.points}, beyond its max_points {self.max_points}{to}"
            )
        return award


@frozen
class ScoredItems:
    """What a totalling rule (封顶, 保底) sees: the point and the items scored so far."""

    point: PointYear
    base: tuple[ScoreItem, ...]  # the base rules' items (by label)
    extra: tuple[ScoreItem, ...]  # the extra-point rules' items
    adjustments: tuple[ScoreItem, ...] = ()  # earlier totalling rules' items


@frozen
class TotalRule(_Dated):
    """A rule applied to the items already scored, adding a correcting item (or none).

    The city's extra-point cap and zero floor are such rules: values with a reference, not
    arithmetic inside the assessment.
    """

    id: str = field(validator=identifier)
    title_zh: str = field(validator=of_owner(text(200)))
    title_en: str = field(validator=of_owner(text(200)))
    reference: str = field(validator=of_owner(text(1000)))
    #: ``reference`` in Chinese (依据), for documents to officials (None: ``reference`` is shown).
    reference_zh: str | None = field(default=None, validator=of_owner(optional_text(1000)), kw_only=True)
    adjust: Callable[[ScoredItems], Award | None]
    effective_from: date = field(validator=a_date)
    effective_until: date | None = field(default=None, validator=optional_date)


@frozen
class PointStanding:
    """What a nomination condition sees: the point's year, its total and band."""

    point: PointYear
    total: Decimal
    band: Band
    rounds_in_year: int  # 万人评议 rounds held in the year (closed by as_of)
    #: The year's rounds still open (or not yet opened) at as_of, by id: pending, so a
    #: condition on "every round of the year" cannot be decided yet for a point that owes
    #: one (model/designations.py ``owes_round``).
    rounds_pending: tuple[str, ...] = ()


Ctx = TypeVar("Ctx")


@frozen
class _YesNoCondition(_Dated, Generic[Ctx]):
    """A yes/no condition on a context: it fails with a Failure (why, evidence) or passes.

    One shape for the 十佳 conditions (on a CountyYear) and the nomination conditions (on a
    PointStanding), so both are dated, referenced and traced the same way.
    """

    id: str = field(validator=identifier)
    title_zh: str = field(validator=of_owner(text(200)))
    title_en: str = field(validator=of_owner(text(200)))
    reference: str = field(validator=of_owner(text(1000)))
    #: ``reference`` in Chinese (依据), for documents to officials (None: ``reference`` is shown).
    reference_zh: str | None = field(default=None, validator=of_owner(optional_text(1000)), kw_only=True)
    check: Callable[[Ctx], Failure | None]
    effective_from: date = field(validator=a_date)
    effective_until: date | None = field(default=None, validator=optional_date)

    def result(
        self, ctx: Ctx, plugin: str, version: str, check: Callable[[Ctx], Failure | None] | None = None
    ) -> ConditionResult:
        """The traced result on ``ctx``; ``check`` (the engine's checked call of this
        condition's own check) stands in for ``self.check`` when given."""
        failure = (check or self.check)(ctx)
        if failure is None:
            return ConditionResult(self.ref(plugin, version), True, "满足")
        return ConditionResult(self.ref(plugin, version), False, failure.reason, failure.evidence, failure.params)


@frozen
class NominationCondition(_YesNoCondition[PointStanding]):
    """A condition a point must meet to be nominated for commendation (表彰推荐)."""


@frozen
class MonthStatus:
    """A county's monthly report (月报) for one month: when due and why, and how it came.

    ``due_at`` and ``deadline`` are None for a month the county does not owe (not in force,
    or the county did not exist); ``score`` counts only for owed months (``status.owed``).
    """

    month: Month
    due_at: datetime | None
    deadline: Deadline | None
    report: str | None  # the report id, if any (known at the analysis' instant)
    submitted_at: datetime | None  # the first submission's moment
    status: MonthState
    late_workdays: int
    waiver: str | None  # a city waiver id covering this month (decided by the city)
    score: Decimal = field(converter=to_points, metadata=CENTS)
    zero_report: bool = False  # the latest content (amendments included) states nothing to report
    #: For a month missing at the instant of the analysis (a waived one too) whose late band is
    #: still running then: the last moment a report submitted would count as late within the
    #: grace (迟报, not 未报), so the month is still open (截至评估时点未收到; …前补报按迟报计).
    #: None when the month is not missing or the grace has run out (docs/rules.md).
    open_until: datetime | None = None
    #: For a report known late (a waived month's too): the working days ``late_workdays``
    #: counts, in words (``10-10、10-11（调休上班）、10-13、10-14``; or why none:
    #: ``2025-12-06 星期六 休息日（非工作日），截止日后无工作日``), so the figure that decides the
    #: score is checkable (workdays.deadlines.describe_lateness). None otherwise.
    late_facts: str | None = None
    #: For a late month scored 0 because it came later than the grace: the grace in working days
    #: (``compliance.late_grace_workdays``, read as the score was), so that an explanation says
    #: why without reading the policy itself. None otherwise (a waived month's too).
    beyond_grace: int | None = None

    @property
    def reported(self) -> MonthState:
        """How the report came, a waiver aside: a waived month was late if a report is known,
        else missing (the facts a waiver does not change, nor its score)."""
        if self.status is MonthState.WAIVED:
            return MonthState.MISSING if self.submitted_at is None else MonthState.LATE
        return self.status


@frozen
class CountyYear:
    """What a 十佳 condition sees of one county in one year (read-only)."""

    county: County
    year: int
    months: tuple[MonthStatus, ...]
    dataset: Dataset
    calendar: WorkCalendar
    params: ParameterSet
    #: A complaint's ComplaintStatus at an instant, under its limits; None outside an assessment.
    complaint_status: Callable[[Complaint, datetime], ComplaintView] | None = None
    #: The instant the assessment speaks for (records read as known then); None outside one.
    as_of: datetime | None = None


@frozen
class Condition(_YesNoCondition[CountyYear]):
    """A 十佳 eligibility condition; it can only disqualify."""


@frozen
class ComplaintSla:
    """Working-day limits (办理时限) of a complaint's steps."""

    accept: int
    sign: int
    resolve: Mapping[str, int]  # by ComplaintKind value
    max_extension: int
    follow_up: int
    reference: str
    params: tuple[ParamValue, ...] = ()
    #: ``reference`` in Chinese (依据) for officials' documents, as a Rule's (clerk c51 08).
    reference_zh: str | None = None


__all__ = [
    "Award",
    "Band",
    "ComplaintSla",
    "Condition",
    "CountyYear",
    "Deadline",
    "Failure",
    "MonthState",
    "MonthStatus",
    "NominationCondition",
    "PluginInfo",
    "PointStanding",
    "PointYear",
    "Rule",
    "ScoredItems",
    "TotalRule",
]
