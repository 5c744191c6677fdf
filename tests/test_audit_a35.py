"""Auditor a35: the monthly report (监测报告) at explicit instants, figures worked out by hand.

A September 2025 of 甲区 (379902) and 乙县 (379921): the county reports are due 2025-10-09
23:59:59 (the 5th falls in the National Day holiday). Points added and removed inside the month,
filed before or after the instant or never, one moving from 甲区 to 乙县; the figures below are
counted on paper from DESIGN "Who owes what, when" and "An explicit instant"."""

from datetime import UTC, date, datetime

from softenv_core import Month, monitoring_report, render_markdown
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod, MonthlyReport
from softenv_core.model.roster import ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.render.report_format import owing_note
from softenv_core.testing import TEST_CITY, TEST_COUNTIES, beijing, make_point, small_dataset

J, Y = "379902", "379921"
SEP = Month(2025, 9)


def _change(cid: str, point: str, action: ChangeAction, day: date, county: str) -> RosterChange:
    return RosterChange(cid, point, action, ChangeReason.DESIGNATION, day, Designator.COUNTY, county)


def _moving() -> Dataset:
    """MJ leaves 甲区 from 09-16 (filed 09-01); MY joins 乙县 from 09-16 (filed 09-20, after the
    instants below, so known only once in effect); J3 joins 甲区 from 09-22 (filed 09-10)."""
    base = small_dataset(2025)
    points = (
        make_point("J1", J, 1),
        make_point("J3", J, 3, designated_from=date(2025, 9, 22)),
        make_point("MJ", J, 6, designated_until=date(2025, 9, 15)),
        make_point("MY", Y, 7, designated_from=date(2025, 9, 16)),
        make_point("Y1", Y, 8),
        make_point("C1", Y, 9, level=PointLevel.CITY),
    )
    changes = (
        _change("RC-J3", "J3", ChangeAction.ADD, date(2025, 9, 22), J),
        _change("RC-MJ", "MJ", ChangeAction.REMOVE, date(2025, 9, 16), J),
        _change("RC-MY", "MY", ChangeAction.ADD, date(2025, 9, 16), Y),
    )
    filings = (
        Filing("F-J-a", J, date(2025, 9, 1), ("RC-MJ",)),
        Filing("F-J-b", J, date(2025, 9, 10), ("RC-J3",)),
        Filing("F-Y-a", Y, date(2025, 9, 20), ("RC-MY",)),
    )
    phone = ContactMethod.PHONE
    contacts = (
        Contact("C-J1", "J1", date(2025, 9, 16), phone, J, True),
        Contact("C-J3", "J3", date(2025, 9, 30), ContactMethod.VISIT, J, True),
        Contact("C-MJ", "MJ", date(2025, 9, 10), phone, J, True),
        Contact("C-MY", "MY", date(2025, 9, 16), phone, Y, True),
        Contact("C-Y1", "Y1", date(2025, 9, 16), phone, Y, False),
        Contact("C-C1", "C1", date(2025, 9, 5), phone, "city", True),
    )
    return Dataset(
        city=TEST_CITY,
        counties=TEST_COUNTIES,
        departments=base.departments,
        points=points,
        contacts=contacts,
        roster_changes=changes,
        filings=filings,
    )


def _rows(report) -> dict[str, tuple[int, int, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return {r.county: (r.active_points, r.reached, r.unreached) for r in report.contacts}


def test_the_contact_section_at_the_last_second_of_a_day_and_the_first_of_the_next():
    """As of 09-15 23:59:59 Beijing (15:59:59 UTC): MY's addition is neither in effect nor filed,
    so 乙县 owes Y1 alone; no contact dated 09-16 is known. 甲区 owes J1, MJ (11 working days) and
    J3 (filed; 8 working days from 09-22): MJ reached. As of 09-16 00:00 (16:00 UTC the day
    before) MY's addition is in effect and owes the month, and the contacts dated 09-16 count."""
    ds = _moving()
    for before in (beijing(2025, 9, 15, 23, 59, 59), datetime(2025, 9, 15, 15, 59, 59, tzinfo=UTC)):
        report = monitoring_report(ds, SEP, audience="city", as_of=before)
        assert _rows(report)[J] == (3, 1, ("J1", "J3"))
        assert _rows(report)[Y] == (1, 0, ("Y1",))
        assert _rows(report)["city"] == (1, 1, ())
        reached = report.trends.row("points_reached").current  # type: ignore[union-attr]
        assert reached is not None and reached.value == 2
    for after in (beijing(2025, 9, 16, 0, 0, 0), datetime(2025, 9, 15, 16, 0, 0, tzinfo=UTC)):
        report = monitoring_report(ds, SEP, audience="city", as_of=after)
        assert _rows(report)[J] == (3, 2, ("J3",))
        assert _rows(report)[Y] == (2, 1, ("Y1",))
        reached = report.trends.row("points_reached").current  # type: ignore[union-attr]
        assert reached is not None and reached.value == 4


def test_the_owing_note_does_not_leave_out_every_point_added_or_removed_in_the_month():
    """J3 (added 09-22), MJ (removed from 09-16) and MY (added 09-16) each owe September (at least
    5 working days designated) and are counted under 应联系; the note under the table said
    "月内新增或撤销、在册工作日不足的监测点不计入本表", two classes left out, the first of which
    the table counts. Only a point added or removed with too few working days is left out."""
    report = monitoring_report(_moving(), SEP, audience="city")
    assert _rows(report)[J] == (3, 3, ())  # J1, J3 (its 09-30 visit), MJ
    assert _rows(report)[Y] == (2, 1, ("Y1",))
    md = render_markdown(report)
    assert owing_note(report, True) in md
    assert "月内新增或撤销、在册工作日不足" not in md
    assert "月内新增或撤销而在册工作日不足" in owing_note(report, True)


def test_a_month_no_point_owes_still_owes_its_county_reports():
    """Every point removed from 09-01: no point owes September's contact and nothing is recorded,
    but each county still owes its report on the month (seed 三(二) 零报告: 无论有无情况), and
    section 二 says 未报 for each. The trends said "无应报送的月报和应联系的监测点" beside it."""
    gone = tuple(
        make_point(pid, county, n, designated_until=date(2025, 8, 31))
        for n, (pid, county) in enumerate((("J1", J), ("Y1", Y)), start=1)
    )
    changes = tuple(
        RosterChange(
            f"RC-{p.id}", p.id, ChangeAction.REMOVE, ChangeReason.OWN_WISH, date(2025, 9, 1), p.designated_by, p.county
        )
        for p in gone
    )
    august = tuple(
        MonthlyReport(f"R-{c.code}-8", c.code, Month(2025, 8), beijing(2025, 9, 2), "经办人", nothing_to_report=True)
        for c in TEST_COUNTIES
    )
    ds = Dataset(city=TEST_CITY, counties=TEST_COUNTIES, points=gone, reports=august, roster_changes=changes)
    report = monitoring_report(ds, SEP, audience="city")
    assert [r.status for r in report.county_reports] == ["missing"] * 3
    assert all(r.active_points == 0 for r in report.contacts)
    assert report.trends is not None
    (sentence,) = report.trends.sentences
    assert "无应报送" not in sentence and sentence.startswith("本月(2025-09)无应联系的监测点")
    assert "nothing was owed" not in render_markdown(report, "en")
