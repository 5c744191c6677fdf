"""云岭县 (379923) county plugin, written from the docs alone (plugin author p40).

Policy: 云岭县经信局〔2025〕4号《云岭县软环境建设监测点工作细则》 (fictional):

- 第三条: the monthly report (月报) is due by the 3rd working day of the next month; the report
  due in the month of 国庆 (October: the report on September) by its 7th working day. A county
  may only be stricter than the city (the 5th, moved to the next working day): where the
  county's day is later, the city's deadline applies (the hook answers ``None``). October
  always opens with the National Day holiday, so its 7th (and even its 3rd) working day is
  always after the city's day: the 7th-working-day article never applies under the city's
  bound, and the city's deadline governs September's report.
- 第六条: +1 for each 企业家座谈会 (a reached contact by 座谈) a point attended, at most
  ``half_year_max`` in each half-year (2 until 2025, 3 from 2026-01-01, 〔2025〕19号).
- 第九条: the county is not rated 先进 in the 十佳 competition when a complaint against one of
  its own departments is overdue at the year's end (or at the assessment's instant, if earlier) at a step the
  department answers for (签收, 办结).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from softenv_core.plugin import (
    BEIJING,
    Award,
    Complaint,
    ComplaintView,
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

__version__ = "1.0.0"

COUNTY = "379923"
POLICY = "云岭县经信局〔2025〕4号《云岭县软环境建设监测点工作细则》"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)
NATIONAL_DAY_MONTH = 10  # 国庆 is 1 October every year (a solar date, unlike 春节)
# The steps a department answers for (签收, 办结); accepting and following up are 市软建办's,
# so an overdue 回访 is not the county's department's fault.
DEPARTMENT_STEPS = ("sign", "resolve")

SYMPOSIUM = "county.379923.extra.symposium"
DEADLINE = "county.379923.report.deadline"
NO_OVERDUE = "county.379923.topten.no_overdue"


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="云岭县监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day  # the report on a month is due in the next
    if first < IN_FORCE:
        return None  # before the county's policy the city's deadline applies
    name = (
        "county.379923.report.national_day_workdays"
        if first.month == NATIONAL_DAY_MONTH
        else "county.379923.report.workdays"
    )
    workdays = PARAMS.get(name, first)
    n = workdays.whole()
    mine = workday_deadline(
        calendar,
        month,
        n,
        rule_id=DEADLINE,
        reference=f"{POLICY} 第三条: 次月前{n}个工作日内报送上月情况",
        params=(workdays,),
    )
    # Stricter only: where the county's day is after the city's 5th (moved off a holiday),
    # the city's deadline applies.
    city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
    return None if mine.nominal > city_day else mine


def _symposiums(ctx: PointYear) -> Award | None:
    """第六条: +each per 企业家座谈会 attended, at most the half-year cap in each half-year."""
    each, each_pv = PARAMS.number("county.379923.extra.symposium.points", date(ctx.year, 12, 31))
    caps = [
        PARAMS.number("county.379923.extra.symposium.half_year_max", date(ctx.year, 6, 30)),
        PARAMS.number("county.379923.extra.symposium.half_year_max", date(ctx.year, 12, 31)),
    ]
    attended = sorted(
        (c for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM),
        key=lambda c: (c.date, c.id),
    )
    if not attended:
        return None
    halves = [[c.id for c in attended if (c.date.month <= 6) == (h == 0)] for h in (0, 1)]
    total = sum(min(cap, each * len(ids)) for (cap, _), ids in zip(caps, halves, strict=True))
    reason = "；".join(
        f"{'上' if h == 0 else '下'}半年参加企业家座谈会{len(ids)}次: {each} × {len(ids)}，上限{caps[h][0]}"
        for h, ids in enumerate(halves)
        if ids
    )
    used = [each_pv] + [pv for _, pv in caps]
    params = list({(pv.name, pv.effective_from): pv for pv in used}.values())  # each value once
    return Award(total, reason, [c.id for c in attended], params)


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number("county.379923.extra.symposium.half_year_max", max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=SYMPOSIUM,
            label="yunling.symposium",
            title_zh="参加企业家座谈会",
            title_en="entrepreneurs' symposium attendance",
            reference=f"{POLICY} 第六条",
            score=_symposiums,
            max_points=2 * cap,  # two half-years; the cap does not change inside a year
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _overdue(status: Callable[[Complaint, datetime], ComplaintView], complaint: Complaint, at: datetime) -> int:
    view = status(complaint.known_at(at), at)
    return view.overdue_workdays if view.open_step in DEPARTMENT_STEPS and view.overdue else 0


def _no_overdue(ctx: CountyYear) -> Failure | None:
    """第九条: no complaint against the county's departments overdue at the year's end."""
    status = ctx.complaint_status
    if status is None:
        return None
    at = datetime.combine(date(ctx.year, 12, 31), time(23, 59, 59), BEIJING)
    if ctx.as_of is not None:
        at = min(at, ctx.as_of)
    own = {d.id for d in ctx.dataset.departments if d.county == COUNTY}
    found = []
    for complaint in sorted(ctx.dataset.complaints, key=lambda c: c.id):
        if complaint.department not in own or complaint.received_at is None or complaint.received_at > at:
            continue
        days = _overdue(status, complaint, at)
        if days > 0:
            found.append((complaint.id, days))
    if not found:
        return None
    parts = "、".join(f"{cid}（超期{days}个工作日）" for cid, days in found)
    return Failure(f"年末本县部门有超期未办结投诉{len(found)}件：{parts}", [cid for cid, _ in found])


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=NO_OVERDUE,
            title_zh="年末本县部门无超期投诉",
            title_en="no complaint against its departments overdue at year end",
            reference=f"{POLICY} 第九条",
            check=_no_overdue,
            effective_from=IN_FORCE,
        )
    ]
