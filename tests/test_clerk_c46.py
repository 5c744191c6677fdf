"""A county clerk records a change of liaison person (定人) in mid-March (clerk c46): the former
person's last day outside the point's designation, or a row naming the current person again (the
监测点 sheet's 联系人（定人） left unchanged), is told at its cell; the import goes on.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from .office_cli import run
from .starter_book import load_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(starter: Path, tmp_path: Path, edit, name: str = "b.xlsx") -> Path:  # type: ignore[no-untyped-def]
    wb = load_workbook(starter / "软环境监测点.xlsx")
    edit(wb)
    book = tmp_path / name
    wb.save(book)
    return book


# --- 1. a former person's last day outside the designation, the same person named again -------


def test_a_last_day_before_the_designation_is_told_at_its_cell(starter, tmp_path, capsys):
    """The starter's point is designated 2025-01-01; a last day typed 2024-02-14 (the year
    wrong) made 李四 a person who never looked after it, without a word."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["前任联系人"]["D3"] = datetime(2024, 2, 14)

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert (
        "前任联系人!D3 (P379902-001#1 最后负责日期): 最后负责日期 2024-02-14 早于监测点 P379902-001 的确定日期 "
        "2025-01-01：前任联系人 李四 没有负责过该监测点" in err
    ), err


def test_a_last_day_on_or_after_the_designation_end_is_told(starter, tmp_path, capsys):
    def edit(wb):  # type: ignore[no-untyped-def]
        wb["监测点"]["O3"] = datetime(2025, 6, 30)
        wb["前任联系人"]["D3"] = "2025.7.10"

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert (
        "前任联系人!D3 (P379902-001#1 最后负责日期): 最后负责日期 2025-07-10 不早于监测点 P379902-001 的截止日期 "
        "2025-06-30：李四 之后的联系人没有负责过该监测点" in err
    ), err


def test_the_current_person_named_as_former_is_told(starter, tmp_path, capsys):
    """The clerk added the 前任联系人 row and left 联系人（定人） as it was: no change happened,
    and the month's contacts by the new person were 非定人 without a word why."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["前任联系人"]["C3"] = " 张三 "

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert (
        "前任联系人!C3 (P379902-001#1 前任联系人): 前任联系人 张三 与监测点表的“联系人（定人）”相同，联系人没有更换；"
        "请在监测点表的“联系人（定人）”列写新的联系人" in err
    ), err


def test_two_former_persons_alike_in_a_row_are_told(starter, tmp_path, capsys):
    def edit(wb):  # type: ignore[no-untyped-def]
        ws = wb["前任联系人"]
        ws["D3"] = datetime(2025, 1, 31)
        for col, value in zip("ABCD", ["P379902-001", 2, "李四", datetime(2025, 2, 14)], strict=True):
            ws[f"{col}4"] = value

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert "前任联系人!C3 (P379902-001#1 前任联系人): 前任联系人 李四 与其后第 2 位前任相同" in err, err


def test_the_starter_itself_is_told_nothing_of_its_former_person(starter, tmp_path, capsys):
    code, out, err = run(capsys, "validate", starter / "示例数据.json")
    assert code == 0, err
    assert "former_liaison_persons" not in out + err, out + err


# --- 2. the --into dataset's own problems in Chinese ---------------------------------------------


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "  $: 找不到文件 "),
        ("{", "  $: 不是有效的 JSON：第 1 行第 2 列附近有语法错误"),
    ],
)
def test_the_into_dataset_s_problem_is_told_in_chinese(starter, tmp_path, capsys, content, said):
    """``--into dataset.json`` misspelt (or not JSON) was told `$: cannot read missing.json: No such
    file or directory`, the one English line of a Chinese import; ``--lang en`` keeps it."""
    into = tmp_path / "missing.json"
    if content is not None:
        into.write_text(content, encoding="utf-8")
    book = starter / "软环境监测点.xlsx"
    code, _, err = run(capsys, "import", book, "--into", into, "--out", tmp_path / "d.json")
    assert code == 1
    assert said in err, err
    assert "cannot read" not in err and "not valid JSON" not in err, err
    if content is None:
        code, _, err = run(capsys, "import", book, "--into", into, "--out", tmp_path / "d.json", "--lang", "en")
        assert code == 1 and "cannot read" in err and "No such file or directory" in err, err


# --- 3. a child row pasted twice ----------------------------------------------------------------


def _former_row(wb, row: int, values) -> None:  # type: ignore[no-untyped-def]
    for col, value in zip("ABCD", values, strict=True):
        wb["前任联系人"][f"{col}{row}"] = value


def test_a_former_person_row_pasted_twice_names_the_row_it_repeats(starter, tmp_path, capsys):
    """It was `序号 1 重复` alone: the clerk looked for what to change."""

    def edit(wb):  # type: ignore[no-untyped-def]
        _former_row(wb, 4, ["P379902-001", 1, "李四", datetime(2025, 2, 14)])

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        "前任联系人!B4 (P379902-001#1 序号): 序号 1 重复：与第 3 行完全相同，是否重复粘贴了一行？请删除其中一行" in err
    ), err


def test_two_former_persons_at_one_place_are_told_to_renumber(starter, tmp_path, capsys):
    def edit(wb):  # type: ignore[no-untyped-def]
        wb["前任联系人"]["D3"] = datetime(2025, 1, 31)
        _former_row(wb, 4, ["P379902-001", 1, "王五", datetime(2025, 2, 14)])

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert "前任联系人!B4 (P379902-001#1 序号): 序号 1 重复：第 3 行已是 P379902-001 的序号 1；" in err, err
    assert "请改正其中一行的序号" in err, err


def test_the_readme_sheet_says_how_to_fill_and_when_to_export(starter):
    """The 说明 sheet told the rows and the current person; a clerk asked which day to write and
    why --into refused her row: the last day, the designation, export then import."""
    wb = load_workbook(starter / "软环境监测点.xlsx")
    readme = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "最后负责日期写该前任负责的最后一天（如 3 月 16 日起换人，写 2025-03-15）" in readme
    assert "须在监测点的确定日期之后、截止日期之前" in readme
    assert "不能用 --into 补填本表：请 softenv export 导出整个数据集" in readme


# --- 4. the year end's 记录止于 in the workbook ---------------------------------------------------


def test_the_records_end_notice_leads_the_workbook_s_notices(tmp_path, capsys):
    """Three months recorded: the notice saying April to December are 未报 for want of records
    came last on the 阅读范围 sheet, under the plugins' and the appraisal rounds' notices."""
    import json

    example = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"
    doc = json.loads(example.read_text(encoding="utf-8"))
    doc["reports"] = [r for r in doc["reports"] if r["month"] <= "2025-03"]
    doc["contacts"] = [c for c in doc["contacts"] if c["date"][:7] <= "2025-03"]
    data = tmp_path / "d.json"
    data.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "y.xlsx"
    code, _, err = run(capsys, "yearend", data, "--year", "2025", "--format", "xlsx", "--out", out)
    assert code == 0, err
    rows = list(openpyxl.load_workbook(out)["阅读范围"].iter_rows(values_only=True))
    notices = [r[1] for r in rows if r[0] == "说明"]
    assert len(notices) > 1, notices
    assert notices[0].startswith("记录止于 2025-03："), notices


# --- 5. the Word report's 最多N个 names every person tied for it --------------------------------


def test_the_word_report_names_every_person_with_the_most_points():
    """Three persons of one point each read `最多1个（张三）`, as if 张三 were the busiest."""
    from softenv_core.analyses.report_rows import WorkloadRow
    from softenv_core.render.monitoring_workload import busiest_named

    rows = [WorkloadRow("379902", p, 1) for p in ("张三", "王五", "赵六")]
    assert busiest_named(rows) == "（张三、王五、赵六）"
    assert busiest_named([WorkloadRow("379902", "张三", 1), WorkloadRow("379902", "王五", 2)]) == "（王五）"
    many = [WorkloadRow("379902", f"人{i}", 2) for i in range(5)]
    assert busiest_named(many) == "（人0、人1、人2等5人）"
    assert busiest_named([WorkloadRow("379902", None, 3)]) == ""  # a name the reader may not see


def test_a_current_person_left_blank_after_former_ones_is_told(starter, tmp_path, capsys):
    """The 联系人（定人） cell cleared and the new name never typed: the contacts after the change
    were judged against nobody, and the report counted the point as 未指定联系人 without a word."""

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["监测点"]["P3"] = None

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 0, err
    assert (
        "监测点!P3 (P379902-001 联系人（定人）): 联系人（定人）为空，但填写了前任联系人："
        "2025-02-14 之后没有联系人" in err
    ), err


# --- 6. export then import keeps the former persons ---------------------------------------------


def test_export_then_import_keeps_two_former_persons(starter, tmp_path, capsys):
    import json

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["前任联系人"]["D3"] = "2025.1.31"
        _former_row(wb, 4, ["P379902-001", 2, "王五", "2025年2月14日"])

    first = tmp_path / "d.json"
    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", first)
    assert code == 0, err
    code, _, err = run(capsys, "export", first, "--out", tmp_path / "全市数据.xlsx")
    assert code == 0, err
    again = tmp_path / "d2.json"
    code, _, err = run(capsys, "import", tmp_path / "全市数据.xlsx", "--out", again)
    assert code == 0, err
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, again))
    assert a == b
    terms = next(p for p in b["points"] if p["id"] == "P379902-001")["former_liaison_persons"]
    assert terms == [{"person": "李四", "until": "2025-01-31"}, {"person": "王五", "until": "2025-02-14"}]


def test_two_former_persons_out_of_order_are_told_in_the_sheet_s_words(starter, tmp_path, capsys):
    """It read 最后联系日, a word the sheet does not use, and not which way to put it right."""

    def edit(wb):  # type: ignore[no-untyped-def]
        _former_row(wb, 4, ["P379902-001", 2, "王五", datetime(2025, 1, 31)])

    code, _, err = run(capsys, "import", _book(starter, tmp_path, edit), "--out", tmp_path / "d.json")
    assert code == 1
    assert (
        "前任联系人!D4 (P379902-001#2 最后负责日期): 最后负责日期 2025-01-31 不晚于前一位前任联系人的最后负责日期 "
        "2025-02-14：前任联系人按先后顺序填写，序号 1 是最早的一位；请调换两行的序号，或改正日期" in err
    ), err


# --- 7. the new person typed on the point's row of a month's --into workbook --------------------


def test_a_changed_point_row_on_into_is_not_told_to_append_child_rows(starter, tmp_path, capsys):
    """The advice `给已有记录追加办理过程、事项等，只填子表的行…即可` beside the point sent the clerk to
    keep the 前任联系人 row alone, refused too: a point takes no rows by --into."""
    data = tmp_path / "d.json"
    code, _, err = run(capsys, "import", starter / "软环境监测点.xlsx", "--out", data)
    assert code == 0, err

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["监测点"]["P3"] = "赵六"
        _former_row(wb, 4, ["P379902-001", 2, "张三", datetime(2025, 3, 15)])

    book = _book(starter, tmp_path, edit, "三月.xlsx")
    code, _, err = run(capsys, "import", book, "--into", data, "--out", tmp_path / "d2.json")
    assert code == 1
    (line,) = [x for x in err.splitlines() if "监测点!P3" in x]
    assert "联系人（定人） 此处为 “赵六”" in line and "softenv export 导出整个数据集" in line, line
    assert "只填子表的行" not in line, line
