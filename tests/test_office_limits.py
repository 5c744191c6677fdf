"""Bounds on a workbook before it is read (attacker findings 03 and 04): one far cell, a huge
text or a huge part is refused with a plain message before python-calamine builds any grid, and
a cell the reader cannot parse is an InputError naming the sheet, never a traceback."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core.errors import InputError

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.io import workbook_limits  # noqa: E402
from softenv_core.io.workbook_formats import number_formats  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import STARTER_NAME  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402
from .weights import examples  # noqa: E402


@pytest.fixture
def not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if python-calamine opens the workbook: the refusal must come first (the test
    allocates nothing: the old code would build a grid of gigabytes here)."""
    import python_calamine

    def refuse(path: str) -> None:
        raise AssertionError(f"python-calamine opened {path} before the limits were checked")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)


def _with_cell(starter: Path, tmp_path: Path, cell: str, value: str = "x") -> Path:
    wb = load_workbook(starter / STARTER_NAME)
    wb["月报"][cell] = value  # openpyxl keeps cells sparse: the file stays small
    out = tmp_path / "book.xlsx"
    wb.save(out)
    return out


def _edit_sheet(starter: Path, tmp_path: Path, sheet: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """The starter with one sheet's XML rewritten, as a hand-edited or third-party file can be."""
    src = starter / STARTER_NAME
    out = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        part = workbook_limits._sheet_parts(z)[sheet]
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info.filename, edit(data.decode()).encode() if info.filename == part else data)
    return out


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("XFD1048576", "超过每个工作表的上限 20,000,000"),  # old: a Rust abort asking for 512 GiB
        ("CV1000000", "超过每个工作表的上限 20,000,000"),  # old: 4 GB and 31 s
        ("P200000", "而只有"),  # 3.2 million grid cells for a nearly empty sheet
    ],
)
def test_a_far_cell_is_refused_before_the_workbook_is_read(starter, tmp_path, not_read, cell, said):
    book = _with_cell(starter, tmp_path, cell)
    assert book.stat().st_size < 100_000
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert len(exc.value.problems) == 1
    assert exc.value.problems[0].startswith(f"{book.name}: 月报: 最后一个单元格在第 ")
    assert said in exc.value.problems[0]


def test_a_far_cell_without_references_is_bounded_too(starter, tmp_path, not_read):
    """A cell written without ``r`` goes in its row: the row's number counts."""
    far = '<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c>' + "<c/>" * 40 + "</row></sheetData>"
    book = _edit_sheet(starter, tmp_path, "月报", lambda x: x.replace("</sheetData>", far))
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert re.search(r"月报: 最后一个单元格在第 1,048,[5-9]\d\d 行", exc.value.problems[0])


def test_a_text_longer_than_an_excel_cell_is_refused_before_it_is_read(starter, tmp_path, not_read):
    book = _with_cell(starter, tmp_path, "E3", "経" * 70_000)  # 210 kB of XML in one cell
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert "32,767" in exc.value.problems[0]


def test_a_part_too_large_when_unpacked_is_refused(starter, tmp_path, monkeypatch, not_read):
    # The limit lowered: a real gigabyte part would cost the test the time it guards against.
    monkeypatch.setattr(workbook_limits, "MAX_MEMBER_BYTES", 1_000)
    with pytest.raises(InputError) as exc:
        read_workbooks([starter / STARTER_NAME])
    assert re.search(r"解压后 [\d,]+ 字节，超过上限 1,000 字节", exc.value.problems[0])


def test_the_workbook_s_grids_together_are_bounded(starter, tmp_path, monkeypatch, not_read):
    monkeypatch.setattr(workbook_limits, "MAX_BOOK_CELLS", 100)
    with pytest.raises(InputError) as exc:
        read_workbooks([starter / STARTER_NAME])
    assert "超过每个工作簿的上限 100" in exc.value.problems[0]


def test_a_workbook_within_the_limits_still_imports(starter):
    assert workbook_limits.workbook_limit_problem(starter / STARTER_NAME, STARTER_NAME) is None
    assert read_workbooks([starter / STARTER_NAME]).points


def test_a_number_that_is_not_a_number_names_the_sheet_not_a_traceback(starter, tmp_path, capsys):
    bad = '<c r="C3" t="n"><v>abc</v></c>'
    book = _edit_sheet(starter, tmp_path, "月报", lambda x: re.sub(r'<c r="C3"[^>]*?(/>|>.*?</c>)', bad, x, count=1))
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert list(exc.value.problems) == [
        f"{book.name}: 月报: 无法读取工作表 (cannot read sheet): Parse float error: invalid float literal"
    ]
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "out.json")
    assert code == 1 and "无法读取工作表" in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_the_cli_refuses_a_far_cell_with_exit_1_and_writes_nothing(starter, tmp_path, capsys, not_read):
    book = _with_cell(starter, tmp_path, "XFD1048576")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "out.json")
    assert code == 1 and "超过每个工作表的上限" in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_a_sheet_openpyxl_cannot_read_names_the_sheet(starter):
    """The number-format look-up (io/workbook_formats.py) reads with openpyxl: its errors too."""
    with pytest.raises(InputError) as exc:
        number_formats(starter / STARTER_NAME, {"没有的表": {(3, 0)}})
    assert exc.value.problems[0].startswith(f"{STARTER_NAME}: 没有的表: 无法读取工作表 (cannot read sheet)")


_OX = "http://schemas.openxmlformats.org"
_DOC = f"{_OX}/officeDocument/2006/relationships"
_RELS = f'<Relationships xmlns="{_OX}/package/2006/relationships">'
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_MINIMAL = {  # the least xlsx python-calamine opens: one sheet, 表
    "[Content_Types].xml": f'<Types xmlns="{_OX}/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/></Types>',
    "_rels/.rels": f'{_RELS}<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>",
    "xl/workbook.xml": f'<workbook xmlns="{_OX}/spreadsheetml/2006/main" xmlns:r="{_DOC}"><sheets>'
    '<sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'{_RELS}<Relationship Id="rId1" Type="{_DOC}/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}


def _column(n: int) -> str:
    return workbook_limits._col_letters(n)


_CELLS = st.lists(
    st.tuples(
        st.integers(1, 400),
        st.lists(st.tuples(st.integers(1, 60), st.booleans()), min_size=1, max_size=4),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@given(rows=_CELLS)
@settings(max_examples=examples(30))
def test_the_extent_found_is_never_less_than_the_grid_calamine_builds(rows, tmp_path_factory):
    """Whatever the cells, referenced or not (``r`` left out of a row or a cell), the extent the
    limits see covers the grid python-calamine then builds; exact when every cell has ``r``."""
    import python_calamine

    xml = []
    for row, cells, row_ref in rows:
        tags = "".join(
            f'<c r="{_column(col)}{row}" t="inlineStr"><is><t>x</t></is></c>'
            if ref
            else '<c t="inlineStr"><is><t>x</t></is></c>'
            for col, ref in cells
        )
        xml.append((f'<row r="{row}">' if row_ref else "<row>") + tags + "</row>")
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(xml)
        + "</sheetData></worksheet>"
    )
    path = tmp_path_factory.mktemp("grid") / "g.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in {**_MINIMAL, "xl/worksheets/sheet1.xml": sheet}.items():
            z.writestr(name, text)
    try:
        grid = (
            python_calamine.CalamineWorkbook.from_path(str(path))
            .get_sheet_by_name("表")
            .to_python(skip_empty_area=False)
        )
    except Exception:  # a layout calamine refuses is an InputError on import: no grid to bound
        return
    with zipfile.ZipFile(path) as z:
        last_row, last_col, *_ = workbook_limits._extent(z, "xl/worksheets/sheet1.xml")
    assert last_row >= len(grid)
    assert last_col >= max((len(r) for r in grid), default=0)
    if all(row_ref and all(ref for _, ref in cells) for _, cells, row_ref in rows):
        assert (last_row, last_col) == (len(grid), max(len(r) for r in grid))


def test_a_header_wider_than_the_last_row_is_found_by_the_fast_path():
    """The usual layout: the last cell of a piece is in column A but the header row reaches H.
    The bound found is the header's width (the search raises it and goes on), the same as the
    full read of every reference gives."""
    from softenv_core.io import workbook_limits as limits

    header = "".join(f'<c r="{col}1" t="inlineStr"><is><t>h</t></is></c>' for col in "ABCDEFGH")
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 200))
    data = f'<sheetData><row r="1">{header}</row>{rows}</sheetData>'.encode()
    fast = limits._piece_extent(data, 0, 0)
    assert fast[:2] == (199, 8)
    refs = limits._ANY_REF.findall(data)
    assert (max(int(r) for _, r in refs), max(limits._col_number(c) for c, _ in refs)) == fast[:2]


# --- what a small file expands to: repeats (.ods) and shared strings (.xlsx) ------------------

_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>"
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(tmp_path: Path, tables: str) -> Path:
    out = tmp_path / "book.ods"
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", _ODS_HEAD + tables + "</office:spreadsheet></office:body></office:document-content>")
        z.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
    return out


def _cell(text: str = "x", repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell{rep} office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def _row(cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


def test_an_ods_whose_repeats_expand_to_a_huge_grid_is_refused_before_it_is_read(tmp_path, not_read):
    # 1.4 KB: calamine built 99 million cells from it (12.9 GB, killed after 100 s).
    book = _ods(
        tmp_path,
        '<table:table table:name="月报">' + _row(_cell()) + _row(_cell(repeat=1000), 99_000) + "</table:table>",
    )
    assert book.stat().st_size < 2_000
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert exc.value.problems[0].startswith("book.ods: 月报: 最后一个单元格在第 99,001 行第 1,000 列")


def test_an_ods_space_run_longer_than_a_cell_is_refused(tmp_path, not_read):
    # One <text:s text:c="100000000"/> was a 100-million-character string (1 s, 0.4 GB).
    book = _ods(
        tmp_path, '<table:table table:name="月报">' + _row(_cell('a<text:s text:c="100000000"/>b')) + "</table:table>"
    )
    with pytest.raises(InputError) as exc:
        read_workbooks([book])
    assert "32,767" in exc.value.problems[0]


def test_an_ods_as_libreoffice_writes_it_with_its_unused_area_repeated_is_not_refused(tmp_path):
    unused = _row('<table:table-cell table:number-columns-repeated="1024"/>', 1_048_000)
    tables = '<table:table table:name="说明">' + _row(_cell("a") + _cell("b")) + unused + "</table:table>"
    book = _ods(tmp_path, tables)
    assert workbook_limits.workbook_limit_problem(book, book.name) is None


@st.composite
def _ods_tables(draw: st.DrawFn) -> tuple[str, int, int, int]:
    """A table of rows (each repeated) of cells (each repeated, with content or empty), and its
    extent worked out by expanding it: last row and column with content, cells with content."""
    rows = draw(
        st.lists(
            st.tuples(st.integers(1, 5), st.lists(st.tuples(st.integers(1, 4), st.booleans()), max_size=5)), max_size=6
        )
    )
    xml, at, last_row, last_col, present = [], 0, 0, 0, 0
    for repeat, cells in rows:
        col, row_last = 0, 0
        parts = []
        for n, content in cells:
            col += n
            if content:
                parts.append(_cell("v", n))
                row_last, present = col, present + 1
            else:
                rep = f' table:number-columns-repeated="{n}"' if n > 1 else ""
                parts.append(f"<table:table-cell{rep}/>")
        at += repeat
        if row_last:
            last_row, last_col = at, max(last_col, row_last)
        xml.append(_row("".join(parts), repeat))
    return '<table:table table:name="t">' + "".join(xml) + "</table:table>", last_row, last_col, present


@settings(max_examples=examples(25), deadline=None)
@given(_ods_tables())
def test_an_ods_extent_is_the_expanded_grid_s(table):
    from softenv_core.io.ods_limits import ods_facts

    xml, rows, cols, cells = table
    (found,) = ods_facts([(_ODS_HEAD + xml).encode()]).tables
    assert (found.rows, found.cols, found.cells) == (rows, cols, cells)


def _shared_book(tmp_path: Path, cells: int, text: str, runs: int = 0) -> Path:
    """A workbook of ``cells`` cells in one sheet, each pointing at one shared string ``text``
    (split into ``runs`` formatted runs when given), as Excel writes shared strings."""
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>0</v></c></row>' for i in range(1, cells + 1))
    si = "".join(f"<r><rPr><b/></rPr><t>{text}</t></r>" for _ in range(runs)) if runs else f"<t>{text}</t>"
    sheet = f'<worksheet xmlns="{_OX}/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    rels = _MINIMAL["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts = {
        **_MINIMAL,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": f'<sst xmlns="{_OX}/spreadsheetml/2006/main"><si>{si}</si></sst>',
    }
    out = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return out


def test_cells_pointing_at_one_long_shared_string_are_bounded_by_the_text_they_expand_to(tmp_path, not_read):
    # 50,000 such cells at 32,000 characters: 3.1 GB from a 258 KB file; the limit lowered here.
    book = _shared_book(tmp_path, 200, "x" * 1_000)
    assert workbook_limits.workbook_limit_problem(book, book.name) is None  # 0.2 MB: within 1 GiB
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook_limits, "MAX_SHARED_TEXT_BYTES", 100_000)
        problem = workbook_limits.workbook_limit_problem(book, book.name)
    assert problem is not None
    assert "超过上限 100,000 字节" in problem
    assert re.search(r"共展开为 2\d\d,\d{3} 字节", problem)  # 200 cells × the string's bytes, counted


def test_a_shared_string_split_into_many_short_runs_is_bounded_as_a_whole(tmp_path, not_read):
    book = _shared_book(tmp_path, 1, "字" * 100, runs=2_000)  # every run short, 600 kB together
    assert workbook_limits.workbook_limit_problem(book, book.name) is None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook_limits, "MAX_SHARED_STRING_BYTES", 100_000)
        problem = workbook_limits.workbook_limit_problem(book, book.name)
    assert problem is not None
    assert "共享字符串表中有一个字符串超过 100,000 字节" in problem


def test_a_part_whose_compressed_data_is_corrupt_is_a_clear_refusal_not_a_traceback(starter, tmp_path):
    """Review finding 01: a zlib.error from a damaged deflate stream escaped the bounds check."""
    src = starter / STARTER_NAME
    out = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(src) as z:
        part = workbook_limits._sheet_parts(z)["月报"]
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 60):  # scramble the compressed bytes, keep the headers
        data[i] ^= 0x5A
    out.write_bytes(bytes(data))
    with pytest.raises(InputError) as exc:
        read_workbooks([out])
    assert exc.value.problems[0].startswith("damaged.xlsx: ")
