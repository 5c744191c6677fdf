"""Auditor a53: the COUNTY side by hand where dates and membership matter (seed 三(二) 各县区都要在
每月5日前将上月情况报市经贸委, 零报告; 四(三) 对未按时上报的县区, 年底争创“十佳”评比中不得评先进;
DESIGN "City baseline": Monthly report deadline, Zero report, Who owes what, when, An explicit
instant, County month status, 十佳 baseline; docs/rules.md, docs/calendar.md, docs/monitoring.md 七).

Official arrangements used (State Council notices, as chinesecalendar 1.11.0 carries them):
2022 春节 01-31..02-06 off; 2023 劳动节 04-29..05-03 off, Sun 04-23 and Sat 05-06 worked; 2024 春节
02-10..02-17 off, Sun 02-04 and Sun 02-18 worked (除夕 02-09 a working day); 2025 清明 04-04..04-06,
春节 01-28..02-04, 国庆/中秋 10-01..10-08 off, Sat 10-11 worked; 2026 元旦 01-01..01-03 off, Sun
01-04 worked; 清明 04-04..04-06; 劳动节 05-01..05-05 off, Sat 05-09 worked; 国庆 10-01..10-07 off.
City baseline: month M due at 23:59:59 Beijing on the 5th of M+1, 顺延 to the next working day;
100 on time, 50 late by ≤ 3 working days (N = working days after the due date up to and including
the submission's date), 0 otherwise; compliance = mean over the owed months; not 先进 with any
owed month not on time (no waiver). Each expected figure is the hand computation written beside
it, never the library's output copied.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

from softenv_core import (
    CITY_OFFICE,
    Amendment,
    Month,
    PluginInfo,
    RuleConflict,
    Waiver,
    assess,
    baseline_parameters,
    hookimpl,
    monitoring_report,
    monthly_deadline,
)
from softenv_core.analyses.report_reconciliation import ZERO_BUT_CONTACT
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.model.divisions import County, CountyKind
from softenv_core.model.reports import Item, ItemCategory, MonthlyReport
from softenv_core.rules.city.compliance import baseline_warnings
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing import beijing, make_complaint, monthly_contacts, monthly_report, small_dataset

JIA, YI, BING = "379902", "379921", "379981"


def _reports(ds, *new, drop=()):  # type: ignore[no-untyped-def]
    """``ds`` with its reports of the ids of ``new`` (and ``drop``) replaced by ``new``."""
    gone = {r.id for r in new} | set(drop)
    return attrs.evolve(ds, reports=(*(r for r in ds.reports if r.id not in gone), *new))


def _month(ds, year, pm, month, code=YI, as_of=None):  # type: ignore[no-untyped-def]
    """The county's assessment and its ``month``'s status (1-based)."""
    c = assess(ds, year, pm, audience=CITY_OFFICE, as_of=as_of).county(code)
    return c, c.months[month - 1]


def _failing(c):  # type: ignore[no-untyped-def]
    return [x.reason for x in c.conditions if not x.passed]


def _later_reports(code, months, year):  # type: ignore[no-untyped-def]
    """On-time zero reports of ``code`` for ``months`` of ``year``, each on the 2nd of the next month 09:00."""
    return [monthly_report(code, Month(year, m), beijing(year + m // 12, m % 12 + 1, 2, 9)) for m in months]


def test_1_the_current_year_as_of_now_qingming_and_labour_day_2026(pm):
    """乙县 2026, assessed at 2026-12-02 12:00 Beijing (inside the year: no 2027 arrangement needed).
    Deadlines by hand: Jan 02-05 Thu; Feb 03-05 Thu; Mar: 04-05 Sun and 04-06 Mon are 清明 → Tue
    04-07; Apr: 05-05 Tue is 劳动节 → Wed 05-06; May 06-05 Fri; Jun 07-05 Sun → 07-06; Jul 08-05;
    Aug 09-05 Sat → 09-07; Sep: 10-05 in 国庆 → Thu 10-08; Oct 11-05; Nov 12-05 Sat → Mon 12-07;
    Dec still running → pending, no deadline worked out (it falls in 2027).
    March sent 04-07 23:59:59 (the due second) → on time. April sent Sat 05-09 10:00 → late, N =
    05-07, 05-08, 05-09 (补班) = 3 ≤ 3 → 50. November sent 12-02 09:00, known at 12:00 → on time.
    Owed: Jan–Nov = 11; (10 × 100 + 50) / 11 = 95.4545… → 95.45; not 先进, naming April only (a
    county already beyond the allowance fails whatever is pending).
    At 08:00 the same day November's report is not yet known and its deadline (12-07) is ahead →
    pending with its due moment: owed Jan–Oct = 10, (9 × 100 + 50) / 10 = 95.00; 甲区, all on
    time, 100.00 and 暂不能判定 for November–December."""
    ds = _reports(
        small_dataset(2026),
        monthly_report(YI, Month(2026, 3), beijing(2026, 4, 7, 23, 59, 59)),
        monthly_report(YI, Month(2026, 4), beijing(2026, 5, 9, 10)),
    )
    noon = beijing(2026, 12, 2, 12)
    yi, _ = _month(ds, 2026, pm, 1, as_of=noon)
    dues = [m.due_at.date() if m.due_at else None for m in yi.months]
    want = [(2, 5), (3, 5), (4, 7), (5, 6), (6, 5), (7, 6), (8, 5), (9, 7), (10, 8), (11, 5), (12, 7)]
    assert dues == [*(date(2026, m, d) for m, d in want), None]
    assert [m.status.value for m in yi.months] == ["on_time"] * 3 + ["late"] + ["on_time"] * 7 + ["pending"]
    apr = yi.months[3]
    assert (apr.late_workdays, str(apr.score), apr.late_facts) == (3, "50.00", "05-07、05-08、05-09（调休上班）")
    assert (str(yi.compliance), yi.topten_eligible) == ("95.45", False)
    assert _failing(yi) == ["2026-04 迟报3个工作日（05-07、05-08、05-09（调休上班））"]

    early = beijing(2026, 12, 2, 8)
    a = assess(ds, 2026, pm, audience=CITY_OFFICE, as_of=early)
    nov = a.county(YI).months[10]
    assert (nov.status.value, nov.due_at, nov.submitted_at) == ("pending", beijing(2026, 12, 7, 23, 59, 59), None)
    assert str(a.county(YI).compliance) == "95.00"
    jia = a.county(JIA)
    assert (str(jia.compliance), jia.topten_eligible) == ("100.00", False)
    assert _failing(jia) == ["2026-11—2026-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"]
    assert any("379921 2026-11—2026-12" in n for n in a.notices if n.startswith("pending:"))


def test_2_labour_day_2023_the_make_up_saturday_after_a_friday_deadline_counts(pm):
    """April 2023: 05-05 is a Friday and a working day (劳动节 04-29..05-03) → due 05-05 23:59:59.
    Sat 05-06 is a make-up working day (补班), so a report that day is late by 1, not 0 → 50,
    (11 × 100 + 50) / 12 = 95.83. Sent 05-09 23:59:59: 05-06, 05-08, 05-09 = 3 → 50. Sent 05-10
    00:00:00: 4 > 3 → 0, 1100 / 12 = 91.67.
    No report at 2023-05-07 12:00: missing, open to a late report until the end of the day before
    the 4th working day after 05-05 (05-06, 05-08, 05-09, 05-10) = 05-09 23:59:59 — the same
    boundary as the two reports above; owed Jan–Apr (May running): (3 × 100 + 0) / 4 = 75.00."""
    base = small_dataset(2023)
    cases = [
        (beijing(2023, 5, 6, 10), 1, "50.00", "95.83", "05-06（调休上班）"),
        (beijing(2023, 5, 9, 23, 59, 59), 3, "50.00", "95.83", "05-06（调休上班）、05-08、05-09"),
        (beijing(2023, 5, 10, 0, 0, 0), 4, "0.00", "91.67", "05-06（调休上班）、05-08、05-09、05-10"),
    ]
    for sent, n, score, mean, facts in cases:
        yi, apr = _month(_reports(base, monthly_report(YI, Month(2023, 4), sent)), 2023, pm, 4)
        assert apr.due_at == beijing(2023, 5, 5, 23, 59, 59)
        assert (apr.status.value, apr.late_workdays, str(apr.score), apr.late_facts) == ("late", n, score, facts)
        assert (str(yi.compliance), yi.topten_eligible) == (mean, False)
        assert _failing(yi) == [f"2023-04 迟报{n}个工作日（{facts}）"]
    none = _reports(base, drop=[f"R-{YI}-2023-04"])
    yi, apr = _month(none, 2023, pm, 4, as_of=beijing(2023, 5, 7, 12))
    assert (apr.status.value, apr.open_until) == ("missing", beijing(2023, 5, 9, 23, 59, 59))
    assert str(yi.compliance) == "75.00"
    assert _failing(yi) == ["2023-04 未报（截至评估时点未收到；2023-05-09 23:59:59前补报按迟报计）"]


def test_3_spring_festival_2024_the_eve_is_a_working_day_and_the_holiday_counts_nothing(pm):
    """January 2024: 02-05 is a Monday, a working day → due 02-05 23:59:59. Working days after it:
    02-06, 02-07, 02-08, 02-09 (除夕, officially worked), then 02-10..02-17 off, Sun 02-18 补班, 02-19.
    Sent 02-08 → 3 → 50 (95.83); 02-09 → 4 → 0 (91.67); Sat 02-17, inside the holiday → still 4
    → 0; Sun 02-18 → 5, all five named; 02-19 → 6, the first five named then 等6天.
    No report at 02-07 12:00: missing, open until the end of the day before the 4th working day
    after 02-05 (02-09) = 02-08 23:59:59; owed January alone (February running) → 0.00."""
    base = small_dataset(2024)
    five = "02-06、02-07、02-08、02-09、02-18（调休上班）"
    cases = [
        (beijing(2024, 2, 8, 16), 3, "50.00", "02-06、02-07、02-08"),
        (beijing(2024, 2, 9, 16), 4, "0.00", "02-06、02-07、02-08、02-09"),
        (beijing(2024, 2, 17, 16), 4, "0.00", "02-06、02-07、02-08、02-09"),
        (beijing(2024, 2, 18, 9), 5, "0.00", five),
        (beijing(2024, 2, 19, 9), 6, "0.00", five + " 等6天"),
    ]
    for sent, n, score, facts in cases:
        yi, jan = _month(_reports(base, monthly_report(YI, Month(2024, 1), sent)), 2024, pm, 1)
        assert (jan.due_at, jan.status.value) == (beijing(2024, 2, 5, 23, 59, 59), "late")
        assert (jan.late_workdays, str(jan.score), jan.late_facts) == (n, score, facts)
        assert str(yi.compliance) == ("95.83" if n <= 3 else "91.67")
    yi, jan = _month(_reports(base, drop=[f"R-{YI}-2024-01"]), 2024, pm, 1, as_of=beijing(2024, 2, 7, 12))
    assert (jan.status.value, jan.open_until, str(yi.compliance)) == (
        "missing",
        beijing(2024, 2, 8, 23, 59, 59),
        "0.00",
    )


def test_4_the_first_year_january_2022_is_not_in_force_and_february_is_due_03_07(pm, capsys):
    """Baseline in force from 2022-03-01; the first report it requires is February 2022's:
    03-05 Sat, 03-06 Sun → due Mon 03-07 23:59:59. January 2022 (its calendar date 02-07, 02-05
    being in 春节) is not_in_force, even for a report sent on 04-20: neither on time nor late.
    February sent at 03-07 23:59:59 → on time: (11 × 100) / 11 = 100.00, 可评先进; sent 03-08
    00:00:00 → late 1 (03-08) → 50: (50 + 10 × 100) / 11 = 95.45, not 先进.
    A county abolished 2022-01-31 exists only before the baseline: owes no month, not assessed,
    with a notice. A county created 2022-02-20 owes February (it exists on 9 of its days) and on:
    11 months on time → 100.00. A waiver of January 2022 excuses nothing: a warning.
    `softenv deadline --month 2022-01` refuses (exit 1); `--month 2022-02` gives 03-07."""
    base = small_dataset(2022)
    jan_late = monthly_report(YI, Month(2022, 1), beijing(2022, 4, 20))
    for sent, mean, eligible in [
        (beijing(2022, 3, 7, 23, 59, 59), "100.00", True),
        (beijing(2022, 3, 8), "95.45", False),
    ]:
        yi, _ = _month(_reports(base, jan_late, monthly_report(YI, Month(2022, 2), sent)), 2022, pm, 1)
        jan, feb = yi.months[:2]
        assert (jan.status.value, jan.due_at, jan.submitted_at) == ("not_in_force", None, None)
        assert feb.due_at == beijing(2022, 3, 7, 23, 59, 59)
        assert (str(yi.compliance), yi.compliance_reason.endswith("/ 11"), yi.topten_eligible) == (mean, True, eligible)
    assert (feb.status.value, feb.late_workdays, str(feb.score), feb.late_facts) == ("late", 1, "50.00", "03-08")
    assert _failing(yi) == ["2022-02 迟报1个工作日（03-08）"]

    old = attrs.evolve(base.counties[2], effective_until=date(2022, 1, 31))
    new = County("379903", "新区", CountyKind.DISTRICT, "新区经贸委", effective_from=date(2022, 2, 20))
    points = tuple(p for p in base.points if p.county != BING)
    kept = {p.id for p in points}
    reports = [r for r in base.reports if r.county != BING or r.month.month == 1]
    ds = attrs.evolve(
        base,
        counties=(base.counties[0], base.counties[1], old, new),
        points=points,
        contacts=tuple(c for c in base.contacts if c.point in kept),
        reports=(*reports, *_later_reports("379903", range(2, 13), 2022)),
        waivers=(Waiver("W1", YI, Month(2022, 1), "系统故障", date(2022, 4, 1), "市经贸委"),),
    )
    loads_dataset(dataset_json(ds))  # valid: the January report of 丙市 is on a month it exists in
    # 丙市's January report came on 02-02, after it ended on 01-31: told too (auditor a66 01).
    assert baseline_warnings(ds, baseline_parameters()) == [
        "$.reports[24] (R-379981-2022-01).submitted_at: submitted 2022-02-02, after county 379981 ended "
        "(2022-01-31): read as the county's report under its own code; who files an abolished county's last "
        'report is open for the city (docs/rules.md, "Open: the last report of an abolished county")',
        "$.waivers[0] (W1).month: 2022-01 but the city baseline (from 2022-03-01) first requires the report on "
        "2022-02; a waiver excuses only a month its county owes",
    ]
    a = assess(ds, 2022, pm, audience=CITY_OFFICE)
    assert [c.code for c in a.counties] == [JIA, "379903", YI]
    assert (
        "county 379981 owes no month of 2022 (it does not exist while the baseline is in force): not assessed"
        in a.notices
    )
    created = a.county("379903")
    assert [m.status.value for m in created.months] == ["not_in_force"] + ["on_time"] * 11
    assert (str(created.compliance), created.topten_eligible) == ("100.00", True)

    from softenv_core.cli.main import main

    assert main(["deadline", "--month", "2022-01"]) == 1
    assert "2022-01: 不在基线施行期内 — 基线自 2022-03-01 施行，最早要求报送 2022-02 的月报" in capsys.readouterr().err
    assert main(["deadline", "--month", "2022-02"]) == 0
    assert capsys.readouterr().out.startswith("全市基线 2022-02 月报截止时间：2022-03-07T23:59:59+08:00")


def test_5_the_instant_at_the_due_second_and_one_second_after(pm):
    """September 2025 (乙县, no report): 10-05 is in 国庆 (10-01..10-08) → due Thu 10-09 23:59:59.
    as_of = that second: the deadline has not passed → pending with its due moment (not missing);
    Jan–Aug on time → 800 / 8 = 100.00, 暂不能判定 for Sep–Dec. as_of one second later (10-10
    00:00:00): missing, 0; (8 × 100 + 0) / 9 = 88.89; open until the day before the 4th working day
    after 10-09 (10-10, 10-11 补班, 10-13, 10-14) ends: 10-13 23:59:59. October, still running at
    both instants, stays pending with no deadline. A report stamped exactly at that instant is
    known: late by 1 (10-10) → 50, (800 + 50) / 9 = 94.44; one stamped a second after it is not
    yet known: still missing."""
    base = _reports(small_dataset(2025), drop=[f"R-{YI}-2025-09"])
    due = beijing(2025, 10, 9, 23, 59, 59)
    yi, sep = _month(base, 2025, pm, 9, as_of=due)
    assert (sep.status.value, sep.due_at, sep.open_until, str(yi.compliance)) == ("pending", due, None, "100.00")
    assert (yi.months[9].status.value, yi.months[9].due_at) == ("pending", None)
    assert _failing(yi) == ["2025-09—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"]
    after = due + timedelta(seconds=1)
    yi, sep = _month(base, 2025, pm, 9, as_of=after)
    assert (sep.status.value, str(sep.score), sep.open_until) == ("missing", "0.00", beijing(2025, 10, 13, 23, 59, 59))
    assert (str(yi.compliance), yi.months[9].status.value) == ("88.89", "pending")
    assert _failing(yi) == ["2025-09 未报（截至评估时点未收到；2025-10-13 23:59:59前补报按迟报计）"]
    yi, sep = _month(_reports(base, monthly_report(YI, Month(2025, 9), after)), 2025, pm, 9, as_of=after)
    assert (sep.status.value, sep.late_workdays, sep.late_facts, str(yi.compliance)) == ("late", 1, "10-10", "94.44")
    later = monthly_report(YI, Month(2025, 9), after + timedelta(seconds=1))
    yi, sep = _month(_reports(base, later), 2025, pm, 9, as_of=after)
    assert (sep.status.value, sep.submitted_at) == ("missing", None)


def _moved_point_dataset():  # type: ignore[no-untyped-def]
    """small_dataset(2025) with 甲区's county point P-379902-2 moved to 乙县 as PT from 06-16 (its
    old record ends 06-15), three complaints and 乙县's June zero report amended on 07-10."""
    ds = small_dataset(2025)
    old = next(p for p in ds.points if p.id == "P-379902-2")
    ended = attrs.evolve(old, designated_until=date(2025, 6, 15))
    moved = attrs.evolve(old, id="PT", county=YI, designated_from=date(2025, 6, 16))
    contacts = [c for c in ds.contacts if c.point != old.id]
    contacts += monthly_contacts(ended, 2025, with_items=True)
    contacts += [attrs.evolve(c, id=c.id + "-yi") for c in monthly_contacts(moved, 2025, with_items=True)]
    complaints = (
        make_complaint("Q0", old.id, beijing(2025, 6, 10), department="379902-amr"),  # in 甲区, inside
        make_complaint("Q1", "PT", beijing(2025, 6, 20), department="379921-amr"),  # in 乙县, inside
        make_complaint("Q2", old.id, beijing(2025, 6, 25), department="379902-amr"),  # old record, after it ended
    )
    item = (Item(ItemCategory.SERVICE, "窗口办事慢", "379921-amr", "PT"),)
    june = MonthlyReport(
        f"R-{YI}-2025-06", YI, Month(2025, 6), beijing(2025, 7, 2, 9), "经办人", nothing_to_report=True,
        amendments=(Amendment(beijing(2025, 7, 10, 10), "经办人", items=item),),
    )  # fmt: skip
    points = (*(p for p in ds.points if p.id != old.id), ended, moved)
    ds = attrs.evolve(ds, points=points, contacts=tuple(contacts), complaints=complaints)
    return _reports(ds, june)


def test_6_a_point_moved_mid_june_and_a_zero_report_amended_after_the_deadline(pm):
    """June 2025: 07-05 Sat → due Mon 07-07 23:59:59; the report's default instant is the second
    after, 07-08 00:00:00. 乙县 sent a zero report 07-02 (on time), amended 07-10 10:00 with PT's
    item. County reports answer for their own county points, inside their intervals (DESIGN):
    - Q0, P-379902-2 on 06-10 (甲区's then) → 甲区's zero report is flagged;
    - Q1, PT on 06-20 (乙县's since 06-16) → at 07-08 乙县's report is still a zero report
      (the amendment is not known yet) → flagged, and so is 乙县 office's contact with PT (06-16,
      an item) under the same zero report; at 07-10 12:00 the amendment names PT → neither flag;
    - Q2, the old record on 06-25, after it ended → flags nobody.
    Timeliness is the first submission's: June on time (100) at every instant; the content is the
    amendment's from 07-10 10:00 (zero_report true at 07-09, false at the year's instant)."""
    ds = _moved_point_dataset()
    zero = "零报告，但该县区监测点本月直接向市软建办反馈"

    def flags(as_of):  # type: ignore[no-untyped-def]
        r = monitoring_report(ds, Month(2025, 6), pm, audience=CITY_OFFICE, as_of=as_of)
        return r, [
            (f.county, f.complaint or f.contact, f.reason) for f in r.reconciliation if f.point in {"PT", "P-379902-2"}
        ]

    r, found = flags(None)
    assert r.as_of == beijing(2025, 7, 8, 0, 0, 0)
    contact = ZERO_BUT_CONTACT.format(office="甲区经贸委", items=1)  # each county's office by its recorded name
    assert found == [
        (JIA, "Q0", zero),
        (YI, "Q1", zero),
        (JIA, "C-P-379902-2-2025-06", contact),
        (YI, "C-PT-2025-06-yi", ZERO_BUT_CONTACT.format(office="乙县经贸委", items=1)),
    ]
    _, found = flags(beijing(2025, 7, 10, 12))
    assert found == [(JIA, "Q0", zero), (JIA, "C-P-379902-2-2025-06", contact)]
    for as_of, is_zero in [(beijing(2025, 7, 9, 12), True), (None, False)]:
        _, june = _month(ds, 2025, pm, 6, as_of=as_of)
        assert (june.status.value, june.submitted_at, str(june.score)) == ("on_time", beijing(2025, 7, 2, 9), "100.00")
        assert june.zero_report is is_zero


class _YiAt17:
    """乙县's own rule (a county plugin): report by 17:00 on the 3rd, 顺延 to the next working day."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=YI, title="乙县月报细则", reference="乙县〔2025〕3号")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):  # type: ignore[no-untyped-def]
        d = monthly_deadline(calendar, month, 3, rule_id="yi.deadline", reference="乙县：每月3日17时前")
        return attrs.evolve(d, due_at=d.due_at.replace(hour=17, minute=0, second=0))


class _YiOnThe8th:
    """A county rule later than the city's: the 8th."""

    @hookimpl
    def softenv_plugin_info(self):  # type: ignore[no-untyped-def]
        return PluginInfo(county=YI, title="乙县月报细则", reference="乙县〔2025〕4号")

    @hookimpl
    def softenv_report_deadline(self, county, month, calendar, params):  # type: ignore[no-untyped-def]
        return monthly_deadline(calendar, month, 8, rule_id="yi.late", reference="乙县：每月8日前")


def test_7_a_county_deadline_at_17_00_on_the_3rd_decides_its_months_and_its_topten():
    """乙县 by 17:00 on the 3rd (顺延), stricter than the city's. By hand: January 2025 → 02-03 in
    春节 → Wed 02-05 17:00; July → 08-03 Sun → Mon 08-04 17:00; September → 10-03 in 国庆 → Thu
    10-09 17:00; December → 2026-01-03 in 元旦 → Sun 01-04 (补班) 17:00.
    September sent 10-09 17:00:00 → on time, 100.00 all year, 可评先进; 17:00:01 → late on the due
    day, N = 0 → 50, (11 × 100 + 50) / 12 = 95.83, not 先进; 20:00 (on time for the city) → the
    same; 10-10 09:00 → late 1 (10-10) → 50. A county rule later than the city's (the 8th) is
    a RuleConflict naming both."""
    pm = get_plugin_manager(autoload=False)
    pm.register(_YiAt17(), "yi")
    base = small_dataset(2025)
    yi, _ = _month(base, 2025, pm, 1)
    dues = {m.month.month: m.due_at for m in yi.months}
    assert (dues[1], dues[7], dues[9], dues[12]) == (
        beijing(2025, 2, 5, 17),
        beijing(2025, 8, 4, 17),
        beijing(2025, 10, 9, 17),
        beijing(2026, 1, 4, 17),
    )
    cases = [
        (beijing(2025, 10, 9, 17, 0, 0), "on_time", 0, "100.00", None),
        (beijing(2025, 10, 9, 17, 0, 1), "late", 0, "95.83", "截止当日逾时报送，不计工作日"),
        (beijing(2025, 10, 9, 20), "late", 0, "95.83", "截止当日逾时报送，不计工作日"),
        (beijing(2025, 10, 10, 9), "late", 1, "95.83", "10-10"),
    ]
    for sent, state, n, mean, facts in cases:
        yi, sep = _month(_reports(base, monthly_report(YI, Month(2025, 9), sent)), 2025, pm, 9)
        assert (sep.status.value, sep.late_workdays, sep.late_facts, str(yi.compliance)) == (state, n, facts, mean)
        assert yi.topten_eligible is (state == "on_time")
        assert _failing(yi) == ([] if facts is None else [f"2025-09 迟报{n}个工作日（{facts}）"])
    later = get_plugin_manager(autoload=False)
    later.register(_YiOnThe8th(), "yi")
    with pytest.raises(RuleConflict, match=r"county deadline 2025-02-08T23:59:59\+08:00 \(yi.late\) is later"):
        assess(base, 2025, later, audience=CITY_OFFICE)


def _renamed_dataset():  # type: ignore[no-untyped-def]
    """乙县 (379921) becomes the county-level city 乙市 (379982) on 2025-07-01 (撤县设市, a new
    GB/T 2260 code): 乙县 until 06-30, its points ended then and re-recorded in 乙市 from 07-01;
    乙县's March report sent Mon 04-14."""
    ds = small_dataset(2025)
    shi = "379982"
    points, contacts = [], [c for c in ds.contacts if not c.point.startswith(f"P-{YI}")]
    for p in ds.points:
        if p.county != YI:
            points.append(p)
            continue
        moved = (
            attrs.evolve(p, designated_until=date(2025, 6, 30)),
            attrs.evolve(p, id=p.id.replace(YI, shi), county=shi, designated_from=date(2025, 7, 1)),
        )
        points += moved
        contacts += [c for q in moved for c in monthly_contacts(q, 2025, with_items=True)]
    reports = [r for r in ds.reports if r.county != YI or r.month.month <= 6]
    counties = (
        ds.counties[0],
        attrs.evolve(ds.counties[1], effective_until=date(2025, 6, 30)),
        ds.counties[2],
        County(shi, "乙市", CountyKind.CITY, "乙市经贸委", effective_from=date(2025, 7, 1)),
    )
    ds = attrs.evolve(
        ds,
        counties=counties,
        points=tuple(points),
        contacts=tuple(contacts),
        reports=(*reports, *_later_reports(shi, range(7, 13), 2025)),
    )
    return _reports(ds, monthly_report(YI, Month(2025, 3), beijing(2025, 4, 14, 9)))


def test_8_a_county_renamed_with_a_new_code_mid_year_is_two_counties(pm):
    """撤县设市 on 2025-07-01, read as the library models it (a new code is a new county; docs/rules.md:
    "Its successor county, a new code, is rated on its own months"). 乙县 owes Jan–Jun. March: 04-05
    is in 清明 (04-04..04-06) → due Mon 04-07; sent Mon 04-14 → 04-08, 04-09, 04-10, 04-11, 04-14 =
    5 > 3 → 0; (5 × 100 + 0) / 6 = 83.33; it does not exist on 12-31, so takes no part in 十佳.
    乙市 owes Jul–Dec, all on time: 600 / 6 = 100.00, 可评先进 — March's late report does not
    follow it (see the question in the report: same territory, same office).
    The point re-recorded in 乙市 is two records, each owing its own six months; neither is
    designated all year, so neither may be nominated (city.nominate.whole_year)."""
    ds = _renamed_dataset()
    loads_dataset(dataset_json(ds))  # valid as recorded
    a = assess(ds, 2025, pm, audience=CITY_OFFICE)
    yi, shi = a.county(YI), a.county("379982")
    assert [m.status.value for m in yi.months] == ["on_time"] * 2 + ["late"] + ["on_time"] * 3 + ["not_owed"] * 6
    assert (yi.months[2].late_workdays, str(yi.months[2].score)) == (5, "0.00")
    assert (str(yi.compliance), yi.topten_eligible) == ("83.33", False)
    assert _failing(yi) == [
        "2025-06-30 已撤销，2025-12-31 县区不存在，不参加年底“十佳”评比",
        "2025-03 迟报5个工作日（04-08、04-09、04-10、04-11、04-14）",
    ]
    assert [m.status.value for m in shi.months] == ["not_owed"] * 6 + ["on_time"] * 6
    assert (str(shi.compliance), shi.topten_eligible, _failing(shi)) == ("100.00", True, [])
    for pid in ("P-379921-2", "P-379982-2"):
        p = a.point(pid)
        assert (len(p.active_months), str(p.total), p.nominable) == (6, "100.00", False)
        whole = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.whole_year")
        assert not whole.passed and "各记录分别考评，不合并计算全年在册" in whole.reason


def test_9_counties_created_and_abolished_after_the_instant(pm):
    """At 2025-06-15 12:00: 乙县 (abolished 2025-08-31) and 新区 (created 2025-09-01) as recorded.
    乙县 owes Jan–Aug: Jan–May due and on time (5 × 100 / 5 = 100.00), Jun–Aug pending (June
    still running; July, August not begun), Sep–Dec not owed. 新区 owes Sep–Dec, all pending
    (the months have not ended): no owed month is due yet, compliance 0.00 "无应报月份" (docs/rules.md),
    and 暂不能判定 for 十佳. Neither is 可评先进 at the instant. 乙县's abolition is on record but
    not yet done at the instant: it read 2025-08-31 已撤销 (finding a53, fixed: 存续至 …（截至评估时点
    尚未撤销）); at the year's default instant it has been abolished."""
    ds = small_dataset(2025)
    new = County("379903", "新区", CountyKind.DISTRICT, "新区经贸委", effective_from=date(2025, 9, 1))
    yi = attrs.evolve(ds.counties[1], effective_until=date(2025, 8, 31))
    points = tuple(p for p in ds.points if p.county != YI)
    kept = {p.id for p in points}
    ds = attrs.evolve(
        ds,
        counties=(ds.counties[0], yi, ds.counties[2], new),
        points=points,
        contacts=tuple(c for c in ds.contacts if c.point in kept),
        reports=(
            *(r for r in ds.reports if r.county != YI or r.month.month <= 8),
            *_later_reports("379903", range(9, 13), 2025),
        ),
    )
    a = assess(ds, 2025, pm, audience=CITY_OFFICE, as_of=beijing(2025, 6, 15, 12))
    old, created = a.county(YI), a.county("379903")
    assert [m.status.value for m in old.months] == ["on_time"] * 5 + ["pending"] * 3 + ["not_owed"] * 4
    assert (str(old.compliance), old.topten_eligible) == ("100.00", False)
    gone = "2025-12-31 县区将不存在，不参加年底“十佳”评比"
    assert "存续至 2025-08-31（截至评估时点尚未撤销），" + gone in _failing(old)
    after = assess(ds, 2025, pm, audience=CITY_OFFICE).county(YI)
    assert "2025-08-31 已撤销，2025-12-31 县区不存在，不参加年底“十佳”评比" in _failing(after)
    assert [m.status.value for m in created.months] == ["not_owed"] * 8 + ["pending"] * 4
    assert (str(created.compliance), created.compliance_reason, created.topten_eligible) == (
        "0.00",
        "无应报月份",
        False,
    )
    assert _failing(created) == ["2025-09—2025-12 未到期（截至评估时点），暂不能判定（已到期月份均按时报送）"]
    assert "379903 2025-09—2025-12" in next(n for n in a.notices if n.startswith("pending:"))


def test_10_the_assess_summary_names_only_reports_it_read_as_missing_not_months_still_pending(pm):
    """`softenv assess --as-of` ends, in the city office's view, naming each report on file for a
    month read as 未报 because it was submitted after the instant (docs/cli.md, clerk c48). 2026 at
    2026-12-02 12:00: 乙县's October report (due Thu 11-05 23:59:59) was sent 12-03 10:00, after the
    instant → October is 未报 (0), and the note names it with --as-of 2026-12-03T10:01+08:00.
    The December reports (sent 2027-01-02) are on a month still running at the instant: pending
    (未到期), counting neither for nor against (DESIGN "An explicit instant") — not 未报, so the
    note must not say the table read them as 未报. It listed them (finding a53, fixed)."""
    from softenv_core.cli.reports_after import reports_after_note

    ds = _reports(small_dataset(2026), monthly_report(YI, Month(2026, 10), beijing(2026, 12, 3, 10)))
    a = assess(ds, 2026, pm, audience=CITY_OFFICE, as_of=beijing(2026, 12, 2, 12))
    oct_, dec = a.county(YI).months[9], a.county(YI).months[11]
    assert (oct_.status.value, oct_.submitted_at, dec.status.value) == ("missing", None, "pending")
    note = reports_after_note(ds, a, "zh").strip().splitlines()
    assert note == [
        "另有 1 份月报在数据截至时点之后提交，上表按未报计（默认的数据截至时点不随日期改变，重新运行结果相同）；"
        "要按其提交时间计（迟报或未报），请加 --as-of 2026-12-03T10:01+08:00 重新评估：",
        "  379921 乙县 2026-10 月报 R-379921-2026-10：提交于 2026-12-03 10:00（北京时间）",
    ]
    # A waived October with no report known is still scored as missing (a waiver excuses 十佳
    # alone; the month's ``reported`` keeps its facts): its report sent later is named the same.
    waived = attrs.evolve(ds, waivers=(Waiver("W1", YI, Month(2026, 10), "不可抗力", date(2026, 11, 20)),))
    a = assess(waived, 2026, pm, audience=CITY_OFFICE, as_of=beijing(2026, 12, 2, 12))
    assert a.county(YI).months[9].status.value == "waived"
    assert reports_after_note(waived, a, "zh").strip().splitlines() == note
    # Only the December reports after the instant: nothing is read as 未报, so no note at all.
    a = assess(small_dataset(2026), 2026, pm, audience=CITY_OFFICE, as_of=beijing(2026, 12, 2, 12))
    assert reports_after_note(small_dataset(2026), a, "zh") == ""
