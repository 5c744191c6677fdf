from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given

from softenv_core import (
    CITY_OFFICE,
    Complaint,
    ComplaintEvent,
    ComplaintKind,
    Contact,
    ContactMethod,
    EventType,
    Item,
    ItemCategory,
    Month,
    MonthlyReport,
    SoftenvError,
    get_plugin_manager,
)
from softenv_core.analyses.monitoring_report import Audience, contact_overview, monitoring_report
from softenv_core.analyses.report_reconciliation import ZERO_BUT_CONTACT
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing import beijing, datasets, make_complaint, monthly_report, small_dataset

from .weights import HEAVY

JUNE = Month(2025, 6)
JIA, YI, BING = "379902", "379921", "379981"


def _june():
    ds = small_dataset(2025)
    reports = [r for r in ds.reports if r.month != JUNE]
    reports.append(
        monthly_report(
            JIA,
            JUNE,
            beijing(2025, 7, 8, 10),  # due Mon 7 July (the 5th is a Saturday)
            items=(Item(ItemCategory.OPERATIONS, "生产平稳", None, "P-379902-2"),),
        )
    )
    reports.append(monthly_report(BING, JUNE, beijing(2025, 7, 3, 9)))  # zero report, on time
    # 乙县 (YI) sends nothing: missing
    common = [
        Contact(
            f"CP{k}",
            pid,
            date(2025, 6, 20),
            ContactMethod.VISIT,
            liaison,
            True,
            (Item(ItemCategory.FEES, "检测收费过高", "city-amr"),),
        )
        for k, (pid, liaison) in enumerate([("P-379902-2", JIA), ("P-379921-2", YI), ("P-379981-2", BING)])
    ]
    # signed the next morning, never resolved: overdue by the report's instant
    signed = (timedelta(hours=1), timedelta(hours=2), timedelta(days=1))
    complaint = make_complaint(
        "Q-OVERDUE", "P-379981-2", beijing(2025, 6, 3, 9), until=EventType.SIGNED, after=signed, text="重复检查"
    )
    return attrs.evolve(ds, reports=tuple(reports), contacts=ds.contacts + tuple(common), complaints=(complaint,))


#: An instant after 甲's late report (Tue 8 July 10:00): by default June's report speaks for
#: the moment after its deadline (Mon 7 July 23:59:59), when 甲's report is not yet known.
END_OF_JULY = beijing(2025, 7, 31, 12)


def _report(audience="city"):
    return monitoring_report(_june(), JUNE, get_plugin_manager(autoload=False), audience=audience, as_of=END_OF_JULY)


def test_handmade_month_shows_late_missing_zero_overdue_and_common_problem():
    r = _report()
    rows = {row.county: row for row in r.county_reports}
    assert (rows[JIA].status, rows[JIA].late_workdays) == ("late", 1)
    assert rows[YI].status == "missing"
    assert rows[BING].status == "on_time" and rows[BING].zero_report
    assert r.complaints_received == 1 and r.complaints_overdue == 1
    (q,) = r.complaints
    assert q.open_step == "resolve" and q.overdue_workdays > 0 and q.supervision_due
    # small_dataset's 经营状况 items name no department: information for the 晴雨表, no problem
    # (common.no_department_categories: docs/rules.md "Open: items naming no department").
    (problem,) = r.common_problems
    assert (problem.category, problem.department) == ("fees", "city-amr")
    assert set(problem.counties) == {JIA, YI, BING} and len(problem.points) == 3
    # 丙's zero report: its point's direct feedback, and its own office's contact CP2 that
    # recorded a 收费 item (t11 07).
    flag, *contacts = r.reconciliation
    assert flag.county == BING and flag.complaint == "Q-OVERDUE" and "零报告" in flag.reason
    assert [(f.county, f.contact, f.point, f.complaint) for f in contacts] == [
        (BING, "C-P-379981-2-2025-06", "P-379981-2", ""),
        (BING, "CP2", "P-379981-2", ""),
    ]
    md = render_markdown(r)
    for text in (
        "2025年6月",
        "迟报 1个工作日",
        "未报",
        "| 是 |",
        "超期",
        "应督办",
        "检测收费过高",
        "市市场监管局",
        "可能漏报",
    ):
        assert text in md, text
    assert "Monitoring report" not in md
    assert "Period" in render_markdown(r, "en")


def test_contacts_by_the_wrong_office_are_flagged():
    ds = _june()
    wrong = Contact("CW", "P-379902-2", date(2025, 6, 9), ContactMethod.PHONE, "city", True)  # a county point
    overview = contact_overview(attrs.evolve(ds, contacts=(*ds.contacts, wrong)), JUNE, audience=CITY_OFFICE)
    row = next(o for o in overview if o.point == "P-379902-2")
    assert row.wrong_office == ("CW",) and row.reached and row.liaison == JIA


def test_audiences_see_what_they_may():
    city, county, dept, public = (_report(a) for a in ("city", f"county:{BING}", "department:city-amr", "public"))
    assert city.complaints[0].complainant == "P-379981-2"
    # Issue 15: without consent a county sees the complaint counted only, and a department sees
    # it listed only when at least privacy.min_cell points could have made it (not here).
    # The count itself is a cell: shown as the city's, or suppressed (None) where the trend
    # section hides it (one decision per report, finding 14).
    assert county.complaints == () and county.complaints_received in (city.complaints_received, None)
    assert all(c.complainant is None for c in dept.complaints)
    assert public.complaints == () and public.notable_items == () and public.common_problems[0].points == ()
    assert "P-379981-2" not in dept.to_json() and "P-379981-2" not in public.to_json()
    with pytest.raises(SoftenvError, match="audience"):
        _report("mayor")


def test_the_body_complained_about_never_sees_who_even_with_consent():
    ds = _june()
    ds = attrs.evolve(ds, complaints=(attrs.evolve(ds.complaints[0], consent_to_disclose=True),))
    pm = get_plugin_manager(autoload=False)
    assert monitoring_report(ds, JUNE, pm, audience=f"county:{BING}").complaints[0].complainant == "P-379981-2"
    assert monitoring_report(ds, JUNE, pm, audience="department:city-amr").complaints[0].complainant is None


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_department_output_never_names_a_complainant(dataset):
    pm = get_plugin_manager(autoload=False)
    year = dataset.reports[0].month.year if dataset.reports else 2025
    for dept in dataset.departments:
        aud = Audience("department", dept.id)
        for m in (Month(year, 3), Month(year, 9)):
            text = monitoring_report(dataset, m, pm, audience=aud).to_json() + render_markdown(
                monitoring_report(dataset, m, pm, audience=aud)
            )
            shown = {c.point for c in dataset.complaints if aud.sees_identity(c)}
            for c in dataset.complaints:
                if c.point in shown:
                    continue
                point = dataset.point_by_id[c.point]
                for secret in (c.point, point.enterprise.name, point.enterprise.uscc):
                    assert secret not in text


def test_a_points_contacts_are_listed_by_date_then_id_whatever_the_input_order():
    ds = _june()
    point = "P-379902-2"
    extra = [
        Contact("CZ-2", point, date(2025, 6, 28), ContactMethod.PHONE, JIA, True),
        Contact("CZ-1", point, date(2025, 6, 28), ContactMethod.PHONE, JIA, False),
        Contact("CA-9", point, date(2025, 6, 2), ContactMethod.VISIT, JIA, True),
    ]
    mine = [c for c in ds.contacts if c.point == point and JUNE.contains(c.date)]
    expected = tuple(c.id for c in sorted([*mine, *extra], key=lambda c: (c.date, c.id)))
    for order in (extra, extra[::-1]):
        row = next(
            o
            for o in contact_overview(attrs.evolve(ds, contacts=(*order, *ds.contacts)), JUNE, audience=CITY_OFFICE)
            if o.point == point
        )
        assert row.contacts == expected
        assert row.methods == tuple(
            c.method.value for c in sorted([*mine, *extra], key=lambda c: (c.date, c.id)) if c.reached
        )


@HEAVY  # a generated dataset assessed per example: tests/weights.py
@given(datasets())
def test_monthly_reports_do_not_depend_on_record_order(dataset):
    pm = get_plugin_manager(autoload=False)
    year = dataset.reports[0].month.year if dataset.reports else 2025
    reverse = attrs.evolve(
        dataset,
        contacts=dataset.contacts[::-1],
        complaints=dataset.complaints[::-1],
        points=dataset.points[::-1],
        reports=dataset.reports[::-1],
    )
    for m in (Month(year, 2), Month(year, 11)):
        assert (
            monitoring_report(dataset, m, pm, audience=CITY_OFFICE).to_json()
            == monitoring_report(reverse, m, pm, audience=CITY_OFFICE).to_json()
        )


def test_audience_kinds_carry_their_label_and_a_point_sees_its_own_feedback_only():
    from softenv_core.analyses.audiences import AudienceKind

    assert Audience.parse("county:379902").kind is AudienceKind.COUNTY
    assert Audience.parse("county:379902").zh == "县区 379902" and Audience.parse("public").zh.startswith("公开")
    ds = _june()
    pm = get_plugin_manager(autoload=False)
    mine = monitoring_report(ds, JUNE, pm, audience="point:P-379981-2")
    assert [q.id for q in mine.complaints] == [c.id for c in ds.complaints if c.point == "P-379981-2"]
    assert mine.complaints and all(q.complainant == "P-379981-2" for q in mine.complaints)
    other = monitoring_report(ds, JUNE, pm, audience="point:P-379902-2")
    assert other.complaints == () and "P-379981-2" not in other.to_json()
    with pytest.raises(SoftenvError, match="no such point"):
        monitoring_report(ds, JUNE, pm, audience="point:P-nowhere")


def test_a_batch_of_reports_equals_the_reports_one_by_one_and_leaves_the_collector_alone(monkeypatch):
    import gc

    from softenv_core.analyses.monitoring_report import monitoring_reports

    ds = small_dataset(2025)
    pm = get_plugin_manager(autoload=False)
    months = [Month(2025, m) for m in range(1, 13)]

    def no_pause() -> None:
        raise AssertionError("a library call paused the garbage collector")

    monkeypatch.setattr(gc, "disable", no_pause)
    batch = monitoring_reports(ds, months, pm, audience=CITY_OFFICE)
    assert [r.to_json() for r in batch] == [
        monitoring_report(ds, m, pm, audience=CITY_OFFICE).to_json() for m in months
    ]
    render_markdown(batch[5])


def test_before_a_months_deadline_its_report_is_not_yet_due_not_missing():
    ds = _june()
    pm = get_plugin_manager(autoload=False)
    # June's reports are due at the end of the 5th of July, a Saturday, moved to Mon 7 July
    # 23:59:59 (顺延). 丙 (BING) reported Thu 3 July 09:00; 甲 (JIA) reports Tue 8 July 10:00;
    # 乙 (YI) never does.
    friday = monitoring_report(ds, JUNE, pm, as_of=beijing(2025, 7, 4, 12), audience=CITY_OFFICE)
    rows = {row.county: row for row in friday.county_reports}
    # Fri 4 July noon: BING is in (on time); JIA and YI have until Monday night: not yet due.
    assert [rows[c].status for c in (BING, JIA, YI)] == ["on_time", "not_due", "not_due"]
    assert rows[JIA].submitted_at is None  # its report comes after the instant: not yet known
    md = render_markdown(friday)
    assert "未到期2个" in md and "| 未到期 |" in md and "未报0个" in md
    # Tue 8 July 09:00: the deadline has passed and neither JIA (10:00) nor YI has reported.
    tuesday = monitoring_report(ds, JUNE, pm, as_of=beijing(2025, 7, 8, 9), audience=CITY_OFFICE)
    rows = {row.county: row for row in tuesday.county_reports}
    assert [rows[c].status for c in (BING, JIA, YI)] == ["on_time", "missing", "missing"]
    # Without an instant: the moment after the last deadline (Tue 8 July 00:00:00), when JIA's
    # report (10:00) is not yet known: missing, whenever the report is made.
    default = monitoring_report(ds, JUNE, pm, audience=CITY_OFFICE)
    rows = {row.county: row for row in default.county_reports}
    assert [rows[c].status for c in (BING, JIA, YI)] == ["on_time", "missing", "missing"]
    assert "未到期" not in render_markdown(default)
    assert default == monitoring_report(ds, JUNE, pm, audience=CITY_OFFICE, as_of=beijing(2025, 7, 8, 0))
    # Later, once JIA has reported: late by 1 working day (Tue 8 after Mon 7).
    rows = {
        row.county: row
        for row in monitoring_report(ds, JUNE, pm, audience=CITY_OFFICE, as_of=END_OF_JULY).county_reports
    }
    assert (rows[JIA].status, rows[JIA].late_workdays, rows[YI].status) == ("late", 1, "missing")


def test_a_complaint_closed_after_an_unsatisfied_follow_up_is_listed_for_checking():
    from softenv_core import Satisfaction

    ds = _june()
    (q,) = ds.complaints
    closed = attrs.evolve(
        q,
        events=(
            *q.events,
            ComplaintEvent(EventType.RESOLVED, beijing(2025, 6, 10, 9), "市市场监管局"),
            ComplaintEvent(
                EventType.FOLLOWED_UP, beijing(2025, 6, 11, 9), "市软建办", satisfaction=Satisfaction.UNSATISFIED
            ),
            ComplaintEvent(EventType.CLOSED, beijing(2025, 6, 11, 10), "市软建办"),
        ),
    )
    pm = get_plugin_manager(autoload=False)
    report = monitoring_report(attrs.evolve(ds, complaints=(closed,)), JUNE, pm, audience=CITY_OFFICE)
    (row,) = report.complaints
    assert len(row.problems) == 1 and "不满意" in row.problems[0]
    # Said in the document's language (auditor a25: the Chinese report printed the English
    # problem): Beijing time to the minute in Chinese, the data's text in English.
    zh_line = f"- {row.id}：2025-06-11 10:00结案，但此前回访为不满意且未重办"
    assert "办理问题（需核查）" in render_markdown(report) and zh_line in render_markdown(report)
    assert "closed at" not in render_markdown(report)
    assert f"- {row.id}: closed at 2025-06-11T10:00:00+08:00 after" in render_markdown(report, "en")
    # Listed in July too? No: it was finished in June, so July does not repeat it.
    assert (
        monitoring_report(attrs.evolve(ds, complaints=(closed,)), Month(2025, 7), pm, audience=CITY_OFFICE).complaints
        == ()
    )


# --- issue 14 items 9 and 10 in the monitoring report --------------------------------------


def _march_with(report=None, complaints=()):
    """tests/test_programme.py's handmade February–March; 西城区 (379903) reported March on
    04-02 09:00 (due 04-05 → Monday 04-07 23:59) listing P3's 退税 item and P4's 政策诉求 item."""
    from .test_programme import programme

    ds = programme()
    ds = attrs.evolve(ds, reports=(report or ds.reports[0],), complaints=ds.complaints + tuple(complaints))
    # At the end of April: the amendments of 04-20 are known (by default March's report speaks
    # for the moment after its 04-07 deadline, before them).
    pm = get_plugin_manager(autoload=False)
    return monitoring_report(ds, Month(2025, 3), pm, audience=CITY_OFFICE, as_of=beijing(2025, 4, 30, 12))


AMENDED_AT = beijing(2025, 4, 20, 9)


def _amended(*, items=(), zero=False, at=AMENDED_AT):
    from softenv_core.model.reports import Amendment

    from .test_programme import programme

    first = programme().reports[0]
    return attrs.evolve(first, amendments=(Amendment(at, "西城区经贸委", items=items, nothing_to_report=zero),))


def test_item9_the_latest_amendment_counts_for_items_and_omissions_timeliness_stays_with_the_first():
    # Q2 (P3, received 03-03) is direct feedback from a 西城区 point. The first version lists
    # P3's item: no omission flag. The amendment of 04-20 (after the 04-07 deadline) keeps only
    # P4's item: P3 is no longer in the report, so Q2 is flagged; items counted 1 (not 2); the
    # report stays on time (first submission 04-02 ≤ 04-07), late by 0 working days.
    assert _march_with().reconciliation == ()
    policy = Item(ItemCategory.POLICY, "希望延续稳岗补贴", None, "P4")
    r = _march_with(_amended(items=(policy,)))
    row = {x.county: x for x in r.county_reports}["379903"]
    assert (row.status, row.late_workdays, row.items, row.zero_report) == ("on_time", 0, 1, False)
    assert [(f.county, f.complaint, f.reason) for f in r.reconciliation] == [
        ("379903", "Q2", "月报未列入该县区监测点本月直接反馈的事项")
    ]
    # Items this month: 6 from contacts (P1 ×3, P2 ×2, P3 ×1) + the amendment's 1 = 7; P3's
    # item now comes from its contact (the report no longer carries it), so still counted once.
    assert sum(r.items_by_category.values()) == 7
    # An amendment to a zero report: 0 items, zero_report, and the 零报告 reason for Q2.
    z = _march_with(_amended(zero=True))
    zrow = {x.county: x for x in z.county_reports}["379903"]
    assert (zrow.status, zrow.items, zrow.zero_report) == ("on_time", 0, True)
    # Its own office's contact with P3 recorded an item too: flagged beside the zero report (t11 07).
    assert [f.reason for f in z.reconciliation] == [
        "零报告，但该县区监测点本月直接向市软建办反馈",
        ZERO_BUT_CONTACT.format(office="西城区经贸委", items=1),
    ]
    # At an instant before the amendment (04-10), the first version is what is known.
    from .test_programme import programme

    ds = attrs.evolve(programme(), reports=(_amended(items=(policy,)),))
    early = monitoring_report(
        ds, Month(2025, 3), get_plugin_manager(autoload=False), as_of=beijing(2025, 4, 10, 9), audience=CITY_OFFICE
    )
    assert {x.county: x.items for x in early.county_reports}["379903"] == 2 and early.reconciliation == ()


def test_two_amendments_of_the_same_instant_the_later_listed_counts_in_the_report_and_its_trends():
    # Amendments are checked to be in submission order, equal instants allowed: the one listed
    # last is the latest. The report's section 四 and the trends' figures must read the same one
    # (they once differed: max() by time took the first of two equal instants).
    from softenv_core.model.reports import Amendment

    from .test_programme import programme

    first = programme().reports[0]
    one = Item(ItemCategory.POLICY, "希望延续稳岗补贴", None, "P4")
    two = Item(ItemCategory.ENFORCEMENT, "检查过多", None, "P4")
    amended = attrs.evolve(
        first,
        amendments=(
            Amendment(AMENDED_AT, "西城区经贸委", items=(one,)),
            Amendment(AMENDED_AT, "西城区经贸委", items=(one, two)),
        ),
    )
    ds = attrs.evolve(programme(), reports=(amended,))
    pm = get_plugin_manager(autoload=False)
    r = monitoring_report(ds, Month(2025, 3), pm, audience=CITY_OFFICE, as_of=beijing(2025, 4, 30, 12))
    assert {x.county: x.items for x in r.county_reports}["379903"] == 2
    trend = {(row.dimension, row.key): row for row in r.trends.rows}
    assert r.items_by_category.get("enforcement", 0) >= 1
    assert trend[("category", "enforcement")].current.value == r.items_by_category["enforcement"]


def test_item10_feedback_from_a_city_level_point_never_flags_its_county():
    from .test_programme import programme

    def march_feedback(cid, point):
        events = (ComplaintEvent(EventType.RECEIVED, beijing(2025, 3, 12, 9), "市软建办"),)
        return Complaint(cid, ComplaintKind.SUGGESTION, point, None, ItemCategory.OTHER, "建议", events=events)

    # 东城区 (379902) reports March with one item of P5's. P1 is a 市直 point located in
    # 东城区 (the city's 市经贸委 contacts it): its direct feedback Q-P1 is not the county's to
    # report, so no flag. P2 is a 东城区 county point: its feedback Q-P2 is flagged. 1 flag.
    report = MonthlyReport(
        "R-A-2025-03",
        "379902",
        Month(2025, 3),
        beijing(2025, 4, 3, 9),
        "东城区经贸委",
        items=(Item(ItemCategory.OPERATIONS, "生产平稳", None, "P5"),),
    )
    ds = programme()
    ds = attrs.evolve(
        ds,
        reports=(*ds.reports, report),
        complaints=(*ds.complaints, march_feedback("Q-P1", "P1"), march_feedback("Q-P2", "P2")),
    )
    r = monitoring_report(ds, Month(2025, 3), get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    assert [(f.county, f.complaint) for f in r.reconciliation] == [("379902", "Q-P2")]
