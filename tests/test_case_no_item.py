"""A data-driven case can say that a rule gives a point no item (`null`).

A rule that awards nothing adds no item, so `"items": {"rule": 0}` failed with
`…: not in the result` and a case had no way to say "this rule did not score it" but the
point's total, which other rules move too (finding p31 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from softenv_core import SoftenvPluginManager, dump_dataset, get_plugin_manager
from softenv_core.plugin import Award, ParameterSet, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing import small_dataset
from softenv_core.testing.cases import CASES_SCHEMA, Case, run_case

NONE = "county.379902.extra.none"


def _never(ctx: PointYear) -> Award | None:
    return None


class _AwardsNothing:
    """A county plugin whose one extra rule never awards: the rule exists, its item never does
    (a case naming an id no rule has is told so: tests/test_case_rule_ids.py)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [Rule(NONE, "none", "无", "none", "东经贸〔2025〕1号", _never, 1, date(2024, 1, 1))]


def _pm() -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("none", _AwardsNothing())])


def _case(items: dict[str, object]) -> Case:
    doc = dump_dataset(small_dataset(2025, ("379902",)))
    return Case("c", 2025, doc, {"points": {"P-379902-2": {"items": items}}}, "test")


def test_null_expects_no_item_of_the_rule() -> None:
    assert run_case(_case({NONE: None}), _pm()) == []


def test_null_fails_where_the_rule_gave_an_item() -> None:
    found = run_case(_case({"city.duty.contact": None}))
    assert len(found) == 1
    assert found[0].startswith("point P-379902-2 items.city.duty.contact: expected no item, got 30")


def test_a_number_for_a_rule_that_gave_no_item_says_how_to_expect_none() -> None:
    found = run_case(_case({NONE: 0}), _pm())
    assert len(found) == 1 and "no item" in found[0] and "null" in found[0]


def _items_schema(node: Any) -> Any:
    if isinstance(node, dict):
        props = node.get("properties", {})
        if "nominable" in props and "items" in props:
            return props["items"]
        return next((f for v in node.values() if (f := _items_schema(v)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := _items_schema(v)) is not None), None)
    return None


def test_the_schema_takes_null_for_an_item() -> None:
    assert _items_schema(CASES_SCHEMA)["additionalProperties"]["type"] == ["number", "null"]
