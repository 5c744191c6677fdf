"""Roster changes applied to a dataset (名单调整): a dataset in, a dataset out.

Not an analysis read by anyone: it takes no audience (docs/privacy.md); the year end and the
tools that look at the roster after a change build on it. Re-exported by analyses.adjustment.
"""

from __future__ import annotations

from datetime import timedelta

import attrs

from softenv_core.errors import InputError
from softenv_core.model.dataset import Dataset
from softenv_core.model.roster import ChangeAction, RosterChange


def apply_changes(dataset: Dataset, changes: tuple[RosterChange, ...] | None = None) -> Dataset:
    """The dataset with roster changes applied to the points' designation periods.

    A removal ends the designation the day before it takes effect; an addition starts it on
    that day. Changes apply in date order (then by id), so the result does not depend on
    their order in the input. A change that cannot apply (an unknown point, a removal not
    after the designation began) raises InputError naming every such change.
    """
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


__all__ = ["apply_changes"]
