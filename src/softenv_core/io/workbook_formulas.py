"""Cells showing a formula's error (#NAME?, #VALUE!, #REF!, #DIV/0!, #N/A), or a formula with no
saved result: named at their cell, never read as empty (tester t5 05). And a volatile formula
(=NOW(), =TODAY(), RAND, OFFSET, INDIRECT…): its saved result is the moment of the last save or
recalculation, not what the clerk filled in (a report stamped =NOW() on 3 April and saved again on
9 April read as filed on 9 April: clerk c52 01), so it is refused at its cell too.

A clerk types a line of text starting with ``=`` or ``-`` ("-电话无人接听"); Excel and WPS make it
a formula, show ``#NAME?`` and save that error as the cell's value. python-calamine gives such a
cell as an empty string, so an optional note was lost without a word and a required text was
"必填,不能为空" while the clerk saw ``#NAME?``. The size check (io/workbook_limits.py) already
streams every sheet's XML; it notes the sheets that hold an error value or a formula, and only
those are read again here, for where those cells are.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from softenv_core.io.workbook_schema import FIRST_ROW

#: In a sheet's XML: an error value (``t="e"``), or a formula (``<f>``, namespaced or not).
FLAGS = (b' t="e"', b"<f>", b"<f ", b":f>", b":f ")
_PIECE = 1 << 24
_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_VALUE = re.compile(re.escape(FLAGS[0]))
#: Every formula flag ends in ``f>`` or ``f ``: one search led by a single byte (sre scans for it
#: at C speed) rules the four out together, where four substring searches took 4 × as long.
_FORMULA_END = re.compile(rb"f[ >]")

_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f(\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)")
_SHARED_INDEX = re.compile(rb'\bsi="(\d+)"')
_STRING_LITERAL = re.compile(r'"[^"]*"')
#: The functions Excel recalculates on every opening and save, with or without the ``_xlfn.``
#: prefix newer functions are saved with, in any case; not inside a name (MYNOW) or a string.
_VOLATILE = re.compile(
    r"(?<![\w.])(?:_xlfn\.|_xlws\.)?(NOW|TODAY|RANDBETWEEN|RANDARRAY|RAND|OFFSET|INDIRECT)\s*\(", re.IGNORECASE
)

#: Why a cell shows an error, in the clerk's words: what she typed, and what to do.
_TYPED_AS_FORMULA = "以 = 或 - 开头的文字被 Excel 当作公式；请在前面加英文单引号 ' 或改写"


def holds_flag(data: bytes) -> bool:
    """Whether a piece of a sheet's XML holds any of :data:`FLAGS` (an error value or a formula):
    the same answer as ``any(f in data for f in FLAGS)``, in about a fifth of its time (1.2 s of
    a tenth-of-province import: docs/performance.md)."""
    if _ERROR_VALUE.search(data) is not None:
        return True
    return _FORMULA_END.search(data) is not None and any(f in data for f in FLAGS[1:])


class FormulaCell:
    """A cell whose value the file does not hold as typed: a formula's error, or a formula whose
    result was never saved. The reader refuses it at its cell with :attr:`problem`."""

    __slots__ = ("problem", "shown")

    def __init__(self, shown: str, formula: bool = True, volatile: str = "") -> None:
        self.shown = shown  # what the clerk sees in the cell (#NAME?), "" when nothing was saved
        if volatile:  # shown is then the formula, as the clerk sees it in the formula bar
            self.problem = _volatile_problem(shown, volatile.upper())
        elif shown and formula:
            self.problem = f"单元格显示公式错误 {shown}：{_TYPED_AS_FORMULA} (formula error)"
        elif shown:  # #N/A typed into a cell is an error value too, not text
            self.problem = (
                f"单元格是 Excel 的错误值 {shown}，不是文字；"
                "不填请留空，要写这几个字请在前面加英文单引号 ' (error value)"
            )
        else:
            self.problem = (
                "单元格是公式，文件中没有保存它的结果；请在 Excel 中打开后保存，或直接填写值 (formula without a value)"
            )

    def __str__(self) -> str:
        return self.shown


def _volatile_problem(formula: str, function: str) -> str:
    """A volatile formula's refusal: what its saved result is, and how to keep the value."""
    keep = "（可先复制、再“选择性粘贴—数值”）"
    if function in ("NOW", "TODAY"):
        what = "时刻" if function == "NOW" else "日期"
        return (
            f"公式 {formula} 的结果是每次打开、保存工作簿时的{what}，不是填写时的{what}；"
            f"请直接写出{'时间' if function == 'NOW' else '日期'}{keep} (volatile formula {function})"
        )
    return (
        f"公式 {formula} 用了 {function}，每次打开、保存工作簿时都会重新计算，文件中的结果不一定是填写时的值；"
        f"请直接写出值{keep} (volatile formula {function})"
    )


def volatile_function(formula: str, names: dict[str, str] | None = None) -> str:
    """The first volatile function a formula's text calls ("" for none), string literals aside;
    with ``names`` (a defined name, case-folded → the volatile function behind it), also one
    called through a defined name (=今天, 今天 := TODAY(): attacker x65 05)."""
    text = _STRING_LITERAL.sub("", formula)
    m = _VOLATILE.search(text)
    if m:
        return m[1]
    lookup = names or {}
    for name in _NAME_USED.findall(text) if lookup else ():
        if (function := lookup.get(name.casefold())) is not None:
            return function
    return ""


#: A name a formula may use (a defined name, a function's, a cell's): letters, digits, _ . \ ,
#: not in a sheet's name (before !); a defined name is looked up in the workbook's.
_NAME_USED = re.compile(r"(?<![\w.!'])[^\W\d][\w.\\]*(?![\w.!(])")
_DEFINED_NAME = re.compile(rb"<(?:\w+:)?definedName\b([^>]*)>([^<]*)</(?:\w+:)?definedName>")
_NAME_ATTR = re.compile(rb'\bname="([^"]*)"')
#: How deep names defined by names are followed (a name's own loop ends there).
_NAME_DEPTH = 8


def volatile_names(z: zipfile.ZipFile) -> dict[str, str]:
    """The workbook's defined names (case-folded) whose definition calls a volatile function,
    directly or through other names (to :data:`_NAME_DEPTH` levels), with that function."""
    try:
        xml = z.read("xl/workbook.xml")
    except KeyError:  # not an .xlsx (an .ods): its names are not looked at
        return {}
    defined: dict[str, str] = {}
    for attrs, text in _DEFINED_NAME.findall(xml):
        name = _NAME_ATTR.search(attrs)
        if name is not None:
            defined[html.unescape(name[1].decode("utf-8", "replace")).casefold()] = html.unescape(
                text.decode("utf-8", "replace")
            )
    found = {n: f for n, text in defined.items() if (f := volatile_function(text))}
    for _ in range(_NAME_DEPTH):
        more = {n: f for n, text in defined.items() if n not in found and (f := volatile_function(text, found))}
        if not more:
            break
        found |= more
    return found


def _volatile(
    inner: bytes, shared: dict[bytes, tuple[str, str]], names: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """(the formula as shown, its volatile function) of a cell's XML, or None. A shared formula's
    later cells hold only its index (``<f t="shared" si="0"/>``): the text is its first cell's."""
    m = _FORMULA_TEXT.search(inner)
    if m is None:
        return None
    attrs, text = m[1] or b"", m[2]
    index = _SHARED_INDEX.search(attrs)
    if not text:
        return shared.get(index[1]) if index else None
    formula = "=" + html.unescape(text.decode("utf-8", "replace"))
    function = volatile_function(formula, names)
    if index:
        shared[index[1]] = (formula, function)
    return (formula, function) if function else None


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _rows(z: zipfile.ZipFile, part: str) -> list[bytes]:
    """The sheet's XML in pieces cut after a ``</row>``, so that no cell is split."""
    out, tail = [], b""
    with z.open(part) as fh:
        while chunk := fh.read(_PIECE):
            data = tail + chunk
            cut = data.rfind(b"</row>")
            cut = cut + 6 if cut >= 0 else 0
            out.append(data[:cut])
            tail = data[cut:]
    out.append(tail)
    return out


def formula_cells(path: Path, parts: dict[str, str]) -> dict[str, dict[tuple[int, int], FormulaCell]]:
    """Sheet name → (0-based row, 0-based column) → the cell, of the record rows of each sheet in
    ``parts`` (sheet name → its XML member): error values, formulas with no saved result, and
    volatile formulas."""
    found: dict[str, dict[tuple[int, int], FormulaCell]] = {}
    with zipfile.ZipFile(path) as z:
        names = volatile_names(z)
        for sheet, part in parts.items():
            cells: dict[tuple[int, int], FormulaCell] = {}
            shared: dict[bytes, tuple[str, str]] = {}  # a shared formula's index → its text
            for data in _rows(z, part):
                for m in _CELL.finditer(data):
                    attrs, inner = m[1], m[2] or b""
                    ref = _REF.search(attrs)
                    formula = _FORMULA.search(inner) is not None
                    volatile = _volatile(inner, shared, names) if formula else None
                    if ref is None or int(ref[2]) < FIRST_ROW:
                        continue  # the header rows hold no record; a cell without r cannot be placed
                    value = _VALUE.search(inner)
                    if b't="e"' in attrs:
                        cell = FormulaCell(value[1].decode("utf-8", "replace") if value else "#VALUE!", formula)
                    elif formula and (value is None or not value[1]):
                        cell = FormulaCell("", formula)
                    elif volatile is not None:
                        cell = FormulaCell(volatile[0], volatile=volatile[1])
                    else:
                        continue
                    cells[(int(ref[2]) - 1, _col(ref[1]))] = cell
            if cells:
                found[sheet] = cells
    return found


__all__ = ["FLAGS", "FormulaCell", "formula_cells", "holds_flag", "volatile_function", "volatile_names"]
