"""One enterprise is one rater in a round of 万人评议 (audit t9 finding 02): re-designated inside
a round's window (two point records of one credit code, docs/data-format.md "A
re-designation"), it may not rate the same department under both records; the second rating
is refused naming both, as a second rating by one record is."""

from datetime import date

import attrs
import pytest

from softenv_core import InputError, loads_dataset, validate
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset

OLD, NEW = "P-379902-2", "P-379902-2-NEW"
H2 = AppraisalRound("A-2025-H2", HalfYear(2025, 2), date(2025, 12, 5), date(2025, 12, 20))


def _redesignated(*ratings):
    """OLD until 12-10, NEW (the same enterprise) from 12-11: both designated during H2's window."""
    ds = small_dataset(2025)
    old = attrs.evolve(ds.point_by_id[OLD], designated_until=date(2025, 12, 10))
    new = attrs.evolve(old, id=NEW, designated_from=date(2025, 12, 11), designated_until=None)
    return attrs.evolve(
        ds,
        points=(*(old if p.id == OLD else p for p in ds.points), new),
        contacts=tuple(c for c in ds.contacts if c.point != OLD or c.date <= old.designated_until),
        appraisal_rounds=(H2,),
        ratings=(Rating(H2.id, "P-379902-1", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED), *ratings),
    )


def _rating(rater, department, level=RatingLevel.SATISFIED):
    return Rating(H2.id, rater, RaterGroup.POINT, department, level)


def test_one_enterprise_rating_one_department_twice_in_a_round_is_refused_naming_both_ratings():
    ds = _redesignated(_rating(OLD, "city-amr"), _rating(NEW, "city-amr", RatingLevel.UNSATISFIED))
    uscc = ds.point_by_id[OLD].enterprise.uscc
    said = (
        f"$.ratings[2].rater: point {NEW} is the same enterprise (credit code {uscc}) as point {OLD}, which "
        f"rated department city-amr in round {H2.id} at $.ratings[1]: an enterprise rates a department once a round; "
        "keep one of the two ratings and delete the other (or correct the rater if it is another enterprise)"
    )
    with pytest.raises(InputError) as info:
        validate(ds)
    assert list(info.value.problems) == [said]
    with pytest.raises(InputError) as info:  # the loader refuses the same document the same way
        loads_dataset(dataset_json(ds))
    assert list(info.value.problems) == [said]
    from softenv_core.cli.output import problem_text

    assert problem_text(said, "zh") == (
        f"$.ratings[2].rater: 监测点 {NEW} 与监测点 {OLD} 是同一企业（统一社会信用代码 {uscc}），{OLD} 已在 "
        f"$.ratings[1] 评议过部门 city-amr（评议轮次 {H2.id}）：一家企业每轮对同一部门只评议一次；请保留其中一条评议、"
        "删除另一条（评议人写错、其实是另一家企业的，请改正评议人）"
    )


def test_the_two_records_of_one_enterprise_may_rate_different_departments_or_different_rounds():
    validate(_redesignated(_rating(OLD, "city-amr"), _rating(NEW, "379902-amr")))
    # A rating of another round by the other record is its own round's.
    h1 = AppraisalRound("A-2025-H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))
    ds = _redesignated(_rating(NEW, "city-amr"))
    validate(
        attrs.evolve(
            ds,
            appraisal_rounds=(h1, H2),
            ratings=(*ds.ratings, Rating(h1.id, OLD, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)),
        )
    )


# t12 finding 05: the once-a-round rule holds whatever group the second record rates as, and a
# point designated during the round's window rates as group point, not as 其他企业.
H1 = AppraisalRound("A-2025-H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 20))


def _problems(ds) -> list[str]:
    with pytest.raises(InputError) as info:
        validate(ds)
    return list(info.value.problems)


def test_the_second_record_rating_as_another_group_is_refused_twice_over():
    other = Rating(H2.id, NEW, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.UNSATISFIED)
    ds = _redesignated(_rating(OLD, "city-amr"), other)
    uscc = ds.point_by_id[OLD].enterprise.uscc
    twice, group = _problems(ds)
    assert twice.startswith(
        f"$.ratings[2].rater: point {NEW} is the same enterprise (credit code {uscc}) as point {OLD}"
    )
    assert group == (
        f"$.ratings[2].group: enterprise (其他企业) but rater {NEW} is a point designated during round {H2.id}'s "
        f"window {H2.opened}–{H2.closed}: a point rates as group 'point' (监测点企业); set the group to point, or give "
        "the rater another id if it is not that point"
    )
    from softenv_core.cli.output import problem_text

    assert problem_text(group, "zh") == (
        f"$.ratings[2].group: 评议人 {NEW} 是评议轮次 {H2.id} 期间（{H2.opened} 至 {H2.closed}）在册的监测点，"
        "却按“其他企业”评议：监测点按“监测点企业”评议；请把评议人群体改为“监测点企业”，评议人不是该监测点的请改用其他编号"
    )


def test_a_point_rating_as_another_group_alone_is_refused_but_not_outside_its_designation():
    alone = Rating(H2.id, NEW, RaterGroup.ENTERPRISE, "379902-amr", RatingLevel.SATISFIED)
    (group,) = _problems(_redesignated(alone))
    assert group.startswith(f"$.ratings[1].group: enterprise (其他企业) but rater {NEW} is a point designated")
    # In H1 NEW was no point yet (designated from 12-11): its enterprise may rate as 其他企业 then,
    # unless its other record, a point then, rated the same department as group point.
    ds = _redesignated()
    early = Rating(H1.id, NEW, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.UNSATISFIED)
    validate(attrs.evolve(ds, appraisal_rounds=(H1, H2), ratings=(*ds.ratings, early)))
    also = Rating(H1.id, OLD, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
    (twice,) = _problems(attrs.evolve(ds, appraisal_rounds=(H1, H2), ratings=(*ds.ratings, also, early)))
    assert twice.startswith(f"$.ratings[2].rater: point {NEW} is the same enterprise") and "once a round" in twice


def test_an_enterprise_rating_under_its_credit_code_besides_its_point_rating_is_refused():
    ds = _redesignated()
    uscc = ds.point_by_id[OLD].enterprise.uscc
    as_code = Rating(H2.id, uscc, RaterGroup.ENTERPRISE, "city-amr", RatingLevel.UNSATISFIED)
    twice, group = _problems(attrs.evolve(ds, ratings=(*ds.ratings, _rating(OLD, "city-amr"), as_code)))
    assert twice.startswith(f"$.ratings[2].rater: rater {uscc} is the same enterprise (credit code {uscc}) as point")
    # Another department is no second rating; but the enterprise is a point during H2's window, so
    # its credit code may not rate as 其他企业 at all (auditor a65 01, tests/test_audit_a65_credit_code.py).
    (group,) = _problems(attrs.evolve(ds, ratings=(*ds.ratings, _rating(OLD, "379902-amr"), as_code)))
    assert group.startswith(f"$.ratings[2].group: enterprise (其他企业) but rater {uscc} is the credit code of point")
