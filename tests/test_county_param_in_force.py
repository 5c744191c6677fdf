"""A county's own parameter set refuses a misspelt name in ``in_force`` as in ``get`` (plugin
author p33): the scaffold's deadline asks ``PARAMS.in_force("county.CODE.report.due_day", day)``
before anything else, and a misspelt name there answered False, so the county's deadline never
applied (the city's did) and no check said a word."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, baseline_parameters, county_parameters
from softenv_core.errors import ParameterUnknown
from softenv_core.plugin import County, Deadline, Month, PluginInfo, WorkCalendar, hookimpl, monthly_deadline
from softenv_core.rules.registry import get_plugin_manager

OWN = county_parameters(
    [Parameter("county.379902.report.due_day", "r", values=(DatedValue(date(2025, 1, 1), 3),))], "county.379902"
)


def test_in_force_of_a_misspelt_county_name_is_unknown_not_false():
    assert OWN.in_force("county.379902.report.due_day", date(2025, 2, 1))
    assert not OWN.in_force("county.379902.report.due_day", date(2024, 12, 31))  # before its first value
    with pytest.raises(ParameterUnknown, match=r"county\.379902\.report\.due_dya"):
        OWN.in_force("county.379902.report.due_dya", date(2025, 2, 1))


def test_a_set_built_in_code_still_answers_false_for_a_name_it_lacks():
    # the city's analyses ask in_force of a caller's set that may predate a parameter
    assert not ParameterSet(()).in_force("followup.matter_categories", date(2025, 1, 1))
    assert not baseline_parameters().in_force("no.such.name", date(2025, 1, 1))


class _Misspelt:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="t", reference="r")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        day = (month + 1).first_day
        if not OWN.in_force("county.379902.report.due_dya", day):  # the scaffold's first line, misspelt
            return None
        due = OWN.get("county.379902.report.due_day", day)
        return monthly_deadline(calendar, month, due.whole(), rule_id="county.379902.d", reference="r", params=(due,))


def test_the_engine_names_the_plugin_and_hook_for_the_misspelt_switch():
    from softenv_core.testing.plugin_check import check_installed

    pm = get_plugin_manager(autoload=False, plugins=[("misspelt", _Misspelt())])
    faults = [f for f in check_installed(pm, 2025) if f.hook == "softenv_report_deadline"]
    assert faults and "county.379902.report.due_dya" in faults[0].problem, faults
