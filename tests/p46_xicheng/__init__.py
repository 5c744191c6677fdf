"""西城区 (379903) county plugin (县区插件) for softenv_core, written from the docs alone by
plugin author p46.

Policy: 西城区经贸局〔2025〕6号《西城区软环境建设监测点工作细则》 (fictional). Every county figure is
a dated parameter in parameters.json (county.379903.*).

- 第四条 (softenv_report_deadline): the report on a month is due within the first 2 working days
  of the next month (每月前2个工作日内); where that falls after the city's day (a month opening
  with a holiday) the city's deadline applies.
- 第七条 (softenv_extra_point_rules): 0.5 a symposium (座谈) at which a 县区 point was reached in
  the year, capped at 2 a year.
- 第九条 (softenv_topten_conditions): 十佳 needs no complaint about the county's departments
  whose 办结 (resolve) step was, at the assessment's instant, late or overdue.
- 第十条 (softenv_complaint_sla): from 2025-07-01 the county's departments resolve a 投诉 in 10
  working days and a 举报 in 12 (the city's 15), and 市软建办 follows up in 1 (the city's 2); a
  建议 keeps the city's 5. A step opened before keeps the city's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from softenv_core.plugin import (
    BEIJING,
    Award,
    ComplaintKind,
    ComplaintSla,
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
    hookimpl,
    load_parameters,
    workday_deadline,
)

__version__ = "0.1.0"

COUNTY = "379903"
POLICY = "西城区经贸局〔2025〕6号《西城区软环境建设监测点工作细则》"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)

WORKDAYS = f"county.{COUNTY}.report.workdays"
SYMPOSIUM = f"county.{COUNTY}.extra.symposium.points"
SYMPOSIUM_MAX = f"county.{COUNTY}.extra.symposium.max"
LATE_RESOLUTIONS = f"county.{COUNTY}.topten.late_resolutions"
RESOLVE_COMPLAINT = f"county.{COUNTY}.complaint.resolve_complaint"
RESOLVE_REPORT = f"county.{COUNTY}.complaint.resolve_report"
FOLLOW_UP = f"county.{COUNTY}.complaint.follow_up"


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="西城区监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day
    if not PARAMS.in_force(WORKDAYS, first):
        return None  # before the county's policy the city's deadline applies
    nth = PARAMS.get(WORKDAYS, first)
    mine = workday_deadline(
        calendar,
        month,
        nth.whole(),
        rule_id=f"county.{COUNTY}.report.deadline",
        reference=f"{POLICY} 第四条：每月前{nth.whole()}个工作日内报送上月情况",
        params=(nth,),
    )
    # The city's day: its report.due_day, moved to the next working day (docs/hooks.md).
    city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
    return None if mine.nominal > city_day else mine


def _symposiums(ctx: PointYear) -> Award | None:
    each, each_pv = PARAMS.number(SYMPOSIUM, ctx.on)
    cap, cap_pv = PARAMS.number(SYMPOSIUM_MAX, ctx.on)
    met = sorted(
        c.id for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM and c.date.year == ctx.year
    )
    if not met:
        return None
    points = each * len(met)
    reason = f"座谈联系{len(met)}次，每次{each}分"
    if points > cap:
        points = cap
        reason += f"，封顶{cap}分"
    return Award(points, reason, met, [each_pv, cap_pv])


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number(SYMPOSIUM_MAX, max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=f"county.{COUNTY}.extra.symposium",
            label="xicheng.symposium",
            title_zh="座谈联系加分",
            title_en="symposiums at which the point was reached",
            reference=f"{POLICY} 第七条",
            score=_symposiums,
            max_points=cap,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _late_resolutions(ctx: CountyYear) -> Failure | None:
    year_end = datetime.combine(date(ctx.year + 1, 1, 1), time(0), BEIJING)
    at = year_end if ctx.as_of is None else min(year_end, ctx.as_of)
    limit, limit_pv = PARAMS.number(LATE_RESOLUTIONS, max(IN_FORCE, at.astimezone(BEIJING).date()))
    status = ctx.complaint_status
    if status is None:
        return None
    ours = {d.id for d in ctx.dataset.departments if d.county == ctx.county.code}
    late: list[str] = []
    for c in ctx.dataset.complaints:
        if c.department not in ours:
            continue
        view = status(c.known_at(at), at)
        for step in view.steps:
            if step.name != "resolve" or step.opened_at.astimezone(BEIJING).year != ctx.year:
                continue
            overdue = step.done_at is None and step.due_at is not None and step.due_at < at
            if step.on_time is False or overdue:
                late.append(c.id)
    if len(late) <= limit:
        return None
    return Failure(f"部门逾期办结投诉{len(late)}件，超过{limit}件", sorted(set(late)), (limit_pv,))


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=f"county.{COUNTY}.topten.late_resolutions",
            title_zh="部门无逾期办结投诉",
            title_en="no complaint about the county's departments resolved late",
            reference=f"{POLICY} 第九条",
            check=_late_resolutions,
            effective_from=IN_FORCE,
        )
    ]


@hookimpl
def softenv_complaint_sla(
    kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> ComplaintSla | None:
    if not PARAMS.in_force(RESOLVE_COMPLAINT, on):
        return None  # a step opened before the county's policy keeps the city's limits
    names = (
        "complaint.accept_workdays",
        "complaint.sign_workdays",
        "complaint.resolve_workdays",
        "complaint.max_extension_workdays",
        "complaint.follow_up_workdays",
    )
    accept, sign, resolve, extension, follow_up = (params.get(n, on) for n in names)
    complaint, report, mine_follow = (PARAMS.get(n, on) for n in (RESOLVE_COMPLAINT, RESOLVE_REPORT, FOLLOW_UP))
    limits = resolve.whole_by_key()
    for k, pv in ((ComplaintKind.COMPLAINT, complaint), (ComplaintKind.REPORT, report)):
        limits[k.value] = min(limits[k.value], pv.whole())
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=limits,
        max_extension=extension.whole(),
        follow_up=min(follow_up.whole(), mine_follow.whole()),
        reference=f"{POLICY} 第十条",
        params=(accept, sign, resolve, extension, follow_up, complaint, report, mine_follow),
    )
