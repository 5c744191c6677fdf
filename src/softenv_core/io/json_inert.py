"""JSON text that cannot act on the screen it is shown on: each character that acts rather than
shows (io.workbook_text.acts) written as its ``\\u`` escape (DESIGN principle 8). Split from
io/converter.py, which writes every document through :func:`inert_json` and re-exports it."""

from __future__ import annotations

import re

from softenv_core.io.workbook_text import acts

# Every character that may act rather than show (io.workbook_text.acts: Cc, Cf, Zl, Zp, Cs, Co),
# as Python 3.11's Unicode 14 places them in the BMP, and the whole astral range, where acts
# decides (TAG characters, the private planes). Eighteen ranges searched at C speed (60 ms for
# 9 million characters of Chinese text); one class of every such code point, unassigned ones
# among them, searched a hundred times slower. A BMP character unassigned in Unicode 14 shows
# as a box: it is left as it is.
_MAY_ACT = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U00010000-\U0010ffff]"
)


def _escaped(match: re.Match[str]) -> str:
    ch = match.group()
    if not acts(ch):
        return ch  # an astral character that shows (a rare CJK ideograph of a name)
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # as JSON writes an astral character: a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def inert_json(text: str) -> str:
    """JSON ``text`` with each character that acts rather than shows (a bidi override, a
    zero-width or format character, a C1 control, a line separator: io.workbook_text.acts)
    written as its ``\\u`` escape: the same JSON value, but a terminal, a log viewer or an editor
    showing the text cannot be reordered or hidden by a record's text (DESIGN principle 8).
    Outside strings JSON text is ASCII, so each such character is inside a string."""
    # Every character that acts (Cc, Cf, Zl, Zp, Cs, Co, Cn) is one str.isprintable refuses,
    # and the line breaks of the layout are none of _MAY_ACT's: a text printable once they are
    # taken out has nothing to escape. That look costs a third of the search of _MAY_ACT's
    # eighteen ranges, which was 6 % of `softenv assess --format json` on the city file (issue 21).
    if text.replace("\n", "").isprintable():
        return text
    return _MAY_ACT.sub(_escaped, text)


__all__ = ["inert_json"]
