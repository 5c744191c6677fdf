"""io.workbook_text.markup_escaped is ``html.escape``, written out so that the library does not
import the html module and its entity table (issue 21): a rich-text-looking workbook cell and
render.escape.html_text go through it."""

from __future__ import annotations

import html

from hypothesis import example, given
from hypothesis import strategies as st

from softenv_core.io.workbook_text import inline_text, markup_escaped


@given(st.text(st.sampled_from("&<>\"'a;amp") | st.characters(codec="utf-8"), max_size=12))
@example("<r>&amp;</r>")
@example("&lt;&&gt;")
def test_the_escape_is_html_escape_with_and_without_quotes(text: str) -> None:
    assert markup_escaped(text) == html.escape(text, quote=False)
    assert markup_escaped(text, quote=True) == html.escape(text, quote=True)


def test_a_rich_text_looking_cell_is_one_escaped_plain_run() -> None:
    assert inline_text("<r>a & <b></r>") == '<r><t xml:space="preserve">&lt;r&gt;a &amp; &lt;b&gt;&lt;/r&gt;</t></r>'
