"""Every free text of the records that reaches a reader outside the city office is screened
(principle 7; attacker 07: a work plan's targets and a waiver's ``decided_by`` were not).

The record classes' free-text fields are found by their validator (``text``, ``optional_text``,
a work plan's targets), not listed by hand: a field added later is found, given a phone number
of its own in every record of the demo dataset, and the city office's, a county's, a
department's and the public's JSON outputs are searched for it. Only the city office may read
it; the others read ``[电话]``.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.redaction import redact_assessment, redact_year_end
from softenv_core.analyses.year_end import year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month
from softenv_core.rules.registry import get_plugin_manager

from .demo_city import demo

PM = functools.partial(get_plugin_manager, autoload=False)

# The validators that mark a field as text a person typed.
_TEXT_VALIDATORS = ("text.<locals>.check", "optional_text.<locals>.check", "_targets")
# Names of public bodies (counties, the city, their offices and departments): published, shown
# to everyone by design. An enterprise's own name is what the screen masks (tests/test_disclosure).
_NAMES = {
    ("City", "name"), ("City", "office"), ("City", "liaison_office"), ("County", "name"),
    ("County", "liaison_office"), ("Department", "name"), ("Enterprise", "name"),
}  # fmt: skip
# What a county reads of its own points by design (rule ``scope``): their liaison persons.
_OWN = {("MonitoringPoint", "liaison_person")}


def _validators(f: attrs.Attribute[Any]) -> list[str]:
    v = f.validator
    inner = getattr(v, "_validators", None) or ([v] if v is not None else [])
    return [getattr(x, "__qualname__", getattr(type(x), "__qualname__", "")) for x in inner]


def _free_text(cls: type) -> list[str]:
    """The fields of record class ``cls`` that hold free text a reader outside the city may be shown."""
    return [
        f.name
        for f in attrs.fields(cls)
        if any(v in _TEXT_VALIDATORS for v in _validators(f)) and (cls.__name__, f.name) not in _NAMES
    ]


def _marked(obj: Any, found: dict[tuple[str, str], str]) -> Any:
    """``obj`` with each free text of its records ending in a phone number of the field's own."""
    if isinstance(obj, tuple):
        return tuple(_marked(x, found) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    texts = _free_text(type(obj))
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if f.name in texts:
            phone = found.setdefault((type(obj).__name__, f.name), f"1390000{len(found):04d}")
            changes[f.name] = (*value, f"走访 {phone}") if isinstance(value, tuple) else f"{value or ''} {phone}"
        elif isinstance(value, tuple) or attrs.has(type(value)):
            changes[f.name] = _marked(value, found)
    return attrs.evolve(obj, **changes)


@functools.cache
def _views() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    found: dict[tuple[str, str], str] = {}
    ds: Dataset = _marked(demo(), found)
    params = baseline_parameters()
    full = assess(ds, 2025, PM(), audience=CITY_OFFICE)
    ye = year_end(ds, 2025, PM(), audience=CITY_OFFICE, assessment=full)
    county = ds.counties[0].code
    views = {}
    for who in (CITY_OFFICE, "public", f"department:{ds.departments[0].id}", f"county:{county}"):
        outputs = [redact_assessment(full, ds, who, params).to_json(), redact_year_end(ye, ds, who, params).to_json()]
        for m in (Month(2025, 3), Month(2025, 6)):
            outputs.append(monitoring_report(ds, m, PM(), audience=who, params=params).to_json())
        views[str(who)] = "\n".join(outputs)
    return found, views


def test_the_free_text_fields_are_found_and_reach_the_city_office() -> None:
    found, views = _views()
    # The two of the finding, among those found by their validator.
    assert {("WorkPlan", "targets"), ("Waiver", "decided_by"), ("Item", "text")} <= set(found)
    shown = {field for field, phone in found.items() if phone in views["city"]}
    assert {("WorkPlan", "targets"), ("Waiver", "decided_by"), ("Item", "text")} <= shown


@pytest.mark.parametrize("who", ["public", "department", "county"])
def test_no_free_text_of_a_record_reaches_another_reader_unscreened(who: str) -> None:
    found, views = _views()
    view = next(v for k, v in views.items() if k.split(":")[0] == who)
    own = _OWN if who == "county" else set()
    leaked = sorted(field for field, phone in found.items() if phone in view and field not in own)
    assert leaked == []
