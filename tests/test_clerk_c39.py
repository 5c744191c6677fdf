"""The county clerk's month in Excel and Word (tester c39, 青山县): what she met, each as a test."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from softenv_core.analyses.monitoring_report import monitoring_report

from .demo_city import demo
from .office_cli import run
from .starter_book import edited_starter

docx = pytest.importorskip("docx")

from softenv_core.render.docx_report import write_report_docx  # noqa: E402


def test_a_report_ending_with_a_table_keeps_its_last_row_with_the_office_and_date(tmp_path: Path):
    """GB/T 9704: the signature never stands alone on a page. A city report whose last section
    is 六(二)'s 三率 table (no 七) kept only the blank line after the table with the signature:
    the table's last row was free to stay on page 3, and LibreOffice put 市经贸委 and the date
    alone on page 4 (c39, 青山县's March)."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    assert r.unit_rates
    path = tmp_path / "r.docx"
    write_report_docx(attrs.evolve(r, reconciliation=()), path)
    body = docx.Document(str(path)).element.body
    blocks = [el for el in body if el.tag.rpartition("}")[2] in ("p", "tbl")]
    office = next(i for i, el in enumerate(blocks) if el.xpath("string(.)") == "市经贸委")
    # The 三率 table is followed by the counts its rates divide (auditor a58 05): that sentence is
    # the last text before the signature, kept with it as the table's last row was.
    last = max(i for i, el in enumerate(blocks[:office]) if el.xpath("string(.)"))
    assert blocks[last].xpath("string(.)").startswith("计算所用件数：")
    table = max(i for i, el in enumerate(blocks[:last]) if el.tag.endswith("}tbl"))
    assert all(not el.xpath("string(.)") for el in blocks[table + 1 : last])  # the 三率 table, then it
    for p in blocks[last : office + 1]:
        assert p.xpath("./w:pPr/w:keepNext"), p.xpath("string(.)")


def test_a_document_ending_with_a_table_keeps_its_last_row_with_what_follows() -> None:
    """The table case of c39 itself, since the report's last table is now followed by a sentence."""
    from softenv_core.render.docx_style import keep_with_signature

    doc = docx.Document()
    doc.add_paragraph("正文")
    table = doc.add_table(rows=3, cols=2)
    table.cell(2, 0).text = "末行"
    doc.add_paragraph("")
    keep_with_signature(doc.element.body)
    last_row = table._tbl.xpath("./w:tr[last()]//w:p")
    assert last_row and all(p.xpath("./w:pPr/w:keepNext") for p in last_row)
    assert not table._tbl.xpath("./w:tr[1]//w:p")[0].xpath("./w:pPr/w:keepNext")


def _reach_rows(dataset, audience: str, tmp_path: Path) -> list[tuple[object, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.render.results_workbook import write_results_workbook

    path = tmp_path / "y.xlsx"
    write_results_workbook(dataset, 2025, path, audience=audience, with_year_end=True)
    return list(openpyxl.load_workbook(path)["阅读范围"].iter_rows(min_row=2, values_only=True))


def test_the_results_workbook_names_the_county_it_is_for_and_the_county_that_may_still_report(tmp_path: Path):
    """The 阅读范围 sheet said 县区 379921 and 尚可补报：…：379921 2025-12: a code where the
    clerk reads names (c39). It says 县区 379902 东城区, as the Markdown report's header, and the
    county of an open month by its name, its code after it."""
    ds = demo()
    without_december = tuple(r for r in ds.reports if not (r.county == "379902" and str(r.month) == "2025-12"))
    rows = _reach_rows(attrs.evolve(ds, reports=without_december), "county:379902", tmp_path)
    assert rows[0] == ("阅读范围", "县区 379902 东城区")
    open_notes = [text for _, text in rows if str(text).startswith("尚可补报")]
    assert open_notes and "东城区（379902）2025-12" in open_notes[0], open_notes


def test_every_record_sheet_of_the_starter_workbook_prints_landscape_one_page_wide(tmp_path: Path):
    """Printed (to check a month's entries with a colleague), the starter workbook's record
    sheets came out portrait, three or four columns a page: 监测点's 16 columns on five pages, a
    record's row cut across them, the headers on the first only; 59 pages for the empty
    starter (c39). Each prints A4 landscape, one page wide, row 1 repeated on every page,
    as the results workbook does; the 说明 sheet as before."""
    pytest.importorskip("xlsxwriter")
    from softenv_core.io.workbook_starter import starter_dataset
    from softenv_core.io.workbook_write import write_workbook

    from .starter_book import load_workbook

    path = tmp_path / "book.xlsx"
    write_workbook(starter_dataset(), path)
    wb = load_workbook(path)
    records = [ws for ws in wb.worksheets if ws.title not in ("说明", "选项")]
    assert len(records) > 20
    for ws in records:
        setup = ws.page_setup
        assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9"), ws.title
        # fitToWidth left out is 1, OOXML's default (XlsxWriter writes only what differs from it)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1), ws.title
        assert setup.fitToHeight == 0, ws.title  # as many pages down as the records take
        assert ws.print_title_rows == "$1:$1", ws.title


def test_a_point_typed_by_its_enterprise_name_is_told_its_id(starter: Path, tmp_path: Path, capsys):
    """The clerk knows her points by their names: 青山县绿源食品有限公司 typed in 联系记录's
    监测点编号 was told only `编号 … 无效:只能用1-64个英文字母、数字和 _ . : -` (c39); a
    department's name is told its id (c35), and so is a point's enterprise name now."""
    pytest.importorskip("openpyxl")
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系记录": {"point": "示范精密机械有限公司"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "b.json")
    assert code == 1
    (line,) = [x for x in err.splitlines() if "联系记录!B3" in x]
    assert "这是名称，请写监测点编号 P379902-001" in line, line
    assert "(a name where the id belongs)" not in line


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2025年4月3日10时30分", "2025-04-03T10:30:00+08:00"),
        ("2025年4月3日 10时30分", "2025-04-03T10:30:00+08:00"),
        ("2025年4月3日9时5分", "2025-04-03T09:05:00+08:00"),
        ("2025年4月3日16时", "2025-04-03T16:00:00+08:00"),
        ("2025年4月3日10点30分", "2025-04-03T10:30:00+08:00"),
    ],
)
def test_a_moment_in_the_chinese_form_of_documents_reads_as_beijing_time(typed: str, read: str):
    """A date reads as 2025年3月5日, but a moment as 2025年4月3日10时30分 (the way official
    documents write it, as this report's own 数据截至2025年4月8日0时) was refused (c39)."""
    from softenv_core.io.workbook_cells import from_cell
    from softenv_core.io.workbook_schema import SHEETS

    column = next(c for s in SHEETS if s.name == "月报" for c in s.columns if c.field == "submitted_at")
    assert from_cell(column, typed) == read


def test_a_chinese_moment_that_is_no_time_is_still_refused():
    from softenv_core.io.workbook_cells import CellError, from_cell
    from softenv_core.io.workbook_schema import SHEETS

    column = next(c for s in SHEETS if s.name == "月报" for c in s.columns if c.field == "submitted_at")
    for typed in ("2025年4月3日25时", "2025年4月3日10时61分", "2025年4月31日10时"):
        with pytest.raises(CellError, match="不是有效"):
            from_cell(column, typed)


def _one_line_twips(text: str, size: float = 14) -> int:
    """The width ``text`` takes on one line in ``size`` points (4号 by default): a CJK character an
    em (280 twips in 4号), another 0.57 em (the digits of Noto Sans, which LibreOffice draws where
    仿宋_GB2312 is missing; 仿宋's are 0.5 em), with Word's cell margins (108 twips each side)."""
    import unicodedata

    em = size * 20
    return round(sum(em if unicodedata.east_asian_width(ch) in "WF" else em * 0.572 for ch in text)) + 216


#: DejaVu Sans, LibreOffice's fallback for Latin text (c45): a digit, b and d 0.636 em, R 0.695, Q 0.787.
_DEJAVU_EM = {"R": 0.695, "Q": 0.787, "F": 0.575, "-": 0.361, "a": 0.613, "c": 0.55, "e": 0.615, "f": 0.352}


def _dejavu_twips(text: str, size: float) -> int:
    return round(sum(_DEJAVU_EM.get(ch, 0.636) for ch in text) * size * 20) + 216


def _table_size(table) -> float:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn

    return int(table._tbl.xpath(".//w:tr[2]//w:rPr/w:sz")[0].get(qn("w:val"))) / 2


@pytest.mark.parametrize(
    ("month", "audience"),
    [
        ("2025-03", "city"),
        ("2025-03", "county:379982"),  # a county's own point's complaint, by reference (clerk c56 06)
        ("2025-10", "department:city-power"),  # a reference, 1 working day overdue, 应督办
        ("2025-10", "department:379982-amr"),  # a county's bureau, 43 working days overdue
    ],
)
def test_the_complaints_table_keeps_each_id_type_and_header_on_one_line(tmp_path: Path, month, audience):
    """五、直接反馈办理情况: the 编号 column (26 mm) broke F-2025-011 as F-2025- / 011, the demo's
    Q-2025-0001 too, and the headers 办理状态 and a type 意见建议 over two lines (c39). The county's and
    the department's versions list a complaint by its reference (R- and 16 hexadecimal digits):
    in 35 mm it printed R- / 292abbc324 / 9e9160, and 超期6个工作日 应督办 in 20 mm 超期6 / 个工作 /
    日 应 / 督办 (clerk c56 06). The city's 办理状态 (23.7 mm at 4号) printed 办理中 / （待办 / 结）: every
    version is set in 小四 (clerk c58 01). Each line of a cell (a cell's lines are its own) fits its column."""
    from docx.oxml.ns import qn

    r = monitoring_report(demo(), month, audience=audience)
    assert r.complaints
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "编号")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    size = _table_size(table)
    assert sum(grid) <= 8845, grid  # within the 156 mm text block
    rows = [[c.text for c in row.cells] for row in table.rows]
    for column, width in enumerate(grid):
        for line in rows[0][column].split("\n"):
            assert _one_line_twips(line, size) <= width, rows[0][column]
    for row in rows[1:]:
        for column in (0, 1, 4, 5):  # 编号, 类型, 时限, 超期
            for line in row[column].split("\n"):
                assert _one_line_twips(line, size) <= grid[column], (line, grid[column])
                if column != 1:  # an id, a day, days: in the digits LibreOffice draws (c45; Q-2025-0041, c56)
                    assert _dejavu_twips(line, size) <= grid[column], (line, grid[column])
        assert row[5].split("\n")[-1] == "应督办" or "应督办" not in row[5], row[5]
    if r.complaints[0].id.startswith("R-"):
        # any reference on one line in DejaVu Sans: every digit as wide as the widest (0, 9, b, d)
        assert _dejavu_twips("R-" + "0" * 16, size) <= grid[0], (size, grid[0])
        assert _one_line_twips("投诉", size) <= grid[1] and _one_line_twips("市自然资源局", size) <= grid[2]
    else:
        assert _dejavu_twips("Q-2025-0041", size) <= grid[0] and _one_line_twips("意见建议", size) <= grid[1]
        assert _one_line_twips("青山县市场监管局", size) <= grid[2] and _one_line_twips("未超期", size) <= grid[5]
    # 办理中 / （待办结）: the city's 23.7 mm at 4号 printed 办理中 / （待办 / 结） (clerk c58 01)
    assert _one_line_twips("不予受理", size) <= grid[3] and _one_line_twips("（待办结）", size) <= grid[3]
    if audience == "department:city-power":
        assert rows[1][5] == "1\n应督办", rows[1]  # 超期 / 工作日: the days, 应督办 a line of its own


def test_the_open_matters_table_keeps_its_headers_and_categories_on_one_line(tmp_path: Path):
    """四(二) 未办结事项: the header 反映日期 (22 mm) and the category 困难问题 (18 mm) each broke
    over two lines (c39)."""
    from docx.oxml.ns import qn

    r = monitoring_report(demo(), "2025-03", audience="city")
    assert r.open_matters
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "反映日期")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = [[c.text for c in row.cells] for row in table.rows]
    for column, width in enumerate(grid):
        assert _one_line_twips(rows[0][column]) <= width, rows[0][column]
    for row in rows[1:]:
        for column in (0, 1, 2, 5):  # 反映日期, 县区, 类别, 历时
            assert _one_line_twips(row[column]) <= grid[column], row[column]
    assert _one_line_twips("困难问题") <= grid[2] and _one_line_twips("365天") <= grid[5]


@pytest.mark.parametrize("left_out", ["notable_items", "open_matters"])
def test_section_four_numbers_its_parts_only_when_it_has_both(tmp_path: Path, left_out: str):
    """四、反映问题情况 of a month without items (青山县's zero-report April) went from its table
    straight to （二）未办结事项, with no （一）; a month with items and no open matter had a
    lone （一）主要事项: either reads as a cut document (c39; t11 10 for 六). With one part only,
    its heading is said without a number."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    assert r.notable_items and r.open_matters
    path = tmp_path / "r.docx"
    write_report_docx(attrs.evolve(r, **{left_out: ()}), path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    four = texts[texts.index("四、反映问题情况") : texts.index("五、直接反馈办理情况")]
    assert not [t for t in four if t.startswith(("（一）", "（二）"))], four
    kept = "未办结事项" if left_out == "notable_items" else "主要事项"
    assert kept in four


def test_section_four_numbers_both_parts(tmp_path: Path):
    r = monitoring_report(demo(), "2025-03", audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts.index("（一）主要事项") < texts.index("（二）未办结事项")
