"""A county report's item naming a point of another county, or a point not designated in the
report's month, is told as a warning (auditor a53 3): it loaded silently, cleared no 可能漏报
flag of the point's own record and counted the reporting county among a common problem's."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import Amendment, Month, dataset_warnings
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing import beijing, make_point, monthly_report, small_dataset

JIA, YI = "379902", "379921"


def _report_naming(point: str, *, amended: bool = False):  # type: ignore[no-untyped-def]
    item = Item(ItemCategory.OPERATIONS, "用电成本高", point=point)
    report = monthly_report(JIA, Month(2025, 3), beijing(2025, 4, 2, 9))
    if amended:
        return attrs.evolve(report, amendments=(Amendment(beijing(2025, 4, 3, 9), "甲区经贸委", (item,)),))
    return attrs.evolve(report, items=(item,), nothing_to_report=False)


def _with(report, *points):  # type: ignore[no-untyped-def]
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if (r.county, r.month) != (JIA, Month(2025, 3)))
    return attrs.evolve(ds, points=(*ds.points, *points), reports=(*reports, report))


def _told(ds):  # type: ignore[no-untyped-def]
    return [w for w in dataset_warnings(ds) if ".point: " in w and "$.reports" in w]


def test_an_item_naming_another_countys_point_is_told_with_its_path():
    other = next(p.id for p in small_dataset(2025).points if p.county == YI)
    (said,) = _told(_with(_report_naming(other)))
    assert said.endswith(
        f".items[0].point: {other} is a point of county {YI}, not of the reporting county {JIA}: "
        "it clears no flag of that point's record"
    )
    (said,) = _told(_with(_report_naming(other, amended=True)))
    assert ".amendments[0].items[0].point: " in said


def test_an_item_naming_a_point_not_designated_in_the_month_is_told():
    later = make_point("PX", JIA, 90, designated_from=date(2025, 6, 1))
    (said,) = _told(_with(_report_naming("PX"), later))
    assert said.endswith(
        "point: PX is not designated in 2025-03 (2025-06-01 to now): it clears no flag of that point's record"
    )


def test_an_item_naming_its_own_countys_point_is_not_told():
    own = next(p.id for p in small_dataset(2025).points if p.county == JIA)
    assert _told(_with(_report_naming(own))) == []
