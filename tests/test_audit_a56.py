"""Auditor a56: the year end's commendation and roster by hand (seed 四(三) 由县区推荐, 市里决定;
三(五) 一年一调整; DESIGN "City baseline": Commendation, Annual adjustment, Reading a parameter,
An explicit instant; docs/yearend.md; rules/city/parameters/commendation.json: quota
max(1, ⌊0.1 × the county's 县区 points designated on 31 December⌋), a nominee active all year,
优秀, in both rounds, no false complaint made in the year).

1. A complaint a point made on 2024-12-20 (designated all along), found 虚假 on 2025-01-10:
   2025's supervision item deducts it in the verdict's year, 20 − 10 = 10 → 30 + 30 + 20 + 10
   = 90.00 优秀; the nomination condition reads the complaints made in the year, so 2025's
   无虚假投诉 passes and the nominee is accepted. One made 2025-12-20 and found 虚假 2026-01-10
   fails 2025's nomination (the year's conduct) while 2025's score is 100 (the deduction is
   2026's). **Held** (docs/rules.md "Which year a false complaint counts in"), question Q1.
2. The year end as of 2025-12-15 (inside the year, city office): 甲区 has 20 县区 points and one
   (P02-20) is removed effective 12-20 (recorded, not filed): at 12-15 nothing known ends it, 20
   on the roster → quota max(1, ⌊2.0⌋) = 2; the second round (12-01..12-20) still open → 未到期;
   全年在册 not yet decidable. At the year's instant the removal is in effect: 19 → quota 1.
   **Held.**
3. The same quota and verdicts read alike in the Markdown, the JSON and the results workbook
   (表彰推荐 sheet): at the year's instant 甲区 19 → 1, 乙县 19 → 1 with 2 nominated (1 over).
   The figures agreed, but the Markdown and the workbook gave the quota alone: the points it is
   worked out from were in the JSON only (`active_points`), so a clerk could recompute only the
   quota of a county over it, whose error names the formula (principle 2: every figure explains
   itself). **Fixed** (render/yearend_parts.py `QUOTA_HEADERS_*`, render/year_end.py;
   docs/yearend.md, docs/office.md): a column 在册县区监测点 beside 名额.
4. 青山县 (tests/p43_qingshan) with a city waiver: March 2025 due by the county's 3rd working
   day (04-03), sent Mon 04-07 → late 1 (清明 04-04..06 off) → 50, compliance (1100 + 50) / 12
   = 95.83; W3 waives March, city.topten.on_time passes naming W3; a complaint overdue at
   March's end (county limit 10 → 03-26, resolved 04-02) fails the county's 第九条 all the same:
   not 先进. **Held.**
5. The same year end as of 2025-12-15: the quota table counts the roster of 12-15 (甲区 20 → 2),
   but the line under it said 名额按各县区年末在册的县区监测点计, a year-end roster not yet known.
   **Fixed** (render/yearend_parts.py `quota_basis`; docs/yearend.md): the line names the day
   counted, in Markdown, workbook and English alike.
6. 考评不合格 → removal → re-designation: P02-03 never contacted in 2025 → 0 + 0 + 20 + 20 =
   40.00 不合格, unreached 2025-01—2025-12; RC-2 removes it from 2026-01-01 for 考评不合格, the
   enterprise is designated again as P02-03B from 2026-03-01. 2025 year end: proposed on both
   grounds naming RC-2, RC-2 unflagged (agrees with the band), 甲区 2 points after the
   adjustment; 2026's window: RC-2 inside, RC-3 outside and flagged. **Held**, question Q2.
7. A point the county added itself (四(二), `designated_by` 县区) counts in the county's quota
   (甲区 19 + 1 = 20 → 2) and, 100.00 优秀 all year in both rounds, is accepted as a nominee.
   **Held** as documented (the quota counts 县区 points by level), question Q3.
8. Case 4's county in `softenv assess`'s county table: 按时 11, 迟报 0, 未报 0, 豁免 2025-03 and
   95.83 = (1100 + 50) / 12: the 50 of a month late by 1 working day, which the row did not say
   (the workbook's month cell did). **Fixed** (render/reasons.py `waiver_cell`, render/assessment.py; docs/rules.md):
   `2025-03（迟报 1个工作日；豁免 W3）`, in English `2025-03 (late 1 working day(s); waiver W3)`.
9. A point moved from 甲区 to 乙县 on 2025-07-01 (two records; remove 其他, add 新确定, each
   county's change): 甲区 filed 06-20 (in time), 乙县 on 07-01 itself (not before: late); both
   outside January's window, neither reason exempt → 县区调整2项，未按时备案1项; 全年调整2项：
   调整期内0项，调整期外2项，其中无正当原因2项. **Held** as documented, question Q4.
10. A county plugin's extras decide the band a nominee needs: 青山县's P21-01 reached in 5
    months (no run of 3), feedback 6 months (5 items + direct feedback in December) → 12.50 + 30
    + 20 + 20 = 82.50 合格; a symposium on 08-12 (+3 from 07-01) and both rounds (+1), capped at
    the county's 3 → 85.50 优秀; accepted with the plugin, rejected without; no removal proposed.
    **Held.**

Questions for the city office:
- Q1 (case 1): a false complaint counts against the supervision item in the year of its verdict
  but against the nomination in the year it was made; one made in December and found false in
  January costs the point its 2025 nomination and 10 points of its 2026 score. Is that the
  city's intent, or should both read the same year?
- Q2 (case 6): may an enterprise removed for 考评不合格 be designated again, and how soon? The
  library flags the re-designation only as outside the adjustment window (and not at all if it
  takes effect in January); it does not say the enterprise failed the previous year.
- Q3 (case 7): do the points a county adds of its own (四(二)) count toward its commendation
  quota, and may it nominate them for the city's commendation? Today they count like the points
  the city designated in the county, so a county may raise its quota by adding points.
- Q4 (case 9): is an enterprise moving to another county mid-year (迁出 for one county, a new
  designation for the other) a change to wait for January's window? Today the removal may be
  recorded as 注销、吊销或迁出 (exempt), but the receiving county's 新确定 is always flagged
  无正当原因 outside the window, and the data format recommends 其他 for the removal, flagged too.

Not covered: a change of a commendation parameter (quota_share) during the year; the results
workbook at an instant inside the year (its 表彰推荐 sheet shares the Markdown's quota line);
the 2026 year end of case 6 as a whole (only its window check).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import attrs
import pytest

import softenv_core as se
from softenv_core import CITY_OFFICE, get_plugin_manager
from softenv_core.model.appraisals import AppraisalRound, RaterGroup, Rating, RatingLevel
from softenv_core.model.complaints import Verdict
from softenv_core.model.designations import owes_round
from softenv_core.model.divisions import City, Department
from softenv_core.model.periods import HalfYear
from softenv_core.model.points import Designator, MonitoringPoint
from softenv_core.model.roster import ChangeAction, ChangeReason, Nomination, RosterChange
from softenv_core.testing import (
    TEST_COUNTIES,
    beijing,
    make_complaint,
    make_point,
    monthly_contacts,
    on_time_reports,
)

PM = functools.partial(get_plugin_manager, autoload=False, plugins=[])
H1 = AppraisalRound("A25H1", HalfYear(2025, 1), date(2025, 6, 1), date(2025, 6, 30))
H2 = AppraisalRound("A25H2", HalfYear(2025, 2), date(2025, 12, 1), date(2025, 12, 20))
JIA, YI = "379902", "379921"


def _points(jia: int, yi: int) -> list[MonitoringPoint]:
    codes = [(JIA, k) for k in range(1, jia + 1)] + [(YI, k) for k in range(1, yi + 1)]
    return [make_point(f"P{c[-2:]}-{k:02d}", c, n) for n, (c, k) in enumerate(codes, start=1)]


def _city(points, changes=(), nominations=(), complaints=()) -> se.Dataset:  # type: ignore[no-untyped-def]
    """甲区 and 乙县 with ``points``, each reached monthly with an item in 2024 and 2025, every
    county on time, every point rating 市市场监管局 in each round it owes: each point is 100."""
    ratings = [
        Rating(r.id, p.id, RaterGroup.POINT, "city-amr", RatingLevel.SATISFIED)
        for p in points
        for r in (H1, H2)
        if owes_round(p, r)
    ]
    return se.Dataset(
        city=City("379900", "测试市"),
        counties=TEST_COUNTIES[:2],
        departments=(Department("city-amr", "市市场监管局"),),
        points=tuple(points),
        contacts=tuple(c for p in points for y in (2024, 2025) for c in monthly_contacts(p, y, with_items=True)),
        reports=tuple(r for c in TEST_COUNTIES[:2] for y in (2024, 2025) for r in on_time_reports(c.code, y)),
        appraisal_rounds=(H1, H2),
        ratings=tuple(ratings),
        roster_changes=tuple(changes),
        nominations=tuple(nominations),
        complaints=tuple(complaints),
    )


def _nom(nid: str, county: str, point: str) -> Nomination:
    return Nomination(nid, 2025, county, point, submitted_at=beijing(2025, 12, 10))


def _assess(d: se.Dataset, year: int = 2025, as_of=None) -> se.Assessment:  # type: ignore[no-untyped-def]
    return se.assess(d, year, PM(), audience=CITY_OFFICE, as_of=as_of)


def _false(cid: str, point: str, made: date, found: date):  # type: ignore[no-untyped-def]
    at = beijing(made.year, made.month, made.day)
    return make_complaint(
        cid, point, at, resolved_at=beijing(found.year, found.month, found.day), verdict=Verdict.FALSE
    )


@pytest.mark.parametrize(
    ("made", "found"), [(date(2024, 12, 20), date(2025, 1, 10)), (date(2025, 12, 20), date(2026, 1, 10))]
)
def test_1_a_false_complaint_made_in_one_year_and_found_in_the_next(made: date, found: date) -> None:
    d = _city(_points(3, 0), nominations=[_nom("N1", JIA, "P02-01")], complaints=[_false("Q1", "P02-01", made, found)])
    as_of = beijing(2026, 2, 1, 0)
    a = _assess(d, as_of=as_of)
    p = a.point("P02-01")
    items = {i.rule.id.removeprefix("city.duty."): str(i.points) for i in p.items}
    result = se.check_commendation(d, a, audience=CITY_OFFICE, as_of=as_of)
    (nominee,) = [n for c in result.counties for n in c.nominees]
    failing = tuple(c.rule.id for c in nominee.failing)
    if made.year == 2024:  # deducted in 2025 (the verdict's), not 2025's conduct
        assert (items["supervision"], str(p.total), p.band.zh) == ("10.00", "90.00", "优秀")
        assert (nominee.accepted, failing) == (True, ())
    else:  # 2025's conduct, deducted in 2026
        assert (items["supervision"], str(p.total)) == ("20.00", "100.00")
        assert (nominee.accepted, failing) == (False, ("city.nominate.no_false_complaint",))


def _removed_in_december() -> se.Dataset:
    """甲区 20 县区 points, P02-20 removed effective 2025-12-20 (own wish; not filed); 乙县 19."""
    points = _points(20, 19)
    gone = next(p for p in points if p.id == "P02-20")
    points[points.index(gone)] = make_point("P02-20", JIA, 20, designated_until=date(2025, 12, 19))
    rc = RosterChange(
        "RC1", "P02-20", ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 12, 20), Designator.CITY, JIA
    )
    return _city(points, changes=[rc], nominations=[_nom("N1", JIA, "P02-01"), _nom("N2", YI, "P21-01")])


def test_2_the_year_end_inside_the_year_counts_the_roster_known_then_and_says_not_yet() -> None:
    d = _removed_in_december()
    early = beijing(2025, 12, 15, 0)
    ye = se.year_end(d, 2025, PM(), audience=CITY_OFFICE, as_of=early)
    quota = {c.county: (c.active_points, c.quota) for c in ye.commendation.counties}
    assert quota == {JIA: (20, 2), YI: (19, 1)}
    jia = next(c for c in ye.commendation.counties if c.county == JIA)
    (n1,) = jia.nominees
    failing = {c.rule.id: c.reason for c in n1.failing}
    assert set(failing) == {"city.nominate.whole_year", "city.nominate.both_rounds"}
    assert "暂不能判定" in failing["city.nominate.whole_year"]
    assert "A25H2尚未结束" in failing["city.nominate.both_rounds"]
    late = se.year_end(d, 2025, PM(), audience=CITY_OFFICE)
    quota = {c.county: (c.active_points, c.quota) for c in late.commendation.counties}
    assert quota == {JIA: (19, 1), YI: (19, 1)}
    assert late.commendation.commended == () and all(n.accepted for c in late.commendation.counties for n in c.nominees)


def test_3_the_quota_and_its_basis_read_alike_in_markdown_json_and_the_workbook(tmp_path: Path) -> None:
    # Hand: at the year's instant 甲区 19 县区 points (P02-20 left 12-20) → max(1, ⌊1.9⌋) = 1, one
    # nominee; 乙县 19 → 1, two nominated → 1 over. The Markdown and the workbook gave the quota
    # alone, its basis (the points counted) in the JSON only: a clerk could not recompute 甲区's 1.
    import openpyxl

    d = _removed_in_december()
    d = attrs.evolve(d, nominations=(*d.nominations, _nom("N3", YI, "P21-02")))
    ye = se.year_end(d, 2025, PM(), audience=CITY_OFFICE)
    doc = json.loads(ye.to_json())["commendation"]["counties"]
    assert [(c["county"], c["active_points"], c["quota"], c["nominated"]) for c in doc] == [
        (JIA, 19, 1, 1),
        (YI, 19, 1, 2),
    ]
    md = se.render_yearend(ye)
    assert "| 县区 | 在册县区监测点 | 名额 | 推荐 | 符合条件 | 不符合条件 | 名额问题 |" in md
    assert "| 379902 甲区 | 19 | 1 | 1 | P02-01 | 无 |  |" in md
    assert "| 379921 乙县 | 19 | 1 | 2 | P21-01、P21-02 | 无 | 379921 乙县：推荐2个，名额1个，超出1个" in md
    se.write_results_workbook(d, 2025, tmp_path / "r.xlsx", PM(), audience=CITY_OFFICE, with_year_end=True)
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["表彰推荐"].iter_rows(values_only=True))
    assert rows[0][:5] == ("县区", "县区名称", "在册县区监测点", "名额", "推荐")
    assert [r[:5] for r in rows[1:3]] == [(JIA, "甲区", 19, 1, 1), (YI, "乙县", 19, 1, 2)]
    assert rows[3][0] == "名额计算" and "县区监测点" in rows[3][6]


def _qingshan_waived():  # type: ignore[no-untyped-def]
    """青山县 (p43) and 甲区, 2025: 青山县's March report sent Mon 04-07 10:00, waived by the city
    (W3, 04-10); a 投诉 from its point about its 市场监管局 overdue at March's end."""
    from softenv_core.model.complaints import EventType
    from softenv_core.model.periods import Month
    from softenv_core.model.roster import Waiver
    from softenv_core.testing import monthly_report, small_dataset

    from . import p43_qingshan as qingshan

    code = qingshan.COUNTY
    ds = small_dataset(2025, (code, "379902"))
    late = monthly_report(code, Month(2025, 3), beijing(2025, 4, 7, 10))
    reports = tuple(late if (r.county, r.month) == (code, Month(2025, 3)) else r for r in ds.reports)
    q = make_complaint(
        "Q1", f"P-{code}-2", beijing(2025, 3, 12, 9), department=f"{code}-amr",
        resolved_at=beijing(2025, 4, 2, 9), until=EventType.CLOSED,
    )  # fmt: skip
    w = Waiver("W3", code, Month(2025, 3), "系统故障", date(2025, 4, 10), "市软建办")
    ds = attrs.evolve(ds, reports=reports, complaints=(q,), waivers=(w,))
    pm = get_plugin_manager(autoload=False, plugins=[("p43", qingshan)])
    return ds, pm, code


def test_4_a_city_waiver_excuses_the_report_not_the_county_plugins_own_condition() -> None:
    # 青山县 (379921, tests/p43_qingshan): March 2025 due by the county's 3rd working day of April,
    # 04-01, 04-02, 04-03 → 04-03 (the city's would be Mon 04-07, 清明 04-04..06). Sent Mon 04-07
    # 10:00 → late by 04-04..06 (off) + 04-07 = 1 working day → 50; (11 × 100 + 50) / 12 = 95.83.
    # The city waives March (W3, 04-10): city.topten.on_time passes, resting on W3. A 投诉 from
    # the county's point about its own 市场监管局, signed Wed 03-12, 10 working days → 03-26,
    # resolved 04-02: overdue at March's end → 第九条 fails, and the waiver (of a report) does not
    # excuse it (principle 5: only the city's baseline is waived): not 先进.
    ds, pm, code = _qingshan_waived()
    c = se.assess(ds, 2025, pm, audience=CITY_OFFICE).county(code)
    march = c.months[2]
    assert (march.status.value, march.late_workdays, str(march.score)) == ("waived", 1, "50.00")
    assert str(c.compliance) == "95.83"
    verdict = {x.rule.id: (x.passed, x.reason) for x in c.conditions}
    assert verdict["city.topten.on_time"][0] and "W3" in verdict["city.topten.on_time"][1]
    assert verdict[f"county.{code}.topten.no_overdue_month_end"] == (False, "2025-03月末超期：Q1")
    assert c.topten_eligible is False


def test_5_the_quota_line_names_the_day_it_counted_at_an_instant_inside_the_year() -> None:
    # As of 2025-12-15 the quota counts the roster of 12-15 (甲区 20 → 2, case 2), not of 31
    # December, which is not yet known (P02-20 leaves 12-20); the line under the table said
    # 名额按各县区年末在册的县区监测点计 all the same.
    d = _removed_in_december()
    early = se.render_yearend(se.year_end(d, 2025, PM(), audience=CITY_OFFICE, as_of=beijing(2025, 12, 15, 0)))
    assert "| 379902 甲区 | 20 | 2 | 1 |" in early
    assert "名额按各县区2025-12-15（数据截至日，年末名单尚未可知）在册的县区监测点计；" in early
    assert "年末在册" not in early
    later = se.render_yearend(se.year_end(d, 2025, PM(), audience=CITY_OFFICE))
    assert "| 379902 甲区 | 19 | 1 | 1 |" in later and "名额按各县区年末在册的县区监测点计；" in later
    english = se.render_yearend(
        se.year_end(d, 2025, PM(), audience=CITY_OFFICE, as_of=beijing(2025, 12, 15, 0)), lang="en"
    )
    assert "on the roster on 2025-12-15 (the instant's day; the year-end roster is not yet known)" in english


def test_6_removed_for_failing_the_assessment_then_re_designated_two_months_later() -> None:
    # P02-03 (甲区) never contacted in 2025 (reached in December 2024): contact 0, feedback 0,
    # rounds 20, supervision 20 → 40.00 不合格; unreached 2025-01—2025-12 (12 months). RC-2 removes
    # it for 考评不合格 from 2026-01-01 (inside January's window); the same enterprise is designated
    # again as P02-03B from 2026-03-01 (RC-3). 2025: proposed on both grounds, naming RC-2; RC-2
    # agrees with the band (unflagged); the roster after (01-31) has 甲区's 2 others. 2026: RC-2
    # inside the window, RC-3 outside it, flagged (新确定 is not an exempt reason); nothing says
    # the enterprise failed the year before (question Q2).
    from softenv_core.analyses.adjustment import check_window

    pts = _points(3, 0)
    pts[2] = make_point("P02-03", JIA, 3, designated_until=date(2025, 12, 31))
    again = make_point("P02-03B", JIA, 3, designated_from=date(2026, 3, 1))
    rc2 = RosterChange(
        "RC-2", "P02-03", ChangeAction.REMOVE, ChangeReason.UNQUALIFIED, date(2026, 1, 1), Designator.CITY, JIA
    )
    rc3 = RosterChange(
        "RC-3", "P02-03B", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2026, 3, 1), Designator.CITY, JIA
    )
    d = _city([*pts, again], changes=[rc2, rc3])
    d = attrs.evolve(d, contacts=tuple(c for c in d.contacts if not (c.point == "P02-03" and c.date.year == 2025)))
    ye = se.year_end(d, 2025, PM(), audience=CITY_OFFICE)
    (prop,) = ye.proposals
    assert prop.explanation == (
        "2025年度考评40.00分，不合格；已记录撤销 RC-2，2026-01-01 起",
        "连续12个月未联系上：2025-01—2025-12（无联系记录：" + "、".join(f"2025-{m:02d}" for m in range(1, 13)) + "）",
    )
    (u,) = ye.unqualified_removals
    assert (u.flagged, u.explanation) == (
        False,
        "RC-2：以“考评不合格”撤销监测点 P02-03（2026-01-01起）；2025年度考评40.00分，不合格，与撤销原因相符",
    )
    assert json.loads(ye.to_json())["roster_after"]["by_county"] == {JIA: 2}
    checks = {w.change: (w.inside, w.exempt, w.flagged) for w in check_window(d, 2026, se.baseline_parameters())}
    assert checks == {"RC-2": (True, False, False), "RC-3": (False, False, True)}


def test_7_a_point_the_county_added_itself_counts_in_its_quota_and_may_be_nominated() -> None:
    # 四(二): counties may add points of their own. 甲区: 19 县区 points the city designated and
    # P02-20 added by the county (designated_by 县区, level 县区, from 2020) → 20 on 31 December →
    # max(1, ⌊2.0⌋) = 2; P02-20 is 100.00 优秀, designated all year, rated twice: nominated by
    # 甲区 it is accepted. Question Q3 (may a county raise its quota with points of its own?).
    pts = _points(20, 0)
    pts[19] = attrs.evolve(pts[19], designated_by=Designator.COUNTY)
    d = _city(pts, nominations=[_nom("N1", JIA, "P02-20")])
    r = se.check_commendation(d, _assess(d), audience=CITY_OFFICE)
    jia = next(c for c in r.counties if c.county == JIA)
    assert (jia.active_points, jia.quota, jia.error) == (20, 2, None)
    (n,) = jia.nominees
    assert (n.point, n.accepted) == ("P02-20", True)


def test_8_the_county_table_says_what_a_waived_months_report_did() -> None:
    # Case 4's 青山县 in `softenv assess`'s county table (text and Markdown): 按时 11, 迟报 0, 未报
    # 0, 豁免 2025-03, 95.83: the score is (1100 + 50) / 12, the 50 of March's report late by 1
    # working day, which the row did not say (the workbook's month cell did: 迟报1个工作日（已豁免）).
    from softenv_core.render.assessment import county_rows

    ds, pm, code = _qingshan_waived()
    a = se.assess(ds, 2025, pm, audience=CITY_OFFICE)
    headers, rows = county_rows(a)
    row = dict(zip(headers, next(r for r in rows if r[0].startswith(code)), strict=True))
    assert (row["合规得分"], row["按时"], row["迟报"], row["未报"]) == ("95.83", "11", "0", "0")
    assert row["豁免"] == "2025-03（迟报 1个工作日；豁免 W3）"
    headers, rows = county_rows(a, "en")
    assert next(r for r in rows if r[0].startswith(code))[headers.index("Waiver")] == (
        "2025-03 (late 1 working day(s); waiver W3)"
    )


def test_9_a_point_moved_between_counties_mid_year_filed_by_both() -> None:
    # The enterprise of P02-03 (甲区) moves to 乙县 on 2025-07-01 (data-format: two records, a
    # remove with reason 其他 and an add with 新确定, each county's own change). 甲区 files its
    # removal on 06-20 (before 07-01: in time); 乙县 files the addition on 07-01 itself (not
    # before: late). Both take effect outside January's window for reasons not exempt (其他,
    # 新确定) → 全年调整2项：调整期内0项，调整期外2项，其中无正当原因2项. Question Q4.
    from softenv_core.model.roster import Filing

    pts = _points(3, 3)
    pts[2] = make_point("P02-03", JIA, 3, designated_until=date(2025, 6, 30))
    moved = make_point("P21-90", YI, 3, designated_from=date(2025, 7, 1))
    out = RosterChange(
        "RC-A", "P02-03", ChangeAction.REMOVE, ChangeReason.OTHER, date(2025, 7, 1), Designator.COUNTY, JIA
    )
    into = RosterChange(
        "RC-B", "P21-90", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 7, 1), Designator.COUNTY, YI
    )
    filings = (Filing("F1", JIA, date(2025, 6, 20), ("RC-A",)), Filing("F2", YI, date(2025, 7, 1), ("RC-B",)))
    d = attrs.evolve(_city([*pts, moved], changes=[out, into]), filings=filings)
    ye = se.year_end(d, 2025, PM(), audience=CITY_OFFICE)
    assert {f.change: f.ok for f in ye.filings} == {"RC-A": True, "RC-B": False}
    assert {w.change: (w.inside, w.exempt, w.flagged) for w in ye.window} == {
        "RC-A": (False, False, True),
        "RC-B": (False, False, True),
    }
    md = se.render_yearend(ye)
    assert "县区调整2项，未按时备案1项" in md
    assert "全年调整2项：调整期内0项，调整期外2项，其中无正当原因2项。" in md


def test_10_a_county_plugins_extras_lift_a_nominee_to_excellent() -> None:
    # 乙县 = 青山县 (379921, tests/p43_qingshan). P21-01 reached in Jan, Mar, May, Aug, Nov 2025
    # (the longest run unreached is 2: no removal proposed), an item each time, and its direct
    # feedback of 12-10 (属实): contact 30 × 5/12 = 12.50; feedback 6 months → 30; both rounds
    # 20; supervision 20 → 82.50 合格. August's contact is a symposium (08-12): 第八条 +3 (the
    # value from 07-01) + 1 (both rounds) = 4, capped at the county's 3 → 85.50 优秀. Nominated by
    # 乙县 (quota max(1, ⌊0.3⌋) = 1) it is accepted with the plugin, rejected (合格) without.
    from softenv_core.model.complaints import EventType
    from softenv_core.model.reports import ContactMethod

    from . import p43_qingshan as qingshan

    d = _city(_points(3, 3), nominations=[_nom("N1", YI, "P21-01")])
    keep = {f"C-P21-01-2025-{m:02d}" for m in (1, 3, 5, 8, 11)}
    contacts = [
        attrs.evolve(c, method=ContactMethod.SYMPOSIUM, date=date(2025, 8, 12)) if c.id.endswith("2025-08") else c
        for c in d.contacts
        if c.point != "P21-01" or c.date.year != 2025 or c.id in keep
    ]
    q = make_complaint("Q1", "P21-01", beijing(2025, 12, 10), until=EventType.CLOSED)
    d = attrs.evolve(d, contacts=tuple(contacts), complaints=(q,))
    for pm, total, band, accepted in ((PM(), "82.50", "合格", False), (None, "85.50", "优秀", True)):
        pm = pm or get_plugin_manager(autoload=False, plugins=[("p43", qingshan)])
        a = se.assess(d, 2025, pm, audience=CITY_OFFICE)
        p = a.point("P21-01")
        assert (str(p.total), p.band.zh) == (total, band)
        assert se.year_end(d, 2025, pm, audience=CITY_OFFICE, assessment=a).proposals == ()
        (n,) = [n for c in se.check_commendation(d, a, audience=CITY_OFFICE).counties for n in c.nominees]
        assert n.accepted is accepted
