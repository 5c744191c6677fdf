"""A parameter line shows the value as its parameter file writes it (plugin author p33)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from softenv_core.engine.trace import ParamValue
from softenv_core.render.parameter_lines import parameter_lines


def _line(value: object) -> str:
    pv = ParamValue("county.379905.x", value, date(2025, 7, 1), "松林县〔2025〕1号")
    (line,) = parameter_lines([pv], "", "zh")
    return line


def test_a_switch_reads_as_json_true_or_false_not_python():
    # the clerk wrote `true` in parameters.json; the explanation printed Python's `True`
    assert _line(True) == "参数：county.379905.x = true（自 2025-07-01；松林县〔2025〕1号）"
    assert "= false（" in _line(False)


def test_lists_and_mappings_read_as_json_text_and_numbers_unchanged():
    assert '= ["电话", "上门"]（' in _line(["电话", "上门"])
    assert '= {"start": "06-01", "days": 3}（' in _line({"start": "06-01", "days": 3})
    assert "= next_workday（" in _line("next_workday")  # text as written, unquoted, as before
    assert "= 3.5（" in _line(Decimal("3.5"))
    assert "= [1, 2.5]（" in _line([1, Decimal("2.5")])
