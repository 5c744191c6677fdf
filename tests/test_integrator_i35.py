"""Integrator i35: a platform calling softenv_core from its own Python service.

The exported functions refuse a wrong argument with one of the library's errors naming it
(test_argument_surface). The methods of the exported values did not: a calendar asked about
``None``, a month of a text, a parameter set asked at no day, the plugin manager asked for a
plugin it lacks, and records built with a wrong-typed collection or date raised a bare
TypeError, AttributeError, ValueError or KeyError from inside, which a service's
``except SoftenvError`` does not catch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest

import softenv_core as se


@functools.cache
def _point() -> se.MonitoringPoint:
    return se.build_demo(2025, points_per_county=1, counties=1).points[0]


@functools.cache
def _topic() -> se.ResearchTopic:
    return se.ResearchTopic(
        "T-1",
        "办证难",
        events=(se.TopicEvent(se.TopicState.OPENED, date(2025, 3, 1)),),
    )


def _calls() -> dict[str, tuple[Callable[..., Any], str]]:
    """name: (a call with one wrong argument, the argument's name)."""
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    day = date(2025, 3, 3)
    return {
        "is_workday": (lambda: cal.is_workday(None), "day"),
        "is_workday text": (lambda: cal.is_workday("2025-03-03"), "day"),
        "next_workday": (lambda: cal.next_workday(None), "day"),
        "add_workdays day": (lambda: cal.add_workdays(None, 3), "day"),
        "add_workdays n": (lambda: cal.add_workdays(day, None), "n"),
        "add_workdays negative": (lambda: cal.add_workdays(day, -1), "n"),
        "workdays_between start": (lambda: cal.workdays_between(None, day), "start"),
        "workdays_between end": (lambda: cal.workdays_between(day, "2025-03-10"), "end"),
        "source": (lambda: cal.source(None), "year"),
        "with_arrangement": (lambda: cal.with_arrangement(None), "arrangement"),
        "Month.of": (lambda: se.Month.of("2025-03"), "day"),
        "Month.contains": (lambda: se.Month(2025, 3).contains(None), "day"),
        "params.get day": (lambda: params.get("report.due_day", None), "day"),
        "params.get name": (lambda: params.get({}, day), "name"),
        "params.number day": (lambda: params.number("report.due_day", "2025-03-01"), "day"),
        "params.in_force day": (lambda: params.in_force("report.due_day", None), "day"),
        "params.has": (lambda: params.has({}), "name"),
        "params.title": (lambda: params.title([]), "name"),
        "params.since": (lambda: params.since({}), "name"),
        "params.merged": (lambda: params.merged(params), "others"),
        "point.designated_until": (
            lambda: attrs.evolve(_point(), designated_until=5),
            "designated_until",
        ),
        "topic.events": (lambda: attrs.evolve(_topic(), events=5), "events"),
        "topic.findings": (lambda: attrs.evolve(_topic(), findings=None), "findings"),
        "topic.measures": (lambda: attrs.evolve(_topic(), measures=[1]), "measures"),
        "topic.opened": (lambda: attrs.evolve(_topic(), opened="2025-03-01", events=()), "opened"),
        "work_plan.targets": (
            lambda: se.WorkPlan("W-1", "379902", 2025, date(2025, 2, 1), "计划", targets=None),  # type: ignore[arg-type]
            "targets",
        ),
        "arrangement.year": (lambda: se.YearArrangement(None, [date(2025, 1, 1)], []), "year"),  # type: ignore[arg-type]
        "arrangement.holidays": (lambda: se.YearArrangement(2025, None, []), "holidays"),  # type: ignore[arg-type]
        "arrangement.workdays text": (lambda: se.YearArrangement(2025, [], ["2025-01-26"]), "workdays"),
        "arrangement.other year": (lambda: se.YearArrangement(2025, [date(2024, 1, 1)], []), "holidays"),
        "arrangement.both": (
            lambda: se.YearArrangement(2025, [date(2025, 1, 1)], [date(2025, 1, 1)]),
            "workdays",
        ),
    }


NAMES = [
    "is_workday",
    "is_workday text",
    "next_workday",
    "add_workdays day",
    "add_workdays n",
    "add_workdays negative",
    "workdays_between start",
    "workdays_between end",
    "source",
    "with_arrangement",
    "Month.of",
    "Month.contains",
    "params.get day",
    "params.get name",
    "params.number day",
    "params.in_force day",
    "params.has",
    "params.title",
    "params.since",
    "params.merged",
    "point.designated_until",
    "topic.events",
    "topic.findings",
    "topic.measures",
    "topic.opened",
    "work_plan.targets",
    "arrangement.year",
    "arrangement.holidays",
    "arrangement.workdays text",
    "arrangement.other year",
    "arrangement.both",
]


def test_the_table_of_calls_is_whole() -> None:
    assert sorted(_calls()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_argument_to_a_method_is_field_invalid_naming_it(name: str) -> None:
    call, argument = _calls()[name]
    with pytest.raises(se.FieldInvalid) as refused:
        call()
    assert refused.value.name == argument


def test_a_plugin_the_manager_lacks_is_not_found_naming_it() -> None:
    with pytest.raises(se.NotFound) as refused:
        se.city_plugin_manager().meta("no-such-plugin")
    assert refused.value.kind == "plugin" and refused.value.key == "no-such-plugin"
    assert isinstance(refused.value, KeyError)  # as before, for a caller that caught that


def test_the_methods_still_answer_right_arguments() -> None:
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    assert cal.is_workday(date(2025, 1, 26))  # 补班 Sunday
    assert not cal.is_workday(date(2025, 10, 1))
    assert cal.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert cal.workdays_between(date(2025, 10, 9), date(2025, 9, 30)) == -1
    assert se.Month.of(date(2025, 3, 31)) == se.Month(2025, 3)
    assert params.get("report.due_day", date(2025, 3, 1)).value == 5
    assert params.merged([]) == params
    arrangement = se.YearArrangement(2025, [date(2025, 1, 1)], [date(2025, 1, 26)])
    assert se.WorkCalendar(arrangements=[arrangement]).source(2025).name == "supplied"


def _dict_fields(value: Any, name: str, found: set[str], depth: int = 0) -> None:
    """The names of the fields holding a plain (changeable) dict anywhere in ``value``."""
    if depth > 6:
        return
    if type(value) is dict:
        found.add(name)
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            _dict_fields(getattr(value, a.name), a.name, found, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value[:3]:
            _dict_fields(item, name, found, depth + 1)


def test_the_integration_page_names_every_plain_dict_a_result_holds() -> None:
    from pathlib import Path

    ds = se.build_demo(2025, points_per_county=2, counties=2)
    found: set[str] = set()
    _dict_fields(se.monitoring_report(ds, "2025-03", audience=se.CITY_OFFICE), "report", found)
    _dict_fields(se.year_end(ds, 2025, audience=se.CITY_OFFICE), "year_end", found)
    page = (Path(__file__).parent.parent / "docs" / "integration.md").read_text(encoding="utf-8")
    start = page.index("All results are frozen attrs classes")
    paragraph = page[start : page.index("not hashable", start)]
    assert found and not {f for f in found if f"`{f}`" not in paragraph}


@pytest.mark.parametrize("text", ["bogus", "county", "county:", "City", "point:P 1"])
def test_an_audience_written_wrong_is_refused_as_the_audience_argument(text: str) -> None:
    """An audience text that is no audience is a FieldInvalid naming ``audience``, like one of
    the wrong type, so that a platform tells it from a refused dataset by class and field (it
    was a plain SoftenvError, told apart only by its wording: i35's leftover)."""
    with pytest.raises(se.FieldInvalid) as parsed:
        se.Audience.parse(text)
    assert parsed.value.name == "audience"
    assert repr(text)[:40] in parsed.value.message
    ds = se.build_demo(2025, points_per_county=1, counties=1)
    with pytest.raises(se.FieldInvalid) as called:
        se.monitoring_report(ds, "2025-03", audience=text)
    assert called.value.name == "audience"


def test_an_audience_of_an_unknown_kind_names_its_kind() -> None:
    with pytest.raises(se.FieldInvalid) as exc:
        se.Audience("reporter")
    assert exc.value.name == "kind"
    assert "city, county, department, public, point" in exc.value.message
