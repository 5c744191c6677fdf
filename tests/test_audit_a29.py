"""Auditor a29: where dates and membership meet, computed by hand from the policy.

Policy read: DESIGN "Who owes what, when", "Point duty score", "An explicit instant", "万人评议";
docs/rules.md ("Which year a false complaint counts in", "Point duty score", "Nomination
conditions"). 2025 arrangement (国办发明电〔2024〕12号): off 01-01, 01-28…02-04, 04-04…04-06,
05-01…05-05, 05-31…06-02, 10-01…10-08; make-up working days Sun 01-26, Sat 02-08, Sun 04-27,
Sun 09-28, Sat 10-11.

Every expected figure below is the hand computation written next to it, never the library's.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import attrs

import softenv_core as se
from softenv_core.model.complaints import Verdict
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

EXAMPLE = Path(__file__).parent.parent / "examples" / "small-dataset.json"
POINT = "P-379902-2"  # a 县区 point of the small dataset, designated since 2020-01-01


def _removed_on_04_15(*complaints: se.Complaint) -> se.Dataset:
    """The small 2025 dataset with POINT's designation ended on 2025-04-15 (removed effective
    04-16): it owes 2025-01…2025-04 (April 04-01…04-15: 10 working days, 04-04 清明 off)."""
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 4, 15)) if p.id == POINT else p for p in ds.points)
    return attrs.evolve(ds, points=points, complaints=complaints)


def _false(cid: str, received: datetime, found: datetime) -> se.Complaint:
    return make_complaint(
        cid,
        POINT,
        received,
        resolved_at=found,
        verdict=Verdict.FALSE,
        category=ItemCategory.SERVICE,
        text="举报",
        office="软建办",
        handler="amr",
    )


def _supervision_and_condition(ds: se.Dataset, year: int) -> tuple[Decimal, str, bool]:
    r = se.assess(ds, year, audience=se.CITY_OFFICE)
    p = next(p for p in r.points if p.id == POINT)
    sup = next(i for i in p.items if i.rule.id == "city.duty.supervision")
    cond = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.no_false_complaint")
    return sup.points, sup.reason, cond.passed


def test_a_complaint_of_last_year_found_false_after_the_points_removal_counts_in_the_verdicts_year() -> None:
    """The point made K1 on 2024-12-15 while designated; it was found false on 2025-05-20, after
    the point's removal (04-15). City decision: a false complaint counts once, in the year of
    its verdict, whatever year it was received: 2025 deducts it, 20 − 10 × 1 = 10, and the
    no-false-complaint condition fails. Before, the verdict's day was tested against the
    interval, so K1 counted in no year, while K2 — received 2025-03-03 and found false the
    same day as K1 — was deducted."""
    k1 = _false("K1", beijing(2024, 12, 15), beijing(2025, 5, 20))
    points, reason, passed = _supervision_and_condition(_removed_on_04_15(k1), 2025)
    # The deduction is 2025's; the nomination condition reads 2025's conduct, and K1 is 2024's
    # (auditor a42): passed for 2025; for 2024 undecided at its default instant, neither way.
    assert (points, passed) == (Decimal(10), True)
    assert "K1（2024-12收到，认定于2025-05-20" in reason
    # 2024 does not count it (the verdict came later), so 2025 is the one year it counts in.
    points_2024, _, passed_2024 = _supervision_and_condition(_removed_on_04_15(k1), 2024)
    assert (points_2024, passed_2024) == (Decimal(20), True)
    k2 = _false("K2", beijing(2025, 3, 3), beijing(2025, 5, 20))
    points, _, passed = _supervision_and_condition(_removed_on_04_15(k1, k2), 2025)
    assert (points, passed) == (Decimal(0), False)  # 20 − 10 × 2


def _appraisal_reason(as_of: datetime) -> tuple[Decimal, str]:
    r = se.assess(se.load_dataset(EXAMPLE), 2025, audience=se.CITY_OFFICE, as_of=as_of)
    p = next(p for p in r.points if p.id == POINT)
    item = next(i for i in p.items if i.rule.id == "city.duty.appraisal")
    return item.points, item.reason


def test_a_round_not_yet_closed_is_named_in_the_appraisal_item_not_called_absent() -> None:
    """examples/small-dataset.json: rounds H1 06-10…06-25, H2 12-05…12-20, POINT designated all year and
    rating in both. At 2025-06-25 23:59:59 Beijing (written in UTC) H1 is still open: no round
    is closed, so the item is the full 20 (a pending round counts neither for nor against), but
    a round was held while it was designated: "在册期间无万人评议轮次" is not what happened."""
    points, reason = _appraisal_reason(datetime.fromisoformat("2025-06-25T15:59:59+00:00"))
    assert points == Decimal(20)
    assert reason == "在册期间无已结束的万人评议轮次，按满分计；A-2025-H1、A-2025-H2尚未结束（未到期），不计"
    # One second later (06-26 00:00 Beijing) H1 has closed and is counted: 20 × 1/1.
    points, reason = _appraisal_reason(datetime.fromisoformat("2025-06-25T16:00:00+00:00"))
    assert points == Decimal(20)
    assert reason == "应参加万人评议1轮，参加1轮：20 × 1/1；A-2025-H2尚未结束（未到期），不计"
    # At the year's default instant both have closed: nothing pending is named.
    points, reason = _appraisal_reason(beijing(2026, 1, 6, 0))
    assert reason == "应参加万人评议2轮，参加2轮：20 × 2/2"


def test_a_complaint_made_before_the_designation_and_found_false_inside_it_does_not_count() -> None:
    """The other side of the receipt day: POINT designated from 2025-03-01, a complaint under its
    id received 2024-12-15 (before it was a point: validation says it is handled but 不计入监测点履职)
    found false 2025-05-20, inside the interval. Not the point's: supervision stays 20, the
    condition passes. Before, the verdict's day was tested and deducted it."""
    ds = small_dataset(2025)
    points = tuple(attrs.evolve(p, designated_from=date(2025, 3, 1)) if p.id == POINT else p for p in ds.points)
    k = _false("K3", beijing(2024, 12, 15), beijing(2025, 5, 20))
    points_2025, _, passed = _supervision_and_condition(attrs.evolve(ds, points=points, complaints=(k,)), 2025)
    assert (points_2025, passed) == (Decimal(20), True)


def _whole_year(ds: se.Dataset, as_of: datetime | None) -> tuple[bool, str]:
    point = next(p for p in se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=as_of).points if p.id == POINT)
    found = next(c for c in point.nomination_conditions if c.rule.id == "city.nominate.whole_year")
    return found.passed, found.reason


def test_whole_year_is_pending_until_the_year_has_ended() -> None:
    """a29 question 3: at 12-10 whole_year passed for a point with no known removal, while
    both_rounds was "not passed" with a round pending: the rest of the year is not known either
    (a removal decided on 12-20 ends the designation). Pending until the year's last instant,
    as both_rounds and topten.on_time; a designation known not to cover the year fails as before."""
    ds = small_dataset(2025)
    pending = "2025年尚未结束（截至评估时点），全年在册暂不能判定"
    assert _whole_year(ds, beijing(2025, 12, 10)) == (False, pending)
    assert _whole_year(ds, datetime.fromisoformat("2025-12-31T23:59:59.999999+08:00")) == (False, pending)
    assert _whole_year(ds, datetime.fromisoformat("2025-12-31T16:00:00+00:00"))[0]  # 2026-01-01 00:00 Beijing
    assert _whole_year(ds, None)[0]  # the default instant, in January
    late = tuple(attrs.evolve(p, designated_from=date(2025, 3, 1)) if p.id == POINT else p for p in ds.points)
    passed, reason = _whole_year(attrs.evolve(ds, points=late), beijing(2025, 12, 10))
    assert not passed and reason.startswith("在册 2025-03-01 至今，未覆盖2025年全年"), reason
