"""Auditor a81 (软建办): the monthly monitoring report computed by hand from the policy, where
membership and dates matter. Each test builds a small dataset (docs/data-format.md) by hand and
asserts what the policy says; each fails on the library as found."""

from __future__ import annotations

import json

from stdnum.cn import uscc as _uscc

import softenv_core as se


def _code(county: str, n: int) -> str:
    base = f"91{county}MA{n:07d}"[:17]
    return base + _uscc.calc_check_digit(base)


def _point(pid, county, n, *, level="county", frm="2024-01-01", until=None, person=None, former=None):
    d = {
        "id": pid,
        "enterprise": {
            "name": f"企业{county}-{n}有限公司",
            "uscc": _code(county, n),
            "size": "medium",
            "ownership": "private",
            "sector": "industry",
        },
        "county": county,
        "level": level,
        "designated_by": "city",
        "designated_from": frm,
        "designated_until": until,
    }
    if person:
        d["liaison_person"] = person
    if former:
        d["former_liaison_persons"] = former
    return d


def _contact(cid, pid, day, liaison, items=(), *, reached=True, made_by=None, method="phone"):
    return {
        "id": cid,
        "point": pid,
        "date": day,
        "method": method,
        "liaison": liaison,
        "reached": reached,
        "items": list(items),
        "made_by": made_by,
    }


def _item(cat, text, dept=None, pt=None):
    return {"category": cat, "text": text, "department": dept, "point": pt}


def _report(rid, county, month, at, items=(), amendments=()):
    items = list(items)
    return {
        "id": rid,
        "county": county,
        "month": month,
        "submitted_at": at,
        "submitted_by": "经办人",
        "items": items,
        "nothing_to_report": not items,
        "amendments": list(amendments),
    }


def _ev(kind, at, **kw):
    d = {"type": kind, "at": at, "actor": "市软建办"}
    d.update(kw)
    return d


def _complaint(qid, pid, dept, events, *, consent=False, cat="enforcement"):
    return {
        "id": qid,
        "kind": "complaint",
        "point": pid,
        "department": dept,
        "category": cat,
        "text": "检查过多",
        "consent_to_disclose": consent,
        "events": events,
    }


def _base():
    return {
        "schema": "softenv.dataset",
        "version": 2,
        "city": {"code": "379900", "name": "测试市", "office": "市软建办", "liaison_office": "市经贸委"},
        "counties": [
            {"code": "379902", "name": "甲区", "kind": "district", "liaison_office": "甲区经贸委"},
            {"code": "379903", "name": "乙区", "kind": "district", "liaison_office": "乙区经贸委"},
        ],
        "departments": [{"id": "city-amr", "name": "市市场监管局", "county": None}],
        "points": [],
        "contacts": [],
        "reports": [],
        "complaints": [],
        "appraisal_rounds": [],
        "ratings": [],
        "roster_changes": [],
        "filings": [],
        "waivers": [],
        "nominations": [],
        "decisions": [],
        "research_topics": [],
        "followups": [],
    }


def _report_for(d, month, audience="city", as_of=None):
    ds = se.loads_dataset(json.dumps(d, ensure_ascii=False))
    kw = {} if as_of is None else {"as_of": as_of}
    return se.monitoring_report(ds, month, se.get_plugin_manager(), audience=audience, **kw)


def test_01_followup_applied_to_wrong_item_when_a_later_amendment_removed_one():
    """Section 四's 未办结事项 reads a county report as it stood at the report's instant
    (docs/rules.md "What is known when"), but a follow-up (`FollowUp.item`) names the item's
    position in the report's *latest* amendment (docs/data-format.md, enforced on load:
    `report 'R8' has 1 item(s), no item 1`). `analyses/followup_status.py`
    `MatterBatch._report` keys the items of the version read at the instant
    (`r.version_at(cut).items`) by their position there, so when an amendment made after the
    instant drops or reorders items, every follow-up lands on another matter.

    Hand computation: 甲区's August report (on time, 09-02) lists X 招工难 (A1) and
    Y 融资政策不清楚 (A2); Y is resolved (F1, 已解决, 09-20). On 10-20 the county amends the report
    to drop X; F1 must then be written as item 0 (Y's place in the amendment). September's
    report at its default instant (10-10, before the amendment) reads [X, Y]: on 09-30 X is
    open (never followed up, 28 days) and Y is closed.
    Actual: Y 融资政策不清楚 is listed open (未跟进) and X is gone, as if X had been resolved.
    Severity: high — the city office's list of open matters shows a resolved matter as open and
    hides one never followed up; the year end's 事项跟踪 reads matters the same way."""
    d = _base()
    d["points"] += [_point("A1", "379902", 1), _point("A2", "379902", 2)]
    x = _item("difficulty", "招工难", None, "A1")
    y = _item("policy", "融资政策不清楚", None, "A2")
    d["reports"] += [
        _report(
            "R8",
            "379902",
            "2025-08",
            "2025-09-02T10:00:00+08:00",
            items=[x, y],
            amendments=[
                {
                    "submitted_at": "2025-10-20T10:00:00+08:00",
                    "submitted_by": "经办人",
                    "items": [y],
                    "nothing_to_report": False,
                    "note": "删除重复事项",
                }
            ],
        ),
        _report("R8b", "379903", "2025-08", "2025-09-02T10:00:00+08:00"),
    ]
    d["followups"] = [
        {
            "id": "F1",
            "source": "report",
            "record": "R8",
            "item": 0,
            "kind": "resolved",
            "date": "2025-09-20",
            "actor": "甲区经贸委",
            "department": None,
            "note": None,
        }
    ]
    r = _report_for(d, "2025-09")
    open_texts = sorted(m.text for m in r.open_matters)
    assert open_texts == ["招工难"], open_texts


def test_02_amendment_fixing_a_trailing_space_makes_the_matter_younger():
    """An item is raised on the day of the first version of its report that carries it
    (docs/rules.md "What is known when"; `followup_status._raised_on`), and a trailing space, a
    zero-width character or a half-width comma is no second item (docs/monitoring.md section 四,
    `model/reports.matter_text`, the one key section 四 matches by). `_raised_on` compares the
    raw `(category, department, point, text)` instead, so an amendment that only tidies the
    text (or adds another item beside it) re-dates the matter to the amendment's day.

    Hand computation: 甲区's August report, on time 09-02, lists 招工难 (A1) typed with a trailing
    space; an amendment on 09-20 writes 招工难 without it and adds 融资政策不清楚 (A2). On 09-30
    (September's report, default instant) 招工难 was raised 09-02: 28 days open; 融资政策不清楚 was
    raised 09-20: 10 days. Actual: 招工难 is dated 2025-09-20, 10 days.
    Severity: medium — ages understated, so a matter past `followup.long_open_days` (60) loses
    its ⚠ and its count in 达到跟踪时限 after a cosmetic amendment. Fix: compare by
    `matter_key` in `_raised_on`."""
    d = _base()
    d["points"] += [_point("A1", "379902", 1), _point("A2", "379902", 2)]
    d["reports"] += [
        _report(
            "R8",
            "379902",
            "2025-08",
            "2025-09-02T10:00:00+08:00",
            items=[_item("difficulty", "招工难 ", None, "A1")],
            amendments=[
                {
                    "submitted_at": "2025-09-20T10:00:00+08:00",
                    "submitted_by": "经办人",
                    "items": [_item("difficulty", "招工难", None, "A1"), _item("policy", "融资政策不清楚", None, "A2")],
                    "nothing_to_report": False,
                    "note": None,
                }
            ],
        ),
        _report("R8b", "379903", "2025-08", "2025-09-02T10:00:00+08:00"),
    ]
    r = _report_for(d, "2025-09")
    ages = {m.text.strip(): (str(m.raised_on), m.age_days) for m in r.open_matters}
    assert ages["招工难"] == ("2025-09-02", 28), ages
    assert ages["融资政策不清楚"] == ("2025-09-20", 10), ages


def test_fa81_equal_items_keep_their_order_across_versions_and_a_dropped_one_has_no_key():
    """Fix helper fa81: two items with the same matter_key in one version are matched by their
    order among equals (the first with the latest's first), an item the latest version dropped
    is named by no follow-up (None), and the second of two equal items is raised by the version
    that first carries two."""
    from datetime import date, datetime

    from softenv_core.analyses.matter_keys import ReportVersions
    from softenv_core.model.reports import Amendment, Item, ItemCategory, MonthlyReport

    def at(day: str) -> datetime:
        return datetime.fromisoformat(f"{day}T10:00:00+08:00")

    x, y, z, y2 = (Item(ItemCategory.DIFFICULTY, t, None, "A1") for t in ("招工难", "融资难 ", "用地难", "融资难"))
    middle = Amendment(at("2025-09-10"), "经办人", (x, y, x, x))
    latest = Amendment(at("2025-09-20"), "经办人", (y, x, x, y2))  # y2: y without its trailing space
    r = MonthlyReport(
        "R8", "379902", se.Month(2025, 8), at("2025-09-02"), "经办人", (x, z, x), amendments=(middle, latest)
    )
    versions = ReportVersions()
    sep2, sep10, sep20 = date(2025, 9, 2), date(2025, 9, 10), date(2025, 9, 20)
    assert versions.read(r, r) == ([1, None, 2], [sep2, sep2, sep2])
    assert versions.read(r, middle) == ([1, 0, 2, None], [sep2, sep10, sep2, sep10])
    assert versions.read(r, latest) == (None, [sep10, sep2, sep2, sep20])
