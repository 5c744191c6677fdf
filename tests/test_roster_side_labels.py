"""名册调整's 调整方 offers 市 and 县区 (RosterSide), not the 确定方式 labels 市确定、县区增设, which
read as "county added" to a county removing its own point (clerk c48); a workbook written with
the earlier labels is still read, and the record's ``by`` stays a Designator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softenv_core.io.workbook_schema import OPTIONS_SHEET, SHEET_BY_NAME, STARTER_NAME, RosterSide
from softenv_core.model.points import Designator

from .office_cli import run
from .starter_book import load_workbook

pytest.importorskip("openpyxl")

_BY = SHEET_BY_NAME["名册调整"].column("by")


def _options(wb: object, enum_name: str) -> list[str]:
    ws = wb[OPTIONS_SHEET]  # type: ignore[index]
    (col,) = [c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == enum_name]
    return [v for r in range(2, ws.max_row + 1) if (v := ws.cell(r, col).value) is not None]


def test_the_starter_offers_and_writes_the_sides_labels(starter: Path) -> None:
    wb = load_workbook(starter / STARTER_NAME)
    assert _options(wb, "RosterSide") == ["市", "县区"]
    ws = wb["名册调整"]
    assert _BY is not None and ws.cell(2, _BY + 1).value == "by"
    assert ws.cell(3, _BY + 1).value in ("市", "县区")
    # its drop-down is the RosterSide column of the options sheet, not Designator's
    letters = {
        f.formula1
        for f in ws.data_validations.dataValidation
        if f"{ws.cell(3, _BY + 1).column_letter}3" in str(f.sqref)
    }
    assert len(letters) == 1 and _options(wb, "Designator") == [m.zh for m in Designator]
    (formula,) = letters
    opts = wb[OPTIONS_SHEET]
    column = formula.split("!$")[1].split("$")[0]
    assert [opts[f"{column}{r}"].value for r in (2, 3)] == ["市", "县区"]


@pytest.mark.parametrize(
    ("typed", "by"),
    [("县区", "county"), ("市", "city"), ("县区增设", "county"), ("市确定", "city"), ("county", "county")],
)
def test_a_side_is_read_by_its_label_its_earlier_label_or_its_value(
    starter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, by: str
) -> None:
    wb = load_workbook(starter / STARTER_NAME)
    assert _BY is not None
    wb["名册调整"].cell(3, _BY + 1).value = typed
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 0, err
    (change,) = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["roster_changes"]
    assert change["by"] == by


def test_another_text_is_refused_with_the_sides_labels(
    starter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = load_workbook(starter / STARTER_NAME)
    assert _BY is not None
    wb["名册调整"].cell(3, _BY + 1).value = "省里"
    book = tmp_path / "b.xlsx"
    wb.save(book)
    code, _, err = run(capsys, "import", book, "--out", tmp_path / "d.json")
    assert code == 1 and "不是可选值（市、县区）" in err, err


def test_the_labels_are_designators_values() -> None:
    assert [m.value for m in RosterSide] == [m.value for m in Designator]


@pytest.mark.parametrize(("typed", "by"), [(" 县区增设 ", "county"), ("市确定 ", "city"), (" 县区", "county")])
def test_an_earlier_label_with_spaces_around_it_is_read_as_a_label_is(typed: str, by: str) -> None:
    """Spaces around a label are taken off (enum_value); an earlier label is read the same way,
    as it was before 调整方 had labels of its own."""
    from softenv_core.io.workbook_cells import reader

    assert _BY is not None
    assert reader(SHEET_BY_NAME["名册调整"].columns[_BY])(typed) == by
