"""Small hand-made records for tests and plugin authors (no hypothesis needed)."""

from __future__ import annotations

from datetime import date, datetime

from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.periods import BEIJING, Month
from softenv_core.model.points import Designator, MonitoringPoint, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.sizes import Size

TEST_CITY = City("379900", "测试市")
TEST_COUNTIES = (
    County("379902", "甲区", CountyKind.DISTRICT, "甲区经贸委"),
    County("379921", "乙县", CountyKind.COUNTY, "乙县经贸委"),
    County("379981", "丙市", CountyKind.CITY, "丙市经贸委"),
)


def beijing(year: int, month: int, day: int, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    """An aware moment in Beijing time."""
    return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)


def make_point(
    point_id: str,
    county: str,
    serial: int,
    *,
    level: PointLevel = PointLevel.COUNTY,
    designated_from: date = date(2020, 1, 1),
    designated_until: date | None = None,
    sector: Sector = Sector.INDUSTRY,
    size: Size = Size.MEDIUM,
    ownership: Ownership = Ownership.PRIVATE,
) -> MonitoringPoint:
    """A point with a synthetic (but valid) enterprise."""
    enterprise = Enterprise(f"测试企业{serial}有限公司", synthetic_uscc(county, serial), size, ownership, sector)
    return MonitoringPoint(point_id, enterprise, county, level, Designator.CITY, designated_from, designated_until)


def monthly_report(county: str, month: Month, submitted_at: datetime, *, items: tuple[Item, ...] = ()) -> MonthlyReport:
    """A county's report on ``month``: a zero report unless ``items`` are given."""
    return MonthlyReport(
        f"R-{county}-{month}", county, month, submitted_at, "经办人", items=items, nothing_to_report=not items
    )


def on_time_reports(county: str, year: int) -> list[MonthlyReport]:
    """Zero reports for every month of ``year``, each on the 1st working hour of the next month's 2nd."""
    out = []
    for m in range(1, 13):
        month = Month(year, m)
        nxt = month + 1
        out.append(monthly_report(county, month, beijing(nxt.year, nxt.month, 2, 9)))
    return out


def monthly_contacts(
    point: MonitoringPoint, year: int, *, reached: bool = True, with_items: bool = False
) -> list[Contact]:
    """One contact a month by the point's liaison office, on the 10th."""
    out = []
    for m in range(1, 13):
        month = Month(year, m)
        if not point.active_in(month):
            continue
        items = (Item(ItemCategory.OPERATIONS, "生产经营平稳"),) if with_items else ()
        out.append(
            Contact(
                f"C-{point.id}-{month}",
                point.id,
                date(year, m, 10),
                ContactMethod.PHONE,
                point.liaison,
                reached,
                items,
            )
        )
    return out


def county(code: str, name: str | None = None) -> County:
    """A county with its kind read off the GB/T 2260 code (01-20 district, 81-99 county-level city)."""
    n = int(code[-2:])
    kind = CountyKind.DISTRICT if n <= 20 else CountyKind.CITY if n >= 81 else CountyKind.COUNTY
    name = name or f"县区{code[-2:]}"
    return County(code, name, kind, f"{name}经贸委")


def small_dataset(year: int = 2025, counties: tuple[str, ...] | None = None) -> Dataset:
    """Three counties (or those of ``counties``, codes under 3799), two points each, a full year
    of on-time zero reports and monthly contacts with one item each."""
    county_list = TEST_COUNTIES if counties is None else tuple(county(c) for c in counties)
    city = City(county_list[0].code[:4] + "00", TEST_CITY.name)
    points = []
    serial = 0
    for c in county_list:
        for k in range(2):
            serial += 1
            points.append(
                make_point(
                    f"P-{c.code}-{k + 1}",
                    c.code,
                    serial,
                    level=PointLevel.CITY if k == 0 else PointLevel.COUNTY,
                )
            )
    contacts = [c for p in points for c in monthly_contacts(p, year, with_items=True)]
    reports = [r for c in county_list for r in on_time_reports(c.code, year)]
    return Dataset(
        city=city,
        counties=county_list,
        departments=(
            Department("city-amr", "市市场监管局"),
            *(Department(f"{c.code}-amr", f"{c.name}市场监管局", c.code) for c in county_list),
        ),
        points=tuple(points),
        contacts=tuple(contacts),
        reports=tuple(reports),
    )


__all__ = [
    "TEST_CITY",
    "TEST_COUNTIES",
    "beijing",
    "county",
    "make_point",
    "monthly_contacts",
    "monthly_report",
    "on_time_reports",
    "small_dataset",
]
