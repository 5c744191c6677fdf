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


@pytest.mark.parametrize("value", [se.Month(2025, 3), se.Year(2025), se.HalfYear(2025, 1)], ids=str)
def test_02_a_period_written_by_to_json_is_read_back(value):
    text = se.to_json(value)
    assert se.from_json(text, type(value)) == value
    assert se.from_json(se.to_json([value, value]), tuple[type(value), ...]) == (value, value)
    with pytest.raises(se.InputError, match=r"\$\.result"):
        se.from_json(text.replace(f'"{value}"', "3"), type(value))


def test_02_the_two_cells_are_documents_of_their_own_names_and_a_union_reads_either():
    shown, cell = se.ShownCount(3, 3), se.ProfileCell("379902", "medium", "private", "industry", 4)
    assert se.to_document(shown)["schema"] == "softenv.shown_count"
    assert se.to_document(cell)["schema"] == "softenv.profile_cell"
    for value in (shown, cell):
        assert se.from_json(se.to_json(value), se.ShownCount | se.ProfileCell) == value
    with pytest.raises(se.InputError, match=r"softenv\.profile_cell") as caught:
        se.from_json(se.to_json(shown), se.ProfileCell)
    assert len(caught.value.problems) == 1  # the schema is named, not the fields one by one
    # A document an older version wrote under the shared name is still read.
    for value in (shown, cell):
        old = se.to_json(value).replace(se.to_document(value)["schema"], "softenv.cell")
        assert se.from_json(old, type(value)) == value
        assert se.from_json(old, se.ShownCount | se.ProfileCell) == value


def test_02_a_record_of_the_dataset_is_no_result_for_to_json(demo):
    for record in (demo.points[0], demo.points[0].enterprise, demo.complaints[0], demo.complaints[0].events[0]):
        with pytest.raises(se.FieldInvalid, match="dataset_json") as caught:
            se.to_json(record)
        assert caught.value.name == "result"
        with pytest.raises(se.FieldInvalid, match="loads_dataset"):
            se.from_json("{}", type(record))
    # A value a public function gives from the model is still a result.
    found = se.classify_size("C13", 300, 5000.0, None)
    assert se.from_json(se.to_json(found), type(found)) == found


def test_03_a_decimal_amount_is_taken_as_the_loader_reads_the_number(demo):
    from decimal import Decimal

    enterprise = demo.points[0].enterprise
    got = attrs.evolve(enterprise, revenue_wan=Decimal("1234.50"), assets_wan=Decimal("880"), employees=Decimal("12"))
    assert (got.revenue_wan, got.assets_wan, got.employees) == (1234.5, 880.0, 12)
    assert type(got.revenue_wan) is float and type(got.employees) is int
    assert got == attrs.evolve(enterprise, revenue_wan=1234.5, assets_wan=880.0, employees=12)
    dataset = attrs.evolve(demo, points=(attrs.evolve(demo.points[0], enterprise=got), *demo.points[1:]))
    se.validate(dataset)
    assert se.loads_dataset(se.dataset_json(dataset)) == dataset
    assert se.classify_size("C13", 300, Decimal("5000"), None) == se.classify_size("C13", 300, 5000.0, None)
    assert se.classify_size("C13", Decimal("300"), None, None) == se.classify_size("C13", 300, None, None)
    for name, value in (
        ("revenue_wan", Decimal("NaN")),
        ("assets_wan", Decimal("-1")),
        ("employees", Decimal("1E+999")),
    ):
        with pytest.raises(se.FieldInvalid) as caught:
            attrs.evolve(enterprise, **{name: value})
        assert caught.value.name == name


@pytest.mark.parametrize("value", [12.0, 12.5, None], ids=["float", "fraction", "none"])
def test_03_employees_is_a_whole_number_when_the_record_is_built(demo, value):
    from decimal import Decimal

    enterprise = demo.points[0].enterprise
    if value is None:
        assert attrs.evolve(enterprise, employees=None).employees is None
        with pytest.raises(se.FieldInvalid, match="whole number") as caught:
            attrs.evolve(enterprise, employees=Decimal("12.5"))
        assert caught.value.name == "employees"
        return
    with pytest.raises(se.FieldInvalid, match=r"whole number.*int\(value\)") as caught:
        attrs.evolve(enterprise, employees=value)
    assert caught.value.name == "employees"


def test_03_an_amount_of_no_number_says_what_to_give(demo):
    with pytest.raises(se.FieldInvalid, match="an int, a float or a Decimal"):
        attrs.evolve(demo.points[0].enterprise, revenue_wan="1234.5")
    with pytest.raises(se.FieldInvalid, match="an int, a float or a Decimal"):
        se.classify_size("C13", 300, "5000", None)


@pytest.mark.parametrize("period", [se.Year(2025), None, 2025.0], ids=["Year", "None", "float"])
def test_05_unit_rates_names_every_period_it_takes(period):
    with pytest.raises(se.FieldInvalid, match=r"a Month, 'YYYY-MM' or a year as a whole number") as caught:
        se.unit_rates([], period)
    assert caught.value.name == "period"
    if isinstance(period, se.Year):
        assert "2025" in caught.value.message.split("got", 1)[0]  # the whole number to give


@pytest.mark.parametrize("reached", [None, ""])
def test_05_a_contact_whose_reached_is_no_boolean_is_told_so_not_that_it_was_false(demo, reached):
    contact = next(c for c in demo.contacts if c.items)
    with pytest.raises(se.FieldInvalid, match="expected true or false") as caught:
        attrs.evolve(contact, reached=reached)
    assert caught.value.name == "reached"
    assert "reached: false" not in str(caught.value)
