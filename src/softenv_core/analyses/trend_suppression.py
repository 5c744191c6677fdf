"""Small-cell suppression of the trends (趋势), agreeing with section 四 of the reports.

Split from analyses.trends. The trend hides jointly over its three months (a cell hidden in
one month is hidden in all), and it hides every cell that any of those months' own reports hid
in section 四: the trend's total and its shown cells, set beside section 四 of the same month or
of the month before, must not give back a cell section 四 hid (tdiff finding 02).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from attrs import frozen

from softenv_core.analyses.disclosure import conceal_total, recoverable, suppress_cells

#: The breakdowns whose cells a reader outside the city office may know: a county its own
#: county's matters (it wrote its report; its matters are listed to it), a department those
#: about it. Nobody knows a whole category cell (a county knows only its share of it).
OWN_CELL_DIMENSIONS = frozenset({"county", "department"})


#: The key of the items naming no department among the department breakdown's cells as section 四
#: suppresses them (a department id is never empty). Its row 无 makes the table add up to the
#: total (clerk c59 02), so it is one more cell of the breakdown: shown, it tells the sum of the
#: departments' cells (the total less it), against which their small cells are then held.
NO_DEPARTMENT = ""


def department_cells(by_department: Mapping[str, int], without: int) -> dict[str, int]:
    """The department breakdown's cells as section 四 suppresses them: each department's items,
    and ``without``, the items naming no department, under :data:`NO_DEPARTMENT` (when any)."""
    return {**by_department, NO_DEPARTMENT: without} if without else dict(by_department)


def known_cells(dimension: str, months: Iterable[Mapping[str, int]]) -> frozenset[str]:
    """The keys of a breakdown by ``dimension`` whose cells some reader knows (every county,
    every department): the suppression must hold against each of them (disclosure.recoverable)."""
    return frozenset(k for parts in months for k in parts) if dimension in OWN_CELL_DIMENSIONS else frozenset()


def joint_suppression(
    months: list[Mapping[str, int]], min_cell: int, forced: Iterable[str] = (), known: Iterable[str] = ()
) -> tuple[frozenset[str], tuple[bool, ...]]:
    """Keys to hide in every month, and whether each month's total is hidden.

    A key below ``min_cell`` (and above 0) in any month is hidden in all of them, and so is
    each key of ``forced`` (hidden elsewhere: section 四 of one of the months). Then, in
    each month, a lone non-zero hidden part could be recovered from the total and the shown
    parts: the smallest shown non-zero part of that month is hidden too (everywhere), until
    no month has a lone one; where a month has no other part to hide, its total is hidden.
    A reader who knows one of a month's hidden parts (``known``: its own county or
    department) must still be left two it does not know (disclosure.recoverable): the rule
    of disclosure.suppress_cells, in every month.
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    hidden = {k for parts in months for k, n in parts.items() if 0 < n < min_cell} | set(forced)
    insiders = frozenset(known)
    hide_total = [0 < sum(parts.values()) < min_cell for parts in months]
    changed = True
    while changed:
        changed = False
        for i, parts in enumerate(months):
            if hide_total[i]:
                continue
            here = {k: parts[k] for k in hidden if parts.get(k, 0) > 0}
            if not recoverable(here, insiders):
                continue
            others = sorted((n, k) for k, n in parts.items() if k not in hidden and n > 0)
            if others:
                hidden.add(others[0][1])
                changed = True
            else:
                hide_total[i] = True
    return frozenset(hidden), tuple(hide_total)


def county_forced(items_by_county: Mapping[str, int], reported: Mapping[str, int], min_cell: int) -> list[str]:
    """The counties section 四 hides whatever their size, jointly with section 二's items per
    county report: a county's items minus its report's are the items raised in contacts that
    its report left out, so a county is hidden where either figure or their difference is a
    small cell (redaction_report._county_items; the trend follows the same decision)."""
    small = range(1, min_cell)
    forced = [c for c, n in items_by_county.items() if reported.get(c, 0) in small or n - reported.get(c, 0) in small]
    forced += [c for c, n in reported.items() if n in small]  # a report's items are counted in its county's cell
    return forced


def section_suppression(
    parts: Mapping[str, int],
    reported: Mapping[str, int] | None,
    min_cell: int,
    dimension: str,
    forced: Iterable[str] = (),
) -> tuple[frozenset[str], bool]:
    """The keys of a breakdown by ``dimension`` that the month's own report hid in section 四,
    and whether it hid their total (disclosure.suppress_cells, against every reader who knows
    a cell: :func:`known_cells`; ``reported``: section 二's items per county report, for the
    breakdown by county, whose counties it forces: :func:`county_forced`; ``forced``: keys hidden
    whatever their size, :func:`month_suppression`'s floor). The breakdown alone: a month's
    breakdowns are decided together by :func:`month_suppression`."""
    forced = [*forced, *(county_forced(parts, reported, min_cell) if reported is not None else [])]
    table = suppress_cells(parts, min_cell, forced, known_cells(dimension, [parts]))
    keys = {str(k) for k, c in table.cells.items() if c.suppressed} | {k for k in forced if k not in table.cells}
    return frozenset(keys), table.total.suppressed


def conceal_in(parts: Mapping[str, int], hidden: Iterable[str], dimension: str) -> frozenset[str]:
    """``hidden`` and the parts of a breakdown by ``dimension`` to hide with it where the total is
    hidden, so that no reader who knows a cell (:func:`known_cells`) works the total out from it
    (disclosure.conceal_total; attacker x67 01)."""
    return conceal_total(parts, hidden, known_cells(dimension, [parts]))


#: Section 四's breakdowns of a month's matters, which add up to one total.
SECTION_DIMENSIONS = ("category", "department", "county")


@frozen
class MonthSuppression:
    """Section 四's decision on a month for readers outside the city office: the keys hidden in
    each breakdown (by :data:`SECTION_DIMENSIONS`; the department's with :data:`NO_DEPARTMENT`,
    its row 无) and whether their one total is hidden (反映事项, 合计)."""

    hidden: Mapping[str, frozenset[str]]
    total: bool


def month_suppression(
    parts: Mapping[str, Mapping[str, int]],
    reported: Mapping[str, int],
    min_cell: int,
    floor: MonthSuppression | None = None,
) -> MonthSuppression:
    """Section 四's decision on a month, one for its report and for every trend column of it.

    ``parts``: each breakdown as section 四 shows it (by department with the items naming none,
    :func:`department_cells`); ``reported``: section 二's items per county report. Each breakdown
    is suppressed (:func:`section_suppression`), and the total hidden where any of them hides it;
    then no breakdown may give that total back: each hides parts until no reader knows every
    hidden one (disclosure.conceal_total, against the readers of :func:`known_cells`). Decided
    apart, a total hidden for the counties' sake was the sum of the category table, all shown,
    and a county read the other's 1 from it less its own 5 (attacker x67 01, 02).

    ``floor``: the decision on the same month at its default instant, where it is read at a later
    one (a report ``as_of`` after an amendment): what it hid stays hidden, its total too. Decided
    afresh, the later report hid another partner of the small cell, and the two side by side, with
    what its amendment added, gave the cell back to the amending county (attacker x67 03)."""
    total = floor is not None and floor.total
    hidden: dict[str, frozenset[str]] = {}
    for dim in SECTION_DIMENSIONS:
        at_least = floor.hidden.get(dim, frozenset()) if floor is not None else frozenset()
        by_report = reported if dim == "county" else None
        hidden[dim], hides = section_suppression(parts[dim], by_report, min_cell, dim, at_least)
        total = total or hides
    if total:
        hidden = {d: conceal_in(parts[d], keys, d) for d, keys in hidden.items()}
    return MonthSuppression(hidden, total)


def small_complaint_count(n: int, min_cell: int) -> bool:
    """Whether a count of direct feedback is hidden from a reader with ``min_cell``: below it,
    zero included (1: the city office, nothing hidden). A zero shown where 1 or 2 are hidden
    told a county in which months its points had complained (finding 02): a hidden count must
    not tell 0 apart from 1..min_cell-1."""
    return min_cell > 1 and n < min_cell


__all__ = [
    "NO_DEPARTMENT",
    "OWN_CELL_DIMENSIONS",
    "SECTION_DIMENSIONS",
    "MonthSuppression",
    "conceal_in",
    "county_forced",
    "department_cells",
    "joint_suppression",
    "known_cells",
    "month_suppression",
    "section_suppression",
    "small_complaint_count",
]
