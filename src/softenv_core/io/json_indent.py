"""Indented JSON text, written as ``json.dumps(document, ensure_ascii=False, indent=2,
allow_nan=False)`` writes it, byte for byte, in about half the time.

CPython's C encoder cannot indent (3.11), so ``json.dumps`` with an indent runs the pure-Python
encoder: a chain of generators, each piece of text passed up through every level of nesting.
Every JSON output of the library is indented (:func:`softenv_core.io.converter.dumps`), and
writing it was a third of ``softenv assess --format json`` on the city file. Here one recursive
function appends to one list; strings are still escaped by the C function ``json.dumps`` uses.

Values are told apart as ``json.dumps`` tells them (exact types first, then subclasses such as
the str-valued enums of results, in its order). What the fast path does not write (a value
JSON cannot write, a NaN, a key that is not text, a cycle, nesting over a hundred levels deep)
is left to ``json.dumps`` itself, so the text, and the error for what cannot be written, are
the standard library's.

With msgspec installed (the ``fast`` extra) a document is first written compact by the C encoder
(``json.dumps`` without an indent: the same values told apart the same way, strings escaped by
the same C function) and indented by ``msgspec.json.format``, which copies each string and
number as it is and lays out the rest as ``indent=2`` does: a fifth of the time of the recursive
writer below, about 4 % of the instructions of ``softenv assess --format json`` on the city file
(issue 21). Whatever that path cannot write (an error of the C encoder, a lone surrogate, nesting
over a hundred levels) goes the way above, so the text and the errors stay ``json.dumps``'s.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_FLOAT_REPR = float.__repr__
_INT_REPR = int.__repr__
_INFINITY = float("inf")
#: Nesting deeper than this is left to json.dumps: its encoder takes more of the stack per level
#: than _write, so near the recursion limit it raises RecursionError where _write would not.
#: The library's documents nest a dozen levels at most.
_DEEPEST = 100


class _Unsure(Exception):
    """A value the fast path leaves to ``json.dumps``."""


def indented(document: Any) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)``, the same text."""
    found = _reformatted(document)
    if found is not None:
        return found[0]
    # Written out here as in indented_printable, not called: json.dumps must run one frame
    # below the caller, as it would called directly (see _DEEPEST).
    out: list[str] = []
    try:
        _write(document, out, "\n")
    except (_Unsure, RecursionError):
        return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)


def indented_printable(document: Any) -> tuple[str, bool]:
    """:func:`indented`'s text, and True when it is known to hold no character but printable
    ones and its layout's line breaks: the compact text the C encoder wrote on the fast path
    (which holds no line break: the encoder escapes them) passed ``str.isprintable``. The
    caller escaping what acts (io.converter.dumps) then need not look (issue 21); False says
    only that nothing is known."""
    found = _reformatted(document)
    if found is not None:
        return found
    out: list[str] = []
    try:
        _write(document, out, "\n")
    except (_Unsure, RecursionError):
        return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False), False
    return "".join(out), False


#: A line indented this deep in msgspec's text is where _write would give up (a line break
#: is always layout: JSON writes one inside a string as ``\\n``).
_TOO_DEEP = "\n" + "  " * _DEEPEST


def _reformatted(document: Any) -> tuple[str, bool] | None:
    """The text through the C encoder and ``msgspec.json.format``, and whether the compact text
    is printable; None when msgspec is not installed or the document is off that path (see the
    module's docstring)."""
    try:
        from msgspec.json import format as reformat
    except ImportError:  # the ``fast`` extra is not installed
        return None
    try:
        compact = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        text: str = reformat(compact.encode("utf-8"), indent=2).decode("utf-8")
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError, msgspec's errors too
        return None
    # msgspec copies each string as the C encoder wrote it and adds only spaces and line breaks.
    return None if _TOO_DEEP in text else (text, compact.isprintable())


def _scalar(value: Any) -> str | None:
    """The text of a str, None, bool, int or finite float (or of a subclass of one); None for a
    list, tuple or dict; _Unsure for anything else."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return _INT_REPR(value)
    if kind is float:
        return _float(value)
    if kind is list or kind is tuple or kind is dict:
        return None
    # A subclass (a str-valued enum of a result, an IntEnum), in json's own order of tests.
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, int):
        return _INT_REPR(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple, dict)):
        return None
    raise _Unsure


def _float(value: float) -> str:
    if value != value or value == _INFINITY or value == -_INFINITY:
        raise _Unsure  # allow_nan=False: json.dumps raises its ValueError
    return _FLOAT_REPR(value)


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append ``value``'s text to ``out``; ``newline``: a line break and the indent of its level."""
    text = _scalar(value)
    if text is not None:
        out.append(text)
        return
    if not value:
        out.append("{}" if isinstance(value, dict) else "[]")
        return
    inner = newline + "  "
    if len(inner) > 2 * _DEEPEST:
        raise _Unsure  # json.dumps decides: the text, or its RecursionError
    between = "," + inner
    append = out.append
    if isinstance(value, dict):
        append("{" + inner)
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsure  # json.dumps turns numbers, bools and None into keys; left to it
            if first:
                first = False
            else:
                append(between)
            append(encode_basestring(key) + ": ")
            text = _scalar(item)
            if text is None:
                _write(item, out, inner)
            else:
                append(text)
        append(newline + "}")
    else:
        append("[" + inner)
        first = True
        for item in value:
            if first:
                first = False
            else:
                append(between)
            text = _scalar(item)
            if text is None:
                _write(item, out, inner)
            else:
                append(text)
        append(newline + "]")


__all__ = ["indented", "indented_printable"]
