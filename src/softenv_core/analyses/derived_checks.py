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

from decimal import Decimal
from typing import Any

from softenv_core.engine.ruletypes import Band
from softenv_core.engine.trace import ConditionResult, ParamValue, exact_number, to_points, total
from softenv_core.errors import FieldInvalid
from softenv_core.rules.city.compliance import compliance
from softenv_core.rules.city.duty import BAND_THRESHOLDS, BandThresholds


def check_point(point: Any) -> None:
    """A PointAssessment's total is the sum of its items (README: ``point.total == sum(item.points
    for item in point.items)``, DESIGN principle 2); its band the one its total reaches by the
    thresholds it cites; ``nominable`` whether every nomination condition passed."""
    found = total(point.items)
    if point.total != found:
        raise FieldInvalid("total", f"{point.total} is not the sum of the point's items ({found})")
    if point.band_zh != point.band.zh:
        raise FieldInvalid(
            "band_zh", f"{point.band_zh!r} is not the label of band {point.band.value!r} ({point.band.zh})"
        )
    band = _band(point.total, point.band_params)
    if band is not None and point.band is not band:
        raise FieldInvalid("band", f"{point.band.value!r}: a total of {point.total} is {band.value!r} by band_params")
    _all_passed("nominable", point.nominable, point.nomination_conditions)


def check_county(county: Any) -> None:
    """A CountyAssessment's compliance is the mean score of its owed months, and
    ``topten_eligible`` whether every condition passed (integrator i55 02: eligible beside a
    failed condition was read back, and explain_county printed ✗ then 可评先进：是)."""
    mean = to_points(compliance(county.months)[0])
    if county.compliance != mean:
        raise FieldInvalid("compliance", f"{county.compliance} is not the mean score of the owed months ({mean})")
    _all_passed("topten_eligible", county.topten_eligible, county.conditions)


def _all_passed(name: str, value: bool, conditions: tuple[ConditionResult, ...]) -> None:
    failed = [c.rule.id for c in conditions if not c.passed]
    if value != (not failed):
        said = f"failed: {', '.join(failed)}" if failed else "every condition passed"
        raise FieldInvalid(name, f"{str(value).lower()}, but {said}")


def _band(points: Decimal, params: tuple[ParamValue, ...]) -> Band | None:
    """The band ``points`` reaches by the thresholds in ``params`` (the city's two, as
    rules/city/duty.BandThresholds reads them); None where they are not those two numbers."""
    by_name = {pv.name: pv.value for pv in params}
    thresholds = []
    for band, name in BAND_THRESHOLDS:
        value = exact_number(by_name.get(name))
        if value is None:
            return None
        thresholds.append((band, value))
    return BandThresholds(tuple(thresholds), params).band(points)


__all__ = ["check_county", "check_point"]
