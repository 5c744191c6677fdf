"""A removal for 考评不合格 of a point the year's assessment did not rate 不合格 is flagged
(auditor a39, finding 3; analyses/unqualified_removals.py).

The cases by hand (DESIGN "Point duty score", small_dataset 2025: no 万人评议 round, so the
appraisal item is full, and no complaint, so supervision is full):

- P-379902-2, contacted every month with an item: 30 + 30 + 20 + 20 = 100 ≥ 85, 优秀;
- P-379921-2, never contacted: 0 + 0 + 20 + 20 = 40 < 60, 不合格;
- P-379981-2, contacted every month, nothing raised: 30 + 0 + 20 + 20 = 70 ≥ 60, 合格.

Each removed for 考评不合格 effective 2026-01-01 (the adjustment after 2025): the first and the
third are flagged, the second is what its reason says."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, get_plugin_manager
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.ruletypes import Band
from softenv_core.errors import SoftenvError
from softenv_core.model.points import Designator
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.render.year_end import render_yearend
from softenv_core.testing import beijing, small_dataset

JAN = date(2026, 1, 1)
EXCELLENT, FAILING, PASSING = "P-379902-2", "P-379921-2", "P-379981-2"


def _dataset(reason: ChangeReason = ChangeReason.UNQUALIFIED):
    ds = small_dataset(2025)
    removed = (EXCELLENT, FAILING, PASSING)
    points = tuple(attrs.evolve(p, designated_until=date(2025, 12, 31)) if p.id in removed else p for p in ds.points)
    contacts = tuple(attrs.evolve(c, items=()) if c.point == PASSING else c for c in ds.contacts if c.point != FAILING)
    changes = tuple(
        RosterChange(f"RC-{p}", p, ChangeAction.REMOVE, reason, JAN, Designator.CITY, p.split("-")[1]) for p in removed
    )
    return attrs.evolve(ds, points=points, contacts=contacts, roster_changes=changes)


def _assessment(ds, as_of=None):
    return assess(ds, 2025, get_plugin_manager(autoload=False, plugins=[]), audience=CITY_OFFICE, as_of=as_of)


def test_a_removal_for_unqualified_of_a_point_rated_excellent_or_pass_is_flagged():
    ds = _dataset()
    a = _assessment(ds)
    found = {u.point: u for u in check_unqualified_removals(ds, a, audience=CITY_OFFICE)}
    assert {p: (u.band, u.total, u.flagged) for p, u in found.items()} == {
        EXCELLENT: (Band.EXCELLENT, Decimal(100), True),
        FAILING: (Band.FAIL, Decimal(40), False),
        PASSING: (Band.PASS, Decimal(70), True),
    }
    assert found[EXCELLENT].explanation == (
        f"RC-{EXCELLENT}：以“考评不合格”撤销监测点 {EXCELLENT}（2026-01-01起），但2025年度考评100.00分，等次为优秀，"
        "与撤销原因不符"
    )
    assert found[FAILING].explanation.endswith("2025年度考评40.00分，不合格，与撤销原因相符")


def test_a_removal_for_another_reason_is_not_read():
    ds = _dataset(ChangeReason.OWN_WISH)
    assert check_unqualified_removals(ds, _assessment(ds), audience=CITY_OFFICE) == ()


def test_the_year_end_flags_it_in_section_three_for_the_city_and_the_county():
    ds = _dataset()
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    assert [u.point for u in ye.unqualified_removals if u.flagged] == [EXCELLENT, PASSING]
    text = render_yearend(ye)
    section = text[text.index("## 三") : text.index("## 四")]
    assert "以“考评不合格”撤销、但当年考评并非不合格的：" in section
    assert (
        f"- ! RC-{EXCELLENT}：以“考评不合格”撤销监测点 {EXCELLENT}（2026-01-01起），但2025年度考评100.00分" in section
    )
    assert f"RC-{FAILING}" not in section.split("当年考评并非不合格的：")[1]
    english = render_yearend(year_end(ds, 2025, audience=CITY_OFFICE), "en")
    line = f"- ! RC-{PASSING}: {PASSING} removed for 考评不合格 from 2026-01-01, but rated pass (70.00) in 2025"
    assert line in english
    # a county its own, the public none
    county = year_end(ds, 2025, audience="county:379902")
    assert [u.point for u in county.unqualified_removals] == [EXCELLENT]
    assert year_end(ds, 2025, audience="public").unqualified_removals == ()
    assert YearEnd.from_json(ye.to_json()) == ye


def test_a_removal_not_known_at_the_instant_is_not_read_and_the_instant_must_be_the_assessments():
    ds = _dataset()
    early = beijing(2025, 11, 30, 12)  # the January removals are neither in effect nor filed then
    assert check_unqualified_removals(ds, _assessment(ds, early), audience=CITY_OFFICE, as_of=early) == ()
    with pytest.raises(SoftenvError, match="the assessment speaks for"):
        check_unqualified_removals(ds, _assessment(ds), audience=CITY_OFFICE, as_of=early)


def test_a_proposal_to_remove_a_failing_point_names_its_removal_already_recorded():
    """a39's leftover: the year end proposed removing P-379921-2 for 不合格 (40 < 60) as if nobody
    had, beside the removal for 考评不合格 already recorded from 2026-01-01; the proposal now names
    that record, and a point without one reads as before."""
    from softenv_core.analyses.adjustment import propose_adjustments

    ds = _dataset()
    a = _assessment(ds)
    proposals = {p.point: p for p in propose_adjustments(ds, a, audience=CITY_OFFICE)}
    failing = proposals[FAILING]
    # never contacted: also unreachable, whose evidence follows (it has none: no contact)
    assert failing.reasons == (ChangeReason.UNQUALIFIED.value, ChangeReason.UNREACHABLE.value)
    assert failing.explanation[0] == f"2025年度考评40.00分，不合格；已记录撤销 RC-{FAILING}，2026-01-01 起"
    assert f"RC-{FAILING}" in failing.evidence
    own_wish = _dataset(ChangeReason.OWN_WISH)
    plain = {p.point: p for p in propose_adjustments(own_wish, _assessment(own_wish), audience=CITY_OFFICE)}
    assert plain[FAILING].explanation[0] == "2025年度考评40.00分，不合格"


def test_the_year_end_workbook_has_the_removals_checked_sheet(tmp_path):
    """a39's leftover: the workbook a clerk works in showed none of section 三's flags. Its
    撤销核对 sheet lists every removal for 考评不合格 with the year's total and band, the
    contradicted ones marked ``!`` (the county's name beside its code, as every sheet has it)."""
    import openpyxl

    from softenv_core.analyses.assessment import assess as assess_year
    from softenv_core.render.xlsx_results import write_results_xlsx

    ds = _dataset()
    ye = year_end(ds, 2025, audience=CITY_OFFICE)
    a = assess_year(ds, 2025, audience=CITY_OFFICE)
    out = tmp_path / "y.xlsx"
    write_results_xlsx(a, ye, out)
    ws = openpyxl.load_workbook(out)["撤销核对"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["记录", "县区", "县区名称", "监测点", "生效日期", "年度总分", "等次", "核对"]
    by_point = {r[3]: r for r in rows[1:]}
    assert set(by_point) == {EXCELLENT, FAILING, PASSING}
    assert by_point[EXCELLENT][5:7] == [100, "优秀"] and by_point[EXCELLENT][7].startswith("! RC-")
    assert by_point[FAILING][5:7] == [40, "不合格"] and not by_point[FAILING][7].startswith("!")
    assert by_point[PASSING][7].startswith("! ")
    write_results_xlsx(a, ye, out, lang="en")
    ws = openpyxl.load_workbook(out)["Removals checked"]
    checks = {r[3].value: r[7].value for r in ws.iter_rows(min_row=2)}
    assert checks[EXCELLENT] == "! rated excellent in 2025: contradicts the reason"
    assert checks[FAILING] == "rated fail in 2025: agrees"
