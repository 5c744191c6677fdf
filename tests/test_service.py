"""The HTTP service (``softenv serve``): in process through Starlette's test client, and,
marked ``slow``, as a real client would see it, against uvicorn in a subprocess."""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import json
import logging
import os
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core._perf import gc_pause_allowed, paused_gc
from softenv_core.analyses.monitoring_report import Audience
from softenv_core.cli.main import main
from softenv_core.service.app import Problem, _Guard, audience_arguments, create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key, load_keys, revoke_key

from .service_server import Server as _Server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "small-dataset.json"
PROBLEM = "application/problem+json"


def _example() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return doc


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


# --- the API, in process ----------------------------------------------------------------


def test_only_operations_that_take_an_audience_list_403(client):
    """403 is a key refused the audience asked for (s21 04): validate, which takes none, listed it."""
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method, op in operations.items():
            takes = any(p["name"] == "audience" for p in op.get("parameters", []))
            assert ("403" in op["responses"]) == takes, (method, path)


def test_the_openapi_document_is_3_1_and_every_ref_resolves(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    assert {"dataset", "assessment", "report", "yearend", "Problem", "dataset.City"} <= set(schemas)
    assert schemas["dataset"]["properties"]["version"] == {"const": 2}
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            refs.extend(v for k, v in node.items() if k == "$ref")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert refs
    missing = {r for r in refs if r.removeprefix("#/components/schemas/") not in schemas}
    assert not missing
    assert set(doc["paths"]) == {
        "/v1/validate",
        "/v1/assess",
        "/v1/reports/{month}",
        "/v1/yearend",
        "/v1/explain",
        "/v1/deadlines/{county}/{month}",
        "/v1/plugins",
        "/healthz",
        "/openapi.json",  # it answers 401, 406, 413 and 503 too (integrator i43)
    }


def test_an_invalid_dataset_is_a_problem_naming_each_path(client):
    doc = _example()
    doc["points"][0]["enterprise"]["uscc"] = "91379902MA00000154"  # a wrong check character
    doc["points"][1]["county"] = "999999"
    response = client.post("/v1/assess?year=2025", content=json.dumps(doc))
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:invalid-input" and problem["status"] == 422
    assert any(p.startswith("$.points[0] (P-379902-1).enterprise.uscc") for p in problem["problems"]), problem
    assert any(p.startswith("$.points[1]") for p in problem["problems"]), problem


def test_validate_answers_what_the_cli_prints(client, body, capsys):
    assert client.post("/v1/validate", content=body).json() == _cli_json(
        capsys, "validate", str(EXAMPLE), "--format", "json"
    )
    broken = client.post("/v1/validate", content=b"{not json").json()
    assert broken["valid"] is False and broken["problems"][0].startswith("$")


def test_validate_gives_each_problem_structured_as_the_cli_does(client, tmp_path, capsys):
    """Review r1/04: the call the platform shows problems from gave the lines only."""
    doc = _example()
    doc["points"][1]["county"] = "999999"
    answer = client.post("/v1/validate", content=json.dumps(doc)).json()
    assert answer["valid"] is False and len(answer["details"]) == len(answer["problems"])
    first = answer["details"][0]
    assert (first["path"], first["record_id"]) == ("$.points[1].county", "P-379902-2"), first
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["validate", str(bad), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == answer


def test_a_missing_or_bad_year_names_the_query_parameter(client, body):
    for query, says in (("", "query.year: required"), ("?year=20x5", "query.year: expected a year")):
        response = client.post(f"/v1/assess{query}", content=body)
        assert response.status_code == 422, query
        assert response.json()["problems"][0].startswith(says)


def test_assess_serves_every_audience_its_redacted_result(client, body):
    # Issue 15: assess takes an audience, so the service serves each its redacted result.
    assert client.post("/v1/assess?year=2025&audience=city", content=body).json()["audience"] == "city"
    response = client.post("/v1/assess?year=2025&audience=public", content=body)
    assert response.status_code == 200
    assert response.json()["audience"] == "public" and response.json()["points"] == []
    assert client.post("/v1/assess?year=2025&audience=mayor", content=body).status_code == 422


def test_audience_arguments_follow_the_analysis_signature():
    def with_audience(*, audience: Audience) -> None: ...

    def without(*, year: int) -> None: ...

    public = Audience.parse("public")
    assert audience_arguments(with_audience, public) == {"audience": public}
    assert audience_arguments(without, Audience("city")) == {}
    with pytest.raises(Problem) as exc:
        audience_arguments(without, public)
    assert exc.value.status == 422 and "only city" in exc.value.problems[0]


def test_the_report_is_written_for_the_audience_asked(client, body):
    public = client.post("/v1/reports/2025-03?audience=public", content=body)
    city = client.post("/v1/reports/2025-03", content=body)
    assert public.status_code == city.status_code == 200
    assert public.json()["audience"] == "public" and city.json()["audience"] == "city"
    markdown = client.post("/v1/reports/2025-03?format=markdown", content=body)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("#")


def test_docx_is_served_only_where_the_office_renderer_exists(client, body):
    response = client.post("/v1/reports/2025-03?format=docx", content=body)
    if importlib.util.find_spec("softenv_core.render.docx_report") is None:
        assert response.status_code == 422
        assert response.json()["type"] == "urn:softenv:problem:format-unavailable"
        assert "office" in response.json()["detail"]
    else:  # pragma: no cover - once the office extra's renderer is merged
        assert response.status_code == 200 and response.content[:2] == b"PK"


def test_explain_deadlines_and_plugins_answer_what_the_cli_prints(client, body, capsys):
    point = client.post("/v1/explain?year=2025&point=P-379902-1", content=body)
    assert point.json() == _cli_json(
        capsys, "explain", str(EXAMPLE), "--year", "2025", "--point", "P-379902-1", "--format", "json"
    )
    county = client.post("/v1/explain?year=2025&county=379902", content=body)
    assert county.status_code == 200 and county.json()["code"] == "379902"
    # Whether the assessment behind the entry is provisional (暂定), beside the entry (finding t3/11).
    assert point.headers["softenv-provisional"] == county.headers["softenv-provisional"] == "false"
    missing = client.post("/v1/explain?year=2025&point=P-nobody", content=body)
    assert missing.status_code == 404 and missing.json()["problems"][0].startswith("query.point")
    deadline = client.get("/v1/deadlines/379902/2025-03").json()
    assert deadline == _cli_json(capsys, "deadline", "--month", "2025-03", "--county", "379902", "--format", "json")
    assert client.get("/v1/plugins").json() == _cli_json(capsys, "plugins", "--format", "json")


def test_unknown_routes_and_methods_are_problems(client):
    assert client.get("/v1/nothing").headers["content-type"] == PROBLEM
    response = client.get("/v1/assess")
    assert response.status_code == 405 and response.headers["content-type"] == PROBLEM


def test_a_body_past_the_limit_is_refused_before_it_is_read(body):
    with TestClient(create_app(ServiceConfig(max_body_bytes=1000))) as small:
        response = small.post("/v1/assess?year=2025", content=body)
        assert len(body) > 1000
        assert response.status_code == 413 and response.headers["content-type"] == PROBLEM

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield from (body[i : i + 500] for i in range(0, len(body), 500))

        streamed = small.post("/v1/validate", content=chunks())
        assert streamed.status_code == 413
        assert small.get("/healthz").status_code == 200


def test_past_the_in_flight_limit_the_answer_is_503_with_retry_after():
    release = asyncio.Event()

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = _Guard(slow, ServiceConfig(max_in_flight=1, retry_after_seconds=7))

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=guard)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            first = asyncio.create_task(c.get("/v1/plugins"))
            while guard.in_flight == 0:
                await asyncio.sleep(0.01)
            second = await c.get("/v1/plugins")
            release.set()
            return await first, second

    first, second = asyncio.run(scenario())
    assert first.status_code == 200
    assert second.status_code == 503 and second.headers["retry-after"] == "7"
    assert second.json()["type"] == "urn:softenv:problem:busy"
    assert guard.in_flight == 0


def test_the_access_log_names_key_audience_endpoint_and_status_never_the_body(client, body, caplog):
    with caplog.at_level(logging.INFO, logger="softenv.service.access"):
        client.post("/v1/reports/2025-03?audience=public", content=body)
    lines = [r.getMessage() for r in caplog.records if r.name == "softenv.service.access"]
    assert lines == [lines[0]]
    line = lines[0]
    assert "key=-" in line and "audience=public" in line
    assert "endpoint=POST /v1/reports/{month}" in line and "status=200" in line
    assert "测试市" not in line and "2025-03" not in line


def test_concurrent_requests_never_leave_the_collector_paused(body):
    assert gc.isenabled()
    errors: list[int] = []
    with TestClient(create_app(ServiceConfig(max_in_flight=8))) as client:

        def ask() -> None:
            status = client.post("/v1/reports/2025-03", content=body).status_code
            if status != 200:
                errors.append(status)

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert gc.isenabled()


@pytest.mark.parametrize("at_once", [1, 3])
def test_a_worker_runs_at_most_analyses_at_once_analyses_together(body, monkeypatch, at_once):
    # Each analysis builds its RequestContext in its worker thread: hold it there a moment
    # and count how many are inside at the same time.
    from softenv_core.service import running

    inside, most, lock = [0], [0], threading.Lock()
    original = running.RequestContext.__init__

    def slow_init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        with lock:
            inside[0] -= 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(running.RequestContext, "__init__", slow_init)
    statuses: list[int] = []
    with TestClient(create_app(ServiceConfig(max_in_flight=8, analyses_at_once=at_once))) as client:

        def ask() -> None:
            statuses.append(client.get("/v1/deadlines/379902/2025-03").status_code)

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert statuses == [200] * 6
    assert most[0] == 1 if at_once == 1 else 1 < most[0] <= at_once


def test_where_pauses_are_not_allowed_paused_gc_leaves_the_collector_alone():
    token = gc_pause_allowed.set(False)
    try:
        with paused_gc():
            assert gc.isenabled()
    finally:
        gc_pause_allowed.reset(token)
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


# --- keys ---------------------------------------------------------------------------------


def test_a_key_is_shown_once_and_stored_only_as_a_salted_hash(tmp_path):
    path = tmp_path / "keys.json"
    key = add_key(path, "amr", ["department:city-amr"], note="市市场监管局")
    key_id, _, secret = key.partition(".")
    assert key_id == "amr" and len(secret) >= 40
    text = path.read_text(encoding="utf-8")
    assert secret not in text
    stored = json.loads(text)["keys"][0]
    assert stored["audiences"] == ["department:city-amr"] and len(stored["salt"]) == 32
    assert load_keys(path).find(key) is not None
    assert load_keys(path).find(key_id + ".wrong") is None
    assert (path.stat().st_mode & 0o077) == 0
    with pytest.raises(Exception, match="exists"):
        add_key(path, "amr", ["city"])


def test_keys_decide_who_sees_what(tmp_path, body):
    path = tmp_path / "keys.json"
    department = add_key(path, "amr", ["department:city-amr"])
    office = add_key(path, "office", ["city", "public"])
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:

        def ask(key: str | None, audience: str | None = None) -> httpx.Response:
            query = f"?audience={audience}" if audience else ""
            headers = {"Authorization": f"Bearer {key}"} if key else {}
            return c.post(f"/v1/reports/2025-03{query}", content=body, headers=headers)

        assert ask(None).status_code == 401
        assert ask("amr.forged").status_code == 401
        forbidden = ask(department, "city")
        assert forbidden.status_code == 403 and forbidden.headers["content-type"] == PROBLEM
        own = ask(department)  # a key for one audience needs not name it
        assert own.status_code == 200 and own.json()["audience"] == "department:city-amr"
        assert ask(office, "public").status_code == 200
        unnamed = ask(office)  # several audiences and none named: no default (docs/privacy.md)
        assert unnamed.status_code == 422 and unnamed.json()["problems"][0].startswith("query.audience: required")
        assert c.get("/healthz").status_code == 200  # no key needed
    revoke_key(path, "amr")
    with TestClient(create_app(ServiceConfig(keys_file=str(path)))) as c:
        assert c.get("/v1/plugins", headers={"Authorization": f"Bearer {department}"}).status_code == 401


def test_softenv_keys_add_prints_the_key_and_revoke_removes_it(tmp_path, capsys):
    path = tmp_path / "keys.json"
    assert main(["keys", "add", "--keys", str(path), "baihe", "--audience", "county:379902"]) == 0
    key = capsys.readouterr().out.strip()
    assert key.startswith("baihe.") and key.split(".", 1)[1] not in path.read_text(encoding="utf-8")
    assert main(["keys", "add", "--keys", str(path), "x", "--audience", "mayor"]) == 1
    assert main(["keys", "revoke", "--keys", str(path), "baihe"]) == 0
    assert load_keys(path).keys == ()
    assert main(["keys", "revoke", "--keys", str(path), "baihe"]) == 1


def test_serve_without_keys_refuses_to_listen_beyond_loopback(capsys):
    assert main(["serve", "--host", "0.0.0.0"]) == 1
    assert "loopback" in capsys.readouterr().err


# --- as a real client sees it: uvicorn in a subprocess ------------------------------------


@pytest.mark.slow
def test_a_served_assessment_is_the_cli_document_byte_for_byte(demo_file):
    server = _Server()
    try:
        assert httpx.get(f"{server.url}/openapi.json", timeout=30).json()["openapi"] == "3.1.0"
        served = httpx.post(f"{server.url}/v1/assess?year=2025", content=demo_file.read_bytes(), timeout=120)
    finally:
        err = server.stop()
    cli = subprocess.run(
        [sys.executable, "-m", "softenv_core.cli.main", "assess", str(demo_file), "--year", "2025", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert served.status_code == 200 and served.headers["content-type"] == "application/json"
    assert served.text == cli.stdout
    assert "city office's view" in err and "loopback" in err
    assert "endpoint=POST /v1/assess status=200" in err


@pytest.mark.slow
def test_a_served_service_answers_503_with_retry_after_past_its_in_flight_limit(demo_file):
    server = _Server("--max-in-flight", "1")
    statuses: list[tuple[int, str | None]] = []
    body = demo_file.read_bytes()

    def ask() -> None:
        r = httpx.post(f"{server.url}/v1/assess?year=2025", content=body, timeout=120)
        statuses.append((r.status_code, r.headers.get("retry-after")))

    try:
        threads = [threading.Thread(target=ask) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.stop()
    assert {s for s, _ in statuses} <= {200, 503}
    assert any(s == 200 for s, _ in statuses)
    assert any(s == 503 and retry == "2" for s, retry in statuses), statuses


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_response_off_its_schema(tmp_path):
    server = _Server()
    try:
        run = subprocess.run(
            [
                *(sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/openapi.json"),
                *("--checks", "not_a_server_error,response_schema_conformance,content_type_conformance"),
                *("--max-examples", os.environ.get("SOFTENV_SCHEMATHESIS_EXAMPLES", "10")),
                *("--phases", "examples,fuzzing", "--seed", "20220301", "--workers", "1", "--request-timeout", "60"),
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,  # its reports directory stays out of the work tree
            timeout=600,
        )
    finally:
        server.stop()
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


# --- platform round 3, finding 06: the contract as the OpenAPI document states it ------------


def test_no_answer_may_be_cached(client, body):
    """The city office's views name complainants: a proxy must keep none of them."""
    for response in (
        client.post("/v1/assess?year=2025", content=body),
        client.get("/v1/plugins"),
        client.get("/openapi.json"),
        client.post("/v1/assess?year=abc", content=body),  # a problem too
    ):
        assert response.headers["cache-control"] == "no-store", response.status_code


def test_no_answer_may_be_sniffed_as_another_type(client, body):
    """Attacker x37: a Markdown report or a problem quoting a record's text must be read as the
    type it says, never guessed to be HTML by a browser (principle 8)."""
    for response in (
        client.post("/v1/reports/2025-03?format=markdown", content=body),
        client.post("/v1/assess?year=2025", content=body),
        client.get("/healthz"),
        client.post("/v1/assess?year=abc", content=body),
        client.get("/v1/nowhere"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff", response.status_code


def test_a_trailing_slash_is_the_not_found_problem_not_a_redirect(client, body):
    response = client.post("/v1/assess/?year=2025", content=body, follow_redirects=False)
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
    assert "location" not in response.headers


@pytest.mark.parametrize(
    ("headers", "named"),
    [
        ({"content-type": "application/x-www-form-urlencoded"}, "header.content-type"),
        ({"content-type": "text/plain"}, "header.content-type"),
        ({"content-type": "application/json", "content-encoding": "gzip"}, "header.content-encoding"),
        # s21: a body declared UTF-16 (or GBK) was read as UTF-8 regardless.
        ({"content-type": "application/json; charset=utf-16"}, "header.content-type"),
        ({"content-type": 'application/json; charset="GBK"'}, "header.content-type"),
    ],
)
def test_a_body_the_service_would_misread_is_415(client, body, headers, named):
    # (application/json; charset=utf-8 is read: test_a_utf8_charset_is_read_as_json)
    response = client.post("/v1/assess?year=2025", content=body, headers=headers)
    assert response.status_code == 415 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["problems"][0].startswith(f"{named}: ")
    # s22: the structured member named no place for a header's problem (path "").
    assert problem["details"][0]["path"] == named


def test_json_with_a_charset_or_no_content_type_is_read(client, body):
    for headers in ({"content-type": "application/json; charset=utf-8"}, {}):
        assert client.post("/v1/validate", content=body, headers=headers).status_code == 200


def test_the_openapi_document_lists_what_the_service_sends(client):
    paths = client.get("/openapi.json").json()["paths"]
    for ops in paths.values():
        for op in ops.values():
            assert "400" not in op["responses"]  # the application never sends one (uvicorn's is plain text)
            if "requestBody" in op:
                assert {"408", "413", "415"} <= set(op["responses"])


def test_a_provisional_explanation_says_so_in_its_header(body):
    with TestClient(create_app(ServiceConfig(provisional=True))) as provisional:
        # 2026: its December report falls due in 2027, which the installed calendar does not know.
        answer = provisional.post("/v1/explain?year=2026&county=379902", content=body)
    assert answer.status_code == 200 and answer.headers["softenv-provisional"] == "true"


def test_a_utf8_charset_is_read_as_json(client, body):
    for value in ("application/json; charset=utf-8", 'application/json;charset="UTF-8"'):
        response = client.post("/v1/assess?year=2025", content=body, headers={"content-type": value})
        assert response.status_code == 200, (value, response.text[:200])


def test_format_and_lang_are_described_as_they_behave(client, body):
    """Integrator i45: the OpenAPI document gave `format` and `lang` a bare enum, and `lang=en`
    with JSON answered the same bytes as `zh` unexplained. The descriptions say what each does,
    and the service does what they say."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/reports/{month}", "/v1/yearend"):
        params = {p["name"]: p for p in paths[path]["post"]["parameters"]}
        assert "JSON document is the same in either" in params["lang"]["description"]
        assert params["format"]["description"].startswith("json: the JSON document; markdown:")
    zh = client.post("/v1/reports/2025-03?format=json&lang=zh", content=body)
    en = client.post("/v1/reports/2025-03?format=json&lang=en", content=body)
    assert zh.status_code == en.status_code == 200 and zh.content == en.content
    md_default = client.post("/v1/reports/2025-03?format=markdown", content=body)
    md_zh = client.post("/v1/reports/2025-03?format=markdown&lang=zh", content=body)
    md_en = client.post("/v1/reports/2025-03?format=markdown&lang=en", content=body)
    assert md_default.text == md_zh.text != md_en.text
