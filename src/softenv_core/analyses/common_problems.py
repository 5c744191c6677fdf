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
from softenv_core.model.dataset import Dataset
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
    dataset: Dataset, last: Month, params: ParameterSet, *, first: Month | None = None
) -> tuple[CommonProblem, ...]:
    """Common problems among matters raised up to ``last``.

    Without ``first``, over the baseline's window of ``common.window_months`` months ending
    with ``last`` (the monthly report's use); with ``first``, over ``first``..``last`` (a
    专项调研 over any period).
    """
    on = last.last_day
    min_points = params.get("common.min_points", on)
    min_counties = params.get("common.min_counties", on)
    window_pv = params.get("common.window_months", on)
    used: tuple[ParamValue, ...] = (min_points, min_counties)
    if first is None:
        first = last - (int(window_pv.value) - 1)
        used += (window_pv,)
    start = first
    point_county = dataset.point_county
    groups: dict[tuple[str, str], dict[str, set[str]]] = {}
    month = start
    while month <= last:
        for category, department, point, record in dataset.matters_by_month.get(month, ()):
            g = groups.setdefault((category, department), {"points": set(), "evidence": set()})
            g["points"].add(point)
            g["evidence"].add(record)
        month = month + 1
    out = []
    for (category, department), g in sorted(groups.items()):
        counties = sorted({point_county[p] for p in g["points"] if p in point_county})
        if len(g["points"]) >= int(min_points.value) and len(counties) >= int(min_counties.value):
            dept = dataset.department_by_id.get(department)
            out.append(
                CommonProblem(
                    category=category,
                    category_zh=ItemCategory.from_value(category).zh,
                    department=department,
                    department_name=dept.name if dept else department,
                    first_month=start,
                    last_month=last,
                    points=tuple(sorted(g["points"])),
                    counties=tuple(counties),
                    evidence=tuple(sorted(g["evidence"])),
                    params=used,
                )
            )
    return tuple(out)


__all__ = ["CommonProblem", "common_problems"]
