"""Who may change a point (auditor a39, finding 1): a county's roster change of a 市直 point is
refused, naming the change's ``by``; any other ``by`` that differs from the point's
``designated_by`` is a dataset warning naming both paths, in English and in Chinese.

small_dataset: P-<county>-1 is 市直 (level city, designated by the city), P-<county>-2 a 县区
point the city designated (level county, designated_by city)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, InputError, check_filings, validate
from softenv_core.io.dataset_files import dataset_json, dataset_warnings, loads_dataset
from softenv_core.io.workbook_messages import translated, zh_problem
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing import small_dataset

JIA = "379902"
JULY = date(2025, 7, 1)


def _removed(point_index: int, by: Designator, **point_changes):
    """small_dataset with points[point_index] removed effective 1 July by ``by`` (its record ending
    on 30 June, as the change says), filed with the city in June."""
    ds = small_dataset(2025)
    p = attrs.evolve(ds.points[point_index], designated_until=date(2025, 6, 30), **point_changes)
    points = tuple(p if k == point_index else q for k, q in enumerate(ds.points))
    contacts = tuple(c for c in ds.contacts if c.point != p.id or c.date < JULY)
    change = RosterChange("RC1", p.id, ChangeAction.REMOVE, ChangeReason.OWN_WISH, JULY, by, p.county)
    filing = Filing("F1", p.county, date(2025, 6, 15), ("RC1",))
    return attrs.evolve(ds, points=points, contacts=contacts, roster_changes=(change,), filings=(filing,))


def _problems(ds) -> list[str]:
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(ds))
    return list(info.value.problems)


def test_a_countys_change_of_a_city_level_point_is_refused_at_its_by():
    ds = _removed(0, Designator.COUNTY)
    assert ds.points[0].level is PointLevel.CITY
    (problem,) = _problems(ds)
    assert problem.startswith(
        "$.roster_changes[0] (RC1).by: county (县区) but point P-379902-1 is a 市直 point (level city: "
        "designated by the city, contacted by 市经贸委)"
    )
    # validate() of the dataset built in Python says the same
    with pytest.raises(InputError) as info:
        validate(ds)
    assert [p.partition(":")[0] for p in info.value.problems] == ["$.roster_changes[0] (RC1).by"]
    zh = zh_problem(problem)
    assert zh.startswith("$.roster_changes[0] (RC1).by: 调整方为县区，但监测点 P-379902-1 是市直监测点")


def test_the_citys_change_of_a_city_level_point_loads_without_a_word():
    ds = _removed(0, Designator.CITY)
    validate(ds)
    assert not [w for w in dataset_warnings(ds) if "roster_changes" in w]
    # the city's change asks no filing: none is checked
    assert check_filings(ds, audience=CITY_OFFICE) == ()


def test_a_countys_removal_of_a_point_the_city_designated_is_warned_with_both_paths():
    ds = _removed(1, Designator.COUNTY)  # P-379902-2: 县区 level, designated by the city
    validate(ds)  # a warning, not an error
    (warning,) = [w for w in dataset_warnings(ds) if "roster_changes" in w]
    assert warning.startswith(
        "$.roster_changes[0] (RC1).by: county but point P-379902-2 was designated by city "
        "($.points[1].designated_by): read as the county's change, whose filing (备案) with the city is checked"
    )
    assert translated(warning.partition(": ")[2])
    zh = zh_problem(warning)
    assert zh.partition(": ")[0] == "$.roster_changes[0] (RC1).by"
    assert "调整方为县区，但监测点 P-379902-2 的确定方式为市确定（$.points[1].designated_by）" in zh
    # and it is checked as a county's change: filed 06-15, before 07-01
    (check,) = check_filings(ds, audience=CITY_OFFICE)
    assert check.change == "RC1" and check.ok


def test_the_citys_removal_of_a_countys_own_point_is_warned_it_asks_no_filing():
    ds = _removed(1, Designator.CITY, designated_by=Designator.COUNTY)  # a 县区增设 point
    validate(ds)
    (warning,) = [w for w in dataset_warnings(ds) if "roster_changes" in w]
    assert warning.startswith(
        "$.roster_changes[0] (RC1).by: city but point P-379902-2 was designated by county "
        "($.points[1].designated_by): read as the city's change, which asks no filing (备案) of the county"
    )
    assert "按市里的调整不核对县区备案" in zh_problem(warning)
    assert check_filings(ds, audience=CITY_OFFICE) == ()  # what the warning says: not checked


def test_a_change_by_whoever_designated_the_point_is_not_warned():
    ds = _removed(1, Designator.CITY)
    assert not [w for w in dataset_warnings(ds) if "roster_changes" in w or ".designated_by" in w]


def test_a_city_level_point_the_county_added_is_warned_at_its_record():
    ds = small_dataset(2025)
    p = attrs.evolve(ds.points[2], designated_by=Designator.COUNTY)  # P-379921-1, 市直
    ds = attrs.evolve(ds, points=(*ds.points[:2], p, *ds.points[3:]))
    (warning,) = [w for w in dataset_warnings(ds) if ".designated_by" in w]
    assert warning.startswith("$.points[2] (P-379921-1).designated_by: county but level city: a 市直 point")
    assert "确定方式为县区增设，但层级为市直" in zh_problem(warning)
