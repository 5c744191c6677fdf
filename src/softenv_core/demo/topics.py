"""Three 专项调研 topics at different stages of their lifecycle, each with the contacts that show its problem."""

from __future__ import annotations

from datetime import date

from softenv_core.model.divisions import County
from softenv_core.model.points import CITY_LIAISON
from softenv_core.model.reports import Contact, ItemCategory
from softenv_core.model.roster import (
    Finding,
    Measure,
    ResearchTopic,
    TopicEvent,
    TopicState,
)


def research_topics(year: int, contacts: list[Contact], county_list: tuple[County, ...]) -> list[ResearchTopic]:
    """Closed (multiple inspections), at findings (labour), proposed (approvals); owners exist at every scale."""
    codes = {c.code for c in county_list}
    return [
        _inspections_topic(year, contacts),
        _labour_topic(year, contacts, "379902" if "379902" in codes else CITY_LIAISON),
        _approvals_topic(year, contacts, "379981" if "379981" in codes else CITY_LIAISON),
    ]


def _evidence(
    contacts: list[Contact], category: ItemCategory, department: str, before: date, county: str | None = None
) -> tuple[str, ...]:
    """Up to eight contacts before ``before`` that raised a matter of ``category`` for ``department``."""
    found = [
        c.id
        for c in contacts
        if c.date < before
        and (county is None or c.point.startswith(f"P{county}-"))
        and any(i.category is category and i.department == department for i in c.items)
    ]
    return tuple(sorted(found)[:8])


def _inspections_topic(year: int, contacts: list[Contact]) -> ResearchTopic:
    def d(month: int, day: int) -> date:
        return date(year, month, day)

    return ResearchTopic(
        f"T-{year}-01",
        "涉企多头检查、重复检查问题专项调研",
        category=ItemCategory.ENFORCEMENT.value,
        department="city-amr",
        evidence=_evidence(contacts, ItemCategory.ENFORCEMENT, "city-amr", d(2, 20)),
        owner=CITY_LIAISON,
        events=(
            TopicEvent(TopicState.PROPOSED, d(2, 20), "多个县区监测点反映同一问题"),
            TopicEvent(TopicState.OPENED, d(3, 10)),
            TopicEvent(TopicState.FINDINGS, d(6, 16)),
            TopicEvent(TopicState.MEASURES, d(8, 28)),
            TopicEvent(TopicState.CLOSED, d(11, 14)),
        ),
        findings=(Finding(d(6, 16), "检查计划未统筹, 部门间检查结果未互认"),),
        measures=(Measure(d(8, 28), "推行“双随机、一公开”联合检查, 同一企业年度检查原则上不超过两次", "city-amr"),),
    )


def _labour_topic(year: int, contacts: list[Contact], owner: str) -> ResearchTopic:
    def d(month: int, day: int) -> date:
        return date(year, month, day)

    return ResearchTopic(
        f"T-{year}-02",
        "企业用工难问题调研",
        category=ItemCategory.DIFFICULTY.value,
        department="city-hr",
        evidence=_evidence(contacts, ItemCategory.DIFFICULTY, "city-hr", d(5, 8)),
        owner=owner,
        events=(
            TopicEvent(TopicState.PROPOSED, d(5, 8)),
            TopicEvent(TopicState.OPENED, d(5, 22)),
            TopicEvent(TopicState.FINDINGS, d(9, 12)),
        ),
        findings=(Finding(d(9, 12), "技能型岗位缺口集中在机械制造和物流行业"),),
    )


def _approvals_topic(year: int, contacts: list[Contact], owner: str) -> ResearchTopic:
    return ResearchTopic(
        f"T-{year}-03",
        "工程建设项目审批提速调研",
        category=ItemCategory.SERVICE.value,
        department="city-approval",
        evidence=_evidence(contacts, ItemCategory.SERVICE, "city-approval", date(year, 10, 27)),
        owner=owner,
        events=(TopicEvent(TopicState.PROPOSED, date(year, 10, 27), "拟列入下年度调研计划"),),
    )
