"""Attacker x47: what a reader outside the city office can learn of direct feedback (直接反馈).

01. A complaint id written in a record's text reads `[直接反馈]` outside the city office
    (x39 04), and the words are looked up among the dataset's complaint ids: a county that writes
    ids into its own monthly report (or its office's contacts, its work plan) reads back which of
    them are complaints' ids, and the notice counts them. What holds: the view reads the same
    whichever point made the complaint, of the county or not; what is left (docs/privacy.md,
    *What is left*, attacker x47 01) is whether a complaint of that id exists at all, which names
    the point where the city's complaint ids carry it. Left for the city's decision, as x45 03.

02. A month known only by its direct feedback (trends, 二(二), since 0da4375): a complaint made in a
    month before the records begin, compared with a year on, leaves every monthly report a county
    or the public is given the same, in a single report and in a batch alike; which point made it
    too.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import Month, get_plugin_manager, monitoring_report, monitoring_reports, year_end
from softenv_core.io.converter import to_json
from softenv_core.model.dataset import Dataset
from softenv_core.model.guarantees import WorkPlan
from softenv_core.model.reports import Item, ItemCategory
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

_PM = get_plugin_manager(autoload=False)
_COUNTIES = ("379902", "379921", "379922")

# --- 01 ---------------------------------------------------------------------------------------

_GUESSES = "核对编号 Q-2025-0001 Q-2025-0002 Q-2025-0003"


def _guessing(complainant: str | None) -> Dataset:
    """379902's March report lists one item quoting three ids; Q-2025-0002 is a complaint of May
    by ``complainant`` (None: there is no complaint)."""
    base = small_dataset(2025, counties=_COUNTIES)
    item = Item(ItemCategory.ENFORCEMENT, _GUESSES, "city-amr")
    march = Month(2025, 3)
    reports = tuple(
        attrs.evolve(r, items=(item,), nothing_to_report=False) if r.county == "379902" and r.month == march else r
        for r in base.reports
    )
    made = () if complainant is None else (make_complaint("Q-2025-0002", complainant, beijing(2025, 5, 6)),)
    return attrs.evolve(base, reports=reports, complaints=made)


def _march(ds: Dataset, audience: str) -> tuple[str, str]:
    report = monitoring_report(ds, Month(2025, 3), _PM, audience=audience)
    return render_markdown(report), report.to_json()


@pytest.mark.parametrize("audience", ["county:379902", "department:city-amr", "public"])
def test_01_the_screened_text_reads_the_same_whichever_point_made_the_quoted_complaint(audience: str) -> None:
    views = {_march(_guessing(p), audience) for p in ("P-379902-2", "P-379902-1", "P-379921-2", "P-379922-1")}
    assert len(views) == 1


def test_01_what_is_left_the_screen_tells_whether_a_quoted_id_is_a_complaints() -> None:
    # docs/privacy.md, What is left (attacker x47 01): the author reads its guess back masked.
    masked, _ = _march(_guessing("P-379921-2"), "county:379902")
    plain, _ = _march(_guessing(None), "county:379902")
    assert "Q-2025-0001 \\[直接反馈\\] Q-2025-0003" in masked
    assert _GUESSES in plain


def test_01_a_work_plans_target_reads_the_same_whichever_point_made_the_quoted_complaint() -> None:
    plan = WorkPlan("WP-379902-2025", "379902", 2025, date(2025, 1, 10), "工作计划", (_GUESSES,))
    views = set()
    for who in ("P-379902-2", "P-379921-2"):
        ds = attrs.evolve(_guessing(who), work_plans=(plan,))
        views.add(to_json(year_end(ds, 2025, _PM, audience="county:379902")))
    assert len(views) == 1
    assert "Q-2025-0001 [直接反馈] Q-2025-0003" in views.pop()  # what is left, as in the monthly report


# --- 02 ---------------------------------------------------------------------------------------


def _before_the_records(complainant: str | None) -> Dataset:
    """small_dataset's 2025 with one complaint of March 2024 (before the records begin: no
    contact or report of 2024) by ``complainant`` (None: none)."""
    base = small_dataset(2025, counties=_COUNTIES)
    made = () if complainant is None else (make_complaint("Q-2024-0001", complainant, beijing(2024, 3, 5)),)
    return attrs.evolve(base, complaints=made)


@pytest.mark.parametrize("audience", ["county:379902", "county:379921", "public", "point:P-379921-1"])
def test_02_a_month_known_only_by_its_complaint_reads_as_one_without_data(audience: str) -> None:
    months = [Month(2024, 3), Month(2024, 4), Month(2025, 3)]
    views = set()
    for who in (None, "P-379902-2", "P-379921-2"):
        ds = _before_the_records(who)
        alone = tuple(monitoring_report(ds, m, _PM, audience=audience) for m in months)
        batch = monitoring_reports(ds, months, _PM, audience=audience)
        assert [r.to_json() for r in alone] == [r.to_json() for r in batch]
        views.add(tuple((r.to_json(), render_markdown(r), render_markdown(r, "en")) for r in alone))
    assert len(views) == 1
    march = render_markdown(alone[2])
    assert "去年同月(2024-03)无数据，不作同比" in march
