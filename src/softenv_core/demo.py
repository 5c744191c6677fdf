"""The demo city (示范市): a fictional city with a year of realistic records.

Deterministic for a (year, seed, scale): the same arguments give the same dataset, byte for
byte. It reads as a city that runs the programme: contacts on working days only (never in the
Spring Festival or National Day holidays), by the point's named liaison person (定人), by
phone, visit or at a county's symposium (one meeting, several points, one date) every month;
matters followed up (提供信息, 帮助联系协调, 提请有关部门研究) and most resolved; complaints that
progress, supervised (督办) when overdue and closed within months; 专项调研 topics through
their lifecycle; counties' work plans and publicity.

Its irregularities are deliberate: reports late or missing around holidays, zero reports,
unreached points, a few contacts by someone other than the liaison person or logged by the
wrong office, a complaint long overdue, a roster addition outside the January window and
county changes filed late or not at all, a waiver (decided before the deadline it excuses),
nominations over quota. The names and codes are invented (city code 379900 is unassigned in
GB/T 2260).
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
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.periods import BEIJING, HalfYear, Month, Year
from softenv_core.model.points import CITY_LIAISON, Designator, MonitoringPoint, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    Filing,
    Finding,
    Measure,
    Nomination,
    ResearchTopic,
    RosterChange,
    TopicEvent,
    TopicState,
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
    "金桥",
    "合力",
    "信达",
    "远航",
    "丰源",
    "泰和",
    "建华",
    "同心",
    "启明",
    "利民",
    "福瑞",
    "昌盛",
    "精工",
    "诚泰",
    "宝丰",
    "天宇",
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
    (ItemCategory.DIFFICULTY, "用工紧张, 熟练技工招聘难", "city-hr"),
    (ItemCategory.POLICY, "希望延续稳岗补贴政策", "city-hr"),
    (ItemCategory.SERVICE, "施工许可办理环节多、时间长", "city-approval"),
    (ItemCategory.ENFORCEMENT, "同一事项多头检查", "city-amr"),
    (ItemCategory.FEES, "供电接入收取不合理费用", "city-power"),
    (ItemCategory.SERVICE, "出口退税到账慢", "city-tax"),
)
# Further matters the liaison offices hear, by category: (text, department or None; "county"
# stands for the point's own county's department).
_MORE_ISSUES: dict[ItemCategory, tuple[tuple[str, str | None], ...]] = {
    ItemCategory.OPERATIONS: (
        ("一季度产值同比增长, 新增两条生产线", None),
        ("原材料价格上涨, 利润空间收窄", None),
        ("外贸订单减少, 正在开拓国内市场", None),
        ("节后复工顺利, 员工返岗率较高", None),
        ("资金周转偏紧, 应收账款回款慢", None),
    ),
    ItemCategory.DIFFICULTY: (
        ("流动资金贷款续贷难", None),
        ("厂区周边道路破损, 货车通行困难", "city-housing"),
        ("扩建项目用地指标未落实", "city-nr"),
        ("员工子女入学咨询无门", None),
    ),
    ItemCategory.POLICY: (
        ("企业技术改造补助政策不清楚如何申报", None),
        ("希望了解高新技术企业认定条件", None),
        ("社保费阶段性降费政策执行口径不一", "city-hr"),
    ),
    ItemCategory.SERVICE: (
        ("不动产登记窗口排队时间长", "city-nr"),
        ("环评审批材料反复补正", "city-env"),
        ("消防验收预约周期长", "city-fire"),
        ("营业执照变更需多次往返", "county-approval"),
    ),
    ItemCategory.ENFORCEMENT: (
        ("执法检查前未出示证件", "county-amr"),
        ("环保检查标准前后不一", "city-env"),
        ("同一月内被多个部门重复检查", "city-amr"),
        ("行政处罚自由裁量幅度过大", "county-amr"),
    ),
    ItemCategory.FEES: (
        ("检测收费标准不公开", "city-amr"),
        ("中介评估费用偏高", "city-approval"),
        ("物业代收电费加价", "city-power"),
    ),
    ItemCategory.OTHER: (("希望组织银企对接活动", None), ("建议增加企业服务专员", None)),
}
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = (
    "建华",
    "丽娟",
    "海涛",
    "晓明",
    "志强",
    "秀英",
    "国平",
    "文静",
    "红梅",
    "永刚",
    "春燕",
    "立新",
    "雪松",
    "佳宁",
)
_TARGETS = (
    "监测点每月联系率达到100%",
    "零报告按时报送率达到100%",
    "监测点反映问题办结率达到90%以上",
    "新增监测点覆盖商业、服务业企业",
    "每季度召开一次监测点座谈会",
    "建立监测点联系人台账",
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

    # 定人: two or three named liaison persons in each office (市经贸委 and each 县区经贸委).
    persons = _persons(rng, [CITY_LIAISON, *(c.code for c in county_list)])
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
            if j == points_per_county - 1 and ci % 3 == 0:  # added at the year's adjustment (January)
                start = date(year, 1, 1) if ci != 3 else date(year, 4, 1)  # 青山县's: outside the window
            if j == points_per_county - 3 and ci % 4 == 1:  # left during the year (own wish, deregistered)
                until = date(year, 8, 31)
            office = CITY_LIAISON if level is PointLevel.CITY else c.code
            person = persons[office][(j + 2 * ci) % len(persons[office])]
            points.append(
                MonitoringPoint(
                    f"P{c.code}-{j + 1:03d}",
                    enterprise,
                    c.code,
                    level,
                    designated_by,
                    start,
                    until,
                    liaison_person=person,
                )
            )

    contacts = _contacts(rng, cal, year, points, county_list, persons)

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
            if ci == 5 and m.month == 6:  # asked in time to report late (flood): waived before the deadline
                when = _at(cal.add_workdays(due, 2), 11)
                decided = due - timedelta(days=2)
                while not cal.is_workday(decided):
                    decided -= timedelta(days=1)
                waivers.append(Waiver(f"W-{c.code}-{m}", c.code, m, "汛期防汛抢险, 经市经贸委同意缓报", decided))
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
    topics = _topics(year, contacts, county_list)
    followups = _followups(rng, cal, year, contacts, points, county_list)
    plans, publicity = _guarantees(cal, year, county_list)
    suggestions = _suggestions(year, points, county_list)
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
        followups=tuple(followups),
        adjustment_suggestions=tuple(suggestions),
        work_plans=tuple(plans),
        publicity=tuple(publicity),
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
        # Open at the year's end only when received in its last weeks.
        month = 12 if scenario == "open_signed" else 1 + (k * 5) % 11
        day = cal.next_workday(date(year, month, 1 + k % 20))
        kind = (ComplaintKind.COMPLAINT, ComplaintKind.REPORT, ComplaintKind.SUGGESTION)[k % 3]
        cat, text, dept = _ISSUES[1 + k % (len(_ISSUES) - 1)]
        dept = dept or dept_ids[k % len(dept_ids)]
        ev = [ComplaintEvent(EventType.RECEIVED, _at(day, 9), "市软建办")]
        # Working days to resolve under the city baseline: a department that means to be on time
        # resolves within them; an overdue one is supervised (督办) a few days after.
        limit = 5 if kind is ComplaintKind.SUGGESTION else 15

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
            if scenario == "open_signed":  # received in December: open at the year's end
                if cal.add_workdays(ev[-1].at.date(), limit + 1) <= date(year, 12, 31):
                    _add(ev, cal, EventType.SUPERVISED, limit + 1, note="超期未办结, 市软建办督办")
            else:
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
                        ev,
                        cal,
                        EventType.RESOLVED,
                        min(6, limit - 1),
                        actor=dept,
                        verdict=Verdict.FALSE,
                        note="经核查反映情况不实",
                    )
                else:
                    _add(
                        ev,
                        cal,
                        EventType.RESOLVED,
                        min(3 + k % 9, limit - 1),
                        actor=dept,
                        verdict=Verdict.SUBSTANTIATED,
                    )
                rating = {"reopened": Satisfaction.UNSATISFIED, "basically": Satisfaction.BASICALLY}.get(
                    scenario, Satisfaction.SATISFIED
                )
                _add(ev, cal, EventType.FOLLOWED_UP, 1, satisfaction=rating)
                if scenario == "reopened":
                    _add(ev, cal, EventType.REOPENED, 0, note="企业不满意, 重新办理")
                    _add(ev, cal, EventType.RESOLVED, min(5, limit - 1), actor=dept, verdict=Verdict.PARTLY)
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
    """The roster changes that the points' designation dates imply, and the counties' filings.

    Additions take effect on the point's first day, removals the day after its last; the
    change is decided by whoever designated the point. Of the county changes, a third are filed
    a fortnight ahead, a third after they took effect, a third not at all.
    """
    changes: list[RosterChange] = []
    removals = 0
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
                    note="年度调整新确定" if p.designated_from.month == 1 else "年中增补",
                )
            )
        if p.designated_until is not None:
            reason = ChangeReason.OWN_WISH if removals % 2 == 0 else ChangeReason.DEREGISTERED
            removals += 1
            changes.append(
                RosterChange(
                    f"RC-{p.id}-remove",
                    p.id,
                    ChangeAction.REMOVE,
                    reason,
                    p.designated_until + timedelta(days=1),
                    p.designated_by,
                    p.county,
                    note="企业申请退出" if reason is ChangeReason.OWN_WISH else "企业迁出本市",
                )
            )
    filings: list[Filing] = []
    for i, ch in enumerate(c for c in changes if c.by is Designator.COUNTY):
        if i % 3 == 2:
            continue  # not filed with the city
        filed = ch.effective + timedelta(days=10 if i % 3 == 1 else -14)
        filings.append(Filing(f"F-{ch.id}", ch.county, filed, (ch.id,)))
    return changes, filings


def _persons(rng: random.Random, offices: list[str]) -> dict[str, tuple[str, ...]]:
    """Two or three liaison persons per office, names unique within the city."""
    used: set[str] = set()
    out: dict[str, tuple[str, ...]] = {}
    for office in offices:
        names: list[str] = []
        wanted = 3 if office == CITY_LIAISON else 2 + len(out) % 2
        while len(names) < wanted:
            name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
            if name not in used:
                used.add(name)
                names.append(name)
        out[office] = tuple(names)
    return out


def _month_workdays(cal: WorkCalendar, month: Month) -> list[date]:
    day, out = month.first_day, []
    while day <= month.last_day:
        if cal.is_workday(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def _raise(rng: random.Random, county: str) -> tuple[Item, ...]:
    """One matter (sometimes two) a reached point raises: the usual ones often, others besides."""
    out: list[Item] = []
    for _ in range(2 if rng.random() < 0.12 else 1):
        if rng.random() < 0.5:
            cat, text, dept = _ISSUES[rng.randrange(len(_ISSUES))]
        else:
            cat = rng.choice(list(_MORE_ISSUES))
            text, dept = rng.choice(_MORE_ISSUES[cat])
        if dept is not None and dept.startswith("county-"):
            dept = f"{county}-{dept.removeprefix('county-')}"
        if all(i.text != text for i in out):
            out.append(Item(cat, text, dept))
    return tuple(out)


def _contacts(
    rng: random.Random,
    cal: WorkCalendar,
    year: int,
    points: list[MonitoringPoint],
    county_list: tuple[County, ...],
    persons: dict[str, tuple[str, ...]],
) -> list[Contact]:
    """A year of monthly contacts on working days: phone, visit, or a symposium (座谈会) that an
    office holds on one day with several of its points."""
    index = {c.code: i for i, c in enumerate(county_list)}
    names = {c.code: c.liaison_office for c in county_list} | {CITY_LIAISON: "市经贸委"}
    unreachable = {p.id for p in points[5::37]}
    out: list[Contact] = []
    for m in Year(year).months:
        days = _month_workdays(cal, m)
        symposia: dict[str, date] = {}
        for office in [CITY_LIAISON, *(c.code for c in county_list)]:
            # The city meets its points each quarter; each county every fourth month, in turn,
            # so some symposium is held every month.
            if (m.month % 3 == 0) if office == CITY_LIAISON else ((m.month + index[office]) % 4 == 0):
                symposia[office] = days[min(len(days) - 1, 8 + rng.randrange(6))]
        for p in points:
            if not p.active_in(m):
                continue
            if rng.random() < 0.03:
                continue  # a month the office did not contact at all
            lo, hi = max(m.first_day, p.designated_from), min(m.last_day, p.designated_until or m.last_day)
            open_days = [d for d in days if lo <= d <= hi]
            if not open_days:
                continue
            unreached = p.id in unreachable and m.month in (3, 4, 5)
            meeting = symposia.get(p.liaison)
            if meeting is not None and lo <= meeting <= hi and not unreached and rng.random() < 0.7:
                method, day, reached = ContactMethod.SYMPOSIUM, meeting, True
                note: str | None = f"{names[p.liaison]}{m.month}月监测点座谈会"
            else:
                reached = not unreached and rng.random() > 0.04
                method = ContactMethod.VISIT if reached and rng.random() < 0.3 else ContactMethod.PHONE
                day, note = rng.choice(open_days), None if reached else "电话无人接听"
            items = _raise(rng, p.county) if reached and rng.random() < 0.35 else ()
            liaison, made_by = p.liaison, p.liaison_person
            draw = rng.random()
            if draw < 0.01 and method is not ContactMethod.SYMPOSIUM:  # logged by the wrong office
                liaison = p.county if liaison == CITY_LIAISON else CITY_LIAISON
                made_by = persons[liaison][0]
            elif draw < 0.03 and method is not ContactMethod.SYMPOSIUM:  # a colleague stood in (非定人)
                made_by = next(n for n in persons[p.liaison] if n != p.liaison_person)
            out.append(Contact(f"C-{p.id}-{m}", p.id, day, method, liaison, reached, items, note, made_by))
    return out


def _followups(
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
    end = date(year, 12, 31)
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
                day = cal.add_workdays(day, workdays)
                if day > end:
                    break
                out.append(FollowUp(f"FU-{c.id}-{j}-{k}", MatterSource.CONTACT, c.id, j, kind, day, actor, dept, note))
    return out


def _topics(year: int, contacts: list[Contact], county_list: tuple[County, ...]) -> list[ResearchTopic]:
    """Three 专项调研 topics at different stages, each with the contacts that show its problem."""
    codes = {c.code for c in county_list}

    def evidence(category: ItemCategory, department: str, before: date, county: str | None = None) -> tuple[str, ...]:
        found = [
            c.id
            for c in contacts
            if c.date < before
            and (county is None or c.point.startswith(f"P{county}-"))
            and any(i.category is category and i.department == department for i in c.items)
        ]
        return tuple(sorted(found)[:8])

    def d(month: int, day: int) -> date:
        return date(year, month, day)

    topics = [
        ResearchTopic(
            f"T-{year}-01",
            "涉企多头检查、重复检查问题专项调研",
            category=ItemCategory.ENFORCEMENT.value,
            department="city-amr",
            evidence=evidence(ItemCategory.ENFORCEMENT, "city-amr", d(2, 20)),
            owner=CITY_LIAISON,
            events=(
                TopicEvent(TopicState.PROPOSED, d(2, 20), "多个县区监测点反映同一问题"),
                TopicEvent(TopicState.OPENED, d(3, 10)),
                TopicEvent(TopicState.FINDINGS, d(6, 16)),
                TopicEvent(TopicState.MEASURES, d(8, 28)),
                TopicEvent(TopicState.CLOSED, d(11, 14)),
            ),
            findings=(Finding(d(6, 16), "检查计划未统筹, 部门间检查结果未互认"),),
            measures=(Measure(d(8, 28), "推行“双随机、一公开”联合检查, 同一企业年度检查原则上不超过两次", "city-amr"),),
        )
    ]
    owner = "379902" if "379902" in codes else CITY_LIAISON
    topics.append(
        ResearchTopic(
            f"T-{year}-02",
            "企业用工难问题调研",
            category=ItemCategory.DIFFICULTY.value,
            department="city-hr",
            evidence=evidence(ItemCategory.DIFFICULTY, "city-hr", d(5, 8)),
            owner=owner,
            events=(
                TopicEvent(TopicState.PROPOSED, d(5, 8)),
                TopicEvent(TopicState.OPENED, d(5, 22)),
                TopicEvent(TopicState.FINDINGS, d(9, 12)),
            ),
            findings=(Finding(d(9, 12), "技能型岗位缺口集中在机械制造和物流行业"),),
        )
    )
    owner = "379981" if "379981" in codes else CITY_LIAISON
    topics.append(
        ResearchTopic(
            f"T-{year}-03",
            "工程建设项目审批提速调研",
            category=ItemCategory.SERVICE.value,
            department="city-approval",
            evidence=evidence(ItemCategory.SERVICE, "city-approval", d(10, 27)),
            owner=owner,
            events=(TopicEvent(TopicState.PROPOSED, d(10, 27), "拟列入下年度调研计划"),),
        )
    )
    return topics


def _guarantees(
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


def _suggestions(
    year: int, points: list[MonitoringPoint], county_list: tuple[County, ...]
) -> list[AdjustmentSuggestion]:
    """Departments' suggestions for the next adjustment (有关部门建议, 三(五))."""
    out = []
    if len(county_list) > 2:
        mine = [p for p in points if p.county == county_list[2].code and p.designated_until is None]
        if len(mine) > 7:
            out.append(
                AdjustmentSuggestion(
                    f"S-{year}-01",
                    "city-tax",
                    ChangeAction.REMOVE,
                    county_list[2].code,
                    date(year, 10, 15),
                    "该企业已被列入经营异常名录, 建议调出监测点",
                    mine[7].id,
                )
            )
        c = county_list[1]
        out.append(
            AdjustmentSuggestion(
                f"S-{year}-02",
                "city-amr",
                ChangeAction.ADD,
                c.code,
                date(year, 11, 10),
                f"建议将{c.name}一家外资商贸企业纳入监测点, 以增强行业代表性",
            )
        )
    return out


__all__ = ["CITY", "build_demo"]
