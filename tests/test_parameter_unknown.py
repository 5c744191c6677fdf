"""A misspelt parameter name (ParameterUnknown) is told apart from a date before a parameter's
first value (ParameterMissing, missing data): one in a county's own namespace, asked for by
that county's plugin, is the plugin's fault and is named as such (plugin author p32 6a: a
typo in a rule printed "parameter … has no value in force on 2025-12-31", naming no plugin,
hook or rule)."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import CITY_OFFICE, ParameterMissing, ParameterUnknown, PluginError, assess, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, baseline_parameters
from softenv_core.plugin import Award, Condition, CountyYear, Failure, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing import small_dataset


def _plugin(county: str, asked: str) -> object:
    own = ParameterSet((Parameter(f"county.{county}.extra.weight", "r", values=(DatedValue(date(2024, 1, 1), 2),)),))

    class Typo:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=county, title="t", reference="r")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
            def score(ctx: PointYear) -> Award | None:
                return Award(own.get(asked, date(ctx.year, 12, 31)).whole(), "w", ())

            return [
                Rule(
                    id=f"county.{county}.extra.typo",
                    label="typo",
                    title_zh="错",
                    title_en="typo",
                    reference="r",
                    score=score,
                    max_points=5,
                    effective_from=date(2024, 1, 1),
                )
            ]

    return Typo()


def test_a_misspelt_name_is_parameter_unknown_a_parameter_missing_and_says_so() -> None:
    params = baseline_parameters()
    with pytest.raises(ParameterUnknown, match=r"parameter 'report.due_dya' is not defined \(a misspelt name\?\)"):
        params.get("report.due_dya", date(2025, 1, 1))
    with pytest.raises(ParameterMissing):  # every caller that catches ParameterMissing still does
        params.number("report.due_dya", date(2025, 1, 1))
    with pytest.raises(ParameterMissing, match="no value in force on 2000-01-01") as before:
        params.get("report.due_day", date(2000, 1, 1))
    assert not isinstance(before.value, ParameterUnknown)  # a date before the first value: missing data


def test_a_plugin_asking_for_a_name_its_own_file_lacks_is_a_plugin_error_naming_the_rule() -> None:
    ds = small_dataset()
    county = ds.counties[0].code
    pm = get_plugin_manager(autoload=False, plugins=[("typo", _plugin(county, f"county.{county}.extra.wieght"))])
    with pytest.raises(PluginError) as caught:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    said = str(caught.value)
    assert "plugin 'typo'" in said and "softenv_extra_point_rules" in said
    assert f"rule county.{county}.extra.typo raised ParameterUnknown" in said and "extra.wieght" in said


def test_the_right_name_scores() -> None:
    ds = small_dataset()
    county = ds.counties[0].code
    pm = get_plugin_manager(autoload=False, plugins=[("typo", _plugin(county, f"county.{county}.extra.weight"))])
    result = assess(ds, 2025, pm, audience=CITY_OFFICE)
    items = [i for p in result.points for i in p.items if i.rule.id == f"county.{county}.extra.typo"]
    assert items and all(i.points == 2 for i in items)


def test_a_condition_asking_for_a_name_its_own_file_lacks_is_a_plugin_error_naming_the_condition() -> None:
    """The 十佳 conditions' path (analyses/assessment.py), as the rules' (reviewer r32)."""
    ds = small_dataset()
    county = ds.counties[0].code
    own = ParameterSet((Parameter(f"county.{county}.topten.max", "r", values=(DatedValue(date(2024, 1, 1), 2),)),))

    class Typo:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=county, title="t", reference="r")

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> list[Condition]:
            def check(ctx: CountyYear) -> Failure | None:
                own.get(f"county.{county}.topten.mxa", date(ctx.year, 12, 31))
                return None

            return [
                Condition(
                    id=f"county.{county}.topten.typo",
                    title_zh="错",
                    title_en="typo",
                    reference="r",
                    check=check,
                    effective_from=date(2024, 1, 1),
                )
            ]

    pm = get_plugin_manager(autoload=False, plugins=[("typo", Typo())])
    with pytest.raises(PluginError) as caught:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    said = str(caught.value)
    assert "plugin 'typo'" in said and "softenv_topten_conditions" in said
    assert f"condition county.{county}.topten.typo raised ParameterUnknown" in said and "topten.mxa" in said


def _reading_city(county: str, asked: str) -> object:
    """A county plugin whose rule reads the city's parameter ``asked`` from the set it is given."""

    class ReadsCity:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=county, title="t", reference="r")

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
            def score(ctx: PointYear) -> Award | None:
                ctx.params.get(asked, date(ctx.year, 12, 31))
                return None

            return [
                Rule(
                    id=f"county.{county}.extra.city",
                    label="city",
                    title_zh="市",
                    title_en="city",
                    reference="r",
                    score=score,
                    max_points=5,
                    effective_from=date(2024, 1, 1),
                )
            ]

    return ReadsCity()


def test_a_plugin_misspelling_a_city_parameter_is_a_plugin_error_naming_the_rule() -> None:
    """A name that not even the city defines is the plugin's misspelling, not missing data
    (reviewer r32: ``compliance.on_time_scor`` printed "not defined" and named no plugin)."""
    ds = small_dataset()
    county = ds.counties[0].code
    pm = get_plugin_manager(autoload=False, plugins=[("typo", _reading_city(county, "compliance.on_time_scor"))])
    with pytest.raises(PluginError) as caught:
        assess(ds, 2025, pm, audience=CITY_OFFICE)
    said = str(caught.value)
    assert "plugin 'typo'" in said and "softenv_extra_point_rules" in said
    assert f"rule county.{county}.extra.city raised ParameterUnknown" in said and "on_time_scor" in said
    assert isinstance(caught.value.__cause__, ParameterUnknown) and not caught.value.__cause__.city_defines


def test_a_city_parameter_the_callers_own_set_lacks_stays_missing_data() -> None:
    """The city defines the name; the set the caller passed does not: the caller's data, reported
    as itself (a ParameterUnknown saying the city defines it), never blamed on the plugin."""
    ds = small_dataset()
    county = ds.counties[0].code
    asked = "commendation.quota_share"
    assert baseline_parameters().has(asked)
    without = ParameterSet(tuple(p for p in baseline_parameters().parameters if p.name != asked))
    pm = get_plugin_manager(autoload=False, plugins=[("reads", _reading_city(county, asked))])
    with pytest.raises(ParameterUnknown) as caught:
        assess(ds, 2025, pm, audience=CITY_OFFICE, params=without)
    assert not isinstance(caught.value, PluginError) and caught.value.city_defines
    assert caught.value.name == asked


def test_unknown_names_say_whether_the_city_defines_them() -> None:
    city = baseline_parameters()
    mine = ParameterSet((Parameter("county.379921.x", "r", values=(DatedValue(date(2024, 1, 1), 1),)),))
    for params, name, defined in (
        (city, "report.due_dya", False),
        (mine, "report.due_day", True),
        (mine, "county.379921.y", False),
    ):
        for ask in (params.get, params.number):
            with pytest.raises(ParameterUnknown) as caught:
                ask(name, date(2025, 1, 1))
            assert caught.value.city_defines is defined, name
        with pytest.raises(ParameterUnknown) as since:
            params.since(name)
        assert since.value.city_defines is defined


def test_a_misspelt_name_says_the_nearest_name_defined() -> None:
    """ "a misspelt name?" left the author to find which (plugin author p33): the nearest name
    the set or the city defines is said, when one is near; none for a name near nothing."""
    city = baseline_parameters()
    with pytest.raises(ParameterUnknown, match=r"did you mean 'report\.due_day'\?; asked for on 2025-01-01") as c:
        city.get("report.due_dya", date(2025, 1, 1))
    assert c.value.near == "report.due_day"
    own = ParameterSet((Parameter("county.379921.extra.weight", "r", values=(DatedValue(date(2024, 1, 1), 2),)),))
    with pytest.raises(ParameterUnknown, match=r"did you mean 'county\.379921\.extra\.weight'\?") as c:
        own.number("county.379921.extra.wieght", date(2025, 1, 1))
    assert c.value.near == "county.379921.extra.weight"
    with pytest.raises(ParameterUnknown) as c:
        city.since("zzz")
    assert c.value.near is None and "did you mean" not in str(c.value)
