"""临江市 (379981) county plugin, written from the docs alone (plugin author p41).

Policy (fictional): 临江市经信局〔2025〕3号《临江市软环境建设监测点考评细则》, amended by
〔2025〕11号 from 2025-07-01:

- 第四条 replaces the city's 反映情况 rule (``duty.feedback``, declared replaceable) for the
  county's 县区 points: 5 points for each owed month in which the point raised an item in a
  contact that reached it, at most the city's 30 (contacts only: no direct feedback read).
- 第七条 (〔2025〕11号): from 2025-07-01 a complaint about one of the county's departments is
  resolved within 10 working days (投诉, 举报) or 3 (意见建议), extended by at most 10, and
  followed up within 1; accepting and signing keep the city's limits. Before that day the
  city's limits apply (the hook answers ``None``).
- 第八条: a deduction of 1 point (2 from 2025-07-01, 〔2025〕11号 第二条) for each owed month in
  which every contact the county's office made with the point failed (拒不配合联系), at most 6
  in a year.
- 第十条: the county is not rated 先进 when more than 20 % (10 % for rounds closing from
  2025-07-01) of the 万人评议 ratings of its own departments, in the year's rounds (by their
  period; a second-half round may close in the next January) closed by the assessment's
  instant, are 不满意.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from softenv_core.plugin import (
    Award,
    ComplaintKind,
    ComplaintSla,
    Condition,
    CountyYear,
    Failure,
    Month,
    ParameterSet,
    ParamValue,
    PluginInfo,
    PointYear,
    RatingLevel,
    Rule,
    WorkCalendar,
    beijing_date,
    hookimpl,
    load_parameters,
)

__version__ = "1.0.0"

COUNTY = "379981"
POLICY = "临江市经信局〔2025〕3号"
AMENDMENT = "临江市经信局〔2025〕11号"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)
SLA_FROM = date(2025, 7, 1)

FEEDBACK = f"county.{COUNTY}.duty.feedback"
REFUSED = f"county.{COUNTY}.extra.refused"
UNSATISFIED = f"county.{COUNTY}.topten.unsatisfied"

_P = f"county.{COUNTY}."


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="临江市监测点考评细则", reference=POLICY)


@hookimpl
def softenv_complaint_sla(
    kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> ComplaintSla | None:
    if not PARAMS.in_force(_P + "complaint.resolve_workdays", on):
        return None  # before 〔2025〕11号: the city's limits
    resolve = PARAMS.get(_P + "complaint.resolve_workdays", on)
    extension = PARAMS.get(_P + "complaint.max_extension_workdays", on)
    follow_up = PARAMS.get(_P + "complaint.follow_up_workdays", on)
    accept = params.get("complaint.accept_workdays", on)  # the city's, kept
    sign = params.get("complaint.sign_workdays", on)
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=resolve.whole_by_key(),
        max_extension=extension.whole(),
        follow_up=follow_up.whole(),
        reference=f"{AMENDMENT} 第七条",
        params=(accept, sign, resolve, extension, follow_up),
    )


def _feedback(ctx: PointYear) -> Award:
    per, per_pv = PARAMS.number(_P + "feedback.points_per_month", ctx.on)
    owed = set(ctx.active_months)
    contacts = [c for c in ctx.contacts if c.reached and c.items and Month.of(c.date) in owed]
    months = sorted({Month.of(c.date) for c in contacts}, key=str)
    points = min(Decimal(30), per * len(months))
    shown = "、".join(str(m) for m in months) or "无"
    return Award(
        points,
        f"应履职{len(owed)}个月中{len(months)}个月反映情况（{shown}）：{per} × {len(months)}，至多30",
        sorted(c.id for c in contacts),
        (per_pv,),
    )


def _refused(ctx: PointYear) -> Award | None:
    cap, cap_pv = PARAMS.number(_P + "extra.refused.max", ctx.on)
    used: dict[str, ParamValue] = {}
    total = Decimal(0)
    evidence: list[str] = []
    months: list[str] = []
    for month in sorted(ctx.active_months, key=str):
        each, each_pv = PARAMS.number(_P + "extra.refused.deduction", month.first_day)  # read for every month
        mine = [c for c in ctx.contacts if Month.of(c.date) == month and c.liaison == COUNTY]
        if mine and not any(c.reached for c in mine):
            used[each_pv.effective_from.isoformat()] = each_pv
            total += each
            evidence.extend(sorted(c.id for c in mine))
            months.append(f"{month}(-{each})")
    if not months:
        return None
    points = -min(cap, total)
    reason = f"拒不配合联系{len(months)}个月：{'、'.join(months)}，合计-{total}，扣分至多{cap}"
    return Award(points, reason, evidence, (*(used[k] for k in sorted(used)), cap_pv))


@hookimpl
def softenv_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return [
        Rule(
            id=FEEDBACK,
            label="linjiang.feedback",
            title_zh="反映情况",
            title_en="feedback in contacts",
            reference=f"{POLICY} 第四条",
            score=_feedback,
            max_points=30,
            effective_from=IN_FORCE,
            replaces="duty.feedback",
            reads_direct_feedback=False,  # contacts only
        )
    ]


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    cap, _ = PARAMS.number(_P + "extra.refused.max", max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=REFUSED,
            label="linjiang.refused",
            title_zh="拒不配合联系扣分",
            title_en="deduction for refusing contact",
            reference=f"{POLICY} 第八条; {AMENDMENT} 第二条",
            score=_refused,
            max_points=cap,  # bounds the deduction: |award| <= max_points
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _unsatisfied(ctx: CountyYear) -> Failure | None:
    day = date(ctx.year, 12, 31) if ctx.as_of is None else min(date(ctx.year, 12, 31), beijing_date(ctx.as_of))
    _, limit_pv = PARAMS.number(_P + "topten.max_unsatisfied_share", day)  # read first, whatever the data
    mine = {d.id for d in ctx.dataset.departments if d.county == ctx.county.code}
    # a round counts in the year of its period (not the year it closed: the kit's within_year adds the
    # year before's round closing in January), once closed by the instant (known from the next day)
    known = date(ctx.year + 1, 12, 31) if ctx.as_of is None else beijing_date(ctx.as_of)
    rounds = {r.id: r for r in ctx.dataset.appraisal_rounds if r.period.year == ctx.year and r.closed < known}
    worst: list[tuple[str, int, int, ParamValue]] = []
    for rid in sorted(rounds):
        at, at_pv = PARAMS.number(_P + "topten.max_unsatisfied_share", rounds[rid].closed)
        rated = [x for x in ctx.dataset.ratings if x.round == rid and x.department in mine]
        bad = sum(1 for x in rated if x.level is RatingLevel.UNSATISFIED)
        if rated and Decimal(bad) / len(rated) > at:
            worst.append((rid, bad, len(rated), at_pv))
    if not worst:
        return None
    reason = "；".join(f"{rid}轮不满意{bad}/{n}，超过{pv.value}" for rid, bad, n, pv in worst)
    evidence = [w[0] for w in worst] + sorted(mine)
    params = {pv.effective_from.isoformat(): pv for *_, pv in worst}
    return Failure(reason, evidence, [params[k] for k in sorted(params)] or [limit_pv])


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=UNSATISFIED,
            title_zh="县区部门万人评议不满意率不超限",
            title_en="county departments' 不满意 share within the limit",
            reference=f"{POLICY} 第十条; {AMENDMENT} 第三条",
            check=_unsatisfied,
            effective_from=IN_FORCE,
        )
    ]
