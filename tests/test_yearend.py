from datetime import date
from decimal import Decimal
from itertools import pairwise

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import (
    CITY_OFFICE,
    AppraisalRound,
    ChangeAction,
    ChangeReason,
    Designator,
    Filing,
    HalfYear,
    InputError,
    Month,
    Nomination,
    RaterGroup,
    Rating,
    RatingLevel,
    RosterChange,
    assess,
    baseline_parameters,
    get_plugin_manager,
    render_yearend,
    year_end,
)
from softenv_core.analyses.adjustment import apply_changes, check_filings, propose_adjustments
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.commendation import check_commendation
from softenv_core.analyses.representativeness import representativeness
from softenv_core.analyses.research_topics import research_topics
from softenv_core.engine.parameters import DatedValue, Parameter
from softenv_core.render.yearend_parts import quota_error
from softenv_core.testing import datasets, small_dataset

from .demo_city import demo
from .weights import HEAVY

ROUND = AppraisalRound("A1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))


def _ratings(dept, group, sat, bas, uns, unk, prefix):
    levels = (
        [RatingLevel.SATISFIED] * sat
        + [RatingLevel.BASICALLY] * bas
        + [RatingLevel.UNSATISFIED] * uns
        + [RatingLevel.UNKNOWN] * unk
    )
    return [Rating("A1", f"{prefix}{i}", group, dept, level) for i, level in enumerate(levels)]


def _appraisal_dataset(extra=()):
    ds = small_dataset(2025)
    ratings = (
        _ratings("city-amr", RaterGroup.ENTERPRISE, 20, 10, 5, 3, "E")  # 35 valid
        + _ratings("city-amr", RaterGroup.CITIZEN, 10, 5, 5, 0, "Z")  # 20 valid
        + _ratings("379902-amr", RaterGroup.CITIZEN, 20, 5, 4, 6, "Z")  # 29 valid: insufficient
        + list(extra)
    )
    return attrs.evolve(ds, appraisal_rounds=(ROUND,), ratings=tuple(ratings))


def test_a_department_with_29_valid_ratings_is_insufficient_and_unranked():
    result = appraise(_appraisal_dataset(), "A1", baseline_parameters(), audience=CITY_OFFICE)
    dept = result.department("379902-amr")
    assert dept.valid == 29 and not dept.sufficient and dept.rank is None and not dept.bottom
    assert "少于30份" in dept.reason
    assert result.department("city-amr").rank == 1


def test_department_score_matches_the_formula_exactly():
    result = appraise(_appraisal_dataset(), "A1", baseline_parameters(), audience=CITY_OFFICE)
    amr = result.department("city-amr")
    # weights enterprise 0.2, citizen 0.15; credit 0.6
    s_e = (Decimal(20) + Decimal("0.6") * 10) / 35
    s_z = (Decimal(10) + Decimal("0.6") * 5) / 20
    expected = ((Decimal("0.2") * s_e + Decimal("0.15") * s_z) / Decimal("0.35") * 100).quantize(Decimal("0.01"))
    assert amr.score == expected == Decimal("70.31")  # 100 × (0.2 × 26/35 + 0.15 × 13/20) / 0.35


def test_changing_a_group_weight_changes_the_score_as_the_formula_says():
    params = baseline_parameters()
    weights = {"point": 0.4, "enterprise": 0.2, "deputy": 0.15, "citizen": 0.45, "supervisor": 0.1}
    changed = params.merged(
        [Parameter("appraisal.group_weights", "test", values=(DatedValue(date(2022, 3, 1), weights),))]
    )
    amr = appraise(_appraisal_dataset(), "A1", changed, audience=CITY_OFFICE).department("city-amr")
    s_e = (Decimal(20) + Decimal("0.6") * 10) / 35
    s_z = (Decimal(10) + Decimal("0.6") * 5) / 20
    expected = ((Decimal("0.2") * s_e + Decimal("0.45") * s_z) / Decimal("0.65") * 100).quantize(Decimal("0.01"))
    assert amr.score == expected
    assert amr.score < appraise(_appraisal_dataset(), "A1", params, audience=CITY_OFFICE).department("city-amr").score


def test_bottom_departments_are_flagged_and_points_taking_part_listed():
    extra = [Rating("A1", "P-379902-1", RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)]
    result = appraise(_appraisal_dataset(extra), "A1", baseline_parameters(), audience=CITY_OFFICE)
    # the one ranked department is rank 1: never 末位, however few are ranked (docs/yearend.md)
    assert result.department("city-amr").rank == 1 and not result.department("city-amr").bottom
    assert result.points_taking_part == ("P-379902-1",)
    assert "P-379921-1" in result.points_not_taking_part


def _nominations(county, points):
    return tuple(Nomination(f"N-{p}", 2025, county, p) for p in points)


def test_nominating_over_the_quota_is_an_error_naming_the_quota():
    # One 县区 point per county (P-…-1 is 市直, in no county's quota: auditor a39):
    # quota max(1, ⌊0.1 × 1⌋) = 1; the 市直 nomination is rejected but counted, as submitted.
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, nominations=_nominations("379902", ["P-379902-1", "P-379902-2"]))
    result = check_commendation(
        ds,
        assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE),
        baseline_parameters(),
        audience=CITY_OFFICE,
    )
    county = next(c for c in result.counties if c.county == "379902")
    assert county.quota == 1 and county.nominated == 2
    # Both figures and the excess (auditor t4 finding 05: "超过名额1个" read as "over by 1").
    assert "推荐2个，名额1个，超出1个（max(1, ⌊0.1 × 1个在册县区监测点⌋)）" in county.error
    # The document says the formula in words (clerk c52 07).
    assert quota_error(county, zh=True) == (
        "379902 甲区：推荐2个，名额1个，超出1个（名额 = 在册县区监测点1个 × 10%，向下取整，至少1个）"
    )
    assert quota_error(county, zh=False) == "379902: 2 nominated, quota 1, 1 over (from 1 designated 县区 points)"
    ye = year_end(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert "379902: 2 nominated, quota 1, 1 over" in render_yearend(ye, "en")
    assert "名额1个，超出1个" in render_yearend(ye, "zh")


def test_an_ineligible_nominee_is_rejected_with_the_failing_condition():
    ds = small_dataset(2025)  # no appraisal rounds were held: "took part in both rounds" fails
    ds = attrs.evolve(ds, nominations=_nominations("379921", ["P-379921-2"]))  # its 县区 point (-1 is 市直)
    result = check_commendation(
        ds,
        assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE),
        baseline_parameters(),
        audience=CITY_OFFICE,
    )
    (nominee,) = next(c for c in result.counties if c.county == "379921").nominees
    assert not nominee.accepted
    assert [c.rule.id for c in nominee.failing] == ["city.nominate.both_rounds"]
    assert "参加两次万人评议" in nominee.reason


def _change(cid, point, effective, by=Designator.COUNTY, action=ChangeAction.REMOVE, reason=ChangeReason.OWN_WISH):
    return RosterChange(cid, point, action, reason, effective, by, point.split("-")[1])


def test_a_county_removal_effective_before_its_filing_is_flagged():
    ds = small_dataset(2025)
    changes = (
        _change("RC1", "P-379902-2", date(2025, 7, 1)),
        _change("RC2", "P-379921-2", date(2025, 7, 1)),
        _change("RC3", "P-379981-2", date(2025, 7, 1)),
    )
    filings = (Filing("F1", "379902", date(2025, 7, 10), ("RC1",)), Filing("F2", "379921", date(2025, 6, 20), ("RC2",)))
    checks = {
        c.change: c
        for c in check_filings(attrs.evolve(ds, roster_changes=changes, filings=filings), audience=CITY_OFFICE)
    }
    assert not checks["RC1"].ok and "未于生效前备案" in checks["RC1"].reason
    assert checks["RC2"].ok
    assert not checks["RC3"].ok and checks["RC3"].reason == "未报市经贸委备案"


def test_applying_changes_and_representativeness_after_them():
    ds = small_dataset(2025)
    params = baseline_parameters()
    before = representativeness(ds, date(2025, 12, 31), params, audience=CITY_OFFICE)
    assert {g.missing for g in before.gaps if g.scope == "379902"} == {"commerce", "services"}  # all industry
    after = apply_changes(ds, (_change("RC1", "P-379902-2", date(2025, 7, 1)),))
    assert after.point_by_id["P-379902-2"].designated_until == date(2025, 6, 30)
    assert representativeness(after, date(2025, 12, 31), params, audience=CITY_OFFICE).by_county["379902"] == 1


def test_proposals_name_their_reasons():
    ds = small_dataset(2025)
    unreached = tuple(
        attrs.evolve(c, reached=False, items=()) if c.point == "P-379902-1" and c.date.month in (3, 4, 5) else c
        for c in ds.contacts
    )
    ds = attrs.evolve(ds, contacts=unreached)
    proposals = propose_adjustments(
        ds,
        assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE),
        baseline_parameters(),
        audience=CITY_OFFICE,
    )
    (p,) = proposals
    assert p.point == "P-379902-1" and p.reasons == ("unreachable",) and "2025-03—2025-05" in p.explanation[0]


def test_research_topics_over_any_period_carry_their_evidence():
    ds = demo()
    topics = research_topics(ds, Month(2025, 1), Month(2025, 6), baseline_parameters(), audience=CITY_OFFICE)
    assert topics
    for t in topics:
        assert t.points >= 3 and len(t.counties) >= 2 and t.evidence
        assert all(Month(2025, 1) <= e.month <= Month(2025, 6) for e in t.evidence)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_appraisal_scores_lie_in_0_100_and_ranks_follow_scores(dataset):
    for r in dataset.appraisal_rounds:
        result = appraise(dataset, r, baseline_parameters(), audience=CITY_OFFICE)
        ranked = [d for d in result.departments if d.rank is not None]
        assert all(d.score is None or 0 <= d.score <= 100 for d in result.departments)
        assert all(a.score >= b.score and a.rank <= b.rank for a, b in pairwise(ranked))
        assert all(d.sufficient for d in ranked)


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets(), st.randoms(use_true_random=False))
def test_applying_roster_changes_does_not_depend_on_their_order(dataset, rnd):
    changes = [
        RosterChange(
            f"RC{i}",
            p.id,
            ChangeAction.REMOVE if i % 2 else ChangeAction.ADD,
            ChangeReason.OTHER,
            date(2025, 1 + i % 12, 1),
            Designator.COUNTY,
            p.county,
        )
        for i, p in enumerate(dataset.points)
    ]
    shuffled = list(changes)
    rnd.shuffle(shuffled)

    def outcome(todo):
        try:
            return apply_changes(dataset, tuple(todo))
        except InputError as exc:  # an impossible change: the same problems, whatever the order
            return exc.problems

    assert outcome(changes) == outcome(shuffled)


def test_an_abolished_county_has_no_representativeness_gaps():
    """A county abolished on 2024-06-30 has no points to recruit on 2025-12-31 (auditor 2)."""
    from datetime import date

    import attrs

    from softenv_core import baseline_parameters
    from softenv_core.analyses.representativeness import representativeness
    from softenv_core.testing import small_dataset
    from softenv_core.testing.builders import county

    ds = small_dataset(2025)
    gone = attrs.evolve(county("379983", "丁区"), effective_until=date(2024, 6, 30))
    ds = attrs.evolve(ds, counties=(*ds.counties, gone))
    gaps = representativeness(ds, date(2025, 12, 31), baseline_parameters(), audience=CITY_OFFICE).gaps
    assert not [g for g in gaps if g.scope == "379983"]
    on_the_day = representativeness(ds, date(2024, 6, 30), baseline_parameters(), audience=CITY_OFFICE).gaps
    assert [g for g in on_the_day if g.scope == "379983"]  # it existed then, with no points


def test_a_topic_s_title_names_a_problem_once() -> None:
    # Clerk c35: 市住建局“困难问题”问题专项调研; a category already named a problem takes no second 问题.
    from tests.demo_city import demo

    titles = [t.title for t in research_topics(demo(), Month(2025, 1), Month(2025, 12), audience=CITY_OFFICE)]
    assert "市住建局“困难问题”专项调研" in titles and "市市场监管局“收费”问题专项调研" in titles
    assert not any("问题”问题" in t for t in titles)
