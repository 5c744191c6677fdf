"""Attacker x30: hostile record text and what a reader outside the city office is given.

01. A record text made only of invisible characters (zero-width spaces, bidi isolates, the BOM,
    TAG characters) passed as "non-blank" (``str.strip`` keeps format characters): it printed as
    nothing in every report, and the office workbook, which shows each such character visibly,
    gave it back on import as the text ``<U+200B>``. It is refused as blank, by its ``$.path``,
    on every way a dataset comes in (JSON, a Dataset built in code, a workbook cell).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softenv_core import FieldInvalid, InputError, loads_dataset
from softenv_core.testing import small_dataset

from .weights import examples

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"

# Zero-width space, word joiner, BOM, an empty bidi isolate, TAG characters, a Hangul filler.
INVISIBLE = ["\x01", "\u200b", "\u200b\u2060", "\ufeff", "\u2066\u2069", "\U000e0041\U000e0042", "\u3164", " \u200b\n"]


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return doc


@pytest.mark.parametrize("text", INVISIBLE)
def test_01_a_text_of_invisible_characters_only_is_refused_as_blank(text: str) -> None:
    doc = _doc()
    doc["complaints"][0]["text"] = text
    doc["points"][0]["enterprise"]["name"] = text
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc))
    problems = "\n".join(info.value.problems)
    assert "$.complaints[0] (Q-2025-0001).text: holds no visible character" in problems
    assert "$.points[0] (P-379902-1).enterprise.name: holds no visible character" in problems


def test_01_a_record_built_in_code_is_refused_too() -> None:
    point = small_dataset().points[0]
    with pytest.raises(FieldInvalid, match="no visible character"):
        attrs.evolve(point.enterprise, name="\u200b\u200b")


@pytest.mark.parametrize("text", ["a\u200b", "\u202e测试", "\u00a0x", "P379902-001\u200b"])
def test_01_a_text_with_one_visible_character_is_kept(text: str) -> None:
    doc = _doc()
    doc["complaints"][0]["text"] = text
    assert loads_dataset(json.dumps(doc)).complaints[0].text == text


def test_01_a_workbook_cell_of_invisible_characters_is_named_at_its_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    from softenv_core.io.workbook_read import read_workbooks
    from softenv_core.io.workbook_write import write_workbook

    book = tmp_path / "b.xlsx"
    write_workbook(small_dataset(), book)
    wb = load_workbook(book)
    ws = wb["直接反馈"]
    column = next(c.column_letter for c in ws[2] if c.value == "text")
    ws[f"{column}3"] = "\u200b\ufeff"
    wb.save(book)
    with pytest.raises(InputError) as info:
        read_workbooks([book])
    said = "\n".join(info.value.problems)
    assert f"直接反馈!{column}3" in said and "只有不可见字符" in said


_INVISIBLE_CHARS = st.sampled_from(
    [
        *"\x00\x01\x1f\x7f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000 \t\n\r",
        *"\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff\U000e0001\U000e007f",
        *"\u115f\u1160\u3164\uffa0\u2800",
    ]
)


# Texts of invisible characters only, and texts mixing them with any other character.
_TEXTS = st.one_of(
    st.text(_INVISIBLE_CHARS, min_size=1),
    st.text(st.one_of(_INVISIBLE_CHARS, st.characters(exclude_categories=["Cs"])), min_size=1),
)


@given(_TEXTS)
@settings(max_examples=examples(500))
def test_01_the_loaders_first_look_never_passes_an_invisible_text(value: str) -> None:
    """The loader calls invisible() only where may_be_invisible() (a look at the first
    character) says it may be: a Chinese text is not passed to a Python call per text. The first
    look must never let through a text that invisible() refuses."""
    from softenv_core._validators import invisible, may_be_invisible

    assert may_be_invisible(value) or not invisible(value)


@given(_TEXTS)
@settings(max_examples=examples(40))
def test_01_the_loader_refuses_a_name_exactly_when_the_model_does(value: str) -> None:
    """The loader's inlined check (io/fast_structure) and the model's validator (building a
    record in code) agree on every text: blank, invisible, too long, or kept."""
    doc = _doc()
    doc["points"][0]["enterprise"]["name"] = value
    try:
        loads_dataset(json.dumps(doc))
        by_loader = None
    except InputError as exc:
        by_loader = next((line for line in str(exc).splitlines() if ".enterprise.name: " in line), None)
    point = small_dataset(2025).points[0]
    try:
        attrs.evolve(point.enterprise, name=value)
        by_model = None
    except FieldInvalid as exc:
        by_model = str(exc)
    assert (by_loader is None) == (by_model is None), (value, by_loader, by_model)
