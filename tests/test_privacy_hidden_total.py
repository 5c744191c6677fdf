"""A month's hidden total is not given back by another breakdown, nor by a later report (x67).

Attacker x67 found that section 四 suppressed each breakdown apart: a total hidden for the county
table's sake (two counties, one of 1) was the sum of the category table, every cell shown, and a
county read the other's 1 as that sum less its own (01; a department alike, 02). The breakdowns
and their total are now one decision (trend_suppression.month_suppression): where the total is
hidden, each breakdown hides parts until no reader knows every hidden one (docs/privacy.md, *A
reader's own cell*). A report as of a later instant, after an amendment, keeps hidden what the
reports of the month made before it hid (03), and the trend holds the departments against the
row 无 as section 四 does (04).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Month, get_plugin_manager, monitoring_report
from softenv_core.analyses.disclosure import conceal_total, total_derivable
from softenv_core.analyses.monitoring_report import monitoring_reports
from softenv_core.analyses.month_figures import month_figures
from softenv_core.analyses.trend_suppression import NO_DEPARTMENT, department_cells, month_suppression
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.render.report_format import items_total
from softenv_core.testing.strategies import datasets

from .demo_city import demo
from .weights import HEAVY

YEAR = 2025
MIN_CELL = 3
SECTION = {"category": "items_by_category", "department": "items_by_department", "county": "items_by_county"}


def test_a_total_is_derivable_where_a_reader_knows_every_hidden_part() -> None:
    assert total_derivable({}, ()) and total_derivable({"a": 0}, ())  # every part shown
    assert not total_derivable({"a": 4}, ())  # a category: nobody knows it
    assert total_derivable({"a": 4}, {"a"}) and not total_derivable({"a": 4, "b": 1}, {"a", "b"})
    # The smallest shown parts are hidden, ties by key; a lone part that is a reader's own is left.
    assert conceal_total({"a": 3, "b": 3}, (), {"a", "b"}) == {"a", "b"}
    assert conceal_total({"x": 6}, (), ()) == {"x"} and conceal_total({"x": 6}, (), {"x"}) == {"x"}
    assert conceal_total({"a": 9, "b": 1, "c": 2}, {"a"}, ()) == {"a"}


def test_the_findings_month_hides_every_breakdowns_sum_with_the_total() -> None:
    """01: 甲区 1, 乙县 5, all 执法, departments B 3 and C 3: the county table hides both and the
    total; the category table and the department table no longer add up to it."""
    parts = {"category": {"enforcement": 6}, "department": {"b": 3, "c": 3}, "county": {"379902": 1, "379921": 5}}
    decision = month_suppression(parts, {}, MIN_CELL)
    assert decision.total
    assert decision.hidden == {
        "category": {"enforcement"},
        "department": {"b", "c"},  # each department knows its own: two hidden
        "county": {"379902", "379921"},
    }
    # 02: departments A 1 and B 5, none without one: the category and county tables follow.
    parts = {"category": {"enforcement": 6}, "department": {"a": 1, "b": 5}, "county": {"379902": 3, "379921": 3}}
    decision = month_suppression(parts, {}, MIN_CELL)
    assert decision.total and decision.hidden["county"] == {"379902", "379921"}
    assert decision.hidden["category"] == {"enforcement"}
    # The floor: what a report of the month hid before stays hidden, its total too (03).
    later = month_suppression({d: {k: n + 5 for k, n in p.items()} for d, p in parts.items()}, {}, MIN_CELL, decision)
    assert later.total and all(decision.hidden[d] <= later.hidden[d] for d in SECTION)


def _unknown(parts: dict[str, int], shown: dict[str, int], own: str | None) -> list[str]:
    return [k for k, n in parts.items() if n and k not in shown and k != own]


def _check_hidden_total(truth: Any, view: Any, readers: list[dict[str, str]]) -> None:
    """Where ``view`` hides the month's total, no breakdown of section 四 gives it back to any of
    ``readers`` (each knowing its own cell of a dimension): one hidden part at least that it does
    not know, unless the breakdown's only part is its own (it knows the total already) or it has
    none (a total hidden by an earlier report of the month, 0 since)."""
    if items_total(view) is not None:
        return
    for dim, name in SECTION.items():
        parts, shown = dict(getattr(truth, name)), dict(getattr(view, name))
        if dim == "department":
            parts = department_cells(parts, truth.items_without_department)
            if view.items_without_department is not None:
                shown = department_cells(shown, view.items_without_department)
        for own in readers:
            alone = {k for k, n in parts.items() if n} <= {own.get(dim)}  # none (a total of 0 kept hidden) or its own
            assert alone or _unknown(parts, shown, own.get(dim)), (dim, parts, shown, own)


def _check_trend_columns(truth: Any, view: Any, readers: list[dict[str, str]]) -> None:
    """In each column of the trend whose total is hidden, the rows by category and by county do not
    add up to it for any reader (by department the trend has no 无, whose month's report shows
    it or not: section 四's check above holds the current month's)."""
    if view.trends is None:
        return
    for column in ("current", "previous", "last_year"):
        total = getattr(view.trends.row("total"), column)
        if total is None or not total.suppressed:
            continue
        for dim in ("category", "county"):
            rows = [(r, truth.trends.row(dim, r.key)) for r in view.trends.rows if r.dimension == dim]
            parts = {r.key: getattr(c, column).value for r, c in rows if getattr(c, column) is not None}
            shown = {r.key: 0 for r, _ in rows if getattr(r, column) is not None and not getattr(r, column).suppressed}
            for own in readers:
                alone = {k for k, n in parts.items() if n} <= {own.get(dim)}
                assert alone or _unknown(parts, shown, own.get(dim)), (column, dim, parts, shown, own)


def _readers(ds: Dataset) -> list[dict[str, str]]:
    return [{}, *({"county": c.code} for c in ds.counties), *({"department": d.id} for d in ds.departments)]


@HEAVY  # a generated dataset reported on per example: tests/weights.py
@given(ds=datasets(year=YEAR, max_counties=3, max_points=3, months_covered=4), month=st.integers(2, 4))
def test_property_a_hidden_total_is_given_back_by_no_breakdown(ds: Dataset, month: int) -> None:
    pm = get_plugin_manager()
    truth = monitoring_report(ds, Month(YEAR, month), pm, audience="city")
    for audience in ["public", *(f"county:{c.code}" for c in ds.counties), f"department:{ds.departments[0].id}"]:
        view = monitoring_report(ds, Month(YEAR, month), pm, audience=audience)
        _check_hidden_total(truth, view, _readers(ds))
        _check_trend_columns(truth, view, _readers(ds))


def test_no_hidden_total_of_the_demos_year_is_given_back() -> None:
    months = [Month(YEAR, m) for m in range(1, 13)]
    ds, pm = demo(), get_plugin_manager()
    city = {r.month: r for r in monitoring_reports(ds, months, pm, audience="city")}
    for report in monitoring_reports(ds, months, pm, audience="public"):
        _check_hidden_total(city[report.month], report, _readers(ds))
        _check_trend_columns(city[report.month], report, _readers(ds))


def _amended(ds: Dataset, month: Month, versions: list[list[Item]], start: datetime) -> tuple[Dataset, list[datetime]]:
    """``ds`` with the first county report on ``month`` amended to each of ``versions`` in turn,
    a day apart from ``start``; the instants of the amendments."""
    report = next(r for r in ds.reports if r.month == month)
    start = max([start, report.submitted_at, *(a.submitted_at for a in report.amendments)])
    when = [start + timedelta(days=1 + n) for n in range(len(versions))]
    amendments = tuple(
        Amendment(at, "经办人", tuple(items), not items, "更正") for at, items in zip(when, versions, strict=True)
    )
    amended = attrs.evolve(report, amendments=(*report.amendments, *amendments))
    return attrs.evolve(ds, reports=tuple(amended if r is report else r for r in ds.reports)), when


def _item(n: int, category: str, department: str | None, depts: list[str]) -> Item:
    return Item(
        ItemCategory.from_value(category),
        f"更正{n}",
        None if department is None else depts[int(department[1]) % len(depts)],
    )


_ITEMS = st.lists(
    st.tuples(st.sampled_from([c.value for c in ItemCategory]), st.sampled_from([None, "d0", "d1", "d2"])),
    max_size=8,
)


@HEAVY
@given(
    ds=datasets(year=YEAR, max_counties=3, max_points=3, months_covered=4),
    month=st.integers(2, 4),
    versions=st.lists(_ITEMS, min_size=1, max_size=2),
)
def test_property_a_later_report_hides_what_the_earlier_ones_hid(ds: Dataset, month: int, versions: Any) -> None:
    """03: the month's reports as of its default instant and as of each later instant one of its
    county reports was submitted or amended at: section 四's decision on the month (worked out
    here from the month's figures at each instant, each the floor of the next) is never undone:
    no report shows a cell an earlier decision hid, nor a total one hid. (A report may hide more:
    where its trend hides the total, section 四 hides the trend's cells with it, a decision that
    shows nothing the month's own does not.)"""
    period, pm, params = Month(YEAR, month), get_plugin_manager(), baseline_parameters()
    if not any(r.month == period for r in ds.reports):
        return
    depts = [d.id for d in ds.departments]
    items = [[_item(n, c, d, depts) for n, (c, d) in enumerate(v)] for v in versions]
    default = monitoring_report(ds, period, pm, audience="city").as_of
    ds, _ = _amended(ds, period, items, default)
    reports = [r for r in ds.reports if r.month == period]
    changed = {r.submitted_at for r in reports} | {a.submitted_at for r in reports for a in r.amendments}
    decision = None
    for at in [None, *sorted(t for t in changed if t > default)]:
        f = month_figures(ds, period, pm, params, as_of=at)
        earlier = decision
        parts = {dim: f.section_parts(dim) for dim in SECTION}
        decision = month_suppression(parts, f.reported_by_county, MIN_CELL, earlier)
        truth = monitoring_report(ds, period, pm, audience="city", as_of=at)
        view = monitoring_report(ds, period, pm, audience="public", as_of=at)
        assert earlier is None or all(earlier.hidden[d] <= decision.hidden[d] for d in SECTION)
        for dim in SECTION:
            shown = set(getattr(view, SECTION[dim]))
            if dim == "department" and view.items_without_department is not None:
                shown.add(NO_DEPARTMENT)
            assert not (decision.hidden[dim] & shown), (at, dim, decision.hidden[dim], shown)
        assert not decision.total or items_total(view) is None, at
        _check_hidden_total(truth, view, _readers(ds))
