"""Auditor a76: year-end county assessment and 十佳, computed by hand (tests/a76_world.py).

Each test asserts the behaviour the policy or docs call for; each fails today.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

import softenv_core as sc  # noqa: E402
from softenv_core.engine.parameters import DatedValue, ParameterSet, baseline_parameters  # noqa: E402
from softenv_core.io.dataset_files import loads_dataset  # noqa: E402

from a76_world import build  # noqa: E402


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


def test_02_county_office_named_as_a_city_office_is_flagged() -> None:
    """A waiver counts only when decided by the city (DESIGN "十佳 baseline", principle 5:
    only a city waiver can relax the baseline), recognised by `decided_by` matching the city's
    office names. A county whose own liaison office is recorded under a city office's name
    (丁区 with liaison_office 市经贸委; a 县级市's 经贸委 is locally 市经贸委 too) loads without
    a word, and the waiver its own office decided (decided_by 市经贸委) makes it 可评先进 —
    the same data with 丁区经贸委 is ignored with a notice. Validation should name the clash
    ($.counties[3].liaison_office) rather than let a county's waiver pass as the city's."""
    d = build()
    for c in d["counties"]:
        if c["code"] == "379905":
            c["liaison_office"] = "市经贸委"
    try:
        ds = loads_dataset(json.dumps(d, ensure_ascii=False))
    except sc.InputError as e:  # refusing it is fine too
        assert "$.counties[3]" in str(e)
        return
    warnings = sc.dataset_warnings(ds)
    assert any("$.counties[3]" in w for w in warnings), warnings
