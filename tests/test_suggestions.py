"""Departments' removal suggestions read by the rules of the adjustment's other grounds
(analyses/suggestions.py; auditor a71 03 and 04)."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

from softenv_core import InputError, loads_dataset
from softenv_core.analyses.adjustment import propose_from_suggestions
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import BEIJING
from softenv_core.model.points import Designator
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import make_point, small_dataset

COUNTY = "379902"


def _suggest(point: str, made_on: date, county: str = COUNTY) -> AdjustmentSuggestion:
    return AdjustmentSuggestion(f"S-{point}", "city-amr", ChangeAction.REMOVE, county, made_on, "经营异常", point)


def _remove(point: str, effective: date, reason: ChangeReason = ChangeReason.OWN_WISH) -> RosterChange:
    return RosterChange(f"RC-{point}", point, ChangeAction.REMOVE, reason, effective, Designator.COUNTY, COUNTY)


def _dataset(*points, changes=(), suggestions=()):
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_by=Designator.COUNTY) for p in points)
    return attrs.evolve(
        ds, points=(*ds.points, *points), roster_changes=tuple(changes), adjustment_suggestions=tuple(suggestions)
    )


def test_a_removal_already_recorded_for_next_january_is_named():
    """Still on the roster on 12-31, removed effective 2026-01-01: proposed, naming the record."""
    ds = _dataset(
        make_point("NEXT", COUNTY, 70),
        changes=[_remove("NEXT", date(2026, 1, 1), ChangeReason.DEPARTMENT_SUGGESTION)],
        suggestions=[_suggest("NEXT", date(2025, 11, 1))],
    )
    (prop,) = propose_from_suggestions(ds, 2025)
    assert prop.explanation == ("市市场监管局2025-11-01建议：经营异常；已记录撤销 RC-NEXT，2026-01-01 起",)
    assert prop.evidence == ("S-NEXT", "RC-NEXT")


def test_a_point_removed_before_year_end_gets_no_proposal_but_one_as_of_before_its_removal_does():
    ds = _dataset(
        make_point("GONE", COUNTY, 70),
        changes=[_remove("GONE", date(2025, 12, 1))],
        suggestions=[_suggest("GONE", date(2025, 10, 1))],
    )
    assert propose_from_suggestions(ds, 2025) == ()
    as_of = datetime(2025, 11, 1, 12, tzinfo=BEIJING)
    (prop,) = propose_from_suggestions(ds, 2025, as_of=as_of)
    assert prop.point == "GONE"
    # Neither in effect nor filed on 11-01, the removal was not yet known: not named.
    assert prop.evidence == ("S-GONE",)


def test_a_suggestion_made_before_its_point_was_designated_is_not_proposed():
    ds = _dataset(
        make_point("LATE", COUNTY, 70, designated_from=date(2025, 9, 1)),
        changes=[
            RosterChange(
                "RC-LATE",
                "LATE",
                ChangeAction.ADD,
                ChangeReason.DESIGNATION,
                date(2025, 9, 1),
                Designator.COUNTY,
                COUNTY,
            )
        ],
        suggestions=[_suggest("LATE", date(2025, 8, 1))],
    )
    assert propose_from_suggestions(ds, 2025) == ()


def test_a_suggestion_naming_another_county_than_its_points_is_refused_in_both_languages():
    ds = _dataset(make_point("STAY", COUNTY, 70), suggestions=[_suggest("STAY", date(2025, 11, 1), "379921")])
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(ds))
    wanted = (
        "$.adjustment_suggestions[0] (S-STAY).county: '379921' but point STAY is of county 379902; "
        "a suggestion about a point concerns its point's county"
    )
    assert wanted in refused.value.problems
    assert "针对监测点的调整建议应写该监测点所在县区" in problem_text(wanted, "zh")
