"""The loader's generated structure functions (io/fast_structure.py) against the ordinary path.

The fast path must give records equal to the detailed path's for valid input, and refuse
exactly what the ordinary path (the converter, then the model's ``__init__``) refuses, so that
the loader falls back to the detailed path and reports the same problems as before.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core.demo import build_demo
from softenv_core.errors import InputError
from softenv_core.io import fast_structure
from softenv_core.io.converter import shared_converter
from softenv_core.io.dataset_files import dataset_json, loads_dataset
from softenv_core.io.fast_structure import structurer
from softenv_core.model.dataset import COLLECTIONS
from softenv_core.testing.strategies import datasets

from .weights import FUZZ, HEAVY

RECORD_TYPES = dict(COLLECTIONS)


def _ordinary(cls: type, raw: Any) -> tuple[bool, Any]:
    """What the path before the generated functions gives: the detailed converter, then __init__."""
    try:
        return True, shared_converter().structure(raw, cls)
    except Exception:
        return False, None


def _fast(cls: type, raw: Any) -> tuple[bool, Any]:
    made = structurer(cls)
    assert made is not None, f"no generated function for {cls.__name__}"
    try:
        return True, made(raw)
    except Exception:
        return False, None


def _load(doc: dict[str, Any], **kwargs: Any) -> Any:
    """The loaded dataset, or the problems the loader reports (of a copy: the document is
    JSON's own values, copied at C speed, where deepcopy took a tenth of this file's time)."""
    try:
        return loads_dataset(json.loads(json.dumps(doc)), **kwargs)
    except InputError as exc:
        return list(exc.problems)


@lru_cache(maxsize=1)
def _demo_document() -> str:
    return dataset_json(build_demo(2025, points_per_county=2))


def test_every_record_type_has_a_generated_function() -> None:
    for name, cls in COLLECTIONS:
        assert structurer(cls) is not None, name


def test_the_demo_loads_to_the_same_dataset_by_both_paths() -> None:
    doc = json.loads(_demo_document())
    assert all(doc[name] for name in ("points", "contacts", "reports", "complaints", "ratings"))
    fast, detailed = _load(doc), _load(doc, converter=shared_converter())
    assert not isinstance(fast, list)
    assert fast == detailed


@HEAVY
@given(datasets())
def test_valid_records_structure_equal_to_the_detailed_path(dataset: Any) -> None:
    doc = json.loads(dataset_json(dataset))
    for name, cls in COLLECTIONS:
        for raw in doc[name]:
            ok, record = _fast(cls, raw)
            assert ok, (name, raw)
            assert record == _ordinary(cls, raw)[1] == getattr(dataset, name)[doc[name].index(raw)]
    assert _load(doc) == dataset


def _dicts_in(value: Any) -> list[dict[str, Any]]:
    """The record's object and every object nested in it (an enterprise, items, events...)."""
    if isinstance(value, dict):
        return [value, *(d for v in value.values() for d in _dicts_in(v))]
    if isinstance(value, list):
        return [d for v in value for d in _dicts_in(v)]
    return []


#: What a clerk's spreadsheet or a hand edit puts where it should not: wrong types, bools
#: for numbers, malformed ids, dates and moments, enum values of other fields, blanks.
HOSTILE = (
    None,
    True,
    False,
    0,
    3,
    -1,
    1.5,
    10**400,
    "",
    " ",
    "\u3000",
    "x" * 101,
    "bad id!",
    "-starts-with-dash",
    "a" * 65,
    "2025-13-01",
    "2025-02-30",
    "20250101",
    "0001-01-01",
    "2025-01-01T10:00:00",
    "2025-01-01T10:00:00+15:00",
    "2025-01-01T10:00:00+08:00",
    "2025-06-30",
    "2025-03",
    "2025-H1",
    "satisfied",
    "point",
    "city",
    "county",
    "assigned",
    "received",
    "379902",
    "P379902-001",
    [],
    [{}],
    {},
    ["x"],
    {"a": 1},
)


@FUZZ
@given(st.data())
def test_a_mutated_record_is_refused_by_the_fast_path_exactly_when_the_ordinary_path_refuses_it(
    data: st.DataObject,
) -> None:
    doc = json.loads(_demo_document())
    name = data.draw(st.sampled_from([n for n, _ in COLLECTIONS if doc[n]]), label="collection")
    i = data.draw(st.integers(0, len(doc[name]) - 1), label="record")
    target = data.draw(st.sampled_from(_dicts_in(doc[name][i])), label="object")
    how = data.draw(st.sampled_from(["replace", "delete", "add", "lengthen"]), label="mutation")
    if how == "add":
        target[data.draw(st.sampled_from(["extra", "Id", "id ", "items"]))] = data.draw(st.sampled_from(HOSTILE))
    elif target:
        key = data.draw(st.sampled_from(sorted(target)), label="field")
        if how == "delete":
            del target[key]
        elif how == "lengthen":  # past any text limit (text(n), ids of at most 64)
            target[key] = f"{target[key]}{'x' * 10_001}" if isinstance(target[key], str) else [target[key]]
        else:
            target[key] = copy.deepcopy(data.draw(st.sampled_from(HOSTILE), label="value"))
    cls = RECORD_TYPES[name]
    ordinary, fast = _ordinary(cls, doc[name][i]), _fast(cls, doc[name][i])
    assert fast[0] == ordinary[0]
    assert fast[1] == ordinary[1]
    # And the whole load says the same: the same dataset, or the same problems in the same order.
    assert _load(doc) == _load(doc, converter=shared_converter())


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("ratings", "level", True),  # a bool where an enum's text is wanted
        ("ratings", "department", "dept 01"),  # an id with a space
        ("contacts", "date", "2025-02-29"),  # no such day
        ("contacts", "reached", 1),  # a number for a bool
        ("complaints", "text", " "),  # blank text
        ("complaints", "text", "x" * 10_001),  # text over its limit
        ("contacts", "note", "x" * 2001),  # optional text over its limit
        ("reports", "submitted_at", "2025-02-01T09:00:00"),  # a naive moment
        ("points", "designated_until", "2019-01-01"),  # before designated_from: the model's own check
        ("contacts", "items", {}),  # an object where a list is wanted (cattrs took it as no items)
        ("contacts", "items", ""),  # a text where a list is wanted (the same)
        ("complaints", "events", {}),
    ],
)
def test_known_faults_are_reported_as_by_the_detailed_path(name: str, field: str, value: Any) -> None:
    doc = json.loads(_demo_document())
    doc[name][0][field] = value
    assert not _fast(RECORD_TYPES[name], doc[name][0])[0]
    problems = _load(doc)
    assert isinstance(problems, list)
    assert problems == _load(doc, converter=shared_converter())
    assert any(p.startswith(f"$.{name}[0]") and f".{field}:" in p for p in problems), problems


def test_ids_remembered_during_a_load_are_let_go_after_it() -> None:
    loads_dataset(json.loads(_demo_document()))
    assert fast_structure._IDS == {}
