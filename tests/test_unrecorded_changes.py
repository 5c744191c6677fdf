"""A point's own record that says it was added or removed inside the year, with no roster change
(名册调整) recording it, is a roster change nobody recorded (t11 11): the filing (备案) and
adjustment-window (调整期) checks read the roster changes only, so the year end said "县区调整0项 …
调整期外0项" for a county that changed its roster mid-year without filing. ``validate`` warns
(naming the point's field, in Chinese for the workbook); the year end lists it in 四 and 九."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, baseline_parameters, year_end
from softenv_core.analyses.unrecorded_changes import find_unrecorded
from softenv_core.cli.output import problem_text
from softenv_core.io.dataset_files import dataset_warnings
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.render.year_end import render_yearend
from softenv_core.render.yearend_parts import yearend_sheets
from softenv_core.testing import small_dataset

from .weights import HEAVY


def _changed(year: int = 2025, **record):
    """The small dataset, its point P-379902-2 (a county's) with ``record``'s dates, no roster change."""
    ds = small_dataset(year=year)
    points = tuple(
        attrs.evolve(p, designated_by=Designator.COUNTY, **record) if p.id == "P-379902-2" else p for p in ds.points
    )
    return attrs.evolve(ds, points=points)


def _unrecorded(ds):
    since = baseline_parameters().since("report.due_day")  # as softenv validate passes it
    return [w for w in dataset_warnings(ds, since=since) if "no roster change" in w]


def test_a_mid_year_designation_and_end_without_a_roster_change_are_warnings_in_both_languages():
    ds = _changed(designated_from=date(2025, 9, 15), designated_until=date(2025, 10, 31))
    added, removed = _unrecorded(ds)
    assert added.startswith("$.points[1] (P-379902-2).designated_from: 2025-09-15 falls in 2025")
    assert removed.startswith(
        "$.points[1] (P-379902-2).designated_until: 2025-10-31 ends the designation "
        "(removed effective 2025-11-01, in 2025)"
    )
    assert "确定日期 2025-09-15 在 2025 年内，但没有监测点 P-379902-2 的名册调整（增设）记录" in problem_text(
        added, "zh"
    )
    assert "截止日期 2025-10-31，2025-11-01 起撤销（在 2025 年内）" in problem_text(removed, "zh")


def test_a_recorded_change_and_the_initial_roster_are_not_told():
    ds = _changed(designated_from=date(2025, 9, 15))
    add = RosterChange(
        "RC-1", "P-379902-2", ChangeAction.ADD, ChangeReason.DESIGNATION, date(2025, 9, 15), Designator.COUNTY, "379902"
    )
    assert _unrecorded(attrs.evolve(ds, roster_changes=(add,))) == []
    # The programme's first roster (designated on its first day, the baseline's) records no change.
    start = baseline_parameters().since("report.due_day")
    assert _unrecorded(_changed(2022, designated_from=start)) == []
    assert _unrecorded(small_dataset(year=2025)) == []


@HEAVY  # a year end per example
@given(day=st.dates(date(2025, 2, 1), date(2025, 12, 31)))
def test_the_year_end_counts_an_unrecorded_county_addition_in_its_sections_4_and_9(day):
    ds = _changed(designated_from=day)
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    (u,) = ye.unrecorded
    assert (u.point, u.action, u.effective, u.outside_window) == ("P-379902-2", ChangeAction.ADD, day, True)
    text = render_yearend(ye)
    four = text[text.index("## 四") : text.index("## 五")]
    nine = text[text.index("## 九") :]
    assert "另有县区调整1项未记入名册调整" in four and "P-379902-2确定日期" in four
    assert "另有未记入名册调整的调整1项（监测点记录的日期在年内），其中调整期外1项" in nine
    sheets = {name: rows for name, (_, rows), _ in yearend_sheets(ye, "zh")}
    assert any(r[0] == "未记录" and r[2] == "P-379902-2" for r in sheets["调整备案"])


def test_another_county_does_not_see_it():
    ye = year_end(_changed(designated_until=date(2025, 6, 30)), 2025, audience="county:379921")
    assert ye.unrecorded == ()
    own = year_end(_changed(designated_until=date(2025, 6, 30)), 2025, audience="county:379902")
    assert [(u.point, u.action) for u in own.unrecorded] == [("P-379902-2", ChangeAction.REMOVE)]


def test_a_change_not_yet_in_effect_at_the_instant_is_not_listed():
    from datetime import datetime

    from softenv_core.model.periods import BEIJING

    ds = _changed(designated_from=date(2025, 9, 15))
    before = year_end(ds, 2025, audience=CITY_OFFICE, as_of=datetime(2025, 9, 14, 12, tzinfo=BEIJING))
    after = year_end(ds, 2025, audience=CITY_OFFICE, as_of=datetime(2025, 9, 15, 12, tzinfo=BEIJING))
    assert (len(before.unrecorded), len(after.unrecorded)) == (0, 1)


def test_a_removal_on_1_january_says_both_days():
    """t12 04: a record ending 2025-12-31 is removed 2026-01-01, 2026's change (inside its window);
    its 截止日期 is not "in 2026"."""
    ds = _changed(designated_until=date(2025, 12, 31))
    (u,) = find_unrecorded(ds, 2026, baseline_parameters())  # 2026's calendar is not published yet
    assert not u.outside_window
    assert "P-379902-2截止日期2025-12-31，2026-01-01起撤销（在2026年内），但没有名册调整（撤销）记录" in u.explanation
    assert "截止日期2025-12-31在2026年内" not in u.explanation


def test_the_demo_records_its_earlier_additions_and_filings():
    """r3 04: the demo designated 60 points on 2023-01-01 and 60 on 2024-01-01 with no roster
    change, so its own 2023 and 2024 year ends listed them as unrecorded. They are recorded now
    (filed in time), and the 2025 year end's section 四 reads 2025's changes as before."""
    from softenv_core.analyses.adjustment import check_filings

    from .demo_city import demo

    ds = demo()
    params = baseline_parameters()
    assert find_unrecorded(ds, 2023, params) == () and find_unrecorded(ds, 2024, params) == ()
    earlier = [c for c in ds.roster_changes if c.effective.year < 2025]
    assert earlier and {c.effective for c in earlier} == {date(2023, 1, 1), date(2024, 1, 1)}
    assert all(f.ok for f in check_filings(ds, audience=CITY_OFFICE) if f.effective.year < 2025)
    assert len(check_filings(ds, audience=CITY_OFFICE, year=2025)) == 3


def test_the_initial_roster_is_read_from_the_parameters_not_a_literal():
    """r3 04: the programme's first day was a literal (2022-03-01) in model/designations.py. It
    is the first day report.due_day is in force: a parameter set whose baseline starts later
    takes a designation up to its start for the initial roster."""
    from softenv_core.engine.parameters import ParameterSet

    later = date(2022, 6, 1)
    params = ParameterSet(
        tuple(
            attrs.evolve(p, values=(attrs.evolve(p.values[0], effective_from=later), *p.values[1:]))
            if p.name == "report.due_day"
            else p
            for p in baseline_parameters().parameters
        )
    )
    ds = _changed(2022, designated_from=date(2022, 5, 1))
    assert [u.point for u in find_unrecorded(ds, 2022, baseline_parameters())] == ["P-379902-2"]
    assert find_unrecorded(ds, 2022, params) == ()
