"""Membership-over-time dataset of auditor a77 (built by hand, 2025)."""

import json

from stdnum.cn import uscc as _u


def code(county, n):
    base = f"91{county}MA{n:07d}"
    return base + _u.calc_check_digit(base)


def ent(county, n, name=None):
    return {
        "name": name or f"企业{county}-{n}有限公司",
        "uscc": code(county, n),
        "size": "medium",
        "ownership": "private",
        "sector": "industry",
    }


def point(pid, county, n, frm, until=None, level="county", by="county", home=None, **kw):
    p = {
        "id": pid,
        "enterprise": ent(home or county, n),
        "county": county,
        "level": level,
        "designated_by": by,
        "designated_from": frm,
        "designated_until": until,
    }
    p.update(kw)
    return p


def contact(pid, day, liaison, reached=True, items=True, made_by=None):
    c = {
        "id": f"C-{pid}-{day}",
        "point": pid,
        "date": day,
        "method": "phone",
        "liaison": liaison,
        "reached": reached,
        "items": ([{"category": "operations", "text": "生产经营平稳"}] if (items and reached) else []),
    }
    if made_by:
        c["made_by"] = made_by
    return c


def build():
    J, Y, B = "379902", "379921", "379903"
    pts = [
        point(
            "A0",
            J,
            100,
            "2020-01-01",
            liaison_person="王五",
            former_liaison_persons=[{"person": "李四", "until": "2025-05-14"}],
        ),
        point("A1", J, 101, "2025-03-01"),
        point("A2", J, 102, "2025-07-25"),
        point("A3", J, 103, "2025-07-26"),
        point("A4", J, 104, "2025-04-30"),
        point("A5", J, 105, "2020-01-01", "2025-08-15", by="county"),
        point("A6", J, 106, "2020-01-01", "2025-09-04"),
        point("A7", J, 107, "2020-01-01", "2025-03-31"),
        point("A7b", J, 107, "2025-10-01"),
        point("A8", J, 108, "2020-01-01", "2025-06-15", by="city"),
        point("A8c", J, 108, "2025-06-16", level="city", by="city"),
        point("A9", J, 109, "2020-01-01", "2025-09-24"),
        point("B9", Y, 109, "2025-09-25", home=J),
        point("A10", J, 110, "2024-03-01", "2024-12-31"),
        point("A11", J, 111, "2024-03-01", "2025-01-01"),
        point("B1", Y, 201, "2020-01-01"),
        point("C1", B, 301, "2020-01-01", "2025-06-30"),
    ]
    # the enterprise of B9 is located in 甲区 by its code; give it a 乙县 code? keep same uscc (re-designation)
    rc = []
    fil = []

    def change(cid, pid, action, eff, county, by="county", reason=None, filed=None):
        rc.append(
            {
                "id": cid,
                "point": pid,
                "action": action,
                "reason": reason or ("designation" if action == "add" else "other"),
                "effective": eff,
                "by": by,
                "county": county,
                "note": None,
            }
        )
        if filed and by == "county":
            fil.append({"id": f"F-{cid}", "county": county, "filed_on": filed, "changes": [cid]})

    change("RC-A1", "A1", "add", "2025-03-01", J, filed="2025-02-20")
    change("RC-A2", "A2", "add", "2025-07-25", J, filed="2025-07-20")
    change("RC-A3", "A3", "add", "2025-07-26", J, filed="2025-07-20")
    change("RC-A4", "A4", "add", "2025-04-30", J, filed="2025-04-20")
    change("RC-A5", "A5", "remove", "2025-08-16", J, filed="2025-09-20")  # filed late
    change("RC-A6", "A6", "remove", "2025-09-05", J, filed="2025-09-01")
    change("RC-A7", "A7", "remove", "2025-04-01", J, filed="2025-03-20")
    change("RC-A7b", "A7b", "add", "2025-10-01", J, filed="2025-09-20")
    change("RC-A8", "A8", "remove", "2025-06-16", J, by="city")
    change("RC-A8c", "A8c", "add", "2025-06-16", J, by="city")
    change("RC-A9", "A9", "remove", "2025-09-25", J, filed="2025-09-20")
    change("RC-B9", "B9", "add", "2025-09-25", Y, filed="2025-09-20")
    change("RC-A10", "A10", "remove", "2025-01-01", J, filed="2024-12-20")
    change("RC-A11", "A11", "remove", "2025-01-02", J, filed="2024-12-20")
    change("RC-C1", "C1", "remove", "2025-07-01", B, filed="2025-06-20")
    # 2024 additions of A10 and A11
    change("RC-A10a", "A10", "add", "2024-03-01", J, filed="2024-02-20")
    change("RC-A11a", "A11", "add", "2024-03-01", J, filed="2024-02-20")

    months = [f"2025-{m:02d}" for m in range(1, 13)]
    cons = []
    # one reached contact on the 10th of each month inside each point's interval, by its office
    for p in pts:
        lia = "city" if p["level"] == "city" else p["county"]
        for m in months:
            day = f"{m}-10"
            if day < p["designated_from"] or (p["designated_until"] and day > p["designated_until"]):
                continue
            cons.append(contact(p["id"], day, lia))
    # boundary contacts
    cons.append(contact("A1", "2025-03-03", J))  # (already 03-10)
    cons.append(contact("A2", "2025-07-28", J))  # owed month July
    cons.append(contact("A3", "2025-07-28", J))  # non-owed month July (4 wd)
    cons.append(contact("A4", "2025-04-30", J))  # non-owed April
    cons.append(contact("A5", "2025-08-12", J))
    cons.append(contact("A6", "2025-09-02", J))  # non-owed Sept
    cons.append(contact("A8c", "2025-06-20", "city"))
    cons.append(contact("A9", "2025-09-22", J))
    cons.append(contact("B9", "2025-09-26", Y))  # owed Sept (with 09-28 make-up)
    cons.append(contact("A7b", "2025-10-09", J))
    cons.append(contact("C1", "2025-06-20", B))
    cons.append(contact("A11", "2025-01-01", J))  # holiday, inside interval
    cons = {c["id"]: c for c in cons}
    cons = list(cons.values())
    # liaison change mid-month for A0
    for c in cons:
        if c["point"] == "A0":
            c["made_by"] = "李四" if c["date"] <= "2025-05-14" else "王五"
    cons.append(contact("A0", "2025-05-20", J, made_by="李四"))  # after his term: 非定人
    cons.append(contact("A0", "2025-05-13", J, made_by="王五"))  # before his term: 非定人

    reps = []
    for c in (J, Y, B):
        for i, m in enumerate(months):
            nm = f"2025-{i + 2:02d}" if i < 11 else "2026-01"
            reps.append(
                {
                    "id": f"R-{c}-{m}",
                    "county": c,
                    "month": m,
                    "submitted_at": f"{nm}-03T09:00:00+08:00",
                    "submitted_by": "经办人",
                    "items": [],
                    "nothing_to_report": True,
                    "amendments": [],
                }
            )
    rounds = [
        {"id": "H1", "period": "2025-H1", "opened": "2025-06-10", "closed": "2025-06-25"},
        {"id": "H2", "period": "2025-H2", "opened": "2025-12-05", "closed": "2025-12-20"},
    ]
    return {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [
            {"code": J, "name": "甲区", "kind": "district", "liaison_office": "甲区经贸委"},
            {"code": Y, "name": "乙县", "kind": "county", "liaison_office": "乙县经贸委"},
            {"code": B, "name": "丙区", "kind": "district", "liaison_office": "丙区经贸委"},
        ],
        "departments": [{"id": "d1", "name": "市市场监管局", "county": None}],
        "points": pts,
        "contacts": cons,
        "reports": reps,
        "appraisal_rounds": rounds,
        "ratings": [],
        "roster_changes": rc,
        "filings": fil,
    }


def write(path, mutate=None):
    d = build()
    if mutate:
        mutate(d)
    with open(path, "w") as f:
        json.dump(d, f, ensure_ascii=False, indent=1)
    return d


if __name__ == "__main__":
    import sys

    write(sys.argv[1])
