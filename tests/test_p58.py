"""p58: a county plugin author upgrading to the kit with edge datasets (testing/edge_datasets.py),
crowds of complaints in datasets(), cross-county rule id conflicts and the max_points bound.

Each test asserts the right behaviour and fails now. Sound probes that held are listed in the
report (scaffold passes the kit and mypy --strict; capped rules, a guarded 十佳 condition, a
reads_direct_feedback=False rule on contacts or on rounds_taken all pass; the kit is the same
report twice and across processes; replays reproduce; the neutral reason and point-id-only
evidence for an undeclared rule hold for county and point readers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from softenv_core.model.complaints import ComplaintKind, Verdict
from softenv_core.model.followups import FollowUpKind
from softenv_core.plugin import (
    Award,
    ContactMethod,
    PluginInfo,
    Rule,
    beijing_date,
    hookimpl,
)
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import check_plugin
from softenv_core.testing.edge_datasets import crowded_dataset
from softenv_core.testing.plugin_check import check_all, check_installed

DOCS = Path(__file__).resolve().parents[1] / "docs"
C = "379921"


class _Info:
    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=C, title="t", reference="r")


class CappedSuggestions(_Info):
    """Sound: +1 per adopted suggestion, capped at 3 in the rule (max_points 3)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            ids = [
                c.id
                for c in ctx.complaints
                if c.kind is ComplaintKind.SUGGESTION and c.verdict is Verdict.SUBSTANTIATED
            ]
            return Award(min(3, len(ids)), "建议被采纳", [ctx.point.id]) if ids else None

        return [
            Rule(
                id=f"county.{C}.extra.sugg",
                label=f"county_{C}.sugg",
                title_zh="建议采纳",
                title_en="s",
                reference="r",
                score=score,
                max_points=3,
                effective_from=date(2023, 1, 1),
            )
        ]


class UncappedSuggestions(_Info):
    """Unsound: the same rule, its cap forgotten (the p57 01 fault the crowded point is for)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            ids = [
                c.id
                for c in ctx.complaints
                if c.kind is ComplaintKind.SUGGESTION and c.verdict is Verdict.SUBSTANTIATED
            ]
            return Award(len(ids), "建议被采纳", [ctx.point.id]) if ids else None

        return [
            Rule(
                id=f"county.{C}.extra.sugg",
                label=f"county_{C}.sugg",
                title_zh="建议采纳",
                title_en="s",
                reference="r",
                score=score,
                max_points=3,
                effective_from=date(2023, 1, 1),
            )
        ]


class Spoiler(_Info):
    """Unsound: writes into the records it is given (every complaint turned 投诉)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            for c in ctx.dataset.complaints:
                object.__setattr__(c, "kind", ComplaintKind.COMPLAINT)
            return None

        return [
            Rule(
                id=f"county.{C}.extra.spoil",
                label=f"county_{C}.spoil",
                title_zh="x",
                title_en="x",
                reference="r",
                score=score,
                max_points=1,
                effective_from=date(2023, 1, 1),
            )
        ]


class UncappedResolved(_Info):
    """Unsound: +1 per 已解决 follow-up (事项跟踪) on the point's contacts known at as_of, its cap
    forgotten (max_points 4); reads contacts and follow-ups only."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        def score(ctx):  # type: ignore[no-untyped-def]
            ids = {c.id for c in ctx.contacts}
            cut = beijing_date(ctx.as_of) if ctx.as_of is not None else None
            found = sorted(
                f.id
                for f in ctx.dataset.followups
                if f.record in ids
                and f.kind is FollowUpKind.RESOLVED
                and f.date.year == ctx.year
                and (cut is None or f.date <= cut)
            )
            return Award(len(found), f"已解决{len(found)}件", [ctx.point.id]) if found else None

        return [
            Rule(
                id=f"county.{C}.extra.resolved",
                label=f"county_{C}.resolved",
                title_zh="已解决",
                title_en="r",
                reference="r",
                score=score,
                max_points=4,
                effective_from=date(2023, 1, 1),
                reads_direct_feedback=False,
            )
        ]


def _shared_id(county: str):  # type: ignore[no-untyped-def]
    """A sound rule of ``county`` with an id of no namespace, ``extra.visits``."""

    class Shared:
        @hookimpl
        def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
            return PluginInfo(county=county, title="t", reference="r")

        @hookimpl
        def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
            def score(ctx):  # type: ignore[no-untyped-def]
                ids = sorted(c.id for c in ctx.contacts if c.reached and c.method is ContactMethod.VISIT)
                return Award(min(1, len(ids)), "上门", ids) if ids else None

            return [
                Rule(
                    id="extra.visits",
                    label=f"l{county}",
                    title_zh="上门",
                    title_en="v",
                    reference="r",
                    score=score,
                    max_points=1,
                    effective_from=date(2023, 1, 1),
                    reads_direct_feedback=False,
                )
            ]

    return Shared()


def test_01_crowded_point_has_fewer_followups_of_a_kind_than_its_bound() -> None:
    """What: the crowded edge point does not have "follow-ups of each kind" beyond max_points, so
    the kit passes an uncapped follow-up rule that stops a real assessment.
    Where: testing/edge_datasets.py crowded_dataset, which reuses hash_seeds._followups (one
    follow-up per item-raising contact, its kind by the contact's MONTH, December's dated in the
    next year), so at per_kind=5 the point has 4 已解决, 4 提请, 4 无需处理 in the year (at 30: 26, 24, 25).
    docs/testing-rules.md says the point has "more records of each kind than the largest
    max_points … follow-ups of each kind".
    Expected: at least per_kind follow-ups of each FollowUpKind in the year; check_plugin fails a
    rule awarding 1 per 已解决 follow-up with max_points 4 and no cap (softenv plugins --check's
    rule-by-rule phase does fail it on the demo city: "awarded 7.00, beyond its max_points 4.00").
    Actual: 4 已解决 follow-ups; check_plugin reports no failure (assert_conforms passes it).
    Severity: medium (the author's own test suite passes a rule that stops the city's assessment)."""
    per_kind = 5
    d = crowded_dataset(2025, C, per_kind)
    mine = {c.id for c in d.contacts if c.point == f"P-{C}-2"}
    for kind in FollowUpKind:
        n = sum(1 for f in d.followups if f.record in mine and f.kind is kind and f.date.year == 2025)
        assert n >= per_kind, f"{kind.value}: {n} follow-ups on the crowded point, expected >= {per_kind}"
    report = check_plugin(UncappedResolved(), "uncappedresolved", others=[], max_examples=5, hash_seed=False)
    assert "valid_types" in report.failures


def test_02_edge_datasets_are_shared_between_plugins_so_one_hides_anothers_fault() -> None:
    """What: in `softenv plugins --check` the edge datasets are one cached object per (year,
    county, size) for every plugin, so a plugin that writes into the records it is given changes
    what the next plugin of the county is tried on, and that plugin's real fault is not found.
    Where: testing/edge_datasets.py crowded_dataset / county_without_points (@lru_cache keyed by
    year, county, size), yielded as-is by plugin_check._tried_on to _try's assess; the demo city
    is cached per plugin exactly to prevent this (_demo's ``plugin`` key, review r22).
    Expected: check_installed finds UncappedSuggestions's over-cap award (it does when alone:
    "awarded 5.00, beyond its max_points 3.00 (point P-379921-2)") whatever is installed beside it.
    Actual: with Spoiler (same county) checked first, no fault of UncappedSuggestions is reported;
    check_all too then reports it only under no_mutation, never valid_types.
    Severity: medium (a fault missed, order-dependent; key the cache by plugin or hand a copy)."""
    pm = get_plugin_manager(autoload=False, plugins=[("spoiler", Spoiler()), ("uncapped", UncappedSuggestions())])
    faults = check_installed(pm, 2025)
    assert any(f.plugin == "uncapped" and "beyond its max_points" in f.problem for f in faults), [
        (f.plugin, f.problem[:120]) for f in faults
    ]


@pytest.mark.slow  # check_all runs the kit's hash-seed subprocess
def test_03_sound_plugin_blamed_for_another_plugins_mutation() -> None:
    """What: a sound plugin checked by the kit beside a plugin that writes into its dataset is
    reported "changed the dataset it was given" under its own rule.
    Where: testing/conformance.py _check_example/_mutation (others are assessed with the plugin
    and the change is put on the plugin under test's rule); plugin_check.check_all passes every
    plugin with no hooks fault as ``others`` (Spoiler has none: check_installed never checks
    mutation). Seen before this version too (checked at 6b539c0d~1), so not new with p57.
    Expected: no fault of 'cappedsuggestions' (its rule reads ctx.complaints and writes nothing).
    Actual: "plugin 'cappedsuggestions', check no_mutation, rule county.379921.extra.sugg: changed
    the dataset it was given ($.complaints[1] (Q1).kind) while it ran".
    Severity: medium (false alarm naming the wrong plugin and rule)."""
    pm = get_plugin_manager(
        autoload=False, plugins=[("spoiler", Spoiler()), ("cappedsuggestions", CappedSuggestions())]
    )
    faults, _ = check_all(pm, 2025, 4)
    assert any(f.plugin == "spoiler" for f in faults)
    blamed = [(f.check, f.rule, f.problem[:150]) for f in faults if f.plugin == "cappedsuggestions"]
    assert blamed == []


@pytest.mark.slow  # check_all runs the kit's hash-seed subprocess
def test_04_cross_county_shared_id_fault_names_no_rule() -> None:
    """What: the kit's fault for two counties' plugins sharing a rule id (p57 03) names neither the
    rule nor the hook: Fault(rule='-', hook='-'), printed "plugin 'a', check no_conflict: rule
    conflict on rule id extra.visits …".
    Where: testing/check_faults.py rule_in (_RULE_NAMED does not read the new message of
    engine/resolution.require_ids_apart, "rule conflict on rule id X (hook) between …"), so
    plugin_check._with_hook cannot add the hook either.
    Expected: the fault's rule is extra.visits and its hook softenv_extra_point_rules, as the
    kit's other faults name them (docs/testing-rules.md: "each failed check a Fault naming the
    check, the rule where the message names one").
    Actual: rule '-' and hook '-'.
    Severity: low."""
    pm = get_plugin_manager(autoload=False, plugins=[("a", _shared_id("379921")), ("b", _shared_id("379902"))])
    faults, _ = check_all(pm, 2025, 2)
    conflicts = [f for f in faults if f.check == "no_conflict"]
    assert conflicts, faults
    assert all(f.rule == "extra.visits" and f.hook == "softenv_extra_point_rules" for f in conflicts), [
        (f.plugin, f.hook, f.rule) for f in conflicts
    ]


def test_05_rule_by_rule_fault_on_an_edge_dataset_does_not_say_which_dataset() -> None:
    """What: `softenv plugins --check`'s rule-by-rule fault found on the kit's crowded point says
    "awarded 5.00, beyond its max_points 3.00 (point P-379921-2)": a point of no dataset the
    author has (the demo city's ids are P379921-0NN), with no replay; the kit's own line for the
    same fault says ": a point with 5 records of each kind" and gives a replay.
    Where: testing/plugin_check.py _try (the dataset is dropped: _tried_on yields edges without
    their description from edge_datasets).
    Expected: the fault says it was found on the kit's edge dataset (its words, "a point with N
    records of each kind").
    Actual: no word of which dataset.
    Severity: low (misleading: the author looks for P-379921-2 in the demo city)."""
    pm = get_plugin_manager(autoload=False, plugins=[("uncapped", UncappedSuggestions())])
    faults = check_installed(pm, 2025)
    mine = [f for f in faults if f.plugin == "uncapped"]
    assert mine
    assert all("records of each kind" in f.problem for f in mine), [f.problem for f in mine]


def test_06_plugin_guide_does_not_mention_the_edge_datasets() -> None:
    """What: docs/writing-a-county-plugin.md, the author's guide, describes what assert_conforms
    and `softenv plugins --check` try ("searches generated datasets", "on generated demo
    datasets … the demo city's, or the kit's dataset of a county it lacks") but never the new
    edge datasets: the crowded point (more records of each kind than max_points), the county with
    its 市直 point alone and the county with no point, nor that a 十佳 condition must stand a county
    with no 县区 point. Only docs/testing-rules.md says it.
    Where: docs/writing-a-county-plugin.md §5 (assert_conforms) and §7 (plugins --check).
    Expected: the guide names them (edge_datasets / a county without 县区 points / crowded point).
    Actual: none of those words. Severity: low (doc incomplete)."""
    text = (DOCS / "writing-a-county-plugin.md").read_text(encoding="utf-8")
    assert "edge_datasets" in text or "without 县区 points" in text or "市直 point alone" in text
