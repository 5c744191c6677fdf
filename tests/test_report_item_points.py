"""A county report's item naming a point of another county, or a point not designated in the
report's month, is told as a warning (auditor a53 3): it loaded silently, cleared no 可能漏报
flag of the point's own record and counted the reporting county among a common problem's."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import Amendment, Month, dataset_warnings
from softenv_core.io.workbook_messages import zh_message
from softenv_core.model.points import PointLevel
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
    other = next(p.id for p in small_dataset(2025).points if p.county == YI and p.level is PointLevel.COUNTY)
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
    own = next(p.id for p in small_dataset(2025).points if p.county == JIA and p.level is PointLevel.COUNTY)
    assert _told(_with(_report_naming(own))) == []


def test_an_item_corrected_by_an_amendment_is_no_longer_told():
    """Only the version that counts is read (DESIGN "Zero report": the latest amendment): the
    clerk who corrected the number the proper way was warned for ever after (review)."""
    other = next(p.id for p in small_dataset(2025).points if p.county == YI and p.level is PointLevel.COUNTY)
    own = next(p.id for p in small_dataset(2025).points if p.county == JIA and p.level is PointLevel.COUNTY)
    report = _report_naming(other)
    fixed = Amendment(beijing(2025, 4, 3, 9), "甲区经贸委", (attrs.evolve(report.items[0], point=own),))
    assert _told(_with(attrs.evolve(report, amendments=(fixed,)))) == []


def test_an_item_naming_a_city_level_point_is_told_as_one_whatever_its_territory():
    """A county's report answers for its county points only (DESIGN); a 市直 point was told as a
    point moved from another county, and one in the county's own territory not at all (review)."""
    for territory in (JIA, YI):
        city = make_point(f"PC-{territory}", territory, 91, level=PointLevel.CITY)
        (said,) = _told(_with(_report_naming(city.id), city))
        assert f"point: PC-{territory} is a city-level point (市直), not one of the reporting county's" in said
        assert zh_message(said.split(": ", 1)[1]).startswith(f"PC-{territory} 是市直监测点，县区月报只反映本县区监测点")


def test_an_old_record_of_the_same_county_is_told_in_chinese_with_the_record_to_write():
    """A record ended in February and the enterprise's new record of the same county from March:
    April's item naming the old one was told in English under --lang zh (its suffix was not read by
    the Chinese rule; review)."""
    old = make_point("POLD", JIA, 92, designated_until=date(2025, 2, 28))
    new = attrs.evolve(make_point("PNEW", JIA, 92, designated_from=date(2025, 3, 1)), enterprise=old.enterprise)
    item = Item(ItemCategory.OPERATIONS, "用电成本高", point="POLD")
    report = attrs.evolve(
        monthly_report(JIA, Month(2025, 4), beijing(2025, 5, 6, 9)), items=(item,), nothing_to_report=False
    )
    ds = small_dataset(2025)
    reports = tuple(r for r in ds.reports if (r.county, r.month) != (JIA, Month(2025, 4)))
    (said,) = _told(attrs.evolve(ds, points=(*ds.points, old, new), reports=(*reports, report)))
    zh = zh_message(said.split(": ", 1)[1])
    assert zh.startswith("监测点 POLD 在 2025-04 不在册（在册期间 2020-01-01 至 2025-02-28）"), zh
    assert zh.endswith("该企业 2025-04 在本县区的监测点编号是 PNEW，请写 PNEW"), zh
