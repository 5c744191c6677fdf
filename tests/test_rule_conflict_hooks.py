"""Every ``RuleConflict`` names its hook (docs/hooks.md: "every PluginError and RuleConflict
names the plugin and the hook"), in ``hook`` and in its text.

Plugin author p41 found the replacement conflicts of ``softenv_point_rules`` naming none, and
only those were fixed (b2b6e4d); their siblings still had ``hook`` None: two rules sharing an id,
two county plugins answering one county, a county deadline later than the city's (reviewer d3).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from softenv_core import CITY_OFFICE, RuleConflict, assess, get_plugin_manager
from softenv_core.plugin import (
    Award,
    County,
    Deadline,
    Month,
    ParameterSet,
    PluginInfo,
    Rule,
    WorkCalendar,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset

CODE = "379981"


class _County:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="临江市", reference="临江市〔2025〕3号")


def _extra(rule_id: str) -> Rule:
    return Rule(
        id=rule_id,
        label="linjiang.extra",
        title_zh="x",
        title_en="x",
        reference="临江市〔2025〕3号",
        score=lambda ctx: Award(1, "r"),
        max_points=1,
        effective_from=date(2025, 1, 1),
    )


class _TwinRules(_County):
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [_extra("county.379981.x"), _extra("county.379981.x")]


class _Deadline(_County):
    def __init__(self, due_day: int) -> None:
        self.due_day = due_day

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        return monthly_deadline(calendar, month, self.due_day, rule_id="county.379981.deadline", reference="r")


@pytest.mark.parametrize(
    ("plugins", "hook"),
    [
        ([("twins", _TwinRules())], "softenv_extra_point_rules"),
        ([("one", _Deadline(3)), ("other", _Deadline(4))], "softenv_report_deadline"),
        ([("late", _Deadline(20))], "softenv_report_deadline"),
    ],
    ids=["two rules of one id", "two county answers", "a deadline later than the city's"],
)
def test_a_rule_conflict_names_its_hook(plugins: list[tuple[str, object]], hook: str) -> None:
    pm = get_plugin_manager(autoload=False, plugins=plugins)
    with pytest.raises(RuleConflict) as e:
        assess(small_dataset(2025, (CODE,)), 2025, pm, audience=CITY_OFFICE)
    assert e.value.hook == hook, str(e.value)
    assert f"({hook})" in str(e.value)
