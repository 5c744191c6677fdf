"""Review r53 of the thirty-seventh session's changes (the city's remembered answers, raised_by).

1a. The city's hook function shares its remembered limits with every direct caller. Documented
    (docs/hooks.md): ``baseline_sla`` gives a caller limits of its own.
1b. A limit changed in place to an equal value of another type (15 → 15.0) was not seen as a
    change. Fixed: the snapshot keeps each limit's type (tests/test_city_answer_memos.py).
4a. A RuleConflict a plugin's hook raised, naming that plugin, was made a plain PluginError and
    lost its sides. Fixed: kept as it is (errors.raised_by).
4b. ``softenv plugins`` listed a county whose rule hook raised a PluginError naming the city as
    broken with the city's name. Fixed: the listing asks through the same wording as call_each
    (errors.hook_fault).
4c. A PluginError naming the raising plugin but another hook was passed on with the wrong hook.
    Fixed: named after the hook asked, the hook it gave kept in the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from softenv_core import ComplaintKind, ComplaintSla, WorkCalendar, get_plugin_manager
from softenv_core.engine.parameters import ParameterSet, baseline_parameters
from softenv_core.engine.sla_answers import resolve_sla_by
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.plugin import PluginInfo, Rule, hookimpl

_INFO = PluginInfo(county="379903", title="南城区", reference="南经贸〔2025〕1号")


def _limits_raising(exc: PluginError) -> object:
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return _INFO

        @hookimpl
        def softenv_complaint_sla(self, kind: ComplaintKind, on: date) -> ComplaintSla:
            raise exc

    return County()


def _ask(plugin: object) -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", plugin)])
    resolve_sla_by(pm, "379903", ComplaintKind.COMPLAINT, WorkCalendar(), baseline_parameters(), date(2025, 3, 3))


def test_a_rule_conflict_a_hook_raises_naming_its_plugin_stays_a_rule_conflict() -> None:
    # Its plugin second: the conflict's ``plugin`` (its first side) is the city's.
    conflict = RuleConflict(["city", "nancheng"], "limits", "two answers", "softenv_complaint_sla")
    with pytest.raises(RuleConflict) as raised:
        _ask(_limits_raising(conflict))
    assert raised.value is conflict and raised.value.plugins == ("city", "nancheng")


def test_a_rule_conflict_naming_other_plugins_alone_is_named_after_the_raiser() -> None:
    conflict = RuleConflict(["city", "beicheng"], "limits", "two answers", "softenv_complaint_sla")
    with pytest.raises(PluginError) as raised:
        _ask(_limits_raising(conflict))
    assert not isinstance(raised.value, RuleConflict) and raised.value.plugin == "nancheng"
    assert "raised RuleConflict naming plugins 'city' and 'beicheng'" in str(raised.value)
    assert "two answers" in str(raised.value)


def test_a_plugin_error_naming_the_raiser_but_another_hook_is_named_after_the_hook_asked() -> None:
    with pytest.raises(PluginError) as raised:
        _ask(_limits_raising(PluginError("nancheng", "softenv_report_deadline", "wrong hook")))
    assert (raised.value.plugin, raised.value.hook) == ("nancheng", "softenv_complaint_sla")
    assert "(hook softenv_report_deadline): wrong hook" in str(raised.value)


def test_a_plugin_error_naming_the_raiser_and_no_hook_is_kept() -> None:
    mine = PluginError("nancheng", None, "my own words")
    with pytest.raises(PluginError) as raised:
        _ask(_limits_raising(mine))
    assert raised.value is mine


def test_the_plugin_listing_names_a_broken_county_after_itself_not_the_city_it_blamed() -> None:
    class County:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return _INFO

        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
            raise PluginError("city", "softenv_extra_point_rules", "the city's rules are broken")

    pm = get_plugin_manager(autoload=False, plugins=[("nancheng", County())])
    rows = {row["name"]: row for row in pm.plugin_rows(2025, baseline_parameters())}
    assert "broken" not in rows["city"]
    broken = rows["nancheng"]["broken"]
    named = "plugin 'nancheng', hook softenv_extra_point_rules: raised PluginError naming plugin 'city'"
    assert broken.startswith(named)
    assert "the city's rules are broken" in broken
