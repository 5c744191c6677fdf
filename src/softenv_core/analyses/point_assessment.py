"""Points' year (履职考评) in the year-end assessment: each designated point's score items from
its county's bound rules, the city's totalling rules, its band and its nomination conditions.

Split from analyses/assessment.py, which assesses the counties and puts the result together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal

from attrs import field, frozen

from softenv_core.analyses.derived_checks import check_point
from softenv_core.analyses.point_records import records_inside, rounds_closed_by, rounds_open_at, year_records
from softenv_core.analyses.point_scoring import scored_items
from softenv_core.engine.manager import CITY_PLUGIN, SoftenvPluginManager, core_version
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.resolution import BoundRule, RuleAnswers, resolve_extra_rules, resolve_point_rules
from softenv_core.engine.ruletypes import (
    Band,
    NominationCondition,
    PointStanding,
    PointYear,
    ScoredItems,
    TotalRule,
)
from softenv_core.engine.trace import CENTS, ConditionResult, ParamValue, RuleRef, ScoreItem, to_points, total
from softenv_core.model.dataset import Dataset
from softenv_core.model.designations import rounds_owed
from softenv_core.model.periods import Month, Year
from softenv_core.model.points import MonitoringPoint, PointLevel
from softenv_core.rules.city.commendation import NOMINATION_CONDITIONS, PASS_CAVEATS
from softenv_core.rules.city.duty import TOTAL_RULES, BandThresholds, OwedMonths
from softenv_core.rules.city.rounds import rounds_held
from softenv_core.workdays.calendar import WorkCalendar


@frozen
class PointAssessment:
    """One point's year (履职考评): active months, score items (total = their sum), band, nomination."""

    id: str
    county: str
    enterprise: str
    level: str
    active_months: tuple[Month, ...]
    items: tuple[ScoreItem, ...]
    total: Decimal = field(converter=to_points, metadata=CENTS)
    band: Band
    band_params: tuple[ParamValue, ...]
    nominable: bool
    nomination_conditions: tuple[ConditionResult, ...]
    #: The band's Chinese label, kept in the JSON document: from the enum (check_point refuses another).
    band_zh: str = field()
    #: The designation interval (在册期间) as the roster known at as_of gives it: the owed months'
    #: basis, with ``owed_facts`` (each month the interval covers in part: its working days in
    #: it against the parameter) and ``owed_params`` (``duty.min_workdays_in_month`` as read).
    #: None in documents written before they existed.
    designated_from: date | None = None
    designated_until: date | None = None
    owed_facts: tuple[str, ...] = ()
    owed_params: tuple[ParamValue, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_point(self)  # its figures as its trace gives them, read back too (integrator i55)

    @band_zh.default
    def _band_zh(self) -> str:
        return self.band.zh


@frozen
class _CityRefs:
    """The city's totalling rules and nomination conditions with their traced references, made once."""

    totals: tuple[tuple[TotalRule, RuleRef], ...]
    #: Each condition with its reference and its (frozen, so shareable) passing result: most
    #: points pass most conditions, and one result per point and condition cost 4 inits a point.
    nomination: tuple[tuple[NominationCondition, RuleRef, ConditionResult], ...]

    @classmethod
    def make(cls, year: int) -> _CityRefs:
        version = core_version()
        refs = [(c, c.ref(CITY_PLUGIN, version)) for c in NOMINATION_CONDITIONS if c.in_force(year)]
        return cls(
            tuple((r, r.ref(CITY_PLUGIN, version)) for r in TOTAL_RULES if r.in_force(year)),
            tuple((c, ref, ConditionResult(ref, True, "满足")) for c, ref in refs),
        )

    def conditions(self, standing: PointStanding) -> tuple[ConditionResult, ...]:
        out = []
        for cond, ref, passed in self.nomination:
            failure = cond.check(standing)
            caveat = PASS_CAVEATS.get(cond.id) if failure is None else None
            said = caveat(standing) if caveat is not None else None  # city office's words on a pass
            if failure is None:
                out.append(passed if said is None else ConditionResult(ref, True, said[0], said[1]))
            else:
                out.append(ConditionResult(ref, False, failure.reason, failure.evidence, failure.params))
        return tuple(out)


def _assess_point(
    ctx: PointYear,
    base: Sequence[BoundRule],
    extras: Sequence[BoundRule],
    city: _CityRefs,
    rounds_in_year: int,
    rounds_pending: tuple[str, ...],
    owed: OwedMonths,
    bands: BandThresholds,
) -> PointAssessment:
    point = ctx.point
    base_items = tuple(scored_items(base, ctx, "softenv_point_rules"))
    extra_items = tuple(scored_items(extras, ctx, "softenv_extra_point_rules"))
    # The city's totalling rules (the extra-point cap, then the floor) each see what came before.
    adjustments: list[ScoreItem] = []
    for rule, ref in city.totals:
        award = rule.adjust(ScoredItems(ctx, base_items, extra_items, tuple(adjustments)))
        if award is not None:
            adjustments.append(ScoreItem(ref, award.points, award.reason, award.evidence, award.params))
    items = base_items + extra_items + tuple(adjustments)
    score = total(items)
    band, band_params = bands.band(score), bands.params  # band_of, its thresholds read once
    standing = PointStanding(ctx, score, band, rounds_in_year, rounds_pending)
    conditions = city.conditions(standing)
    return PointAssessment(
        point.id,
        point.county,
        point.enterprise.name,
        point.level.value,
        ctx.active_months,
        items,
        score,
        band,
        band_params,
        all(c.passed for c in conditions),
        conditions,
        designated_from=point.designated_from,
        designated_until=point.designated_until,
        owed_facts=owed.basis(point),
        owed_params=owed.params,
    )


#: 市直 points (designated by the city, contacted by 市经贸委) are scored by the city's rules
#: alone: no county plugin serves this scope. A county's rules score its 县区 points only (docs/rules.md).
_CITY_ONLY = "市直"


def _scope_rules(
    pm: SoftenvPluginManager, scope: str, year: int, params: ParameterSet, rules: RuleAnswers
) -> tuple[tuple[BoundRule, ...], tuple[BoundRule, ...]]:
    """The base and extra-point rules of the points of ``scope`` (a county, or 市直)."""
    return resolve_point_rules(pm, scope, year, params, rules), resolve_extra_rules(pm, scope, year, params, rules)


def assess_points(
    dataset: Dataset,
    designated: tuple[MonitoringPoint, ...],
    year: int,
    pm: SoftenvPluginManager,
    calendar: WorkCalendar,
    params: ParameterSet,
    as_of: datetime,
    progress: Callable[[str, int, int], None] | None,
    rules: RuleAnswers,  # the rule hooks' answers of the assessment
) -> tuple[PointAssessment, ...]:
    """Every point that owed a month of ``year`` by ``as_of``, scored from what was known then."""
    contacts, complaints, raters, borrowed = year_records(dataset, year, as_of)
    rounds = rounds_closed_by(dataset, year, as_of, params)
    open_rounds = rounds_open_at(dataset, year, as_of, params)  # pending: each point's owed ones are named
    pending = tuple(r.id for r in open_rounds)  # below: the months over by as_of (a running one is pending)
    owed_months = OwedMonths.of(tuple(m for m in Year(year).months if m.end <= as_of), calendar, params)
    rules_by_county: dict[str, tuple[tuple[BoundRule, ...], tuple[BoundRule, ...]]] = {}
    city = _CityRefs.make(year)
    bands: BandThresholds | None = None  # read for the first point that owes a month (none may)
    points: list[PointAssessment] = []
    ordered_points = sorted(designated, key=lambda p: p.id)
    for i, point in enumerate(ordered_points):
        if progress and (i % 200 == 0 or i + 1 == len(ordered_points)):
            progress("points", i + 1, len(ordered_points))
        active = owed_months.months(point)
        if not active:
            continue
        scope = _CITY_ONLY if point.level is PointLevel.CITY else point.county
        if scope not in rules_by_county:
            rules_by_county[scope] = _scope_rules(pm, scope, year, params, rules)
        base, extras = rules_by_county[scope]
        # Owed: its window overlaps the interval, in the year; the round's lists' rule (r63 02).
        expected = rounds_held(point, rounds, owed_months)
        own_contacts, own_complaints = records_inside(
            point, year, contacts.get(point.id, ()), complaints.get(point.id, ())
        )
        taken = tuple(r for r in expected if r in raters.get(point.id, ()))
        by = borrowed.get(point.id)  # None for the usual point: no other record of its enterprise rated
        ctx = PointYear(
            point=point,
            year=year,
            active_months=active,
            contacts=own_contacts,
            complaints=own_complaints,
            rounds_expected=expected,
            rounds_taken=taken,
            dataset=dataset,
            calendar=calendar,
            params=params,
            as_of=as_of,
            rounds_taken_by=tuple((r, by[r]) for r in taken if r in by) if by else (),
            rounds_pending=rounds_owed(point, open_rounds) if open_rounds else (),
        )
        if bands is None:  # every point's total is banded by the same thresholds (at PointYear.on)
            bands = BandThresholds.of(params, ctx.on)
        points.append(_assess_point(ctx, base, extras, city, len(rounds), pending, owed_months, bands))
    return tuple(points)


__all__ = ["PointAssessment", "assess_points"]
