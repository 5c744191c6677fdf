"""望海市 (379982): an extra condition for the 十佳 competition.

Policy: 望海市软环境建设领导小组〔2024〕2号《望海市争创“十佳”考核办法》 (fictional), 第六条:
the county is not rated 先进 if, during the year, a complaint against one of its own
departments stayed overdue by more than 10 working days at a step the department answers for
(signing for it, resolving it). Like every county
condition, it can only disqualify. The 10 is the dated county parameter
county.379982.topten.max_overdue_workdays (parameters.json), cited in the failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from softenv_core.plugin import (
    BEIJING,
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    hookimpl,
    load_parameters,
)

__version__ = "1.0.0"

COUNTY = "379982"
POLICY = "望海市软环境建设领导小组〔2024〕2号《望海市争创“十佳”考核办法》"
IN_FORCE = date(2024, 1, 1)
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")
# The steps a department is answerable for: signing for a complaint and resolving it
# (accepting it and following up are 市软建办's).
DEPARTMENT_STEPS = ("sign", "resolve")


def _no_long_overdue(ctx: CountyYear) -> Failure | None:
    if ctx.complaint_status is None:
        return None
    own = {d.id for d in ctx.dataset.departments if d.county == COUNTY}
    year_end = datetime.combine(date(ctx.year, 12, 31), time(23, 59, 59), BEIJING)
    limit, limit_pv = PARAMS.number("county.379982.topten.max_overdue_workdays", date(ctx.year, 12, 31))
    found = []
    for complaint in sorted(ctx.dataset.complaints, key=lambda c: c.id):
        if complaint.department not in own or complaint.received_at is None or complaint.received_at > year_end:
            continue
        status = ctx.complaint_status(complaint, year_end)
        worst = 0
        for step in status.steps:
            if step.name not in DEPARTMENT_STEPS or step.due_at is None:
                continue
            end = step.done_at or year_end
            if end > step.due_at:
                worst = max(worst, ctx.calendar.workdays_between(step.due_at.date(), end.astimezone(BEIJING).date()))
        if worst > limit:
            found.append((complaint.id, worst))
    if not found:
        return None
    parts = ", ".join(f"{cid} 超期{days}个工作日" for cid, days in found)
    return Failure(f"本市部门被投诉事项超期超过{limit}个工作日: {parts}", [cid for cid, _ in found], (limit_pv,))


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
