"""The starter dataset of ``softenv init``: one worked example record of every kind.

The same records fill the starter workbook's example rows and the minimal JSON dataset, so a
clerk can compare the two and either can be loaded as it is.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Satisfaction, Verdict
from softenv_core.model.dataset import COLLECTIONS, Dataset
from softenv_core.model.divisions import City, County, CountyKind, Department
from softenv_core.model.enterprises import Enterprise, Ownership, Sector, synthetic_uscc
from softenv_core.model.followups import FollowUp, FollowUpKind, MatterSource
from softenv_core.model.guarantees import PublicityActivity, PublicityKind, WorkPlan
from softenv_core.model.periods import BEIJING, HalfYear, Month
from softenv_core.model.points import Designator, LiaisonTerm, MonitoringPoint, PointLevel
from softenv_core.model.reports import Amendment, Contact, ContactMethod, Item, ItemCategory, MonthlyReport
from softenv_core.model.roster import (
    AdjustmentSuggestion,
    ChangeAction,
    ChangeReason,
    CommendationDecision,
    Filing,
    Finding,
    Measure,
    Nomination,
    ResearchTopic,
    RosterChange,
    TopicEvent,
    TopicState,
    Waiver,
)
from softenv_core.model.sizes import Size

#: The starter's records as a JSON dataset, beside the workbook: named as example data, not as
#: the file a clerk imports into (as dataset.json it took --into's examples: tester t11 06).
STARTER_JSON_NAME = "示例数据.json"
#: Example records a real city may hold as they are (its 市场监管局, the first half-year's
#: appraisal round): not told, or every real dataset would be.
SHARED_EXAMPLES = ("departments", "appraisal_rounds")


def _at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BEIJING)


_COUNTY, _POINT, _DEPT = "379902", "P379902-001", "city-amr"


def _starter_point() -> MonitoringPoint:
    return MonitoringPoint(
        _POINT,
        Enterprise(
            "示范精密机械有限公司",
            synthetic_uscc(_COUNTY, 1),
            Size.MEDIUM,
            Ownership.PRIVATE,
            Sector.INDUSTRY,
            industry="C34",
            employees=350,
            revenue_wan=25000.0,
            assets_wan=18000.0,
        ),
        _COUNTY,
        PointLevel.COUNTY,
        Designator.CITY,
        date(2025, 1, 1),
        liaison_person="张三",
        # An example of a 定人 who changed: 李四 until 2025-02-14, 张三 (the contact below) since.
        former_liaison_persons=(LiaisonTerm("李四", date(2025, 2, 14)),),
    )


def _starter_contact() -> Contact:
    contact_item = Item(ItemCategory.DIFFICULTY, "用工成本上升，技术工人招聘难", _DEPT)
    return Contact(
        "C-2025-03-001",
        _POINT,
        date(2025, 3, 12),
        ContactMethod.PHONE,
        _COUNTY,
        True,
        (contact_item,),
        made_by="张三",
    )


def _starter_report() -> MonthlyReport:
    return MonthlyReport(
        "R-379902-2025-03",
        _COUNTY,
        Month(2025, 3),
        _at(2025, 4, 3, 10, 30),
        "示范区经贸委 张三",
        (Item(ItemCategory.FEES, "反映检验检测收费偏高", _DEPT, _POINT),),
        amendments=(
            Amendment(
                _at(2025, 4, 8, 9),
                "示范区经贸委 张三",
                (Item(ItemCategory.FEES, "反映检验检测收费偏高，已附收费清单", _DEPT, _POINT),),
                note="补充收费清单",
            ),
        ),
    )


def _starter_complaint() -> Complaint:
    return Complaint(
        "F-2025-001",
        ComplaintKind.COMPLAINT,
        _POINT,
        _DEPT,
        ItemCategory.FEES,
        "企业反映某检测机构重复收费",
        events=(
            ComplaintEvent(EventType.RECEIVED, _at(2025, 3, 14, 9), "市软建办 李四"),
            ComplaintEvent(EventType.ACCEPTED, _at(2025, 3, 14, 15), "市软建办 李四"),
            ComplaintEvent(EventType.ASSIGNED, _at(2025, 3, 14, 16), "市软建办 李四", unit=_DEPT),
            ComplaintEvent(EventType.SIGNED, _at(2025, 3, 17, 9), "市市场监管局 王五"),
            ComplaintEvent(
                EventType.RESOLVED, _at(2025, 3, 28, 17), "市市场监管局 王五", verdict=Verdict.SUBSTANTIATED
            ),
            ComplaintEvent(
                EventType.FOLLOWED_UP,
                _at(2025, 3, 31, 10),
                "市软建办 李四",
                satisfaction=Satisfaction.SATISFIED,
            ),
            ComplaintEvent(EventType.CLOSED, _at(2025, 3, 31, 11), "市软建办 李四"),
        ),
    )


def _starter_research_topic() -> ResearchTopic:
    return ResearchTopic(
        "T-2025-001",
        "用工成本问题专项调研",
        date(2025, 4, 10),
        "difficulty",
        _DEPT,
        ("C-2025-03-001",),
        owner=_COUNTY,
        events=(
            TopicEvent(TopicState.PROPOSED, date(2025, 4, 1)),
            TopicEvent(TopicState.OPENED, date(2025, 4, 10)),
            TopicEvent(TopicState.FINDINGS, date(2025, 6, 20), "走访企业12家"),
        ),
        findings=(Finding(date(2025, 6, 20), "社保缴费基数调整后中小企业用工成本上升约8%"),),
        measures=(Measure(date(2025, 7, 15), "协调开展稳岗补贴政策宣讲", _DEPT),),
    )


def _starter_followup() -> FollowUp:
    return FollowUp(
        "FU-2025-001",
        MatterSource.CONTACT,
        "C-2025-03-001",
        0,
        FollowUpKind.COORDINATION,
        date(2025, 3, 20),
        "示范区经贸委 张三",
        note="联系人社部门上门讲解政策",
    )


def _starter_work_plan() -> WorkPlan:
    return WorkPlan(
        "WP-2025-001",
        _COUNTY,
        2025,
        date(2025, 2, 20),
        "2025年监测点工作方案",
        ("监测点每月联系率达到100%", "新增监测点覆盖商业、服务业企业"),
    )


def starter_dataset() -> Dataset:
    """One example of every record kind, consistent with one another (it loads as it is)."""
    county, point, dept = _COUNTY, _POINT, _DEPT
    return Dataset(
        city=City("379900", "示范市"),
        counties=(County(county, "示范区", CountyKind.DISTRICT, "示范区经贸委"),),
        departments=(Department(dept, "市市场监管局"),),
        points=(_starter_point(),),
        contacts=(_starter_contact(),),
        reports=(_starter_report(),),
        complaints=(_starter_complaint(),),
        appraisal_rounds=(AppraisalRound("A-2025-H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25)),),
        ratings=(Rating("A-2025-H1", point, RaterGroup.POINT, dept, RatingLevel.SATISFIED),),
        roster_changes=(
            RosterChange(
                "RC-2025-001",
                point,
                ChangeAction.ADD,
                ChangeReason.DESIGNATION,
                date(2025, 1, 1),
                Designator.CITY,
                county,
            ),
        ),
        filings=(Filing("FL-2025-001", county, date(2024, 12, 20), ("RC-2025-001",)),),
        waivers=(
            Waiver("W-2025-001", county, Month(2025, 2), "春节期间报送系统故障，经市经贸委同意", date(2025, 3, 10)),
        ),
        nominations=(Nomination("N-2025-001", 2025, county, point, submitted_at=_at(2026, 1, 12, 9, 30)),),
        decisions=(CommendationDecision("D-2025-001", "N-2025-001", True, date(2026, 1, 20)),),
        research_topics=(_starter_research_topic(),),
        followups=(_starter_followup(),),
        adjustment_suggestions=(
            AdjustmentSuggestion(
                "S-2025-001", dept, ChangeAction.ADD, county, date(2025, 10, 15), "建议增设一家商贸企业为监测点"
            ),
        ),
        work_plans=(_starter_work_plan(),),
        publicity=(
            PublicityActivity(
                "PA-2025-001", county, date(2025, 4, 8), PublicityKind.VISIT, "市经贸委走访示范区经贸委", "city"
            ),
        ),
    )


def starter_examples(dataset: Dataset) -> list[tuple[str, int]]:
    """The records of ``dataset`` equal to one of the starter's examples, as (collection, index):
    the city not (the starter's is the demo's), nor the examples a real city may share."""
    starter = starter_dataset()
    found = []
    for name, cls in COLLECTIONS:
        if name in SHARED_EXAMPLES:
            continue
        first = attrs.fields(cls)[0].name  # compared first: most records differ there, cheaply
        examples = {getattr(e, first): e for e in getattr(starter, name)}
        for i, record in enumerate(getattr(dataset, name)):
            example = examples.get(getattr(record, first))
            if example is not None and record == example:
                found.append((name, i))
    return found


__all__ = ["SHARED_EXAMPLES", "STARTER_JSON_NAME", "starter_dataset", "starter_examples"]
