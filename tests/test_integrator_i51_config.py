"""Integrator i51 01: the service's settings are checked in ``ServiceConfig`` itself, so that
``create_app`` refuses what ``softenv serve`` refuses (FieldInvalid naming the field), and the
command names the option in one line for NaN, infinity, a port outside 1-65535 and a body limit
under one byte (they started a server answering 500 to every request, hung every request, or
ended in a traceback)."""

import math

import pytest

pytest.importorskip("uvicorn")

from softenv_core.cli.main import main
from softenv_core.errors import FieldInvalid
from softenv_core.service.config import ENV, ServiceConfig


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("analyses_at_once", 0),
        ("body_timeout_seconds", math.nan),
        ("body_timeout_seconds", math.inf),
        ("body_timeout_seconds", 0),
        ("max_in_flight", "4"),
        ("max_in_flight", -1),
        ("max_body_bytes", -1),
        ("max_body_bytes", 0),
        ("max_body_bytes", 1.5),
        ("port", 70000),
        ("port", 0),
        ("workers", 0),
        ("max_connections", 0),
        ("retry_after_seconds", -1),
        ("provisional", 1),
        ("host", ""),
        ("keys_file", 3),
    ],
)
def test_service_config_refuses_a_bad_value_naming_the_field(field, value):
    with pytest.raises(FieldInvalid) as caught:
        ServiceConfig(**{field: value})
    assert caught.value.name == field


def test_service_config_takes_the_defaults_and_a_closed_service():
    ServiceConfig()
    # max_in_flight=0 is a service closed for maintenance: every request but /healthz is a 503.
    from starlette.testclient import TestClient

    from softenv_core.service.app import create_app

    with TestClient(create_app(ServiceConfig(max_in_flight=0))) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/v1/plugins").status_code == 503


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--body-timeout", "nan"], "--body-timeout nan: must be a finite positive number"),
        (["--body-timeout", "inf"], "--body-timeout inf: must be a finite positive number"),
        (["--max-body-mb", "nan"], "--max-body-mb nan: must be a finite positive number"),
        (["--max-body-mb", "inf"], "--max-body-mb inf: must be a finite positive number"),
        (["--max-body-mb", "1e-9"], "--max-body-mb 1e-09: is less than one byte"),
        (["--port", "70000"], "--port 70000: must be a port number 1-65535"),
        (["--port", "-1"], "--port -1: must be a port number 1-65535"),
    ],
)
def test_softenv_serve_names_the_option_in_one_line(capsys, monkeypatch, args, said):
    import uvicorn

    monkeypatch.setenv(ENV, "")
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the service started"))
    assert main(["serve", *(["--port", "1"] if "--port" not in args else []), *args]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
