"""A county's answers name its own rules and dates it can mean (finding t7/02, t7/03).

- a county's ids sit in no other's namespace: neither the city's (``city.``) nor another
  county's (``county.379921.`` from 379902), for its deadline as for its rules and conditions;
- a Deadline's ``nominal`` (规定日) is a date its ``due_at`` can stand for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.engine.answers import id_namespace_problem
from softenv_core.errors import PluginError
from softenv_core.plugin import Award, Condition, PluginInfo, Rule, hookimpl, monthly_deadline
from softenv_core.testing import small_dataset
from softenv_core.testing.plugin_check import check_installed

DS = small_dataset(2025, ("379902", "379921"))


class _County:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")


def _assess(plugin: Any) -> Any:
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", plugin)])
    return assess(DS, 2025, pm, audience=CITY_OFFICE)


def _refused(plugin: Any, *words: str) -> str:
    with pytest.raises(PluginError) as caught:
        _assess(plugin)
    message = str(caught.value)
    for word in ("plugin 'dongcheng'", *words):
        assert word in message, message
    return message


def _deadline(rule_id: str, change: Callable[[Any], Any] = lambda d: d) -> Any:
    class P(_County):
        @hookimpl
        def softenv_report_deadline(self, county: Any, month: Any, calendar: Any, params: Any) -> Any:
            return change(monthly_deadline(calendar, month, 3, rule_id=rule_id, reference="东经贸 第五条"))

    return P()


def _extra(rule_id: str) -> Any:
    class P(_County):
        @hookimpl
        def softenv_extra_point_rules(self, year: int, params: Any) -> list[Rule]:
            score = lambda ctx: Award(1, "x")  # noqa: E731
            kw: dict[str, Any] = {"max_points": 5, "effective_from": date(2025, 1, 1)}
            return [Rule(id=rule_id, label="dc.x", title_zh="加分", title_en="x", reference="东", score=score, **kw)]

    return P()


def _condition(cond_id: str) -> Any:
    class P(_County):
        @hookimpl
        def softenv_topten_conditions(self, year: int, params: Any) -> list[Condition]:
            check = lambda ctx: None  # noqa: E731
            day = date(2025, 1, 1)
            return [Condition(id=cond_id, title_zh="条", title_en="c", reference="东", check=check, effective_from=day)]

    return P()


# ---- t7/03: one namespace rule for every id a county gives ---------------------------------------


def test_a_county_deadline_may_not_take_the_citys_rule_id():
    _refused(_deadline("city.report.deadline"), "softenv_report_deadline", "rule_id", "ids starting 'city.'")


def test_a_county_deadline_may_not_take_another_countys_namespace():
    _refused(_deadline("county.379921.report.deadline"), "softenv_report_deadline", "county 379921's")


def test_a_county_rule_or_condition_may_not_take_another_countys_namespace():
    _refused(_extra("county.379921.x"), "softenv_extra_point_rules", "county.379921.x", "county.379902.")
    _refused(_condition("county.379921.c"), "softenv_topten_conditions", "county 379921's")


def test_a_county_keeps_its_own_namespace_and_names_of_no_namespace():
    for rule_id in ("county.379902.report.deadline", "dc.deadline"):
        _assess(_deadline(rule_id))
    _assess(_extra("county.379902.x"))
    _assess(_extra("dc.x"))


@pytest.mark.parametrize(
    ("county", "item_id", "refused"),
    [
        (None, "city.report.deadline", False),  # the city baseline's own
        ("379902", "city.x", True),
        ("379902", "county.379921.x", True),
        ("379902", "county.3799021.x", True),  # a longer code is another county's, not a sub-name
        ("379902", "county.379902.x", False),
        ("379902", "countyfair.x", False),
        ("379902", "dc.x", False),
        # in any case: these read as the city's and 青山县's as much as the lower-case ids
        ("379902", "City.duty.contact", True),
        ("379902", "CITY.report.deadline", True),
        ("379902", "County.379921.x", True),
        ("379902", "County.379902.x", False),
        ("379902", "cityscape.x", False),
    ],
)
def test_the_namespace_rule(county: str | None, item_id: str, refused: bool):
    assert (id_namespace_problem(county, item_id) is not None) is refused


# ---- t7/02: a deadline's 规定日 is a day its due moment can stand for -----------------------------


def _nominal(nominal: date, policy: str = "none", day: int = 3) -> Any:
    def change(d: Any) -> Any:
        return attrs.evolve(d, nominal=nominal)

    class P(_County):
        @hookimpl
        def softenv_report_deadline(self, county: Any, month: Any, calendar: Any, params: Any) -> Any:
            made = monthly_deadline(calendar, month, day, rule_id="dc.deadline", reference="东", policy=policy)
            return change(made) if str(month) == "2025-01" else made

    return P()


@pytest.mark.parametrize(
    ("nominal", "policy", "fault"),
    [
        (date(2030, 1, 1), "none", "not a day of 2025-02"),  # years away
        (date(2020, 1, 1), "none", "not a day of 2025-02"),  # before the reported month
        (date(2025, 1, 31), "none", "not a day of 2025-02"),  # inside the reported month
        (date(2025, 2, 2), "none", "not the due day 2025-02-03 though the policy is none"),
        (date(2025, 2, 4), "none", "after the due day 2025-02-03"),
        (date(2025, 2, 28), "next_workday", "after the due day 2025-02-05"),  # 顺延 past 春节 to the 5th
    ],
)
def test_a_deadline_nominal_day_must_fit_its_month_and_due_day(nominal: date, policy: str, fault: str):
    """Finding t7/02: any date was accepted as 规定日 and printed beside a due time it contradicted."""
    message = _refused(_nominal(nominal, policy), "softenv_report_deadline", "field nominal", "rule dc.deadline")
    assert fault in message and "county 379902 on 2025-01" in message, message


def test_a_moved_deadline_may_name_an_earlier_day_of_the_next_month():
    # The 3rd of February 2025 falls in the 春节 holiday: 顺延 moves the due day to the 5th, and
    # any February day up to it may be the day the rule names.
    _assess(_nominal(date(2025, 2, 1), "next_workday", day=3))
    _assess(_nominal(date(2025, 2, 3), "none", day=3))


def test_the_conformance_fault_list_names_a_wrong_nominal():
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", _nominal(date(2030, 1, 1)))])
    faults = [f for f in check_installed(pm, 2025) if f.hook == "softenv_report_deadline"]
    assert faults and "field nominal" in faults[0].text(), [f.text() for f in faults]
