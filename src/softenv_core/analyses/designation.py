"""Who owes what, when: a point's designation interval from its record and its roster changes.

DESIGN "Who owes what, when": the interval comes from the point's record and its roster
changes (动态调整), which must agree: an addition effective D starts it on D, a removal
effective D ends it on the day before. A record without an end takes it from its removal; a
record and a change that say different things are an input error naming both paths, never
settled silently one way or the other.

The intervals are worked out once, in the model (``Dataset.designations``), so that every
analysis reads the same ones; validation refuses a dataset whose records and changes disagree.
"""

from __future__ import annotations

from softenv_core.errors import InputError
from softenv_core.io.dataset_files import input_problems
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import MonitoringPoint


def designated_points(dataset: Dataset) -> tuple[MonitoringPoint, ...]:
    """The dataset's points, each with the interval its record and roster changes agree on.

    Raises InputError with every disagreement, each naming the point's field and the change
    (for a dataset not validated: a validated one has none).
    """
    found = dataset.designations
    if found.problems:
        raise InputError(input_problems(list(found.problems), dataset), "dataset")
    return found.points


__all__ = ["designated_points"]
