"""The kit's ``within_year`` check and a 十佳 condition choosing appraisal rounds by the year they
close (plugin author p52 04, left open in the forty-second session).

The dataset takes a second-half 万人评议 round held into the next January (docs/data-format.md,
"may a 万人评议 round close in the next year?"), and the library counts a round in its period's
year. A condition choosing rounds by ``a.closed.year == ctx.year`` counts the year before's late
round in this year. The kit's datasets held late rounds of the assessed year only, so nothing
before the year could move its answer and it passed: ``within_year`` now adds the year before's
second-half round held 20 December to 10 January, rated 不满意 by the county's points.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from softenv_core.model.appraisals import RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.plugin import (
    BEIJING,
    Condition,
    CountyYear,
    Failure,
    ParameterSet,
    PluginInfo,
    hookimpl,
)
from softenv_core.testing import small_dataset
from softenv_core.testing.conformance import check_plugin
from softenv_core.testing.year_edges import WITHIN_YEAR_FIX, outside_the_year

COUNTY = "379903"


class _Plugin:
    """西城区 with one 十佳 condition: no 不满意 rating of its own departments in the year's rounds."""

    def __init__(self, by_closing: bool) -> None:
        self.by_closing = by_closing

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="西城区监测点工作细则", reference="西城区经信局〔2025〕2号")

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379903.topten.no_unsatisfied",
                title_zh="本年度万人评议中本区部门无不满意",
                title_en="no 不满意 rating of the county's departments in the year's rounds",
                reference="西城区经信局〔2025〕2号 第九条",
                check=self.check,
                effective_from=date(2025, 1, 1),
            )
        ]

    def check(self, ctx: CountyYear) -> Failure | None:
        mine = {d.id for d in ctx.dataset.departments if d.county == ctx.county.code}
        if self.by_closing:  # the slip: a round's year read from the day it closed
            rounds = {a.id for a in ctx.dataset.appraisal_rounds if a.closed.year == ctx.year}
        else:  # as the guide says: the year of its period
            rounds = {a.id for a in ctx.dataset.appraisal_rounds if a.period.year == ctx.year}
        known = {a.id for a in ctx.dataset.appraisal_rounds if ctx.as_of is None or a.closed < ctx.as_of.date()}
        hits = [
            r
            for r in ctx.dataset.ratings
            if r.round in rounds & known and r.department in mine and r.level is RatingLevel.UNSATISFIED
        ]
        evidence = sorted({r.round for r in hits})  # a rating has no id of its own: its round's
        return Failure(f"本区部门被评为不满意{len(hits)}次", evidence) if hits else None


def test_the_records_outside_the_year_hold_the_year_befores_late_round_rated_by_the_county() -> None:
    ds = small_dataset(2025, (COUNTY, "379902"))
    edged = outside_the_year(ds, COUNTY, 2025, datetime(2026, 1, 6, tzinfo=BEIJING))
    assert edged is not None
    late = [r for r in edged.appraisal_rounds if r.period == HalfYear(2024, 2)]
    assert len(late) == 1 and late[0].opened == date(2024, 12, 20) and late[0].closed == date(2025, 1, 10)
    rated = [r for r in edged.ratings if r.round == late[0].id]
    own = {p.id for p in edged.points if p.county == COUNTY}
    assert rated and {r.rater for r in rated} <= own
    assert {r.level for r in rated} == {RatingLevel.UNSATISFIED}
    assert {r.department for r in rated} <= {d.id for d in edged.departments if d.county == COUNTY}


def test_no_late_round_is_added_where_the_dataset_has_that_half_already() -> None:
    ds = small_dataset(2025, (COUNTY, "379902"))
    once = outside_the_year(ds, COUNTY, 2025, datetime(2026, 1, 6, tzinfo=BEIJING))
    assert once is not None
    again = outside_the_year(once, COUNTY, 2025, datetime(2026, 1, 6, tzinfo=BEIJING))
    assert again is not None
    assert sum(r.period == HalfYear(2024, 2) for r in again.appraisal_rounds) == 1


def test_within_year_fails_a_condition_choosing_rounds_by_the_year_they_close() -> None:
    report = check_plugin(_Plugin(by_closing=True), "closing", others=[], max_examples=2, hash_seed=False)
    assert "within_year" in report.failures, report.failures
    message = report.failures["within_year"]
    assert "second-half appraisal round held 2024-12-20 to 2025-01-10" in message
    assert "a.period.year == ctx.year" in WITHIN_YEAR_FIX and WITHIN_YEAR_FIX in message


def test_within_year_passes_the_same_condition_choosing_rounds_by_their_period() -> None:
    report = check_plugin(_Plugin(by_closing=False), "period", others=[], max_examples=2, hash_seed=False)
    assert report.passed, report.failures
