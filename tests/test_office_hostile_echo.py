"""Hostile typed text in the import's messages (attacker x23): a cell may hold 32,767
characters, and what the reader echoes of it (``'…' 不是可选值``, ``未知字段 '…'``, "did you
mean") is bounded and escaped, and reading it, suggesting for it and grouping the messages
take time linear in its length."""

from __future__ import annotations

import time

import pytest

from softenv_core.cli.office_commands import grouped
from softenv_core.io.converter import closest_member
from softenv_core.io.suggest import closest
from softenv_core.io.workbook_cells import CellError, enum_value
from softenv_core.io.workbook_layout import unknown_field
from softenv_core.io.workbook_schema import SHEET_BY_NAME
from softenv_core.model.reports import ContactMethod

ACTING = "\u202e\u200b\x9b\x1b"
LONG = ACTING + "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(30_000))


def _inert_and_short(message: str) -> None:
    assert len(message) < 400, len(message)
    assert not set(message) & set(ACTING)


def test_a_long_mistyped_enum_value_is_echoed_shortened_and_escaped():
    with pytest.raises(CellError, match="不是可选值") as caught:
        enum_value(ContactMethod, LONG)
    _inert_and_short(str(caught.value))
    assert "30004" in str(caught.value)  # how long it was is said


def test_a_long_unknown_field_is_echoed_shortened_and_escaped():
    _inert_and_short(unknown_field(SHEET_BY_NAME["联系记录"], LONG))


def test_a_long_json_enum_value_is_no_suggestion_and_quick():
    started = time.perf_counter()
    assert closest_member(ContactMethod, LONG) == ""
    assert closest(LONG, [m.zh for m in ContactMethod]) is None
    assert time.perf_counter() - started < 0.05


def test_echoed_keeps_a_short_text_whole():
    from softenv_core.io.suggest import echoed

    assert echoed("电话x") == repr("电话x")
    assert echoed("\u202e") == repr("\u202e") == "'\\u202e'"


def test_grouping_a_long_problem_that_names_no_cell_header_is_linear():
    """``sheet!I2: 未知字段 '…'`` has no space after its cell: the cell pattern was tried from
    every character of a long run, 8 s for a 30,000-character line."""
    problems = [f"联系记录!I2: 未知字段 '{'y' * 30_000}' (unknown field)", f"x!A1 ({'x!A1 (' * 5000}"]
    started = time.perf_counter()
    assert grouped(problems) == problems
    assert time.perf_counter() - started < 0.5
