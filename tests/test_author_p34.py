"""Plugin author p34 (石桥县): what `softenv plugins --check` tells a county developer whose
rule or condition tries to change what it was given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from softenv_core import get_plugin_manager
from softenv_core.plugin import (
    Award,
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    PointYear,
    Rule,
    hookimpl,
)
from softenv_core.testing import check_plugin
from softenv_core.testing.check_fixes import fix_for
from softenv_core.testing.plugin_check import check_installed

from .weights import examples

DAY = date(2025, 1, 1)
NO_CHANGE = "never change what the plugin is given"


def _edit_point(ctx: PointYear) -> Award | None:
    ctx.point.designated_by = "x"  # type: ignore[misc]  # a frozen record
    return None


def _edit_index(ctx: PointYear) -> Award | None:
    ctx.dataset.point_by_id["x"] = ctx.point  # type: ignore[index]  # a read-only index
    return None


def _edit_parameter(ctx: PointYear) -> Award | None:
    weights = ctx.params.get("appraisal.group_weights", ctx.on).value
    weights["x"] = 1  # type: ignore[index]  # a read-only parameter value
    return None


def _edit_in_condition(ctx: CountyYear) -> Failure | None:
    ctx.dataset.reports_by_month[ctx.months[0].month] = ()  # type: ignore[index]
    return None


class _Edits:
    def __init__(self, score: Callable[[PointYear], Award | None] | None = None, condition: bool = False) -> None:
        self.score, self.condition = score, condition

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> list[Rule]:
        if self.score is None:
            return []
        return [Rule("county.379902.x", "x", "加分", "x", "县〔2025〕1号", self.score, 5, DAY)]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> list[Condition]:
        if not self.condition:
            return []
        return [Condition("county.379902.c", "条件", "c", "县〔2025〕1号", _edit_in_condition, DAY)]


@pytest.mark.parametrize(
    ("plugin", "raised"),
    [
        (_Edits(_edit_point), "FrozenInstanceError"),
        (_Edits(_edit_index), "dataset indexes are read-only"),
        (_Edits(_edit_parameter), "parameter values are read-only"),
        (_Edits(condition=True), "dataset indexes are read-only"),
    ],
    ids=["frozen record", "dataset index", "parameter value", "condition"],
)
def test_a_rule_changing_what_it_was_given_is_told_not_to(plugin: _Edits, raised: str) -> None:
    """The fix was "the rule raised: handle the case it tripped on (an empty month, a point
    without contacts)", which sends the author looking for a data case; the refusal is the
    library's, and the fix is not to change the record, index or parameter."""
    faults = check_installed(get_plugin_manager(autoload=False, plugins=[("edits", plugin)]), 2025)
    assert faults
    for fault in faults:
        assert raised in fault.problem
        assert fault.fix.startswith(NO_CHANGE), fault.fix


def test_a_plugins_own_text_still_chooses_no_fix() -> None:
    said = "rule says.x raised KeyError: dataset indexes are read-only: the dataset is shared"
    assert not fix_for(said).startswith(NO_CHANGE)


class _LateAmendments:
    """A 十佳 condition: "no month's report amended after its deadline" (石桥县 第十条)."""

    def __init__(self, cut_at_as_of: bool) -> None:
        self.cut = cut_at_as_of

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    def _check(self, ctx: CountyYear) -> Failure | None:
        due = {m.report: m.due_at for m in ctx.months if m.report is not None and m.due_at is not None}
        late = sorted(  # each report once, however many late amendments it has (p50 05)
            {
                r.id
                for r in ctx.dataset.reports
                if r.id in due
                for a in r.amendments
                if a.submitted_at > due[r.id]
                and not (self.cut and ctx.as_of is not None and a.submitted_at > ctx.as_of)
            }
        )
        return Failure(f"截止后更正: {', '.join(late)}", late) if late else None

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> list[Condition]:
        return [Condition("county.379902.amended", "无截止后更正", "amended", "县〔2025〕1号", self._check, DAY)]


def test_known_at_adds_an_amendment_made_after_the_instant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check added complaints, contacts, follow-ups and reports after its instant, never an
    amendment (testing-rules.md said so): a condition reading ``r.amendments`` without
    ``ctx.as_of`` failed a county, as of April, for an amendment it made in May, and passed the kit."""
    from softenv_core.testing import conformance

    monkeypatch.setenv(conformance.ENV_DIR, str(tmp_path))
    reads_later = check_plugin(
        _LateAmendments(cut_at_as_of=False), "amends", others=[], max_examples=4, hash_seed=False
    )
    assert "known_at" in reads_later.failures, reads_later.failures
    said = reads_later.failures["known_at"]
    assert "county.379902.amended" in said and "amendments of them" in said
    assert "an amendment submitted by then (r.version_at(ctx.as_of))" in said
    sound = check_plugin(
        _LateAmendments(cut_at_as_of=True), "amends", others=[], max_examples=examples(4), hash_seed=False
    )
    assert sound.passed, sound.failures


class _SaysNone:
    """A deadline hook returning the text "none" (DeadlinePolicy's value), not None."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county="379902", title="县细则", reference="县〔2025〕1号")

    @hookimpl
    def softenv_report_deadline(self, county: object, month: object, calendar: object, params: object) -> object:
        return "none"


def test_a_deadline_of_the_wrong_type_names_no_rule_question_mark() -> None:
    """`softenv plugins --check` printed "hook softenv_report_deadline, rule ?: returned str":
    a rule named "?" where the answer has none; now the month asked and what was expected."""
    faults = check_installed(get_plugin_manager(autoload=False, plugins=[("says", _SaysNone())]), 2025)
    hooks = [f for f in faults if f.check == "hooks"]
    assert hooks and hooks[0].hook == "softenv_report_deadline"
    line = hooks[0].lines()[0]
    # the first month asked: December before the year, which its January report needs (p49 01)
    assert "rule ?" not in line and "returned str for 2024-12, expected Deadline or None" in line, line


def test_the_command_line_sends_a_plugins_fault_to_plugins_check() -> None:
    """Plugin author p34: `softenv assess` stopped on a plugin's fault with what failed, and no
    word of where the fix is told; a plugin that fails to load or is not installed is told as before."""
    from softenv_core.cli.output import error_text
    from softenv_core.errors import PluginError

    fault = PluginError("shiqiao", "softenv_extra_point_rules", "rule county.x raised ValueError: boom")
    assert error_text(fault, "zh").endswith("；运行 softenv plugins --check 查看各插件的问题和改法")
    assert error_text(fault, "en").endswith("; run softenv plugins --check for the fix")
    assert "plugins --check" not in error_text(PluginError("shiqiao", None, "not installed"), "en")
