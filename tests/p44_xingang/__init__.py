"""新港区 (379911) county plugin (县区插件) for softenv_core.

Policy: 新港区经信局〔2025〕4号《新港区软环境建设监测点工作细则》 (fictional; written from the
docs alone by plugin author p44). Every county figure is a dated parameter in parameters.json
(county.379911.*).

- 第五条 (softenv_report_deadline): the report on a month is due by the 4th of the next month;
  a 4th that is a day off moves *earlier*, to the last working day of the 1st-3rd (补班 counted),
  and only where the 1st-4th are all days off (National Day) to the first working day after.
- 第八条 (softenv_extra_point_rules): for each month a 县区 point was reached online (微信等),
  0.5 (1 from 2025-07-01: the figure in force on that month's first such contact), capped at
  the year's figure (3, 4 from 2025-07-01).
- 第九条 (softenv_topten_conditions): 十佳 needs no more than 2 (1 from 2025-07-01) amendments
  (更正) made to the year's monthly reports after their deadline.
- 第十条 (softenv_complaint_sla): from 2025-07-01 the county's departments resolve a 投诉 in 10
  working days (the city's 15); the other limits are the city's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.plugin import (
    Award,
    ComplaintKind,
    ComplaintSla,
    Condition,
    ContactMethod,
    County,
    CountyYear,
    Deadline,
    DeadlinePolicy,
    Failure,
    Month,
    ParameterSet,
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    beijing_date,
    hookimpl,
    load_parameters,
    monthly_deadline,
)

__version__ = "0.1.0"

COUNTY = "379911"
POLICY = "新港区经信局〔2025〕4号《新港区软环境建设监测点工作细则》"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)

DUE_DAY = f"county.{COUNTY}.report.due_day"
ONLINE = f"county.{COUNTY}.extra.online.points"
ONLINE_MAX = f"county.{COUNTY}.extra.online.max"
LATE_AMENDMENTS = f"county.{COUNTY}.topten.late_amendments"
RESOLVE_COMPLAINT = f"county.{COUNTY}.complaint.resolve_complaint"


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="新港区监测点工作细则", reference=POLICY)


def due_day_of(calendar: WorkCalendar, month: Month, nth: int) -> tuple[int, DeadlinePolicy]:
    """The day of the month after ``month`` the report is due on under 第五条, and the policy
    that gives it through ``monthly_deadline``: the ``nth`` itself when worked, else the last
    working day before it, else the ``nth`` moved to the next working day (顺延)."""
    first = (month + 1).first_day
    for day in range(nth, 0, -1):
        if calendar.is_workday(first.replace(day=day)):
            return day, DeadlinePolicy.NO_MOVE
    return nth, DeadlinePolicy.NEXT_WORKDAY


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day
    if not PARAMS.in_force(DUE_DAY, first):
        return None  # before the county's policy the city's deadline applies
    due = PARAMS.get(DUE_DAY, first)
    nth = due.whole()
    day, policy = due_day_of(calendar, month, nth)
    return monthly_deadline(
        calendar,
        month,
        day,
        rule_id=f"county.{COUNTY}.report.deadline",
        reference=f"{POLICY} 第五条：每月{nth}日前报送上月情况，遇节假日提前至节前最后一个工作日",
        params=(due,),
        policy=policy,
    )


def _online(ctx: PointYear) -> Award | None:
    # Every parameter first, whatever the data (docs/writing-a-county-plugin.md §4).
    PARAMS.number(ONLINE, ctx.on)
    cap, cap_pv = PARAMS.number(ONLINE_MAX, ctx.on)
    first_in_month: dict[int, tuple[date, str]] = {}
    for c in sorted(ctx.contacts, key=lambda c: (c.date, c.id)):
        if c.reached and c.method is ContactMethod.ONLINE and c.date.year == ctx.year:
            first_in_month.setdefault(c.date.month, (c.date, c.id))
    if not first_in_month:
        return None
    points = 0 * cap
    used: dict[str, ParamValue] = {}
    parts = []
    for m in sorted(first_in_month):
        day, _ = first_in_month[m]
        each, each_pv = PARAMS.number(ONLINE, day)
        points += each
        used[each_pv.effective_from.isoformat()] = each_pv
        parts.append(f"{m}月{each}")
    reason = f"网络联系{len(first_in_month)}个月：" + "、".join(parts)
    if points > cap:
        reason += f"；封顶{cap}"
        points = cap
    evidence = [first_in_month[m][1] for m in sorted(first_in_month)]
    return Award(points, reason, evidence, [*(used[k] for k in sorted(used)), cap_pv])


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number(ONLINE_MAX, max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=f"county.{COUNTY}.extra.online",
            label="xingang.online",
            title_zh="网络联系加分",
            title_en="months reached online",
            reference=f"{POLICY} 第八条",
            score=_online,
            max_points=cap,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _late_amendments(ctx: CountyYear) -> Failure | None:
    as_of = ctx.as_of
    day = date(ctx.year, 12, 31) if as_of is None else min(date(ctx.year, 12, 31), beijing_date(as_of))
    limit, limit_pv = PARAMS.number(LATE_AMENDMENTS, max(day, IN_FORCE))
    reports = {r.id: r for r in ctx.dataset.reports if r.county == ctx.county.code}
    late: list[str] = []
    for m in ctx.months:
        if m.report is None or m.due_at is None:
            continue
        report = reports[m.report]
        for a in report.amendments:
            if a.submitted_at > m.due_at and (as_of is None or a.submitted_at <= as_of):
                late.append(report.id)
    if len(late) <= limit:
        return None
    return Failure(f"逾期更正月报{len(late)}次，超过{limit}次", sorted(set(late)), (limit_pv,))


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=f"county.{COUNTY}.topten.late_amendments",
            title_zh="月报逾期更正次数不超过规定",
            title_en="few amendments after the deadline",
            reference=f"{POLICY} 第九条",
            check=_late_amendments,
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
    mine = PARAMS.get(RESOLVE_COMPLAINT, on)
    limits = resolve.whole_by_key()
    limits[ComplaintKind.COMPLAINT.value] = min(limits[ComplaintKind.COMPLAINT.value], mine.whole())
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=limits,
        max_extension=extension.whole(),
        follow_up=follow_up.whole(),
        reference=f"{POLICY} 第十条",
        params=(accept, sign, resolve, extension, follow_up, mine),
    )
