"""The calendar facts a deadline explains itself with (``Deadline.facts``): a weekend day inside a
statutory holiday is 节假日, as chinesecalendar has it (2025-05-03 in 劳动节 5/1–5/5), not 休息日;
补班 stays 补班; supplied and provisional years keep the weekday rule (they know no holiday's span)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Month, WorkCalendar, YearArrangement, monthly_deadline
from softenv_core.workdays.calendar import official_years
from softenv_core.workdays.deadlines import describe_day


@pytest.mark.parametrize(
    ("day", "fact"),
    [
        (date(2025, 5, 3), "2025-05-03 星期六 节假日（劳动节，非工作日）"),  # 劳动节 5/1–5/5
        (date(2025, 10, 4), "2025-10-04 星期六 节假日（国庆节，非工作日）"),  # 国庆、中秋 10/1–10/8
        (date(2026, 1, 3), "2026-01-03 星期六 节假日（元旦，非工作日）"),  # 元旦 1/1–1/3
        (date(2025, 5, 5), "2025-05-05 星期一 节假日（劳动节，非工作日）"),  # a weekday off in the holiday
        (date(2025, 5, 10), "2025-05-10 星期六 休息日（非工作日）"),  # a plain weekend
        (date(2025, 4, 27), "2025-04-27 星期日 补班（劳动节调休，工作日）"),  # the Sunday worked for 劳动节
        (date(2025, 9, 28), "2025-09-28 星期日 补班（国庆节调休，工作日）"),  # the Sunday worked for 国庆
        (date(2025, 5, 6), "2025-05-06 星期二 工作日"),
    ],
)
def test_an_official_day_is_described_as_chinesecalendar_has_it(day, fact):
    assert describe_day(WorkCalendar(), day) == fact


def test_a_deadline_moved_over_a_holiday_weekend_says_so():
    """qingshan's 3rd of May 2025 (finding 10): the facts a county clerk reads."""
    d = monthly_deadline(WorkCalendar(), Month(2025, 4), 3, rule_id="t", reference="t")
    assert d.due_at.date() == date(2025, 5, 6)
    assert d.facts[:2] == (
        "2025-05-03 星期六 节假日（劳动节，非工作日）",
        "2025-05-04 星期日 节假日（劳动节，非工作日）",
    )


def test_a_supplied_year_keeps_the_weekday_rule():
    arr = YearArrangement(2025, holidays={date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 5)}, workdays=set())
    cal = WorkCalendar().with_arrangement(arr)
    assert describe_day(cal, date(2025, 5, 3)) == "2025-05-03 星期六 休息日（非工作日）"
    assert describe_day(cal, date(2025, 5, 5)) == "2025-05-05 星期一 节假日（非工作日）"
    assert describe_day(cal, date(2025, 4, 27)) == "2025-04-27 星期日 休息日（非工作日）"  # not a workday there


def test_a_provisional_year_knows_no_holiday():
    year = official_years()[1] + 1
    first_saturday = next(date(year, 5, d) for d in range(1, 8) if date(year, 5, d).weekday() == 5)
    assert describe_day(WorkCalendar.provisional(), first_saturday).endswith("星期六 休息日（非工作日）")


@pytest.mark.parametrize("rule_id", ["", " ", "due day", "规则", "x" * 65])
@pytest.mark.parametrize("make", ["monthly", "workday", "direct"])
def test_a_deadline_names_a_rule_by_an_id_however_it_is_made(make: str, rule_id: str) -> None:
    # integrator i44: monthly_deadline(rule_id="") called directly gave a Deadline citing no
    # rule, which the engine refused only when a plugin's hook returned it.
    from datetime import datetime, timedelta, timezone

    from softenv_core import Deadline, FieldInvalid, workday_deadline

    due = datetime(2025, 5, 6, 23, 59, 59, tzinfo=timezone(timedelta(hours=8)))
    makers = {
        "monthly": lambda: monthly_deadline(WorkCalendar(), Month(2025, 4), 5, rule_id=rule_id, reference="t"),
        "workday": lambda: workday_deadline(WorkCalendar(), Month(2025, 4), 3, rule_id=rule_id, reference="t"),
        "direct": lambda: Deadline(due, date(2025, 5, 5), rule_id, "next_workday", "t"),
    }
    with pytest.raises(FieldInvalid, match=r"^rule_id: invalid id"):
        makers[make]()


def test_a_plugins_deadline_without_a_rule_id_is_the_plugins_error() -> None:
    from typing import Any

    from softenv_core import PluginError, get_plugin_manager, report_deadline
    from softenv_core.plugin import PluginInfo, hookimpl

    class NoId:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379902", title="no id", reference="t")

        @hookimpl
        def softenv_report_deadline(self, county: Any, month: Month, calendar: WorkCalendar, params: Any) -> Any:
            return monthly_deadline(calendar, month, 3, rule_id="", reference="t")

    from softenv_core import build_demo

    pm = get_plugin_manager(autoload=False, plugins=[("noid", NoId())])
    with pytest.raises(PluginError, match=r"noid.*rule_id: invalid id ''"):
        report_deadline(build_demo(), "379902", Month(2025, 4), pm)


HOLIDAYS_ZH = {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}


@given(st.dates(date(2022, 1, 1), date(2025, 12, 31)))
def test_a_holidays_days_off_and_make_up_days_name_it_and_no_other_day_does(day: date) -> None:
    import chinese_calendar

    fact = describe_day(WorkCalendar(), day)
    named = [h for h in HOLIDAYS_ZH if f"（{h}，" in fact or f"（{h}调休，" in fact]
    listed = chinese_calendar.holidays.get(day) or chinese_calendar.workdays.get(day)
    if listed is None:  # an ordinary weekday or weekend day
        assert named == [], fact
    else:
        assert len(named) == 1, fact
        # The kind is said as before: only the holiday's name was added inside the brackets.
        assert fact.endswith("非工作日）") != WorkCalendar().is_workday(day), fact


def test_a_provisional_year_names_no_holiday() -> None:
    cal = WorkCalendar.provisional()
    assert describe_day(cal, date(2030, 10, 1)) == "2030-10-01 星期二 工作日"
