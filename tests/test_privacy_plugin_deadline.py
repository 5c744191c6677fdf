"""A county plugin's report deadline is its own text: screened outside the city office.

``softenv_report_deadline`` answers a ``Deadline`` whose rule id, reference, calendar facts and
parameters the plugin writes. Every county's month statuses are published (the public and
every department read them, docs/privacy.md), and the plugin's deadline text was shown there
as written: a fact naming a point (the key a reader joins a complainant on) or an enterprise's
credit code reached every audience. Outside the city office it now goes through the treatment
of a plugin rule's text (analyses/redaction_plugin.plugin_months): every point id masked, the
text screened.
"""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, ParamValue, PluginInfo, hookimpl, monthly_deadline
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction_plugin import POINT_MASK
from softenv_core.render.assessment import explain_county, explain_deadline
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset
from softenv_core.workdays.calendar import CalendarSource

YEAR = 2025
DS = small_dataset(YEAR)
POINT = "P-379921-1"  # a point of 乙县 (who complained, say): no audience below sees it
CODE = DS.point_by_id["P-379921-2"].enterprise.uscc  # an enterprise of 乙县


class _Telling:
    """甲区's deadline plugin whose facts, reference and parameter name a point and a code."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="甲区报送期限", reference="测试")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):
        d = monthly_deadline(calendar, month, 3, rule_id="jia.deadline", reference=f"甲区通知 ({POINT})")
        told = ParamValue(name="jia.days", value=f"{CODE}", effective_from=date(2024, 1, 1), reference=POINT)
        # A calendar source is the plugin's own text too (review r1/01).
        source = CalendarSource(f"甲区日历 {POINT}", CODE)
        return attrs.evolve(
            d,
            facts=(*d.facts, f"{POINT} 曾直接反馈, 见 {CODE}"),
            params=(told,),
            calendar_sources=(*d.calendar_sources, source),
        )


def _texts(audience: str) -> str:
    pm = get_plugin_manager(autoload=False)
    pm.register(_Telling(), name="softenv-county-jia")
    a = assess(DS, YEAR, pm, audience=audience)
    jia = a.county("379902")
    deadlines = [explain_deadline(m.deadline, jia.code, str(m.month)) for m in jia.months if m.deadline]
    return "\n".join([a.to_json(), explain_county(jia), *deadlines])


def test_the_city_office_sees_a_plugins_deadline_as_written():
    text = _texts(str(CITY_OFFICE))
    assert f"{POINT} 曾直接反馈, 见 {CODE}" in text
    assert f"甲区通知 ({POINT})" in text
    assert f"甲区日历 {POINT} {CODE}" in text  # the calendar source as written


def test_no_other_audience_sees_a_point_or_code_in_a_plugins_deadline():
    for audience in ("county:379902", "public", "department:city-amr", "point:P-379902-1"):
        text = _texts(audience)
        assert POINT not in text and CODE not in text, audience
        assert f"{POINT_MASK} 曾直接反馈" in text, audience  # the fact is shown, screened
        assert "jia.deadline" in text, audience  # the rule id names no one: kept
