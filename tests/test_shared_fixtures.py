"""What the tests share to save time gives what they built for themselves: the demo city built
once (tests/demo_city.py), the starter workbook parsed once (tests/starter_book.py), and the
kit's strategies built once drawing as before (docs/performance-log.md, "thirteenth pass")."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from softenv_core.demo import build_demo
from softenv_core.io.dataset_files import dataset_json
from softenv_core.io.workbook_schema import STARTER_NAME
from softenv_core.testing import record_strategies

from .demo_city import demo, demo_json


def test_the_shared_demo_city_is_the_one_build_demo_builds():
    assert demo() == build_demo(2025)
    assert demo() is demo(2025)  # built once
    assert demo_json() == dataset_json(build_demo(2025))
    assert demo(points_per_county=4) == build_demo(2025, points_per_county=4)


def _content(workbook: Any) -> list[Any]:
    """What a workbook holds once saved and read back: each sheet's state, cells (value, number
    format, font, fill, alignment), rows and columns (hidden, width, number format), drop-downs
    and frozen panes. (Not its bytes: openpyxl writes a column's format either as a new style
    record or as the equal one already there, depending on how the file was read.)"""
    import openpyxl

    out = io.BytesIO()
    workbook.save(out)
    read = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    return [
        (
            ws.title,
            ws.sheet_state,
            ws.freeze_panes,
            [
                (c.coordinate, c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.alignment))
                for row in ws.iter_rows()
                for c in row
            ],
            sorted((k, d.hidden, d.width, d.number_format) for k, d in ws.column_dimensions.items()),
            sorted((k, d.hidden) for k, d in ws.row_dimensions.items()),
            [(str(v.sqref), v.type, v.formula1, v.showErrorMessage) for v in ws.data_validations.dataValidation],
        )
        for ws in read.worksheets
    ]


def _edit(workbook: Any) -> None:
    """A cell, a row and a column the file does not have, hidden, and a sheet hidden."""
    ws = workbook["监测点"]
    ws["B3"] = "改过的名称"
    ws.row_dimensions[9].hidden = True
    ws.column_dimensions["Z"].hidden = True
    workbook["宣传活动"].sheet_state = "hidden"


def test_a_copy_of_the_starter_workbook_saves_what_a_fresh_load_saves(starter: Path):
    openpyxl = pytest.importorskip("openpyxl")
    from .starter_book import load_workbook

    path = starter / STARTER_NAME
    first, second = load_workbook(path), load_workbook(path)
    assert first is not second
    _edit(first)  # an edit to one copy is that copy's alone
    assert second["监测点"]["B3"].value != "改过的名称"
    assert _content(second) == _content(openpyxl.load_workbook(path))
    fresh = openpyxl.load_workbook(path)
    _edit(fresh)
    assert _content(first) == _content(fresh)


def _drawn(strategy: st.SearchStrategy[Any]) -> list[Any]:
    """The values ``strategy`` gives for one fixed sequence of choices (the same function, so the
    same derandomized seed, whatever the strategy)."""
    seen: list[Any] = []

    @settings(derandomize=True, database=None, max_examples=60, phases=[Phase.generate])
    @given(strategy)
    def record(value: Any) -> None:
        seen.append(value)

    record()
    return seen


def test_the_kits_non_blank_text_draws_the_texts_the_lambda_drew():
    alphabet = st.sampled_from("软环境监测点企业反映问题办理服务收费执法ABCxyz0123 ")
    before = st.text(alphabet=alphabet, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
    drawn = _drawn(record_strategies._text)
    assert drawn == _drawn(before)
    assert len(set(drawn)) > 10 and all(t.strip() for t in drawn)


def test_the_kits_integer_strategies_built_once_draw_what_built_afresh_drew():
    from softenv_core.testing import strategies

    for built, (lo, hi) in [
        (strategies._ZERO_TO_FIVE, (0, 5)),
        (strategies._ZERO_TO_NINE, (0, 9)),
        (strategies._ZERO_TO_SEVEN, (0, 7)),
    ]:
        assert _drawn(built) == _drawn(st.integers(lo, hi))
