"""松溪县 (379922), a made-up county written from docs/writing-a-county-plugin.md alone
(plugin author p38): its report due by the 2nd working day of the next month, half a point
(one from 2025, a dated value) for each month a point was visited and reached, and no city
waiver (豁免) used during the year for 十佳."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from softenv_core.plugin import (
    Award,
    Condition,
    ContactMethod,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    beijing_date,
    hookimpl,
    load_parameters,
    workday_deadline,
)

__version__ = "1.0.0"
COUNTY = "379922"
POLICY = "松溪县经贸局〔2024〕5号"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2024, 1, 1)


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="松溪县监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day
    if first < IN_FORCE:
        return None
    workdays = PARAMS.get("county.379922.report.workdays", first)
    n = workdays.whole()
    mine = workday_deadline(
        calendar,
        month,
        n,
        rule_id="county.379922.report.deadline",
        reference=f"{POLICY} 第三条: 每月前{n}个工作日内报送上月情况",
        params=(workdays,),
    )
    city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
    return None if mine.nominal > city_day else mine


def _visits(ctx: PointYear) -> Award | None:
    day = date(ctx.year, 12, 31)
    each, each_pv = PARAMS.number("county.379922.extra.visit.points", day)
    cap, cap_pv = PARAMS.number("county.379922.extra.visit.max", day)
    visited = [c for c in ctx.contacts if c.reached and c.method is ContactMethod.VISIT]
    months = sorted({Month.of(c.date) for c in visited})
    if not months:
        return None
    points = min(cap, each * len(months))
    return Award(
        points, f"上门走访{len(months)}个月: {each} × {len(months)}", [c.id for c in visited], (each_pv, cap_pv)
    )


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number("county.379922.extra.visit.max", max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id="county.379922.extra.visit",
            label="songxi.visit",
            title_zh="上门走访",
            title_en="visits",
            reference=f"{POLICY} 第六条",
            score=_visits,
            max_points=cap,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _until(ctx: CountyYear) -> datetime | None:
    """The instant the condition reads up to: the assessment's (None outside one: every record)."""
    return ctx.as_of


def _no_waiver(ctx: CountyYear) -> Failure | None:
    limit, limit_pv = PARAMS.number("county.379922.topten.max_waivers", date(ctx.year, 12, 31))
    until = _until(ctx)
    known = [
        w.id
        for w in ctx.dataset.waivers
        if w.county == ctx.county.code
        and w.month.year == ctx.year
        and (until is None or w.decided_on <= beijing_date(until))
    ]
    if len(known) <= limit:
        return None
    return Failure(f"全年豁免{len(known)}个月, 超过{limit}个月", sorted(known), (limit_pv,))


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id="county.379922.topten.no_waiver",
            title_zh="全年未用豁免",
            title_en="no waiver used",
            reference=f"{POLICY} 第九条",
            check=_no_waiver,
            effective_from=IN_FORCE,
        )
    ]
