"""东城区 (379902) county plugin (县区插件) for softenv_core.

Policy: 东城区经信局〔2025〕6号《东城区软环境建设监测点工作细则》 (fictional; written from the
docs alone by plugin author p45). Every county figure is a dated parameter in parameters.json
(county.379902.*).

- 第五条 (softenv_report_deadline): the report on a month is due by the 3rd of the next month
  (顺延); the report on December, written with the year's summary, keeps the city's deadline.
- 第八条 (softenv_extra_point_rules): a 县区 point reached in person (上门) in every quarter it
  owed that has ended earns 2 (3 from 2025-07-01: the figure in force on the last such quarter's
  last day).
- 第九条 (softenv_topten_conditions): 十佳 needs (a) no complaint about the county's departments
  under 督办 at the assessment's instant, and (b) every roster change (动态调整) the county made
  in the year filed (备案) with the city within 20 days of taking effect (10 from 2025-07-01).
- 第十条 (softenv_complaint_sla): the county's departments resolve a 举报 in 10 working days
  (the city's 15); the other limits are the city's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from softenv_core.plugin import (
    BEIJING,
    Award,
    ChangeAction,
    ComplaintKind,
    ComplaintSla,
    Condition,
    ContactMethod,
    County,
    CountyYear,
    Deadline,
    Designator,
    Failure,
    Month,
    ParameterSet,
    PluginInfo,
    PointYear,
    RosterChange,
    Rule,
    WorkCalendar,
    beijing_date,
    hookimpl,
    load_parameters,
    monthly_deadline,
)

__version__ = "0.1.0"

COUNTY = "379902"
POLICY = "东城区经信局〔2025〕6号《东城区软环境建设监测点工作细则》"
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
IN_FORCE = date(2025, 1, 1)

DUE_DAY = f"county.{COUNTY}.report.due_day"
VISITS = f"county.{COUNTY}.extra.visit_quarters.points"
FILING_DAYS = f"county.{COUNTY}.topten.filing_days"
RESOLVE_REPORT = f"county.{COUNTY}.complaint.resolve_report"
#: The steps a department answers for (签收, 办结); 受理 and 回访 are 市软建办's own.
DEPARTMENT_STEPS = ("sign", "resolve")


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="东城区监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    first = (month + 1).first_day
    if month.month == 12 or not PARAMS.in_force(DUE_DAY, first):
        return None  # December's report (with the year's summary), and before the policy: the city's
    due = PARAMS.get(DUE_DAY, first)
    return monthly_deadline(
        calendar,
        month,
        due.whole(),
        rule_id=f"county.{COUNTY}.report.deadline",
        reference=f"{POLICY} 第五条：每月{due.whole()}日前报送上月情况（12月情况按市规定）",
        params=(due,),
    )


def _quarter_end(year: int, quarter: int) -> datetime:
    """The instant quarter ``quarter`` (0-3) of ``year`` ends: midnight starting the next."""
    first = Month(year, 3 * quarter + 3) + 1
    return datetime.combine(first.first_day, time(0), BEIJING)


def _visit_quarters(ctx: PointYear) -> Award | None:
    # Every parameter first, whatever the data (docs/writing-a-county-plugin.md §4).
    PARAMS.number(VISITS, max(IN_FORCE, ctx.on))
    owed = sorted({(m.month - 1) // 3 for m in ctx.active_months if m.year == ctx.year})
    ended = [q for q in owed if ctx.as_of is None or _quarter_end(ctx.year, q) <= ctx.as_of]
    if not ended:
        return None
    first_visit: dict[int, str] = {}
    for c in sorted(ctx.contacts, key=lambda c: (c.date, c.id)):
        if c.reached and c.method is ContactMethod.VISIT and c.date.year == ctx.year:
            first_visit.setdefault((c.date.month - 1) // 3, c.id)
    if any(q not in first_visit for q in ended):
        return None
    last_day = (_quarter_end(ctx.year, ended[-1]) - timedelta(days=1)).date()
    points, pv = PARAMS.number(VISITS, max(IN_FORCE, last_day))
    quarters = "、".join(f"第{q + 1}季度" for q in ended)
    return Award(points, f"{quarters}均上门联系", [first_visit[q] for q in ended], [pv])


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    most, _ = PARAMS.number(VISITS, max(IN_FORCE, date(year, 12, 31)))
    return [
        Rule(
            id=f"county.{COUNTY}.extra.visit_quarters",
            label="dongcheng.visit_quarters",
            title_zh="每季度上门联系加分",
            title_en="reached in person every quarter",
            reference=f"{POLICY} 第八条",
            score=_visit_quarters,
            max_points=most,
            effective_from=IN_FORCE,
            reads_direct_feedback=False,  # contacts only
        )
    ]


def _instant(ctx: CountyYear) -> datetime:
    end = datetime.combine(date(ctx.year + 1, 1, 1), time(0), BEIJING) - timedelta(microseconds=1)
    return end if ctx.as_of is None else min(end, ctx.as_of)


def _no_supervision(ctx: CountyYear) -> Failure | None:
    status = ctx.complaint_status
    if status is None:
        return None
    at = _instant(ctx)
    own = {d.id for d in ctx.dataset.departments if d.county == ctx.county.code}
    found = []
    for c in sorted(ctx.dataset.complaints, key=lambda c: c.id):
        if c.department not in own or c.received_at is None or c.received_at > at:
            continue
        view = status(c.known_at(at), at)
        if view.supervision_due and view.open_step in DEPARTMENT_STEPS:
            found.append(c.id)
    if not found:
        return None
    return Failure(f"本区部门被投诉事项{len(found)}件待督办", found)


def _filed_late(ctx: CountyYear, change: RosterChange, today: date) -> tuple[str, ...] | None:
    """The records showing ``change`` filed late (or not yet filed past its limit), else None."""
    last = change.effective + timedelta(days=PARAMS.get(FILING_DAYS, max(IN_FORCE, change.effective)).whole())
    filings = sorted(
        (f for f in ctx.dataset.filings if f.county == ctx.county.code and change.id in f.changes),
        key=lambda f: (f.filed_on, f.id),
    )
    known = [f for f in filings if f.filed_on <= today]
    if known and known[0].filed_on <= last:
        return None
    if not known and today <= last:
        return None  # still within its limit
    return (change.id, known[0].id) if known else (change.id,)


def _filing_on_time(ctx: CountyYear) -> Failure | None:
    today = beijing_date(_instant(ctx))
    late: list[str] = []
    used = []
    for change in sorted(ctx.dataset.roster_changes, key=lambda r: (r.effective, r.id)):
        if change.county != ctx.county.code or change.by is not Designator.COUNTY:
            continue
        if change.effective.year != ctx.year or change.effective > today:
            continue
        used.append(PARAMS.get(FILING_DAYS, max(IN_FORCE, change.effective)))
        ids = _filed_late(ctx, change, today)
        if ids is not None:
            late.extend(ids)
    if not late:
        return None
    verb = {ChangeAction.ADD: "增设", ChangeAction.REMOVE: "撤销"}
    kinds = sorted({verb[r.action] for r in ctx.dataset.roster_changes if r.id in late})
    params = {pv.effective_from: pv for pv in used}
    return Failure(
        f"动态调整（{'、'.join(kinds)}）未按期备案", sorted(set(late)), tuple(params[k] for k in sorted(params))
    )


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id=f"county.{COUNTY}.topten.no_supervision",
            title_zh="本区部门无待督办的直接反馈事项",
            title_en="no complaint about the county's departments under supervision",
            reference=f"{POLICY} 第九条",
            check=_no_supervision,
            effective_from=IN_FORCE,
        ),
        Condition(
            id=f"county.{COUNTY}.topten.filing",
            title_zh="动态调整按期备案",
            title_en="roster changes filed in time",
            reference=f"{POLICY} 第九条",
            check=_filing_on_time,
            effective_from=IN_FORCE,
        ),
    ]


@hookimpl
def softenv_complaint_sla(
    kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
) -> ComplaintSla | None:
    if not PARAMS.in_force(RESOLVE_REPORT, on):
        return None  # a step opened before the county's policy keeps the city's limits
    names = (
        "complaint.accept_workdays",
        "complaint.sign_workdays",
        "complaint.resolve_workdays",
        "complaint.max_extension_workdays",
        "complaint.follow_up_workdays",
    )
    accept, sign, resolve, extension, follow_up = (params.get(n, on) for n in names)
    mine = PARAMS.get(RESOLVE_REPORT, on)
    limits = resolve.whole_by_key()
    key = ComplaintKind.REPORT.value
    limits[key] = min(limits[key], mine.whole())
    return ComplaintSla(
        accept=accept.whole(),
        sign=sign.whole(),
        resolve=limits,
        max_extension=extension.whole(),
        follow_up=follow_up.whole(),
        reference=f"{POLICY} 第十条",
        params=(accept, sign, resolve, extension, follow_up, mine),
    )
