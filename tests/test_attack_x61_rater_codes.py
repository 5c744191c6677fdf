"""Attacker x61 01: the one-rating-per-enterprise check folded a rater's credit code only when
it was a point's, and without the separators the privacy screen drops inside a code. An
enterprise that is no point rated a department twice in a round as ``91379902MA0007778W`` and
``91379902ma0007778w`` (city-amr's score 71.43 → 61.90), and a designated point's code written
``91379902-MA0000023X`` rated as 其他企业. Every rater's code is now read as the screen reads a
known code (_fold.credit_code: NFKC, upper case, look-alike letters, no invisible characters,
no separators), whatever the group (docs/data-format.md "AppraisalRound and Rating"). A rater id
is ASCII (``A-Z a-z 0-9 _ . : -``): full width, spaces and zero-width characters never reach a
rating, so the property draws case, the letters O and I for 0 and 1, and ``- _ . :`` inside;
credit_code itself is checked on the others."""

from __future__ import annotations

import time
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import InputError, validate
from softenv_core._fold import credit_code
from softenv_core.io.designation_checks import designation_problems
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.enterprises import synthetic_uscc
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset

from .weights import examples

R1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
POINT = "P-379902-2"  # designated all year
CITIZENS = tuple(Rating(R1.id, f"C{i:02d}", RaterGroup.CITIZEN, "city-amr", RatingLevel.SATISFIED) for i in range(30))
OTHER = synthetic_uscc("379902", 777)  # an enterprise that is no point


def _dataset(*ratings: Rating):
    ds = small_dataset(2025, counties=("379902", "379921", "379982"))
    return attrs.evolve(ds, appraisal_rounds=(R1,), ratings=(*CITIZENS, *ratings))


def _problems(*ratings: Rating) -> list[str]:
    with pytest.raises(InputError) as info:
        validate(_dataset(*ratings))
    return list(info.value.problems)


def _enterprise(rater: str, level=RatingLevel.UNSATISFIED, group=RaterGroup.ENTERPRISE) -> Rating:
    return Rating(R1.id, rater, group, "city-amr", level)


def test_a_non_point_enterprise_rating_twice_in_upper_and_lower_case_is_refused():
    (twice,) = _problems(_enterprise(OTHER), _enterprise(OTHER.lower()))
    assert twice == (
        f"$.ratings[31].rater: rater {OTHER.lower()} is the same enterprise (credit code {OTHER}) as rater {OTHER}, "
        "which rated department city-amr in round A25H1 at $.ratings[30]: an enterprise rates a department once a "
        "round; keep one of the two ratings and delete the other (or correct the rater if it is another enterprise)"
    )


def test_a_non_point_enterprise_with_a_hyphen_a_dot_or_an_o_for_0_rates_once():
    for written in (OTHER[:8] + "-" + OTHER[8:], OTHER[:8] + "." + OTHER[8:], OTHER.replace("0", "O")):
        (twice,) = _problems(_enterprise(OTHER), _enterprise(written, group=RaterGroup.DEPUTY))
        assert twice.startswith(f"$.ratings[31].rater: rater {written} is the same enterprise (credit code {OTHER})")
    # Other departments, other spellings of other codes, and ids that are no code stay as they were.
    validate(_dataset(_enterprise(OTHER), attrs.evolve(_enterprise(OTHER.lower()), department="379902-amr")))
    validate(_dataset(_enterprise(OTHER), _enterprise(synthetic_uscc("379902", 778).lower())))
    validate(_dataset(_enterprise("z-99"), _enterprise("Z99")))  # ids that are no code: as written


def test_a_points_code_with_a_hyphen_rating_as_another_enterprise_is_refused_naming_the_point():
    code = _dataset().point_by_id[POINT].enterprise.uscc
    hyphen = code[:8] + "-" + code[8:]
    (group,) = _problems(_enterprise(hyphen))
    assert group.startswith(
        f"$.ratings[30].group: enterprise (其他企业) but rater {hyphen} is the credit code of point {POINT}, "
    )
    twice, group = _problems(
        Rating(R1.id, POINT, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED), _enterprise(hyphen)
    )
    assert twice.startswith(f"$.ratings[31].rater: rater {hyphen} is the same enterprise (credit code {code}) as point")


def test_the_reading_of_a_code():
    assert credit_code(OTHER) == OTHER
    assert credit_code(f" {OTHER.lower()[:6]}\u200b-{OTHER[6:].lower()}．") == OTHER
    assert credit_code("".join(chr(ord(c) + 0xFEE0) for c in OTHER)) == OTHER  # full width
    assert credit_code(OTHER[:4] + "\u3000" + OTHER[4:]) == OTHER
    assert credit_code("uscc:" + OTHER) is None  # other text beside the code: another id
    assert credit_code("C01") is None and credit_code(OTHER[:17]) is None
    assert credit_code(OTHER[:17] + "S") is None  # no S in a credit code


_SPELLING = st.sampled_from(["as is", "lower", "O for 0", "I for 1", "-", "_", ".", ":", "-."])
_RATING = st.tuples(
    st.sampled_from(["point", "other"]),
    st.booleans(),  # the point under its id (group point) rather than its code
    _SPELLING,
    st.sampled_from(list(RaterGroup)),
    st.sampled_from(["city-amr", "379902-amr"]),
)


def _spelt(code: str, spelling: str, at: int) -> str:
    cut = 1 + at % 17
    if spelling in ("as is", "lower"):
        return code.lower() if spelling == "lower" else code
    if spelling in ("O for 0", "I for 1"):
        return code.replace(*(("0", "O") if spelling == "O for 0" else ("1", "I"))).lower() if at % 2 else code
    return code[:cut] + spelling + code[cut:]


@settings(max_examples=examples(80), deadline=None)
@given(st.lists(st.tuples(_RATING, st.integers(0, 100)), min_size=1, max_size=5))
def test_no_enterprise_rates_a_department_twice_and_no_point_rates_as_another_group(drawn):
    ds = _dataset()
    codes = {"point": ds.point_by_id[POINT].enterprise.uscc, "other": OTHER}
    ratings, whose = [], []
    for (enterprise, by_id, spelling, group, department), at in drawn:
        if enterprise == "point" and by_id:
            rater, group = POINT, RaterGroup.POINT
        else:
            rater = _spelt(codes[enterprise], spelling, at)
        ratings.append(Rating(R1.id, rater, group, department, RatingLevel.SATISFIED))
        whose.append(enterprise)
    try:
        validate(attrs.evolve(ds, ratings=(*ds.ratings, *ratings)))
    except InputError:
        return
    seen = [(r.department, w) for r, w in zip(ratings, whose, strict=True)]
    assert len(seen) == len(set(seen))  # one enterprise, one rating of a department a round
    # and the point, designated during the window, rates only as a point under its id
    assert all(
        r.rater == POINT and r.group is RaterGroup.POINT for r, w in zip(ratings, whose, strict=True) if w == "point"
    )


def test_reading_every_raters_code_stays_cheap():
    """100,000 ratings by enterprises under their codes, a fifth written with a hyphen, a tenth in
    lower case: the rater checks stay well under a second (about 0.2 s on the 2-core machine)."""
    ds = _dataset()
    codes = [synthetic_uscc("379921", 100_000 + n) for n in range(20_000)]  # no point's
    spelt = [c[:8] + "-" + c[8:] if n % 5 == 0 else c.lower() if n % 10 == 1 else c for n, c in enumerate(codes)]
    departments = ("city-amr", "379902-amr", "379921-amr", "379982-amr", "city-tax")
    ratings = [
        (i, Rating(R1.id, spelt[i // 5], RaterGroup.ENTERPRISE, departments[i % 5], RatingLevel.SATISFIED))
        for i in range(100_000)
    ]
    ix = {
        "points": list(enumerate(ds.points)),
        "roster_changes": list(enumerate(ds.roster_changes)),
        "counties": list(enumerate(ds.counties)),
        "appraisal_rounds": [(0, R1)],
        "ratings": ratings,
    }
    started = time.perf_counter()
    assert designation_problems(ix) == []
    assert time.perf_counter() - started < 2.0
