"""Attacker x42: what the earlier attackers (x30, x33, x36, x40, x41) did not try.

01. The results workbook names each county in its notices (``东城区（379902）``, c39) by
    rewriting every six digits of the worded notice, ids and record texts among them: a waiver
    ``W-379923-2025-06`` decided by a county read ``W-云岭县（379923）-2025-06`` and its
    ``decided_by`` (``文号 379923号``) ``文号 云岭县（379923）号``; a point's own year end read
    ``阅读范围 监测点 P东城区（379902）-001``. A record's text and id are shown as written
    (DESIGN principle 8); only the parts of a notice that name a county are named.
02. A county plugin's ``ParamValue`` (an award's parameters) of more than 4 300 digits, or a
    Decimal the converter writes as such an int, passed the engine's check of what the output
    can write and then stopped the assessment's JSON and ``softenv explain`` with a bare
    ValueError; ``Decimal("1e999999999")`` would have been written as a billion-digit int.
    Numbers beyond 10^100 either way are now refused when the value is made, naming the rule.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.errors import PluginError
from softenv_core.plugin import Award, ParamValue, PluginInfo, Rule, hookimpl
from softenv_core.render.assessment import explain_point
from softenv_core.render.notices import zh_notice
from softenv_core.testing.builders import small_dataset

NAMES = {"379902": "东城区", "379923": "云岭县"}


def test_01_a_waivers_id_and_decider_are_shown_as_written() -> None:
    notice = (
        "waiver W-379923-2025-06 (379923 2025-06) was decided by 云岭县经贸委（文号 379923号）, "
        "not the city (its offices: 市软建办, 市经贸委): ignored"
    )
    said = zh_notice(notice, NAMES)
    assert said == (
        "豁免 W-379923-2025-06（云岭县（379923）2025-06）由 云岭县经贸委（文号 379923号） 决定，"
        "不是市级单位（市软建办、市经贸委）决定：不予采用"  # the offices joined by 、 (clerk c60 04)
    ), said


def test_01_a_decider_holding_a_county_code_alone_is_not_rewritten() -> None:
    notice = "waiver W-1 (379923 2025-06) was decided by 379902 办, not the city: ignored"
    assert zh_notice(notice, NAMES) == "豁免 W-1（云岭县（379923）2025-06）由 379902 办 决定，不是市级决定：不予采用"


def test_01_a_point_audiences_id_is_shown_as_written() -> None:
    said = zh_notice("阅读范围 监测点 P379902-001：按保密规则 (privacy.min_cell = 3) 编制", NAMES)
    assert said == "阅读范围 监测点 P379902-001：按保密规则编制（少于 3 的数及可据以推算的数已隐去）", said


def test_01_a_county_audience_and_the_months_lists_still_name_their_counties() -> None:
    said = zh_notice("阅读范围 县区 379902：按保密规则 (privacy.min_cell = 3) 编制", NAMES)
    assert said.startswith("阅读范围 县区 东城区（379902）："), said
    notice = (
        "pending: monthly reports not yet due at as_of: 379902 2025-12, 379923 2025-11—12; "
        "city.topten.on_time is not passed for such a county until they are due"
    )
    said = zh_notice(notice, NAMES)
    assert said.startswith("月报截至评估时点尚未到期：东城区（379902）2025-12、云岭县（379923）2025-11—12；"), said


# --- 02: a plugin's parameter too large to write ------------------------------------------


def _rule_with_param(value: object) -> object:
    class _Huge:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379902", title="甲区规则", reference="测试")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: object) -> list[Rule]:
            shown = (ParamValue(name="jia.huge", value=value, reference="测试", effective_from=date(2024, 1, 1)),)
            return [
                Rule(
                    id="jia.extra.huge",
                    label="jia.huge",
                    title_zh="加分",
                    title_en="extra",
                    reference="测试",
                    score=lambda ctx: Award(1, "座谈会", params=shown),
                    max_points=1,
                    effective_from=date(2024, 1, 1),
                    reads_direct_feedback=False,
                )
            ]

    return _Huge()


@pytest.mark.parametrize(
    "value",
    [10**5000, -(10**5000), Decimal("1e999999999"), Decimal(10**101), [1, 10**120]],
    ids=["int", "negative", "decimal", "decimal-101-digits", "in-a-list"],
)
def test_02_a_parameter_too_large_to_write_is_the_plugins_error(value: object) -> None:
    """A ParamValue of more than 4 300 digits passed the engine's check, and the assessment's
    JSON and ``softenv explain`` then stopped on ValueError (Exceeds the limit (4300 digits) for
    integer string conversion), naming neither the plugin nor the rule."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_rule_with_param(value), name="softenv-county-jia")
    with pytest.raises(PluginError, match=r"softenv-county-jia.*softenv_extra_point_rules.*10\^100"):
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)


def test_02_a_parameter_of_ordinary_size_is_written() -> None:
    pm = get_plugin_manager(autoload=False)
    pm.register(_rule_with_param(150_000), name="softenv-county-jia")
    result = assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    assert '"value": 150000' in result.to_json()
    assert "jia.huge = 150000" in "\n".join(explain_point(p) for p in result.points)
