"""A county plugin's text names no complainant and no rater outside the city office.

A county 十佳 condition wrote ``本区监测点P-379902-2曾越级向市软建办直接反馈`` as its failure
reason; the screen masked enterprise names and complaint ids, not the point id, so the county,
the department complained about and the public learnt who complained (finding t3plugin 01).
A rule's reason read the point's 万人评议 ratings and the county read them (finding 12).

What now holds outside the city office (analyses/redaction_plugin.py, docs/privacy.md): a
plugin's failed condition shows its title and a fixed wording, with evidence tied to no point;
every point id in a plugin rule's text is masked; and the conformance kit's ``direct_feedback``
check turns the county's points' ratings as well as adding complaints.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given

from softenv_core import CITY_OFFICE, Award, Condition, Failure, PluginInfo, Rule, hookimpl
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction_plugin import POINT_MASK, WITHHELD_CONDITION
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import HalfYear
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import small_dataset
from softenv_core.testing.conformance_variants import direct_feedback_problem
from softenv_core.testing.strategies import datasets

from .weights import HEAVY

YEAR = 2025


def _complainant(point: str) -> str:
    return f"投诉人={point};"


def _rating(r: Rating) -> str:
    return f"评议={r.rater}/{r.department}/{r.level.value};"


def _echo(ds: Dataset) -> str:
    """Everything confidential the plugin's context holds, each tied to its point."""
    return "".join([_complainant(c.point) for c in ds.complaints] + [_rating(r) for r in ds.ratings])


class _Echoing:
    """A county's plugin whose rule (declared as reading no direct feedback, falsely) and
    condition write every complainant and every rating of the dataset into their reasons, the
    condition citing every record of its county's points it may."""

    def __init__(self, county: str) -> None:
        self.county = county

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county=self.county, title="回显", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [
            Rule(
                id="echo.rule",
                label="echo.rule",
                title_zh="回显",
                title_en="echo",
                reference="测试",
                score=lambda ctx: Award(0, f"{ctx.point.id}: {_echo(ctx.dataset)}"),
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=False,  # false: the engine must not rely on it for ids
            )
        ]

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            mine = {p.id for p in ctx.dataset.points if p.county == ctx.county.code}
            cited = sorted(mine) + sorted(c.id for c in ctx.dataset.complaints if c.point in mine)
            return Failure(f"本区监测点: {_echo(ctx.dataset)}", cited)

        return [
            Condition(
                id="echo.condition",
                title_zh="回显条件",
                title_en="echo condition",
                reference="测试",
                check=check,
                effective_from=date(2020, 1, 1),
            )
        ]


def _audiences(ds: Dataset, county: str) -> list[str]:
    out = [f"county:{c.code}" for c in ds.counties] + ["public"]
    out += [f"department:{d.id}" for d in ds.departments[:1]]
    return out + [f"point:{p.id}" for p in ds.points if p.county == county][:1]


@HEAVY  # a generated dataset assessed for each audience: tests/weights.py
@given(datasets(year=YEAR, max_counties=2, max_points=3))
def test_property_no_view_but_the_city_offices_names_a_complainant_or_a_raters_rating(ds):
    county = ds.counties[0].code
    pm = get_plugin_manager(autoload=False)
    pm.register(_Echoing(county), name="softenv-county-echo")
    city = assess(ds, YEAR, pm, audience=CITY_OFFICE).to_json()
    secrets = {_complainant(c.point) for c in ds.complaints} | {_rating(r) for r in ds.ratings}
    assert all(s in city for s in secrets)  # the city office reads the plugin as written
    point_records = {rid for rid, scope in ds.record_scopes.items() if scope[0] is not None}
    for audience in _audiences(ds, county):
        view = assess(ds, YEAR, pm, audience=audience)
        text = view.to_json()
        assert not [s for s in secrets if s in text], audience
        for c in (x for cy in view.counties for x in cy.conditions if x.rule.id == "echo.condition"):
            assert not c.passed and c.reason == WITHHELD_CONDITION and c.params == ()
            assert not point_records & set(c.evidence), audience


def test_a_failed_plugin_condition_keeps_evidence_tied_to_no_point_and_the_city_its_text():
    ds = small_dataset(YEAR)
    pm = get_plugin_manager(autoload=False)
    pm.register(_Echoing("379902"), name="softenv-county-echo")
    city = assess(ds, YEAR, pm, audience=CITY_OFFICE).county("379902").conditions
    public = assess(ds, YEAR, pm, audience="public").county("379902").conditions
    full, shown = (next(c for c in cs if c.rule.id == "echo.condition") for cs in (city, public))
    assert "P-379902-1" in full.evidence and full.reason.startswith("本区监测点: ")
    assert shown.evidence == () and shown.reason == WITHHELD_CONDITION
    # The rule's reason, shown to the county (declared), has every point id masked.
    item = next(
        i for p in assess(ds, YEAR, pm, audience="county:379902").points for i in p.items if i.rule.id == "echo.rule"
    )
    assert item.reason.startswith(f"{POINT_MASK}: ") and "P-3799" not in item.reason


@pytest.mark.parametrize("audience", ["public", "county:379902", "department:city-amr"])
def test_a_withheld_condition_is_shown_with_its_title_once(audience: str) -> None:
    """x30: the reason began with the title, and every renderer puts the title before a reason:
    '回显条件: 回显条件: 县区插件所设十佳条件未满足…' in the text, the workbook and the year end."""
    from softenv_core.render.assessment import county_rows, explain_county

    ds = small_dataset(YEAR)
    pm = get_plugin_manager(autoload=False)
    pm.register(_Echoing("379902"), name="softenv-county-echo")
    result = assess(ds, YEAR, pm, audience=audience)
    text = explain_county(result.county("379902")) + "\n".join(map(str, county_rows(result)[1]))
    assert f"回显条件：{WITHHELD_CONDITION}" in text and "回显条件：回显条件" not in text


def _rated(ds: Dataset) -> Dataset:
    """``ds`` with a round of the year's first half in which every point rated city-amr 满意."""
    rnd = AppraisalRound("A2025H1", HalfYear(YEAR, 1), date(YEAR, 6, 1), date(YEAR, 6, 30))
    ratings = tuple(Rating(rnd.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for p in ds.points)
    return attrs.evolve(ds, appraisal_rounds=(*ds.appraisal_rounds, rnd), ratings=(*ds.ratings, *ratings))


class _Tallying:
    """Finding 12's rule: +0.5 a round taken part in, its reason tallying the point's own
    ratings; it reads no complaint and declares reads_direct_feedback=False."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="认真参评", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def considered(ctx):
            mine = sorted(r.level.zh for r in ctx.dataset.ratings if r.rater == ctx.point.id)
            return Award(0.5 * len(ctx.rounds_taken), "认真参评: " + "、".join(mine)) if mine else None

        return [
            Rule(
                id="tally.considered",
                label="tally.considered",
                title_zh="认真参评",
                title_en="considered ratings",
                reference="测试",
                score=considered,
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=False,
            )
        ]


@pytest.mark.parametrize("rated", [True, False], ids=["points-rated", "no-rating-yet"])
def test_the_kits_direct_feedback_check_fails_a_declared_rule_that_reads_ratings(rated):
    # Without ratings of the county's points the kit adds some first, then turns them.
    ds = _rated(small_dataset(YEAR)) if rated else small_dataset(YEAR)
    pm = get_plugin_manager(autoload=False)
    pm.register(_Tallying(), name="tally")

    def run(data, as_of):
        return assess(data, YEAR, pm, audience=CITY_OFFICE, as_of=as_of)

    first = run(ds, None)
    problem = direct_feedback_problem(run, "tally", "379902", ds, first, {"tally.considered"}, YEAR)
    assert problem is not None and "rates differently in 万人评议" in problem
    assert "tally.considered" in problem and "ctx.dataset.ratings" in problem
