"""Fix helper fx72b (after attacker x72): a point reads nothing of when another point complained.

x72 01/04 gave a county the neutral reason and only the point's own id for an item of a county
plugin rule not declared ``reads_direct_feedback=False``. A point reader (``point:ID``) still
read such an item's reason and evidence as written, but for other points' complaint ids: a rule
reading ``ctx.dataset.complaints`` and citing its county's monthly report of each month any of
the county's points complained (records of the county: allowed evidence), saying so in its
reason, told one point when another complained to 市软建办 (docs/privacy.md *Direct feedback in
a point's score*).
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import Award, Condition, Failure, PluginInfo, Rule, hookimpl, year_end
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction_plugin import UNDECLARED_REASON, WITHHELD_CONDITION
from softenv_core.model.points import PointLevel
from softenv_core.render.assessment import explain_point
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.builders import beijing, make_complaint, make_point, monthly_contacts, small_dataset

YEAR = 2025
READER = "P-379902-2"
#: A second county-level point of 379902 (small_dataset's P-379902-1 is a 市直 point located in it).
OTHER = make_point("P-379902-3", "379902", 9, level=PointLevel.COUNTY)


def _world(*complaints):
    base = small_dataset(YEAR, counties=("379902", "379921"))
    return attrs.evolve(
        base,
        points=(*base.points, OTHER),
        contacts=(*base.contacts, *monthly_contacts(OTHER, YEAR, with_items=True)),
        complaints=tuple(complaints),
    )


def _months(ctx):
    """The months any point located in the point's county complained to 市软建办 in."""
    mine = {p.id for p in ctx.dataset.points if p.county == ctx.point.county}
    return sorted({c.received_at.month for c in ctx.dataset.complaints if c.point in mine})


class _CountyMonths:
    """379902's plugin: an extra rule (``reads_direct_feedback`` not declared) citing the
    county's monthly report of each month any of the county's points complained directly, and
    saying so in its reason; or (``declared``) its twin declared ``False`` (a false declaration
    the kit would catch), which keeps its text for a point as for its county."""

    def __init__(self, declared: bool = False) -> None:
        self.declared = declared

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="跟进", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            months = _months(ctx)
            reason = "本县区监测点" + "、".join(f"{m}月" for m in months) + "向市软建办直接反馈" if months else "无"
            return Award(0, reason, [f"R-{ctx.point.county}-{year}-{m:02d}" for m in months])

        def rule(rid, declared):
            return Rule(
                id=rid,
                label=rid,
                title_zh="跟进直接反馈",
                title_en="follow-up",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
                reads_direct_feedback=declared,
            )

        return [rule("county.379902.said", False) if self.declared else rule("county.379902.months", None)]


def _pm(*plugins):
    pm = get_plugin_manager(autoload=False)
    for i, plugin in enumerate(plugins):
        pm.register(plugin, name=f"softenv-county-fx72b-{i}")
    return pm


def _item(view, rule_id):
    return next(i for i in view.point(READER).items if i.rule.id == rule_id)


def _shown(ds, pm, reader=f"point:{READER}"):
    view = assess(ds, YEAR, pm, audience=reader)
    yearly = year_end(ds, YEAR, pm, audience=reader)
    return {
        "assess.json": view.to_json(),
        "explain.point": explain_point(view.point(READER)),
        "yearend.json": yearly.to_json(),
        "yearend.md": render_yearend(yearly, "zh"),
    }


@pytest.mark.parametrize("complainant", ["P-379902-1", "P-379902-3"])
def test_a_point_reads_nothing_of_another_points_complaint_through_an_undeclared_plugin_rule(complainant):
    """Two datasets differing by one complaint of another point of the reader's county (the 市直
    point located in it, or another 县区 point): the point reader's assessment JSON, its
    explanation and its year end in JSON and Markdown are byte-identical. Before: the undeclared
    rule's item read ``本县区监测点3月向市软建办直接反馈`` with ``R-379902-2025-03`` as evidence."""
    pm = _pm(_CountyMonths())
    without = _shown(_world(), pm)
    with_ = _shown(_world(make_complaint("Q-2025-0001", complainant, beijing(YEAR, 3, 3))), pm)
    for name in without:
        assert without[name] == with_[name], name
    ds = _world(make_complaint("Q-2025-0001", complainant, beijing(YEAR, 3, 3)))
    item = _item(assess(ds, YEAR, pm, audience=f"point:{READER}"), "county.379902.months")
    assert (item.reason, item.evidence, item.params) == (UNDECLARED_REASON, (), ())


def test_a_declared_rule_keeps_its_reason_and_evidence_for_the_point():
    """A rule declared ``reads_direct_feedback=False`` is shown to the point as written (screened),
    as to its county: the declaration decides, which the kit checks (a false one is its finding)."""
    pm = _pm(_CountyMonths(declared=True))
    ds = _world(make_complaint("Q-2025-0001", "P-379902-3", beijing(YEAR, 3, 3)))
    for reader in (f"point:{READER}", "county:379902"):
        item = _item(assess(ds, YEAR, pm, audience=reader), "county.379902.said")
        assert (item.reason, item.evidence) == ("本县区监测点3月向市软建办直接反馈", ("R-379902-2025-03",)), reader


class _OwnRecords:
    """379902's plugin: an undeclared rule citing the point itself, its own contacts of March and
    July, its own complaints and the county's report of March (every kind of allowed evidence)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="跟进", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            contacts = [c.id for c in ctx.contacts if c.date.month in (3, 7)]
            own = [ctx.point.id, *contacts, *(c.id for c in ctx.complaints)]
            return Award(0, "跟进", [*own, f"R-{ctx.point.county}-{year}-03", ctx.point.county])

        return [
            Rule(
                id="county.379902.own",
                label="county.379902.own",
                title_zh="跟进",
                title_en="follow-up",
                reference="测试",
                score=score,
                max_points=1,
                effective_from=date(2020, 1, 1),
            )
        ]


def test_an_undeclared_rules_item_keeps_only_the_point_itself_for_the_point():
    """Of the evidence the rule chose, the point and its county read only the point's id (x72
    01): the county's report and code are dropped, and so are the point's own contacts and
    complaints, which the rule may choose by another point's complaints (its contact of each
    month another complained would date that complaint; its view lists them through the city's
    rules anyway)."""
    pm = _pm(_OwnRecords())
    ds = _world(make_complaint("Q-2025-0002", READER, beijing(YEAR, 5, 3)))
    for reader, shown in ((f"point:{READER}", (READER,)), ("county:379902", (READER,))):
        item = _item(assess(ds, YEAR, pm, audience=reader), "county.379902.own")
        assert (item.reason, item.evidence) == (UNDECLARED_REASON, shown), reader


class _NoSkipping:
    """379902's plugin: a 十佳 condition failing when any point located in the county complained
    directly, citing the county's report of each such month (test_x72 02's, for a point reader)."""

    @hookimpl
    def softenv_plugin_info(self):
        return PluginInfo(county="379902", title="不越级", reference="测试")

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            mine = {p.id for p in ctx.dataset.points if p.county == ctx.county.code}
            months = sorted({c.received_at.month for c in ctx.dataset.complaints if c.point in mine})
            if not months:
                return Failure("未越级", [ctx.county.code])
            reports = [f"R-{ctx.county.code}-{year}-{m:02d}" for m in months]
            return Failure(f"{months}月越级", [ctx.county.code, *reports])

        return [
            Condition(
                id="county.379902.noskip",
                title_zh="不越级反映",
                title_en="no skipping",
                reference="测试",
                check=check,
                effective_from=date(2020, 1, 1),
            )
        ]


def test_a_failed_plugin_condition_tells_a_point_nothing_of_another_points_complaint():
    """A failed plugin 十佳 condition (failing either way, so that its pass is no channel here)
    shows a point its title, the fixed wording and only the county code (x72 02 holds for a
    point as for every reader); its nomination conditions are the city's (no plugin hook gives
    any) and read its own record only."""
    pm = _pm(_NoSkipping())
    complained = make_complaint("Q-2025-0001", "P-379902-3", beijing(YEAR, 3, 3))
    views = [assess(ds, YEAR, pm, audience=f"point:{READER}") for ds in (_world(), _world(complained))]
    for view in views:
        cond = next(c for c in view.county("379902").conditions if c.rule.id == "county.379902.noskip")
        assert (cond.passed, cond.reason, cond.evidence, cond.params) == (False, WITHHELD_CONDITION, ("379902",), ())
    assert views[0].to_json() == views[1].to_json()
    conditions = [view.point(READER).nomination_conditions for view in views]
    assert conditions[0] == conditions[1]
    assert all(c.rule.plugin == "softenv-core" or c.rule.plugin.startswith("city") for c in conditions[0]), conditions


def test_a_failed_points_removal_proposal_tells_it_nothing_of_another_points_complaint():
    """The year end's 不合格 proposal to the point names its score items' evidence as its
    assessment shows them (x72 03): the undeclared rule's, only its own records. Before: the
    county's report of the month another point complained (R-379902-2025-03)."""
    pm = _pm(_CountyMonths())

    def failing(*complaints):  # contacted in March and July only: 不合格 either way
        ds = _world(*complaints)
        return attrs.evolve(ds, contacts=tuple(c for c in ds.contacts if c.point != READER or c.date.month in (3, 7)))

    seen = []
    for ds in (failing(), failing(make_complaint("Q-2025-0001", "P-379902-3", beijing(YEAR, 3, 3)))):
        [proposal] = [p for p in year_end(ds, YEAR, pm, audience=f"point:{READER}").proposals if p.point == READER]
        assert "unqualified" in proposal.reasons
        seen.append(proposal.evidence)
    assert seen[0] == seen[1], seen
    assert not any(e.startswith("R-") for e in seen[1]), seen[1]
