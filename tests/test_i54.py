"""Integrator i54: a platform that embeds the service under a prefix, and calls it as a client.

01 Under a prefix (Starlette's ``Mount("/softenv", app=create_app())`` or an ASGI server's
   ``root_path``, both documented in docs/integration.md), ``/healthz`` is no longer exempt:
   the Guard compares ``scope["path"]`` (which holds the prefix) with ``"/healthz"``, so the
   health check needs a key (401) and is counted against the in-flight limit (503 while busy,
   503 in maintenance with ``max_in_flight=0``). Docs: "Every request but `/healthz` needs a
   key"; "`GET /healthz` … (no key needed)"; "answering every request but `/healthz` with 503".
02 Under the same prefix the access log writes every request as an unknown path, quoted, with
   the path's values (``endpoint=GET "/softenv/v1/deadlines/379902/2025-03"``), and a 503
   names no audience: route_template and _audience_in_url read ``scope["path"]`` with its
   prefix. Docs (Access log): "the endpoint (the route, not the path's values)".
03 A .docx the service cannot write to its temporary directory (disk full, a file-size limit)
   is answered 422 `format-unavailable` on `query.format`, blaming the caller's parameter for the
   server's fault, and the answer quotes the server's temporary path
   (`path: cannot write /tmp/softenv-docx-lg9hyho_/monitoring-2025-03.docx: File too large`).
   Docs: format-unavailable is "not installed … or a lang other than zh, each decided before
   the body is read"; the service's own fault is a 500 whose caller "gets no internals".
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

ROOT = Path(__file__).resolve().parent.parent


def _mounted(config: ServiceConfig) -> Starlette:
    return Starlette(routes=[Mount("/softenv", app=create_app(config))])


def test_01_healthz_needs_no_key_and_no_slot_under_a_prefix(tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    add_key(keys, "amr", ["department:city-amr"])
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as plain:
        assert plain.get("/healthz").status_code == 200  # unmounted: no key needed
    with TestClient(_mounted(ServiceConfig(keys_file=str(keys)))) as c:
        r = c.get("/softenv/healthz")
        assert r.status_code == 200, r.text  # 401 now: the health check asks for a key
    with TestClient(_mounted(ServiceConfig(max_in_flight=0))) as c:  # closed for maintenance
        assert c.get("/softenv/v1/plugins").status_code == 503
        r = c.get("/softenv/healthz")
        assert r.status_code == 200, r.text  # 503 now
    # An ASGI server's root_path: the path holds the prefix too (ASGI spec, uvicorn --root-path).
    with TestClient(create_app(ServiceConfig(keys_file=str(keys))), root_path="/softenv") as c:
        r = c.get("/softenv/healthz")
        assert r.status_code == 200, r.text


def test_02_access_log_names_the_route_not_the_values_under_a_prefix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keys = tmp_path / "keys.json"
    amr = add_key(keys, "amr", ["department:city-amr"])
    auth = {"Authorization": f"Bearer {amr}"}
    with caplog.at_level(logging.INFO, logger="softenv.service.access"):
        with TestClient(_mounted(ServiceConfig(keys_file=str(keys)))) as c:
            assert c.get("/softenv/v1/deadlines/379902/2025-03", headers=auth).status_code == 200
        with TestClient(_mounted(ServiceConfig(keys_file=str(keys), max_in_flight=0))) as c:
            assert c.post("/softenv/v1/assess?year=2025", headers=auth, content=b"{}").status_code == 503
    lines = [r.getMessage() for r in caplog.records if r.name == "softenv.service.access"]
    assert len(lines) == 2, lines
    assert "379902" not in lines[0] and "2025-03" not in lines[0], lines[0]
    assert "/v1/deadlines/{county}/{month}" in lines[0], lines[0]
    assert "audience=department:city-amr" in lines[1], lines[1]  # a 503 names whom it refused


@pytest.mark.parametrize("path", ["/v1/reports/2025-03?format=docx", "/v1/yearend?year=2025&format=docx"])
def test_03_a_docx_the_server_cannot_write_is_its_fault_without_its_paths(
    path: str, caplog: pytest.LogCaptureFixture
) -> None:
    import resource
    import tempfile

    pytest.importorskip("docx")
    body = (ROOT / "examples" / "small-dataset.json").read_bytes()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        assert c.post(path, content=body, headers={"Content-Type": "application/json"}).status_code == 200
        # Python ignores SIGXFSZ: a write past the limit fails with EFBIG, as a full disk with ENOSPC.
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, hard))
        try:
            r = c.post(path, content=body, headers={"Content-Type": "application/json"})
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert r.headers["content-type"] == "application/problem+json"
    assert r.status_code >= 500, r.text  # 422 on query.format now
    assert "softenv-docx-" not in r.text and tempfile.gettempdir() not in r.text, r.text
    assert r.json()["type"] == "urn:softenv:problem:internal"
    # The operator learns what happened from the service's log (fi54): the file, and why.
    said = [rec.getMessage() for rec in caplog.records if rec.name == "softenv.service"]
    assert any(".docx could not be written in the temporary directory: cannot write" in line for line in said), said


def test_03_another_refusal_of_the_word_writer_is_a_500_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """fi54: after lang and the office extra were checked on the query, the writer has nothing of
    the caller's to refuse: any SoftenvError of its is the service's fault, not a 422."""
    from softenv_core.errors import SoftenvError
    from softenv_core.service import app as app_module

    def refuses(*args: object) -> None:
        raise SoftenvError("the Word writer failed")

    pytest.importorskip("docx")
    monkeypatch.setattr(app_module, "docx_writer", lambda *args: refuses)
    body = (ROOT / "examples" / "small-dataset.json").read_bytes()
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        r = c.post("/v1/reports/2025-03?format=docx", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 500 and r.json()["type"] == "urn:softenv:problem:internal", r.text
    assert "Word writer failed" not in r.text
