"""Auditor a62: a renamed enterprise's former names, and a month without any contact record.

01. An enterprise renamed (更名) mid-year: texts written before the rename (a contact's items, a
    complaint, a report's items) name it by its former name, which the privacy screen did not
    know, so a department read the complainant's old name in clear. ``Enterprise.former_names``
    records them on the one point record, and the screen masks them as it masks ``name``; the
    dataset JSON and the office workbook (监测点's 曾用名 column) carry them both ways.
02. A month in which nobody logged a contact (for a county, or the city) is charged 未联系上 by
    the duty score yet breaks an unreached run at the year end: the city has not said which
    reading holds (docs/yearend.md "Open:"), so both the assessment's and the year end's notices
    name the month and its county.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core.errors import FieldInvalid
from softenv_core.model.enterprises import Enterprise
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.testing import builders as b

P = "P-379902-2"
OLD, NEW = "东城华泰机械制造有限公司", "东城华泰智能装备有限公司"


def _renamed(former: tuple[str, ...]) -> se.Dataset:
    """P renamed OLD → NEW (the record edited in place), March's contact naming it OLD."""
    ds = b.small_dataset(2025)
    point = next(p for p in ds.points if p.id == P)
    enterprise = attrs.evolve(point.enterprise, name=NEW, former_names=former)
    points = tuple(attrs.evolve(p, enterprise=enterprise) if p.id == P else p for p in ds.points)
    text = f"{OLD}反映：市市场监管局执法人员一月内三次上门检查，影响生产"
    item = Item(ItemCategory.ENFORCEMENT, text, "city-amr")
    contacts = tuple(attrs.evolve(c, items=(item,)) if c.id == f"C-{P}-2025-03" else c for c in ds.contacts)
    return attrs.evolve(ds, points=points, contacts=contacts)


@pytest.mark.parametrize("audience", ["department:city-amr", "public", "county:379921", "county:379902"])
def test_01_former_name_screened(audience: str) -> None:
    doc = se.monitoring_report(_renamed((OLD,)), "2025-03", audience=audience).to_json()
    assert OLD not in doc
    assert "东城华泰机械" not in doc  # nor its short form (简称), as for a current name
    if audience == "department:city-amr":
        assert "某企业反映：市市场监管局执法人员" in doc


def test_01_city_office_reads_it() -> None:
    doc = se.monitoring_report(_renamed((OLD,)), "2025-03", audience=se.CITY_OFFICE).to_json()
    assert OLD in doc


def test_01_references_unchanged_without_former_names() -> None:
    """An enterprise without former names keys complaint references as before the field."""
    from softenv_core.analyses.redaction_keys import _enterprise_key

    e = b.small_dataset(2025).points[0].enterprise
    assert _enterprise_key(e) == repr(e).replace(", former_names=()", "")
    assert _enterprise_key(attrs.evolve(e, former_names=(OLD,))) != _enterprise_key(e)


def test_01_json_round_trip_and_old_files(tmp_path: Path) -> None:
    ds = _renamed((OLD, "华泰、机械 厂"))
    back = se.loads_dataset(se.dataset_json(ds))
    assert next(p for p in back.points if p.id == P).enterprise.former_names == (OLD, "华泰、机械 厂")
    data = json.loads(se.dataset_json(b.small_dataset(2025)))
    for p in data["points"]:
        del p["enterprise"]["former_names"]  # a file written before the field loads unchanged
    assert se.loads_dataset(json.dumps(data)) == b.small_dataset(2025)


@pytest.mark.parametrize("bad", [("",), ("  ",), ("名" * 201,), "东城华泰"])
def test_01_former_names_checked(bad: object) -> None:
    e = b.small_dataset(2025).points[0].enterprise
    with pytest.raises(FieldInvalid, match="former_names"):
        attrs.evolve(e, former_names=bad)
    assert Enterprise(e.name, e.uscc, e.size, e.ownership, e.sector, former_names=[OLD]).former_names == (OLD,)


def test_01_loader_names_the_path() -> None:
    data = json.loads(se.dataset_json(b.small_dataset(2025)))
    data["points"][1]["enterprise"]["former_names"] = [OLD, " "]
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(json.dumps(data))
    assert any("points[1]" in p and "former_names" in p for p in caught.value.problems), caught.value.problems


def test_01_workbook_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    ds = _renamed((OLD, "华泰、机械 厂"))
    write_workbook(ds, tmp_path / "a.xlsx")
    assert read_workbooks([tmp_path / "a.xlsx"]) == ds
