"""io.json_inert.inert_json returns a text that str.isprintable accepts (its line breaks taken
out) as it is, without searching it (issue 21): that is exact only if no character it would
escape is printable. Checked here over every code point."""

from __future__ import annotations

import json
import sys

from hypothesis import given
from hypothesis import strategies as st

from softenv_core.io.json_inert import _MAY_ACT, inert_json
from softenv_core.io.workbook_text import acts


def test_no_character_that_acts_is_printable() -> None:
    # every code point in one text, _MAY_ACT's single characters found in one pass (not matched
    # one by one: 1.1 million fullmatch calls took two fifths of the test's time)
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    escaped = [ch for ch in _MAY_ACT.findall(every) if ch.isprintable() and acts(ch)]
    assert escaped == []


def test_a_printable_text_comes_back_as_it_is_and_one_that_acts_is_escaped() -> None:
    text = '{\n  "name": "东城中和机械制造有限公司 𠀀",\n  "n": 1\n}'
    assert inert_json(text) is text
    assert inert_json(text.replace("有限", "\u202e有限")) == text.replace("有限", "\\u202e有限")
    assert inert_json('["\u3000\x7f"]') == '["\u3000\\u007f"]'


@given(st.recursive(st.text(st.characters(codec=None), max_size=5), lambda inner: st.lists(inner, max_size=3)))
def test_dumps_escapes_what_acts_whichever_way_the_text_was_written(document) -> None:
    """io.converter.dumps skips the look for characters that act when the fast writer found
    its compact text printable (issue 21): the text is still what inert_json makes of it."""
    from softenv_core.io.converter import dumps

    try:
        expected = inert_json(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except UnicodeEncodeError:
        return
    assert dumps(document) == expected
