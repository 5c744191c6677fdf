"""Complaints (投诉) through their steps: accepted, assigned, signed for, resolved, followed up, closed.

Each follows a scenario: most closed in time; one reopened, one supervised (督办) when overdue, one
rejected, one returned twice, one extended, one found false, one open at the year's end; and one
against 望海市's own department left long overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from softenv_core.demo.dates import at, last_known_day, workday_at
from softenv_core.demo.matters import ISSUES
from softenv_core.model.complaints import (
    CITY_OFFICE_UNIT,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import ItemCategory
from softenv_core.workdays.calendar import WorkCalendar

_SCENARIOS = (
    "closed",
    "closed",
    "closed",
    "reopened",
    "overdue",
    "rejected",
    "returned_twice",
    "extended",
    "false",
    "open_signed",
    "basically",
)


def _add(
    ev: list[ComplaintEvent], cal: WorkCalendar, kind: EventType, n: int, actor: str = "市软建办", **kw: Any
) -> None:
    """Append an event ``n`` working days after the last one, an hour later in the day each step."""
    ev.append(ComplaintEvent(kind, workday_at(cal, ev[-1].at.date(), n, 8 + len(ev)), actor, **kw))


def complaints(cal: WorkCalendar, year: int, points: list[MonitoringPoint], dept_ids: list[str]) -> list[Complaint]:
    """A quarter as many complaints as points (at least twelve), in turn through the scenarios."""
    out = []
    candidates = [p for p in points if p.designated_until is None]
    for k in range(max(12, len(points) // 4)):
        p = candidates[(k * 13) % len(candidates)]
        scenario = _SCENARIOS[k % len(_SCENARIOS)]
        # Open at the year's end only when received in its last weeks.
        month = 12 if scenario == "open_signed" else 1 + (k * 5) % 11
        nominal = date(year, month, 1 + k % 20)
        if month == 12:  # received, accepted and signed by the last day the calendar knows (a75 01)
            nominal = min(nominal, last_known_day(cal, year) - timedelta(days=6))
        day = cal.next_workday(nominal)
        kind = (ComplaintKind.COMPLAINT, ComplaintKind.REPORT, ComplaintKind.SUGGESTION)[k % 3]
        cat, text, dept = ISSUES[1 + k % (len(ISSUES) - 1)]
        dept = dept or dept_ids[k % len(dept_ids)]
        ev = [ComplaintEvent(EventType.RECEIVED, at(day, 9), "市软建办")]
        # Working days to resolve under the city baseline: a department that means to be on time
        # resolves within them; an overdue one is supervised (督办) a few days after.
        limit = 5 if kind is ComplaintKind.SUGGESTION else 15
        if scenario == "rejected":
            _add(ev, cal, EventType.REJECTED, 1, note="不属于软环境投诉受理范围, 已告知企业向12345反映")
        else:
            _handle(ev, cal, year, scenario, k, dept, dept_ids, limit)
        out.append(
            Complaint(
                f"Q-{year}-{k + 1:04d}",
                kind,
                p.id,
                dept,
                cat,
                text,
                consent_to_disclose=k % 5 == 0,
                events=tuple(ev),
            )
        )
    overdue = _long_overdue(cal, year, candidates, dept_ids, len(out) + 1)
    if overdue is not None:
        out.append(overdue)
    return out


def _handle(
    ev: list[ComplaintEvent],
    cal: WorkCalendar,
    year: int,
    scenario: str,
    k: int,
    dept: str,
    dept_ids: list[str],
    limit: int,
) -> None:
    """An accepted complaint: assigned and signed for, then resolved (or, received in December, open)."""
    _add(ev, cal, EventType.ACCEPTED, 1)
    if scenario == "returned_twice":
        for other in (dept, dept_ids[(k + 3) % len(dept_ids)]):
            _add(ev, cal, EventType.ASSIGNED, 0, unit=other)
            _add(ev, cal, EventType.RETURNED, 1, actor=other, note="不属本单位职责")
        _add(ev, cal, EventType.ASSIGNED, 0, unit=CITY_OFFICE_UNIT, note="两次退回, 市软建办直接办理")
        _add(ev, cal, EventType.SIGNED, 0, actor=CITY_OFFICE_UNIT)
    else:
        _add(ev, cal, EventType.ASSIGNED, 0, unit=dept)
        _add(ev, cal, EventType.SIGNED, 1, actor=dept)
    if scenario == "open_signed":  # received in December: open at the year's end
        # Supervised when its limit runs out within the year: counted up to 31 December, never
        # past it, so that the current year's demo needs no arrangement of the next year (nor
        # past the 18th without it: the last days of December wait for its notice, a75 01).
        signed, last = ev[-1].at.date(), last_known_day(cal, year)
        if signed < last and cal.workdays_between(signed, last) >= limit + 1:
            _add(ev, cal, EventType.SUPERVISED, limit + 1, note="超期未办结, 市软建办督办")
    else:
        _resolve(ev, cal, scenario, k, dept, limit)


def _resolve(ev: list[ComplaintEvent], cal: WorkCalendar, scenario: str, k: int, dept: str, limit: int) -> None:
    """Resolved as the scenario says, followed up with the enterprise (reopened if it is unsatisfied), closed."""
    if scenario == "overdue":  # past its limit: supervised (督办), then resolved
        _add(ev, cal, EventType.SUPERVISED, limit + 2, note="超期未办结, 市软建办督办")
        _add(ev, cal, EventType.RESOLVED, 4, actor=dept, verdict=Verdict.SUBSTANTIATED)
    elif scenario == "extended":
        _add(
            ev,
            cal,
            EventType.EXTENDED,
            limit - 2,  # approved before the due date
            extension_days=10,
            note="涉及多部门, 经市软建办批准延期",
        )
        _add(ev, cal, EventType.RESOLVED, 8, actor=dept, verdict=Verdict.SUBSTANTIATED)
    elif scenario == "false":
        _add(
            ev, cal, EventType.RESOLVED, min(6, limit - 1), actor=dept, verdict=Verdict.FALSE, note="经核查反映情况不实"
        )
    else:
        _add(ev, cal, EventType.RESOLVED, min(3 + k % 9, limit - 1), actor=dept, verdict=Verdict.SUBSTANTIATED)
    rating = {"reopened": Satisfaction.UNSATISFIED, "basically": Satisfaction.BASICALLY}.get(
        scenario, Satisfaction.SATISFIED
    )
    _add(ev, cal, EventType.FOLLOWED_UP, 1, satisfaction=rating)
    if scenario == "reopened":
        _add(ev, cal, EventType.REOPENED, 0, note="企业不满意, 重新办理")
        _add(ev, cal, EventType.RESOLVED, min(5, limit - 1), actor=dept, verdict=Verdict.PARTLY)
        _add(ev, cal, EventType.FOLLOWED_UP, 1, satisfaction=Satisfaction.BASICALLY)
    _add(ev, cal, EventType.CLOSED, 0)


def _long_overdue(
    cal: WorkCalendar, year: int, candidates: list[MonitoringPoint], dept_ids: list[str], number: int
) -> Complaint | None:
    """Against one of 望海市's own departments, signed for and then left: long overdue by year end."""
    wanghai = [p for p in candidates if p.county == "379982"]
    if not wanghai or not any(d == "379982-amr" for d in dept_ids):
        return None
    day = cal.next_workday(date(year, 8, 4))
    ev = [ComplaintEvent(EventType.RECEIVED, at(day, 9), "市软建办")]
    _add(ev, cal, EventType.ACCEPTED, 1)
    _add(ev, cal, EventType.ASSIGNED, 0, unit="379982-amr")
    _add(ev, cal, EventType.SIGNED, 1, actor="379982-amr")
    _add(ev, cal, EventType.SUPERVISED, 20, note="超期督办")
    return Complaint(
        f"Q-{year}-{number:04d}",
        ComplaintKind.COMPLAINT,
        wanghai[0].id,
        "379982-amr",
        ItemCategory.ENFORCEMENT,
        "执法检查程序不规范",
        events=tuple(ev),
    )
