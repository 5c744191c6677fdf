"""Reviewer r59 01: when a changed city number starts to count (DESIGN "Reading a parameter").

docs/architecture.md said a year's assessment reads its parameters on 31 December, so that a
number could not change in the middle of a year; the code reads month M's deadline on the first
day of M+1. So ``report.due_day`` 5 → 3 from 2026-01-01 already governs December 2025's report
(due in January 2026), and can change 2025's 十佳. Whether it should is the city's open question
(docs/rules.md "Open: a deadline changed from 1 January and the December before"); these tests pin
today's reading, so that a change is deliberate."""

from __future__ import annotations

from datetime import datetime

import attrs

from softenv_core import CITY_OFFICE, Month, assess, report_deadline
from softenv_core.engine.ruletypes import MonthState
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import monthly_report
from tests.review_r59_params import REFERENCE, changed

JIA = "379902"
DUE_3 = {"report.due_day": 3}


def _december_filed_on_the_5th():
    ds = small_dataset(2025, (JIA,))
    december = monthly_report(JIA, Month(2025, 12), beijing(2026, 1, 5, 9))
    return attrs.evolve(ds, reports=tuple(december if r.month == Month(2025, 12) else r for r in ds.reports))


def _due(ds, month: Month, params=None) -> datetime:
    found = report_deadline(ds, JIA, month, params=params)
    assert not isinstance(found, MonthState)
    return found.due_at


def test_a_due_day_changed_from_1_january_sets_the_previous_december_s_deadline() -> None:
    ds = _december_filed_on_the_5th()
    assert _due(ds, Month(2025, 12)) == beijing(2026, 1, 5, 23, 59, 59)
    # The 3rd is a Saturday; Sunday 2026-01-04 is a make-up working day.
    assert _due(ds, Month(2025, 12), changed(DUE_3)) == beijing(2026, 1, 4, 23, 59, 59)
    assert _due(ds, Month(2025, 11), changed(DUE_3)) == _due(ds, Month(2025, 11))


def test_so_it_can_change_the_closed_year_s_十佳() -> None:
    ds = _december_filed_on_the_5th()
    before = assess(ds, 2025, audience=CITY_OFFICE).county(JIA)
    after = assess(ds, 2025, params=changed(DUE_3), audience=CITY_OFFICE).county(JIA)
    assert before.months[-1].status is MonthState.ON_TIME and before.topten_eligible
    december = after.months[-1]
    assert december.status is MonthState.MISSING and not after.topten_eligible
    cited = {p.name: p for p in december.deadline.params}
    assert (cited["report.due_day"].value, cited["report.due_day"].reference) == (3, REFERENCE)
    assert str(cited["report.due_day"].effective_from) == "2026-01-01"


def test_a_mid_year_value_governs_from_the_month_whose_report_falls_due_under_it() -> None:
    ds = small_dataset(2025, (JIA,))
    mid = changed(DUE_3, day="2025-07-01")
    assert _due(ds, Month(2025, 5), mid) == beijing(2025, 6, 5, 23, 59, 59)  # read on 06-01: 5
    assert _due(ds, Month(2025, 6), mid) == beijing(2025, 7, 3, 23, 59, 59)  # read on 07-01: 3
    assert _due(ds, Month(2025, 7), mid) == beijing(2025, 8, 4, 23, 59, 59)  # 08-03 a Sunday


def test_the_docs_say_so() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    arch = (docs / "architecture.md").read_text("utf-8")
    assert "a number cannot change in the middle of a" not in arch
    assert "December 2025's report due 2026-01-04" in arch
    assert "### Open: a deadline changed from 1 January and the December before" in (docs / "rules.md").read_text(
        "utf-8"
    )
