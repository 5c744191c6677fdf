"""Integrator i42 (a 营商环境 platform importing softenv_core): the errors it shows say what
the caller gave, in English and in the clerk's Chinese.

A look-up that found nothing carried no Chinese; a year end as of an instant before the
programme's parameters are in force stopped on a bare ParameterMissing; a period past 2999
was a plain SoftenvError; a plugin manager pickled with a raw TypeError; ``check_commendation``
refused ``params=None``; the OpenAPI document and the 406 problem said less than the service.
"""

from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path

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
