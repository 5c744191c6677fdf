"""Auditor a51: the departments' 万人评议 (半年评议) and the points' year-end commendation, by hand.

Each case is worked out from the seed (三(一) 参与每年两次的万人评议活动; 三(五) 一年一调整; 四(三) 由县区推荐，
市里决定) and DESIGN's city baseline (万人评议: score = 100 × Σ w_g × (满意 + 0.6 × 基本满意) / valid_g
÷ Σ w_g over the groups with valid ratings, weights 监测点企业 0.4, 其他企业 0.2, 人大代表政协委员 0.15,
群众 0.15, 行风监督员 0.1; fewer than 30 valid → not ranked; the bottom 3 flagged, ties share the flag;
Commendation: quota max(1, ⌊10 % of the county's points on 31 December⌋), a nominee active all
year, 优秀, in both rounds, no false complaint; Annual adjustment: remove on 不合格 or 3 consecutive
months unreached), with the library's documented readings (docs/yearend.md, docs/rules.md) where
DESIGN leaves a choice. The hand computation is in each case's comment; the library agreed with
every one. What it does that the policy leaves open is in the auditor's report, not pinned here.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE, get_plugin_manager
from softenv_core.cli.main import main
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.designations import owes_round
from softenv_core.model.divisions import City, Department
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator, MonitoringPoint
from softenv_core.model.roster import ChangeAction, ChangeReason, CommendationDecision, Nomination, RosterChange
from softenv_core.testing import TEST_COUNTIES, beijing, make_point, monthly_contacts, on_time_reports, small_dataset

PM = functools.partial(get_plugin_manager, autoload=False, plugins=[])
H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20))
JIA, YI = "379902", "379921"


def _ratings(dept: str, group: RaterGroup, prefix: str, s: int = 0, b: int = 0, u: int = 0, k: int = 0) -> list[Rating]:
    """s 满意, b 基本满意, u 不满意 and k 不了解 ratings of ``dept`` in H1, by raters prefix1, prefix2, …"""
    levels = [RatingLevel.SATISFIED] * s + [RatingLevel.BASICALLY] * b + [RatingLevel.UNSATISFIED] * u
    levels += [RatingLevel.UNKNOWN] * k
    return [Rating(H1.id, f"{prefix}{n}", group, dept, level) for n, level in enumerate(levels, 1)]


def _round(ratings: list[Rating], *departments: Department) -> se.Dataset:
    d = small_dataset(2025)
    return attrs.evolve(d, departments=d.departments + departments, appraisal_rounds=(H1,), ratings=tuple(ratings))


def _change(cid: str, point: str, action: ChangeAction, effective: date, county: str) -> RosterChange:
    reason = ChangeReason.DESIGNATION if action is ChangeAction.ADD else ChangeReason.OWN_WISH
    return RosterChange(cid, point, action, reason, effective, Designator.CITY, county)


def _city(extra=(), changes=(), nominations=(), decisions=(), jia=20, yi=19, skip=(), rounds=(H1, H2)) -> se.Dataset:  # type: ignore[no-untyped-def]
    """甲区 with ``jia`` and 乙县 with ``yi`` 县区 points designated all along, plus ``extra``; every
    point reached monthly with an item, every county on time, and every point rating 市市场监管局
    in each round it owes (but the (point, round) pairs in ``skip``): each point all-year is 100."""
    points: list[MonitoringPoint] = [
        make_point(f"P{code[-2:]}-{k:02d}", code, serial)
        for serial, (code, k) in enumerate(
            [(JIA, k) for k in range(1, jia + 1)] + [(YI, k) for k in range(1, yi + 1)], start=1
        )
    ]
    points += extra
    ratings = [
        Rating(r.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
        for p in points
        for r in rounds
        if owes_round(p, r) and (p.id, r.id) not in skip
    ]
    return se.Dataset(
        city=City("379900", "测试市"),
        counties=TEST_COUNTIES[:2],
        departments=(Department("city-amr", "市市场监管局"),),
        points=tuple(points),
        contacts=tuple(c for p in points for c in monthly_contacts(p, 2025, with_items=True)),
        reports=tuple(r for c in TEST_COUNTIES[:2] for r in on_time_reports(c.code, 2025)),
        appraisal_rounds=tuple(rounds),
        ratings=tuple(ratings),
        roster_changes=tuple(changes),
        nominations=tuple(nominations),
        decisions=tuple(decisions),
    )


def _assess(d: se.Dataset, as_of=None) -> se.Assessment:  # type: ignore[no-untyped-def]
    return se.assess(d, 2025, PM(), audience=CITY_OFFICE, as_of=as_of)


# --- 万人评议 ---------------------------------------------------------------------------------


def test_1_score_renormalised_over_the_groups_with_valid_ratings() -> None:
    # 群众 3 满意, 2 不满意 → 3/5; 人大代表政协委员 20 满意, 10 基本满意, 5 不满意, 3 不了解 → (20 + 6)/35.
    # Both weigh 0.15: 100 × (0.15 × 0.6 + 0.15 × 26/35) / 0.30 = 50 × (0.6 + 0.742857…) = 67.1428… → 67.14.
    # Valid: 5 + 35 = 40 ≥ 30 → ranked, alone: rank 1, never 末位.
    rs = _ratings("city-amr", RaterGroup.CITIZEN, "c", s=3, u=2)
    rs += _ratings("city-amr", RaterGroup.DEPUTY, "d", s=20, b=10, u=5, k=3)
    (dept,) = se.appraise(_round(rs), H1.id, audience=CITY_OFFICE).departments
    assert (dept.valid, dept.score, dept.sufficient, dept.rank, dept.bottom) == (40, Decimal("67.14"), True, 1, False)
    assert dept.reason == "100 × [群众 0.15×(3+0.6×0)/5 + 人大代表、政协委员 0.15×(20+0.6×10)/35] / 0.30"


def test_2_ranks_ties_straddling_the_bottom_three_and_the_minimum_of_valid_ratings() -> None:
    # All by 人大代表政协委员 (one group: score = share of 满意 × 100):
    #   D1 30/30 = 100; D7 25/30 = 83.33 (5 不了解 besides: 30 valid, exactly the minimum → ranked);
    #   D2, D3, D4 20/30 = 66.67; D5 10/30 = 33.33; D6 29 满意 + 5 不了解 = 29 valid < 30 → not ranked.
    # Ranked: D1 1, D7 2, D2–D4 3 (sharing it), D5 6. Six ranked, the last 3 places are 4–6:
    # the tie at 3 spans places 3–5, so it is flagged whole; D5 flagged; D1 and D7 not.
    def dept(name: str, s: int, u: int, k: int = 0) -> list[Rating]:
        return _ratings(name, RaterGroup.DEPUTY, "r", s=s, u=u, k=k)

    rs = dept("D1", 30, 0) + dept("D2", 20, 10) + dept("D3", 20, 10) + dept("D4", 20, 10)
    rs += dept("D5", 10, 20) + dept("D6", 29, 0, 5) + dept("D7", 25, 5, 5)
    depts = tuple(Department(f"D{i}", f"部门{i}") for i in range(1, 8))
    got = {
        x.department: (x.valid, x.score, x.rank, x.bottom)
        for x in se.appraise(_round(rs, *depts), H1.id, audience=CITY_OFFICE).departments
    }
    assert got == {
        "D1": (30, Decimal("100.00"), 1, False),
        "D7": (30, Decimal("83.33"), 2, False),
        "D2": (30, Decimal("66.67"), 3, True),
        "D3": (30, Decimal("66.67"), 3, True),
        "D4": (30, Decimal("66.67"), 3, True),
        "D5": (30, Decimal("33.33"), 6, True),
        "D6": (29, Decimal("100.00"), None, False),
    }


def test_3_a_group_of_only_unknown_is_left_out_and_a_small_group_hides_the_tallies_outside_the_city() -> None:
    # city-amr: 群众 2 不了解 (no valid rating: out of Σ w), 人大代表政协委员 20/10/5 (+3 不了解):
    # 100 × 0.15 × 26/35 / 0.15 = 74.2857… → 74.29, 35 valid. 379902-amr: 群众 3 满意, 代表 30 满意 → 100.
    # Two ranked: city-amr is rank 2 and, with bottom_n 3 ≥ 2 ranked, flagged (rank 1 never is).
    # Outside the city office the 群众 group of city-amr has 2 ratings < min_cell 3: score alone.
    rs = _ratings("city-amr", RaterGroup.CITIZEN, "c", k=2) + _ratings("city-amr", RaterGroup.DEPUTY, "d", 20, 10, 5, 3)
    rs += _ratings("379902-amr", RaterGroup.CITIZEN, "c", s=3) + _ratings("379902-amr", RaterGroup.DEPUTY, "d", s=30)
    d = _round(rs)
    city = {x.department: x for x in se.appraise(d, H1.id, audience=CITY_OFFICE).departments}
    assert (city["city-amr"].score, city["city-amr"].valid, city["city-amr"].rank) == (Decimal("74.29"), 35, 2)
    assert city["city-amr"].bottom and not city["379902-amr"].bottom
    assert city["city-amr"].reason == "100 × [人大代表、政协委员 0.15×(20+0.6×10)/35] / 0.15"
    for reader in ("public", f"county:{JIA}"):
        seen = {x.department: x for x in se.appraise(d, H1.id, audience=reader).departments}
        hidden = seen["city-amr"]
        assert (hidden.score, hidden.rank, hidden.bottom, hidden.valid, hidden.groups) == (
            Decimal("74.29"),
            2,
            True,
            None,
            (),
        )
        assert seen["379902-amr"].valid == 33  # every group of at least 3: shown whole


def test_4_a_second_rating_of_one_department_by_one_rater_is_refused_not_an_amendment() -> None:
    # One rating per round, rater and department: an "amended" rating added beside the first is
    # refused (the first must be replaced), so the valid count cannot count the rater twice.
    rs = _ratings("city-amr", RaterGroup.DEPUTY, "d", s=30)
    rs.append(Rating(H1.id, "d1", RaterGroup.DEPUTY, "city-amr", RatingLevel.UNSATISFIED))
    with pytest.raises(se.InputError, match=re.escape("duplicate rater ('A25H1', 'd1', 'city-amr')")):
        se.appraise(_round(rs), H1.id, audience=CITY_OFFICE)


def test_5_the_half_year_boundaries_of_the_rounds_a_point_owes() -> None:
    # H1's window 06-01–06-30. A from 06-30 (its closing day): owes H1 and H2, rated H2 only →
    # 20 × 1/2 = 10; June has 1 working day for it (< 5: not owed), so Jul–Dec: 30 + 30 + 10 + 20
    # = 90 (优秀 ≥ 85). B from 07-01: owes H2 alone → 20. C until 05-31: owes no round → 20 (full,
    # none held while designated), Jan–May → 100. E until 06-15 (removed mid-window): owes H1 →
    # took part → 20; June has 9 working days for it (06-02 is the Dragon Boat holiday) → owed.
    extra = [
        make_point("P21-A", YI, 920, designated_from=date(2025, 6, 30)),
        make_point("P21-B", YI, 921, designated_from=date(2025, 7, 1)),
        make_point("P21-C", YI, 922, designated_until=date(2025, 5, 31)),
        make_point("P21-E", YI, 923, designated_until=date(2025, 6, 15)),
    ]
    changes = [
        _change("RA", "P21-A", ChangeAction.ADD, date(2025, 6, 30), YI),
        _change("RB", "P21-B", ChangeAction.ADD, date(2025, 7, 1), YI),
        _change("RC", "P21-C", ChangeAction.REMOVE, date(2025, 6, 1), YI),
        _change("RE", "P21-E", ChangeAction.REMOVE, date(2025, 6, 16), YI),
    ]
    d = _city(extra, changes, jia=1, yi=1, skip={("P21-A", H1.id)})
    r = se.appraise(d, H1.id, audience=CITY_OFFICE)
    assert (r.points_taking_part, r.points_not_taking_part) == (("P02-01", "P21-01", "P21-E"), ("P21-A",))
    a = _assess(d)
    got = {}
    for p in a.points:
        item = next(i for i in p.items if i.rule.id == "city.duty.appraisal")
        got[p.id] = (p.total, item.points)
    assert got["P21-A"] == (Decimal("90.00"), Decimal("10.00"))
    assert got["P21-B"] == got["P21-C"] == got["P21-E"] == (Decimal("100.00"), Decimal("20.00"))


def test_6_a_second_half_round_held_in_january_and_a_point_removed_at_the_adjustment() -> None:
    # H2 of 2025 held 2026-01-05–01-16. At the year's default instant (2026-01-06 00:00) it is still
    # open: the duty item splits over H1 alone (20 × 1/1) and both_rounds is not yet passed for a
    # point designated in its window; OUT, removed effective 2026-01-01, never owed it: it passes on
    # the one round it owed. As of 2026-01-17 (after the close) both pass, 20 × 2/2 and 20 × 1/1.
    late_h2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2026, 1, 5), date(2026, 1, 16))
    out = make_point("P21-OUT", YI, 930, designated_until=date(2025, 12, 31))
    d = _city(
        [out], [_change("RO", "P21-OUT", ChangeAction.REMOVE, date(2026, 1, 1), YI)], jia=1, yi=1, rounds=(H1, late_h2)
    )

    def both_rounds(a: se.Assessment, point: str) -> bool:
        p = next(p for p in a.points if p.id == point)
        return next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.both_rounds").passed

    default = _assess(d)
    assert (both_rounds(default, "P21-01"), both_rounds(default, "P21-OUT")) == (False, True)
    later = _assess(d, beijing(2026, 1, 17, 0))
    assert (both_rounds(later, "P21-01"), both_rounds(later, "P21-OUT")) == (True, True)


# --- Commendation and the year-end roster ---------------------------------------------------------


def _moves() -> se.Dataset:
    """A point moved from 乙县 to 甲区 on 07-01 (one enterprise, two records), one designated in
    乙县 on 12-15, one removed from 乙县 effective 12-31, one removed from 甲区 at the annual
    adjustment (effective 2026-01-01), and the five nominations of them and of an all-year point."""
    old = make_point("P21-MV", YI, 900, designated_until=date(2025, 6, 30))
    new = attrs.evolve(old, id="P02-MV", county=JIA, designated_from=date(2025, 7, 1), designated_until=None)
    extra = [
        old,
        new,
        make_point("P21-DEC", YI, 901, designated_from=date(2025, 12, 15)),
        make_point("P21-GONE", YI, 902, designated_until=date(2025, 12, 30)),
        make_point("P02-ADJ", JIA, 903, designated_until=date(2025, 12, 31)),
    ]
    changes = [
        _change("RC1", "P21-MV", ChangeAction.REMOVE, date(2025, 7, 1), YI),
        _change("RC2", "P02-MV", ChangeAction.ADD, date(2025, 7, 1), JIA),
        _change("RC3", "P21-DEC", ChangeAction.ADD, date(2025, 12, 15), YI),
        _change("RC4", "P21-GONE", ChangeAction.REMOVE, date(2025, 12, 31), YI),
        _change("RC5", "P02-ADJ", ChangeAction.REMOVE, date(2026, 1, 1), JIA),
    ]
    at = beijing(2026, 1, 3)
    nominations = [
        Nomination("N1", 2025, JIA, "P02-MV", submitted_at=at),
        Nomination("N2", 2025, JIA, "P02-ADJ", submitted_at=at),
        Nomination("N3", 2025, YI, "P21-DEC", submitted_at=at),
        Nomination("N4", 2025, YI, "P21-GONE", submitted_at=at),
        Nomination("N5", 2025, YI, "P21-01", submitted_at=at),
    ]
    return _city(extra, changes, nominations)


def test_7_quotas_count_the_countys_points_on_31_december_after_moves_additions_and_removals() -> None:
    # 甲区: 20 + P02-MV (moved in 07-01) + P02-ADJ (removed only from 2026-01-01) = 22 →
    # max(1, ⌊2.2⌋) = 2; 2 nominated. 乙县: 19 + P21-DEC (from 12-15) = 20 (P21-MV left 06-30,
    # P21-GONE's last day 12-30) → max(1, ⌊2.0⌋) = 2; 3 nominated → 1 over.
    # Nominees: P02-MV fails 全年在册 (from 07-01; the old record is another point); P02-ADJ passes
    # (designated to 12-31, 100 and both rounds); P21-DEC fails (from 12-15); P21-GONE fails
    # (12-31 alone not covered); P21-01 passes.
    d = _moves()
    result = se.check_commendation(d, _assess(d), audience=CITY_OFFICE)
    counties = {c.county: c for c in result.counties}
    assert (counties[JIA].active_points, counties[JIA].quota, counties[JIA].nominated, counties[JIA].error) == (
        22,
        2,
        2,
        None,
    )
    yi = counties[YI]
    assert (yi.active_points, yi.quota, yi.nominated) == (20, 2, 3)
    assert yi.error == "379921 乙县：推荐3个，名额2个，超出1个（max(1, ⌊0.1 × 20个在册县区监测点⌋)）"
    verdict = {n.point: (n.accepted, tuple(c.rule.id for c in n.failing)) for c in result.counties for n in c.nominees}
    whole = ("city.nominate.whole_year",)
    assert verdict == {
        "P02-MV": (False, whole),
        "P02-ADJ": (True, ()),
        "P21-DEC": (False, whole),
        "P21-GONE": (False, whole),
        "P21-01": (True, ()),
    }
    gone = next(n for n in yi.nominees if n.point == "P21-GONE")
    assert gone.reason == "全年在册：在册 2020-01-01 至 2025-12-30，未覆盖2025年全年（2025-12-31 未在册）"


def test_8_quota_boundaries_19_and_20_points_and_the_citys_decision() -> None:
    # 19 县区 points: max(1, ⌊1.9⌋) = 1; 20: max(1, ⌊2.0⌋) = 2; 3 (甲区 below): max(1, ⌊0.3⌋) = 1.
    # The city commends N1 (accepted, within quota) and refuses N2: one point commended, no flag.
    at = beijing(2026, 1, 3)
    noms = [
        Nomination("N1", 2025, YI, "P21-01", submitted_at=at),
        Nomination("N2", 2025, YI, "P21-02", submitted_at=at),
    ]
    decisions = [
        CommendationDecision("D1", "N1", True, date(2026, 1, 20)),
        CommendationDecision("D2", "N2", False, date(2026, 1, 20)),
    ]
    for yi, quota in ((19, 1), (20, 2)):
        d = _city(nominations=noms, decisions=decisions, jia=3, yi=yi)
        as_of = beijing(2026, 2, 1, 0)
        result = se.check_commendation(d, _assess(d, as_of), audience=CITY_OFFICE, as_of=as_of)
        counties = {c.county: c for c in result.counties}
        assert (counties[JIA].quota, counties[YI].quota) == (1, quota)
        assert result.commended == ("P21-01",)
        assert (counties[YI].error is None) == (quota == 2)


def test_9_the_annual_adjustment_proposes_removal_for_a_late_december_failure_and_a_run_unreached() -> None:
    # LATE from 12-22 (8 working days of December ≥ 5: owes December alone), not reached:
    # 30 × 0/1 + 30 × 0/0.5 + 20 (no round while designated) + 20 = 40 → 不合格 → removal proposed.
    # UNR all year, not reached Oct–Dec: 30 × 9/12 = 22.5 + 30 (9 months of feedback ≥ 6) + 20 + 20
    # = 92.5 优秀, yet 3 consecutive months unreached → removal proposed, naming them.
    # VLATE from 12-29 (3 working days): owes no month, not scored, nothing proposed.
    extra = [
        make_point("P21-LATE", YI, 910, designated_from=date(2025, 12, 22)),
        make_point("P21-VLATE", YI, 911, designated_from=date(2025, 12, 29)),
        make_point("P02-UNR", JIA, 912),
    ]
    changes = [
        _change("RA", "P21-LATE", ChangeAction.ADD, date(2025, 12, 22), YI),
        _change("RB", "P21-VLATE", ChangeAction.ADD, date(2025, 12, 29), YI),
    ]
    d = _city(extra, changes, jia=3, yi=3)
    unreached = [
        attrs.evolve(c, reached=False, items=())
        if c.point == "P21-LATE" or (c.point == "P02-UNR" and c.date.month >= 10)
        else c
        for c in d.contacts
    ]
    d = attrs.evolve(d, contacts=tuple(unreached))
    a = _assess(d)
    totals = {p.id: (p.total, p.band.zh) for p in a.points}
    assert totals["P21-LATE"] == (Decimal("40.00"), "不合格")
    assert totals["P02-UNR"] == (Decimal("92.50"), "优秀")
    assert "P21-VLATE" not in totals
    proposals = {p.point: (p.reasons, p.explanation) for p in se.propose_adjustments(d, a, audience=CITY_OFFICE)}
    assert proposals == {
        "P02-UNR": (("unreachable",), ("连续3个月未联系上：2025-10—2025-12",)),
        "P21-LATE": (("unqualified",), ("2025年度考评40.00分，不合格",)),
    }


def test_10_the_year_end_counts_the_rounds_and_the_roster_before_and_after_the_adjustment(tmp_path: Path) -> None:
    # With _moves(): H1 (06-01–06-30) is owed by the 39 all-year points, P21-MV, P21-GONE and
    # P02-ADJ = 42; H2 (12-01–12-20) by the 39, P02-MV, P21-DEC, P21-GONE and P02-ADJ = 43; every
    # one rated. On 12-31: 39 + P02-MV + P21-DEC + P02-ADJ = 42; after the window (01-31): P02-ADJ
    # removed → 41. The CLI's JSON says the same.
    data = tmp_path / "d.json"
    data.write_text(se.dataset_json(_moves()), encoding="utf-8")
    argv = ["yearend", str(data), "--year", "2025", "--as-of", "2026-02-01T00:00:00+08:00", "--format", "json"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    doc = json.loads(out.getvalue())
    counts = [(len(r["points_taking_part"]), len(r["points_not_taking_part"])) for r in doc["appraisal"]]
    assert counts == [(42, 0), (43, 0)]
    assert (doc["roster_before"]["points"], doc["roster_after"]["points"]) == (42, 41)


def test_11_the_citys_later_decision_supersedes_its_earlier_one_on_a_nomination() -> None:
    # 乙县 (20 points, quota 2) nominates P21-01 (eligible) and P21-02 (did not rate in H2: fails
    # 参加两次万人评议, 20 × 1/2 = 10 → 90, still 优秀). The city commends N1 on 01-20 and withdraws it
    # on 02-10; it refuses N2 on 01-20 and commends it on 02-10. As of 02-01: P21-01 commended, no
    # flag. As of 02-11: P21-02 commended, and that decision (D4) flagged, as it commends a nominee
    # who failed a condition; the earlier decisions name the ones that replaced them.
    at = beijing(2026, 1, 3)
    noms = [Nomination(f"N{k}", 2025, YI, f"P21-0{k}", submitted_at=at) for k in (1, 2)]
    decisions = [
        CommendationDecision("D1", "N1", True, date(2026, 1, 20)),
        CommendationDecision("D2", "N1", False, date(2026, 2, 10)),
        CommendationDecision("D3", "N2", False, date(2026, 1, 20)),
        CommendationDecision("D4", "N2", True, date(2026, 2, 10)),
    ]
    d = _city(nominations=noms, decisions=decisions, jia=3, yi=20, skip={("P21-02", H2.id)})
    got = []
    for as_of in (beijing(2026, 2, 1, 0), beijing(2026, 2, 11, 0)):
        r = se.check_commendation(d, _assess(d, as_of), audience=CITY_OFFICE, as_of=as_of)
        read = [(x.decision, x.superseded_by) for x in r.decisions]
        got.append((r.commended, [f.split("：")[0] for f in r.flags], read))
    assert got == [
        (("P21-01",), [], [("D1", None), ("D3", None)]),
        (("P21-02",), ["D4"], [("D1", "D2"), ("D2", None), ("D3", "D4"), ("D4", None)]),
    ]


def test_12_a_point_designated_after_the_window_cannot_rate_in_the_round_late() -> None:
    # B is designated from 07-01, after H1's window (06-01–06-30): H1 is not its round (it owes H2
    # alone), so a rating of H1 as 监测点企业 under its id, filed after the window, is refused by
    # its path, never counted among the department's valid ratings.
    b = make_point("P21-B", YI, 921, designated_from=date(2025, 7, 1))
    d = _city([b], [_change("RB", "P21-B", ChangeAction.ADD, date(2025, 7, 1), YI)], jia=1, yi=1)
    late = Rating(H1.id, "P21-B", RaterGroup.POINT, "city-amr", RatingLevel.UNSATISFIED)
    d = attrs.evolve(d, ratings=(*d.ratings, late))
    with pytest.raises(se.InputError, match=re.escape("was not designated during round A25H1's window")):
        se.appraise(d, H1.id, audience=CITY_OFFICE)
