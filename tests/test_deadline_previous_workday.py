"""遇节假日提前 (``DeadlinePolicy.PREVIOUS_WORKDAY``): a county's rule that moves a due day off to
the working day before it (plugin author p44 could give it only as 不顺延 with the earlier day,
whose facts said nothing of the holiday). Its facts name each day off passed, its 规定日 stays
the day the rule names, the engine checks the move, and a move into the reported month itself
is refused as any deadline before the month's end is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import PluginError, get_plugin_manager, report_deadline
from softenv_core.errors import FieldInvalid
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
from softenv_core.testing import SAFE_YEARS, small_dataset

CODE = "379921"
RULE = f"county.{CODE}.report.deadline"
EARLIER = DeadlinePolicy.PREVIOUS_WORKDAY


def _d(month: Month, day: int, cal: WorkCalendar | None = None) -> Deadline:
    return monthly_deadline(cal or WorkCalendar(), month, day, rule_id=RULE, reference="r", policy=EARLIER)


def test_a_holiday_moves_to_the_working_day_before_and_says_so() -> None:
    d = _d(Month(2025, 3), 5)  # 2025-04-05: a Saturday in 清明 (04-04 to 04-06)
    assert d.nominal == date(2025, 4, 5) and beijing_date(d.due_at) == date(2025, 4, 3)
    assert d.policy is EARLIER and d.policy.zh == "遇节假日提前至前一个工作日"
    assert d.facts == (
        "2025-04-05 星期六 节假日（清明节，非工作日）",
        "2025-04-04 星期五 节假日（清明节，非工作日）",
        "2025-04-03 星期四 工作日",
    )


def test_a_weekend_moves_to_the_friday_and_a_working_day_stays() -> None:
    assert beijing_date(_d(Month(2025, 5), 7).due_at) == date(2025, 6, 6)  # Saturday 06-07
    kept = _d(Month(2025, 5), 4)  # Wednesday 06-04
    assert beijing_date(kept.due_at) == kept.nominal == date(2025, 6, 4) and len(kept.facts) == 1


@given(st.sampled_from(SAFE_YEARS), st.integers(1, 12), st.integers(1, 31))
def test_the_due_day_is_the_last_working_day_on_or_before_the_named_one(year: int, m: int, day: int) -> None:
    cal = WorkCalendar()
    nxt = Month(year, m) + 1
    try:
        d = _d(Month(year, m), day, cal)
    except Exception as exc:  # a next month in a year the calendar does not know
        pytest.skip(f"{type(exc).__name__}: {exc}")
    due = beijing_date(d.due_at)
    assert d.nominal == min(date(nxt.year, nxt.month, 1) + timedelta(days=day - 1), nxt.last_day)
    assert due <= d.nominal and cal.is_workday(due) and due == cal.previous_workday(d.nominal)
    passed = [d.nominal - timedelta(days=k) for k in range((d.nominal - due).days)]
    assert all(not cal.is_workday(x) for x in passed)
    assert len(d.facts) == len(passed) + 1


def test_the_policy_is_read_from_its_text_and_a_wrong_one_lists_it() -> None:
    assert (
        monthly_deadline(WorkCalendar(), "2025-03", 5, rule_id=RULE, reference="r", policy="previous_workday").policy
        is EARLIER
    )
    with pytest.raises(FieldInvalid, match="next_workday, previous_workday or none"):
        monthly_deadline(WorkCalendar(), "2025-03", 5, rule_id=RULE, reference="r", policy="earlier")


class _County:
    """A county deadline on the 5th under 遇节假日提前; ``shift`` days added to its due moment."""

    def __init__(self, day: int = 5, shift: int = 0) -> None:
        self.day, self.shift = day, shift

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="提前", reference="r")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        if county.code != CODE:
            return None
        d = monthly_deadline(calendar, month, self.day, rule_id=RULE, reference="r", policy=EARLIER)
        if not self.shift:
            return d
        due = datetime.combine(beijing_date(d.due_at) + timedelta(days=self.shift), time(23, 59, 59), BEIJING)
        return attrs.evolve(d, due_at=due)


def _pm(plugin: _County) -> object:
    return get_plugin_manager(autoload=False, plugins=[("earlier", plugin)])


def test_a_county_plugin_under_the_policy_is_taken_by_the_engine() -> None:
    ds = small_dataset(2025, (CODE,))
    d = report_deadline(ds, CODE, Month(2025, 3), _pm(_County()))  # type: ignore[arg-type]
    assert isinstance(d, Deadline) and d.plugin == "earlier"
    assert beijing_date(d.due_at) == date(2025, 4, 3) and d.nominal == date(2025, 4, 5)


def test_a_move_to_another_day_than_the_working_day_before_is_refused() -> None:
    ds = small_dataset(2025, (CODE,))
    with pytest.raises(PluginError) as info:
        report_deadline(ds, CODE, Month(2025, 3), _pm(_County(shift=-1)))  # type: ignore[arg-type]
    message = str(info.value)
    assert "names 2025-04-05 (规定日) moved to the working day before it (遇节假日提前)" in message
    assert "which is 2025-04-03, not 2025-04-02" in message


def test_a_move_into_the_reported_month_is_refused() -> None:
    """September 2025's report due on the 1st: 10-01 is 国庆, the working day before is 09-30,
    inside September: a report on a month cannot be due before the month ends."""
    ds = small_dataset(2025, (CODE,))
    with pytest.raises(PluginError, match="before the month has ended"):
        report_deadline(ds, CODE, Month(2025, 9), _pm(_County(day=1)))  # type: ignore[arg-type]


def test_the_engine_still_refuses_an_earlier_due_day_under_the_other_policies() -> None:
    ds = small_dataset(2025, (CODE,))

    class _Back(_County):
        @hookimpl
        def softenv_report_deadline(
            self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
        ) -> Deadline | None:
            d = super().softenv_report_deadline(county, month, calendar, params)
            return None if d is None else attrs.evolve(d, policy=DeadlinePolicy.NEXT_WORKDAY)

    with pytest.raises(PluginError, match="only previous_workday"):
        report_deadline(ds, CODE, Month(2025, 3), _pm(_Back()))  # type: ignore[arg-type]
