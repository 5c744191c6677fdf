"""Matters (事项) as the common problems count them, and their groups by category and department.

An item or complaint that names no department counts too, in a group of its own per category
(docs/rules.md "Common problems (三(四))": the library's reading, an open question for the city):
without it six points in two counties raising 招工难 (困难问题, typically about no department)
were counted in section 四 and never made a 共性问题 (auditor a70 03).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from softenv_core.model.complaints import Complaint
from softenv_core.model.indexes import ReadOnlyIndex
from softenv_core.model.reports import Contact, MonthlyReport

#: The department of a matter that names none, in a matter and a group's key. A string, not
#: None: the keys are sorted (the problems are listed in key order), and a None beside a
#: department id in the same category would compare None with str (a TypeError). The empty
#: string is no department id (an id is 1-64 characters, and a valid dataset's items and
#: complaints name known ones), so it cannot merge with a department's group; it sorts before
#: every id, so a category's group without a department comes first, the same on every run.
#: ``department_of_key`` gives None back for the results (CommonProblem.department).
NO_DEPARTMENT = ""

#: A month's matters of one category and department: (points, their counties, record ids).
MatterGroup = tuple[frozenset[str], frozenset[str], frozenset[str]]

#: A matter (事项) as the common problems count it: (category, department or NO_DEPARTMENT,
#: point, record id), for one that names its point (followup_status.Matter is the followed item).
MatterRef = tuple[str, str, str, str]


def department_of_key(department: str) -> str | None:
    """A group key's department as the results carry it: None for a matter naming none."""
    return None if department == NO_DEPARTMENT else department


def contact_matters(contacts: Iterable[Contact]) -> Iterator[MatterRef]:
    """The matters ``contacts`` raise: each item, with or without its department."""
    for c in contacts:
        for it in c.items:
            yield (it.category.value, it.department or NO_DEPARTMENT, c.point, c.id)


def report_matters(reports: Iterable[MonthlyReport], as_of: datetime | None = None) -> Iterator[MatterRef]:
    """The matters of ``reports`` known at ``as_of`` (all when None), each report as it read
    then (its latest amendment known then, DESIGN "Zero report"): each item that names its
    point (an item without one cannot be counted per point), with or without its department."""
    for r in reports:
        if as_of is None or r.submitted_at <= as_of:
            for it in r.version_at(as_of).items:
                if it.point is not None:
                    yield (it.category.value, it.department or NO_DEPARTMENT, it.point, r.id)


def complaint_matters(complaints: Iterable[Complaint], as_of: datetime | None = None) -> Iterator[MatterRef]:
    """The matters of ``complaints`` received by ``as_of`` (all when None), with or without the
    department complained about: one found false or malicious (by then) raises none (city
    decision, as the duty score counts it as no feedback: docs/rules.md "Common problems")."""
    for q in complaints:
        if as_of is not None and q.events[0].at > as_of:
            continue
        if not (q.found_false if as_of is None else q.found_false_at(as_of)):
            yield (q.category.value, q.department or NO_DEPARTMENT, q.point, q.id)


def group_matters(
    matters: Iterable[MatterRef], point_county: Mapping[str, str]
) -> ReadOnlyIndex[tuple[str, str], MatterGroup]:
    """Matters (category, department, point, record id) by (category, department): the points,
    their counties and the records behind each (a month's, in ``unreported_groups_by_month``)."""
    points: dict[tuple[str, str], set[str]] = {}
    records: dict[tuple[str, str], set[str]] = {}
    for category, department, point, record in matters:
        key = (category, department)
        found = points.get(key)
        if found is None:
            found = points[key] = set()
            records[key] = set()
        found.add(point)
        records[key].add(record)
    return ReadOnlyIndex(
        {
            key: (
                frozenset(ps),
                frozenset(point_county[p] for p in ps if p in point_county),
                frozenset(records[key]),
            )
            for key, ps in points.items()
        }
    )


__all__ = [
    "NO_DEPARTMENT",
    "MatterGroup",
    "MatterRef",
    "complaint_matters",
    "contact_matters",
    "department_of_key",
    "group_matters",
    "report_matters",
]
