"""A lone surrogate in record text (attacker finding 15) is refused where it comes in, by its
``$.path`` and position, rather than crashing the JSON, docx and HTTP outputs later."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core import FieldInvalid, InputError, loads_dataset
from softenv_core.cli.main import main
from softenv_core.io.converter import parse_json
from softenv_core.service.app import create_app
from softenv_core.testing import small_dataset

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
ITEM_TEXT = "$.contacts[0] (C-P-379902-1-2025-01).items[0].text: holds a lone surrogate U+D800 at character 3"
NAME = "$.points[0] (P-379902-1).enterprise.name: holds a lone surrogate U+DFFF at character 3"


def _with_surrogates() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["contacts"][0]["items"][0]["text"] = "生产\ud800经营平稳"
    doc["points"][0]["enterprise"]["name"] = "测试\udfff企业1有限公司"
    return doc


def _problems(source: Any) -> tuple[str, ...]:
    with pytest.raises(InputError) as info:
        loads_dataset(source)
    return info.value.problems


def test_a_file_with_a_lone_surrogate_escape_is_refused_by_path_and_position():
    # json.dumps escapes it as \ud800, as another system's export would write it
    for text in (json.dumps(_with_surrogates()), json.dumps(_with_surrogates()).encode()):
        problems = _problems(text)
        assert any(p.startswith(ITEM_TEXT) for p in problems), problems
        assert any(p.startswith(NAME) for p in problems), problems


def test_text_given_in_python_with_a_surrogate_is_refused_too():
    # a str (not decoded from UTF-8) may hold the surrogate itself, not only its escape
    problems = _problems(json.dumps(_with_surrogates(), ensure_ascii=False))
    assert any(p.startswith(ITEM_TEXT) for p in problems), problems


def test_escaped_pairs_and_plain_text_still_load():
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["contacts"][0]["items"][0]["text"] = "生产经营平稳 😀"
    dataset = loads_dataset(json.dumps(doc))  # the emoji written as the pair \ud83d\ude00
    assert dataset.contacts[0].items[0].text == "生产经营平稳 😀"
    assert type(parse_json(json.dumps({"a": ["\ud83d\ude00"]}))["a"][0]) is str


def test_a_record_built_in_python_with_a_surrogate_is_refused_by_the_text_validator():
    ds = small_dataset(2025)
    with pytest.raises(FieldInvalid, match=r"lone surrogate U\+D800 at character 2") as info:
        attrs.evolve(ds.points[0].enterprise, name="测\ud800试企业")
    assert info.value.name == "name"
    contact = next(c for c in ds.contacts if c.items)
    with pytest.raises(FieldInvalid, match="lone surrogate"):
        attrs.evolve(contact.items[0], text="\udc00")


def test_validate_says_which_field_without_a_traceback(tmp_path, capsys):
    src = tmp_path / "sur.json"
    src.write_text(json.dumps(_with_surrogates()), encoding="utf-8")
    assert main(["validate", str(src), "--format", "json"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["valid"] is False and any(p.startswith(ITEM_TEXT) for p in answer["problems"])
    assert main(["report", str(src), "--month", "2025-01", "--format", "json"]) == 1
    err = capsys.readouterr().err
    # in Chinese under --lang zh, the default, as every other problem (attacker x63)
    assert "Traceback" not in err and "孤立代理字符 U+D800" in err and "lone surrogate" not in err


def test_http_answers_a_surrogate_with_the_invalid_input_problem_not_500():
    body = json.dumps(_with_surrogates()).encode()
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        for url in ("/v1/reports/2025-01", "/v1/reports/2025-01?format=docx", "/v1/assess?year=2025"):
            response = client.post(url, content=body)
            assert response.status_code == 422, url
            assert response.headers["content-type"] == "application/problem+json"
            problem = response.json()
            assert problem["type"] == "urn:softenv:problem:invalid-input"
            assert any(p.startswith(ITEM_TEXT) for p in problem["problems"]), problem
        assert client.post("/v1/validate", content=body).json()["valid"] is False


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (lambda doc: doc.__setitem__("city", "\ud800"), "$.city: expected an object, got str"),
        (lambda doc: doc.__setitem__("counties", "\ud800"), "$.counties: expected a list, got str"),
        (
            lambda doc: doc["points"][0]["enterprise"].__setitem__("employees", "\ud800"),
            "$.points[0] (P-379902-1).enterprise.employees: expected an integer, got str '\\ud800'",
        ),
    ],
)
def test_a_lone_surrogate_where_no_text_belongs_is_named_a_string(place: Any, expected: str) -> None:
    """A text holding a lone surrogate given where an object, a list or a number belongs is a
    string to the caller, as any other text there is: the problem said ``got _Unpaired``, the
    name of the parser's internal marker (attacker x34)."""
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    place(doc)
    problems = _problems(json.dumps(doc))
    assert expected in problems
    assert not any("_Unpaired" in p for p in problems)
