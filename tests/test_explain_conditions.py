"""`softenv explain` shows a 十佳 or nomination condition's policy reference (文号, 条) and the dated
parameters its Failure carried, as it does for a score item (DESIGN 2 "every figure explained"),
with a plugin's text inert (DESIGN 8)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from softenv_core import CITY_OFFICE, Condition, Failure, PluginInfo, assess, get_plugin_manager, hookimpl
from softenv_core.engine.trace import ParamValue
from softenv_core.render.assessment import explain_county, explain_point
from softenv_core.testing import small_dataset

JIA = "379902"
REF = "甲区〔2024〕2号《争创“十佳”考核办法》 第六条"
UNSAFE = {"Cc", "Cf", "Zl", "Zp"}


class _Conditions:
    """Two 十佳 conditions of 甲区: one passing, one failing with a dated parameter."""

    def __init__(self, ref: str, param_ref: str) -> None:
        self.ref, self.param_ref = ref, param_ref

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=JIA, title="甲区条件", reference="测试")

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        limit = ParamValue("county.379902.topten.max_overdue_workdays", 10, date(2024, 1, 1), self.param_ref)

        def cond(cid: str, check):
            return Condition(cid, "附加条件" + cid, "extra " + cid, self.ref, check, effective_from=date(2022, 3, 1))

        return [cond("jia.pass", lambda ctx: None), cond("jia.fail", lambda ctx: Failure("超期", (), (limit,)))]


def _county_text(lang: str, ref: str = REF, param_ref: str = REF) -> str:
    pm = get_plugin_manager(autoload=False)
    pm.register(_Conditions(ref, param_ref), name="jia")
    a = assess(small_dataset(2025), 2025, pm, audience=CITY_OFFICE)
    return explain_county(a.county(JIA), lang)


def _block(text: str, rule_id: str) -> list[str]:
    """The lines of one condition: its heading and the indented lines below it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"[{rule_id}," in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")), len(lines))
    return lines[start:end]


@pytest.mark.parametrize(
    ("lang", "rule", "param", "since"), [("zh", "规则", "参数", "自"), ("en", "Rule", "Parameter", "from")]
)
def test_a_condition_shows_its_reference_and_parameters(lang, rule, param, since):
    text = _county_text(lang)
    failing = _block(text, "jia.fail")
    colon = "：" if lang == "zh" else ": "  # full-width in Chinese (GB/T 15834)
    basis = f"（{since} 2024-01-01；{REF}）" if lang == "zh" else f" ({since} 2024-01-01; {REF})"
    assert f"      {rule}{colon}{REF}" in failing
    assert f"      {param}{colon}county.379902.topten.max_overdue_workdays = 10{basis}" in failing
    assert f"      {rule}{colon}{REF}" in _block(text, "jia.pass")  # a passing condition cites its policy too
    cited = "《市环境建设监测工作意见》四(三)" if lang == "zh" else "seed 四(三)"  # zh: reference_zh
    assert any(line.startswith(f"      {rule}{colon}{cited}") for line in _block(text, "city.topten.on_time"))


def test_a_points_nomination_conditions_cite_their_policy():
    a = assess(small_dataset(2025), 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    text = explain_point(a.points[0])
    block = _block(text, "city.nominate.whole_year")
    assert any(line.startswith("      规则：《市环境建设监测工作意见》四(三)") for line in block)


def test_a_plugins_reference_and_parameter_text_stay_inert():
    hostile = "第六条\n## 伪造\x1b[2J\u202e"
    text = _county_text("zh", ref=hostile, param_ref=hostile)
    benign = _county_text("zh", ref="第六条", param_ref="第六条")
    assert text.count("\n") == benign.count("\n")  # no line added by the plugin's text
    assert not any(unicodedata.category(ch) in UNSAFE and ch != "\n" for ch in text)
