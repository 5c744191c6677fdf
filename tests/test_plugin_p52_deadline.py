"""Plugin author p52 (新港区 379911), finding 05: a county's 17:00 deadline written in UTC
(01:00 Beijing the next day), or naive, was refused with words about its 规定日 or about being
later than the city's, and fixes that led elsewhere ("build it with monthly_deadline … end of the
day", "give NO_MOVE with the due day as its 规定日"); the naive one's fault named no rule. Each
now says what the moment is in Beijing time, what it was written as, the rule, and to write it
in Beijing time (+08:00 / BEIJING) keeping the county's hour."""

from __future__ import annotations

from datetime import UTC, datetime, time, timezone

import attrs
import pytest

from softenv_core import get_plugin_manager
from softenv_core.engine.deadline_offsets import offset_note
from softenv_core.plugin import (
    BEIJING,
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
from softenv_core.testing.check_fixes import OFFSET_FIX
from softenv_core.testing.plugin_check import check_all

COUNTY = "379911"
POLICY = "新港区经信局〔2025〕5号"


class _Deadline:
    def __init__(self, day: int, policy: DeadlinePolicy, tz: timezone | None) -> None:
        self.day, self.policy, self.tz = day, policy, tz

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="新港区监测点工作细则", reference=POLICY)

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        d = monthly_deadline(
            calendar, month, self.day, rule_id=f"county.{COUNTY}.report.deadline", reference=POLICY, policy=self.policy
        )
        due = datetime.combine(beijing_date(d.due_at), time(17))
        return attrs.evolve(d, due_at=due if self.tz is None else due.replace(tzinfo=self.tz))


def _first_fault(plugin: _Deadline):  # type: ignore[no-untyped-def]
    pm = get_plugin_manager(autoload=False, plugins=[("p52deadline", plugin)])
    faults = check_all(pm, 2025, 2)[0]
    assert faults
    return faults[0]


@pytest.mark.parametrize(("day", "policy"), [(3, DeadlinePolicy.NO_MOVE), (4, DeadlinePolicy.NEXT_WORKDAY)])
def test_a_17_00_written_in_utc_is_named_as_01_00_beijing(day: int, policy: DeadlinePolicy) -> None:
    fault = _first_fault(_Deadline(day, policy, UTC))
    assert "01:00 Beijing time" in fault.problem, fault.problem
    assert "UTC+00:00" in fault.problem and "17:00" in fault.problem, fault.problem
    assert "time(17), BEIJING" in fault.problem, fault.problem
    assert fault.rule == f"county.{COUNTY}.report.deadline"
    assert fault.fix == OFFSET_FIX
    assert "end of the day" not in fault.fix and "NO_MOVE" not in fault.fix


def test_a_naive_17_00_names_the_rule_and_keeps_the_hour() -> None:
    fault = _first_fault(_Deadline(4, DeadlinePolicy.NEXT_WORKDAY, None))
    assert f"rule county.{COUNTY}.report.deadline: naive datetime" in fault.problem, fault.problem
    assert "time(17), BEIJING" in fault.problem
    assert fault.fix == OFFSET_FIX


def test_17_00_beijing_and_the_days_end_are_not_noted() -> None:
    assert offset_note(datetime(2025, 1, 3, 17, tzinfo=BEIJING)) == ""
    assert offset_note(datetime(2025, 1, 3, 23, 59, 59, tzinfo=BEIJING)) == ""
    assert offset_note(datetime(2025, 1, 4, 0, 0, tzinfo=BEIJING)) == ""
    assert "01:00 Beijing time" in offset_note(datetime(2025, 1, 3, 17, tzinfo=UTC))
