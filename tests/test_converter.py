"""The one serialization path (io/converter.py): a shared converter built once, and
``to_json`` / ``from_json`` giving back equal typed results."""

from __future__ import annotations

import json
import threading
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.monitoring_report import MonitoringReport, monitoring_report
from softenv_core.analyses.representativeness import Representativeness
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.demo import build_demo
from softenv_core.errors import InputError
from softenv_core.io import converter
from softenv_core.io.converter import from_json, shared_converter, to_json
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.registry import get_plugin_manager
from softenv_core.testing.strategies import datasets

from .weights import examples


@lru_cache(maxsize=1)
def _demo() -> tuple[Dataset, Assessment]:
    dataset = build_demo(2025, points_per_county=6)
    return dataset, assess(dataset, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)


def test_the_shared_converter_is_built_once_even_when_threads_ask_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(converter, "_SHARED", {})
    built: list[object] = []
    real = converter.make_converter

    def counting(*, detailed: bool = True) -> object:
        built.append(detailed)
        return real(detailed=detailed)

    monkeypatch.setattr(converter, "make_converter", counting)
    start = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        start.wait()
        seen.append(shared_converter())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [True] and len({id(c) for c in seen}) == 1
    assert shared_converter(detailed=False) is not seen[0] and built == [True, False]


def test_results_delegate_to_the_one_path_and_begin_with_schema_and_version() -> None:
    dataset, assessment = _demo()
    report = monitoring_report(dataset, Month(2025, 3), get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    yearly = year_end(dataset, 2025, get_plugin_manager(autoload=False), assessment=assessment, audience=CITY_OFFICE)
    for result, schema in (
        (assessment, "softenv.assessment"),
        (report, "softenv.monitoring_report"),
        (yearly, "softenv.yearend"),
        (yearly.roster_before, "softenv.representativeness"),
        (yearly.appraisal[0], "softenv.appraisal"),
    ):
        text = result.to_json()
        assert text == to_json(result)
        assert list(json.loads(text))[:2] == ["schema", "version"]
        assert json.loads(text)["schema"] == schema


def test_assessment_report_and_year_end_come_back_equal_from_their_json() -> None:
    dataset, assessment = _demo()
    pm = get_plugin_manager(autoload=False)
    assert Assessment.from_json(assessment.to_json()) == assessment
    for month in (Month(2025, 2), Month(2025, 10)):
        for audience in ("city", "public", f"county:{dataset.counties[0].code}"):
            report = monitoring_report(dataset, month, pm, audience=audience)
            again = MonitoringReport.from_json(report.to_json())
            assert again == report and again.to_json() == report.to_json()
    yearly = year_end(dataset, 2025, pm, assessment=assessment, audience=CITY_OFFICE)
    assert YearEnd.from_json(yearly.to_json()) == yearly
    assert from_json(yearly.roster_before.to_json(), Representativeness) == yearly.roster_before


def test_from_json_refuses_another_schema_or_a_broken_document_with_paths() -> None:
    _, assessment = _demo()
    with pytest.raises(InputError) as wrong:
        YearEnd.from_json(assessment.to_json())
    assert any(p.startswith("$.schema: expected 'softenv.yearend'") for p in wrong.value.problems)
    doc = json.loads(assessment.to_json())
    doc["points"][0]["total"] = "lots"
    with pytest.raises(InputError) as broken:
        Assessment.from_json(json.dumps(doc))
    assert any(p.startswith("$.points[0].total") for p in broken.value.problems)


@settings(max_examples=examples(10), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets(max_counties=2, max_points=3))
def test_round_trip_gives_back_an_equal_assessment_and_report_for_any_dataset(dataset: Dataset) -> None:
    year = dataset.reports[0].month.year if dataset.reports else 2025
    pm = get_plugin_manager(autoload=False)
    assessment = assess(dataset, year, pm, audience=CITY_OFFICE)
    assert Assessment.from_json(assessment.to_json()) == assessment
    report = monitoring_report(dataset, Month(year, 6), pm, audience=CITY_OFFICE)
    assert MonitoringReport.from_json(report.to_json()) == report
