"""Every reference (依据) in Chinese for documents to officials (clerks c33, c34).

An explanation in Chinese printed the city's references as written for developers: ``seed
三(二): …; 顺延: city decision``, ``city decision: a county abolished before 31 December
takes no part``. Each city rule, deadline and parameter now has ``reference_zh`` beside its
``reference``, and Chinese output cites it; English output keeps ``reference``; a county's
rule without one shows its reference as written.
"""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, Audience, FieldInvalid, Month, WorkCalendar, assess, get_plugin_manager
from softenv_core.analyses.redaction_plugin import plugin_deadline, plugin_params
from softenv_core.engine.answers import check_params
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import PluginError
from softenv_core.plugin import (
    Award,
    ParameterSet,
    ParamValue,
    PluginInfo,
    PointYear,
    Rule,
    hookimpl,
    monthly_deadline,
    workday_deadline,
)
from softenv_core.render.assessment import explain_county, explain_point
from softenv_core.rules.city.baseline import softenv_report_deadline
from softenv_core.rules.city.commendation import NOMINATION_CONDITIONS
from softenv_core.rules.city.duty import TOTAL_RULES, base_rules
from softenv_core.rules.city.topten import CONDITIONS
from softenv_core.testing import small_dataset
from tests.demo_city import demo

PARAMS = baseline_parameters()
#: English words: a Chinese reference has none (numbers, 〔〕 and Chinese punctuation only).
LATIN = re.compile(r"[A-Za-z]")
CITY_RULES = (*base_rules(2025, PARAMS), *TOTAL_RULES, *CONDITIONS, *NOMINATION_CONDITIONS)


@pytest.mark.parametrize("rule", CITY_RULES, ids=lambda r: r.id)
def test_every_city_rule_has_its_reference_in_chinese(rule: object) -> None:
    zh = rule.reference_zh  # type: ignore[attr-defined]
    assert zh and not LATIN.search(zh), zh
    assert rule.ref("city", "0.1.0").reference_zh == zh  # type: ignore[attr-defined]  # carried to every figure


@pytest.mark.parametrize("parameter", PARAMS.parameters, ids=lambda p: p.name)
def test_every_city_parameter_has_its_reference_in_chinese(parameter: object) -> None:
    zh = parameter.reference_zh  # type: ignore[attr-defined]
    assert zh and not LATIN.search(zh), zh
    assert parameter.at(date(2025, 6, 1)).reference_zh == zh  # type: ignore[attr-defined]


def test_the_city_deadline_has_its_reference_in_chinese() -> None:
    county = demo().counties[0]
    d = softenv_report_deadline(county, Month(2025, 4), WorkCalendar(), PARAMS)
    assert d.reference_zh and not LATIN.search(d.reference_zh)
    assert "city decision" in d.reference  # the reference as written stays


@pytest.fixture(scope="module")
def city_assessment() -> object:
    return assess(demo(), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)


def test_a_chinese_explanation_cites_no_english_reference(city_assessment: object) -> None:
    county = next(c for c in city_assessment.counties if c.months)  # type: ignore[attr-defined]
    point = city_assessment.points[0]  # type: ignore[attr-defined]
    zh = explain_county(county) + explain_point(point)
    assert "city decision" not in zh and "seed " not in zh
    assert "《市环境建设监测工作意见》" in zh and "市级实施决定" in zh
    en = explain_county(county, "en") + explain_point(point, "en")
    assert "city decision" in en and "市级实施决定" not in en


class _Hubin:
    """379903's plugin: one extra-point rule with a Chinese reference, one without."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379903", title="西城区", reference="Xicheng No. 1")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        def score(ctx: PointYear) -> Award | None:
            return Award(1, "加分") if ctx.point.county == "379903" else None

        common = {"score": score, "max_points": 5, "effective_from": date(2025, 1, 1)}
        return [
            Rule(
                id="county.379903.a",
                label="xicheng.a",
                title_zh="甲",
                title_en="a",
                reference="Xicheng Economic Bureau No. 1, art. 4",
                reference_zh="西经贸〔2025〕1号 第四条",
                **common,  # type: ignore[arg-type]
            ),
            Rule(
                id="county.379903.b",
                label="xicheng.b",
                title_zh="乙",
                title_en="b",
                reference="西经贸〔2025〕2号",
                **common,  # type: ignore[arg-type]
            ),
        ]


def test_a_county_rule_cites_its_chinese_reference_when_it_gives_one() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("xicheng", _Hubin())])
    result = assess(demo(), 2025, pm, audience=CITY_OFFICE)
    point = next(p for p in result.points if any(i.rule.plugin == "xicheng" for i in p.items))
    zh, en = explain_point(point), explain_point(point, "en")
    assert "西经贸〔2025〕1号 第四条" in zh and "Xicheng Economic Bureau" not in zh
    assert "Xicheng Economic Bureau No. 1, art. 4" in en and "西经贸〔2025〕1号 第四条" not in en
    assert "西经贸〔2025〕2号" in zh and "西经贸〔2025〕2号" in en  # none given: as written, in both


def test_the_deadline_helpers_take_a_chinese_reference_and_check_it() -> None:
    cal = WorkCalendar()
    plain = monthly_deadline(cal, Month(2025, 4), 3, rule_id="county.379903.d", reference="No. 1")
    zh = monthly_deadline(cal, Month(2025, 4), 3, rule_id="county.379903.d", reference="No. 1", reference_zh="一号")
    assert (plain.reference_zh, zh.reference_zh) == (None, "一号")  # remembered apart
    nth = workday_deadline(cal, Month(2025, 4), 2, rule_id="county.379903.w", reference="No. 2", reference_zh="二号")
    assert nth.reference_zh == "二号"
    with pytest.raises(FieldInvalid, match="reference_zh"):
        monthly_deadline(cal, Month(2025, 4), 3, rule_id="x", reference="No. 1", reference_zh=5)  # type: ignore[arg-type]


def test_a_plugin_s_chinese_reference_is_screened_as_its_reference_is() -> None:
    def screen(text: str) -> str:
        return text.replace("宏达", "**")

    pv = ParamValue("county.379903.x", 1, date(2025, 1, 1), "宏达 said", reference_zh="宏达反映")
    assert plugin_params((pv,), screen)[0].reference_zh == "**反映"
    d = monthly_deadline(
        WorkCalendar(), Month(2025, 4), 3, rule_id="county.379903.d", reference="r", reference_zh="宏达建材"
    )
    assert plugin_deadline(d, screen).reference_zh == "**建材"


class _HandMadeDeadline:
    """379902's plugin whose deadline's Chinese reference was set by hand (a Deadline built or
    evolved directly is not validated when made: the engine's checks are what read it)."""

    def __init__(self, reference_zh: object) -> None:
        self.reference_zh = reference_zh

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="东城区", reference="东经贸〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(self, county: object, month: Month, calendar: WorkCalendar, params: object) -> object:
        if getattr(county, "code", None) != "379902":
            return None
        d = monthly_deadline(calendar, month, 3, rule_id="county.379902.d", reference="东经贸〔2025〕1号")
        return attrs.evolve(d, reference_zh=self.reference_zh)


@pytest.mark.parametrize("bad", [5, ["东经贸"], "", "  "])
def test_a_deadline_s_chinese_reference_that_is_no_text_is_a_plugin_error(bad: object) -> None:
    # It reached the public's screen as a number (AttributeError: 'int' object has no
    # attribute 'isprintable'), and the city office's explanation as "— 5" or "— " (r35).
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", _HandMadeDeadline(bad))])
    with pytest.raises(PluginError, match=r"plugin 'dongcheng'.*field reference_zh: expected non-blank text"):
        assess(small_dataset(2025, ("379902", "379921")), 2025, pm, audience=Audience.parse("public"))


def test_a_rewritten_param_value_s_chinese_reference_is_refused_by_the_checks() -> None:
    pv = ParamValue("county.379902.x", 1, date(2025, 1, 1), "东经贸", reference_zh="东经贸")
    object.__setattr__(pv, "reference_zh", 5)
    with pytest.raises(PluginError, match=r"params\[0\]: rule dc.c: reference_zh: expected non-blank text"):
        check_params("dc", "h", "rule dc.c: ", (pv,))
