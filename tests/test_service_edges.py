"""The HTTP service and the matching CLI commands at their edges (clerk findings 14, 16, 18, 23)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.cli.main import main
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
EXAMPLE_BODY = EXAMPLE.read_bytes()
PROBLEM = "application/problem+json"


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- clerk 18: a deadline for a code that is no county of the city ---------------------


@pytest.mark.parametrize("code", ["999999", "379900", "110101"])
def test_a_deadline_for_a_code_that_is_no_county_is_404_and_exit_1(client, capsys, code):
    response = client.get(f"/v1/deadlines/{code}/2025-03")
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:not-found"
    assert problem["problems"][0].startswith(f"path.county: unknown county {code}")
    # The command's default language is Chinese (the refusal was English only: integrator i38)
    status, out, err = _cli(capsys, "deadline", "--month", "2025-03", "--county", code)
    assert status == 1 and out == "" and f"未知的县区 {code}" in err and "Traceback" not in err
    status, out, err = _cli(capsys, "deadline", "--month", "2025-03", "--county", code, "--lang", "en")
    assert status == 1 and out == "" and f"unknown county {code}" in err and "Traceback" not in err


def test_000000_is_the_city_baseline_in_both_faces(client, capsys):
    baseline = client.get("/v1/deadlines/000000/2025-03")
    assert baseline.status_code == 200 and baseline.json()["county"] is None
    status, out, _ = _cli(capsys, "deadline", "--month", "2025-03", "--format", "json")
    assert status == 0 and json.loads(out) == baseline.json()
    status, out, _ = _cli(capsys, "deadline", "--month", "2025-03", "--county", "000000", "--format", "json")
    assert status == 0 and json.loads(out) == baseline.json()


def test_a_county_of_the_city_still_gets_its_deadline(client, capsys):
    response = client.get("/v1/deadlines/379902/2025-03")
    assert response.status_code == 200 and response.json()["county"] == "379902"
    status, out, _ = _cli(capsys, "deadline", "--month", "2025-03", "--county", "379902", "--format", "json")
    assert status == 0 and json.loads(out) == response.json()


# --- clerk 14: explain for a point hidden from the audience ------------------------------


def test_explain_of_a_point_hidden_from_the_audience_says_so_as_the_cli_does(client, capsys):
    body = EXAMPLE.read_bytes()
    response = client.post("/v1/explain?year=2025&point=P-379902-1&audience=public", content=body)
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
    said = "2025年没有向读者 public 显示的在册监测点 'P-379902-1'"  # the CLI's words, in Chinese (g1)
    assert response.json()["detail"] == said
    english = "no point 'P-379902-1' active in 2025 is shown to audience public"
    assert response.json()["problems"] == [f"query.point: {english}"]  # its Chinese in details (t8 06)
    assert response.json()["details"][0]["zh"] == said
    argv = ("explain", str(EXAMPLE), "--year", "2025", "--point", "P-379902-1", "--audience", "public")
    status, _, err = _cli(capsys, *argv, "--lang", "en")
    assert status == 1 and "no point 'P-379902-1' active in 2025 is shown to audience public" in err
    status, _, err = _cli(capsys, *argv)  # in Chinese by default, as the messages around it (review t3/05)
    assert status == 1 and said in err
    assert client.post("/v1/explain?year=2025&point=P-379902-1", content=body).status_code == 200


# --- clerk 16: keys come first; audience problems; 405 --------------------------------------


def test_with_keys_only_healthz_is_open_and_the_key_is_checked_before_the_size(tmp_path):
    path = tmp_path / "keys.json"
    key = add_key(path, "amr", ["department:city-amr"])
    with TestClient(create_app(ServiceConfig(keys_file=str(path), max_body_bytes=1000))) as c:
        assert c.get("/healthz").status_code == 200
        openapi = c.get("/openapi.json")
        assert openapi.status_code == 401 and openapi.headers["content-type"] == PROBLEM
        assert openapi.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/openapi.json", headers={"Authorization": f"Bearer {key}"}).status_code == 200
        big = b" " * 5000
        assert c.post("/v1/validate", content=big).status_code == 401  # not 413: the caller is unknown
        assert c.post("/v1/validate", content=big, headers={"Authorization": f"Bearer {key}"}).status_code == 413


@pytest.mark.parametrize(
    ("audience", "says"),
    [
        ("county:999999", "query.audience: county:999999: no such county in the dataset"),
        ("department:nobody", "query.audience: department:nobody: no such department in the dataset"),
        ("point:P-nobody", "query.audience: point:P-nobody: no such point in the dataset"),
        ("mayor", "query.audience: expected city, public, county:CODE, department:ID or point:ID, got 'mayor'"),
    ],
)
def test_an_audience_the_dataset_lacks_is_the_audience_parameters_problem(client, audience, says):
    body = EXAMPLE.read_bytes()
    for url in ("/v1/reports/2025-03", "/v1/assess?year=2025", "/v1/explain?year=2025&county=379902"):
        joiner = "&" if "?" in url else "?"
        response = client.post(f"{url}{joiner}audience={audience}", content=body)
        assert response.status_code == 422, (url, response.text)
        problem = response.json()
        assert problem["type"] == "urn:softenv:problem:invalid-parameter"
        assert problem["problems"][0].startswith(says), problem


def test_a_405_says_which_methods_the_route_answers(client):
    response = client.delete("/v1/validate")
    assert response.status_code == 405 and response.headers["content-type"] == PROBLEM
    assert response.headers["allow"] == "POST"
    for _ in range(3):  # the same every time (Starlette keeps the methods in a set)
        assert client.post("/v1/deadlines/379902/2025-03").headers["allow"] == "GET, HEAD"


# --- clerk 23: the OpenAPI document says what the server does ------------------------------


def _parameter(doc: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in doc["paths"][path][method]["parameters"] if p["name"] == name)
    return found


def test_the_openapi_patterns_admit_exactly_what_the_server_does(client):
    doc = client.get("/openapi.json").json()
    audience = re.compile(_parameter(doc, "/v1/reports/{month}", "post", "audience")["schema"]["pattern"])
    body = EXAMPLE.read_bytes()
    for text in ("city", "public", "county:379902", "department:city-amr", "point:P-379902-1"):
        assert audience.match(text), text
        assert client.post(f"/v1/reports/2025-03?audience={text}", content=body).status_code == 200, text
    for text in ("mayor", "county:37990", "point:", "point:a b"):
        assert not audience.match(text), text
    month = re.compile(_parameter(doc, "/v1/reports/{month}", "post", "month")["schema"]["pattern"])
    # From 1901-02: a report's trends reach a year and a month back (integrator i51 02).
    for text, served in (("1900-02", False), ("1901-01", False), ("1901-02", True), ("2998-12", True)):
        assert bool(month.match(text)) is served, text
    for text, served in (("2999-11", True), ("2999-12", False), ("2022-13", False), ("3000-01", False)):
        assert bool(month.match(text)) is served, text
    # A deadline's month needs only the month after: its own pattern, from 1900-02.
    month = re.compile(_parameter(doc, "/v1/deadlines/{county}/{month}", "get", "month")["schema"]["pattern"])
    for text in ("1900-01", "1900-02", "2999-11", "2999-12"):
        # 1900 and 2999 have no official calendar (cannot-answer), but only the schema's
        # refusals are the month parameter's
        answer = client.get(f"/v1/deadlines/000000/{text}").json()
        problems = answer.get("problems", [])
        # The schema's refusals are invalid-parameter; a month the schema admits may still be
        # one the rules do not answer for (before the baseline: cannot-answer, the month named).
        refused = answer.get("type") == "urn:softenv:problem:invalid-parameter"
        assert refused is not bool(month.match(text)), (text, problems)


@pytest.mark.parametrize(("name", "given"), [("point", "P-379902-1"), ("county", "379902")])
def test_explain_point_and_county_schemas_refuse_what_the_server_refuses(client, name, given):
    """Attacker x37: explain's point= and county= were any string in /openapi.json, so an empty
    or blank one was a valid request the server refused (schemathesis: schema-valid, 422)."""
    doc = client.get("/openapi.json").json()
    pattern = re.compile(_parameter(doc, "/v1/explain", "post", name)["schema"]["pattern"])
    assert pattern.search(given)
    assert client.post(f"/v1/explain?year=2025&{name}={given}", content=EXAMPLE_BODY).status_code == 200
    for sent, value in (("", ""), ("%20", " "), ("%09", "\t")):
        answer = client.post(f"/v1/explain?year=2025&{name}={sent}", content=EXAMPLE_BODY)
        assert answer.status_code == 422 and not pattern.search(value), sent


def test_plugins_for_a_year_before_the_rules_say_so_in_both_faces(client, capsys):
    response = client.get("/v1/plugins?year=2021")
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    said = response.json()["problems"][0]
    assert said.startswith("query.year: 2021: no rules in force to list (parameter ")
    status, out, err = _cli(capsys, "plugins", "--year", "2021", "--lang", "en")
    assert status == 1 and out == "" and "--year 2021: no rules in force to list" in err and "Traceback" not in err
    status, out, err = _cli(capsys, "plugins", "--year", "2021")  # the clerk's words by default
    assert status == 1 and "--year 2021: 该年不在基线施行期内" in err and "Traceback" not in err
    assert client.get("/v1/plugins?year=2022").status_code == 200


def test_a_deadline_before_the_baseline_names_the_month_as_the_cli_does(client, capsys):
    """Platform t8 03: an internal "parameter 'report.due_day' has no value" with no field."""
    response = client.get("/v1/deadlines/000000/2021-06")
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:cannot-answer"
    assert problem["problems"] == [f"path.month: {problem['detail']}"] and "not in force" in problem["detail"]
    status, _, err = _cli(capsys, "deadline", "--month", "2021-06", "--lang", "en")
    assert status == 1 and problem["detail"] in err


@pytest.mark.parametrize("query", ["point=", "point=%20", "county="])
def test_an_empty_point_or_county_is_named_not_searched_for(client, query):
    """Platform t8 02: point= was answered as a 404 about county None."""
    response = client.post(f"/v1/explain?year=2025&{query}", content=EXAMPLE_BODY)
    name = query.split("=")[0]
    assert response.status_code == 422 and response.json()["problems"] == [f"query.{name}: must not be empty"]


def test_a_year_of_thousands_of_digits_is_a_422_quoted_short(client):
    """Platform t8 05: past 4,300 digits int() refused and the answer was a 500."""
    for path in ("/v1/assess", "/v1/yearend", "/v1/explain"):
        response = client.post(f"{path}?year={'9' * 5000}&point=P1", content=EXAMPLE_BODY)
        assert response.status_code == 422, (path, response.status_code)
        assert len(response.json()["detail"]) < 200


def test_every_bad_query_value_comes_in_one_answer(client):
    """Platform t8 08: a bad format and lang (and audience, year) came one per round trip."""
    response = client.post("/v1/reports/2025-03?format=csv&lang=fr&audience=bogus", content=EXAMPLE_BODY)
    names = [p.split(":", 1)[0] for p in response.json()["problems"]]
    assert response.status_code == 422 and sorted(names) == ["query.audience", "query.format", "query.lang"], names
    response = client.post("/v1/yearend?year=abc&format=csv&lang=fr", content=EXAMPLE_BODY)
    names = [p.split(":", 1)[0] for p in response.json()["problems"]]
    assert sorted(names) == ["query.format", "query.lang", "query.year"], names


# --- s22: a year past the installed calendar named no parameter -------------------------
def _past_calendar() -> int:
    """The first year the installed chinesecalendar does not cover."""
    from softenv_core.workdays.calendar import official_years

    return official_years()[1] + 1


@pytest.mark.parametrize(
    ("request_of", "place"),
    [
        (lambda y: ("post", f"/v1/assess?year={y}"), "query.year"),
        (lambda y: ("post", f"/v1/assess?year={y - 1}"), "query.year"),  # its December falls due in y
        (lambda y: ("post", f"/v1/reports/{y}-03"), "path.month"),
        (lambda y: ("get", f"/v1/deadlines/000000/{y}-03"), "path.month"),
    ],
)
def test_a_year_past_the_calendar_is_named_on_the_parameter_that_asked_for_it(client, request_of, place):
    method, url = request_of(_past_calendar())
    response = getattr(client, method)(url, **({"content": EXAMPLE_BODY} if method == "post" else {}))
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM, response.text[:300]
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:cannot-answer"
    detail = problem["details"][0]
    assert detail["path"] == place, detail
    assert detail["message"].startswith(f"no official work arrangement for {_past_calendar()}")
    assert detail["zh"].startswith(f"尚无 {_past_calendar()} 年的国务院节假日安排")
    # The way out is the service operator's, not a Python call or a command's option (i36).
    for said in (detail["message"], detail["zh"], problem["detail"]):
        assert "softenv serve" in said and "--calendar" in said and "with_arrangement" not in said, said
