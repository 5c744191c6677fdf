"""One mark for every hidden cell of a monthly report outside the city office (attacker's
findings 10 and 06; docs/privacy.md, *Monthly reports*).

A cell hidden by joint suppression (over the trend's three months) or secondary suppression
(with its partner) may hold any number, but every renderer printed it "<3": a county that
reported 16 matters "reported fewer than 3", and the next month's 上月 column gave the figure.
A hidden cell is now "—" in a table and "（已隐去）" in a sentence, whatever its size, with a
note in every report outside the city office saying what the marks mean. A common problem's
county count read "0个县区" (the length of the county list left after suppression) for a
problem that spans common.min_counties at least: when the list is cut it is hidden too.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.strategies import datasets

from .demo_city import demo
from .weights import HEAVY

YEAR = 2025
MIN_CELL = 3  # privacy.min_cell of the city baseline
MIN_COUNTIES = 2  # common.min_counties of the city baseline
#: The old mark, as printed and as Markdown-escaped.
_LESS_THAN = re.compile(rf"\\?<{MIN_CELL}")
#: A common problem's spread as the Word report says it ("0个县区多个监测点").
_FEW_COUNTIES = re.compile(r"(?<!\d)[01]个县区(?:多|\d+)个监测点")
_NOTE = "注：表中“—”、文中“（已隐去）”表示数量较小或可据以推算的数已隐去，以保护反映人。"


def _county_column(md: str) -> list[str]:
    """Section 六's 县区数 column."""
    section = md.split("## 六、", 1)[1].split("\n## ", 1)[0]
    return [row.split(" | ")[3] for row in section.splitlines() if row.startswith("| ") and "---" not in row][1:]


def _check(shown: MonitoringReport) -> None:
    md = render_markdown(shown)
    assert not _LESS_THAN.search(md), "a hidden cell claims a bound"
    assert not _FEW_COUNTIES.search(md)
    for cell in _county_column(md):
        assert cell == "—" or int(cell) >= MIN_COUNTIES, cell
    for p in shown.common_problems:
        assert not p.counties or len(p.counties) >= MIN_COUNTIES
    assert _NOTE in md


@HEAVY  # a generated dataset reported on per example: tests/weights.py
@given(ds=datasets(year=YEAR, max_counties=3, max_points=3, months_covered=4), month=st.integers(2, 4))
def test_no_hidden_cell_claims_a_bound_and_no_common_problem_spans_too_few_counties(ds: Dataset, month: int) -> None:
    for audience in ("public", f"county:{ds.counties[0].code}"):
        _check(monitoring_report(ds, Month(YEAR, month), audience=audience))
    city = render_markdown(monitoring_report(ds, Month(YEAR, month), audience="city"))
    assert _NOTE not in city  # the city office's reports hide nothing


@functools.cache
def _demo() -> Dataset:
    return demo()


def test_a_cell_hidden_with_its_partner_is_not_said_to_be_small() -> None:
    # The demo's March: counties of 6 to 16 matters hidden in section 二, and 4 complaints
    # received hidden in the trend (February's were few), which April's 上月 column shows.
    city = monitoring_report(_demo(), Month(2025, 3), audience="city")
    shown = monitoring_report(_demo(), Month(2025, 3), audience="public")
    large = [row for row in city.county_reports if row.items is not None and row.items >= MIN_CELL]
    hidden = {row.county for row in shown.county_reports if row.items is None}
    assert any(row.county in hidden for row in large)
    assert city.complaints_received >= MIN_CELL and shown.complaints_received is None
    md = render_markdown(shown)
    assert "本月收到（已隐去），" in md and "| 收到直接反馈 | — | — |" in md
    _check(shown)


@pytest.mark.parametrize("audience", ["county:379921"])
def test_the_word_report_hides_a_cut_county_count_and_explains_the_mark(audience: str, tmp_path: Path) -> None:
    import docx

    shown = monitoring_report(_demo(), Month(2025, 4), audience=audience)
    assert any(not p.counties for p in shown.common_problems)  # lists cut in the demo's April
    path = tmp_path / "r.docx"
    write_report_docx(shown, path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert not _FEW_COUNTIES.search(text) and "<3" not in text
    assert "，多个县区的监测点在" in text
    assert "办结（已隐去）" in text and _NOTE in text
