"""A county clerk's March from the starter workbook to the year end (clerk c50), as one who did
not write the library: four more points typed in (dates as 2025.1.1, 2025年1月1日, an Excel date
and text; county codes in full-width digits and with a trailing space), contacts with an empty
row among them and one dated 2027, a point row pasted twice, a sheet renamed, moved, its columns
swapped; then import, validate, report (Markdown and Word, county:示范区), deadline, explain,
yearend (xlsx) and export, the Word report looked at as pictures (LibreOffice).

Findings (what she did / what she expected / what happened / status):

01 Word report, section 三 (联系监测点情况): she read the table printed. Expected its headers on one
   line. The headers broke inside words, 应联/系, 联系/上, 未联/系上, 非定/人: columns of 16 and
   18 mm hold two 4号 characters and Word's cell margins, not three or four. Fixed (the widths,
   render/docx_report.py; 非责任单位 breaks after 非责任); 方式, narrower, has a line per method
   (电话3 / 上门1), not 电话3、上/门1 broken inside 上门.
02 联系记录's 日期 typed 2025年3月5号 (号 as the day is said). Expected it read as 2025年3月5日.
   It was refused, `不是有效日期 '2025年3月5号'`. Fixed (io/workbook_cells.py; docs/office.md's
   table of forms).
03 The hidden row 2 of 联系记录 unhidden and its C2 `date` "translated" to 日期. Expected to be told
   to write the field name back. She was told two things: `缺少列 “日期” … 是否被删除了？… 请从
   softenv init 写出的工作簿复制该列`, which is wrong (the column is there), and `未知字段 '日期'`
   with nothing to do. Fixed: one problem at C2, `这是第 1 行的表头，隐藏的第 2 行应写字段名
   date；请把这一格改回 date` (io/workbook_layout.py).
04 `softenv export a.json --out a.xlsx`, a.xlsx being the workbook she had typed (office.md 第 2 节
   also has her correct an export and import it: the second export lands on it). Expected a
   refusal without --force, as `import --out` and `init` refuse. Her workbook was replaced without
   a word. Fixed: `a.xlsx 已经存在，不会覆盖：它可能是填写或改过的工作簿…请换一个文件名，或确要覆盖时加
   --force`, exit 1, the file untouched (cli/office_commands.py, parser_commands.py; docs/cli.md,
   docs/office.md 第 4 节).
05 The city's June report in Markdown and in Word side by side (the demo city). Expected the
   承办单位“三率” table with the same figures. Word's had no 综合 column (市人社局 98.00% in the
   Markdown's section 八 and the results workbook's 三率 sheet, nowhere in Word). Fixed
   (render/docx_report.py; docs/office.md 第 5 节); the unit's column 48 mm, so that 市行政审批局
   is not broken as five columns of equal width broke it.
06 A 联系记录 row with an item on 联系事项 pasted again at the sheet's foot (the rows alike, cell
   for cell). Expected what a pasted 监测点 row is told: `完全相同，只导入一次`. The import was
   refused, `编号相同而内容不同；给已有记录追加办理过程、事项等，只填子表的行…` (the starter's example
   contact: `这是起步工作簿中的示例行，与 … 的记录不同` and `事项跟踪!D3 … 只有 0 个事项`): the child
   rows went to the last row of the id, the merge kept the first. Fixed: child rows go to the first
   row of an id, and a row pasted again in the same sheet is compared by its own cells
   (io/workbook_children.py).
07 A second contact typed under the first one's 联系编号 (C-2025-03-001 on row 4, other content).
   Expected the one problem, the id typed twice. A second was told as well, `事项跟踪!D3 … 联系记录
   'C-2025-03-001' 只有 0 个事项，没有序号为 1 的事项`, untrue: the record has its item. Fixed by 06's
   change.
08 联系记录's 日期 typed with the call's time, an Excel date-time 2025-03-05 14:30. Expected to be
   told to write the day alone. It read `应为日期，不含时刻：2025-03-05 14:30:00`, what is wrong
   and not what to write. Fixed: `…：2025-03-05 14:30；请只写日期 2025-03-05`
   (io/workbook_cells.py).
09 联系记录's 监测点编号 typed P379902-2 (the number as it is said, for P379902-002). Expected the
   id meant, as p379902-002 is told `是否应为 'P379902-002'？`. It read `未知的监测点 'P379902-2'：监测点
   表中没有这个编号（是写错了编号，还是删除了该监测点的行？）；已撤销的监测点不要删除其行…`, sending
   her to look for a deleted row. Fixed: an id equal once the leading zeros of its numbers are
   dropped is suggested, as one of another case or width is (io/reference_hints.py); P379902-20,
   no point's, is still told as before.
10 `softenv explain --county 示范区`: February, waived by the city (豁免 W-2025-001), read
   `已豁免（未报；豁免 W-2025-001）  0.00`. Expected the waiver to count, or to be told why not. The
   score is by the facts (docs/rules.md: a waiver excuses the month for 十佳 only), and nothing
   said so. Fixed: `0.00（豁免只用于十佳评比，得分按实际报送情况）` (render/reasons.py).
14 `softenv deadline --month 2025-03 --county 示范区 --dataset a.json`, as `explain --county 示范区`
   and `--audience county:示范区` take her county's name. Expected March's deadline for 示范区. It
   read `--county：数据集 a.json 中没有县区 示范区`, of a dataset holding 示范区. Fixed: with
   --dataset, a name (or full-width digits) is read as the county's code (cli/commands.py;
   docs/cli.md).
15 Her workbook saved by a colleague as 3月.xls (an .xlsx renamed: WPS and mail attachments do
   it). Expected to be told what to do. It read `无法读取工作簿 (cannot read workbook): Cfb error:
   Invalid OLE`, the reader's own words (it goes by the name). Fixed: `文件名以 .xls 结尾，但内容是
   .xlsx 工作簿（扩展名被改过）；请改为以 .xlsx 结尾再导入`, also for .et (io/workbook_layout.py).
16 `softenv yearend a.json --year 2025年` (as a year is written) and `--year abc`. Expected the year
   read, and a wrong one told in Chinese first, as `--month` is. It read `argument --year: expected
   a year such as 2025, got '2025年' (应为整数，如 2025)`, English first. Fixed: 2025年 (and ２０２５年)
   is 2025; `参数 --year: 应为整数，如 2025，而不是 'abc' (argument --year: …)`, `应在 1900-2999 之间，
   而不是 1800 (…)` (cli/arguments.py; docs/reliability.md).
17 `softenv report a.json --month 2025-03 --as-of 2025年3月20日` (the report as of March 20). Expected
   the instant to write for that day. It read `请写成 2026-01-06T00:00:00+08:00`, a day she never
   typed. Fixed: the example is her day's, `2025-03-20T00:00:00+08:00`, as for `--as-of 2025-03-20`
   (cli/common.py).
18 `softenv report a.json --month 2025-03 --out 3月报告.docx`, --format docx forgotten. Expected to
   be told to add it. It read `…但这里写出的是文本（Markdown、JSON 或 CSV）；请改用相符的文件名或
   --format`, which format not said. Fixed: `要写成 Word 文件请加 --format docx` (report), `要写成
   Excel 文件请加 --format xlsx` (assess, yearend) (cli/output.py, cli/common.py).
19 联系记录's 联系人（实际联系者） typed 张 三 (a space to align the two-character name with
   three-character ones, as lists of names in offices are typed), the point's 联系人（定人） being
   张三. Expected the contact counted as the liaison person's. Section 三 read 非定人 1, and neither
   import nor validate said a word. Fixed: names are compared without their spaces, and the
   定人联系工作量 table counts 张三 and 张 三 (two points' 联系人（定人）) as one person
   (analyses/liaison.py; docs/programme.md).
20 联系记录's 日期 typed 2025-02-30 (and 2025年2月29日, 2025.13.1). Expected to be told the day does
   not exist. It read `不是有效日期 '2025-02-30'（可写 2025-03-05、2025/3/5 或 2025年3月5日）`, the
   forms, as if her text were garbled. Fixed: `…：2025年2月只有 28 天，没有 30 日，请核对`, `…：没有第
   13 月（月份为 1 至 12），请核对`, for a 报送时间 too (io/cell_hints.py, io/workbook_cells.py).
21 `softenv report a.json --month 2025-03 --audience county：示范区`, the colon as the Chinese input
   method gives it (and `County:379902`). Expected her county's report. It read `阅读范围
   'county：示范区' 的写法不对：应为 city、public、county:县区代码或名称…`, the two colons alike to her
   eye. Fixed: the kind in any case, spaces around it and a full-width colon after it are read
   (analyses/county_names.py; docs/cli.md).

Findings 14-21 and the held cases 11-13 are tested in test_clerk_c50_more.py.

Held (checked, as it should be):
11 A county code typed in full-width digits (３７９９０２) and one with a trailing space are read
   as 379902; the county's name in the code cell is told its code (`示范区 的代码是 379902，请写
   379902`), exit 1, no dataset written.
12 A contact dated 2027 is imported with a 注意 at its cell (`晚于导入之日 … 是否写错了年份？`).
13 The 联系记录 sheet renamed 联系记录(3月): `不认识的工作表 … 请把工作表名改回 联系记录`, and the rows
   naming its records are told the sheet was not read; exit 1, the workbook unchanged.

Questions for the city office: is 走访 a 上门 contact (it is refused, `不是可选值`, with no
suggestion)? May `--month 2025.3` be read as the workbook reads 2025.3 (it is refused with the
forms to write)? Outside the city office the report hides a county's own matter counts (—) while
listing its items with their points: is that what the county office is to receive? The Word
report's 未办结事项 table has no 涉及部门 column (the Markdown's has): is the department wanted there,
at the cost of the 事项 column's width?
"""

from __future__ import annotations

import json

import pytest

from softenv_core import get_plugin_manager
from softenv_core.io.workbook_cells import from_cell
from softenv_core.io.workbook_schema import Column

from .office_cli import run

openpyxl = pytest.importorskip("openpyxl")

_DATE = Column("date", "日期", "date")
_PM = get_plugin_manager(autoload=False)


# --- 01. the Word report's section 三 headers on one line -------------------------------------


def test_01_the_contacts_table_headers_are_not_broken_inside_a_word(starter, tmp_path, capsys):
    """4号 is 280 twips a character; Word's cell margins take 216 (clerk c48's measure)."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    out = tmp_path / "r.docx"
    code, _, err = run(
        capsys, "report", starter / "示例数据.json", "--month", "2025-03", "--audience", "county:示范区",
        "--format", "docx", "--out", out,
    )  # fmt: skip
    assert code == 0, err
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[0].text == "县区/市直")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    heads = [c.text for c in table.rows[0].cells]
    for i in (1, 2, 6):  # 应联系, 联系上, 非定人
        assert grid[i] >= 3 * 280 + 216, (heads[i], grid)
    assert grid[3] >= 4 * 280 + 216, (heads[3], grid)  # 未联系上
    assert grid[5] >= 3 * 280 + 216, grid  # 非责任单位 on two lines, 非责任 / 单位
    assert sum(grid) <= 8845, grid  # within the 156 mm text block
    assert table.rows[1].cells[4].text == "电话1", table.rows[1].cells[4].text


def test_01_the_contact_methods_are_a_line_each(tmp_path):
    docx = pytest.importorskip("docx")

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    path = tmp_path / "r.docx"
    write_report_docx(monitoring_report(demo(), "2025-06", _PM, audience="county:379902"), path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "县区/市直")
    methods = [row.cells[4].text for row in table.rows[1:]]
    assert "电话3\n上门3\n座谈12" in methods, methods  # the city's row: 市经贸委（市直）
    assert not any("、" in m for m in methods), methods


# --- 02. 2025年3月5号 --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025年3月5号", "２０２５年３月５号", "2025年03月05号 "])
def test_02_a_day_written_with_hao_is_read(typed):
    assert from_cell(_DATE, typed) == "2025-03-05"


def test_02_a_day_with_hao_and_no_year_is_told_the_year_is_missing():
    from softenv_core.io.workbook_cells import CellError

    with pytest.raises(CellError, match="缺少年份"):
        from_cell(_DATE, "3月5号")


# --- 03. the field row's name overwritten by the column's header ------------------------------


def test_03_a_header_typed_in_the_field_row_is_told_once_what_to_write(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"]["C2"] = "日期"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    said = "联系记录!C2: 未知字段 '日期'：这是第 1 行的表头，隐藏的第 2 行应写字段名 date；请把这一格改回 date"
    assert said in err, err
    assert "缺少列" not in err, err
    assert not (tmp_path / "d.json").exists()


def test_03_a_deleted_column_is_still_told_missing(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"].delete_cols(7)  # 备注
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "联系记录: 缺少列 “备注”" in err, err


# --- 04. export does not replace a workbook without --force -----------------------------------


def test_04_export_keeps_an_existing_workbook_unless_forced(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    book = tmp_path / "a.xlsx"
    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"]["G3"] = "她刚填的备注"
    wb.save(book)
    typed = book.read_bytes()
    code, _, err = run(capsys, "export", starter / "示例数据.json", "--out", book)
    assert code == 1 and "Traceback" not in err
    assert "a.xlsx 已经存在，不会覆盖" in err and "加 --force 覆盖" in err, err  # every --out's words (r54 02)
    assert book.read_bytes() == typed
    code, _, err = run(capsys, "export", starter / "示例数据.json", "--out", book, "--force")
    assert code == 0 and "已写入" in err and book.read_bytes() != typed, err


# --- 05. the Word report's 三率 with 综合 -----------------------------------------------------


def test_05_the_word_reports_unit_rates_have_the_combined_rate_of_the_markdown(tmp_path):
    docx = pytest.importorskip("docx")

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx
    from softenv_core.render.monitoring_report import render_markdown

    from .demo_city import demo

    report = monitoring_report(demo(), "2025-06", _PM, audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(report, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "承办单位")
    word = [[c.text for c in row.cells] for row in table.rows]
    assert word[0] == ["承办单位", "响应率", "解决率", "满意率", "综合"], word[0]
    from docx.oxml.ns import qn

    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[0] >= 8 * 280 + 216 and sum(grid) <= 8845, grid  # 新港区市场监管局 on one line
    markdown = render_markdown(report)
    for row in word[1:]:
        assert "| " + " | ".join(row) + " |" in markdown, row


# --- 06, 07. a record row typed twice: its child rows stay with the row that is kept ----------


def _contact_twice(starter, tmp_path, capsys, **cells):  # type: ignore[no-untyped-def]
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["联系记录"]
    fields = [c.value for c in ws[2]]
    ws.cell(3, fields.index("note") + 1).value = "企业反映用工难"  # her own contact, not the example row
    row = [c.value for c in ws[3]]
    for field, value in cells.items():
        row[fields.index(field)] = value
    ws.append(row)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return run(capsys, "import", book, "--out", tmp_path / "d.json")


def test_06_a_contact_row_pasted_twice_is_loaded_once_with_its_items(starter, tmp_path, capsys):
    code, _, err = _contact_twice(starter, tmp_path, capsys)
    assert code == 0, err
    assert "联系记录!A4 (C-2025-03-001): 与 b.xlsx 联系记录!A3 (C-2025-03-001) 完全相同，只导入一次" in err, err
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    (contact,) = data["contacts"]
    assert [i["text"] for i in contact["items"]] == ["用工成本上升，技术工人招聘难"]


def test_07_a_second_contact_under_the_same_id_is_told_once(starter, tmp_path, capsys):
    code, _, err = _contact_twice(starter, tmp_path, capsys, date="2025-03-20", made_by="李四")
    assert code == 1
    assert "联系记录!C4 (C-2025-03-001 日期): 与 b.xlsx 联系记录!A3 (C-2025-03-001) 编号相同而内容不同" in err, err
    assert "只有 0 个事项" not in err, err


# --- 08. a date typed with its time -----------------------------------------------------------


def test_08_a_date_with_a_time_is_told_the_day_to_write():
    from datetime import datetime

    from softenv_core.io.workbook_cells import CellError

    with pytest.raises(CellError) as told:
        from_cell(_DATE, datetime(2025, 3, 5, 14, 30))
    assert str(told.value) == "应为日期，不含时刻：2025-03-05 14:30；请只写日期 2025-03-05", told.value


# --- 09. a point id typed without its zeros ---------------------------------------------------


def test_09_a_point_id_without_its_zeros_is_told_the_id_meant(starter, tmp_path, capsys):
    from .starter_book import edited_starter

    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系记录": {"point": "P379902-1"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "联系记录!B3" in x)
    assert "未知的监测点 'P379902-1'（是否应为 'P379902-001'？）" in line, line


def test_09_an_id_of_no_point_is_not_given_a_near_one():
    from softenv_core.io.reference_hints import hinted

    ids = {"points": {"P379902-001", "P379902-010", "P379902-002"}}
    said = hinted(["$.contacts[0].point: unknown point 'P379902-20'"], ids)
    assert "did you mean" not in said[0], said
    said = hinted(["$.contacts[0].point: unknown point 'P379902-10'"], ids)
    assert said[0].endswith("(did you mean 'P379902-010'?)"), said


# --- 10. a waived month's score in explain ----------------------------------------------------


def test_10_a_waived_months_score_says_the_waiver_is_for_the_top_ten_only(starter, capsys):
    code, out, err = run(capsys, "explain", starter / "示例数据.json", "--year", "2025", "--county", "示范区")
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("2025-02"))
    assert "已豁免" in line and "0.00（豁免只用于十佳评比，得分按实际报送情况）" in line, line
    line = next(x for x in out.splitlines() if x.startswith("2025-03"))
    assert "豁免只用于" not in line, line
