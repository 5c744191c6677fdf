"""石桥县 (379924) county plugin, written from the plugin docs alone (plugin author p39) after
``softenv plugin new --county 379924 --county-name 石桥县 --name shiqiao``.

Policy: 石桥县经贸局〔2025〕4号《石桥县软环境建设监测点工作细则》.
- 第三条: in a month holding 春节 (正月初一) the report on the month before is due within the
  first 3 working days (每逢春节所在月份，上月情况于前3个工作日内报送); other months the city's;
- 第六条: +2 for a 县区 point its liaison office held a 座谈会 with in both halves of the year,
  capped by the dated ``county.379924.extra.symposium.max``;
- 第八条: 十佳 only for a county none of whose monthly reports came on the last possible day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.plugin import (
    Award,
    Condition,
    ContactMethod,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    MonthState,
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

COUNTY = "379924"
POLICY = "石桥县经贸局〔2025〕4号"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)

# 正月初一 (the Spring Festival's day): a fact of the lunar calendar, not of the policy. The
# WorkCalendar a hook is given says which days are worked, not which holiday a day off is, so
# the plugin carries the days itself (a year missing here keeps the city's deadline).
SPRING_FESTIVAL = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
}


def spring_festival_month(due_month: Month) -> bool:
    """Whether ``due_month`` (the month a report is due in) holds 正月初一 (春节所在月份)."""
    day = SPRING_FESTIVAL.get(due_month.year)
    return day is not None and Month.of(day) == due_month


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="石桥县监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day  # the report on a month is due in the next
    if first < IN_FORCE:
        return None
    workdays = PARAMS.get("county.379924.report.workdays", first)  # read first, every month
    n = workdays.whole()
    if not spring_festival_month(month + 1):
        return None  # 第三条 covers the months of 春节 only: the city's deadline elsewhere
    mine = workday_deadline(
        calendar,
        month,
        n,
        rule_id="county.379924.report.deadline",
        reference=f"{POLICY} 第三条：春节所在月份前{n}个工作日内报送上月情况",
        params=(workdays,),
    )
    # Stricter only: where the holiday opens the month (2025: 春节 from 01-28 to 02-04) the 3rd
    # working day can fall after the city's 5th moved to a working day; the city's applies.
    city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
    return None if mine.nominal > city_day else mine


def _both_halves(ctx: PointYear) -> Award | None:
    """第六条: the point's own liaison office (its county's) held a 座谈会 with it, reached, in
    each half of the year (上半年、下半年均召开座谈会)."""
    day = date(ctx.year, 12, 31)
    each, each_pv = PARAMS.number("county.379924.extra.symposium.points", day)
    cap, cap_pv = PARAMS.number("county.379924.extra.symposium.max", day)
    held = [
        c for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM and c.liaison == ctx.point.liaison
    ]
    halves = {Month.of(c.date).half.half for c in held}
    if halves != {1, 2}:
        return None
    first_h1 = min(c.date for c in held if c.date.month <= 6)
    first_h2 = min(c.date for c in held if c.date.month > 6)
    evidence = sorted(c.id for c in held)
    points = min(each, cap)
    return Award(points, f"上半年（{first_h1}）、下半年（{first_h2}）均召开座谈会", evidence, (each_pv, cap_pv))


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number("county.379924.extra.symposium.max", max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id="county.379924.extra.symposium_halves",
            label="shiqiao.symposium_halves",
            title_zh="上下半年均召开座谈会",
            title_en="a symposium in both halves of the year",
            reference=f"{POLICY} 第六条",
            score=_both_halves,
            max_points=cap,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _never_on_the_last_day(ctx: CountyYear) -> Failure | None:
    """第八条: no month's report submitted on its due day (截止当日才报送). ``ctx.months`` is
    worked out at ``ctx.as_of``: a report submitted later is not known there."""
    last_day = [
        m
        for m in ctx.months
        if m.status is MonthState.ON_TIME
        and m.submitted_at is not None
        and m.due_at is not None
        and beijing_date(m.submitted_at) == beijing_date(m.due_at)
    ]
    if not last_day:
        return None
    months = "、".join(str(m.month) for m in last_day)
    return Failure(f"截止当日才报送{len(last_day)}个月：{months}", sorted(m.report for m in last_day if m.report))


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id="county.379924.topten.not_last_day",
            title_zh="月报不在截止当日报送",
            title_en="no report on its last possible day",
            reference=f"{POLICY} 第八条",
            check=_never_on_the_last_day,
            effective_from=IN_FORCE,
        )
    ]
