"""Auditor a72: the year-end point assessment recomputed by hand.

Every figure of the demo (180 points) and of a hand-built edge-case dataset (designated on the
25th / 26th of March, removed mid-year, National Day and Spring Festival months with make-up
days, complaints found false in December / next January / found in the year for a complaint of
the year before, a verdict reversed after a reopening, extra points at and over the cap, a
re-designated enterprise, quota at 19 / 20 points, unreached runs across the year boundary)
matched the policy. What did not:

01  A county rule's effective period was judged by the year only (``Rule.in_force``: "in force at
    some time during year"): a rule in force from 1 July scored a point's whole year, and a
    county that changed its policy mid-year the way the docs asked (a new rule with
    ``effective_from``, the old one given ``effective_until``) had both versions score all
    twelve months (extra points twice), or, for a replacement of a city rule, a RuleConflict
    saying the two "apply at once" though their periods do not overlap. Fixed (fix helper
    fa72) by the library's rule, documented in docs/writing-a-county-plugin.md §3: a county's
    rule or condition applies to whole years, so one in force for part of an assessed year is
    refused (engine/rule_years.py) with a PluginError naming plugin, hook, rule, its dates and
    the fix (one rule in force all year reading a dated parameter); versions meeting at a
    year's boundary each apply in their own years, never a conflict.
02  白河县's contact-quality rule (the demo plugin) counted a month reached only online (网络) or
    by another method (其他) in full and wrote it among the months reached 上门或座谈, which its
    policy (README: on site or at a symposium in full, telephone only 0.8) does not say. Fixed:
    each month is labelled by its best method (上门或座谈 / 网络或其他 / 仅电话), online and other
    counting in full as the README now says, and the owed months left unreached are named
    (``未联系上：…``) as the city rule names them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest

import softenv_county_baihe
from softenv_core import CITY_OFFICE, assess
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, baseline_parameters
from softenv_core.engine.resolution import resolve_conditions
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.model.reports import ContactMethod
from softenv_core.plugin import Award, Condition, Month, ParamValue, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.rules.registry import city_plugin_manager, get_plugin_manager
from softenv_core.testing import small_dataset
from softenv_core.testing.check_fixes import PART_YEAR_FIX
from softenv_core.testing.conformance import check_plugin
from softenv_core.testing.plugin_check import check_all, check_installed

JIA = "379902"


def _reached_months(ctx: PointYear) -> list[Month]:
    return sorted({Month.of(c.date) for c in ctx.contacts if c.reached and Month.of(c.date) in ctx.active_months})


def _bonus(ctx: PointYear) -> Award:
    return Award(Decimal("0.5") * len(_reached_months(ctx)), "每月0.5分", ())


def _contact(ctx: PointYear) -> Award:
    return Award(Decimal(30), "县区联系办法", ())


def _rule(rid: str, frm: date, until: date | None, replaces: str | None = None) -> Rule:
    return Rule(
        id=rid,
        label=rid,
        title_zh="联系加分",
        title_en="contact bonus",
        reference="甲区办法",
        score=_contact if replaces else _bonus,
        max_points=30 if replaces else 6,
        effective_from=frm,
        effective_until=until,
        replaces=replaces,
        reads_direct_feedback=False,
    )


class _Jia:
    """甲区 (379902): extra-point rules and replacements of the city's contact rule, as given."""

    def __init__(self, extra: tuple[Rule, ...] = (), point: tuple[Rule, ...] = ()) -> None:
        self.extra, self.point = extra, point

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=JIA, title="甲区加分办法", reference="甲区〔2024〕1号、〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
        return list(self.extra)

    @hookimpl
    def softenv_point_rules(self, year: int, params: Any) -> list[Rule]:
        return list(self.point)


#: 甲区 changes its extra-point policy on 2025-07-01 by two versions of a rule (the old one ending
#: 06-30, the new one in force from 07-01), as the docs used to tell.
TWO_VERSIONS = _Jia(
    extra=(
        _rule("jia.extra.v1", date(2024, 1, 1), date(2025, 6, 30)),
        _rule("jia.extra.v2", date(2025, 7, 1), None),
    )
)


def _assess(plugin: Any, year: int = 2025) -> Any:
    pm = city_plugin_manager()
    pm.register(plugin, name="softenv-county-jia")
    return assess(small_dataset(year), year, pm, audience=CITY_OFFICE)


def _extras(result: Any, point: str = "P-379902-2") -> dict[str, Decimal]:
    found = next(p for p in result.points if p.id == point)
    return {i.rule.id: i.points for i in found.items if i.rule.id.startswith("jia.")}


def test_01_a_rule_in_force_for_part_of_the_year_is_refused_saying_how_to_change_a_policy() -> None:
    """DESIGN principle 6 (assessing 2025 uses what was in force in 2025): a rule scores its
    point's whole year, so one in force January-June (and one July-December) would score all
    twelve months, each (0.5 x 12 twice, cut to 10 by the cap, where the policy gives 6). The
    library's rule (docs/writing-a-county-plugin.md §3): a rule is in force for whole years, a
    change inside one a dated parameter; anything else is refused, naming plugin, hook, rule,
    its dates and the fix, never a figure."""
    with pytest.raises(PluginError) as info:
        _assess(TWO_VERSIONS)
    text = str(info.value)
    assert not isinstance(info.value, RuleConflict), text
    assert "plugin 'softenv-county-jia', hook softenv_extra_point_rules" in text, text
    assert "jia.extra.v1 is in force 2024-01-01 to 2025-06-30, part of 2025 only" in text, text
    assert "read a dated parameter for what changes on 2025-07-01" in text, text
    assert "docs/writing-a-county-plugin.md §3 (Changing the policy)" in text, text


def test_01_a_replacement_from_october_is_refused_and_two_in_turn_are_no_conflict() -> None:
    """A replacement of duty.contact in force from 2025-10-01 scored the whole year in place of
    the city's; two replacements in turn (until 09-30, from 10-01) raised a RuleConflict saying
    they "apply at once" (principle 5: only two applying at once conflict). Both are refused as
    in force for part of 2025, naming the rule and the day the policy changes."""
    late = _Jia(point=(_rule("jia.contact.new", date(2025, 10, 1), None, "duty.contact"),))
    with pytest.raises(PluginError, match=r"rule jia\.contact\.new is in force from 2025-10-01 \(no end\)"):
        _assess(late)
    in_turn = _Jia(
        point=(
            _rule("jia.contact.old", date(2024, 1, 1), date(2025, 9, 30), "duty.contact"),
            _rule("jia.contact.new", date(2025, 10, 1), None, "duty.contact"),
        )
    )
    with pytest.raises(PluginError) as info:
        _assess(in_turn)
    assert not isinstance(info.value, RuleConflict), str(info.value)
    assert "hook softenv_point_rules: rule jia.contact.old is in force 2024-01-01 to 2025-09-30" in str(info.value)
    assert "what changes on 2025-10-01" in str(info.value)


class _JiaCondition:
    """甲区 adds a 十佳 condition in force from 2025-07-01: it would decide the county's whole year."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=JIA, title="甲区十佳条件", reference="甲区〔2025〕2号")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
        return [
            Condition(
                "jia.topten.new", "新条件", "new condition", "甲区〔2025〕2号", lambda ctx: None, date(2025, 7, 1)
            )
        ]


def test_01_a_condition_in_force_for_part_of_the_year_is_refused() -> None:
    with pytest.raises(PluginError) as info:
        _assess(_JiaCondition())
    text = str(info.value)
    assert "hook softenv_topten_conditions: condition jia.topten.new is in force from 2025-07-01 (no end)" in text
    assert "keep one condition in force all 2025" in text, text
    pm = city_plugin_manager()
    pm.register(_JiaCondition(), name="softenv-county-jia")
    in_2026 = resolve_conditions(pm, JIA, 2026, baseline_parameters())  # in force all of 2026
    assert "jia.topten.new" in {b.condition.id for b in in_2026}


def test_01_versions_meeting_at_a_year_boundary_each_apply_in_their_own_years() -> None:
    """The way the docs now tell: v1 until 2024-12-31, v2 from 2025-01-01; assessing 2024 uses
    v1 alone, 2025 v2 alone (12 months x 0.5 = 6 under one rule, never both), and two
    replacements of duty.contact in turn at the boundary are no RuleConflict."""
    at_boundary = _Jia(
        extra=(
            _rule("jia.extra.v1", date(2024, 1, 1), date(2024, 12, 31)),
            _rule("jia.extra.v2", date(2025, 1, 1), None),
        ),
        point=(
            _rule("jia.contact.old", date(2024, 1, 1), date(2024, 12, 31), "duty.contact"),
            _rule("jia.contact.new", date(2025, 1, 1), None, "duty.contact"),
        ),
    )
    for year, extra, contact in ((2024, "jia.extra.v1", "jia.contact.old"), (2025, "jia.extra.v2", "jia.contact.new")):
        result = _assess(at_boundary, year)
        assert _extras(result) == {contact: Decimal(30), extra: Decimal(6)}, (year, _extras(result))


#: The dated-parameter way (docs/writing-a-county-plugin.md §3): one rule in force all year reads,
#: for each month, the rate in force on its first day: 0.5 until June, 1 from July.
RATE = "county.379902.extra.contact.rate"
OWN = ParameterSet(
    (
        Parameter(
            RATE,
            "甲区〔2024〕1号、〔2025〕1号",
            values=(DatedValue(date(2024, 1, 1), 0.5), DatedValue(date(2025, 7, 1), 1)),
        ),
    )
)


def _by_month(ctx: PointYear) -> Award:
    total, cited = Decimal(0), dict[date, ParamValue]()
    for m in _reached_months(ctx):
        rate, pv = OWN.number(RATE, m.first_day)
        total += rate
        cited[pv.effective_from] = pv
    return Award(total, f"联系{len(_reached_months(ctx))}个月", (), tuple(cited[d] for d in sorted(cited)))


def test_01_a_mid_year_change_by_a_dated_parameter_scores_each_month_at_its_rate() -> None:
    """What the refusal tells to do instead: 6 months x 0.5 + 6 months x 1 = 9, both values cited."""
    rule = attrs.evolve(_rule("jia.extra.rate", date(2024, 1, 1), None), score=_by_month, max_points=12)
    result = _assess(_Jia(extra=(rule,)))
    assert _extras(result) == {"jia.extra.rate": Decimal(9)}
    item = next(i for p in result.points if p.id == "P-379902-2" for i in p.items if i.rule.id == "jia.extra.rate")
    assert [str(pv.effective_from) for pv in item.params] == ["2024-01-01", "2025-07-01"]


def test_01_a_rule_from_the_programmes_first_day_covers_that_year() -> None:
    """In 2022, the year the programme begins (the city's parameters and rules from 2022-03-01),
    a county rule from that day is in force for all of the year that is assessed."""
    result = _assess(_Jia(extra=(_rule("jia.extra.v1", date(2022, 3, 1), None),)), 2022)
    assert set(_extras(result)) == {"jia.extra.v1"}


def test_01_a_rule_ended_before_the_programmes_first_day_applies_to_no_day_of_2022() -> None:
    """Reviewer r62 02: a county rule until 2022-02-28 is in force on a day of 2022 but on no day
    assessed (the programme from 2022-03-01): it was refused as "part of 2022, what changes on
    2022-03-01"; it is skipped, and its successor from 2022-03-01 scores."""
    old, new = _rule("jia.extra.v0", date(2021, 1, 1), date(2022, 2, 28)), _rule("jia.extra.v1", date(2022, 3, 1), None)
    result = _assess(_Jia(extra=(old, new)), 2022)
    assert set(_extras(result)) == {"jia.extra.v1"}


def test_01_plugins_check_and_the_kits_effective_periods_report_it() -> None:
    """``softenv plugins --check`` (its hooks part) names each part-year rule with the fix; the
    conformance kit files it under effective_periods, not valid_types."""
    pm = get_plugin_manager(autoload=False, plugins=[("jia", TWO_VERSIONS)])
    faults = check_installed(pm, 2025)
    assert [(f.rule, f.fix) for f in faults] == [("jia.extra.v1", PART_YEAR_FIX), ("jia.extra.v2", PART_YEAR_FIX)]
    assert "jia.extra.v2 is in force from 2025-07-01 (no end), part of 2025 only" in faults[1].problem
    report = check_plugin(TWO_VERSIONS, "jia", others=[], max_examples=2, hash_seed=False)
    assert set(report.failures) == {"effective_periods"}, report.failures
    assert "part of 2025 only" in report.failures["effective_periods"]


@pytest.mark.slow  # check_all starts a process (hash seeds): the fast suite leaves it out
def test_01_plugins_check_names_each_part_year_rule_once_with_the_kits_replay() -> None:
    """The whole ``softenv plugins --check`` (hooks, then the kit): one fault a rule, the kit's
    effective_periods finding merged into the hook's (the same rule, the same words)."""
    pm = get_plugin_manager(autoload=False, plugins=[("jia", TWO_VERSIONS)])
    faults, _runs = check_all(pm, 2025, examples=2)
    assert [f.rule for f in faults] == ["jia.extra.v1", "jia.extra.v2"], [f.text() for f in faults]
    assert all(f.fix == PART_YEAR_FIX for f in faults)
    assert "jia-effective_periods.json --year 2025" in faults[0].replay


def _baihe_dataset(method: Callable[[int], ContactMethod]) -> Any:
    ds = small_dataset(2025, counties=("379922",))
    contacts = []
    for c in ds.contacts:
        if c.point == "P-379922-2":
            if c.date.month == 7:
                continue  # July left unreached
            c = attrs.evolve(c, method=method(c.date.month))
        contacts.append(c)
    return attrs.evolve(ds, contacts=tuple(contacts))


def _baihe_item(ds: Any) -> Any:
    pm = city_plugin_manager()
    pm.register(softenv_county_baihe, name="baihe")
    result = assess(ds, 2025, pm, audience=CITY_OFFICE)
    point = next(p for p in result.points if p.id == "P-379922-2")
    return next(i for i in point.items if i.rule.id == "baihe.duty.contact_quality")


def test_02_baihe_labels_each_month_by_its_method_and_names_the_months_unreached() -> None:
    """README of softenv-county-baihe (第二条): a month reached on site (上门) or at a symposium
    (座谈) counts in full, telephone only 0.8, online or by another method in full (the README's
    choice: 第二条 says nothing of them, the city's rule counts any method). January on site,
    February-June online, August-October by another method, November-December by telephone,
    July unreached: 30 x (1 + 5 + 3 + 1.6) / 12 = 26.50."""

    def method(month: int) -> ContactMethod:
        if month == 1:
            return ContactMethod.VISIT
        if month <= 6:
            return ContactMethod.ONLINE
        return ContactMethod.OTHER if month <= 10 else ContactMethod.PHONE

    item = _baihe_item(_baihe_dataset(method))
    assert item.points == Decimal("26.50"), item.reason
    assert item.reason.startswith(
        "应履职12个月：上门或座谈联系1个月 × 1，网络或其他联系8个月 × 1，仅电话联系2个月 × 0.8；30 × 10.6/12"
    ), item.reason
    assert "；未联系上：2025-07" in item.reason, item.reason


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
