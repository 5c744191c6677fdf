"""The conformance kit's ``known_at`` check adds reports and amendments dated after the year's
end too, not only the day after its instant and December's report in January (plugin author
p37): a 十佳 condition "no month's report sent (or amended) after the year's end" (年后补报 /
年后更正), reading ``ctx.dataset.reports`` without ``ctx.as_of``, passed the kit and
`softenv plugins --check`, though an assessment as of the year's default instant (after the
last deadline) then read reports sent weeks later, and a county's decision moved with the day
it was computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pytest

from softenv_core.plugin import Condition, CountyYear, Failure, ParameterSet, PluginInfo, hookimpl
from softenv_core.testing import check_plugin

from .weights import examples


def _plugin(check: Callable[[CountyYear], Failure | None]) -> object:
    class AfterTheYear:
        @hookimpl
        def softenv_plugin_info(self) -> PluginInfo:
            return PluginInfo(county="379923", title="云岭县", reference="r")

        @hookimpl
        def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
            return [
                Condition(
                    id="county.379923.topten.after_year",
                    title_zh="无年后补报",
                    title_en="nothing sent after the year",
                    reference="r",
                    check=check,
                    effective_from=date(2023, 1, 1),
                )
            ]

    return AfterTheYear()


def _sent_after_the_year(ctx: CountyYear) -> Failure | None:
    late = sorted(
        r.id
        for r in ctx.dataset.reports
        if r.county == ctx.county.code and r.month.year == ctx.year and r.month.month < 12
        if r.submitted_at.year > ctx.year
    )
    return Failure("年后补报", late) if late else None


def _amended_after_the_year(ctx: CountyYear) -> Failure | None:
    ids = sorted(
        r.id
        for r in ctx.dataset.reports
        if r.county == ctx.county.code and r.month.year == ctx.year
        if any(a.submitted_at.year > ctx.year for a in r.amendments)
    )
    return Failure("年后更正", ids) if ids else None


@pytest.mark.parametrize("check", [_sent_after_the_year, _amended_after_the_year], ids=["sent", "amended"])
def test_known_at_finds_a_condition_reading_reports_of_after_the_year(
    check: Callable[[CountyYear], Failure | None],
) -> None:
    report = check_plugin(_plugin(check), "aftertheyear", max_examples=examples(10), hash_seed=False)
    assert "known_at" in report.failures, sorted(report.failures)
    assert "county.379923.topten.after_year" in report.failures["known_at"]
