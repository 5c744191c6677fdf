"""The HTTP service against a slow or hostile caller (attacker findings 02, 07, 09, 10): a body
trickled in holds neither a connection nor a slot past its time, an unknown caller cannot time
the body limit, the access log quotes the caller's path, and a hand-edited keys file is
refused at start."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.cli.main import main
from softenv_core.errors import InputError
from softenv_core.service import middleware
from softenv_core.service.app import ROUTES, create_app
from softenv_core.service.config import ENV, ServiceConfig
from softenv_core.service.keys import add_key, load_keys
from softenv_core.service.middleware import AccessLog, Guard

# --- findings 02 and 10: a body trickled in --------------------------------------------------


def _trickle(
    app: Any, url: str, headers: dict[str, str], pieces: list[bytes], every: float, declared: int
) -> tuple[int, dict[bytes, bytes], float, int]:
    """Drive ``app`` as uvicorn would with a client that declares ``declared`` bytes and sends
    ``pieces`` one per ``every`` seconds, then nothing: the status, the answer's headers, the
    seconds until it started and the bytes the app had read by then (at most 5 s: the old code
    waited for ever)."""
    path, _, query = url.partition("?")
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw.append((b"content-length", str(declared).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST" if declared else "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": raw,
        "server": ("t", 80),
        "client": ("127.0.0.1", 1),  # the machine's own: without keys the service answers loopback only
        "state": {},
    }
    left = list(pieces)
    sent = 0
    answer: dict[str, Any] = {}
    start = time.monotonic()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not declared:
            return {"type": "http.request", "body": b"", "more_body": False}
        if not left:
            await asyncio.sleep(3600)  # a client that stalls
        await asyncio.sleep(every)
        piece = left.pop(0)
        sent += len(piece)
        return {"type": "http.request", "body": piece, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.update(message, at=time.monotonic() - start, read=sent)

    async def run() -> None:
        async with asyncio.timeout(5):
            await app(scope, receive, send)

    asyncio.run(run())
    return answer["status"], dict(answer.get("headers", [])), answer["at"], answer["read"]


@pytest.fixture(scope="module")
def key_path(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("keys10") / "keys.json"
    return path, add_key(path, "baihe", ["county:379902"])


def test_a_key_holders_trickled_body_is_408_past_the_body_timeout_and_frees_its_slot(key_path):
    path, key = key_path
    config = ServiceConfig(keys_file=str(path), max_in_flight=1, body_timeout_seconds=0.5)
    guard = Guard(create_app(config), config)
    auth = {"Authorization": f"Bearer {key}"}
    status, headers, at, _ = _trickle(guard, "/v1/validate", auth, [b"{"] * 100, 0.05, 1_000_000)
    assert status == 408 and 0.4 < at < 2 and headers[b"connection"] == b"close"
    assert guard.in_flight == 0  # the next caller gets the slot, not a 503 (the old code: none did)
    status, *_ = _trickle(guard, "/v1/plugins", auth, [], 0, 0)
    assert status == 200


def test_a_caller_without_a_key_is_answered_within_the_drain_budget_and_closed(key_path, monkeypatch):
    path, _ = key_path
    monkeypatch.setattr(middleware, "DRAIN_SECONDS", 0.3)
    app = create_app(ServiceConfig(keys_file=str(path)))
    status, headers, at, _ = _trickle(app, "/v1/assess?year=2025", {}, [b" "] * 100, 0.05, 1_000_000)
    assert status == 401 and at < 1.5 and headers[b"connection"] == b"close"


@pytest.mark.parametrize("limit_mb", [1, 3])
def test_when_the_401_comes_tells_nothing_of_the_body_limit(key_path, limit_mb):
    path, _ = key_path
    app = create_app(ServiceConfig(keys_file=str(path), max_body_bytes=limit_mb * 1024 * 1024))
    chunk = 64 * 1024
    status, _, _, read = _trickle(app, "/v1/assess?year=2025", {}, [b" " * chunk] * 100, 0, 100 * chunk)
    # The same point whatever the limit (the old code read up to the limit before the 401).
    assert status == 401 and middleware.DRAIN_BYTES <= read <= middleware.DRAIN_BYTES + chunk


def test_an_endpoints_early_answer_reads_the_body_within_its_time(key_path):
    path, key = key_path
    config = ServiceConfig(keys_file=str(path), body_timeout_seconds=0.5)
    url, auth = "/v1/assess?year=2025&audience=city", {"Authorization": f"Bearer {key}"}
    status, headers, at, _ = _trickle(create_app(config), url, auth, [b" "] * 100, 0.05, 1_000_000)
    assert status == 403 and at < 2 and headers[b"connection"] == b"close"  # not all read: closed


# --- finding 07: the access log quotes what the caller wrote ----------------------------------


def test_the_route_paths_the_log_shows_unquoted_are_the_apps_routes():
    assert {path for path, _, _ in ROUTES} == middleware.ROUTE_PATHS


def test_a_path_cannot_forge_an_access_log_line_nor_reach_the_terminal(key_path, caplog):
    path, _ = key_path
    forged = "/v1/x%0AINFO:softenv.service.access:key=admin%20audience=city%20status=200%1b%5b2J%E2%80%AE"
    app = create_app(ServiceConfig(keys_file=str(path)))
    with caplog.at_level(logging.INFO, logger="softenv.service.access"), TestClient(app) as c:
        assert c.get(forged).status_code == 401
    (line,) = [r.getMessage() for r in caplog.records if r.name == "softenv.service.access"]
    assert line.isprintable() and line.isascii()
    assert line.startswith('key=- audience=- endpoint=GET "/v1/x\\nINFO:softenv.service.access:key=admin ')


@given(path=st.text(max_size=40), method=st.sampled_from(["GET", "POST", "P\nX"]))
def test_every_access_log_line_is_one_printable_line(path, method):
    async def refuse(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def nothing(message: Any) -> None:
        return None

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    middleware.access_log.addHandler(handler)
    level = middleware.access_log.level
    middleware.access_log.setLevel(logging.INFO)
    try:
        scope = {"type": "http", "method": method, "path": "/" + path, "headers": []}
        asyncio.run(AccessLog(refuse)(scope, None, nothing))  # type: ignore[arg-type]
    finally:
        middleware.access_log.removeHandler(handler)
        middleware.access_log.setLevel(level)
    (record,) = records
    assert record.getMessage().isprintable()


# --- finding 09: a hand-edited keys file ------------------------------------------------------


def _edited(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "keys.json"
    add_key(path, "cty", ["county:379902"])
    add_key(path, "multi", ["public"])
    doc = json.loads(path.read_text(encoding="utf-8"))
    for where, value in changes.items():
        index, field = where.split("_", 1)
        doc["keys"][int(index[1:])][field] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"k0_audiences": []}, "$.keys[0].audiences: expected a non-empty list"),
        ({"k1_audiences": ["public", "public"]}, "$.keys[1].audiences: public, public: an audience is listed twice"),
        ({"k1_audiences": ["county:379902", "county:0379902"]}, "$.keys[1].audiences"),
        ({"k1_audiences": ["everyone"]}, "$.keys[1].audiences: "),
        ({"k1_audiences": "public"}, "$.keys[1].audiences: expected a non-empty list"),
        ({"k1_id": "cty"}, "$.keys[1].id: 'cty' is already the id of another key"),
        ({"k0_id": "Admin\n"}, "$.keys[0].id: expected 1-32 of a-z"),
        ({"k0_sha256": "abc"}, "$.keys[0].sha256: expected hexadecimal digits, 64 of them"),
        ({"k0_salt": None}, "$.keys[0].salt: expected hexadecimal digits"),
    ],
)
def test_a_hand_edited_keys_file_is_refused_naming_the_entry(tmp_path, changes, problem):
    path = _edited(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        load_keys(path)
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_softenv_serve_refuses_a_bad_keys_file_before_binding_the_port(tmp_path, capsys, monkeypatch):
    import uvicorn

    monkeypatch.setenv(ENV, "")  # cmd_serve sets it for the workers: restored after the test
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    path = _edited(tmp_path, k0_audiences=[])
    code = main(["serve", "--keys", str(path), "--port", "1"])
    err = capsys.readouterr().err
    assert code != 0 and str(path) in err and "$.keys[0].audiences" in err and "Traceback" not in err


def test_softenv_serve_hands_uvicorn_the_connection_limit(tmp_path, monkeypatch):
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: seen.update(k))
    path = tmp_path / "keys.json"
    add_key(path, "cty", ["county:379902"])
    assert main(["serve", "--keys", str(path), "--port", "1"]) == 0
    assert seen["limit_concurrency"] == ServiceConfig().max_connections


def test_softenv_serve_refuses_more_in_flight_than_connections(capsys, monkeypatch):
    import uvicorn

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert main(["serve", "--port", "1", "--max-in-flight", str(ServiceConfig().max_connections)]) == 1
    assert "limit_concurrency" in capsys.readouterr().err


def test_softenv_serve_takes_the_body_timeout_and_the_connections(capsys, monkeypatch, tmp_path):
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: seen.update(k))
    assert main(["serve", "--port", "1", "--max-connections", "40", "--body-timeout", "5"]) == 0
    assert seen["limit_concurrency"] == 40
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert main(["serve", "--port", "1", "--body-timeout", "0"]) == 1
    assert "--body-timeout 0: must be a finite positive number" in capsys.readouterr().err
    assert main(["serve", "--port", "1", "--max-connections", "4", "--max-in-flight", "4"]) == 1
    assert "--max-in-flight 4" in capsys.readouterr().err
