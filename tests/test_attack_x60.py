"""Attacker x60: a month or date cell holding a digit ``str.isdigit()`` takes but ``int()`` refuses
(①②③, ², Ethiopic ፩) crashed ``softenv import`` with a traceback (01); ``softenv demo --out DIR``
run again deleted the files she had added to DIR (02)."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402
from softenv_core.cli.output import MANIFEST, OutputError, write_set  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_schema import SHEETS, Column  # noqa: E402

from .starter_book import edited_starter  # noqa: E402
from .weights import examples  # noqa: E402

_MONTH = Column("month", "所报月份", "month")
_DATE = Column("date", "日期", "date")
_MOMENT = Column("at", "时间", "datetime")

# -- finding 01: digits isdigit() takes and int() refuses ------------------------------------


@pytest.mark.parametrize("typed", ["20250③", "2025²1", "２０２５²１", "2025٠፩"])
def test_a_month_cell_of_digits_int_refuses_is_a_cell_problem(typed):
    with pytest.raises(CellError) as info:
        from_cell(_MONTH, typed)
    assert str(info.value).startswith(f"不是有效月份 {typed!r}")


def test_a_six_digit_month_keeps_its_hint():
    """The hint of clerk c54 07 (202504 is 2025-04) still comes, for full-width digits too."""
    for typed in ("202504", "２０２５０４"):
        with pytest.raises(CellError) as info:
            from_cell(_MONTH, typed)
        assert str(info.value).endswith("请写成 2025-04"), info.value


@pytest.mark.parametrize("typed", ["2025010፩", "4572፩", "፩፪፫፬፭"])
def test_a_date_cell_of_digits_int_refuses_is_a_cell_problem(typed):
    for column in (_DATE, _MOMENT):
        with pytest.raises(CellError):
            from_cell(column, typed)


def test_the_eight_digit_and_serial_hints_still_come():
    with pytest.raises(CellError) as info:
        from_cell(_DATE, "20250110")
    assert str(info.value).endswith("请写成 2025-01-10")
    with pytest.raises(CellError) as info:
        from_cell(_DATE, "45720")
    assert "2025-03-04" in str(info.value)


def test_import_tells_the_cells_and_every_other_problem(starter, tmp_path, capsys):
    """One line per refused cell, naming sheet!cell, exit 1: no traceback, the book's other
    problems listed too."""
    book = edited_starter(starter, tmp_path / "b.xlsx", {"月报": {"month": "20250③"}, "联系记录": {"date": "2025010፩"}})
    assert main(["import", str(book), "--out", str(tmp_path / "d.json")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ValueError" not in err
    assert "月报!C3" in err and "不是有效月份 '20250③'" in err
    assert "联系记录!" in err and "不是有效日期 '2025010፩'" in err
    assert not (tmp_path / "d.json").exists()


def test_the_service_calendar_problem_takes_a_year_of_other_digits():
    """service/problems._calendar_problem tested a year's text with isdigit() before int()."""
    from starlette.requests import Request

    from softenv_core.errors import CalendarDataMissing
    from softenv_core.service.problems import _calendar_problem

    scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"year=%C2%B2025", "headers": []}
    problem = _calendar_problem(Request(scope), CalendarDataMissing(2026))
    assert problem is not None


#: Characters a clerk's cell may hold around a date, a month or a number: digits of every kind
#: (ASCII, full-width, circled, superscript, Arabic-Indic, Ethiopic, Chinese), the forms' marks.
_CHARS = (
    "0123456789０１２５①②③²³¹٠١٣۴፩፪〇一二十两万.．。,，-－/:：年月日号份时分点 　T+Z上下午半H修改原报星期周()（）_e"
)
_TOKENS = ["2025", "202504", "20250110", "45720", "12月", "10:30", "+08:00", "1e400", "-0", "inf", "nan", "\n", "\t"]
_cell_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(_CHARS), st.sampled_from(_TOKENS)), max_size=8).map("".join),
    st.text(max_size=8),
)
_COLUMNS = tuple({(c.kind, c.enum): c for sheet in SHEETS for c in sheet.columns}.values())


@settings(max_examples=examples(400))
@given(_cell_text)
@example("20250③")
@example("2025²1")
@example("2025010፩")
@example("4572፩")
def test_no_cell_text_raises_anything_but_a_cell_problem(text):
    """Every reader of a cell (one column of each kind and each enum) takes any text or refuses
    it with CellError, which the sheet reader tells at its cell: anything else is a traceback."""
    for column in _COLUMNS:
        with contextlib.suppress(CellError):
            from_cell(column, text)


def test_the_amendment_hint_names_a_number_the_reader_takes():
    """修改፩ was told 请写 ፩, which the cell refuses in turn; 修改３ is told 请写 3."""
    column = Column("amendment", "修改序号", "amendment")
    for typed, hint in (("修改፩", None), ("修改３", "请写 3"), ("修改2", "请写 2")):
        with pytest.raises(CellError) as info:
            from_cell(column, typed)
        assert ("请写" not in str(info.value)) if hint is None else str(info.value).endswith(hint)


# -- finding 02: a previous set is replaced only when the folder holds it alone, as written --


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_set_beside_files_she_added_is_refused_and_nothing_changes(tmp_path):
    """Before: the manifest alone made the folder replaceable, and the swap deleted her Word
    report, her notes and her subfolder (docs/reliability.md: "never emptied")."""
    out = tmp_path / "练习"
    write_set(out, {"dataset.json": "{}", "reports/monitoring-2025-03.md": "# r"})
    (out / "三月报告.docx").write_bytes(b"PK mine")
    (out / "mine").mkdir()
    (out / "mine" / "a.txt").write_text("x", encoding="utf-8")
    (out / "reports" / "批注.md").write_text("x", encoding="utf-8")
    before = _tree(out)
    with pytest.raises(OutputError) as info:
        write_set(out, {"dataset.json": "{}"})
    said = info.value.zh or ""
    assert "其中有不是 softenv 写出的文件（mine/、三月报告.docx、reports/批注.md）" in said, said
    assert "did not write (mine/, 三月报告.docx, reports/批注.md)" in str(info.value)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["练习"]  # no staging, lock or old set left


def test_a_listed_file_changed_since_is_refused_and_a_removed_one_is_not(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"dataset.json": "{}", "summary.txt": "s", "reports/a.md": "a"})
    (out / "dataset.json").write_text('{"practised": true}', encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_set(out, {"dataset.json": "{}"})
    assert "softenv 写出的文件有改动（dataset.json）" in (info.value.zh or "")
    assert (out / "dataset.json").read_text(encoding="utf-8") == '{"practised": true}'
    (out / "dataset.json").unlink()  # moved out, as the message asks; a listed file gone is no loss
    (out / "reports" / "a.md").unlink()
    (out / ".DS_Store").write_bytes(b"\0")  # the system's, made again when the folder is opened
    write_set(out, {"dataset.json": "{}"})
    assert _tree(out).keys() == {".softenv-set", "dataset.json"}


def test_the_manifest_lists_each_file_with_its_sha256_as_sha256sum_writes(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"b.txt": "二", "a/x.md": "1"})
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert lines == [
        f"{hashlib.sha256(b'1').hexdigest()}  a/x.md",
        f"{hashlib.sha256('二'.encode()).hexdigest()}  b.txt",
    ]


def test_a_manifest_of_names_alone_still_marks_a_previous_set_but_not_added_files(tmp_path):
    """A set an earlier version wrote (its manifest names the files, without digests): replaced
    as before, unless the folder holds files it does not list."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "dataset.json").write_text("edited or not: cannot be told", encoding="utf-8")
    (out / MANIFEST).write_text("dataset.json\n", encoding="utf-8")
    (out / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="did not write"):
        write_set(out, {"dataset.json": "{}"})
    (out / "notes.txt").unlink()
    write_set(out, {"dataset.json": "{}"})
    assert (out / "dataset.json").read_text(encoding="utf-8") == "{}"


def test_many_files_are_named_a_few_with_their_count(tmp_path):
    out = tmp_path / "out"
    write_set(out, {"a.txt": "a"})
    for i in range(5):
        (out / f"n{i}.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_set(out, {"a.txt": "a"})
    assert "（n0.txt、n1.txt、n2.txt 等 5 项）" in (info.value.zh or "")
    assert "(n0.txt, n1.txt, n2.txt and 2 more)" in str(info.value)


def test_demo_out_into_a_previous_set_with_her_files_exits_1_before_any_work(tmp_path, capsys, monkeypatch):
    out = tmp_path / "练习"
    write_set(out, {"dataset.json": "{}"})
    (out / "三月报告.docx").write_bytes(b"PK mine")
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--out", "练习"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("softenv: error: 不能写入 练习:其中有不是 softenv 写出的文件（三月报告.docx）")
    assert len(err.strip().splitlines()) == 1
    assert _tree(out).keys() == {".softenv-set", "dataset.json", "三月报告.docx"}


# -- minor: the number cells (营业收入, 资产总额) refuse what the integer cells refuse ----------

_NUMBER = Column("revenue", "营业收入", "float")


@pytest.mark.parametrize("typed", ["1_000", "1_000.5", "١٢٣", "٣.٥", "۱۲", "inf", "nan", "Infinity"])
def test_a_number_cell_refuses_underscores_other_scripts_digits_and_words(typed):
    """float() took 1_000 as 1000 and ١٢٣ (Arabic-Indic) as 123, which _int refuses."""
    with pytest.raises(CellError) as info:
        from_cell(_NUMBER, typed)
    assert f"应为数字，而不是 {typed!r}" in str(info.value)


@pytest.mark.parametrize("typed", ["1e400", "-1e400"])
def test_an_overflowing_number_is_quoted_as_typed(typed):
    """It was read as inf and refused later as 应为有限的数，而不是 inf: a value she never typed."""
    with pytest.raises(CellError) as info:
        from_cell(_NUMBER, typed)
    assert str(info.value) == f"应为有限的数，而不是 {typed!r}"


@pytest.mark.parametrize("typed", ["-0", "-0.0", "-0e5", -0.0, "－０"])
def test_minus_zero_is_read_as_zero(typed):
    read = from_cell(_NUMBER, typed)
    assert read == 0 and str(read) == "0.0"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("１２３", 123.0), ("1e5", 1e5), (".5", 0.5), ("5.", 5.0), ("+3", 3.0), (" 12 ", 12.0), ("25,000.5", 25000.5)],
)
def test_the_number_forms_a_clerk_types_are_still_read(typed, read):
    assert from_cell(_NUMBER, typed) == read
