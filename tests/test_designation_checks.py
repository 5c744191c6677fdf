"""Validation checks that read a point's designation interval (DESIGN "Who owes what, when";
principle 3, strict, never silently wrong): one enterprise designated twice at once (audit
finding 06) and a point rating as group 'point' outside its interval (finding 07) are refused,
each naming where."""

from datetime import date

import attrs
import pytest

from softenv_core import CITY_OFFICE, InputError, loads_dataset, validate
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset

P = "P-379902-2"
H2 = AppraisalRound("A-2025-H2", HalfYear(2025, 2), date(2025, 12, 5), date(2025, 12, 20))


def _problems(ds):
    with pytest.raises(InputError) as info:
        validate(ds)
    return info.value.problems


def _twin(ds, **dates):
    original = ds.point_by_id[P]
    return attrs.evolve(ds, points=(*ds.points, attrs.evolve(original, id=f"{P}-TWIN", **dates)))


def test_one_enterprise_designated_as_two_points_at_once_is_refused_naming_both():
    ds = small_dataset(2025)
    (problem,) = _problems(_twin(ds))
    uscc = ds.point_by_id[P].enterprise.uscc
    assert problem.startswith(f"$.points[6] ({P}-TWIN).enterprise.uscc: {uscc} is also the credit code of ")
    assert f"$.points[1].enterprise.uscc ({P})" in problem
    # The loader refuses the same document the same way.
    with pytest.raises(InputError) as info:
        loads_dataset(dataset_json(_twin(ds)))
    assert [p for p in info.value.problems if "enterprise.uscc" in p] == [problem]


def test_one_enterprise_designated_again_after_its_first_designation_ended_is_accepted():
    ds = small_dataset(2025)
    first = attrs.evolve(ds.point_by_id[P], designated_until=date(2025, 3, 31))
    ds = attrs.evolve(ds, points=tuple(first if p.id == P else p for p in ds.points))
    ds = attrs.evolve(ds, contacts=tuple(c for c in ds.contacts if c.point != P or c.date <= date(2025, 3, 31)))
    validate(_twin(ds, designated_from=date(2025, 4, 1), designated_until=None))  # one at a time: no problem
    (problem,) = _problems(_twin(ds, designated_from=date(2025, 3, 31), designated_until=None))  # one day together
    assert "overlapping" in problem


def test_a_rating_as_a_point_outside_its_interval_is_refused_naming_the_rating():
    ds = small_dataset(2025)
    until = attrs.evolve(ds.point_by_id[P], designated_until=date(2025, 6, 30))
    ds = attrs.evolve(
        ds,
        points=tuple(until if p.id == P else p for p in ds.points),
        contacts=tuple(c for c in ds.contacts if c.point != P or c.date <= date(2025, 6, 30)),
        appraisal_rounds=(H2,),
        ratings=(
            Rating(H2.id, "P-379902-1", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED),
            Rating(H2.id, P, RaterGroup.POINT, "city-amr", RatingLevel.UNSATISFIED),
            Rating(H2.id, P, RaterGroup.ENTERPRISE, "379902-amr", RatingLevel.SATISFIED),  # another group: fine
        ),
    )
    (problem,) = _problems(ds)
    assert problem.startswith(f"$.ratings[1].rater: point {P} (designated 2020-01-01–2025-06-30)")
    assert "A-2025-H2's window 2025-12-05–2025-12-20" in problem
    # Designated on the window's first day is enough (and then it rates as group point only: t12 05).
    last_day = attrs.evolve(until, designated_until=H2.opened)
    validate(attrs.evolve(ds, points=tuple(last_day if p.id == P else p for p in ds.points), ratings=ds.ratings[:2]))


def test_the_roster_table_and_a_rounds_appraisal_refuse_an_invalid_dataset_as_every_analysis_does():
    """Representativeness counted the twin twice and appraise scored it: both now refuse the
    dataset with validation's problems, as the assessment and the reports do."""
    from softenv_core import appraise, baseline_parameters, representativeness

    twin = _twin(small_dataset(2025))
    params = baseline_parameters()
    with pytest.raises(InputError):
        representativeness(twin, date(2025, 6, 30), params, audience=CITY_OFFICE)
    with pytest.raises(InputError):
        appraise(attrs.evolve(twin, appraisal_rounds=(H2,)), H2, params, audience=CITY_OFFICE)
