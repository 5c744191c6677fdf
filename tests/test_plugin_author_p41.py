"""Plugin author p41 (临江市, tests/p41_linjiang), writing from the docs alone: what the docs
or the library got wrong, each with a test that failed before the fix.

1. A county rule replacing a city rule not declared replaceable, two replacements of one label,
   or one allowing more points than the city rule's: the ``RuleConflict`` named no hook
   (``hook`` None, none in the text), though docs/hooks.md says every PluginError and
   RuleConflict names the plugin and the hook, and said nothing of what to do.
2. A rule scoring the county's points from another county's records (东城区's contacts) passed
   the whole conformance kit: ``own_county_only`` compared only the other counties' results.
3. docs/hooks.md's ``softenv_complaint_sla`` example returned ``None``: the guide never showed a
   ``ComplaintSla`` (its fields) nor named the city limits a county must stay within.
4. ``softenv plugins --check`` told a rule made without ``effective_from`` (a ``TypeError`` of
   ``Rule.__init__``) and a condition given ``replaces=`` "the hook raised: it must answer every
   county, month and year it is asked": nothing of the missing dates or of conditions only adding.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, RuleConflict, assess, baseline_parameters, get_plugin_manager
from softenv_core.plugin import (
    Award,
    ComplaintKind,
    ComplaintSla,
    Condition,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    WorkCalendar,
    hookimpl,
)
from softenv_core.testing import beijing, check_plugin, make_complaint, small_dataset
from softenv_core.testing.other_counties import without_other_counties
from softenv_core.testing.plugin_check import check_installed

DOCS = Path(__file__).resolve().parents[1] / "docs"
CODE = "379981"
POINT = f"P-{CODE}-2"


class _County:
    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="临江市", reference="临江市〔2025〕3号")


class _Rules(_County):
    def __init__(self, *rules: Rule) -> None:
        self.rules = rules

    @hookimpl
    def softenv_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return self.rules


def _rule(rule_id: str, replaces: str, max_points: int) -> Rule:
    return Rule(
        id=rule_id,
        label=f"linjiang.{rule_id}",
        title_zh="x",
        title_en="x",
        reference="临江市〔2025〕3号",
        score=lambda ctx: Award(1, "r"),
        max_points=max_points,
        effective_from=date(2025, 1, 1),
        replaces=replaces,
    )


@pytest.mark.parametrize(
    ("rules", "fix"),
    [
        ((_rule("county.379981.a", "duty.supervision", 20),), "replace only a replaceable one (duty.appraisal"),
        (
            (_rule("county.379981.a", "duty.feedback", 30), _rule("county.379981.b", "duty.feedback", 30)),
            "keep one rule with replaces='duty.feedback'",
        ),
        ((_rule("county.379981.a", "duty.contact", 40),), "give it max_points of at most 30"),
    ],
)
def test_a_replacement_conflict_names_the_hook_and_what_to_do(rules: tuple[Rule, ...], fix: str) -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("hurried", _Rules(*rules))])
    with pytest.raises(RuleConflict) as e:
        assess(small_dataset(2025, (CODE,)), 2025, pm, audience=CITY_OFFICE)
    assert e.value.hook == "softenv_point_rules"
    assert "(softenv_point_rules)" in str(e.value) and "'hurried'" in str(e.value)
    assert "county.379981.a" in str(e.value) and fix in str(e.value)


def _neighbours(ctx: PointYear) -> Award | None:
    """Scores the county's point by how often 东城区's points (another county's) were reached."""
    others = {p.id for p in ctx.dataset.points if p.county != ctx.point.county}
    n = sum(1 for c in ctx.dataset.contacts if c.point in others and c.reached)
    return Award(1, f"邻县联系{n}次") if n else None


class _Extra(_County):
    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [self.rule]


def test_the_kit_finds_a_rule_reading_another_countys_records() -> None:
    rule = attrs.evolve(
        _rule("county.379981.x", "duty.contact", 5), replaces=None, score=_neighbours, reads_direct_feedback=False
    )
    report = check_plugin(_Extra(rule), "hurried", others=[], max_examples=5, hash_seed=False)
    found = report.failures.get("own_county_only", "")
    assert "rule county.379981.x on point" in found and "reads another county's records" in found
    assert "fix: read only the plugin's own county's records" in found


def test_the_kit_keeps_what_a_county_may_read() -> None:
    """Complaints about the county's departments from another county's point, ratings of the
    city's departments, the county's own records: kept; the other county's contacts: dropped."""
    ds = small_dataset(2025, (CODE, "379902"))
    about_ours = make_complaint("Q1", "P-379902-2", beijing(2025, 3, 3, 9), department=f"{CODE}-amr")
    about_theirs = make_complaint("Q2", "P-379902-2", beijing(2025, 3, 3, 9), department="379902-amr")
    own = make_complaint("Q3", POINT, beijing(2025, 3, 3, 9), department="379902-amr")
    ds = attrs.evolve(ds, complaints=(about_ours, about_theirs, own))
    thinned = without_other_counties(ds, CODE)
    assert thinned is not None
    assert [q.id for q in thinned.complaints] == ["Q1", "Q3"]
    assert {c.point for c in thinned.contacts} == {p.id for p in ds.points if p.county == CODE}
    assert {r.county for r in thinned.reports} == {CODE}
    assert without_other_counties(small_dataset(2025, (CODE,)), CODE) is None  # nothing to drop


def _hooks_md_sla_example() -> str:
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    section = text.split("## softenv_complaint_sla", 1)[1].split("\n## ", 1)[0]
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", section, re.S) if "def softenv_complaint_sla" in b]
    return textwrap.dedent(block)


def test_the_docs_complaint_limits_example_is_a_stricter_answer_the_engine_takes() -> None:
    namespace: dict[str, Any] = {
        "hookimpl": hookimpl,
        "ComplaintKind": ComplaintKind,
        "ComplaintSla": ComplaintSla,
        "ParameterSet": ParameterSet,
        "WorkCalendar": WorkCalendar,
        "date": date,
    }
    exec(compile("from __future__ import annotations\n" + _hooks_md_sla_example(), "hooks.md", "exec"), namespace)
    hook = namespace["softenv_complaint_sla"]

    class Example(_County):
        softenv_complaint_sla = staticmethod(hook)

    params = baseline_parameters()
    answer = hook(kind=ComplaintKind.COMPLAINT, calendar=WorkCalendar(), params=params, on=date(2025, 8, 1))
    assert isinstance(answer, ComplaintSla) and answer.resolve["complaint"] == 10
    assert hook(kind=ComplaintKind.COMPLAINT, calendar=WorkCalendar(), params=params, on=date(2025, 6, 1)) is None
    # the engine takes it for a complaint about the county's department (no RuleConflict)
    pm = get_plugin_manager(autoload=False, plugins=[("example", Example())])
    q = make_complaint("Q1", POINT, beijing(2025, 8, 4, 9), department=f"{CODE}-amr")
    ds = attrs.evolve(small_dataset(2025, (CODE,)), complaints=(q,))
    assert check_installed(pm, 2025) == []
    assess(ds, 2025, pm, audience=CITY_OFFICE)


class _Undated(_County):
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        kwargs: dict[str, Any] = {"id": "county.379981.x", "label": "x", "title_zh": "x", "title_en": "x"}
        return [Rule(**kwargs, reference="r", score=lambda ctx: None, max_points=1)]


class _Sketched(_County):
    # Three fields missing: Python lists them 'score', 'max_points', and 'effective_from', whose
    # ", and" the library's TypeError words did not read, so the fix was the hook's generic one
    # (since p42 the missing date is refused first, naming the rule, by Rule itself).
    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        kwargs: dict[str, Any] = {"id": "county.379981.x", "label": "x", "title_zh": "x", "title_en": "x"}
        return [Rule(**kwargs, reference="r")]


class _Relaxing(_County):
    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        kwargs: dict[str, Any] = {"replaces": "city.topten.on_time"}
        return [Condition("county.379981.c", "c", "c", "r", lambda ctx: None, date(2025, 1, 1), **kwargs)]


@pytest.mark.parametrize(
    ("plugin", "hook", "fix"),
    [
        (_Undated(), "softenv_extra_point_rules", "give every Rule and Condition effective_from=date(…)"),
        (_Sketched(), "softenv_extra_point_rules", "give every Rule and Condition effective_from=date(…)"),
        (_Relaxing(), "softenv_topten_conditions", "a 十佳 condition cannot replace or relax the city's"),
    ],
)
def test_plugins_check_says_what_a_careless_value_lacks(plugin: _County, hook: str, fix: str) -> None:
    (fault,) = check_installed(get_plugin_manager(autoload=False, plugins=[("hurried", plugin)]), 2025)
    assert (fault.plugin, fault.hook) == ("hurried", hook)
    assert fault.fix.startswith(fix)
