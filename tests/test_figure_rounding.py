"""Shown figures are rounded once, half up at two places, from the exact value (DESIGN 2;
auditor findings 01, 02, 04): 万人评议 scores and their 末位 flags, handling units' rates."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from itertools import pairwise

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, AppraisalRound, HalfYear, RaterGroup, Rating, RatingLevel, baseline_parameters
from softenv_core.analyses.appraisal_scores import DepartmentScore, _ranked, appraise
from softenv_core.analyses.complaint_handling import _RateTally
from softenv_core.engine.parameters import DatedValue, Parameter
from softenv_core.engine.trace import CENT, exact_cents
from softenv_core.testing import small_dataset

ROUND = AppraisalRound("A1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
DEPTS = ("city-amr", "379902-amr", "379921-amr", "379981-amr")
GROUPS = (RaterGroup.ENTERPRISE, RaterGroup.DEPUTY, RaterGroup.CITIZEN, RaterGroup.SUPERVISOR)
WEIGHTS = {"enterprise": "0.2", "deputy": "0.15", "citizen": "0.15", "supervisor": "0.1"}
RATE_WEIGHTS = {"response": Decimal("0.1"), "resolution": Decimal("0.5"), "satisfaction": Decimal("0.4")}


def _half_up(num: int | Decimal, den: int | Decimal) -> Decimal:
    """The oracle: the quotient to 200 digits (far past any tie of these small counts), then
    Decimal's own half up; a different road from the library's integer rounding of a fraction."""
    with localcontext() as ctx:
        ctx.prec = 200
        return (Decimal(num) / Decimal(den)).quantize(CENT, ROUND_HALF_UP)


def _ratings(tallies):
    out = []
    for (dept, group), (sat, bas, uns) in tallies.items():
        levels = [RatingLevel.SATISFIED] * sat + [RatingLevel.BASICALLY] * bas + [RatingLevel.UNSATISFIED] * uns
        out += [Rating("A1", f"{dept}-{group.value}-{i}", group, dept, lv) for i, lv in enumerate(levels)]
    return tuple(out)


def _round(tallies, params=None):
    ds = attrs.evolve(small_dataset(2025), appraisal_rounds=(ROUND,), ratings=_ratings(tallies))
    return appraise(ds, "A1", params or baseline_parameters(), audience=CITY_OFFICE)


def test_a_score_of_3_125_shows_3_13_and_does_not_tie_a_better_department_into_the_bottom():
    # Finding 01: 1/32 = 3.125 showed 3.12 (half-even), tied 3.12 and was flagged 末位 (four
    # departments here, so the bottom two).
    c = RaterGroup.CITIZEN
    bottom_2 = baseline_parameters().merged(
        [Parameter("appraisal.bottom_n", "test", values=(DatedValue(date(2022, 3, 1), 2),))]
    )
    result = _round(
        {
            ("city-amr", c): (30, 0, 0),
            ("379902-amr", c): (1, 0, 31),  # 100 × 1/32 = 3.125
            ("379921-amr", c): (6, 3, 241),  # 100 × 7.8/250 = 3.12
            ("379981-amr", c): (0, 0, 30),
        },
        bottom_2,
    )
    x, y = result.department("379902-amr"), result.department("379921-amr")
    assert (x.score, x.rank, x.bottom) == (Decimal("3.13"), 2, False)
    assert (y.score, y.rank, y.bottom) == (Decimal("3.12"), 3, True)


@given(
    st.dictionaries(
        st.tuples(st.sampled_from(DEPTS), st.sampled_from(GROUPS)),
        st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)),
        min_size=1,
        max_size=6,
    )
)
def test_every_shown_score_is_the_exact_score_rounded_half_up(tallies):
    result = _round(tallies)
    for d in result.departments:
        present = [(g, t) for (dept, g), t in tallies.items() if dept == d.department and sum(t)]
        if not present:
            assert d.score is None
            continue
        # 100 × Σ w (s + 0.6 b)/n / Σ w over one common denominator, all in integers
        den = 1
        for _, t in present:
            den *= sum(t)
        num = sum(Decimal(WEIGHTS[g.value]) * (t[0] + Decimal("0.6") * t[1]) * den / sum(t) for g, t in present)
        total_w = sum(Decimal(WEIGHTS[g.value]) for g, _ in present)
        assert d.score == _half_up(100 * num, total_w * den)


def _score(dept: str, score: str) -> DepartmentScore:
    return DepartmentScore(dept, dept, (), 30, Decimal(score), True, None, False, "")


@given(
    st.lists(st.sampled_from(["10.00", "50.00", "50.01", "99.99", "100.00"]), min_size=1, max_size=7), st.integers(0, 5)
)
def test_the_bottom_flag_never_marks_rank_1_and_marks_the_last_places_with_their_ties(scores, bottom_n):
    ranked = _ranked([_score(f"d{i}", s) for i, s in enumerate(scores)], bottom_n)
    assert not any(d.bottom for d in ranked if d.rank == 1)
    flagged = [d for d in ranked if d.bottom]
    # the bottom n places, below rank 1, each tie group whole
    assert len(flagged) >= min(bottom_n, sum(d.rank != 1 for d in ranked))
    by_score = {d.score: d.bottom for d in ranked}
    assert all(d.bottom == by_score[d.score] for d in ranked)
    assert all(a.bottom <= b.bottom for a, b in pairwise(ranked))  # flags run to the end


def test_a_lone_ranked_department_is_not_bottom_and_of_two_the_second_is():
    # Finding 04: with fewer departments ranked than bottom_n the best was flagged 末位.
    (only,) = _ranked([_score("a", "72.57")], 3)
    assert (only.rank, only.bottom) == (1, False)
    first, second = _ranked([_score("a", "72.57"), _score("b", "60.00")], 3)
    assert (first.bottom, second.bottom) == (False, True)


def _rates(tally: _RateTally):
    return tally.rates(unit="u", period="2025-08", weights=RATE_WEIGHTS, credit=Decimal("0.9"), params=())


def test_a_satisfaction_of_18_125_shows_18_13_and_the_combined_rate_is_weighted_from_exact_rates():
    # Finding 01b: (2 + 0.9)/16 = 18.125 showed 18.12. Finding 02: 0.5 × 33.333… + 0.4 × 95 = 54.666…
    # showed 54.66 (weighted from the shown 33.33, then half-even).
    assert _rates(_RateTally(assigned=1, follow_ups=16, satisfied=2, basically=1)).satisfaction == Decimal("18.13")
    r = _rates(_RateTally(assigned=1, resolved_due=3, resolved_on_time=1, follow_ups=2, satisfied=1, basically=1))
    assert (r.response, r.resolution, r.satisfaction, r.combined) == (
        Decimal(0),
        Decimal("33.33"),
        Decimal(95),
        Decimal("54.67"),
    )


@given(
    st.integers(1, 60),
    st.integers(0, 60),
    st.integers(1, 60),
    st.integers(0, 60),
    st.integers(1, 60),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_each_rate_is_rounded_half_up_once_and_combined_is_the_weighted_exact_rates(a, s, r, ro, f, sat, bas):
    s, ro, sat = min(s, a), min(ro, r), min(sat, f)
    bas = min(bas, f - sat)
    rates = _rates(
        _RateTally(
            assigned=a,
            signed_on_time=s,
            resolved_due=r,
            resolved_on_time=ro,
            follow_ups=f,
            satisfied=sat,
            basically=bas,
        )
    )
    assert rates.response == _half_up(100 * s, a)
    assert rates.resolution == _half_up(100 * ro, r)
    satisfaction_num = sat + Decimal("0.9") * bas
    assert rates.satisfaction == _half_up(100 * satisfaction_num, f)
    # over the common denominator a·r·f, all exact
    num = 100 * (
        RATE_WEIGHTS["response"] * s * r * f
        + RATE_WEIGHTS["resolution"] * ro * a * f
        + RATE_WEIGHTS["satisfaction"] * satisfaction_num * a * r
    )
    assert rates.combined == _half_up(num, a * r * f)


def test_exact_cents_rounds_a_true_half_up_and_is_not_fooled_by_a_near_half():
    assert exact_cents(Fraction(100, 32)) == Decimal("3.13")
    assert exact_cents(Fraction(3125, 1000) - Fraction(1, 10**40)) == Decimal("3.12")
    assert exact_cents(Fraction(-3125, 1000)) == Decimal("-3.13")  # as Decimal's ROUND_HALF_UP: away from 0
