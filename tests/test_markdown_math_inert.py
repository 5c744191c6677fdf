"""Attacker x39 05: a record's `$` starts no formula in a Markdown report.

GitHub, GitLab, VS Code's built-in preview (markdown.math.enabled, on by default), Typora and
Obsidian render `$…$` and `$$…$$` as TeX: a matter raised as `$^{用工紧张}$` printed in superscript,
`$\\tiny …$`-style texts in a size nobody reads, `$$…$$` as a display block. The Markdown
escape leaves emphasis, strikethrough and links inert (docs/privacy.md, principle 8); `$` is
escaped too (`\\$`, CommonMark's escape of ASCII punctuation: it reads `$` everywhere, and no
math extension opens a formula on it).
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import Item, ItemCategory, Month, get_plugin_manager, monitoring_report
from softenv_core.render.escape import md_cell, md_inline
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing import small_dataset

markdown_it = pytest.importorskip("markdown_it")

_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)(?:\\\\)*\$")


@given(st.text(alphabet=st.sampled_from(list("$\\ab1 ^_{}中")), max_size=30))
def test_no_dollar_of_a_text_is_left_unescaped(text):
    for out in (md_cell(text), md_inline(text)):
        assert _UNESCAPED_DOLLAR.search(out) is None, out


def test_a_matter_in_dollars_reads_as_written_in_the_monitoring_report():
    text = "费用$10^{6}$元 $$\\Huge 已办结$$"
    base = small_dataset(2025)
    contacts = tuple(
        attrs.evolve(c, items=(Item(ItemCategory.FEES, text, "city-amr"),)) if c.items else c for c in base.contacts
    )
    report = monitoring_report(
        attrs.evolve(base, contacts=contacts), Month(2025, 3), get_plugin_manager(autoload=False), audience="city"
    )
    markdown = render_markdown(report, "zh")
    line = next(line for line in markdown.splitlines() if "费用" in line)
    assert _UNESCAPED_DOLLAR.search(line) is None, line
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)
    assert "费用$10^{6}$元 $$\\Huge 已办结$$" in rendered
