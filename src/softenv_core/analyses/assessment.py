"""The year-end assessment (考核评议): counties' report compliance and 十佳 eligibility, and
points' duty scores with every item explained.

``assess`` is a pure function of (dataset, year, plugin manager, calendar, parameters); its
result is immutable and serializes to versioned JSON (schema ``softenv.assessment``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from softenv_core._perf import paused_gc
from softenv_core.analyses.complaint_handling import complaint_status, sla_for
from softenv_core.engine.manager import CITY_PLUGIN, PluginMeta, SoftenvPluginManager, core_version
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.resolution import (
    resolve_conditions,
    resolve_deadline,
    resolve_extra_rules,
    resolve_point_rules,
)
from softenv_core.engine.ruletypes import Award, CountyYear, MonthStatus, PointYear
from softenv_core.engine.trace import ConditionResult, ParamValue, RuleRef, ScoreItem, to_points, total
from softenv_core.errors import CalendarDataMissing, NotFound, ParameterMissing, PluginError
from softenv_core.io.converter import dumps, make_converter
from softenv_core.io.validation import require_valid
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.complaints import Complaint
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, Year, beijing_date
from softenv_core.model.reports import Contact, MonthlyReport
from softenv_core.rules.registry import city_plugin_manager
from softenv_core.workdays.calendar import WorkCalendar
from softenv_core.workdays.deadlines import lateness

ASSESSMENT_SCHEMA = "softenv.assessment"
ASSESSMENT_VERSION = 1

BANDS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}


@frozen
class CountyAssessment:
    """One county's year: each month's report status, compliance score, 十佳 eligibility."""

    code: str
    name: str
    months: tuple[MonthStatus, ...]
    compliance: Decimal = field(converter=to_points)
    compliance_reason: str
    compliance_params: tuple[ParamValue, ...]
    topten_eligible: bool
    conditions: tuple[ConditionResult, ...]

    @property
    def failing_conditions(self) -> tuple[ConditionResult, ...]:
        return tuple(c for c in self.conditions if not c.passed)


@frozen
class PointAssessment:
    """One point's year: active months, score items (total = their sum), band, nomination."""

    id: str
    county: str
    enterprise: str
    level: str
    active_months: tuple[Month, ...]
    items: tuple[ScoreItem, ...]
    total: Decimal = field(converter=to_points)
    band: str
    band_zh: str
    band_params: tuple[ParamValue, ...]
    nominable: bool
    nomination_conditions: tuple[ConditionResult, ...]


@frozen
class Assessment:
    """The result of :func:`assess`: counties and points, with the plugins that made it."""

    year: int
    core_version: str
    plugins: tuple[PluginMeta, ...]
    notices: tuple[str, ...]
    provisional: bool
    counties: tuple[CountyAssessment, ...]
    points: tuple[PointAssessment, ...]
    schema: str = ASSESSMENT_SCHEMA
    version: int = ASSESSMENT_VERSION

    def county(self, code: str) -> CountyAssessment:
        """The county ``code``; NotFound (a KeyError) if it was not assessed."""
        found = next((c for c in self.counties if c.code == code), None)
        if found is None:
            raise NotFound("county", code, f"the {self.year} assessment")
        return found

    def point(self, point_id: str) -> PointAssessment:
        """The point ``point_id``; NotFound (a KeyError) if it was not assessed."""
        found = next((p for p in self.points if p.id == point_id), None)
        if found is None:
            raise NotFound("point", point_id, f"the {self.year} assessment")
        return found

    def to_document(self) -> dict[str, Any]:
        """The result as a JSON-ready document (documented in docs/assessment-format.md)."""
        doc: dict[str, Any] = make_converter().unstructure(self)
        return {"schema": doc.pop("schema"), "version": doc.pop("version"), **doc}

    def to_json(self) -> str:
        """Canonical JSON: byte-identical for the same data and plugins."""
        return dumps(self.to_document())


def _city_ref(rule_id: str, zh: str, en: str, reference: str) -> RuleRef:
    return RuleRef(rule_id, rule_id, zh, en, CITY_PLUGIN, core_version(), reference)


SEED_43 = "市软环境建设监测工作意见(2022-03-01) 四(三)"


def _month_status(
    pm: SoftenvPluginManager,
    county: County,
    month: Month,
    report: MonthlyReport | None,
    waiver: str | None,
    calendar: WorkCalendar,
    params: ParameterSet,
) -> MonthStatus:
    deadline = resolve_deadline(pm, county, month, calendar, params)
    on = month.last_day
    on_time_score, _ = params.number("compliance.on_time_score", on)
    late_score, _ = params.number("compliance.late_score", on)
    grace, _ = params.number("compliance.late_grace_workdays", on)
    status, late = lateness(report.submitted_at if report else None, deadline.due_at, calendar)
    score = {"on_time": on_time_score, "late": late_score if late <= grace else Decimal(0)}.get(status, Decimal(0))
    return MonthStatus(
        month,
        deadline.due_at,
        deadline,
        report.id if report else None,
        report.submitted_at if report else None,
        status,
        late,
        waiver,
        score,
        bool(report and report.nothing_to_report),
    )


def _assess_county(
    pm: SoftenvPluginManager,
    dataset: Dataset,
    county: County,
    year: int,
    calendar: WorkCalendar,
    params: ParameterSet,
    reports: dict[tuple[str, Month], MonthlyReport],
    waivers: dict[tuple[str, Month], str],
) -> CountyAssessment:
    months = tuple(
        _month_status(pm, county, m, reports.get((county.code, m)), waivers.get((county.code, m)), calendar, params)
        for m in Year(year).months
    )
    on = date(year, 12, 31)
    pvs = tuple(
        params.get(n, on)
        for n in ("compliance.on_time_score", "compliance.late_score", "compliance.late_grace_workdays")
    )
    compliance = sum((m.score for m in months), Decimal(0)) / Decimal(len(months))
    reason = "(" + " + ".join(f"{m.score.normalize():f}" for m in months) + f") / {len(months)}"

    def status_of(complaint: Complaint, at: datetime) -> Any:
        return complaint_status(complaint, at, sla_for(pm, dataset, complaint, calendar, params), calendar)

    ctx = CountyYear(county, year, months, dataset, calendar, params, status_of)
    results = []
    for bound in resolve_conditions(pm, county.code, year, params):
        try:
            results.append(bound.condition.result(ctx, bound.plugin, bound.version))
        except (PluginError, CalendarDataMissing, ParameterMissing):
            raise
        except Exception as exc:
            raise PluginError(
                bound.plugin,
                "softenv_topten_conditions",
                f"condition {bound.condition.id} raised {type(exc).__name__}: {exc}",
            ) from exc
    return CountyAssessment(
        county.code,
        county.name,
        months,
        compliance,
        reason,
        pvs,
        all(r.passed for r in results),
        tuple(results),
    )


def _award(bound_rule: Any, ctx: PointYear, hook: str) -> Award | None:
    try:
        award = bound_rule.rule.score(ctx)
    except (PluginError, CalendarDataMissing, ParameterMissing):
        raise  # missing data is reported as itself
    except Exception as exc:
        raise PluginError(
            bound_rule.plugin, hook, f"rule {bound_rule.rule.id} raised {type(exc).__name__}: {exc}"
        ) from exc
    if award is not None and not isinstance(award, Award):
        raise PluginError(
            bound_rule.plugin,
            hook,
            f"rule {bound_rule.rule.id} returned {type(award).__name__}, expected Award or None",
        )
    return award


def _assess_point(
    ctx: PointYear,
    base: Sequence[Any],
    extras: Sequence[Any],
    params: ParameterSet,
    both_rounds: int,
) -> PointAssessment:
    point, on = ctx.point, ctx.on
    items: list[ScoreItem] = []
    for b in base:
        award = _award(b, ctx, "softenv_point_rules")
        if award is not None:
            items.append(ScoreItem(b.ref, award.points, award.reason, award.evidence, award.params))
    extra_items = []
    for b in extras:
        award = _award(b, ctx, "softenv_extra_point_rules")
        if award is not None:
            extra_items.append(ScoreItem(b.ref, award.points, award.reason, award.evidence, award.params))
    items += extra_items
    cap, cap_pv = params.number("duty.extra_cap", on)
    extra_sum = total(extra_items)
    if extra_sum > cap:
        items.append(
            ScoreItem(
                _city_ref(
                    "city.duty.extra_cap",
                    "加分封顶",
                    "extra points cap",
                    f"{SEED_43}; city baseline 2022-03-01",
                ),
                cap - extra_sum,
                f"加分合计{extra_sum}超过上限{cap}, 按{cap}计",
                (),
                (cap_pv,),
            )
        )
    if total(items) < 0:
        items.append(
            ScoreItem(
                _city_ref("city.duty.floor", "总分不低于0", "total not below zero", "city baseline 2022-03-01"),
                -total(items),
                "扣分后总分低于0, 按0计",
            )
        )
    score = total(items)
    excellent, pv_e = params.number("duty.band.excellent", on)
    passing, pv_p = params.number("duty.band.pass", on)
    band = "excellent" if score >= excellent else "pass" if score >= passing else "fail"
    conditions = _nomination_conditions(ctx, band, both_rounds)
    return PointAssessment(
        point.id,
        point.county,
        point.enterprise.name,
        point.level.value,
        ctx.active_months,
        tuple(items),
        score,
        band,
        BANDS[band],
        (pv_e, pv_p),
        all(c.passed for c in conditions),
        conditions,
    )


def _nomination_conditions(ctx: PointYear, band: str, both_rounds: int) -> tuple[ConditionResult, ...]:
    def cond(rule_id: str, zh: str, en: str, passed: bool, why: str, evidence: Sequence[str] = ()) -> ConditionResult:
        return ConditionResult(
            _city_ref(rule_id, zh, en, f"{SEED_43}: 由县区推荐, 市里决定"),
            passed,
            "满足" if passed else why,
            tuple(evidence),
        )

    # The designation is one interval: active all year is active on its first and last day.
    whole_year = ctx.point.active_on(date(ctx.year, 1, 1)) and ctx.point.active_on(date(ctx.year, 12, 31))
    false = [c.id for c in ctx.complaints if c.found_false]
    return (
        cond(
            "city.nominate.whole_year",
            "全年在册",
            "active all year",
            whole_year,
            f"仅{len(ctx.active_months)}个月在册",
        ),
        cond(
            "city.nominate.excellent",
            "考评优秀",
            "rated 优秀",
            band == "excellent",
            f"考评等次为{BANDS[band]}",
        ),
        cond(
            "city.nominate.both_rounds",
            "参加两次万人评议",
            "took part in both appraisal rounds",
            both_rounds > 0 and len(ctx.rounds_taken) >= both_rounds,
            f"参加万人评议{len(ctx.rounds_taken)}轮, 全年共{both_rounds}轮",
        ),
        cond(
            "city.nominate.no_false_complaint",
            "无虚假投诉",
            "no false complaint",
            not false,
            f"{len(false)}件投诉经查虚假或恶意",
            false,
        ),
    )


def assess(
    dataset: Dataset,
    year: int,
    plugin_manager: SoftenvPluginManager | None = None,
    *,
    calendar: WorkCalendar | None = None,
    params: ParameterSet | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Assessment:
    """Assess ``year``: every county's months and 十佳 eligibility, every active point's score.

    ``progress(stage, done, total)``, if given, is called as counties and points are done
    (the CLI shows it on a terminal); it never changes the result.

    Raises CalendarDataMissing when a deadline falls in a year without official data (the
    December report is due in January of the next year), PluginError / RuleConflict when a
    plugin misbehaves, ParameterMissing when a parameter has no value at a date.
    """
    require_valid(dataset)  # a dataset built in Python is checked (once) as a file would be
    with paused_gc():
        return _assess(
            dataset,
            year,
            plugin_manager or city_plugin_manager(),
            calendar or WorkCalendar(),
            params or baseline_parameters(),
            progress,
        )


def _assess(
    dataset: Dataset,
    year: int,
    pm: SoftenvPluginManager,
    calendar: WorkCalendar,
    params: ParameterSet,
    progress: Callable[[str, int, int], None] | None,
) -> Assessment:
    metas = pm.plugins_meta()
    notices = [
        f"plugin {m.name!r} serves county {m.county}, which the dataset does not have"
        for m in metas
        if m.county is not None and m.county not in dataset.county_by_code
    ]
    reports = {(r.county, r.month): r for r in dataset.reports}
    waivers = {(w.county, w.month): w.id for w in sorted(dataset.waivers, key=lambda w: w.id)}
    ordered_counties = sorted(dataset.counties, key=lambda c: c.code)
    county_results = []
    for i, county in enumerate(ordered_counties):
        county_results.append(_assess_county(pm, dataset, county, year, calendar, params, reports, waivers))
        if progress:
            progress("counties", i + 1, len(ordered_counties))
    counties = tuple(county_results)
    contacts: dict[str, list[Contact]] = defaultdict(list)
    for c in dataset.contacts:
        if c.date.year == year:
            contacts[c.point].append(c)
    complaints: dict[str, list[Complaint]] = defaultdict(list)
    for comp in dataset.complaints:
        if comp.received_at is not None and beijing_date(comp.received_at).year == year:
            complaints[comp.point].append(comp)
    rounds = sorted((r for r in dataset.appraisal_rounds if r.period.year == year), key=lambda r: r.id)
    raters: dict[str, set[str]] = defaultdict(set)
    for rating in dataset.ratings:
        if rating.group is RaterGroup.POINT:
            raters[rating.rater].add(rating.round)
    rules_by_county: dict[str, tuple[Any, Any]] = {}
    points = []
    ordered_points = sorted(dataset.points, key=lambda p: p.id)
    for i, point in enumerate(ordered_points):
        if progress and (i % 200 == 0 or i + 1 == len(ordered_points)):
            progress("points", i + 1, len(ordered_points))
        active = tuple(m for m in Year(year).months if point.active_in(m))
        if not active:
            continue
        if point.county not in rules_by_county:
            rules_by_county[point.county] = (
                resolve_point_rules(pm, point.county, year, params),
                resolve_extra_rules(pm, point.county, year, params),
            )
        base, extras = rules_by_county[point.county]
        expected = tuple(r.id for r in rounds if any(m in active for m in r.period.months))
        ctx = PointYear(
            point=point,
            year=year,
            active_months=active,
            contacts=tuple(sorted(contacts.get(point.id, ()), key=lambda c: (c.date, c.id))),
            complaints=tuple(sorted(complaints.get(point.id, ()), key=lambda c: c.id)),
            rounds_expected=expected,
            rounds_taken=tuple(r for r in expected if r in raters.get(point.id, ())),
            dataset=dataset,
            calendar=calendar,
            params=params,
        )
        points.append(_assess_point(ctx, base, extras, params, len(rounds)))
    provisional = any(m.deadline.provisional for c in counties for m in c.months)
    if provisional:
        notices.append(
            "provisional: some deadlines use a weekends-only calendar; re-run when the official arrangement is out"
        )
    return Assessment(year, core_version(), metas, tuple(notices), provisional, counties, tuple(points))


__all__ = [
    "ASSESSMENT_SCHEMA",
    "ASSESSMENT_VERSION",
    "Assessment",
    "CountyAssessment",
    "PointAssessment",
    "assess",
]
