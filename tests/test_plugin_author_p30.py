"""Plugin author p30 (临水区 379903): what the library and the kit told a county plugin author."""

from __future__ import annotations

from datetime import date, datetime, time

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, explain_county
from softenv_core.errors import PluginError, RuleConflict
from softenv_core.plugin import (
    BEIJING,
    Award,
    ContactMethod,
    County,
    Deadline,
    DeadlinePolicy,
    Month,
    MonthState,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
)
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import check_plugin, small_dataset
from softenv_core.testing.plugin_check import check_installed


class QuickFixToday:
    """+2 once for a problem raised in a contact and resolved (已解决) within 10 working days,
    the follow-ups read up to ``date.today()`` instead of ``ctx.as_of``: the kit's data had no
    follow-up, so its clock check passed the rule."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="临水区", reference="临水区〔2025〕9号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: object) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            mine = {c.id: c for c in ctx.contacts if c.items}
            done = [
                (mine[f.record], f)
                for f in sorted(ctx.dataset.followups, key=lambda f: f.id)
                if f.record in mine and f.kind.value == "resolved" and f.date <= date.today()
            ]
            quick = [(c, f) for c, f in done if ctx.calendar.workdays_between(c.date, f.date) <= 10]
            return Award(2, "问题10个工作日内解决", [quick[0][0].id, quick[0][1].id]) if quick else None

        rule = Rule(
            id="county.379903.extra.quick_fix",
            label="quick_fix",
            title_zh="问题快速解决",
            title_en="quick fix",
            reference="临水区〔2025〕9号 第九条",
            score=score,
            max_points=2,
            effective_from=date(2025, 1, 1),
        )
        return [attrs.evolve(rule, reads_direct_feedback=False)]


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_the_clock_check_sees_a_rule_reading_follow_ups_against_the_clock() -> None:
    report = check_plugin(QuickFixToday(), "linshui", max_examples=1)
    problem = report.failures.get("deterministic", "")
    assert "rule county.379903.extra.quick_fix" in problem and "reads the clock" in problem
    assert "date.today()" in problem  # the line of the source that calls it


class ThirdWorkingDay:
    """临水区 第五条 as written: the report is due by the 3rd working day of the next month. That
    is later than the city's 5th (moved to the next working day) where a month opens with a
    holiday: January 2025's report (Spring Festival to 4 February) is due 7 February, the city's
    on 5 February."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="临水区", reference="临水区〔2025〕9号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline:
        day = calendar.add_workdays(month.last_day, 3)
        return Deadline(
            due_at=datetime.combine(day, time(23, 59, 59), BEIJING),
            nominal=day,
            rule_id="county.379903.report.deadline",
            policy=DeadlinePolicy.NO_MOVE,
            reference="临水区〔2025〕9号 第五条: 次月第3个工作日",
            calendar_sources=calendar.sources([day]),
        )


def test_check_names_every_month_a_working_day_deadline_is_later_and_the_fix_that_fits() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("linshui", ThirdWorkingDay())])
    faults = check_installed(pm, 2025)
    (fault,) = [f for f in faults if f.hook == "softenv_report_deadline"]
    assert fault.rule == "county.379903.report.deadline"
    # the first month and its two days, then every other month in which it is later
    assert "2025-01 is due 2025-02-07T23:59:59+08:00 (规定日 2025-02-07)" in fault.problem
    assert "the city's 2025-02-05T23:59:59+08:00 (规定日 2025-02-05)" in fault.problem
    assert "later too in 2025-04, 2025-09" in fault.problem  # May Day, National Day
    # its day (the 3rd) is not after the city's 5th: lowering it is no fix; None in those months is
    assert "set the county's due day" not in fault.fix and "return None for such a month" in fault.fix


def test_an_assessment_refusing_a_later_deadline_names_both_rules_and_the_fix() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("linshui", ThirdWorkingDay())])
    with pytest.raises(RuleConflict) as caught:
        assess(small_dataset(2025, ("379903",)), 2025, pm, audience=CITY_OFFICE)
    message = str(caught.value)
    assert "379903 for 2025-01" in message and "'city' and 'linshui'" in message
    assert "2025-02-07T23:59:59+08:00 (county.379903.report.deadline)" in message
    assert "2025-02-05T23:59:59+08:00 (city.report.deadline)" in message
    assert "return None for this month" in message


class ThirdOrCity(ThirdWorkingDay):
    """第五条 as 临水区 applies it: the 3rd working day, the city's deadline where that is earlier."""

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        mine = super().softenv_report_deadline(county, month, calendar, params)
        first = (month + 1).first_day
        return None if mine.nominal > calendar.next_workday(first.replace(day=5)) else mine


def test_explain_county_names_the_rule_behind_every_months_deadline_when_all_are_on_time() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("linshui", ThirdOrCity())])
    county = assess(small_dataset(2025, ("379903",)), 2025, pm, audience=CITY_OFFICE).county("379903")
    assert all(m.status is MonthState.ON_TIME for m in county.months)
    text = explain_county(county)
    assert "截止时间依据：" in text
    assert "county.379903.report.deadline [linshui " in text
    assert "临水区〔2025〕9号 第五条: 次月第3个工作日：2025-02、2025-03" in text
    # the months the city's rule set (the 3rd working day after the holiday is later than the 5th)
    assert "city.report.deadline [city " in text and "：2025-01、2025-04、2025-09、2025-12\n" in text
    assert "参数：report.due_day = 5（自 2022-03-01；" in text
    assert "Deadlines set by:" in explain_county(county, "en")


def test_the_follow_up_types_a_rule_reads_are_on_the_plugin_surface() -> None:
    # hooks.md names a point's follow-ups as its evidence; a rule reading ctx.dataset.followups
    # had to import their types from softenv_core.model.followups, off the authors' surface.
    import softenv_core.plugin as surface
    from softenv_core.model import followups

    assert surface.FollowUp is followups.FollowUp
    assert surface.FollowUpKind.RESOLVED is followups.FollowUpKind.RESOLVED
    assert surface.MatterSource.CONTACT is followups.MatterSource.CONTACT
    assert {"FollowUp", "FollowUpKind", "MatterSource"} <= set(surface.__all__)


class SymposiumUncapped(ThirdWorkingDay):
    """第八条 without its cap: 1 a month of the county's symposium, max_points 5 declared."""

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            ids = [c.id for c in ctx.contacts if c.method is ContactMethod.SYMPOSIUM and c.liaison == "379903"]
            return Award(len(ids), f"参加县座谈会{len(ids)}个月", ids) if ids else None

        rule = Rule(
            "county.379903.extra.symposium", "symposium", "座谈会", "symposium", "第八条", score, 5, date(2025, 1, 1)
        )
        return [attrs.evolve(rule, reads_direct_feedback=False)]

    softenv_report_deadline = None  # type: ignore[assignment]  # the city's


def test_an_award_above_max_points_names_the_point_not_the_reason() -> None:
    """The point, to replay; not the plugin's reason, which may say who complained (the error
    reaches a county's caller through the service's 422)."""
    dataset = small_dataset(2025, ("379903",))
    dataset = attrs.evolve(
        dataset,
        contacts=tuple(
            attrs.evolve(c, method=ContactMethod.SYMPOSIUM) if c.point == "P-379903-2" else c for c in dataset.contacts
        ),
    )
    pm = get_plugin_manager(autoload=False, plugins=[("linshui", SymposiumUncapped())])
    with pytest.raises(PluginError) as caught:
        assess(dataset, 2025, pm, audience=CITY_OFFICE)
    message = str(caught.value)
    assert "rule county.379903.extra.symposium awarded 12.00, beyond its max_points 5.00" in message
    assert message.endswith("beyond its max_points 5.00 (point P-379903-2)") and "参加县座谈会" not in message
