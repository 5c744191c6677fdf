"""InputError's problems structured for integrators (platform finding 12): ``details`` holds
each problem of ``problems`` as an InputProblem (path, record id, message, Chinese wording), one
to one, and a dataset's problems come in document order (its members as the schema lists them,
then record index) rather than in the order of the checking passes. The service's
problem+json carries the same list as its ``details`` extension member."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import InputError, InputProblem, loads_dataset
from softenv_core.io.validation import validate
from softenv_core.service.problems import invalid_input
from softenv_core.testing import small_dataset

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
DOC: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
#: The file's own order of its members (the example is written in the schema's order).
MEMBERS = list(DOC)
LISTED = [(name, i) for name in MEMBERS if isinstance(DOC[name], list) for i in range(len(DOC[name]))]
#: Ways to spoil one record: an unknown field, a field of the wrong type.
SPOIL = {
    "unknown": lambda r: r.__setitem__("bogus", 1),
    "type": lambda r: r.__setitem__(next(k for k in r if k not in ("id", "code")), []),
}


def _details(source: Any) -> InputError:
    with pytest.raises(InputError) as info:
        loads_dataset(source)
    return info.value


def _position(path: str) -> tuple[int, int]:
    """Where a ``$.path`` is in the file, read from the file's own member order."""
    m = re.match(r"^\$\.([a-z_]+)(?:\[(\d+)\])?", path)
    assert m is not None, path
    return MEMBERS.index(m[1]), -1 if m[2] is None else int(m[2])


def test_finding_12_the_points_problem_comes_before_the_reports_and_is_structured():
    doc = copy.deepcopy(DOC)
    doc["reports"][0]["submitted_at"] = "x"  # found by the structuring pass
    doc["points"][0]["county"] = "379999"  # found by the later reference pass
    error = _details(doc)
    first, second = error.details
    assert first == InputProblem("$.points[0].county", "unknown county '379999'", "P-379902-1", first.zh)
    assert first.zh is not None and "379999" in first.zh
    assert (second.path, second.record_id) == ("$.reports[0].submitted_at", "R-379902-2025-01")
    assert error.problems == tuple(d.text for d in error.details)
    assert error.problems[0].startswith("$.points[0] (P-379902-1).county: ")


@given(
    st.lists(st.tuples(st.sampled_from(LISTED), st.sampled_from(sorted(SPOIL))), min_size=1, max_size=6),
    st.booleans(),
)
def test_details_agree_with_problems_one_to_one_and_come_in_document_order(spoilt, as_text):
    doc = copy.deepcopy(DOC)
    for (name, i), how in spoilt:
        SPOIL[how](doc[name][i])
    error = _details(json.dumps(doc, ensure_ascii=False) if as_text else doc)
    assert len(error.details) == len(error.problems)
    for detail, problem in zip(error.details, error.problems, strict=True):
        assert detail.text == problem
        assert problem.startswith(detail.path.split("]")[0])
    positions = [_position(d.path) for d in error.details]
    assert positions == sorted(positions)
    assert {(n, i) for (n, i), _ in spoilt} <= {(MEMBERS[r], i) for r, i in positions}
    # A record's id is the one in the file (a county's code), never parsed out of the message.
    for d, (r, i) in zip(error.details, positions, strict=True):
        record = DOC[MEMBERS[r]][i]
        assert d.record_id == record.get("code" if MEMBERS[r] == "counties" else "id")


def test_a_dataset_built_in_python_is_refused_in_the_same_order_with_the_same_details():
    ds = small_dataset(2025)
    report = copy.copy(ds.reports[0])
    object.__setattr__(report, "submitted_at", "x")  # a record its constructor would refuse: the type pass
    bad = attrs.evolve(
        ds,
        reports=(report, *ds.reports[1:]),
        points=(attrs.evolve(ds.points[0], county="379999"), *ds.points[1:]),  # the reference pass
    )
    with pytest.raises(InputError) as info:
        validate(bad)
    paths = [d.path.split(".")[1].split("[")[0] for d in info.value.details]
    assert paths == ["points", "reports"], info.value.problems
    assert info.value.problems == tuple(d.text for d in info.value.details)


@pytest.mark.parametrize(
    "text",
    [
        "$.points[3] (P379902-004).enterprise.uscc: invalid 统一社会信用代码",
        "$: the file is empty",
        "query.year: expected a year",
        "header.content-type: 'text/plain'; send application/json",
        "decisions D1 and D2: two decisions on nomination N1 on 2026-01-20",
        "$.decisions[1]: the same day as $.decisions[0]: N1",
    ],
)
def test_a_problem_given_as_text_keeps_its_text(text):
    detail = InputError([text]).details[0]
    assert detail.text == text
    assert InputError([text]).problems == (text,)


def test_the_services_problem_json_carries_the_details_member():
    error = _details({**copy.deepcopy(DOC), "schema": "x"})
    body = json.loads(invalid_input(error).response().body)
    assert body["problems"] == list(error.problems)
    assert body["details"] == [
        {"path": "$.schema", "record_id": None, "message": "expected 'softenv.dataset', got 'x'", "zh": d.zh}
        for d in error.details
    ]


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("$.'foo: bar': unknown field", "$.'foo: bar'", "unknown field"),
        ("$.'weird key': unknown field", "$.'weird key'", "unknown field"),
        ("$.points[0] (P1).'a b': unknown field", "$.points[0].'a b'", "unknown field"),
        ('$."it\'s: x": unknown field', '$."it\'s: x"', "unknown field"),
    ],
)
def test_a_quoted_key_with_a_space_or_colon_is_part_of_the_path(text, path, message):
    """Review r1/03: the path ended at the first ": " even inside a key shown quoted."""
    detail = InputError([text]).details[0]
    assert (detail.path, detail.message, detail.text) == (path, message, text)


def test_unknown_keys_with_spaces_come_in_document_order():
    doc = copy.deepcopy(DOC)
    doc["weird key"] = 1
    doc["zz: top"] = 1
    doc["points"][0]["enterprise"]["uscc"] = "x"
    error = _details(doc)
    paths = [d.path for d in error.details]
    # The document's own members first (they were sorted last, with no path), then the points.
    assert paths[:3] == ["$.'weird key'", "$.'zz: top'", "$.points[0].enterprise.uscc"], paths
