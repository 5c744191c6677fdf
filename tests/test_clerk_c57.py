"""Clerk c57 (白河县经信局: a month typed the clerk way, imported, the Word documents looked at).

01 A mistyped 评议 rating was suggested its opposite (基本不满意 → 基本满意, 满意度一般 → 满意): a negation
   in one text only, or a value qualified in the typed text's own words (比较满意), is no suggestion.
02 A row copied from last month was told to take a new id（如 C-2025-04-002）already a row of the sheet: the
   example is now an id neither the workbooks nor the --into dataset hold (the month's next free number).
03 An empty Word table cell's paragraph mark had no size (the body's 3号): its row stood taller than the
   others; it now has the table's size (render/docx_style.CellText). 五's （本节由…提供） is indented.
04 A workbook imported while open in Excel/WPS (its ~$ lock file beside it) was read without a word: a
   warning now says it appears open and edits not yet saved are not read (save and close it first).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from softenv_core.cli.main import main

from .office_cli import run
from .starter_book import load_workbook
from .starter_book import put_row as _put
from .starter_book import uscc_of as _uscc

openpyxl = pytest.importorskip("openpyxl")

CO = "379922"
_PTS = (("P379922-001", "王小明"), ("P379922-002", "刘芳"), ("P379922-003", "王小明"))


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    assert main(["init", "--empty", str(folder / "s")]) == 0
    return folder / "s" / "软环境监测点.xlsx"


def _base(empty: Path) -> Any:
    wb = load_workbook(empty)
    _put(wb["城市"], 3, {"code": "379900", "name": "示范市", "office": "市软建办", "liaison_office": "市经贸委"})
    _put(wb["县区"], 3, {"code": CO, "name": "白河县", "kind": "县", "liaison_office": "白河县经信局"})
    _put(wb["部门"], 3, {"id": "city-amr", "name": "市市场监管局"})
    _put(wb["部门"], 4, {"id": "city-hr", "name": "市人社局"})
    for row, (pid, person) in enumerate(_PTS, 3):
        _put(
            wb["监测点"],
            row,
            {
                "id": pid,
                "enterprise.name": f"白河县企业{row}有限公司",
                "county": CO,
                "enterprise.uscc": _uscc(f"91379922MA000000{row}"),
                "enterprise.size": "小型",
                "enterprise.ownership": "民营",
                "enterprise.sector": "工业",
                "enterprise.employees": 80,
                "level": "县区",
                "designated_by": "市确定",
                "designated_from": "2023-03-01",
                "liaison_person": person,
            },
        )
    return wb


def _month(wb: Any, month: str, first_row: int = 3) -> None:
    for i, (pid, person) in enumerate(_PTS):
        _put(
            wb["联系记录"],
            first_row + i,
            {
                "id": f"C-{month}-{i + 1:03d}",
                "point": pid,
                "date": f"{month}-{10 + i}",
                "method": "电话",
                "liaison": CO,
                "reached": "是",
                "made_by": person,
            },
        )


# --- 01. a rating's suggestion must not reverse it -----------------------------------------------


@pytest.mark.parametrize(("typed", "wrong"), [("基本不满意", "基本满意"), ("满意度一般", "满意")])
def test_01_a_ratings_suggestion_does_not_reverse_what_was_typed(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, wrong: str
) -> None:
    wb = _base(empty)
    _put(wb["评议轮次"], 3, {"id": "A-2025-H1", "period": "2025-H1", "opened": "2025-06-10", "closed": "2025-06-25"})
    _put(
        wb["评议"],
        3,
        {"round": "A-2025-H1", "rater": "P379922-001", "group": "监测点企业", "department": "city-amr", "level": typed},
    )
    wb.save(tmp_path / "评议.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "评议.xlsx", "--out", tmp_path / "ds.json")
    assert code == 1
    line = next(x for x in err.splitlines() if "评议!" in x and "评价" in x)
    assert f"'{typed}' 不是可选值" in line
    # 基本不满意 is no 基本满意, 满意度一般 no 满意: a suggestion that turns a complaint into praise
    # (0 → 0.6, or 0.6 → 1 of the department's score) is worse than none.
    assert f"是否应为 {wrong}？" not in line


def _enum(name: str) -> Any:
    from softenv_core.engine.deadline_types import DeadlinePolicy
    from softenv_core.engine.states import Band
    from softenv_core.model.appraisals import RatingLevel
    from softenv_core.model.complaints import Verdict

    return {"rating": RatingLevel, "band": Band, "verdict": Verdict, "deadline": DeadlinePolicy}[name]


@pytest.mark.parametrize(
    ("typed", "enum", "meant"),
    [
        ("比较满意", "rating", None),  # 满意 or 基本满意?
        ("还算满意", "rating", None),
        ("满意度一般", "rating", None),
        # Never 基本满意 (the negation kept); and 基本 is 基本满意's word: 不满意 or 基本满意? A
        # tie (reviewer r61 01; c57 pinned 不满意): no suggestion never points the wrong way.
        ("基本不满意", "rating", None),
        ("不太满意", "rating", "不满意"),
        ("没有满意", "rating", None),
        ("很满意", "rating", "满意"),  # a word that only strengthens it
        ("非常满意", "rating", "满意"),  # 非常 is no negation
        ("很不满意", "rating", "不满意"),
        ("不合格了", "band", "不合格"),
        ("合格了", "band", "合格"),
        ("基本属实", "verdict", None),  # 属实 or 部分属实?
        ("不属实的", "verdict", "不属实"),
        ("顺延", "deadline", "顺延至下一个工作日"),  # not 不顺延
    ],
)
def test_01_a_suggestion_keeps_the_negation_and_a_qualified_word_is_a_tie(
    typed: str, enum: str, meant: str | None
) -> None:
    from softenv_core.io.suggest import closest

    members = list(_enum(enum))
    assert closest(typed, [m.zh for m in members] + [str(m.value) for m in members]) == meant


# --- 02. the new id a copied row is told to take is not one already used ---------------------------


def test_02_the_example_new_id_for_a_copied_row_is_not_already_taken(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    march = _base(empty)
    _month(march, "2025-03")
    march.save(tmp_path / "3月.xlsx")
    assert run(capsys, "import", tmp_path / "3月.xlsx", "--out", tmp_path / "ds.json")[0] == 0
    april = _base(empty)
    _month(april, "2025-04")  # C-2025-04-001 … 003
    # one more April contact: March's row C-2025-03-002 copied, its date changed, its id not
    _put(
        april["联系记录"],
        6,
        {
            "id": "C-2025-03-002",
            "point": "P379922-002",
            "date": "2025-04-22",
            "method": "上门",
            "liaison": CO,
            "reached": "是",
            "made_by": "刘芳",
        },
    )
    april.save(tmp_path / "4月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "4月.xlsx", "--into", tmp_path / "ds.json")
    assert code == 1 and "忘了改编号" in err
    suggested = re.findall(r"请用新的编号（如 ([^）]+)）", err)
    taken = {"C-2025-04-001", "C-2025-04-002", "C-2025-04-003", "C-2025-03-001", "C-2025-03-002", "C-2025-03-003"}
    # C-2025-04-002 is row 4 of this very sheet: writing it gives 同一工作表中一条记录只写一行
    assert not set(suggested) & taken, suggested


def test_02_copied_rows_are_each_told_a_different_free_id(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    march = _base(empty)
    _month(march, "2025-03")
    march.save(tmp_path / "3月.xlsx")
    assert run(capsys, "import", tmp_path / "3月.xlsx", "--out", tmp_path / "ds.json")[0] == 0
    april = _base(empty)
    _month(april, "2025-04")
    _month(april, "2025-03", first_row=6)  # all of March copied below April's rows …
    for row in range(6, 9):
        _put(april["联系记录"], row, {"date": f"2025-04-2{row}"})  # … dates changed, ids not
    april.save(tmp_path / "4月.xlsx")
    code, _, err = run(capsys, "import", tmp_path / "4月.xlsx", "--into", tmp_path / "ds.json")
    assert code == 1
    suggested = re.findall(r"请用新的编号（如 ([^）]+)）", err)
    assert sorted(suggested) == ["C-2025-04-004", "C-2025-04-005", "C-2025-04-006"], err


# --- 03. an empty table cell is as high as its neighbours ----------------------------------------


def _empty_cell_marks(path: Path) -> list[tuple[str | None, str | None]]:
    """(paragraph mark's size, the cell run's size) of each table cell holding no text."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    found = []
    for cell in re.findall(r"<w:tc>.*?</w:tc>", xml, flags=re.S):
        if re.search(r"<w:t[ >]", cell):
            continue
        ppr = re.search(r"<w:pPr>(.*?)</w:pPr>", cell, flags=re.S)
        mark = re.search(r'<w:rPr>.*?<w:sz w:val="(\d+)"', ppr.group(1), flags=re.S) if ppr else None
        run_sz = re.search(r'<w:r>.*?<w:sz w:val="(\d+)"', cell, flags=re.S)
        found.append((mark.group(1) if mark else None, run_sz.group(1) if run_sz else None))
    return found


def test_03_an_empty_cell_of_a_word_table_keeps_the_tables_size(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import attrs

    import softenv_core as se
    from softenv_core.model.periods import Month
    from softenv_core.testing import builders as b

    ds = b.small_dataset(2025)
    silent = ds.counties[0].code  # a county that has not reported March: its 零报告 cell is empty
    ds = attrs.evolve(
        ds, reports=tuple(r for r in ds.reports if not (r.county == silent and r.month == Month(2025, 3)))
    )
    se.write_report_docx(se.monitoring_report(ds, Month(2025, 3), audience="city"), tmp_path / "m.docx")
    marks = _empty_cell_marks(tmp_path / "m.docx")
    assert marks, "二、各县区月报报送情况 holds the unreported county's empty 零报告 cell"
    # The paragraph mark of an empty cell sets the line's height: left at the body's 16 pt (no
    # size of its own), the row stands taller than the rows whose cells hold 4号/小4 text
    # (the year end's 万人评议 table: rows with an empty 标记 are taller than those marked 末位).
    assert all(mark == run for mark, run in marks), marks[:5]


def test_03_the_line_saying_who_gave_section_5_is_indented_as_the_body(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    import softenv_core as se
    from softenv_core.model.periods import Month
    from softenv_core.testing import builders as b

    se.write_report_docx(
        se.monitoring_report(b.small_dataset(2025), Month(2025, 3), audience="city"), tmp_path / "m.docx"
    )
    paragraphs = docx.Document(str(tmp_path / "m.docx")).paragraphs
    by = next(p for p in paragraphs if p.text.startswith("（本节由"))
    after = paragraphs[[p._p for p in paragraphs].index(by._p) + 1]
    assert after.text.startswith("本月收到")  # the body paragraph under it: two characters in
    assert by.paragraph_format.first_line_indent == after.paragraph_format.first_line_indent is not None


# --- 04. a workbook open in Excel/WPS is said so ---------------------------------------------------


def test_04_a_workbook_open_in_excel_is_said_to_be_open_when_imported(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = _base(empty)
    _month(wb, "2025-03")
    wb.save(tmp_path / "3月.xlsx")
    (tmp_path / "~$3月.xlsx").write_bytes(b"\x06\xe6\x9d\x8e\xe5\xa8\x9f" + b"\x00" * 158)  # Excel/WPS's lock file
    code, _, err = run(capsys, "import", tmp_path / "3月.xlsx", "--out", tmp_path / "ds.json")
    assert code == 0
    # the lock file given alone is refused "the open workbook may hold unsaved edits": the book
    # itself, imported while open, is told so too (save it, or close it, and import again)
    assert "3月.xlsx" in err and "保存" in err, err


def test_04_the_open_workbook_is_said_so_in_english_and_the_lock_file_given_alone_is_refused(
    empty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = _base(empty)
    _month(wb, "2025-03")
    wb.save(tmp_path / "3月.xlsx")
    (tmp_path / "~$3月.xlsx").write_bytes(b"\x06\xe6\x9d\x8e\xe5\xa8\x9f" + b"\x00" * 158)
    code, _, err = run(capsys, "import", tmp_path / "3月.xlsx", "--out", tmp_path / "en.json", "--lang", "en")
    assert code == 0 and "appears to be open in Excel/WPS" in err and "save and close it" in err, err
    code, _, err = run(capsys, "import", tmp_path / "~$3月.xlsx", "--out", tmp_path / "lock.json")
    assert code == 1 and "临时锁定文件" in err and "似乎正在" not in err, err
    (tmp_path / "~$3月.xlsx").unlink()  # closed: nothing said
    code, _, err = run(capsys, "import", tmp_path / "3月.xlsx", "--out", tmp_path / "closed.json")
    assert code == 0 and "Excel/WPS" not in err, err
