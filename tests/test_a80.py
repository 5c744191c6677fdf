"""Auditor a80 (软建办): year-end figures computed by hand from the policy, compared with the
library. Each dataset is built here by hand (docs/data-format.md); each test asserts what the
policy (DESIGN.md, docs/rules.md, docs/yearend.md) says, and fails while the library disagrees."""

from __future__ import annotations

from datetime import datetime

from stdnum.cn import uscc as _uscc

import softenv_core as se

J, X, D = "379902", "379903", "379904"
NAMES = {J: "甲区", X: "丙区", D: "丁区"}


def _code(county: str, n: int) -> str:
    base = f"91{county}MA{n:07d}"
    return base + _uscc.calc_check_digit(base)


def _point(pid, county, n, frm="2020-01-01", until=None, level="county", by="county"):
    return {
        "id": pid,
        "enterprise": {
            "name": f"企业{pid}有限公司",
            "uscc": _code(county, n),
            "size": "medium",
            "ownership": "private",
            "sector": "industry",
        },
        "county": county,
        "level": level,
        "designated_by": by,
        "designated_from": frm,
        "designated_until": until,
    }


def _contact(pid, day, liaison, reached=True):
    return {
        "id": f"C-{pid}-{day}",
        "point": pid,
        "date": day,
        "method": "phone",
        "liaison": liaison,
        "reached": reached,
        "items": [{"category": "operations", "text": "生产经营平稳"}] if reached else [],
    }


def _report(county, month, at):
    return {
        "id": f"R-{county}-{month}",
        "county": county,
        "month": month,
        "submitted_at": at,
        "submitted_by": "张三",
        "items": [],
        "nothing_to_report": True,
    }


def _reports(county, year=2025, skip=(), override=None):
    """A zero report for every month of ``year``, on the 2nd of the month after at 10:00."""
    out = []
    for m in range(1, 13):
        month = f"{year}-{m:02d}"
        if month in skip:
            continue
        y2, m2 = (year, m + 1) if m < 12 else (year + 1, 1)
        out.append(_report(county, month, (override or {}).get(month, f"{y2}-{m2:02d}-02T10:00:00+08:00")))
    return out


def _doc(counties=(J, X), **collections):
    doc = {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [
            {
                "code": c,
                "name": NAMES[c],
                "kind": "district",
                "liaison_office": NAMES[c] + "经贸委",
                "effective_from": None,
                "effective_until": None,
            }
            for c in counties
        ],
        "departments": [{"id": "city-amr", "name": "市市场监管局", "county": None, "note": None}],
    }
    doc.update(collections)
    return doc


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# ---------------------------------------------------------------------------------------------
# 01: a county whose due months include a waived 未报 is told "all due months were on time"


def _waived_may_world():
    """丙区 (379903) sent no report on May 2025 (due Thu 2025-06-05); the city waived it (W1,
    市经贸委, 2025-06-20). Every other month is sent on the 2nd of the month after."""
    return se.loads_dataset(
        _doc(
            points=[_point("P1", J, 1)],
            contacts=[_contact("P1", f"2025-{m:02d}-15", J) for m in range(1, 13)],
            reports=_reports(J) + _reports(X, skip=("2025-05",)),
            waivers=[
                {
                    "id": "W1",
                    "county": X,
                    "month": "2025-05",
                    "reason": "系统故障",
                    "decided_on": "2025-06-20",
                    "decided_by": "市经贸委",
                }
            ],
        )
    )


def test_01_pending_topten_reason_does_not_say_all_due_months_on_time_over_a_waived_month():
    """What: assessed as of 2025-10-10 12:00 (Beijing), 丙区's months January–September are due;
    May was 未报 (no report at all) and excused for 十佳 by the city's waiver W1, October–December
    are 未到期. `city.topten.on_time` is not passed (pending months) and its reason reads
    `2025-10—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）`: "every month due so
    far was reported on time" — false: May was not reported at all (the month's own row says
    `已豁免（未报；豁免 W1）`). The waiver, on which the county's chance of 先进 now rests, is
    neither named nor cited as evidence (docs/rules.md "十佳 eligibility": a result resting on a
    waiver names each such month as its row does and cites the waiver; DESIGN principle 2).
    Where: rules/city/topten.py `_on_time` passes `not failing` to `_pending_reason`, and
    `failing` leaves waived months out, so a waived 未报/迟报 month reads as on time; the pass
    path (`with_waivers`) names them, this not-passed path does not.
    Expected: the reason does not claim all due months on time while one was waived; it names
    `2025-05 已豁免（未报；豁免 W1）` (or at least says the due months were on time or waived by
    the city) and cites W1. Actual: `…暂不能判定（已到期月份均按时报送）`, no W1.
    Severity: medium (an explanation that is untrue about a county's record; the 十佳 outcome
    itself is right)."""
    a = se.assess(_waived_may_world(), 2025, audience="city", as_of=_at("2025-10-10T12:00:00+08:00"))
    county = a.county(X)
    may = next(m for m in county.months if str(m.month) == "2025-05")
    assert may.status.value == "waived" and may.waiver == "W1"  # the facts are right
    cond = next(c for c in county.conditions if c.rule.id == "city.topten.on_time")
    assert not cond.passed  # October–December are still pending: right
    assert "均按时报送" not in cond.reason, cond.reason
    assert "2025-05" in cond.reason and ("W1" in cond.reason or "W1" in cond.evidence), (cond.reason, cond.evidence)
