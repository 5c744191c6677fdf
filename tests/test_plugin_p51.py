"""Plugin author p51 (西城区 379903), finding 01: the guide's 遇节假日提前 deadline
(``monthly_deadline(..., policy=DeadlinePolicy.PREVIOUS_WORKDAY)``, returning None where the day
moves into the reported month) was failed by the conformance kit and ``softenv plugins --check``
(``due_at.date() < nominal``, which is what the policy means), naming no hook nor rule; and the
same deadline without the guard was refused for January alone, told to build it with
monthly_deadline, which it had done. Checks 02-05 are in tests/test_plugin_p51_kit.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import get_plugin_manager, report_deadline
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.plugin import (
    County,
    Deadline,
    DeadlinePolicy,
    Month,
    ParameterSet,
    PluginInfo,
    WorkCalendar,
    beijing_date,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import small_dataset
from softenv_core.testing.asked_hooks import deadlines_problem
from softenv_core.testing.check_faults import kit_fault
from softenv_core.testing.check_fixes import DEADLINE_FIX, MOVED_BACK_FIX
from softenv_core.testing.conformance import check_plugin
from softenv_core.testing.plugin_check import check_all, check_installed

COUNTY = "379903"
RULE = "county.379903.report.deadline"
#: 2025's months whose 3rd of the next month, moved to the working day before it, falls inside
#: the month reported: 02-03 (春节) → 01-27, 05-03 (劳动节) → 04-30, 10-03 (国庆) → 09-28,
#: 01-03 (元旦) → 12-31.
MOVED_IN = ("2025-01", "2025-04", "2025-09", "2025-12")


class Earlier:
    """The guide's §4 "A day off moved earlier" with the 3rd; ``guard``: None for a month the
    day moves into (as the guide says), else the deadline as monthly_deadline gives it."""

    def __init__(self, guard: bool) -> None:
        self.guard = guard

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="西城区监测点工作细则", reference="西城区经信局〔2025〕2号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        if (month + 1).first_day < date(2025, 1, 1):
            return None
        d = monthly_deadline(
            calendar,
            month,
            3,
            rule_id=RULE,
            reference="西城区经信局〔2025〕2号 第三条：每月3日前报送，遇节假日提前",
            policy=DeadlinePolicy.PREVIOUS_WORKDAY,
        )
        if self.guard and beijing_date(d.due_at) <= month.last_day:
            return None
        return d


def _pm(guard: bool):  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[("earlier", Earlier(guard))])


def test_the_engine_takes_the_guarded_deadline_in_every_month() -> None:
    ds = small_dataset(2025, (COUNTY,))
    july = report_deadline(ds, COUNTY, Month(2025, 7), _pm(True))
    assert july.rule_id == RULE and july.nominal == date(2025, 8, 3)
    assert beijing_date(july.due_at) == date(2025, 8, 1)  # 08-03 a Sunday: moved earlier
    for m in range(1, 13):
        assert isinstance(report_deadline(ds, COUNTY, Month(2025, m), _pm(True)), Deadline)


def test_the_kit_and_the_check_take_it_too() -> None:
    county = small_dataset(2025, (COUNTY,)).county_by_code[COUNTY]
    assert deadlines_problem(_pm(True), county, 2025, baseline_parameters()) is None
    report = check_plugin(Earlier(True), "earlier", others=[], max_examples=2, hash_seed=False)
    assert "valid_types" not in report.failures, report.failures
    assert check_installed(_pm(True), 2025) == []


def test_the_kit_names_hook_rule_and_every_month_moved_into_its_own() -> None:
    county = small_dataset(2025, (COUNTY,)).county_by_code[COUNTY]
    problem = deadlines_problem(_pm(False), county, 2025, baseline_parameters())
    assert problem is not None
    fault = kit_fault("earlier", "valid_types", problem, "")
    assert (fault.hook, fault.rule) == ("softenv_report_deadline", RULE)
    assert all(m in fault.problem for m in MOVED_IN), fault.problem
    assert "规定日 2025-02-03 moved to the working day before it (遇节假日提前) falls inside 2025-01" in fault.problem
    assert fault.fix == MOVED_BACK_FIX and "return None" in fault.fix


@pytest.mark.slow  # check_all's kit starts its hash-seed subprocess
def test_plugins_check_names_every_month_once_with_the_fix_that_fits() -> None:
    faults, _ = check_all(_pm(False), 2025, examples=2)
    assert len(faults) == 1, [f.text() for f in faults]  # the hook's and the kit's, said once
    fault = faults[0]
    assert (fault.plugin, fault.hook, fault.rule) == ("earlier", "softenv_report_deadline", RULE)
    assert all(m in fault.problem for m in MOVED_IN), fault.problem
    assert "refused likewise for 2025-04, 2025-09, 2025-12" in fault.problem
    assert fault.fix == MOVED_BACK_FIX and fault.fix != DEADLINE_FIX
