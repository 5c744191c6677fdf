"""The fast decoder (msgspec, the ``fast`` extra: io/json_text.fast_parse): a dataset read
through it is the dataset the stdlib's strict parse reads, and every document it cannot
verify (a name written twice, which msgspec keeps the last of without a word; a text holding
``":``; whitespace before a colon; anything msgspec refuses) is read strictly, with the
strict parse's own errors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import InputError, dump_dataset, loads_dataset
from softenv_core.io import dataset_files, migrations
from softenv_core.io.json_text import decoder_name, fast_parse
from softenv_core.model.dataset import SCHEMA_VERSION
from softenv_core.model.periods import BEIJING
from softenv_core.testing import make_complaint, small_dataset

from .weights import examples

pytestmark = pytest.mark.usefixtures("each_decoder")  # msgspec's decoder, then the stdlib's


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each read went: "fast" (msgspec's document, verified), "again" (msgspec's document
    not verified, read again strictly) or "strict" (no counted read: fast_parse declined, or
    was not asked, as with ``SOFTENV_JSON_DECODER=strict``: the strict parse alone)."""
    ways: list[str] = []
    load, parse = dataset_files._load_dataset, dataset_files.fast_parse

    def spy_load(*args: Any, **kwargs: Any) -> Any:
        if not kwargs["fast"]:
            ways[-1] = "again"
        else:
            ways.append("strict")
        return load(*args, **kwargs)

    def spy_parse(data: bytes) -> Any:
        found = parse(data)
        if found is not None:
            ways[-1] = "fast"
        return found

    monkeypatch.setattr(dataset_files, "_load_dataset", spy_load)
    monkeypatch.setattr(dataset_files, "fast_parse", spy_parse)
    return ways


def _strictly(text: bytes, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setenv("SOFTENV_JSON_DECODER", "strict")
        assert decoder_name() == "strict"
        try:
            return loads_dataset(text)
        except InputError as exc:
            return exc.problems


def _either(text: bytes) -> Any:
    try:
        return loads_dataset(text)
    except InputError as exc:
        return exc.problems


DOC = dump_dataset(small_dataset(2025))
# With a complaint, whose events are objects nested in a record.
_WITH_COMPLAINT = small_dataset(2025)
DOC_Q = dump_dataset(
    attrs.evolve(
        _WITH_COMPLAINT,
        complaints=(make_complaint("Q-1", _WITH_COMPLAINT.points[0].id, datetime(2025, 3, 3, 9, tzinfo=BEIJING)),),
    )
)


def test_a_dataset_is_read_fast_and_equal_to_the_strict_read(reads: list[str], monkeypatch) -> None:
    for text in (
        json.dumps(DOC, ensure_ascii=False),
        json.dumps(DOC, indent=2),
        json.dumps(DOC, separators=(",", ":")),
    ):
        data = text.encode()
        assert loads_dataset(data) == _strictly(data, monkeypatch)
    assert reads == ["fast", "strict"] * 3  # verified: no strict read behind it (then the strict one)


def test_a_bom_is_read_fast(reads: list[str]) -> None:
    assert loads_dataset(b"\xef\xbb\xbf" + json.dumps(DOC).encode()) == loads_dataset(json.dumps(DOC).encode())
    assert reads == ["fast", "fast"]


def _with_duplicate(where: str) -> str:
    """The document's text with one name written twice at ``where``, the second value kept by
    a last-wins decoder (so the first, lost, is what the strict parse refuses)."""
    text = json.dumps(DOC_Q, ensure_ascii=False)
    anchors = {
        "top": ('{"schema": ', '{"schema": "x", "schema": '),
        "city": ('"city": {"code": ', '"city": {"code": "1", "code": '),
        "record": ('"contacts": [{"id": ', '"contacts": [{"id": "X", "id": '),
        "nested": ('"items": [{"category": ', '"items": [{"category": "x", "category": '),
        "event": ('"events": [{"type": ', '"events": [{"type": "x", "type": '),
    }
    old, new = anchors[where]
    assert old in text, where
    return text.replace(old, new, 1)


@pytest.mark.parametrize("where", ["top", "city", "record", "nested", "event"])
def test_a_name_written_twice_is_refused_as_the_strict_parse_refuses_it(
    where: str, reads: list[str], monkeypatch
) -> None:
    data = _with_duplicate(where).encode()
    with pytest.raises(InputError, match="duplicate key") as caught:
        loads_dataset(data)
    assert reads == ["again"]  # msgspec's document was not taken
    assert caught.value.problems == _strictly(data, monkeypatch)


@pytest.mark.parametrize(
    "change",
    [
        ('"schema": ', '"schema" : '),  # whitespace before a colon
        ('"schema": ', '"schema"\n:'),
    ],
)
def test_whitespace_before_a_colon_is_read_fast(change: tuple[str, str], reads: list[str], monkeypatch) -> None:
    data = json.dumps(DOC).replace(*change, 1).encode()
    assert loads_dataset(data) == _strictly(data, monkeypatch)
    assert reads == ["fast", "strict"]


def test_a_name_written_twice_is_found_whatever_the_whitespace_before_its_colon(reads: list[str]) -> None:
    """A name followed by whitespace is still counted: a duplicate elsewhere cannot hide behind it."""
    text = _with_duplicate("record").replace('"schema": ', '"schema"  \n\t: ', 1)
    with pytest.raises(InputError, match="duplicate key"):
        loads_dataset(text.encode())
    assert reads == ["again"]


@pytest.mark.parametrize(("said", "way"), [('企业说":"办了', "again"), ('说" : 也没办', "again"), (":开头", "again")])
def test_text_holding_a_quote_and_colon_is_read_right(said: str, way: str, reads: list[str], monkeypatch) -> None:
    """A '":' inside a text (or '" :', or a text beginning with ':') is counted as a name would
    be: the counts differ and the document is read again."""
    doc = json.loads(json.dumps(DOC))
    next(c for c in doc["contacts"] if c["items"])["items"][0]["text"] = said
    data = json.dumps(doc, ensure_ascii=False).encode()
    assert loads_dataset(data) == _strictly(data, monkeypatch)
    assert reads[0] == way


def _keys() -> st.SearchStrategy[str]:
    return st.sampled_from(["a", "b", "c", "id", "x"])


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(100))
@given(st.lists(st.tuples(_keys(), _json), max_size=6), st.sampled_from([None, 1, 2]), st.booleans())
def test_any_object_with_or_without_repeated_names_reads_as_the_strict_parse_reads_it(
    pairs: list[tuple[str, Any]], indent: int | None, ascii_only: bool
) -> None:
    """Documents that are no dataset: the loader's answer (its problems) is the strict
    parse's, whatever the decoder, names repeated or not, nested objects and text alike."""
    body = ", ".join(f"{json.dumps(k)}: {json.dumps(v, indent=indent, ensure_ascii=ascii_only)}" for k, v in pairs)
    data = ("{" + body + "}").encode()
    strict = _strictly_plain(data)
    assert _either(data) == strict


def _strictly_plain(data: bytes) -> Any:
    import os

    before = os.environ.get("SOFTENV_JSON_DECODER")
    os.environ["SOFTENV_JSON_DECODER"] = "strict"
    try:
        return _either(data)
    finally:
        if before is None:
            del os.environ["SOFTENV_JSON_DECODER"]
        else:
            os.environ["SOFTENV_JSON_DECODER"] = before


def test_fast_parse_counts_every_name_written(tmp_path: Path) -> None:
    found = fast_parse(b'{"a": {"b": 1, "c": [{"d": 2}, {"e": 3, "f": 4}]}, "g": "h"}')
    assert found is not None and found[1] == 7
    spaced = fast_parse(b'{"a" : 1, "b"\n:{"c"\t:2}}')
    assert spaced is not None and spaced[1] == 3  # whitespace before a colon: counted all the same
    assert fast_parse(b'["\\ud800"]') is None  # a lone surrogate's escape: the strict parse marks it
    assert fast_parse(b"[NaN]") is None and fast_parse(b"") is None and fast_parse(b"\xff") is None


@pytest.mark.parametrize("depth", [10, 990])
def test_a_deeply_nested_value_outside_the_records_is_refused_as_the_strict_parse_refuses_it(depth: int) -> None:
    """msgspec decodes nesting 999 deep: the loader's count of it must not overflow Python's
    stack (a traceback where the strict parse gives $.city's problem)."""
    doc = json.loads(json.dumps(DOC))
    text = json.dumps(doc).replace('"city": {', '"city": ' + "[" * depth + "]" * depth + ', "x": {', 1)
    data = text.encode()
    assert _either(data) == _strictly_plain(data)


def test_an_older_version_is_read_strictly_unless_its_migration_keeps_the_members(
    reads: list[str], monkeypatch
) -> None:
    """A migration may add members and so make up for a name written twice in the count
    (reviewer r32): a document read through such a migration is read strictly. Version 1 to 2
    states the new version only, so a version-1 document keeps the fast path: reading every
    one strictly made the benchmark's files (version 1) load slower with the extra than without."""
    data = json.dumps(DOC).replace('"version": 2', '"version": 1', 1).encode()
    assert loads_dataset(data) == _strictly(data, monkeypatch)
    assert "again" not in reads  # decoded once, by msgspec, and kept
    duplicate = json.dumps(DOC).replace('"version": 2', '"version": 1, "city": {}', 1).encode()
    with pytest.raises(InputError, match="duplicate key 'city'"):  # the count still finds a name twice
        loads_dataset(duplicate)
    monkeypatch.setattr(migrations, "SAME_MEMBERS", frozenset())  # a step that adds members
    reads.clear()
    assert loads_dataset(data) == _strictly(data, monkeypatch)
    assert reads[0] == "again"


def test_same_members_walks_every_step_to_the_current_version(monkeypatch) -> None:
    assert migrations.same_members(SCHEMA_VERSION) and migrations.same_members(1)
    for version in (None, "1", 1.0, True, 0, SCHEMA_VERSION + 1):
        assert not migrations.same_members(version), version
    monkeypatch.setattr(migrations, "SAME_MEMBERS", frozenset())
    assert not migrations.same_members(1) and migrations.same_members(SCHEMA_VERSION)
