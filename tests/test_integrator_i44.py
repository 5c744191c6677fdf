"""Integrator i44 (a platform's Python backend calling softenv_core, and its HTTP service): a
wrong argument is refused naming the argument the caller gave.

``unit_rates(statuses, 5)`` said ``year: year 5 out of range`` though its docstring names
``period`` and the caller gave no ``year``; ``monitoring_reports`` given bytes said ``month: …
got int 50`` (bytes iterate as numbers) and given a mapping read its keys as the months.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

import softenv_core as se
from softenv_core.testing import small_dataset


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    return small_dataset()


@pytest.mark.parametrize(
    ("period", "said"),
    [(5, "period: year 5 out of range 1900-2999"), (-1, "period: year -1 out of range 1900-2999"), (True, "period: ")],
)
def test_unit_rates_names_period_for_a_year_out_of_range(period: Any, said: str) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.unit_rates([], period)
    assert caught.value.name == "period"
    assert str(caught.value).startswith(said)


def test_unit_rates_keeps_the_chinese_of_a_year_out_of_range() -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.unit_rates([], 5)
    assert caught.value.zh == "年份 5 超出 1900-2999"


def test_a_year_argument_is_still_named_year(dataset: se.Dataset) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.assess(dataset, 5, audience="city")
    assert caught.value.name == "year"


@pytest.mark.parametrize("months", [b"2025", bytearray(b"2025"), {"2025-03": 1}])
def test_monitoring_reports_refuses_what_is_no_list_of_months(dataset: se.Dataset, months: Any) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.monitoring_reports(dataset, months, audience="city")
    assert caught.value.name == "months"
    assert "expected several months" in str(caught.value)


def test_a_dataset_text_read_with_its_bom_loads_as_its_bytes_do() -> None:
    """A Notepad file read with ``encoding="utf-8"`` keeps its BOM as U+FEFF: the loader took the
    bytes and refused the text, ``not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig)``."""
    text = se.dataset_json(small_dataset())
    assert se.loads_dataset("\ufeff" + text) == se.loads_dataset(("\ufeff" + text).encode()) == se.loads_dataset(text)


def test_a_result_text_read_with_its_bom_reads_back(dataset: se.Dataset) -> None:
    assessment = se.assess(dataset, 2025, audience="public")
    assert se.Assessment.from_json("\ufeff" + assessment.to_json()) == assessment
    assert se.from_json("\ufeff" + assessment.to_json(), se.Assessment) == assessment


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff \n"])
def test_a_bom_alone_is_still_the_empty_file(text: str) -> None:
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(text)
    assert caught.value.problems == ("$: the file is empty",)


# --- the service: explain's county= and point= of the form /openapi.json gives them -------------

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.service.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture(scope="module")
def body(dataset: se.Dataset) -> bytes:
    return se.dataset_json(dataset).encode()


@pytest.mark.parametrize(
    ("query", "name", "said"),
    [
        ("county=37990", "county", "expected a six-digit GB/T 2260 code, got '37990'"),
        ("county=%E4%B9%99%E5%8E%BF", "county", "expected a six-digit GB/T 2260 code, got '乙县'"),
        ("county=%EF%BC%93%EF%BC%97%EF%BC%99%EF%BC%99%EF%BC%90%EF%BC%92", "county", "expected a six-digit"),
        ("point=a%20b", "point", "expected a point id (1-64 of A-Z a-z 0-9 _ . : -, starting with a letter or digit)"),
        ("point=P-1%0A", "point", "expected a point id"),
    ],
)
def test_a_malformed_county_or_point_is_422_on_its_name_before_the_body_is_read(
    client: Any, query: str, name: str, said: str
) -> None:
    """/openapi.json gives ``county`` the pattern ``^[0-9]{6}$`` and ``point`` an id's; a value
    outside them was read with the body, assessed, and answered 404 ``no county '37990' in the
    dataset``, where ``deadlines`` refuses the same code as a 422 before any work."""
    response = client.post(f"/v1/explain?year=2025&{query}", content=b"")  # no body: decided before it
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "urn:softenv:problem:invalid-parameter"
    assert problem["details"][0]["path"] == f"query.{name}"
    assert problem["details"][0]["message"].startswith(said)
    assert problem["details"][0]["zh"].startswith("应为")


def test_the_openapi_patterns_are_what_the_service_refuses(client: Any) -> None:
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/v1/explain"]["post"]["parameters"]}
    assert re.fullmatch(params["county"]["schema"]["pattern"].strip("^$"), "37990") is None
    assert re.fullmatch(params["point"]["schema"]["pattern"].strip("^$"), "a b") is None


def test_a_well_formed_county_or_point_the_dataset_lacks_is_still_404(client: Any, body: bytes) -> None:
    for query in ("county=379999", "point=P-nobody"):
        response = client.post(f"/v1/explain?year=2025&{query}", content=body)
        assert response.status_code == 404, response.text
    assert client.post("/v1/explain?year=2025&county=379902", content=body).status_code == 200


def test_a_service_mounted_under_a_prefix_names_it_in_its_openapi_servers(body: bytes) -> None:
    """Mounted by an embedding application, the service's /openapi.json listed its paths from the
    host's root (no ``servers``): a client generated from it called /v1/assess, which the host
    does not route to the service."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    outer = Starlette(routes=[Mount("/softenv", app=create_app())])
    with TestClient(outer) as c:
        document = c.get("/softenv/openapi.json").json()
        assert document["servers"] == [{"url": "/softenv"}]
        path = next(p for p in document["paths"] if p.startswith("/v1/assess"))
        url = document["servers"][0]["url"] + path + "?year=2025&audience=public"
        assert c.post(url, content=body).status_code == 200
        assert c.post("/softenv/v1/nope").json()["instance"] == "/softenv/v1/nope"


def test_a_service_at_the_root_has_no_servers(client: Any) -> None:
    assert "servers" not in client.get("/openapi.json").json()


@pytest.mark.parametrize(
    ("figures", "name"),
    [
        ((5, float("nan"), None), "revenue_wan"),
        ((-5, 100.0, None), "employees"),
        ((5, 100.0, float("inf")), "assets_wan"),
        ((5, -0.5, None), "revenue_wan"),
        ((10**400, 100.0, None), "employees"),
    ],
)
def test_classify_size_refuses_a_figure_no_enterprise_may_hold(figures: tuple[Any, Any, Any], name: str) -> None:
    """NaN fails every bound, so it was classified 微型 (``工业: below the 小型 bounds``), as was a
    negative figure: an Enterprise holding either is refused when built or loaded."""
    with pytest.raises(se.FieldInvalid) as caught:
        se.classify_size("C", *figures)
    assert caught.value.name == name
    assert "must be a non-negative finite number of reasonable size" in str(caught.value)


def test_classify_size_still_classifies_zero_and_large_figures() -> None:
    assert se.classify_size("C", 0, 0.0, None).size == se.Size.MICRO
    assert se.classify_size("C", 5000, 100000.0, None).size == se.Size.LARGE


def test_a_report_as_of_an_instant_before_its_month_began_is_refused_naming_as_of():
    # As of 2020, March 2025's report listed every point 未联系上 and trends of 0 without a word
    # (integrator i44's question 5); an instant from the month's first moment on is the report's.
    from datetime import datetime

    from softenv_core import CITY_OFFICE, Month, get_plugin_manager, monitoring_report, monitoring_reports
    from softenv_core.errors import FieldInvalid
    from softenv_core.model.periods import BEIJING

    ds = small_dataset()
    pm = get_plugin_manager(autoload=False)
    before = datetime(2025, 2, 28, 23, 59, 59, tzinfo=BEIJING)
    with pytest.raises(FieldInvalid) as exc:
        monitoring_report(ds, Month(2025, 3), pm, audience=CITY_OFFICE, as_of=before)
    assert exc.value.name == "as_of" and "before 2025-03 began" in str(exc.value)
    assert (exc.value.zh or "").startswith("--as-of 2025-02-28 23:59 早于 2025-03 的月初")
    at = datetime(2025, 3, 20, tzinfo=BEIJING)
    with pytest.raises(FieldInvalid, match="before 2025-04 began"):
        monitoring_reports(ds, ["2025-03", "2025-04"], pm, audience=CITY_OFFICE, as_of=at)
    first = datetime(2025, 3, 1, tzinfo=BEIJING)
    assert monitoring_report(ds, Month(2025, 3), pm, audience=CITY_OFFICE, as_of=first).as_of == first


def test_contact_overview_refuses_another_audience_as_a_field_invalid_naming_audience():
    # Every other refusal of an audience is a FieldInvalid naming it; this one was a plain
    # SoftenvError (integrator i44's question 6). Its text is unchanged.
    from softenv_core import contact_overview
    from softenv_core.errors import FieldInvalid

    with pytest.raises(FieldInvalid) as exc:
        contact_overview(small_dataset(), "2025-03", audience="county:379902")
    assert exc.value.name == "audience"
    assert str(exc.value).startswith("contact_overview: 仅供") and "audience 'city' only" in str(exc.value)
