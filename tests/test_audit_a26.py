"""Auditor a26: the monthly 监测报告's sections 一–四 and 六, computed by hand from the policy.

Policy read: DESIGN "Monthly report deadline", "Zero report", "Who owes what, when", "County month
status", "Common problems"; docs/monitoring.md; docs/rules.md. 2025 arrangement (国办发明电〔2024〕12号):
off 01-01, 01-28…02-04, 10-01…10-08; make-up working days Sun 01-26, Sat 02-08, Sun 09-28,
Sat 10-11. Due: the 5th of M+1 at 23:59:59 Beijing, moved to the next working day (顺延).
Default instant: the moment after the last county deadline.

The dataset ``data/month-report-audit-a26.json``: 甲区 379902, 丙区 379903, 丁区 379904 (exists from
2025-02-10). Points (县区 unless 市直):
PA1 (甲); PA2 市直 (甲); PA3 from 01-22; PA4 from 01-23; PA5 removed effective 09-01 (until 08-31);
PA6 removed effective 09-24 (until 09-23); PB1 (丙); PB2 市直 (丙); PB3 from 09-25; PB4 from 09-26;
PC1, PC2 市直, PC3 (丁, from 02-10). Others designated since 2024-01-01.

September 2025 (due Sun 10-05 → 10-06…10-08 holiday → Thu 10-09 23:59:59; instant 10-10 00:00):

- 甲: first 10-09 ``15:59:59Z`` = 23:59:59 Beijing → on time, items 2 (its amendment at 10-10
  00:00:01 comes after the instant: not read; read at 10-20: 3 items).
- 丙: first ``2025-10-11T01:30:00+09:00`` = 10-11 00:30 Beijing, after the instant → 未报; at 10-20:
  late by 10-10 (Fri) + 10-11 (Sat make-up) = 2 working days, and the city's waiver W1 decided
  10-15 → 已豁免（迟报 2个工作日；豁免 W1）.
- 丁: ``2025-10-09T08:00:00-07:00`` = 10-09 23:00 Beijing → on time, items 1.
- Working days of September: 1–5, 8–12, 15–19, 22–26, Sun 28, 29, 30 = 23. Owing (≥ 5):
  PA6 (1…23: 17), PB3 (25, 26, 28, 29, 30 = 5); not PB4 (26, 28, 29, 30 = 4), not PA5 (ended 08-31).
- 市直 row: PA2, PB2, PC2 owe; reached PA2 (visit 09-28), PB2 (visit 09-28), PC2 (phone); 丙区's
  contact C09-PB2a with the 市直 PB2 is another office's: flagged here, not counted.
  甲: PA1, PA3, PA4, PA6 owe; reached PA1 (phone); unreached PA3, PA4, PA6 (PA5's 09-03 contact is
  outside its designation: neither reached nor flagged). 丙: PB1, PB3 owe; PB3 reached by symposium
  (its 09-24 contact is before its designation); PB1 contacted only by 市经贸委 → flagged, unreached.
  丁: PC1 (phone), PC3 (visit 09-12 after an unreached phone call) reached.
  Totals: 11 owe, 7 reached, 4 unreached.
- Items: 甲's report [fees/city-tax PA6, enforcement/city-amr PA1], 丁's [enforcement/city-amr PC1];
  contacts no report carries: PB3 enforcement/city-amr, PB4 difficulty (designated that day: inside),
  PC1 operations; PA1's contact item equals 甲's report item → once. Total 6: 执法 3, 收费 1, 困难 1,
  经营 1; departments city-amr 3, city-tax 1.
- Common problems, window 07–09: enforcement/city-amr by PA1, PB3, PC1 (3 points, 3 counties);
  fees/city-tax by PA5 (07-15), PA1 (08-12), PA6 (甲's report), PB2 (complaint Q1, 市直 of 丙):
  4 points, 2 counties. service/city-hr: PC1 (07), PB1 (08), PA2's 06-16 outside the window → no.
  A county's view is worked out without complaints: fees is then 甲 alone → only enforcement, its
  points and counties withheld (each county stands for 1 < min_cell 3 of its points).
- Trends: August (instant 09-06): items 2 (PA1 fees, PB1 service; zero reports), reached PA1,
  PA5, PB1, PB2 = 4; 2024-09 is before the records begin (their first month is 2025-01) → 无数据.

January 2025 (due Wed 02-05 23:59:59, a working day after 春节; instant 02-06 00:00):

- 甲: first ``2025-02-05T16:00:00Z`` = 02-06 00:00:00 Beijing, known at the instant (not after it) →
  late by 02-06 = 1 working day. 丙: first 02-01 (a holiday) zero report → on time; its amendment
  of 02-05 (known) has one item → not a zero report, items 1. 丁 does not exist yet → 无需报送.
- Working days: 2, 3, 6–10, 13–17, 20–24, Sun 26, 27 = 19. PA3 from 01-22: 22, 23, 24, 26, 27 = 5
  → owes; PA4 from 01-23: 4 → does not. 市直: PA2 (visit 01-26) reached, PB2 (phone, not reached)
  unreached. 甲: PA1, PA3 reached (phone); PA5 (contacted by 市经贸委: flagged), PA6 unreached.
  丙: PB1 (symposium). Totals 7 owe, 4 reached.
- Items: 甲's report [difficulty PA3], 丙's amendment [operations PB1]; contacts: PA1 operations,
  PA4 policy (inside its designation); PA3's contact item equals 甲's report item → once. Total 4.
- Trends: 2024-12 and 2024-01 are before the records begin → 无数据, although a contact dated
  2024-12-20 with PA3 exists: it is before PA3's designation and counts for nothing.

Every expected figure is the hand computation written next to it, never the library's.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from softenv_core import CITY_OFFICE, Month
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.cli.main import main
from softenv_core.render.monitoring_report import render_markdown

DATA = Path(__file__).parent / "data" / "month-report-audit-a26.json"
A, B, C = "379902", "379903", "379904"


def _report(ds, pm, month, audience=CITY_OFFICE, as_of=None):
    kw = {} if as_of is None else {"as_of": datetime.fromisoformat(as_of)}
    return monitoring_report(ds, Month.parse(month), pm, audience=audience, **kw)


def _counties(r):
    return {c.county: (c.status, c.late_workdays, c.zero_report, c.items, c.waiver) for c in r.county_reports}


def _contacts(r):
    return {c.county: (c.active_points, c.reached, tuple(c.unreached), c.wrong_office_count) for c in r.contacts}


def _methods(r):
    return {c.county: {m: n for m, n in c.by_method.items() if n} for c in r.contacts}


def _previous_and_last_year(r, dimension):
    row = r.trends.row(dimension)
    cell = lambda c: None if c is None else c.value  # noqa: E731
    return cell(row.current), cell(row.previous), cell(row.last_year)


# --- September 2025 -------------------------------------------------------------------------


def test_september_county_reports_at_the_default_instant(ds, pm):
    r = _report(ds, pm, "2025-09")
    assert r.as_of == datetime.fromisoformat("2025-10-10T00:00:00+08:00")
    assert {c.county: c.due_at for c in r.county_reports} == dict.fromkeys(
        (A, B, C), datetime.fromisoformat("2025-10-09T23:59:59+08:00")
    )
    assert _counties(r) == {
        A: ("on_time", 0, False, 2, None),  # 23:59:59 Beijing; amendment after the instant unread
        B: (
            "missing",
            0,
            None,
            0,
            None,
        ),  # submitted 10-11 00:30 Beijing, after the instant zero_report null: no report (a67 04)
        C: ("on_time", 0, False, 1, None),  # 23:00 Beijing, written -07:00
    }


def test_september_county_reports_at_a_later_instant(ds, pm):
    r = _report(ds, pm, "2025-09", as_of="2025-10-20T00:00:00+08:00")
    assert _counties(r) == {
        A: ("on_time", 0, False, 3, None),  # the amendment is known now: 3 items
        B: ("waived", 2, False, 1, "W1"),  # 10-10 + Sat 10-11 (make-up) = 2; W1 decided 10-15
        C: ("on_time", 0, False, 1, None),
    }
    assert len(r.notable_items) == 8  # 6 + 甲's added policy item + 丙's item


def test_september_contacts_by_responsible_office(ds, pm):
    r = _report(ds, pm, "2025-09")
    assert _contacts(r) == {
        "city": (3, 3, (), 1),  # PA2, PB2, PC2; 丙区's contact with PB2 flagged
        A: (4, 1, ("PA3", "PA4", "PA6"), 0),  # PA5 ended 08-31: not owed, its 09-03 contact ignored
        B: (2, 1, ("PB1",), 1),  # PB3 owes (5 working days); PB4 (4) does not; PB1 by 市经贸委 only
        C: (2, 2, (), 0),
    }
    assert {c.county: tuple(c.wrong_office) for c in r.contacts}["city"] == ("C09-PB2a",)
    assert {c.county: tuple(c.wrong_office) for c in r.contacts}[B] == ("C09-PB1",)
    assert _methods(r) == {
        "city": {"visit": 2, "phone": 1},
        A: {"phone": 1},
        B: {"symposium": 1},
        C: {"phone": 1, "visit": 1},  # PC3's unanswered call does not reach it
    }


def test_september_items_once_each(ds, pm):
    r = _report(ds, pm, "2025-09")
    assert dict(r.items_by_category) == {"enforcement": 3, "fees": 1, "difficulty": 1, "operations": 1}
    assert dict(r.items_by_department) == {"city-amr": 3, "city-tax": 1}
    points = sorted((i.point, i.category) for i in r.notable_items)
    assert points == [
        ("PA1", "enforcement"),  # in 甲's report and its contact: once
        ("PA6", "fees"),
        ("PB3", "enforcement"),  # its 09-24 contact is before its designation: no item
        ("PB4", "difficulty"),  # designated 09-26, contacted that day: inside its interval
        ("PC1", "enforcement"),
        ("PC1", "operations"),
    ]


def test_september_common_problems(ds, pm):
    r = _report(ds, pm, "2025-09")
    found = {(p.category, p.department): (tuple(p.points), tuple(p.counties)) for p in r.common_problems}
    assert found == {
        ("enforcement", "city-amr"): (("PA1", "PB3", "PC1"), (A, B, C)),
        ("fees", "city-tax"): (("PA1", "PA5", "PA6", "PB2"), (A, B)),  # PB2: complaint Q1
    }
    assert all((p.first_month, p.last_month) == (Month(2025, 7), Month(2025, 9)) for p in r.common_problems)
    assert r.reconciliation == ()  # 甲 and 丁 reported items; Q1 is a 市直 point's


def test_september_trends(ds, pm):
    r = _report(ds, pm, "2025-09")
    assert _previous_and_last_year(r, "total") == (6, 2, None)
    assert _previous_and_last_year(r, "points_reached") == (7, 4, None)
    assert r.trends.sentences[-1] == "去年同月(2024-09)无数据，不作同比"


def test_september_county_view(ds, pm):
    r = _report(ds, pm, "2025-09", audience="county:379902")
    unreached = {c.county: tuple(c.unreached) for c in r.contacts}
    assert unreached == {"city": (), A: ("PA3", "PA4", "PA6"), B: (), C: ()}  # only its own listed
    assert {c.county: c.wrong_office for c in r.contacts}["city"] == ()  # ids withheld, count kept
    assert {c.county: c.wrong_office_count for c in r.contacts}["city"] == 1
    # Without complaints fees/city-tax is 甲's alone; each county is 1 < 3 of enforcement's points.
    assert [(p.category, p.points, p.counties) for p in r.common_problems] == [("enforcement", (), ())]
    assert r.complaints_received is None  # 1 < min_cell
    assert {c.county: c.items for c in r.county_reports} == {A: None, B: 0, C: None}  # 2 and 1 hidden


# --- January 2025 ---------------------------------------------------------------------------


def test_january_county_reports(ds, pm):
    r = _report(ds, pm, "2025-01")
    assert r.as_of == datetime.fromisoformat("2025-02-06T00:00:00+08:00")
    assert _counties(r) == {
        A: ("late", 1, False, 1, None),  # 02-06 00:00:00 Beijing written 16:00:00Z: 02-06 = 1
        B: ("on_time", 0, False, 1, None),  # zero report amended to one item before the instant
        C: ("not_owed", 0, None, 0, None),  # 丁区 exists from 2025-02-10; no report: zero_report null (a67 04)
    }
    assert [c.due_at for c in r.county_reports][:2] == [datetime.fromisoformat("2025-02-05T23:59:59+08:00")] * 2


def test_january_contacts(ds, pm):
    r = _report(ds, pm, "2025-01")
    assert {k: v for k, v in _contacts(r).items() if k != C} == {
        "city": (2, 1, ("PB2",), 0),  # PB2's phone call did not reach it
        A: (4, 2, ("PA5", "PA6"), 1),  # PA3 owes (5 days with Sun 01-26); PA4 (4) does not
        B: (1, 1, (), 0),
    }
    assert _contacts(r).get(C, (0, 0, (), 0))[:2] == (0, 0)


def test_january_items_and_trends(ds, pm):
    r = _report(ds, pm, "2025-01")
    assert dict(r.items_by_category) == {"difficulty": 1, "operations": 2, "policy": 1}
    assert _previous_and_last_year(r, "total") == (4, None, None)
    assert _previous_and_last_year(r, "points_reached") == (4, None, None)
    assert r.trends.sentences[-2:] == ("上月(2024-12)无数据，不作环比", "去年同月(2024-01)无数据，不作同比")
    assert r.common_problems == ()


def test_markdown_and_json_say_the_same(ds, pm, capsys):
    later = render_markdown(_report(ds, pm, "2025-09", as_of="2025-10-20T00:00:00+08:00"))
    assert "| 379903 丙区 | 2025-10-09 23:59 | 2025-10-11 00:30 | 已豁免（迟报 2个工作日；豁免 W1） | 否 | 1 |" in later
    assert main(["report", str(DATA), "--month", "2025-09"]) == 0
    text = capsys.readouterr().out
    # Still inside its late band at the default instant: says until when (auditor a84 03).
    assert (
        "| 379903 丙区 | 2025-10-09 23:59 | 未报 | "
        "未报（截至评估时点未收到；2025-10-13 23:59:59前补报按迟报计） |  | 0 |" in text
    )
    assert "| 市经贸委（市直） | 3 | 3 | 0 | 电话1、上门2 | 1 | 0 |" in text
    assert "未联系上的监测点：379902 甲区：PA3、PA4、PA6；379903 丙区：PB1。" in text
    assert main(["report", str(DATA), "--month", "2025-01", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(c["county"], c["status"], c["late_workdays"]) for c in doc["county_reports"]] == [
        (A, "late", 1),
        (B, "on_time", 0),
        (C, "not_owed", 0),
    ]
    assert main(["report", str(DATA), "--month", "2025-01", "--audience", "county:379903"]) == 0
    county = capsys.readouterr().out
    assert "上月(2024-12)无数据，不作环比" in county
    assert "PB2" not in county  # the 市直 row's unreached point is the city office's to see
