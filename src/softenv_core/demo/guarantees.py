"""The counties' guarantees (四): work plans and publicity."""

from __future__ import annotations

from datetime import date

from softenv_core.model.divisions import County
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.points import CITY_LIAISON
from softenv_core.workdays.calendar import WorkCalendar

_TARGETS = (
    "监测点每月联系率达到100%",
    "零报告按时报送率达到100%",
    "监测点反映问题办结率达到90%以上",
    "新增监测点覆盖商业、服务业企业",
    "每季度召开一次监测点座谈会",
    "建立监测点联系人台账",
)


def guarantees(
    cal: WorkCalendar, year: int, county_list: tuple[County, ...]
) -> tuple[list[WorkPlan], list[PublicityActivity]]:
    """Counties' work plans (四(二)) and publicity (四(一)): two counties have no plan yet; the
    市经贸委 visits every county but one; counties publicise on their own, some more than others."""
    plans: list[WorkPlan] = []
    acts: list[PublicityActivity] = []
    for ci, c in enumerate(county_list):
        if ci % 9 not in (4, 8):
            targets = tuple(_TARGETS[(ci + k) % len(_TARGETS)] for k in range(3))
            adopted = cal.next_workday(date(year, 1 + ci % 3, 10 + ci % 9))
            plans.append(
                WorkPlan(
                    f"WP-{c.code}-{year}", c.code, year, adopted, f"{c.name}{year}年软环境建设监测点工作计划", targets
                )
            )
        if ci % 9 != 7:
            day = cal.next_workday(date(year, 3 + ci % 3, 5 + 2 * (ci % 9)))
            acts.append(
                PublicityActivity(
                    f"PA-{c.code}-{year}-01",
                    c.code,
                    day,
                    PublicityKind.VISIT,
                    f"市经贸委走访{c.liaison_office}",
                    CITY_LIAISON,
                )
            )
        own = (PublicityKind.MEETING, PublicityKind.MEDIA, PublicityKind.MATERIAL)
        for k in range(ci % 3):
            day = cal.next_workday(date(year, 4 + 3 * k, 12 + ci % 9))
            title = ("监测点工作宣传推进会", "在本地媒体宣传监测点工作", "印发监测点工作宣传手册")[k]
            acts.append(
                PublicityActivity(f"PA-{c.code}-{year}-{k + 2:02d}", c.code, day, own[k], title, c.code, 30 + 5 * ci)
            )
        if ci % 2 == 0:
            day = cal.next_workday(date(year, 12, 15))
            acts.append(
                PublicityActivity(
                    f"PA-{c.code}-{year}-09", c.code, day, PublicityKind.SUMMARY, "年度监测点宣传工作总结", c.code
                )
            )
    return plans, acts
