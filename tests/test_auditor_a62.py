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

    # A space stays in the name; 、 separates names since clerk c54 02 (tests/test_clerk_c54.py).
    ds = _renamed((OLD, "华泰机械 厂"))
    write_workbook(ds, tmp_path / "a.xlsx")
    assert read_workbooks([tmp_path / "a.xlsx"]) == ds


# --- 02: a month with no contact record at all ---------------------------------------------------


def _silent_july() -> se.Dataset:
    """The finding's case: nobody logs a contact in July 2025; P not reached in June and August.
    And 乙县 379921 logs none with its own point in September (the others do)."""
    ds = b.small_dataset(2025)
    contacts = []
    for c in ds.contacts:
        if c.date.month == 7 or (c.date.month == 9 and c.point == "P-379921-2"):
            continue
        if c.point == P and c.date.month in (6, 8):
            c = attrs.evolve(c, reached=False, items=())
        contacts.append(c)
    return attrs.evolve(ds, contacts=tuple(contacts))


@pytest.fixture(scope="module")
def silent() -> tuple[se.Dataset, se.Assessment]:
    ds = _silent_july()
    return ds, se.assess(ds, 2025, audience=se.CITY_OFFICE)


def _silent(notices: tuple[str, ...]) -> list[str]:
    return [n for n in notices if n.startswith("no contacts: ")]


def test_02_assessment_names_the_months(silent: tuple[se.Dataset, se.Assessment]) -> None:
    ds, a = silent
    said = _silent(a.notices)
    wide = [n for n in said if "in the whole dataset" in n]
    assert [n.split(",")[0] for n in wide] == [
        f"no contacts: liaison office {o}" for o in ("379902", "379921", "379981", "city")
    ]
    assert all(", 2025-07: " in n and "end at it" in n for n in wide)
    (only,) = [n for n in said if "in the whole dataset" not in n]
    assert only.startswith("no contacts: liaison office 379921, 2025-09: ")
    # Neither reading is changed (the city decides): the score charges July, the run ends at it.
    item = next(i for i in a.point(P).items if i.rule.id == "city.duty.contact")
    assert "未联系上：2025-06、2025-07、2025-08" in item.reason
    ye = se.year_end(ds, 2025, audience=se.CITY_OFFICE, assessment=a)
    assert not [p for p in ye.proposals if p.point == P]
    assert _silent(ye.notices) == said


def test_02_none_without_silent_months() -> None:
    ds = b.small_dataset(2025)
    a = se.assess(ds, 2025, audience=se.CITY_OFFICE)
    assert _silent(a.notices) == []
    assert _silent(se.year_end(ds, 2025, audience=se.CITY_OFFICE, assessment=a).notices) == []


@pytest.mark.parametrize(
    ("audience", "offices"),
    [
        ("county:379921", ["379921", "379921"]),
        ("county:379902", ["379902"]),
        ("department:city-amr", []),
        ("public", []),
    ],
)
def test_02_each_reader_its_own(silent: tuple[se.Dataset, se.Assessment], audience: str, offices: list[str]) -> None:
    ds, _ = silent
    for result in (se.assess(ds, 2025, audience=audience), se.year_end(ds, 2025, audience=audience)):
        assert [n.split(",")[0].rsplit(" ", 1)[1] for n in _silent(result.notices)] == offices


def test_02_in_chinese(silent: tuple[se.Dataset, se.Assessment]) -> None:
    from softenv_core.render.assessment import summary
    from softenv_core.render.notices import zh_notice

    ds, a = silent
    text = se.render_yearend(se.year_end(ds, 2025, audience="county:379921", assessment=a), lang="zh")
    # The county named and the dataset said, not 全市 (clerk c54 04: tests/test_clerk_c54.py).
    assert "无联系记录：乙县（379921）负责联系的监测点在 2025-07 都没有联系记录（本数据集中当月没有任何单位的" in text
    assert "无联系记录：乙县（379921）负责联系的监测点在 2025-09 都没有本单位的联系记录（其他单位记录的" in text
    assert "no contacts" not in text
    assert "无联系记录：市直监测点在 2025-07 都没有联系记录（本数据集中当月没有任何单位的联系记录）" in summary(a, "zh")
    named = [zh_notice(n, {"379902": "甲区"}) for n in _silent(a.notices)]
    assert named[0].startswith("无联系记录：甲区（379902）负责联系的监测点在 2025-07 都没有"), named
