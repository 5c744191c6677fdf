"""One sheet of a results workbook as openpyxl writes it: number formats by header, widths,
wrapped rows' heights, frozen panes, a filter, the printed page, and the check that a text fits
an Excel cell. render/xlsx_results builds the rows of the results workbook; this module writes
them (split from it, a module for the rows and one for the sheets). openpyxl (the ``office``
extra) is imported only when a sheet is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from softenv_core.errors import SoftenvError
from softenv_core.io.workbook_text import xlsx_cell, xlsx_text
from softenv_core.io.workbook_write import DAY_FORMAT
from softenv_core.render.xlsx_counties import MONTH_HEADER, MONTH_WIDTH
from softenv_core.render.xlsx_counties import cell_width as _width

#: Number formats by header: scores with two places, rates as percentages.
_SCORE_HEADERS = {"合规得分", "总分", "得分", "Compliance", "Total", "Score"}
_RATE_HEADERS = {"响应率", "解决率", "满意率", "综合", "Response", "Resolution", "Satisfaction", "Combined"}


def empty_row(headers: Sequence[str], whole: bool, zh: bool) -> list[Any]:
    """An empty sheet says why, rather than leave its header row alone (t5 06): nothing of the
    kind in the year, or (outside the city office, not ``whole``) a table this reader is not given."""
    if whole:
        why = "无" if zh else "none"
    else:
        why = "无（或本阅读范围不含此表）" if zh else "none, or not given to this audience"
    return [why, *([""] * (len(headers) - 1))]


def sheet_styles() -> dict[str, Any]:
    """The header row's font, fill and alignment and the wrapped cells' alignments, made once for
    a workbook's cells (made for each cell, they cost a county's results workbook a tenth of its
    time); each call its own, as openpyxl's style objects can be changed."""
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "bold": Font(bold=True),
        "fill": PatternFill("solid", fgColor="DDEBF7"),
        "head": Alignment(wrap_text=True, vertical="center"),
        "top": Alignment(wrap_text=True, vertical="top"),
        "bottom": Alignment(wrap_text=True, vertical="bottom"),
    }


def write_sheet(
    wb: Any, title: str, headers: Sequence[str], rows: Sequence[Any], frozen_cols: int, styles: dict[str, Any]
) -> None:
    """One sheet: widths, number formats, frozen panes, a filter and a styled header row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import ColumnDimension

    ws = wb.create_sheet(title)
    _print_setup(ws)
    formats: dict[int, str] = {}
    widths: list[int] = []
    for i, h in enumerate(headers):
        letter = get_column_letter(i + 1)
        widths.append(_column_width(h, [r[i] for r in rows[:200]]))
        ws.column_dimensions[letter] = ColumnDimension(ws, index=letter, width=widths[-1])
        if h in _SCORE_HEADERS:
            formats[i] = "0.00"
        elif h in _RATE_HEADERS:
            formats[i] = "0.00%"  # two places, as the reports show a rate: not rounded again
    ws.freeze_panes = f"{get_column_letter(frozen_cols + 1)}2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    head = []
    for h in headers:
        # A header may be a county plugin's rule title: text like any record's, never a formula.
        cell = xlsx_cell(ws, h)
        if isinstance(cell, str):  # plain text: a cell of its own to carry the header's style
            cell = WriteOnlyCell(ws, cell)
        cell.font, cell.fill, cell.alignment = styles["bold"], styles["fill"], styles["head"]
        head.append(cell)
    _row_height(ws, 1, headers, widths)
    ws.append(head)
    for n, row in enumerate(rows, start=2):
        _row_height(ws, n, row, widths)
        out: list[Any] = []
        for i, v in enumerate(row):
            # A Decimal in a column without a format is a score: the point sheet's item columns
            # are named by their rules' titles, so not in _SCORE_HEADERS (t11 10: 得分两位小数).
            fmt = formats.get(i) or ("0.00" if isinstance(v, Decimal) else _DAY if _day(v) else None)
            if fmt and v is not None and not isinstance(v, str):
                cell = WriteOnlyCell(ws, v)
                cell.number_format = fmt
                out.append(cell)
            elif isinstance(v, str) and ("\n" in v or _width(v) + 2 > widths[i]):
                # Several lines, or longer than its column: all shown, wrapped within the column
                cell = xlsx_cell(ws, v)
                if isinstance(cell, str):  # plain text: a cell of its own to carry the wrap
                    cell = WriteOnlyCell(ws, cell)
                # A line list reads from the top; a wrapped status sits on the row's last line
                # with the unwrapped cells beside it, which Excel puts at the bottom.
                cell.alignment = styles["top" if "\n" in v else "bottom"]
                out.append(cell)
            else:
                out.append(xlsx_cell(ws, v))  # record text shown, never a formula
        ws.append(out)


#: The most characters an Excel cell holds (Excel's specifications and limits).
_CELL_MOST = 32_767
#: The most characters one character of a record's text takes as shown (``<U+10FFFF>``).
_WIDEST = len("<U+10FFFF>")
#: The highest row Excel has, in points (its specifications and limits): 28 lines asked more (x51 02).
_HIGHEST = 409


def fits(title: str, n: int, row: Sequence[Any]) -> None:
    """SoftenvError naming the cell of row ``n`` whose text, as shown (a character takes
    :data:`_WIDEST` at most: shorter texts are not looked at), is longer than an Excel cell
    holds: openpyxl cut it there without a word (attacker x41 03: a work plan's targets, any
    number of them, joined in one cell; an invisible character shown as ``<U+200B>``). The
    dataset workbook's export refuses such a text too (io.workbook_write)."""
    for i, v in enumerate(row):
        if isinstance(v, str) and len(v) > _CELL_MOST // _WIDEST and len(text := xlsx_text(v)) > _CELL_MOST:
            from openpyxl.utils import get_column_letter

            cell = f"{title}!{get_column_letter(i + 1)}{n}"
            raise SoftenvError(
                f"{cell}: a text of {len(text):,} characters is longer than an Excel cell holds (32,767); "
                "the JSON and Markdown outputs hold it whole",
                zh=(
                    f"{cell}：文字共 {len(text):,} 字，超过 Excel 单元格的上限 32,767 字；JSON 和 Markdown 输出中有全文"
                ),
            )


#: A column's width at most, in Excel's characters: any longer text wraps within it. Sized to
#: the longest value (up to 60), the 县区 sheet was 258 characters wide and, fitted to one A4
#: page's width, printed at about 4 pt (the clerk's finding 11); now about 200, some 8 pt on
#: paper. A month's column holds its widest one-line status (MONTH_WIDTH, render/xlsx_counties).
_TEXT_WIDTH = 28


#: A day (an effective or filing date) is an Excel date shown as the dataset's workbook shows
#: one: a text "2025-04-01" sorted and filtered as text, not as a date (c21).
_DAY = DAY_FORMAT


def _day(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _column_width(header: str, values: Sequence[Any]) -> int:
    """A column's width: its longest value (or header) plus a margin, at least 8 and at most
    MONTH_WIDTH for a month's column, _TEXT_WIDTH for any other (longer text wraps)."""
    longest = max([_width(header), *(_width(v) for v in values)])
    cap = MONTH_WIDTH if MONTH_HEADER.match(header) else _TEXT_WIDTH
    return min(max(longest + 2, 8), cap)


def _row_height(ws: Any, index: int, row: Sequence[Any], widths: Sequence[int]) -> None:
    """Give row ``index`` (before it is written) the height of its tallest wrapped cell: Excel and
    LibreOffice keep a row at its default height on opening a file, so a wrapped status showed
    its first line only. A line is 15 points (11-point text); a column of width w holds about
    w - 1 characters."""
    lines = 1
    for value, width in zip(row, widths, strict=True):
        if isinstance(value, str):
            per = max(width - 1, 1)
            lines = max(lines, sum(-(-_width(part) // per) or 1 for part in value.split("\n")))
    if lines > 1:
        from openpyxl.worksheet.dimensions import RowDimension

        ws.row_dimensions[index] = RowDimension(ws, index=index, ht=min(15 * lines, _HIGHEST))


def _print_setup(ws: Any) -> None:
    """Printed for the leadership: A4 landscape, every column on one page's width, the header
    row repeated on each page (without it a county's results printed on some 20 portrait pages);
    narrow margins (1 cm at the sides), the width the columns have to share."""
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4 (openpyxl: Worksheet.PAPERSIZE_A4)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


__all__ = ["empty_row", "fits", "sheet_styles", "write_sheet"]
