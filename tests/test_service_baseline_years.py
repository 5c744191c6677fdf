"""A year or month before the city baseline over HTTP (integrator s22, finding 2).

``POST /v1/yearend?year=2021`` answered 422 with the library's bare SoftenvError as its problem
line, no parameter named; the other 422s name ``query.NAME`` or ``path.NAME``. Every operation
that takes a year or a month is asked one before the baseline (in force from 2022-03-01, whose
first report is February 2022's: docs/rules.md) and either refuses it on the parameter, saying
which years or months it answers, or, where the library answers such a year (assess: an empty
assessment; the monitoring report: a summary of what was recorded), says with a notice that the
baseline is not in force, as the command does (docs/cli.md, docs/monitoring.md).
"""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


PROBLEM = "application/problem+json"
FIRST_YEAR, LAST_YEAR = 2022, 2998  # the baseline's first report (2022-02); 2999's falls due in 3000

#: Each operation that takes a year or month, asked before the baseline, and what it answers:
#: the parameter it refuses, or None when the answer is the document with the baseline's notice.
BEFORE = {
    ("POST", "/v1/yearend"): ("/v1/yearend?year=2021", "query.year"),
    ("POST", "/v1/explain"): ("/v1/explain?year=2021&county=379902", "query.year"),
    ("GET", "/v1/deadlines/{county}/{month}"): ("/v1/deadlines/379902/2021-06", "path.month"),
    ("GET", "/v1/plugins"): ("/v1/plugins?year=2021", "query.year"),
    ("POST", "/v1/assess"): ("/v1/assess?year=2021", None),
    ("POST", "/v1/reports/{month}"): ("/v1/reports/2021-06", None),
}


def _call(client: TestClient, method: str, url: str, body: bytes):
    return client.request(method, url, content=body if method == "POST" else None)


def test_every_operation_that_takes_a_year_or_month_is_asked_one_before_the_baseline(client):
    takes = set()
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            if {p["name"] for p in operation.get("parameters", [])} & {"year", "month"}:
                takes.add((method.upper(), path))
    assert takes == set(BEFORE)


@pytest.mark.parametrize("operation", [op for op, (_, named) in BEFORE.items() if named])
def test_a_refused_year_or_month_names_its_parameter_and_what_is_answered(client, body, operation):
    url, named = BEFORE[operation]
    response = _call(client, operation[0], url, body)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM, response.text[:300]
    problem = response.json()
    assert [d["path"] for d in problem["details"]] == [named], problem["problems"]
    assert problem["problems"][0].startswith(f"{named}: 2021")
    said = problem["details"][0]["message"]
    assert str(FIRST_YEAR) in said and ("not in force" in said or "no rules in force" in said), said
    assert problem["details"][0]["zh"] and "基线" in problem["details"][0]["zh"]
    if named == "query.year":  # the years answered, both ends
        assert f"from {FIRST_YEAR} to" in said, said


@pytest.mark.parametrize("year", [1900, 2020, 2021])
def test_the_year_end_of_a_year_before_the_baseline_is_refused_on_query_year(client, body, year):
    problem = client.post(f"/v1/yearend?year={year}", content=body).json()
    assert problem["status"] == 422 and problem["type"] == "urn:softenv:problem:cannot-answer"
    assert problem["problems"] == [problem["details"][0]["path"] + ": " + problem["details"][0]["message"]]
    assert problem["details"][0]["path"] == "query.year"
    assert f"give a year from {FIRST_YEAR} to {LAST_YEAR}" in problem["problems"][0]
    assert "无年终工作可编制" in problem["details"][0]["zh"]


def test_the_first_year_said_to_be_answered_is(client, body):
    assert client.post(f"/v1/yearend?year={FIRST_YEAR}", content=body).status_code == 200
    assert client.post(f"/v1/explain?year={FIRST_YEAR}&county=379902", content=body).status_code == 200
    assert client.get(f"/v1/plugins?year={FIRST_YEAR}").status_code == 200


@pytest.mark.parametrize("audience", ["city", "public", "county:379902"])
@pytest.mark.parametrize("asked", ["point=P-379902-1", "point=NOPE", "county=379902"])
def test_explain_before_the_baseline_refuses_the_year_for_any_point_and_reader(client, body, audience, asked):
    response = client.post(f"/v1/explain?year=2021&{asked}&audience={audience}", content=body)
    assert response.status_code == 422
    assert [d["path"] for d in response.json()["details"]] == ["query.year"]


def test_a_refused_year_is_refused_before_the_body_is_read(client):
    response = client.post("/v1/yearend?year=2021", content=b'{"schema": "nope"}')
    assert response.status_code == 422 and response.json()["details"][0]["path"] == "query.year"


@pytest.mark.parametrize("operation", [op for op, (_, named) in BEFORE.items() if not named])
def test_an_answered_year_before_the_baseline_says_so(client, body, operation):
    url, _ = BEFORE[operation]
    response = _call(client, operation[0], url, body)
    assert response.status_code == 200
    notices = response.json()["notices"]
    assert any("baseline is not in force" in n for n in notices), notices
