"""no_mutation names the plugin's hook, the rule or condition that changed its input, and what
it changed (p35: a county author got "the dataset changed while the plugin ran", no rule named,
where the other checks name plugin, hook and rule)."""

from __future__ import annotations

from datetime import date

import pytest

from softenv_core import Condition, hookimpl
from softenv_core.testing import check_plugin
from softenv_core.testing.check_faults import kit_fault
from softenv_core.testing.mutation_culprit import first_change

from .broken_plugins import MutatesItsInput, _Base, _rule


class _MutatesInACondition(_Base):
    """A 十佳 condition writing a note on every department, and an innocent rule beside it."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        return [_rule("broken.innocent", lambda ctx: None)]

    @hookimpl
    def softenv_topten_conditions(self, year, params):
        def check(ctx):
            for d in ctx.dataset.departments:
                object.__setattr__(d, "note", "seen")
            return None

        return [
            Condition(
                id="broken.condition_mutates",
                title_zh="测试",
                title_en="test",
                reference="测试",
                check=check,
                effective_from=date(2022, 3, 1),
            )
        ]


class _LeavesUnwritable(_Base):
    """A rule setting a report's submitted_at to None: the dataset can no longer be dumped, which
    crashed the kit with a TypeError (plugin author p55 01)."""

    @hookimpl
    def softenv_extra_point_rules(self, year, params):
        def score(ctx):
            for r in ctx.dataset.reports:
                if r.submitted_at is not None:
                    object.__setattr__(r, "submitted_at", None)
            return None

        return [_rule("broken.unwritable", score)]


@pytest.mark.parametrize(
    ("plugin", "hook", "rule", "field"),
    [
        (MutatesItsInput(), "softenv_extra_point_rules", "broken.mutate", ".reached"),
        (_MutatesInACondition(), "softenv_topten_conditions", "broken.condition_mutates", ".note"),
        (_LeavesUnwritable(), "softenv_extra_point_rules", "broken.unwritable", "can no longer be written"),
    ],
    ids=["rule", "condition", "unwritable"],
)
def test_no_mutation_names_the_hook_the_rule_and_the_field(plugin, hook, rule, field, tmp_path, monkeypatch):
    from softenv_core.testing import conformance

    monkeypatch.setenv(conformance.ENV_DIR, str(tmp_path))
    report = check_plugin(plugin, "broken", others=[], max_examples=3, hash_seed=False)
    message = report.failures["no_mutation"]
    assert f"hook {hook}" in message and rule in message and field in message, message
    fault = kit_fault("broken", "no_mutation", message, "")
    assert (fault.hook, fault.rule) == (hook, rule)


def test_first_change_names_the_record_by_id() -> None:
    before = {"departments": [{"id": "a", "note": None}, {"id": "b", "note": None}]}
    after = {"departments": [{"id": "a", "note": None}, {"id": "b", "note": "x"}]}
    assert first_change(before, after) == "$.departments[1] (b).note"
    assert first_change(before, before) is None
