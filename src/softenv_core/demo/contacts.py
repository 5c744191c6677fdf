"""A year of contacts (联系): by phone, visit or at an office's symposium (座谈会), on working days only.

A few points go unreached for a season; a few contacts are made by a colleague of the liaison
person (非定人) or logged by the wrong office.
"""

from __future__ import annotations

import random
from datetime import date

from softenv_core.demo.dates import month_workdays
from softenv_core.demo.matters import raise_matters
from softenv_core.model.divisions import County
from softenv_core.model.periods import Year
from softenv_core.model.points import CITY_LIAISON, MonitoringPoint
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.workdays.calendar import WorkCalendar


def contacts(
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
        days = month_workdays(cal, m)
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
            items = raise_matters(rng, p.county) if reached and rng.random() < 0.35 else ()
            liaison, made_by = p.liaison, p.liaison_person
            draw = rng.random()
            if draw < 0.01 and method is not ContactMethod.SYMPOSIUM:  # logged by the wrong office
                liaison = p.county if liaison == CITY_LIAISON else CITY_LIAISON
                made_by = persons[liaison][0]
            elif draw < 0.03 and method is not ContactMethod.SYMPOSIUM:  # a colleague stood in (非定人)
                made_by = next(n for n in persons[p.liaison] if n != p.liaison_person)
            out.append(Contact(f"C-{p.id}-{m}", p.id, day, method, liaison, reached, items, note, made_by))
    return out
