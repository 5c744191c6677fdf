"""Auditor a66 01 (a question for the city, docs/rules.md "Open: the last report of an abolished
county"): 戊县, abolished on 31 December, competes for 十佳 yet owes December's report, due
2026-01-05, after it is gone; the model records no successor. The library keeps today's reading
(the county owes it under its own code), pinned here, and makes it visible: a report filed after
the county's end is warned of, and the assessment, the year end and December's monitoring report
say that the report falls due after the county ended."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import softenv_core as se
from softenv_core.io.dataset_warnings import dataset_warnings
from softenv_core.io.workbook_messages import zh_problem
from softenv_core.model.periods import Month
from softenv_core.testing import builders as b
from tests.audit_a66_world import rated, set_report, world

CITY = se.CITY_OFFICE
WU = "379923"
DECEMBER = Month(2025, 12)
LATE_FILED = b.beijing(2026, 1, 4, 9)
AFTER_END = (
    "after end: the report of county 379923 on 2025-12 falls due at 2026-01-05T23:59:59+08:00, after the county "
    "ended on 2025-12-31; read as owed by the county under its own code (a report submitted after its end is warned "
    'of); who files it is open for the city (docs/rules.md, "Open: the last report of an abolished county")'
)
AFTER_END_ZH = (
    "县区撤销后到期：戊县（379923）的 2025-12 月报截止于 2026-01-05 23:59，在该县区撤销（存续至 2025-12-31）之后；"
    "现按该县区以原代码应报计"
)


def _abolished_at_year_end() -> se.Dataset:
    """The auditor's world with 戊县 abolished on 2025-12-31 instead: its points to that day, its
    reports January to November on time, December's not filed."""
    ds = world()
    counties = tuple(attrs.evolve(c, effective_until=date(2025, 12, 31)) if c.code == WU else c for c in ds.counties)
    pts = tuple(attrs.evolve(p, designated_until=date(2025, 12, 31)) if p.county == WU else p for p in ds.points)
    changes = tuple(attrs.evolve(c, effective=date(2026, 1, 1)) if c.county == WU else c for c in ds.roster_changes)
    filings = tuple(attrs.evolve(f, filed_on=date(2025, 12, 20)) if f.county == WU else f for f in ds.filings)
    ours = [p for p in pts if p.county == WU]
    contacts = [c for c in ds.contacts if not c.point.startswith("W")]
    contacts += [c for p in ours for c in b.monthly_contacts(p, 2025, with_items=True)]
    ratings = [r for r in ds.ratings if not r.rater.startswith("W")] + [r for p in ours for r in rated(p)]
    reports = [r for r in ds.reports if r.county != WU]
    reports += [r for r in b.on_time_reports(WU, 2025) if r.month.month <= 11]
    return attrs.evolve(
        ds,
        counties=counties,
        points=pts,
        roster_changes=changes,
        filings=filings,
        contacts=tuple(contacts),
        ratings=tuple(ratings),
        reports=tuple(reports),
    )


def _wu(ds: se.Dataset) -> se.CountyAssessment:
    return se.assess(ds, 2025, audience=CITY).county(WU)


def test_todays_reading_the_abolished_county_owes_its_last_month_under_its_own_code() -> None:
    ds = _abolished_at_year_end()
    wu = _wu(ds)
    december = next(m for m in wu.months if m.month == DECEMBER)
    assert december.status is se.MonthState.MISSING
    assert (str(wu.compliance), wu.topten_eligible) == ("91.67", False)
    # Filed under its code after it ended: read as its report, on time, and 先进.
    filed = _wu(set_report(ds, WU, DECEMBER, LATE_FILED))
    assert (str(filed.compliance), filed.topten_eligible) == ("100.00", True)


def test_a_report_filed_after_the_county_ended_is_warned_of() -> None:
    ds = _abolished_at_year_end()
    assert not [w for w in dataset_warnings(ds) if "after county" in w]
    filed = set_report(ds, WU, DECEMBER, LATE_FILED)
    se.validate(filed)  # loads: the reading is today's, only told
    (warning,) = [w for w in dataset_warnings(filed) if "after county" in w]
    i = next(i for i, r in enumerate(filed.reports) if r.county == WU and r.month == DECEMBER)
    assert warning == (
        f"$.reports[{i}] ({filed.reports[i].id}).submitted_at: submitted 2026-01-04, after county 379923 ended "
        "(2025-12-31): read as the county's report under its own code; who files an abolished county's last report "
        'is open for the city (docs/rules.md, "Open: the last report of an abolished county")'
    )
    assert zh_problem(warning).endswith(
        ": 报送日期 2026-01-04 在县区 379923 撤销（存续至 2025-12-31）之后：现按该县区以原代码报送的月报计；"
        "撤销县区最后一个月的月报由谁报送（撤销的县区、承接的县区，或不再应报），有待市里决定"
        "（见 rules.md“Open: the last report of an abolished county”）"
    )


def test_the_assessment_and_the_year_end_say_the_report_falls_due_after_the_county_ended() -> None:
    ds = _abolished_at_year_end()
    assert AFTER_END in se.assess(ds, 2025, audience=CITY).notices
    for audience in (CITY, "county:379902", f"county:{WU}", "public"):
        y = se.year_end(ds, 2025, audience=audience)
        assert AFTER_END in y.notices, audience
        assert AFTER_END_ZH in se.render_yearend(y)
        assert AFTER_END in se.render_yearend(y, lang="en").replace("\\", "")


def test_a_county_abolished_on_30_june_is_said_of_june() -> None:
    notices = se.assess(world(), 2025, audience=CITY).notices
    (said,) = [n for n in notices if n.startswith("after end: ")]
    assert said.startswith("after end: the report of county 379923 on 2025-06 falls due at 2025-07-07T23:59:59")


def test_decembers_monitoring_report_says_it_under_its_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ds = _abolished_at_year_end()
    for audience in (CITY, "county:379902", "public"):
        md = se.render_markdown(se.monitoring_report(ds, DECEMBER, audience=audience))
        assert f"注：{AFTER_END_ZH}" in md, audience
        assert md.index(AFTER_END_ZH) < md.index("## 一")
    assert AFTER_END_ZH not in se.render_markdown(se.monitoring_report(ds, Month(2025, 11), audience=CITY))
    report = se.monitoring_report(ds, DECEMBER, audience="public")
    assert f"Note: {AFTER_END}." in se.render_markdown(report, lang="en").replace("\\", "")
    docx = pytest.importorskip("docx")
    se.write_report_docx(report, tmp_path / "r.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert AFTER_END_ZH in text
    se.write_yearend_docx(se.year_end(ds, 2025, audience="public"), tmp_path / "y.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    assert AFTER_END_ZH in text
