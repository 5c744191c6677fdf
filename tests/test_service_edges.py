"""The HTTP service and the matching CLI commands at their edges (clerk findings 14, 16, 18, 23)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.cli.main import main
from softenv_core.service.app import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


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
    status, out, err = _cli(capsys, "deadline", "--month", "2025-03", "--county", code)
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
    said = "no point 'P-379902-1' active in 2025 is shown to audience public"
    assert response.json()["detail"] == said
    assert response.json()["problems"] == [f"query.point: {said}"]
    status, _, err = _cli(
        capsys, "explain", str(EXAMPLE), "--year", "2025", "--point", "P-379902-1", "--audience", "public"
    )
    assert status == 1 and said in err
    assert client.post("/v1/explain?year=2025&point=P-379902-1", content=body).status_code == 200
