"""Roster changes applied to a dataset (名单调整): a dataset in, a dataset out.

Not an analysis read by anyone: it takes no audience (docs/privacy.md); the year end and the
tools that look at the roster after a change build on it. Re-exported by analyses.adjustment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import attrs

from softenv_core.analyses.designation import designated_points
from softenv_core.engine.decimal_context import in_analysis_context
from softenv_core.errors import FieldInvalid, InputError
from softenv_core.io.checked import require_dataset
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import beijing_date
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange


@in_analysis_context
def apply_changes(dataset: Dataset, changes: tuple[RosterChange, ...] | None = None) -> Dataset:
    """The dataset with roster changes applied to the points' designation periods.

    A removal ends the designation the day before it takes effect; an addition starts it on
    that day. Changes apply in date order (then by id), so the result does not depend on
    their order in the input. A change that cannot apply (an unknown point, a removal not
    after the designation began) raises InputError naming every such change. ``changes``
    (default: the dataset's) that are not RosterChange records are FieldInvalid.
    """
    require_dataset(dataset)
    if changes is not None:
        changes = tuple(changes) if isinstance(changes, Iterable) else changes
        if not isinstance(changes, tuple) or not all(isinstance(c, RosterChange) for c in changes):
            raise FieldInvalid("changes", f"expected RosterChange records or None, got {changes!r:.60}")
    todo = sorted(dataset.roster_changes if changes is None else changes, key=lambda c: (c.effective, c.id))
    points = {p.id: p for p in dataset.points}
    problems = []
    for ch in todo:
        p = points.get(ch.point)
        if p is None:
            problems.append(f"roster change {ch.id}: unknown point {ch.point!r}")
            continue
        if ch.action is ChangeAction.REMOVE:
            if ch.effective <= p.designated_from:
                problems.append(
                    f"roster change {ch.id}: removes {p.id} on {ch.effective}, "
                    f"not after its designation began ({p.designated_from})"
                )
                continue
            points[p.id] = attrs.evolve(p, designated_until=ch.effective - timedelta(days=1))
        else:
            until = p.designated_until if p.designated_until and p.designated_until >= ch.effective else None
            points[p.id] = attrs.evolve(p, designated_from=ch.effective, designated_until=until)
    if problems:
        raise InputError(problems)
    return attrs.evolve(dataset, points=tuple(points[p.id] for p in dataset.points))


def known_changes(dataset: Dataset, as_of: datetime | None = None) -> tuple[RosterChange, ...]:
    """The roster changes (动态调整) known at ``as_of`` (all of them without it), in the dataset's order.

    A ``RosterChange`` carries one date, ``effective``, and no day it was decided or recorded:
    in effect by ``as_of``'s (Beijing) day, it is a fact of the roster then. A county's change
    is also known to the city from the day a filing (备案) that lists it was filed, which may be
    before it takes effect (that is what filing is for). A filing is known from its own
    ``filed_on``: the day the county filed it with the city; a later filing was not yet made.
    A change neither in effect nor filed by then may have been decided, but no record shows
    that anyone knew of it: counting it would cite a fact nobody could yet point to.
    """
    if as_of is None:
        return dataset.roster_changes
    day = beijing_date(as_of)
    filed = {cid for f in dataset.filings if f.filed_on <= day for cid in f.changes}
    return tuple(ch for ch in dataset.roster_changes if ch.effective <= day or ch.id in filed)


def recorded_removals(
    dataset: Dataset, year: int, as_of: datetime | None, reasons: Iterable[ChangeReason]
) -> dict[str, list[RosterChange]]:
    """Point → its removals (撤销) for one of ``reasons``, known at ``as_of``
    (:func:`known_changes`) and effective in ``year`` or the next: what the year's adjustment
    reads of the removals already decided."""
    wanted = frozenset(reasons)
    recorded: dict[str, list[RosterChange]] = {}
    for ch in known_changes(dataset, as_of):
        if ch.action is ChangeAction.REMOVE and ch.reason in wanted and ch.effective.year in (year, year + 1):
            recorded.setdefault(ch.point, []).append(ch)
    return recorded


def known_roster(dataset: Dataset, as_of: datetime | None = None) -> tuple[MonitoringPoint, ...]:
    """The designated points (在册监测点) as known at ``as_of``: each with the interval the roster
    changes known then give it (all of them without ``as_of``), in the dataset's order.

    A point's interval comes from its record and its roster changes, which agree (validation
    refuses a disagreement; InputError here for a dataset not validated). A change not yet
    known (:func:`known_changes`) did not yet shape the roster: a removal not known leaves the
    designation open, as it was then; a point whose addition is not known is not yet on the
    roster. So records dated after ``as_of`` never change who is designated as of it (DESIGN
    "An explicit instant"). The one reading of "the roster then" for the assessment and the
    year end's rosters before and after the adjustment.
    """
    points = designated_points(dataset)
    if as_of is None:
        return points
    known = {ch.id for ch in known_changes(dataset, as_of)}
    unknown = [ch for ch in dataset.roster_changes if ch.id not in known]
    if not unknown:
        return points
    added_later = {ch.point for ch in unknown if ch.action is ChangeAction.ADD}
    # A point has one interval, hence at most one removal (validation): not known, it ends nothing.
    removed_later = {ch.point for ch in unknown if ch.action is ChangeAction.REMOVE}
    return tuple(
        attrs.evolve(p, designated_until=None) if p.id in removed_later else p
        for p in points
        if p.id not in added_later
    )


__all__ = ["apply_changes", "known_changes", "known_roster", "recorded_removals"]
