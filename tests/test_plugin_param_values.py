"""A county plugin's own parameters of every JSON kind, as a plugin author uses them (p32):
a list or mapping value cited by a deadline, and a wrong value caught by ``softenv plugins
--check`` as a fault of the plugin, never a stop of the whole check."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.parameters import DatedValue, Parameter, county_parameters
from softenv_core.plugin import (
    County,
    Deadline,
    Month,
    MonthState,
    ParameterSet,
    PluginInfo,
    Rule,
    WorkCalendar,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed

from .strict_mypy import STRICT_MYPY

DAY = date(2025, 1, 1)


def _params(value: object) -> ParameterSet:
    dated = (DatedValue(DAY, value),)
    return county_parameters(
        [Parameter("county.379902.report.due_by_month", "县〔2025〕1号", values=dated)], "county.379902"
    )


class _ByMonth:
    """A deadline whose due day is read from a mapping of month numbers (a frozen mapping)."""

    params = _params({"01": 3, "other": 4})

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        pv = self.params.get("county.379902.report.due_by_month", month.first_day)
        days = pv.whole_by_key()
        day = days.get(f"{month.month:02d}", days["other"])
        return monthly_deadline(
            calendar, month, day, rule_id="county.379902.deadline", reference="县〔2025〕1号", params=(pv,)
        )


def test_a_deadline_may_cite_a_mapping_or_list_parameter() -> None:
    """monthly_deadline remembered each answer under a key holding its params: a ParamValue of
    a list or mapping is unhashable, so a deadline citing one raised "TypeError: unhashable
    type: 'FrozenDict'" (reported as the plugin's fault) though every argument was right."""
    pm = get_plugin_manager(autoload=False, plugins=[("bymonth", _ByMonth())])
    result = assess(small_dataset(2025, ("379902",)), 2025, pm, audience=CITY_OFFICE)
    (county,) = [c for c in result.counties if c.code == "379902"]
    feb = next(m for m in county.months if m.month == Month(2025, 2))
    assert feb.status is MonthState.ON_TIME
    assert feb.deadline is not None and feb.deadline.nominal == date(2025, 3, 4)
    assert feb.deadline.params[0].value == {"01": 3, "other": 4}
    listed = ParameterSet(()).merged([Parameter("x.days", "r", values=(DatedValue(DAY, [3, 4]),))])
    pv = listed.get("x.days", DAY)
    first = monthly_deadline(WorkCalendar(), "2025-04", 3, rule_id="x", reference="r", params=(pv,))
    assert first == monthly_deadline(WorkCalendar(), "2025-04", 3, rule_id="x", reference="r", params=[pv])
    assert first.params == (pv,)


class _ReadsWrong:
    """Each hook reads a county parameter holding another kind than it reads (3.5, "3")."""

    params = county_parameters(
        [
            Parameter("county.379902.report.workday", "县〔2025〕1号", values=(DatedValue(DAY, 3.5),)),
            Parameter("county.379902.extra.max", "县〔2025〕1号", values=(DatedValue(DAY, "3"),)),
        ],
        "county.379902",
    )

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        # read on the first day of the month the report falls due in (DESIGN "Reading a
        # parameter"): the check asks December 2024 too (p49 01), before this value is in force
        day = self.params.get("county.379902.report.workday", (month + 1).first_day).whole()
        return monthly_deadline(calendar, month, day, rule_id="county.379902.deadline", reference="县〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        cap = self.params.get("county.379902.extra.max", date(year, 12, 31)).number()
        return [Rule("county.379902.x", "x", "加分", "x", "县〔2025〕1号", lambda ctx: None, cap, DAY)]


def test_plugins_check_lists_a_hook_reading_a_wrong_parameter_as_the_plugin_s_fault() -> None:
    """A hook that raised (a parameter read wrongly) stopped `softenv plugins --check` with one
    line, `softenv: error: …`, no other hook or plugin checked and no fix; now each is a fault
    naming the plugin, the hook and the parameter, with the fix (its parameters.json)."""
    pm = get_plugin_manager(autoload=False, plugins=[("readswrong", _ReadsWrong())])
    faults = {f.hook: f for f in check_installed(pm, 2025)}
    assert set(faults) == {"softenv_report_deadline", "softenv_extra_point_rules"}
    deadline, extra = faults["softenv_report_deadline"], faults["softenv_extra_point_rules"]
    assert deadline.plugin == extra.plugin == "readswrong"
    assert "county.379902.report.workday: expected a whole number, got 3.5" in deadline.problem
    assert "county.379902.extra.max: expected a number, got '3'" in extra.problem
    for fault, name in ((deadline, "county.379902.report.workday"), (extra, "county.379902.extra.max")):
        assert fault.fix.startswith(f"parameter {name} does not hold what the plugin reads")
        assert "parameters.json" in fault.fix


def test_the_fix_for_a_rule_reading_a_wrong_or_missing_parameter_names_it() -> None:
    """The fix was "handle the case it tripped on (an empty month …)" for a rule's wrong
    parameter, and "return the type the hook's signature names" for a misspelt one."""
    wrong = (
        "plugin 'p', hook softenv_extra_point_rules: rule r raised FieldInvalid: county.1.w: "
        "expected a number, got '1.5' (in force from 2025-01-01)"
    )
    missing = (
        "the conformance kit stopped: ParameterMissing: parameter 'county.1.wieght' has no value in force on 2025-12-31"
    )
    assert fix_for(wrong).startswith("parameter county.1.w does not hold")
    assert fix_for(missing).startswith("parameter county.1.wieght does not hold")
    assert fix_for("plugin 'p', hook softenv_report_deadline: raised KeyError: 'x'").startswith("the hook raised")
    # A city name the city does not define either (reviewer r32): correct the name, said as such.
    city = (
        "plugin 'p', hook softenv_extra_point_rules: rule r raised ParameterUnknown: parameter "
        "'compliance.on_time_scor' is not defined (a misspelt name?); asked for on 2025-12-31"
    )
    assert fix_for(city).startswith("no city parameter is named compliance.on_time_scor: correct the name")
    own = city.replace("compliance.on_time_scor", "county.1.wieght")
    assert fix_for(own).startswith("no parameter is named county.1.wieght: correct the name the plugin reads")


AUTHOR_SNIPPET = """
from datetime import date, datetime, time
from decimal import Decimal
from typing import assert_type

from softenv_core.plugin import BEIJING, ContactMethod, Deadline, DeadlinePolicy, ParamValue

PV = ParamValue("county.379905.extra.methods", ["visit", "symposium"], date(2025, 1, 1), "r")
METHODS = [ContactMethod.from_value(m) for m in PV.texts()]
assert_type(METHODS, list[ContactMethod])
assert_type(PV.whole_by_key(), dict[str, int])
assert_type(PV.number(), Decimal)
DUE = Deadline(datetime.combine(date(2025, 4, 3), time(23, 59, 59), tzinfo=BEIJING), date(2025, 4, 3),
               "county.379905.deadline", "none", "r")
assert_type(DUE.policy, DeadlinePolicy)
"""


@pytest.mark.slow  # runs mypy (several seconds)
def test_a_plugin_turns_a_parameter_s_texts_into_enum_members_under_mypy_strict(tmp_path: Path) -> None:
    """A list of text read with .texts() is turned into members: ContactMethod("visit") fails
    mypy --strict (Missing positional argument "zh"), and from_value was typed LabelledEnum,
    so a set of them was not a set of ContactMethod. A Deadline given "none" holds a member."""
    (tmp_path / "author.py").write_text(AUTHOR_SNIPPET, encoding="utf-8")
    mypy = STRICT_MYPY
    run = subprocess.run([*mypy, "author.py"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_list_or_mapping_value_hashes_as_its_equals_do() -> None:
    """A ParamValue citing a list or mapping is hashable, read-only and hashes alike when equal,
    whether a plugin gave it as a plain list or from_json read it back (integrator i55 10)."""
    from softenv_core.engine.frozen import FrozenDict, FrozenList
    from softenv_core.plugin import ParamValue

    given = ParamValue("x.map", {"a": [1, 2], "b": {"c": 3}}, DAY, "r")
    again = ParamValue("x.map", {"b": {"c": 3.0}, "a": [1, 2]}, DAY, "r")
    assert type(given.value) is FrozenDict and type(given.value["a"]) is FrozenList
    assert given == again and hash(given) == hash(again)
    assert ParamValue("x.list", [1, "a"], DAY, "r").value == [1, "a"]
