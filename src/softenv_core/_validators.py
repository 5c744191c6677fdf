"""Field validators shared by the models.

They raise :class:`~softenv_core.errors.FieldInvalid`, which names the attribute, so that the loader can report
``$.points[3].enterprise.uscc: ...`` rather than only the record.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Self, TypeVar

import attrs

# In the library's error tree (a SoftenvError that is also a TypeError / ValueError); defined
# in errors.py, the layer below, and re-exported here for the models that import it from here.
from softenv_core.errors import FieldInvalid as FieldInvalid

T = TypeVar("T")

# fullmatch, bound once: ids are checked millions of times when a province is loaded, most
# of them unique (contacts, events), so remembering answers costs more than it saves.
#: A record id (编号): what the model accepts, and what the schemas, the audience names and the
#: problems' record ids are written with (one pattern, not one copy each).
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}"
_ID_MATCH = re.compile(ID_PATTERN).fullmatch

#: What clerks type for "none" where they have nothing to give (无, /, —): no id, date, number or
#: name. The workbook's cells are told to be left empty (io.workbook_cells, tester t5 10), and a
#: former name is refused (model.enterprises, reviewer r58 03): one list for both.
NONE_MARKS = frozenset({"无", "/", "／", "—", "——", "-", "－", "空", "没有", "N/A", "n/a", "NA", "无。", "暂无"})

#: An audience's name (阅读范围), matched whole and ASCII ("$" let "county:379902\n" through,
#: "\d" full-width digits): what analyses.audiences parses, the results record and the service's
#: OpenAPI description writes, anchored.
AUDIENCE_PATTERN = rf"(city|public|county:[0-9]{{6}}|(department|point):{ID_PATTERN})"
_AUDIENCE_MATCH = re.compile(AUDIENCE_PATTERN).fullmatch

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def audience_name(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A result's ``audience`` (阅读范围): a name the library writes (``city``, ``county:379902``
    …); a document read back naming another (``mayor``) is refused, not taken as a reader no
    output is made for (integrator i43)."""
    if not isinstance(value, str) or _AUDIENCE_MATCH(value) is None:
        raise FieldInvalid(
            attr.name, f"expected city, public, county:CODE, department:ID or point:ID, got {value!r:.60}"
        )


# A lone surrogate (U+D800-U+DFFF, what a JSON "\\ud800" escape without its pair decodes to) is
# no character: UTF-8 cannot encode it, so a record holding one would pass here and then
# crash every JSON, docx and HTTP answer that shows it. The search runs only on non-ASCII text.
_SURROGATE = re.compile("[\ud800-\udfff]").search


def surrogate_problem(value: str) -> str | None:
    """What is wrong with ``value`` if it holds a lone surrogate (with its position), else None."""
    if value.isascii():
        return None
    found = _SURROGATE(value)
    if found is None:
        return None
    return (
        f"holds a lone surrogate U+{ord(found[0]):04X} at character {found.start() + 1}, which is not a "
        "character (a broken \\u escape, or a text cut inside an emoji): retype that character"
    )


#: What each validator made here checks, as ``(rule, argument)``: io.fast_structure inlines
#: these checks into the loader's generated code (and calls any validator not listed, as
#: attrs would). Weak keys: a validator made for a class that goes away goes with it.
RULES: weakref.WeakKeyDictionary[Callable[..., None], tuple[str, Any]] = weakref.WeakKeyDictionary()


# Letters that fonts draw as nothing (Hangul fillers, the blank Braille pattern): a name made of
# them reads as empty, as one of zero-width or bidi characters does (x30).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def invisible(value: str) -> bool:
    """Whether no character of ``value`` shows: each is whitespace, a control, a format
    character (zero-width, bidi, BOM, TAG), a line or paragraph separator, or a letter fonts draw
    blank. ``str.strip`` leaves the format characters, so a text of zero-width spaces passed as
    non-blank: it printed as nothing in every report, and the office workbook, which shows each
    such character as ``<U+200B>``, gave it back as that visible text (x30)."""
    return all(
        ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value
    )


#: A first character after which a text may still be all invisible: the space and the blank
#: letters (every other invisible character is not ``isprintable``).
_BLANK_FIRST = frozenset({" ", *_BLANK_LETTERS})


def may_be_invisible(value: str) -> bool:
    """A cheap first look for :func:`invisible` on a non-empty text: False for a printable
    ASCII text not all spaces, and when the first character shows (printable, not a space, not a blank letter),
    which is every usual text whatever its script; the loader (io/fast_structure) inlines it
    before calling :func:`invisible`. ``isprintable`` is False for every control, format and
    separator character but the space, so a first character that passes it and is no blank
    letter shows."""
    if value.isascii() and value.isprintable():
        return value.isspace()  # its only invisible character is the space
    first = value[:1]
    return not first.isprintable() or first in _BLANK_FIRST


def invisible_problem(value: str) -> str:
    """The problem of a text that :func:`invisible` finds blank, naming its characters."""
    shown = ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in value if not ch.isspace()))
    return f"holds no visible character, only invisible ones ({shown[:80]}): write the text"


def identifier(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """An id: 1-64 ASCII letters, digits and ``_ . : -``, starting with a letter or digit."""
    if not isinstance(value, str) or _ID_MATCH(value) is None:
        raise FieldInvalid(attr.name, f"invalid id {value!r}: use 1-64 of A-Z a-z 0-9 _ . : -")


RULES[identifier] = ("identifier", None)


def text(max_len: int = 2000) -> Validator:
    """A non-blank string of at most ``max_len`` characters."""

    def check(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise FieldInvalid(attr.name, "must be a non-blank string")
        if len(value) > max_len:
            raise FieldInvalid(attr.name, f"longer than {max_len} characters ({len(value)})")
        if may_be_invisible(value) and invisible(value):
            raise FieldInvalid(attr.name, invisible_problem(value))
        if not value.isascii() and (problem := surrogate_problem(value)) is not None:
            raise FieldInvalid(attr.name, problem)

    RULES[check] = ("text", max_len)
    return check


def optional_text(max_len: int = 2000) -> Validator:
    inner = text(max_len)

    def check(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attr, value)

    RULES[check] = ("optional_text", max_len)
    return check


def owned(inst: object, name: str) -> str:
    """A field's ``name`` with the id of the record being made, when it has one already
    (``max_points of county.379921.extra.visit``): attrs sets fields in order and ``id`` comes
    first, so a refusal names the rule a plugin's hook built, not a field of no rule."""
    owner = getattr(inst, "id", None)
    return f"{name} of {owner}" if isinstance(owner, str) else name


def of_owner(check: Validator) -> Validator:
    """``check``, its refusal naming the record it refused by the record's id (``reference_zh of
    county.379911.extra.online: …``) and, for a value that is no text, its type: a rule built in
    a plugin's hook is found by its id, where the hook's ``FieldInvalid: reference_zh: …`` named
    no rule (p35; as ``a_date`` names it)."""

    def named(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        try:
            check(inst, attr, value)
        except FieldInvalid as exc:
            got = "" if isinstance(value, str) else f", got {type(value).__name__} {value!r:.40}"
            raise FieldInvalid(owned(inst, attr.name), exc.message + got) from None

    RULES[named] = RULES[check]
    return named


def aware(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware datetime (a naive one is ambiguous by eight hours)."""
    if not isinstance(value, datetime):
        raise FieldInvalid(attr.name, "expected a datetime")
    offset = value.utcoffset() if value.tzinfo is not None else None
    if offset is None:
        raise FieldInvalid(attr.name, "naive datetime: give a UTC offset, e.g. +08:00")
    # What the dataset document cannot write (±hh:mm within ±14:00) the loader would refuse
    # when the dataset came back: refused here as it is made (integrator i34).
    if abs(offset) > _MAX_OFFSET:
        raise FieldInvalid(attr.name, f"UTC offset of {value.isoformat()!r} is beyond ±14:00")
    if offset % _MINUTE:
        shown = f"UTC offset of {value.isoformat()!r}"
        raise FieldInvalid(attr.name, f"{shown} is not in whole minutes: give ±hh:mm, e.g. +08:00")


_MAX_OFFSET = timedelta(hours=14)  # as the loader's (io.converter.MAX_OFFSET)
_MINUTE = timedelta(minutes=1)

RULES[aware] = ("aware", None)


def member_text(enum_type: type[enum.Enum], value: object) -> str | None:
    """When ``value`` is the text of one of ``enum_type``'s members (``"county"`` for
    ``CountyKind.COUNTY``): what to give instead. "expected one of ['district', 'county', …]"
    alone contradicted itself for a record built in Python with the text (integrator i34)."""
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        for member in enum_type:
            if member.value == value:
                return f"give {enum_type.__name__}.{member.name}, not the text {value!r}"
    return None


def member_of(enum_type: type[enum.Enum]) -> Validator:
    def check(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            hint = member_text(enum_type, value)
            raise FieldInvalid(
                attr.name, f"expected one of {[m.value for m in enum_type]}" + (f": {hint}" if hint else "")
            )

    RULES[check] = ("member_of", enum_type)
    return check


def library_year(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A year the library works in (1900-2999, as Month's): a result read back by ``from_json``
    with a year of 0 or 3000 was accepted, where no analysis makes one (integrator i44 1)."""
    if type(value) is not int or not 1900 <= value <= 2999:
        raise FieldInvalid(attr.name, f"expected a year 1900-2999, got {value!r:.40}")


#: Said where a figure is no number: what is wanted (integrator i49: "must be a non-negative number,
#: got Decimal('1234.50')" read as a range problem).
NUMBER_WANTED = "an int, a float or a Decimal"


def number_of(value: float | Decimal | None) -> float | None:
    """A finite ``Decimal`` (a database's Numeric column, integrator i49) as the float the JSON
    loader reads for the same number (``float()`` is exact to the nearest and depends on no
    context); anything else as it is, for the validator."""
    if isinstance(value, Decimal):  # NaN, infinite or beyond a float: refused by the validator as such
        return math.nan if value.is_snan() else float(value)
    return value


def count_of(value: int | Decimal | None) -> int | None:
    """A ``Decimal`` holding a whole number as that ``int`` (exactly); anything else as it is, for
    the validator (which refuses a fraction)."""
    # Not one of 400 digits or more: int() of Decimal("1E+99999999") would take its time.
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.adjusted() < 400
        and value == value.to_integral_value()
    ):
        return int(value)
    return value  # type: ignore[return-value]  # not whole: the validator refuses it, naming the field


def non_negative(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        got = f"{type(value).__name__} {value!r:.40}"
        raise FieldInvalid(attr.name, f"must be a non-negative number ({NUMBER_WANTED}), got {got}")
    if value is not None and value < 0:
        raise FieldInvalid(attr.name, f"must be a non-negative number, got {value!r}")
    # NaN passes ``< 0``; an integer too large for a float overflows wherever it is used.
    if isinstance(value, int | float) and not (value < 1e300):
        raise FieldInvalid(attr.name, "must be a finite number of reasonable size")


def non_negative_count(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    """A count (a head count): a whole number, as the loader and ``validate`` read it (a float
    12.0 was taken when the record was built and refused only by ``validate``: integrator i49)."""
    if value is not None and not isinstance(value, bool) and not isinstance(value, int):
        got = f"{type(value).__name__} {value!r:.40}"
        raise FieldInvalid(attr.name, f"expected a whole number (an int; int(value) of a whole float), got {got}")
    non_negative(inst, attr, value)


def _label(value: str, zh: str | None) -> str:
    """A labelled enum member's Chinese label, refused when its definition left it out."""
    if zh is None:
        raise TypeError(f"enum member {value!r} needs its Chinese label: NAME = ({value!r}, '中文')")
    return zh


class LabelledEnum(enum.Enum):
    """An enum whose members carry their Chinese label beside an English value."""

    zh: str

    # ``zh`` defaults only for the type checker's sake: once the class is made, ``Kind("value")``
    # is Enum's look-up by value (Enum puts its own __new__ in place of this one), but mypy reads
    # the call through this signature and refused the one-argument look-up (integrator i36).
    # A member defined without its label is still refused, by _label, as the class is made.
    def __new__(cls, value: str, zh: str | None = None) -> Self:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.zh = _label(value, zh)
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> Self:
        """The member whose English value is ``value`` (ValueError otherwise): typed as the
        enum's own member (``ContactMethod.from_value("visit")``), where ``ContactMethod("visit")``
        fails ``mypy --strict`` (the members are built from two values)."""
        return cls._value2member_map_[value] if value in cls._value2member_map_ else cls(value)  # type: ignore[return-value]


class LabelledStrEnum(str, LabelledEnum):
    """A LabelledEnum whose members are also strings equal to their English value.

    For states that used to be plain strings (complaint steps, audience kinds, deadline
    policies): code written against the strings (``step.name == "sign"``, a plugin's tuple
    of step names, a dict keyed by them) keeps working, while the type names every value.
    """

    def __new__(cls, value: str, zh: str | None = None) -> Self:  # zh: as LabelledEnum's
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = _label(value, zh)
        return obj

    # Hash as the string it equals, so that it finds (and is found by) the value's entries.
    __hash__ = str.__hash__

    def __str__(self) -> str:
        return str(self.value)


def argument(value: Any, cls: type[T], name: str, expected: str) -> T:
    """``value`` if it is a ``cls``, else FieldInvalid naming the argument ``name`` and saying
    what to give (``expected``): the check of an analysis' optional arguments at the boundary."""
    if not isinstance(value, cls):
        raise FieldInvalid(name, f"expected {expected}, got {type(value).__name__} {value!r:.40}")
    return value


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable to a tuple (keeps records immutable; typed for mypy)."""
    return tuple(value)


def _records(value: Iterable[Any], _inst: object, attr: attrs.Attribute[Any]) -> tuple[Any, ...]:
    if type(value) is tuple:  # as built by the loader: the usual case (a province's records)
        return value
    # Text and mappings are iterable but no list of values: tuple("P-1") would be its letters,
    # tuple({...}) its keys. A set has no order of its own: made a tuple, its order would change
    # from one process to the next (PYTHONHASHSEED), and with it the dataset's document and what
    # a follow-up naming an item by its place refers to (reviewer r57 01).
    if isinstance(value, str | bytes | bytearray | Mapping):
        raise FieldInvalid(attr.name, f"expected a list or tuple, got {type(value).__name__}")
    if isinstance(value, AbstractSet):
        raise FieldInvalid(
            attr.name, f"expected a list or tuple, got {type(value).__name__} (no order of its own: sort it first)"
        )
    try:
        return tuple(value)
    except TypeError:  # None, a number: caught, not checked first
        raise FieldInvalid(attr.name, f"expected a list or tuple, got {type(value).__name__}") from None


#: attrs converter of a dataset's collections and of a record's own (a complaint's events, a
#: report's items...): any sequence to a tuple, so that a record built in code from lists (an
#: ORM mapping writes lists) is the same as a loaded one (integrator i48), with FieldInvalid
#: naming the field for what is no sequence (``Dataset(points=None)``, ``Complaint(events=
#: "...")``) instead of a bare TypeError or a tuple of letters. The loader's fast path builds the
#: tuple itself (io/fast_structure.py).
records_tuple: attrs.Converter[Any, tuple[Any, ...]] = attrs.Converter(_records, takes_self=True, takes_field=True)


def name_tuple_errors(_cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field_transformer: each field converted by to_tuple gets records_tuple instead. The
    class keeps ``converter=to_tuple`` in its source, which mypy's attrs plugin understands."""
    plain: object = to_tuple
    return [f.evolve(converter=records_tuple) if f.converter is plain else f for f in fields]


def callable_or_none(value: Any, name: str, expected: str) -> None:
    """FieldInvalid naming the argument ``name`` unless ``value`` is None or callable (a
    progress callback, a limits function): refused at the entry, not when first called."""
    if value is not None and not callable(value):
        raise FieldInvalid(name, f"expected {expected}, got {type(value).__name__} {value!r:.40}")


def yes_or_no(value: Any, name: str) -> bool:
    """``value`` if it is True or False, else FieldInvalid naming ``name``: a flag given as
    ``"no"`` or 0 read as its truth value, and ``direct_feedback="no"`` let complaints in."""
    if type(value) is not bool:
        raise FieldInvalid(name, f"expected True or False, got {type(value).__name__} {value!r:.40}")
    return value


def whole_number(value: Any, name: str, low: int, high: int) -> int:
    """``value`` if it is an int from ``low`` to ``high`` (not a bool), else FieldInvalid naming ``name``."""
    if type(value) is not int or not low <= value <= high:
        raise FieldInvalid(name, f"expected a whole number {low}-{high}, got {type(value).__name__} {value!r:.40}")
    return value
