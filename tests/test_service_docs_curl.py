"""The curl lines of docs/integration.md, sent as curl sends them (s21 01).

curl's ``--data-binary`` sends ``Content-Type: application/x-www-form-urlencoded`` unless the
line gives one, and the service answers a form with 415 (docs/integration.md, the status
table): an integrator who pasted a line without the header got a problem, not the document
the page promised. Each line is replayed in process against a service without keys (the
``Authorization`` header is ignored there), the body being the example dataset.
"""

from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.service.app import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "small-dataset.json"
CURL_FORM_DEFAULT = "application/x-www-form-urlencoded"  # curl's Content-Type for --data-binary


def _curl_lines() -> list[str]:
    """Each curl line of the page's sh blocks, the block's ``NAME='value'`` variables expanded."""
    text = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    joined = "\n".join(block.replace("\\\n", " ") for block in blocks)
    lines = [line.split("   #")[0].strip() for line in joined.splitlines()]
    names = dict(re.findall(r"^([A-Z]+)='([^']*)'$", "\n".join(lines), flags=re.M))
    for name, value in names.items():
        lines = [line.replace(f'"${name}"', shlex.quote(value)) for line in lines]
    return [line for line in lines if line.startswith("curl ")]


def _as_curl_sends(line: str) -> tuple[str, str, dict[str, str], bytes | None]:
    """The method, URL, headers and body curl sends for ``line`` (the options the docs use)."""
    words = shlex.split(line)[1:]
    method, url, headers, body = None, "", {}, None
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("-X", "-H", "-o", "--data-binary"):
            value = words[i + 1]
            if word == "-X":
                method = value
            elif word == "-H":
                name, _, val = value.partition(":")
                headers[name.strip().lower()] = val.strip()
            elif word == "--data-binary":
                body = EXAMPLE.read_bytes()
            i += 2
            continue
        if not word.startswith("-"):
            url = word
        i += 1
    if body is not None:
        headers.setdefault("content-type", CURL_FORM_DEFAULT)
    return method or ("POST" if body is not None else "GET"), url, headers, body


LINES = _curl_lines()


def test_the_page_has_curl_lines_that_send_a_dataset():
    assert sum("--data-binary" in line for line in LINES) >= 5


@pytest.mark.parametrize("line", LINES)
def test_each_curl_line_of_the_integration_page_gets_its_answer(line):
    method, url, headers, body = _as_curl_sends(line)
    headers.pop("authorization", None)  # the service below has no keys
    path = url.removeprefix("http://127.0.0.1:8000")
    with TestClient(create_app()) as client:
        response = client.request(method, path, headers=headers, content=body)
    assert response.status_code == 200, (line, response.text[:300])
