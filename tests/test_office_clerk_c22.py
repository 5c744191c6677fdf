"""A county clerk's workbook (c22): the suggestion for a mistyped value or field name points the
way she meant, hidden rows are imported with a word, and the Word report speaks to officials."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.converter import closest_member  # noqa: E402
from softenv_core.io.suggest import closest  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import FIELD_ROW, FIRST_ROW, STARTER_NAME  # noqa: E402
from softenv_core.model.points import Designator  # noqa: E402
from softenv_core.model.reports import ContactMethod  # noqa: E402
from softenv_core.model.sizes import Size  # noqa: E402

from .starter_book import edited_starter, load_workbook  # noqa: E402

_book = edited_starter


def _problems(book: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    return list(info.value.problems)


def _texts(enum: type) -> list[str]:
    return [m.zh for m in enum] + [m.value for m in enum]


# -- finding 01: the designator's suggestion -------------------------------------------------

_COUNTY_MISSES = ["县区确定", "区县确定", "县确定", "区确定", "县 确定", "县区 增设", "县增设", "区县增设"]
_COUNTY_MISSES += ["县区确定了", "县区增加"]


@pytest.mark.parametrize("typed", _COUNTY_MISSES)
def test_a_near_miss_of_the_county_label_suggests_the_county_value(typed):
    """Before: 县区确定 (and 区县确定, 县确定 …) suggested 市确定, the city's value: difflib's ratio
    counted the ending 确定 it shares with 市确定 as much as the 县区 that says who designated."""
    assert closest(typed, _texts(Designator)) == Designator.COUNTY.zh
    assert closest_member(Designator, typed) == "; did you mean 'county' (县区增设)?"


@pytest.mark.parametrize("typed", ["市里确定", "市 确定", "全市确定", "市确认", "ｃｉｔｙ"])
def test_a_near_miss_of_the_city_label_suggests_the_city_value(typed):
    assert closest(typed, _texts(Designator)) in (Designator.CITY.zh, Designator.CITY.value)


@pytest.mark.parametrize(("typed", "enum"), [("确定", Designator), ("巨型", Size), ("小中型", Size)])
def test_a_shared_ending_alone_or_a_tie_suggests_nothing(typed, enum):
    """确定 is the ending of 市确定 and says nothing of who designated; 巨型 shares only 型 with every
    size; 小中型 is as close to 小型 as to 中型."""
    assert closest(typed, _texts(enum)) is None
    assert closest_member(enum, typed) == ""


def test_the_workbook_suggests_the_county_label_for_a_county_near_miss(starter, tmp_path):
    book = _book(starter, tmp_path / "x.xlsx", {"监测点": {"designated_by": "县区确定"}})
    (problem,) = _problems(book)
    assert problem.startswith("监测点!M3 (P379902-001 确定方式): '县区确定' 不是可选值（市确定、县区增设）")
    assert problem.endswith("；是否应为 县区增设？")


# -- finding 02: case and width ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["PHONE", "Ｐｈｏｎｅ", "ＰＨＯＮＥ", "Phone", "pho ne"])
def test_an_english_value_in_another_case_is_refused_with_its_suggestion(starter, tmp_path, typed):
    """Before: 'PHONE' 不是可选值（电话、上门、座谈), with no suggestion (the ratio of PHONE and phone
    is 0). Values are exact (docs/office.md promises no case folding), so it is still refused."""
    book = _book(starter, tmp_path / "x.xlsx", {"联系记录": {"method": typed}})
    (problem,) = _problems(book)
    assert problem.endswith(f"{typed!r} 不是可选值（电话、上门、座谈、网络（微信等）、其他）；是否应为 phone（电话）？")
    assert closest_member(ContactMethod, typed) == "; did you mean 'phone' (电话)?"


def test_an_english_value_in_full_width_letters_reads_as_the_value(starter, tmp_path):
    """docs/office.md: full-width letters a Chinese IME types read as ASCII in codes; an enum
    cell's English code (ｐｈｏｎｅ, ｃｏｕｎｔｙ) is one: it looks the same to the clerk."""
    edits: dict[str, dict[str, object]] = {
        "联系记录": {"method": "ｖｉｓｉｔ"},
        "监测点": {"designated_by": "ｃｏｕｎｔｙ"},
    }
    book = _book(starter, tmp_path / "x.xlsx", edits)
    dataset = read_workbooks([book])
    assert dataset.contacts[0].method is ContactMethod.VISIT
    assert dataset.points[0].designated_by is Designator.COUNTY


@pytest.mark.parametrize("typed", ["METHOD", "ｍｅｔｈｏｄ", "Ｍｅｔｈｏｄ", "met hod"])
def test_a_field_name_in_another_case_or_width_is_named_with_the_field(starter, tmp_path, typed):
    """Before: 联系记录!D2: 未知字段 'METHOD' (unknown field), with no hint which field it was."""
    wb = load_workbook(starter / STARTER_NAME)
    wb["联系记录"].cell(FIELD_ROW, 4).value = typed
    wb.save(tmp_path / "x.xlsx")
    problems = _problems(tmp_path / "x.xlsx")
    assert (
        f"联系记录!D2: 未知字段 {typed!r}；是否应为 method（方式）？请把字段名改回 method (unknown field)" in problems
    )


# -- finding 03: hidden rows, columns and sheets --------------------------------------------


def _hidden_book(starter: Path, out: Path) -> Path:
    """The starter with four more departments (rows 4-7), rows 4, 5 and 7 hidden (row 6 shown),
    部门's 备注 column hidden, and the 宣传活动 sheet hidden."""
    wb = load_workbook(starter / STARTER_NAME)
    ws = wb["部门"]
    for r in range(4, 8):
        ws.cell(r, 1).value, ws.cell(r, 2).value = f"city-d{r}", f"部门{r}"
    for r in (4, 5, 7):
        ws.row_dimensions[r].hidden = True
    ws.cell(FIRST_ROW, 4).value = "备注文字"
    ws.column_dimensions["D"].hidden = True
    wb["宣传活动"].sheet_state = "hidden"
    wb.save(out)
    return out


_ROWS_NOTE = (
    "部门!A4:A5、A7: 是隐藏的行（共 3 行），照常导入了；不是要导入的记录请删除这些行再导入（隐藏或筛选掉的行不算删除）"
    " (hidden rows: imported)"
)


def test_hidden_rows_columns_and_sheets_are_imported_and_named(starter, tmp_path):
    """Before: imported without a word (calamine reads every cell, hidden or not); a clerk who hid
    rows to mean "not these" had them counted. Hidden is not deleted (a filter hides rows she
    means): the records are imported, each hidden place named, the field row 2 not among them."""
    hints: list[str] = []
    dataset = read_workbooks([_hidden_book(starter, tmp_path / "x.xlsx")], hints=hints)
    assert {d.id for d in dataset.departments} >= {f"city-d{r}" for r in range(4, 8)}
    assert _ROWS_NOTE in hints
    assert "部门!D:D (备注): 是隐藏的列，其中 1 个单元格照常导入了；请取消隐藏核对 (hidden column: imported)" in hints
    (sheet,) = [h for h in hints if h.startswith("宣传活动")]
    assert sheet.startswith("宣传活动: 是隐藏的工作表，其中 1 行记录照常导入了；")
    assert len([h for h in hints if "隐藏" in h]) == 3  # row 2 (the field names) is hidden in every sheet


def test_the_import_command_prints_the_hidden_rows(starter, tmp_path, capsys):
    from .office_cli import run

    book = _hidden_book(starter, tmp_path / "x.xlsx")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    # The library's hint keeps its English tag; the clerk's Chinese line leaves it out (clerk c35).
    shown = _ROWS_NOTE.removesuffix(" (hidden rows: imported)")
    assert code == 0 and f"  {shown}\n" in err and "softenv: 提示：" in err


def test_the_starter_workbook_has_no_hidden_notice(starter):
    hints: list[str] = []
    read_workbooks([starter / STARTER_NAME], hints=hints)
    assert not [h for h in hints if "隐藏" in h]


def test_hidden_parts_are_found_as_excel_and_libreoffice_write_them():
    from softenv_core.io.workbook_hidden import Hidden, scan_piece

    found = Hidden()
    scan_piece(
        b'<cols><col min="3" max="4" hidden="1"/><col hidden="false" min="5" max="5"/></cols>'
        b'<row r="2" hidden="1"><c r="A2"><is><t>x hidden="1"</t></is></c></row>'
        b'<row r="3" hidden="false"/><x:row r="9" spans="1:2" hidden="true"/><row r="10"/>',
        found,
    )
    assert found.rows == [(2, 2), (9, 9)] and found.cols == [(3, 4)]


def test_a_hidden_row_tag_without_its_number_is_counted():
    # review r22: ``r`` is optional on <row>; such a hidden row was not told at all.
    from softenv_core.io.workbook_hidden import Hidden, scan_piece

    found = Hidden()
    scan_piece(b'<row hidden="1" spans="1:2"><c><v>1</v></c></row><row r="5" hidden="1"/>', found)
    assert found.rows == [(5, 5)] and found.unnumbered == 1 and found


def test_a_workbook_whose_hidden_row_has_no_number_says_so(starter, tmp_path):
    import re
    import zipfile

    book = _hidden_book(starter, tmp_path / "x.xlsx")
    out = tmp_path / "unnumbered.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if b"city-d4" in data and info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<row r="4"', b"<row", data)  # the row after row 3: row 4 still
                assert n == 1
            dst.writestr(info, data)
    hints: list[str] = []
    dataset = read_workbooks([out], hints=hints)
    assert "city-d4" in {d.id for d in dataset.departments}
    assert (
        "部门: 有 1 个隐藏的行没有标明行号，其中的记录照常导入了；请取消隐藏核对，"
        "不是要导入的记录请删除这些行再导入（隐藏或筛选掉的行不算删除） (hidden rows without a row number: imported)"
    ) in hints
    assert "部门!A5、A7: 是隐藏的行（共 2 行）" in " ".join(hints)


def test_an_ods_sheet_s_collapsed_and_filtered_rows_and_columns_are_found():
    from softenv_core.io.ods_limits import ods_facts

    xml = (
        b'<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>'
        b'<table:table-column table:visibility="collapse"/>'
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>'
        b"</table:table-row>"
        b'<table:table-row table:number-rows-repeated="2" table:visibility="filter">'
        b'<table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>'
        b'<table:table-row table:visibility="visible"><table:table-cell/></table:table-row></table:table>'
    )
    (table,) = ods_facts([xml]).tables
    assert table.hidden.rows == [(2, 3)] and table.hidden.cols == [(3, 3)]


# -- finding 04: the Word report names parameters in Chinese --------------------------------


def test_every_city_parameter_has_a_chinese_title():
    from softenv_core.engine.parameters import baseline_parameters

    params = baseline_parameters()
    untitled = [p.name for p in params.parameters if not any("\u4e00" <= ch <= "\u9fff" for ch in p.title)]
    assert not untitled
    assert params.title("county.379903.extra.adopted.points") == "county.379903.extra.adopted.points"


def test_the_word_report_names_no_parameter_by_its_identifier(tmp_path):
    """Before: section 三's note read “…在册工作日达到规定天数（duty.min_workdays_in_month）…”, an
    English identifier in a document laid out for officials; it now gives the parameter's title."""
    docx = pytest.importorskip("docx")
    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.engine.parameters import baseline_parameters
    from softenv_core.render.docx_report import write_report_docx
    from softenv_core.render.monitoring_report import render_markdown

    from .demo_city import demo

    params = baseline_parameters()
    r = monitoring_report(demo(), "2025-03", audience="city")
    write_report_docx(r, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    texts = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]
    for shown in (texts, render_markdown(r).splitlines()):
        named = [(p.name, t) for p in params.parameters for t in shown if p.name in t]
        assert not named
        (note,) = [t for t in shown if "“应联系”为本月在册工作日" in t]
        assert f"（{params.title('duty.min_workdays_in_month')}，5个工作日）" in note  # with its value (c53 03)


@given(
    st.lists(st.integers(1, 60), max_size=30), st.lists(st.tuples(st.integers(1, 60), st.integers(0, 5)), max_size=5)
)
def test_the_rows_a_hidden_range_covers_are_found_in_any_order(numbers, spans):
    # workbook_hidden._covered bisects per range when the rows come in order (they do), and looks
    # at each row otherwise: either way, the rows inside a hidden range, in the order given.
    from softenv_core.io.workbook_hidden import _covered, _merged

    ranges = _merged((lo, lo + width) for lo, width in spans)
    expected = [n for n in numbers if any(lo <= n <= hi for lo, hi in ranges)]
    assert _covered(numbers, ranges) == expected
    assert _covered(sorted(numbers), ranges) == sorted(expected)
