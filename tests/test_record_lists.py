"""A record's own collections built from lists (integrator i48: an ORM mapping writes lists) are
made tuples when the record is made, as a dataset's are: ``Contact(items=[...])`` was accepted
and then refused by ``validate`` as ``$.contacts[0].items: expected a tuple, got list``. What is
no list of values (text, a mapping, None, a number) is refused when the record is made, naming
the field: ``tuple("...")`` would have been its letters, ``tuple({...})`` its keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given

import softenv_core as se
from softenv_core.errors import FieldInvalid
from softenv_core.io.fast_structure import _writable
from softenv_core.model.complaints import Complaint
from softenv_core.model.guarantees import WorkPlan
from softenv_core.model.periods import Month
from softenv_core.model.points import MonitoringPoint
from softenv_core.model.reports import Amendment, Contact, MonthlyReport
from softenv_core.model.roster import Filing, ResearchTopic
from softenv_core.testing import beijing, small_dataset
from softenv_core.testing.builders import make_complaint, monthly_report
from softenv_core.testing.strategies import datasets

from .weights import HEAVY

#: Each record type with a collection of its own, and those collections.
OWN = {
    Complaint: ("events",),
    Contact: ("items",),
    Amendment: ("items",),
    MonthlyReport: ("items", "amendments"),
    Filing: ("changes",),
    ResearchTopic: ("evidence", "events", "findings", "measures"),
    WorkPlan: ("targets",),
    MonitoringPoint: ("former_liaison_persons",),
}


def _examples() -> dict[type, Any]:
    ds = small_dataset(2025)
    item = next(i for c in ds.contacts for i in c.items)
    report = monthly_report("379902", Month(2025, 3), beijing(2025, 4, 3), items=(item,))
    amendment = Amendment(beijing(2025, 4, 4), "经办人", items=(item,))
    return {
        Complaint: make_complaint("Q-2025-0001", ds.points[0].id, beijing(2025, 3, 3)),
        Contact: next(c for c in ds.contacts if c.items),
        Amendment: amendment,
        MonthlyReport: attrs.evolve(report, amendments=(amendment,)),
        MonitoringPoint: ds.points[0],
        Filing: Filing("F1", "379902", date(2025, 3, 1), ("R1",)),
        ResearchTopic: ResearchTopic("T1", "专项", opened=date(2025, 3, 1), evidence=("Q-1",)),
        WorkPlan: WorkPlan("W1", "379902", 2025, date(2025, 1, 10), "计划", targets=("走访",)),
    }


@pytest.mark.parametrize("cls", list(OWN), ids=lambda c: c.__name__)
def test_lists_make_the_same_record_as_tuples(cls: type) -> None:
    record = _examples()[cls]
    for name in OWN[cls]:
        value = getattr(record, name)
        made = attrs.evolve(record, **{name: list(value)})
        assert type(getattr(made, name)) is tuple and made == record, name


def test_a_dataset_of_records_built_from_lists_validates() -> None:
    ds = small_dataset(2025)
    listed = attrs.evolve(
        ds,
        contacts=[attrs.evolve(c, items=list(c.items)) for c in ds.contacts],
        complaints=[attrs.evolve(c, events=list(c.events)) for c in ds.complaints],
        reports=[attrs.evolve(r, items=list(r.items), amendments=list(r.amendments)) for r in ds.reports],
    )
    se.validate(listed)  # raised: $.contacts[0].items: expected a tuple, got list
    assert listed == ds


@pytest.mark.parametrize("value", ["Q-1", b"Q-1", {"a": 1}, None, 3])
@pytest.mark.parametrize("cls", list(OWN), ids=lambda c: c.__name__)
def test_what_is_no_list_of_values_is_refused_naming_the_field(cls: type, value: object) -> None:
    record = _examples()[cls]
    for name in OWN[cls]:
        with pytest.raises(FieldInvalid, match=rf"^{name}: expected a list or tuple, got {type(value).__name__}$"):
            attrs.evolve(record, **{name: value})


@pytest.mark.parametrize("kind", [set, frozenset])
@pytest.mark.parametrize("cls", list(OWN), ids=lambda c: c.__name__)
def test_a_set_is_refused_for_it_has_no_order(cls: type, kind: type) -> None:
    """A set made a tuple took the order of the process's hash seed: the dataset's document and
    what a follow-up naming an item by its place refers to changed from run to run (r57 01)."""
    record = _examples()[cls]
    for name in OWN[cls]:
        with pytest.raises(FieldInvalid, match=rf"^{name}: expected a list or tuple, got {kind.__name__} \(no order"):
            attrs.evolve(record, **{name: kind(getattr(record, name))})


def test_a_dataset_given_a_set_of_records_is_refused() -> None:
    ds = small_dataset(2025)
    with pytest.raises(FieldInvalid, match=r"^points: expected a list or tuple, got set"):
        attrs.evolve(ds, points=set(ds.points))


def test_the_loaders_fast_path_still_writes_every_such_record() -> None:
    """The converter is no reason to leave the fast path (io/fast_structure.py builds the tuple)."""
    assert all(_writable(cls) for cls in OWN)


@HEAVY  # a generated dataset per example: tests/weights.py
@given(datasets())
def test_any_dataset_rebuilt_with_lists_is_equal(ds: se.Dataset) -> None:
    rebuilt = attrs.evolve(
        ds,
        points=[attrs.evolve(p, former_liaison_persons=list(p.former_liaison_persons)) for p in ds.points],
        contacts=[attrs.evolve(c, items=list(c.items)) for c in ds.contacts],
        complaints=[attrs.evolve(c, events=list(c.events)) for c in ds.complaints],
    )
    assert rebuilt == ds
