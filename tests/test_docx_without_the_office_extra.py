"""Without python-docx (a service installed with the `service` extra alone), `format=docx` is
refused on query.format, before the body is read (integrator i36). The service looked for the
renderer's module, which is part of the core and always there, so it made the report and only
then met the missing library, whose refusal it passed on as a problem on query.lang."""

import sys

import pytest


@pytest.fixture
def without_python_docx(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # as if the office extra were not installed


@pytest.mark.parametrize("body", [b"{", None])
def test_docx_is_refused_on_the_format_before_the_body(client, request, without_python_docx, body):
    content = body if body is not None else request.getfixturevalue("body")
    answer = client.post(
        "/v1/reports/2025-03?audience=public&format=docx", content=content, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["type"] == "urn:softenv:problem:format-unavailable"
    assert problem["problems"] == ["query.format: docx is not available in this installation"]
    # Installed from this project, never by a registry name (newcomer n01 04).
    assert "uv sync --extra office" in problem["detail"] and "softenv-core[office]" not in problem["detail"]


def test_the_accept_header_asking_for_docx_is_refused_alike(client, body, without_python_docx):
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    headers = {"Content-Type": "application/json", "Accept": docx}
    answer = client.post("/v1/reports/2025-03?audience=public", content=body, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["problems"] == ["header.accept: docx is not available in this installation"]
