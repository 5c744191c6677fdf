"""A county clerk (c33): 从业人员 typed with a thousands separator, as the office guide's 数字 row
allows for every number (`1,234,567`), in ASCII or by a Chinese IME (`１，２００`); `explain --county`
given the county's name."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.errors import InputError  # noqa: E402
from softenv_core.io.dataset_files import dataset_json  # noqa: E402
from softenv_core.io.workbook_cells import CellError, from_cell  # noqa: E402
from softenv_core.io.workbook_read import read_workbooks  # noqa: E402
from softenv_core.io.workbook_schema import Column  # noqa: E402
from softenv_core.io.workbook_starter import starter_dataset  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import edited_starter  # noqa: E402

_EMPLOYEES = Column("enterprise.employees", "从业人员（人）", "int")


@pytest.mark.parametrize("typed", ["1,200", "１，２００", " 1,200 ", "1200", "１２００"])
def test_an_integer_with_thousands_separators_is_read(typed):
    """Before: `1,200` in 从业人员 was refused as no integer, though 营业收入 took `25,000`."""
    assert from_cell(_EMPLOYEES, typed) == 1200


@pytest.mark.parametrize("typed", ["1,20", "12,00", "1_200", "١٢٠٠"])
def test_an_integer_grouped_wrongly_or_in_other_digits_is_refused(typed):
    """A comma not every three digits is a slip, not a separator; Python's int() also took
    `1_200` and Arabic-Indic digits, which no clerk means."""
    with pytest.raises(CellError, match="应为整数"):
        from_cell(_EMPLOYEES, typed)


def test_a_wrongly_grouped_integer_says_how_to_group():
    with pytest.raises(CellError, match="每三位一组"):
        from_cell(_EMPLOYEES, "1,20")


def test_a_workbook_with_a_grouped_employee_count_imports_it(starter, tmp_path):
    book = edited_starter(starter, tmp_path / "b.xlsx", {"监测点": {"enterprise.employees": "１，２００"}})
    try:
        dataset = read_workbooks([book])
    except InputError as e:  # pragma: no cover - the failure shows the problems
        pytest.fail("\n".join(e.problems))
    assert dataset.points[0].enterprise.employees == 1200


# -- explain --county with the county's name ------------------------------------------------


def test_explain_with_a_county_name_tells_its_code(tmp_path, capsys):
    """Before: `softenv explain … --county 示范区` said only 数据集中没有县区 '示范区', while
    `--audience 示范区` names the code to write. Since clerk c41 a name the dataset gives one
    county stands for its code (tests/test_clerk_c41.py); a name it gives none is told the
    nearest names, and an unknown code still lists every county's code."""
    dataset = starter_dataset()
    county = dataset.counties[0]
    path = tmp_path / "d.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    code, by_name, _ = run(capsys, "explain", path, "--year", "2025", "--county", county.name)
    _, by_code, _ = run(capsys, "explain", path, "--year", "2025", "--county", county.code)
    assert code == 0 and by_name == by_code
    code, _, err = run(capsys, "explain", path, "--year", "2025", "--county", county.name[:-1])
    assert code == 1 and f"最接近的：{county.code}（{county.name}）" in err
    code, _, err = run(capsys, "explain", path, "--year", "2025", "--county", "379999", "--lang", "en")
    assert code == 1 and f"(county codes: {county.code} {county.name})" in err
