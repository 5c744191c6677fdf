"""Clerk c54 (河西县经贸委: amendments, a rename, a silent month, year end).

01 March filed 04-03 as a 零报告, amended 04-20 with an item (月报修改 1). `softenv report --month
   2025-03` at its default instant showed the original with nothing saying an amendment was on
   file; with an `--as-of` after it, section 二 read 按时/否/1 with no trace of the later 补报. Now
   the CLI names each amendment after the instant with the `--as-of` that reads it (stderr, the
   reader's language: analyses/later_records.later_amendment_notices), and a row read from an
   amendment carries its number and moment (CountyReportRow.amendment, amended_at), marked in the
   Markdown and Word 零报告 cell and noted under the table (render/report_amendments.py).

02 曾用名 typed as a clerk lists things (`A、B`, `A；B`) or with a note (`A（2025年6月更名前）`) was
   read as one former name: the screen masked neither, and the department complained about read
   the old name in clear. The workbook's 曾用名 cell is now split on 、；; as well as line breaks,
   and a name with a bracketed note is refused at its cell (brackets of a name stay:
   XX（集团）有限公司); a JSON or Python entry holding several names or a note is a dataset warning
   (io/former_name_text.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se
from softenv_core.io.workbook_messages import zh_message
from softenv_core.model.periods import BEIJING
from softenv_core.model.reports import Amendment, Item, ItemCategory
from softenv_core.testing import builders as b

from .office_cli import run

P = "P-379902-2"
OLD, NEW = "东城华泰机械制造有限公司", "东城华泰智能装备有限公司"


def _renamed(former: tuple[str, ...]) -> se.Dataset:
    """P renamed OLD → NEW (the record edited in place), March's contact naming it OLD."""
    ds = b.small_dataset(2025)
    point = next(p for p in ds.points if p.id == P)
    enterprise = attrs.evolve(point.enterprise, name=NEW, former_names=former)
    points = tuple(attrs.evolve(p, enterprise=enterprise) if p.id == P else p for p in ds.points)
    item = Item(ItemCategory.FEES, f"{OLD}反映检验检测收费偏高，一次检测3800元", "city-amr")
    contacts = tuple(attrs.evolve(c, items=(item,)) if c.id == f"C-{P}-2025-03" else c for c in ds.contacts)
    return attrs.evolve(ds, points=points, contacts=contacts)


def _book_with(tmp_path: Path, former: str) -> Path:
    """The small dataset's workbook, P renamed, its 曾用名 cell typed as ``former``."""
    pytest.importorskip("xlsxwriter")
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_write import write_workbook

    book = tmp_path / "renamed.xlsx"
    write_workbook(_renamed(()), book)
    wb = openpyxl.load_workbook(book)
    ws = wb["监测点"]
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, columns["id"]).value == P)
    ws.cell(row, columns["enterprise.former_names"]).value = former
    wb.save(book)
    return book


def _read(book: Path) -> Any:
    from softenv_core.io.workbook_read import read_workbooks

    return read_workbooks([book])


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (f"{OLD}、华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}；华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}; 华泰机械厂", (OLD, "华泰机械厂")),
        (f"{OLD}\n华泰机械厂", (OLD, "华泰机械厂")),
        ("华泰（集团）有限公司、华泰（青岛）有限公司", ("华泰（集团）有限公司", "华泰（青岛）有限公司")),
        ("华泰机械 厂", ("华泰机械 厂",)),
    ],
)
def test_02_former_names_split_as_a_clerk_lists(tmp_path: Path, cell: str, names: tuple[str, ...]) -> None:
    ds = _read(_book_with(tmp_path, cell))
    assert next(p for p in ds.points if p.id == P).enterprise.former_names == names


def test_02_joined_names_masked_for_the_department(tmp_path: Path) -> None:
    ds = _read(_book_with(tmp_path, f"{OLD}、华泰机械厂"))
    doc = se.monitoring_report(ds, "2025-03", audience="department:city-amr").to_json()
    assert OLD not in doc and "某企业反映检验检测收费偏高" in doc


@pytest.mark.parametrize("note", ["（2025年6月更名前）", "(2025.6更名前)", "（以前的名称）", "（曾用名）"])
def test_02_a_note_is_refused_at_its_cell(tmp_path: Path, note: str) -> None:
    with pytest.raises(se.InputError) as caught:
        _read(_book_with(tmp_path, f"{OLD}{note}"))
    (problem,) = caught.value.problems
    assert problem.startswith("监测点!") and "曾用名" in problem
    assert f"像是备注，不是名称的一部分：曾用名只写原名称本身（如 {OLD!r}）" in problem


def test_02_none_mark_is_not_a_name(tmp_path: Path) -> None:
    with pytest.raises(se.InputError) as caught:
        _read(_book_with(tmp_path, "无"))
    assert "没有曾用名请留空" in caught.value.problems[0]


def test_02_json_entries_warned() -> None:
    ds = _renamed((f"{OLD}、华泰机械厂", f"{OLD}（2025年6月更名前）", "东城华泰（集团）有限公司", OLD))
    warned = [w for w in se.dataset_warnings(ds) if "former_names" in w]
    assert len(warned) == 2, warned
    assert "enterprise.former_names[0]" in warned[0] and "several names joined" in warned[0]
    assert "enterprise.former_names[1]" in warned[1] and "holds the note '（2025年6月更名前）'" in warned[1]
    zh = [zh_message(w.split(": ", 1)[1]) for w in warned]
    assert zh[0].endswith("打码只遮挡完整的曾用名，请每个曾用名单独一项")
    assert zh[1].endswith("打码只遮挡完整的曾用名，请只写原名称本身")


# --- 01: an amended report shows its amendment -------------------------------------------------

R = "R-379902-2025-03"
AMENDED = datetime(2025, 4, 20, 11, 0, tzinfo=BEIJING)
LATER = datetime(2025, 5, 1, tzinfo=BEIJING)


def _amended() -> se.Dataset:
    """甲区's March 零报告 (04-02) amended on 04-20 with a 收费 item (修改1)."""
    ds = b.small_dataset(2025)
    item = Item(ItemCategory.FEES, "反映检验检测收费偏高", "city-amr", "P-379902-2")
    amendment = Amendment(AMENDED, "王芳", items=(item,))
    reports = tuple(attrs.evolve(r, amendments=(amendment,)) if r.id == R else r for r in ds.reports)
    return attrs.evolve(ds, reports=reports)


def _row(report: se.MonitoringReport) -> Any:
    return next(row for row in report.county_reports if row.county == "379902")


def test_01_default_instant_reads_the_original_and_names_the_amendment(tmp_path: Path, capsys) -> None:
    from softenv_core.analyses.later_records import later_amendment_notices
    from softenv_core.render.notices import zh_notice

    report = se.monitoring_report(_amended(), "2025-03", audience=se.CITY_OFFICE)
    row = _row(report)
    assert (row.zero_report, row.amendment, row.amended_at) == (True, None, None)
    (notice,) = later_amendment_notices(_amended(), report.month, report.as_of)
    assert zh_notice(notice) == (
        "月报 R-379902-2025-03 的修改1（379902 甲区）于 2025-04-20 11:00（北京时间）提交，在数据截至时点之后，未计入"
        "（本报告的零报告、事项数按此前的内容）；要计入，请以 2025-04-20T11:01+08:00 或更晚的时刻为数据截至时点重新编制"
        "（--as-of 2025-04-20T11:01+08:00）"
    )
    data = tmp_path / "d.json"
    data.write_text(se.dataset_json(_amended()), encoding="utf-8")
    code, out, err = run(capsys, "report", data, "--month", "2025-03")
    assert code == 0 and "! 月报 R-379902-2025-03 的修改1（379902 甲区）于 2025-04-20 11:00" in err
    assert "修改1" not in out
    code, _, err = run(capsys, "report", data, "--month", "2025-03", "--lang", "en", "--format", "json")
    assert "later: amendment 1 of report R-379902-2025-03 of county 379902 甲区 was submitted at 2025-04-20" in err
    _, _, err = run(capsys, "report", data, "--month", "2025-03", "--as-of", "2025-04-20T11:01+08:00")
    assert "修改1" not in err


@pytest.mark.parametrize("audience", [se.CITY_OFFICE, "county:379921", "department:city-amr", "public"])
def test_01_a_later_instant_marks_the_row(audience: Any) -> None:
    report = se.monitoring_report(_amended(), "2025-03", as_of=LATER, audience=audience)
    row = _row(report)
    assert (row.status, row.zero_report, row.amendment, row.amended_at) == ("on_time", False, 1, AMENDED)
    md = se.render_markdown(report, "zh")
    assert "| 379902 甲区 | 2025-04-07 23:59 | 2025-04-02 09:00 | 按时 | 否（修改1） |" in md
    assert "注：零报告和事项数按数据截至时点已提交的最新月报修改计：甲区按 2025-04-20 11:00 提交的修改1；" in md
    assert "amendment 1 submitted at 2025-04-20 11:00" in se.render_markdown(report, "en")
    assert '"amendment": 1' in report.to_json()


def test_01_word_report_marks_the_row(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    se.write_report_docx(se.monitoring_report(_amended(), "2025-03", as_of=LATER, audience=se.CITY_OFFICE), out, "zh")
    document = docx.Document(str(out))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "否（修改1）" in cells
    assert any("甲区按 2025-04-20 11:00 提交的修改1" in p.text for p in document.paragraphs)


# --- 04: the 无联系记录 notice names the county, says what was checked, and what to do --------------

_SILENT = "乙县（379921）负责联系的监测点在 2025-08 都没有联系记录（本数据集中当月没有任何单位的联系记录）"
_DO = "如记录不全，请补齐后重新运行"


def _silent_august() -> se.Dataset:
    """No contact at all logged in August 2025."""
    ds = b.small_dataset(2025)
    return attrs.evolve(ds, contacts=tuple(c for c in ds.contacts if c.date.month != 8))


def test_04_the_notice_in_every_output(tmp_path: Path) -> None:
    from softenv_core.render.assessment import summary

    ds = _silent_august()
    a = se.assess(ds, 2025, audience="county:379921")
    yearly = se.year_end(ds, 2025, audience="county:379921")
    texts = {"assess": summary(a, "zh"), "yearend": se.render_yearend(yearly, lang="zh")}
    docx = pytest.importorskip("docx")
    se.write_yearend_docx(yearly, tmp_path / "y.docx", "zh")
    texts["word"] = "\n".join(p.text for p in docx.Document(str(tmp_path / "y.docx")).paragraphs)
    for name, text in texts.items():
        line = next(line for line in text.splitlines() if "无联系记录：" in line)
        assert _SILENT in line and line.rstrip("。").endswith(_DO), (name, line)
        assert "全市" not in line and "379921 负责" not in line, (name, line)
    english = next(n for n in a.notices if n.startswith("no contacts: "))
    assert english.endswith("if records are missing, complete them and run again")


# --- 03: a rename entered as a second point record in the same county -------------------------


def _second_record(county: str) -> list[str]:
    """The small dataset with P's enterprise designated again as a new point of ``county``."""
    import json

    data = json.loads(se.dataset_json(b.small_dataset(2025)))
    first = next(p for p in data["points"] if p["id"] == P)
    second = json.loads(json.dumps(first)) | {"id": "P-NEW-1", "county": county, "designated_from": "2025-06-01"}
    second["enterprise"]["name"] = NEW
    data["points"].append(second)
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(json.dumps(data))
    return [p for p in caught.value.problems if "one point at a time" in p]


def test_03_same_county_is_told_the_rename_way() -> None:
    (problem,) = _second_record("379902")
    assert problem.endswith(
        f"; both are in county 379902: if the enterprise was renamed, keep the one record ({P}) with the new "
        "name and the old one in enterprise.former_names"
    )
    zh = zh_message(problem.split(": ", 1)[1])
    assert f"两条记录在同一县区：同一企业更名的，不另建监测点记录，请删去这一行，在原记录 {P} 中" in zh
    assert "迁到另一县区" not in zh


def test_03_another_county_keeps_the_move_advice() -> None:
    (problem,) = _second_record("379921")
    zh = zh_message(problem.split(": ", 1)[1])
    assert "同一企业迁到另一县区（或转为市直）的" in zh and "更名" not in zh


# --- 06: 无 in 是否联系上 is told what to write, not to leave it blank ---------------------------


def test_06_none_mark_in_a_required_yes_no_column(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    openpyxl = pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_write import write_workbook

    book = tmp_path / "c.xlsx"
    write_workbook(b.small_dataset(2025), book)
    wb = openpyxl.load_workbook(book)
    ws = wb["联系记录"]
    columns = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(3, columns["reached"]).value = "无"
    wb.save(book)
    with pytest.raises(se.InputError) as caught:
        _read(book)
    (problem,) = caught.value.problems
    assert problem.endswith("应为 是 或 否，而不是 '无'；请填写“是”或“否”（是否联系上不能留空）"), problem
    assert "请留空" not in problem


@pytest.mark.parametrize(
    ("typed", "read", "said"),
    [
        ("2025年2月5日9:30", "2025-02-05T09:30:00+08:00", None),  # no space between day and time
        ("2月5日9:30", None, "缺少年份，请写出年份，如 2025-02-05 09:30"),
        ("2月5日 9:30", None, "缺少年份，请写出年份，如 2025-02-05 09:30"),
    ],
)
def test_07_a_chinese_day_with_its_time_right_after_it(typed: str, read: str | None, said: str | None) -> None:
    """Clerk c54 07: 2月5日9:30 in a time cell was not told 缺少年份 as 4/3 10:30 is."""
    from softenv_core.io.workbook_cells import CellError, _datetime

    if read is not None:
        assert _datetime(typed) == read
        return
    with pytest.raises(CellError) as info:
        _datetime(typed)
    assert said is not None and said in str(info.value)


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("20250110", "；请写成 2025-01-10"),
        ("2025年1月10", "；请写成 2025-01-10"),
        ("二〇二五年一月十日", "；请写成 2025-01-10"),
        ("二〇二五年元月十日", "；请写成 2025-01-10"),
        ("二零二五年十二月三十一日", "；请写成 2025-12-31"),
        ("二〇二五年十一月二十三日", "；请写成 2025-11-23"),
        ("二〇二五年二月三十日", None),  # no such day: no day to suggest
        ("二〇二五年一月十十日", None),  # no number as said
        ("20251340", None),
    ],
)
def test_07_a_day_written_otherwise_is_told_how_the_reader_takes_it(typed: str, hint: str | None) -> None:
    """Clerk c54 07: an 8-digit day, a day without its 日, Chinese numerals and 元月 got only the
    list of forms. Each is still refused (the reader stays strict), with the day written out."""
    from softenv_core.io.workbook_cells import CellError, _date

    with pytest.raises(CellError) as info:
        _date(typed)
    said = str(info.value)
    assert said.startswith(f"不是有效日期 '{typed}'")
    assert (hint in said) if hint else ("请写成" not in said)


def test_07_a_month_of_six_digits_is_told_how_to_write_it() -> None:
    from softenv_core.io.workbook_cells import CellError, _month

    with pytest.raises(CellError, match="请写成 2025-04"):
        _month("202504")
    with pytest.raises(CellError) as info:
        _month("202513")
    assert "请写成" not in str(info.value)
