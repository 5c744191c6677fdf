"""Generated structure functions for the record types: the loader's fast path.

cattrs' generated code calls one hook per field, then the attrs ``__init__`` one validator per
field: at province scale (1.5 million records, 10 million fields) those calls were most of the
loading time. For an attrs class this module writes one function that checks every field
inline (its type, and the validators of ``_validators`` whose rule it knows: identifier, text,
optional_text, aware, member_of) and sets the slots directly. A validator it does not know is
called exactly as attrs calls it (after every field is set, with the instance and the
attribute), and so is ``__attrs_post_init__``: a model's own checks are never skipped.

A generated function accepts only what the ordinary path (the converter, then ``__init__``)
accepts, and gives an equal record; it may refuse more (a ``str`` subclass, a Mapping that is
not a dict). On any refusal it raises, and the loader structures the collection again through
the detailed converter, which reports each problem with its ``$.path``: errors read the same,
only valid documents go faster. tests/test_fast_structure.py holds it to this.

Each class has two functions: one for a document parsed by parse_json, whose texts holding a
lone surrogate are marked already (their type refuses them), and one for a mapping given to
the loader as it is, which also searches each non-ASCII free text for a lone surrogate.
"""

from __future__ import annotations

import enum
import functools
import threading
import types
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin

import attrs
from cattrs import Converter

from softenv_core._validators import (
    _BLANK_FIRST,
    _ID_MATCH,
    _SURROGATE,
    RULES,
    count_of,
    invisible,
    number_of,
    records_tuple,
)
from softenv_core.io.converter import _structure_date, _structure_datetime, shared_converter
from softenv_core.model.periods import HalfYear, Month, Year


class Refused(ValueError):
    """A generated function met something it does not accept; the detailed path says what."""


Structure = Callable[..., Any]  # a record from an object (and, counting, the members list)

# Dates and moments repeat (a province has ~400 distinct days and a few thousand distinct
# event times in millions of fields): parse each text once and share the immutable result,
# which also keeps one date object per day in memory instead of one per record.
_date = functools.lru_cache(maxsize=1 << 16)(lambda text: _structure_date(text, date))
_datetime = functools.lru_cache(maxsize=1 << 16)(lambda text: _structure_datetime(text, datetime))

#: Ids already found valid during a load, each mapped to one shared instance: references
#: (a rating's round and department, a contact's point) repeat a few thousand values
#: millions of times. Only valid ids enter; the loader empties it after each load.
_IDS: dict[str, str] = {}

#: Types with a hook of their own in the converter: parsed from text, not from an object.
_HOOKED = (Month, HalfYear, Year)
#: The types the converter's hooks read whose JSON is a number, text or a list of text: no
#: object, so no member for a counting function to miss.
_TEXT_VALUES = (*_HOOKED, tuple[str, ...], float)

_lock = threading.RLock()  # re-entered: a record's function writes its nested records' first
# By (class, whether text is searched for lone surrogates, whether members are counted).
_made: dict[tuple[type, bool, bool], Structure | None] = {}


def forget_ids() -> None:
    """Let go of the ids remembered during a load (another thread's load just checks them again)."""
    _IDS.clear()


def structurer(cls: type, surrogates: bool = False, counting: bool = False) -> Structure | None:
    """The generated structure function of ``cls``, or None for a class it cannot write.

    ``surrogates``: refuse a text holding a lone surrogate. A document parsed by parse_json
    has each such text marked already (its type refuses it), so the function for it does not
    search; a mapping given as it is has no marks, and its function searches every non-ASCII
    text of a free-text field (ids are ASCII by their pattern).
    ``counting``: the function takes a second argument, a one-item list, and adds to it the
    members of every object it reads, its nested records' included (:func:`structure_all`).
    """
    key = (cls, surrogates, counting)
    if key in _made:
        return _made[key]
    with _lock:
        if key not in _made:
            _made[key] = _Writer(shared_converter(detailed=False), surrogates, counting).function(cls)
    return _made[key]


def structure_all(
    cls: type, raw: list[Any], *, surrogates: bool = False, members: list[int] | None = None
) -> list[Any]:
    """Every item of ``raw`` as a ``cls``; raises on the first one either path refuses.
    ``surrogates``: search text for lone surrogates (a mapping given as it is, not parsed).
    ``members``: a one-item list to which the members of every object read are added (what
    the loader compares with the members a document's text writes: json_text.fast_parse);
    Refused for a class without a generated function, which could not count them."""
    made = structurer(cls, surrogates, counting=members is not None)
    if made is not None:  # it refuses anything but a dict itself
        if members is not None:
            return [made(item, members) for item in raw]
        return [made(item) for item in raw]
    if members is not None or not all(type(item) is dict for item in raw):
        raise Refused("not every item is an object, or its members cannot be counted")
    # A class it cannot write: the fast converter, as before.
    return shared_converter(detailed=False).structure(raw, list[cls])  # type: ignore[valid-type]


def _optional_of(t: Any) -> Any:
    """X for ``X | None`` (and ``Optional[X]``), else None."""
    if get_origin(t) in (Union, types.UnionType):
        args = get_args(t)
        if len(args) == 2 and type(None) in args:
            return args[0] if args[1] is type(None) else args[1]
    return None


def _record_tuple_of(t: Any) -> Any:
    """X for ``tuple[X, ...]`` where X is a record class, else None."""
    args = get_args(t)
    if get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
        return args[0]
    return None


def _plain_enum(t: Any) -> bool:
    """An enum looked up by its text value alone (no ``_missing_`` of its own)."""
    return (
        isinstance(t, type)
        and issubclass(t, enum.Enum)
        and all(type(m.value) is str for m in t)
        and getattr(t._missing_, "__func__", None) is enum.Enum._missing_.__func__  # type: ignore[attr-defined]
    )


class _Writer:
    """Writes the source of one class's function (and, through ``function``, of its records')."""

    def __init__(self, conv: Converter, surrogates: bool = False, counting: bool = False) -> None:
        self.conv = conv
        self.surrogates = surrogates
        self.counting = counting
        self.ns: dict[str, Any] = {"_R": Refused, "_idm": _ID_MATCH, "_ids": _IDS, "_new": object.__new__}
        self.ns["_sur"] = _SURROGATE
        self.ns["_invisible"], self.ns["_blank1"] = invisible, _BLANK_FIRST
        self.ns.update(_date=_date, _datetime=_datetime, _missing=object())
        self.lines: list[str] = []
        self.after: list[str] = []  # the validators called as attrs would, after every field is set

    def name(self, value: Any, hint: str) -> str:
        """``value`` bound in the function's namespace; the name the source uses for it."""
        key = f"_{hint}{len(self.ns)}"
        self.ns[key] = value
        return key

    def function(self, cls: type) -> Structure | None:
        if not _writable(cls):
            return None
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        self.ns["_keys"] = frozenset(a.name for a in fields)
        # More keys than fields: an unknown one. As many or fewer: an unknown key would leave a
        # field missing, so the keys are compared only where one is (the branch of a default).
        self.lines = ["def structure(o):", f"    if type(o) is not dict or len(o) > {len(fields)}:", "        raise _R"]
        if self.counting:  # the members this object holds, beside its nested records'
            self.lines[0] = "def structure(o, _n):"
            self.lines.append("    _n[0] += len(o)")
        for i, a in enumerate(fields):
            if not self.field(i, a):
                return None
        self.lines.append(f"    inst = _new({self.name(cls, 'cls')})")
        for i, a in enumerate(fields):
            self.lines.append(f"    {self.name(getattr(cls, a.name).__set__, 'set')}(inst, v{i})")
        self.lines += self.after
        if hasattr(cls, "__attrs_post_init__"):
            # The class's function, bound once: no bound method made per record.
            self.lines.append(f"    {self.name(cls.__attrs_post_init__, 'post')}(inst)")
        self.lines.append("    return inst")
        code = compile("\n".join(self.lines) + "\n", f"<softenv fast structure {cls.__qualname__}>", "exec")
        exec(code, self.ns)  # the source was written above, from the class's own fields only
        made: Structure = self.ns["structure"]
        return made

    def field(self, i: int, a: attrs.Attribute[Any]) -> bool:
        """The lines of field ``i``: read, check, and the validators left for after; False: cannot write."""
        validators = validators_of(a.validator)
        checks = self.check(f"v{i}", a.type, validators, intern=a.name != "id")
        if checks is None:
            return False
        if a.default is attrs.NOTHING:
            self.lines += [f"    v{i} = o[{a.name!r}]", *("    " + line for line in checks)]
        else:
            default = self.name(a.default, "default")
            self.lines += [f"    v{i} = o.get({a.name!r}, _missing)", f"    if v{i} is _missing:"]
            self.lines += ["        if not o.keys() <= _keys:", "            raise _R", f"        v{i} = {default}"]
            if not _default_passes(a, validators):
                self.lines.append("        raise _R")
            self.lines += ["    else:", *("        " + line for line in checks)]
        attr = self.name(a, "attr")
        for v in validators:
            self.after.append(f"    {self.name(v, 'validator')}(inst, {attr}, v{i})")
        return True

    def check(self, var: str, t: Any, validators: list[Any], *, intern: bool) -> list[str] | None:
        """Lines that check ``var`` as a ``t`` and replace it by its value; the validators they
        cover are taken out of ``validators``. None: a type it cannot write."""
        rules = [(v, RULES.get(v)) for v in validators]
        inner = _optional_of(t)
        if inner is not None:
            for v, rule in rules:
                if inner is str and rule is not None and rule[0] == "optional_text":
                    validators.remove(v)
                    lines = [f"if type({var}) is not str:", "    raise _R", *_text(var, rule[1])]
                    lines += self.unpaired(var)
                    return [f"if {var} is not None:", *("    " + line for line in lines)]
            inner_lines = self.check(var, inner, [], intern=False)
            return None if inner_lines is None else [f"if {var} is not None:", *("    " + ln for ln in inner_lines)]
        if t is str:
            return self.text(var, validators, rules, intern=intern)
        if t is bool or t is int:
            return [f"if type({var}) is not {t.__name__}:", "    raise _R"]
        if _plain_enum(t):
            for v, rule in rules:
                if rule is not None and rule[0] == "member_of" and issubclass(t, rule[1]):
                    validators.remove(v)  # a member of t found by value is a member of rule[1]
            # Straight to the member map: the ordinary path finds a member by the same look-up
            # (an unhashable value raises; no other JSON value equals a member's text).
            members = self.name(t._value2member_map_, "members")
            return [f"{var} = {members}.get({var})", f"if {var} is None:", "    raise _R"]
        if t is date or t is datetime:
            for v, rule in rules:
                if t is datetime and rule is not None and rule[0] == "aware":
                    validators.remove(v)  # the datetime hook refuses a naive moment
            return [f"if type({var}) is not str:", "    raise _R", f"{var} = _{t.__name__}({var})"]
        record = _record_tuple_of(t)
        if record is not None and record not in _HOOKED:
            made = structurer(record, self.surrogates, self.counting)
            if made is None:
                return None
            each = self.name(made, "structure")
            n = ", _n" if self.counting else ""
            return [
                f"if type({var}) is not list:",
                "    raise _R",
                f"{var} = tuple([{each}(x{n}) for x in {var}]) if {var} else ()",
            ]
        if attrs.has(t) and t not in _HOOKED:
            made = structurer(t, self.surrogates, self.counting)
            n = ", _n" if self.counting else ""
            return None if made is None else [f"{var} = {self.name(made, 'structure')}({var}{n})"]
        if self.counting and t not in _TEXT_VALUES:
            return None  # a value that may hold objects, whose members this function would not count
        # Anything else (periods, numbers, tuples of text...) through the converter's own hook.
        hook = self.name(self.conv.get_structure_hook(t), "hook")
        return [f"{var} = {hook}({var}, {self.name(t, 'type')})"]

    def unpaired(self, var: str) -> list[str]:
        """Lines that refuse a lone surrogate in text ``var`` (when asked): ASCII text, the
        usual case, costs one ``isascii``; other text one regex search."""
        if not self.surrogates:
            return []
        return [f"if not {var}.isascii() and _sur({var}) is not None:", "    raise _R"]

    def text(self, var: str, validators: list[Any], rules: list[tuple[Any, Any]], *, intern: bool) -> list[str]:
        lines = [f"if type({var}) is not str:", "    raise _R"]
        if not any(rule is not None and rule[0] == "identifier" for _, rule in rules):
            lines += self.unpaired(var)  # an id's pattern is ASCII: it refuses a surrogate itself
        for v, rule in rules:
            if rule is not None and rule[0] == "text":
                validators.remove(v)
                lines += _text(var, rule[1])
            elif rule is not None and rule[0] == "identifier":
                validators.remove(v)
                check = [f"if _idm({var}) is None:", "    raise _R"]
                if not intern:  # a record's own id: unique, remembering it would cost more
                    lines += check
                    continue
                lines += [f"s = _ids.get({var})", "if s is None:", *("    " + c for c in check)]
                lines += [f"    _ids[{var}] = {var}", "else:", f"    {var} = s"]
        return lines


def _text(var: str, max_len: int) -> list[str]:
    # ``not v.strip()`` without building the stripped copy: strip and isspace agree on what
    # whitespace is (both Py_UNICODE_ISSPACE).
    # A text of invisible characters only is blank too (x30): _validators.may_be_invisible inlined.
    # A printable ASCII text needs no look (isascii is a flag, isprintable a C loop); any other, a
    # look at its first character (printable, no space or blank letter: it shows), so that a
    # Chinese text is not passed to invisible(), a Python call, for each of a province's half
    # million (measured at half scale: +380 ms with that call, +60 ms with the first look).
    return [
        f"if not {var} or {var}.isspace() or len({var}) > {max_len} or "
        f"(not ({var}.isascii() and {var}.isprintable()) and "
        f"(not (_c0 := {var}[0]).isprintable() or _c0 in _blank1) and _invisible({var})):",
        "    raise _R",
    ]


def _default_passes(a: attrs.Attribute[Any], left: list[Any]) -> bool:
    """Whether the default passes the validators the inline checks cover (the others are called
    on it after, as on any value). Those rules look at the value alone, so once is enough."""
    try:
        for v in validators_of(a.validator):
            if v not in left:
                v(None, a, a.default)
    except Exception:
        return False
    return True


def validators_of(validator: Any) -> list[Any]:
    """A field's validators one by one (attrs joins a field's and a decorated one with and_)."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)
    if type(validator).__name__ == "_AndValidator" and isinstance(inner, tuple):
        return [v for part in inner for v in validators_of(part)]
    return [validator]


#: Converters that change no value JSON gives (see _writable).
_NO_CHANGE = (records_tuple, number_of, count_of)


def _writable(cls: type) -> bool:
    """A frozen slotted attrs class whose ``__init__`` only sets its fields, as given or defaulted."""
    if not attrs.has(cls) or hasattr(cls, "__attrs_pre_init__"):
        return False
    for a in attrs.fields(cls):
        slot = cls.__dict__.get(a.name) or getattr(cls, a.name, None)
        if not isinstance(slot, types.MemberDescriptorType):
            return False
        # records_tuple (a record's own list made a tuple) is no change to what this writes: the
        # function builds the tuple itself; nor are number_of / count_of (a Decimal made a number:
        # JSON gives none). Any other converter is the class's own business.
        converted = a.converter is not None and a.converter not in _NO_CHANGE
        if not a.init or a.alias != a.name or converted or isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            return False
    return True


__all__ = ["Refused", "forget_ids", "structure_all", "structurer", "validators_of"]
