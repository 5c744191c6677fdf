"""Auditor a64 04 (a policy question, not a bug): a point designated on the last day of a 万人评议
round's window owes the round, though it owes a month only with 5 working days designated in it.
The library reads DESIGN ("a round of 万人评议 is owed when its window overlaps the interval");
docs/rules.md "Open: a 万人评议 round owed for one day of designation" puts the question to the
city. This test pins today's reading, so that a change is deliberate: whoever changes it
updates that section, and this test, with the city's answer."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.assessment import assess
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.designations import owes_round
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import make_point, small_dataset

R1 = AppraisalRound("R1", HalfYear(2025, 1), date(2025, 4, 10), date(2025, 4, 30))
R2 = AppraisalRound("R2", HalfYear(2025, 2), date(2025, 11, 1), date(2025, 11, 20))
LAST_DAY = date(2025, 4, 30)  # a Wednesday: R1's last day, April's last working day


def _dataset():
    ds = small_dataset(2025)
    late = attrs.evolve(make_point("A-apr30", "379902", 90, designated_from=LAST_DAY), designated_by=Designator.COUNTY)
    added = RosterChange(
        "RC1", late.id, ChangeAction.ADD, ChangeReason.DESIGNATION, LAST_DAY, Designator.COUNTY, "379902"
    )
    rated = Rating("R2", late.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
    return attrs.evolve(
        ds, points=(*ds.points, late), roster_changes=(added,), appraisal_rounds=(R1, R2), ratings=(rated,)
    ), late


def test_a_point_designated_on_a_round_s_last_day_owes_the_round_but_not_the_month():
    ds, late = _dataset()
    assert owes_round(late, R1)  # one day of the window is enough (today's reading)
    assert owes_round(attrs.evolve(late, designated_from=date(2025, 5, 1)), R1) is False
    result = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    point = next(p for p in result.points if p.id == late.id)
    assert Month(2025, 4) not in point.active_months  # 1 working day < duty.min_workdays_in_month (5)
    appraisal = next(i for i in point.items if i.rule.id == "city.duty.appraisal")
    assert appraisal.points == 10  # 20 × 1/2: R1 is owed and was not rated
    assert "应参加万人评议2轮，参加1轮" in appraisal.reason and "未参加：R1" in appraisal.reason
    both = next(c for c in point.nomination_conditions if c.rule.id == "city.nominate.both_rounds")
    assert not both.passed
