"""Attacks on the fast decoder (msgspec, io/json_text.fast_parse) by helper x32: for every
input, the loader's answer with a counted decoder is the strict parse's (``SOFTENV_JSON_DECODER=strict``):
the same dataset, the same problems, the same exit code and message from the command line.

The findings: a document msgspec decoded was answered from before its count was compared
whenever the loader refused it early (not an object; a version it cannot migrate), so a name
written twice inside it was never seen: ``[{"a": 1, "a": 2}]`` read as "expected an object",
``{"schema": …, "version": 2, "version": 99}`` as "99 is newer", where the strict parse says
"duplicate key". The other tests are the strongest attempts that found nothing: they hold
the verification (every name counted, a text or escape only adding) to what it claims.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from softenv_core import InputError, dump_dataset, loads_dataset
from softenv_core.cli.main import main
from softenv_core.io.json_text import decoder_name, fast_parse
from softenv_core.model.periods import BEIJING
from softenv_core.testing import make_complaint, small_dataset

pytestmark = pytest.mark.usefixtures("each_decoder")  # msgspec's decoder, then the stdlib's

_DS = small_dataset(2025)
_DS = attrs.evolve(_DS, complaints=(make_complaint("Q-1", _DS.points[0].id, datetime(2025, 3, 3, 9, tzinfo=BEIJING)),))
TEXT = json.dumps(dump_dataset(_DS), ensure_ascii=False)


def _answer(data: Any) -> Any:
    try:
        return loads_dataset(data)
    except InputError as exc:
        return exc.problems


def _both(data: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The loader's answer with msgspec, and with the strict parse alone."""
    fast = _answer(data)
    with monkeypatch.context() as m:
        m.setenv("SOFTENV_JSON_DECODER", "strict")
        assert decoder_name() == "strict"
        strict = _answer(data)
    return fast, strict


# --- Findings: refused early, before the count was compared -------------------------------

REFUSED_EARLY = {
    "a list of objects, one with a name twice": b'[{"a": 1, "a": 2}]',
    "the version twice, the newer last": b'{"schema": "softenv.dataset", "version": 2, "version": 99}',
    "the version twice, not a number last": b'{"schema": "softenv.dataset", "version": 2, "version": "x"}',
    "a newer version and another name twice": b'{"schema": "softenv.dataset", "version": 99, "x": 1, "x": 2}',
    "a version that is no version and a city name twice": (
        b'{"schema": "softenv.dataset", "version": "1", "city": {"code": "1", "code": "2"}}'
    ),
}


@pytest.mark.parametrize("data", REFUSED_EARLY.values(), ids=REFUSED_EARLY.keys())
def test_a_name_written_twice_in_a_document_refused_early_is_refused_as_the_strict_parse_refuses_it(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, strict = _both(data, monkeypatch)
    assert any("duplicate key" in p for p in strict)
    assert fast == strict


@pytest.mark.parametrize("command", [["validate"], ["assess", "--year", "2025"]])
@pytest.mark.parametrize("data", [REFUSED_EARLY["the version twice, the newer last"], b'[{"a": 1, "a": 2}]'])
def test_the_command_line_says_the_same_whatever_the_decoder(
    command: list[str], data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(data)
    code = main([*command, str(path)])
    fast = code, capsys.readouterr()
    with monkeypatch.context() as m:
        m.setenv("SOFTENV_JSON_DECODER", "strict")
        code = main([*command, str(path)])
        strict = code, capsys.readouterr()
    assert strict[0] != 0 and "重复" in strict[1].err
    assert fast == strict


# --- Attempts that found nothing: each must read as the strict parse reads it ---------------


def _replace(old: str, new: str) -> bytes:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1).encode()


def _plan(targets: str) -> bytes:
    """The document with one work plan, ``targets`` its last members."""
    plan = '{"id": "WP-1", "county": "379902", "year": 2025, "adopted_on": "2025-01-05", "title": "计划", '
    return _replace('"work_plans": []', '"work_plans": [' + plan + targets + "}]")


ATTEMPTS = {
    # A name written twice, once through an escape: msgspec and the strict parse both decode
    # the name first, so the two are one name; the count sees two.
    "escaped duplicate at the top": _replace('{"schema": ', '{"sch\\u0065ma": "x", "schema": '),
    "escaped duplicate in the city": _replace('"city": {"code": ', '"city": {"c\\u006fde": "1", "code": '),
    "escaped duplicate in an event": _replace('"events": [{"type": ', '"events": [{"typ\\u0065": "x", "type": '),
    "duplicate with a BOM": b"\xef\xbb\xbf" + _replace('"contacts": [{"id": ', '"contacts": [{"id": "X", "id": '),
    "duplicate in a report": _replace('"nothing_to_report": ', '"nothing_to_report": 1, "nothing_to_report": '),
    "duplicate in an enterprise": _replace('"enterprise": {"name": ', '"enterprise": {"name": "x", "name": '),
    "an object with a duplicate for an enum": _replace(
        '"items": [{"category": ', '"items": [{"category": {"a": 1, "a": 2}, "category": '
    ),
    # A work plan, whose targets are a list of text: an object in it, a name written twice.
    "a work plan": _plan('"targets": ["a"]'),
    "an object in a list of text": _plan('"targets": ["a", {"x": 1}]'),
    "a duplicate in an object in a list of text": _plan('"targets": ["a", {"x": 1, "x": 2}]'),
    "a duplicate in a work plan": _plan('"targets": ["a"], "title": "再"'),
    # A name written twice whose colon follows through whitespace, or at a line's start.
    "duplicate whose colon follows whitespace": _replace(
        '"contacts": [{"id": ', '"contacts": [{"id"\r\n\t : "X", "id" : '
    ),
    # Escapes of a quote, a slash and a colon in names and texts.
    "an escaped quote and colon in a text": _replace('"生产经营平稳"', '"生产\\u0022\\u003a经营"'),
    "a quote and colon in a text": _replace('"生产经营平稳"', '"生产\\":经营"'),
    "an escaped slash in a text": _replace('"生产经营平稳"', '"生产\\/经营"'),
    "a name that is a quote and a colon": _replace('{"schema": ', '{"\\":": 1, "schema": '),
    "a name ending in a backslash": _replace('{"schema": ', '{"a\\\\": 1, "schema": '),
    "a line separator in a text": _replace('"生产经营平稳"', '"生产\u2028经营"'),
    # Numbers where a number, or no number, goes.
    "a huge revenue": _replace('"revenue_wan": null', '"revenue_wan": 1E400'),
    "a tiny revenue": _replace('"revenue_wan": null', '"revenue_wan": 1e-400'),
    "a negative zero revenue": _replace('"revenue_wan": null', '"revenue_wan": -0'),
    "a huge integer revenue": _replace('"revenue_wan": null', '"revenue_wan": 1' + "0" * 400),
    "integer digits past the stdlib's limit": _replace('"revenue_wan": null', '"revenue_wan": 1' + "0" * 4400),
    "a fraction for employees": _replace('"employees": null', '"employees": 1.0'),
    "an exponent for employees": _replace('"employees": null', '"employees": 1e2'),
    "the version as 2.0": _replace('"version": 2', '"version": 2.0'),
    "the version as true": _replace('"version": 2', '"version": true'),
    "null for the city": _replace('"city": {', '"city": null, "x": {'),
    "false for an enterprise": _replace('"enterprise": {', '"enterprise": false, "x": {'),
    "an empty object for a record": _replace('"contacts": [', '"contacts": [{}, '),
    # Version 1, read through its migration, with a name written twice.
    "version 1 with a duplicate": _replace('"version": 2', '"version": 1').replace(
        b'"contacts": [{"id": ', b'"contacts": [{"id": "X", "id": ', 1
    ),
    "version 1 written twice": _replace('"version": 2', '"version": 5, "version": 1'),
    # Bytes msgspec or the strict parse refuse.
    "invalid UTF-8": _replace('"生产经营平稳"', '"生产') + b'\xff"',
    "overlong UTF-8": TEXT.replace("生产经营平稳", "生产\x00", 1).encode().replace(b"\x00", b"\xc0\x80", 1),
    "an encoded surrogate": TEXT.replace("生产经营平稳", "生产\x00", 1).encode().replace(b"\x00", b"\xed\xa0\x80", 1),
    "a lone surrogate's escape": _replace('"生产经营平稳"', '"生产\\ud800"'),
    "two BOMs": b"\xef\xbb\xbf\xef\xbb\xbf" + TEXT.encode(),
    "a form feed as whitespace": _replace('{"schema": ', '{\f"schema": '),
    "NaN": _replace('"revenue_wan": null', '"revenue_wan": NaN'),
    "trailing data": TEXT.encode() + b" {}",
    "GBK": TEXT.encode("gbk", errors="replace"),
}


@pytest.mark.parametrize("data", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_an_attempt_reads_as_the_strict_parse_reads_it(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, strict = _both(data, monkeypatch)
    assert fast == strict


@pytest.mark.parametrize("depth", [500, 998, 1100])
def test_deep_nesting_reads_as_the_strict_parse_reads_it(depth: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for old in ('"city": {', '"items": [{'):
        data = _replace(old, old + '"deep": ' + "[" * depth + "]" * depth + ", ")
        fast, strict = _both(data, monkeypatch)
        assert fast == strict


def test_no_name_goes_uncounted() -> None:
    """The count of names written is never below the names: each name is followed by its
    colon once JSON's whitespace is gone, and msgspec takes no other whitespace there."""
    for ws in (b" ", b"\t", b"\r", b"\n", b" \r\n\t "):
        found = fast_parse(b'{"a"' + ws + b':{"b\\\\"' + ws + b':1, "\\"c\\"":2}}')
        assert found is not None and found[1] == 3
    for other in (b"\f", b"\v", b"\x00", b"\xc2\xa0", b"\xe2\x80\xa8", b"\xef\xbb\xbf"):
        assert fast_parse(b'{"a"' + other + b':1, "a": 2}') is None  # msgspec refuses: the strict parse reads it


def test_a_mapping_or_text_does_not_go_through_msgspec(monkeypatch: pytest.MonkeyPatch) -> None:
    from softenv_core.io import dataset_files

    def refuse(data: bytes) -> Any:
        raise AssertionError("fast_parse called")

    monkeypatch.setattr(dataset_files, "fast_parse", refuse)
    dup = TEXT.replace('{"schema": ', '{"schema": "x", "schema": ', 1)
    with pytest.raises(InputError, match="duplicate key"):
        loads_dataset(dup)
    assert loads_dataset(json.loads(TEXT)) == loads_dataset(TEXT) == _DS


def test_two_threads_loading_at_once_keep_their_own_counts() -> None:
    """The counts are per load: a document with a duplicate loaded beside a valid one is
    refused, and the valid one is read, however the threads interleave."""
    good = TEXT.encode()
    dup = _replace('"contacts": [{"id": ', '"contacts": [{"id": "X", "id": ')
    wrong: list[str] = []

    def work(data: bytes, valid: bool) -> None:
        for _ in range(15):
            answer = _answer(data)
            if (answer == _DS) != valid or (not valid and "duplicate key" not in str(answer)):
                wrong.append(str(answer)[:200])

    threads = [threading.Thread(target=work, args=(d, d is good)) for d in (good, dup, good, dup)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_the_document_msgspec_decoded_is_let_go_before_the_strict_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document not verified is read again strictly: msgspec's document (and the records
    made of it) must be gone by then (freed, not only unreachable), not held by the exception that sent it back, or an
    invalid province file needs both documents in memory at once."""
    import weakref

    from softenv_core.io import dataset_files

    class Doc(dict[str, Any]):  # the top-level object, as msgspec decoded it, that a weak reference can follow
        pass

    decoded: list[weakref.ref[Doc]] = []
    alive_then: list[bool] = []
    parse, load = dataset_files.fast_parse, dataset_files._load_dataset

    def spy_parse(data: bytes) -> Any:
        found = parse(data)
        assert found is not None
        doc = Doc(found[0])
        decoded.append(weakref.ref(doc))
        return doc, found[1]

    def spy_load(*args: Any, **kwargs: Any) -> Any:
        if not kwargs["fast"]:
            alive_then.append(decoded[0]() is not None)
        return load(*args, **kwargs)

    monkeypatch.setattr(dataset_files, "fast_parse", spy_parse)
    monkeypatch.setattr(dataset_files, "_load_dataset", spy_load)
    for data in (_replace('"生产经营平稳"', '"生产\\":经营"'), _replace('"version": 2', '"version": 2, "x": 1')):
        decoded.clear()
        _answer(data)
        assert len(decoded) == 1
    assert alive_then == [False, False]
