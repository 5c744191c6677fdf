"""青山县 (379921): its own monthly report deadline and an extra-point rule.

Policy: 青山县经贸委〔2024〕7号《青山县软环境建设监测点工作细则》 (fictional).
- 第五条: the county's monthly report is due by the 3rd (not the city's 5th), moved to the
  next working day when the 3rd is not one; stricter than the city, as counties may be.
- 第八条: a point earns 2 extra points for each month it took part in the county's symposium
  (座谈会), at most 6 a year. The county's: a contact by its own liaison office (``liaison``
  = 379921); a symposium held by the city office (``liaison`` "city") does not count, nor one
  in a month the point does not owe (应履职: designated too late in it, or removed before it).
The figures (3rd, 2, 6) are dated county parameters in parameters.json (county.379921.*), so
each deadline and award names the value it used and the date it came into force.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core.plugin import (
    Award,
    ContactMethod,
    County,
    Deadline,
    Month,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
    load_parameters,
    monthly_deadline,
)

__version__ = "1.0.0"

COUNTY = "379921"
POLICY = "青山县经贸委〔2024〕7号《青山县软环境建设监测点工作细则》"
IN_FORCE = date(2024, 1, 1)
PARAMS = load_parameters(__name__, "parameters.json", namespace=f"county.{COUNTY}")


@hookimpl
def softenv_plugin_info() -> PluginInfo:
    return PluginInfo(county=COUNTY, title="青山县监测点工作细则", reference=POLICY)


@hookimpl
def softenv_report_deadline(
    county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
) -> Deadline | None:
    day = (month + 1).first_day
    if day < IN_FORCE:
        return None  # before the policy, the city's deadline applies
    due_day = PARAMS.get("county.379921.report.due_day", day)
    return monthly_deadline(
        calendar,
        month,
        due_day.whole(),
        rule_id="qingshan.report.deadline",
        reference=f"{POLICY} 第五条：每月{due_day.value}日前报送上月情况，遇非工作日顺延",
        params=(due_day,),
    )


def _symposiums(ctx: PointYear) -> Award | None:
    # The parameters first, for every point: a misspelt or wrong one fails on any data, not
    # only on a point that attended (docs/writing-a-county-plugin.md).
    day = date(ctx.year, 12, 31)
    per_month, per_pv = PARAMS.number("county.379921.extra.symposium.points", day)
    cap, cap_pv = PARAMS.number("county.379921.extra.symposium.max", day)
    # Enum members compared by identity: ``.value`` is a Python-level descriptor on 3.11,
    # and this rule runs over every contact of every point of the county.
    # The county's own symposiums only (liaison == its code): one held by the city's 市经贸委
    # (liaison "city", as for a 市直 point) is not "the county's symposium" of 第八条.
    attended = [c for c in ctx.contacts if c.reached and c.method is ContactMethod.SYMPOSIUM and c.liaison == COUNTY]
    # Only the months the point owes (应履职), as the city's contact rule and 白河县's count them: a
    # symposium in a month it was designated too late to owe, or after its removal, is no month of
    # its duty, and the city's rule beside this one listed it as not counted (auditor a68 01).
    owed = ctx.active_months
    attended = [c for c in attended if Month.of(c.date) in owed]
    months = sorted({Month.of(c.date) for c in attended})
    if not months:
        return None
    ids = [c.id for c in attended]
    points = min(cap, per_month * len(months))
    reason = f"参加县座谈会{len(months)}个月（{'、'.join(str(m) for m in months)}）：{per_month} × {len(months)}"
    if per_month * len(months) > cap:
        reason += f"，封顶{cap}"
    return Award(points, reason, ids, (per_pv, cap_pv))


@hookimpl
def softenv_extra_point_rules(year: int, params: ParameterSet) -> Sequence[Rule]:
    return [
        Rule(
            id="qingshan.extra.symposium",
            label="qingshan.symposium",
            title_zh="参加县座谈会加分",
            title_en="county symposium attendance",
            reference=f"{POLICY} 第八条",
            score=_symposiums,
            # the cap in force at the year's end (the first value's date before the policy)
            max_points=PARAMS.number("county.379921.extra.symposium.max", max(IN_FORCE, date(year, 12, 31)))[0],
            effective_from=IN_FORCE,
            # reads the county's symposium contacts only: its reason may reach the county (docs/privacy.md)
            reads_direct_feedback=False,
        )
    ]
