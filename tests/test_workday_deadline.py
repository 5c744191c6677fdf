"""``workday_deadline``: a county's report due by the end of the Nth working day of the next
month (每月前N个工作日内报送). A plugin author had to loop over ``calendar.is_workday`` for it.

The hand-computed days come from the State Council's arrangements (国办发明电): 2025 国庆、中秋
10/1-10/8 with 补班 Sunday 9/28 and Saturday 10/11; 2025 春节 1/28-2/4 with 补班 Sunday 1/26 and
Saturday 2/8; 2025 劳动节 5/1-5/5; 2025 端午 5/31-6/2; 2026 元旦 1/1-1/3 with 补班 Sunday 1/4.
"""

from __future__ import annotations

import contextlib
import functools
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import softenv_core
import softenv_core.plugin
from softenv_core import (
    BEIJING,
    CITY_OFFICE,
    CalendarDataMissing,
    CalendarMode,
    FieldInvalid,
    Month,
    MonthState,
    SoftenvError,
    WorkCalendar,
    YearArrangement,
    assess,
    baseline_parameters,
    explain_county,
    monthly_deadline,
    workday_deadline,
)
from softenv_core.engine.answers import check_deadline, check_deadline_month
from softenv_core.plugin import (
    County,
    Deadline,
    DeadlinePolicy,
    ParameterSet,
    ParamValue,
    PluginInfo,
    hookimpl,
)
from softenv_core.render.assessment import explain_deadline
from softenv_core.rules.city import baseline
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import months, small_dataset
from softenv_core.testing.plugin_check import check_installed
from softenv_core.workdays.calendar import official_years

from .weights import examples

CAL = WorkCalendar()
due = functools.partial(workday_deadline, rule_id="county.379903.report.deadline", reference="第五条")


def _day(d: Deadline) -> date:
    return d.due_at.astimezone(BEIJING).date()


# -- hand-computed cases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "nth", "expected"),
    [
        # after National Day (10/1-10/8): the 1st working day is the 9th, the 3rd the make-up Saturday
        (Month(2025, 9), 1, date(2025, 10, 9)),
        (Month(2025, 9), 2, date(2025, 10, 10)),
        (Month(2025, 9), 3, date(2025, 10, 11)),
        (Month(2025, 9), 4, date(2025, 10, 13)),
        # January 2026 opens with 元旦 and then the make-up Sunday, which counts
        (Month(2025, 12), 1, date(2026, 1, 4)),
        (Month(2025, 12), 2, date(2026, 1, 5)),
        # after the Spring Festival (to 2/4): 5, 6, 7, then the make-up Saturday the 8th
        (Month(2025, 1), 1, date(2025, 2, 5)),
        (Month(2025, 1), 4, date(2025, 2, 8)),
        (Month(2025, 1), 5, date(2025, 2, 10)),
        # after May Day (5/1-5/5), and after 端午 (5/31-6/2)
        (Month(2025, 4), 1, date(2025, 5, 6)),
        (Month(2025, 5), 1, date(2025, 6, 3)),
        # an ordinary month opening on a weekend (March 2025: Saturday the 1st)
        (Month(2025, 2), 1, date(2025, 3, 3)),
        (Month(2025, 2), 3, date(2025, 3, 5)),
        # and on a working Tuesday (July 2025)
        (Month(2025, 6), 1, date(2025, 7, 1)),
    ],
)
def test_the_nth_working_day_of_the_next_month_by_the_official_arrangement(month, nth, expected):
    d = due(CAL, month, nth)
    assert d.due_at == datetime(expected.year, expected.month, expected.day, 23, 59, 59, tzinfo=BEIJING)
    assert d.nominal == expected
    assert d.policy is DeadlinePolicy.NO_MOVE
    assert d.rule_id == "county.379903.report.deadline" and d.reference == "第五条"
    assert [str(s) for s in d.calendar_sources] == [str(CAL.source(expected.year))]
    assert not d.provisional


def test_the_facts_name_every_day_counted_from_the_first_to_the_due_day():
    d = due(CAL, Month(2025, 9), 3)
    assert d.facts == (
        "2025-10-01 星期三 节假日（国庆节，非工作日）",
        "2025-10-02 星期四 节假日（国庆节，非工作日）",
        "2025-10-03 星期五 节假日（国庆节，非工作日）",
        "2025-10-04 星期六 节假日（国庆节，非工作日）",
        "2025-10-05 星期日 节假日（国庆节，非工作日）",
        "2025-10-06 星期一 节假日（中秋节，非工作日）",
        "2025-10-07 星期二 节假日（国庆节，非工作日）",
        "2025-10-08 星期三 节假日（国庆节，非工作日）",
        "2025-10-09 星期四 工作日",
        "2025-10-10 星期五 工作日",
        "2025-10-11 星期六 补班（国庆节调休，工作日）",
    )
    assert due(CAL, Month(2025, 12), 1).facts[-1] == "2026-01-04 星期日 补班（元旦调休，工作日）"
    assert due(CAL, Month(2025, 2), 1).facts == (
        "2025-03-01 星期六 休息日（非工作日）",
        "2025-03-02 星期日 休息日（非工作日）",
        "2025-03-03 星期一 工作日",
    )


def test_the_explanation_reads_as_not_moved_with_its_day_in_both_languages():
    d = due(CAL, Month(2025, 9), 3)
    zh = explain_deadline(d, "379903", "2025-09")
    assert "顺延规则：不顺延；规定日 2025-10-11" in zh and "2025-10-11 星期六 补班（国庆节调休，工作日）" in zh
    en = explain_deadline(d, "379903", "2025-09", "en")
    assert "Policy: none (the day is kept even when it is a day off); nominal 2025-10-11" in en


def test_a_month_may_be_given_as_its_text_and_params_are_kept():
    pv = ParamValue("county.379903.report.workdays", 3, date(2025, 1, 1), "第五条")
    by_text = due(CAL, "2025-09", 3, params=(pv,))
    assert by_text == due(CAL, Month(2025, 9), 3, params=(pv,))
    assert by_text.params == (pv,)
    assert due(CAL, Month(2025, 9), 3, params=[pv]) == by_text  # a list is taken as monthly_deadline takes it


def test_one_county_month_is_worked_out_once_per_calendar():
    first = due(CAL, Month(2025, 9), 3)
    assert due(CAL, Month(2025, 9), 3) is first  # every county asking: one look-up
    assert due(WorkCalendar(), Month(2025, 9), 3) == first  # another calendar works it out again


def test_its_answers_are_not_monthly_deadlines_answers_under_the_same_arguments():
    """Both remember in the one calendar: day 3 and the 3rd working day of March 2025 differ."""
    cal = WorkCalendar()
    day3 = monthly_deadline(cal, Month(2025, 2), 3, rule_id="r", reference="ref")
    third = workday_deadline(cal, Month(2025, 2), 3, rule_id="r", reference="ref")
    assert (day3.nominal, third.nominal) == (date(2025, 3, 3), date(2025, 3, 5))
    assert workday_deadline(cal, Month(2025, 2), 3, rule_id="r", reference="ref") is third


def test_a_parameter_of_a_list_or_mapping_value_works_unremembered():
    by_month = ParamValue("county.379903.report.workdays_by_month", {"2025-09": 2}, date(2025, 1, 1), "第五条")
    listed = ParamValue("county.379903.report.skip", [1, 2], date(2025, 1, 1), "第五条")
    d = due(CAL, Month(2025, 9), 2, params=(by_month, listed))
    assert d.nominal == date(2025, 10, 10) and d.params == (by_month, listed)
    assert due(CAL, Month(2025, 9), 2, params=(by_month, listed)) == d


def test_a_year_the_strict_calendar_does_not_know_raises_calendar_data_missing():
    last = official_years()[1]
    with pytest.raises(CalendarDataMissing):
        due(CAL, Month(last, 12), 1)  # the report on December is due in January of the next year
    provisional = due(WorkCalendar(CalendarMode.PROVISIONAL), Month(last, 12), 1)
    assert provisional.provisional and provisional.nominal.year == last + 1


def test_a_supplied_year_is_counted_by_its_arrangement():
    year = official_years()[1] + 1
    # a supplied January: the 1st and 2nd off, the Sunday worked
    first_sunday = next(date(year, 1, d) for d in range(1, 8) if date(year, 1, d).weekday() == 6)
    holidays = {d for d in (date(year, 1, 1), date(year, 1, 2)) if d.weekday() < 5}
    cal = WorkCalendar().with_arrangement(YearArrangement(year, holidays, {first_sunday}, "国办发明电 test"))
    d = due(cal, Month(year - 1, 12), 1)
    days = [date(year, 1, n) for n in range(1, 10)]
    assert d.nominal == next(x for x in days if x in {first_sunday} or (x.weekday() < 5 and x not in holidays))
    assert [s.name for s in d.calendar_sources] == ["supplied"]


# -- argument errors -------------------------------------------------------------------------


@pytest.mark.parametrize("nth", [0, -1, 24, 99, True, False, 3.0, 2.5, "3", None, [3]])
def test_a_wrong_nth_is_field_invalid_naming_it(nth: Any):
    with pytest.raises(FieldInvalid) as caught:
        due(CAL, Month(2025, 9), nth)
    assert caught.value.name == "nth"


def test_a_next_month_with_fewer_working_days_than_nth_is_field_invalid_naming_nth():
    # February 2026 (春节 2/15-2/23, 补班 2/14 and 2/28) has 16 working days
    assert due(CAL, Month(2026, 1), 16).nominal == date(2026, 2, 28)
    with pytest.raises(FieldInvalid, match="2026-02 has 16 working days, fewer than 17") as caught:
        due(CAL, Month(2026, 1), 17)
    assert caught.value.name == "nth"
    assert due(CAL, Month(2025, 6), 23).nominal == date(2025, 7, 31)  # July 2025: 23 working days


@pytest.mark.parametrize(
    ("args", "kwargs", "name"),
    [
        ((None, Month(2025, 9), 1), {}, "calendar"),
        ((CAL, 202509, 1), {}, "month"),
        ((CAL, "2025-13", 1), {}, "month"),
        ((CAL, Month(2025, 9), 1), {"rule_id": 5}, "rule_id"),
        ((CAL, Month(2025, 9), 1), {"reference": None}, "reference"),
        ((CAL, Month(2025, 9), 1), {"params": "p"}, "params"),
        ((CAL, Month(2025, 9), 1), {"params": {1, 2}}, "params"),
    ],
)
def test_each_wrong_argument_is_field_invalid_naming_it(args, kwargs, name):
    with pytest.raises(FieldInvalid) as caught:
        workday_deadline(*args, **{"rule_id": "r", "reference": "ref", **kwargs})
    assert caught.value.name == name


def test_a_wrong_argument_in_any_slot_raises_only_the_librarys_errors():
    wrong = (None, 5, -1, 2.5, "x", b"x", {}, [1], object(), date(2025, 1, 1), datetime(2025, 1, 1))
    good: dict[str, Any] = {"calendar": CAL, "month": Month(2025, 9), "nth": 3, "rule_id": "r", "reference": "ref"}
    for slot in [*good, "params"]:
        for value in wrong:
            with contextlib.suppress(SoftenvError):  # anything else (a bare TypeError) fails the test
                workday_deadline(**{**good, slot: value})


def test_it_is_on_both_public_surfaces():
    assert softenv_core.plugin.workday_deadline is softenv_core.workday_deadline
    assert "workday_deadline" in softenv_core.__all__ and "workday_deadline" in softenv_core.plugin.__all__


# -- properties ------------------------------------------------------------------------------

# Every month whose next month the installed official calendar knows.
OFFICIAL_MONTHS = months(tuple(range(official_years()[0], official_years()[1])))


def _workdays_of(month: Month) -> list[date]:
    return [d for d in (month.first_day + timedelta(days=i) for i in range(month.last_day.day)) if CAL.is_workday(d)]


@settings(max_examples=examples(200))
@given(OFFICIAL_MONTHS, st.integers(1, 23))
def test_the_due_day_is_the_nth_working_day_of_the_next_month_after_the_month_ends(month: Month, nth: int):
    nxt = month + 1
    if nth > len(_workdays_of(nxt)):
        with pytest.raises(FieldInvalid):
            due(CAL, month, nth)
        return
    d = due(CAL, month, nth)
    day = _day(d)
    assert CAL.is_workday(day) and (day.year, day.month) == (nxt.year, nxt.month)
    assert sum(CAL.is_workday(nxt.first_day + timedelta(days=i)) for i in range((day - nxt.first_day).days)) == nth - 1
    assert d.due_at > month.end and d.nominal == day
    assert len(d.facts) == day.day and d.facts[-1].startswith(day.isoformat())
    check_deadline("p", "softenv_report_deadline", d)  # the engine's checks of every answer
    check_deadline_month("p", "softenv_report_deadline", d, "379903", month)


@settings(max_examples=examples(100))
@given(OFFICIAL_MONTHS, st.integers(1, 15))
def test_the_due_day_increases_strictly_with_nth(month: Month, nth: int):
    # every month of the official calendar has 16 working days or more
    assert due(CAL, month, nth).due_at < due(CAL, month, nth + 1).due_at


def _city(month: Month) -> Deadline:
    return baseline.softenv_report_deadline(county=None, month=month, calendar=CAL, params=baseline_parameters())


# The months the city baseline (in force from 2022-03-01) sets a deadline for.
BASELINE_MONTHS = months(tuple(range(2022, official_years()[1]))).filter(lambda m: m >= Month(2022, 2))


@settings(max_examples=examples(100))
@given(BASELINE_MONTHS, st.integers(1, 5))
def test_it_is_later_than_the_citys_exactly_when_fewer_than_nth_working_days_reach_the_citys_day(month, nth):
    """The 1st working day never is; the 2nd or later is where the next month opens with a holiday."""
    city = _city(month)
    counted = CAL.workdays_between((month + 1).first_day - timedelta(days=1), _day(city))
    assert (due(CAL, month, nth).due_at > city.due_at) == (counted < nth)
    if nth == 1:
        assert due(CAL, month, 1).due_at <= city.due_at


# -- a county plugin using it ----------------------------------------------------------------


class WorkingDayPlugin:
    """临水区 (379903) 第五条: 每月前N个工作日内报送上月情况; with ``city_where_later`` the plugin
    returns None in a month where that is later than the city's deadline, as docs/hooks.md says."""

    def __init__(self, nth: int, city_where_later: bool = False) -> None:
        self.nth, self.city_where_later = nth, city_where_later

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="临水区", reference="临水区〔2025〕9号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        mine = workday_deadline(
            calendar,
            month,
            self.nth,
            rule_id="county.379903.report.deadline",
            reference=f"临水区〔2025〕9号 第五条: 每月前{self.nth}个工作日内报送",
        )
        first = (month + 1).first_day
        city_day = calendar.next_workday(first.replace(day=params.get("report.due_day", first).whole()))
        return None if self.city_where_later and mine.nominal > city_day else mine


def _pm(plugin: WorkingDayPlugin):
    return get_plugin_manager(autoload=False, plugins=[("linshui", plugin)])


def test_plugins_check_finds_no_fault_in_the_first_working_day():
    assert check_installed(_pm(WorkingDayPlugin(1)), 2025) == []


def test_plugins_check_names_the_months_the_third_working_day_is_later_and_the_fix():
    (fault,) = [f for f in check_installed(_pm(WorkingDayPlugin(3)), 2025) if f.hook == "softenv_report_deadline"]
    assert "2025-01 is due 2025-02-07T23:59:59+08:00 (规定日 2025-02-07)" in fault.problem
    assert "later too in 2025-04, 2025-09, 2025-12" in fault.problem  # May Day, National Day, New Year
    assert "return None for such a month" in fault.fix
    assert check_installed(_pm(WorkingDayPlugin(3, city_where_later=True)), 2025) == []


def test_plugins_check_names_nth_where_the_next_month_is_too_short():
    (fault,) = check_installed(_pm(WorkingDayPlugin(17)), 2026)  # February 2026: 16 working days
    assert fault.hook == "softenv_report_deadline" and "nth" in fault.problem


def test_an_assessment_applies_the_first_working_day_end_to_end():
    """small_dataset's reports come on the 2nd at 09:00: late where the 1st is a working day."""
    county = assess(small_dataset(2025, ("379903",)), 2025, _pm(WorkingDayPlugin(1)), audience=CITY_OFFICE).county(
        "379903"
    )
    dues = {
        1: date(2025, 2, 5),
        2: date(2025, 3, 3),
        3: date(2025, 4, 1),
        4: date(2025, 5, 6),
        5: date(2025, 6, 3),
        6: date(2025, 7, 1),
        7: date(2025, 8, 1),
        8: date(2025, 9, 1),
        9: date(2025, 10, 9),
        10: date(2025, 11, 3),
        11: date(2025, 12, 1),
        12: date(2026, 1, 4),
    }
    for m in county.months:
        assert m.deadline is not None and m.deadline.rule_id == "county.379903.report.deadline"
        assert m.deadline.plugin == "linshui" and _day(m.deadline) == dues[m.month.month]
        late = dues[m.month.month].day == 1
        assert m.status is (MonthState.LATE if late else MonthState.ON_TIME), m.month
    text = explain_county(county)
    assert "county.379903.report.deadline [linshui" in text and "每月前1个工作日内报送" in text


def test_an_assessment_with_the_third_working_day_leaves_the_later_months_to_the_city():
    county = assess(
        small_dataset(2025, ("379903",)), 2025, _pm(WorkingDayPlugin(3, city_where_later=True)), audience=CITY_OFFICE
    ).county("379903")
    by_rule = {m.month.month: m.deadline.rule_id for m in county.months if m.deadline is not None}
    assert [m for m, r in sorted(by_rule.items()) if r == "city.report.deadline"] == [1, 4, 9, 12]
    assert _day(county.months[1].deadline) == date(2025, 3, 5)  # March 2025: 3, 4, 5
    assert all(m.status is MonthState.ON_TIME for m in county.months)
