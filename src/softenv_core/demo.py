"""The demo city (示范市): a fictional city with a year of realistic records.

Deterministic for a (year, seed, scale): the same arguments give the same dataset, byte for
byte. Its irregularities are deliberate: reports late or missing around holidays, zero
reports, unreached points, complaints in every state, roster changes with and without
filing, a waiver, nominations over quota. The names and codes are invented (city code
379900 is unassigned in GB/T 2260).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import (
    CITY_OFFICE_UNIT,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    EventType,
    Satisfaction,
    Verdict,
)
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.periods import BEIJING, HalfYear, Month, Year
from softenv_core.model.points import Designator, MonitoringPoint, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import (
    ChangeAction,
    ChangeReason,
    Filing,
    Nomination,
    ResearchTopic,
    RosterChange,
    Waiver,
)
from softenv_core.model.sizes import Size, classify_size
from softenv_core.workdays.calendar import WorkCalendar

CITY = City("379900", "示范市")
# 青山县 has its own, stricter deadline (its plugin softenv-county-qingshan): it reports by the 3rd.
_DUE_DAY = {"379921": 3}
_COUNTIES = (
    ("379902", "东城区", CountyKind.DISTRICT),
    ("379903", "西城区", CountyKind.DISTRICT),
    ("379911", "新港区", CountyKind.DISTRICT),
    ("379921", "青山县", CountyKind.COUNTY),
    ("379922", "白河县", CountyKind.COUNTY),
    ("379923", "云岭县", CountyKind.COUNTY),
    ("379924", "石桥县", CountyKind.COUNTY),
    ("379981", "临江市", CountyKind.CITY),
    ("379982", "望海市", CountyKind.CITY),
)
_CITY_DEPTS = (
    ("city-amr", "市市场监管局"),
    ("city-tax", "市税务局"),
    ("city-nr", "市自然资源局"),
    ("city-housing", "市住建局"),
    ("city-env", "市生态环境局"),
    ("city-hr", "市人社局"),
    ("city-approval", "市行政审批局"),
    ("city-police", "市公安局"),
    ("city-fire", "市消防救援支队"),
    ("city-power", "市供电公司"),
)
_WORDS = (
    "华宇",
    "恒通",
    "金泰",
    "瑞丰",
    "鸿达",
    "永信",
    "新元",
    "中和",
    "海川",
    "盛世",
    "天成",
    "润泽",
    "博远",
    "明德",
    "嘉禾",
    "安泰",
    "宏图",
    "正阳",
    "兴业",
    "东方",
    "德润",
    "万通",
    "长青",
    "汇丰",
)
_TRADES = {
    Sector.INDUSTRY: (("C", "机械制造"), ("C", "化工"), ("C", "食品"), ("C", "纺织"), ("D", "热电")),
    Sector.COMMERCE: (("F51", "商贸"), ("F52", "超市"), ("F52", "百货")),
    Sector.SERVICES: (("H", "酒店"), ("I65", "软件"), ("G54", "物流"), ("L", "商务咨询"), ("K702", "物业")),
}
# Figures (employees, revenue 万元, assets 万元) that sit inside each size's bounds for every row used.
_FIGURES = {
    Size.LARGE: (2500, 150000.0, 200000.0),
    Size.MEDIUM: (350, 8000.0, 10000.0),
    Size.SMALL: (150, 1500.0, 1000.0),
    Size.MICRO: (4, 30.0, 50.0),
}
_ISSUES = (
    (ItemCategory.OPERATIONS, "订单较上月增长, 生产经营平稳", None),
    (ItemCategory.DIFFICULTY, "用工紧张, 招工难", "city-hr"),
    (ItemCategory.POLICY, "希望延续稳岗补贴政策", "city-hr"),
    (ItemCategory.SERVICE, "施工许可办理环节多、时间长", "city-approval"),
    (ItemCategory.ENFORCEMENT, "同一事项多头检查", "city-amr"),
    (ItemCategory.FEES, "供电接入收取不合理费用", "city-power"),
    (ItemCategory.SERVICE, "退税到账慢", "city-tax"),
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BEIJING)


def _workday_at(cal: WorkCalendar, day: date, n: int, hour: int = 10) -> datetime:
    return _at(cal.add_workdays(day, n), hour)


def build_demo(year: int = 2025, seed: int = 20220301, points_per_county: int = 20, counties: int = 9) -> Dataset:
    """Build the demo city's dataset for ``year``.

    ``counties`` above nine adds invented counties (for benchmarks at province scale).
    """
    rng = random.Random(f"{seed}:{year}:{points_per_county}:{counties}")
    cal = WorkCalendar()
    if not 1 <= counties <= 98:
        raise ValueError("the demo city has 1 to 98 counties (two-digit GB/T 2260 county codes)")
    county_rows = list(_COUNTIES[:counties])
    used = {row[0] for row in county_rows}
    spare = (f"3799{n:02d}" for n in range(1, 100) if f"3799{n:02d}" not in used)
    for k in range(len(county_rows), counties):  # benchmark scale: more invented divisions
        county_rows.append((next(spare), f"第{k + 1}县", CountyKind.COUNTY))
    city = CITY
    county_list = tuple(County(code, name, kind, f"{name}经贸委") for code, name, kind in county_rows)
    departments = [Department(i, n) for i, n in _CITY_DEPTS]
    for c in county_list:
        departments.append(Department(f"{c.code}-amr", f"{c.name}市场监管局", c.code))
        departments.append(Department(f"{c.code}-approval", f"{c.name}行政审批局", c.code))
    dept_ids = [d.id for d in departments]

    points: list[MonitoringPoint] = []
    serial = 0
    sizes = (Size.LARGE, Size.MEDIUM, Size.MEDIUM, Size.SMALL, Size.SMALL, Size.SMALL, Size.MICRO)
    owners = (
        Ownership.STATE,
        Ownership.PRIVATE,
        Ownership.PRIVATE,
        Ownership.PRIVATE,
        Ownership.FOREIGN,
        Ownership.HMT,
        Ownership.COLLECTIVE,
    )
    sectors = (Sector.INDUSTRY, Sector.INDUSTRY, Sector.COMMERCE, Sector.SERVICES, Sector.SERVICES)
    for ci, c in enumerate(county_list):
        for j in range(points_per_county):
            serial += 1
            sector = sectors[j % len(sectors)]
            industry, trade = _TRADES[sector][(j + ci) % len(_TRADES[sector])]
            size = sizes[(j * 3 + ci) % len(sizes)]
            emp, rev, assets = _FIGURES[size]
            ownership = owners[(j + 2 * ci) % len(owners)]
            # Declare what the figures give (2017 method), except once: a contradiction to report.
            declared = classify_size(industry, emp, rev, assets).size or size
            if ci == 3 and j == 5:
                declared = Size.LARGE if declared is not Size.LARGE else Size.SMALL
            name = f"{c.name[:2]}{_WORDS[(serial * 7) % len(_WORDS)]}{trade}有限公司"
            enterprise = Enterprise(
                name=name,
                uscc=synthetic_uscc(c.code, serial),
                size=declared,
                ownership=ownership,
                sector=sector,
                industry=industry,
                employees=emp,
                revenue_wan=rev,
                assets_wan=assets,
            )
            level = PointLevel.CITY if j < 2 else PointLevel.COUNTY
            designated_by = Designator.COUNTY if j >= points_per_county - 2 else Designator.CITY
            start = date(year - 1 - (serial % 3), 1, 1)
            until = None
            if j == points_per_county - 1 and ci % 3 == 0:  # added during the year
                start = date(year, 4, 1)
            if j == points_per_county - 3 and ci % 4 == 1:  # removed during the year
                until = date(year, 8, 31)
            points.append(
                MonitoringPoint(f"P{c.code}-{j + 1:03d}", enterprise, c.code, level, designated_by, start, until)
            )

    contacts: list[Contact] = []
    unreachable = {p.id for p in points[5::37]}
    for p in points:
        for m in Year(year).months:
            if not p.active_in(m):
                continue
            reached = not (p.id in unreachable and m.month in (3, 4, 5)) and rng.random() > 0.04
            if rng.random() < 0.03:
                continue  # a month the office did not contact at all
            method = (
                ContactMethod.SYMPOSIUM
                if m.month in (3, 9)
                else (ContactMethod.VISIT if rng.random() < 0.3 else ContactMethod.PHONE)
            )
            day = max(m.first_day + timedelta(days=rng.randrange(3, 26)), p.designated_from)
            if p.designated_until is not None:
                day = min(day, p.designated_until)
            items: tuple[Item, ...] = ()
            if reached and rng.random() < 0.35:
                cat, text, dept = _ISSUES[rng.randrange(len(_ISSUES))]
                items = (Item(cat, text, dept),)
            liaison = p.liaison
            if rng.random() < 0.01:  # logged by the wrong office
                liaison = p.county if liaison == "city" else "city"
            contacts.append(Contact(f"C-{p.id}-{m}", p.id, day, method, liaison, reached, items))

    reports: list[MonthlyReport] = []
    by_county_month: dict[tuple[str, Month], list[Item]] = {}
    point_county = {p.id: p.county for p in points}
    for ct in contacts:
        if ct.items and ct.liaison != "city":
            by_county_month.setdefault((point_county[ct.point], Month.of(ct.date)), []).extend(
                Item(i.category, i.text, i.department, ct.point) for i in ct.items
            )
    waivers = []
    for ci, c in enumerate(county_list):
        for m in Year(year).months:
            nxt = (m + 1).first_day
            if ci == 4 and m.month == 7:
                continue  # a missing report
            items = tuple(by_county_month.get((c.code, m), ()))
            if m.month in (2, 8) and ci % 3 == 0:
                items = ()  # quiet months (春节, high summer): these counties file a zero report
            due = cal.next_workday(nxt + timedelta(days=_DUE_DAY.get(c.code, 5) - 1))
            when = min(_workday_at(cal, nxt, rng.choice((0, 1, 1, 2, 2, 3)), hour=9 + rng.randrange(8)), _at(due, 15))
            if ci == 2 and m.month == 9:  # after National Day: one working day late
                when = _at(cal.add_workdays(due, 1), 9)
            if ci == 6 and m.month in (1, 4):  # late around 春节 and 劳动节, by several days
                when = _at(cal.add_workdays(due, 2 if m.month == 1 else 5), 16)
            if ci == 5 and m.month == 6:  # late, then waived by the city (flood)
                when = _at(cal.add_workdays(due, 2), 11)
                waivers.append(Waiver(f"W-{c.code}-{m}", c.code, m, "汛期防汛抢险, 经市经贸委同意缓报", when.date()))
            if ci == 1 and m.month == 3:  # written in UTC by a system elsewhere
                when = when.astimezone(UTC)
            reports.append(
                MonthlyReport(
                    f"R-{c.code}-{m}",
                    c.code,
                    m,
                    when,
                    f"{c.name}经贸委",
                    items=items,
                    nothing_to_report=not items,
                )
            )

    complaints = _complaints(rng, cal, year, points, dept_ids)
    rounds, ratings = _appraisals(rng, year, points, departments)
    changes, filings = _roster(year, points)
    nominations = []
    for ci, c in enumerate(county_list):
        mine = [
            p
            for p in points
            if p.county == c.code and p.designated_until is None and p.designated_from <= date(year, 1, 1)
        ]
        count = 3 if ci == 7 else 2 if ci % 2 == 0 else 1
        for k, p in enumerate(mine[2 : 2 + count]):
            nominations.append(Nomination(f"N-{year}-{c.code}-{k + 1}", year, c.code, p.id))
    topics = [
        ResearchTopic(
            f"T-{year}-01",
            "涉企多头检查问题专项调研",
            date(year, 10, 15),
            ItemCategory.ENFORCEMENT.value,
            "city-amr",
        )
    ]
    return Dataset(
        city=city,
        counties=county_list,
        departments=tuple(departments),
        points=tuple(points),
        contacts=tuple(contacts),
        reports=tuple(reports),
        complaints=tuple(complaints),
        appraisal_rounds=tuple(rounds),
        ratings=tuple(ratings),
        roster_changes=tuple(changes),
        filings=tuple(filings),
        waivers=tuple(waivers),
        nominations=tuple(nominations),
        decisions=(),
        research_topics=tuple(topics),
    )


def _add(
    ev: list[ComplaintEvent], cal: WorkCalendar, kind: EventType, n: int, actor: str = "市软建办", **kw: Any
) -> None:
    """Append an event ``n`` working days after the last one, an hour later in the day each step."""
    ev.append(ComplaintEvent(kind, _workday_at(cal, ev[-1].at.date(), n, 8 + len(ev)), actor, **kw))


def _complaints(
    rng: random.Random, cal: WorkCalendar, year: int, points: list[MonitoringPoint], dept_ids: list[str]
) -> list[Complaint]:
    out = []
    scenarios = (
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
    candidates = [p for p in points if p.designated_until is None]
    for k in range(max(12, len(points) // 4)):
        p = candidates[(k * 13) % len(candidates)]
        scenario = scenarios[k % len(scenarios)]
        month = 1 + (k * 5) % 11
        day = cal.next_workday(date(year, month, 1 + k % 20))
        kind = (ComplaintKind.COMPLAINT, ComplaintKind.REPORT, ComplaintKind.SUGGESTION)[k % 3]
        cat, text, dept = _ISSUES[1 + k % (len(_ISSUES) - 1)]
        dept = dept or dept_ids[k % len(dept_ids)]
        ev = [ComplaintEvent(EventType.RECEIVED, _at(day, 9), "市软建办")]

        if scenario == "rejected":
            _add(ev, cal, EventType.REJECTED, 1, note="不属于软环境投诉受理范围, 已告知企业向12345反映")
        else:
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
            if scenario not in ("overdue", "open_signed"):  # those stay open, past or within their limit
                if scenario == "extended":
                    _add(
                        ev,
                        cal,
                        EventType.EXTENDED,
                        10,
                        extension_days=10,
                        note="涉及多部门, 经市软建办批准延期",
                    )
                    _add(ev, cal, EventType.RESOLVED, 8, actor=dept, verdict=Verdict.SUBSTANTIATED)
                elif scenario == "false":
                    _add(
                        ev,
                        cal,
                        EventType.RESOLVED,
                        6,
                        actor=dept,
                        verdict=Verdict.FALSE,
                        note="经核查反映情况不实",
                    )
                else:
                    _add(ev, cal, EventType.RESOLVED, 3 + k % 9, actor=dept, verdict=Verdict.SUBSTANTIATED)
                rating = {"reopened": Satisfaction.UNSATISFIED, "basically": Satisfaction.BASICALLY}.get(
                    scenario, Satisfaction.SATISFIED
                )
                _add(ev, cal, EventType.FOLLOWED_UP, 1, satisfaction=rating)
                if scenario == "reopened":
                    _add(ev, cal, EventType.REOPENED, 0, note="企业不满意, 重新办理")
                    _add(ev, cal, EventType.RESOLVED, 5, actor=dept, verdict=Verdict.PARTLY)
                    _add(ev, cal, EventType.FOLLOWED_UP, 1, satisfaction=Satisfaction.BASICALLY)
                _add(ev, cal, EventType.CLOSED, 0)
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
    wanghai = [p for p in candidates if p.county == "379982"]
    if wanghai and any(d == "379982-amr" for d in dept_ids):
        # Against one of 望海市's own departments, signed for and then left: long overdue by year end.
        day = cal.next_workday(date(year, 8, 4))
        ev = [ComplaintEvent(EventType.RECEIVED, _at(day, 9), "市软建办")]
        _add(ev, cal, EventType.ACCEPTED, 1)
        _add(ev, cal, EventType.ASSIGNED, 0, unit="379982-amr")
        _add(ev, cal, EventType.SIGNED, 1, actor="379982-amr")
        _add(ev, cal, EventType.SUPERVISED, 20, note="超期督办")
        out.append(
            Complaint(
                f"Q-{year}-{len(out) + 1:04d}",
                ComplaintKind.COMPLAINT,
                wanghai[0].id,
                "379982-amr",
                ItemCategory.ENFORCEMENT,
                "执法检查程序不规范",
                events=tuple(ev),
            )
        )
    return out


def _appraisals(
    rng: random.Random, year: int, points: list[MonitoringPoint], departments: list[Department]
) -> tuple[list[AppraisalRound], list[Rating]]:
    rounds = [
        AppraisalRound(f"A-{year}-H1", HalfYear(year, 1), date(year, 6, 10), date(year, 6, 25)),
        AppraisalRound(f"A-{year}-H2", HalfYear(year, 2), date(year, 12, 5), date(year, 12, 20)),
    ]
    city_depts = [d for d in departments if d.county is None]
    levels = (
        (RatingLevel.SATISFIED,) * 6 + (RatingLevel.BASICALLY,) * 3 + (RatingLevel.UNSATISFIED, RatingLevel.UNKNOWN)
    )
    ratings = []
    others = (
        [(f"E{i:03d}", RaterGroup.ENTERPRISE) for i in range(20)]
        + [(f"D{i:03d}", RaterGroup.DEPUTY) for i in range(10)]
        + [(f"Z{i:03d}", RaterGroup.CITIZEN) for i in range(30)]
    )
    for r in rounds:
        first = r.period.months[0]
        for p in points:
            if not p.active_in(r.period.months[-1]) and not p.active_in(first):
                continue
            if rng.random() < 0.12:
                continue  # did not take part
            for d in city_depts[:-1]:  # the last department is little known: citizens only rate it
                ratings.append(Rating(r.id, p.id, RaterGroup.POINT, d.id, rng.choice(levels)))
        for rater, group in others:
            for di, d in enumerate(city_depts):
                if di == len(city_depts) - 1 and group is not RaterGroup.CITIZEN:
                    continue  # the last department is little known: fewer ratings
                ratings.append(Rating(r.id, rater, group, d.id, rng.choice(levels)))
    return rounds, ratings


def _roster(year: int, points: list[MonitoringPoint]) -> tuple[list[RosterChange], list[Filing]]:
    changes: list[RosterChange] = []
    filings: list[Filing] = []
    for p in points:
        if p.designated_from.year == year:
            changes.append(
                RosterChange(
                    f"RC-{p.id}-add",
                    p.id,
                    ChangeAction.ADD,
                    ChangeReason.DESIGNATION,
                    p.designated_from,
                    p.designated_by,
                    p.county,
                )
            )
        if p.designated_until is not None:
            changes.append(
                RosterChange(
                    f"RC-{p.id}-remove",
                    p.id,
                    ChangeAction.REMOVE,
                    ChangeReason.OWN_WISH,
                    p.designated_until + timedelta(days=1),
                    Designator.COUNTY,
                    p.county,
                )
            )
    for i, ch in enumerate(changes):
        # Most county changes are filed a fortnight ahead; every third is filed after it took effect.
        late = i % 3 == 2
        filed = ch.effective + timedelta(days=10 if late else -14)
        filings.append(Filing(f"F-{ch.id}", ch.county, filed, (ch.id,)))
    return changes, filings


__all__ = ["CITY", "build_demo"]
