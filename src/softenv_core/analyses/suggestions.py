"""Departments' suggestions (有关部门建议, 三(五)) as the annual adjustment reads them: those made in
a year and known at an instant, and the removals suggested that make a proposal.

A removal a department suggests is a ground of the adjustment as 不合格 and 连续三个月未联系上 are,
read by the same rules (auditor a71 03: every suggestion was proposed, checked against nothing):

- the point is on the roster on the year's last day (or ``as_of``'s, if earlier): a record not
  designated at year end gets no proposal (docs/data-format.md), so a suggestion about a point
  already removed is not proposed as an action still to take;
- the suggestion was made while the point was designated: one dated before its designation
  began cannot be about it (most likely about the enterprise's earlier record, or dated wrong);
- a removal of the point already recorded (known at ``as_of``, effective in the year or the
  next, whatever its reason) is named, ``；已记录撤销 RC-…，2026-01-01 起`` (docs/yearend.md), so
  that the proposal is not read as an action nobody has taken.

A suggestion names its point's county: validation refuses another (io/county_checks.py).
"""

from __future__ import annotations

from datetime import date, datetime

from attrs import frozen

from softenv_core.analyses.designation import designated_points
from softenv_core.analyses.removal_words import recorded_said
from softenv_core.analyses.roster_changes import recorded_removals
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import beijing_date
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction, ChangeReason


@frozen
class SuggestedRemoval:
    """A removal suggestion that makes a proposal: the point (with its designated interval), the
    words naming the removals already recorded for it, and their ids."""

    suggestion: AdjustmentSuggestion
    point: MonitoringPoint
    recorded: str
    recorded_ids: tuple[str, ...]


def suggestions_for(dataset: Dataset, year: int, as_of: datetime | None) -> list[AdjustmentSuggestion]:
    """The suggestions made in ``year`` and known at ``as_of``, by id."""
    # Suggestions made during the year are for the adjustment at its end (next January's window).
    # A suggestion is known from the day it was made (``made_on``, its only date): one made
    # after as_of's (Beijing) day was not yet made then.
    day = date.max if as_of is None else beijing_date(as_of)
    found = (s for s in dataset.adjustment_suggestions if s.made_on.year == year and s.made_on <= day)
    return sorted(found, key=lambda s: s.id)


def suggested_removals(dataset: Dataset, year: int, as_of: datetime | None) -> list[SuggestedRemoval]:
    """The removal suggestions of ``year`` known at ``as_of`` that make a proposal (the module's
    rules), by suggestion id."""
    last = date(year, 12, 31)
    on = last if as_of is None else min(last, beijing_date(as_of))
    points = {p.id: p for p in designated_points(dataset)}
    recorded = recorded_removals(dataset, year, as_of, tuple(ChangeReason))
    out = []
    for sg in suggestions_for(dataset, year, as_of):
        p = points.get(sg.point) if sg.action is ChangeAction.REMOVE and sg.point is not None else None
        if p is None or not p.active_on(on) or sg.made_on < p.designated_from:
            continue
        said, ids = recorded_said(recorded.get(p.id, []))
        out.append(SuggestedRemoval(sg, p, said, tuple(ids)))
    return out


__all__ = ["SuggestedRemoval", "suggested_removals", "suggestions_for"]
