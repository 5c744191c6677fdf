import json
from datetime import date
from decimal import Decimal
from importlib import resources

import attrs
import pytest

from softenv_core import (
    CITY_OFFICE,
    InputError,
    ParameterMissing,
    PluginError,
    PluginInfo,
    assess,
    baseline_parameters,
    get_plugin_manager,
    hookimpl,
)
from softenv_core.analyses.commendation import check_commendation
from softenv_core.engine.parameters import DatedValue, Parameter, ParameterSet, check_file_prefixes, parse_parameters
from softenv_core.engine.ruletypes import Band, MonthState
from softenv_core.model.points import PointLevel
from softenv_core.model.roster import Nomination
from softenv_core.render.assessment import explain_county, summary
from softenv_core.rules.city.duty import base_rules
from softenv_core.testing import small_dataset

from .plugin_examples import ConstantExtraPlugin


def test_baseline_values_are_in_force_from_the_seed_date_only():
    params = baseline_parameters()
    pv = params.get("report.due_day", date(2025, 4, 1))
    assert (pv.value, pv.effective_from) == (5, date(2022, 3, 1))
    assert "三(二)" in pv.reference
    with pytest.raises(ParameterMissing) as info:
        params.get("report.due_day", date(2022, 2, 28))
    assert info.value.name == "report.due_day"
    with pytest.raises(ParameterMissing):
        params.get("no.such.parameter", date(2025, 1, 1))


def test_the_value_in_force_at_a_date_is_used():
    p = Parameter("x", "ref", values=(DatedValue(date(2022, 3, 1), 5), DatedValue(date(2026, 1, 1), 3)))
    params = ParameterSet((p,))
    assert params.get("x", date(2025, 12, 31)).value == 5
    assert params.get("x", date(2026, 1, 1)).value == 3
    merged = params.merged([Parameter("x", "county", values=(DatedValue(date(2020, 1, 1), 4),))])
    assert merged.get("x", date(2025, 1, 1)).value == 4


def test_parameter_file_problems_name_their_path():
    text = (
        '{"schema": "softenv.parameters", "parameters": [{"name": "a", "reference": "r", '
        '"values": [{"effective_from": "2022-02-30", "value": 1}]}]}'
    )
    with pytest.raises(InputError, match=r"\$\.parameters\[0\] \(a\)\.values\[0\]\.effective_from"):
        parse_parameters(text)
    with pytest.raises(ValueError, match="increasing date order"):
        Parameter("b", "r", values=(DatedValue(date(2023, 1, 1), 1), DatedValue(date(2022, 1, 1), 2)))


@pytest.mark.parametrize(
    "written",
    ["0.12345678901234567891", "12345678901234567890.5", "1.0000000000000000001"],
)
def test_a_parameter_files_number_no_float_holds_is_refused_by_its_path(written):
    """A number a float would round (0.123…891 read as 0.12345678901234568) is refused naming the
    entry and the number written, never used rounded; one a float holds is read as ever."""
    text = (
        '{"schema": "softenv.parameters", "parameters": [{"name": "a.share", "reference": "r", '
        f'"values": [{{"effective_from": "2022-03-01", "value": {{"cap": [{written}]}}}}]}}]}}'
    )
    with pytest.raises(InputError) as caught:
        parse_parameters(text)
    message = str(caught.value)
    assert r"$.parameters[0] (a.share).values[0].value" in message
    assert f"{written} has more digits" in message
    held = parse_parameters(text.replace(written, "15.50"))
    assert held[0].values[0].value["cap"][0] == 15.5
    assert type(held[0].values[0].value["cap"][0]) is float


# --- City policy as values (issue 13): the numbers live in the parameter files, nowhere else.


JIA = "379902"


def _files() -> dict[str, str]:
    folder = resources.files("softenv_core.rules.city") / "parameters"
    return {e.name: e.read_text(encoding="utf-8") for e in folder.iterdir() if e.name.endswith(".json")}


def _params_from_files(changes: dict[str, object]) -> ParameterSet:
    """The baseline's files, each parameter in ``changes`` given a new value from 2022-03-01."""
    out = []
    for name, text in sorted(_files().items()):
        doc = json.loads(text)
        for p in doc["parameters"]:
            if p["name"] in changes:
                p["values"] = [{"effective_from": "2022-03-01", "value": changes[p["name"]]}]
        out += parse_parameters(json.dumps(doc, ensure_ascii=False), name)
    return ParameterSet(tuple(out))


def test_each_parameter_file_holds_only_its_prefix():
    files = {name: parse_parameters(text, name) for name, text in _files().items()}
    assert check_file_prefixes(files) == []
    assert {"compliance.json", "topten.json", "duty.json", "commendation.json"} <= set(files)
    # The check can fail: a compliance parameter in report.json is named.
    stray = Parameter("compliance.late_score", "r", values=(DatedValue(date(2022, 3, 1), 50),))
    assert check_file_prefixes({"report.json": [stray]}) == [
        "report.json: parameter 'compliance.late_score' belongs in compliance.json"
    ]


def test_only_numbers_the_seed_states_cite_the_seed():
    # The seed states "每月5日前" (三(二)), "未按时上报 … 不得评先进" (四(三)) and the roster's mix
    # (二(二)); every other number is the city's decision and must say so (issue 14 item 13).
    seed_backed = {
        "report.due_day",
        "topten.max_months_not_on_time",
        "roster.county_sectors",
        "roster.city_sizes",
        "roster.city_ownerships",
    }
    for p in baseline_parameters().parameters:
        if p.name in seed_backed:
            assert p.reference.startswith("seed "), p.name
        else:
            assert p.reference.startswith("city decision"), (p.name, p.reference)


def test_changing_the_cap_a_band_threshold_and_the_quota_in_the_files_changes_the_results():
    ds = small_dataset(2025)
    pm = get_plugin_manager(autoload=False, plugins=[("big", ConstantExtraPlugin(JIA, 25))])
    base = assess(ds, 2025, pm, params=_params_from_files({}), audience=CITY_OFFICE)
    p = base.point(f"P-{JIA}-2")  # a 县区 point: the county's rules leave its 市直 P-…-1 to the city's
    # Baseline: 100 duty points + 25 extra, capped at +10: a cap item of 10 − 25 = −15, total 110.
    (cap,) = [i for i in p.items if i.rule.id == "city.duty.extra_cap"]
    assert (cap.points, p.total, p.band) == (Decimal(-15), Decimal(110), Band.EXCELLENT)

    # Cap 20: the cap item is 20 − 25 = −5 and the total 100 + 20 = 120.
    raised = assess(ds, 2025, pm, params=_params_from_files({"duty.extra_cap": 20}), audience=CITY_OFFICE)
    p2 = raised.point(p.id)
    (cap2,) = [i for i in p2.items if i.rule.id == "city.duty.extra_cap"]
    assert (cap2.points, p2.total) == (Decimal(-5), Decimal(120))

    # 优秀 from 111: the point's 110 is only 合格 (≥ 60), and no longer nominable.
    stricter = assess(ds, 2025, pm, params=_params_from_files({"duty.band.excellent": 111}), audience=CITY_OFFICE)
    p3 = stricter.point(p.id)
    assert (p3.total, p3.band, p3.band_zh) == (Decimal(110), Band.PASS, "合格")
    assert [c.passed for c in p3.nomination_conditions if c.rule.id == "city.nominate.excellent"] == [False]

    # Quota: 甲区 has 2 县区 points active on 12-31 (its 市直 P-…-1 made 县区 here: a 市直 point
    # counts in no county's quota, auditor a39); max(1, ⌊0.1 × 2⌋) = 1; with a share of 1.0 it is 2.
    noms = tuple(
        Nomination(f"N{i}", 2025, JIA, pid)
        for i, pid in enumerate(sorted(q.id for q in base.points if q.county == JIA))
    )
    county_level = tuple(attrs.evolve(q, level=PointLevel.COUNTY) if q.county == JIA else q for q in ds.points)
    ds_n = attrs.evolve(ds, points=county_level, nominations=noms)
    # Each check with the assessment of its own dataset and parameters (Assessment.provenance).
    shares = [_params_from_files({}), _params_from_files({"commendation.quota_share": 1.0})]
    before, after = (
        check_commendation(ds_n, assess(ds_n, 2025, pm, params=ps, audience=CITY_OFFICE), ps, audience=CITY_OFFICE)
        for ps in shares
    )
    jia_before = next(c for c in before.counties if c.county == JIA)
    jia_after = next(c for c in after.counties if c.county == JIA)
    assert (jia_before.quota, jia_after.quota) == (1, 2)
    assert jia_before.error and "⌊0.1 × 2个在册县区监测点⌋" in jia_before.error and jia_after.error is None


def test_an_award_beyond_max_points_is_a_plugin_error_naming_plugin_hook_and_rule():
    class Greedy:
        @hookimpl
        def softenv_plugin_info(self):
            return PluginInfo(county=JIA, title="超额加分", reference="测试")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):
            (rule,) = ConstantExtraPlugin(JIA, 7, "greedy.extra").softenv_extra_point_rules(year, params)
            return [attrs.evolve(rule, max_points=5)]  # awards 7 with a bound of 5

    pm = get_plugin_manager(autoload=False, plugins=[("greedy", Greedy())])
    with pytest.raises(PluginError) as info:
        assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    assert (info.value.plugin, info.value.hook) == ("greedy", "softenv_extra_point_rules")
    assert "greedy.extra" in str(info.value) and "max_points 5" in str(info.value)


def test_a_city_rule_is_bounded_by_the_parameter_of_its_award():
    # duty.contact.points 30 → 40: the rule's bound follows, and a fully reached point earns 40.
    params = _params_from_files({"duty.contact.points": 40})
    bounds = {r.id: r.max_points for r in base_rules(2025, params)}
    assert bounds == {
        "city.duty.contact": Decimal(40),
        "city.duty.feedback": Decimal(30),
        "city.duty.appraisal": Decimal(20),
        "city.duty.supervision": Decimal(20),
    }
    a = assess(small_dataset(2025), 2025, get_plugin_manager(autoload=False), params=params, audience=CITY_OFFICE)
    contact = [i for p in a.points for i in p.items if i.rule.id == "city.duty.contact"]
    assert contact and all(i.points == Decimal(40) for i in contact)


def test_the_city_rules_follow_each_parameter_set_asked_in_turn_as_written():
    # The rules are made once per set of bounds: asked in turn, each set gets its own.
    for value in (40, 30, 25.5, 40, 30):
        params = _params_from_files({"duty.contact.points": value})
        (contact,) = [r for r in base_rules(2025, params) if r.id == "city.duty.contact"]
        assert contact.max_points == Decimal(str(value)), value


def test_states_and_bands_carry_their_chinese_label_once():
    assert [s.zh for s in MonthState][:3] == ["按时", "迟报", "未报"]
    assert [b.zh for b in Band] == ["优秀", "合格", "不合格"]
    assert MonthState.of("late") is MonthState.LATE and MonthState.LATE == "late"
    with pytest.raises(ValueError, match="not one of"):
        Band.of("good")
    a = assess(small_dataset(2025), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert "优秀 6，合格 0，不合格 0" in summary(a)
    assert "excellent (优秀) 6" in summary(a, "en")
    assert "按时" in explain_county(a.county(JIA))
