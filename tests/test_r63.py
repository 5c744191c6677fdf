"""Reviewer r63: findings in the session's diff (93b6712f..HEAD). Each test asserts the
behaviour the docs promise and fails now."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.year_end import year_end
from softenv_core.errors import FieldInvalid
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.plugin import ParamValue
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import make_point, small_dataset

BJ = timezone(timedelta(hours=8))


def test_01_a_decimal_of_many_digits_is_bounded_like_text() -> None:
    """docs/hooks.md (p55 05): a parameter's value holds at most MAX_PARAM_TEXT (5 000)
    characters, "a value is written into the item of every point whose award cites it". A
    Decimal's magnitude is bounded (10^100) but not its digits: Decimal("0.111…") of 2 000 000
    digits is accepted, and ``explain_point`` prints it digit for digit under every point whose
    award cites it (render/parameter_lines.shown: "numbers digit for digit"), 2 MB a point, the
    very copy the bound was made to stop."""
    many = Decimal("0." + "1" * 10_000)
    with pytest.raises(FieldInvalid):
        ParamValue(name="county.379911.x", value=many, effective_from=date(2025, 1, 1), reference="r")
    with pytest.raises(FieldInvalid):  # inside a list too
        ParamValue(name="county.379911.x", value=[many], effective_from=date(2025, 1, 1), reference="r")


def test_02_a_point_no_assessment_holds_to_a_round_is_in_neither_of_its_lists() -> None:
    """docs/yearend.md and model/designations.held_to_round (a74 03): the round's lists are "the
    rounds the assessment expects of a point"; a point held to a round by neither year's
    assessment is in neither list. P-dec, designated 2025-12-29 (3 working days of December: it
    owes no month of 2025, so the 2025 assessment does not score it) during R2 (2025-12-10 to
    2026-01-15), did not rate. 2025's year end lists it as 未参加 R2, while 2025 has no duty item
    for it and 2026's says `R2属2025年度，不计入本年度`: the county reads 未参加1个 for a point no
    figure holds to the round, the inconsistency a74 03 fixed for a point designated on 01-01."""
    r2 = AppraisalRound("R2", HalfYear(2025, 2), date(2025, 12, 10), date(2026, 1, 15))
    point = attrs.evolve(
        make_point("P-dec", "379902", 60, designated_from=date(2025, 12, 29)), designated_by=Designator.COUNTY
    )
    add = RosterChange(
        "RC-d", "P-dec", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 12, 29), Designator.COUNTY, "379902"
    )
    base = small_dataset(2025)
    ratings = [Rating("R2", p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for p in base.points]
    ds = attrs.evolve(
        base,
        points=(*base.points, point),
        roster_changes=(add,),
        appraisal_rounds=(r2,),
        ratings=tuple(ratings),
    )
    pm = get_plugin_manager(autoload=False)
    as_of = datetime(2026, 1, 16, tzinfo=BJ)
    listed = next(r for r in year_end(ds, 2025, pm, audience=CITY_OFFICE, as_of=as_of).appraisal if r.round == "R2")
    in_lists = "P-dec" in listed.points_taking_part + listed.points_not_taking_part
    scored_2025 = any(p.id == "P-dec" for p in assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=as_of).points)
    assert not in_lists or scored_2025, (listed.points_not_taking_part, scored_2025)


def _weights(value: dict[str, int]):  # type: ignore[no-untyped-def]
    from softenv_core import baseline_parameters
    from softenv_core.engine.parameters import DatedValue, Parameter

    old = baseline_parameters().get("appraisal.group_weights", date(2025, 1, 1))
    changed = Parameter(
        "appraisal.group_weights",
        old.reference,
        values=(DatedValue(old.effective_from, old.value), DatedValue(date(2025, 1, 1), value, "市软建办〔2025〕1号")),
    )
    return baseline_parameters().merged([changed])


@pytest.mark.parametrize("counted", ["point", "supervisor"])
def test_03_a_group_weighed_0_does_not_make_a_department_sufficient(counted: str) -> None:
    """fa74 01 refused a misspelt group because it "weighed nothing while 群众's ratings still
    counted toward appraisal.min_valid (a department ranked 0.00)" (docs/yearend.md), and now
    documents weight 0 as the way to leave a group uncounted: that gives the same outcome.
    Weights {counted: 1, every other group: 0}; city-amr rated by 30 群众 (满意, weight 0) and one
    point (不满意). With point counted it is `sufficient` on 31 valid ratings, scored 0.00 from
    the one rating and ranked (末位 beside other departments); with supervisor counted it is
    `sufficient`, unscored, and its reason says 无有效评价 beside 31 valid ratings. Either refuse
    a 0 weight, or count toward min_valid (and the reason) only the ratings the score counts."""
    from softenv_core.analyses.appraisal_scores import appraise
    from softenv_core.errors import SoftenvError

    r1 = AppraisalRound("R1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))
    base = small_dataset(2025)
    ratings = [Rating("R1", f"C{i:03d}", RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED) for i in range(30)]
    ratings.append(Rating("R1", base.points[0].id, RaterGroup.POINT, "city-amr", RatingLevel.UNSATISFIED))
    ds = attrs.evolve(base, appraisal_rounds=(r1,), ratings=tuple(ratings))
    weights = {g.value: 0 for g in RaterGroup} | {counted: 1}
    try:
        result = appraise(ds, "R1", _weights(weights), audience=CITY_OFFICE)
    except SoftenvError:
        return  # a weight of 0 refused: fine
    dept = result.department("city-amr")
    assert not dept.sufficient and dept.rank is None, (dept.valid, dept.score, dept.rank, dept.reason)
    assert "无有效评价" not in dept.reason or dept.valid == 0, dept.reason
