"""The roster (名单) through the year: changes and their filings (备案), nominations, departments' suggestions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from softenv_core.model.divisions import County
from softenv_core.model.periods import BEIJING
from softenv_core.model.points import Designator, MonitoringPoint
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    Filing,
    Nomination,
    RosterChange,
)


def roster_changes(year: int, points: list[MonitoringPoint], since: date) -> tuple[list[RosterChange], list[Filing]]:
    """The roster changes that the points' designation dates imply, and the counties' filings.

    Additions take effect on the point's first day, removals the day after its last; the
    change is decided by whoever designated the point. Of the county changes of ``year``, a
    third are filed a fortnight ahead, a third after they took effect, a third not at all.
    The additions of earlier years after the programme's start (``since``: before it is the
    initial roster, which records none) are recorded too, each filed a fortnight ahead: else
    the demo's own 2023 and 2024 year ends listed its roster as unrecorded changes (r3 04).
    """
    changes, filings = _earlier_additions(year, points, since)
    earlier = len(changes)
    removals = 0
    for p in points:
        if p.designated_from.year == year:
            changes.append(_addition(p, "年度调整新确定" if p.designated_from.month == 1 else "年中增补"))
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
    for i, ch in enumerate(c for c in changes[earlier:] if c.by is Designator.COUNTY):
        if i % 3 == 2:
            continue  # not filed with the city
        filed = ch.effective + timedelta(days=10 if i % 3 == 1 else -14)
        filings.append(Filing(f"F-{ch.id}", ch.county, filed, (ch.id,)))
    return changes, filings


def _earlier_additions(
    year: int, points: list[MonitoringPoint], since: date
) -> tuple[list[RosterChange], list[Filing]]:
    """The additions before ``year`` and after ``since`` (all at a January adjustment), with
    the counties' filings of them, in time (the year's own changes keep their mix of faults)."""
    changes = [
        _addition(p, "年度调整新确定") for p in points if since < p.designated_from and p.designated_from.year < year
    ]
    filings = [
        Filing(f"F-{ch.id}", ch.county, ch.effective - timedelta(days=14), (ch.id,))
        for ch in changes
        if ch.by is Designator.COUNTY
    ]
    return changes, filings


def nominations(year: int, points: list[MonitoringPoint], county_list: tuple[County, ...]) -> list[Nomination]:
    """Each county's nominations for 十佳 among its points of the whole year; some over the quota.

    Submitted in December, a county a day (推荐时间), so that the year end as of the year's
    instant (early January) reads them all; one asked for an earlier instant reads fewer."""
    out = []
    for ci, c in enumerate(county_list):
        mine = [
            p
            for p in points
            if p.county == c.code and p.designated_until is None and p.designated_from <= date(year, 1, 1)
        ]
        count = 3 if ci == 7 else 2 if ci % 2 == 0 else 1
        submitted = datetime(year, 12, 10 + ci % 15, 9 + ci % 8, 30, tzinfo=BEIJING)
        for k, p in enumerate(mine[2 : 2 + count]):
            out.append(Nomination(f"N-{year}-{c.code}-{k + 1}", year, c.code, p.id, submitted_at=submitted))
    return out


def adjustment_suggestions(
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


def _addition(p: MonitoringPoint, note: str) -> RosterChange:
    """The roster change (名册调整) adding ``p`` on its designation day."""
    return RosterChange(
        f"RC-{p.id}-add",
        p.id,
        ChangeAction.ADD,
        ChangeReason.DESIGNATION,
        p.designated_from,
        p.designated_by,
        p.county,
        note=note,
    )
