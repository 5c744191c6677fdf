"""The trace types: what every score, deadline and decision carries to explain itself."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
from attrs import field, frozen

from softenv_core._validators import FieldInvalid, optional_text, owned, text, to_tuple
from softenv_core.engine.exact import subclass_problem
from softenv_core.engine.frozen import FrozenDict, FrozenList, deep_freeze
from softenv_core.io.json_text import InexactNumber
from softenv_core.io.result_fields import CENTS

CENT = Decimal("0.01")
#: Points beyond this are absurd answers, not policy: an award of a million points can only
#: be a plugin's bug (said by to_points, before quantizing overflows the decimal precision).
MAX_AWARD_POINTS = Decimal(1_000_000)
#: A tuple of types, not ``int | float | Decimal``: that builds a UnionType per call.
_NUMBER_TYPES = (int, float, Decimal)
#: How deep a parameter's value may nest lists and mappings (the city's nest two levels).
_MAX_DEPTH = 8
#: No whole or decimal parameter is this large either way (the city's largest is a few hundred):
#: one beyond it is a plugin's bug, and one of more than 4 300 digits (an int, or a Decimal the
#: converter writes as one) stopped every JSON and text output after the analysis had run
#: (attacker x42 02). A float is written by its repr, short whatever its size.
MAX_PARAM_MAGNITUDE = 10**100
# The same bound as a Decimal, made once: comparing a Decimal with the int converts the int on
# every comparison (a parameter of every answer of every plugin: +0.9 M instructions an assessment).
_MAX_DECIMAL_MAGNITUDE = Decimal(MAX_PARAM_MAGNITUDE)
#: No points, as every zero is written (never -0.00).
_ZERO = Decimal("0.00")
#: The most a parameter's value may hold: characters of text (its texts and mapping keys
#: together) and entries (list items and mapping entries at any depth). A value is written into
#: the item of every point whose award cites it, as a reason is (5 000 characters; a reference,
#: 1 000): a hand-made ParamValue of 2 000 000 characters was accepted and copied into every
#: point's item (plugin author p55 05). The city's largest holds 43 characters in 6 entries.
MAX_PARAM_TEXT = 5000
MAX_PARAM_ENTRIES = 1000
#: The most digits a decimal parameter may hold. Its magnitude is held below 10^100, its
#: digits were not: Decimal("0.111…") of 2 000 000 digits passed, and the explanation prints a
#: number digit for digit under every point whose award cites it (reviewer r63 01). 100 digits
#: is what the magnitude bound allows a whole number (an int can hold no more).
MAX_PARAM_DIGITS = 100


def to_points(value: Any) -> Decimal:
    """Points as an exact decimal with two places (half up), so totals add exactly."""
    # The rounding is passed by position: the same argument, which the C decimal module reads
    # in half the time of a keyword (this runs for every Award and ScoreItem).
    # A try costs nothing until it raises: quantizing a huge figure overflows the precision.
    try:
        if type(value) is Decimal and value.is_finite():  # the usual case (an Award's points, again)
            # Zero is written 0.00 however it came: Decimal("-0") or -0.001 rounded is -0.00,
            # which the text showed as "-0.00 加分" where the JSON said 0 (integrator i47 03).
            return value.quantize(CENT, ROUND_HALF_UP) or _ZERO
        if type(value) is int:  # a plugin's whole points (not a bool: its type is bool); always finite
            return Decimal(value).quantize(CENT, ROUND_HALF_UP)
    except InvalidOperation:
        return _huge(Decimal(value))
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        raise TypeError(f"points must be a number, got {type(value).__name__}")
    if isinstance(value, float):
        value = Decimal(repr(value))
    dec = Decimal(value)
    if not dec.is_finite():
        raise ValueError(f"points must be finite, got {value}")
    try:
        return dec.quantize(CENT, ROUND_HALF_UP) or _ZERO
    except InvalidOperation:
        return _huge(dec)


def award_points(value: Any) -> Decimal:
    """An Award's points (:func:`to_points`), refused as a FieldInvalid naming the field: the
    engine then shows the library's words (``raised FieldInvalid: points: must be finite, got
    NaN``) where a ValueError's text, possibly a plugin's own, is cut, and ``plugins --check``
    told a rule returning NaN or True points to "handle the case it tripped on" (p36)."""
    try:
        return to_points(value)
    except (TypeError, ValueError) as exc:
        raise FieldInvalid("points", str(exc).removeprefix("points ")) from None


def _huge(dec: Decimal) -> Decimal:
    # Below the bound, quantizing fails only under a decimal context a caller narrowed.
    if abs(dec) > MAX_AWARD_POINTS:
        raise ValueError(f"points must be at most {MAX_AWARD_POINTS} either way, got {dec:.3E}")
    raise ValueError(f"points {dec} cannot be rounded to cents under the current decimal context")


def json_problem(value: Any, depth: int = 0) -> str | None:
    """Why ``value`` cannot be written as JSON by the converter, or None: finite numbers,
    text, booleans, None, and lists, tuples and text-keyed mappings of those, of at most
    :data:`MAX_PARAM_TEXT` characters and :data:`MAX_PARAM_ENTRIES` entries in all."""
    if isinstance(value, str):  # the usual parameter of text: one look at its length
        return None if len(value) <= MAX_PARAM_TEXT else f"text of {len(value)} characters{_WHY_BOUND}"
    if depth == 0 and isinstance(value, (list, tuple, dict)):
        # The size first: it stops at the first bound passed, where the shapes' walk goes
        # through every item (a list of 3 000 000 took 0.7 s to be refused; reviewer r63 06).
        return _size_problem(value) or _json_problem(value, 0)
    return _json_problem(value, depth)


#: Why a parameter's value is held to MAX_PARAM_TEXT characters (json_problem's words).
_WHY_BOUND = (
    f": at most {MAX_PARAM_TEXT} in all (texts and mapping keys together), as a reason is: the value "
    "is written into the item of every point whose award cites it"
)


def _size_problem(value: Any) -> str | None:
    """Whether a list or mapping of JSON's shapes (json_problem) holds more than its bounds,
    counted only as far as the first bound passed (a list of a million is not walked). Run
    before the shapes are checked: a key that is not text is counted as none (json_problem
    refuses it next)."""
    chars = entries = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, (list, tuple, dict)):
            entries += len(item)
            if entries > MAX_PARAM_ENTRIES:
                return f"more than {MAX_PARAM_ENTRIES} entries (list items and mapping entries together)"
            if isinstance(item, dict):
                chars += sum(len(k) for k in item if isinstance(k, str))
            stack.extend(item.values() if isinstance(item, dict) else item)
        if chars > MAX_PARAM_TEXT:
            return f"more than {MAX_PARAM_TEXT} characters of text{_WHY_BOUND}"
    return None


def _json_problem(value: Any, depth: int) -> str | None:
    if value is None or isinstance(value, (str, bool)):
        return None
    if isinstance(value, float):  # its repr is short whatever its size
        if type(value) is InexactNumber:  # a parameter file's number no float holds (parse_json)
            return (
                f"{value.written:.120} has more digits than a number in a parameter file keeps exactly "
                f"(it would be read as {value!r}): write at most 15 significant digits"
            )
        return None if math.isfinite(value) else f"{value} is not a finite number"
    if isinstance(value, Decimal) and not value.is_finite():
        return f"{value} is not a finite number"
    if isinstance(value, (int, Decimal)):
        # Compared, never printed (str() of a huge int is the very failure refused here), and a
        # Decimal's magnitude taken without the decimal context, which abs() would round under.
        small = (
            value.copy_abs() < _MAX_DECIMAL_MAGNITUDE
            if isinstance(value, Decimal)
            else abs(value) < MAX_PARAM_MAGNITUDE
        )
        if not small:
            return "a number beyond 10^100 either way is no parameter"
        # A Decimal's digits counted, not printed (reviewer r63 01): an int below the bound has
        # at most MAX_PARAM_DIGITS.
        if isinstance(value, Decimal) and len(value.as_tuple().digits) > MAX_PARAM_DIGITS:
            return (
                f"a decimal of {len(value.as_tuple().digits)} digits: at most {MAX_PARAM_DIGITS}, "
                "as the value is written digit for digit into the item of every point whose award cites it"
            )
        return None
    if depth >= _MAX_DEPTH:
        return f"nested deeper than {_MAX_DEPTH} levels"
    if isinstance(value, (list, tuple)):
        for item in value:
            if (problem := _json_problem(item, depth + 1)) is not None:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"a mapping key {type(key).__name__} is not text"
            if (problem := _json_problem(item, depth + 1)) is not None:
                return problem
        return None
    if isinstance(value, (set, frozenset)):
        return "a set has no order: give a sorted list"
    return f"{type(value).__name__} is not a number, text, list or mapping"


def typed_snapshot(value: Any, depth: int = 0) -> object:
    """``value`` as nested tuples that hold each part's type beside it: equal for two values
    only where every part is of the same type and equal, and unchanged when ``value`` (a list or
    dict) is later changed in place. ``1``, ``True`` and ``1.0`` are equal, their snapshots
    not; nor is an int subclass's that says it equals anything (plugin author p46 2, 3)."""
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)
    kind = _SAME_AS.get(kind, kind)  # a parameter file's values, frozen, read as written
    if depth <= _MAX_DEPTH and kind is dict:
        items = tuple(value.items())
        if all(type(k) is str and type(v) in _PLAIN for k, v in items):  # the usual: text keys, plain values
            return (dict, tuple((k, type(v), v) for k, v in items))
        return (dict, None, tuple((typed_snapshot(k, depth + 1), typed_snapshot(v, depth + 1)) for k, v in items))
    if depth <= _MAX_DEPTH and (kind is list or kind is tuple):
        return (kind, tuple(typed_snapshot(v, depth + 1) for v in value))
    return object()  # equal to nothing: a subclass's ``==`` could say anything; or nested too deep


#: The types whose ``==`` is their value's (:func:`typed_snapshot`).
_PLAIN = frozenset({int, float, str, bool, type(None), Decimal, date})
_SAME_AS: dict[type, type] = {FrozenDict: dict, FrozenList: list}


def json_value(_inst: object, attr: Any, value: Any) -> None:
    """Finite numbers, text, booleans, null, and lists and text-keyed objects of those."""
    problem = json_problem(value)
    if problem is not None:
        raise FieldInvalid(attr.name, problem)


def date_problem(value: object) -> str | None:
    """Why ``value`` is not a calendar date, in the words a plugin's answer is refused with (a
    rule's effective dates, a cited parameter's, a deadline's nominal day), or None. Exactly a
    date: a datetime is one to isinstance, but does not compare with one (a deadline's nominal
    datetime ended in a bare TypeError, plugin author p49 02); a date subclass is told so (p59 03)."""
    if type(value) is date:
        return None
    return f"expected {subclass_problem(value, date) or f'a date, got {type(value).__name__}'}"


def a_date(inst: object, attr: Any, value: Any) -> None:
    """A calendar date: not a datetime (which does not compare with one), not text."""
    if type(value) is date:  # the usual case, in one test
        return
    if not isinstance(value, date) or isinstance(value, datetime):
        got = f"{type(value).__name__} {value!r:.40}"
        raise FieldInvalid(owned(inst, attr.name), f"expected a date (datetime.date), got {got}")


#: By rule class: the place of ``effective_from`` among the arguments it takes by position.
_DATE_AT: dict[type, int] = {}


def require_dated(cls: type, args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    """Refuse a rule or condition made without its ``effective_from``, naming its id and how to
    give it. Python refused it first (``Rule.__init__() missing 1 required positional argument:
    'effective_from'``), naming no rule: a plugin's hook building several told its author only
    the plugin and the hook (plugin author p42). Called from ``__new__``, which is given the
    same arguments before ``__init__`` checks them; a bare ``__new__`` (pickle, copy) passes."""
    if "effective_from" in kwargs or not (args or kwargs):
        return
    at = _DATE_AT.get(cls)
    if at is None:
        names = [a.name for a in attrs.fields(cls) if a.init and not a.kw_only]
        at = _DATE_AT[cls] = names.index("effective_from")
    if len(args) > at:
        return
    given = kwargs.get("id", args[0] if args else None)
    name = f"effective_from of {given}" if isinstance(given, str) else "effective_from"
    raise FieldInvalid(
        name,
        f"missing: give {cls.__name__}(..., effective_from=date(…)), the day the policy it "
        "follows is in force from (effective_until=, the last day, when it ends)",
    )


def optional_date(inst: object, attr: Any, value: Any) -> None:
    """None or a calendar date (:func:`a_date`)."""
    if value is not None:
        a_date(inst, attr, value)


def exact_cents(value: Fraction) -> Decimal:
    """An exact ratio (a score, a rate) as a figure with two places, half up, rounded once.

    From the fraction itself, never through a float or a 28-digit decimal quotient: 1/32 × 100 is
    3.125 exactly and shows 3.13; a quotient cut short (…4999…) could round a true half down."""
    scaled = value * 100
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    whole += 2 * rest >= scaled.denominator  # half up: a remainder of half or more rounds away from 0
    return Decimal(-whole if scaled < 0 else whole).scaleb(-2).quantize(CENT)


if TYPE_CHECKING:
    #: What a parameter's value may be (json_problem checks it at run time): JSON's values, numbers
    #: exact or not. Lists and tuples, not any Sequence: a str is one, and would hide text in the
    #: union. For type checkers only: at run time it is Any, as the converter and the JSON Schema
    #: writer read it (they build no hook or schema from a recursive alias).
    ParamData: TypeAlias = (
        "bool | int | float | Decimal | str | list[ParamData] | tuple[ParamData, ...] | Mapping[str, ParamData] | None"
    )
else:
    ParamData = Any


@frozen
class ParamValue:
    """A parameter value used by a rule, with the date from which it is in force and its source."""

    # Checked when made, as every trace is written out as JSON: a name and a reference of text,
    # a date (not a datetime), a value the converter can write (json_problem).

    name: str = field(validator=text(200))
    #: As written in its parameter file. The typed readers below say what a rule expects (and
    #: name the parameter when it holds something else), where ``int(pv.value)`` would take
    #: ``3.7`` as 3 or ``"3"`` as 3 without a word.
    value: ParamData = field(validator=json_value)
    effective_from: date = field(validator=a_date)
    reference: str = field(validator=text(1000))
    #: The reference in Chinese (依据), for documents to officials; None: ``reference`` is shown.
    #: The city's parameters all have one; a county's may.
    reference_zh: str | None = field(default=None, validator=optional_text(1000))

    def __attrs_post_init__(self) -> None:
        # A list or mapping read-only and hashable, however it came (a plugin's, or read back
        # by from_json as a plain list): the result holding it hashes (integrator i55 10). After
        # the validators, which bound its size before it is walked.
        if isinstance(self.value, list | dict | tuple):
            object.__setattr__(self, "value", deep_freeze(self.value))

    def whole(self) -> int:
        """The value as a whole number (a count, a day of the month, months, working days)."""
        return _whole(self.value, self)

    def number(self) -> Decimal:
        """The value as an exact Decimal (a weight, a share, points): a float through its repr."""
        return _number(self.value, self)

    def text(self) -> str:
        """The value as text."""
        if type(self.value) is not str:
            raise self._not("text", self.value)
        return self.value

    def boolean(self) -> bool:
        """The value as true or false (a county's switch: whether a rule applies); JSON's
        ``true``/``false`` only, never 1, 0 or the text ``"true"``."""
        if type(self.value) is not bool:
            raise self._not("true or false", self.value)
        return self.value

    def texts(self) -> tuple[str, ...]:
        """The value as a list of text (sectors, categories, offices)."""
        value = self.value
        if not isinstance(value, (list, tuple)) or not all(type(v) is str for v in value):
            raise self._not("a list of text", value)
        return tuple(value)  # type: ignore[arg-type]  # every item is a str: checked above

    def mapping(self) -> Mapping[str, ParamData]:
        """The value as a mapping of text keys (the adjustment window's start and end)."""
        if not isinstance(self.value, Mapping):
            raise self._not("a mapping", self.value)
        return self.value

    def whole_by_key(self) -> dict[str, int]:
        """The value as a mapping of whole numbers (working days by complaint kind)."""
        return {k: _whole(v, self, k) for k, v in self.mapping().items()}

    def number_by_key(self) -> dict[str, Decimal]:
        """The value as a mapping of exact Decimals (weights by group)."""
        return {k: _number(v, self, k) for k, v in self.mapping().items()}

    def _not(self, expected: str, value: Any, key: str | None = None) -> FieldInvalid:
        at = self.name if key is None else f"{self.name}.{key}"
        return FieldInvalid(at, f"expected {expected}, got {value!r:.80} (in force from {self.effective_from})")


def _whole(value: Any, pv: ParamValue, key: str | None = None) -> int:
    """``value`` as an int: an int (not a bool), or a Decimal or float with no fraction (3.0)."""
    if type(value) is int:
        return value
    if type(value) in (Decimal, float) and math.isfinite(value) and value == int(value):
        return int(value)
    raise pv._not("a whole number", value, key)


def _number(value: Any, pv: ParamValue, key: str | None = None) -> Decimal:
    found = exact_number(value)
    if found is None:
        raise pv._not("a number", value, key)
    return found


def exact_number(value: Any) -> Decimal | None:
    """``value`` as an exact Decimal: a finite Decimal as it is, an int (not a bool) exactly, a
    finite float through its shortest repr (0.1, not 0.1000000000000000055…); None for anything
    else. What ParamValue.number and ParameterSet.number read a parameter's value as."""
    if type(value) is Decimal and value.is_finite():
        return value
    if isinstance(value, bool):
        return None  # an int to Python, never a number to a rule
    if isinstance(value, int):
        return Decimal(int(value))
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(repr(float(value)))
    return None


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
    #: The reference in Chinese (依据), for documents to officials; None: ``reference`` is shown.
    reference_zh: str | None = None


#: What evidence is, said where text is given instead: ``tuple("C-1")`` is ``('C', '-', '1')``,
#: which the engine then refused as no record id of the dataset, with a fix about caches kept
#: between calls (plugin author p53 02). mypy cannot say it: a str is a Sequence[str].
EVIDENCE_TEXT = "a list or tuple of record ids: [c.id], not the id itself"


def text_evidence_problem(value: object) -> str | None:
    """Why ``value`` (text) is no evidence, or None: its characters would be read as ids."""
    if isinstance(value, str | bytes | bytearray):
        return f"{EVIDENCE_TEXT} (got {type(value).__name__}: its characters would be read as ids)"
    return None


def evidence_ids(value: Iterable[str]) -> tuple[str, ...]:
    """attrs converter of evidence: a tuple of record ids; text refused (text_evidence_problem),
    naming ``evidence``, not split into its characters."""
    if type(value) is tuple:  # the usual value: one C-level test
        return value
    problem = text_evidence_problem(value)
    if problem is not None:
        raise FieldInvalid("evidence", problem)
    return tuple(value)


@frozen
class ScoreItem:
    """One item of a score: ``points`` from ``rule`` for ``reason``, on ``evidence`` records."""

    rule: RuleRef
    points: Decimal = field(converter=to_points, metadata=CENTS)
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=evidence_ids)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


@frozen
class ConditionResult:
    """A yes/no condition and, when it fails, why (with the evidence)."""

    rule: RuleRef
    passed: bool
    reason: str
    evidence: tuple[str, ...] = field(default=(), converter=evidence_ids)
    params: tuple[ParamValue, ...] = field(default=(), converter=to_tuple)


#: The start of every total: a Decimal is immutable, so one is shared (not parsed per total).
_ZERO_POINTS = Decimal("0.00")


def total(items: tuple[ScoreItem, ...] | list[ScoreItem]) -> Decimal:
    """The total of a score: always the sum of its items, never computed separately."""
    # A list, not a generator: a point's few items are summed 3 times (90,000 in a province).
    return sum([i.points for i in items], _ZERO_POINTS)


__all__ = [
    "CENT",
    "CENTS",
    "EVIDENCE_TEXT",
    "MAX_AWARD_POINTS",
    "MAX_PARAM_DIGITS",
    "MAX_PARAM_ENTRIES",
    "MAX_PARAM_TEXT",
    "ConditionResult",
    "ParamValue",
    "RuleRef",
    "ScoreItem",
    "a_date",
    "award_points",
    "evidence_ids",
    "exact_cents",
    "exact_number",
    "json_problem",
    "json_value",
    "optional_date",
    "require_dated",
    "text_evidence_problem",
    "to_points",
    "total",
    "typed_snapshot",
]
