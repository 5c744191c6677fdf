"""A reader who knows its own cell recovers no other hidden cell (attacker t6 finding 01).

A county knows its own county's matters (it wrote its report; they are listed to it), a
department those about it. Secondary suppression hid a small cell and one partner; when the
partner was the reader's own county, the month's total less the shown cells less its own gave
the small cell back (county 379922 read 379903's 2 matters of September). Suppression now
holds against each such reader at once (disclosure.recoverable): after the reader's own
hidden cell, at least two hidden cells are left, or the total is hidden (docs/privacy.md,
*Threat model*, small cells).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Month, get_plugin_manager, monitoring_report
from softenv_core.analyses.disclosure import recoverable, suppress_cells
from softenv_core.analyses.monitoring_report import monitoring_reports
from softenv_core.analyses.trend_suppression import NO_DEPARTMENT, department_cells, joint_suppression
from softenv_core.model.dataset import Dataset
from softenv_core.testing.strategies import datasets

from .demo_city import demo
from .weights import HEAVY

YEAR = 2025
MIN_CELL = 3
SECTION = {"category": "items_by_category", "department": "items_by_department", "county": "items_by_county"}
#: September 2025 of the finding: 379903's two matters, the others' counts.
SEPTEMBER = {
    "379902": 7,
    "379903": 2,
    "379921": 6,
    "379922": 5,
    "379923": 8,
    "379924": 8,
    "379981": 6,
    "379982": 5,
}


def _solvable(parts: dict[str, int], hidden: set[str], reader: str | None) -> bool:
    """Whether ``reader`` (knowing its own part, None: knowing none) can tell the value of a
    hidden part of a margin whose total is shown. What it knows: the parts it does not know
    add up to the total less the shown parts (less its own); each is at least 1 (a 0 is
    shown). A part is told when its least and its greatest possible value agree: its least is
    1 and its greatest the sum less 1 for each other unknown part (review r2/02: three hidden
    parts summing to 3 are each 1, though none is alone)."""
    unknown = [parts[k] for k in hidden if parts.get(k, 0) > 0 and k != reader]
    if not unknown:
        return False
    greatest = sum(unknown) - (len(unknown) - 1)
    return greatest == 1 or len(unknown) == 1


def test_the_findings_county_cannot_subtract_its_own_cell() -> None:
    table = suppress_cells(SEPTEMBER, MIN_CELL, known=SEPTEMBER.keys())
    hidden = {k for k, c in table.cells.items() if c.suppressed}
    # Before: {379903, 379922}, and 379922 read 47 - 40 - 5 = 2. A third county (the next
    # smallest, 379982's 5) leaves 379922 two unknowns of sum 7.
    assert hidden == {"379903", "379922", "379982"} and not table.total.suppressed
    assert not any(_solvable(SEPTEMBER, hidden, reader) for reader in [None, *SEPTEMBER])
    # A breakdown nobody knows a cell of (categories) keeps the classic pair.
    assert sum(c.suppressed for c in suppress_cells(SEPTEMBER, MIN_CELL).cells.values()) == 2


def test_two_counties_alone_hide_their_total() -> None:
    # Two counties, one small: each knows its own, so either had the other's from the total.
    table = suppress_cells({"a": 5, "b": 2, "c": 0}, MIN_CELL, known="abc")
    assert table.cells["a"].suppressed and table.cells["b"].suppressed and table.total.suppressed
    assert recoverable({"a": 5, "b": 2}, {"a"}) and not recoverable({"a": 5, "b": 2}, set())


def test_hidden_parts_that_add_up_to_their_number_are_each_1_and_are_not_left_so() -> None:
    """Review r2/02: {1, 1, 10} hid the two 1s with the total shown (12 - 10 = 2 over two
    hidden parts of at least 1 each: both 1); {1, 1, 1, 10} hid three parts summing to 3."""
    for parts in ({"a": 1, "b": 1, "c": 10}, {"a": 1, "b": 1, "c": 1, "d": 10}):
        for known in ("", "abcd"):
            table = suppress_cells(parts, MIN_CELL, known=known)
            hidden = {k for k, c in table.cells.items() if c.suppressed}
            if not table.total.suppressed:
                assert not any(_solvable(parts, hidden, r) for r in [None, *known]), (parts, known, hidden)
    assert recoverable({"a": 1, "b": 1}, set()) and not recoverable({"a": 1, "b": 1, "c": 10}, set())


def test_joint_suppression_leaves_each_county_two_unknowns_in_every_month() -> None:
    # As January of the demo: b hidden jointly with its report, its partner d recovered it
    # (the total less a, c and its own). A third county is hidden too: in the month that first
    # needs one (February: b and d alone), its smallest shown, a.
    months = [{"a": 9, "b": 5, "c": 8, "d": 4}, {"a": 7, "b": 6, "c": 8, "d": 3}]
    hidden, totals = joint_suppression(months, MIN_CELL, forced={"b"}, known="abcd")
    assert hidden == {"a", "b", "d"} and totals == (False, False)
    for parts in months:
        assert not any(_solvable(parts, set(hidden), reader) for reader in [None, *parts])


@given(
    st.lists(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12), max_size=6), min_size=1, max_size=3),
    st.sets(st.sampled_from("abcdef"), max_size=2),
    st.integers(1, 5),
)
def test_property_no_reader_solves_a_hidden_part(months: list[dict[str, int]], forced: set[str], min_cell: int) -> None:
    """Over every margin (one month, or three jointly) and every reader knowing one part."""
    tables = [suppress_cells(months[0], min_cell, forced, known=months[0].keys())]
    joint, totals = joint_suppression(months, min_cell, forced, known={k for p in months for k in p})
    for i, parts in enumerate(months):
        readers = [None, *parts]
        if not totals[i]:
            assert not any(_solvable(parts, set(joint), r) for r in readers), (parts, joint)
        assert all(k in joint for k, n in parts.items() if 0 < n < min_cell)
    for table in tables:
        hidden = {k for k, c in table.cells.items() if c.suppressed}
        if not table.total.suppressed:
            assert not any(_solvable(months[0], hidden, r) for r in [None, *months[0]])
        assert all(table.cells[k].suppressed for k, n in months[0].items() if 0 < n < min_cell)


def _check_view(truth: Any, view: Any, own: dict[str, str], nones: dict[str, int] | None = None) -> None:
    """Section 四 and the trend of ``view`` against the city's ``truth``: with the total shown,
    the reader (its own county or department: ``own``) is never left one hidden cell. ``nones``:
    by trend column, the row 无 of the column's month where its own report hid it (the trend shows
    no 无, so it is then one more unknown of the column's departments; attacker x67 04)."""
    nones = dict(nones or {})
    if view.items_without_department is None and truth.items_without_department:
        nones["current"] = truth.items_without_department
    total = view.trends.row("total") if view.trends is not None else None
    for dim, name in SECTION.items():
        parts, shown = getattr(truth, name), getattr(view, name)
        if dim == "department":  # with its row 无, one more cell of the total (clerk c59 02)
            parts = department_cells(parts, truth.items_without_department)
            if view.items_without_department is not None:
                assert view.items_without_department == truth.items_without_department
                shown = department_cells(shown, view.items_without_department)
        hidden = {k for k in parts if k not in shown}
        assert all(k in hidden for k, n in parts.items() if 0 < n < MIN_CELL), (dim, parts, shown)
        if total is not None and total.current is not None and total.current.value is not None:
            assert not _solvable(parts, hidden, own.get(dim)), (dim, parts, shown, own)
    if total is None:
        return
    for column in ("current", "previous", "last_year"):
        t = getattr(total, column)
        if t is None or t.value is None:
            continue
        for dim in SECTION:
            rows = [(r, truth.trends.row(dim, r.key)) for r in view.trends.rows if r.dimension == dim]
            parts = {r.key: getattr(c, column).value for r, c in rows if getattr(c, column) is not None}
            hidden = {r.key for r, _ in rows if getattr(r, column) is not None and getattr(r, column).suppressed}
            if dim == "department" and column in nones:
                parts[NO_DEPARTMENT], hidden = nones[column], hidden | {NO_DEPARTMENT}
            assert not _solvable(parts, hidden, own.get(dim)), (column, dim, parts, hidden, own)


def _hidden_nones(ds: Dataset, month: Month, pm: Any) -> dict[str, int]:
    """By trend column of ``month``'s report, the row 无 of the column's month where that month's
    own report (the public one: every reader's pattern) hid it."""
    out = {}
    for column, m in (("previous", month - 1), ("last_year", month - 12)):
        shown = monitoring_report(ds, m, pm, audience="public").items_without_department
        truth = monitoring_report(ds, m, pm, audience="city").items_without_department
        if shown is None and truth:
            out[column] = truth
    return out


def _readers(ds: Dataset) -> list[tuple[str, dict[str, str]]]:
    out = [(f"county:{c.code}", {"county": c.code}) for c in ds.counties]
    out += [(f"department:{d.id}", {"department": d.id}) for d in ds.departments[:2]]
    return [*out, ("public", {})]


@HEAVY  # a generated dataset reported on per example: tests/weights.py
@given(ds=datasets(year=YEAR, max_counties=3, max_points=3, months_covered=4), month=st.integers(2, 4))
def test_property_no_county_or_department_reader_solves_another_cell(ds: Dataset, month: int) -> None:
    pm = get_plugin_manager()
    truth = monitoring_report(ds, Month(YEAR, month), pm, audience="city")
    nones = _hidden_nones(ds, Month(YEAR, month), pm)
    for audience, own in _readers(ds):
        _check_view(truth, monitoring_report(ds, Month(YEAR, month), pm, audience=audience), own, nones)


def test_no_county_of_the_demo_solves_another_countys_cell() -> None:
    """The finding's own_sub.py over the demo's year: four recoveries before (e.g. 379981's
    September 8 by 379903). The pattern outside the city office does not depend on the reader,
    so the public reports stand for every county's and department's."""
    months = [Month(YEAR, m) for m in range(1, 13)]
    ds, pm = demo(), get_plugin_manager()
    city = {r.month: r for r in monitoring_reports(ds, months, pm, audience="city")}
    for report in monitoring_reports(ds, months, pm, audience="public"):
        nones = _hidden_nones(ds, report.month, pm)
        for code in {c.code for c in ds.counties}:
            _check_view(city[report.month], report, {"county": code}, nones)
        for dept in {d.id for d in ds.departments}:
            _check_view(city[report.month], report, {"department": dept}, nones)
