"""A county clerk's year from the empty starter workbook to the year end (clerk c48): a month
typed without its year (12月, December's report filed in January) and a time typed with 下午 are
told what is missing; the Word report's 历时 keeps 111天※ on one line; the year end's filing
and adjustment-window tables name the county as sections 三 and 五 do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core import get_plugin_manager

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")
PM = get_plugin_manager(autoload=False)


def _report_row(starter: Path, tmp_path: Path, **cells: str) -> Path:
    """The starter workbook with its example 月报 row's cells (by field name) typed over."""
    wb = load_workbook(starter / "软环境监测点.xlsx")
    ws = wb["月报"]
    fields = [c.value for c in ws[2]]
    for field, typed in cells.items():
        ws.cell(3, fields.index(field) + 1, typed)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    return book


# --- 1. a month typed without its year ---------------------------------------------------------


def test_a_month_without_its_year_is_told_the_year_is_missing(starter, tmp_path, capsys):
    """所报月份 `12月` (December's report, filed in January) was told only `不是有效月份 '12月'
    （可写 2025-03 或 2025年3月）`, as if the text were garbled: a day without its year says
    缺少年份 since clerk c45, a month did not."""
    book = _report_row(starter, tmp_path, month="12月")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "月报!C3" in x)
    assert "缺少年份，请写出年份，如 2025年12月 或 2025-12" in line, line
    assert "所报月份仍写上一年的 12 月" in line, line


def test_a_month_of_another_number_is_told_its_own_form(starter, tmp_path, capsys):
    book = _report_row(starter, tmp_path, month="3月份")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "月报!C3" in x)
    assert "如 2025年3月 或 2025-03" in line and "上一年" not in line, line


def test_a_garbled_month_is_told_the_forms_alone(starter, tmp_path, capsys):
    # 三月 was this test's garbled month; it is told its missing year since clerk c55 06.
    book = _report_row(starter, tmp_path, month="上个月")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "月报!C3" in x)
    assert "不是有效月份 '上个月'（可写 2025-03 或 2025年3月）" in line and "缺少年份" not in line, line


# --- 2. a time typed with 上午 / 下午 ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025年4月3日下午3点", "2025年4月3日 上午10点", "2025-04-03 3:00 PM"])
def test_a_time_on_the_twelve_hour_clock_is_told_to_use_the_24_hour_one(starter, tmp_path, capsys, typed):
    """`2025年4月3日下午3点`, as a notice writes a time, was told only the forms: the clerk who
    had written 年月日时 as the docs allow saw no reason it was refused. Still refused (never read
    as 03:00, on time under any deadline of that day), with what to write."""
    book = _report_row(starter, tmp_path, submitted_at=typed)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "月报!D3" in x)
    assert "请用 24 小时制写时刻" in line and "下午3点 写 15:00" in line, line


def test_a_garbled_time_is_told_no_clock_hint(starter, tmp_path, capsys):
    book = _report_row(starter, tmp_path, submitted_at="2025年4月3日 十点")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "月报!D3" in x)
    assert "不是有效时间" in line and "24 小时制" not in line, line


# --- 3. the Word report's 历时 of three digits with its ※ ------------------------------------


def test_the_open_matters_age_column_holds_three_digits_and_the_mark(tmp_path):
    """An item raised in March and never followed up read `111天` / `※` on two lines in June's
    Word report (LibreOffice, digits in DejaVu Sans at 0.64 em: 3 × 178 + 天 280 + ※ 280 twips
    and Word's cell margins, 216, are 1,313 twips; the column was 22 mm, 1,247)."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    path = tmp_path / "r.docx"
    write_report_docx(monitoring_report(demo(), "2025-06", PM, audience="city"), path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "反映日期")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[5] >= 3 * 178 + 2 * 280 + 216, grid
    assert sum(grid) <= 8845, grid  # within the 156 mm text block


# --- 4. the year end names the county in its filing and window tables -------------------------


def test_the_year_ends_filing_and_window_tables_name_the_county(starter, tmp_path, capsys):
    """Section 四 (县区调整备案) and 九 (调整期) read `379902` in their 县区 column where sections 三
    and 五 read `379902 示范区`: the leader knows the county by its name (clerk c30's rule)."""
    data = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    data["filings"][0]["filed_on"] = "2025-03-05"  # after the change took effect: not in time
    data["roster_changes"][0]["effective"] = data["points"][0]["designated_from"] = "2025-03-01"
    data["roster_changes"][0]["by"] = data["points"][0]["designated_by"] = "county"  # a county's change
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "yearend", path, "--year", "2025")
    assert code == 0, err
    four = out.split("## 四、")[1].split("## 五、")[0]
    assert "| RC-2025-001 | 379902 示范区 | P379902-001 |" in four, four
    nine = out.split("## 九、")[1].split("## 十、")[0]
    assert "| RC-2025-001 | P379902-001 | 379902 示范区 | 2025-03-01 |" in nine, nine


# --- 5. the Word report's 状态 of a late report on one line ------------------------------------


def test_a_late_reports_status_keeps_its_workdays_on_one_line(tmp_path):
    """May's report filed on 06-10 read `迟报3个工` / `作日` in the Word report's 状态 column of
    30 mm (1,701 twips): 迟报12个工作日 is 6 × 280 + 2 × 178 twips (4号, digits in DejaVu Sans where
    LibreOffice lacks 仿宋_GB2312) and Word's cell margins, 216."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    path = tmp_path / "r.docx"
    write_report_docx(monitoring_report(demo(), "2025-03", PM, audience="city"), path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "县区")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[3] >= 6 * 280 + 2 * 178 + 216, grid  # 迟报12个工作日
    # 首次报送's day and time a line each (06-10 / 09:00, or 17:00:30 with its seconds: r54 01)
    assert grid[2] >= 6 * 178 + 2 * 94 + 216, grid  # 17:00:30: ':' in DejaVu
    assert grid[4] >= 3 * 280 + 216 and grid[5] >= 2 * 280 + 216, grid  # the headers 零报告, 事项
    assert sum(grid) <= 8845, grid


# --- 6. a removed point's row deleted -----------------------------------------------------------


def test_a_deleted_point_row_is_told_to_be_kept(starter, tmp_path, capsys):
    """The clerk's point was removed (企业自愿退出) in June; she deleted its row of 监测点 in the
    exported workbook. Each of its contacts was told only `未知的监测点 'P379902-001'`, and the
    line counting the rest `改正一处的写法后，请同样改正其余各处`: nothing about the deleted row."""
    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["监测点"].delete_rows(3)
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if x.strip().startswith("联系记录!B3"))
    assert "未知的监测点 'P379902-001'：监测点 表中没有这个编号" in line, line
    assert "已撤销的监测点不要删除其行" in line and "“截止日期”列写撤销生效日期的前一天" in line, line
    assert "(no such point" not in line, line  # the English tag is for --lang en


def test_a_point_id_typed_in_another_case_keeps_its_did_you_mean(starter, tmp_path, capsys):
    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"]["B3"] = "p379902-001"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "联系记录!B3" in x)
    assert "是否应为 'P379902-001'" in line and "删除" not in line, line


# --- 7. December's report filed late, after the year's default instant ------------------------


def test_assess_names_a_report_on_file_after_the_instant_with_the_as_of_that_counts_it(capsys, tmp_path):
    """December's report filed on 2026-01-08 09:00 (迟报, within the grace days) read 未报 in
    ``softenv assess``: the default instant is 2026-01-06 00:00, and the notice said only
    `…前补报仍按迟报计…；过后请重新评估`, though run again it gives the same 未报. The summary
    now names the report on file and the --as-of that counts it; with it, the month is 迟报."""
    import attrs

    from softenv_core.io.dataset_files import dump_dataset
    from softenv_core.model.periods import Month
    from softenv_core.testing.builders import beijing, monthly_report, small_dataset

    ds = small_dataset()
    county = ds.counties[0].code
    late = monthly_report(county, Month(2025, 12), beijing(2026, 1, 8, 9))
    kept = tuple(r for r in ds.reports if (r.county, r.month) != (county, Month(2025, 12)))
    ds = attrs.evolve(ds, reports=(*kept, late))
    path = tmp_path / "d.json"
    path.write_text(json.dumps(dump_dataset(ds), ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "assess", path, "--year", "2025")
    assert code == 0, err
    assert "另有 1 份月报在数据截至时点之后提交，上表按未报计" in out, out
    assert "请加 --as-of 2026-01-08T09:01+08:00 重新评估" in out, out
    assert f"2025-12 月报 {late.id}：提交于 2026-01-08 09:00（北京时间）" in out, out
    code, out, err = run(capsys, "assess", path, "--year", "2025", "--as-of", "2026-01-08T09:01+08:00")
    assert code == 0, err
    assert "另有" not in out and "2025-12 迟报" in out, out
