"""Auditor a66's 2025 city, built by hand (copied from the auditor's repro/_y.py): 甲区 379902 with
20 县区 points (A19 removed 12-15 at its own wish) and a 市直 point, 丁区 379903 and 乙县 379921 with
3 points each, 戊县 379923 abolished on 2025-06-30 (3 points ended then) and 己县 379924 created on
2025-07-15 (3 points from that day); two 万人评议 rounds, filings and on-time zero reports."""

from __future__ import annotations

from datetime import date

import attrs

import softenv_core as se
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.periods import HalfYear, Month
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing import builders as b

R1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 2), date(2025, 6, 20))
R2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 12))

COUNTIES = (
    County("379902", "甲区", CountyKind.DISTRICT, "甲区经贸委"),
    County("379903", "丁区", CountyKind.DISTRICT, "丁区经贸委"),
    County("379921", "乙县", CountyKind.COUNTY, "乙县经贸委"),
    County("379923", "戊县", CountyKind.COUNTY, "戊县经贸委", effective_until=date(2025, 6, 30)),
    County("379924", "己县", CountyKind.COUNTY, "己县经贸委", effective_from=date(2025, 7, 15)),
)


def _change(rid: str, point: str, action: str, reason: str, effective: date, county: str) -> RosterChange:
    return RosterChange(rid, point, ChangeAction(action), ChangeReason(reason), effective, Designator.COUNTY, county)


def _points() -> tuple[list, list]:
    points: list = []
    changes: list = []

    def add(pid: str, county: str, **kw) -> None:
        points.append(b.make_point(pid, county, len(points) + 1, **kw))

    for k in range(20):
        add(f"A{k:02d}", "379902", designated_until=date(2025, 12, 14) if k == 19 else None)
    changes.append(_change("RC-A19", "A19", "remove", "own_wish", date(2025, 12, 15), "379902"))
    add("A-city", "379902", level=PointLevel.CITY)
    for k in range(3):
        add(f"D{k}", "379903")
        add(f"B{k}", "379921")
        add(f"W{k}", "379923", designated_until=date(2025, 6, 30))
        changes.append(_change(f"RC-W{k}", f"W{k}", "remove", "other", date(2025, 7, 1), "379923"))
        add(f"J{k}", "379924", designated_from=date(2025, 7, 15))
        changes.append(_change(f"RC-J{k}", f"J{k}", "add", "designation", date(2025, 7, 15), "379924"))
    return points, changes


def rated(point) -> list[Rating]:
    """The point's part in each round its designation overlaps."""
    end = point.designated_until or date(2099, 1, 1)
    return [
        Rating(r.id, point.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
        for r in (R1, R2)
        if point.designated_from <= r.closed and end >= r.opened
    ]


def world() -> se.Dataset:
    points, changes = _points()
    contacts = [c for p in points for c in b.monthly_contacts(p, 2025, with_items=True)]
    ratings = [r for p in points for r in rated(p)]
    reports = [r for c in ("379902", "379903", "379921") for r in b.on_time_reports(c, 2025)]
    reports += [r for r in b.on_time_reports("379923", 2025) if r.month.month <= 6]
    reports += [r for r in b.on_time_reports("379924", 2025) if r.month.month >= 7]
    return se.Dataset(
        city=City("379900", "示范市"),
        counties=COUNTIES,
        departments=(Department("city-amr", "市市场监管局"),),
        points=tuple(points),
        contacts=tuple(contacts),
        reports=tuple(reports),
        appraisal_rounds=(R1, R2),
        ratings=tuple(ratings),
        roster_changes=tuple(changes),
        filings=(
            Filing("F-379902", "379902", date(2025, 12, 1), ("RC-A19",)),
            Filing("F-379923", "379923", date(2025, 6, 20), tuple(f"RC-W{k}" for k in range(3))),
            Filing("F-379924", "379924", date(2025, 7, 15), tuple(f"RC-J{k}" for k in range(3))),
        ),
    )


def set_report(ds: se.Dataset, county: str, month: Month, at) -> se.Dataset:
    """``ds`` with ``county``'s report of ``month`` submitted at ``at`` (None: none)."""
    reps = [r for r in ds.reports if not (r.county == county and r.month == month)]
    if at is not None:
        reps.append(b.monthly_report(county, month, at))
    return attrs.evolve(ds, reports=tuple(reps))
