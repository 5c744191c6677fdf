"""A dangling reference that differs from a known id only in case (or width, or spaces, where an
id may hold them) names that id (clerk c33: a lower-case point id was told "未知的监测点" and
nothing more); a merely similar id is never suggested (io/reference_hints.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from softenv_core import InputError, dump_dataset, loads_dataset
from softenv_core.io.dataset_files import without_record_ids
from softenv_core.io.reference_hints import hinted
from softenv_core.io.workbook_messages import zh_message
from softenv_core.testing import small_dataset

DOC = dump_dataset(small_dataset(2025))
REAL = DOC["contacts"][0]["point"]


def _problems(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as info:
        loads_dataset(json.dumps(doc))
    return [without_record_ids(p) for p in info.value.problems]


def _with_contact_point(point: str) -> dict[str, Any]:
    doc = json.loads(json.dumps(DOC))
    doc["contacts"][0]["point"] = point
    return doc


def test_an_id_typed_in_lower_case_is_named() -> None:
    typed = REAL.lower()
    assert typed != REAL
    (problem,) = [p for p in _problems(_with_contact_point(typed)) if "unknown point" in p]
    assert problem == f"$.contacts[0].point: unknown point {typed!r} (did you mean {REAL!r}?)"
    assert zh_message(problem.split(": ", 1)[1]) == f"未知的监测点 {typed!r}（是否应为 {REAL!r}？）"


def test_a_similar_id_is_not_suggested() -> None:
    other = REAL[:-1] + ("9" if REAL[-1] != "9" else "8")
    (problem,) = [p for p in _problems(_with_contact_point(other)) if "unknown point" in p]
    assert problem == f"$.contacts[0].point: unknown point {other!r}"


def test_width_and_spaces_fold_and_two_ids_folding_alike_give_no_hint() -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in REAL)
    ids = {"points": {REAL, "A-1", "a-1"}}
    (wide, spaced, twin, exact) = hinted(
        [
            f"$.x: unknown point {full_width!r}",
            f"$.y: unknown point {' ' + REAL!r}",
            "$.z: unknown point 'A-1 '",
            f"$.w: unknown point {REAL!r}",  # as given: nothing to suggest
        ],
        ids,
    )
    assert wide.endswith(f"(did you mean {REAL!r}?)") and spaced.endswith(f"(did you mean {REAL!r}?)")
    assert "did you mean" not in twin and "did you mean" not in exact


def test_a_target_whose_ids_are_not_given_is_left_as_it_is() -> None:
    # Roster changes are checked against the filings' own table, not the ids handed in.
    assert hinted(["$.f.changes[0]: unknown roster change 'r-1'"], {"points": {"R-1"}}) == [
        "$.f.changes[0]: unknown roster change 'r-1'"
    ]


def test_a_handling_unit_typed_in_upper_case_is_named() -> None:
    # An assigned step's unit is checked against the departments' ids ("unknown handling unit"),
    # which the Chinese table translates with the other references: the hint was left out.
    from datetime import datetime

    import attrs

    from softenv_core.model.periods import BEIJING
    from softenv_core.testing import make_complaint

    ds = small_dataset(2025)
    ds = attrs.evolve(ds, complaints=(make_complaint("Q-1", ds.points[0].id, datetime(2025, 3, 3, 9, tzinfo=BEIJING)),))
    doc = json.loads(json.dumps(dump_dataset(ds)))
    (j, unit) = next((j, e["unit"]) for j, e in enumerate(doc["complaints"][0]["events"]) if e["unit"])
    doc["complaints"][0]["events"][j]["unit"] = unit.upper()
    (problem,) = [p for p in _problems(doc) if "unknown handling unit" in p]
    assert problem.endswith(f"unknown handling unit {unit.upper()!r} (did you mean {unit!r}?)")
    assert zh_message(problem.split(": ", 1)[1]).endswith(f"（是否应为 {unit!r}？）")
