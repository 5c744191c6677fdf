"""The kit's generated datasets give a county's points follow-ups a rule can act on.

Follow-ups (事项跟踪) were drawn for the dataset's first three item-raising contacts only, 0-90
days after the contact: a county rule rewarding items resolved within ten working days of its
points' contacts scored in 3 of 80 datasets, so the kit ran its no_mutation, own_county_only and
no_state checks on that rule in almost none, and a rule writing into the contacts it had just
scored passed (finding p31 2).
"""

from __future__ import annotations

from datetime import date

from softenv_core import Award, PluginInfo, Rule, beijing_date, hookimpl
from softenv_core.model.followups import FollowUpKind, MatterSource
from softenv_core.testing import check_plugin

from .weights import examples


def _resolved_soon(ctx):  # type: ignore[no-untyped-def]
    mine = {c.id: c for c in ctx.contacts if c.items}
    # Follow-ups known at the instant and of the year (the kit's known_at check: a follow-up
    # dated later is not yet known; one of next year is no figure of this year's).
    by = date(ctx.year, 12, 31) if ctx.as_of is None else min(date(ctx.year, 12, 31), beijing_date(ctx.as_of))
    hits = sorted(
        f.record
        for f in ctx.dataset.followups
        if f.source is MatterSource.CONTACT
        and f.kind is FollowUpKind.RESOLVED
        and f.record in mine
        and f.date <= by
        and 0 <= ctx.calendar.workdays_between(mine[f.record].date, f.date) <= 10
    )
    return Award(1, "及时解决", hits[:1]) if hits else None


def _writes_what_it_scored(ctx):  # type: ignore[no-untyped-def]
    award = _resolved_soon(ctx)
    for c in ctx.contacts:
        if award is not None and c.id in award.evidence:
            object.__setattr__(c, "reached", False)  # works around the frozen record
    return award


class _Plugin:
    county = "379912"
    score = staticmethod(_resolved_soon)

    @hookimpl
    def softenv_plugin_info(self) -> PluginInfo:
        return PluginInfo(county=self.county, title="跟踪", reference="测试")

    @hookimpl
    def softenv_extra_point_rules(self, year, params):  # type: ignore[no-untyped-def]
        return [
            Rule(
                id="kit.resolved_soon",
                label="kit.resolved_soon",
                title_zh="及时解决",
                title_en="resolved soon",
                reference="测试",
                score=type(self).score,
                max_points=1,
                effective_from=date(2022, 3, 1),
                reads_direct_feedback=False,
            )
        ]


class WritesWhatItScored(_Plugin):
    score = staticmethod(_writes_what_it_scored)


def test_kit_finds_a_rule_writing_into_the_contacts_it_scored_by_their_followups() -> None:
    report = check_plugin(WritesWhatItScored(), "writes", others=[], max_examples=examples(10), hash_seed=False)
    assert "no_mutation" in report.failures


def test_kit_passes_the_same_rule_reading_only() -> None:
    report = check_plugin(_Plugin(), "reads", others=[], max_examples=examples(10), hash_seed=False)
    assert report.passed, report.failures


def _clears_what_it_scored(ctx):  # type: ignore[no-untyped-def]
    award = _resolved_soon(ctx)
    for c in ctx.contacts:
        if award is not None and c.id in award.evidence:
            object.__setattr__(c, "items", ())  # its follow-ups now name an item that is gone
    return award


class ClearsWhatItScored(_Plugin):
    score = staticmethod(_clears_what_it_scored)


def test_kit_reports_a_mutation_that_leaves_the_dataset_invalid_instead_of_raising() -> None:
    # The copies the later checks assess were refused by validation (InputError), which the kit
    # let through: check_plugin raised "1 problem(s) in the input", blaming the data.
    report = check_plugin(ClearsWhatItScored(), "clears", others=[], max_examples=examples(10), hash_seed=False)
    assert "no_mutation" in report.failures
