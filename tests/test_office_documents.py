"""The Word report carries what the Markdown one does, and says where the rest is (the clerk's
findings 02 and 11): section 七 (the flags the summary counts), no promise of an attachment
never written, headings kept with what follows them on the printed page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.render.docx_report import write_report_docx
from softenv_core.render.monitoring_report import render_markdown

from .demo_city import demo
from .starter_book import load_workbook

docx = pytest.importorskip("docx")
qn = pytest.importorskip("docx.oxml.ns").qn


@pytest.fixture(scope="module")
def demo_march(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The demo's March report for the city office, as Markdown and as a Word file."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    path = tmp_path_factory.mktemp("docx") / "r.docx"
    write_report_docx(r, path)
    return render_markdown(r), path


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_word_report_has_every_numbered_section_of_the_markdown_one(demo_march):
    md, path = demo_march
    text = "\n".join(_paragraphs(path))
    sections = re.findall(r"^## ([一二三四五六七八])、", md, re.M)
    assert "七" in sections  # the demo's March has a flag to reconcile
    for number in sections:
        # 八 (三率) is 六(二) in the document, as docs/office.md says.
        wanted = "（二）承办单位“三率”" if number == "八" else f"{number}、"
        assert wanted in text, number
    headers = [t.rows[0].cells[0].text for t in docx.Document(str(path)).tables]
    assert "涉及部门" in headers  # section 四's second table, by department
    flag = re.search(r"^- \d+ \S+：(Q-[\w-]+)", md, re.M)
    assert flag is not None and flag.group(1) in text  # the flag itself, not only its count


def test_the_word_report_promises_no_attachment_it_does_not_write(demo_march):
    _, path = demo_march
    text = "\n".join(_paragraphs(path))
    assert "附件" not in text
    more = [p for p in _paragraphs(path) if p.startswith("另有")]
    # Where the rest is, with no command line in a document for officials (t5 10).
    assert more and all(p.endswith("全部事项见本报告的电子数据版。") and "softenv" not in p for p in more)


def test_headings_are_kept_with_what_follows_them(demo_march):
    _, path = demo_march
    headings = [
        p for p in docx.Document(str(path)).paragraphs if re.match(r"^([一二三四五六七八]、|（[一二三四]）)", p.text)
    ]
    assert len(headings) >= 8
    assert all(p.paragraph_format.keep_with_next for p in headings)


def test_headings_carry_their_outline_level_for_the_navigation_pane_and_keep_their_look(demo_march):
    """Word's and WPS's navigation pane lists paragraphs with an outline level; the headings had
    none, so it showed nothing (clerk c36). 一、 is level 1 (w:outlineLvl 0), （一） level 2 (1),
    no other paragraph has one, and a heading stays a Normal paragraph in 黑体/楷体 (no Heading
    style with its own fonts and colours, GB/T 9704)."""
    _, path = demo_march
    body = docx.Document(str(path)).element.body
    levels = {}
    for p in body.iter(qn("w:p")):
        text = p.xpath("string(.)")
        found = p.xpath("./w:pPr/w:outlineLvl/@w:val")
        levels[text] = found[0] if found else None
    top = [t for t in levels if re.match(r"^[一二三四五六七八]、", t)]
    sub = [t for t in levels if re.match(r"^（[一二三四]）", t)]
    assert len(top) >= 7 and len(sub) >= 2
    assert {levels[t] for t in top} == {"0"} and {levels[t] for t in sub} == {"1"}
    assert [t for t, level in levels.items() if level is not None and t not in top + sub] == []
    heads = [p for p in body.iter(qn("w:p")) if p.xpath("./w:pPr/w:outlineLvl")]
    assert not any(p.xpath("./w:pPr/w:pStyle") for p in heads)
    fonts = {p.xpath("string(./w:r[1]/w:rPr/w:rFonts/@w:eastAsia)") for p in heads}
    assert fonts == {"黑体", "楷体_GB2312"}


#: The smallest size the results workbook's text prints at (docs/office.md: no sheet prints
#: smaller than 7 pt). A sheet is fitted to an A4 landscape page's width, so its columns' sum
#: sets the size; the bound is computed from this figure, not fitted to the demo (reviewer r54 10).
MIN_PRINT_PT = 7


def printed_pt(ws) -> float:
    """The size ``ws``'s 11-point text prints at, fitted to its page's width: A4 landscape
    (297 mm) less the sheet's side margins; a column of width w is w × 7 px (Calibri 11's
    digit) at 96 px an inch; Excel's scale a whole per cent, at most 100."""
    printable = 297 - (ws.page_margins.left + ws.page_margins.right) * 25.4
    columns = sum(d.width for d in ws.column_dimensions.values()) * 7 / 96 * 25.4
    return 11 * min(int(100 * printable / columns), 100) / 100


def test_the_year_end_workbook_prints_legibly_on_a4(yearend_book):
    pytest.importorskip("openpyxl")
    wb = load_workbook(yearend_book)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
        # Fitted to one page's width, the columns' sum sets the print size: at 258 characters
        # the 县区 sheet printed at about 5 pt. Its month columns hold 按时（零报告） and
        # 迟报2个工作日 on one line (16, not 10, where they broke inside the word: clerk c51 10).
        widths = [d.width for d in ws.column_dimensions.values()]
        assert printed_pt(ws) >= MIN_PRINT_PT and max(widths) <= 28, (ws.title, printed_pt(ws), sum(widths))
    counties = wb["县区"]
    # A status longer than its month's column wraps, in a row made tall enough to show it.
    wrapped = [c for row in counties.iter_rows(min_row=2) for c in row if c.alignment.wrap_text]
    assert wrapped
    assert all((counties.row_dimensions[c.row].height or 15) > 15 for c in wrapped)


YEAREND_SHEETS = ("代表性", "调整建议", "调整备案", "撤销核对", "表彰推荐", "专项调研", "调整期与增设")


def test_the_year_end_workbook_carries_the_year_end_work(yearend_book):
    """Proposals, filings, the commendation quota, topics and additions, not the assessment
    alone (the clerk's finding 12)."""
    pytest.importorskip("openpyxl")
    from softenv_core.analyses.year_end import year_end

    wb = load_workbook(yearend_book)
    assert set(YEAREND_SHEETS) <= set(wb.sheetnames)
    y = year_end(demo(), 2025, audience="city")
    proposals = list(wb["调整建议"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in proposals] == [p.point for p in (*y.proposals, *y.suggested_removals)]
    assert {r[3] for r in proposals} == {"撤销"}  # after 县区 and 县区名称
    filings = list(wb["调整备案"].iter_rows(min_row=2, values_only=True))
    assert len(filings) == len(y.filings) and "否" in {r[6] for r in filings}
    quota = {r[0]: r[3] for r in wb["表彰推荐"].iter_rows(min_row=2, values_only=True)}
    assert all(quota[c.county] == c.quota for c in y.commendation.counties)
    # What each quota counts, as the Markdown says under its table (a39's leftover: the sheet did not).
    basis = [r for r in wb["表彰推荐"].iter_rows(min_row=2, values_only=True) if r[0] == "名额计算"]
    assert len(basis) == 1 and "市直监测点不计入县区名额" in " ".join(str(v) for v in basis[0] if v)
    additions = [r for r in wb["调整期与增设"].iter_rows(min_row=2, values_only=True) if r[0] == "增设建议"]
    assert len(additions) == len(y.additions)


def test_the_year_end_workbook_writes_its_days_as_excel_dates(yearend_book):
    """Before (c21): 生效日期 and 备案日期 were text "2025-04-01", which Excel sorts and filters as
    text (2025-10-01 before 2025-4-…) and cannot subtract; now dates shown yyyy-mm-dd."""
    pytest.importorskip("openpyxl")
    from softenv_core.analyses.year_end import year_end

    wb = load_workbook(yearend_book)
    y = year_end(demo(), 2025, audience="city")
    filings = list(wb["调整备案"].iter_rows(min_row=2, max_col=6))  # 县区名称 after 县区 (c36)
    assert [r[4].value.date() for r in filings[: len(y.filings)]] == [f.effective for f in y.filings]
    filed = [r[5] for r in filings if r[5].value != "未备案"]
    assert filed and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in filed)
    (before, after) = [r[1] for r in wb["代表性"].iter_rows(min_row=2, max_col=2)]
    assert (before.value.date(), after.value.date()) == (y.roster_before.on, y.roster_after.on)
    assert before.number_format == after.number_format == "yyyy-mm-dd"


def test_the_year_end_sheets_are_redacted_for_their_reader(tmp_path):
    """A county its own proposals and filings; a department none (as the Markdown)."""
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.analyses.assessment import assess
    from softenv_core.analyses.year_end import year_end
    from softenv_core.render.xlsx_results import write_results_xlsx

    ds = demo()
    full = assess(ds, 2025, audience="city")
    for audience in ("county:379902", "department:city-amr"):
        y = year_end(ds, 2025, audience=audience, assessment=full)
        write_results_xlsx(full, y, tmp_path / "y.xlsx")
        wb = openpyxl.load_workbook(tmp_path / "y.xlsx")
        rows = [r for name in ("调整建议", "调整备案") for r in wb[name].iter_rows(min_row=2, values_only=True)]
        counties = {r[1] for r in rows if not str(r[0]).startswith("无")}  # an empty sheet's line says why
        assert counties <= ({"379902"} if audience.startswith("county") else set()), audience


def test_the_word_report_speaks_a_chinese_documents_dates_and_punctuation(demo_march):
    """No ISO instant, no ", " or ": " in the trend paragraph (the clerk's finding 09)."""
    _, path = demo_march
    text = "\n".join(_paragraphs(path))
    assert "数据截至2025年4月8日0时（北京时间）" in text
    trend = next(p for p in _paragraphs(path) if p.startswith("与上月、去年同月比较"))
    assert ", " not in trend and ": " not in trend and "去年同月（2024年3月）无数据，不作同比" in trend
    assert "：：" not in trend and " " not in trend  # no doubled colon, no stray space (t11 04)
    assert not re.search(r"\d{4}-\d{2}", trend)


def test_the_year_end_document_names_in_chinese_what_the_result_codes(tmp_path):
    """全市, 代表性缺口, 规模, 大型 rather than city, representativeness, size, large; an empty
    一、万人评议结果 says 无 as the other empty sections do."""
    import attrs

    from softenv_core.analyses.year_end import year_end
    from softenv_core.render.year_end import render_yearend

    ds = demo()
    # A roster without large enterprises: the city-wide gap and its addition proposal.
    from softenv_core.model.sizes import Size

    points = tuple(
        attrs.evolve(p, enterprise=attrs.evolve(p.enterprise, size=Size.MEDIUM))
        if p.enterprise.size is Size.LARGE
        else p
        for p in ds.points
    )
    y = year_end(attrs.evolve(ds, points=points, appraisal_rounds=(), ratings=()), 2025, audience="city")
    md = render_yearend(y)
    assert "全市缺大型企业" in md and "| 全市 | 代表性缺口 | 规模 | 大型 |" in md
    for code in ("city ", "| city |", "representativeness", "| size |", "| large |"):
        assert code not in md, code
    assert "## 一、万人评议结果\n\n无。" in md


def test_the_office_and_date_never_stand_alone_on_the_last_page(demo_march):
    """GB/T 9704: the signature goes with text above it. Before (c21), a report whose last
    paragraph filled page 3 put 市经贸委 and the date alone on page 4."""
    _, path = demo_march
    body = docx.Document(str(path)).element.body
    blocks = [el for el in body if el.tag.rpartition("}")[2] in ("p", "tbl")]
    *_text, last_text, blank, office, _date = blocks
    assert office.xpath("string(.)") == "市经贸委" and not blank.xpath("string(.)")
    kept = [last_text] if last_text.tag.endswith("}p") else last_text.xpath("./w:tr[last()]//w:p")
    for p in [*kept, blank, office]:
        assert p.xpath("./w:pPr/w:keepNext"), p.xpath("string(.)")
