"""Values worked out once per Dataset object (analyses/per_dataset.py): the redaction secret,
text screen and complaint-id pattern, and the fingerprint. Each was worked out again for every
report redacted for a reader outside the city office (a county's twelve reports took five
times the city office's)."""

from __future__ import annotations

import gc
import threading
from datetime import datetime

import attrs

from softenv_core.analyses.audiences import Audience
from softenv_core.analyses.per_dataset import PerDataset
from softenv_core.analyses.redaction_keys import complaint_ids, dataset_secret, text_screen
from softenv_core.model.periods import BEIJING
from softenv_core.testing import make_complaint, small_dataset


def test_a_value_is_worked_out_once_per_dataset_object_and_again_for_another() -> None:
    calls: list[int] = []
    sizes = PerDataset(lambda d: calls.append(1) or len(d.points))
    ds = small_dataset()
    assert sizes(ds) == sizes(ds) == len(ds.points) and len(calls) == 1
    copy = attrs.evolve(ds)  # equal, but another object: its own value
    assert sizes(copy) == len(ds.points) and len(calls) == 2


def test_an_entry_goes_with_its_dataset() -> None:
    sizes = PerDataset(lambda d: len(d.points))
    ds = small_dataset()
    sizes(ds)
    assert len(sizes._table) == 1
    del ds
    gc.collect()
    assert sizes._table == {}


def test_threads_asking_at_once_get_equal_values() -> None:
    ds = small_dataset()
    out: list[bytes] = []
    threads = [threading.Thread(target=lambda: out.append(dataset_secret(ds))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 8 and len(set(out)) == 1


def test_redaction_keys_are_shared_by_every_reader_of_one_dataset_and_differ_for_another() -> None:
    ds = small_dataset()
    public, county = Audience.parse("public"), Audience.parse(f"county:{ds.counties[0].code}")
    assert text_screen(ds, public) is text_screen(ds, county)  # the same for every such reader
    assert complaint_ids(ds) is complaint_ids(ds)
    complaint = make_complaint("Q-1", ds.points[0].id, datetime(2025, 3, 3, 9, tzinfo=BEIJING))
    other = attrs.evolve(ds, complaints=(*ds.complaints, complaint))
    assert dataset_secret(other) != dataset_secret(ds)  # a new record: new references
    assert "Q-1" in complaint_ids(other)[0] and "Q-1" not in complaint_ids(ds)[0]


def test_an_entry_forgotten_while_its_thread_holds_the_lock_does_not_deadlock() -> None:
    # The cyclic collector may run on any allocation, the weak reference and tuple made under
    # the lock included, and call the callback of a dataset held in a cycle (one kept by an
    # exception's frames) in the thread that holds the lock: a plain Lock waits on itself.
    sizes = PerDataset(lambda d: len(d.points))
    box = [small_dataset()]
    sizes(box[0])

    def collect_under_the_lock() -> None:
        with sizes._lock:
            box.clear()  # the last reference: the callback runs here, in this thread

    worker = threading.Thread(target=collect_under_the_lock, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "the weak reference's callback waited on the lock its thread held"
    assert sizes._table == {}
