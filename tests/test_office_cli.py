"""The office commands as the clerk meets them: inputs never overwritten, file names that say
what they hold, problems named in Chinese (clerk findings 01, 04, 20, 22, 10; attacker 13)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "全市.xlsx"
    assert main(["export", str(EXAMPLE), "--out", str(out)]) == 0
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_import_refuses_its_workbook_as_out(exported, tmp_path, capsys, link):
    book = tmp_path / "东城区.xlsx"
    shutil.copy(exported, book)
    out = {"same": book, "symlink": tmp_path / "s.xlsx", "hardlink": tmp_path / "h.json"}[link]
    if link == "symlink":
        out.symlink_to(book)
    elif link == "hardlink":
        os.link(book, out)
    before = _digest(book)
    code, _, err = run(capsys, "import", book, "--out", out)
    assert code == 1 and "输入文件" in err and "Traceback" not in err
    assert _digest(book) == before


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["report", EXAMPLE, "--month", "2025-03", "--out", "r.docx"], "文本"),
        (["report", EXAMPLE, "--month", "2025-03", "--format", "docx", "--out", "r.xlsx"], "Word"),
        (["assess", EXAMPLE, "--year", "2025", "--format", "xlsx", "--out", "r.docx"], "Excel"),
        (["export", EXAMPLE, "--out", "r.docx"], "Excel"),
    ],
)
def test_an_office_name_for_another_kind_of_output_is_refused(tmp_path, capsys, args, shown):
    args = [str(tmp_path / a) if str(a).startswith("r.") else a for a in args]
    code, _, err = run(capsys, *args)
    assert code == 1 and shown in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_import_out_named_xlsx_is_refused_before_the_workbook_is_read(exported, tmp_path, capsys):
    code, _, err = run(capsys, "import", exported, "--out", tmp_path / "back.xlsx")
    assert code == 1 and ".xlsx" in err and not (tmp_path / "back.xlsx").exists()


def _edited(starter: Path, tmp_path: Path, edit) -> Path:
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def test_a_renamed_sheet_is_named_with_the_name_it_should_have(starter, tmp_path, capsys):
    def rename(wb):
        wb["豁免"].title = "豁免(2025)"

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, rename), "--out", tmp_path / "d.json")
    assert code == 1 and not (tmp_path / "d.json").exists()
    assert "豁免(2025): 不认识的工作表，其中 1 行有内容、不会导入；是否应为 豁免？" in err


def test_an_added_sheet_with_content_is_named_and_an_empty_one_is_not(starter, tmp_path, capsys):
    def add(wb):
        wb.create_sheet("草稿")
        wb.create_sheet("备忘")["B4"] = "下月回访"

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, add), "--out", tmp_path / "d.json")
    assert code == 1 and "备忘: 不认识的工作表，其中 1 行有内容" in err and "草稿" not in err


def test_an_inserted_column_without_a_field_name_is_named_by_its_cell(starter, tmp_path, capsys):
    def insert(wb):
        ws = wb["监测点"]
        ws.insert_cols(3)
        ws["C1"], ws["C3"] = "联系电话", "0371-1234567"

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, insert), "--out", tmp_path / "d.json")
    assert code == 1
    assert "监测点!C1: 列 '联系电话'在隐藏的第 2 行没有字段名，其中 1 个单元格不会导入" in err


def test_the_starter_example_rows_are_named_when_imported_unchanged(starter, tmp_path, capsys):
    def add_and_rewrite(wb):
        wb["豁免"]["D3"] = "系统升级,经市经贸委同意"  # the clerk rewrote this example: real now

    book = _edited(starter, tmp_path, add_and_rewrite)
    code, out, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0 and (tmp_path / "d.json").exists() and "→ 已写入" in err and out == ""  # stderr: c40
    assert "与起步工作簿的示例相同" in err
    assert "直接反馈!A3 (F-2025-001): 是起步工作簿（softenv init）的示例行" in err
    # Not as an example: the rewritten row is real now. It is named as a city office's record in a
    # county's workbook instead (the starter's 县区 sheet holds one county; attacker x68 01).
    assert "豁免!A3 (W-2025-001): 是起步工作簿" not in err
    assert "豁免!A3 (W-2025-001): 豁免是市软建办的记录，县区不填" in err


def test_an_export_of_real_data_names_no_example_row(exported, tmp_path, capsys):
    code, _, err = run(capsys, "import", exported, "--out", tmp_path / "d.json")
    assert code == 0 and "示例" not in err


@pytest.mark.parametrize("command", [["validate"], ["report", "--month", "2025-03"], ["yearend", "--year", "2025"]])
def test_a_workbook_given_as_the_dataset_says_to_import_it_first(starter, capsys, command):
    code, _, err = run(capsys, command[0], starter / "软环境监测点.xlsx", *command[1:])
    assert code == 1 and "Traceback" not in err and "UTF-8" not in err
    assert "这是 Excel 工作簿，不是 JSON 数据集；请先导入：softenv import 软环境监测点.xlsx --out dataset.json" in err


def test_a_word_or_old_office_file_is_named_too(tmp_path, capsys):
    (tmp_path / "r.docx").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "d.xls").write_bytes(b"\xd0\xcf\x11\xe0rest")
    assert "这是 Word 文档" in run(capsys, "validate", tmp_path / "r.docx")[2]
    assert "旧版 Excel/Word 文件" in run(capsys, "validate", tmp_path / "d.xls")[2]
    assert "an old Excel or Word file" in run(capsys, "validate", tmp_path / "d.xls", "--lang", "en")[2]


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
def test_office_outputs_have_the_umask_mode_as_json_outputs_do(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        assert main(["init", str(tmp_path / "w")]) == 0
        assert main(["export", str(EXAMPLE), "--out", str(tmp_path / "e.xlsx")]) == 0
        yearend = ["yearend", str(EXAMPLE), "--year", "2025", "--format", "xlsx", "--out", str(tmp_path / "y.xlsx")]
        assert main(yearend) == 0
        report = ["report", str(EXAMPLE), "--month", "2025-03", "--format", "docx", "--out", str(tmp_path / "r.docx")]
        assert main(report) == 0
    finally:
        os.umask(old)
    for path in (tmp_path / "w" / "软环境监测点.xlsx", tmp_path / "w" / "示例数据.json", *tmp_path.glob("?.*")):
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_full_width_codes_and_ids_are_read_as_ascii(starter, tmp_path, capsys):
    def full_width(wb):
        wb["县区"]["A3"] = "３７９９０２"
        wb["监测点"]["C3"] = "３７９９０２　"  # with an ideographic space, as an IME leaves it

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, full_width), "--out", tmp_path / "d.json")
    assert code == 0, err
    text = (tmp_path / "d.json").read_text(encoding="utf-8")
    assert "３" not in text and '"379902"' in text


def test_a_merged_cell_is_named_as_merged_not_as_empty(starter, tmp_path, capsys):
    def merge(wb):
        ws = wb["联系记录"]
        ws["E4"], ws["A4"], ws["A5"] = "379902", "C-2025-03-002", "C-2025-03-003"
        ws.merge_cells("E4:E5")
        ws.merge_cells("A1:B1")  # a merged header loses no record: not told

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, merge), "--out", tmp_path / "d.json")
    assert code == 1
    assert "联系记录!E4:E5: 合并单元格，值只在 E4 中，其余 1 个单元格导入时是空的；请取消合并并逐行填写" in err
    assert "联系记录!E5 " not in err and "A1:B1" not in err


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_bytes(b""), "文件是空的"),
        (lambda p: None, "找不到文件"),
        (lambda p: p.mkdir(), "这是文件夹"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0old"), "旧版 Excel 文件"),
        (lambda p: p.write_text('{"schema": 1}', encoding="utf-8"), "不是 Excel 工作簿"),
    ],
)
def test_file_problems_of_a_workbook_are_plain_chinese(tmp_path, capsys, make, said):
    book = tmp_path / "东城区.xlsx"
    make(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and said in err and "Traceback" not in err and "Zip" not in err and "os error" not in err


def test_a_deleted_field_row_is_one_problem(starter, tmp_path, capsys):
    def delete(wb):
        wb["监测点"].delete_rows(2)

    code, _, err = run(capsys, "import", _edited(starter, tmp_path, delete), "--out", tmp_path / "d.json")
    assert code == 1 and "监测点!A2: 隐藏的第 2 行（字段名）被删除或改动" in err and "未知字段" not in err


def test_the_results_workbook_names_its_reader_and_notices_in_chinese(starter, tmp_path, capsys):
    out = tmp_path / "y.xlsx"
    args = ["yearend", str(starter / "示例数据.json"), "--year", "2025", "--format", "xlsx", "--out", str(out)]
    assert main(args) == 0
    rows = [tuple(c.value for c in row) for row in openpyxl.load_workbook(out)["阅读范围"].iter_rows()]
    assert ("阅读范围", "市软建办（全文）") in rows
    notices = [v for k, v in rows if k == "说明"]
    assert notices and not [n for n in notices if n.startswith(("plugin", "waiver", "provisional"))]


@pytest.mark.parametrize(
    ("notice", "zh"),
    [
        ("plugin 'baihe' serves county 379922, which the dataset does not have", "插件 'baihe' 所对应的县区 379922"),
        ("waiver W-1 (379902 2025-02) was decided by county, not the city: ignored", "豁免 W-1（379902 2025-02）"),
        (
            "provisional: some working days (deadlines, days late or overdue) are counted by a weekends-only calendar;"
            " re-run when the arrangement is out",
            "暂定",
        ),
    ],
)
def test_assessment_notices_read_in_chinese(notice, zh):
    from softenv_core.render.notices import zh_notice

    assert zh_notice(notice).startswith(zh)


def test_a_month_written_as_a_clerk_writes_it_is_taken(capsys):
    code, out, _ = run(capsys, "report", EXAMPLE, "--month", "2025年3月")
    assert code == 0 and "2025年3月" in out


def test_month_usage_errors_and_init_refusal_carry_chinese(starter, capsys):
    with pytest.raises(SystemExit):
        main(["report", str(EXAMPLE), "--month", "三月"])
    assert "月份请写成 2025-03 或 2025年3月" in capsys.readouterr().err
    code, _, err = run(capsys, "init", starter)
    assert code == 1 and "已经存在，不会覆盖" in err
