"""Another softenv document sent where a dataset goes is told as that, once (integrator i36):
an assessment posted to /v1/validate (the platform's easiest slip: it keeps both) gave its
schema problem, then 577 more of every record the assessment does not have, and an integrator
read the list, not the first line."""

import json

import pytest

import softenv_core as se
from softenv_core.testing import small_dataset

DATASET = small_dataset(2025)


def _documents() -> dict[str, str]:
    return {
        "softenv.assessment": se.assess(DATASET, 2025, audience="city").to_json(),
        "softenv.monitoring_report": se.monitoring_report(DATASET, "2025-03", audience="city").to_json(),
        "softenv.yearend": se.year_end(DATASET, 2025, audience="city").to_json(),
        "softenv.appraisal": json.dumps({"schema": "softenv.appraisal", "version": 1, "round": "R"}),
    }


@pytest.mark.parametrize("schema", sorted(_documents()))
def test_a_result_document_is_one_problem_naming_what_it_is(schema):
    with pytest.raises(se.InputError) as info:
        se.loads_dataset(_documents()[schema])
    (problem,) = info.value.problems
    assert problem.startswith(f"$.schema: expected 'softenv.dataset', got '{schema}': ")
    assert "not a dataset" in problem
    assert info.value.details[0].zh is not None and schema in info.value.details[0].zh


def test_the_service_answers_it_as_one_problem(client):
    body = _documents()["softenv.assessment"].encode()
    answer = client.post("/v1/validate", content=body, headers={"Content-Type": "application/json"}).json()
    assert answer["valid"] is False and len(answer["problems"]) == 1
    assert "an assessment" in answer["problems"][0]


def test_an_unknown_schema_still_lists_every_problem():
    doc = json.loads(se.dataset_json(DATASET))
    doc["schema"] = "x"
    doc["counties"][0]["kind"] = "nope"
    with pytest.raises(se.InputError) as info:
        se.loads_dataset(doc)
    assert info.value.problems[0] == "$.schema: expected 'softenv.dataset', got 'x'"
    assert len(info.value.problems) == 2


@pytest.mark.parametrize("schema", [["softenv.assessment"], {"a": 1}, None, 5])
def test_a_schema_of_another_type_is_its_one_problem_among_the_others(schema):
    doc = json.loads(se.dataset_json(DATASET))
    doc["schema"] = schema
    with pytest.raises(se.InputError) as info:
        se.loads_dataset(doc)
    assert info.value.problems[0].startswith("$.schema: expected 'softenv.dataset', got ")
