"""Clerk c58 (市软建办 complaints desk: a December-January of direct feedback typed in the workbook,
imported, and the Word reports looked at).

01 The city version's 办理状态 (23.7 mm at 4号) printed 办理中 / （待办 / 结）: section 五's table is set in
   小四 in every version, the city's columns each at least its longest line (（待办结） one line).
02 A step time earlier than the step before it was told at 办理过程!A (反馈编号), its time as
   2025-03-14 13:00:00+08:00, and not what it was earlier than: it is told at the 时间 cell, as typed,
   with the step before and its time, and that a forgotten step is inserted at its place in time order.
03 A time typed without its day (10:00, or Excel's time of day) in a time cell was shown only the
   accepted forms: it is told 缺少日期, as 缺少年份 and 缺少时刻 are said.
04 A ticket supervised (督办) within its limit and then overdue showed 超期N个工作日 应督办 with no word why:
   the status carries that 督办 (ComplaintStatus.reminded_at), and section 五 says under its table, in
   Markdown and Word, that 应督办 means not supervised since it fell overdue and that 督办 was a reminder.
05 docs/complaints.md said the results workbook's 承办单位 sheet holds the year's received, resolved,
   overdue and supervised counts; it holds the steps due and on time, the follow-ups and the 三率.
06 office.md did not tell the clerk that a department's R- references change with the dataset: it says
   to keep the dataset each version was made from, and how to match a reference to its F- id (no command).
07 December's Word report wrote section 二's 截止 and 首次报送 as 01-05, a day before the month reported
   on, where section 五 writes 2026- / 01-05: a day outside the report month's year is in full, the
   year on a line of its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .office_cli import run
from .starter_book import load_workbook

ROOT = Path(__file__).resolve().parents[1]
STARTER_NAME = "软环境监测点.xlsx"


def test_01_city_word_table_keeps_daibanjie_on_one_line(tmp_path: Path):
    """office.md: “办理中（待办结）”在括号处分行 … 不在中间折行. In the city office's Word report (4号,
    办理状态 23.7 mm) （待办结） takes 5 em + margins (1616 twips) in a 1344-twip column: LibreOffice
    prints 办理中 / （待办 / 结） (c58: 城市版-3.png, 一月城市版-3.png). The county and department
    versions (小四, 26 mm) hold it."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo
    from .test_clerk_c39 import _one_line_twips, _table_size

    r = monitoring_report(demo(), "2025-03", audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "编号")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    size = _table_size(table)
    assert _one_line_twips("（待办结）", size) <= grid[3], (grid, size)


def _starter_copy(starter: Path, out: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / STARTER_NAME)
    edit(wb["办理过程"])
    wb.save(out)
    return out


def test_02_out_of_order_step_names_its_time_cell_and_the_step_before(starter: Path, tmp_path: Path, capsys):
    """A 签收 typed before its 交办 (starter rows: 交办 #3 2025-03-14 16:00, 签收 #4 changed to 13:00) is
    told at 办理过程!A6 (the 反馈编号 column, not the 时间 cell D6), its time as
    `2025-03-14 13:00:00+08:00` (not as she typed it; other workbook messages drop the +08:00), and
    without the step or time it is earlier than, so she must hunt for the row herself. Every
    error should name the cell to change and say what to compare with."""

    def edit(ws):  # type: ignore[no-untyped-def]
        ws.cell(6, 4).value = "2025-03-14 13:00"  # 签收 #4, the starter's 交办 #3 is 16:00

    book = _starter_copy(starter, tmp_path / "b.xlsx", edit)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "F-2025-001#4" in x)
    assert "办理过程!D6" in line, line
    assert "+08:00" not in line, line
    assert "交办" in line and "2025-03-14 16:00" in line, line


def test_03_time_typed_without_its_day_is_told_missing_day(starter: Path, tmp_path: Path, capsys):
    """A clerk types only the time `10:00` in 时间（北京时间）: told `不是有效时间 '10:00'（可写 …）`, the
    forms only. A time without its year is told 缺少年份; one without its day should be told that the
    date is missing (缺少日期), as a date without its time is told 缺少时刻."""

    def edit(ws):  # type: ignore[no-untyped-def]
        ws.cell(4, 4).value = "10:00"  # 受理 #2

    book = _starter_copy(starter, tmp_path / "b.xlsx", edit)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "F-2025-001#2" in x)
    assert "办理过程!D4" in line and "缺少日期" in line, line


def test_04_report_says_why_a_supervised_ticket_is_still_due_for_supervision(tmp_path: Path, capsys):
    """Signed 03-05 (resolve due 03-26), 督办 on 03-25, the day before it fell due, still open at
    March's end: section 五 prints 超期3个工作日 应督办 and nothing else. The clerk recorded a 督办 and
    the leaders read that the office has not supervised; only office.md says that a 督办 within the
    limit is a reminder (auditor a70 05). The report should say it where 应督办 stands beside a 督办
    recorded within the limit (e.g. 时限内的督办为提醒 …). The department's version names the ticket by
    the reference it shows; the Word report says it too; a 督办 once overdue leaves no note."""
    data = json.loads((ROOT / "examples" / "small-dataset.json").read_text(encoding="utf-8"))
    c = data["complaints"][0]
    keep = [e for e in c["events"] if e["type"] in ("received", "accepted", "assigned", "signed")]
    sup = dict(keep[-1], type="supervised", at="2025-03-25T10:00:00+08:00", actor="市软建办")
    c["events"] = [*keep, sup]
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "report", path, "--month", "2025-03")
    assert code == 0
    section = out.split("## 五、")[1].split("\n## ")[0]
    assert re.search(r"Q-2025-0001 .*应督办", section), section
    assert "提醒" in section, section
    assert "应督办：超期后尚未督办；Q-2025-0001 的督办（2025-03-25）在时限内，只作提醒。" in section, section

    code, out, _ = run(capsys, "report", path, "--month", "2025-03", "--audience", "department:city-amr")
    section = out.split("## 五、")[1].split("\n## ")[0]
    ref = re.search(r"\| (R-[0-9a-f]{16}) \|", section)
    assert code == 0 and ref, section
    assert f"{ref.group(1)} 的督办（2025-03-25）在时限内" in section and "Q-2025-0001" not in section, section

    docx = pytest.importorskip("docx")
    code, _, _ = run(capsys, "report", path, "--month", "2025-03", "--format", "docx", "--out", tmp_path / "r.docx")
    said = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if p.text.startswith("应督办：")]
    assert code == 0, said
    assert said == ["应督办：超期后尚未督办；Q-2025-0001 的督办（2025年3月25日）在时限内，只作提醒。"], said

    c["events"] = [*keep, dict(sup, at="2025-03-27T10:00:00+08:00")]  # once overdue: supervised, no note
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "report", path, "--month", "2025-03")
    section = out.split("## 五、")[1].split("\n## ")[0]
    assert code == 0 and "应督办" not in section and "提醒" not in section, section


def test_05_complaints_doc_says_what_the_results_workbook_holds(yearend_book: Path):
    """docs/complaints.md (clerk c56 question): "The year's counts (received, resolved, overdue,
    supervised) and each unit's 三率 are only in the results workbook's 承办单位 sheet". The sheet
    holds 应签收, 按时签收, 应办结, 按时办结, 回访, 满意, 基本满意 and the rates: no count received,
    overdue or supervised (office.md's table says so). Either the sheet gains them or the doc stops
    saying so."""
    openpyxl = pytest.importorskip("openpyxl")
    header = [c.value for c in openpyxl.load_workbook(yearend_book)["承办单位"][1]]
    doc = (ROOT / "docs" / "complaints.md").read_text(encoding="utf-8")
    claims = "(received, resolved, overdue, supervised)" in " ".join(doc.split())
    assert not claims or any("督办" in str(h) for h in header), header


def test_06_office_md_tells_the_clerk_that_department_references_change():
    """A department's Word report lists its tickets as R- references. Importing January's steps
    changes every reference of December's report (c58: R-21e7b69007bf92af became R-d3884203fb4248eb
    for the same ticket and month), and no command turns a reference back into its F- id.
    docs/privacy.md says so in English; office.md, the clerk's page, only gives the reference's
    width. A department calling about R-21e7… cannot be answered from today's dataset: office.md
    should tell her to keep the dataset each version was written from (and how to match)."""
    office = (ROOT / "docs" / "office.md").read_text(encoding="utf-8")
    paragraphs = [p for p in office.split("\n") if "参考号" in p]
    assert any(re.search(r"变|不同|保留|留存", p) and "数据集" in p for p in paragraphs), paragraphs


def test_07_december_word_report_writes_the_year_of_january_deadlines(tmp_path: Path):
    """2025年12月's Word report, section 二: 截止 prints 01-05 / 01-04 (and 首次报送 a January day)
    without the year, while section 五 of the same document writes the same day 2026-01-04 as
    “2026-” / “01-04”, because 01-22 in a December 2025 report read as January 2025 (auditor a70 04;
    office.md: 时限不在报告月份所在年份的…写出年份). Read in a 2025 report, 截止 01-05 is before the
    month reported on (c58: 城市版-1.png). The Markdown writes 2026-01-05 23:59."""
    docx = pytest.importorskip("docx")

    from softenv_core.analyses.monitoring_report import monitoring_report
    from softenv_core.render.docx_report import write_report_docx

    from .demo_city import demo

    r = monitoring_report(demo(), "2025-12", audience="city")
    path = tmp_path / "r.docx"
    write_report_docx(r, path)
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[1].text == "截止")
    dues = [row.cells[1].text for row in table.rows[1:]]
    assert dues and all(d == "无" or "2026" in d for d in dues), dues
