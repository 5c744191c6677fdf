"""Common problems (共性问题) across points: candidates for a 专项调研 (三(四)).

The baseline rule: the same category and department raised by at least ``common.min_points``
points in at least ``common.min_counties`` counties within ``common.window_months`` months.
Matters count from contacts, from county reports (where an item names its point) and from
direct feedback (complaints).
"""

from __future__ import annotations

from attrs import field, frozen

from softenv_core._validators import to_tuple
from softenv_core.engine.parameters import ParameterSet
from softenv_core.engine.trace import ParamValue
from softenv_core.model.dataset import Dataset, MatterGroup, group_matters
from softenv_core.model.periods import Month
from softenv_core.model.reports import ItemCategory


@frozen
class CommonProblem:
    """One category × department raised by enough points in enough counties, with evidence."""

    category: str
    category_zh: str
    department: str
    department_name: str
    first_month: Month
    last_month: Month
    points: tuple[str, ...] = field(converter=to_tuple)
    counties: tuple[str, ...] = field(converter=to_tuple)
    evidence: tuple[str, ...] = field(converter=to_tuple)  # contact, report and complaint ids
    params: tuple[ParamValue, ...] = field(converter=to_tuple)


def common_problems(
    dataset: Dataset,
    last: Month,
    params: ParameterSet,
    *,
    first: Month | None = None,
    direct_feedback: bool = True,
) -> tuple[CommonProblem, ...]:
    """Common problems among matters raised up to ``last``.

    Without ``first``, over the baseline's window of ``common.window_months`` months ending
    with ``last`` (the monthly report's use); with ``first``, over ``first``..``last`` (a
    专项调研 over any period). Empty when ``last`` ends before the rule is in force.
    ``direct_feedback=False``: without the complaints to 市软建办, for readers outside the
    city office (a problem there only because of complaints would tell that they were made).
    """
    on = last.last_day
    if not params.in_force("common.min_points", on):
        return ()  # a month before the baseline (February 2022's report): the rule is not in force
    min_points = params.get("common.min_points", on)
    min_counties = params.get("common.min_counties", on)
    window_pv = params.get("common.window_months", on)
    used: tuple[ParamValue, ...] = (min_points, min_counties)
    if first is None:
        first = last - (int(window_pv.value) - 1)
        used += (window_pv,)
    start = first
    groups = _groups(dataset, start, last) if direct_feedback else _groups_without_feedback(dataset, start, last)
    out = []
    for (category, department), parts in sorted(groups.items()):
        points = frozenset().union(*(p for p, _, _ in parts))
        counties = sorted(frozenset().union(*(c for _, c, _ in parts)))
        if len(points) >= int(min_points.value) and len(counties) >= int(min_counties.value):
            dept = dataset.department_by_id.get(department)
            out.append(
                CommonProblem(
                    category=category,
                    category_zh=ItemCategory.from_value(category).zh,
                    department=department,
                    department_name=dept.name if dept else department,
                    first_month=start,
                    last_month=last,
                    points=tuple(sorted(points)),
                    counties=tuple(counties),
                    evidence=tuple(sorted(frozenset().union(*(e for _, _, e in parts)))),
                    params=used,
                )
            )
    return tuple(out)


def _groups(dataset: Dataset, start: Month, last: Month) -> dict[tuple[str, str], list[MatterGroup]]:
    """Each month's matters come grouped by (category, department): the window is their union."""
    groups: dict[tuple[str, str], list[MatterGroup]] = {}
    month = start
    while month <= last:
        for key, group in dataset.matter_groups_by_month.get(month, {}).items():
            groups.setdefault(key, []).append(group)
        month = month + 1
    return groups


def _groups_without_feedback(dataset: Dataset, start: Month, last: Month) -> dict[tuple[str, str], list[MatterGroup]]:
    """The window's groups as :func:`_groups` gives them, the complaints left out: each month
    grouped again from its matters (the month indexes join the complaints in)."""
    complaints = {c.id for c in dataset.complaints}
    groups: dict[tuple[str, str], list[MatterGroup]] = {}
    month = start
    while month <= last:
        matters = (m for m in dataset.matters_by_month.get(month, ()) if m[3] not in complaints)
        for key, group in group_matters(matters, dataset.point_county).items():
            groups.setdefault(key, []).append(group)
        month = month + 1
    return groups


__all__ = ["CommonProblem", "common_problems"]
