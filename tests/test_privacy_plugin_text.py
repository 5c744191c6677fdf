"""A county plugin's texts are free text: screened like record texts outside the city office.

An award's reason is written by a county's plugin and shown to other audiences (a county sees
its points' items). Outside the city office it goes through the dataset's text screen, which
masks every programme enterprise's name and credit code (docs/privacy.md, docs/hooks.md); a
十佳 condition's failure reason, which every audience would see in the counties' decisions,
is not shown outside the city office at all.
"""

from __future__ import annotations

from datetime import date

from softenv_core import CITY_OFFICE, Award, Condition, Failure, PluginInfo, Rule, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction_plugin import WITHHELD_CONDITION
from softenv_core.analyses.year_end import year_end
from softenv_core.render.assessment import explain_county, explain_point, summary
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset

YEAR = 2025
DS = small_dataset(YEAR)
# An enterprise of another county, named in 甲区's plugin: the county may not learn it.
OTHER = DS.point_by_id["P-379921-2"].enterprise
NAME, CODE = OTHER.name, OTHER.uscc


class _Naming:
    """甲区's plugin whose texts name 乙县's enterprise, by its name and its credit code."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="甲区规则", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [
            Rule(
                id="jia.extra.named",
                label="jia.named",
                title_zh="学习先进加分",
                title_en="learning from others",
                reference="测试",
                score=lambda ctx: Award(1, f"学习{NAME}({CODE})的做法"),
                max_points=1,
                effective_from=date(2024, 1, 1),
                reads_direct_feedback=False,  # else a county sees a neutral reason (test_privacy_instants)
            )
        ]

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        return [
            Condition(
                id="jia.topten.named",
                title_zh="无遗留问题",
                title_en="nothing left open",
                reference="测试",
                check=lambda ctx: Failure(f"{NAME}({CODE})反映的问题未办结"),
                effective_from=date(2024, 1, 1),
            )
        ]


def _texts(audience: str) -> str:
    pm = get_plugin_manager(autoload=False)
    pm.register(_Naming(), name="softenv-county-jia")
    a = assess(DS, YEAR, pm, audience=audience)
    ye = year_end(DS, YEAR, pm, audience=audience)
    rendered = [summary(a), *(explain_point(p) for p in a.points), *(explain_county(c) for c in a.counties)]
    return "\n".join([a.to_json(), ye.to_json(), *rendered])


def test_the_city_office_sees_the_plugins_texts_as_written():
    text = _texts(str(CITY_OFFICE))
    assert f"学习{NAME}({CODE})的做法" in text
    assert f"{NAME}({CODE})反映的问题未办结" in text


def test_no_other_audience_sees_a_name_or_credit_code_from_a_plugins_text():
    for audience in ("county:379902", "public", "department:city-amr", "point:P-379902-1"):
        text = _texts(audience)
        assert NAME not in text and CODE not in text, audience
    county = _texts("county:379902")
    # The award's reason is shown, screened; the failure's is not shown at all outside the
    # city office (its title and a fixed wording: test_privacy_plugin_failures.py).
    assert "学习某企业(某企业)的做法" in county
    for text in (county, _texts("public")):
        assert "反映的问题未办结" not in text
        assert f"无遗留问题：{WITHHELD_CONDITION}" in text
