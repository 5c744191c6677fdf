"""Slips a county clerk makes with the workbook import, each told in plain Chinese rather than
misread (tester tclerk's findings 03, 04, 07, 08, 10, 13, 14, 15, 17)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.workbook_cells import from_cell  # noqa: E402
from softenv_core.io.workbook_dates import date_slips  # noqa: E402
from softenv_core.io.workbook_entries import Entry  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import SHEET_BY_NAME, Column  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402

#: What a Chinese IME in full-width mode types for an ASCII character.
WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def _column(sheet: str, field: str) -> Column:
    return next(c for c in SHEET_BY_NAME[sheet].columns if c.field == field)


def _edited(starter: Path, tmp_path: Path, edit, name: str = "edited.xlsx") -> Path:
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    out = tmp_path / name
    wb.save(out)
    return out


# --- the file given is not a workbook to read ------------------------------------------------


def test_excel_lock_file_is_named_as_such(starter, tmp_path, capsys):
    lock = tmp_path / "~$软环境监测点.xlsx"
    lock.write_bytes(b"\x0cwangfang" + bytes(52))  # what Excel writes beside an open workbook
    code, _, err = run(capsys, "import", starter / "软环境监测点.xlsx", lock, "--out", tmp_path / "d.json")
    assert code == 1 and not (tmp_path / "d.json").exists()
    assert "~$软环境监测点.xlsx: 这是 Excel 打开工作簿时生成的临时锁定文件，请关闭 Excel 后重试或不要选择它" in err
    assert "另存为" not in err


@pytest.mark.parametrize("at", [512, (1 << 20) - 10])  # the stream's name across a read's chunks too
def test_a_password_protected_workbook_is_named_as_such(tmp_path, capsys, at):
    book = tmp_path / "加密.xlsx"  # Excel's CFB container holding EncryptionInfo, EncryptedPackage
    name = "EncryptionInfo".encode("utf-16-le")
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(at) + name + bytes(1000))
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "工作簿有密码保护，请取消密码后另存再导入" in err and "旧版" not in err


def test_a_word_document_renamed_xlsx_is_named_as_such(tmp_path, capsys):
    book = tmp_path / "东城区.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "这是 Word 文档，不是 Excel 工作簿" in err and "styleSheet" not in err


# --- the dataset written ----------------------------------------------------------------------


def test_import_out_does_not_replace_an_existing_dataset_without_force(starter, tmp_path, capsys):
    book, out = starter / "软环境监测点.xlsx", tmp_path / "ds.json"
    out.write_text("{}", encoding="utf-8")  # say, a year's records and a month added with --into
    code, _, err = run(capsys, "import", book, "--out", out)
    assert code == 1 and out.read_text(encoding="utf-8") == "{}"
    assert "已经存在，不会覆盖；请换一个文件名，或加 --force 覆盖" in err and f"--into {out}" in err
    assert run(capsys, "import", book, "--out", out, "--force")[0] == 0
    assert out.read_text(encoding="utf-8") != "{}"
    assert run(capsys, "import", book, "--into", out)[0] == 0  # adding to it is what --into is for
    assert run(capsys, "import", book, "--into", out, "--out", out)[0] == 0


# --- what a row holds -----------------------------------------------------------------------


def test_a_row_holding_only_spaces_is_an_empty_row(starter, tmp_path, capsys):
    def spaces(wb):
        wb["联系记录"]["H20"] = " "  # a cell "cleared" with the space bar, far below the records
        wb["联系记录"]["B21"], wb["联系记录"]["C21"] = "\u3000", " \t"
        wb.create_sheet("草稿")["B4"] = "  "  # and a sheet of such cells holds nothing either

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, spaces), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert "必填" not in err and "草稿" not in err


@pytest.mark.parametrize("inserted", [1, 2])
def test_a_title_row_inserted_above_the_headers_is_named_as_such(starter, tmp_path, capsys, inserted):
    def title(wb):
        ws = wb["联系记录"]
        ws.insert_rows(1, inserted)
        ws["A1"] = "东城区2025年监测点联系记录"
        ws.merge_cells("A1:H1")

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, title), "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        f"联系记录!A1: 表头应在第1行，请删除表头上方插入的行（插入了 {inserted} 行，字段名现在在第 {2 + inserted} 行"
        in err
    )
    assert "被删除或改动" not in err


# --- the starter workbook -------------------------------------------------------------------


def test_drop_downs_warn_rather_than_stop_so_documented_codes_can_be_typed(starter):
    wb = load_workbook(starter / "软环境监测点.xlsx")
    validations = [dv for ws in wb.worksheets for dv in ws.data_validations.dataValidation]
    assert validations
    for dv in validations:  # Excel's default (Stop) would refuse medium, TRUE and 1 on entry
        assert dv.type == "list" and dv.errorStyle in ("warning", "information"), dv.sqref
        assert "medium" in dv.error and "TRUE" in dv.error
    readme = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "英文代码" in readme and "TRUE/FALSE、1/0" in readme and "只提示、不阻止" in readme


# --- how cells are read -----------------------------------------------------------------------


@given(st.dates(date(1990, 1, 1), date(2099, 12, 31)), st.times(), st.booleans())
def test_full_width_dates_and_times_read_as_their_ascii_text(day, at, ideographic):
    at = at.replace(microsecond=0)
    text = day.isoformat()
    assert from_cell(_column("联系记录", "date"), text.translate(WIDE)) == from_cell(_column("联系记录", "date"), text)
    moment = f"{day:%Y/%m/%d} {at:%H:%M:%S}"
    wide = moment.translate(WIDE).replace(" ", "\u3000" if ideographic else " ")  # the IME's 10：30
    column = _column("月报", "submitted_at")
    assert from_cell(column, wide) == from_cell(column, moment)


def test_full_width_date_time_and_number_cells_import(starter, tmp_path):
    def wide(wb):
        wb["联系记录"]["C3"] = f"{wb['联系记录']['C3'].value:%Y-%m-%d}".translate(WIDE)
        d = wb["月报"]["D3"].value
        wb["月报"]["D3"] = f"{d:%Y-%m-%d} {d:%H}：{d:%M}".translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})

    plain = read_workbooks([starter / "软环境监测点.xlsx"])
    assert read_workbooks([_edited(starter, tmp_path, wide)]) == plain


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (lambda c: c.lower(), "格式错误：第 9 位 m 是小写字母，请改为大写 M"),
        (lambda c: c[:8] + " " + c[8:], "格式错误：第 9 位是空格，请删去"),
        (lambda c: c[:7] + "\n" + c[8:], "格式错误：第 8 位是换行或制表符等空白，请删去"),
        (lambda c: c[:17], "长度错误：应为 18 位，现为 17 位"),
        (lambda c: c[:9] + "I" + c[10:], "格式错误：第 10 位 I 不允许"),
        (lambda c: c[:17] + ("0" if c[17] != "0" else "1"), "校验位错误：按前 17 位，第 18 位应为 {check}，现为"),
    ],
)
def test_a_wrong_credit_code_says_what_is_wrong(starter, tmp_path, typed, said):
    book = starter / "软环境监测点.xlsx"
    code = openpyxl.load_workbook(book)["监测点"]["D3"].value
    assert code[8:10] == "MA"  # the starter's example, as the expected messages assume

    def edit(wb):
        wb["监测点"]["D3"] = typed(code)

    with pytest.raises(InputError) as info:
        read_workbooks([_edited(starter, tmp_path, edit)])
    assert any(p.startswith("监测点!D3") and said.format(check=code[17]) in p for p in info.value.problems), info.value


def test_spaces_around_names_are_dropped_and_inner_text_is_kept(starter, tmp_path):
    def spaced(wb):
        wb["监测点"]["B3"] = "\u3000" + str(wb["监测点"]["B3"].value) + " "
        wb["县区"]["B3"] = " " + str(wb["县区"]["B3"].value)

    plain = read_workbooks([starter / "软环境监测点.xlsx"])
    assert read_workbooks([_edited(starter, tmp_path, spaced)]) == plain


# --- references to a record that was not read -----------------------------------------------


def _field_cell(ws, field: str, row: int) -> str:
    column = next(c.column_letter for c in ws[2] if c.value == field)
    return f"{column}{row}"


def test_a_reference_to_a_record_refused_for_its_own_cell_names_that_record(starter, tmp_path):
    def bad_reason(wb):
        ws = wb["名册调整"]
        ws[_field_cell(ws, "reason", 3)] = "本人意愿"  # not a reason of the list

    with pytest.raises(InputError) as info:
        read_workbooks([_edited(starter, tmp_path, bad_reason)])
    problems = info.value.problems
    assert any(p.startswith("名册调整!") and "'本人意愿' 不是可选值" in p for p in problems)
    filing = [p for p in problems if p.startswith("备案!")]
    assert filing and all("未知" not in p for p in filing), problems
    assert "名册调整 RC-2025-001 在 名册调整!A3，但那一行本身有问题、未能读入" in filing[0]


def test_references_into_a_renamed_sheet_say_where_the_record_is(starter, tmp_path, capsys):
    def rename(wb):
        wb["联系记录"].title = "联系记录表"

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, rename), "--out", tmp_path / "d.json")
    assert code == 1 and "联系记录表: 不认识的工作表" in err
    assert "所属记录 C-2025-03-001 在工作表 联系记录表 中，该工作表未能导入" in err
    assert "未知的联系记录" not in err and "不在本工作簿中" not in err


def test_a_sheet_name_with_spaces_around_it_is_the_sheet(starter, tmp_path):
    def spaced(wb):
        wb["豁免"].title = "豁免 "  # a space the sheet tab does not show

    plain = read_workbooks([starter / "软环境监测点.xlsx"])
    assert read_workbooks([_edited(starter, tmp_path, spaced)]) == plain


# --- dates that load but are likely a slip of the year ---------------------------------------


def test_a_date_typed_in_a_future_year_is_imported_with_a_notice(starter, tmp_path, capsys):
    def typo(wb):
        wb["联系记录"]["C3"] = "2099-01-10"

    out = tmp_path / "d.json"
    code, _said, err = run(capsys, "import", _edited(starter, tmp_path, typo), "--out", out)
    assert code == 0 and out.exists()  # a warning, not a refusal
    assert "联系记录!C3 (C-2025-03-001 日期): 2099-01-10 晚于导入之日" in err and "是否写错了年份" in err
    assert "另有 1 个日期请核对" in err  # the written line on stderr since clerk c40


def test_a_contact_before_its_points_designation_is_imported_with_a_hint(starter, tmp_path, capsys):
    """A contact dated before its point was designated counts for nothing: the import says so
    (as `softenv validate` does), at the row's cell (the path after it: tester t5 10), and writes
    the dataset all the same."""

    def early(wb):
        wb["联系记录"]["C3"] = "2019-03-10"  # the starter's point is designated in 2025

    out = tmp_path / "d.json"
    code, _said, err = run(capsys, "import", _edited(starter, tmp_path, early), "--out", out)
    assert code == 0 and out.exists()
    assert "softenv: 提示：1 条记录请核对（导入照常）" in err
    assert "联系记录!C3 (C-2025-03-001 日期): 联系日期 2019-03-10 不在监测点" in err
    assert "内，不计入 — $.contacts[0].date" in err


def test_the_starter_dates_give_no_notice(starter):
    dates: list[str] = []
    read_workbooks([starter / "软环境监测点.xlsx"], today=date(2026, 11, 28), dates=dates)
    assert dates == []


def _contacts(days: list[date]) -> list[Entry]:
    sheet = SHEET_BY_NAME["联系记录"]
    columns = list(enumerate(sheet.columns))
    entries = []
    for n, day in enumerate(days):
        raw = {"id": f"C-{n}", "date": day.isoformat()}
        entries.append(Entry(raw, "b.xlsx", sheet, 3 + n, [raw.get(c.field) for c in sheet.columns], columns))
    return entries


def test_a_date_in_another_year_than_the_rest_of_its_column_is_told():
    days = [date(2025, 1, 10), date(2025, 2, 11), date(2025, 3, 12), date(2027, 1, 10)]
    slips = date_slips(_contacts(days), date(2030, 1, 1), with_book=False)
    assert slips == [
        "联系记录!C6 (C-3 日期): 2027-01-10 本表这一列其余 3 行都在 2025 年；是否写错了年份？（已照常导入，请核对）"
    ]


def test_a_date_both_in_the_future_and_alone_in_its_year_gives_both_notes_in_full_width():
    """Both notes of one day in one Chinese sentence, parted by ， (they were parted by ``,``)."""
    days = [date(2025, 1, 10), date(2025, 2, 11), date(2025, 3, 12), date(2027, 1, 10)]
    slips = date_slips(_contacts(days), date(2026, 11, 28), with_book=False)
    assert slips == [
        "联系记录!C6 (C-3 日期): 2027-01-10 晚于导入之日 2026-11-28，本表这一列其余 3 行都在 2025 年；"
        "是否写错了年份？（已照常导入，请核对）"
    ]


@given(st.lists(st.dates(date(2000, 1, 1), date(2030, 12, 31)), max_size=6), st.dates(date(2000, 1, 1)))
def test_dates_of_one_year_up_to_today_give_no_notice(days, today):
    days = [date(today.year, d.month, min(d.day, 28)) for d in days]
    days = [d for d in days if d <= today]
    assert date_slips(_contacts(days), today, with_book=False) == []


def test_a_year_s_december_report_submitted_in_january_is_no_slip():
    """Review finding 05: reports 1-11 are submitted in the year and December's in the next
    January, so a county's full-year workbook told its one correct December submission as a
    slip, inviting the clerk to 'fix' the report whose timeliness decides 十佳. Moment columns
    (submissions, handling steps) get the future-date check only."""
    sheet = SHEET_BY_NAME["月报"]
    columns = list(enumerate(sheet.columns))
    field = next(c.field for c in sheet.columns if c.kind == "datetime")
    entries = []
    for n in range(12):
        at = f"2025-{n + 2:02d}-05T10:00:00+08:00" if n < 11 else "2026-01-05T10:00:00+08:00"
        raw = {"id": f"R-{n}", field: at}
        entries.append(Entry(raw, "b.xlsx", sheet, 3 + n, [raw.get(c.field) for c in sheet.columns], columns))
    assert date_slips(entries, date(2026, 11, 28), with_book=False) == []


def test_the_import_tells_the_baselines_warnings_as_validate_does(starter, tmp_path, capsys):
    """The import's hints are `softenv validate`'s, the baseline's included: a waiver of a month
    before the baseline requires a report (auditor t12 06) was warned by validate and not by the
    import, which read only the loader's warnings (review of the session's change)."""

    def early(wb):
        wb["豁免"]["C3"] = "2022-01"
        wb["豁免"]["E3"] = date(2022, 2, 10)

    out = tmp_path / "d.json"
    code, _said, err = run(capsys, "import", _edited(starter, tmp_path, early), "--out", out)
    assert code == 0 and out.exists()
    assert "月份 2022-01 不在基线施行期内" in err
    assert "— $.waivers[0].month" in err
    code, said, _err = run(capsys, "validate", out)
    assert code == 0 and "月份 2022-01 不在基线施行期内" in said
