"""Auditor a76: year-end county assessment and 十佳, computed by hand (tests/a76_world.py).

Each test asserts the behaviour the policy or docs call for; each failed before its fix
(fixer fa76: 01 baihe's max_points from duty.contact.points; 02 a county's liaison office under
a city office's name refused, by the loader and, for a name a parameter adds, by the assessment).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as sc
from softenv_core.engine.parameters import DatedValue, ParameterSet, baseline_parameters
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.divisions import SEED_OFFICE_NAMES

from .a76_world import build


def _params_with(name: str, day: date, value: object) -> ParameterSet:
    base = baseline_parameters()
    out = []
    for p in base.parameters if hasattr(base, "parameters") else base._parameters:
        if p.name == name:
            p = attrs.evolve(p, values=(*p.values, DatedValue(day, value)))
        out.append(p)
    return ParameterSet(tuple(out))


def test_01_baihe_contact_rule_follows_the_city_points_parameter() -> None:
    """白河县's rule keeps "the city's 30 points" (its README) by reading duty.contact.points,
    but declares max_points=30 as a literal. docs/rules.md: "raising the parameter raises the
    bound" (a dated city decision, docs/architecture.md "When a new value starts to count").
    With duty.contact.points = 40 from 2025-01-01 the whole city's 2025 assessment stops on a
    PluginError (awarded 32.00, beyond its max_points 30.00). By hand: P-B1, reached by phone
    only in all 12 owed months, 40 × (12 × 0.8)/12 = 32.00; P-B2, 6 visits + 6 phone months,
    40 × 10.8/12 = 36.00."""
    ds = loads_dataset(json.dumps(build(), ensure_ascii=False))
    params = _params_with("duty.contact.points", date(2025, 1, 1), 40)
    a = sc.assess(ds, 2025, sc.get_plugin_manager(), params=params, audience="city")
    items = {p.id: {i.rule.id: i.points for i in p.items} for p in a.points}
    assert items["P-B1"]["baihe.duty.contact_quality"] == Decimal("32.00")
    assert items["P-B2"]["baihe.duty.contact_quality"] == Decimal("36.00")


def _with_office(office: str) -> Any:
    """The a76 world with 丁区 (379905, $.counties[3]) recorded under liaison office ``office``."""
    d: Any = build()
    for c in d["counties"]:
        if c["code"] == "379905":
            c["liaison_office"] = office
    return d


def test_02_county_office_named_as_a_city_office_is_flagged() -> None:
    """A waiver counts only when decided by the city (DESIGN "十佳 baseline", principle 5:
    only a city waiver can relax the baseline), recognised by `decided_by` matching the city's
    office names. A county whose own liaison office is recorded under a city office's name
    (丁区 with liaison_office 市经贸委; a 县级市's 经贸委 is locally 市经贸委 too) loaded without
    a word, and the waiver its own office decided (decided_by 市经贸委) made it 可评先进 —
    the same data with 丁区经贸委 is ignored with a notice. The loader now refuses the clash at
    $.counties[3].liaison_office (the tester allowed a warning or a refusal; fixer fa76 chose
    the refusal: the waiver's decider cannot be told apart, DESIGN principle 3)."""
    for office in ("市经贸委", "市软建办", "测试市经贸委", " 市经贸委 "):
        with pytest.raises(sc.InputError) as info:
            loads_dataset(json.dumps(_with_office(office), ensure_ascii=False))
        (problem,) = info.value.details
        assert problem.path == "$.counties[3].liaison_office" and problem.record_id == "379905"
        assert "is a name of the city's offices" in problem.message
        assert problem.zh is not None and "是市级机构的名称" in problem.zh  # reworded, r63 08
    # a county office of its own name loads, and its own waiver is ignored with a notice
    ds = loads_dataset(json.dumps(_with_office("丁区经信局"), ensure_ascii=False))
    assert ds.counties[3].liaison_office == "丁区经信局"


def test_02_the_workbook_import_tells_the_cell(starter: Path) -> None:
    """The 县区 sheet's 经贸委名称 column is the field: the import names its cell, in Chinese."""
    pytest.importorskip("python_calamine")
    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_schema import SHEET_BY_NAME

    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    column = SHEET_BY_NAME["县区"].column("liaison_office")
    wb["县区"].cell(3, column + 1).value = "市经贸委"
    book = starter.parent / "a76_02.xlsx"
    wb.save(book)
    with pytest.raises(sc.InputError) as info:
        read_workbooks([book])
    cell = f"县区!{chr(ord('A') + column)}3 (379902 经贸委名称): 经贸委名称 市经贸委 是市级机构的名称"
    assert any(cell in p for p in info.value.problems), info.value.problems


def test_02_a_decider_a_parameter_adds_is_refused_by_the_assessment() -> None:
    """A name topten.waiver_deciders adds is known only with the parameters: a county's waiver
    decided by its own office, which the parameter also names as the city's, is refused by the
    assessment at the county's office, not counted as the city's."""
    ds = loads_dataset(json.dumps(build(), ensure_ascii=False))  # W-D: 丁区 2025-07, by 丁区经贸委
    params = _params_with("topten.waiver_deciders", date(2025, 1, 1), [*SEED_OFFICE_NAMES, "丁区经贸委"])
    with pytest.raises(sc.InputError) as info:
        sc.assess(ds, 2025, sc.get_plugin_manager(), params=params, audience="city")
    (problem,) = info.value.details
    assert problem.path == "$.counties[3].liaison_office"
    assert "waiver W-D is decided_by it" in problem.message and problem.zh is not None
    # without the parameter's name the waiver is the county's own: ignored with a notice
    a = sc.assess(ds, 2025, sc.get_plugin_manager(), audience="city")
    assert any("waiver W-D" in n and "not the city" in n for n in a.notices)


def test_02_the_seed_names_are_the_baseline_deciders() -> None:
    """The loader checks a county's office against the seed's names of the city's offices
    (model.divisions.SEED_OFFICE_NAMES); the assessment reads topten.waiver_deciders, whose
    baseline value must be those names, or the two would disagree on who decides."""
    pv = baseline_parameters().get("topten.waiver_deciders", date(2025, 1, 1))
    assert pv.texts() == SEED_OFFICE_NAMES
