"""A failed plugin condition's evidence names no point through a filing (attacker x31 03), and
no month through a report (attacker x72 02).

Outside the city office a failed county 十佳 condition keeps only the evidence no point and no
day name, the county and departments (docs/privacy.md, *A plugin's text outside the city
office*). A filing (备案) was kept as the county's record, but it files roster changes, each of
one point, and clerks name it after them (the demo's ``F-RC-P379902-019-add``): a condition that
failed because a point complained and cited that point's filing showed the public, and the
department complained about, the point. The county's report was kept as tied to no point, but
which month's report the plugin cites is its choice: one citing the report of the month a
point complained directly in dated the complaint to every reader.
"""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import Condition, Failure, PluginInfo, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

COUNTY = "379902"


class _CitesFilings:
    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=COUNTY, title="引用备案", reference="测试")

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            filings = [f.id for f in ctx.dataset.filings if f.county == COUNTY]
            reports = [r.id for r in ctx.dataset.reports if r.county == COUNTY][:1]
            departments = [d.id for d in ctx.dataset.departments if d.county == COUNTY][:1]
            return Failure("不满足", evidence=tuple(filings + reports + departments + [COUNTY]))

        return [
            Condition(
                id=f"county.{COUNTY}.filings",
                title_zh="备案",
                title_en="filings",
                reference="测试",
                check=check,
                effective_from=date(2020, 1, 1),
            )
        ]


@pytest.mark.parametrize("audience", ["public", "department:city-amr", "county:379903", "county:379902"])
def test_a_failed_conditions_evidence_keeps_no_filing_outside_the_city_office(audience):
    dataset = demo()
    filings = {f.id for f in dataset.filings if f.county == COUNTY}
    assert filings and any("P379902" in f for f in filings)  # the demo names them after points
    pm = get_plugin_manager()
    pm.register(_CitesFilings(), name="cites_filings")
    city = assess(dataset, 2025, pm, audience="city").county(COUNTY)
    shown = assess(dataset, 2025, pm, audience=audience).county(COUNTY)
    [cited] = [c for c in city.conditions if c.rule.id.endswith(".filings")]
    [kept] = [c for c in shown.conditions if c.rule.id.endswith(".filings")]
    assert filings <= set(cited.evidence)
    assert not filings & set(kept.evidence)
    report = next(r.id for r in dataset.reports if r.county == COUNTY)
    department = next(d.id for d in dataset.departments if d.county == COUNTY)
    assert report in cited.evidence and report not in kept.evidence  # it dates (x72 02)
    assert kept.evidence == (department, COUNTY)  # no point and no day: still cited
