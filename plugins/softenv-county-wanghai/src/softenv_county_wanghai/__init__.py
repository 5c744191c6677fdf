"""望海市 (379982): an extra condition for the 十佳 competition.

Policy: 望海市软环境建设领导小组〔2024〕2号《望海市争创“十佳”考核办法》 (fictional), 第六条:
the county is not rated 先进 if, during the year, a complaint against one of its own
departments stayed overdue by more than 10 working days at a step the department answers for
(signing for it, resolving it). "The department answers for": a sign or resolve step whose
unit (``step.unit``) is one of 望海市's own departments; a step 市软建办 handled itself (unit
``city-office``, after two returns) or a city department handled does not count against
望海市. Like every county
condition, it can only disqualify. "During the year": only the working days of the assessed
year count (a complaint overdue in 2024 alone does not count against 2025), and only up to
the assessment's instant ``ctx.as_of`` when it is earlier than the year's end, reading each
complaint as it stood then (``complaint.known_at``): a resolution or overdue day after as_of
counts neither way. Overdue working days are the library's (docs/complaints.md): those after
the due day up to the last day begun before the instant, so a day whose first instant is
as_of (04-01 00:00, March's end) is not one. The 10 is the dated county parameter
county.379982.topten.max_overdue_workdays (parameters.json), cited in the failure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from datetime import date, datetime, time, timedelta

from softenv_core.plugin import (
    BEIJING,
    Complaint,
    ComplaintView,
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    beijing_date,
    hookimpl,
    load_parameters,
)

__version__ = "1.0.0"

COUNTY = "379982"
POLICY = "望海市软环境建设领导小组〔2024〕2号《望海市争创“十佳”考核办法》"
IN_FORCE = date(2024, 1, 1)
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
# The steps a department is answerable for: signing for a complaint and resolving it
# (accepting it and following up are 市软建办's), and only when the step's unit is one of the
# county's own departments (_overdue_in_year).
DEPARTMENT_STEPS = ("sign", "resolve")
# The last day begun before an instant is the Beijing day of the instant one tick earlier: at
# 00:00:00 that is the day before (the library's rule for overdue days, docs/complaints.md).
_TICK = timedelta(microseconds=1)


def _overdue_in_year(
    ctx: CountyYear,
    status: Callable[[Complaint, datetime], ComplaintView],
    complaint: Complaint,
    own: Set[str],
    start: date,
    at: datetime,
) -> int:
    """The most working days of the year up to ``at`` that a step of ``complaint`` one of the
    county's own departments answered for (``step.unit`` in ``own``) was overdue.

    A step 市软建办 handled itself (unit ``city-office``, after two returns) or a city
    department handled is not the county's to answer for, whoever the complaint is about
    (auditor a58 01). Overdue working days are counted as the library counts them
    (docs/complaints.md): those after the due day up to the last day begun before the moment
    the step was done, or before ``at`` while it is open, so that as of 04-01 00:00 the day
    04-01, not begun, is not one; an open step's figure is the status's own
    (``overdue_workdays``, auditor a58 02). A step the complainant withdrew (撤回,
    ``step.withdrawn``) by its due moment was never overdue; one withdrawn after it counts to
    the withdrawal, as a step done late (the library's reading for the 三率, auditor a60 03).
    Only the working days after ``start`` count.
    """
    worst = 0
    view = status(complaint, at)
    for step in view.steps:
        if step.name not in DEPARTMENT_STEPS or step.unit not in own or step.due_at is None:
            continue
        if step.done_at is None:  # the open step: late as the library reads it at ``at``
            days, end = view.overdue_workdays, at
        elif step.on_time or (step.withdrawn and step.on_time is None):
            continue  # done in time, or withdrawn (撤回) by its due moment: neither for nor against
        else:  # done late, or withdrawn after its due moment: at least 1, as the library counts it
            end = step.done_at
            days = max(1, ctx.calendar.workdays_between(beijing_date(step.due_at), beijing_date(end - _TICK)))
        if days:
            # Of those, the year's: none before ``start`` (a step overdue since 2024 counts its 2025 days).
            worst = max(worst, min(days, ctx.calendar.workdays_between(start, beijing_date(end - _TICK))))
    return worst


def _no_long_overdue(ctx: CountyYear) -> Failure | None:
    status = ctx.complaint_status
    if status is None:
        return None
    own = {d.id for d in ctx.dataset.departments if d.county == COUNTY}
    # "During the year", and only what is known at the assessment's instant: the year's last
    # moment, or as_of if earlier (what has not happened by as_of counts neither way).
    at = datetime.combine(date(ctx.year, 12, 31), time(23, 59, 59), BEIJING)
    if ctx.as_of is not None:
        at = min(at, ctx.as_of)
    start = date(ctx.year - 1, 12, 31)  # working days counted are those after it: the year's
    limit, limit_pv = PARAMS.number("county.379982.topten.max_overdue_workdays", date(ctx.year, 12, 31))
    found = []
    for complaint in sorted(ctx.dataset.complaints, key=lambda c: c.id):
        if complaint.department not in own or complaint.received_at is None or complaint.received_at > at:
            continue
        # As it stood at ``at``: a resolution reached later is not known yet.
        worst = _overdue_in_year(ctx, status, complaint.known_at(at), own, start, at)
        if worst > limit:
            found.append((complaint.id, worst))
    if not found:
        return None
    parts = ", ".join(f"{cid} 本年超期{days}个工作日" for cid, days in found)
    return Failure(f"本市部门被投诉事项超期超过{limit}个工作日：{parts}", [cid for cid, _ in found], (limit_pv,))


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="望海市争创十佳考核办法", reference=POLICY)


@hookimpl
def softenv_topten_conditions(year: int, params: ParameterSet) -> Sequence[Condition]:
    return [
        Condition(
            id="wanghai.topten.no_long_overdue",
            title_zh="本市部门无长期超期投诉",
            title_en="no complaint against its departments overdue > 10 working days",
            reference=f"{POLICY} 第六条",
            check=_no_long_overdue,
            effective_from=IN_FORCE,
        )
    ]
