"""Who owes what, when: a point's designation interval from its record and its roster changes.

DESIGN "Who owes what, when": the interval comes from the point's record and its roster
changes (动态调整), which must agree: an addition effective D starts it on D, a removal
effective D ends it on the day before. A record without an end takes it from its removal; a
record and a change that say different things are an input error naming both paths, never
settled silently one way or the other.
"""

from __future__ import annotations

from datetime import timedelta

import attrs

from softenv_core.errors import InputError
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.roster import ChangeAction


def designated_points(dataset: Dataset) -> tuple[MonitoringPoint, ...]:
    """The dataset's points, each with the interval its record and roster changes agree on.

    Raises InputError with every disagreement, each naming the point's field and the change.
    """
    index = {p.id: i for i, p in enumerate(dataset.points)}
    points = list(dataset.points)
    removed_by: dict[str, int] = {}
    problems: list[str] = []
    for j, ch in enumerate(dataset.roster_changes):
        i = index.get(ch.point)
        if i is None:
            continue  # a dangling reference is reported by the dataset checks
        p = dataset.points[i]
        change = f"$.roster_changes[{j}].effective ({ch.id})"
        if ch.action is ChangeAction.ADD:
            if ch.effective != p.designated_from:
                problems.append(
                    f"$.points[{i}].designated_from ({p.id}): {p.designated_from} disagrees with {change}: "
                    f"added effective {ch.effective}"
                )
            continue
        end = ch.effective - timedelta(days=1)
        if ch.point in removed_by:
            first = removed_by[ch.point]
            problems.append(f"{change}: {p.id} is removed again (also by $.roster_changes[{first}])")
            continue
        removed_by[ch.point] = j
        if end < p.designated_from:
            problems.append(
                f"{change}: removes {p.id} effective {ch.effective}, before $.points[{i}].designated_from "
                f"{p.designated_from}"
            )
        elif p.designated_until is None:
            points[i] = attrs.evolve(p, designated_until=end)
        elif p.designated_until != end:
            problems.append(
                f"$.points[{i}].designated_until ({p.id}): {p.designated_until} disagrees with {change}: "
                f"removed effective {ch.effective}, so designated until {end}"
            )
    if problems:
        raise InputError(problems, "dataset")
    return tuple(points)


__all__ = ["designated_points"]
