"""Attacker x42: what the earlier attackers (x30, x33, x36, x40, x41) did not try.

01. The results workbook names each county in its notices (``东城区（379902）``, c39) by
    rewriting every six digits of the worded notice, ids and record texts among them: a waiver
    ``W-379923-2025-06`` decided by a county read ``W-云岭县（379923）-2025-06`` and its
    ``decided_by`` (``文号 379923号``) ``文号 云岭县（379923）号``; a point's own year end read
    ``阅读范围 监测点 P东城区（379902）-001``. A record's text and id are shown as written
    (DESIGN principle 8); only the parts of a notice that name a county are named.
"""

from __future__ import annotations

from softenv_core.render.notices import zh_notice

NAMES = {"379902": "东城区", "379923": "云岭县"}


def test_01_a_waivers_id_and_decider_are_shown_as_written() -> None:
    notice = (
        "waiver W-379923-2025-06 (379923 2025-06) was decided by 云岭县经贸委（文号 379923号）, "
        "not the city (its offices: 市软建办, 市经贸委): ignored"
    )
    said = zh_notice(notice, NAMES)
    assert said == (
        "豁免 W-379923-2025-06（云岭县（379923）2025-06）由 云岭县经贸委（文号 379923号） 决定，"
        "不是市级单位（市软建办, 市经贸委）决定：不予采用"
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
    assert said.startswith("月报截至评估时点尚未到期：东城区（379902）2025-12, 云岭县（379923）2025-11—12；"), said
