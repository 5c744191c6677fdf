"""A rule keeping answers between calls (a module-level cache keyed on point ids) first shows
in `softenv plugins --check` as evidence naming no record of the dataset: the answer kept from
another demo dataset cites that dataset's contacts. The fix said only "cite the ids of records
of the dataset the rule was given" (plugin author p37), which sent the author to the evidence
list, not to the cache: it names the kept answer as the likely cause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from softenv_core import get_plugin_manager
from softenv_core.plugin import Award, ContactMethod, ParameterSet, PluginInfo, PointYear, Rule, hookimpl
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed

_CACHE: dict[str, Award | None] = {}


def _score(ctx: PointYear) -> Award | None:
    if ctx.point.id not in _CACHE:  # the careless author's speed-up: kept across datasets
        held = sorted(c.id for c in ctx.contacts if c.reached and c.method is not ContactMethod.OTHER)
        _CACHE[ctx.point.id] = Award(1, "联系", held[:1]) if held else None
    return _CACHE[ctx.point.id]


class _Caching:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379923", title="云岭县", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [
            Rule(
                id="county.379923.extra.cached",
                label="cached",
                title_zh="缓存",
                title_en="cached",
                reference="r",
                score=_score,
                max_points=1,
                effective_from=date(2023, 1, 1),
                reads_direct_feedback=False,
            )
        ]


def test_the_fix_for_evidence_of_no_record_names_a_kept_answer() -> None:
    said = (
        "plugin 'p', hook softenv_extra_point_rules, rule r: field evidence[0]: rule r: 'C-1' is not a record id "
        "of the dataset"
    )
    fix = fix_for(said)
    assert fix.startswith("cite the ids of records of the dataset the rule was given")
    assert "kept between calls" in fix and "cache" in fix


def test_plugins_check_names_the_cache_for_a_rule_keeping_answers() -> None:
    _CACHE.clear()
    # an answer kept from a dataset asked about earlier in the process (softenv serve, a test run)
    _CACHE.update({f"P379923-{n:03d}": Award(1, "联系", ["C-elsewhere-1"]) for n in range(1, 100)})
    pm = get_plugin_manager(autoload=False, plugins=[("cached", _Caching())])
    faults = [f for f in check_installed(pm, 2025) if f.plugin == "cached"]
    assert faults, "a rule keeping answers between datasets was not found"
    assert any("is not a record id of the dataset" in f.problem and "cache" in f.fix for f in faults), faults
