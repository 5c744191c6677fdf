"""Auditor a24: the year-end figures of counties and points, computed by hand from the policy.

The dataset ``data/yearend-audit-a24.json`` (2025) was built by hand for this audit:

- 甲区 379902 (the city's deadline, the 5th moved to the next working day): January submitted at
  the deadline itself (02-05 23:59:59), February one second after it (03-06 00:00:00, late 1),
  March and April before holiday-shifted deadlines (04-07, 05-06), June missing, July late 3
  (08-06, 08-07, 08-08), August late 4 (scored 0), September late 2 across the National Day
  holiday and the Saturday make-up day 10-11, October with items, November late 1 and waived
  by the city, December on time.
- 乙县 379921 (青山县's own deadline, the 3rd): February submitted on 03-04, on time for the
  city but late 1 for the county; December's 3rd (a Saturday holiday) moves to Sunday 01-04, a
  make-up working day, so 01-05 is late 1.
- 丙区 379903, created 2025-04-10 with no point: January to March not owed, April on owed.
- Points of varied shape: PA 市直 full year at exactly 85; PB designated 04-16 (9 owed months)
  with a complaint found false; PC with the county's symposium extra capped by its rule; PD
  removed after 07-03 (July: 3 working days, not owed); PE reached only by the wrong office,
  three complaints found false (supervision floored at 0); PF designated 12-24 (one owed
  month, no round owed); PG designated 12-26 (4 working days: no owed month); PH at exactly 60.

Every expected figure below is the hand computation written next to it, never the library's.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import softenv_county_qingshan
from softenv_core import CITY_OFFICE, assess, explain_county, load_dataset
from softenv_core.render.xlsx_results import write_results_xlsx
from softenv_core.rules.registry import get_plugin_manager

DATA = Path(__file__).parent / "data" / "yearend-audit-a24.json"


@pytest.fixture(scope="module")
def result():
    pm = get_plugin_manager(autoload=False, plugins=[("qingshan", softenv_county_qingshan)])
    return assess(load_dataset(DATA), 2025, pm, audience=CITY_OFFICE)


def _states(county):
    return {str(m.month): (m.status.value, m.late_workdays, m.score) for m in county.months}


def test_jia_months_scores_and_compliance_by_hand(result):
    c = result.county("379902")
    got = _states(c)
    assert got["2025-01"][:1] == ("on_time",)  # at 23:59:59 itself: "at or before the due instant"
    assert got["2025-02"] == ("late", 1, 50)  # one second after: late by 03-06
    assert got["2025-03"][0] == got["2025-04"][0] == "on_time"  # shifted to 04-07 and 05-06
    assert got["2025-06"] == ("missing", 0, 0)
    assert got["2025-07"] == ("late", 3, 50)
    assert got["2025-08"] == ("late", 4, 0)  # beyond the 3 working days of grace
    assert got["2025-09"] == ("late", 2, 50)  # 10-10 and the make-up Saturday 10-11
    assert got["2025-11"] == ("waived", 1, 50)  # the waiver excuses it for 十佳, not the score
    # (100 + 50 + 100 + 100 + 100 + 0 + 50 + 0 + 50 + 100 + 50 + 100) / 12 = 800 / 12
    assert c.compliance == Decimal("66.67")
    assert not c.topten_eligible
    (failing,) = [r for r in c.failing_conditions if r.rule.id == "city.topten.on_time"]
    for month in ("2025-02", "2025-06", "2025-07", "2025-08", "2025-09"):
        assert month in failing.reason
    assert "2025-11" not in failing.reason


def test_yi_is_judged_by_its_own_deadline_of_the_3rd(result):
    c = result.county("379921")
    got = _states(c)
    assert got["2025-02"] == ("late", 1, 50)  # 03-04: on time for the city, late for the county
    assert got["2025-12"] == ("late", 1, 50)  # due Sunday 2026-01-04 (a make-up working day)
    assert c.compliance == Decimal("91.67")  # (10 × 100 + 2 × 50) / 12
    assert not c.topten_eligible


def test_bing_owes_only_the_months_it_exists_and_is_eligible(result):
    c = result.county("379903")
    got = _states(c)
    assert [got[f"2025-0{m}"][0] for m in (1, 2, 3)] == ["not_owed"] * 3
    assert c.compliance == Decimal(100) and c.topten_eligible


#: point: (total, band, nominable), each computed by hand (see the module's docstring).
POINTS = {
    "PA": ("85.00", "excellent", False),  # 30 + 30×5/6 + 20×1/2 + 20
    "PB": ("63.33", "pass", False),  # 30×7/9 (23.33) + 30×3/4.5 + 20×1/2 + (20 − 10)
    "PC": ("106.00", "excellent", True),  # 100 + min(6, 2 × 4 symposium months)
    "PD": ("90.00", "excellent", False),  # 30×6/6 + 30×2/3 + 20×1/1 + 20; not the whole year
    "PE": ("0.00", "fail", False),  # 0 + 0 + 0 + max(0, 20 − 10×3)
    "PF": ("100.00", "excellent", False),  # December alone; no round held after 12-24
    "PH": ("60.00", "pass", False),  # 30×6/12 + 30×3/6 + 20×1/2 + 20
}


@pytest.mark.parametrize("pid", sorted(POINTS))
def test_point_totals_bands_and_nomination_by_hand(result, pid):
    p = result.point(pid)
    total, band, nominable = POINTS[pid]
    assert (p.total, p.band.value, p.nominable) == (Decimal(total), band, nominable)
    assert p.total == sum(i.points for i in p.items)
    assert all(i.rule.id and i.rule.reference for i in p.items)


def test_a_point_owing_no_month_is_not_scored(result):
    assert "PG" not in {p.id for p in result.points}


def test_explain_county_shows_no_score_for_a_month_that_does_not_count(result):
    """A month not owed counts neither for nor against (the mean is over the owed months): its
    row shows no score, not a 0.00 that reads as a month scored 0 beside the mean's formula."""
    text = explain_county(result.county("379903"))
    jan = next(line for line in text.splitlines() if line.startswith("2025-01"))
    assert "无需报送" in jan and "0.00" not in jan
    apr = next(line for line in text.splitlines() if line.startswith("2025-04"))
    assert "100.00" in apr


def test_results_workbook_counts_the_owed_months_under_that_name(result, tmp_path):
    """PD was on the roster in 7 months of 2025 (to 07-03) but owed 6: the column says which."""
    path = tmp_path / "r.xlsx"
    write_results_xlsx(result, None, path)
    ws = openpyxl.load_workbook(path)["监测点"]
    headers = [c.value for c in ws[1]]
    assert "在册月数" not in headers
    col = headers.index("应履职月数")
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "PD")
    assert row[col] == 6
