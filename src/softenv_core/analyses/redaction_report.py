"""Redacting a monitoring report for an audience: the report's part of analyses.redaction.

Split from analyses.redaction (the shared redactor, references and the assessment and
year-end passes), which it builds on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeVar, cast

import attrs

from softenv_core.analyses.audiences import Audience, AudienceKind
from softenv_core.analyses.county_months import IGNORED_WAIVER
from softenv_core.analyses.disclosure import HIDDEN_NOTICE
from softenv_core.analyses.redaction import _Redactor, as_audience, month_min_cell
from softenv_core.analyses.trend_suppression import (
    NO_DEPARTMENT,
    MonthSuppression,
    conceal_in,
    department_cells,
    month_suppression,
    small_complaint_count,
)
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset

_R = TypeVar("_R")

#: Said in every monthly report outside the city office, whatever was withheld: the rows left
#: out are not counted (docs/privacy.md, *Monthly reports*).
WITHHELD_COMPLAINTS = "直接反馈记录未列出者不列编号，也不计数"

#: Said in every county's monthly report, whatever was withheld: a reconciliation flag for a
#: complaint its point made without consent is neither listed nor counted (docs/privacy.md). The
#: Markdown and Word reports print it beside the count of flags (render.report_flags).
UNCOUNTED_FLAGS = "漏报核对提示仅在投诉人同意公开时列出，不列者不计数"


def no_flags_given(office: str) -> str:
    """Said in every monthly report for a department, a point or the public: section 七's flags
    (``reconciliation``) go to the city office and the county concerned only, so the section is
    never given them and its empty list says nothing about what a county left out."""
    return f"七、核对提示（可能漏报）仅供{office}与所涉县区，本版不列，不列不表示没有漏报"


def unit_rates_withheld(office: str) -> str:
    """Said in every monthly report outside the city office but a department's: the 三率 rows go
    to ``office`` and the department itself only (Audience.sees_unit_rates)."""
    return f"承办单位“三率”仅供{office}与承办单位本身"


def redact_report(
    result: _R, dataset: Dataset, audience: Audience | str, params: ParameterSet, floor: MonthSuppression | None = None
) -> _R:
    """The second pass over a report built for ``audience`` (monitoring_report filters rows):
    per-audience complaint references, screened texts and suppressed small cells. ``floor``:
    section 四's decision on the month at its default instant, for a report as of a later one
    (trends.section_floor)."""
    report: Any = result
    aud = as_audience(audience)
    if aud.kind is AudienceKind.CITY:
        return result
    r = _Redactor(dataset, aud, month_min_cell(params, report.month))  # as report_inputs.min_cell
    # Said every month and never counted: present only in months with a withheld complaint it
    # dated them (finding 02); counted exactly from min_cell on, one more complaint over a
    # baseline of open tickets moved it in its month (tdiff finding 03). No rounding of a
    # count stops two months from being differenced, so there is no count.
    r.statements.append(WITHHELD_COMPLAINTS)
    # Said always, not when a cell was hidden: what the one mark of a hidden cell means.
    r.statements.append(HIDDEN_NOTICE)
    complaints, reconciliation = _complaints(report, dataset, aud, r)
    if aud.kind is not AudienceKind.DEPARTMENT:
        # Said always, not when a row was left out: the rows follow Audience.sees_unit_rates.
        r.statements.append(unit_rates_withheld(dataset.city.office))
    own_county = aud.key if aud.kind is AudienceKind.COUNTY else None
    unplaced = _unplaced_counties(report, r.min_cell, own_county)
    items = []
    for i in report.notable_items:
        county = i.county
        if county in unplaced:
            r.counts["withheld:county"] += 1
            county = ""
        items.append(attrs.evolve(i, county=county, text=r.text(i.text)))
    extra: dict[str, Any] = {}
    if getattr(report, "open_matters", None):
        shown = [
            attrs.evolve(m, county="" if m.county in unplaced else m.county, text=r.text(m.text))
            for m in report.open_matters
        ]
        # Ordered by what the row shows, oldest first: the key the rows came in by (the report
        # or contact id) holds the county, and ordered same-day rows by it (attacker t10 04).
        extra["open_matters"] = tuple(sorted(shown, key=_shown_order))
    redacted = attrs.evolve(
        report,
        **extra,
        complaints=complaints,
        reconciliation=reconciliation,
        notable_items=tuple(sorted(items, key=_shown_item_order)),
        **_complaint_counts(report, r),
        **_section_four(report, r, floor),
        # A waiver the city did not decide quotes its decided_by, screened as the assessment's
        # notice of it is (a79b 03); before r.notices(), which counts what the screen masked.
        notices=tuple(r.text(n) if n.startswith(IGNORED_WAIVER) else n for n in report.notices) + r.notices(),
    )
    return cast(_R, redacted)


def _shown_order(m: Any) -> tuple[Any, ...]:
    """An open matter's place among the rows a reader outside the city office is given: by its
    date, then by what the row shows (the same rows always in the same order)."""
    return (m.raised_on, m.source, m.category, m.department or "", m.text, m.county, m.point or "", m.record)


def _shown_item_order(i: Any) -> tuple[Any, ...]:
    """A notable item's place among those a reader outside the city office is given: by what it
    shows. They came in report then contact id order, each block running by county code, so an
    item whose county was withheld sat between the counties shown around it (attacker t10)."""
    return (i.category, i.department or "", i.text, i.county, i.point or "", i.source)


def _complaints(report: Any, dataset: Dataset, aud: Audience, r: _Redactor) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Section 五's rows and section 七's flags as ``aud`` may see them."""
    if aud.kind is AudienceKind.COUNTY:
        # A county sees direct feedback only in aggregate: complaints about its departments and
        # from its points are counted, listed only when one of its points made it with consent;
        # a flag for its report names the point only with consent, and carries no complaint
        # reference. A complainant who consented may be named to its own county, never to the
        # county of the bureau it complained about (audiences.sees_identity, attacker x43 01).
        listed = [c for c in report.complaints if c.complainant is not None]
        complaints: tuple[Any, ...] = _in_shown_order(attrs.evolve(c, id=r.ref(c.id)) for c in listed)
        # A contact's flag (beside a zero report) names the county's own contact and point, as its
        # section 四 does; it does not depend on any complaint (report_reconciliation).
        reconciliation = tuple(attrs.evolve(f, complaint="") for f in report.reconciliation if f.point is not None)
        # Not counted, and said in every county view whether or not a flag was withheld
        # (finding 03): a flag exists only for a county-level point's complaint, so any
        # count of withheld flags, or a notice present only when one was, tells which of
        # the county's points complained.
        r.statements.append(UNCOUNTED_FLAGS)
    else:
        # A complaint whose maker is withheld is listed only when at least min_cell points could
        # have made it (its rows show no county or point: the points active in its month).
        active = sum(1 for p in dataset.designated_points if p.active_in(report.month))
        shown = [c for c in report.complaints if c.complainant is not None or active >= r.min_cell or r.sees_own(c.id)]
        complaints = _in_shown_order(attrs.evolve(c, id=r.ref(c.id)) for c in shown)
        # A contact's flag has no complaint to refer to (and is the city's and its county's only).
        reconciliation = tuple(
            attrs.evolve(f, complaint=r.ref(f.complaint) if f.complaint else "") for f in report.reconciliation
        )
        # Said always: a department, a point and the public are given no flag (ReportInputs.owns),
        # so their empty section 七 is no "nothing left out" (reviewer r61 05).
        r.statements.append(no_flags_given(dataset.city.office))
    return complaints, reconciliation


def _in_shown_order(rows: Iterable[Any]) -> tuple[Any, ...]:
    """Section 五's rows as a reader outside the city office is given them: ordered by what they
    show, then by the reader's reference. They came in the order received, then by complaint id,
    neither shown: complaints received at one moment (a clerk's 09:00) ran by id, and ids that
    carry the point or county told a department which of its rows came from whom (attacker x39
    02). A reference is keyed, so its order says nothing of the id; a point's own ids it knows."""
    return tuple(sorted(rows, key=_shown_complaint_order))


def _shown_complaint_order(c: Any) -> tuple[Any, ...]:
    due = c.due_at
    return (
        due is None,
        due.timestamp() if due is not None else 0.0,
        c.state.value,
        c.open_step.value if c.open_step is not None else "",
        c.kind,
        c.category,
        c.department or "",
        c.unit or "",
        c.overdue_workdays,
        c.supervision_due,
        c.received_in_month,
        c.resolved_in_month,
        c.complainant or "",
        c.problems,
        c.reminded_at.timestamp() if c.reminded_at is not None else 0.0,
        c.id,
    )


def _unplaced_counties(report: Any, min_cell: int, own: str | None) -> frozenset[str]:
    """Counties not shown beside a listed matter: one decision for the notable items (四)
    and the open matters (四(二)), so that neither places what the other withholds.

    A county is a cell: shown only when at least min_cell matters of each list share it (or
    it is the reader's own). Decided per list, an item withheld in one list was found with
    its county in the other by its text (finding 16)."""
    out: set[str] = set()
    for rows in (report.notable_items, report.open_matters):
        per = Counter(x.county for x in rows)
        out |= {c for c, n in per.items() if 0 < n < min_cell}
    out.discard(own or "")
    out.discard("")
    return frozenset(out)


def _section_four(report: Any, r: _Redactor, floor: MonthSuppression | None) -> dict[str, Any]:
    """Section 四's breakdowns (by category, by department with its row 无, by county) and section
    二's items per county report as one decision with their total, the trend's copy of it
    (trend_suppression.month_suppression; attacker x67 01, 02): where the total is hidden, no
    breakdown gives it back. The items-by-county breakdown and section 二's items per county
    report are suppressed jointly (finding 01): a county's items minus its report's are the items
    raised in contacts that its report left out, so a county is hidden in both where either figure
    or their difference is a small cell. The row 无 (clerk c59 02) is one more cell of the
    breakdown by department: shown, it gives the departments' sum, so their small cells are held
    against it; a small 无 is hidden as any cell is (``None``; 0 where no item names none)."""
    without = report.items_without_department
    parts = {
        "category": report.items_by_category,
        "department": department_cells(report.items_by_department, without),
        "county": report.items_by_county,
    }
    reported = {row.county: row.items for row in report.county_reports}
    decision = month_suppression(parts, reported, r.min_cell, floor)
    trend_hides = _trend_hidden(report.trends) if not decision.total else None
    hidden = dict(decision.hidden)
    if trend_hides is not None:  # the total hidden by the trend: no table gives it back, 无 included
        for d, keys in decision.hidden.items():
            hidden[d] = conceal_in(parts[d], keys | trend_hides[d], d)
    shown: dict[str, dict[str, int]] = {}
    for dim, cells in parts.items():
        r.counts["suppressed:cell"] += len(hidden[dim] & cells.keys())
        shown[dim] = {k: n for k, n in cells.items() if k not in hidden[dim]}
    rows = tuple(
        attrs.evolve(row, items=None) if row.county in hidden["county"] and row.items else row
        for row in report.county_reports
    )
    return {
        "items_by_category": shown["category"],
        "items_by_department": {k: n for k, n in shown["department"].items() if k != NO_DEPARTMENT},
        # Hidden also at 0 where an earlier report of the month hid it (the floor: x67 03).
        "items_without_department": None if NO_DEPARTMENT in hidden["department"] else without,
        "items_by_county": shown["county"],
        "county_reports": rows,
    }


def _trend_hidden(trends: Any) -> dict[str, frozenset[str]] | None:
    """The keys the trend hides in the month, by dimension, where it hides the month's total
    though section 四's own decision kept it (its joint pass over the three months; None else):
    section 四 hides them too, so that its tables, set beside the trend's rows, do not add up to
    the total hidden (the trend conceals it in its own rows: trends._joint; attacker x67 01), and
    with them 无 where the departments' rows would give the total with it (the trend has no 无).
    Only ever more than section 四's decision, which every other output of the month repeats."""
    total = trends.row("total").current if trends is not None else None
    if total is None or not total.suppressed:
        return None
    rows = [r for r in trends.rows if r.current is not None and r.current.suppressed]
    return {dim: frozenset(r.key for r in rows if r.dimension == dim) for dim in ("category", "department", "county")}


#: The report's complaint counts; each is also a row of the trend section.
COMPLAINT_COUNTS = ("complaints_received", "complaints_resolved", "complaints_overdue")


def _complaint_counts(report: Any, r: _Redactor) -> dict[str, int | None]:
    """The report's complaint counts as the trend section decided them (finding 14).

    The trend hides a count in all three of its months when it is small in any of them, so
    that months cannot be differenced; the summary and section 五 printing the exact number
    undid that. The trend's current cell is therefore the report's one decision; without a
    trend (no data for the month) the count is suppressed on its own. Zero is hidden like 1
    and 2 (trends.small_complaint_count): a zero shown dated the months with a complaint."""
    out: dict[str, int | None] = {}
    for name in COMPLAINT_COUNTS:
        value = getattr(report, name)
        cell = report.trends.row(name).current if report.trends is not None else None
        hidden = cell.suppressed if cell is not None else small_complaint_count(value, r.min_cell)
        r.counts["suppressed:cell"] += hidden
        out[name] = None if hidden else value
    return out


__all__ = [
    "COMPLAINT_COUNTS",
    "UNCOUNTED_FLAGS",
    "WITHHELD_COMPLAINTS",
    "no_flags_given",
    "redact_report",
    "unit_rates_withheld",
]
