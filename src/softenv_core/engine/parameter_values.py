"""What some parameters' values may be, beyond their kind: checked as each Parameter is made
(parameters.Parameter), which every parameter set goes through (the city's files, a county's,
``parse_parameters``, one made in Python), so that a value no reader could match is refused where
it is given, not matched by nothing on the day it is read (integrator i53 02: the categories
``["困难问题", "operation"]`` named no ItemCategory value, and no item was ever in them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

from softenv_core.engine.trace import exact_number
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.reports import ItemCategory


def _categories(value: object) -> str | None:
    """Why ``value`` is no list of ItemCategory values (their English values, as records hold
    them); None when it is one."""
    valid = [c.value for c in ItemCategory]
    if not isinstance(value, list | tuple) or not all(type(v) is str for v in value):
        return f"is {value!r:.80}, no list of item categories"
    bad = [v for v in value if v not in valid]
    if not bad:
        return None
    shown = ", ".join(f"{c.value} ({c.zh})" for c in ItemCategory)
    return (
        f"names {', '.join(repr(v) for v in bad)}, no item category (ItemCategory value); the categories are: {shown}"
    )


def _weights(value: object, names: Sequence[str], what: str, shown: str, lacking: str = "") -> dict[str, Decimal] | str:
    """``value`` as a mapping of exactly ``names`` (each a ``what``) to finite numbers ≥ 0, read
    as the score reads them (ParamValue.number_by_key: exact, a bool no number); else why not
    (``shown`` lists the names, ``lacking`` says why one left out is wrong)."""
    if not isinstance(value, Mapping):
        return f"is {value!r:.80}, no mapping of {what} to weight"
    unknown = [k for k in value if k not in names]
    missing = [n for n in names if n not in value]
    if unknown or missing:
        wrong = [f"names {', '.join(repr(k) for k in unknown)}, no {what}"] if unknown else []
        wrong += [f"lacks {', '.join(repr(n) for n in missing)}{lacking}"] if missing else []
        return f"{'; '.join(wrong)}; {shown}"
    numbers = {k: exact_number(w) for k, w in value.items()}
    bad = [f"{k!r}: {value[k]!r:.40}" for k, n in numbers.items() if n is None or n < 0]
    if bad:
        return f"weighs {', '.join(bad)}; a weight is a finite number ≥ 0"
    return {k: n for k, n in numbers.items() if n is not None}


def _group_weights(value: object) -> str | None:
    """Why ``value`` is no set of 万人评议 weights: a mapping naming every RaterGroup value once,
    each a finite number ≥ 0 (0: the group is not counted in the score, nor toward
    appraisal.min_valid: analyses.appraisal_scores, reviewer r63 03), at least one above 0;
    None when it is one. A misspelt group ("citizens") weighed nothing while 群众's ratings still
    counted toward appraisal.min_valid (a department ranked 0.00), a negative weight scored off
    the 0–100 scale (-46.00), and a group left out weighed nothing just as silently: each is
    refused where the weights are given, not scored (auditor a74 01)."""
    shown = ", ".join(f"{g.value} ({g.zh})" for g in RaterGroup)
    found = _weights(
        value,
        [g.value for g in RaterGroup],
        "rater group",
        f"the rater groups (RaterGroup values) are: {shown}",
        " (a group not counted has weight 0)",
    )
    if isinstance(found, str):
        return found
    if not any(n > 0 for n in found.values()):
        return "weighs every rater group 0; at least one weight must be above 0"
    return None


#: The rates a handling unit's combined rate weighs (analyses/complaint_handling.py): 三率.
_RATES = ("response", "resolution", "satisfaction")


def _rate_weights(value: object) -> str | None:
    """Why ``value`` is no set of 三率 weights: a mapping of exactly response, resolution and
    satisfaction, each a finite number ≥ 0, adding up to 1 (the combined rate is their weighted
    mean: weights adding to 1.5 put it at 150 %); None when it is one. A rate left out ended the
    rates in a KeyError, a misspelt one was never read (noted by fix helper fa83)."""
    found = _weights(value, _RATES, "rate", f"the rates are: {', '.join(_RATES)}")
    if isinstance(found, str):
        return found
    if (total := sum(found.values())) != 1:
        return f"weighs {total} in all; the weights of the three rates add up to 1"
    return None


def _share(value: object) -> str | None:
    """Why ``value`` is no share (a fraction of a whole, 0 to 1 inclusive): a 基本满意 counting
    more than a 满意 or below nothing scored a department 150.00 or −60.00, off the 0–100 scale,
    and a negative quota share was taken as given (auditor a83 05, 06). None when it is one."""
    n = exact_number(value)
    if n is None or not 0 <= n <= 1:
        return f"is {value!r:.80}; expected a number from 0 to 1"
    return None


def _count(value: object) -> str | None:
    """Why ``value`` is no count (a whole number ≥ 0: ratings, places, points); None when it is
    one. A negative minimum of valid ratings or of 末位 places, or a quota minimum of 0.5 (cut to
    0 beside a formula showing ``max(0.5, …)``) or −1, was read without a word (auditor a83 05, 06)."""
    n = exact_number(value)
    if n is None or n != n.to_integral_value() or n < 0:
        return f"is {value!r:.80}; expected a whole number ≥ 0"
    return None


#: Parameter name → the check of each of its values (None: sound; else why not, after "the value
#: from DAY"). A parameter not named here is checked for its kind only.
VALUE_CHECKS: Mapping[str, Callable[[object], str | None]] = MappingProxyType(
    {
        "appraisal.basically_credit": _share,
        "appraisal.bottom_n": _count,
        "appraisal.group_weights": _group_weights,
        "appraisal.min_valid": _count,
        "commendation.quota_min": _count,
        "commendation.quota_share": _share,
        "common.no_department_categories": _categories,
        "complaint.basically_credit": _share,
        "complaint.rate_weights": _rate_weights,
        "followup.matter_categories": _categories,
    }
)


#: A county's own parameter: ``county.CODE.`` and a name (docs/hooks.md: a county plugin names its
#: parameters so).
_COUNTY_NAME = re.compile(r"county\.[0-9]{6}\.(.+)")


def value_problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be a value of parameter ``name`` (VALUE_CHECKS); None when it can. A
    county's own parameter named as one of the city's (``county.379903.followup.matter_categories``)
    is checked as the city's: its list of categories matched nothing just the same (reviewer r62 03)."""
    check = VALUE_CHECKS.get(name)
    if check is None and (county := _COUNTY_NAME.fullmatch(name)) is not None:
        check = VALUE_CHECKS.get(county.group(1))
    return None if check is None else check(value)


__all__ = ["VALUE_CHECKS", "value_problem"]
