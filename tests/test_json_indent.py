"""io.json_indent.indented writes what ``json.dumps(..., ensure_ascii=False, indent=2,
allow_nan=False)`` writes, byte for byte, and refuses what it refuses with its error: every
JSON output of the library goes through it (io.converter.dumps)."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict, namedtuple
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from softenv_core.io.json_indent import indented


def _stdlib(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)


_KEYS = st.text(st.characters(codec=None), max_size=4)
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None), max_size=6)
)
_DOCUMENTS = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple) | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=25,
)


@given(_DOCUMENTS)
@example({"a": [], "b": {}, "c": [{}], "d": ""})
@example({"\u202e": '\x00\x1f"\\\u2028'})
@example([1e16, -0.0, 5e-324, 1.7976931348623157e308])
def test_the_text_is_json_dumps_text(document):
    assert indented(document) == _stdlib(document)


@given(_DOCUMENTS)
@example({"\u202e": '\x00\x1f"\\\u2028'})
@example(["a\nb", "\x7f", "\u00a0"])
def test_the_writer_dumps_calls_writes_the_same_text_and_says_printable_only_of_inert_text(document):
    """io.converter.dumps calls indented_printable, the twin of indented written out beside it
    (json.dumps runs one frame below each): the same text, and "printable" only where
    inert_json has nothing to escape."""
    from softenv_core.io.json_indent import indented_printable
    from softenv_core.io.json_inert import inert_json

    text, printable = indented_printable(document)
    assert text == indented(document)
    if printable:
        assert inert_json(text) == text


class _Level(enum.IntEnum):
    ONE = 1


class _Kind(enum.StrEnum):
    A = "a"


_Pair = namedtuple("_Pair", "x y")


@pytest.mark.parametrize(
    "document",
    [
        {"n": _Level.ONE, "k": _Kind.A, "p": _Pair(1, 2), "o": OrderedDict(z=1, a=2)},  # subclasses
        {1: "int key", 2.5: "float key", False: "bool key", None: "null key"},  # keys json turns to text
        [{"deep": [[[[]]]]}],
    ],
    ids=["subclasses", "non-text-keys", "nested-empties"],
)
def test_values_off_the_fast_path_are_written_as_json_dumps_writes_them(document):
    assert indented(document) == _stdlib(document)


@pytest.mark.parametrize(
    "document",
    [float("nan"), {"x": [float("inf")]}, {"when": object()}, {("tuple", "key"): 1}, {"s": {1, 2}}],
    ids=["nan", "infinity", "object", "tuple-key", "set"],
)
def test_what_json_dumps_refuses_is_refused_with_its_error(document):
    with pytest.raises((TypeError, ValueError)) as expected:
        _stdlib(document)
    with pytest.raises(type(expected.value)) as got:
        indented(document)
    assert str(got.value) == str(expected.value)


def test_a_cycle_is_json_dumps_circular_reference_error():
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(ValueError, match="Circular reference"):
        indented(cyclic)


class _Odd(float):
    def __float__(self) -> float:  # json writes float.__repr__ of the value, not this
        return 0.0


def test_a_float_subclass_is_written_by_its_value_as_json_dumps_writes_it():
    assert indented([_Odd(2.5)]) == _stdlib([_Odd(2.5)]) == "[\n  2.5\n]"


def _nested(depth: int) -> Any:
    document: Any = []
    for _ in range(depth):
        document = [document]
    return document


def _outcome(write: Any, depth: int) -> Any:
    try:
        return write(_nested(depth))
    except RecursionError:
        return RecursionError


def test_nesting_near_the_recursion_limit_is_written_or_refused_as_json_dumps_does():
    """json.dumps' encoder takes more stack per level than the fast writer: a document nested
    just below the limit was written here where json.dumps raised RecursionError (review r22).
    The depth where json.dumps begins to refuse depends on the stack the test runs on; it is
    found by halving, and the writer must agree with json.dumps on either side of it."""
    import sys

    low, high = 1, sys.getrecursionlimit() + 5  # json.dumps writes ``low`` levels, refuses ``high``
    assert _outcome(_stdlib, high) is RecursionError
    while high - low > 1:
        middle = (low + high) // 2
        if _outcome(_stdlib, middle) is RecursionError:
            high = middle
        else:
            low = middle
    for depth in range(low - 1, high + 2):
        assert _outcome(indented, depth) == _outcome(_stdlib, depth), depth


@given(_DOCUMENTS)
@example({"a": [], "b": {}, "c": [{}], "d": ""})
def test_the_recursive_writer_alone_writes_json_dumps_text(document):
    """Without msgspec (the ``fast`` extra) the recursive writer writes every document."""
    from unittest import mock

    from softenv_core.io import json_indent

    with mock.patch.object(json_indent, "_reformatted", return_value=None):
        assert indented(document) == _stdlib(document)


def test_an_ordinary_document_takes_the_c_encoder_and_msgspec_and_a_deep_one_does_not():
    """The fast path (issue 21: about 4 % of `softenv assess --format json`) is taken, and a
    document nested deeper than the recursive writer's limit is left to it, as before."""
    pytest.importorskip("msgspec")
    from softenv_core.io.json_indent import _DEEPEST, _reformatted

    document = {"points": [{"id": "P1", "score": 92.5, "notes": ["\u202e", "a\nb"], "x": {}}], "n": None}
    # the compact text holds U+202E, which acts: not printable; without it, printable
    assert _reformatted(document) == (_stdlib(document), False)
    document["points"][0]["notes"] = ["东城", "a\nb"]
    assert _reformatted(document) == (_stdlib(document), True)
    assert _reformatted(_nested(_DEEPEST - 1)) == (_stdlib(_nested(_DEEPEST - 1)), True)
    assert _reformatted(_nested(_DEEPEST)) is None
    assert _reformatted([float("nan")]) is None and _reformatted(["\ud800"]) is None
