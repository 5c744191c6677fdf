"""A county plugin cites only parameters it may cite (docs/hooks.md, "What the engine refuses").

Every ParamValue of an award, a failure or a deadline is printed in the explanation as the
figure it is (`参数: duty.extra_cap = 50 (自 2022-03-01; city decision)`). A plugin can make a
ParamValue by hand: named like a city parameter it must be the city's value as `ctx.params`
gives it, and named `county.OTHER.…` (a parameters.json copied from another county's plugin)
it would read as that county's figure. Both are a PluginError naming plugin, hook, rule and
`params[i]`; the county's own figures, the city's genuine ones and names of no namespace pass.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import PluginError
from softenv_core.plugin import (
    Award,
    Condition,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    ParameterSet,
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset

DS = small_dataset(2025, ("379902", "379921"))
CITY = baseline_parameters()
CAP = CITY.get("duty.extra_cap", date(2025, 12, 31))
DUE = CITY.get("report.due_day", date(2025, 2, 1))
MISSTATED_CAP = ParamValue("duty.extra_cap", 50, CAP.effective_from, CAP.reference)
MISSTATED_DUE = ParamValue("report.due_day", 3, DUE.effective_from, DUE.reference)
QINGSHAN = ParamValue("county.379921.extra.symposium.points", 2, date(2024, 1, 1), "青经贸〔2024〕7号")
OWN = ParamValue("county.379902.extra.points", 1, date(2025, 1, 1), "东经贸〔2025〕1号")
PLAIN = ParamValue("dongcheng.points", 1, date(2025, 1, 1), "东经贸〔2025〕1号")


class _Dongcheng:
    """379902's plugin citing ``cite`` in its award, its 十佳 failure or its deadline."""

    def __init__(self, hook: str, *cite: ParamValue) -> None:
        self.hook, self.cite = hook, cite

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            return Award(1, "加分", (), self.cite) if self.hook == "extra" else None

        return [
            Rule(
                id="county.379902.extra",
                label="dongcheng.extra",
                title_zh="加分",
                title_en="extra",
                reference="东经贸〔2025〕1号",
                score=score,
                max_points=5,
                effective_from=date(2025, 1, 1),
            )
        ]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> list[Condition]:
        def check(ctx: CountyYear) -> Failure | None:
            return Failure("不满足", (), self.cite) if self.hook == "condition" else None

        return [
            Condition(
                id="county.379902.topten",
                title_zh="条件",
                title_en="condition",
                reference="东经贸〔2025〕1号",
                check=check,
                effective_from=date(2025, 1, 1),
            )
        ]

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        if self.hook != "deadline":
            return None
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379902.deadline", reference="东经贸〔2025〕1号", params=self.cite
        )


def _assess(plugin: Any) -> Any:
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", plugin)])
    return assess(DS, 2025, pm, audience=CITY_OFFICE)


HOOKS = {
    "extra": ("softenv_extra_point_rules", "county.379902.extra"),
    "condition": ("softenv_topten_conditions", "county.379902.topten"),
    "deadline": ("softenv_report_deadline", "county.379902.deadline"),
}


@pytest.mark.parametrize("hook", sorted(HOOKS))
@pytest.mark.parametrize(
    ("cite", "words"),
    [
        ((MISSTATED_CAP,), ["params[0]", "duty.extra_cap = 50", "not the city's parameter", "is 10 from 2022-03-01"]),
        ((OWN, MISSTATED_DUE), ["params[1]", "report.due_day = 3", "is not the city's parameter", "is 5 from"]),
        ((QINGSHAN,), ["params[0]", "county.379921.extra.symposium.points is a parameter of county 379921"]),
        (
            (ParamValue("duty.extra_cap", 10, date(2021, 1, 1), "city decision"),),
            # compared with the value in force on the figure's day, not on its own (p50 02)
            ["params[0]", "duty.extra_cap = 10 (from 2021-01-01", "not the city's parameter in force on"],
        ),
    ],
)
def test_a_county_citing_a_figure_not_its_own_nor_the_city_s_is_refused(
    hook: str, cite: tuple[ParamValue, ...], words: list[str]
) -> None:
    with pytest.raises(PluginError) as caught:
        _assess(_Dongcheng(hook, *cite))
    message = str(caught.value)
    name, rule = HOOKS[hook]
    for word in ("plugin 'dongcheng'", name, rule, *words):
        assert word in message, message


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_the_county_s_own_figures_and_the_city_s_genuine_ones_are_cited(hook: str) -> None:
    result = _assess(_Dongcheng(hook, OWN, PLAIN, CAP, DUE))
    if hook == "extra":
        item = next(i for i in result.point("P-379902-2").items if i.rule.id == "county.379902.extra")
        assert item.params == (OWN, PLAIN, CAP, DUE)
    elif hook == "condition":
        county = result.county("379902")
        failed = next(c for c in county.failing_conditions if c.rule.id == "county.379902.topten")
        assert failed.params == (OWN, PLAIN, CAP, DUE)
    else:
        assert result.county("379902").months[0].deadline.params == (OWN, PLAIN, CAP, DUE)
