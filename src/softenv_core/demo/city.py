"""The demo city's divisions: counties (县区), departments, liaison persons (定人) and monitoring points.

The enterprises' figures sit inside their size's bounds (2017 method); one point declares a size
its figures contradict, for the checks to report.
"""

from __future__ import annotations

import random
from datetime import date

from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.points import CITY_LIAISON, Designator, MonitoringPoint, PointLevel
from softenv_core.model.sizes import Size, classify_size

CITY = City("379900", "示范市")
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
_SIZES = (Size.LARGE, Size.MEDIUM, Size.MEDIUM, Size.SMALL, Size.SMALL, Size.SMALL, Size.MICRO)
_OWNERS = (
    Ownership.STATE,
    Ownership.PRIVATE,
    Ownership.PRIVATE,
    Ownership.PRIVATE,
    Ownership.FOREIGN,
    Ownership.HMT,
    Ownership.COLLECTIVE,
)
_SECTORS = (Sector.INDUSTRY, Sector.INDUSTRY, Sector.COMMERCE, Sector.SERVICES, Sector.SERVICES)


def county_divisions(counties: int) -> tuple[County, ...]:
    """The first ``counties`` of the nine; above nine, invented counties (for benchmarks at province scale)."""
    if not 1 <= counties <= 98:
        raise ValueError("the demo city has 1 to 98 counties (two-digit GB/T 2260 county codes)")
    county_rows = list(_COUNTIES[:counties])
    used = {row[0] for row in county_rows}
    spare = (f"3799{n:02d}" for n in range(1, 100) if f"3799{n:02d}" not in used)
    for k in range(len(county_rows), counties):  # benchmark scale: more invented divisions
        county_rows.append((next(spare), f"第{k + 1}县", CountyKind.COUNTY))
    return tuple(County(code, name, kind, f"{name}经贸委") for code, name, kind in county_rows)


def city_departments(county_list: tuple[County, ...]) -> list[Department]:
    """The city's departments, then each county's market regulation and administrative approval bureaus."""
    departments = [Department(i, n) for i, n in _CITY_DEPTS]
    for c in county_list:
        departments.append(Department(f"{c.code}-amr", f"{c.name}市场监管局", c.code))
        departments.append(Department(f"{c.code}-approval", f"{c.name}行政审批局", c.code))
    return departments


def liaison_persons(rng: random.Random, offices: list[str]) -> dict[str, tuple[str, ...]]:
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


def monitoring_points(
    year: int, county_list: tuple[County, ...], persons: dict[str, tuple[str, ...]], points_per_county: int
) -> list[MonitoringPoint]:
    """``points_per_county`` points in each county, numbered across the city."""
    points: list[MonitoringPoint] = []
    for ci, c in enumerate(county_list):
        for j in range(points_per_county):
            points.append(_point(year, ci, c, j, len(points) + 1, persons, points_per_county))
    return points


def _point(
    year: int,
    ci: int,
    c: County,
    j: int,
    serial: int,
    persons: dict[str, tuple[str, ...]],
    points_per_county: int,
) -> MonitoringPoint:
    """The ``j``-th point of the ``ci``-th county, ``serial``-th in the city."""
    sector = _SECTORS[j % len(_SECTORS)]
    industry, trade = _TRADES[sector][(j + ci) % len(_TRADES[sector])]
    size = _SIZES[(j * 3 + ci) % len(_SIZES)]
    emp, rev, assets = _FIGURES[size]
    ownership = _OWNERS[(j + 2 * ci) % len(_OWNERS)]
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
    # A 市直 point is the city's (DESIGN glossary): a county adds only 县区 points (auditor a39:
    # a demo of 2 points per county made both 市直 and county-added, their changes by the county).
    designated_by = Designator.COUNTY if j >= max(2, points_per_county - 2) else Designator.CITY
    start = date(year - 1 - (serial % 3), 1, 1)
    until = None
    if j == points_per_county - 1 and ci % 3 == 0:  # added at the year's adjustment (January)
        start = date(year, 1, 1) if ci != 3 else date(year, 4, 1)  # 青山县's: outside the window
    if j == points_per_county - 3 and ci % 4 == 1:  # left during the year (own wish, deregistered)
        until = date(year, 8, 31)
    office = CITY_LIAISON if level is PointLevel.CITY else c.code
    person = persons[office][(j + 2 * ci) % len(persons[office])]
    return MonitoringPoint(
        f"P{c.code}-{j + 1:03d}", enterprise, c.code, level, designated_by, start, until, liaison_person=person
    )
