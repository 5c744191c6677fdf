"""The monthly report's county months are the assessment's: who owes the month (a county owes
the months it exists) and the default instant (the moment after the month's last deadline).
Audit 4, findings 02 and 07."""

import json
from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, Month, assess, get_plugin_manager
from softenv_core.analyses.monitoring_report import monitoring_report, monitoring_reports
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing import beijing, datasets, small_dataset

from .test_cli import run
from .weights import HEAVY

JIA = "379902"
JUNE = Month(2025, 6)
PM = get_plugin_manager(autoload=False)
#: June 2025's reports are due Sat 5 July, moved to Mon 7 July 23:59:59: the default instant
#: of June's report is the next second.
AFTER_JUNE_DEADLINE = beijing(2025, 7, 8, 0)


def _county_dates(ds, **dates):
    """``ds`` with 甲区's dates changed, its reports on months it does not exist left out, and
    its points designated only while it exists (validation refuses them outside)."""
    counties = tuple(attrs.evolve(c, **dates) if c.code == JIA else c for c in ds.counties)
    ds = attrs.evolve(ds, counties=counties)
    county = ds.county_by_code[JIA]
    since, until = county.effective_from, county.effective_until
    points = tuple(
        attrs.evolve(p, designated_from=max(p.designated_from, since or p.designated_from), designated_until=until)
        if p.county == JIA
        else p
        for p in ds.points
    )
    return attrs.evolve(
        ds,
        points=points,
        contacts=tuple(c for c in ds.contacts if not c.point.startswith(f"P-{JIA}") or county.active_on(c.date)),
        reports=tuple(r for r in ds.reports if r.county != JIA or _exists(county, r.month)),
    )


def _exists(county, month):
    """By hand, DESIGN "A county owes the months it exists": on some day of the month."""
    after_start = county.effective_from is None or county.effective_from <= month.last_day
    return after_start and (county.effective_until is None or county.effective_until >= month.first_day)


def _row(report, county=JIA):
    return next(r for r in report.county_reports if r.county == county)


def test_a_county_created_or_abolished_owes_no_report_for_a_month_it_does_not_exist():
    for dates in ({"effective_from": date(2025, 7, 1)}, {"effective_until": date(2025, 5, 31)}):
        ds = _county_dates(small_dataset(2025), **dates)
        report = monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE)
        row = _row(report)
        assert (row.status, row.due_at, row.late_workdays) == ("not_owed", None, 0), dates
        june = next(m for m in assess(ds, 2025, PM, audience=CITY_OFFICE).county(JIA).months if m.month == JUNE)
        assert june.status.value == row.status
        md = render_markdown(report)
        assert "无需报送" in md and "无需报送1个" in md and "not owed" in render_markdown(report, "en")
        assert json.loads(report.to_json())["county_reports"][0]["due_at"] is None


@given(
    start=st.none() | st.dates(date(2025, 1, 2), date(2025, 12, 31)),
    months_alive=st.integers(0, 12),
    month=st.integers(1, 12),
)
def test_the_report_says_not_owed_exactly_for_the_months_the_county_does_not_exist(start, months_alive, month):
    end = None if start is None or months_alive == 12 else start + timedelta(days=31 * months_alive)
    ds = _county_dates(small_dataset(2025), effective_from=start, effective_until=end)
    m = Month(2025, month)
    row = _row(monitoring_report(ds, m, PM, audience=CITY_OFFICE))
    assert (row.status == "not_owed") == (not _exists(ds.county_by_code[JIA], m))
    assert (row.due_at is None) == (row.status == "not_owed")


def test_softenv_deadline_says_a_month_not_owed_is_not_owed(tmp_path, capsys):
    path = tmp_path / "ds.json"
    path.write_text(dataset_json(_county_dates(small_dataset(2025), effective_from=date(2025, 7, 1))), "utf-8")
    args = ("deadline", "--county", JIA, "--dataset", str(path), "--month")
    code, out, _ = run(capsys, *args, "2025-06")
    assert code == 0 and "无需报送" in out and "2025-07-01" in out and "23:59:59" not in out
    code, out, _ = run(capsys, *args, "2025-06", "--format", "json")
    doc = json.loads(out)
    assert (doc["deadline"], doc["owed"], doc["status"]) == (None, False, "not_owed")
    code, out, _ = run(capsys, *args, "2025-07", "--format", "json")  # its first month: owed
    assert code == 0 and json.loads(out)["deadline"]["due_at"] == "2025-08-05T23:59:59+08:00"


def _late_june():
    """甲区 first reports on June on 1 August (audit 4, finding 07), and a second county amends
    its June report on 20 July, after the deadline."""
    ds = small_dataset(2025)
    extra = Item(ItemCategory.POLICY, "补报: 希望延续稳岗补贴", None, None)
    reports = []
    for r in ds.reports:
        if r.month == JUNE and r.county == JIA:
            r = attrs.evolve(r, submitted_at=beijing(2025, 8, 1))
        elif r.month == JUNE:
            r = attrs.evolve(r, amendments=(Amendment(beijing(2025, 7, 20), "经贸委", items=(*r.items, extra)),))
        reports.append(r)
    return attrs.evolve(ds, reports=tuple(reports))


def test_by_default_the_report_reads_what_was_known_the_moment_after_the_months_last_deadline():
    ds = _late_june()
    default = monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE)
    assert (_row(default).status, _row(default).late_workdays) == ("missing", 0)
    assert _row(default).submitted_at is None
    assert default == monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE, as_of=AFTER_JUNE_DEADLINE)
    assert "补报" not in default.to_json()  # the amendment of 20 July is not yet known
    # The trends' current month counts the same items as section 四 (one instant for both).
    trend = {(row.dimension, row.key): row.current.value for row in default.trends.rows if row.current}
    assert all(trend[("category", k)] == v for k, v in default.items_by_category.items())
    # Asked later, the report knows them: 迟报 19 working days, and the amendment's item.
    later = monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE, as_of=beijing(2025, 8, 31))
    assert (_row(later).status, _row(later).late_workdays) == ("late", 19)
    assert "补报" in later.to_json()
    # A batch uses the same default instant for each month.
    assert monitoring_reports(ds, [JUNE], PM, audience=CITY_OFFICE)[0] == default


def _current(report):
    """The trends' figures of the month itself (rows are those of any of the three months)."""
    return {(r.dimension, r.key): r.current.value for r in report.trends.rows if r.current and r.current.value}


@HEAVY  # a generated dataset reported on per example: tests/weights.py
@given(datasets(), st.integers(1, 12))
def test_the_default_report_is_the_report_at_the_moment_after_the_months_last_deadline(dataset, m):
    year = dataset.reports[0].month.year if dataset.reports else 2025
    month = Month(year, m)
    default = monitoring_report(dataset, month, PM, audience=CITY_OFFICE)
    dues = [r.due_at for r in default.county_reports if r.due_at is not None]
    at = max(dues) + timedelta(seconds=1) if dues else month.end
    explicit = monitoring_report(dataset, month, PM, audience=CITY_OFFICE, as_of=at.astimezone(BEIJING))
    # The trends' other months are read at their own default instants by default, at the
    # instant given otherwise: only the month itself is compared there.
    assert attrs.evolve(default, trends=None) == attrs.evolve(explicit, trends=None)
    assert _current(default) == _current(explicit)
    # Nothing submitted after that instant is read, whenever the report is made.
    assert all(r.submitted_at is None or r.submitted_at <= at for r in default.county_reports)
    assert all(r.status != "not_due" for r in default.county_reports)


def test_the_report_shows_a_waived_month_as_waived_with_its_facts_as_assess_does():
    from softenv_core import Waiver

    ds = _late_june()  # 甲区's June report comes on 1 August: missing at the default instant
    waiver = Waiver("W6", JIA, JUNE, "汛期, 市经贸委同意延后报送", date(2025, 7, 3))
    ds = attrs.evolve(ds, waivers=(waiver,))
    default = monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE)
    row = _row(default)
    assert (row.status, row.waiver, row.submitted_at, row.late_workdays) == ("waived", "W6", None, 0)
    md = render_markdown(default)
    assert "已豁免（未报；豁免 W6）" in md and "已豁免1个" in md
    assert "waived (missing; waiver W6)" in render_markdown(default, "en")
    later = _row(monitoring_report(ds, JUNE, PM, audience=CITY_OFFICE, as_of=beijing(2025, 8, 31)))
    assert (later.status, later.late_workdays, later.waiver) == ("waived", 19, "W6")
    assert later.submitted_at == beijing(2025, 8, 1)
    # The assessment says the same of the month.
    june = next(m for m in assess(ds, 2025, PM, audience=CITY_OFFICE).county(JIA).months if m.month == JUNE)
    assert (june.status, june.reported, june.waiver) == ("waived", "late", "W6")
    # A waiver decided after the report's instant is not yet known: 未报, no waiver.
    undecided = attrs.evolve(ds, waivers=(attrs.evolve(waiver, decided_on=date(2025, 7, 20)),))
    row = _row(monitoring_report(undecided, JUNE, PM, audience=CITY_OFFICE))
    assert (row.status, row.waiver) == ("missing", None)


def test_a_report_as_of_an_instant_inside_the_month_does_not_know_a_later_resolution():
    """Received 2025-03-10, resolved 2025-03-20: as of 2025-03-15 the March report (and its
    trend row for March) counts it received and not yet resolved; at the default, resolved."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.testing.builders import beijing, make_complaint, small_dataset

    ds = small_dataset(2025)
    q = make_complaint("Q-MID", ds.points[0].id, beijing(2025, 3, 10), resolved_at=beijing(2025, 3, 20))
    ds = attrs.evolve(ds, complaints=(q,))
    mid = monitoring_report(ds, Month(2025, 3), audience=CITY_OFFICE, as_of=beijing(2025, 3, 15))
    assert (mid.complaints_received, mid.complaints_resolved) == (1, 0)
    (row,) = [r for r in mid.trends.rows if r.dimension == "complaints_resolved" or r.key == "complaints_resolved"]
    assert row.current is not None and row.current.value == 0
    end = monitoring_report(ds, Month(2025, 3), audience=CITY_OFFICE)
    assert (end.complaints_received, end.complaints_resolved) == (1, 1)


def test_the_report_states_the_instant_it_speaks_for():
    """Every figure explained: the report carries its instant (JSON) and says it (Markdown)."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.render.monitoring_report import render_markdown
    from softenv_core.testing.builders import small_dataset

    ds = small_dataset(2025)
    r = monitoring_report(ds, Month(2025, 6), audience=CITY_OFFICE)
    # June 2025: due 2025-07-07 (5 July a Saturday, 顺延), so the instant is 2025-07-08 00:00.
    assert r.as_of is not None and r.as_of.astimezone(BEIJING).isoformat() == "2025-07-08T00:00:00+08:00"
    assert json.loads(r.to_json())["as_of"].startswith("2025-07-0")
    assert "数据截至：2025-07-08 00:00" in render_markdown(r)


def test_common_problems_read_a_reports_amendment_as_its_items_section_does():
    """Each county's September zero report, amended on 10-03 to one 收费 item on city-amr
    naming its own point: 3 points in 3 counties make a common problem (auditor 2, finding 02)."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.testing.builders import beijing, small_dataset

    ds = small_dataset(2025)
    reports = []
    for r in ds.reports:
        if r.month == Month(2025, 9):
            item = Item(ItemCategory.FEES, "乱收费", department="city-amr", point=f"P-{r.county}-2")
            r = attrs.evolve(r, amendments=(Amendment(beijing(2025, 10, 3, 9), "经办人", items=(item,)),))
        reports.append(r)
    report = monitoring_report(attrs.evolve(ds, reports=tuple(reports)), Month(2025, 9), audience=CITY_OFFICE)
    assert report.items_by_category.get("fees") == 3
    fees = [c for c in report.common_problems if c.category == "fees" and c.department == "city-amr"]
    assert len(fees) == 1 and len(fees[0].points) == 3


def test_open_matters_do_not_read_an_amendment_submitted_after_the_reports_day():
    """September's report of 379902 amended on 11-20: October's report (its day before the
    amendment) lists the matter as first reported (auditor 2, finding 05)."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.testing.builders import beijing, small_dataset

    ds = small_dataset(2025)
    reports = []
    for r in ds.reports:
        if r.month == Month(2025, 9) and r.county == "379902":
            orig = Item(ItemCategory.FEES, "原报: 乱收费", department="city-amr", point="P-379902-2")
            fix = Item(ItemCategory.POLICY, "更正: 政策诉求", department="city-amr", point="P-379902-2")
            amended = (Amendment(beijing(2025, 11, 20, 9), "经办人", items=(fix,)),)
            r = attrs.evolve(r, items=(orig,), nothing_to_report=False, amendments=amended)
        reports.append(r)
    ds = attrs.evolve(ds, reports=tuple(reports))
    october = monitoring_report(ds, Month(2025, 10), audience=CITY_OFFICE)
    rows = [(m.category, m.text) for m in october.open_matters if m.record == "R-379902-2025-09"]
    assert rows == [("fees", "原报: 乱收费")]
    november = monitoring_report(ds, Month(2025, 11), audience=CITY_OFFICE)
    assert [m.text for m in november.open_matters if m.record == "R-379902-2025-09"] == ["更正: 政策诉求"]


def test_complaints_found_malicious_raise_no_common_problem():
    """Three complaints about one department's fees from three counties, each found 恶意: no
    common problem (city decision: false feedback is no feedback, as in the duty score)."""
    from softenv_core import CITY_OFFICE, Month, monitoring_report
    from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Verdict
    from softenv_core.testing.builders import beijing, small_dataset

    def complaint(i: int, county: str, verdict: Verdict) -> Complaint:
        e = ComplaintEvent
        events = (
            e(EventType.RECEIVED, beijing(2025, 9, 1), "x"),
            e(EventType.ACCEPTED, beijing(2025, 9, 1, 11), "x"),
            e(EventType.ASSIGNED, beijing(2025, 9, 1, 12), "x", unit="city-amr"),
            e(EventType.SIGNED, beijing(2025, 9, 2), "y"),
            e(EventType.RESOLVED, beijing(2025, 9, 10), "y", verdict=verdict),
        )
        return Complaint(
            f"C{i}", ComplaintKind.COMPLAINT, f"P-{county}-2", "city-amr", ItemCategory.FEES, "t", events=events
        )

    counties = ("379902", "379921", "379981")
    for verdict, expected in ((Verdict.MALICIOUS, 0), (Verdict.SUBSTANTIATED, 1)):
        ds = attrs.evolve(
            small_dataset(2025), complaints=tuple(complaint(i, c, verdict) for i, c in enumerate(counties))
        )
        report = monitoring_report(ds, Month(2025, 9), audience=CITY_OFFICE)
        assert len([c for c in report.common_problems if c.category == "fees"]) == expected
