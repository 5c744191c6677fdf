"""The service answers the year end in Word too (``POST /v1/yearend?format=docx``), as
``softenv yearend --format docx`` writes it since this round's year-end document: the same bytes
as the library's writer for the audience the key may read, named ``yearend-YYYY.docx``, chosen
by ``format=`` or the Accept header, and refused for a language other than Chinese."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("docx")

import softenv_core as se

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def _library_bytes(tmp_path: Path, audience: str) -> bytes:
    ds = se.load_dataset(EXAMPLE)
    y = se.year_end(ds, 2025, se.get_plugin_manager(), audience=audience)
    se.write_yearend_docx(y, tmp_path / "y.docx")
    return (tmp_path / "y.docx").read_bytes()


@pytest.mark.parametrize("audience", ["city", "county:379902", "public"])
def test_the_word_year_end_is_the_librarys_document_for_the_audience(
    client: Any, body: bytes, tmp_path: Path, audience: str
) -> None:
    response = client.post(f"/v1/yearend?year=2025&format=docx&audience={audience}", content=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert response.headers["content-disposition"] == 'attachment; filename="yearend-2025.docx"'
    assert response.headers["vary"] == "Accept"
    assert response.content == _library_bytes(tmp_path, audience)


def test_the_accept_header_chooses_word_without_format(client: Any, body: bytes) -> None:
    response = client.post("/v1/yearend?year=2025", content=body, headers={"Accept": DOCX})
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_another_language_is_refused_before_the_body_is_read(client: Any, body: bytes) -> None:
    response = client.post("/v1/yearend?year=2025&format=docx&lang=en", content=body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:format-unavailable"
    assert problem["problems"][0].startswith("query.lang")


def test_the_openapi_document_says_the_year_end_answers_in_word(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/v1/yearend"]["post"]
    assert DOCX in post["responses"]["200"]["content"]
    (fmt,) = [p for p in post["parameters"] if p["name"] == "format"]
    assert fmt["schema"]["enum"] == ["json", "markdown", "docx"]
    pattern = post["responses"]["200"]["headers"]["Content-Disposition"]["schema"]["pattern"]
    assert re.fullmatch(pattern, 'attachment; filename="yearend-2025.docx"')
