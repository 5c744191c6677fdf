"""Integrator i49 (a platform that builds the dataset from its own records, as an ORM hands them
back: moments in UTC, amounts as Decimal, NULL as None).

- 1: equal datasets gave results with other bytes: a report's ``submitted_at`` (and every moment
  copied from records into a result) was written in the offset the record carried;
- 2: ``to_json`` wrote documents ``from_json`` refused (``Month``, ``Year``, ``HalfYear``), two
  classes under one schema name (``softenv.cell``), and dataset records as "results";
- 3: a ``Decimal`` amount was refused as "must be a non-negative number"; ``employees=12.0`` was
  taken by the record and refused only by ``validate``;
- 5: two refusals whose words did not fit what was given.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import softenv_core as se


def _remap(obj: Any, moment: Any) -> Any:
    """``obj`` rebuilt with every datetime of its records mapped by ``moment`` (as an ORM gives them)."""
    if attrs.has(type(obj)):
        changes = {}
        for a in attrs.fields(type(obj)):
            if a.init:
                value = getattr(obj, a.name)
                new = _remap(value, moment)
                if new is not value:
                    changes[a.alias] = new
        return attrs.evolve(obj, **changes) if changes else obj
    if isinstance(obj, tuple):
        items = [_remap(x, moment) for x in obj]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    if isinstance(obj, datetime):
        return moment(obj)
    return obj


@pytest.fixture(scope="module")
def demo() -> se.Dataset:
    return se.build_demo()


_MOMENT = re.compile(r'"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?([+-]\d{2}:\d{2}))"')


def _results(dataset: se.Dataset) -> list[Any]:
    pm = se.city_plugin_manager()
    at = datetime(2025, 12, 31, 18, tzinfo=se.BEIJING)
    cal, params = se.WorkCalendar(), se.baseline_parameters()
    statuses = [se.complaint_status(c, at, se.sla_for(pm, dataset, c, cal, params), cal) for c in dataset.complaints]
    return [
        se.assess(dataset, 2025, pm, audience=se.CITY_OFFICE),
        se.assess(dataset, 2025, pm, audience="public"),
        se.monitoring_report(dataset, "2025-03", pm, audience=se.CITY_OFFICE),
        se.year_end(dataset, 2025, pm, audience=se.CITY_OFFICE),
        *statuses,
    ]


@pytest.mark.parametrize("zone", [UTC, ZoneInfo("America/New_York")], ids=["utc", "new_york"])
def test_01_equal_datasets_give_results_of_the_same_bytes_every_moment_in_beijing_time(demo, zone):
    other = _remap(demo, lambda m: m.astimezone(zone))
    assert other == demo
    # The dataset's own JSON keeps the offsets as the records carry them.
    assert '+08:00"' not in se.dataset_json(other).split('"reports"', 1)[1].split('"complaints"', 1)[0]
    for mine, theirs in zip(_results(demo), _results(other), strict=True):
        text = se.to_json(mine)
        assert se.to_json(theirs) == text, type(mine).__name__
        offsets = {m.group(2) for m in _MOMENT.finditer(text)}
        assert offsets <= {"+08:00"}, (type(mine).__name__, offsets)
        back = se.from_json(se.to_json(theirs), type(theirs))
        assert back == theirs
        assert se.to_json(back) == text


def test_01_a_report_row_and_month_status_are_written_in_beijing_time(demo):
    utc = _remap(demo, lambda m: m.astimezone(UTC))
    doc = json.loads(se.monitoring_report(utc, "2025-03", audience=se.CITY_OFFICE).to_json())
    assert all(r["submitted_at"] is None or r["submitted_at"].endswith("+08:00") for r in doc["county_reports"])
    counties = json.loads(se.assess(utc, 2025, audience=se.CITY_OFFICE).to_json())["counties"]
    months = [m for c in counties for m in c["months"]]
    assert any(m["submitted_at"] for m in months)
    assert all(m["submitted_at"] is None or m["submitted_at"].endswith("+08:00") for m in months)
