"""Content negotiation (integrator s22, finding 1): the service read only ``format=`` and
answered JSON to a client that said ``Accept: application/xml``. Now the ``Accept`` header is
read as RFC 9110 §12.5.1 says: 406 with a problem naming the header and the types offered when
it accepts none of them; ``*/*``, ``type/*``, weights and lists as the RFC reads them; without
``format=`` it chooses between an operation's representations; with ``format=`` it must accept
the one named (a disagreement is refused, docs/integration.md "Content negotiation")."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.service.negotiation import choose

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
PROBLEM = "application/problem+json"
JSON = "application/json"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

#: One request per operation: method, URL (each answers JSON alone unless it has format=).
OPERATIONS = [
    ("POST", "/v1/validate"),
    ("POST", "/v1/assess?year=2025"),
    ("POST", "/v1/reports/2025-03"),
    ("POST", "/v1/yearend?year=2025"),
    ("POST", "/v1/explain?year=2025&county=379902"),
    ("GET", "/v1/deadlines/379902/2025-03"),
    ("GET", "/v1/plugins"),
    ("GET", "/healthz"),
    ("GET", "/openapi.json"),
]


def _send(client: TestClient, method: str, url: str, accept: str | list[str] | None, body: bytes | None = None):
    headers: list[tuple[str, str]] = [("content-type", JSON)]
    accepts = [accept] if isinstance(accept, str) else (accept or [])
    headers += [("accept", value) for value in accepts]
    content = (body if body is not None else EXAMPLE.read_bytes()) if method == "POST" else None
    request = client.build_request(method, url, headers=headers, content=content)
    if accept is None:
        del request.headers["accept"]  # httpx adds */*: this request sends no Accept at all
    return client.send(request)


@pytest.mark.parametrize(("method", "url"), OPERATIONS)
def test_an_accept_that_takes_none_of_the_operations_types_is_406_naming_the_header(client, method, url):
    response = _send(client, method, url, "application/xml")
    assert response.status_code == 406 and response.headers["content-type"] == PROBLEM, response.text[:300]
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:not-acceptable" and problem["status"] == 406
    assert problem["details"][0]["path"] == "header.accept"
    assert problem["problems"][0].startswith("header.accept: 'application/xml' accepts none of application/json")
    assert problem["instance"] == url.split("?")[0]


@pytest.mark.parametrize(("method", "url"), OPERATIONS)
@pytest.mark.parametrize(
    "accept",
    [
        None,  # no Accept: anything is acceptable
        "",  # an empty one, likewise
        "*/*",
        "application/*",
        JSON,
        "application/json; charset=utf-8",
        "application/xml, application/json;q=0.1",  # a list: the one it takes, however low
        ["application/xml", "application/json;q=0.5"],  # two Accept fields are one list
        "application/*;q=0, application/json",  # the more specific range decides
        BROWSER,
    ],
)
def test_an_accept_that_takes_json_gets_the_json_answer(client, method, url, accept):
    response = _send(client, method, url, accept)
    assert response.status_code == 200, (accept, response.text[:300])
    assert response.headers["content-type"] == JSON


@pytest.mark.parametrize(
    "accept",
    [
        "*/*, application/json;q=0",  # q=0 is "not acceptable", and the type beats */*
        "application/json;q=0",
        "application/json; charset=gbk",  # the answers are UTF-8
        "application/json; version=2",  # a parameter the type does not take
        "json",  # no media range
        "application/json;q=2",  # no weight
        "*/json",
    ],
)
def test_what_rfc_9110_makes_unacceptable_is_406(client, accept):
    response = _send(client, "GET", "/v1/plugins", accept)
    assert response.status_code == 406, (accept, response.text[:200])


def test_an_element_that_is_no_media_range_is_named(client):
    said = _send(client, "GET", "/v1/plugins", "json").json()["problems"][0]
    assert "'json' is no media range" in said, said


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/markdown", "text/markdown"),
        ("text/*", "text/markdown"),
        ("text/markdown;q=0.5, application/json;q=0.4", "text/markdown"),
        ("application/json;q=0.5, text/markdown;q=0.5", JSON),  # a tie: the default, JSON
        ("*/*", JSON),
        (BROWSER, JSON),
        (DOCX, DOCX),
    ],
)
def test_without_format_accept_chooses_the_reports_representation(client, accept, expected):
    response = _send(client, "POST", "/v1/reports/2025-03", accept)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.headers["vary"] == "Accept"


def test_the_representation_accept_chooses_is_the_one_format_names(client):
    for url, fmt in (("/v1/reports/2025-03", "markdown"), ("/v1/yearend?year=2025", "markdown")):
        by_accept = _send(client, "POST", url, "text/markdown")
        joiner = "&" if "?" in url else "?"
        by_format = _send(client, "POST", f"{url}{joiner}format={fmt}", None)
        assert by_accept.status_code == by_format.status_code == 200
        assert by_accept.headers["content-type"] == by_format.headers["content-type"]
        assert by_accept.text == by_format.text


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/v1/reports/2025-03?format=markdown", JSON),
        ("/v1/reports/2025-03?format=json", "text/markdown"),
        ("/v1/reports/2025-03?format=docx", "text/*"),
        ("/v1/yearend?year=2025&format=markdown", "application/*"),
    ],
)
def test_format_and_an_accept_that_disagree_are_406_naming_both(client, url, accept):
    response = _send(client, "POST", url, accept)
    assert response.status_code == 406, response.text[:300]
    paths = [d["path"] for d in response.json()["details"]]
    assert paths == ["header.accept", "query.format"]


def test_format_with_an_accept_that_takes_it_is_answered(client):
    for accept in ("text/*", "text/markdown", "*/*", "application/json, text/markdown;q=0.1"):
        response = _send(client, "POST", "/v1/reports/2025-03?format=markdown", accept)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/markdown")


def test_a_bad_query_is_422_before_the_accept_is_read(client):
    response = _send(client, "POST", "/v1/reports/2025-03?format=csv", "application/xml")
    assert response.status_code == 422 and response.json()["problems"][0].startswith("query.format: ")


def test_the_406_comes_before_the_body_is_read(client):
    response = _send(client, "POST", "/v1/assess?year=2025", "application/xml", body=b'{"schema": "nope"}')
    assert response.status_code == 406


def test_every_operation_in_the_openapi_document_lists_406(client):
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            response = operation["responses"].get("406")
            assert response is not None, (method, path)
            assert list(response["content"]) == [PROBLEM]


def test_choose_reads_weights_and_specificity_as_rfc_9110():
    offered = (JSON, "text/markdown")
    assert choose([], offered) == JSON
    assert choose(["text/markdown;q=0.9, */*;q=0.1"], offered) == "text/markdown"
    assert choose(["text/*;q=0.3, application/json;q=0.2"], offered) == "text/markdown"
    assert choose(["*/*;q=0.5, text/markdown;q=0"], offered) == JSON
    assert choose(['text/markdown;variant="GFM,x";q=1, application/json;q=0.1'], offered) == JSON  # quoted comma
    assert choose(["TEXT/Markdown"], offered) == "text/markdown"  # types are case-insensitive
    assert choose(["application/json;q=0, text/markdown;q=0"], offered) is None


@pytest.mark.parametrize("url", ["/healthz?format=xml", "/healthz?format=docx", "/openapi.json?format=xml"])
def test_format_on_an_operation_that_takes_none_is_not_what_accept_must_meet(client, url):
    """/healthz and /openapi.json take no ``format=`` (and read no query): a stray one was a
    KeyError, a 500, or made a JSON-only operation ask Accept for a docx (review r22)."""
    response = _send(client, "GET", url, JSON)
    assert response.status_code == 200 and response.headers["content-type"].startswith(JSON)


#: Accept values built to make a quoted-string splitter rescan the rest of the field from each
#: quote (an unterminated quote, escaped quotes, a lone backslash at the end): 16,000 characters,
#: about what h11 lets a request's head hold (16 KiB).
HOSTILE_ACCEPTS = ['"\\' * 8000, "a/b;x=" + '\\"' * 7997, '"' + '\\"' * 7999 + "\\", 'a"' * 8000]


@pytest.mark.parametrize("accept", HOSTILE_ACCEPTS, ids=["quote-backslash", "escaped", "lone-backslash", "quotes"])
def test_a_hostile_accept_is_read_in_linear_time(client, accept):
    """/healthz reads Accept on the event loop, before any key: the splitter rescanned the field
    from each quote, 5 s for 16,000 characters here (quadratic), while every request waited."""
    started = time.perf_counter()
    assert choose([accept], (JSON,)) is None
    response = _send(client, "GET", "/healthz", accept)
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 406


def test_an_unterminated_quote_makes_its_element_unreadable():
    assert choose(['application/json;q="0.5'], (JSON,)) is None
    assert choose(['application/json;v="a\\"b";q=0.5'], (JSON,)) is None  # a parameter: not plain
    assert choose(['application/json;charset="utf-8";q="0.5"'], (JSON,)) == JSON
    assert choose(['text/html;v="x,y", application/json'], (JSON,)) == JSON
