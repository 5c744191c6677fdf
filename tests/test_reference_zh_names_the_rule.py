"""A reference_zh (or title, reference) that is not text is refused naming the rule it belongs
to, its type and the hook (p35: `softenv plugins --check` printed `hook
softenv_extra_point_rules: raised FieldInvalid: reference_zh: must be a non-blank string`, no
rule named, where an effective_from of the wrong type names it)."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import Condition, FieldInvalid, Month, Rule, WorkCalendar, hookimpl, workday_deadline
from softenv_core.plugin import PluginInfo, monthly_deadline
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.plugin_check import check_all


def _rule(**kw: object) -> Rule:
    fields: dict[str, object] = {
        "id": "county.379903.extra.online",
        "label": "x.online",
        "title_zh": "网络联系",
        "title_en": "online",
        "reference": "No. 9",
        "score": lambda ctx: None,
        "max_points": 4,
        "effective_from": date(2025, 1, 1),
    }
    return Rule(**{**fields, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["reference_zh", "reference", "title_zh"])
def test_a_rule_s_text_field_of_another_kind_names_the_rule_and_the_type(field: str) -> None:
    with pytest.raises(FieldInvalid, match=rf"{field} of county.379903.extra.online: .*got int 7"):
        _rule(**{field: 7})


def test_a_condition_s_reference_zh_names_the_condition() -> None:
    with pytest.raises(FieldInvalid, match=r"reference_zh of county.379903.topten.x: .*got list"):
        Condition(  # type: ignore[arg-type]
            id="county.379903.topten.x",
            title_zh="条件",
            title_en="condition",
            reference="No. 9",
            check=lambda ctx: None,
            effective_from=date(2025, 1, 1),
            reference_zh=["第九条"],
        )


@pytest.mark.parametrize("builder", [monthly_deadline, workday_deadline])
def test_a_deadline_s_reference_zh_names_its_rule_id(builder: object) -> None:
    with pytest.raises(FieldInvalid, match=r"reference_zh: .*got list.*\(rule county.379903.report.deadline\)"):
        builder(  # type: ignore[operator]
            WorkCalendar(),
            Month(2025, 4),
            2,
            rule_id="county.379903.report.deadline",
            reference="No. 9",
            reference_zh=["第五条"],
        )


class _BadReference:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="西城区", reference="西经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: object) -> list[Rule]:
        return [_rule(reference_zh=7)]


def test_plugins_check_names_the_rule_of_a_reference_zh_that_is_not_text() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("xicheng", _BadReference())])
    faults, _runs = check_all(pm, 2025, 1)
    fault = next(f for f in faults if f.hook == "softenv_extra_point_rules")
    assert "reference_zh of county.379903.extra.online" in fault.problem and "got int 7" in fault.problem
