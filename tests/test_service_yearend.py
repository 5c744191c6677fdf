"""POST /v1/yearend (finding 11 of the platform tester): the year end (年终工作) over HTTP, built
as /v1/assess and /v1/reports/{month} are. In process, with one test marked ``slow`` against a
real ``softenv serve``."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft202012Validator

with warnings.catch_warnings():  # starlette's TestClient warns about httpx on import
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.analyses.year_end import year_end
from softenv_core.cli.main import main
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.render.year_end import render_yearend
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

from .demo_city import demo_json
from .service_server import Server

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
PROBLEM = "application/problem+json"
AUDIENCES = ("city", "public", "county:379902", "county:379921", "department:city-amr", "point:P-379902-1")


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    path = tmp_path_factory.mktemp("keys-yearend") / "keys.json"
    audiences = {"office": ["city", "public"], "baihe": ["county:379902"], "merged": ["county:379902", "county:379921"]}
    headers = {name: {"Authorization": f"Bearer {add_key(path, name, auds)}"} for name, auds in audiences.items()}
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
        yield c, headers


def _library(body: bytes, audience: str) -> str:
    return year_end(loads_dataset(body), 2025, get_plugin_manager(), audience=audience).to_json()


def _validator(client: TestClient, name: str) -> Draft202012Validator:
    """The OpenAPI document's schema ``name``, its $refs resolved within that document."""
    doc = client.get("/openapi.json").json()
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_gets_the_librarys_year_end_byte_for_byte(client, body, capsys, audience):
    served = client.post(f"/v1/yearend?year=2025&audience={audience}", content=body)
    assert served.status_code == 200 and served.headers["content-type"] == "application/json", served.text
    assert served.text == _library(body, audience)
    argv = ["yearend", str(EXAMPLE), "--year", "2025", "--format", "json", "--audience", audience]
    assert main(argv) == 0
    assert served.text == capsys.readouterr().out  # what `softenv yearend --format json` prints
    assert served.json()["schema"] == "softenv.yearend" and served.json()["audience"] == audience


def test_the_markdown_is_the_commands_text_in_either_language(client, body):
    for lang in ("zh", "en"):
        served = client.post(f"/v1/yearend?year=2025&audience=public&format=markdown&lang={lang}", content=body)
        assert served.status_code == 200 and served.headers["content-type"].startswith("text/markdown")
        expected = year_end(loads_dataset(body), 2025, get_plugin_manager(), audience="public")
        assert served.text == render_yearend(expected, lang)


def test_the_openapi_document_describes_the_year_end_and_its_answers_fit_it(client, body):
    doc = client.get("/openapi.json").json()
    operation = doc["paths"]["/v1/yearend"]["post"]
    assert {p["name"] for p in operation["parameters"]} == {"year", "audience", "format", "lang"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/yearend"
    }
    assert "yearend.RoundResult" in doc["components"]["schemas"]
    # The component is the year end's own schema (docs/schemas/yearend.schema.json), lifted.
    shipped = json.loads((EXAMPLE.parents[1] / "docs" / "schemas" / "yearend.schema.json").read_text("utf-8"))
    assert set(doc["components"]["schemas"]["yearend"]["properties"]) == set(shipped["properties"])
    fits = _validator(client, "yearend")
    for audience in ("city", "county:379902", "public"):
        fits.validate(client.post(f"/v1/yearend?year=2025&audience={audience}", content=body).json())
    _validator(client, "Problem").validate(client.post("/v1/yearend?year=1899", content=body).json())


def test_a_county_key_gets_its_countys_view_and_no_other(keyed, body):
    c, headers = keyed
    own = c.post("/v1/yearend?year=2025", content=body, headers=headers["baihe"])
    assert own.status_code == 200 and own.json()["audience"] == "county:379902"
    assert own.text == _library(body, "county:379902")
    assert "P-379902-2" in own.text and "P-379921-2" not in own.text  # another county's points are not shown
    assert "P-379902-1" not in own.text  # nor the 市直 point located in it: the city's (attacker x54 01)
    for other in ("city", "county:379921", "public"):
        refused = c.post(f"/v1/yearend?year=2025&audience={other}", content=body, headers=headers["baihe"])
        assert refused.status_code == 403 and refused.json()["type"] == "urn:softenv:problem:forbidden-audience"
    assert c.post("/v1/yearend?year=2025", content=body).status_code == 401


@pytest.mark.parametrize("who", ["office", "merged"])
def test_a_key_allowed_several_audiences_must_name_one(keyed, body, who):
    c, headers = keyed
    response = c.post("/v1/yearend?year=2025", content=body, headers=headers[who])
    assert response.status_code == 422, response.text
    (says,) = response.json()["problems"]
    assert says.startswith("query.audience: required") and "name one" in says
    named = c.post("/v1/yearend?year=2025&audience=county:379921", content=body, headers=headers["merged"])
    assert named.status_code == 200 and named.json()["audience"] == "county:379921"


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("", 422, "query.year: required"),
        ("?year=20x5", 422, "query.year: expected a year 1900-2999, got '20x5'"),
        ("?year=1899", 422, "query.year: expected a year 1900-2999"),
        ("?year=2999", 422, "query.year: 2999: its December report falls due in 3000"),
        ("?year=2025&yaer=2024", 422, "query.yaer: unknown parameter"),
        ("?year=2025&year=2024", 422, "query.year: given twice"),
        ("?year=2025&as_of=2025-06-01T00:00:00%2B08:00", 422, "query.as_of: not supported"),
        ("?year=2025&fromat=markdown", 422, "query.fromat: unknown parameter"),
        ("?year=2025&format=xlsx", 422, "query.format: expected json, markdown or docx, got 'xlsx'"),
        ("?year=2025&format=markdown&lang=fr", 422, "query.lang: expected zh or en"),
        ("?year=2025&audience=mayor", 422, "query.audience: "),
        ("?year=2025&audience=county:379999", 422, "query.audience: "),  # a county the dataset lacks
    ],
)
def test_a_bad_query_is_a_problem_naming_its_parameter(client, body, query, status, says):
    response = client.post(f"/v1/yearend{query}", content=body)
    assert response.status_code == status and response.headers["content-type"] == PROBLEM, response.text
    assert response.json()["problems"][0].startswith(says), response.json()
    assert response.json()["instance"] == "/v1/yearend"


def test_an_invalid_dataset_and_a_large_body_are_refused_as_for_assess(client, body):
    doc = json.loads(body)
    doc["points"][1]["county"] = "999999"
    invalid = client.post("/v1/yearend?year=2025", content=json.dumps(doc))
    assert invalid.status_code == 422 and invalid.json()["type"] == "urn:softenv:problem:invalid-input"
    assert any(p.startswith("$.points[1]") for p in invalid.json()["problems"])
    with TestClient(create_app(ServiceConfig(max_body_bytes=1000))) as small:
        assert small.post("/v1/yearend?year=2025", content=body).status_code == 413
    assert client.get("/v1/yearend?year=2025").status_code == 405


def test_the_access_log_and_a_503_name_the_key_and_audience(tmp_path, body, caplog):
    path = tmp_path / "keys.json"
    baihe = add_key(path, "baihe", ["county:379902"])
    auth = {"Authorization": f"Bearer {baihe}"}
    with caplog.at_level(logging.INFO, logger="softenv.service.access"):
        with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
            assert c.post("/v1/yearend?year=2025", content=body, headers=auth).status_code == 200
        with TestClient(create_app(ServiceConfig(keys_file=str(path), max_in_flight=0))) as busy:
            refused = busy.post("/v1/yearend?year=2025", content=body, headers=auth)
            assert refused.status_code == 503 and refused.headers["retry-after"]
    lines = [r.getMessage() for r in caplog.records if r.name == "softenv.service.access"]
    assert len(lines) == 2
    for line, status in zip(lines, (200, 503), strict=True):
        assert line.startswith("key=baihe audience=county:379902 endpoint=POST /v1/yearend"), line
        assert f"status={status}" in line and "测试市" not in line


@pytest.mark.slow
def test_a_served_year_end_is_the_cli_document_byte_for_byte(tmp_path):
    demo = tmp_path / "dataset.json"
    demo.write_text(demo_json(), encoding="utf-8")
    server = Server()
    try:
        served = httpx.post(
            f"{server.url}/v1/yearend?year=2025&audience=public", content=demo.read_bytes(), timeout=120
        )
    finally:
        err = server.stop()
    argv = ["yearend", str(demo), "--year", "2025", "--format", "json", "--audience", "public"]
    cli = subprocess.run(
        [sys.executable, "-m", "softenv_core.cli.main", *argv], capture_output=True, text=True, check=True
    )
    assert served.status_code == 200 and served.headers["content-type"] == "application/json"
    assert served.text == cli.stdout
    assert "endpoint=POST /v1/yearend status=200" in err
