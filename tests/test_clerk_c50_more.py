"""A county clerk's March to the year end (clerk c50), part 2: findings 14-21 and the cases that
held (11-13). Each case, what she did, expected and met, is told in tests/test_clerk_c50.py's
docstring."""

from __future__ import annotations

import json

import pytest

from softenv_core.io.workbook_cells import from_cell
from softenv_core.io.workbook_schema import Column

from .office_cli import run

openpyxl = pytest.importorskip("openpyxl")

_DATE = Column("date", "日期", "date")


# --- 14. deadline --county by the county's name -----------------------------------------------


@pytest.mark.parametrize("typed", ["示范区", "３７９９０２"])
def test_14_deadline_takes_the_county_by_its_name_with_a_dataset(starter, capsys, typed):
    code, out, err = run(
        capsys, "deadline", "--month", "2025-03", "--county", typed, "--dataset", starter / "示例数据.json"
    )
    assert code == 0, err
    assert out.startswith("379902 2025-03 月报截止时间：2025-04-07T23:59:59+08:00"), out


def test_14_a_name_no_county_bears_is_told_the_nearest(starter, capsys):
    code, _, err = run(
        capsys, "deadline", "--month", "2025-03", "--county", "示范", "--dataset", starter / "示例数据.json"
    )
    assert code == 1 and "Traceback" not in err
    assert "数据集中没有名为 '示范' 的县区；最接近的：379902（示范区）" in err, err


# --- 15. an .xlsx named .xls --------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_15_an_xlsx_named_xls_is_told_to_be_renamed(starter, tmp_path, capsys, suffix):
    book = tmp_path / f"3月{suffix}"
    book.write_bytes((starter / "软环境监测点.xlsx").read_bytes())
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "Invalid OLE" not in err and "Traceback" not in err, err
    said = f"3月{suffix}: 文件名以 {suffix} 结尾，但内容是 .xlsx 工作簿（扩展名被改过）；请改为以 .xlsx 结尾再导入"
    assert said in err, err


# --- 16. --year as a clerk types it -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025年", "２０２５年", " 2025 "])
def test_16_a_year_written_with_nian_is_read(typed):
    from softenv_core.cli.arguments import year_arg

    assert year_arg(typed) == 2025


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("abc", "参数 --year: 应为整数，如 2025，而不是 'abc' (argument --year:"),
        ("1800", "参数 --year: 应在 1900-2999 之间"),
    ],
)
def test_16_a_wrong_year_is_told_in_chinese_first(typed, said, capsys):
    from softenv_core.cli.main import main

    with pytest.raises(SystemExit) as info:
        main(["yearend", "x.json", "--year", typed])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert said in err, err


# --- 17. --as-of a Chinese day ----------------------------------------------------------------


def test_17_an_as_of_written_as_a_chinese_day_is_given_that_days_instant(starter, capsys):
    code, _, err = run(capsys, "report", starter / "示例数据.json", "--month", "2025-03", "--as-of", "2025年3月20日")
    assert code == 1 and "Traceback" not in err
    assert "--as-of '2025年3月20日' 不是有效的时刻，请写成 2025-03-20T00:00:00+08:00（北京时间）" in err, err


# --- 18. --out 报告.docx without --format docx ---------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "--month", "2025-03", "--out", "3月报告.docx"], "要写成 Word 文件请加 --format docx"),
        (["yearend", "--year", "2025", "--out", "年终.xlsx"], "要写成 Excel 文件请加 --format xlsx"),
        (["yearend", "--year", "2025", "--out", "年终.docx"], "要写成 Word 文件请加 --format docx"),
        # assess has no Word form: the forms it has are named (clerk c51 05)
        (["assess", "--year", "2025", "--out", "结果.docx"], "本命令没有 Word 格式"),
    ],
)
def test_18_an_office_name_without_its_format_is_told_the_format(starter, tmp_path, capsys, argv, said):
    out = tmp_path / argv[-1]
    code, _, err = run(capsys, argv[0], starter / "示例数据.json", *argv[1:-1], out)
    assert code == 1 and said in err and not out.exists(), err


# --- 19. 张 三 is 张三 --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["张 三", "张　三", " 张三 "])
def test_19_a_name_typed_with_a_space_inside_is_the_liaison_person(starter, tmp_path, capsys, typed):
    data = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    assert data["points"][0]["liaison_person"] == "张三"
    data["contacts"][0]["made_by"] = typed
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "report", path, "--month", "2025-03")
    assert code == 0, err
    assert "| 379902 示范区 | 1 | 1 | 0 | 电话1 | 0 | 0 |" in out, out


def test_19_the_workload_counts_a_name_however_spaced_as_one_person(starter, tmp_path, capsys):
    data = json.loads((starter / "示例数据.json").read_text(encoding="utf-8"))
    other = dict(data["points"][0], id="P379902-002", liaison_person="张 三", former_liaison_persons=[])
    other["enterprise"] = dict(other["enterprise"], uscc="91379902MA0000215E", name="示范第2商贸有限公司")
    data["points"].append(other)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "report", path, "--month", "2025-03")
    assert code == 0, err
    assert "| 379902 示范区 | 张三 | 2 |" in out, out


# --- 20. a day no calendar has ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2025-02-30", "不是有效日期 '2025-02-30'：2025年2月只有 28 天，没有 30 日，请核对"),
        ("2024年2月30号", "不是有效日期 '2024年2月30号'：2024年2月只有 29 天，没有 30 日，请核对"),
        ("2025.13.1", "不是有效日期 '2025.13.1'：没有第 13 月（月份为 1 至 12），请核对"),
    ],
)
def test_20_a_day_that_does_not_exist_is_told_why(typed, said):
    from softenv_core.io.workbook_cells import CellError

    with pytest.raises(CellError) as told:
        from_cell(_DATE, typed)
    assert str(told.value) == said


# --- 21. --audience county：示范区 ---------------------------------------------------------------


@pytest.mark.parametrize("typed", ["county：示范区", "County:379902", " county : ３７９９０２"])
def test_21_an_audience_typed_with_the_imes_colon_or_capital_is_read(starter, capsys, typed):
    code, out, err = run(capsys, "report", starter / "示例数据.json", "--month", "2025-03", "--audience", typed)
    assert code == 0, err
    assert "**阅读范围**：县区 379902 示范区" in out, out


# --- 11-13. held ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["３７９９０２", "379902 "])
def test_11_a_county_code_in_full_width_digits_or_with_a_space_is_read(starter, tmp_path, capsys, typed):
    from .starter_book import edited_starter

    book = edited_starter(starter, tmp_path / "b.xlsx", {"监测点": {"county": typed}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["points"][0]["county"] == "379902"


def test_11_a_county_name_in_the_code_cell_is_told_its_code(starter, tmp_path, capsys):
    from .starter_book import edited_starter

    book = edited_starter(starter, tmp_path / "b.xlsx", {"监测点": {"county": "示范区"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "Traceback" not in err
    assert (
        "监测点!C3 (P379902-001 县区代码): 应为6位行政区划代码，而不是 '示范区'；示范区 的代码是 379902，请写 379902"
        in err
    )
    assert not (tmp_path / "d.json").exists()


def test_12_a_contact_dated_in_the_future_is_imported_with_a_notice(starter, tmp_path, capsys):
    from .starter_book import edited_starter

    book = edited_starter(starter, tmp_path / "b.xlsx", {"联系记录": {"date": "2027.3.10"}})
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err
    line = next(x for x in err.splitlines() if "联系记录!C3" in x)
    assert "2027-03-10 晚于导入之日" in line and "是否写错了年份" in line, line


def test_13_a_renamed_sheet_is_told_its_name(starter, tmp_path, capsys):
    from .starter_book import load_workbook

    wb = load_workbook(starter / "软环境监测点.xlsx")
    wb["联系记录"].title = "联系记录(3月)"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    before = book.read_bytes()
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "Traceback" not in err
    assert (
        "联系记录(3月): 不认识的工作表，其中 1 行有内容、不会导入；是否应为 联系记录？请把工作表名改回 联系记录" in err
    ), err
    assert "联系事项!A3 (C-2025-03-001#1 联系编号): 所属记录 C-2025-03-001 在工作表 联系记录(3月) 中" in err, err
    assert book.read_bytes() == before and not (tmp_path / "d.json").exists()
