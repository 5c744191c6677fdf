"""Section 四's decision on a month, as each report on it made it, from its default instant on.

One decision for a month's report and every trend column of the month (trends.trend_view):
:func:`month_decision`, trend_suppression.month_suppression over the month's figures.

A monthly report outside the city office is made at the month's default instant (the moment
after its last report deadline) or later (``as_of``), never earlier (redaction_instant). After the
default instant a month's figures change only where a county report on it is submitted late or
amended: its contacts are dated inside it, known by then. Two reports of the month at two such
instants, set side by side by a county that knows what its own amendment added, gave back a cell
the one hid and the other showed (attacker x67 03); so each report's suppression holds at least
what every earlier one hid (month_suppression's floor), the earlier ones being these versions of
the month's figures (:func:`earlier_versions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from softenv_core.analyses.county_months import month_instant
from softenv_core.analyses.month_figures import MonthFigures, TrendBatch
from softenv_core.analyses.trend_suppression import SECTION_DIMENSIONS, MonthSuppression, month_suppression
from softenv_core.engine.manager import SoftenvPluginManager
from softenv_core.engine.parameters import ParameterSet
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.workdays.calendar import WorkCalendar


def month_decision(f: MonthFigures, min_cell: int, earlier: Iterable[MonthFigures] = ()) -> MonthSuppression:
    """Section 四's decision on ``f``'s month (trend_suppression.month_suppression), as its own
    report made it and as every trend column of it repeats it; ``earlier``: the month's figures
    as the reports on it made before read them, oldest first (:func:`earlier_versions`), each
    decision the floor of the next."""
    decision = None
    for g in (*earlier, f):
        parts = {dim: g.section_parts(dim) for dim in SECTION_DIMENSIONS}
        decision = month_suppression(parts, g.reported_by_county, min_cell, decision)
    assert decision is not None  # f's at least
    return decision


def earlier_versions(
    batch: TrendBatch,
    dataset: Dataset,
    month: Month,
    pm: SoftenvPluginManager,
    params: ParameterSet,
    calendar: WorkCalendar,
    as_of: datetime,
) -> tuple[MonthFigures, ...]:
    """``month``'s figures at its default instant, then at each later instant before ``as_of``
    when one of its county reports was submitted or amended, oldest first (worked out through
    ``batch``, which keeps them for the next report of the batch)."""
    default = batch.figures(dataset, month, pm, params, calendar, own=True)
    reports = dataset.reports_by_month.get(month, ())
    if not reports:  # nothing known later changes the month
        return (default,)
    start = month_instant(dataset, month, pm, calendar, params)  # its default figures needed it
    changed = {r.submitted_at for r in reports} | {a.submitted_at for r in reports for a in r.amendments}
    later = sorted(t for t in changed if start < t < as_of)
    return (default, *(batch.figures(dataset, month, pm, params, calendar, t, own=True) for t in later))


class _Inputs(Protocol):
    """What :func:`section_floor` reads of a report's inputs (report_inputs.ReportInputs)."""

    @property
    def dataset(self) -> Dataset: ...
    @property
    def month(self) -> Month: ...
    @property
    def pm(self) -> SoftenvPluginManager: ...
    @property
    def params(self) -> ParameterSet: ...
    @property
    def calendar(self) -> WorkCalendar: ...


def section_floor(batch: TrendBatch, inputs: _Inputs, as_of: datetime | None, cell: int) -> MonthSuppression | None:
    """Section 四's decision on the report's month by the reports made on it before the instant
    ``as_of``, from its default instant on, which its report as of ``as_of`` keeps hidden (None at
    the default instant, or for the city office, whose ``cell``, its min_cell, is 1: it is shown
    everything; attacker x67 03): the figures ``batch`` worked out for its trends."""
    if as_of is None or cell <= 1:
        return None
    i = inputs
    *before, last = earlier_versions(batch, i.dataset, i.month, i.pm, i.params, i.calendar, as_of)
    return month_decision(last, cell, before)


__all__ = ["earlier_versions", "month_decision", "section_floor"]
