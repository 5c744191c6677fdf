"""Hand-built 2025 dataset for auditor a76 (year-end county assessment and 十佳)."""

from __future__ import annotations

import copy

from stdnum.cn import uscc as _uscc

COUNTIES = {
    "379902": "甲区",
    "379903": "乙区",
    "379904": "丙区",
    "379905": "丁区",
    "379906": "戊区",
    "379921": "青山县",
    "379922": "白河县",
    "379982": "望海市",
}


def code(n: int) -> str:
    base = f"91379900MA{n:07d}"
    return base + _uscc.calc_check_digit(base)


def ent(n, name, sector="industry"):
    return {
        "name": name,
        "uscc": code(n),
        "size": "medium",
        "ownership": "private",
        "sector": sector,
        "industry": None,
        "employees": None,
        "revenue_wan": None,
        "assets_wan": None,
    }


def point(pid, county, n, frm="2020-01-01", until=None, level="county"):
    return {
        "id": pid,
        "enterprise": ent(n, f"企业{pid}有限公司"),
        "county": county,
        "level": level,
        "designated_by": "city" if level == "city" else "county",
        "designated_from": frm,
        "designated_until": until,
    }


def contact(pid, liaison, month, day=10, method="phone", reached=True, items=False, cid=None):
    return {
        "id": cid or f"C-{pid}-{month}",
        "point": pid,
        "date": f"2025-{month}-{day:02d}",
        "method": method,
        "liaison": liaison,
        "reached": reached,
        "items": [{"category": "difficulty", "text": "用工难", "department": None, "point": None}] if items else [],
        "note": None,
    }


def report(county, month, at, rid=None, amendments=()):
    return {
        "id": rid or f"R-{county}-{month}",
        "county": county,
        "month": month,
        "submitted_at": at,
        "submitted_by": "经办人",
        "items": [],
        "nothing_to_report": True,
        "amendments": list(amendments),
    }


def ontime(county, m):
    """Submitted on the 2nd of the next month, 09:00 (before the 3rd too)."""
    y, mm = (2025, m + 1) if m < 12 else (2026, 1)
    return report(county, f"2025-{m:02d}", f"{y}-{mm:02d}-02T09:00:00+08:00")


def build():
    points = [
        point("P-A1", "379902", 1),
        point("P-A2", "379902", 2),
        point("P-M1", "379902", 3, until="2025-06-30"),
        point("P-M2", "379903", 3, frm="2025-07-01"),
        point("P-C1", "379904", 4),
        point("P-D1", "379905", 5),
        point("P-E1", "379906", 6, until="2025-03-31"),
        point("P-E2", "379906", 7, frm="2025-09-01"),
        point("P-Q1", "379921", 8),
        point("P-B1", "379922", 9),
        point("P-B2", "379922", 10),
        point("P-W1", "379982", 11),
    ]
    P = {p["id"]: p for p in points}
    P["P-M2"]["enterprise"] = copy.deepcopy(P["P-M1"]["enterprise"])
    contacts = []
    full = ["P-A1", "P-A2", "P-C1", "P-D1", "P-W1"]
    for pid in full:
        for m in range(1, 13):
            contacts.append(contact(pid, P[pid]["county"], f"{m:02d}", items=m <= 6))
    # moved point
    for m in range(1, 7):
        contacts.append(contact("P-M1", "379902", f"{m:02d}", items=m <= 3))
    for m in range(7, 13):
        contacts.append(contact("P-M2", "379903", f"{m:02d}", items=m == 8))
    # empty-roster county
    contacts += [
        contact("P-E1", "379906", "01", items=True),
        contact("P-E1", "379906", "02"),
        contact("P-E1", "379906", "03", reached=False),
    ]
    for m in range(9, 13):
        contacts.append(contact("P-E2", "379906", f"{m:02d}", items=m == 10))
    # qingshan: symposium in Jan, Mar, May, Jul (4 months -> 8, capped at 6)
    for m in range(1, 13):
        meth = "symposium" if m in (1, 3, 5, 7) else "phone"
        contacts.append(contact("P-Q1", "379921", f"{m:02d}", method=meth, items=m <= 6))
    # baihe: B1 phone only all year; B2 visits Jan-Jun, phone Jul-Dec
    for m in range(1, 13):
        contacts.append(contact("P-B1", "379922", f"{m:02d}", items=m <= 6))
        contacts.append(contact("P-B2", "379922", f"{m:02d}", method="visit" if m <= 6 else "phone", items=m <= 6))

    reports = []
    for c in COUNTIES:
        for m in range(1, 13):
            reports.append(ontime(c, m))
    R = {r["id"]: r for r in reports}
    # 甲区: September late by exactly the grace (due Thu 10-09; 10-10, 10-11 make-up Sat, 10-13)
    R["R-379902-2025-09"]["submitted_at"] = "2025-10-13T10:00:00+08:00"
    # 乙区: September one day more (10-14: 4 working days); March late 1 then amended
    R["R-379903-2025-09"]["submitted_at"] = "2025-10-14T10:00:00+08:00"
    R["R-379903-2025-03"]["submitted_at"] = "2025-04-08T10:00:00+08:00"
    R["R-379903-2025-03"]["amendments"] = [
        {
            "submitted_at": "2025-04-09T10:00:00+08:00",
            "submitted_by": "经办人",
            "items": [],
            "nothing_to_report": True,
            "note": "更正",
        }
    ]
    # 丙区 and 丁区: July missing (waived by the city / by the county itself)
    del R["R-379904-2025-07"]
    del R["R-379905-2025-07"]
    # 戊区: May missing (no point designated Apr-Aug)
    del R["R-379906-2025-05"]
    # 青山县: May report on 06-04 (due Tue 06-03 under its 3rd) -> late 1;
    # Jan report on 02-05 (3rd is holiday -> 02-05) on time
    R["R-379921-2025-05"]["submitted_at"] = "2025-06-04T09:00:00+08:00"
    R["R-379921-2025-01"]["submitted_at"] = "2025-02-05T18:00:00+08:00"
    reports = list(R.values())

    def ev(t, at, actor="市软建办", unit=None, verdict=None, satisfaction=None):
        return {
            "type": t,
            "at": at,
            "actor": actor,
            "note": None,
            "unit": unit,
            "satisfaction": satisfaction,
            "verdict": verdict,
            "extension_days": None,
        }

    complaints = [
        {
            "id": "Q-FALSE",
            "kind": "complaint",
            "point": "P-A2",
            "department": "city-amr",
            "category": "enforcement",
            "text": "反映检查过多",
            "consent_to_disclose": False,
            "events": [
                ev("received", "2025-03-03T09:00:00+08:00"),
                ev("accepted", "2025-03-03T10:00:00+08:00"),
                ev("assigned", "2025-03-03T11:00:00+08:00", unit="city-amr"),
                ev("signed", "2025-03-04T09:00:00+08:00", actor="市市场监管局"),
                ev("resolved", "2025-03-10T16:00:00+08:00", actor="市市场监管局", verdict="false"),
                ev("followed_up", "2025-03-11T10:00:00+08:00", satisfaction="satisfied"),
                ev("closed", "2025-03-11T11:00:00+08:00"),
            ],
        },
        {
            "id": "Q-WH",
            "kind": "complaint",
            "point": "P-W1",
            "department": "wh-zj",
            "category": "service",
            "text": "审批拖延",
            "consent_to_disclose": False,
            "events": [
                ev("received", "2025-03-03T09:00:00+08:00"),
                ev("accepted", "2025-03-03T10:00:00+08:00"),
                ev("assigned", "2025-03-03T11:00:00+08:00", unit="wh-zj"),
                ev("signed", "2025-03-20T09:00:00+08:00", actor="望海市住建局"),
                ev("resolved", "2025-03-25T16:00:00+08:00", actor="望海市住建局", verdict="substantiated"),
                ev("followed_up", "2025-03-26T10:00:00+08:00", satisfaction="satisfied"),
                ev("closed", "2025-03-26T11:00:00+08:00"),
            ],
        },
    ]
    rounds = [
        {"id": "A-2025-H1", "period": "2025-H1", "opened": "2025-06-10", "closed": "2025-06-25"},
        {"id": "A-2025-H2", "period": "2025-H2", "opened": "2025-12-01", "closed": "2025-12-15"},
    ]
    ratings = []
    h1 = ["P-A1", "P-A2", "P-M1", "P-C1", "P-D1", "P-Q1", "P-B1", "P-B2", "P-W1"]
    h2 = ["P-A1", "P-A2", "P-M2", "P-C1", "P-D1", "P-E2", "P-Q1", "P-B1", "P-B2", "P-W1"]
    for rnd, raters in (("A-2025-H1", h1), ("A-2025-H2", h2)):
        for r in raters:
            ratings.append({"round": rnd, "rater": r, "group": "point", "department": "city-amr", "level": "satisfied"})
    changes = [
        {
            "id": "RC-M1-rm",
            "point": "P-M1",
            "action": "remove",
            "reason": "other",
            "effective": "2025-07-01",
            "by": "city",
            "county": "379902",
            "note": "迁至乙区",
        },
        {
            "id": "RC-M2-add",
            "point": "P-M2",
            "action": "add",
            "reason": "designation",
            "effective": "2025-07-01",
            "by": "city",
            "county": "379903",
            "note": "由甲区迁入",
        },
        {
            "id": "RC-E1-rm",
            "point": "P-E1",
            "action": "remove",
            "reason": "own_wish",
            "effective": "2025-04-01",
            "by": "county",
            "county": "379906",
            "note": None,
        },
        {
            "id": "RC-E2-add",
            "point": "P-E2",
            "action": "add",
            "reason": "designation",
            "effective": "2025-09-01",
            "by": "county",
            "county": "379906",
            "note": None,
        },
    ]
    filings = [
        {"id": "F-E1", "county": "379906", "filed_on": "2025-03-20", "changes": ["RC-E1-rm"]},
        {"id": "F-E2", "county": "379906", "filed_on": "2025-08-20", "changes": ["RC-E2-add"]},
    ]
    waivers = [
        {
            "id": "W-C",
            "county": "379904",
            "month": "2025-07",
            "reason": "汛期",
            "decided_on": "2025-08-12",
            "decided_by": "市经贸委",
        },
        {
            "id": "W-D",
            "county": "379905",
            "month": "2025-07",
            "reason": "汛期",
            "decided_on": "2025-08-12",
            "decided_by": "丁区经贸委",
        },
    ]
    nominations = [
        {"id": "N-A1", "year": 2025, "county": "379902", "point": "P-A1", "note": None},
        {"id": "N-M2", "year": 2025, "county": "379903", "point": "P-M2", "note": None},
        {"id": "N-E2", "year": 2025, "county": "379906", "point": "P-E2", "note": None},
    ]
    return {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [
            {
                "code": c,
                "name": n,
                "kind": "county" if n.endswith("县") else ("county_city" if n.endswith("市") else "district"),
                "liaison_office": n + "经贸委",
                "effective_from": None,
                "effective_until": None,
            }
            for c, n in COUNTIES.items()
        ],
        "departments": [
            {"id": "city-amr", "name": "市市场监管局", "county": None, "note": None},
            {"id": "wh-zj", "name": "望海市住建局", "county": "379982", "note": None},
        ],
        "points": points,
        "contacts": contacts,
        "reports": reports,
        "complaints": complaints,
        "appraisal_rounds": rounds,
        "ratings": ratings,
        "roster_changes": changes,
        "filings": filings,
        "waivers": waivers,
        "nominations": nominations,
        "decisions": [],
        "research_topics": [],
    }


if __name__ == "__main__":
    import json
    import sys

    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(build(), out, ensure_ascii=False, indent=1)
