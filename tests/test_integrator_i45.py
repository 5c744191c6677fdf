"""Integrator i45 (a platform's Python backend that builds the dataset from its own records, not
JSON, then calls softenv_core and its HTTP service).

Two findings:

- a short point id of the platform's own (``P0``) is found by the privacy screen inside a
  county plugin's deadline rule id (``qingshan.report.deadline``): the masked id
  (``qingshan.re[监测点]rt.deadline``) is no id, and every view but the city office's failed,
  ``se.assess(…, audience="public")`` raising ``FieldInvalid: rule_id: invalid id`` and the
  service answering ``/v1/assess?audience=public`` with a 422 ``cannot-answer``;
- ``se.dataset_json`` / ``se.dump_dataset`` of a record built with a value of the wrong type,
  which ``se.validate`` refuses at its ``$.path``, wrote a ``datetime`` where a date belongs as
  its date alone (a contact at 2025-01-31 20:00 UTC, 1 February in Beijing, sent as
  ``2025-01-31``) and raised Python's ``TypeError`` / ``AttributeError`` for a text where a
  date or an enum belongs.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

import softenv_core as se

B = se.BEIJING
CITY = se.City("379900", "测试市")
COUNTIES = (
    se.County("379902", "甲区", se.CountyKind.DISTRICT, "甲区经贸委"),
    se.County("379921", "乙县", se.CountyKind.COUNTY, "乙县经贸委"),  # 青山县's plugin answers its deadlines
)
#: The platform's own enterprise records: (its id, county, credit code).
ENTERPRISES = (
    ("P0", "379902", "91379902MA0000410A"),
    ("P1", "379902", "91379902MA00004297"),
    ("P2", "379921", "91379921MA0000437J"),
)


def _points() -> tuple[se.MonitoringPoint, ...]:
    return tuple(
        se.MonitoringPoint(
            pid,
            se.Enterprise(f"企业{pid}有限公司", uscc, se.Size.SMALL, se.Ownership.PRIVATE, se.Sector.INDUSTRY),
            county,
            se.PointLevel.COUNTY,
            se.Designator.CITY,
            date(2024, 1, 1),
            None,
        )
        for pid, county, uscc in ENTERPRISES
    )


def _records(points: tuple[se.MonitoringPoint, ...]) -> tuple[list[se.Contact], list[se.MonthlyReport]]:
    contacts, reports = [], []
    for m in range(1, 13):
        month = se.Month(2025, m)
        item = (se.Item(se.ItemCategory.ENFORCEMENT, "执法检查频繁", department="city-amr"),)
        for p in points:
            contacts.append(
                se.Contact(
                    f"C-{p.id}-{m}",
                    p.id,
                    date(2025, m, 10),
                    se.ContactMethod.VISIT,
                    p.liaison,
                    True,
                    item if m == 3 else (),
                )
            )
        due = month + 1
        for c in COUNTIES:
            submitted = datetime(due.year, due.month, 2, 9, tzinfo=B)
            reports.append(
                se.MonthlyReport(f"R-{c.code}-{m}", c.code, month, submitted, "张三", nothing_to_report=True)
            )
    return contacts, reports


def build() -> se.Dataset:
    """The dataset as the platform builds it from its tables, record by record."""
    points = _points()
    contacts, reports = _records(points)
    return se.Dataset(
        city=CITY,
        counties=COUNTIES,
        departments=(se.Department("city-amr", "市市场监管局"),),
        points=points,
        contacts=tuple(contacts),
        reports=tuple(reports),
    )


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    built = build()
    se.validate(built)
    return built


@pytest.fixture(scope="module")
def pm() -> se.SoftenvPluginManager:
    return se.get_plugin_manager()


AUDIENCES = ("public", "county:379921", "county:379902", "department:city-amr", "point:P2")


# --- a short point id inside a county plugin's deadline rule id ---------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_audience_is_answered_when_a_point_id_is_inside_a_plugin_s_rule_id(
    dataset: se.Dataset, pm: se.SoftenvPluginManager, audience: str
) -> None:
    assessment = se.assess(dataset, 2025, pm, audience=audience)
    assert se.Assessment.from_json(assessment.to_json()) == assessment
    county = next((c for c in assessment.counties if c.code == "379921"), None)
    if county is not None:  # what the reader is shown of 青山县's deadline: its id withheld, a valid id
        plugin_deadlines = [m.deadline for m in county.months if m.deadline and m.deadline.plugin != "city"]
        assert plugin_deadlines
        assert {d.rule_id for d in plugin_deadlines} == {"withheld"}


def test_the_city_office_still_reads_the_plugin_s_rule_id(dataset: se.Dataset, pm: se.SoftenvPluginManager) -> None:
    county = se.assess(dataset, 2025, pm, audience=se.CITY_OFFICE).county("379921")
    assert {m.deadline.rule_id for m in county.months if m.deadline} == {"qingshan.report.deadline"}


def test_a_rule_id_the_screen_leaves_alone_is_kept(pm: se.SoftenvPluginManager) -> None:
    """Point ids of the programme's form are not inside the rule id: nothing is withheld."""
    renamed = {"P0": "P-379902-1", "P1": "P-379902-2", "P2": "P-379921-1"}
    built = build()
    points = tuple(attrs.evolve(p, id=renamed[p.id]) for p in built.points)
    contacts = tuple(attrs.evolve(c, id=f"X{c.id}", point=renamed[c.point]) for c in built.contacts)
    county = se.assess(attrs.evolve(built, points=points, contacts=contacts), 2025, pm, audience="public").county(
        "379921"
    )
    assert {m.deadline.rule_id for m in county.months if m.deadline} == {"qingshan.report.deadline"}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_report_and_year_end_are_answered_and_read_back(
    dataset: se.Dataset, pm: se.SoftenvPluginManager, audience: str
) -> None:
    at = datetime(2026, 2, 10, 18, tzinfo=B)  # after the year's last report deadline: every audience's view
    report = se.monitoring_report(dataset, "2025-03", pm, audience=audience, as_of=datetime(2025, 4, 30, tzinfo=B))
    assert se.from_json(se.to_json(report), se.MonitoringReport) == report
    year_end = se.year_end(dataset, 2025, pm, audience=audience, as_of=at)
    assert se.YearEnd.from_json(year_end.to_json()) == year_end


# --- the service: the same, over HTTP ------------------------------------------------------------

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from softenv_core.service.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with TestClient(create_app()) as c:
        yield c


@pytest.mark.parametrize("path", ["/v1/assess?year=2025", "/v1/yearend?year=2025", "/v1/reports/2025-03"])
def test_the_service_answers_the_public_with_a_short_point_id(client: Any, dataset: se.Dataset, path: str) -> None:
    answer = client.post(
        f"{path}&audience=public" if "?" in path else f"{path}?audience=public",
        content=se.dataset_json(dataset).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    assert json.loads(answer.text)["audience"] == "public"


# --- dataset_json of a record of the wrong type ---------------------------------------------------


def _with_first_contact(dataset: se.Dataset, **changes: Any) -> se.Dataset:
    # attrs.evolve runs no type check: the platform's ORM value goes in as it is
    return attrs.evolve(dataset, contacts=(attrs.evolve(dataset.contacts[0], **changes), *dataset.contacts[1:]))


def test_a_moment_where_a_date_belongs_is_refused_not_written_as_its_date(dataset: se.Dataset) -> None:
    """31 January 20:00 UTC is 1 February in Beijing: it was written ``2025-01-31``."""
    moment = datetime(2025, 1, 31, 20, tzinfo=UTC)
    wrong = _with_first_contact(dataset, date=moment)
    for write in (se.dataset_json, se.dump_dataset):
        with pytest.raises(se.InputError) as caught:
            write(wrong)
        assert caught.value.problems[0].startswith("$.contacts[0] (C-P0-1).date: expected a date, got datetime")
        assert caught.value.details[0].record_id == "C-P0-1"


@pytest.mark.parametrize("changes", [{"date": "2025-01-10"}, {"items": (("x",),)}])
def test_a_value_of_the_wrong_type_is_the_library_s_error_at_its_path(
    dataset: se.Dataset, changes: dict[str, Any]
) -> None:
    with pytest.raises(se.InputError) as caught:  # was TypeError / AttributeError from the converter
        se.dataset_json(_with_first_contact(dataset, **changes))
    assert caught.value.details[0].path.startswith("$.contacts[0].")


def test_a_dataset_that_only_refers_wrongly_is_still_written(dataset: se.Dataset) -> None:
    """Its problems are the loader's to name (or /v1/validate's): the document is what was built."""
    wrong = _with_first_contact(dataset, point="P9")
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(se.dataset_json(wrong))
    assert caught.value.problems == ("$.contacts[0] (C-P0-1).point: unknown point 'P9'",)


def test_a_valid_dataset_built_in_python_round_trips(dataset: se.Dataset) -> None:
    assert se.loads_dataset(se.dataset_json(dataset)) == dataset
    assert se.loads_dataset(se.dump_dataset(dataset)) == dataset


# --- a real `softenv serve`, called as the platform calls it (slow: it starts a process) ---------


@pytest.mark.slow
def test_the_served_views_agree_with_the_library_and_the_openapi_document_from_threads(dataset: se.Dataset) -> None:
    """Every audience's assessment, report and year end for the dataset with short point ids,
    asked from eight threads at once: each 200 is the library's bytes and valid against its
    OpenAPI schema; each 503 (the in-flight limit) is a problem with Retry-After, as documented."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    from jsonschema import Draft202012Validator

    from .service_server import Server

    body = se.dataset_json(dataset).encode()
    pm = se.get_plugin_manager()
    asks = [
        (f"/v1/assess?year=2025&audience={a}", "assessment", se.assess(dataset, 2025, pm, audience=a).to_json())
        for a in AUDIENCES
    ] + [
        (f"/v1/yearend?year=2025&audience={a}", "yearend", se.year_end(dataset, 2025, pm, audience=a).to_json())
        for a in AUDIENCES
    ]
    server = Server()
    try:
        doc = httpx.get(f"{server.url}/openapi.json").json()

        def validator(name: str) -> Draft202012Validator:
            return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": doc["components"]})

        def ask(i: int) -> tuple[int, httpx.Response]:
            path = asks[i % len(asks)][0]
            for _ in range(20):  # a 503 says when to come back
                answer = httpx.post(
                    server.url + path, content=body, headers={"Content-Type": "application/json"}, timeout=60
                )
                if answer.status_code != 503:
                    return i, answer
                assert answer.headers["content-type"] == "application/problem+json"
                validator("Problem").validate(answer.json())
                __import__("time").sleep(int(answer.headers["retry-after"]) / 10)
            return i, answer

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, range(2 * len(asks))))
    finally:
        server.stop()
    for i, answer in answers:
        _, schema, expected = asks[i % len(asks)]
        assert answer.status_code == 200, answer.text
        assert answer.text == expected
        validator(schema).validate(answer.json())


# --- an as_of given in UTC (the platform's servers keep UTC) --------------------------------------


def _both(make: Any) -> tuple[Any, Any]:
    beijing = datetime(2026, 2, 10, 18, tzinfo=B)
    return make(beijing), make(beijing.astimezone(UTC))


@pytest.mark.parametrize(
    "make",
    [
        lambda ds, t: se.assess(ds, 2025, audience="city", as_of=t),
        lambda ds, t: se.monitoring_report(ds, "2025-03", audience="city", as_of=t),
        lambda ds, t: se.year_end(ds, 2025, audience="city", as_of=t),
    ],
    ids=["assess", "monitoring_report", "year_end"],
)
def test_an_instant_in_utc_gives_the_bytes_of_the_same_instant_in_beijing(dataset: se.Dataset, make: Any) -> None:
    """The two results were equal (``==``) and their documents differed, ``"as_of":
    "2026-02-10T10:00:00+00:00"`` against ``+08:00``: to_json was no function of the value."""
    in_beijing, in_utc = _both(lambda t: make(dataset, t))
    assert in_beijing == in_utc
    assert in_utc.to_json() == in_beijing.to_json()
    assert in_utc.as_of.utcoffset() == B.utcoffset(None)
    assert type(in_utc).from_json(in_utc.to_json()) == in_utc


@pytest.mark.parametrize("path", ["/healthz?probe=1", "/openapi.json?x=1"])
def test_the_routes_outside_v1_read_no_query_as_the_docs_now_say(client: Any, path: str) -> None:
    """docs/integration.md said every operation refuses a parameter it does not list: these two
    ignore any (a load balancer's probe), and the page now says so."""
    assert client.get(path).status_code == 200
    assert "`/healthz` and `/openapi.json` read no query and ignore one" in " ".join(
        (Path(__file__).resolve().parents[1] / "docs" / "integration.md").read_text(encoding="utf-8").split()
    ).replace("\n", " ")
