"""Integrator i40: a platform importing ``softenv_core`` into another government system, through
its public surface only (``softenv_core``, docs/integration.md, ``softenv serve``)."""

from __future__ import annotations

import concurrent.futures
import copy
import pickle
import subprocess
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import softenv_core as se
from softenv_core.service.app import create_app
from softenv_core.service.config import ServiceConfig
from softenv_core.service.keys import add_key

from .strict_mypy import STRICT_MYPY

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


# --- leftover 1: a naive as_of is FieldInvalid naming it, as every other wrong argument ----------


def _naive_calls(ds: se.Dataset) -> dict[str, Any]:
    naive = datetime(2025, 7, 1, 12)
    sla = se.baseline_sla(ds.complaints[0].kind, se.baseline_parameters(), on=date(2025, 7, 1))
    return {
        "as_of": lambda: se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=naive),
        "as_of ": lambda: se.monitoring_report(ds, "2025-03", audience="city", as_of=naive),
        "at": lambda: se.complaint_status(ds.complaints[0], naive, sla, None),
    }


@pytest.mark.parametrize("name", ["as_of", "as_of ", "at"])
def test_a_naive_instant_is_field_invalid_naming_the_argument(dataset: se.Dataset, name: str) -> None:
    """It was an InputError whose one problem said ``as_of: …`` while a date or a text given as
    ``as_of`` was FieldInvalid naming ``as_of``: a platform mapping FieldInvalid.name to its own
    form field missed it. It stays an InputError too, so that callers that caught that still do."""
    with pytest.raises(se.FieldInvalid) as info:
        _naive_calls(dataset)[name]()
    error = info.value
    assert error.name == name.strip()
    assert isinstance(error, se.InputError) and isinstance(error, se.NaiveInstant)
    assert str(error) == f"{name.strip()}: 2025-07-01T12:00:00 has no UTC offset; give an aware instant"
    assert error.problems == (str(error),)
    assert error.zh is not None and "没有 UTC 偏移" in error.zh and error.details[0].zh == error.zh
    again = pickle.loads(pickle.dumps(error))  # across a process pool, whole
    assert type(again) is se.NaiveInstant and again.name == error.name and again.details == error.details


# --- leftover 2: every error answer of the service is a problem with its Chinese ---------------


def test_the_service_answers_401_with_a_problem_naming_the_header(tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    add_key(keys, "office", ["city"])
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as c:
        for headers in ({}, {"Authorization": "Bearer office.wrong"}, {"Authorization": "Basic x"}):
            answer = c.post("/v1/validate", content=b"{}", headers={**JSON, **headers})
            body = answer.json()
            assert answer.status_code == 401 and answer.headers["content-type"] == "application/problem+json"
            said = "header.authorization: no valid key: give one as Authorization: Bearer ID.SECRET"
            assert body["problems"] == [said]
            (detail,) = body["details"]
            assert detail["path"] == "header.authorization" and detail["zh"].startswith("没有有效的密钥")


@pytest.mark.parametrize(
    ("method", "url", "status", "zh"),
    [
        ("GET", "/v1/nothing", 404, "没有这个路径：/v1/nothing"),
        ("GET", "/v1/assess/", 404, "没有这个路径：/v1/assess/"),
        ("POST", "/v1/plugins", 405, "路径 /v1/plugins 不接受 POST 请求；可用的方法：GET、HEAD"),
        ("DELETE", "/v1/assess", 405, "路径 /v1/assess 不接受 DELETE 请求；可用的方法：POST"),
    ],
)
def test_404_and_405_carry_their_problem_in_chinese(method: str, url: str, status: int, zh: str) -> None:
    with TestClient(create_app()) as c:
        answer = c.request(method, url)
    body = answer.json()
    assert answer.status_code == status and body["status"] == status and body["instance"] == url
    (detail,) = body["details"]
    assert body["problems"] == [detail["message"]] and detail["path"] == ""
    assert detail["zh"].startswith(zh)


def test_503_and_500_carry_their_problem_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(ServiceConfig(max_in_flight=0, retry_after_seconds=7))) as c:
        answer = c.get("/v1/plugins")
    assert answer.status_code == 503 and answer.headers["retry-after"] == "7"
    (detail,) = answer.json()["details"]
    assert "请在 7 秒后重试" in detail["zh"]

    from softenv_core.service import app as app_module

    def broken(*args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app_module, "plugin_rows", broken)
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        answer = c.get("/v1/plugins?year=2025")
    assert answer.status_code == 500 and "secret" not in answer.text
    (detail,) = answer.json()["details"]
    assert detail["message"] == "an unexpected error; the service log has it" and detail["zh"]


# --- what else an integrator trips on: arguments read as something else -----------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        # WorkCalendar("provisional"): the word --provisional and the documents use, kept as text,
        # was a strict calendar (CalendarDataMissing for a year it does not know), not refused.
        (lambda: se.WorkCalendar("provisional"), "mode"),  # type: ignore[arg-type]
        (lambda: se.WorkCalendar(mode="strict"), "mode"),  # type: ignore[arg-type]
        # get_plugin_manager(autoload="no") was true and loaded every installed county plugin.
        (lambda: se.get_plugin_manager(autoload="no"), "autoload"),  # type: ignore[arg-type]
        (lambda: se.get_plugin_manager(autoload=0), "autoload"),  # type: ignore[arg-type]
    ],
)
def test_a_setting_given_as_text_is_refused_naming_it(call: Any, name: str) -> None:
    with pytest.raises(se.FieldInvalid) as info:
        call()
    assert info.value.name == name


def test_the_calendar_modes_and_autoload_flags_still_work() -> None:
    assert se.WorkCalendar(se.CalendarMode.PROVISIONAL) == se.WorkCalendar.provisional()
    assert se.WorkCalendar().mode is se.CalendarMode.STRICT
    assert se.get_plugin_manager(autoload=False).list_name_plugin()[0][0] == "city"


def test_complaint_statuss_ending_is_true_or_false(dataset: se.Dataset) -> None:
    """``ending="no"`` (a flag from a form or a query string) was read as true: the status as at
    the end of a period, not at the instant."""
    c = dataset.complaints[0]
    sla = se.baseline_sla(c.kind, se.baseline_parameters(), on=date(2025, 12, 31))
    at = datetime(2025, 12, 31, 18, tzinfo=se.BEIJING)
    with pytest.raises(se.FieldInvalid) as info:
        se.complaint_status(c, at, sla, None, ending="no")  # type: ignore[arg-type]
    assert info.value.name == "ending"
    assert se.complaint_status(c, at, sla, None, ending=False) == se.complaint_status(c, at, sla, None)


def test_an_appraisal_round_the_dataset_lacks_is_not_found(dataset: se.Dataset) -> None:
    """A look-up by id that finds nothing is NotFound (a KeyError), as ``Assessment.county``,
    ``report_deadline``'s county and ``RoundResult.department`` are; ``appraise`` raised a bare
    SoftenvError, which a platform's ``except KeyError`` (its 404) missed."""
    with pytest.raises(se.NotFound) as info:
        se.appraise(dataset, "R-none", audience=se.CITY_OFFICE)
    assert isinstance(info.value, KeyError) and info.value.key == "R-none"
    assert str(info.value) == "no appraisal round 'R-none' in the dataset"


# --- mypy --strict: what docs/integration.md tells a platform to write for a union ---------------


@pytest.mark.slow  # runs mypy (several seconds)
def test_a_union_read_back_is_typed_as_the_docs_say(tmp_path: Path) -> None:
    """``se.from_json(text, se.Deadline | se.MonthState)`` is ``Any | Deadline`` to mypy (it types
    the value ``A | B`` only in part), so ``got.due_at`` passed mypy for a MonthState; annotated as
    the page now says, mypy asks for the isinstance."""
    (tmp_path / "union.py").write_text(
        "import softenv_core as se\n"
        "got: se.Deadline | se.MonthState = se.from_json('', se.Deadline | se.MonthState)\n"
        "print(got.due_at)\n"
        "if isinstance(got, se.Deadline):\n"
        "    print(got.due_at)\n",
        encoding="utf-8",
    )
    mypy = STRICT_MYPY
    out = subprocess.run([*mypy, "union.py"], cwd=tmp_path, capture_output=True, text=True, check=False).stdout
    assert out.count("error:") == 1, out
    assert 'union.py:3: error: Item "MonthState" of "Deadline | MonthState" has no attribute "due_at"' in out, out


def test_the_problem_schema_requires_a_problem_and_every_error_answer_meets_it(tmp_path: Path) -> None:
    """A client generated from /openapi.json may rely on ``details[0]`` (its ``zh``) in every error
    answer: the schema says at least one, and the answers that named no input keep to it."""
    from jsonschema import Draft202012Validator

    keys = tmp_path / "keys.json"
    add_key(keys, "office", ["city"])
    with TestClient(create_app()) as c:
        schema = c.get("/openapi.json").json()["components"]["schemas"]["Problem"]
        answers = [
            c.get("/v1/nothing"),
            c.delete("/v1/assess"),
            c.post("/v1/assess?year=x", content=b"{}", headers=JSON),
        ]
    with TestClient(create_app(ServiceConfig(keys_file=str(keys)))) as c:
        answers.append(c.get("/v1/plugins"))
    with TestClient(create_app(ServiceConfig(max_in_flight=0))) as c:
        answers.append(c.get("/v1/plugins"))
    assert schema["properties"]["problems"]["minItems"] == 1 and schema["properties"]["details"]["minItems"] == 1
    checker = Draft202012Validator(schema)
    assert [a.status_code for a in answers] == [404, 405, 422, 401, 503]
    for answer in answers:
        checker.validate(answer.json())


# --- a process pool: what an analysis is given must cross too --------------------------------


def _calendars_and_parameters() -> list[Any]:
    supplied = se.YearArrangement(2031, holidays={date(2031, 1, 1)}, workdays=set(), reference="国办发明电〔2030〕X号")
    worked = se.WorkCalendar()
    worked.add_workdays(date(2025, 9, 30), 1)  # its memo filled
    return [worked, se.WorkCalendar.provisional([supplied]), se.baseline_parameters()]


@pytest.mark.parametrize("value", _calendars_and_parameters(), ids=["calendar", "provisional", "parameters"])
def test_a_calendar_and_parameters_pickle_and_copy(value: Any) -> None:
    """docs/integration.md: a platform runs analyses in worker processes. A WorkCalendar (a
    year's supplied arrangement, the provisional mode) or a ParameterSet given to the analysis
    raised ``TypeError: cannot pickle 'mappingproxy' object``, as did ``copy.deepcopy``."""
    for back in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value)):
        assert back == value and type(back) is type(value)
    if isinstance(value, se.WorkCalendar):
        back = pickle.loads(pickle.dumps(value))
        assert back.mode is value.mode and all(
            back.is_workday(d) == value.is_workday(d) for d in (date(2025, 10, 9), date(2025, 10, 11))
        )


def _assessed(dataset: se.Dataset, calendar: se.WorkCalendar, params: Any) -> str:
    return se.assess(dataset, 2025, audience=se.CITY_OFFICE, calendar=calendar, params=params).to_json()


@pytest.mark.slow  # starts a process
def test_an_analysis_with_its_calendar_and_parameters_runs_in_a_worker_process(dataset: se.Dataset) -> None:
    calendar, params = se.WorkCalendar.provisional(), se.baseline_parameters()
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        there = pool.submit(_assessed, dataset, calendar, params).result(timeout=300)
    assert there == _assessed(dataset, calendar, params)


# --- a dataset built in Python: validate's problems carry their Chinese ------------------------


def test_the_type_problems_of_a_dataset_built_in_python_have_their_chinese(dataset: se.Dataset) -> None:
    """``validate(dataset)`` named each wrong field at its ``$.path`` but its ``zh`` was None: a
    platform showing ``zh or message`` showed English for a record its own code built."""
    import attrs

    report = attrs.evolve(dataset.reports[0], month="2025-01")
    contact = attrs.evolve(dataset.contacts[0], date=datetime(2025, 1, 10, tzinfo=se.BEIJING))
    built = attrs.evolve(dataset, reports=(report, *dataset.reports[1:]), contacts=(contact, *dataset.contacts[1:]))
    with pytest.raises(se.InputError) as info:
        se.validate(built)
    found = {d.path: d.zh for d in info.value.details}
    assert found["$.reports[0].month"] == "应为 Month 类型的值，而不是文本 '2025-01'"
    assert (found["$.contacts[0].date"] or "").startswith("应为日期（datetime.date），而不是 datetime ")
