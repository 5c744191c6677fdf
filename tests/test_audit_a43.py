"""Auditor a43: cases computed by hand from the policy (seed 三(一), 三(二), 三(三), 三(五), 四(三);
DESIGN "City baseline", "Who owes what, when", "An explicit instant"; docs/rules.md,
docs/yearend.md, docs/complaints.md), in the areas earlier auditors touched least: 万人评议 raters
and the sample floor, complaint limits across holidays and an extension, report deadlines of
2024 and 2026 moved by make-up days, a 县区 point reached by another county's office, the roster
adjustment's filings and window, and what an ``as_of`` instant knows. Each expected figure has
its derivation beside it; the first test is a42's open point, failing before its fix.

Official arrangements used (chinese_calendar, the State Council notices): 2024 国庆 10-01..10-07
off, Sun 09-29 and Sat 10-12 worked; 2026 春节 02-15..02-23 off, Sat 02-14 and Sat 02-28 worked;
2026 国庆 10-01..10-07 off, Sat 10-10 worked; 2025 国庆中秋 10-01..10-08 off, Sat 10-11 worked.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from softenv_core import InputError, loads_dataset
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.roster import Filing
from tests.test_audit_a42 import DING, _new_county_filed_on

JIA, YI, BING = "379902", "379921", "379981"


def _refused(ds) -> list[str]:
    with pytest.raises(InputError) as refused:
        loads_dataset(dataset_json(ds))
    return list(refused.value.problems)


# --- a42's open point: a filing dated before its county existed -----------------------------


def test_a_filing_dated_before_its_county_existed_is_refused():
    """丁市 exists from 2025-10-01 (a42's case); a filing by 丁市 dated 09-30 lists its first
    change (effective 10-01). DESIGN principle 3: an impossible order of events is an error with
    a $.path, and the library already refuses a report on a month before its county existed and
    a waiver of one. A county cannot file with the city before it exists, so the filing is a date
    or a county typed wrong: refused, not a warning (no parameter is needed to see it, unlike the
    waiver before the baseline, which is a warning only because the loader reads none). It was
    accepted, and ``check_filings`` counted it 已于生效前备案 — the one filing the city could never
    have received made the new county's first change in time."""
    problems = _refused(_new_county_filed_on(date(2025, 9, 30)))
    wanted = (
        f"$.filings[0] (F-0).filed_on: 2025-09-30 but county {DING} exists from 2025-10-01 to …; "
        "a county files only on a day it exists"
    )
    assert problems == [wanted], problems
    assert problem_text(wanted, "zh").endswith(
        f"备案日期 2025-09-30 不在县区 {DING} 的存续期(2025-10-01 至 …)内;县区只能在其存续期内备案"
    )
    # Its first day is the earliest it files: accepted (in time, a42's rule).
    loads_dataset(dataset_json(_new_county_filed_on(date(2025, 10, 1))))


def test_a_filing_dated_after_its_county_was_abolished_is_refused():
    """丁市 abolished after 2025-11-30 (its point PE ended then): a filing dated 12-01 by 丁市 is
    made by a county that no longer exists — refused alike; one dated 11-30, its last day, loads."""
    ds = _new_county_filed_on(date(2025, 10, 1))
    counties = tuple(attrs.evolve(c, effective_until=date(2025, 11, 30)) if c.code == DING else c for c in ds.counties)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 11, 30)) if p.id == "PE" else p for p in ds.points)
    ds = attrs.evolve(ds, counties=counties, points=points)
    late = attrs.evolve(ds, filings=(*ds.filings, Filing("F-late", DING, date(2025, 12, 1), ("RC-E",))))
    assert _refused(late) == [
        f"$.filings[1] (F-late).filed_on: 2025-12-01 but county {DING} exists from 2025-10-01 to 2025-11-30; "
        "a county files only on a day it exists"
    ]
    last = attrs.evolve(ds, filings=(*ds.filings, Filing("F-last", DING, date(2025, 11, 30), ("RC-E",))))
    loads_dataset(dataset_json(last))
