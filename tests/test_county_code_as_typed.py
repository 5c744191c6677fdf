"""A county code typed as a clerk types it (attacker x42's note): full-width digits from an
input method left in full-width mode, or a space after it, is the code. ``--audience
county:３７９９０２`` was read as a county *name* and refused as no county so named;
``county:379902 `` was refused as a bad audience; ``explain --county "379902 "`` said the county
was not assessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from softenv_core.analyses.county_names import audience_as_typed, typed_code
from softenv_core.io.dataset_files import dataset_json
from softenv_core.io.workbook_starter import starter_dataset

from .office_cli import run

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("typed", "code"),
    [("379902", "379902"), ("３７９９０２", "379902"), (" 379902 ", "379902"), ("37990", None), ("青山县", None)],
)
def test_typed_code(typed: str, code: str | None) -> None:
    assert typed_code(typed) == code


def test_other_audiences_are_left_as_written() -> None:
    assert audience_as_typed("county:３７９９０２") == "county:379902"
    for text in ("city", "county:青山县", "point:P379902-001 ", "department:３７９９０２", "county:"):
        assert audience_as_typed(text) == text


def _dataset(tmp_path: Path) -> tuple[Path, str]:
    dataset = starter_dataset()
    path = tmp_path / "d.json"
    path.write_text(dataset_json(dataset), encoding="utf-8")
    return path, dataset.counties[0].code


def test_the_report_audience_takes_the_code_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, code = _dataset(tmp_path)
    args = ("report", path, "--month", "2025-03", "--audience")
    status, by_code, err = run(capsys, *args, f"county:{code}")
    assert status == 0, err
    for typed in (code.translate(_FULL_WIDTH), f"{code} "):
        status, out, err = run(capsys, *args, f"county:{typed}")
        assert status == 0, err
        assert out == by_code


def test_explain_takes_the_county_code_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, code = _dataset(tmp_path)
    args = ("explain", path, "--year", "2025", "--county")
    status, by_code, err = run(capsys, *args, code)
    assert status == 0, err
    for typed in (code.translate(_FULL_WIDTH), f"{code} "):
        status, out, err = run(capsys, *args, typed)
        assert status == 0, err
        assert out == by_code
