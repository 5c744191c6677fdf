"""render.xlsx_counties: the results workbook names each county beside its code (clerk c36:
the year-end sheets showed 379921 where the clerk reads 青山县)."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.cli.main import main
from softenv_core.render.xlsx_counties import with_county_names

from .demo_city import demo, demo_json

openpyxl = pytest.importorskip("openpyxl")

#: Each sheet with a county code, the code's header, and its frozen panes (code and name in view).
SHEETS = {
    "监测点": ("县区", "B2"),
    "调整建议": ("县区", "B2"),
    "调整备案": ("县区", "B2"),
    "表彰推荐": ("县区", "C2"),
    "调整期与增设": ("范围或县区", "B2"),
}


def test_every_county_code_has_its_name_in_the_next_column(yearend_book: Path) -> None:
    names = {c.code: c.name for c in demo().counties}
    wb = openpyxl.load_workbook(yearend_book)
    for title, (header, _) in SHEETS.items():
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        at = headers.index(header)
        assert headers[at + 1] == "县区名称", title
        named = [(r[at], r[at + 1]) for r in ws.iter_rows(min_row=2) if r[at].value in names]
        assert named, title  # the demo has rows of each kind
        for code, name in named:
            assert code.data_type == "s" and name.value == names[code.value], (title, code.value)


def test_the_sheets_keep_their_conventions(yearend_book: Path) -> None:
    """The header row frozen (and the code with its name where the code was), every column
    under the filter, the name's column sized to the names."""
    wb = openpyxl.load_workbook(yearend_book)
    for title, (header, frozen) in SHEETS.items():
        ws = wb[title]
        headers = [c.value for c in ws[1]]
        letter = openpyxl.utils.get_column_letter(headers.index(header) + 2)
        assert ws.freeze_panes == frozen, title
        assert ws.auto_filter.ref.startswith("A1:" + openpyxl.utils.get_column_letter(len(headers))), title
        assert 8 <= ws.column_dimensions[letter].width <= 28, title
        assert ws[f"{letter}1"].font.bold, title  # styled as every header


def test_english_workbooks_say_county_name(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(demo_json(), encoding="utf-8")
    out = tmp_path / "y.xlsx"
    args = [
        "yearend",
        str(tmp_path / "d.json"),
        "--year",
        "2025",
        "--format",
        "xlsx",
        "--lang",
        "en",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    headers = [c.value for c in openpyxl.load_workbook(out)["Points"][1]]
    assert headers[headers.index("County") + 1] == "County name"


def test_a_cell_that_is_no_county_code_gets_an_empty_name() -> None:
    sheet = (["县区", "名额"], [["379902", 2], ["提示", ""], ["全市", ""], [None, ""]])
    (headers, rows), frozen = with_county_names(sheet, 1, {"379902": "东城区"})
    assert headers == ["县区", "县区名称", "名额"] and frozen == 2
    assert [r[1] for r in rows] == ["东城区", "", "", ""]
    unchanged = (["题目", "类型"], [["x", "y"]])
    assert with_county_names(unchanged, 1, {}) == (unchanged, 1)
