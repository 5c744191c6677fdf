"""Record text as an xlsx cell: shown, never run. Every xlsx the library writes puts its record
text through :func:`shown` and :func:`formula_like` (DESIGN principle 8, inert text): the
results workbooks of ``assess``/``yearend`` (openpyxl) by :func:`xlsx_cell`, the office workbook
of ``softenv init``/``export`` (XlsxWriter) by io/workbook_write's own writer.

Two dangers, both from record text (a name, an item text, a note):

- openpyxl stores a string beginning with ``=`` as a live formula (XlsxWriter's ``write`` too,
  unless told otherwise): an enterprise named
  ``=HYPERLINK("http://…"&B3,"点此")`` would become a link in Excel or WPS. Such text, and text
  that a spreadsheet would take for a formula once a clerk edits the cell (``+ - @``, also after
  spaces or zero-width characters, or starting with a tab or a line break), is written as a
  string cell with Excel's quote prefix: the value read back is the text itself, unchanged.
- an xlsx file is XML 1.0, which cannot hold most C0 controls, U+FFFE/U+FFFF or lone
  surrogates (openpyxl and lxml raise). Those, and every other character that acts rather
  than shows (:func:`acts`: C1 controls, bidi marks and overrides, zero-width and TAG
  characters, line separators: the Markdown escape's rule) are shown as visible symbols
  (␋, <U+FFFE>, <U+200B>), as in the Word report, rather than dropped or crashing; tab,
  line feed and carriage return are kept (a note's line breaks round-trip). The dataset workbook
  (export, then import) writes them by :func:`held`, all as ``<U+HHHH>``, and reads them back by
  :func:`unheld`: the cell shows the character, never holds it, and the record comes back as it
  was (x40: export then import turned a record's U+200B into the text ``<U+200B>``).
  The one raw separator the dataset workbook writes is :data:`LINE_IN_ITEM`, a line break within
  one of a ``lines`` cell's texts (a work plan's 目标): it stands for a line break, nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from softenv_core.io.cell_errors import CellError


def acts(ch: str) -> bool:
    """Whether ``ch`` acts rather than shows: a control, a format character (bidi, zero-width,
    TAG) or a separator. The one rule of every medium (DESIGN principle 8): the Markdown and
    terminal escapes (render/escape.py), the Word report and the workbooks show such a
    character visibly. It lives here, below render, because the workbooks are written from io."""
    if ch in " \u3000":  # ordinary and ideographic spaces are text
        return False
    # Cc: C0/C1 controls (ESC starts ANSI/OSC sequences; XML cannot hold most C0); Cf: format
    # characters, among them the bidi marks, overrides and isolates (U+061C, U+200E/F,
    # U+202A-202E, U+2066-2069), zero-width ones, the BOM and the invisible TAG characters;
    # Zl/Zp: line and paragraph separators; Cs: lone surrogates (XML cannot hold them); Co/Cn:
    # private or unassigned (among them U+FFFE/U+FFFF, which XML cannot hold).
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


#: A line break within one item of a ``lines`` cell (a work plan's 目标, one a line): the dataset
#: workbook writes a target's own line break as U+2028 LINE SEPARATOR, and the import reads it back
#: as a line break. A cell never holds it otherwise: :func:`shown` writes a record's own U+2028 as
#: ``<U+2028>``. Written as a line break, a target "第一行\n第二行" came back as two targets (x24).
LINE_IN_ITEM = "\u2028"

# A spreadsheet skips these before deciding whether an edited cell is a formula.
_SKIP = " \t\r\n\u00a0\u3000"
_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # also full-width
#: A printable text whose first character is none of these is written as it is: :func:`shown`
#: leaves it unchanged and it is never :func:`formula_like` (a format character is not printable).
#: The check most texts (names, codes, dates) need, without a call: the dataset workbook's writer
#: makes it for each of a province's millions of cells.
RISKY_FIRST = frozenset(_SKIP + "".join(_FORMULA))


def _show(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀-style control pictures, as in the Word report
    return "\u2421" if code == 0x7F else f"<U+{code:04X}>"


def shown(text: str, keep: str = "\t\n\r") -> str:
    """``text`` with every character that an XML document (xlsx, docx) cannot hold or that
    would act shown visibly; the line-break and tab characters in ``keep`` are left as they are
    (a workbook keeps all three, the Word report shows a CR)."""
    if text.isprintable():
        return text  # the usual case, at C speed: every shown character is unprintable
    return "".join(_show(ch) if ch not in keep and acts(ch) else ch for ch in text)


#: How the dataset workbook (export, then import) holds a character that acts: ``<U+HHHH>``, 4 to 6
#: upper-case hex digits. :func:`held` writes it, :func:`unheld` reads it back.
_HELD = re.compile(r"<U\+([0-9A-F]{4,6})>")


def _held_literal(m: re.Match[str]) -> str:
    # A record's own text shaped as the notation: its "<" written in it, so it reads back as typed.
    return "<U+003C>" + m[0][1:] if int(m[1], 16) <= 0x10FFFF else m[0]


def held(text: str, keep: str = "\t\n\r") -> str:
    """``text`` as the dataset workbook (``softenv export``) holds it, for :func:`unheld` to give it
    back exactly on import: every character that acts (:func:`acts`, but those in ``keep``) as
    ``<U+HHHH>``, never raw, and the ``<`` of a record's own ``<U+HHHH>`` as ``<U+003C>``. The
    results workbooks and the Word report, never read back, show C0 controls as ␋ (:func:`shown`);
    here one notation, so that a record's own ␋ stays a ␋ and the reader's check is a substring."""
    if "<U+" in text:
        text = _HELD.sub(_held_literal, text)
    if text.isprintable():
        return text
    return "".join(f"<U+{ord(ch):04X}>" if ch not in keep and acts(ch) else ch for ch in text)


def _unheld_one(m: re.Match[str]) -> str:
    code = int(m[1], 16)
    return chr(code) if code <= 0x10FFFF else m[0]


def unheld(text: str) -> str:
    """A dataset workbook cell's text as the record holds it: each ``<U+HHHH>`` the character it
    names (:func:`held`'s inverse; a clerk's own ``<U+200B>`` is that character too)."""
    return _HELD.sub(_unheld_one, text) if "<U+" in text else text


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would (or, once the cell is edited, could) run ``text`` as a formula."""
    first = text[:1]
    if first not in RISKY_FIRST and (not first or unicodedata.category(first) != "Cf"):
        return False
    if first in ("\t", "\r", "\n"):
        return True
    rest = text.lstrip(_SKIP)
    while rest and unicodedata.category(rest[0]) == "Cf":
        rest = rest[1:].lstrip(_SKIP)
    return rest.startswith(_FORMULA)


# Every underscore that starts an _xHHHH_ escape, also one that ends the escape before it.
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
# What XML cannot hold, written as Excel's _xHHHH_ escape (the cell's text is unchanged).
_UNHELD = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def markup_escaped(text: str, quote: bool = False) -> str:
    """``text`` with &, < and > escaped (and with ``quote`` the quotes): ``html.escape(text,
    quote)``, written out in its order (tests/test_workbook_xml_text.py compares the two). The
    html module imports html.entities, a table of 2,000 names that every `softenv assess`
    loaded for the workbook's and the HTML's escapes (issue 21); xml.sax.saxutils' escape
    imports urllib, http.client and ssl."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text


def inline_text(text: str) -> str:
    """``text`` as the dataset workbook's writer (XlsxWriter, ``constant_memory``) puts it into
    an inline string cell, for :class:`~softenv_core.io.workbook_write`'s worksheet to use in
    place of XlsxWriter's own escape, which two record texts got past (DESIGN principle 8):

    - Excel (and python-calamine) read ``_xHHHH_`` in a cell's text as the character HHHH, so a
      literal one is written with its underscore escaped (``_x005F_``). XlsxWriter escapes only
      non-overlapping ones: ``_x005F_x000A_`` came back with a line break (a 目标 split in two),
      ``_x005F_x202E_`` showed a bidi override in Excel. Here every such underscore is escaped.
    - XlsxWriter writes a string that starts with ``<r>`` and ends with ``</r>`` into the sheet
      as rich-text XML, unescaped: a record text could add a live ``HYPERLINK`` formula cell or
      make the sheet unreadable (``<r>&</r>``). Such a text is written here as the one plain
      run of a rich string, escaped, which XlsxWriter then writes as it is.
    """
    if "_x" in text:
        text = _ESCAPE_START.sub("_x005F_", text)
    if not text.isprintable():
        text = _UNHELD.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'<r><t xml:space="preserve">{markup_escaped(text)}</t></r>'
    return text


def xlsx_text(value: str) -> str:
    """The text :func:`xlsx_cell` puts in a results workbook's cell for ``value``: shown visibly,
    each literal ``_xHHHH_`` with its underscore escaped."""
    text = shown(value)
    return _ESCAPE_START.sub("_x005F_", text) if "_x" in text else text


def xlsx_cell(ws: Any, value: Any) -> Any:
    """``value`` as it goes into a row of the write-only sheet ``ws``: a string made visible and,
    when formula-like, a string cell with the quote prefix; any other value as it is. A literal
    ``_xHHHH_`` gets its underscore escaped (``_x005F_``), as :func:`inline_text` does: openpyxl
    writes it as it is, and Excel would show the character it names (a county named
    ``示范_x000A_区`` broke its line, ``_x202E_`` reversed the text after it: x24)."""
    if not isinstance(value, str):
        return value
    text = xlsx_text(value)
    if not formula_like(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, text)
    # openpyxl made "=…" a formula on assignment; the type set afterwards keeps it a string.
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel/WPS keep it text when a clerk edits the cell
    return cell


def visible_code(text: str) -> str:
    """An id or code cell's text, refused when it holds a format character (zero-width space,
    joiner, word joiner, BOM, bidi mark: Unicode Cf) named by its code point: pasted from a web
    page or a chat, ``P379902-001`` with U+200B in it looked right and was refused as 编号无效
    (clerk c61 04)."""
    hidden = [(i, ch) for i, ch in enumerate(text, 1) if unicodedata.category(ch) == "Cf"]
    if not hidden:
        return text
    marks = "、".join(dict.fromkeys(f"U+{ord(ch):04X}" for _, ch in hidden))
    raise CellError(
        f"含不可见字符 {marks}（第 {'、'.join(str(i) for i, _ in hidden)} 个字符，多是从网页或聊天中复制带来的）："
        "编号、代码中不能有看不见的字符，请删去该字符，或把这个单元格清空后重新键入"
    )


__all__ = [
    "LINE_IN_ITEM",
    "RISKY_FIRST",
    "acts",
    "formula_like",
    "held",
    "inline_text",
    "markup_escaped",
    "shown",
    "unheld",
    "visible_code",
    "xlsx_cell",
    "xlsx_text",
]
