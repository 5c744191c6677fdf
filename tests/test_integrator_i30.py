"""Integrator i30: what a platform developer calling the library from another system met.

A complaint without events loaded and counted nowhere; a member left out of the document was
reported as null; an offset such as +08:99 was read as +09:39 (JSON, workbook cells, --as-of);
the published schema let through moments and years the loader refuses; the OpenAPI Problem left
``instance`` optional. (The whole-text code and audience patterns found here too came with
main's tests/test_whole_match.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

import softenv_core as se
from softenv_core.io.schema import dataset_schema

SMALL = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"
VALIDATOR = Draft202012Validator(dataset_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SMALL.read_text(encoding="utf-8"))
    return doc


def _problems(doc: Any) -> list[se.InputProblem]:
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(doc)
    return list(caught.value.details)


def _schema_valid(doc: dict[str, Any]) -> bool:
    return not list(VALIDATOR.iter_errors(doc))


# A complaint without events -------------------------------------------------------------


@pytest.mark.parametrize("events", ["left out", []])
def test_a_complaint_without_events_is_refused_at_its_events_in_english_and_chinese(events: object) -> None:
    doc = _doc()
    if events == "left out":
        del doc["complaints"][0]["events"]
    else:
        doc["complaints"][0]["events"] = events
    (problem,) = _problems(doc)
    assert problem.path == "$.complaints[0].events"
    assert problem.record_id == doc["complaints"][0]["id"]
    assert "received" in problem.message and "no month" in problem.message
    assert problem.zh is not None and "收到" in problem.zh
    assert not _schema_valid(doc)  # the schema says it too: events required, at least one


def test_a_complaint_without_events_built_in_python_is_refused_by_validate() -> None:
    dataset = se.load_dataset(SMALL)
    bare = se.Complaint("Q-NONE", se.ComplaintKind.COMPLAINT, dataset.points[0].id, None, se.ItemCategory.OTHER, "t")
    with pytest.raises(se.InputError) as caught:
        se.validate(se.Dataset(**{**_fields(dataset), "complaints": (*dataset.complaints, bare)}))
    assert [p.path for p in caught.value.details] == [f"$.complaints[{len(dataset.complaints)}].events"]


def _fields(dataset: se.Dataset) -> dict[str, Any]:
    return {a.name: getattr(dataset, a.name) for a in attrs.fields(se.Dataset) if a.init}


# The document's own members left out --------------------------------------------------------


def test_members_left_out_of_the_document_are_missing_not_null() -> None:
    details = _problems({})
    assert [(p.path, p.message, p.zh) for p in details] == [
        ("$.schema", "required field missing", "必填，不能为空"),
        ("$.version", "required field missing", "必填，不能为空"),
        ("$.city", "required field missing", "必填，不能为空"),
    ]
    # A member given as null is told as the value it is.
    (null,) = _problems({**_doc(), "city": None})
    assert null.path == "$.city" and "expected an object" in null.message


@pytest.mark.parametrize("member", ["schema", "version", "city"])
def test_one_member_left_out_is_named_missing(member: str) -> None:
    doc = _doc()
    del doc[member]
    (problem,) = _problems(doc)
    assert (problem.path, problem.message, problem.zh) == (f"$.{member}", "required field missing", "必填，不能为空")


# The schema states what the loader refuses -------------------------------------------------

REFUSED_MOMENTS = (
    "2025-03-03T24:00:00+08:00",  # hour 24
    "2025-03-03T09:60:00+08:00",  # minute 60
    "2025-03-03T09:00:60+08:00",  # second 60
    "2025-03-03T09:00:00+08:00:30",  # an offset with seconds
    "2025-03-03T09:00:00+14:30",  # beyond ±14:00
    "2025-03-03T09:00:00-15:00",
    "2025-03-03T09:00:00+08:60",  # read as +09:00 before
    "2025-03-03T09:00:00+08:99",  # read as +09:39 before
)
READ_MOMENTS = (
    "2025-03-03T01:00:00Z",
    "2025-03-03T09:00+08:00",
    "2025-03-03 09:00:00+08:00",
    "2025-03-03T09:00:00.123456+08:00",
    "2025-03-03T23:59:59+14:00",
    "2025-03-02T13:00:00-12:00",
    "2025-03-03T00:00:00-00:00",
)


def _at(moment: str) -> dict[str, Any]:
    doc = _doc()
    doc["complaints"][0]["events"][0]["at"] = moment
    return doc


@pytest.mark.parametrize("moment", REFUSED_MOMENTS)
def test_moments_the_loader_refuses_fail_the_schema_and_those_it_reads_pass(moment: str) -> None:
    doc = _at(moment)
    assert [p.path for p in _problems(doc)] == ["$.complaints[0].events[0].at"]
    assert not _schema_valid(doc)
    for read in READ_MOMENTS:  # the pattern is no stricter than the loader
        se.loads_dataset(_at(read))
        assert _schema_valid(_at(read)), read


def _bounds(collection: str, record: dict[str, Any], years: dict[int, bool]) -> None:
    for year, loads in years.items():
        doc = _doc()
        doc[collection] = [{**record, "year": year}]
        if loads:
            se.loads_dataset(doc)
        else:
            assert [p.path for p in _problems(doc)] == [f"$.{collection}[0].year"]
        assert _schema_valid(doc) is loads, year


def test_a_nominations_year_bounds_are_the_schemas() -> None:
    nomination = _doc()["nominations"][0]
    _bounds("nominations", nomination, {0: False, 1899: False, 1900: True, 2999: True, 3000: False})


def test_a_work_plans_year_bounds_are_the_schemas() -> None:
    plan = {"id": "WP-1", "county": "379902", "adopted_on": "2025-01-10", "title": "年度工作计划"}
    _bounds("work_plans", plan, {1999: False, 2000: True, 2100: True, 2101: False})


def test_a_figure_beyond_reasonable_size_fails_the_schema_as_the_loader() -> None:
    doc = _doc()
    doc["points"][0]["enterprise"]["revenue_wan"] = 1e300
    assert _problems(doc)
    assert not _schema_valid(doc)


def test_a_workbook_moment_whose_offset_has_minutes_past_59_is_refused_at_its_cell() -> None:
    pytest.importorskip("openpyxl")
    from softenv_core.io.workbook_cells import CellError, from_cell
    from softenv_core.io.workbook_schema import SHEET_BY_NAME

    moment = next(c for c in SHEET_BY_NAME["月报"].columns if c.kind == "datetime")
    assert from_cell(moment, "2025-04-03 09:30+08:00") == "2025-04-03T09:30:00+08:00"
    for text in ("2025-04-03 09:30+08:60", "2025-04-03T09:30:00+0899"):
        with pytest.raises(CellError, match="分钟超过 59"):
            from_cell(moment, text)


def test_an_as_of_whose_offset_has_minutes_past_59_is_refused() -> None:
    from softenv_core.cli.common import as_of_arg

    assert as_of_arg("2026-01-06T00:00:00+08:00") is not None
    for text in ("2026-01-06T00:00:00+08:99", "2026-01-06T00:00+0860"):
        with pytest.raises(se.SoftenvError, match="past 59"):
            as_of_arg(text)


# The service's problem documents -------------------------------------------------------------


def test_every_problem_has_the_instance_the_openapi_document_requires(client: Any) -> None:
    """docs/integration.md: every problem has an instance, 404 and 405 too; the Problem schema
    left it optional, so a generated client typed it as maybe absent."""
    problem = client.get("/openapi.json").json()["components"]["schemas"]["Problem"]
    assert "instance" in problem["required"]
    checker = Draft202012Validator(problem)
    body = SMALL.read_bytes()
    answers = [
        client.get("/v1/nowhere"),
        client.get("/v1/validate"),
        client.post("/v1/assess?year=abc", content=body, headers={"Content-Type": "application/json"}),
        client.post("/v1/validate", content=body, headers={"Content-Type": "text/plain"}),
    ]
    assert [a.status_code for a in answers] == [404, 405, 422, 415]
    for answer in answers:
        checker.validate(answer.json())
        assert answer.json()["instance"] == answer.request.url.path
