"""Reviewer r57's findings on the forty-first session's changes.

02. A county plugin's figure citing the city's value a month was read with before a mid-year
    change (the value the city's own month scores cite) was refused, stopping the assessment:
    a cited city value must be one in force on some day of the figure's period (the year for an
    award or a failure), not on its last day alone. One superseded before the year or in force
    only after it stays refused (plugin author p50 02, tests/test_plugin_p50.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess
from softenv_core.engine.param_sources import param_source_problem
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.plugin import Condition, CountyYear, Failure, PluginInfo, hookimpl
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import small_dataset

GRACE = "compliance.late_grace_workdays"


def _grace_changed_on(day: date, value: int = 2) -> ParameterSet:
    base = baseline_parameters()
    grace = next(p for p in base.parameters if p.name == GRACE)
    changed = attrs.evolve(grace.values[-1], effective_from=day, value=value)
    return base.merged([attrs.evolve(grace, values=(*grace.values, changed))])


def _condition_citing(on: date) -> object:
    class Stonebridge:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379924", title="石桥县细则", reference="石桥县〔2025〕4号")

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            def check(ctx: CountyYear) -> Failure | None:
                used = ctx.params.get(GRACE, on)  # read as the city reads the month before ``on``
                return Failure(f"迟报超过{used.value}个工作日", (), (used,))

            return [
                Condition(
                    id="county.379924.topten.grace",
                    title_zh="迟报",
                    title_en="late",
                    reference="石桥县〔2025〕4号 第八条",
                    check=check,
                    effective_from=date(2025, 1, 1),
                )
            ]

    return Stonebridge()


def _assess(plugin: object, params: ParameterSet) -> Any:
    pm = get_plugin_manager(autoload=False, plugins=[("stonebridge", plugin)])
    return assess(small_dataset(2025, ("379924", "379902")), 2025, pm, audience=CITY_OFFICE, params=params)


def test_02_the_value_a_month_was_read_with_before_a_mid_year_change_is_cited() -> None:
    params = _grace_changed_on(date(2025, 7, 1))
    county = _assess(_condition_citing(date(2025, 4, 1)), params).county("379924")
    failed = [c for c in county.conditions if c.rule.id == "county.379924.topten.grace"]
    assert failed and failed[0].params[0].value == 3  # 3 from 2022-03-01, in force until 06-30
    city_cites = {(pv.value, pv.effective_from) for pv in county.compliance_params if pv.name == GRACE}
    assert (3, date(2022, 3, 1)) in city_cites and (2, date(2025, 7, 1)) in city_cites


@pytest.mark.parametrize(
    ("change", "cited_on", "refused"),
    [
        (date(2025, 7, 1), date(2025, 4, 1), False),  # in force January to June
        (date(2025, 7, 1), date(2025, 8, 1), False),  # in force July to December
        (date(2025, 1, 1), date(2024, 12, 31), True),  # superseded before the year
        (date(2026, 1, 1), date(2026, 1, 1), True),  # next year's
    ],
)
def test_02_a_city_value_is_one_in_force_on_a_day_of_the_year(change: date, cited_on: date, refused: bool) -> None:
    params = _grace_changed_on(change)
    cited = params.get(GRACE, cited_on)
    problem = param_source_problem("379924", cited, params, date(2025, 12, 31), date(2025, 1, 1))
    assert (problem is not None) is refused, problem
    if refused:
        assert problem is not None and "in force on a day from 2025-01-01 to 2025-12-31" in problem


def test_02_a_deadlines_city_value_is_the_one_in_force_on_its_day() -> None:
    """A deadline is a figure of one day (its 规定日): without ``since`` the day alone."""
    params = _grace_changed_on(date(2025, 7, 1))
    earlier = params.get(GRACE, date(2025, 4, 1))
    assert param_source_problem("379924", earlier, params, date(2025, 8, 5)) is not None
    assert param_source_problem("379924", params.get(GRACE, date(2025, 8, 5)), params, date(2025, 8, 5)) is None


# 05 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("无", ""),  # 是 in 零报告, 否 in 是否联系上: no hint rather than a wrong one
        ("没有", ""),
        ("有", ""),
        ("无事项", "；是否应为 是？"),  # 零报告's "nothing to report"
        ("没有反映事项", "；是否应为 是？"),
        ("零报告", "；是否应为 是？"),
        ("未联系上", "；是否应为 否？"),
        ("没联系上", "；是否应为 否？"),
        ("不是", "；是否应为 否？"),
        ("已联系", "；是否应为 是？"),
    ],
)
def test_05_a_yes_no_hint_only_where_the_word_means_the_same_in_every_column(typed: str, hint: str) -> None:
    from softenv_core.io.cell_hints import yes_no_hint

    assert yes_no_hint(typed) == hint


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("联系上了", "；是否应为 是？"),
        ("电话未接通", "；是否应为 否？"),
        ("无人接听", "；是否应为 否？"),
        ("手机关机", "；是否应为 否？"),
        ("本月无事项", "；是否应为 是？"),
        ("本月没有反映事项", "；是否应为 是？"),
        ("有", ""),
    ],
)
def test_05_the_clerks_other_words_get_their_hint_too(typed: str, hint: str) -> None:
    """Clerk c54 07: words a clerk types that mean the same in every 是/否 column."""
    from softenv_core.io.cell_hints import yes_no_hint

    assert yes_no_hint(typed) == hint
