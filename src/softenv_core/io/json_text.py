"""JSON text to Python values, strictly: duplicate keys, NaN and Infinity are errors, a file
that is not UTF-8 (GBK, as Chinese Windows Notepad saves it) is named so, and a text holding
a lone surrogate is marked for the loader to refuse by its path.

A dataset file is first decoded without the strict parse's duplicate-key hook
(:func:`fast_parse`: msgspec's decoder with the ``fast`` extra, else the stdlib's), its names
counted; the loader reads it again with :func:`parse_json` when the counts differ.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
from decimal import Decimal
from typing import Any

from softenv_core._validators import surrogate_problem
from softenv_core.errors import InputError

NOT_UTF8_GBK = (
    '$: not UTF-8 text: it looks like GBK (Notepad\'s "ANSI" on Chinese Windows); '
    "open it and save it as UTF-8 (另存为 UTF-8)"
)
NOT_UTF8_GBK_ZH = "$: 文件不是 UTF-8 编码，看来是 GBK（中文 Windows 记事本的“ANSI”）；请打开后“另存为”，编码选 UTF-8"


def _looks_gbk(data: bytes) -> bool:
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class _Unpaired(str):
    """A text holding a lone surrogate, as parse_json marks it.

    Its type alone makes the loader's fast path (io/fast_structure.py, which takes only exact
    ``str``) refuse the record, so the detailed path names it as ``$.path: …`` (the
    converter's str hook and the model's ``text`` validator say what and where), while a
    document without such an escape pays one substring search of its raw text.
    """

    __slots__ = ()


# The problems name a value's type as ``type(value).__name__`` (``expected an object, got str``):
# the marker is a string to the caller, not a type of the parser's to be named (attacker x34).
_Unpaired.__name__ = _Unpaired.__qualname__ = "str"


def _unpaired(value: Any) -> Any:
    """``value`` with each text holding a lone surrogate marked (objects are marked by their own hook)."""
    if type(value) is str:
        return _Unpaired(value) if surrogate_problem(value) is not None else value
    if type(value) is list:
        return [_unpaired(item) for item in value]
    return value


class InexactNumber(float):
    """A number in a parameter file that a float does not hold digit for digit, as
    ``parse_json(..., exact_numbers=True)`` marks it (``0.12345678901234567891`` became
    0.12345678901234568 without a word: a rule then cited and computed with another value than
    the file's). It keeps the text written, so that the parameter's validator refuses it by its
    path, naming the number as the author wrote it."""

    __slots__ = ("written",)

    written: str

    def __new__(cls, written: str) -> InexactNumber:
        number = super().__new__(cls, written)
        number.written = written
        return number


def _exact_float(written: str) -> float:
    """A JSON number with a fraction or exponent, as a float when the float is the number
    written (its shortest repr reads back as the same decimal: 0.1, 1e2, 15.50), else marked."""
    number = float(written)
    # Beyond a float (1e400 is inf) is refused as not finite, as ever.
    if not math.isfinite(number) or Decimal(repr(number)) == Decimal(written):
        return number
    return InexactNumber(written)


#: A ``\\uD800``-``\\uDFFF`` escape: what a lone surrogate (or an escaped pair) is written as.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str | bytes) -> bool:
    """Whether the JSON ``text`` may decode to a lone surrogate.

    A surrogate comes from an escape (a pair written so is one character once parsed, but
    rare enough to check string by string), or, in text given as str, from the text itself:
    UTF-8 bytes cannot hold one. Speed: a document without a backslash, as softenv writes its
    own, costs one memchr-fast search (5 ms for 170 MB); the escape pattern (0.1 s) runs only
    when there is a backslash. Only a non-ASCII str pays an encoding (0.5 s for 170 MB): no
    scan finds a surrogate in it faster.
    """
    if isinstance(text, bytes):
        return b"\\" in text and _SURROGATE_ESCAPE_BYTES.search(text) is not None
    if "\\" in text and _SURROGATE_ESCAPE.search(text) is not None:
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


#: JSON's whitespace, deleted before fast_parse counts the names written (a name may be
#: followed by some before its colon).
_WHITESPACE = b" \t\r\n"


def decoder_name() -> str:
    """The decoder a load uses: ``msgspec`` when it is installed (the ``fast`` extra), else
    ``stdlib`` (the stdlib's C decoder without a hook, counted the same way); ``strict``: the
    strict parse alone (``SOFTENV_JSON_DECODER=strict``). ``SOFTENV_JSON_DECODER`` may ask for
    ``stdlib`` or ``strict``; any other value (or ``msgspec`` when it is not installed) leaves
    the choice as it would be without it: which decoder runs never changes what a load says."""
    asked = os.environ.get("SOFTENV_JSON_DECODER")
    if asked in ("stdlib", "strict"):
        return asked
    try:
        import msgspec  # noqa: F401
    except ImportError:
        return "stdlib"
    return "msgspec"


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def fast_parse(data: bytes) -> tuple[Any, int] | None:
    """The document in ``data`` decoded without the strict parse's hook (msgspec's decoder,
    else the stdlib's: :func:`decoder_name`), with the number of members its text writes
    (each name followed by its colon); None when the strict parse is asked for or the text is
    one only the strict parse reads as softenv must (:func:`parse_json`): a lone surrogate's
    escape, or anything the decoder refuses (invalid UTF-8, NaN, for msgspec a number out of
    range, nesting too deep).

    Neither decoder says when a name is written twice: each keeps the last value. The loader
    counts the members of every object it structures and reads the document again strictly
    when that count and this one differ (a duplicate, a member it did not read, a text holding
    ``":``). The names written are counted as ``":`` once whitespace is deleted: every name
    ends so, and a text may only add to the count, never take from it. So the two counts agree
    only when every member written was read and no name was written twice (docs/performance.md).
    """
    name = decoder_name()
    if name == "strict" or _may_hold_surrogates(data):
        return None
    written = data.translate(None, _WHITESPACE).count(b'":')  # the copy goes before the document is made
    try:
        if name == "stdlib":
            # Without the strict parse's duplicate-key hook (a Python call per object: a
            # quarter of a province's load); NaN refused as the strict parse refuses it.
            text = data.decode("utf-8-sig")
            del data  # a file's bytes (the caller's temporary) let go before the document is made
            doc = json.loads(text, parse_constant=_no_constant)
        else:
            import msgspec

            bom = codecs.BOM_UTF8
            doc = msgspec.json.decode(memoryview(data)[len(bom) :] if data.startswith(bom) else data)
    except Exception:  # the decoder's errors: the strict parse says what and where, as it always has
        return None
    return doc, written


def parse_json(text: str | bytes, source: str | None = None, *, exact_numbers: bool = False) -> Any:
    """Parse JSON strictly: duplicate keys, NaN and Infinity are errors. A text holding a lone
    surrogate comes back marked (:class:`_Unpaired`), so that the loader refuses it by its path.
    ``exact_numbers``: a number a float does not hold exactly comes back marked
    (:class:`InexactNumber`), for a parameter file, whose numbers are policy."""
    # Before decoding: a search of the bytes is faster than of the text (one byte a character).
    mark = _may_hold_surrogates(text)

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if mark:
            pairs = [(k, _unpaired(v)) for k, v in pairs]
        seen = dict(pairs)
        if len(seen) != len(pairs):  # rare: find which key, for the message
            keys = [k for k, _ in pairs]
            raise ValueError(f"duplicate key {next(k for k in keys if keys.count(k) > 1)!r}")
        return seen

    if isinstance(text, bytes):
        # Rebinding ``text`` lets go of the bytes (when the caller passed a temporary) before
        # the document is built beside the decoded text.
        try:
            text = text.decode("utf-8-sig")  # a BOM, as Windows editors write, is allowed
        except UnicodeDecodeError as exc:
            if _looks_gbk(exc.object):
                raise InputError([NOT_UTF8_GBK], source) from None
            raise InputError([f"$: not UTF-8 text (byte {exc.start}: {exc.reason})"], source) from None
    elif text.startswith("\ufeff"):
        # The same BOM in text already decoded (a file read with encoding="utf-8", not
        # "utf-8-sig"): the document the bytes are, not "not valid JSON: Unexpected UTF-8 BOM
        # (decode using utf-8-sig)" (integrator i44). Rare, so the copy is no concern.
        text = text[1:]
    # json's "Expecting value: line 1 column 1" says nothing to a clerk. (Not ``text.strip()``:
    # that copies the whole text when it ends in a newline, as dumps writes it.)
    if not text or text.isspace():
        raise InputError(["$: the file is empty"], source)
    try:
        floats = _exact_float if exact_numbers else float
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_no_constant, parse_float=floats)
    except RecursionError:
        raise InputError(["$: nested too deeply"], source) from None
    except ValueError as exc:
        raise InputError([f"$: not valid JSON: {_json_problem(exc)}"], source) from None


def _json_problem(exc: ValueError) -> str:
    """The decoder's complaint as the sender can act on it. A whole number longer than Python
    converts (4,300 digits) is refused with advice to the interpreter (``use
    sys.set_int_max_str_digits()``), which told a service's caller to reconfigure the server
    (attacker x37): it is said as the number's length instead."""
    found = re.search(r"limit \((\d+) digits\) for integer string conversion: value has (\d+) digits", str(exc))
    if found:
        return f"a number of {found[2]} digits; no field holds one of more than {found[1]}"
    return str(exc)


__all__ = ["NOT_UTF8_GBK", "NOT_UTF8_GBK_ZH", "InexactNumber", "decoder_name", "fast_parse", "parse_json"]
