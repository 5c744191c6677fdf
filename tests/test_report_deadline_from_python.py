"""A county's report deadline (月报截止) from Python (integrator i36). `softenv deadline` and
`GET /v1/deadlines/{county}/{month}` answer it, but the library offered no function: an OA
system reminding counties before the 5th imported ``resolve_deadline`` from
``softenv_core.engine.resolution`` (or ``month_deadline`` from ``analyses.county_months``),
built a County itself and chose the parameters. ``report_deadline`` is the assessment's own
rule, with its county plugin, as the command and the service answer it."""

import json
from datetime import date
from pathlib import Path

import pytest

import softenv_core as se
from softenv_core.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


@pytest.fixture(scope="module")
def dataset():
    return se.load_dataset(EXAMPLE)


def test_it_is_the_deadline_the_assessment_judged_each_month_by(dataset):
    assessment = se.assess(dataset, 2025, audience=se.CITY_OFFICE)
    for county in assessment.counties:
        for status in county.months:
            due = se.report_deadline(dataset, county.code, status.month)
            assert isinstance(due, se.Deadline)
            assert due == status.deadline, (county.code, status.month)


def test_a_county_plugin_sets_its_own_and_without_one_the_city_baseline_applies(dataset):
    pm = se.get_plugin_manager()
    own = se.report_deadline(dataset, "379921", "2025-03", pm)  # 青山县: the 3rd
    city = se.report_deadline(dataset, "379921", se.Month(2025, 3))
    assert isinstance(own, se.Deadline) and isinstance(city, se.Deadline)
    assert own.rule_id == "qingshan.report.deadline" and city.rule_id == "city.report.deadline"
    assert own.due_at < city.due_at


def test_it_is_what_softenv_deadline_prints(dataset, capsys):
    args = ["deadline", "--month", "2025-03", "--county", "379921", "--dataset", str(EXAMPLE), "--format", "json"]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    from softenv_core.io.converter import shared_converter

    due = se.report_deadline(dataset, "379921", "2025-03", se.get_plugin_manager())
    assert printed["deadline"] == shared_converter().unstructure(due)


def test_a_month_not_owed_says_why(dataset):
    assert se.report_deadline(dataset, "379902", "2021-06") is se.MonthState.NOT_IN_FORCE
    import attrs

    later = se.County("379903", "丙区", se.CountyKind("district"), "丙区经贸委", effective_from=date(2026, 1, 1))
    grown = attrs.evolve(dataset, counties=(*dataset.counties, later))
    assert se.report_deadline(grown, "379903", "2025-03") is se.MonthState.NOT_OWED
    assert isinstance(se.report_deadline(grown, "379903", "2026-01"), se.Deadline)


def test_wrong_arguments_are_named(dataset):
    with pytest.raises(se.NotFound, match="no county '379999' in the dataset"):
        se.report_deadline(dataset, "379999", "2025-03")
    with pytest.raises(se.FieldInvalid, match=r"^month: "):
        se.report_deadline(dataset, "379902", "2025-3")
    with pytest.raises(se.FieldInvalid, match=r"^dataset: "):
        se.report_deadline({}, "379902", "2025-03")  # type: ignore[arg-type]
    with pytest.raises(se.FieldInvalid, match=r"^calendar: "):
        se.report_deadline(dataset, "379902", "2025-03", calendar="strict")  # type: ignore[arg-type]
