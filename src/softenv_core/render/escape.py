"""Record text made inert for each medium it reaches: Markdown, HTML, the terminal, CSV.

Text from records (names, item texts, department names, complaint ids, plugin titles, JSON
keys echoed back) is data, never markup or commands. Every renderer and every CLI message
that shows such text passes it through the function of its medium here:

- :func:`terminal`: control characters, ANSI/OSC escape sequences and bidi overrides are
  shown visibly (``\\x1b``, ``<U+202E>``) so that a name cannot recolour, retitle or reorder
  what an official reads in a terminal;
- :func:`md_inline` / :func:`md_cell`: Markdown syntax escaped and line breaks made inert, so
  that an item text cannot add a heading, a link or a table row to a monitoring report; bare
  URLs (``https://``, ``www.``, a bare domain ``evil.cn``) escaped too, so that GFM and
  linkify do not make them links, and ``$``, so that no viewer's math opens a formula;
- :func:`html_text`: ``<script>``, ``<img onerror>`` and quotes escaped, controls visible;
- :func:`csv_cell`: a cell that a spreadsheet would run as a formula (``= + - @``, also after
  leading spaces, tabs or zero-width characters) is prefixed with ``'``.

The functions are pure and total: any ``str`` in, a ``str`` out, never an exception.
"""

from __future__ import annotations

import re

from softenv_core.io.workbook_text import acts, formula_like, markup_escaped

# Line breaks as Unicode defines them (str.splitlines breaks on each of these).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


# What acts rather than shows (a control, a format character, a separator): one rule for every
# medium, the Word report and the workbooks included (io/workbook_text.acts).
_unsafe = acts


def _show(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control, format and separator character shown as a visible escape.

    Characters in ``keep`` (e.g. ``"\\n"`` for a message of several lines that the library
    itself composed) are left as they are.
    """
    if text.isprintable():
        return text  # the usual case, checked at C speed: every unsafe character is unprintable
    return "".join(_show(ch) if ch not in keep and _unsafe(ch) else ch for ch in text)


def terminal(text: object, keep: str = "") -> str:
    """``text`` safe to print on a terminal: no escape sequence, no bidi override survives."""
    return visible(str(text), keep)


# Backslash-escaping any ASCII punctuation is valid CommonMark; these are the characters that
# start inline constructs (emphasis, code, links, images, raw HTML, entities, GFM strikethrough)
# or end a table cell, and ``@``: GFM links a bare e-mail address (and ``mailto:``/``xmpp:``
# ones) in text, and ``a\@b.cn`` renders the same text without the link (review t3/02); and
# ``$``: GitHub, GitLab, VS Code's preview, Typora and Obsidian render ``$…$`` and ``$$…$$`` as
# TeX, so that a matter in dollars printed as a formula (superscripts, a display block: x39 05).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~@$])")
# At the start of a line these begin a block (heading, quote, list, thematic break, setext
# underline); ``1.`` and ``1)`` begin an ordered list.
_MD_BLOCK_START = re.compile(r"^([#>+\-=*]|\d{1,9}[.)])")
# Bare URLs that GFM's autolink extension (GitHub, GitLab, VS Code, Typora, most OA wikis) and
# linkify make live links: ``scheme://`` and ``www.`` (attacker 03). ``https\://`` and
# ``www\.`` are CommonMark escapes that render the same text, and no link.
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])://")
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
# A bare domain (``evil.cn/login``, ``пример.рф``): markdown-it's linkify (linkify-it's fuzzy
# links, on by default; VS Code's preview and OA wikis built on markdown-it) makes it a live
# link without ``://`` or ``www.`` (attacker x31 02). A dot between a letter, digit or hyphen
# and a letter is escaped (``evil\.cn`` renders ``evil.cn``, and splits the text a linkifier
# reads); a decimal (``3.5``) and an id's ``city.duty`` read the same either way.
_DOMAIN_DOT = re.compile(r"(?<=[\w-])\.(?=[^\W\d_])")


def _plain(s: str) -> bool:
    """No Markdown character, no ``://`` and no ``www.``: one character-class search and two
    substring tests, at C speed (one alternation of the three made every cell's test three
    times slower; most cells are ids, dates and counts)."""
    return (
        _MD_INLINE.search(s) is None
        and "://" not in s
        and ("." not in s or (_DOMAIN_DOT.search(s) is None and _WWW.search(s) is None))
    )


#: Whether a text has no Markdown character and no bare-URL mark (what :func:`md_cell` escapes
#: besides breaks and controls): lets a caller check many cells joined at once.
md_plain = _plain
_BREAK = re.compile("\r\n|[" + _LINE_BREAKS + "]")


def flowed(text: str) -> str:
    """``text`` with each line break (CR LF, or any one Unicode counts) as a space: a document's
    text flows, and a record's break starts no line of the Markdown or Word report."""
    return _BREAK.sub(" ", text)


def _one_line(text: str) -> str:
    """Line breaks as a space (a document's text flows), every other control shown visibly."""
    return visible(flowed(text))


def md_cell(text: object) -> str:
    """``text`` as the content of a Markdown (GFM) table cell: one cell, one row, no markup."""
    s = str(text)
    # Most cells (ids, dates, counts, names) need nothing: a printable text has no line break
    # and no control, so without a Markdown character it is its own escape (checked at C speed).
    if s.isprintable() and _plain(s):
        return s
    out = _MD_INLINE.sub(r"\\\1", _one_line(s))
    return _DOMAIN_DOT.sub(r"\\.", _WWW.sub(r"\1\\.", _SCHEME.sub(r"\\://", out)))


def md_inline(text: object) -> str:
    """``text`` as inline Markdown anywhere on a line, the start of a line included.

    Besides what :func:`md_cell` escapes, leading spaces are dropped (four would start a code
    block) and a leading ``#``, ``>``, ``-``, ``+``, ``=``, ``*`` or ``1.`` is escaped (it would
    start a heading, a quote, a list or a setext underline).
    """
    s = str(text)
    # Most texts need nothing: printable (so no break or control, and no leading whitespace
    # but an ordinary space, the only printable one), no Markdown character, not starting
    # with a space or a block mark; then the steps below leave it as it is.
    if s.isprintable() and s[:1] != " " and _plain(s) and _MD_BLOCK_START.match(s) is None:
        return s
    out = md_cell(s).lstrip()
    match = _MD_BLOCK_START.match(out)
    if match:
        mark = match.group(1)
        escaped = mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark
        out = escaped + out[match.end() :]
    return out


def html_text(text: object) -> str:
    """``text`` as HTML text or a quoted attribute value: no tag, no entity, no handler."""
    return markup_escaped(visible(str(text), keep="\n"), quote=True)  # html.escape's (issue 21)


def csv_cell(text: object) -> str:
    """``text`` as a CSV cell that a spreadsheet shows rather than runs.

    A cell whose first significant character (after spaces, tabs, line breaks and zero-width
    or other format characters) is ``= + - @`` is prefixed with ``'``; so is one starting with
    a tab or a line break. Controls other than line breaks and tabs are shown visibly.
    """
    raw = str(text)
    shown = visible(raw, keep="\t\r\n")
    # The spreadsheets' formula rule, one for CSV and xlsx (io/workbook_text).
    return "'" + shown if formula_like(raw) else shown


__all__ = ["csv_cell", "flowed", "html_text", "md_cell", "md_inline", "terminal", "visible"]
