"""The city office clerk's month and year in Excel and Word (tester c35): what she met, each as a test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.render.monitoring_report import render_markdown

from .demo_city import demo
from .office_cli import run
from .starter_book import edited_starter

docx = pytest.importorskip("docx")
pytest.importorskip("openpyxl")

from softenv_core.render.docx_report import write_report_docx  # noqa: E402

_HIDDEN_NOTE = "表中“—”、文中“（已隐去）”表示数量较小或可据以推算的数已隐去"
#: GB/T 9704's text block is 156 mm wide: 8844 twentieths of a point (twips).
_TEXT_BLOCK_TWIPS = round(156 / 25.4 * 1440)


def _word(r: MonitoringReport, path: Path) -> Any:
    write_report_docx(r, path)
    return docx.Document(str(path))


def _table(document: Any, first_header: str) -> list[list[str]]:
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == first_header]
    return [[c.text for c in row.cells] for row in table.rows]


# -- a rate with no case, and a county with no contact, read as hidden -----------------------


@pytest.fixture(scope="module")
def power_march() -> MonitoringReport:
    """The demo's March for 市供电公司: its tickets were signed for, none yet due to close."""
    return monitoring_report(demo(), "2025-03", audience="department:city-power")


def test_a_rate_with_no_case_is_not_written_as_the_hidden_mark(power_march, tmp_path):
    """Before: 解决率 "—", in the version whose page 1 says "—" is a count hidden to protect
    those who complained: the department read its own rate as withheld."""
    r = power_march
    (rates,) = r.unit_rates
    assert rates.resolution is None and rates.satisfaction is None  # nothing due to close yet
    md = render_markdown(r)
    assert _HIDDEN_NOTE in md
    assert f"| 市供电公司 | {rates.response}% | 无 | 无 | 无 |" in md, md
    rows = _table(_word(r, tmp_path / "r.docx"), "承办单位")
    assert rows[1] == ["市供电公司", f"{rates.response}%", "无", "无", "无"], rows  # 综合 too (clerk c50 05)
    assert "| n/a | n/a | n/a |" in render_markdown(r, "en")


def test_a_county_with_no_contact_reads_none_not_the_hidden_mark(tmp_path):
    r = monitoring_report(demo(), "2026-01", audience="county:379902")  # the demo's year is 2025
    assert all(c.reached == 0 for c in r.contacts)
    rows = _table(_word(r, tmp_path / "r.docx"), "县区/市直")
    assert [row[4] for row in rows[1:]] == ["无"] * len(r.contacts), rows
    assert "—" not in "".join(row[4] for row in rows[1:])
    md = render_markdown(r)
    assert "| 电话" not in md and md.count("| 无 |") >= len(r.contacts)


# -- the Word report's layout and sources ------------------------------------------------------


@pytest.fixture(scope="module")
def city_january(tmp_path_factory: pytest.TempPathFactory) -> tuple[MonitoringReport, Any]:
    """The city office's January 2026: matters open since 2025 are still listed."""
    r = monitoring_report(demo(), "2026-01", audience="city")
    return r, _word(r, tmp_path_factory.mktemp("docx") / "r.docx")


def test_every_table_fits_the_text_block(city_january):
    """Before: section 三's table was 170 mm wide and 未办结事项's 162, over the 156 mm of the
    text block (GB/T 9704), running into both margins."""
    from docx.oxml.ns import qn

    _, document = city_january
    for table in document.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        head = table.rows[0].cells[0].text
        assert sum(grid) <= _TEXT_BLOCK_TWIPS + 20, (head, sum(grid) / 1440 * 25.4)


def test_an_open_matter_raised_in_an_earlier_year_shows_its_year(city_january):
    """Before: 01-07 and 389天 in January's report, the year left for the reader to work out."""
    r, document = city_january
    rows = _table(document, "反映日期")[1:]
    shown = r.open_matters[: len(rows)]
    assert any(m.raised_on.year < 2026 for m in shown)
    for m, row in zip(shown, rows, strict=True):
        want = m.raised_on.strftime("%m-%d") if m.raised_on.year == 2026 else m.raised_on.isoformat()
        assert row[0] == want, (row, m.raised_on)


def test_a_notable_item_says_which_point_raised_it(tmp_path):
    """Before: the Word version left out the point the Markdown names, and two points' items of
    one wording were two identical lines."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    texts = [p.text for p in _word(r, tmp_path / "r.docx").paragraphs]
    for item in r.notable_items[:30]:
        assert item.point is not None
        assert any(t.startswith(f"{item.text}（监测点{item.point}反映", t.index("：") + 1) for t in texts if "：" in t)


# -- the import's messages, as the clerk reads them -----------------------------------------


def _import(capsys: pytest.CaptureFixture[str], book: Path, *args: str) -> list[str]:
    code, _, err = run(capsys, "import", book, "--out", book.with_suffix(".json"), *args)
    assert code == 1, err
    return err.splitlines()


def test_chinese_lines_carry_no_english_tag(starter, tmp_path, capsys):
    """Before: `请写 379902 (a county's name for its code)` and `… 中 (unknown parent record)`
    in the clerk's Chinese lines; --lang en keeps the tag."""
    book = edited_starter(
        starter, tmp_path / "b.xlsx", {"联系记录": {"liaison": "示范区"}, "办理过程": {"@parent": "F-2025-099"}}
    )
    lines = _import(capsys, book)
    liaison = next(x for x in lines if "联系记录!E3" in x)
    parent = next(x for x in lines if "办理过程!A3" in x)
    assert "示范区 的代码是 379902，请写 379902 — $." in liaison, liaison
    assert parent.endswith("所属记录 F-2025-099 不在本工作簿中"), parent
    assert "(a county's name for its code)" in "\n".join(_import(capsys, book, "--lang", "en"))


def test_a_department_typed_by_its_name_is_told_its_id(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系事项": {"department": "市市场监管局"}})
    (line,) = [x for x in _import(capsys, book) if "联系事项!E3" in x]
    assert "未知的部门 '市市场监管局'：这是名称，请写部门编号 city-amr" in line, line


def test_a_zero_report_with_items_says_what_to_change(starter, tmp_path, capsys):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"月报": {"nothing_to_report": "是"}})
    (line,) = [x for x in _import(capsys, book) if "月报!F3" in x]
    assert "有事项的请把零报告改为“否”；确无事项的请删去所列事项" in line, line


# -- the starter workbook's 说明 sheet -------------------------------------------------------


def test_the_instructions_wrap_and_print_one_page_wide(starter):
    """Before: column B's texts (up to 90 characters, about 180 of Excel's width units) ran past
    the 100-unit column on screen, and printing put the keys and their texts on separate pages."""
    from softenv_core.io.workbook_schema import README_SHEET, STARTER_NAME

    from .starter_book import load_workbook

    ws = load_workbook(starter / STARTER_NAME)[README_SHEET]
    texts = [row[1] for row in ws.iter_rows(min_row=3) if row[1].value]
    assert texts and all(c.alignment.wrap_text for c in texts)
    longest = max(texts, key=lambda c: len(c.value))
    assert ws.row_dimensions[longest.row].height >= 32  # two lines at least: no reader grows the row
    setup = ws.page_setup
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1)  # absent: 1
    assert setup.fitToHeight == 0 and setup.paperSize == 9  # A4, as many pages long as it runs


# -- the Word report's signature and last section ---------------------------------------------


def test_the_office_is_centred_over_the_date_four_characters_in(tmp_path):
    """GB/T 9704 7.3.5.1: the date 右空四字, the office's name centred over it. Before, both stood
    flush right four characters in: 市经贸委 (4 characters) a character right of the centre of
    2025年4月7日 (6 characters' width: 仿宋's Arabic numerals are half-width)."""
    r = monitoring_report(demo(), "2025-03", audience="city")
    paragraphs = _word(r, tmp_path / "r.docx").paragraphs
    office, dated = paragraphs[-2], paragraphs[-1]
    assert (office.text, dated.text) == ("市经贸委", "2025年4月7日")
    assert dated.paragraph_format.right_indent.pt == 4 * 16
    assert office.paragraph_format.right_indent.pt == 5 * 16
    # 七's line is a sentence, ended as the others are.
    flag = next(p.text for p in paragraphs if p.text.startswith("望海市：Q-2025-0041"))
    assert flag.endswith("。"), flag
