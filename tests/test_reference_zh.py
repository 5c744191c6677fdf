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


#: The seed's clauses that the city's references quote, copied from 市环境建设监测工作意见 (2022-03-01)
#: as it is written (full-width punctuation): a quotation in a Chinese reference is their words exactly.
SEED_CLAUSES = {
    "二(一)": (
        "(一)强化民主监督,着力改进机关工作作风。通过软环境建设监测点,有利于拓宽监督渠道,延伸监督视野,让相关企业更方便、更直接地行使监督权、评判权。以监测点为载体,能及时了解和监督各地"
        "、各部门贯彻执行各项政策和执法、服务、收费等有关情况,对违法违规、违反政策、违反软环境建设规定的行为进行举报、投诉、报告,并通过参加每年的万人评议,对部门工作进行评价,有效发挥“监"
        "督哨”和“晴雨表”的作用。各有关部门针对企业反映的问题,及时纠正、整改,有利于提高服务企业的质量和效率,不断加强机关自身的软环境建设。"
    ),
    "二(二)": (
        "(二)拓展信息来源,着力掌握经济发展实际情况。全市软环境建设监测点涉及到大、中、小等规模企业,涉及到国有、外资、民营等性质企业,涉及到工业、商业、服务等不同行业的企业,从分布上看,"
        "全市9个县区都有不同类型的企业成为监测点,具有广泛的代表性。通过监测点的监测,能以点带面,点面结合,可以及时收集企业生产经营情况,了解企业生产经营中的重要动向和问题,分析面上的经济"
        "形势和运行状况,解决企业存在的困难和问题,同时还能及时收集、反馈市委、市政府各项政策的实施效果,为领导决策提供有价值的信息,从而更好地促进和服务经济发展。"
    ),
    "二(三)": (
        "(三)建立长效服务机制,着力解决企业实际问题。通过软环境建设监测点操作,有效地创新服务企业模式,可以及时收集企业在生产经营中遇到的问题,了解企业服务需求,征求企业对部门的服务意见与"
        "建议,加强对企业服务与指导,积极帮助企业解决生产经营中特别是外部环境方面遇到的问题,及时了解掌握他们服务需求,为企业提供宏观政策、法律法规和项目、资金方面的信息,对具体困难和问题帮"
        "助联系协调,对共性问题提请有关部门研究制定长效措施,使监测点成为政府机关服务企业的“示范点”,从而不断优化涉企服务,切实提高服务水平。"
    ),
    "三(一)": (
        "(一)进一步履行监督职责。各软环境建设监测点要认真收集监测点的问题和有关情况,及时反馈;对政府部门执法、服务情况进行监督;及时反映违反软环境建设的人和事;对全市软环境建设工作提出意"
        "见和建议;参与每年两次的万人评议活动。"
    ),
    "三(二)": (
        "(二)分级负责,定期联系。市直监测点由市经贸委负责联系,县区监测点由县区经贸委负责联系,每月一次,定期定人进行联系,采取电话、上门、座谈等多种形式了解企业生产经营、部门服务企业等情"
        "况。实行零报告制度,无论有无情况,各县区都要在每月5日前将上月情况报市经贸委,便于统一汇总,形成监测报告。"
    ),
    "三(三)": (
        "(三)直接反馈机制。除定期联系之外,全市软环境建设监测点可将本企业、本行业随机发生的重要问题和情况,政府部门的执法、服务情况直接反馈到市软建办。市软建办将会高度重视,将反馈情况纳入"
        "投拆机制,由市软建办派员承办、督办。"
    ),
    "三(四)": (
        "(四)专项调研活动。今年将开展多个专项调研活动,针对企业反映的共性问题、行业经济运行的困难、宏观环境的不利等,尤其是监测点反映的问题,市经贸委和各县区经贸委将加大调研力度,研究制定"
        "一些办法、措施,帮助企业更好地应对各种情况,在逆境中更好地成长壮大。"
    ),
    "三(五)": (
        "(五)动态调整机制。软环境建设监测点将实行一年一调整,根据其履行职责情况,监测点自身的意愿,市、县区有关部门建议等,适时进行调整。县区调整本地区软环境建设监测点时需报市经贸委备案。"
    ),
    "四(三)": (
        "(三)开展考核评议。考核评议是加强软环境建设监测点工作的重要手段。一方面要对县区执行零报告制度情况进行考核,对未按时上报的县区,年底争创“十佳”评比中不得评先进;另一方面要对软环境"
        "建设监测点履行职责情况进行考评,由县区推荐,市里决定的方式对表现突出的软环境建设监测点进行表彰奖励。"
    ),
}
#: A clause (三(二)) and the quotation after it up to the next clause: ``三(五)只规定“一年一调整”``.
QUOTED = re.compile(r"([二三四]\([一二三四五]\))([^“二三四]*)“([^”]*)”")


def _quotations(text: str) -> list[tuple[str, str]]:
    """Each (clause, quoted words) of a Chinese reference citing the seed, nested marks as the seed's."""
    return [(c, q.replace("‘", "“").replace("’", "”")) for c, _, q in QUOTED.findall(text)]


def _city_references_zh() -> list[tuple[str, str]]:
    rules = [(r.id, r.reference_zh) for r in CITY_RULES]
    deadline = softenv_report_deadline(demo().counties[0], Month(2025, 4), WorkCalendar(), PARAMS)
    params = [(p.name, p.reference_zh) for p in PARAMS.parameters]
    return [(k, v) for k, v in (*rules, ("city.report.deadline", deadline.reference_zh), *params) if v]


@pytest.mark.parametrize(("what", "zh"), _city_references_zh(), ids=lambda v: v if "." in v else "")
def test_a_chinese_reference_quotes_the_seed_s_words_exactly(what: str, zh: str) -> None:
    # ", " where the seed has "," (每月一次, 定期定人进行联系), and two clauses' words joined in one
    # quotation (“…及时反馈; 直接反馈”), quoted words the seed never wrote (r35).
    if "《市环境建设监测工作意见》" not in zh:
        return
    found = _quotations(zh)
    assert found or "“" not in zh, zh
    for clause, words in found:
        assert words in SEED_CLAUSES[clause], (what, clause, words)


class _RewordedDeadline(_HandMadeDeadline):
    """379902's deadline whose Chinese reference changed in July, its reference as written not."""

    @hookimpl
    def softenv_report_deadline(self, county: object, month: Month, calendar: WorkCalendar, params: object) -> object:
        if getattr(county, "code", None) != "379902":
            return None
        zh = "东经贸〔2025〕1号 第五条" if month.month < 7 else "东经贸〔2025〕9号 第二条"
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379902.d", reference="Dongcheng No. 1", reference_zh=zh
        )


def test_the_deadline_basis_cites_each_chinese_reference_of_the_year() -> None:
    # Grouped by the reference as written only, every month read the first month's Chinese (r35).
    pm = get_plugin_manager(autoload=False, plugins=[("dongcheng", _RewordedDeadline(None))])
    result = assess(small_dataset(2025, ("379902", "379921")), 2025, pm, audience=CITY_OFFICE)
    county = next(c for c in result.counties if c.code == "379902")
    zh = explain_county(county)
    assert "东经贸〔2025〕1号 第五条：2025-01、2025-02、2025-03、2025-04、2025-05、2025-06" in zh
    assert "东经贸〔2025〕9号 第二条：2025-07、2025-08、2025-09、2025-10、2025-11、2025-12" in zh


def test_a_dated_value_s_chinese_reference_needs_its_reference() -> None:
    # Review r35: a value with reference_zh but no reference had its Chinese silently ignored.
    from softenv_core.engine.parameters import DatedValue

    with pytest.raises(
        FieldInvalid, match="reference_zh: the value from 2025-01-01 has a reference_zh but no reference"
    ):
        DatedValue(date(2025, 1, 1), 3, reference_zh="东经贸〔2025〕1号")
    assert DatedValue(date(2025, 1, 1), 3, "No. 1", "一号").reference_zh == "一号"
