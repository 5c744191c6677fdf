"""The city office's records in a county's workbook, named at their rows (attacker x68 01): in an
``--into`` merge into the city's dataset too, once (not at the next import of the same workbook),
and never for the city office's own workbook (its 县区 sheet holds every county)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from softenv_core.cli.main import main  # noqa: E402

from .office_cli import run  # noqa: E402
from .starter_book import load_workbook  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
TOLD = "是市软建办的记录，县区不填"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "全市.xlsx"
    assert main(["export", str(EXAMPLE), "--out", str(out)]) == 0
    return out


def test_the_city_offices_own_workbook_is_not_told(exported: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "import", exported, "--out", tmp_path / "d.json")
    assert code == 0, err
    assert TOLD not in err  # two counties: the city office's export, its waiver and complaint its own


def test_a_county_workbook_merged_into_the_citys_dataset_names_its_new_waiver_once(
    exported: Path, tmp_path: Path, capsys
) -> None:
    wb = load_workbook(exported)
    counties = wb["县区"]
    assert [c.value for c in counties["A"][2:]] == ["379902", "379921"]
    counties.delete_rows(4)  # 379902's workbook, sent to the city office
    waivers = wb["豁免"]
    waivers.append(["W-379902-2025-03", "379902", "2025-03", "系统故障", "2025-04-20", "市经贸委"])
    book = tmp_path / "379902.xlsx"
    wb.save(book)
    city = tmp_path / "city.json"
    shutil.copy(EXAMPLE, city)

    code, _, err = run(capsys, "import", book, "--into", city)
    assert code == 0, err
    told = [line for line in err.splitlines() if TOLD in line]
    # The new row only: the city's waiver and complaint the workbook still holds are the dataset's.
    assert len(told) == 1, err
    assert "379902.xlsx 豁免!A4 (W-379902-2025-03)" in told[0] and "'市经贸委'" in told[0]
    assert "softenv: 注意：1 行是市软建办的记录" in err

    code, _, err = run(capsys, "import", book, "--into", city)  # the same workbook again: told at the first
    assert code == 0, err
    assert TOLD not in err
