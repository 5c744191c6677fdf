"""Auditor a65 01: a point designated during a round's window rated a department as 其他企业
under its credit code, and validation accepted it: the rating weighed by 其他企业's weight and the
point lost its round of 万人评议 (duty item 0). The same rating under the point's id was refused,
for that reason (docs/data-format.md "AppraisalRound and Rating"): now the credit code is refused
too, naming the point. And the one-rating-per-enterprise check matched the credit code only as
written: in lower case the enterprise rated a department twice (as 监测点企业 and as 其他企业)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import InputError, loads_dataset, validate
from softenv_core._fold import normalised
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset
from softenv_core.testing.builders import make_point

from .weights import examples

R1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
POINT = "P-379902-2"  # designated all year
LATE = "P-379902-9"  # designated from 07-01: no point during R1's window
CITIZENS = tuple(Rating(R1.id, f"C{i:02d}", RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED) for i in range(30))


def _dataset(*ratings: Rating):
    ds = small_dataset(2025, counties=("379902", "379921", "379982"))
    late = attrs.evolve(make_point(LATE, "379902", 9), designated_from=date(2025, 7, 1))
    return attrs.evolve(ds, points=(*ds.points, late), appraisal_rounds=(R1,), ratings=(*CITIZENS, *ratings))


def _problems(ds) -> list[str]:
    with pytest.raises(InputError) as info:
        validate(ds)
    return list(info.value.problems)


def _code(ds, point: str) -> str:
    return ds.point_by_id[point].enterprise.uscc


def test_a_designated_points_credit_code_rating_as_another_enterprise_is_refused_naming_the_point():
    ds = _dataset()
    code = _code(ds, POINT)
    ds = attrs.evolve(
        ds, ratings=(*ds.ratings, Rating(R1.id, code, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.UNSATISFIED))
    )
    said = (
        f"$.ratings[30].group: enterprise (其他企业) but rater {code} is the credit code of point {POINT}, designated "
        f"during round A25H1's window 2025-06-10–2025-06-25: a point rates under its id as group 'point' (监测点企业), "
        "not as enterprise, which would weigh its rating by that group's weight and show the point as not taking "
        f"part; set the rater to {POINT} and the group to point, or correct the rater if it is another enterprise"
    )
    assert _problems(ds) == [said]
    with pytest.raises(InputError) as info:  # the loader refuses the document the same way
        loads_dataset(dataset_json(ds))
    assert list(info.value.problems) == [said]
    assert problem_text(said, "zh") == (
        f"$.ratings[30].group: 评议人 {code} 是监测点 {POINT} 的统一社会信用代码，该监测点在评议轮次 A25H1 期间"
        "（2025-06-10 至 2025-06-25）在册，却按“其他企业”评议：监测点以监测点编号按“监测点企业”评议，"
        f"按“其他企业”计将按该群体的权重计分、该监测点显示为未参加；请把评议人改为 {POINT}、"
        "评议人群体改为“监测点企业”，评议人其实是另一家企业的请改正评议人"
    )


def test_the_credit_code_in_lower_case_is_the_same_enterprise():
    ds = _dataset()
    lower = _code(ds, POINT).lower()
    (group,) = _problems(
        attrs.evolve(
            ds, ratings=(*ds.ratings, Rating(R1.id, lower, RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED))
        )
    )
    assert group.startswith(
        f"$.ratings[30].group: citizen (群众) but rater {lower} is the credit code of point {POINT}"
    )
    # Beside the point's own rating of the department, it is also the enterprise rating it twice.
    both = (
        Rating(R1.id, POINT, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
        Rating(R1.id, lower, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.UNSATISFIED),
    )
    twice, group = _problems(attrs.evolve(ds, ratings=(*ds.ratings, *both)))
    assert twice == (
        f"$.ratings[31].rater: rater {lower} is the same enterprise (credit code {_code(ds, POINT)}) as point {POINT}, "
        "which rated department city-amr in round A25H1 at $.ratings[30]: an enterprise rates a department once a "
        "round; keep one of the two ratings and delete the other (or correct the rater if it is another enterprise)"
    )
    assert group.startswith("$.ratings[31].group: enterprise (其他企业) but rater")


def test_an_enterprise_not_a_point_during_the_window_rates_as_another_enterprise_under_its_code():
    ds = _dataset()
    for code in (_code(ds, LATE), _code(ds, LATE).lower()):
        validate(
            attrs.evolve(
                ds, ratings=(*ds.ratings, Rating(R1.id, code, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.SATISFIED))
            )
        )


_IDENTITY = st.sampled_from(["id", "upper", "lower", "mixed"])
_GROUP = st.sampled_from(list(RaterGroup))
_RATING = st.tuples(st.sampled_from([POINT, LATE]), _IDENTITY, _GROUP, st.sampled_from(["city-amr", "379902-amr"]))


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(_RATING, min_size=1, max_size=5))
def test_no_enterprise_rates_a_department_twice_in_a_round_whatever_the_case_or_group(drawn):
    ds = _dataset()
    ratings = []
    for point, identity, group, department in drawn:
        code = _code(ds, point)
        rater = {
            "id": point,
            "upper": code,
            "lower": code.lower(),
            "mixed": "".join(c.lower() if k % 2 else c for k, c in enumerate(code)),
        }[identity]
        ratings.append(Rating(R1.id, rater, group, department, RatingLevel.SATISFIED))
    candidate = attrs.evolve(ds, ratings=(*ds.ratings, *ratings))
    try:
        validate(candidate)
    except InputError:
        return
    points = {normalised(_code(ds, p))[0]: p for p in (POINT, LATE)} | {POINT: POINT, LATE: LATE}
    seen = [(r.round, r.department, points[normalised(r.rater)[0]]) for r in ratings]
    assert len(seen) == len(set(seen))  # one enterprise, one rating of a department a round
    # and a point designated during the window rates only as a point, under its id
    owing = [r for r in ratings if points[normalised(r.rater)[0]] == POINT]
    assert all(r.group is RaterGroup.POINT and r.rater == POINT for r in owing)
