"""The conformance kit's ``known_at`` check adds city waivers (豁免) decided after its instant
and 万人评议 ratings given in rounds still open then (plugin author p38): a 十佳 condition
counting the county's waivers, or its points' 不满意 ratings, straight from ``ctx.dataset``
without ``ctx.as_of`` passed the kit and ``softenv plugins --check``, though as of April it
counted a waiver decided in May and ratings of a round held in December. The fault names the
plugin, the hook, the condition and a fix saying how to cut each at the instant."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pytest

from softenv_core import get_plugin_manager
from softenv_core.plugin import (
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    RatingLevel,
    beijing_date,
    hookimpl,
)
from softenv_core.testing import check_plugin
from softenv_core.testing.plugin_check import check_all

from .weights import examples

CODE = "379923"
RULE = f"county.{CODE}.topten.p38"


def _plugin(check: Callable[[CountyYear], Failure | None]) -> object:
    class Later:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county=CODE, title="云岭县", reference="r")

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            return [
                Condition(
                    id=RULE,
                    title_zh="无豁免、无不满意",
                    title_en="no waiver, no unsatisfied rating",
                    reference="r",
                    check=check,
                    effective_from=date(2023, 1, 1),
                )
            ]

    return Later()


def _waivers_any_time(ctx: CountyYear) -> Failure | None:
    ids = sorted(w.id for w in ctx.dataset.waivers if w.county == ctx.county.code and w.month.year == ctx.year)
    return Failure("有豁免月份", ids) if ids else None


def _waivers_known(ctx: CountyYear) -> Failure | None:
    day = beijing_date(ctx.as_of) if ctx.as_of is not None else date(ctx.year + 1, 12, 31)
    ids = sorted(
        w.id
        for w in ctx.dataset.waivers
        if w.county == ctx.county.code and w.month.year == ctx.year and w.decided_on <= day
    )
    return Failure("有豁免月份", ids) if ids else None


def _unsatisfied(ctx: CountyYear, closed_only: bool) -> Failure | None:
    day = beijing_date(ctx.as_of) if ctx.as_of is not None else date(ctx.year + 1, 12, 31)
    rounds = {
        r.id for r in ctx.dataset.appraisal_rounds if r.period.year == ctx.year and (not closed_only or r.closed < day)
    }
    own = {p.id for p in ctx.dataset.points if p.county == ctx.county.code}
    bad = RatingLevel.UNSATISFIED
    ids = sorted({r.round for r in ctx.dataset.ratings if r.round in rounds and r.rater in own and r.level is bad})
    return Failure("有不满意评价", ids) if ids else None


def _ratings_any_time(ctx: CountyYear) -> Failure | None:
    return _unsatisfied(ctx, closed_only=False)


def _ratings_known(ctx: CountyYear) -> Failure | None:
    return _unsatisfied(ctx, closed_only=True)


@pytest.mark.parametrize("check", [_waivers_any_time, _ratings_any_time], ids=["waivers", "ratings"])
def test_known_at_finds_a_condition_reading_later_waivers_or_ratings(
    check: Callable[[CountyYear], Failure | None],
) -> None:
    report = check_plugin(_plugin(check), "later", max_examples=examples(10), hash_seed=False)
    assert "known_at" in report.failures, sorted(report.failures)
    message = report.failures["known_at"]
    assert RULE in message
    assert "w.decided_on <= beijing_date(ctx.as_of)" in message  # the fix says how to cut each
    assert "a rating only of a round closed by then" in message


@pytest.mark.parametrize("check", [_waivers_known, _ratings_known], ids=["waivers", "ratings"])
def test_known_at_passes_a_condition_reading_them_as_known_then(check: Callable[[CountyYear], Failure | None]) -> None:
    report = check_plugin(_plugin(check), "later", max_examples=examples(10), hash_seed=False)
    assert "known_at" not in report.failures, report.failures.get("known_at")


def test_plugins_check_names_plugin_hook_and_condition() -> None:
    pm = get_plugin_manager(autoload=False, plugins=[("later", _plugin(_waivers_any_time))])
    faults, _ = check_all(pm, 2025, examples=examples(10))
    found = [f for f in faults if f.check == "known_at"]
    assert found, [f.text() for f in faults]
    text = found[0].text()
    assert found[0].hook == "softenv_topten_conditions", text
    assert found[0].rule == RULE, text
    assert text.startswith(f"plugin 'later', check known_at, hook softenv_topten_conditions, rule {RULE}: "), text
    assert "w.decided_on <= beijing_date(ctx.as_of)" in text
