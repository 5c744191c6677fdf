"""Bounds checked before a workbook is read (softenv import), so that memory and time stay bounded.

python-calamine turns each sheet into a dense grid from A1 to its last cell (calamine allocates
it in Rust, then each row becomes a Python list): one cell at XFD1048576 in a 34 KB file asked
for 512 GiB and aborted the process; one at CV1000000 took 4 GB and 31 s. A sheet's ``<dimension
ref>`` may lie, so the extent is found here from the cells' own references, streaming each sheet's
XML in pieces (C-speed regex searches: about half the time of calamine's own read). The zip
members' uncompressed sizes are checked first (zip headers, no decompression), and no text run
may exceed what one Excel cell can hold. Every limit is documented in docs/reliability.md with
the scale it was derived from (docs/office.md tells the clerks).
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path

from softenv_core.io.ods_limits import ods_facts
from softenv_core.io.workbook_formulas import holds_flag
from softenv_core.io.workbook_hidden import Hidden, scan_piece

#: A zip member (one sheet's XML, the shared strings) may not unpack to more than this: the
#: province benchmark's 48 MB workbook (14 million cells) unpacks to ~1.1 GB in all, its largest
#: sheet to ~0.33 GB (estimated from the demo workbook's bytes a row; docs/reliability.md).
MAX_MEMBER_BYTES = 1 << 30
#: Nor the whole workbook.
MAX_BOOK_BYTES = 2 << 30
#: Cells of one sheet's grid (rows × columns from A1 to its last cell): the largest sheet of the
#: province benchmark holds about 6 million; calamine and Python take ~40 bytes a cell.
MAX_SHEET_CELLS = 20_000_000
#: Cells of all a workbook's grids together: the province benchmark holds 14.1 million.
MAX_BOOK_CELLS = 40_000_000
#: Beyond this many cells a grid must be backed by its cells: at most this many grid cells per
#: cell present in the XML (a record sheet has at most 16 columns, some empty): one far cell in
#: a nearly empty sheet is refused however far it is.
SPARSE_FLOOR = 1_000_000
SPARSE_RATIO = 16
#: An Excel cell holds at most 32,767 characters; in XML, at most 6 bytes each (a 4-byte UTF-8
#: character or an entity such as ``&amp;``). The model's longest text field takes 10,000.
MAX_TEXT_BYTES = 32_767 * 6
#: One shared string (an ``<si>`` element, its markup and rich-text runs included): a text split
#: into many short runs passes the per-text bound, so the element is bounded as a whole: an Excel
#: cell's 32,767 characters, each in its own formatted run of at most 128 bytes.
MAX_SHARED_STRING_BYTES = 32_767 * 128
#: The text the cells pointing at shared strings expand to, all the workbook's together. Each
#: such cell gets its own copy when read (calamine clones the string, Python makes a str of it):
#: 50,000 cells pointing at one 32,000-character string took 3.1 GB from a 258 KB file. The
#: province benchmark's whole workbook unpacks to 1.1 GB.
MAX_SHARED_TEXT_BYTES = 1 << 30

_PIECE = 1 << 24  # 16 MiB of XML at a time
_MAX_RAISES = 64  # cells beyond the last one's bound a piece may raise it by before the full read
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
# A cell not written `<c r="A1"` (no reference first, or a namespace prefix: `<x:c`).
_R_LESS = re.compile(rb'<c[>/]|<c\s(?!r="[A-Z])')
_PREFIXED = re.compile(rb":c[\s>/]")  # searched apart: a literal start keeps each search C-speed
_ANY_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
_LAST_REF = re.compile(rb'([A-Z]+)(\d+)"')
_LONG_TEXT = re.compile(rb">[^<]{%d}" % (MAX_TEXT_BYTES + 1))
_SI_END = re.compile(rb"</(?:\w+:)?si>")
_SHARED = b' t="s"'  # a cell whose value is a shared string's index
_SHARED_INDEX = re.compile(rb' t="s"[^>]*>\s*<(?:\w+:)?v>\s*(\d+)')
_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _col_letters(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = _LETTERS[rest] + out
    return out


def _greater(value: str, alphabet: str) -> str:
    """A regex for the strings over ``alphabet`` (digits or column letters, no leading zero)
    that come after ``value``: longer ones, or as long with a greater prefix."""
    every = f"[{alphabet[0]}-{alphabet[-1]}]"
    alts = [f"{every}{{{len(value) + 1},}}"]
    for i, ch in enumerate(value):
        after = alphabet.index(ch) + 1
        if after < len(alphabet):
            rest = len(value) - i - 1
            alts.append(value[:i] + f"[{alphabet[after]}-{alphabet[-1]}]" + (f"{every}{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(alts) + ")"


def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """A cell written `<c r="…"` past row ``rows`` or column ``cols``."""
    col = _greater(_col_letters(cols), _LETTERS) if cols else "[A-Z]"
    row = _greater(str(rows), _DIGITS) if rows else "[0-9]"
    return re.compile(f'<c r="(?:{col}[0-9]|[A-Z]+{row}")'.encode())


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML member, from xl/workbook.xml and its relationships (small parts,
    read with a regex: no XML parser's entity expansion)."""
    try:
        book = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}  # not an xlsx (an .ods): the member sizes still bound it
    targets = {}
    for m in _REL.finditer(rels):
        attrs = dict(_ATTR.findall(m.group()))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[attrs.get(b"Id", b"")] = target if target.startswith("xl/") else "xl/" + target
    parts = {}
    for m in _SHEET.finditer(book):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR.findall(m.group())}
        part = targets.get(attrs.get(b"id", b""))
        if part is not None:
            parts[attrs.get(b"name", b"").decode("utf-8", "replace")] = part
    return parts


def _pieces(z: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The member's XML in pieces cut before a ``<``, so that no tag or text is split."""
    tail = b""
    with z.open(part) as fh:
        while chunk := fh.read(_PIECE):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                cut = len(data)  # one text longer than a piece: text_too_long refuses it
            yield data[:cut]
            tail = data[cut:]
    if tail:
        yield tail


@functools.cache
def _long_pattern(limit: int) -> re.Pattern[bytes]:
    return _LONG_TEXT if limit == MAX_TEXT_BYTES else re.compile(rb">[^<]{%d}" % (limit + 1))


def text_too_long(data: bytes, limit: int = MAX_TEXT_BYTES) -> bool:
    """Whether a text run (after a ``>``) holds more than ``limit`` bytes without a ``<``: the
    answer of ``_LONG_TEXT``, whose search stops at every ``>`` of a piece (0.5 s of a tenth of
    the province). Such a run covers ``limit + 1`` bytes in a row, so it holds one of the
    positions 0, limit + 1, 2 (limit + 1) …: only if the ``<``-free stretch around one of them
    is that long does the search run (C-speed finds, 86 positions in a 16 MiB piece)."""
    step = limit + 1
    for at in range(0, len(data), step):
        before, after = data.rfind(b"<", 0, at), data.find(b"<", at)
        if (after if after >= 0 else len(data)) - before - 1 > limit:
            return _long_pattern(limit).search(data) is not None
    return False


def _piece_extent(data: bytes, rows: int, cols: int) -> tuple[int, int, int]:
    """(last row, last column, cells) of a piece, given those of the pieces before it.

    The usual piece (every cell written `<c r="A1"`, rows in order, as Excel, WPS, LibreOffice
    and openpyxl write) costs three C-speed scans: its last cell is taken as the extent and
    one search confirms no cell lies beyond it. Otherwise every reference is read; a cell
    without one (placed after the previous) counts as a row and a column further: a bound,
    never an underestimate."""
    if _R_LESS.search(data) is None and _PREFIXED.search(data) is None:
        last = data.rfind(b'<c r="')
        if last < 0:
            return rows, cols, 0
        m = _LAST_REF.match(data, last + 6)
        if m is not None:
            r, c = max(rows, int(m[2])), max(cols, _col_number(m[1]))
            # A cell beyond (a header row wider than the piece's last row, say) raises the
            # bound and the search goes on after it: the cells before it were within the lower
            # bound, so within the raised one too. A few raises a piece; many: the full read.
            pos, raises = 0, 0
            while raises < _MAX_RAISES and (b := _beyond(r, c).search(data, pos)) is not None:
                found = _LAST_REF.match(data, b.start() + 6)
                if found is None:
                    break
                r, c = max(r, int(found[2])), max(c, _col_number(found[1]))
                pos, raises = b.end(), raises + 1
            else:
                if raises < _MAX_RAISES:
                    return r, c, data.count(b'<c r="')
    refs = _ANY_REF.findall(data)
    tags = len(_CELL_TAG.findall(data))
    # A cell without a reference goes in its row (numbered, or the one after the last).
    row_refs = [int(r) for r in _ROW_REF.findall(data)]
    row_tags = len(_ROW_TAG.findall(data))
    rows = max([rows, *row_refs, *(int(r) for _, r in refs)])
    if refs:
        cols = max(cols, max(_col_number(c) for c, _ in refs))
    return rows + row_tags - len(row_refs) + tags - len(refs), cols + tags - len(refs), tags


def _extent(
    z: zipfile.ZipFile,
    part: str,
    shared_strings: bool = True,
    flags: list[str] | None = None,
    hidden: Hidden | None = None,
) -> tuple[int, int, int, bool, int]:
    """(last row, last column, cells present, a text too long, cells pointing at a shared
    string: counted only when the workbook has ``shared_strings``) of a sheet's XML. ``flags``
    gets the part when it holds an error value or a formula (io/workbook_formulas.py reads them);
    ``hidden``, its hidden rows and columns (io/workbook_hidden.py), on the same pass."""
    rows = cols = cells = shared = 0
    for data in _pieces(z, part):
        if text_too_long(data):
            return rows, cols, cells, True, shared
        rows, cols, n = _piece_extent(data, rows, cols)
        cells += n
        if shared_strings:
            shared += data.count(_SHARED)
        if flags is not None and (not flags or flags[-1] != part) and holds_flag(data):
            flags.append(part)
        if hidden is not None:
            scan_piece(data, hidden)
    return rows, cols, cells, False, shared


def _shared_lengths(z: zipfile.ZipFile) -> array[int] | str:
    """Each shared string's bytes in the XML (markup included: a bound), in index order; or
    what is wrong (a text or a string too long). Empty when the workbook has none."""
    lengths: array[int] = array("Q")
    names = [i.filename for i in z.infolist() if i.filename.endswith("sharedStrings.xml")]
    if not names:
        return lengths
    end: bytes | None = None  # the closing tag as this file writes it (a prefix or none)
    rest = b""  # the string still open at the end of a piece
    for data in _pieces(z, min(names, key=len)):
        if text_too_long(data):
            return "long text"
        rest += data
        if end is None:
            m = _SI_END.search(rest)
            if m is None:
                if len(rest) > MAX_SHARED_STRING_BYTES:
                    return "long string"
                continue
            end = m.group()
        # The strings split at their closing tags at C speed; the first holds the <sst> header.
        strings = rest.split(end)
        rest = strings.pop()
        lengths.extend(map(len, strings))
        if len(rest) > MAX_SHARED_STRING_BYTES:
            return "long string"
    if lengths and max(lengths) > MAX_SHARED_STRING_BYTES:
        return "long string"
    return lengths


def _shared_text(z: zipfile.ZipFile, part: str, lengths: array[int]) -> int:
    """The bytes of shared strings the sheet's cells point at, each cell counted (an index
    the table lacks counts nothing: the reader refuses it)."""
    n, total = len(lengths), 0
    for data in _pieces(z, part):
        for i in map(int, _SHARED_INDEX.findall(data)):
            if i < n:
                total += lengths[i]
    return total


def _size_problem(z: zipfile.ZipFile, name: str) -> str | None:
    total = 0
    for info in z.infolist():
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            return (
                f"{name}: 工作簿中的 {info.filename} 解压后 {info.file_size:,} 字节，超过上限 {MAX_MEMBER_BYTES:,} 字节"
                "；请分成几个工作簿导入 (workbook part too large when unpacked)"
            )
    if total > MAX_BOOK_BYTES:
        return (
            f"{name}: 工作簿解压后共 {total:,} 字节，超过上限 {MAX_BOOK_BYTES:,} 字节"
            "；请分成几个工作簿导入 (workbook too large when unpacked)"
        )
    return None


def _sheet_problem(sheet: str, rows: int, cols: int, cells: int, long_text: bool) -> str | None:
    if long_text:
        return (
            f"{sheet}: 有单元格的文字超过 Excel 单元格的上限 32,767 字"
            " (a cell's text exceeds Excel's 32,767 characters)"
        )
    area = rows * cols
    if area > MAX_SHEET_CELLS:
        return (
            f"{sheet}: 最后一个单元格在第 {rows:,} 行第 {cols:,} 列，表格共 {area:,} 个单元格，"
            f"超过每个工作表的上限 {MAX_SHEET_CELLS:,}；请删除远处的单元格或分成几个工作簿 (sheet grid too large)"
        )
    if area > SPARSE_FLOOR + SPARSE_RATIO * cells:
        return (
            f"{sheet}: 最后一个单元格在第 {rows:,} 行第 {cols:,} 列，而只有 {cells:,} 个单元格"
            f" (a far cell in a nearly empty sheet: grid {area:,} cells)；请删除远处的单元格（选中空行/列后删除）"
        )
    return None


def workbook_limit_problem(
    path: Path, name: str, flagged: dict[str, str] | None = None, hidden: dict[str, Hidden] | None = None
) -> str | None:
    """The first limit the workbook ``path`` exceeds, in plain Chinese, or None (also when it is
    not a zip: the reader then says what it is). ``flagged`` gets the sheets (name → XML member)
    holding an error value or a formula, found on the way; ``hidden``, each sheet's hidden rows
    and columns (by sheet name)."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with z:
        problem = _size_problem(z, name)
        if problem is not None:
            return problem
        try:
            if "content.xml" in z.NameToInfo and not _sheet_parts(z):
                return _ods_problem(z, name, hidden)
            lengths = _shared_lengths(z)
            if isinstance(lengths, str):
                if lengths == "long text":
                    return _sheet_problem(f"{name}: 共享字符串表", 0, 0, 0, True)
                return (
                    f"{name}: 共享字符串表中有一个字符串超过 {MAX_SHARED_STRING_BYTES:,} 字节"
                    " (a shared string too long, its rich-text runs included)"
                )
            return _sheets_problem(z, name, lengths, flagged, hidden)
        except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            return f"{name}: 无法读取工作簿 (cannot read workbook): {exc}"


def _ods_problem(z: zipfile.ZipFile, name: str, hidden: dict[str, Hidden] | None = None) -> str | None:
    """An OpenDocument spreadsheet's tables, with their repeats expanded (io/ods_limits.py)."""
    long_text = False

    def pieces() -> Iterator[bytes]:
        nonlocal long_text
        for data in _pieces(z, "content.xml"):
            if text_too_long(data):
                long_text = True
                return
            yield data

    facts = ods_facts(pieces())
    if long_text or facts.most_spaces > 32_767 or facts.largest_cell > MAX_SHARED_STRING_BYTES:
        return _sheet_problem(f"{name}: content.xml", 0, 0, 0, True)
    book_cells = 0
    for table in facts.tables:
        if hidden is not None and table.hidden:
            hidden[table.name] = table.hidden
        problem = _sheet_problem(f"{name}: {table.name}", table.rows, table.cols, table.cells, False)
        if problem is not None:
            return problem
        book_cells += table.rows * table.cols
    return _book_problem(name, book_cells, facts.text_bytes)


def _book_problem(name: str, cells: int, text: int) -> str | None:
    """The workbook's grids and the text its cells expand to, together."""
    if cells > MAX_BOOK_CELLS:
        return (
            f"{name}: 各工作表共 {cells:,} 个单元格，超过每个工作簿的上限 {MAX_BOOK_CELLS:,}"
            "；请分成几个工作簿导入 (workbook grids too large)"
        )
    if text > MAX_SHARED_TEXT_BYTES:
        return (
            f"{name}: 单元格共展开为 {text:,} 字节的文字，超过上限 {MAX_SHARED_TEXT_BYTES:,} 字节"
            " (cells expand to too much text: shared or repeated)；请分成几个工作簿导入"
        )
    return None


def _sheets_problem(
    z: zipfile.ZipFile,
    name: str,
    lengths: array[int],
    flagged: dict[str, str] | None = None,
    hidden: dict[str, Hidden] | None = None,
) -> str | None:
    """Each sheet's extent, then the grids and the shared text of the whole workbook."""
    book_cells = 0
    pointing: list[tuple[str, int]] = []  # (sheet part, its cells pointing at a shared string)
    flags: list[str] = []
    for sheet, part in _sheet_parts(z).items():
        found = None if hidden is None else Hidden()
        rows, cols, cells, long_text, shared = _extent(z, part, len(lengths) > 0, flags, found)
        if flagged is not None and part in flags:
            flagged[sheet] = part
        if hidden is not None and found:
            hidden[sheet] = found
        problem = _sheet_problem(f"{name}: {sheet}", rows, cols, cells, long_text)
        if problem is not None:
            return problem
        book_cells += rows * cols
        pointing.append((part, shared))
    # A bound first (every such cell pointing at the longest string): within the limit for any
    # workbook whose strings are short; only beyond it is each cell's string looked up.
    widest = max(lengths, default=0)
    text = sum(n for _, n in pointing) * widest
    if book_cells <= MAX_BOOK_CELLS and text > MAX_SHARED_TEXT_BYTES:
        text = sum(_shared_text(z, part, lengths) for part, n in pointing if n)
    return _book_problem(name, book_cells, text)


__all__ = [
    "MAX_BOOK_BYTES",
    "MAX_BOOK_CELLS",
    "MAX_MEMBER_BYTES",
    "MAX_SHARED_STRING_BYTES",
    "MAX_SHARED_TEXT_BYTES",
    "MAX_SHEET_CELLS",
    "MAX_TEXT_BYTES",
    "SPARSE_FLOOR",
    "SPARSE_RATIO",
    "workbook_limit_problem",
]
