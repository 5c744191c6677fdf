"""The city baseline, version 2022-03-01 (the seed's date), as a plugin like any county's.

Every number comes from the dated parameter files beside this module; each rule names the
seed clause it implements. Scoring rules are pro-rated over the months a point was active.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from softenv_core.engine.deadlines import monthly_deadline
from softenv_core.engine.hookspecs import hookimpl
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.ruletypes import (
    Award,
    ComplaintSla,
    Condition,
    CountyYear,
    Deadline,
    Failure,
    PluginInfo,
    PointYear,
    Rule,
)
from softenv_core.model.complaints import ComplaintKind
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, beijing_date
from softenv_core.workdays.calendar import WorkCalendar

VERSION = date(2022, 3, 1)
SEED = "市软环境建设监测工作意见(2022-03-01)"


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=None, title="市级基线规则 (city baseline 2022-03-01)", reference=SEED)


@hookimpl
def softenv_report_deadline(county: County, month: Month, calendar: WorkCalendar, params: ParameterSet) -> Deadline:
    on = (month + 1).first_day
    due_day = params.get("report.due_day", on)
    policy = params.get("report.holiday_policy", on)
    return monthly_deadline(
        calendar,
        month,
        int(due_day.value),
        rule_id="city.report.deadline",
        reference=f"{SEED} 三(二): 各县区都要在每月5日前将上月情况报市经贸委; 遇非工作日顺延",
        params=(due_day, policy),
        policy=str(policy.value),
    )


def _share(part: int, whole: int, points: Decimal) -> Decimal:
    return points * Decimal(part) / Decimal(whole) if whole else points


def _contact(ctx: PointYear) -> Award:
    points, pv = ctx.params.number("duty.contact.points", ctx.on)
    liaison = ctx.point.liaison
    reached: dict[Month, list[str]] = {}
    for c in ctx.contacts:
        if c.reached and c.liaison == liaison:
            reached.setdefault(Month.of(c.date), []).append(c.id)
    months = [m for m in ctx.active_months if m in reached]
    missed = [str(m) for m in ctx.active_months if m not in reached]
    evidence = [cid for m in months for cid in reached[m]]
    n_active = len(ctx.active_months)
    reason = f"在册{n_active}个月中{len(months)}个月被联系上: {points} × {len(months)}/{n_active}"
    if missed:
        reason += f"; 未联系上: {', '.join(missed)}"
    return Award(_share(len(months), len(ctx.active_months), points), reason, evidence, (pv,))


def _feedback(ctx: PointYear) -> Award:
    points, pv = ctx.params.number("duty.feedback.points", ctx.on)
    full, pv_full = ctx.params.number("duty.feedback.full_months", ctx.on)
    months: dict[Month, list[str]] = {}
    for c in ctx.contacts:
        if c.items:
            months.setdefault(Month.of(c.date), []).append(c.id)
    for comp in ctx.complaints:
        if comp.received_at is not None:
            months.setdefault(Month.of(beijing_date(comp.received_at)), []).append(comp.id)
    with_feedback = sorted(m for m in months if m in ctx.active_months)
    # Full marks at `full` months in a full year, scaled to the months the point was active.
    needed = full * Decimal(len(ctx.active_months)) / Decimal(12)
    ratio = min(Decimal(1), Decimal(len(with_feedback)) / needed) if needed else Decimal(1)
    evidence = [rid for m in with_feedback for rid in months[m]]
    reason = (
        f"有反馈的月份{len(with_feedback)}个, 满分需{needed.normalize():f}个"
        f"({full.normalize():f}×{len(ctx.active_months)}/12): {points} × {ratio.quantize(Decimal('0.0001'))}"
    )
    return Award(points * ratio, reason, evidence, (pv, pv_full))


def _appraisal(ctx: PointYear) -> Award:
    per_round, pv = ctx.params.number("duty.appraisal.points_per_round", ctx.on)
    expected = len(ctx.rounds_expected)
    taken = len(ctx.rounds_taken)
    # Two rounds a year; a point active for only one round's half is measured on that one.
    full = per_round * 2
    if not expected:
        return Award(full, "在册期间无万人评议轮次, 按满分计", (), (pv,))
    reason = f"应参加万人评议{expected}轮, 参加{taken}轮: {full} × {taken}/{expected}"
    return Award(_share(taken, expected, full), reason, ctx.rounds_taken, (pv,))


def _supervision(ctx: PointYear) -> Award:
    points, pv = ctx.params.number("duty.supervision.points", ctx.on)
    deduction, pv_d = ctx.params.number("duty.supervision.false_deduction", ctx.on)
    false = [c.id for c in ctx.complaints if c.found_false]
    value = max(Decimal(0), points - deduction * len(false))
    reason = f"{points} − {deduction} × {len(false)}件经查虚假或恶意的投诉" if false else "无经查虚假或恶意的投诉"
    return Award(value, reason, false, (pv, pv_d))


_RULES = (
    Rule(
        id="city.duty.contact",
        label="duty.contact",
        title_zh="按月联系",
        title_en="reached monthly",
        reference=f"{SEED} 三(二): 每月一次, 定期定人进行联系",
        score=_contact,
        max_points=30,
        effective_from=VERSION,
        replaceable=True,
    ),
    Rule(
        id="city.duty.feedback",
        label="duty.feedback",
        title_zh="反映情况",
        title_en="feedback given",
        reference=f"{SEED} 三(一)、三(三): 收集问题和有关情况, 及时反馈; 直接反馈",
        score=_feedback,
        max_points=30,
        effective_from=VERSION,
        replaceable=True,
    ),
    Rule(
        id="city.duty.appraisal",
        label="duty.appraisal",
        title_zh="参加万人评议",
        title_en="took part in appraisals",
        reference=f"{SEED} 三(一): 参与每年两次的万人评议活动",
        score=_appraisal,
        max_points=20,
        effective_from=VERSION,
        replaceable=True,
    ),
    Rule(
        id="city.duty.supervision",
        label="duty.supervision",
        title_zh="监督质量",
        title_en="supervision quality",
        reference=f"{SEED} 二(一): 对违法违规行为进行举报、投诉、报告",
        score=_supervision,
        max_points=20,
        effective_from=VERSION,
        replaceable=False,
    ),
)


@hookimpl
def softenv_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return _RULES


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return ()


def _on_time(ctx: CountyYear) -> Failure | None:
    allowed = ctx.params.get("topten.max_months_not_on_time", date(ctx.year, 12, 31))
    failing = [m for m in ctx.months if m.status != "on_time" and m.waiver is None]
    if len(failing) <= int(allowed.value):
        return None
    parts = []
    for m in failing:
        if m.status == "late":
            parts.append(f"{m.month} 迟报{m.late_workdays}个工作日")
        else:
            parts.append(f"{m.month} 未报")
    evidence = [m.report for m in failing if m.report]
    return Failure("; ".join(parts), evidence, (allowed,))


_CONDITIONS = (
    Condition(
        id="city.topten.on_time",
        title_zh="按时上报零报告",
        title_en="monthly reports on time",
        reference=f"{SEED} 四(三): 对未按时上报的县区, 年底争创“十佳”评比中不得评先进 (city waiver excepted)",
        check=_on_time,
        effective_from=VERSION,
    ),
)


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return _CONDITIONS


def baseline_sla(kind: ComplaintKind, params: ParameterSet, on: date = date.max) -> ComplaintSla:
    """The city baseline's limits for ``kind`` from the parameters in force ``on``."""
    names = (
        "complaint.accept_workdays",
        "complaint.sign_workdays",
        "complaint.resolve_workdays",
        "complaint.max_extension_workdays",
        "complaint.follow_up_workdays",
    )
    accept, sign, resolve, ext, follow = (params.get(n, on) for n in names)
    return ComplaintSla(
        accept=int(accept.value),
        sign=int(sign.value),
        resolve=dict(resolve.value),
        max_extension=int(ext.value),
        follow_up=int(follow.value),
        reference="市软环境建设监测工作意见(2022-03-01) 三(三); city baseline 2022-03-01",
        params=(accept, sign, resolve, ext, follow),
    )


@hookimpl
def softenv_complaint_sla(kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date) -> ComplaintSla:
    return baseline_sla(kind, params, on)  # the limits in force the day the step opened
