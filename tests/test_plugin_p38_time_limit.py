"""``softenv plugins --check`` has a time limit (plugin author p38): a rule or 十佳 condition that
never returns was a check that never ended, with nothing said; a condition was not timed at all.
Now each hook's and rule's try may take CHECK_TIME_LIMIT seconds in the check command (never in
``assess``, nor in the kit an author's tests run): past it, a fault naming plugin, hook, rule
and the fix, and the check goes on with the next rule. Conditions are timed per county."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date

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
from softenv_core.testing.check_fixes import TIME_LIMIT_FIX
from softenv_core.testing.plugin_check import RuleCost, check_all, check_installed, cost_lines
from softenv_core.testing.time_limit import TimeLimitExceeded, time_limit

CODE = "379902"  # a county of the demo city, so that its rules run there


def _forever(ctx: PointYear) -> Award | None:
    while True:  # the hurried author's search that never finds what it looks for
        try:
            time.sleep(0.01)
        except Exception:  # and swallows what it can: the limit is no Exception
            continue


def _never_decides(ctx: CountyYear) -> Failure | None:
    n = 0
    while n >= 0:
        n += 1
    return None


def _never_decides_resting(ctx: CountyYear) -> Failure | None:
    # Never returns either, but waits rather than computes: the 6 s the check allows it cost
    # the suite 6 s of a core (the tests below stop a computing loop, in both threads).
    while True:
        time.sleep(0.01)


def _slow_condition(ctx: CountyYear) -> Failure | None:
    time.sleep(0.15)
    return None


def _quick(ctx: PointYear) -> Award | None:
    return None


class Hanging:
    def __init__(self, rule_score: object = _forever, check: object = _never_decides_resting) -> None:
        self.rule_score, self.check = rule_score, check

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=CODE, title="t", reference="r")

    @hookimpl
    def softenv_extra_point_rules(self, year: int, params: ParameterSet) -> Sequence[Rule]:
        return [
            Rule(
                id=f"county.{CODE}.extra.forever",
                label="hanging.forever",
                title_zh="永不返回",
                title_en="never returns",
                reference="r",
                score=self.rule_score,  # type: ignore[arg-type]
                max_points=5,
                effective_from=date(2022, 3, 1),
            ),
            Rule(
                id=f"county.{CODE}.extra.quick",
                label="hanging.quick",
                title_zh="快",
                title_en="quick",
                reference="r",
                score=_quick,
                max_points=5,
                effective_from=date(2022, 3, 1),
            ),
        ]

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id=f"county.{CODE}.topten.never",
                title_zh="永不判定",
                title_en="never decides",
                reference="r",
                check=self.check,  # type: ignore[arg-type]
                effective_from=date(2022, 3, 1),
            )
        ]


# Waits out two time limits of 3 s (6 s of a worker's wall time, asleep): a slow test, run with
# the others that wait or start a process (`uv run pytest -m slow`, .ci/run's own step).
@pytest.mark.slow
def test_a_rule_and_a_condition_that_never_return_are_faults_and_the_check_ends() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("hanging", Hanging())])
    costs: list[RuleCost] = []
    start = time.monotonic()
    # 3 s: the quick rule's try (the demo city assessed three times) stays within it on a loaded
    # machine (the whole check without the two waits took 0.8 s in a slow hour, 2026-12-02); each
    # never-ending rule burns its limit in CPU, so a longer one only slows the suite
    faults, runs = check_all(pm, 2025, examples=2, costs=costs, time_limit=3.0)
    assert time.monotonic() - start < 90
    timed_out = {(f.plugin, f.hook, f.rule) for f in faults if f.fix == TIME_LIMIT_FIX}
    assert timed_out == {
        ("hanging", "softenv_extra_point_rules", f"county.{CODE}.extra.forever"),
        ("hanging", "softenv_topten_conditions", f"county.{CODE}.topten.never"),
    }, [f.text() for f in faults]
    text = next(f.text() for f in faults if f.rule.endswith("forever"))
    assert "did not return within 3 s" in text and "a loop that never ends" in text
    # the next rule was still tried and timed; the kit did not search a plugin that hangs
    assert [c.rule for c in costs] == [f"county.{CODE}.extra.quick"]
    assert [(r.plugin, r.failed) for r in runs] == [("hanging", ("kit",))]


def test_no_limit_unless_asked_and_none_after_the_block() -> None:
    with time_limit(None, "x"):
        time.sleep(0.05)
    with time_limit(0.2, "x"):
        pass
    time.sleep(0.7)  # no alarm left behind to fire in the caller's code


@pytest.mark.parametrize("where", ["main", "thread"])
def test_the_limit_stops_python_code_in_the_main_thread_and_in_another(where: str) -> None:
    said: list[str] = []

    def run() -> None:
        try:
            with time_limit(0.2, "rule r"):
                _never_decides(None)  # type: ignore[arg-type]
        except TimeLimitExceeded as exc:
            said.append(f"{type(exc).__name__}: {exc}")

    if where == "main":
        run()
    else:
        t = threading.Thread(target=run)
        t.start()
        t.join(10)
    assert said == ["TimeLimitExceeded: rule r did not return within 0.2 s (the check's time limit)"]


def test_a_condition_is_timed_per_county_and_a_slow_one_warned_about() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("slow", Hanging(_quick, _slow_condition))])
    costs: list[RuleCost] = []
    assert check_installed(pm, 2025, costs=costs, time_limit=30) == []
    (cost,) = [c for c in costs if c.per == "county"]
    assert cost.rule == f"county.{CODE}.topten.never" and cost.per_point >= 0.15
    lines = cost_lines(costs)
    assert any(f"condition county.{CODE}.topten.never" in line and "ms per county" in line for line in lines)
    assert any("warning: above 100 ms per county" in line for line in lines), lines
