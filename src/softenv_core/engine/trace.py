"""The trace types: what every score, deadline and decision carries to explain itself."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from softenv_core._validators import to_tuple

CENT = Decimal("0.01")
#: A tuple of types, not ``int | float | Decimal``: that builds a UnionType per call.
_NUMBER_TYPES = (int, float, Decimal)


def to_points(value: Any) -> Decimal:
    """Points as an exact decimal with two places (half up), so totals add exactly."""
    # The rounding is passed by position: the same argument, which the C decimal module reads
    # in half the time of a keyword (this runs for every Award and ScoreItem).
    if type(value) is Decimal and value.is_finite():  # the usual case (an Award's points, again)
        return value.quantize(CENT, ROUND_HALF_UP)
    if type(value) is int:  # a plugin's whole points (not a bool: its type is bool); always finite
        return Decimal(value).quantize(CENT, ROUND_HALF_UP)
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        raise TypeError(f"points must be a number, got {type(value).__name__}")
    if isinstance(value, float):
        value = Decimal(repr(value))
    dec = Decimal(value)
    if not dec.is_finite():
        raise ValueError(f"points must be finite, got {value}")
    return dec.quantize(CENT, ROUND_HALF_UP)


def exact_cents(value: Fraction) -> Decimal:
    """An exact ratio (a score, a rate) as a figure with two places, half up, rounded once.

    From the fraction itself, never through a float or a 28-digit decimal quotient: 1/32 × 100 is
    3.125 exactly and shows 3.13; a quotient cut short (…4999…) could round a true half down."""
    scaled = value * 100
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    whole += 2 * rest >= scaled.denominator  # half up: a remainder of half or more rounds away from 0
    return Decimal(-whole if scaled < 0 else whole).scaleb(-2).quantize(CENT)


@frozen
class ParamValue:
    """A parameter value used by a rule, with the date from which it is in force and its source."""

    name: str
    value: Any
    effective_from: date
    reference: str


@frozen
class RuleRef:
    """Which rule produced a figure: its id and label, the plugin (and version) and the source."""

    id: str
    label: str
    title_zh: str
    title_en: str
    plugin: str
    version: str
    reference: str
    #: For a county rule standing in for a city rule (代替): the city rule's id and label
    #: (``city.duty.contact``, ``duty.contact``); None for every other rule.
    replaces: str | None = None
    replaces_label: str | None = None


@frozen
class ScoreItem:
    """One item of a score: ``points`` from ``rule`` for ``reason``, on ``evidence`` records."""

    rule: RuleRef
    points: Decimal = field(converter=to_points)
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class ConditionResult:
    """A yes/no condition and, when it fails, why (with the evidence)."""

    rule: RuleRef
    passed: bool
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=to_tuple)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


def total(items: tuple[ScoreItem, ...] | list[ScoreItem]) -> Decimal:
    """The total of a score: always the sum of its items, never computed separately."""
    return sum((i.points for i in items), Decimal("0.00"))


__all__ = ["CENT", "ConditionResult", "ParamValue", "RuleRef", "ScoreItem", "exact_cents", "to_points", "total"]
