"""Clerk c51's finding 06: a county reading its own monthly report saw its own 事项数 as "—" beside
its neighbours' numbers, and nothing said why (it read as a count the software had lost). The
hiding stays the same for every county (docs/privacy.md "A reader's own cell"); a note under
section 二 says so and where the county's items are, in Markdown and Word, and only to a county
whose own count is hidden; the cells hidden are the same for every county reader, every month
of the demo (reviewer r55 09)."""

from __future__ import annotations

import pytest

from softenv_core import (
    Audience,
    MonitoringReport,
    Month,
    get_plugin_manager,
    monitoring_report,
    monitoring_reports,
    render_markdown,
)
from tests.demo_city import demo

NOTE_ZH = "注：本县区的事项数也按同一规则以“—”示出（各县区读到的隐去相同）；本县区的事项见四、反映问题情况。"
PM = get_plugin_manager(autoload=False)


def _reports(month: Month) -> dict[str, MonitoringReport]:
    ds = demo()
    return {c.code: monitoring_report(ds, month, PM, audience=Audience.parse(f"county:{c.code}")) for c in ds.counties}


@pytest.mark.parametrize("month", [Month(2025, 3), Month(2025, 9)])
def test_the_note_is_under_section_two_exactly_when_the_readers_own_count_is_hidden(month: Month) -> None:
    hidden_seen = shown_seen = 0
    for code, r in _reports(month).items():
        own = next(row for row in r.county_reports if row.county == code)
        text = render_markdown(r)
        section_two = text.split("## 二、")[1].split("## 三、")[0]
        if own.items is None and own.submitted_at is not None:
            hidden_seen += 1
            assert f"| {code} " in section_two and NOTE_ZH in section_two
        else:
            shown_seen += 1
            assert NOTE_ZH not in text
    assert hidden_seen and shown_seen  # the demo's month has both kinds of county, or the test says nothing


def test_the_city_office_and_the_public_never_read_the_note() -> None:
    ds = demo()
    for who in ("city", "public"):
        r = monitoring_report(ds, Month(2025, 3), PM, audience=Audience.parse(who))
        assert "本县区的事项数" not in render_markdown(r)


def test_the_word_report_carries_the_same_note(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx = pytest.importorskip("docx")
    from softenv_core.render.docx_report import write_report_docx

    hidden = [
        r
        for code, r in _reports(Month(2025, 3)).items()
        if next(row for row in r.county_reports if row.county == code).items is None
    ]
    assert hidden
    write_report_docx(hidden[0], tmp_path / "r.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert NOTE_ZH in paragraphs


def test_the_english_report_says_it_in_english() -> None:
    for code, r in _reports(Month(2025, 3)).items():
        own = next(row for row in r.county_reports if row.county == code)
        if own.items is None:
            text = render_markdown(r, lang="en")
            assert "your county's own count is shown as “—” by the same rule" in text
            assert "本县区" not in text
            return
    pytest.fail("no county of the demo's March has its own count hidden")


@pytest.mark.parametrize("points_per_county", [20, 4])
def test_every_county_reader_reads_the_same_cells_hidden_in_section_two(points_per_county: int) -> None:
    # The note tells a county "各县区读到的隐去相同": true only while the hiding of section 二's
    # 事项数 does not depend on who reads (reviewer r55 09: nothing checked it). Every month of the
    # demo, at two sizes (fewer points per county hide more cells).
    # Each county's twelve months in one batch (monitoring_reports shares each month's matters; a
    # month's report alone is the batch's: tests/test_month_indexes.py).
    ds = demo(2025, 20220301, points_per_county, 9)
    months = [Month(2025, m) for m in range(1, 13)]
    years = {
        c.code: monitoring_reports(ds, months, PM, audience=Audience.parse(f"county:{c.code}")) for c in ds.counties
    }
    hidden_anywhere = 0
    for i, month in enumerate(months):
        hidden = {
            code: frozenset(row.county for row in reports[i].county_reports if row.items is None)
            for code, reports in years.items()
        }
        assert len(set(hidden.values())) == 1, (month, hidden)
        hidden_anywhere += bool(next(iter(hidden.values())))
    assert hidden_anywhere  # some month hides a cell, or the test says nothing
