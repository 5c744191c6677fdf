"""The office's medium (issue 17): the starter workbook, workbook import and export, the Word
report and the results workbook, each read back with openpyxl or python-docx."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402
from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.dataset_files import dataset_json, load_dataset, loads_dataset  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import ENUMS, SHEET_BY_NAME, SHEETS, STARTER_NAME  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402
from softenv_core.io.workbook_write import write_workbook  # noqa: E402
from softenv_core.model.periods import BEIJING, Month  # noqa: E402
from softenv_core.testing.strategies import datasets  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402
from .test_office_documents import YEAREND_SHEETS  # noqa: E402
from .weights import examples  # noqa: E402

#: The results workbook's sheets (yearend and assess --format xlsx write the same workbook).
RESULT_SHEETS = ["县区", "监测点", "部门评议", "承办单位", "阅读范围", "组织保障", "事项跟踪", *YEAREND_SHEETS]

RECORD_SHEETS = ("县区", "部门", "监测点", "联系记录", "月报", "月报事项", "直接反馈", "办理过程", "评议")
RECORD_SHEETS += ("名册调整", "备案", "豁免", "推荐")


# --- softenv init ------------------------------------------------------------------------


def test_init_writes_a_sheet_per_record_kind_with_readme_and_hidden_options(starter):
    wb = load_workbook(starter / STARTER_NAME)
    assert wb.sheetnames[0] == "说明"
    for name in RECORD_SHEETS:
        assert name in wb.sheetnames, name
    assert wb["选项"].sheet_state == "hidden"
    readme = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "北京时间" in readme


def test_init_headers_are_chinese_with_field_names_in_a_hidden_row(starter):
    ws = load_workbook(starter / STARTER_NAME)["监测点"]
    headers = [c.value for c in ws[1]]
    fields = [c.value for c in ws[2]]
    assert headers[:4] == ["监测点编号", "企业名称", "县区代码", "统一社会信用代码"]
    assert fields[:4] == ["id", "enterprise.name", "county", "enterprise.uscc"]
    assert ws.row_dimensions[2].hidden
    assert ws.freeze_panes == "A3"
    assert ws["A1"].font.b


def test_init_drop_downs_list_the_chinese_labels_of_every_enum(starter):
    wb = load_workbook(starter / STARTER_NAME)
    options = wb["选项"]
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in options.iter_cols()}
    for enum in ENUMS:
        assert columns[enum.__name__] == [m.zh for m in enum]
    assert "市辖区" in columns["CountyKind"] and "中型" in columns["Size"] and "电话" in columns["ContactMethod"]
    ws = wb["监测点"]
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    size = by_range["E3:E1048576"]  # 规模
    assert size.type == "list" and size.formula1.startswith("'选项'!$")
    target = size.formula1.split("!")[1].replace("$", "")
    assert [c.value for row in options[target] for c in row] == ["大型", "中型", "小型", "微型"]
    reached = {str(dv.sqref): dv for dv in wb["联系记录"].data_validations.dataValidation}["F3:F1048576"]
    assert reached.type == "list"  # 是 / 否


def test_init_formats_dates_times_and_identifiers(starter):
    wb = load_workbook(starter / STARTER_NAME)
    points = wb["监测点"]
    assert points["D3"].data_type == "s" and points["D3"].value.startswith("91379902")  # credit code as text
    assert points.column_dimensions["D"].number_format == "@"
    assert isinstance(points["N3"].value, datetime) and points["N3"].number_format == "yyyy-mm-dd"
    reports = wb["月报"]
    assert reports["D3"].value == datetime(2025, 4, 3, 10, 30)  # Beijing wall time
    assert reports["D3"].number_format in ("yyyy-mm-dd h:mm:ss", "yyyy-mm-dd hh:mm:ss")
    assert reports.column_dimensions["D"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert reports["C3"].value == "2025-03"


def test_init_has_one_example_row_per_sheet_and_the_same_json(starter):
    wb = load_workbook(starter / STARTER_NAME)
    for sheet in SHEETS:
        assert wb[sheet.name].max_row >= 3, sheet.name
    dataset = load_dataset(starter / "示例数据.json")
    assert dataset == starter_dataset()
    assert read_workbooks([starter / STARTER_NAME]) == dataset


def test_init_refuses_to_overwrite(starter, capsys):
    code, _, err = run(capsys, "init", starter)
    assert code == 1 and "--force" in err


# --- import and export -------------------------------------------------------------------


def _edit(src: Path, dst: Path, edits: dict[str, dict[str, object]]) -> Path:
    wb = load_workbook(src)
    for sheet, cells in edits.items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    wb.save(dst)
    return dst


def test_import_reports_every_problem_by_cell_and_path(starter, tmp_path):
    uscc = starter_dataset().points[0].enterprise.uscc
    bad_uscc = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
    book = _edit(
        starter / STARTER_NAME,
        tmp_path / "bad.xlsx",
        {
            "监测点": {"D3": bad_uscc, "E3": "中形", "N3": "2025年13月1日"},
            "联系记录": {"B3": "P-nowhere"},
        },
    )
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    problems = info.value.problems
    text = "\n".join(problems)
    assert "监测点!E3 (P379902-001 规模): '中形' 不是可选值（大型、中型、小型、微型）；是否应为 中型？" in text
    assert "监测点!N3 (P379902-001 确定日期): 不是有效日期" in text
    # Every problem at once: the cells that do not read, and the model's checks of the rest,
    # the credit code's check character included (clerk finding 03: it waited for the others).
    assert any(p.startswith("联系记录!B3 (C-2025-03-001 监测点编号): 未知的监测点 'P-nowhere'") for p in problems)
    assert any(
        p.startswith("监测点!D3 (P379902-001 统一社会信用代码): 校验位错误：")
        and p.endswith("— $.points[0].enterprise.uscc")
        for p in problems
    )
    assert len(problems) == 4, problems
    book = _edit(
        starter / STARTER_NAME, tmp_path / "bad2.xlsx", {"监测点": {"D3": bad_uscc}, "联系记录": {"B3": "P-x"}}
    )
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    problems = info.value.problems
    assert any(
        p.startswith("监测点!D3 (P379902-001 统一社会信用代码): 校验位错误：")
        and p.endswith("— $.points[0].enterprise.uscc")
        for p in problems
    )
    assert any(p.startswith("联系记录!B3 (C-2025-03-001 监测点编号): 未知的监测点 'P-x'") for p in problems)


def test_import_accepts_codes_text_dates_and_naive_beijing_times(starter, tmp_path):
    book = _edit(
        starter / STARTER_NAME,
        tmp_path / "typed.xlsx",
        {
            "监测点": {"E3": "medium", "N3": "2025/1/1"},
            "联系记录": {"C3": "2025年3月12日", "F3": "是"},
            "月报": {"D3": "2025-04-03 10:30", "C3": "2025年3月"},
            "办理过程": {"D3": "2025-03-14T01:00:00+00:00"},
            "县区": {"A3": 379902},  # a code that Excel turned into a number
            "评议轮次": {"B3": "2025年上半年"},
        },
    )
    dataset = read_workbooks([book])
    assert dataset == starter_dataset()
    assert dataset.reports[0].submitted_at.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("typed", ["2025-04-07", "2025/4/7", "2025年4月7日"])
def test_import_refuses_a_moment_typed_as_a_bare_date(starter, tmp_path, typed):
    # Read as 00:00, a date-only submission would be on time under any deadline that day
    # (a county's 17:00 included): refused, naming the cell.
    book = _edit(starter / STARTER_NAME, tmp_path / "bare.xlsx", {"月报": {"D3": typed}})
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    (problem,) = info.value.problems
    assert problem.startswith("月报!D3 ")
    assert "缺少时刻：请填写日期和时间，如 2025-04-07 09:30" in problem


@settings(max_examples=examples(40))
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), hour=st.integers(0, 23))
def test_a_moment_cell_needs_its_time(day, hour):
    """Any text form of a day alone is refused in a moment column; with a time it is read."""
    column = next(c for c in SHEET_BY_NAME["月报"].columns if c.kind == "datetime")
    for text in (day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日"):
        with pytest.raises(CellError, match="缺少时刻"):
            from_cell(column, text)
        moment = datetime.fromisoformat(from_cell(column, f"{text} {hour}:05"))
        assert (moment.date(), moment.hour, moment.minute) == (day, hour, 5)


def test_import_merges_books_and_names_both_cells_on_a_conflict(starter, tmp_path):
    same = _edit(starter / STARTER_NAME, tmp_path / "b.xlsx", {})
    assert read_workbooks([starter / STARTER_NAME, same]) == starter_dataset()
    other = _edit(starter / STARTER_NAME, tmp_path / "c.xlsx", {"部门": {"B3": "市场监督管理局"}})
    with pytest.raises(InputError) as info:
        read_workbooks([starter / STARTER_NAME, other])
    (problem,) = info.value.problems
    # the differing cell on each side (c21), not only the id's
    assert problem.startswith("c.xlsx 部门!B3 (city-amr 名称)") and f"{STARTER_NAME} 部门!B3" in problem


def test_import_into_an_existing_dataset_adds_the_books_records(starter, tmp_path, capsys):
    book = _edit(
        starter / STARTER_NAME,
        tmp_path / "april.xlsx",
        {"联系记录": {"A3": "C-2025-04-001", "C3": date(2025, 4, 9)}, "联系事项": {"A3": "C-2025-04-001"}},
    )
    target = tmp_path / "dataset.json"
    target.write_text((starter / "示例数据.json").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "import", book, "--into", target)
    assert code == 0, err
    merged = load_dataset(target)
    assert [c.id for c in merged.contacts] == ["C-2025-03-001", "C-2025-04-001"]
    assert merged.contacts[1].items == merged.contacts[0].items


def test_import_into_names_the_dataset_record_a_book_contradicts(starter, tmp_path):
    book = _edit(starter / STARTER_NAME, tmp_path / "x.xlsx", {"县区": {"B3": "另一个区"}})
    with pytest.raises(InputError) as info:
        read_workbooks([book], into=starter / "示例数据.json")
    (problem,) = info.value.problems
    assert problem.startswith("x.xlsx 县区!B3 (379902 名称): 与 示例数据.json $.counties[0] 编号相同而内容不同")
    assert "示例数据.json $.counties[0].name 为 “示范区”" in problem


def test_import_child_rows_need_their_parent_in_the_same_book(starter, tmp_path):
    book = _edit(starter / STARTER_NAME, tmp_path / "o.xlsx", {"办理过程": {"A3": "F-none"}, "联系事项": {"B3": "x"}})
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    text = "\n".join(info.value.problems)
    assert "办理过程!A3 (F-none#1 反馈编号): 所属记录 F-none 不在本工作簿中" in text
    assert "联系事项!B3 (C-2025-03-001#x 序号): 序号应为正整数（1、2、3……），而不是 'x'" in text
    assert "事项跟踪" not in text  # the item is kept, its 序号 told: what names it is not told again
    assert "办理过程!C9 (F-2025-001#7 环节): 环节 结案 不能接在 尚未收到 之后" in text  # at its 环节 (a60 06)


def test_import_cli_lists_every_problem_and_exits_1(starter, tmp_path, capsys):
    book = _edit(starter / STARTER_NAME, tmp_path / "bad.xlsx", {"县区": {"C3": "区"}, "部门": {"A3": "部门 1"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    assert "县区!C3 (379902 类型)" in err and "部门!A3" in err
    assert not (tmp_path / "d.json").exists()


def test_export_then_import_gives_the_demo_back(tmp_path, capsys):
    from .demo_city import demo_json

    demo = loads_dataset(demo_json())  # JSON text: loads_dataset
    (tmp_path / "d.json").write_text(dataset_json(demo), encoding="utf-8")
    code, _, err = run(capsys, "export", tmp_path / "d.json", "--out", tmp_path / "d.xlsx")
    assert code == 0
    # What it wrote, said as init and import say it (clerk c33), and that it is the whole file;
    # on stderr, full-width (clerk c40).
    assert f"→ 已写入 {tmp_path / 'd.xlsx'}：{len(demo.points)} 个监测点，{len(demo.counties)} 个县区的全部记录" in err
    assert "不得外发" in err
    assert run(capsys, "import", tmp_path / "d.xlsx", "--out", tmp_path / "e.json")[0] == 0
    assert load_dataset(tmp_path / "e.json") == demo


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets(max_points=2, months_covered=3))
def test_round_trip_dataset_workbook_dataset_is_equal(tmp_path, dataset):
    path = tmp_path / "rt.xlsx"
    write_workbook(dataset, path)
    back = read_workbooks([path])
    assert back == dataset
    # The workbook shows Beijing time: every moment comes back as the same instant at +08:00.
    for r in back.reports:
        assert r.submitted_at.utcoffset() == timedelta(hours=8)
    moments = [e.at for c in back.complaints for e in c.events]
    assert all(m.tzinfo is not None and m.utcoffset() == timedelta(hours=8) for m in moments)
    assert json.loads(dataset_json(back))["city"] == json.loads(dataset_json(dataset))["city"]


def test_control_characters_are_shown_visibly_in_an_export(tmp_path):
    import attrs

    d = starter_dataset()
    point = d.points[0]
    odd = attrs.evolve(point, enterprise=attrs.evolve(point.enterprise, name="示范\x07公司\x1b[31m"))
    write_workbook(attrs.evolve(d, points=(odd,)), tmp_path / "c.xlsx")
    # Shown as <U+HHHH> (the Word report's ␇ only where nothing reads it back), and read back exactly (x40).
    assert openpyxl.load_workbook(tmp_path / "c.xlsx")["监测点"]["B3"].value == "示范<U+0007>公司<U+001B>[31m"


def test_moments_in_a_workbook_are_beijing_wall_time(tmp_path):
    import attrs

    d = starter_dataset()
    utc = d.reports[0].submitted_at.astimezone(BEIJING).astimezone(datetime.now().astimezone().tzinfo)
    write_workbook(attrs.evolve(d, reports=(attrs.evolve(d.reports[0], submitted_at=utc),)), tmp_path / "t.xlsx")
    assert openpyxl.load_workbook(tmp_path / "t.xlsx")["月报"]["D3"].value == datetime(2025, 4, 3, 10, 30)


# --- the Word report ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_docx(demo_file) -> Path:
    out = demo_file.parent / "监测报告-2025-03.docx"
    assert main(["report", str(demo_file), "--month", "2025-03", "--format", "docx", "--out", str(out)]) == 0
    return out


def _east_asian(run) -> str | None:
    from docx.oxml.ns import qn

    fonts = run._element.rPr.rFonts
    return fonts.get(qn("w:eastAsia"))


def test_docx_page_is_a4_with_gbt9704_margins(report_docx):
    docx = pytest.importorskip("docx")
    from docx.shared import Mm

    section = docx.Document(str(report_docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)  # stored in twentieths of a point


def test_docx_title_body_and_headings_use_the_standard_fonts(report_docx):
    docx = pytest.importorskip("docx")
    doc = docx.Document(str(report_docx))
    title = doc.paragraphs[0]
    assert title.text == "示范市软环境建设监测报告"
    assert title.alignment == 1  # centred
    assert _east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    normal = doc.styles["Normal"]
    assert normal.font.name == "仿宋_GB2312" and normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况")
    assert _east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size.pt == 16
    assert _east_asian(next(p for p in doc.paragraphs if p.text.startswith("（")).runs[0]) == "楷体_GB2312"


def test_docx_tables_repeat_their_header_row(report_docx):
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    doc = docx.Document(str(report_docx))
    assert len(doc.tables) >= 4
    for table in doc.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    counties = doc.tables[0]
    assert [c.text for c in counties.rows[0].cells] == ["县区", "截止", "首次报送", "状态", "零报告", "事项"]
    assert len(counties.rows) == 10  # nine counties
    assert counties.rows[1].cells[0].text == "东城区"


def test_docx_table_rows_are_kept_whole_and_sub_headings_numbered_in_order(report_docx):
    """A row never breaks across pages (an id printed half on each, clerk finding 09), and
    section 六's sub-headings start at （一）."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    doc = docx.Document(str(report_docx))
    for table in doc.tables:
        for row in table.rows:
            tr_pr = row._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
        header = table.rows[0]._tr.trPr
        tags = [child.tag for child in header]
        assert tags.index(qn("w:cantSplit")) < tags.index(qn("w:tblHeader"))  # the schema's order
    texts = [p.text for p in doc.paragraphs]
    six = texts.index("六、共性问题和工作建议")
    assert texts[six + 1] == "（一）共性问题"
    assert not any("问题问题" in t for t in texts)  # "困难问题" is not doubled


def test_docx_header_names_the_audience_and_footer_numbers_pages(report_docx):
    docx = pytest.importorskip("docx")
    doc = docx.Document(str(report_docx))
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "发至：市软建办"
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, 2), (section.even_page_footer, 0)):
        p = footer.paragraphs[0]
        assert p.alignment == align  # odd pages right, even pages left
        xml = p._p.xml
        assert "PAGE" in xml and p.text.startswith("— ") and p.text.endswith(" —")
        assert _east_asian(p.runs[0]) == "宋体" and p.runs[0].font.size.pt == 14


def test_docx_summary_states_the_reports_instant(report_docx):
    """March 2025 is due 04-07 (a Monday after 清明): the report knows what came by 04-08 00:00."""
    docx = pytest.importorskip("docx")
    text = "\n".join(p.text for p in docx.Document(str(report_docx)).paragraphs)
    assert "数据截至2025年4月8日0时（北京时间）" in text


def test_docx_ends_with_the_office_and_the_date(report_docx):
    docx = pytest.importorskip("docx")
    doc = docx.Document(str(report_docx))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[-2:] == ["市经贸委", "2025年4月7日"]
    assert doc.paragraphs[-1].alignment == 2
    assert doc.core_properties.author == "市经贸委" and doc.core_properties.title.startswith("示范市软环境")


def test_docx_for_a_county_goes_to_its_office(demo_file, tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "c.docx"
    args = ["report", str(demo_file), "--month", "2025-03", "--format", "docx", "--audience", "county:379902"]
    assert main([*args, "--out", str(out)]) == 0
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == "发至：东城区经贸委"


def test_docx_record_text_is_inert(demo_file, tmp_path):
    """Text from records is shown as written: no fields, no markup, control characters visible."""
    docx = pytest.importorskip("docx")
    import attrs

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import visible, write_report_docx
    from softenv_core.rules.registry import get_plugin_manager

    evil = "{ PAGE } <w:t>x</w:t> =cmd|' /C calc'!A0 \x07bell \u202eevil"
    report = monitoring_report(load_dataset(demo_file), Month(2025, 3), get_plugin_manager(), audience=CITY_OFFICE)
    first = attrs.evolve(report.notable_items[0], text=evil)
    report = attrs.evolve(report, notable_items=(first, *report.notable_items[1:]), city="示范市\x1b[2J")
    out = tmp_path / "i.docx"
    write_report_docx(report, out)
    doc = docx.Document(str(out))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert visible(evil) in body
    assert doc.paragraphs[0].text == "示范市␛[2J软环境建设监测报告"
    assert "\x07" not in body and "\u202e" not in body
    assert visible(evil) == "{ PAGE } <w:t>x</w:t> =cmd|' /C calc'!A0 ␇bell <U+202E>evil"
    # the only field in the document is the footer's page number
    assert "instrText" not in doc.element.body.xml


def test_docx_shows_what_its_xml_cannot_hold_instead_of_crashing(demo_file, tmp_path):
    """U+FFFE (a noncharacter the loader accepts) or a lone surrogate crashed the Word report
    with a traceback, as it did the workbooks: shown as <U+FFFE>, by the workbooks' rule; tab
    kept, and a CR or line feed flows as a space, as in the Markdown report (x21 02: a line
    feed was a ``<w:br/>`` that started a line of the report)."""
    docx = pytest.importorskip("docx")
    import attrs

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import visible, write_report_docx
    from softenv_core.rules.registry import get_plugin_manager

    assert visible("a\ufffeb\ud800c\rd\te\nf") == "a<U+FFFE>b<U+D800>c d\te f"
    report = monitoring_report(load_dataset(demo_file), Month(2025, 3), get_plugin_manager(), audience=CITY_OFFICE)
    report = attrs.evolve(report, city="示范市\ufffe")
    out = tmp_path / "n.docx"
    write_report_docx(report, out)
    assert docx.Document(str(out)).paragraphs[0].text == "示范市<U+FFFE>软环境建设监测报告"


def _usage(capsys, *args):
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    capsys.readouterr()
    return info.value.code


def test_report_formats_a_command_does_not_offer_are_usage_errors(demo_file, capsys):
    assert _usage(capsys, "report", demo_file, "--month", "2025-03", "--format", "csv") == 2
    assert _usage(capsys, "validate", demo_file, "--format", "csv") == 2
    assert _usage(capsys, "assess", demo_file, "--year", "2025", "--format", "docx") == 2
    assert _usage(capsys, "yearend", demo_file, "--year", "2025", "--format", "csv") == 2
    code, _, err = run(capsys, "report", demo_file, "--month", "2025-03", "--format", "docx")
    assert code == 2 and "--out" in err


# --- the results workbook ----------------------------------------------------------------


@pytest.fixture(scope="module")
def results_xlsx(demo_file) -> Path:
    out = demo_file.parent / "results.xlsx"
    assert main(["yearend", str(demo_file), "--year", "2025", "--format", "xlsx", "--out", str(out)]) == 0
    return out


def test_results_workbook_has_the_four_sheets_and_the_year_ends_two_with_frozen_headers(results_xlsx):
    wb = load_workbook(results_xlsx)
    assert wb.sheetnames == RESULT_SHEETS
    # The demo city: 9 counties; 白河县 (379922) and 望海市 (379982) have no work plan for 2025.
    rows = list(wb["组织保障"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 9
    assert [r[0] for r in rows if r[2] == "否"] == ["379922", "379982"]
    for ws in wb:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws["A1"].font.b
        assert ws.column_dimensions["A"].width >= 8


def test_results_workbook_prints_landscape_one_page_wide_with_its_header_on_every_page(results_xlsx):
    """Printed for the leadership (clerk finding 19): A4 landscape, all columns on the page's
    width, row 1 repeated; a text of several lines wraps, so that every line shows."""
    wb = load_workbook(results_xlsx)
    for ws in wb:
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
    multi = [
        c for ws in wb for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and "\n" in c.value
    ]
    assert all(c.alignment.wrap_text for c in multi)


def test_results_counties_show_months_compliance_and_topten(results_xlsx, demo_file):
    from softenv_core.analyses.assessment import assess
    from softenv_core.rules.registry import get_plugin_manager

    a = assess(load_dataset(demo_file), 2025, get_plugin_manager(), audience=CITY_OFFICE)
    ws = load_workbook(results_xlsx)["县区"]
    headers = [c.value for c in ws[1]]
    assert headers[2:14] == [f"{m}月" for m in range(1, 13)]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(a.counties)
    col = {h: i for i, h in enumerate(headers)}
    for c in a.counties:
        row = rows[c.code]
        assert row[col["合规得分"]] == pytest.approx(float(c.compliance))
        assert row[col["十佳资格"]] == ("是" if c.topten_eligible else "否")
        failing = [str(m.month) for m in c.months if m.status != "on_time" and not m.waiver]
        assert (row[col["未按时月份"]] or "") == "、".join(failing)
    assert ws.cell(2, col["合规得分"] + 1).number_format == "0.00"
    assert any(r[col["十佳资格"]] == "否" for r in rows.values())  # the demo has a county that fails


def test_results_points_show_items_total_band_and_why_not(results_xlsx, demo_file):
    ws = load_workbook(results_xlsx)["监测点"]
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    item_cols = headers[col["应履职月数"] + 1 : col["总分"]]
    assert "按月联系" in item_cols
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    for row in rows:
        items = sum(v for v in row[col["应履职月数"] + 1 : col["总分"]] if v is not None)
        assert row[col["总分"]] == pytest.approx(items, abs=0.011)
        assert row[col["等次"]] in ("优秀", "合格", "不合格")
        assert (row[col["可推荐"]] == "否") == bool(row[col["不可推荐原因"]])


def test_results_appraisal_and_units_sheets(results_xlsx):
    wb = load_workbook(results_xlsx)
    ws = wb["部门评议"]
    assert [c.value for c in ws[1]][:7] == ["轮次", "期间", "部门编号", "部门", "有效评价数", "得分", "名次"]
    assert ws.max_row > 2
    units = wb["承办单位"]
    headers = [c.value for c in units[1]]
    assert headers[-4:] == ["响应率", "解决率", "满意率", "综合"]
    rated = [r for r in units.iter_rows(min_row=2) if r[-4].value is not None]
    assert rated and all(0 <= r[-4].value <= 1 and r[-4].number_format == "0.00%" for r in rated)


def test_assess_csv_has_a_county_table(demo_file, capsys):
    code, out, _ = run(capsys, "assess", demo_file, "--year", "2025", "--format", "csv", "--table", "counties")
    assert code == 0 and out.startswith("\ufeff代码,名称,1月")
    assert len(out.strip().splitlines()) == 10


# --- the extra stays optional --------------------------------------------------------------


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_the_core_imports_no_office_library():
    done = _python(
        "import sys, softenv_core as se\n"
        "from softenv_core.demo import build_demo\n"
        "from softenv_core.cli import commands\n"
        "d = build_demo(year=2025)\n"
        "se.assess(d, 2025, se.get_plugin_manager(), audience=se.CITY_OFFICE)\n"
        "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'docx', 'python_calamine') if m in sys.modules))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
@pytest.mark.parametrize(
    ("blocked", "call"),
    [
        (
            "xlsxwriter",
            "from softenv_core.io.workbook_write import write_workbook; write_workbook(d, Path(t) / 'a.xlsx')",
        ),
        (
            "openpyxl",
            "from softenv_core.render.xlsx_results import write_results_xlsx; write_results_xlsx(None, None, Path(t))",
        ),
        ("python_calamine", "from softenv_core.io.workbook_read import read_workbooks; read_workbooks([Path(t)])"),
        ("docx", "from softenv_core.render.docx_report import write_report_docx; write_report_docx(None, Path(t))"),
    ],
)
def test_a_missing_extra_names_the_pip_command(blocked, call):
    done = _python(
        f"import sys, tempfile; sys.modules[{blocked!r}] = None\n"
        "from pathlib import Path\n"
        "from softenv_core.errors import SoftenvError\n"
        "from softenv_core.io.workbook_starter import starter_dataset\n"
        "d = starter_dataset(); folder = tempfile.TemporaryDirectory(); t = folder.name\n"
        f"try:\n    {call}\nexcept SoftenvError as e:\n    print(e)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "uv sync --extra office" in done.stdout and "softenv-core[office]" not in done.stdout


def test_assess_writes_the_same_results_workbook_and_text_to_out(demo_file, tmp_path, capsys):
    out = tmp_path / "assess.xlsx"
    assert run(capsys, "assess", demo_file, "--year", "2025", "--format", "xlsx", "--out", out)[0] == 0
    assert openpyxl.load_workbook(out).sheetnames == RESULT_SHEETS
    code, printed, _ = run(capsys, "assess", demo_file, "--year", "2025", "--out", tmp_path / "s.txt")
    assert code == 0 and printed == ""
    assert "2025" in (tmp_path / "s.txt").read_text(encoding="utf-8")
