"""The whole programme (issue 20): trends, follow-up of matters, 专项调研 lifecycle, 定人,
the adjustment window and proposals, guarantees. Each on a handmade dataset whose figures are
worked out by hand in the comments."""

from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE
from softenv_core.analyses.adjustment import check_window, propose_additions, propose_from_suggestions
from softenv_core.analyses.followup_status import followup_year, matters, open_matters
from softenv_core.analyses.guarantees import guarantees
from softenv_core.analyses.liaison import liaison_check, liaison_workload
from softenv_core.analyses.research_topics import propose_topic, research_topics, topic_progress, topics_of_year
from softenv_core.analyses.trends import joint_suppression, trend_view, trends
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.errors import InputError
from softenv_core.io.dataset_files import dump_dataset, loads_dataset
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Sector
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.periods import Month, Year
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    Finding,
    Measure,
    ResearchTopic,
    RosterChange,
    TopicEvent,
    TopicState,
)
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import beijing, make_point
from softenv_core.testing.strategies import datasets

from .weights import HEAVY, examples

PARAMS = baseline_parameters()
A, B, C = "379902", "379903", "379921"  # 东城区 (3 points), 西城区 (2), 青山县 (none)
ENF, FEES, SERVICE, POLICY = ItemCategory.ENFORCEMENT, ItemCategory.FEES, ItemCategory.SERVICE, ItemCategory.POLICY


def _contact(point, day, person, *items, reached=True, office=None):
    office = office or ("city" if point == "P1" else A if point in ("P2", "P5") else B)
    return Contact(f"C-{point}-{day:%Y-%m}", point, day, ContactMethod.PHONE, office, reached, items, made_by=person)


def _complaints():
    q1 = (  # received in February, signed 02-12, never resolved: due 03-05 (15 working days)
        ComplaintEvent(EventType.RECEIVED, beijing(2025, 2, 10, 9), "市软建办"),
        ComplaintEvent(EventType.ACCEPTED, beijing(2025, 2, 11, 9), "市软建办"),
        ComplaintEvent(EventType.ASSIGNED, beijing(2025, 2, 11, 10), "市软建办", unit="city-amr"),
        ComplaintEvent(EventType.SIGNED, beijing(2025, 2, 12, 9), "city-amr"),
    )
    q2 = (  # received, resolved, followed up (回访) and closed in March
        ComplaintEvent(EventType.RECEIVED, beijing(2025, 3, 3, 9), "市软建办"),
        ComplaintEvent(EventType.ACCEPTED, beijing(2025, 3, 4, 9), "市软建办"),
        ComplaintEvent(EventType.ASSIGNED, beijing(2025, 3, 4, 10), "市软建办", unit="city-tax"),
        ComplaintEvent(EventType.SIGNED, beijing(2025, 3, 5, 9), "city-tax"),
        ComplaintEvent(EventType.RESOLVED, beijing(2025, 3, 10, 9), "city-tax", verdict=Verdict.SUBSTANTIATED),
        ComplaintEvent(EventType.FOLLOWED_UP, beijing(2025, 3, 11, 9), "市软建办", satisfaction=Satisfaction.SATISFIED),
        ComplaintEvent(EventType.CLOSED, beijing(2025, 3, 11, 10), "市软建办"),
    )
    return (
        Complaint("Q1", ComplaintKind.COMPLAINT, "P1", "city-amr", ENF, "多头检查", events=q1),
        Complaint("Q2", ComplaintKind.COMPLAINT, "P3", "city-tax", FEES, "收费不合理", events=q2),
    )


def programme() -> Dataset:
    """February and March 2025 in two districts; nothing at all in 2024.

    Items by month (the report repeats P3's March item, which counts once):
      February: 执法 2 (P1, P3), 收费 1 (P2)         → 3; 市市场监管局 2, 市税务局 1; 东城区 2, 西城区 1
      March:    执法 4 (P1 ×3, P2), 收费 1 (P2), 部门服务 1 (P3), 政策诉求 1 (report, P4)
                → 7; 市市场监管局 4, 市税务局 2; 东城区 5, 西城区 2
    Points reached: February 3 (P4 not reached), March 4.
    """
    points = (
        make_point("P1", A, 1, level=PointLevel.CITY),
        make_point("P2", A, 2, sector=Sector.COMMERCE, designated_until=date(2025, 4, 30)),
        make_point("P3", B, 3),
        make_point("P4", B, 4, designated_until=date(2025, 6, 30)),
        make_point("P5", A, 5, sector=Sector.SERVICES),
        make_point("P6", A, 6, sector=Sector.SERVICES, designated_from=date(2025, 6, 1)),
    )
    persons = {"P1": "王明", "P2": "李华", "P3": "张伟", "P4": "张伟"}
    points = tuple(attrs.evolve(p, liaison_person=persons.get(p.id)) for p in points)
    feb, mar = date(2025, 2, 10), date(2025, 3, 10)
    contacts = (
        _contact("P1", feb, "王明", Item(ENF, "同一事项多头检查", "city-amr")),
        _contact("P2", feb, "李华", Item(FEES, "供电接入收费", "city-tax")),
        _contact("P3", feb, "张伟", Item(ENF, "检查过于频繁", "city-amr")),
        _contact("P4", feb, "张伟", reached=False),
        _contact(
            "P1",
            mar,
            "王明",
            Item(ENF, "执法检查前不出示证件", "city-amr"),
            Item(ENF, "处罚标准不统一", "city-amr"),
            Item(ENF, "重复检查", "city-amr"),
        ),
        _contact("P2", mar, "赵强", Item(ENF, "检查扰企", "city-amr"), Item(FEES, "收费偏高", "city-tax")),
        _contact("P3", mar, "张伟", Item(SERVICE, "退税到账慢", "city-tax")),
        _contact("P4", mar, None),
    )
    report = MonthlyReport(
        "R-B-2025-03",
        B,
        Month(2025, 3),
        beijing(2025, 4, 2, 9),
        "西城区经贸委",
        items=(Item(SERVICE, "退税到账慢", "city-tax", "P3"), Item(POLICY, "希望延续稳岗补贴", None, "P4")),
    )
    return Dataset(
        city=City("379900", "示范市"),
        counties=(
            County(A, "东城区", CountyKind.DISTRICT, "东城区经贸委"),
            County(B, "西城区", CountyKind.DISTRICT, "西城区经贸委"),
            County(C, "青山县", CountyKind.COUNTY, "青山县经贸委"),
        ),
        departments=(Department("city-amr", "市市场监管局"), Department("city-tax", "市税务局")),
        points=points,
        contacts=contacts,
        reports=(report,),
        complaints=_complaints(),
    )


def _pm():
    return get_plugin_manager(autoload=False)


# --- trends -----------------------------------------------------------------------------


def test_trends_for_the_city_office_compare_with_last_month_and_say_what_rose_most():
    view = trend_view(trends(programme(), Month(2025, 3), _pm(), PARAMS))
    total = view.row("total")
    # The points were designated in 2024 and owed March's contact, but the dataset's records
    # begin in 2025: nothing was kept for 2024-03, not nothing done (无数据, not 0).
    assert (total.current.value, total.previous.value, total.last_year) == (7, 3, None)
    assert total.vs_previous == 4 and total.vs_last_year is None
    assert view.row("category", "enforcement").vs_previous == 2
    assert view.row("county", B).current.value == 2
    assert view.row("points_reached").vs_previous == 1
    assert [
        view.row(n).current.value for n in ("complaints_received", "complaints_resolved", "complaints_overdue")
    ] == [
        1,
        1,
        1,  # Q1, due 03-05, still open at the end of March
    ]
    assert view.row("complaints_overdue").previous.value == 0  # not yet due at the end of February
    assert view.sentences == (
        "本月反映问题 7 项，较上月增加 4 项",
        "本月反映执法类问题 4 项，较上月增加 2 项",
        "本月反映涉及市市场监管局的问题 4 项，较上月增加 2 项",
        "东城区本月反映问题 5 项，较上月增加 3 项",
        "本月联系到监测点 4 个，较上月增加 1 个",
        "本月收到直接反馈 1 件，较上月持平",
        "本月办结直接反馈 1 件，较上月增加 1 件",
        "本月月末超期直接反馈 1 件，较上月增加 1 件",
        "去年同月(2024-03)无数据，不作同比",
    )


def test_trends_for_the_public_hide_a_cell_small_in_either_month_and_show_no_difference_for_it():
    view = trend_view(trends(programme(), Month(2025, 3), _pm(), PARAMS), min_cell=3)
    # 市市场监管局: 4 in March but 2 in February → hidden in both; 市税务局 2 and 1 → hidden.
    amr = view.row("department", "city-amr")
    assert amr.current.suppressed and amr.previous.suppressed and amr.vs_previous is None
    # Every category is small in one month or the other; so is every county.
    assert all(r.current.suppressed for r in view.rows if r.dimension in ("category", "department", "county"))
    # The totals (7 and 3) are hidden too: the two counties are the only ones hidden, so either,
    # knowing its own matters, had the other's from the total (t6 finding 01); nor are the
    # complaint counts (0 and 1) shown.
    assert view.row("total").current.suppressed and view.row("total").vs_previous is None
    assert view.row("complaints_received").current.suppressed and view.row("complaints_received").vs_previous is None
    assert view.sentences == (
        "本月反映问题（已隐去）",
        "本月联系到监测点 4 个，较上月增加 1 个",
        "本月收到直接反馈（已隐去）",
        "本月办结直接反馈（已隐去）",
        "本月月末超期直接反馈（已隐去）",
        "去年同月(2024-03)无数据，不作同比",
    )


def test_trends_of_a_month_without_data_say_so():
    # Before the baseline: no point owed a contact, nothing recorded.
    view = trend_view(trends(programme(), Month(2022, 1), _pm(), PARAMS))
    assert view.sentences == ("本月(2022-01)无应联系的监测点，也无本月的联系和月报记录，不作趋势比较",)


def test_joint_suppression_closes_a_lone_hidden_cell_in_every_month():
    # b is 1 in the first month: hidden in both. In the first month it is then the lone hidden
    # part, so the smallest shown one there (c, 4) is hidden too; in the second, b and c are
    # both hidden and non-zero: nothing more.
    hidden, totals = joint_suppression([{"a": 5, "b": 1, "c": 4}, {"a": 6, "b": 3, "c": 7}], 3)
    assert hidden == {"b", "c"} and totals == (False, False)
    # One part only, small in the first month: hidden in both, and as the lone part of each
    # month's total, both totals go (9 would give a away in the second).
    assert joint_suppression([{"a": 2}, {"a": 9}], 3) == (frozenset({"a"}), (True, True))


@settings(max_examples=examples(60))
@given(
    st.lists(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12), max_size=6), min_size=2, max_size=3),
    st.integers(1, 5),
)
def test_no_month_leaves_a_lone_hidden_cell_that_its_total_would_reveal(months, min_cell):
    hidden, totals = joint_suppression(months, min_cell)
    for parts, total_hidden in zip(months, totals, strict=True):
        assert all(k in hidden for k, n in parts.items() if 0 < n < min_cell)
        lone = [k for k in hidden if parts.get(k, 0) > 0]
        assert total_hidden or len(lone) != 1


# --- follow-up of matters ----------------------------------------------------------------


def _with_followups(ds: Dataset) -> Dataset:
    fu = (
        FollowUp("FU1", MatterSource.CONTACT, "C-P1-2025-03", 0, FollowUpKind.INFORMATION, date(2025, 3, 12), "王明"),
        FollowUp("FU2", MatterSource.CONTACT, "C-P1-2025-03", 0, FollowUpKind.RESOLVED, date(2025, 3, 20), "王明"),
        FollowUp(
            "FU3", MatterSource.CONTACT, "C-P1-2025-03", 1, FollowUpKind.REFERRED, date(2025, 3, 15), "王明", "city-amr"
        ),
        # On the report's copy of P3's contact item: the same matter.
        FollowUp("FU4", MatterSource.REPORT, "R-B-2025-03", 0, FollowUpKind.COORDINATION, date(2025, 4, 10), "张伟"),
        FollowUp("FU5", MatterSource.CONTACT, "C-P2-2025-03", 1, FollowUpKind.NO_ACTION, date(2025, 3, 25), "李华"),
    )
    return attrs.evolve(ds, followups=fu)


def test_open_matters_and_their_age():
    ds = _with_followups(programme())
    # Raised by 03-31: February's 3 (day 02-10) and March's 6 contact items (day 03-10); the
    # report (submitted 04-02) not yet. Closed: P1's first (resolved 03-20), P2's fees (no action).
    found = open_matters(ds, date(2025, 3, 31), PARAMS)
    keys = [(s.matter.record, s.matter.item, s.age_days) for s in found.open]
    assert keys == [
        ("C-P1-2025-02", 0, 49),
        ("C-P2-2025-02", 0, 49),
        ("C-P3-2025-02", 0, 49),
        ("C-P1-2025-03", 1, 21),
        ("C-P1-2025-03", 2, 21),
        ("C-P2-2025-03", 0, 21),
        ("C-P3-2025-03", 0, 21),
    ]
    assert found.long_open == 0
    assert found.open[3].last_kind is FollowUpKind.REFERRED
    # By 04-15 February's three are 64 days old: long open (60 days or more).
    assert open_matters(ds, date(2025, 4, 15), PARAMS).long_open == 3


def test_a_report_item_repeating_a_contact_item_is_one_matter():
    ms = matters(_with_followups(programme()), PARAMS)
    assert len(ms) == 10  # 3 + 6 contact items + the report's new 政策诉求 item
    p3 = next(m for m in ms if m.record == "C-P3-2025-03")
    assert p3.aliases == (("report", "R-B-2025-03", 0),)


def test_year_end_counts_how_many_matters_were_helped_and_how():
    y = followup_year(_with_followups(programme()), 2025, PARAMS)
    assert (y.matters, y.helped, y.resolved, y.no_action, y.open_at_year_end) == (10, 3, 1, 1, 8)
    assert y.by_kind == {"information": 1, "coordination": 1, "referred": 1, "resolved": 1, "no_action": 1}
    assert y.referred_to == {"city-amr": 1}
    ds = _with_followups(programme())
    assert y.referred_names == {"city-amr": ds.department_by_id["city-amr"].name}


def test_year_end_names_the_departments_matters_were_referred_to():
    """Officials read names: section 七 lists each department by name, its id beside it."""
    from softenv_core import CITY_OFFICE, render_yearend, year_end

    ds = _with_followups(programme())
    text = render_yearend(year_end(ds, 2025, audience=CITY_OFFICE))
    name = ds.department_by_id["city-amr"].name
    assert f"提请部门研究：{name} 1项" in text  # its id only where names are shared (c52 07)


def test_a_referral_names_its_department_and_a_followup_must_point_at_an_item():
    with pytest.raises(ValueError, match="department"):
        FollowUp("F", MatterSource.CONTACT, "C1", 0, FollowUpKind.REFERRED, date(2025, 1, 1), "王明")
    doc = dump_dataset(programme())
    doc["followups"] = [
        {
            "id": "F1",
            "source": "contact",
            "record": "C-nope",
            "item": 0,
            "kind": "resolved",
            "date": "2025-03-01",
            "actor": "王明",
        },
        {
            "id": "F2",
            "source": "contact",
            "record": "C-P4-2025-03",
            "item": 0,
            "kind": "resolved",
            "date": "2025-03-01",
            "actor": "张伟",
        },
    ]
    with pytest.raises(InputError) as exc:
        loads_dataset(doc)
    assert "$.followups[0] (F1).record: unknown contact 'C-nope'" in exc.value.problems
    assert "$.followups[1] (F2).item: contact 'C-P4-2025-03' has 0 item(s), no item 0" in exc.value.problems


# --- 定人 ------------------------------------------------------------------------------


def test_a_contact_by_someone_other_than_the_liaison_person_is_flagged():
    check = liaison_check(programme(), Month(2025, 3))
    # P1 by 王明 and P3 by 张伟: theirs; P2 by 赵强, not 李华: flagged; P4 does not say who.
    assert (check.contacts, check.by_liaison_person, check.unrecorded) == (4, 2, 1)
    ((flag,),) = (check.flagged,)
    assert (flag.contact, flag.liaison_person, flag.made_by, flag.office) == ("C-P2-2025-03", "李华", "赵强", A)
    assert check.no_person == ()


def test_liaison_workload_is_points_per_person():
    w = liaison_workload(programme(), date(2025, 3, 31))
    assert [(x.office, x.person, x.points) for x in w.persons] == [
        (A, "李华", ("P2",)),
        (B, "张伟", ("P3", "P4")),
        ("city", "王明", ("P1",)),
    ]
    assert w.unassigned == ("P5",)  # P6 is not yet designated


# --- adjustment ---------------------------------------------------------------------------


def _change(cid, point, action, reason, day):
    return RosterChange(cid, point, action, reason, day, Designator.COUNTY, A if point in ("P2", "P6") else B)


def test_changes_outside_the_annual_window_are_flagged_unless_deregistered_or_own_wish():
    ds = attrs.evolve(
        programme(),
        roster_changes=(
            _change("RC1", "P3", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 1, 1)),
            _change("RC2", "P4", ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 7, 1)),
            _change("RC3", "P2", ChangeAction.REMOVE, ChangeReason.UNQUALIFIED, date(2025, 5, 1)),
            _change("RC4", "P6", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 6, 1)),
            _change("RC5", "P3", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2024, 6, 1)),  # another year
        ),
    )
    checks = check_window(ds, 2025, PARAMS)
    assert [(c.change, c.inside, c.exempt, c.flagged) for c in checks] == [
        ("RC1", True, False, False),
        ("RC3", False, False, True),
        ("RC4", False, False, True),
        ("RC2", False, True, False),
    ]
    assert checks[1].explanation == "2025-05-01生效，不在年度调整期（2025-01-01至2025-01-31）内"
    assert checks[0].params[0].reference.startswith("city decision")


def test_proposals_from_departments_suggestions_and_representativeness_gaps():
    ds = attrs.evolve(
        programme(),
        adjustment_suggestions=(
            AdjustmentSuggestion(
                "S1", "city-tax", ChangeAction.REMOVE, A, date(2025, 9, 1), "欠税被列入经营异常名录", "P5"
            ),
            AdjustmentSuggestion("S2", "city-amr", ChangeAction.ADD, B, date(2025, 10, 1), "建议增设一家外资商贸企业"),
            AdjustmentSuggestion("S0", "city-amr", ChangeAction.ADD, B, date(2024, 10, 1), "上年的建议"),
            # P2 left the roster on 04-30: not designated at year end, no proposal (auditor a71 03).
            AdjustmentSuggestion("S3", "city-tax", ChangeAction.REMOVE, A, date(2025, 9, 1), "已停业", "P2"),
        ),
    )
    (removal,) = propose_from_suggestions(ds, 2025)
    assert (removal.point, removal.reasons, removal.evidence) == ("P5", ("department_suggestion",), ("S1",))
    assert removal.action is ChangeAction.REMOVE  # an enum, as propose_adjustments gives
    assert removal.explanation == ("市税务局2025-09-01建议：欠税被列入经营异常名录",)
    # On 2025-12-31: 东城区 has P1 (工业), P5 (服务), P6 (服务) — no 商业 since P2 left on 04-30;
    # 西城区 P3 (工业) only; 青山县 none. All points are 中型 民营.
    adds = propose_additions(ds, 2025, PARAMS)
    assert [(a.scope, a.dimension, a.wanted) for a in adds] == [
        (C, "county", C),
        (A, "sector", "commerce"),
        (B, "sector", "commerce"),
        (B, "sector", "services"),
        ("city", "size", "large"),
        ("city", "size", "small"),
        ("city", "size", "micro"),
        ("city", "ownership", "state"),
        ("city", "ownership", "foreign"),
        (B, "enterprise", "S2"),
    ]
    assert adds[0].explanation == "青山县无监测点" and adds[-1].source == "department_suggestion"


# --- 专项调研 lifecycle --------------------------------------------------------------------


def _topics():
    return (
        ResearchTopic(
            "T1",
            "涉企多头检查问题专项调研",
            owner="city",
            events=(
                TopicEvent(TopicState.PROPOSED, date(2025, 3, 1)),
                TopicEvent(TopicState.OPENED, date(2025, 3, 15)),
                TopicEvent(TopicState.FINDINGS, date(2025, 6, 30)),
                TopicEvent(TopicState.MEASURES, date(2025, 9, 10)),
                TopicEvent(TopicState.CLOSED, date(2025, 11, 20)),
            ),
            evidence=("C-P1-2025-02", "C-P3-2025-02"),
            findings=(Finding(date(2025, 6, 30), "检查计划未统筹"),),
            measures=(Measure(date(2025, 9, 10), "推行联合检查", "city-amr"),),
        ),
        ResearchTopic(
            "T2",
            "退税到账慢问题调研",
            owner=B,
            events=(
                TopicEvent(TopicState.PROPOSED, date(2025, 10, 1)),
                TopicEvent(TopicState.OPENED, date(2025, 10, 20)),
            ),
        ),
        ResearchTopic("T3", "用工问题调研", date(2024, 5, 1)),  # first-version record: opened only
        ResearchTopic(
            "T4",
            "上年已结题",
            events=(TopicEvent(TopicState.OPENED, date(2024, 2, 1)), TopicEvent(TopicState.CLOSED, date(2024, 10, 1))),
        ),
    )


def test_topic_progress_on_a_day():
    ds = attrs.evolve(programme(), research_topics=_topics())
    rows = {p.topic: p for p in topic_progress(ds, date(2025, 7, 1))}
    assert set(rows) == {"T1", "T3", "T4"}  # T2 not yet proposed
    t1 = rows["T1"]
    assert (t1.state, t1.state_zh, t1.owner_name, t1.evidence) == ("findings", "形成调研结论", "市经贸委", 2)
    assert list(t1.reached) == ["proposed", "opened", "findings"]
    assert t1.findings == ("2025-06-30 检查计划未统筹",) and t1.measures == ()
    assert rows["T3"].state == "opened" and rows["T3"].reached == {"opened": date(2024, 5, 1)}


def test_topics_of_the_year_and_their_outcomes():
    ds = attrs.evolve(programme(), research_topics=_topics())
    y = topics_of_year(ds, 2025)
    assert [t.topic for t in y.topics] == ["T1", "T2", "T3"]  # T4 closed in 2024
    assert y.by_state == {"proposed": 0, "opened": 2, "findings": 0, "measures": 0, "closed": 1}
    assert y.with_measures == 1
    assert y.topics[1].owner_name == "西城区经贸委"


def test_a_common_problem_becomes_a_proposed_topic_with_its_evidence():
    # 执法 × 市市场监管局 in February and March: P1, P2, P3 in 东城区 and 西城区 (≥ 3 points, ≥ 2 counties).
    ds = programme()
    (candidate,) = [
        c
        for c in research_topics(ds, Month(2025, 2), Month(2025, 3), PARAMS, audience=CITY_OFFICE)
        if c.category == "enforcement"
    ]
    topic = propose_topic(candidate, "T9", date(2025, 4, 1), owner=A)
    assert (topic.state, topic.owner, topic.department) == (TopicState.PROPOSED, A, "city-amr")
    assert topic.evidence == ("C-P1-2025-02", "C-P1-2025-03", "C-P2-2025-03", "C-P3-2025-02", "Q1")
    assert loads_dataset(dump_dataset(attrs.evolve(ds, research_topics=(topic,)))).research_topics == (topic,)
    doc = dump_dataset(attrs.evolve(ds, research_topics=(attrs.evolve(topic, evidence=("C-gone",)),)))
    with pytest.raises(InputError, match=r"evidence\[0\]: unknown contact, report or complaint 'C-gone'"):
        loads_dataset(doc)


def test_a_topic_never_moves_backwards_nor_finds_before_it_opened():
    with pytest.raises(ValueError, match="cannot follow"):
        ResearchTopic(
            "T",
            "题目",
            events=(TopicEvent(TopicState.FINDINGS, date(2025, 1, 1)), TopicEvent(TopicState.OPENED, date(2025, 2, 1))),
        )
    with pytest.raises(ValueError, match="before the topic was opened"):
        ResearchTopic("T", "题目", date(2025, 5, 1), findings=(Finding(date(2025, 4, 1), "结论"),))


# --- guarantees --------------------------------------------------------------------------


def test_which_counties_have_a_work_plan_and_publicity():
    ds = attrs.evolve(
        programme(),
        work_plans=(
            WorkPlan(
                "WP-A-2025", A, 2025, date(2025, 2, 20), "2025年监测点工作计划", ("走访全覆盖", "零报告按时率100%")
            ),
        ),
        publicity=(
            PublicityActivity("PA1", A, date(2025, 4, 8), PublicityKind.VISIT, "市经贸委走访东城区经贸委", "city"),
            PublicityActivity("PA2", B, date(2025, 5, 20), PublicityKind.MEETING, "监测点工作宣传会", B, 40),
            PublicityActivity("PA3", B, date(2024, 11, 1), PublicityKind.MEDIA, "上年宣传", B),
        ),
    )
    g = guarantees(ds, 2025)
    a, b, _ = g.counties
    assert (a.work_plan, len(a.targets), a.publicity, a.publicity_by_city) == ("WP-A-2025", 2, ("PA1",), 1)
    assert (b.work_plan, b.publicity, b.publicity_by_county) == (None, ("PA2",), 1)
    assert g.without_plan == (B, C) and g.without_publicity == (C,)


# --- loading -----------------------------------------------------------------------------


def test_a_document_without_the_new_records_and_fields_still_loads():
    ds = programme()
    doc = dump_dataset(ds)
    for name in ("followups", "adjustment_suggestions", "work_plans", "publicity"):
        del doc[name]
    for p in doc["points"]:
        del p["liaison_person"]
    for c in doc["contacts"]:
        del c["made_by"]
    doc["research_topics"] = [{"id": "T-old", "title": "旧版专项调研", "opened": "2024-05-01", "evidence": []}]
    loaded = loads_dataset(doc)
    assert loaded.followups == () and loaded.points[0].liaison_person is None
    (topic,) = loaded.research_topics
    assert (topic.owner, topic.state, topic.opened_on) == ("city", TopicState.OPENED, date(2024, 5, 1))


def test_new_records_round_trip_and_their_references_are_checked():
    ds = attrs.evolve(_with_followups(programme()), research_topics=_topics())
    assert loads_dataset(dump_dataset(ds)) == ds
    doc = dump_dataset(ds)
    doc["research_topics"][0]["owner"] = "379999"
    doc["work_plans"] = [{"id": "W", "county": "379999", "year": 2025, "adopted_on": "2025-01-05", "title": "计划"}]
    with pytest.raises(InputError) as exc:
        loads_dataset(doc)
    assert "$.research_topics[0] (T1).owner: expected 'city' or a county code, got '379999'" in exc.value.problems
    assert "$.work_plans[0] (W).county: unknown county '379999'" in exc.value.problems


@HEAVY  # every example a generated dataset (tests/weights.py)
@given(datasets())
def test_generated_datasets_with_the_new_records_load_back_equal(ds):
    assert loads_dataset(dump_dataset(ds)) == ds
    for t in ds.research_topics:
        assert t.opened_on is not None and all(f.date >= t.opened_on for f in t.findings)


# --- invariants over generated datasets ----------------------------------------------------


def _year(ds):
    return min((c.date.year for c in ds.contacts), default=2025)


@HEAVY  # every example a generated dataset (tests/weights.py)
@given(datasets(), st.sampled_from([(6, 30), (12, 31)]))
def test_every_matter_is_resolved_closed_without_action_or_open(ds, day):
    on = date(_year(ds), *day)
    y = followup_year(ds, on.year, PARAMS)
    assert y.resolved + y.no_action + y.open_at_year_end == y.matters
    assert y.helped <= y.matters
    found = open_matters(ds, on, PARAMS)
    assert all(s.open and s.closed_by is None and s.age_days >= 0 for s in found.open)


@HEAVY  # every example a generated dataset (tests/weights.py)
@given(datasets())
def test_each_contact_is_by_the_liaison_person_flagged_unrecorded_or_uncheckable(ds):
    for m in Year(_year(ds)).months[:3]:
        check = liaison_check(ds, m)
        no_person = sum(c.point in check.no_person for c in ds.contacts_by_month.get(m, ()))
        assert check.by_liaison_person + len(check.flagged) + check.unrecorded + no_person == check.contacts


@settings(max_examples=examples(15), deadline=None)
@given(datasets(months_covered=4), st.integers(2, 5))
def test_a_cell_small_in_any_month_is_hidden_in_all_and_no_change_involves_a_hidden_cell(ds, min_cell):
    t = trends(ds, Month(_year(ds), 3), _pm(), PARAMS)
    view = trend_view(t, min_cell)
    figures = [f for f in (t.current, t.previous, t.last_year) if f.has_data]
    for r in view.rows:
        cells = [c for c in (r.current, r.previous, r.last_year) if c is not None]
        if r.vs_previous is not None:
            assert r.current.value is not None and r.previous.value is not None
        if r.dimension not in ("category", "department", "county"):
            continue
        if any(0 < f.parts(r.dimension).get(r.key, 0) < min_cell for f in figures):
            assert all(c.suppressed for c in cells)


@settings(max_examples=examples(20))
@given(st.from_type(ResearchTopic), st.from_type(WorkPlan), st.from_type(PublicityActivity))
def test_the_new_records_have_registered_strategies_that_draw_valid_records(topic, plan, act):
    assert topic.state_on(date(2026, 12, 31)) is topic.state
    assert plan.year == 2025 and act.date.year == 2025


# --- the programme in the monthly 监测报告 (integration) --------------------------------------


def _march(audience="city"):
    from softenv_core.analyses.monitoring_report import monitoring_report

    return monitoring_report(_with_followups(programme()), Month(2025, 3), _pm(), audience=audience)


def test_the_monthly_report_carries_the_trends_of_trends_py():
    r = _march()
    # The same figures as trends.py gives the city office: 7 items against 3 (+4), 2024-03
    # before the dataset's records begin: without data, said after the comparisons.
    assert r.trends is not None and r.trends.min_cell == 1
    assert r.trends.sentences[0] == "本月反映问题 7 项，较上月增加 4 项"
    assert r.trends.sentences[-1] == "去年同月(2024-03)无数据，不作同比"
    total = r.trends.row("total")
    assert (total.current.value, total.previous.value, total.last_year) == (7, 3, None)
    from softenv_core.render.monitoring_report import render_markdown

    md = render_markdown(r)
    # printed in the paragraph's full-width punctuation (render.trend_text.sentence_zh)
    assert "本月反映问题 7 项，较上月增加 4 项；" in md and "去年同月(2024-03)无数据，不作同比。" in md
    assert "| 反映问题合计 | 7 | 3 | +4 | 无数据 | — |" in md


def test_the_monthly_report_lists_open_matters_oldest_first_with_their_age():
    r = _march()
    # At 03-31 (the month's last day): February's three items raised 02-10 are 49 days old
    # (18 days left in February + 31 in March); March's four still open (raised 03-10) are 21.
    # P1's first March item was resolved 03-20, P2's fee item closed as 无需处理 03-25; the
    # report's items (submitted 04-02) are not raised yet.
    assert [(m.record, m.age_days, m.last_step) for m in r.open_matters] == [
        ("C-P1-2025-02", 49, None),
        ("C-P2-2025-02", 49, None),
        ("C-P3-2025-02", 49, None),
        ("C-P1-2025-03", 21, "referred"),
        ("C-P1-2025-03", 21, None),
        ("C-P2-2025-03", 21, None),
        ("C-P3-2025-03", 21, None),
    ]
    assert r.open_matters_long == 0  # none reaches 60 days
    from softenv_core.render.monitoring_report import render_markdown

    md = render_markdown(r)
    assert "截至2025-03-31未办结事项7项，其中达到跟踪时限0项。" in md  # the day ages run to (t11 10)
    assert "| 2025-03-10 | 379902 东城区 | 执法 | 市市场监管局 | 处罚标准不统一 | 提请有关部门研究 | 21天 |" in md


def test_open_matters_outside_the_city_office_keep_to_the_reader_and_hide_whose_they_are():
    # 西城区 sees its own two (P3's, 49 and 21 days), with their records and points.
    mine = _march(f"county:{B}").open_matters
    assert [(m.record, m.point, m.age_days) for m in mine] == [("C-P3-2025-02", "P3", 49), ("C-P3-2025-03", "P3", 21)]
    # 市税务局 sees the matters about it: P2's February fee item and P3's March 退税 item (no
    # record, no point); P2's March fee item was closed 03-25. Each county has one such
    # matter, below privacy.min_cell (3): the county is withheld too (issue 15), or 东城区's
    # one matter would point at one of its few enterprises.
    tax = _march("department:city-tax").open_matters
    assert [(m.county, m.record, m.point, m.age_days) for m in tax] == [("", "", None, 49), ("", "", None, 21)]
    assert _march("public").open_matters == ()


def test_enterprise_names_in_open_matters_are_masked_outside_the_city_office():
    ds = _with_followups(programme())
    named = attrs.evolve(
        ds.contacts[0], items=(Item(ENF, "测试企业1有限公司反映同一事项多头检查", "city-amr"),)
    )  # make_point names P1's enterprise 测试企业1有限公司
    ds = attrs.evolve(ds, contacts=(named, *ds.contacts[1:]))
    from softenv_core.analyses.monitoring_report import monitoring_report

    city = monitoring_report(ds, Month(2025, 3), _pm(), audience=CITY_OFFICE).open_matters[0]
    county = monitoring_report(ds, Month(2025, 3), _pm(), audience=f"county:{A}").open_matters[0]
    assert city.text.startswith("测试企业1有限公司")
    assert "测试企业1有限公司" not in county.text and county.text.endswith("反映同一事项多头检查")


def test_the_monthly_overview_gives_points_per_liaison_person_and_flags_contacts_by_someone_else():
    r = _march()
    # 李华 P2 (东城区), 张伟 P3 and P4 (西城区), 王明 P1 (city); P5 has nobody named.
    assert [(w.office, w.person, w.points) for w in r.liaison_workload] == [
        ("city", "王明", 1),  # the city's office first, as in the table above (auditor a67 05)
        (A, "李华", 1),
        (B, "张伟", 2),
    ]
    assert r.liaison_unassigned == 1
    rows = {c.county: c for c in r.contacts}
    # P2's March contact was made by 赵强, not 李华: flagged beside the wrong-office flags.
    assert (rows[A].not_liaison, rows[A].not_liaison_count) == (("C-P2-2025-03",), 1)
    assert (rows[B].not_liaison_count, rows[C].not_liaison_count) == (0, 0)
    # A county sees the count, not the contact, and the names of its own office's persons only.
    county = _march(f"county:{B}")
    assert {c.county: c.not_liaison for c in county.contacts}[A] == ()
    assert {c.county: c.not_liaison_count for c in county.contacts}[A] == 1
    assert [(w.office, w.person) for w in county.liaison_workload] == [("city", None), (A, None), (B, "张伟")]


def test_trends_in_the_public_report_are_suppressed_jointly():
    r = _march("public")
    # privacy.min_cell is 3 outside the city office; the same view as trend_view(min_cell=3).
    assert r.trends is not None and r.trends.min_cell == 3
    assert r.trends.row("department", "city-amr").current.suppressed
    assert r.trends.row("department", "city-amr").vs_previous is None
    assert "本月收到直接反馈（已隐去）" in r.trends.sentences


def test_the_documents_say_who_compiles_and_read_open_steps_as_pending():
    from softenv_core.render.monitoring_report import render_markdown

    md = render_markdown(_march())
    assert "**编制单位**：市经贸委" in md and "（本节由市软建办提供）" in md
    # Q1 waits for its resolution (办结 is the step still to do): never "当前环节: 办结".
    assert "| Q1 | 投诉 | 执法 | 市市场监管局 | 市市场监管局 | 办理中（待办结） |" in md
    # A submission recorded in UTC (01:00Z on 04-02) is shown in Beijing time (09:00); the
    # deadline is 04-05, a Saturday, moved (顺延) to Monday 04-07, at 23:59.
    from datetime import UTC, datetime

    from softenv_core.analyses.monitoring_report import monitoring_report

    ds = programme()
    utc = attrs.evolve(ds.reports[0], submitted_at=datetime(2025, 4, 2, 1, 0, tzinfo=UTC))
    md = render_markdown(
        monitoring_report(attrs.evolve(ds, reports=(utc,)), Month(2025, 3), _pm(), audience=CITY_OFFICE)
    )
    assert "| 379903 西城区 | 2025-04-07 23:59 | 2025-04-02 09:00 | 按时 |" in md


def test_the_year_end_counts_follow_ups_topics_window_proposals_and_guarantees():
    from softenv_core.analyses.year_end import YearEnd, year_end
    from softenv_core.render.year_end import render_yearend

    ds = attrs.evolve(
        _with_followups(programme()),
        adjustment_suggestions=(
            AdjustmentSuggestion(
                "S1", "city-tax", ChangeAction.REMOVE, A, date(2025, 9, 1), "欠税被列入经营异常名录", "P5"
            ),
        ),
        work_plans=(WorkPlan("WP-A-2025", A, 2025, date(2025, 2, 20), "2025年监测点工作计划", ("走访全覆盖",)),),
        publicity=(
            PublicityActivity("PA1", A, date(2025, 4, 8), PublicityKind.VISIT, "市经贸委走访东城区经贸委", "city"),
        ),
    )
    y = year_end(ds, 2025, _pm(), audience=CITY_OFFICE)
    # Follow-ups as test_year_end_counts_how_many_matters_were_helped_and_how: 10 matters, 3
    # helped (FU1 information, FU3 referral, FU4 coordination), 1 resolved, 1 no action, 8 open.
    assert y.followups is not None
    assert (y.followups.matters, y.followups.helped, y.followups.open_at_year_end) == (10, 3, 8)
    # No roster changes in the handmade year: nothing to check against the window.
    assert y.window == ()
    assert [(p.point, p.evidence) for p in y.suggested_removals] == [("P5", ("S1",))]
    # 青山县 has no point: the first addition proposal is for it.
    assert (y.additions[0].scope, y.additions[0].dimension) == (C, "county")
    # 东城区 has a plan and one activity; 西城区 and 青山县 neither.
    assert y.guarantees is not None
    assert (y.guarantees.without_plan, y.guarantees.without_publicity) == ((B, C), (B, C))
    assert y.research is not None and y.research.topics == ()
    assert YearEnd.from_json(y.to_json()) == y  # the new parts go through the JSON writer and back
    md = render_yearend(y)
    assert "全年反映事项（不含经营状况）10项，提供帮助3项；已解决1项，无需处理1项，年末未办结8项。" in md
    assert "| 379902 东城区 | WP-A-2025 | 1 | 有 | 1 |" in md
    assert "| 379921 青山县 | 无 | 0 | 无 | 0 |" in md


def test_trends_count_a_point_reached_only_by_its_own_liaison_office_as_the_overview_does():
    ds = programme()
    # P3 (西城区) reached in March by 东城区's office instead: flagged as wrong office in the
    # overview and not counted there; the trend agrees: March reached 4 - 1 = 3, February 3.
    wrong = tuple(attrs.evolve(c, liaison=A) if c.id == "C-P3-2025-03" else c for c in ds.contacts)
    ds = attrs.evolve(ds, contacts=wrong)
    from softenv_core.analyses.monitoring_report import monitoring_report

    r = monitoring_report(ds, Month(2025, 3), _pm(), audience=CITY_OFFICE)
    assert r.trends is not None
    assert r.trends.row("points_reached").current.value == sum(c.reached for c in r.contacts) == 3
    assert r.trends.row("points_reached").vs_previous == 0


def test_a_month_with_nobody_named_says_so_in_a_sentence_not_an_empty_table():
    """Review g4 note: no liaison person named but points unassigned gave a table of no rows."""
    from softenv_core.render.monitoring_report import render_markdown

    r = attrs.evolve(_march(), liaison_workload=(), liaison_unassigned=5)
    text = render_markdown(r)
    part = text.split("### 定人联系工作量", 1)[1].split("###", 1)[0]
    assert "未指定联系人的监测点5个" in part and "| 联系单位 |" not in part, part
