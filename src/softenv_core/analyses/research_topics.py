"""专项调研 (三(四)): common problems over any period, as topics with their evidence items."""

from __future__ import annotations

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.analyses.common_problems import common_problems
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month, beijing_date


@frozen
class EvidenceItem:
    """One matter behind a topic: the record, the point, its county, the month and the text."""

    record: str
    point: str
    county: str
    month: Month
    text: str


@frozen
class TopicCandidate:
    """A proposed 专项调研 topic: a common problem with the matters that show it."""

    title: str
    category: str
    department: str
    points: int
    counties: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[EvidenceItem, ...] = field(converter=to_tuple)
    already_open: str | None = None  # a ResearchTopic already opened on it


def research_topics(dataset: Dataset, first: Month, last: Month, params: ParameterSet) -> tuple[TopicCandidate, ...]:
    """Common problems raised from ``first`` to ``last`` (the whole span) as topic candidates."""
    point_county = dataset.point_county
    out = []
    for problem in common_problems(dataset, last, params, first=first):
        records = set(problem.evidence)
        items: list[EvidenceItem] = []
        for c in dataset.contacts:
            if c.id in records:
                items += [
                    EvidenceItem(c.id, c.point, point_county.get(c.point, ""), Month.of(c.date), it.text)
                    for it in c.items
                    if it.category.value == problem.category and it.department == problem.department
                ]
        for r in dataset.reports:
            if r.id in records:
                items += [
                    EvidenceItem(r.id, it.point, r.county, r.month, it.text)
                    for it in r.items
                    if it.point and it.category.value == problem.category and it.department == problem.department
                ]
        for q in dataset.complaints:
            if q.id in records and q.received_at is not None:
                items.append(
                    EvidenceItem(
                        q.id, q.point, point_county.get(q.point, ""), Month.of(beijing_date(q.received_at)), q.text
                    )
                )
        opened = next(
            (
                t.id
                for t in sorted(dataset.research_topics, key=lambda t: t.id)
                if t.category == problem.category and t.department == problem.department
            ),
            None,
        )
        title = f"{problem.department_name}“{problem.category_zh}”问题专项调研"
        out.append(
            TopicCandidate(
                title=title,
                category=problem.category,
                department=problem.department,
                points=len(problem.points),
                counties=problem.counties,
                evidence=tuple(sorted(items, key=lambda e: (e.month, e.record))),
                already_open=opened,
            )
        )
    return tuple(out)


__all__ = ["EvidenceItem", "TopicCandidate", "research_topics"]
