"""Plugin author p49 (新港区, 379911): what the checks asked and what the engine took as given.

01 `softenv plugins --check --year 2025` and the kit never asked the report on 2024-12, which
   the January report of 2025 needs: a deadline later than the city's there passed the check
   and then stopped `softenv report --month 2025-01`; the calendar's last year was refused whole.
02 A Deadline whose `nominal` is a datetime (a date to isinstance) ended in a bare TypeError.
03 A county's own cited parameter in force only from 2031 was printed beside 2025's figures.
04 Guide §5 read `report_deadline(...).rule_id`, which `mypy --strict` refuses on its union
   (`Deadline | MonthState`); the guide narrows it (the slow test_docs runs mypy on its blocks).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, report_deadline
from softenv_core.cli.main import main
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import PluginError
from softenv_core.plugin import (
    Award,
    Condition,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    ParameterSet,
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
    monthly_deadline,
)
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import small_dataset
from softenv_core.testing.asked_hooks import asked_hooks
from softenv_core.testing.plugin_check import check_installed
from softenv_core.workdays.calendar import official_years

COUNTY = "379911"
IN_FORCE = date(2025, 1, 1)
FIRST, LAST = official_years()


class _JanuaryLate:
    """第三条 as p49 first wrote it: the 10th in the Spring Festival month (2025-01-29), from
    2025; its only rule is in force from 2025, so the kit searches 2025 alone. ``late``: the
    January whose report is due on the 10th."""

    def __init__(self, late: int = 2025) -> None:
        self.late = late

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="新港区", reference="新港区〔2025〕4号")

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        due = (month + 1).first_day
        if due < IN_FORCE or (due.year, due.month) != (self.late, 1):
            return None
        return monthly_deadline(calendar, month, 10, rule_id="county.379911.report.deadline", reference="第三条")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [
            Rule(
                id="county.379911.extra.none",
                label="harbor.none",
                title_zh="无",
                title_en="none",
                reference="第五条",
                score=lambda ctx: None,
                max_points=1,
                effective_from=IN_FORCE,
            )
        ]


def _pm(plugin: object) -> SoftenvPluginManager:
    return get_plugin_manager(autoload=False, plugins=[("harbor", plugin)])


def test_01_the_check_of_a_year_asks_the_december_before_it() -> None:
    faults = check_installed(_pm(_JanuaryLate()), 2025)
    assert [f.hook for f in faults] == ["softenv_report_deadline"], faults
    assert "the report on 2024-12 is due 2025-01-10" in faults[0].problem


def test_01_the_kit_asks_the_december_before_its_year() -> None:
    pm = _pm(_JanuaryLate())
    failures = asked_hooks(pm, "harbor", COUNTY, small_dataset(2025, (COUNTY,)), 2025, baseline_parameters())
    assert "2024-12" in failures.get("no_conflict", ""), failures


def test_01_december_is_not_asked_before_the_programme() -> None:
    from softenv_core.testing.deadline_check import deadline_months

    months, left_out = deadline_months(2022, baseline_parameters())
    assert months[0] == Month(2022, 1)  # the report on 2021-12 was owed by no county: not asked
    assert left_out == ""
    assert deadline_months(2025, baseline_parameters())[0][0] == Month(2024, 12)


def test_01_the_calendars_last_year_is_checked_but_its_december(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from softenv_core.testing.deadline_check import deadline_months

    months, left_out = deadline_months(LAST, baseline_parameters())
    assert months[0] == Month(LAST - 1, 12) and months[-1] == Month(LAST, 11)
    assert f"{LAST}-12" in left_out and str(LAST + 1) in left_out
    monkeypatch.setenv("SOFTENV_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["plugins", "--check", "--year", str(LAST), "--examples", "1"]) == 0
    assert "checked 0 plugin(s)" in capsys.readouterr().out
    assert main(["plugins", "--check", "--year", str(LAST + 1)]) == 1
    assert f"{FIRST}–{LAST}" in capsys.readouterr().err


@pytest.mark.slow  # the kit starts a process (hash seeds)
def test_01_the_command_checks_the_calendars_last_year_and_finds_its_january(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from softenv_core.cli import commands

    pm = _pm(_JanuaryLate(LAST))
    monkeypatch.setattr(commands, "plugins_tolerantly", lambda: (pm, []))
    assert main(["plugins", "--check", "--year", str(LAST), "--examples", "1"]) == 1
    out = capsys.readouterr().out
    assert f"the report on {LAST - 1}-12 is due {LAST}-01-" in out
    assert f"report deadlines asked for the reports on {LAST - 1}-12 to {LAST}-11" in out
    assert f"report deadlines not checked for {LAST}-12: due in {LAST + 1}" in out


class _NominalDatetime(_JanuaryLate):
    """attrs.evolve(d, nominal=d.due_at): mypy --strict accepts it, a datetime being a date."""

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        d = monthly_deadline(calendar, month, 3, rule_id="county.379911.report.deadline", reference="第三条")
        return attrs.evolve(d, nominal=d.due_at)


def test_02_a_datetime_nominal_is_refused_naming_plugin_hook_field_and_rule() -> None:
    ds = small_dataset(2025, (COUNTY,))
    with pytest.raises(PluginError) as info:
        report_deadline(ds, COUNTY, Month(2025, 3), _pm(_NominalDatetime()))
    assert str(info.value) == (
        "plugin 'harbor', hook softenv_report_deadline: field nominal: rule county.379911.report.deadline: "
        "expected a date, got datetime"
    )
    faults = check_installed(_pm(_NominalDatetime()), 2025)
    assert faults and "field nominal: rule county.379911.report.deadline: expected a date, got datetime" in (
        faults[0].problem
    ), faults


FUTURE = ParamValue("county.379911.extra.suggestions.max", 999, date(2031, 1, 1), "新港区经信局〔2031〕1号")
IN_FORCE_PV = ParamValue("county.379911.extra.suggestions.max", 3, IN_FORCE, "新港区经信局〔2025〕4号")


class _Cites(_JanuaryLate):
    """Cites ``cited`` in its award, its 十佳 failure or its deadline (``where``)."""

    def __init__(self, cited: ParamValue, where: str) -> None:
        super().__init__()
        self.cited, self.where = cited, where

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        if self.where != "deadline":
            return None
        cited = (self.cited,)
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379911.report.deadline", reference="r", params=cited
        )

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        def score(ctx: PointYear) -> Award | None:
            return Award(1, "意见建议加分", (), (self.cited,)) if self.where == "award" else None

        return [Rule("county.379911.extra.s", "harbor.s", "加分", "s", "第五条", score, 3, IN_FORCE)]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        def check(ctx: CountyYear) -> Failure | None:
            return Failure("未达标", (), (self.cited,)) if self.where == "condition" else None

        return [Condition("county.379911.topten.c", "条件", "c", "第八条", check, IN_FORCE)]


@pytest.mark.parametrize(
    ("where", "hook", "rule", "day"),
    [
        ("award", "softenv_extra_point_rules", "county.379911.extra.s", "2025-12-31"),
        ("condition", "softenv_topten_conditions", "county.379911.topten.c", "2025-12-31"),
        ("deadline", "softenv_report_deadline", "county.379911.report.deadline", "2025-02-03"),
    ],
)
def test_03_an_own_parameter_in_force_after_the_figure_is_refused(where: str, hook: str, rule: str, day: str) -> None:
    ds = small_dataset(2025, (COUNTY,))
    with pytest.raises(PluginError) as info:
        assess(ds, 2025, _pm(_Cites(FUTURE, where)), audience=CITY_OFFICE)
    message = str(info.value)
    assert message.startswith(f"plugin 'harbor', hook {hook}: field params[0]: rule {rule}: "), message
    assert (
        f"county.379911.extra.suggestions.max = 999 (from 2031-01-01; 新港区经信局〔2031〕1号) is not in force on {day}"
        in (message)
    )


@pytest.mark.parametrize("where", ["award", "condition", "deadline"])
def test_03_an_own_parameter_in_force_is_cited(where: str) -> None:
    result = assess(small_dataset(2025, (COUNTY,)), 2025, _pm(_Cites(IN_FORCE_PV, where)), audience=CITY_OFFICE)
    assert "county.379911.extra.suggestions.max" in result.to_json()


def test_04_the_guide_narrows_report_deadline_before_reading_its_rule() -> None:
    import re
    from pathlib import Path

    guide = Path(__file__).parents[1] / "docs" / "writing-a-county-plugin.md"
    blocks = re.findall(r"^```python\n(.*?)^```$", guide.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    (block,) = [b for b in blocks if "= report_deadline(" in b]
    assert "isinstance(d, Deadline)" in block
    space: dict[str, object] = {}
    exec(block, space)  # the guide's function, run: the city's deadline where no plugin answers
    rule = space["deadline_rule"](small_dataset(2025, ("379903",)), get_plugin_manager(autoload=False))  # type: ignore[operator]
    assert rule == "city.report.deadline"
