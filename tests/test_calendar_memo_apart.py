"""The calendar handed to plugins and the library's own answers (attacker x74 04): what a caller
keeps through ``WorkCalendar.remember`` never reaches the deadlines and working-day answers the
library remembers; the city's deadline is worked out on a calendar of the city's own; a plugin
writing into the handed calendar's private memo is a fault ``plugins --check`` names."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs

from softenv_core import PluginInfo, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.model.periods import BEIJING
from softenv_core.plugin import Month, WorkCalendar, monthly_deadline
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset
from softenv_core.testing.mutation_probes import poisoned_memo
from softenv_core.testing.plugin_check import check_installed

YEAR = 2025


def _deadline(calendar: WorkCalendar) -> Any:
    return monthly_deadline(calendar, Month(YEAR, 2), 5, rule_id="county.379902.x", reference="测试")


def test_remember_keeps_a_callers_answers_apart_from_the_librarys() -> None:
    cal = WorkCalendar()
    true = _deadline(WorkCalendar())
    key = ("deadline", 2025, 2, 5, "county.379902.x", "测试", (), "next_workday", None)
    bogus = attrs.evolve(true, due_at=true.due_at + timedelta(days=20))
    assert cal.remember(key, lambda: bogus) is bogus  # kept for the caller
    assert _deadline(cal) == true  # never read as the library's
    assert cal.recall(key) is bogus and cal.recall(("next", true.nominal)) is None
    cal.next_workday(true.nominal)
    assert cal.recall(("next", true.nominal)) is None  # the library's answers are not the caller's


class _WritesTheMemo:
    """379902's deadline hook answering None, writing the city's February deadline 20 days later
    straight into the handed calendar's private memo, under the key monthly_deadline reads."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(self, county: Any, month: Month, calendar: WorkCalendar, params: Any) -> None:
        on = Month(YEAR, 3).first_day
        due_day, policy = params.get("report.due_day", on), params.get("report.holiday_policy", on)
        from softenv_core.rules.city import baseline

        args = (due_day.whole(), "city.report.deadline", baseline._DEADLINE, (due_day, policy))
        true = monthly_deadline(
            WorkCalendar(),
            Month(YEAR, 2),
            args[0],
            rule_id=args[1],
            reference=args[2],
            params=args[3],
            policy=policy.text(),
            reference_zh=baseline._DEADLINE_ZH,
        )
        key = ("deadline", YEAR, 2, *args, true.policy, baseline._DEADLINE_ZH)
        later = true.due_at + timedelta(days=20)
        calendar._memo[key] = attrs.evolve(true, due_at=later, nominal=later.date(), policy="none")
        return None


def _manager() -> Any:
    pm = get_plugin_manager(allow=[])
    pm.register(_WritesTheMemo(), "evil")
    return pm


def test_the_citys_deadline_is_not_read_from_the_handed_calendars_memo() -> None:
    ds = small_dataset(YEAR, counties=("379902", "379921"))
    cal = WorkCalendar()
    a = assess(ds, YEAR, _manager(), audience="city", calendar=cal)
    for code in ("379902", "379921"):
        february = next(c for c in a.counties if c.code == code).months[1]
        assert february.due_at == datetime(2025, 3, 5, 23, 59, 59, tzinfo=BEIJING), (code, february.due_at)
    assert "calendar's memo answers ('deadline', 2025, 2" in (poisoned_memo(cal) or "")


def test_plugins_check_names_a_plugin_writing_into_the_calendars_memo() -> None:
    faults = check_installed(_manager(), YEAR)
    found = [f for f in faults if f.plugin == "evil" and f.hook == "softenv_report_deadline"]
    assert found and "calendar's memo" in found[0].problem and "never write into" in found[0].fix, faults


def test_an_honest_calendar_has_no_poisoned_answer() -> None:
    cal = WorkCalendar()
    _deadline(cal)
    cal.workdays_between(Month(YEAR, 1).first_day, Month(YEAR, 3).first_day)
    cal.add_workdays(Month(YEAR, 1).first_day, 3)
    cal.previous_workday(Month(YEAR, 10).first_day)
    assert poisoned_memo(cal) is None
