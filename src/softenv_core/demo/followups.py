"""What the liaison offices did about the matters raised (跟踪办理, 二(三))."""

from __future__ import annotations

import random

from softenv_core.demo.dates import last_known_day
from softenv_core.model.divisions import County
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.points import CITY_LIAISON, MonitoringPoint
from softenv_core.model.reports import Contact, ItemCategory
from softenv_core.workdays.calendar import WorkCalendar


def followups(
    rng: random.Random,
    cal: WorkCalendar,
    year: int,
    contacts: list[Contact],
    points: list[MonitoringPoint],
    county_list: tuple[County, ...],
) -> list[FollowUp]:
    """What the offices did about the matters raised (二(三)): information supplied, help with
    coordination, referral to the department concerned; most end resolved within weeks."""
    by_id = {p.id: p for p in points}
    names = {c.code: c.liaison_office for c in county_list} | {CITY_LIAISON: "市经贸委"}
    end = last_known_day(cal, year)  # 31 December, or before its last days without the next year (a75 01)
    out: list[FollowUp] = []
    for c in contacts:
        p = by_id[c.point]
        actor = f"{names[p.liaison]} {p.liaison_person}"
        for j, it in enumerate(c.items):
            if it.category is ItemCategory.OPERATIONS:
                continue  # information for the barometer, not a matter to follow up
            draw = rng.random()
            steps: list[tuple[FollowUpKind, int, str | None, str | None]] = []
            if draw > 0.92 and c.date.month >= 11:
                pass  # raised in the last weeks: not yet followed up
            elif draw < 0.35:
                steps.append((FollowUpKind.INFORMATION, 2 + rng.randrange(6), None, "已向企业提供相关政策文件"))
                steps.append((FollowUpKind.RESOLVED, 8 + rng.randrange(15), None, "企业已按政策办理"))
            elif draw < 0.8 and it.department is not None and draw >= 0.65:
                # A problem for the department itself: referred for lasting measures (长效措施);
                # most get an answer within weeks, some stay under study.
                steps.append((FollowUpKind.REFERRED, 5 + rng.randrange(10), it.department, "已函告有关部门研究"))
                if rng.random() < 0.7:
                    steps.append((FollowUpKind.RESOLVED, 20 + rng.randrange(30), None, "有关部门已答复并整改"))
            elif draw < 0.88:
                steps.append((FollowUpKind.COORDINATION, 3 + rng.randrange(8), None, "已联系相关部门现场对接"))
                # Most within weeks; one in ten takes a season (a permit, a loan, a road).
                slow = rng.random() < 0.1
                took = 40 + rng.randrange(50) if slow else 10 + rng.randrange(25)
                steps.append((FollowUpKind.RESOLVED, took, None, "问题已协调解决"))
            else:
                steps.append((FollowUpKind.NO_ACTION, 1 + rng.randrange(4), None, "经核实企业已自行解决"))
            day = c.date
            for k, (kind, workdays, dept, note) in enumerate(steps):
                # A step falling after the year's end is not taken (yet); asked without stepping
                # past 31 December (nor its last days, a75 01), so the current year's demo needs no
                # arrangement of the next.
                if cal.workdays_between(day, end) < workdays:
                    break
                day = cal.add_workdays(day, workdays)
                out.append(FollowUp(f"FU-{c.id}-{j}-{k}", MatterSource.CONTACT, c.id, j, kind, day, actor, dept, note))
    return out
