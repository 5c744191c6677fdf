"""Plugin author p54 (望海市 379982): the conformance kit on sound and unsound 十佳 conditions over
万人评议 ratings, and on report deadlines and complaint limits.

01 (medium-high) ``within_year`` failed a sound 连续两年 condition (rounds of ctx.year and
   ctx.year - 1 chosen by period, each as known at the instant): the year before's round it adds,
   held 20 December to 10 January, is the year before's. Where the answers move, they are now
   compared with those on the dataset with that round and its ratings held 1 to 20 December: a
   condition choosing rounds by period answers both alike and passes, one choosing them by the
   year they close still fails (tests/test_kit_late_rounds.py). A condition over the year
   before's complaints still fails it (the complaint of the year before's 31 December): that is
   documented, with an Open question for the city (docs/testing-rules.md "Open: conditions over
   several years").
02 (medium) A condition taking the rounds' year from the instant (``beijing_date(ctx.as_of).year``)
   passed the kit: at the default instant no round of the next year had closed. within_year adds
   the next year's first-half round held on its 1 and 2 January, rated 不满意, which it reads.
03 (medium) ``deterministic``'s other-hash-seed dataset (hash_seeds.varied_dataset) had no
   万人评议 and one department of the county, so a reason joining the set of departments rated
   不满意 passed; it has six departments of the county now, each rated 不满意 in a round.
04 (low-medium) A ``deterministic`` fault on a report deadline or complaint limits named no hook
   nor rule, and its clock fix spoke of ctx, which those hooks do not get: the fault names the
   hook (and the deadline's rule), and the fix points to the hook's month or on and to dated
   parameters (testing/check_faults.py, testing/clock.HOOK_FIX).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs
import pytest

from softenv_core import get_plugin_manager
from softenv_core.plugin import (
    ComplaintKind,
    ComplaintSla,
    Condition,
    County,
    CountyYear,
    Deadline,
    Failure,
    Month,
    ParameterSet,
    PluginInfo,
    RatingLevel,
    WorkCalendar,
    baseline_sla,
    beijing_date,
    hookimpl,
    monthly_deadline,
)
from softenv_core.testing import clock
from softenv_core.testing.conformance import check_plugin
from softenv_core.testing.plugin_check import check_all

COUNTY = "379982"
POLICY = "望海市经信局〔2025〕5号"


def _own(ctx: CountyYear) -> set[str]:
    return {d.id for d in ctx.dataset.departments if d.county == COUNTY}


def _known_rounds(ctx: CountyYear, year: int) -> set[str]:
    """Rounds of ``year``'s periods closed by the assessment's instant (the guide's reading)."""
    known = beijing_date(ctx.as_of) if ctx.as_of is not None else date(ctx.year + 1, 12, 31)
    return {r.id for r in ctx.dataset.appraisal_rounds if r.period.year == year and r.closed < known}


def _unsatisfied(ctx: CountyYear, rounds: set[str]) -> list[str]:
    own = _own(ctx)
    return sorted(
        {
            r.round
            for r in ctx.dataset.ratings
            if r.round in rounds and r.department in own and r.level is RatingLevel.UNSATISFIED
        }
    )


class TwoYears:
    """SOUND: 连续两年 — not 先进 when its departments were rated 不满意 in rounds of the year
    AND in rounds of the year before (by period, each round as known at as_of)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市争创十佳办法", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379982.topten.two_years",
                title_zh="连续两年本市部门万人评议有不满意",
                title_en="不满意 two years running",
                reference=f"{POLICY} 第十条",
                check=self.check,
                effective_from=date(2023, 1, 1),
            )
        ]

    def check(self, ctx: CountyYear) -> Failure | None:
        now = _unsatisfied(ctx, _known_rounds(ctx, ctx.year))
        before = _unsatisfied(ctx, _known_rounds(ctx, ctx.year - 1))
        if now and before:
            return Failure(f"连续两年（{ctx.year - 1}、{ctx.year}）本市部门万人评议有不满意", before + now)
        return None


class TwoYearsComplaints:
    """连续两年 over complaints: not 先进 when a complaint about its departments was received in the
    year and one in the year before (the other years' records the kit does not allow: documented)."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市争创十佳办法", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379982.topten.two_years_complaints",
                title_zh="连续两年本市部门被投诉",
                title_en="complaints two years running",
                reference=f"{POLICY} 第十一条",
                check=self.check,
                effective_from=date(2023, 1, 1),
            )
        ]

    def check(self, ctx: CountyYear) -> Failure | None:
        own = _own(ctx)
        end = ctx.as_of if ctx.as_of is not None else None
        seen: dict[int, list[str]] = {ctx.year: [], ctx.year - 1: []}
        for c in ctx.dataset.complaints:
            at = c.received_at
            if c.department in own and at is not None and (end is None or at <= end):
                seen.get(beijing_date(at).year, []).append(c.id)
        if seen[ctx.year] and seen[ctx.year - 1]:
            return Failure("连续两年本市部门被投诉", sorted(seen[ctx.year - 1] + seen[ctx.year]))
        return None


class InstantYear:
    """UNSOUND: the year of the rounds taken from the instant (beijing_date(ctx.as_of).year):
    at the year's default instant (next January) it reads next year's rounds, of which none has
    closed, and passes every county."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市争创十佳办法", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379982.topten.no_unsatisfied",
                title_zh="本年度本市部门万人评议无不满意",
                title_en="no 不满意",
                reference=f"{POLICY} 第九条",
                check=self.check,
                effective_from=date(2023, 1, 1),
            )
        ]

    def check(self, ctx: CountyYear) -> Failure | None:
        year = beijing_date(ctx.as_of).year if ctx.as_of is not None else ctx.year  # the slip
        bad = _unsatisfied(ctx, _known_rounds(ctx, year))
        return Failure("本年度本市部门万人评议有不满意", bad) if bad else None


class SetReason:
    """UNSOUND: the failure's reason joins a set of the departments rated 不满意."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市争创十佳办法", reference=POLICY)

    @hookimpl
    def softenv_topten_conditions(self, year: int, params: ParameterSet) -> Sequence[Condition]:
        return [
            Condition(
                id="county.379982.topten.no_unsatisfied",
                title_zh="本年度本市部门万人评议无不满意",
                title_en="no 不满意",
                reference=f"{POLICY} 第九条",
                check=self.check,
                effective_from=date(2023, 1, 1),
            )
        ]

    def check(self, ctx: CountyYear) -> Failure | None:
        rounds, own = _known_rounds(ctx, ctx.year), _own(ctx)
        depts = {
            r.department
            for r in ctx.dataset.ratings
            if r.round in rounds and r.department in own and r.level is RatingLevel.UNSATISFIED
        }
        return Failure("不满意部门：" + "、".join(depts), sorted(depts)) if depts else None  # join over a set


# Seven members: a set of four comes out in the same order under the other hash seed about one
# time in twenty, of seven about one in a thousand (hash_seeds._MORE_DEPARTMENTS).
ARTICLES = {"第三条", "第四条", "第五条", "第六条", "第七条", "附件一", "附件二"}


class SetDeadline:
    """UNSOUND: a deadline whose reference joins a set of articles."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市月报办法", reference=POLICY)

    @hookimpl
    def softenv_report_deadline(
        self, county: County, month: Month, calendar: WorkCalendar, params: ParameterSet
    ) -> Deadline | None:
        return monthly_deadline(
            calendar, month, 3, rule_id="county.379982.report.deadline", reference=POLICY + "、".join(ARTICLES)
        )


class ClockLimits:
    """UNSOUND: stricter complaint limits switched on by the clock."""

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=COUNTY, title="望海市投诉办理办法", reference=POLICY)

    @hookimpl
    def softenv_complaint_sla(
        self, kind: ComplaintKind, calendar: WorkCalendar, params: ParameterSet, on: date
    ) -> ComplaintSla | None:
        base = baseline_sla(kind, params, on=on)
        if date.today() < date(2026, 1, 1):  # the slip
            return None
        return attrs.evolve(base, resolve={**base.resolve, "complaint": 10}, reference=f"{POLICY} 第七条")


def test_01_two_year_condition_over_rounds_by_period_passes_within_year() -> None:
    """A 连续两年 condition reads the year before's rounds, by period, on purpose (DESIGN principle 5:
    counties add 十佳 conditions). within_year adds the year before's second-half round (period
    year-1) held 20 December to 10 January with 不满意 ratings; where the answers move it compares
    them with those on the same round and ratings held 1 to 20 December, which a condition
    choosing rounds by period counts alike: it passes (one choosing them by the year they close
    still fails: tests/test_kit_late_rounds.py)."""
    report = check_plugin(TwoYears(), "p54two", others=[], max_examples=10, hash_seed=False)
    assert "within_year" not in report.failures, report.failures.get("within_year")
    assert report.passed, report.failures


def test_01_two_year_condition_over_complaints_fails_within_year_as_documented() -> None:
    """The other half, documented rather than fixed: a condition reading the year before's
    complaints fails within_year (its complaint of the year before's 31 December), and
    docs/testing-rules.md says so and leaves conditions over several years open for the city."""
    # at the --check default (10): a dataset drawn holds a complaint of the year about the county's departments
    report = check_plugin(TwoYearsComplaints(), "p54twoc", others=[], max_examples=10, hash_seed=False)
    assert "within_year" in report.failures, report.failures
    assert "complaint received and closed on the evening of" in report.failures["within_year"]
    docs = Path(__file__).parent.parent / "docs"
    rules = (docs / "testing-rules.md").read_text(encoding="utf-8")
    assert "### Open: conditions over several years" in rules
    assert "**A condition reading other years than `ctx.year` does not pass this check**" in rules
    guide = (docs / "writing-a-county-plugin.md").read_text(encoding="utf-8")
    assert "testing-rules.md#open-conditions-over-several-years" in guide


def test_02_instant_year_rounds_are_caught() -> None:
    """A condition taking the rounds' year from the instant (beijing_date(ctx.as_of).year) reads,
    at the year's default instant, next year's rounds (none closed) and passes every county: no
    check of the kit fails it (docs/testing-rules.md within_year names this slip: take the year
    from ctx.year)."""
    report = check_plugin(InstantYear(), "p54asof", others=[], max_examples=10, hash_seed=False)
    assert report.failures, "a condition reading the instant's year for its rounds passed every check"


@pytest.mark.slow
def test_03_reason_joined_over_set_of_departments_is_caught() -> None:
    """docs/testing-rules.md deterministic: 'a join over a set of ids or of labels … is found'. The
    hash-seed run uses hash_seeds.varied_dataset, which has no appraisal rounds, no ratings and one
    department of the county, so a reason joining a set of departments rated 不满意 passes."""
    report = check_plugin(SetReason(), "p54set", others=[], max_examples=5)
    assert "deterministic" in report.failures


@pytest.mark.slow
def test_04_deadline_and_limits_faults_name_hook_and_rule() -> None:
    """docs/cli.md: each fault names plugin, check, hook (for a kit check the hook giving the rule it
    names) and rule (where the message names one). A deterministic fault on a report deadline names
    the rule in its message (rule county.379982.report.deadline) but the fault names neither hook
    nor rule; one on complaint limits names no hook."""
    for name, plugin, hook, rule in (
        ("p54dl", SetDeadline(), "softenv_report_deadline", "county.379982.report.deadline"),
        ("p54sla", ClockLimits(), "softenv_complaint_sla", None),
    ):
        pm = get_plugin_manager(autoload=False, plugins=[(name, plugin)])
        faults, _ = check_all(pm, 2025, 2)
        det = [f for f in faults if f.check == "deterministic"]
        assert det, faults
        assert det[0].hook == hook, det[0].lines()
        if rule is not None:
            assert det[0].rule == rule, det[0].lines()
        else:  # the clock's fix speaks of the hook's arguments: these hooks get no ctx
            assert det[0].fix == clock.HOOK_FIX and "ctx" not in det[0].fix, det[0].lines()
