"""The figures an assessment's point and county carry that their own trace gives: checked when
one is made, and so when ``from_json`` reads one back (integrator i55 01).

A stored assessment edited or corrupted read back without a word: a total of 55.00 beside items
adding up to 100.00, which ``explain_point`` printed and ``year_end(assessment=…)`` trusted.
Each check here recomputes a figure from what the result itself holds, nothing from the
dataset or the parameters (which a reader may not have): what a result is made from its
dataset is the provenance's business (analyses.fingerprint). What no trace gives (a month's
score: the rules' reading of its lateness) is not checked.
"""

from __future__ import annotations

from typing import Any

from softenv_core.engine.trace import total
from softenv_core.errors import FieldInvalid


def check_point(point: Any) -> None:
    """A PointAssessment's total is the sum of its items (README: ``point.total == sum(item.points
    for item in point.items)``, DESIGN principle 2)."""
    found = total(point.items)
    if point.total != found:
        raise FieldInvalid("total", f"{point.total} is not the sum of the point's items ({found})")


__all__ = ["check_point"]
