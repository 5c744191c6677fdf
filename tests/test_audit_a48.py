"""Auditor a48: cases worked out BY HAND from the policy, then compared with the library.

Policy read: seed 三(二) (分级负责: 市直 points by 市经贸委, county points by 县区经贸委; 定期定人进行联系),
三(三) (direct feedback 纳入投诉机制); DESIGN "City baseline" ("Who owes what, when", "Complaint
limits", "County month status", "Point duty score"); docs/programme.md "定人"; docs/monitoring.md;
docs/hooks.md ``softenv_complaint_sla``; docs/yearend.md (记录止于).

Data: ``small_dataset(2025)`` — 甲区 379902, 乙县 379921, 丙市 379981, each with a 市直 point (-1,
contacted by "city") and a 县区 point (-2, by its county), designated since 2020, one contact on
the 10th of every month (by phone, one item), no ``made_by`` and no liaison person unless a case
sets them. Official 2025 arrangement: March has no holiday; September 2025 none before the 28th
(a Sunday make-up day); 端午 Mon 06-02 off.

Scenario of March 2025 (``_march``), the persons (定人) by hand:

- A ``P-379902-1`` (市直, 市经贸委): 张三 until 03-14, 王五 from 03-15. Contacts by the city office:
  03-10 张三 (his day: 定人), 03-20 张三 (王五's day: 非定人, C-X1), 03-25 nobody recorded (C-X2).
- B ``P-379902-2`` (甲区's office), changed twice, on the first and the last day of March:
  赵一 until 03-01, 钱二 03-02..03-31, 孙三 from 04-01. Contacts: 03-01 赵一 (C-X3, 定人),
  03-10 钱二 (定人), 03-31 孙三 (C-X4: 钱二's last day, 非定人).
- C ``P-379921-1`` (市直): 周七. Its only March contact, 03-10, logged by 乙县's office, made by 李四.
- D ``P-379921-2`` (乙县's office): 郑九 throughout; its 03-10 contact says nobody.
- E ``P-379981-2`` (丙市's office): removed effective 03-21 (designated until 03-20), 冯十 until
  03-20 (the change on the day of the removal: his last day is the point's), 陈十一 after. Contacts:
  03-10 冯十 (定人), 03-20 陈十一 (C-X5: 冯十's day, 非定人), 03-25 陈十一 (C-X6: after the removal).
  E's working days in March: 03-03..07 (5) + 10..14 (5) + 17..20 (4) = 14 ≥ 5: it owes March.
- ``P-379981-1`` (市直): nobody named.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core import ComplaintSla, LiaisonTerm, Month, PluginInfo, get_plugin_manager, hookimpl
from softenv_core.analyses.liaison import liaison_check, liaison_workload
from softenv_core.model.complaints import EventType
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import make_complaint

A, B, C, D, E = "P-379902-1", "P-379902-2", "P-379921-1", "P-379921-2", "P-379981-2"


def _contact(cid: str, pid: str, day: date, who: str | None, office: str) -> Contact:
    return Contact(cid, pid, day, ContactMethod.VISIT, office, True, (), None, who)


def _march() -> se.Dataset:
    ds = small_dataset(2025)
    pts = {p.id: p for p in ds.points}
    term = LiaisonTerm
    pts[A] = attrs.evolve(pts[A], liaison_person="王五", former_liaison_persons=(term("张三", date(2025, 3, 14)),))
    pts[B] = attrs.evolve(
        pts[B],
        liaison_person="孙三",
        former_liaison_persons=(term("赵一", date(2025, 3, 1)), term("钱二", date(2025, 3, 31))),
    )
    pts[C] = attrs.evolve(pts[C], liaison_person="周七")
    pts[D] = attrs.evolve(pts[D], liaison_person="郑九")
    pts[E] = attrs.evolve(
        pts[E],
        liaison_person="陈十一",
        former_liaison_persons=(term("冯十", date(2025, 3, 20)),),
        designated_until=date(2025, 3, 20),
    )
    e = pts[E]
    removal = RosterChange(
        "RC-E", E, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 3, 21), e.designated_by, e.county
    )
    made = {(A, date(2025, 3, 10)): "张三", (B, date(2025, 3, 10)): "钱二", (E, date(2025, 3, 10)): "冯十"}
    contacts = []
    for c in ds.contacts:
        if c.point == E and c.date > date(2025, 3, 20):
            continue  # the builder's later months of E
        if c.point == C and c.date == date(2025, 3, 10):
            c = attrs.evolve(c, liaison="379921", made_by="李四")
        contacts.append(attrs.evolve(c, made_by=made.get((c.point, c.date), c.made_by)))
    contacts += [
        _contact("C-X1", A, date(2025, 3, 20), "张三", "city"),
        _contact("C-X2", A, date(2025, 3, 25), None, "city"),
        _contact("C-X3", B, date(2025, 3, 1), "赵一", "379902"),
        _contact("C-X4", B, date(2025, 3, 31), "孙三", "379902"),
        _contact("C-X5", E, date(2025, 3, 20), "陈十一", "379981"),
        _contact("C-X6", E, date(2025, 3, 25), "陈十一", "379981"),
    ]
    contacts.sort(key=lambda c: (c.date, c.id))
    return attrs.evolve(
        ds,
        points=tuple(pts[p.id] for p in ds.points),
        contacts=tuple(contacts),
        roster_changes=(*ds.roster_changes, removal),
    )


def _rows(report: Any) -> list[tuple[Any, ...]]:
    return [
        (r.county, r.active_points, r.reached, r.unreached, r.wrong_office_count, r.not_liaison, r.not_liaison_count)
        for r in report.contacts
    ]


def test_1_liaison_check_judges_each_contact_by_the_person_of_its_day() -> None:
    """docs/programme.md 定人: a contact is judged against the person named on its day.
    Inside the designation in March: A 3, B 3, C 1, D 1, P-379981-1 1, E 2 (C-X6 after the
    removal is no point's contact) = 11. 定人: A 03-10 张三, B 03-01 赵一 and 03-10 钱二, E 03-10
    冯十 = 4. Flagged: C's 03-10 李四 (周七's), C-X1 (王五's day), C-X4 (钱二's last day), C-X5 (冯十's
    last day) = 4. Unrecorded: C-X2 and D's 03-10 = 2. Nobody named: P-379981-1. 4 + 4 + 2 + 1 = 11."""
    check = liaison_check(_march(), Month(2025, 3))
    assert check.contacts == 11
    assert check.by_liaison_person == 4
    assert [(f.contact, f.liaison_person, f.made_by) for f in check.flagged] == [
        ("C-P-379921-1-2025-03", "周七", "李四"),
        ("C-X1", "王五", "张三"),
        ("C-X5", "冯十", "陈十一"),
        ("C-X4", "钱二", "孙三"),
    ]
    assert check.unrecorded == 2
    assert check.no_person == ("P-379981-1",)


def test_2_the_city_offices_report_section_3_contact_table() -> None:
    """三(二) 分级负责. 市直 row (A, C, P-379981-1): 应联系 3; 联系上 2 (C's only contact is 乙县's,
    not the responsible office's); 未联系上 C; 非责任单位联系 1 (C's); 非定人联系 2: C's contact by 李四
    is by neither the office nor the 定人 — the library counts it under both columns (the policy
    is silent; documented in docs/programme.md) — and C-X1. 甲区 row (B): 1/1/0, 非定人 C-X4.
    乙县 row (D): 1/1/0, none (D's contact says nobody). 丙市 row (E): 1/1/0, 非定人 C-X5; C-X6
    after the removal counts nowhere, and E owes March (14 working days designated)."""
    report = se.monitoring_report(_march(), Month(2025, 3), audience="city")
    wrong = "C-P-379921-1-2025-03"
    assert _rows(report) == [
        ("city", 3, 2, (C,), 1, (wrong, "C-X1"), 2),
        ("379902", 1, 1, (), 0, ("C-X4",), 1),
        ("379921", 1, 1, (), 0, (), 0),
        ("379981", 1, 1, (), 0, ("C-X5",), 1),
    ]
    md = se.render_markdown(report)
    assert "| 市经贸委（市直） | 3 | 2 | 1 | 电话2、上门2 | 1 | 2 |" in md
    assert "| 379902 甲区 | 1 | 1 | 0 | 电话1、上门2 | 0 | 1 |" in md
    assert "| 379981 丙市 | 1 | 1 | 0 | 电话1、上门1 | 0 | 1 |" in md
    assert f"非定人联系（非该监测点联系人所做）：{wrong}、C-X1、C-X4、C-X5。" in md


def test_3_the_workload_on_the_months_last_day() -> None:
    """定人联系工作量 on the report's day, 03-31: A 王五 (since 03-15), B 钱二 (03-31 is his last
    day; 孙三 from 04-01), C 周七, D 郑九; E was removed (designated until 03-20): nobody's;
    P-379981-1 has nobody named: 未指定 1. Four persons, one point each."""
    report = se.monitoring_report(_march(), Month(2025, 3), audience="city")
    assert [(w.office, w.person, w.points) for w in report.liaison_workload] == [
        ("city", "周七", 1),  # the city's office first, as in the table above (auditor a67 05)
        ("city", "王五", 1),
        ("379902", "钱二", 1),
        ("379921", "郑九", 1),
    ]
    assert report.liaison_unassigned == 1
    md = se.render_markdown(report)
    assert "| 379902 甲区 | 钱二 | 1 |" in md and "| 市经贸委（市直） | 王五 | 1 |" in md
    assert "联系人4名，人均联系监测点1.0个，最多1个；未指定联系人的监测点1个。" in md
    april = liaison_workload(_march(), date(2025, 4, 1))
    assert {w.person for w in april.persons if B in w.points} == {"孙三"}


def test_4_a_report_as_of_the_20th_counts_the_persons_of_the_20th() -> None:
    """A mid-month report speaks for its day (docs/monitoring.md: 月中报告为数据截至日): on 03-20 E
    is still designated (its last day) and 冯十's (his last day); C-X4 (03-31) is not yet known,
    C-X5 (03-20) is. So: 甲区 row 非定人 none; 丙市 row C-X5; workload 钱二, 郑九, 冯十, 周七, 王五."""
    report = se.monitoring_report(_march(), Month(2025, 3), audience="city", as_of=beijing(2025, 3, 20, 12))
    assert [(r.county, r.not_liaison) for r in report.contacts] == [
        ("city", ("C-P-379921-1-2025-03", "C-X1")),
        ("379902", ()),
        ("379921", ()),
        ("379981", ("C-X5",)),
    ]
    assert [(w.office, w.person) for w in report.liaison_workload] == [
        ("city", "周七"),
        ("city", "王五"),
        ("379902", "钱二"),
        ("379921", "郑九"),
        ("379981", "冯十"),
    ]


def test_5_a_countys_report_shows_counts_and_its_own_persons_only() -> None:
    """docs/programme.md: names only for the reader's own office, the 非定人 and unreached ids for
    the city office only. 甲区 (county:379902) reads the same counts as the city office, its own
    钱二, every other person withheld; in the JSON as in the Markdown."""
    report = se.monitoring_report(_march(), Month(2025, 3), audience="county:379902")
    assert [
        (r.county, r.active_points, r.reached, r.unreached, r.not_liaison, r.not_liaison_count) for r in report.contacts
    ] == [
        ("city", 3, 2, (), (), 2),
        ("379902", 1, 1, (), (), 1),
        ("379921", 1, 1, (), (), 0),
        ("379981", 1, 1, (), (), 1),
    ]
    data = json.loads(report.to_json())
    assert [(w["office"], w["person"], w["points"]) for w in data["liaison_workload"]] == [
        ("city", None, 1),
        ("city", None, 1),
        ("379902", "钱二", 1),
        ("379921", None, 1),
    ]
    md = se.render_markdown(report)
    assert "王五" not in md and "周七" not in md and "郑九" not in md and "非定人联系（" not in md


def _added_on_17th() -> se.Dataset:
    """D designated anew from Mon 03-17 (an ADD effective that day), 吴八 until 03-17 — the change
    on the day of the designation — then 郑九. Contacts: 03-14 吴八 (before the designation),
    03-17 吴八, 03-18 吴八."""
    ds = small_dataset(2025)
    d = attrs.evolve(
        next(p for p in ds.points if p.id == D),
        designated_from=date(2025, 3, 17),
        liaison_person="郑九",
        former_liaison_persons=(LiaisonTerm("吴八", date(2025, 3, 17)),),
    )
    add = RosterChange(
        "RC-D", D, ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 3, 17), d.designated_by, d.county
    )
    days = (date(2025, 3, 14), date(2025, 3, 17), date(2025, 3, 18))
    own = tuple(_contact(f"C-D{i}", D, day, "吴八", "379921") for i, day in enumerate(days))
    others = tuple(c for c in ds.contacts if c.point != D or c.date >= date(2025, 4, 1))
    return attrs.evolve(
        ds,
        points=tuple(d if p.id == D else p for p in ds.points),
        contacts=tuple(sorted((*others, *own), key=lambda c: (c.date, c.id))),
        roster_changes=(*ds.roster_changes, add),
    )


def test_6_a_change_on_the_day_of_the_designation() -> None:
    """Designated 03-17..03-31: working days 17..21, 24..28, 31 = 11 ≥ 5, so D owes March. 03-14 is
    before the designation (no point's contact, not checked); 03-17 吴八 on his own (last) day: 定人;
    03-18 吴八 on 郑九's day: 非定人. The workload: 吴八 on 03-17, 郑九 on 03-18, nobody's on 03-16."""
    ds = _added_on_17th()
    check = liaison_check(ds, Month(2025, 3))
    assert [(f.contact, f.liaison_person) for f in check.flagged] == [("C-D2", "郑九")]
    assert check.by_liaison_person == 1
    report = se.monitoring_report(ds, Month(2025, 3), audience="city")
    assert [(r.active_points, r.reached, r.not_liaison) for r in report.contacts if r.county == "379921"] == [
        (1, 1, ("C-D2",))
    ]

    def person(day: date) -> set[str]:
        return {w.person for w in liaison_workload(ds, day).persons if D in w.points}

    assert (person(date(2025, 3, 16)), person(date(2025, 3, 17)), person(date(2025, 3, 18))) == (
        set(),
        {"吴八"},
        {"郑九"},
    )


# --- 2. A county plugin's own complaint limits -------------------------------------------------


class _Yi:
    """乙县 (379921): 投诉 resolved in 10 working days (the city: 15) from 2025-07-01; before it,
    None (the city's), as docs/hooks.md's example."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county="379921", title="乙县", reference="乙经贸〔2025〕2号")

    @hookimpl
    def softenv_complaint_sla(self, kind, calendar, params, on):  # type: ignore[no-untyped-def]
        if on < date(2025, 7, 1):
            return None
        return ComplaintSla(1, 1, {"complaint": 10, "report": 15, "suggestion": 5}, 15, 2, "乙经贸〔2025〕2号")


def _yi_pm():  # type: ignore[no-untyped-def]
    return get_plugin_manager(autoload=False, plugins=[("yi", _Yi())])


def _complaints() -> se.Dataset:
    """Each signed for within its day of receipt and not resolved: Q1 about 乙县's department
    (379921-amr), received Mon 09-01, by 甲区's point; Q2 about the city's (city-amr), 09-01, by
    乙县's point; Q3 about 乙县's department, received Mon 06-02 (端午), before 乙县's limits."""
    q1 = make_complaint("Q1", B, beijing(2025, 9, 1), until=EventType.SIGNED, department="379921-amr")
    q2 = make_complaint("Q2", D, beijing(2025, 9, 1), until=EventType.SIGNED, department="city-amr")
    q3 = make_complaint("Q3", D, beijing(2025, 6, 2), until=EventType.SIGNED, department="379921-amr")
    return attrs.evolve(small_dataset(2025), complaints=(q3, q1, q2))


def _resolve_due(pm: Any, ds: se.Dataset, qid: str) -> date:
    cal = se.WorkCalendar()
    q = next(x for x in ds.complaints if x.id == qid)
    status = se.complaint_status(
        q, beijing(2025, 12, 31, 12), se.sla_for(pm, ds, q, cal, se.baseline_parameters()), cal
    )
    (step,) = [s for s in status.steps if s.name == "resolve"]
    return step.due_at.date()


@pytest.mark.parametrize(
    ("qid", "county_due", "city_due"),
    [
        # signed 09-01 (Mon): 10 working days after it: 09-02..05 (4), 08..12 (9), 15 (10) → 09-15;
        # the city's 15: 16..19 (14), 22 (15) → 09-22
        ("Q1", date(2025, 9, 15), date(2025, 9, 22)),
        # about a city department: the city's limits, whoever complained (docs/hooks.md)
        ("Q2", date(2025, 9, 22), date(2025, 9, 22)),
        # opened 06-02, before 乙县's limits: the city's 15 after 06-02: 03..06 (4), 09..13 (9),
        # 16..20 (14), 23 (15) → 06-23
        ("Q3", date(2025, 6, 23), date(2025, 6, 23)),
    ],
)
def test_7_a_countys_complaint_limits_bind_its_own_departments_from_their_day(
    qid: str, county_due: date, city_due: date
) -> None:
    """DESIGN "Complaint limits"; docs/hooks.md softenv_complaint_sla: the limits of the county of
    the department complained about, in force on the day the step opened."""
    ds = _complaints()
    assert _resolve_due(_yi_pm(), ds, qid) == county_due
    assert _resolve_due(get_plugin_manager(autoload=False), ds, qid) == city_due


@pytest.mark.parametrize(("as_of", "with_yi", "city_only"), [((2025, 9, 19, 12), 2, 1), (None, 3, 3)])
def test_8_the_monthly_reports_overdue_count_and_notice(as_of: Any, with_yi: int, city_only: int) -> None:
    """September's report as of 09-19 noon: overdue are those due before then and open — with 乙县's
    limits Q3 (06-23) and Q1 (09-15); Q2 (09-22) not yet: 2. With the city's only, Q1 is due 09-22:
    1. At the month's end (09-30) all three are overdue either way. The notice names 乙县's plugin."""
    ds = _complaints()
    at = None if as_of is None else beijing(*as_of)
    report = se.monitoring_report(ds, Month(2025, 9), _yi_pm(), audience="city", as_of=at)
    assert report.complaints_overdue == with_yi
    plain = se.monitoring_report(ds, Month(2025, 9), audience="city", as_of=at)
    assert plain.complaints_overdue == city_only
    assert [n for n in report.notices if n.startswith("complaint limits from county 379921's plugin 'yi'")]
    assert not [n for n in plain.notices if n.startswith("complaint limits")]
    assert "注：县区 379921 所属部门被投诉的事项按其插件 'yi' 的办理时限" in se.render_markdown(report)


def _explain(as_of: list[str], tmp_path: Path) -> str:
    from softenv_core.cli.commands import cmd_explain
    from softenv_core.cli.main import build_parser

    data = tmp_path / "d.json"
    data.write_text(se.dataset_json(_complaints()), encoding="utf-8")
    args = build_parser().parse_args(["explain", str(data), "--year", "2025", "--county", "379921", *as_of])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cmd_explain(args, _yi_pm()) == 0
    text = out.getvalue()
    return text[text.index("投诉办理时限依据") :]


def test_9_explain_county_names_the_limits_of_its_instant(tmp_path: Path) -> None:
    """At the year's end 乙县's plugin answers (投诉 10); as of 06-30 it answers None, so the city's
    limits (投诉 15) and their parameters are named."""
    end = _explain([], tmp_path)
    assert end.startswith("投诉办理时限依据（2025-12-31 有效")
    assert "[yi " in end and "    投诉：受理1、签收1、办结10、延期至多15、回访2个工作日\n" in end
    june = _explain(["--as-of", "2025-06-30T12:00:00+08:00"], tmp_path)
    assert june.startswith("投诉办理时限依据（2025-06-30 有效")
    assert "[city " in june and "    投诉：受理1、签收1、办结15、延期至多15、回访2个工作日\n" in june
    assert "[yi " not in june.split("\n\n")[0]


# --- 3. The year end on partial data -----------------------------------------------------------


def _until_march() -> se.Dataset:
    ds = small_dataset(2025)
    return attrs.evolve(
        ds,
        reports=tuple(r for r in ds.reports if r.month.month <= 3),
        contacts=tuple(c for c in ds.contacts if c.date.month <= 3),
    )


def test_10_records_ending_in_march_score_the_rest_missing_and_say_so() -> None:
    """DESIGN "County month status": compliance = mean over 12 owed months of 100 (Jan–Mar on time)
    and 0 (Apr–Dec missing) = 300 / 12 = 25.00; not 十佳-eligible. "Point duty score" of B:
    contact 30 × 3/12 = 7.50; feedback 3 months of the 6 × 12/12 needed: 30 × 3/6 = 15.00;
    万人评议 no round owed: 20.00; supervision 20.00; total 62.50 (合格 ≥ 60)."""
    ds = _until_march()
    a = se.assess(ds, 2025, audience="city")
    assert {(c.code, str(c.compliance), c.topten_eligible) for c in a.counties} == {
        (code, "25.00", False) for code in ("379902", "379921", "379981")
    }
    point = next(p for p in a.points if p.id == B)
    assert sorted((i.rule.id, str(i.points)) for i in point.items) == [
        ("city.duty.appraisal", "20.00"),
        ("city.duty.contact", "7.50"),
        ("city.duty.feedback", "15.00"),
        ("city.duty.supervision", "20.00"),
    ]
    assert str(point.total) == "62.50"
    notices = se.year_end(ds, 2025, audience="city").notices
    assert [n for n in notices if n.startswith("records end in 2025-03:")] == [
        "records end in 2025-03: no county report or contact is recorded after it at as_of, and the months "
        "after it (2025-04—2025-12) are scored as missing (未报); if the dataset is not complete, complete it "
        "and run again"
    ]


def test_11_records_end_as_of_june_10th_names_only_the_months_due_by_then() -> None:
    """As of 06-10: April's report was due Tue 05-06 (05-01..05 劳动节), May's Thu 06-05: both 未报;
    June's is not yet due. The notice names 2025-04—2025-05."""
    notices = se.year_end(_until_march(), 2025, audience="city", as_of=beijing(2025, 6, 10, 12)).notices
    assert [n for n in notices if "(2025-04—2025-05) are scored as missing" in n]


def test_12_the_chinese_year_end_says_where_the_records_end() -> None:
    """docs/yearend.md: the notice under 提示 in the Chinese document."""
    text = se.render_yearend(se.year_end(_until_march(), 2025, audience="city"))
    assert (
        "- 记录止于 2025-03：截至数据截至时刻，此后没有任何县区月报或联系记录，其后的 2025-04—2025-12 "
        "均按未报计分；如数据不完整，请补齐后重新运行" in text
    )


def test_13_records_of_the_year_before_only_end_in_its_december() -> None:
    """A 2025 year end on 2024's records alone: the last month with a record is 2024-12 (its
    report submitted in January 2025), so every 2025 month is named: 2025-01—2025-12; every county's
    compliance is 0 over its 12 owed months."""
    ds = small_dataset(2024)
    notices = se.year_end(ds, 2025, audience="city").notices
    assert [n for n in notices if n.startswith("records end in 2024-12:") and "(2025-01—2025-12)" in n]
    assert {str(c.compliance) for c in se.assess(ds, 2025, audience="city").counties} == {"0.00"}
