"""Record text as an xlsx cell: shown, never run. Every xlsx the library writes (the office
workbook of ``softenv init``/``export``, the results workbooks of ``assess``/``yearend``) puts
its row values through :func:`xlsx_cell` (DESIGN principle 8, inert text).

Two dangers, both from record text (a name, an item text, a note):

- openpyxl stores a string beginning with ``=`` as a live formula: an enterprise named
  ``=HYPERLINK("http://…"&B3,"点此")`` would become a link in Excel or WPS. Such text, and text
  that a spreadsheet would take for a formula once a clerk edits the cell (``+ - @``, also after
  spaces or zero-width characters, or starting with a tab or a line break), is written as a
  string cell with Excel's quote prefix: the value read back is the text itself, unchanged.
- an xlsx file is XML 1.0, which cannot hold most C0 controls, U+FFFE/U+FFFF or lone
  surrogates (openpyxl and lxml raise). Those, C1 controls and bidi overrides are shown as
  visible symbols (␋, <U+FFFE>), as in the Word report, rather than dropped or crashing; tab,
  line feed and carriage return are kept (a note's line breaks round-trip). Shown characters do
  not round-trip: the workbook says what the record held, it cannot hold the character itself.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Characters shown rather than written: C0 controls (XML cannot hold them; tab, LF and CR only
# when the caller does not keep them), DEL and C1 controls, bidi marks/overrides/isolates (they
# reorder what is read), lone surrogates and the noncharacters U+FFFE/U+FFFF (XML cannot hold them).
_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# A spreadsheet skips these before deciding whether an edited cell is a formula.
_SKIP = " \t\r\n\u00a0\u3000"
_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # also full-width
# A text whose first character is none of these (nor a format character) is never formula-like:
# the check most texts (names, codes, dates) need, without a loop.
_RISKY_FIRST = frozenset(_SKIP + "".join(_FORMULA))


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
    return _SHOWN.sub(lambda m: m.group() if m.group() in keep else _show(m.group()), text)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would (or, once the cell is edited, could) run ``text`` as a formula."""
    first = text[:1]
    if first not in _RISKY_FIRST and (not first or unicodedata.category(first) != "Cf"):
        return False
    if first in ("\t", "\r", "\n"):
        return True
    rest = text.lstrip(_SKIP)
    while rest and unicodedata.category(rest[0]) == "Cf":
        rest = rest[1:].lstrip(_SKIP)
    return rest.startswith(_FORMULA)


def xlsx_cell(ws: Any, value: Any) -> Any:
    """``value`` as it goes into a row of the write-only sheet ``ws``: a string made visible and,
    when formula-like, a string cell with the quote prefix; any other value as it is."""
    if not isinstance(value, str):
        return value
    text = shown(value)
    if not formula_like(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, text)
    # openpyxl made "=…" a formula on assignment; the type set afterwards keeps it a string.
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel/WPS keep it text when a clerk edits the cell
    return cell


def xlsx_row(ws: Any, values: list[Any]) -> list[Any]:
    """A row's values through :func:`xlsx_cell`; the common cell (not text, or printable text
    not starting with a risky character: then it is its own cell) without the call, since a
    province's export has millions of cells."""
    return [
        v if v.__class__ is not str or (v.isprintable() and v[:1] not in _RISKY_FIRST) else xlsx_cell(ws, v)
        for v in values
    ]


__all__ = ["formula_like", "shown", "xlsx_cell", "xlsx_row"]
