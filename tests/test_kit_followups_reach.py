"""The kit's generated datasets give a county's points follow-ups a rule can act on.

Follow-ups (事项跟踪) were drawn for the dataset's first three item-raising contacts only, 0-90
days after the contact: a county rule rewarding items resolved within ten working days of its
points' contacts scored in 3 of 80 datasets, so the kit ran its no_mutation, own_county_only and
no_state checks on that rule in almost none, and a rule writing into the contacts it had just
scored passed (finding p31 2).

Whether the kit's few examples of one run hold such a follow-up is not the kit's to promise: the
same derandomized run draws other datasets in a process that imported other modules (Hypothesis
draws literals found in the source of the local modules imported: docs/testing-rules.md), and a
run beside tests/test_attack_x51.py, which imports the CLI, drew none in ten examples. So the
kit's checks are shown on a fixed dataset (``replay``, as a plugin author replays a failure), and
the datasets' reach by searching them (``find``).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, settings

from softenv_core import Award, PluginInfo, Rule, WorkCalendar, beijing_date, dataset_json, hookimpl
from softenv_core.model.dataset import Dataset
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.points import PointLevel
from softenv_core.testing import check_plugin, datasets
from softenv_core.testing.builders import small_dataset
from softenv_core.testing.conformance import replay

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


def _resolved_within_days(tmp: Path) -> Path:
    """County 379912's points with monthly contacts raising an item each, the first such contact of
    its county point (a county rule's) resolved three days later: what the rule scores."""
    base = small_dataset(2025, counties=("379912",))
    county_points = {p.id for p in base.points if p.level is PointLevel.COUNTY}
    first = min((c for c in base.contacts if c.items and c.point in county_points), key=lambda c: (c.date, c.id))
    when = first.date + timedelta(days=3)
    done = FollowUp("F1", MatterSource.CONTACT, first.id, 0, FollowUpKind.RESOLVED, when, "经贸委")
    path = tmp / "resolved.json"
    path.write_text(dataset_json(attrs.evolve(base, followups=(done,))), encoding="utf-8")
    return path


def test_kit_finds_a_rule_writing_into_the_contacts_it_scored_by_their_followups(tmp_path: Path) -> None:
    failures = replay(WritesWhatItScored(), "writes", _resolved_within_days(tmp_path), 2025)
    assert "no_mutation" in failures, failures
    assert replay(_Plugin(), "reads", _resolved_within_days(tmp_path), 2025) == {}  # the same rule, reading only


def _scorable(ds: Dataset) -> bool:
    """Whether a contact with items of a 379912 point has its item resolved within ten working
    days, in the year: what the rule above scores."""
    mine = {c.id: c for c in ds.contacts if c.items and ds.point_by_id[c.point].county == "379912"}
    calendar = WorkCalendar()
    return any(
        f.source is MatterSource.CONTACT
        and f.kind is FollowUpKind.RESOLVED
        and f.record in mine
        and f.date.year == mine[f.record].date.year
        and 0 <= calendar.workdays_between(mine[f.record].date, f.date) <= 10
        for f in ds.followups
    )


# find() writes out the dataset it found; its 32 kB repr is no use here.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_the_kits_datasets_reach_follow_ups_a_county_rule_scores() -> None:
    """Drawn for the first three item-raising contacts only, such a follow-up came in 3 of 80
    datasets; a search of a few dozen finds one."""
    found = find(
        datasets(2025, county_codes=("379902", "379912"), require=("379912",)),
        _scorable,
        settings=settings(
            max_examples=60,
            database=None,
            derandomize=True,
            deadline=None,
            phases=(Phase.generate,),
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert _scorable(found)


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


def test_kit_reports_a_mutation_that_leaves_the_dataset_invalid_instead_of_raising(tmp_path: Path) -> None:
    # The copies the later checks assess were refused by validation (InputError), which the kit
    # let through: check_plugin raised "1 problem(s) in the input", blaming the data.
    failures = replay(ClearsWhatItScored(), "clears", _resolved_within_days(tmp_path), 2025)
    assert "no_mutation" in failures, failures
