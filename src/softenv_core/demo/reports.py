"""The counties' monthly reports (月报) and the waivers (缓报) that excuse a late one.

Most are filed in the first working days of the next month; one is missing, some are zero
reports (零报告), some late around the holidays, one waived before its deadline, one written in UTC.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from softenv_core.demo.dates import at, workday_at
from softenv_core.errors import CalendarDataMissing
from softenv_core.model.divisions import County
from softenv_core.model.periods import Month, Year
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Contact, Item, MonthlyReport
from softenv_core.model.roster import (
    Waiver,
)
from softenv_core.workdays.calendar import WorkCalendar

# 青山县 has its own, stricter deadline (its plugin softenv-county-qingshan): it reports by the 3rd.
_DUE_DAY = {"379921": 3}


def monthly_reports(
    rng: random.Random,
    cal: WorkCalendar,
    year: int,
    points: list[MonitoringPoint],
    county_list: tuple[County, ...],
    contacts: list[Contact],
) -> tuple[list[MonthlyReport], list[Waiver]]:
    """Each county's report of each month, carrying the matters its points raised that month."""
    by_county_month = _items_by_county_month(points, contacts)
    reports: list[MonthlyReport] = []
    waivers: list[Waiver] = []
    for ci, c in enumerate(county_list):
        for m in Year(year).months:
            if ci == 4 and m.month == 7:
                continue  # a missing report
            if not _arrangement_known(cal, (m + 1).year):
                # The current year's demo: December's report is filed in January of a year whose
                # official arrangement is not out yet, so its filing day cannot be a working day
                # the calendar vouches for. The demo city has not filed it yet (a month still
                # running is pending); no day is guessed.
                continue
            items = tuple(by_county_month.get((c.code, m), ()))
            if m.month in (2, 8) and ci % 3 == 0:
                items = ()  # quiet months (春节, high summer): these counties file a zero report
            when = _filed_at(rng, cal, ci, c, m, waivers)
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
    return reports, waivers


def _arrangement_known(cal: WorkCalendar, year: int) -> bool:
    """Whether ``cal`` knows ``year``'s working days (strict calendars raise for other years)."""
    try:
        cal.source(year)
    except CalendarDataMissing:
        return False
    return True


def _items_by_county_month(
    points: list[MonitoringPoint], contacts: list[Contact]
) -> dict[tuple[str, Month], list[Item]]:
    """The matters raised to the counties' offices (not the city's), by county and month."""
    by_county_month: dict[tuple[str, Month], list[Item]] = {}
    point_county = {p.id: p.county for p in points}
    for ct in contacts:
        if ct.items and ct.liaison != "city":
            by_county_month.setdefault((point_county[ct.point], Month.of(ct.date)), []).extend(
                Item(i.category, i.text, i.department, ct.point) for i in ct.items
            )
    return by_county_month


def _filed_at(rng: random.Random, cal: WorkCalendar, ci: int, c: County, m: Month, waivers: list[Waiver]) -> datetime:
    """When county ``c`` filed its report of ``m``; a waiver it was granted is appended to ``waivers``."""
    nxt = (m + 1).first_day
    due = cal.next_workday(nxt + timedelta(days=_DUE_DAY.get(c.code, 5) - 1))
    when = min(workday_at(cal, nxt, rng.choice((0, 1, 1, 2, 2, 3)), hour=9 + rng.randrange(8)), at(due, 15))
    if ci == 2 and m.month == 9:  # after National Day: one working day late
        when = at(cal.add_workdays(due, 1), 9)
    if ci == 6 and m.month in (1, 4):  # late around 春节 and 劳动节, by several days
        when = at(cal.add_workdays(due, 2 if m.month == 1 else 5), 16)
    if ci == 5 and m.month == 6:  # asked in time to report late (flood): waived before the deadline
        when = at(cal.add_workdays(due, 2), 11)
        decided = due - timedelta(days=2)
        while not cal.is_workday(decided):
            decided -= timedelta(days=1)
        waivers.append(Waiver(f"W-{c.code}-{m}", c.code, m, "汛期防汛抢险, 经市经贸委同意缓报", decided))
    if ci == 1 and m.month == 3:  # written in UTC by a system elsewhere
        when = when.astimezone(UTC)
    return when
