"""Who may change a point (名册调整的主体): a roster change's ``by`` against its point (auditor a39).

A roster change (动态调整) says who made it, ``by`` the city (市) or a county (县区); the point's
record says who designated it (``designated_by``) and who contacts it (``level``). The filing
check (备案, DESIGN "Annual adjustment") reads ``by`` alone: a county's change needs a filing
with the city, the city's none. So a wrong ``by`` either charges a county with an unfiled
change it did not make, or lets a county's change escape its filing check, without a word.

- **Error** (run with the reference checks): a county's change (``by`` county) of a 市直 point
  (``level`` city). DESIGN's glossary makes a 市直 point the one the city designated and 市经贸委
  contacts, and "Counties extend, the city decides": a county adjusts its own county's points
  (seed 三(五): 县区调整本地区软环境建设监测点), as its reports and plugins answer for its 县区
  points only. A change a county had no power to make is refused, as one naming another county
  than its point's is (io/county_checks.py): which of ``by`` and ``level`` is wrong is the data's
  to say.
- **Warning** (:func:`authority_warnings`, with the dataset warnings): a 市直 point whose record
  says the county added it (``designated_by`` county: the glossary's 市直 is the city's), and
  any other ``by`` that differs from the point's ``designated_by``. An addition is the
  designation itself, so the two should say the same; a county removing a point the city
  designated goes against "the city decides", and the city removing a county's own point is in
  order but asks no filing of the county. Each may be what happened, so it is told, naming both
  paths, not refused.

Each message is ``$.path: message``; the wording in Chinese is :data:`ZH_RULES`, which the one
table of translations (io/workbook_messages.py) takes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from softenv_core.model.dataset import Dataset
from softenv_core.model.points import Designator, MonitoringPoint, PointLevel


def authority_problems(ix: Mapping[str, Iterable[tuple[int, Any]]]) -> list[str]:
    """A county's roster change of a 市直 point, over the collections ``ix`` (records with their
    positions). An unknown point is a reference problem, not this one's."""
    points = {p.id: p for _, p in ix["points"]}
    out = []
    for i, ch in ix["roster_changes"]:
        p = points.get(ch.point)
        if p is not None and ch.by is Designator.COUNTY and p.level is PointLevel.CITY:
            out.append(
                f"$.roster_changes[{i}].by: county (县区) but point {p.id} is a 市直 point (level city: designated "
                "by the city, contacted by 市经贸委); a county changes its own county's points only: if the city "
                "made the change, set by to city; if the point is the county's, correct its level"
            )
    return out


def authority_warnings(dataset: Dataset) -> list[str]:
    """A 市直 point the county added (``level`` city, ``designated_by`` county), and a roster
    change whose ``by`` differs from its point's ``designated_by`` (a county's change of a 市直
    point excepted: an error, :func:`authority_problems`), naming both paths."""
    where = {p.id: (k, p) for k, p in enumerate(dataset.points)}
    out = [
        f"$.points[{k}] ({p.id}).designated_by: county but level city: a 市直 point is designated by the city "
        "and contacted by 市经贸委, a county adds 县区 points (四(二)); read as 市直, it counts in no county's "
        "commendation quota and a county may not change it: correct the level or designated_by"
        for k, p in enumerate(dataset.points)
        if p.level is PointLevel.CITY and p.designated_by is Designator.COUNTY
    ]
    for i, ch in enumerate(dataset.roster_changes):
        found = where.get(ch.point)
        if found is None or ch.by is found[1].designated_by:
            continue
        k, p = found
        if ch.by is Designator.COUNTY and p.level is PointLevel.CITY:
            continue  # refused on load
        out.append(
            f"$.roster_changes[{i}] ({ch.id}).by: {ch.by.value} but point {p.id} was designated by "
            f"{p.designated_by.value} ($.points[{k}].designated_by): {_consequence(ch.by, p)}"
        )
    return out


def _consequence(by: Designator, p: MonitoringPoint) -> str:
    if by is Designator.COUNTY:
        return (
            "read as the county's change, whose filing (备案) with the city is checked, of a point the city "
            "designated (the city decides its designations); if the city made it, set by to city"
        )
    return (
        "read as the city's change, which asks no filing (备案) of the county; if the county made it, set by to county"
    )


_ZH = {"city": "市", "county": "县区"}
#: 确定方式 as the 监测点 sheet's drop-down writes it (clerk c49: 确定方式为市 named no choice of it).
_DESIGNATED_ZH = {"city": "市确定", "county": "县区增设"}

#: The Chinese wording of the messages (io/workbook_messages.py takes them in its table).
ZH_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^county \(县区\) but point (\S+) is a 市直 point \(level city: designated by the city,"),
        lambda m: (
            f"调整方为县区，但监测点 {m[1]} 是市直监测点（市确定、由市经贸委联系）；县区只调整本县区的监测点："
            "如是市里作出的调整，把调整方改为“市”（city）；如该监测点属县区，改正其层级"
        ),
    ),
    (
        re.compile(r"^county but level city: a 市直 point is designated by the city"),
        lambda m: (
            "确定方式为县区增设，但层级为市直：市直监测点由市确定、市经贸委联系，县区增设的是县区监测点（四（二））；"
            "按市直计，不计入县区表彰名额，县区也不能调整它：请改正层级或确定方式"
        ),
    ),
    (
        re.compile(r"^(city|county) but point (\S+) was designated by (city|county) \((\S+)\): read as the"),
        lambda m: (
            f"调整方为{_ZH[m[1]]}，但监测点 {m[2]} 的确定方式为{_DESIGNATED_ZH[m[3]]}（{m[4]}）："
            + (
                "按县区的调整核对其向市经贸委备案，而该监测点由市确定（由市里决定）；"
                "如是市里作出的调整，把调整方改为“市”（city）"
                if m[1] == "county"
                else "按市里的调整不核对县区备案；如是县区作出的调整，把调整方改为“县区”（county）"
            )
        ),
    ),
)

__all__ = ["ZH_RULES", "authority_problems", "authority_warnings"]
