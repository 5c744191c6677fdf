"""The service's ``audience=county:NAME`` names a county by its name, as the command's
``--audience county:乙县`` does (review c43 item 2: the service took codes only). The name is
resolved against the request's dataset; a name it gives no county, or two, is a 422 problem on
``query.audience`` in the command's words (the nearest names or both codes, and every code);
a key is checked against the county the name resolves to."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs
import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.io.dataset_files import dataset_json
from softenv_core.model.divisions import County, CountyKind
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key
from softenv_core.testing import small_dataset

JSON = {"Content-Type": "application/json"}


def _body(second_name: str | None = None) -> bytes:
    ds = small_dataset(2025)
    if second_name is not None:  # a county set up again under a new code, or another name
        other = County("379903", second_name, CountyKind.COUNTY, f"{second_name}经贸委")
        ds = attrs.evolve(ds, counties=(*ds.counties, other))
    return dataset_json(ds).encode()


def _audience(name: str) -> str:
    return quote(f"county:{name}")


def _problem(answer: Any) -> dict[str, Any]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    doc = json.loads(answer.content)
    assert doc["type"].endswith("invalid-parameter") and doc["details"][0]["path"] == "query.audience"
    return dict(doc["details"][0])


@pytest.mark.parametrize(
    "url",
    [
        "/v1/assess?year=2025",
        "/v1/reports/2025-03?format=json",
        "/v1/yearend?year=2025",
        "/v1/explain?year=2025&county=379921",
    ],
)
def test_a_county_named_by_its_name_is_served_as_by_its_code(url: str) -> None:
    body = _body()
    with TestClient(create_app()) as c:
        by_name = c.post(f"{url}&audience={_audience('乙县')}", content=body, headers=JSON)
        by_code = c.post(f"{url}&audience=county:379921", content=body, headers=JSON)
    assert by_name.status_code == 200, by_name.text
    assert by_name.content == by_code.content
    spaced = _audience(" 乙县 ")  # spaces around the name are the name's, as the command reads it
    with TestClient(create_app()) as c:
        assert c.post(f"{url}&audience={spaced}", content=body, headers=JSON).content == by_code.content


def test_an_unknown_name_lists_the_nearest_names_and_every_code() -> None:
    with TestClient(create_app()) as c:
        answer = c.post(f"/v1/assess?year=2025&audience={_audience('乙')}", content=_body(), headers=JSON)
    detail = _problem(answer)
    assert detail["message"].startswith("no county named '乙' in the dataset; nearest: 379921 (乙县)")
    assert "(county codes: 379902 甲区, 379921 乙县, 379981 丙市)" in detail["message"]
    assert detail["zh"].startswith("数据集中没有名为 '乙' 的县区；最接近的：379921（乙县）")
    assert "（县区代码：379902 甲区、379921 乙县、379981 丙市）" in detail["zh"]


def test_a_name_two_counties_share_is_refused_with_both_codes() -> None:
    with TestClient(create_app()) as c:
        answer = c.post(f"/v1/assess?year=2025&audience={_audience('乙县')}", content=_body("乙县"), headers=JSON)
    detail = _problem(answer)
    assert detail["zh"].startswith("数据集中有 2 个县区名为 '乙县'：379921（")
    assert "、379903（" in detail["zh"] and "请写代码，如 audience=county:379921" in detail["zh"]
    assert "'乙县' names 2 counties of the dataset: 379921 (" in detail["message"]


def test_a_key_is_checked_against_the_county_the_name_resolves_to(tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    mine = {"Authorization": f"Bearer {add_key(keys, 'yi', ['county:379921'])}", **JSON}
    other = {"Authorization": f"Bearer {add_key(keys, 'jia', ['county:379902'])}", **JSON}
    body = _body()
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as c:
        assert (
            c.post(f"/v1/assess?year=2025&audience={_audience('乙县')}", content=body, headers=mine).status_code == 200
        )
        refused = c.post(f"/v1/assess?year=2025&audience={_audience('乙县')}", content=body, headers=other)
    assert refused.status_code == 403
    assert (
        json.loads(refused.content)["details"][0]["zh"]
        == "密钥 'jia' 不可请求阅读范围 county:379921（可请求 county:379902）"
    )


def test_a_malformed_audience_is_still_refused_before_the_body_is_read() -> None:
    with TestClient(create_app()) as c:
        answer = c.post("/v1/assess?year=2025&audience=county:", content=b"{]", headers=JSON)
    assert "的写法不对" in _problem(answer)["zh"]


def test_the_openapi_description_admits_a_name_and_says_so() -> None:
    with TestClient(create_app()) as c:
        doc = c.get("/openapi.json").json()
    param = next(p for p in doc["paths"]["/v1/assess"]["post"]["parameters"] if p["name"] == "audience")
    pattern = re.compile(param["schema"]["pattern"])
    for text in ("county:乙县", "county: 乙县 ", "county:379921", "county:３７９９２１"):
        assert pattern.match(text), text
    for text in ("county:", "county: ", "county:37990", "county:3799 21"):  # digits alone are a code
        assert not pattern.match(text), text
    assert "county:NAME (county:青山县)" in param["description"]


def test_digits_alone_are_refused_as_a_code_not_looked_up_as_a_name() -> None:
    with TestClient(create_app()) as c:
        answer = c.post("/v1/assess?year=2025&audience=county:37990", content=_body(), headers=JSON)
    assert "的写法不对" in _problem(answer)["zh"]
