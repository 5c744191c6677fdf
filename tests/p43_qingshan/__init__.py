"""青山县 (379921) county plugin (县区插件) for softenv_core.

Policy: 青山县经贸委〔2025〕3号《青山县软环境建设监测点工作细则》 (fictional; written from the
docs alone by plugin author p43). Every county figure is a dated parameter in parameters.json
(county.379921.*). The demo's own plugin for 379921 is plugins/softenv-county-qingshan: the two
are never installed together (one plugin per county).

- 第五条 (softenv_report_deadline): the report on a month is due by the end of the 3rd working day
  of the next month (补班 counted); where that is after the city's 5th (moved to the next working
  day), the city's deadline applies, since a county may only be stricter.
- 第八条 (softenv_extra_point_rules): +2 for a 县区 point that attended a symposium (座谈会) in the
  year (+3 from 2025-07-01: the value in force on the symposium's day), +1 more when it also took
  part in both 万人评议 rounds of the year, at most 3.
- 第九条 (softenv_topten_conditions): 十佳 needs no month of the year that ended with a complaint
  (投诉、举报、意见建议) from one of the county's points overdue at some step.
- 第十条 (softenv_complaint_sla): the county's departments resolve a 投诉/举报 in 10 working days
  (the city's 15), a 意见建议 in 3 (5), extend by at most 10 (15), follow up in 1 (2).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

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
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
    load_parameters,
    workday_deadline,
)

__version__ = "0.1.0"

COUNTY = "379921"
POLICY = "青山县经贸委〔2025〕3号《青山县软环境建设监测点工作细则》"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)

WORKDAYS = f"county.{COUNTY}.report.workdays"
SYMPOSIUM = f"county.{COUNTY}.extra.symposium.points"
BOTH_ROUNDS = f"county.{COUNTY}.extra.both_rounds.points"
CAP = f"county.{COUNTY}.extra.max"
RESOLVE = f"county.{COUNTY}.complaint.resolve_workdays"
EXTENSION = f"county.{COUNTY}.complaint.max_extension_workdays"
FOLLOW_UP = f"county.{COUNTY}.complaint.follow_up_workdays"


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="青山县监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day  # the report on a month is due in the next
    if not PARAMS.in_force(WORKDAYS, first):
        return None  # before the county's policy the city's deadline applies
    workdays = PARAMS.get(WORKDAYS, first)
    n = workdays.whole()
    mine = workday_deadline(
        calendar,
        month,
        n,
        rule_id=f"county.{COUNTY}.report.deadline",
        reference=f"{POLICY} 第五条：每月前{n}个工作日内报送上月情况",
        params=(workdays,),
    )
    # Only stricter: where the next month opens with a holiday its 3rd working day is after the
    # city's 5th moved to the next working day, and the city's deadline applies there.
    city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
    return None if mine.nominal > city_day else mine


def _symposium(ctx: PointYear) -> Award | None:
    # Every parameter first, whatever the data (docs/writing-a-county-plugin.md §4).
    PARAMS.number(SYMPOSIUM, ctx.on)
    bonus, bonus_pv = PARAMS.number(BOTH_ROUNDS, ctx.on)
    cap, cap_pv = PARAMS.number(CAP, ctx.on)
    attended = [c for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM]
    if not attended:
        return None
    # The figure in force on the day of each symposium attended; the point earns the best once.
    each = max(((*PARAMS.number(SYMPOSIUM, c.date), c.date) for c in attended), key=lambda t: (t[0], t[2]))
    points, sym_pv, day = each
    used: list[ParamValue] = [sym_pv]
    reason = f"参加座谈会（{day.isoformat()}）：{points}"
    if len(set(ctx.rounds_taken)) >= 2:
        points += bonus
        used.append(bonus_pv)
        reason += f"；参加本年两轮万人评议：另加{bonus}"
    if points > cap:
        reason += f"；封顶{cap}"
        points = cap
    used.append(cap_pv)
    return Award(points, reason, sorted(c.id for c in attended), used)


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number(CAP, max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=f"county.{COUNTY}.extra.symposium",
            label="qingshan2025.symposium",
            title_zh="参加座谈会加分",
            title_en="symposium attendance",
            reference=f"{POLICY} 第八条",
            score=_symposium,
            max_points=cap,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts and whether it took part in rounds only
        )
    ]


def _month_ends(ctx: CountyYear) -> list[tuple[Month, datetime]]:
    """The year's months that have ended by the assessment's instant, each with the last
    instant before its end (what is stamped at the end itself belongs to the next month)."""
    ends = []
    for m in range(1, 13):
        month = Month(ctx.year, m)
        end = datetime.combine((month + 1).first_day, time(0), BEIJING)
        if ctx.as_of is not None and end > ctx.as_of:
            break
        ends.append((month, end - timedelta(microseconds=1)))
    return ends


def _no_overdue_month_end(ctx: CountyYear) -> Failure | None:
    status = ctx.complaint_status
    if status is None:
        return None
    own = {p.id for p in ctx.dataset.points if p.county == ctx.county.code}
    mine = sorted((c for c in ctx.dataset.complaints if c.point in own), key=lambda c: c.id)
    bad: list[tuple[Month, list[str]]] = []
    for month, at in _month_ends(ctx):
        ids = [
            c.id
            for c in mine
            if c.received_at is not None and c.received_at <= at and status(c.known_at(at), at).overdue_workdays > 0
        ]
        if ids:
            bad.append((month, ids))
    if not bad:
        return None
    reason = "；".join(f"{m}月末超期：{'、'.join(ids)}" for m, ids in bad)
    return Failure(reason, sorted({i for _, ids in bad for i in ids}))


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=f"county.{COUNTY}.topten.no_overdue_month_end",
            title_zh="本县监测点反映事项无月末超期",
            title_en="no month ending with an overdue complaint from the county's points",
            reference=f"{POLICY} 第九条",
            check=_no_overdue_month_end,
            effective_from=IN_FORCE,
        )
    ]


@hookimpl
def softenv_complaint_sla(
    kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> ComplaintSla | None:
    if not PARAMS.in_force(RESOLVE, on):
        return None  # a step opened before the county's policy keeps the city's limits
    accept = params.get("complaint.accept_workdays", on)
    sign = params.get("complaint.sign_workdays", on)
    city_resolve = params.get("complaint.resolve_workdays", on)
    city_ext = params.get("complaint.max_extension_workdays", on)
    city_fu = params.get("complaint.follow_up_workdays", on)
    resolve, extension, follow_up = (PARAMS.get(n, on) for n in (RESOLVE, EXTENSION, FOLLOW_UP))
    # Stricter than the city's, never laxer, even if the city lowers its own later.
    county_resolve = resolve.whole_by_key()
    limits = {k: min(v, county_resolve.get(k, v)) for k, v in city_resolve.whole_by_key().items()}
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=limits,
        max_extension=min(extension.whole(), city_ext.whole()),
        follow_up=min(follow_up.whole(), city_fu.whole()),
        reference=f"{POLICY} 第十条",
        params=(accept, sign, resolve, extension, follow_up, city_resolve, city_ext, city_fu),
    )
