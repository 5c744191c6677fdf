"""Fast paths of the workbook import that must answer exactly as the plain definition.

- The size check's pass notes a sheet holding an error value or a formula
  (``io.workbook_formulas.FLAGS``) with two regex searches and, only when one finds a candidate,
  the substring searches: the same answer as searching every flag.
- A text run too long for a cell is looked for around a few sampled positions, the regex
  search run only when one of them lies in a long enough stretch: the regex's answer.
- The records of a sheet are keyed for the merge by ``record_keys``, without a call per record:
  the same keys as ``record_key`` of each.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from softenv_core.io.workbook_formulas import FLAGS, holds_flag
from softenv_core.io.workbook_keys import record_key, record_keys
from softenv_core.io.workbook_limits import MAX_TEXT_BYTES, text_too_long
from softenv_core.io.workbook_schema import SHEETS

# Pieces of sheet XML: the flags themselves, their near misses and the bytes they are made of.
_FRAGMENTS = [
    *FLAGS,
    b'<c r="A1" t="s"><v>0</v></c>',
    b'<c r="B2" t="inlineStr"><is><t>of </t></is></c>',
    b"<formula1>",
    b"</f>",
    b"<x:f>",
    b' t="e',
    b't="e"',
    b"f",
    b" ",
    b">",
    b"<",
    b":",
    b'"',
    b"e",
    b"\xe4\xb8\xad",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
def test_a_piece_is_flagged_exactly_when_it_holds_a_flag(parts):
    data = b"".join(parts)
    assert holds_flag(data) is any(f in data for f in FLAGS)


@given(st.binary(max_size=64))
def test_any_bytes_are_flagged_exactly_when_they_hold_a_flag(data):
    assert holds_flag(data) is any(f in data for f in FLAGS)


_KEYS = ("id", "code", "round", "rater", "department", "name")
_VALUES = st.one_of(st.none(), st.text(max_size=3), st.integers(-2, 2))


@given(st.sampled_from(SHEETS), st.lists(st.dictionaries(st.sampled_from(_KEYS), _VALUES), max_size=6))
def test_records_are_keyed_as_record_key_keys_each(sheet, raws):
    assert record_keys(sheet, raws) == [record_key(sheet, raw) for raw in raws]


@given(st.binary(max_size=80).map(lambda b: bytes(b"<>a"[x % 3] for x in b)), st.integers(0, 12))
def test_a_long_text_is_found_exactly_where_the_regex_finds_one(data, limit):
    plain = re.compile(rb">[^<]{%d}" % (limit + 1)).search(data) is not None
    assert text_too_long(data, limit) is plain


@given(st.integers(MAX_TEXT_BYTES - 2, MAX_TEXT_BYTES + 2), st.integers(0, 3), st.booleans())
def test_a_run_at_the_cell_limit_is_told_as_the_regex_tells_it(length, offset, closed):
    data = b"<t>x" * offset + b"<t>" + b"a" * length + (b"</t>" if closed else b"")
    plain = re.compile(rb">[^<]{%d}" % (MAX_TEXT_BYTES + 1)).search(data) is not None
    assert text_too_long(data) is plain
    assert plain is (length > MAX_TEXT_BYTES)
