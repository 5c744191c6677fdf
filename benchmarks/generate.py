"""Deterministic synthetic datasets for the benchmarks (documents, built without the models).

Scales (docs/performance.md):
- city: the demo city (9 counties x 20 points), built by softenv_core.demo;
- province: 100 counties x 300 points = 30,000 points, 2 contacts per point per month,
  1,200 county reports (each carrying what its county's points raised that month, one matter
  in twenty left out; a month without any is a zero report), 60,000 complaints with their
  events, 2 appraisal rounds x 10,000 raters x 30 departments.
``factor`` scales the counties (0.5 = half the province, 2 = double).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from typing import Any

from stdnum.cn import uscc

from softenv_core.model.enterprises import organisation_code

BJ = timezone(timedelta(hours=8))
SIZES = ("large", "medium", "small", "micro")
OWNERS = ("state", "private", "private", "foreign", "hmt", "collective")
SECTORS = ("industry", "commerce", "services")
METHODS = ("phone", "visit", "symposium")
CATS = ("operations", "difficulty", "policy", "service", "enforcement", "fees", "other")


def _county_codes(n: int) -> list[str]:
    codes = []
    for city in range(1, 100):
        for county in range(1, 100):
            if len(codes) == n:
                return codes
            codes.append(f"37{city:02d}{county:02d}")
    return codes


def _credit(region: str, serial: int) -> str:
    body = "91" + region + organisation_code(f"MA{serial:06d}")
    return body + str(uscc.calc_check_digit(body))


def province(
    year: int = 2025,
    *,
    counties: int = 100,
    points_per_county: int = 300,
    complaints: int = 60_000,
    raters: int = 10_000,
    departments: int = 30,
    seed: int = 1,
) -> dict[str, Any]:
    """A province-wide dataset document."""
    rng = random.Random(seed)
    codes = _county_codes(counties)
    doc: dict[str, Any] = {
        "schema": "softenv.dataset",
        "version": 1,
        "city": {"code": "370000", "name": "示范省", "office": "省软建办", "liaison_office": "省经贸委"},
        "counties": [
            {
                "code": c,
                "name": f"第{i + 1}县",
                "kind": "county",
                "liaison_office": f"第{i + 1}县经贸委",
                "effective_from": None,
                "effective_until": None,
            }
            for i, c in enumerate(codes)
        ],
        "departments": [
            {"id": f"dept-{d:02d}", "name": f"部门{d:02d}", "county": None, "note": None} for d in range(departments)
        ],
    }
    points, contacts = [], []
    # What each county's own points raised in each month: its monthly report carries them.
    raised: dict[tuple[str, int], list[dict[str, Any]]] = {}
    serial = 0
    for c in codes:
        for j in range(points_per_county):
            serial += 1
            pid = f"P{c}-{j:04d}"
            level = "city" if j < 10 else "county"
            points.append(
                {
                    "id": pid,
                    "county": c,
                    "level": level,
                    "designated_by": "city",
                    "designated_from": "2020-01-01",
                    "designated_until": None,
                    "enterprise": {
                        "name": f"企业{serial}有限公司",
                        "uscc": _credit(c, serial),
                        "size": SIZES[j % 4],
                        "ownership": OWNERS[j % 6],
                        "sector": SECTORS[j % 3],
                        "industry": None,
                        "employees": None,
                        "revenue_wan": None,
                        "assets_wan": None,
                    },
                }
            )
            liaison = "city" if level == "city" else c
            for m in range(1, 13):
                for k, day in ((0, 8), (1, 22)):
                    items = []
                    if rng.random() < 0.1:
                        items = [
                            {
                                "category": CATS[rng.randrange(7)],
                                "text": "反映事项",
                                "department": f"dept-{rng.randrange(departments):02d}",
                                "point": None,
                            }
                        ]
                    reached = rng.random() > 0.05  # drawn where it always was: the same province
                    if reached and liaison == c:
                        raised.setdefault((c, m), []).extend({**it, "point": pid} for it in items)
                    contacts.append(
                        {
                            "id": f"C{pid}-{m:02d}{k}",
                            "point": pid,
                            "date": f"{year}-{m:02d}-{day:02d}",
                            "method": METHODS[(m + k) % 3],
                            "liaison": liaison,
                            "reached": reached,
                            "items": items if reached else [],  # a point not reached raised nothing
                            "note": None,
                        }
                    )
    doc["points"] = points
    doc["contacts"] = contacts
    reports = []
    # The reports' own draws come from a generator of their own, so that every other record is
    # the province it always was. A county's report carries what its points raised that month,
    # leaving out one matter in twenty (the reconciliation's 可能漏报); a month without any is a
    # zero report (零报告).
    report_rng = random.Random(seed + 1)
    for c in codes:
        for m in range(1, 13):
            nxt = date(year + (m == 12), m % 12 + 1, 1)
            at = datetime(nxt.year, nxt.month, 1 + rng.randrange(6), 10, tzinfo=BJ).isoformat()
            carried = [it for it in raised.get((c, m), []) if report_rng.random() >= 0.05]
            reports.append(
                {
                    "id": f"R{c}-{m:02d}",
                    "county": c,
                    "month": f"{year}-{m:02d}",
                    "submitted_at": at,
                    "submitted_by": "经办人",
                    "items": carried,
                    "nothing_to_report": not carried,
                    "amendments": [],
                }
            )
    doc["reports"] = reports
    comps = []
    all_points = [p["id"] for p in points]
    for q in range(complaints):
        start = datetime(year, 1, 2, 9, tzinfo=BJ) + timedelta(days=rng.randrange(340), hours=rng.randrange(8))
        unit = f"dept-{rng.randrange(departments):02d}"
        steps = [
            ("received", {}),
            ("accepted", {}),
            ("assigned", {"unit": unit}),
            ("signed", {}),
            ("resolved", {"verdict": "substantiated"}),
            ("followed_up", {"satisfaction": "satisfied"}),
            ("closed", {}),
        ]
        if rng.random() < 0.1:  # one in ten is still open at some step (some of them overdue)
            steps = steps[: 2 + rng.randrange(5)]
        events = []
        at = start
        for kind, extra in steps:
            events.append(
                {
                    "type": kind,
                    "at": at.isoformat(),
                    "actor": "经办人",
                    "note": None,
                    "unit": None,
                    "satisfaction": None,
                    "verdict": None,
                    "extension_days": None,
                    **extra,
                }
            )
            at += timedelta(days=1 + rng.randrange(4))
        comps.append(
            {
                "id": f"Q{q:06d}",
                "kind": ("complaint", "report", "suggestion")[q % 3],
                "point": all_points[rng.randrange(len(all_points))],
                "department": unit,
                "category": CATS[q % 7],
                "text": "反映事项",
                "consent_to_disclose": False,
                "events": events,
            }
        )
    doc["complaints"] = comps
    rounds = [
        {
            "id": f"A{year}H{h}",
            "period": f"{year}-H{h}",
            "opened": f"{year}-{6 * h:02d}-10",
            "closed": f"{year}-{6 * h:02d}-25",
        }
        for h in (1, 2)
    ]
    doc["appraisal_rounds"] = rounds
    groups = ("point", "enterprise", "deputy", "citizen", "supervisor")
    levels = ("satisfied", "satisfied", "basically", "unsatisfied", "unknown")
    ratings = []
    for r in rounds:
        for i in range(raters):
            group = groups[i % 5]
            if group == "point" and i // 5 >= len(all_points):
                # Fewer points than point raters (a small scale): an enterprise rates instead,
                # where an "X" id in the point group was refused as an unknown point.
                group = "enterprise"
            rater = all_points[i // 5] if group == "point" else f"X{i:05d}"
            for d in range(departments):
                ratings.append(
                    {
                        "round": r["id"],
                        "rater": rater,
                        "group": group,
                        "department": f"dept-{d:02d}",
                        "level": levels[rng.randrange(5)],
                    }
                )
    doc["ratings"] = ratings
    for name in ("roster_changes", "filings", "waivers", "nominations", "decisions", "research_topics"):
        doc[name] = []
    return doc


def scaled(factor: float, seed: int = 1) -> dict[str, Any]:
    """The province scaled by ``factor`` (counties and complaints; raters stay per round)."""
    return province(counties=max(1, round(100 * factor)), complaints=round(60_000 * factor), seed=seed)
