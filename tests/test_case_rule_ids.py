"""A data-driven case naming a rule id that no rule scoring the point has is told so (p39).

A case expecting ``null`` (no item) of a mistyped id passed whatever the plugin did, and one
expecting points of the scaffold's id after the rule was renamed said "no item of this rule
(it awarded nothing)", sending its author to look for why the rule did not award.
"""

from __future__ import annotations

from softenv_core import dump_dataset, get_plugin_manager
from softenv_core.testing import small_dataset
from softenv_core.testing.cases import Case, run_case

from . import p39_shiqiao as shiqiao

HALVES = "county.379924.extra.symposium_halves"


def _case(point: str, items: dict[str, object]) -> Case:
    doc = dump_dataset(small_dataset(2025, ("379924",)))
    return Case("c", 2025, doc, {"points": {point: {"items": items}}}, "test")


def _run(point: str, items: dict[str, object]) -> list[str]:
    return run_case(_case(point, items), get_plugin_manager(autoload=False, plugins=[("shiqiao", shiqiao)]))


def test_a_null_of_a_mistyped_id_fails_naming_the_rules_the_point_has() -> None:
    (found,) = _run("P-379924-2", {"county.379924.extra.symposium_halfs": None})
    assert "no rule with this id scores this point" in found
    assert HALVES in found and "city.duty.contact" in found


def test_points_of_a_renamed_id_say_the_id_is_wrong_not_that_it_awarded_nothing() -> None:
    (found,) = _run("P-379924-2", {"county.379924.extra.symposium": 2})
    assert "mistyped or renamed" in found and "awarded nothing" not in found


def test_a_county_rule_on_a_city_point_says_the_city_alone_scores_it() -> None:
    (found,) = _run("P-379924-1", {HALVES: None})
    assert "市直 point, scored by the city's rules alone" in found
    assert HALVES not in found.split("its rules:")[1]


def test_a_real_rule_that_awarded_nothing_still_passes_with_null() -> None:
    assert _run("P-379924-2", {HALVES: None, "city.duty.extra_cap": None}) == []
