"""Small hand-made records for tests and plugin authors (no hypothesis needed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

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
    """One contact a month by the point's liaison office, on the 10th, or on the nearest day of
    the month the point is designated when that is not the 10th (a contact outside the
    designation counts for nothing: auditor a21) (``with_items``: one item each, on reached
    contacts only: a point not reached raised nothing)."""
    out = []
    for m in range(1, 13):
        month = Month(year, m)
        if not point.active_in(month):
            continue
        day = max(date(year, m, 10), point.designated_from)
        if point.designated_until is not None:
            day = min(day, point.designated_until)
        items = (Item(ItemCategory.OPERATIONS, "生产经营平稳"),) if with_items and reached else ()
        out.append(
            Contact(
                f"C-{point.id}-{month}",
                point.id,
                day,
                ContactMethod.PHONE,
                point.liaison,
                reached,
                items,
            )
        )
    return out


#: The steps after RECEIVED of a complaint handled without a hitch, in order (受理, 交办, 签收,
#: 办结, 回访, 结案): make_complaint takes the first ones, up to its ``until``.
STEPS = (
    EventType.ACCEPTED,
    EventType.ASSIGNED,
    EventType.SIGNED,
    EventType.RESOLVED,
    EventType.FOLLOWED_UP,
    EventType.CLOSED,
)
_H, _D = timedelta(hours=1), timedelta(days=1)
#: Each step's time after the complaint was received: accepted, assigned and signed within the
#: day, resolved on the 3rd day, followed up on the 4th, closed an hour later.
STEP_TIMES = (_H, 2 * _H, 3 * _H, 3 * _D, 4 * _D, 4 * _D + _H)


def make_complaint(
    complaint_id: str,
    point: str,
    received_at: datetime,
    *,
    until: EventType = EventType.RESOLVED,
    after: Sequence[timedelta] = STEP_TIMES,
    resolved_at: datetime | None = None,
    kind: ComplaintKind = ComplaintKind.COMPLAINT,
    department: str | None = "city-amr",
    category: ItemCategory = ItemCategory.ENFORCEMENT,
    text: str = "反映",
    verdict: Verdict = Verdict.SUBSTANTIATED,
    satisfaction: Satisfaction = Satisfaction.SATISFIED,
    office: str = "市软建办",
    handler: str = "市市场监管局",
) -> Complaint:
    """A point's direct feedback to 市软建办 (投诉, or 举报 / 意见建议 by ``kind``) handled in the
    usual order: received (收到) at ``received_at``, then each step of ``STEPS`` (受理, 交办,
    签收, 办结, 回访, 结案) up to ``until`` (RECEIVED alone … CLOSED), the n-th ``after[n]``
    after it was received (default ``STEP_TIMES``: within the day, resolved on the 3rd day).
    A frozen Complaint, valid in any dataset holding ``point`` and ``department``.

    ``resolved_at`` puts the resolution (办结, with ``verdict``) at a moment of its own, such as
    a verdict reached months later; the follow-up and closing keep their spacing after it. It
    does not say whether there is one: None (the default) resolves at ``after``'s time, and a
    complaint not yet resolved stops before it (``until=EventType.SIGNED``; plugin author p46).
    市软建办 (``office``) receives, accepts, assigns to ``department`` (to itself,
    ``city-office``, when there is none), follows up (回访, with ``satisfaction``) and closes;
    the unit (``handler``) signs and resolves. For an odd sequence (a return, an extension, a
    reopening, supervision) build the events by hand.

    >>> q = make_complaint("Q1", "P-379902-2", beijing(2025, 3, 10), resolved_at=beijing(2025, 3, 20))
    >>> [e.type.value for e in q.events]
    ['received', 'accepted', 'assigned', 'signed', 'resolved']
    >>> q.verdict.zh, q.events[2].unit, q.events[3].actor
    ('属实', 'city-amr', '市市场监管局')
    >>> len(make_complaint("Q2", "P-379902-2", beijing(2025, 3, 10), until=EventType.CLOSED).events)
    7
    """
    steps = () if until is EventType.RECEIVED else STEPS[: STEPS.index(until) + 1]
    if len(after) < len(steps):
        raise ValueError(f"make_complaint: {len(steps)} steps up to {until.value}, {len(after)} times in after")
    by_office = {EventType.SIGNED: handler, EventType.RESOLVED: handler}
    extra: dict[EventType, dict[str, Any]] = {
        EventType.ASSIGNED: {"unit": department or CITY_OFFICE_UNIT},
        EventType.RESOLVED: {"verdict": verdict},
        EventType.FOLLOWED_UP: {"satisfaction": satisfaction},
    }
    events = [ComplaintEvent(EventType.RECEIVED, received_at, office)]
    moved = timedelta(0)  # resolved_at moves the resolution, and the steps after it keep their spacing
    for step, later in zip(steps, after, strict=False):
        if step is EventType.RESOLVED and resolved_at is not None:
            moved = resolved_at - (received_at + later)
        at = received_at + later + moved
        events.append(ComplaintEvent(step, at, by_office.get(step, office), **extra.get(step, {})))
    return Complaint(complaint_id, kind, point, department, category, text, False, tuple(events))


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
    "STEPS",
    "STEP_TIMES",
    "TEST_CITY",
    "TEST_COUNTIES",
    "beijing",
    "county",
    "make_complaint",
    "make_point",
    "monthly_contacts",
    "monthly_report",
    "on_time_reports",
    "small_dataset",
]
