"""JSON outputs keep record text as data, and no character of it acts (DESIGN principle 8):
a bidi override, a zero-width or format character, a C1 control or a line separator in a
record is written as its ``\\u`` escape, so that `softenv … --format json` printed on a terminal
or opened in an editor shows what was recorded, in order (attacker x21, left over)."""

from __future__ import annotations

import json
import unicodedata

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from softenv_core.cli.main import main
from softenv_core.io.converter import canonical, dumps
from softenv_core.io.dataset_files import dataset_json
from softenv_core.testing import small_dataset

_ACTING = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co")


def _acting(text: str) -> list[str]:
    """The characters of ``text`` that act, but the line feeds of JSON's own indentation."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in _ACTING]


@given(st.text(st.characters(codec=None)), st.text(max_size=3))
def test_dumps_writes_no_acting_character_and_reads_back_the_same(text, key):
    doc = {key: text, "list": [text, 1, None]}
    out = dumps(doc)
    assert _acting(out) == []
    assert json.loads(out) == doc


def test_del_is_escaped_in_an_all_ascii_document():
    # t24 (hypothesis): an ASCII document skipped the look for acting characters, and DEL (the
    # one ASCII character the encoder writes raw) went out as it is, in keys and values alike.
    out = dumps({"\x7f": "a\x7fb"})
    assert "\x7f" not in out and out.count("\\u007f") == 2
    assert json.loads(out) == {"\x7f": "a\x7fb"}


def test_an_override_is_escaped_and_ordinary_chinese_text_and_rare_ideographs_are_kept():
    out = dumps({"name": "甲\u202e乙\u3000丙\U00020000\U000e0041"})
    assert "\\u202e" in out and "\u202e" not in out
    assert "\\udb40\\udc41" in out  # a TAG character, as JSON writes an astral character
    assert "甲" in out and "\u3000丙\U00020000" in out  # the ideographic space and ideographs show


def test_assess_json_of_a_dataset_with_an_override_in_a_name_escapes_it(tmp_path, capsys):
    dataset = small_dataset()
    point = dataset.points[0]
    named = attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name="恶意\u202e公司\u200b"))
    path = tmp_path / "d.json"
    path.write_text(dataset_json(attrs.evolve(dataset, points=(named, *dataset.points[1:]))), encoding="utf-8")
    assert main(["assess", str(path), "--year", "2025", "--format", "json", "--audience", "city"]) == 0
    out = capsys.readouterr().out
    assert _acting(out) == []
    assert "恶意\\u202e公司\\u200b" in out
    assert any(p["enterprise"] == "恶意\u202e公司\u200b" for p in json.loads(out)["points"])


_DOCS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@given(_DOCS, _DOCS)
@example(1, 1.0)  # equal in Python, not in JSON text
@example({"a": 1, "b": 2}, {"b": 2, "a": 1})  # key order is part of the text
@example(["\u202e"], ["\u202e"])
def test_canonical_text_is_equal_exactly_when_dumps_text_is(a, b):
    # The plugin kit compares results by io.converter.canonical (compact, C-encoded) where
    # their to_json() text is the contract: the two must agree on every pair of documents.
    assert (canonical(a) == canonical(b)) == (dumps(a) == dumps(b))
    assert json.loads(canonical(a)) == json.loads(dumps(a))
