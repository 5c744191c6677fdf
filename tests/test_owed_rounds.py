"""One definition of the 万人评议 rounds a point owes (model/designations.py ``owes_round``):
the rounds whose window overlaps its designation interval. The duty item
``city.duty.appraisal`` splits over them and ``city.nominate.both_rounds`` asks for them
(city decision, docs/rules.md "Nomination conditions"; audit t4 finding 03): a round held
after the point's removal is not one it could take part in (validation refuses its rating)."""

from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.periods import BEIJING, HalfYear
from softenv_core.testing import small_dataset

P = "P-379902-2"  # 甲区's county point
H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
# A second-half round held in January, after removals at the annual adjustment took effect.
H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2026, 1, 5), date(2026, 1, 20))


def _dataset(until, rated_in):
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_until=until) if p.id == P else p for p in ds.points)
    ratings = tuple(Rating(r, P, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED) for r in rated_in)
    return attrs.evolve(ds, points=points, appraisal_rounds=(H1, H2), ratings=ratings)


def _assessed(ds, as_of=None):
    pm = get_plugin_manager(autoload=False, plugins=[])
    return assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=as_of).point(P)


def _by_id(items, rid):
    (found,) = [i for i in items if i.rule.id == rid]
    return found


@pytest.mark.parametrize("as_of", [None, datetime(2026, 1, 31, tzinfo=BEIJING)])
def test_a_round_held_after_the_removal_is_not_asked_for(as_of):
    # Designated 2024-01-01 – 2025-12-31 (every day of 2025), rated in H1. H2 (2026-01-05 –
    # 01-20) is after the removal: not owed. Duty: 应参加1轮, 参加1轮, 20 × 1/1 = 20; the
    # condition asks for that same one round and passes, at the default as_of (2026-01-06,
    # H2 still open but not owed: not pending for this point) and once H2 has closed.
    p = _assessed(_dataset(date(2025, 12, 31), ["A25H1"]), as_of)
    assert _by_id(p.items, "city.duty.appraisal").reason == "应参加万人评议1轮，参加1轮：20 × 1/1"
    cond = _by_id(p.nomination_conditions, "city.nominate.both_rounds")
    # The pass says the one round it rests on, not a bare 满足 under the title 参加两次万人评议
    # (auditor a51); once H2 has closed, that it was held after the removal and not counted.
    basis = "参加万人评议1轮，应参加1轮（在册期间举行的已结束轮次），按应参加轮次判定"
    later = "" if as_of is None else "；全年共2轮，在册期间以外举行的不计：A25H2"
    assert (cond.passed, cond.reason, cond.evidence) == (True, basis + later, ())
    assert _by_id(p.nomination_conditions, "city.nominate.whole_year").passed


def test_a_point_that_owed_both_rounds_and_took_part_in_both_passes_with_no_more_said():
    # Still designated, rated in both; at 2026-01-31 both are closed: the title's two, 满足.
    p = _assessed(_dataset(None, ["A25H1", "A25H2"]), datetime(2026, 1, 31, tzinfo=BEIJING))
    cond = _by_id(p.nomination_conditions, "city.nominate.both_rounds")
    assert (cond.passed, cond.reason) == (True, "满足")


def test_a_point_that_owed_a_round_it_missed_fails_naming_the_counts():
    # Still designated (no end): H2 is owed. At 2026-01-31 both rounds are closed; it rated in
    # H1 only: 20 × 1/2 = 10, and the condition fails with the same owed count (2).
    p = _assessed(_dataset(None, ["A25H1"]), datetime(2026, 1, 31, tzinfo=BEIJING))
    assert _by_id(p.items, "city.duty.appraisal").points == Decimal(10)
    cond = _by_id(p.nomination_conditions, "city.nominate.both_rounds")
    assert (cond.passed, cond.reason) == (False, "参加万人评议1轮，应参加2轮（在册期间举行）；未参加：A25H2")


def test_a_round_not_owed_is_named_when_the_condition_fails():
    # Designated until 2025-12-31 and rated in no round: owed H1 only (1 round), took none.
    # The reason names H2 as held outside the interval, so its count agrees with the duty item.
    p = _assessed(_dataset(date(2025, 12, 31), []), datetime(2026, 1, 31, tzinfo=BEIJING))
    assert _by_id(p.items, "city.duty.appraisal").reason == "应参加万人评议1轮，参加0轮：20 × 0/1；未参加：A25H1"
    cond = _by_id(p.nomination_conditions, "city.nominate.both_rounds")
    assert cond.reason == (
        "参加万人评议0轮，应参加1轮（在册期间举行）；未参加：A25H1；全年共2轮，在册期间以外举行的不计：A25H2"
    )


def test_a_year_without_a_round_fails_saying_none_was_owed():
    # No round at all: the duty item gives full marks (none owed); the condition asks for at
    # least one owed round and says none was.
    ds = attrs.evolve(_dataset(None, []), appraisal_rounds=())
    p = _assessed(ds)
    cond = _by_id(p.nomination_conditions, "city.nominate.both_rounds")
    assert (cond.passed, cond.reason) == (False, "在册期间无已结束的万人评议轮次，无法满足“参加两次万人评议”的推荐条件")
