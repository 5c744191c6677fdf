"""A Dataset's indexes are built once, under a lock, whatever the threads asking at once
(issue 13: no cache shared between threads without a lock). Before, two threads asking for the
same index at once could each build it: equal values, but two of them, and the work done twice."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from softenv_core.model.indexes import ComplaintMonths, MonthIndex
from softenv_core.model.periods import Month
from softenv_core.testing import beijing, make_complaint, small_dataset


@pytest.fixture
def switching() -> Iterator[None]:
    """Threads switched every microsecond: a race, if there is one, shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _at_once(ask: Callable[[], Any], threads: int = 8) -> list[Any]:
    start = threading.Barrier(threads)
    got: list[Any] = []

    def run() -> None:
        start.wait()
        got.append(ask())

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert len(got) == threads
    return got


def test_a_month_is_built_once_however_many_threads_ask(switching: None) -> None:
    built: list[Month] = []

    def build(month: Month) -> tuple[str, ...]:
        built.append(month)
        time.sleep(0.01)  # long enough for every other thread to ask meanwhile
        return ("x",)

    month = Month(2025, 3)
    index = MonthIndex((month,), build)
    got = _at_once(lambda: index[month])
    assert built == [month]
    assert all(g is got[0] for g in got)


def test_a_dataset_index_is_one_object_for_every_thread(switching: None) -> None:
    ds = attrs.evolve(small_dataset())  # a fresh object: no index built yet
    for name in ("point_county", "record_ids", "complaint_months", "contacts_by_month"):
        got = _at_once(lambda name=name: getattr(ds, name))
        assert all(g is got[0] for g in got), name
        assert getattr(ds, name) is got[0]


def test_a_complaint_s_months_are_worked_out_once(switching: None) -> None:
    complaint = make_complaint("C1", "P1", beijing(2025, 3, 3))
    assert complaint.events
    months = ComplaintMonths((complaint,))
    got = _at_once(lambda: months[complaint.id])
    assert all(g is got[0] for g in got)
