"""Integrator i42 (a 营商环境 platform importing softenv_core): the errors it shows say what
the caller gave, in English and in the clerk's Chinese.

A look-up that found nothing carried no Chinese; a year end as of an instant before the
programme's parameters are in force stopped on a bare ParameterMissing; a period past 2999
was a plain SoftenvError; a plugin manager pickled with a raw TypeError; ``check_commendation``
refused ``params=None``; the OpenAPI document and the 406 problem said less than the service.
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small-dataset.json"


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


@pytest.fixture(scope="module")
def assessment(dataset: se.Dataset) -> se.Assessment:
    return se.assess(dataset, 2025, audience=se.CITY_OFFICE)


def test_a_county_not_assessed_is_not_found_in_chinese_too(assessment: se.Assessment) -> None:
    with pytest.raises(se.NotFound) as caught:
        assessment.county("999999")
    assert str(caught.value) == "no county '999999' in the 2025 assessment"
    assert caught.value.zh == "2025 年考核结果中没有县区 '999999'"
    with pytest.raises(se.NotFound) as point:
        assessment.point("P-none")
    assert point.value.zh == "2025 年考核结果中没有监测点 'P-none'"


def test_every_not_found_has_its_chinese_and_keeps_it_pickled(dataset: se.Dataset) -> None:
    calls = {
        "数据集中没有县区 '999999'": lambda: se.report_deadline(dataset, "999999", "2025-03"),
        "数据集中没有万人评议轮次 'R-none'": lambda: se.appraise(dataset, "R-none", audience=se.CITY_OFFICE),
        "插件管理器中没有插件 'nobody'": lambda: se.get_plugin_manager().meta("nobody"),
    }
    for zh, call in calls.items():
        with pytest.raises(se.NotFound) as caught:
            call()
        assert caught.value.zh == zh
        assert pickle.loads(pickle.dumps(caught.value)).zh == zh


def test_a_year_end_before_its_parameters_names_as_of(dataset: se.Dataset) -> None:
    early = datetime(2020, 6, 1, tzinfo=se.BEIJING)
    assert se.assess(dataset, 2025, audience=se.CITY_OFFICE, as_of=early).as_of == early  # answers
    with pytest.raises(se.FieldInvalid) as caught:
        se.year_end(dataset, 2025, audience=se.CITY_OFFICE, as_of=early)
    assert caught.value.name == "as_of"
    assert "'roster.county_sectors' from 2022-03-01" in caught.value.message
    assert "give an instant from 2022-03-01" in caught.value.message
    assert caught.value.zh is not None and "2022-03-01" in caught.value.zh
    # From the parameters' first day, the year end answers.
    first = datetime(2022, 3, 1, tzinfo=se.BEIJING)
    assert se.year_end(dataset, 2025, audience=se.CITY_OFFICE, as_of=first).as_of == first


@pytest.mark.parametrize("build", [lambda: se.Month(3000, 1), lambda: se.Year(3000), lambda: se.HalfYear(1899, 2)])
def test_a_period_past_the_years_is_field_invalid_naming_year(build: Any) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        build()
    assert caught.value.name == "year"
    assert caught.value.message.endswith("out of range 1900-2999")


def test_the_loaders_path_message_for_year_3000_is_unchanged() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["reports"][0]["month"] = "3000-01"
    with pytest.raises(se.InputError) as caught:
        se.loads_dataset(json.dumps(document))
    (problem,) = [p for p in caught.value.details if p.path == "$.reports[0].month"]
    assert problem.message == "year 3000 out of range 1900-2999"


PROVISIONAL = se.WorkCalendar(mode=se.CalendarMode.PROVISIONAL)  # no official 2999: reach the year itself


def test_december_2999s_deadline_names_the_month_the_caller_gave(dataset: se.Dataset) -> None:
    calls = {
        "month": lambda: se.report_deadline(dataset, "379902", "2999-12", calendar=PROVISIONAL),
        "year": lambda: se.assess(dataset, 2999, audience=se.CITY_OFFICE, calendar=PROVISIONAL),
    }
    for name, call in calls.items():
        with pytest.raises(se.FieldInvalid) as caught:
            call()
        assert caught.value.name == name
        assert "the answer reaches 3000" in caught.value.message
        assert "past the library's years 1900-2999" in caught.value.message
        assert caught.value.zh is not None and "3000 年" in caught.value.zh
    with pytest.raises(se.FieldInvalid) as report:
        se.monitoring_report(dataset, "2999-12", audience=se.CITY_OFFICE, calendar=PROVISIONAL)
    assert report.value.name == "month"
    with pytest.raises(se.FieldInvalid) as year_end:
        se.year_end(dataset, 2999, audience=se.CITY_OFFICE, calendar=PROVISIONAL)
    assert year_end.value.name == "year"
    # November's falls due in December: answered.
    assert isinstance(se.report_deadline(dataset, "379902", "2999-11", calendar=PROVISIONAL), se.Deadline)


def test_a_plugin_manager_pickled_says_to_build_it_in_the_worker() -> None:
    pm = se.get_plugin_manager()
    for refused in (pickle.dumps, copy.deepcopy):
        with pytest.raises(se.FieldInvalid) as caught:
            refused(pm)
        assert isinstance(caught.value, TypeError)  # as pickle's own refusal
        assert caught.value.name == "plugin_manager"
        assert "build it in the worker" in caught.value.message
        assert "se.get_plugin_manager()" in caught.value.message
        assert caught.value.zh is not None and "工作进程" in caught.value.zh
    shallow = copy.copy(pm)  # copied as before: the same plugins
    assert shallow.plugins_meta() == pm.plugins_meta()


def test_the_openapi_document_lists_the_413_the_get_operations_answer() -> None:
    with warnings.catch_warnings():  # Starlette 1 prefers httpx2 for its test client; httpx works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from softenv_core.service.app import create_app
    from softenv_core.service.config import ServiceConfig

    with TestClient(create_app(ServiceConfig(max_body_bytes=1000))) as c:
        paths = c.get("/openapi.json").json()["paths"]
        for url, path in (
            ("/v1/plugins?year=2025", "/v1/plugins"),
            ("/v1/deadlines/379902/2025-03", "/v1/deadlines/{county}/{month}"),
        ):
            response = c.request("GET", url, content=b" " * 5000)
            assert response.status_code == 413
            assert response.json()["type"] == "urn:softenv:problem:too-large"
            assert "413" in paths[path]["get"]["responses"], path


def test_the_406_chinese_says_what_is_no_media_range(client: Any) -> None:
    response = client.get("/v1/plugins?year=2025", headers={"Accept": "json"})
    assert response.status_code == 406
    (detail,) = response.json()["details"]
    assert "('json' is no media range type/subtype[;q=0-1])" in detail["message"]
    assert detail["zh"] == "'json' 不接受 application/json（'json' 不是媒体类型范围，应写作 类型/子类型[;q=0-1]）"


def test_check_commendation_takes_none_as_the_city_baseline(dataset: se.Dataset, assessment: se.Assessment) -> None:
    given = se.check_commendation(dataset, assessment, se.baseline_parameters(), audience=se.CITY_OFFICE)
    assert se.check_commendation(dataset, assessment, None, audience=se.CITY_OFFICE) == given
    assert se.check_commendation(dataset, assessment, audience=se.CITY_OFFICE) == given
    with pytest.raises(se.FieldInvalid) as caught:  # a wrong type is still named
        se.check_commendation(dataset, assessment, "city", audience=se.CITY_OFFICE)  # type: ignore[arg-type]
    assert caught.value.name == "params"
