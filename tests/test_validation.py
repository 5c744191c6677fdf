"""Datasets built in Python are checked as files are: validate(), and analyses that refuse
an invalid dataset (checked once per object, remembered)."""

import gc
import json
import threading

import attrs
import pytest
from hypothesis import given

from softenv_core import (
    CITY_OFFICE,
    County,
    CountyKind,
    FieldInvalid,
    InputError,
    Month,
    NotFound,
    SoftenvError,
    assess,
    dump_dataset,
    load_dataset,
    loads_dataset,
    monitoring_report,
    validate,
    year_end,
)
from softenv_core.io import checked, validation
from softenv_core.io.dataset_warnings import dataset_warnings
from softenv_core.model.points import Designator, PointLevel
from softenv_core.testing import datasets, small_dataset
from softenv_core.testing.record_strategies import points

from .weights import HEAVY


def _problems(dataset) -> tuple[str, ...]:
    with pytest.raises(InputError) as info:
        validate(dataset)
    return info.value.problems


def test_a_month_given_as_text_is_refused_not_scored_as_missing():
    ds = small_dataset(2025)
    january = next(i for i, r in enumerate(ds.reports) if r.month == Month(2025, 1))
    reports = list(ds.reports)
    reports[january] = attrs.evolve(reports[january], month="2025-01")  # attrs does not check types
    bad = attrs.evolve(ds, reports=reports)
    shown = f"$.reports[{january}] ({reports[january].id}).month"
    assert _problems(bad) == (f"{shown}: expected Month, got str '2025-01'",)
    for analysis in (
        lambda: assess(bad, 2025, audience=CITY_OFFICE),
        lambda: monitoring_report(bad, Month(2025, 1), audience=CITY_OFFICE),
        lambda: year_end(bad, 2025, audience=CITY_OFFICE),
    ):
        with pytest.raises(InputError, match=r"\$\.reports\[\d+\] \([^)]+\)\.month"):
            analysis()


def test_a_point_in_an_unknown_county_gives_the_loaders_problem_at_the_same_path():
    ds = small_dataset(2025)
    points = list(ds.points)
    points[1] = attrs.evolve(points[1], county="379999")
    bad = attrs.evolve(ds, points=points)
    problems = _problems(bad)
    assert problems == ("$.points[1] (P-379902-2).county: unknown county '379999'",)
    with pytest.raises(InputError) as loaded:
        loads_dataset(dump_dataset(bad))  # the same document through the loader
    assert loaded.value.problems == problems
    with pytest.raises(InputError, match="unknown county"):
        assess(bad, 2025, audience=CITY_OFFICE)


def test_a_county_among_the_points_is_refused():
    ds = small_dataset(2025)
    bad = attrs.evolve(ds, points=(*ds.points, ds.counties[0]))
    n = len(ds.points)
    (problem,) = _problems(bad)
    assert problem.startswith(f"$.points[{n}]: expected MonitoringPoint, got County County(code='379902'")


def test_nested_fields_and_every_problem_are_reported_with_paths():
    ds = small_dataset(2025)
    contact = ds.contacts[0]
    contacts = list(ds.contacts)
    contacts[0] = attrs.evolve(contact, reached="yes", items=(*contact.items, "an item"))
    contacts[1] = attrs.evolve(ds.contacts[1], point="P-nowhere")
    problems = _problems(attrs.evolve(ds, contacts=contacts))
    k = len(contact.items)
    assert problems == (
        "$.contacts[0] (C-P-379902-1-2025-01).reached: expected true or false, got str 'yes'",
        f"$.contacts[0] (C-P-379902-1-2025-01).items[{k}]: expected Item, got str 'an item'",
        "$.contacts[1] (C-P-379902-1-2025-02).point: unknown point 'P-nowhere'",
    )


def test_a_valid_dataset_passes_and_is_checked_once(monkeypatch):
    calls = []
    real = validation.dataset_problems
    monkeypatch.setattr(validation, "dataset_problems", lambda d: calls.append(d) or real(d))
    ds = small_dataset(2025)  # built in Python: never checked
    assert checked.recall(ds) is None
    assess(ds, 2025, audience=CITY_OFFICE)
    assess(ds, 2025, audience=CITY_OFFICE)
    monitoring_report(ds, Month(2025, 3), audience=CITY_OFFICE)
    validate(ds)
    assert calls == [ds]  # once, then remembered
    assert checked.recall(ds) == ()


def test_a_loaded_dataset_is_not_checked_again(monkeypatch, tmp_path):
    monkeypatch.setattr(validation, "dataset_problems", lambda d: pytest.fail("checked again"))
    path = tmp_path / "d.json"
    path.write_text(json.dumps(dump_dataset(small_dataset(2025))), encoding="utf-8")
    assess(load_dataset(str(path)), 2025, audience=CITY_OFFICE)  # a str path
    assess(load_dataset(path), 2025, audience=CITY_OFFICE)  # a Path
    assess(loads_dataset(path.read_text(encoding="utf-8")), 2025, audience=CITY_OFFICE)  # JSON text


def test_an_invalid_dataset_is_refused_every_time_without_checking_again(monkeypatch):
    ds = small_dataset(2025)
    bad = attrs.evolve(ds, points=(*ds.points, ds.counties[0]))
    first = _problems(bad)
    monkeypatch.setattr(validation, "dataset_problems", lambda d: pytest.fail("checked again"))
    with pytest.raises(InputError) as again:
        assess(bad, 2025, audience=CITY_OFFICE)
    assert again.value.problems == first


def test_what_is_remembered_goes_with_the_dataset():
    ds = small_dataset(2025)
    validate(ds)
    key = id(ds)
    assert key in checked._table
    del ds
    gc.collect()
    assert key not in checked._table


def test_checking_from_several_threads_gives_one_answer():
    datasets_ = [small_dataset(2025) for _ in range(4)]
    errors = []

    def work(d):
        try:
            for _ in range(3):
                validate(d)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in datasets_ for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and all(checked.recall(d) == () for d in datasets_)


def test_load_dataset_takes_a_path_and_json_text_goes_to_loads_dataset():
    text = json.dumps(dump_dataset(small_dataset(2025)))
    with pytest.raises(InputError, match="loads_dataset"):
        load_dataset(text)
    with pytest.raises(TypeError, match="loads_dataset"):
        load_dataset(text.encode())  # type: ignore[arg-type]
    with pytest.raises(InputError, match="cannot read"):
        load_dataset("no/such/file.json")
    with pytest.raises(InputError, match="holds no NUL"):  # a bare ValueError before (attacker x35)
        load_dataset("a\x00b.json")
    assert loads_dataset(text) == loads_dataset(text.encode()) == loads_dataset(json.loads(text))


def test_field_validators_raise_errors_of_the_library():
    with pytest.raises(FieldInvalid) as info:
        County(code="bad code!", name="x", kind="district", liaison_office="y")
    assert isinstance(info.value, SoftenvError) and isinstance(info.value, TypeError)
    assert isinstance(info.value, ValueError) and info.value.name == "code"


def test_looking_up_an_unknown_county_or_point_is_a_clear_key_error():
    result = assess(small_dataset(2025), 2025, audience=CITY_OFFICE)
    for lookup, key, kind in ((result.county, "379999", "county"), (result.point, "P-none", "point")):
        with pytest.raises(NotFound) as info:
            lookup(key)
        assert isinstance(info.value, KeyError) and isinstance(info.value, SoftenvError)
        assert (info.value.kind, info.value.key) == (kind, key)
        assert str(info.value) == f"no {kind} {key!r} in the 2025 assessment"  # not quoted as KeyError would
    with pytest.raises(KeyError):
        result.county("379999")


@HEAVY
@given(datasets())
def test_generated_datasets_are_valid_and_the_loader_agrees(dataset):
    validate(dataset)
    loads_dataset(dump_dataset(dataset))
    # Nor warned of for who designated a point: the strategies are what plugin authors test on.
    assert not [w for w in dataset_warnings(dataset) if "designated_by" in w or ").by:" in w]


@given(points())
def test_the_shipped_point_strategy_draws_a_city_level_point_designated_by_the_city(point):
    """A 市直 point is designated by the city (四(二)): ``points()`` drew level and designator
    independently, so one in six was a 市直 point "added by the county", which loading warns of."""
    assert point.level is not PointLevel.CITY or point.designated_by is Designator.CITY


def test_amendments_are_ordered_by_the_instant_in_a_summer_time_zone():
    """2025-11-02 01:00-02:00 comes twice in New York: 01:50 (fold 0) is 05:50 UTC, 01:10 (fold
    1) is 06:10 UTC. An amendment at the second is later, though its clock reads earlier; one
    at the first, after a submission at the second, is earlier and named."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from softenv_core.model.reports import Amendment, MonthlyReport

    try:
        ny = ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:  # pragma: no cover - a machine without a time zone database
        pytest.skip("no time zone database (tzdata) on this machine")
    early, late = datetime(2025, 11, 2, 1, 50, tzinfo=ny), datetime(2025, 11, 2, 1, 10, fold=1, tzinfo=ny)
    base = small_dataset()
    county = base.counties[0].code

    def with_report(submitted: datetime, amended: datetime):
        report = MonthlyReport(
            "R-ny",
            county,
            Month(2025, 10),
            submitted,
            "经办人",
            nothing_to_report=True,
            amendments=(Amendment(amended, "经办人", nothing_to_report=True),),
        )
        return attrs.evolve(base, reports=(report,))

    validate(with_report(early, late))  # later by the instant: accepted
    problems = _problems(with_report(late, early))
    assert any("amendments[0].submitted_at: earlier than the submission before it" in p for p in problems)


def test_a_county_s_kind_given_as_text_is_refused_when_the_record_is_made():
    """i36: ``County(kind="district")`` was accepted and refused only by ``validate()``, where
    ``Item(category="difficulty")`` is refused at once; every enum field of the records now is."""
    with pytest.raises(FieldInvalid) as caught:
        County("379902", "东城区", "district", "东城区经贸委")  # type: ignore[arg-type]
    assert caught.value.name == "kind" and "CountyKind.DISTRICT" in str(caught.value)
    assert County("379902", "东城区", CountyKind.DISTRICT, "东城区经贸委").kind is CountyKind.DISTRICT
