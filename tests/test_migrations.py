"""Older dataset documents still load: io/migrations.py, on a frozen version-1 document."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from softenv_core import dataset_json, load_dataset, loads_dataset
from softenv_core.errors import InputError
from softenv_core.io.migrations import MIGRATIONS, migrate_dataset
from softenv_core.model.dataset import SCHEMA_VERSION

# A trimmed copy of the demo dataset as the library wrote it at version 1 (commit c7aa5c1):
# frozen, never regenerated, so that it keeps showing what an old document looks like.
V1 = Path(__file__).parent / "data" / "dataset-v1.json"


def _v1() -> dict:
    doc: dict = json.loads(V1.read_text(encoding="utf-8"))
    return doc


def test_the_frozen_document_is_version_1():
    doc = _v1()
    assert doc["version"] == 1
    assert "followups" not in doc and "work_plans" not in doc


def test_a_version_1_document_loads_with_every_record_and_empty_new_collections():
    doc = _v1()
    dataset = load_dataset(V1)
    assert len(dataset.points) == len(doc["points"]) > 0
    assert len(dataset.contacts) == len(doc["contacts"]) > 0
    assert len(dataset.reports) == len(doc["reports"]) > 0
    assert dataset.followups == dataset.work_plans == dataset.publicity == dataset.adjustment_suggestions == ()
    assert all(p.liaison_person is None for p in dataset.points)


def test_a_migrated_document_is_written_back_at_the_current_version_and_reloads_the_same():
    dataset = load_dataset(V1)
    text = dataset_json(dataset)
    assert json.loads(text)["version"] == SCHEMA_VERSION == 2
    assert loads_dataset(text) == dataset


def test_migrating_a_version_1_document_leaves_the_callers_mapping_alone():
    doc = _v1()
    before = copy.deepcopy(doc)
    migrated = migrate_dataset(doc)
    assert doc == before
    assert migrated["version"] == SCHEMA_VERSION
    assert {k: v for k, v in migrated.items() if k != "version"} == {k: v for k, v in doc.items() if k != "version"}


def test_a_current_document_passes_through_untouched():
    doc = json.loads(dataset_json(load_dataset(V1)))
    assert migrate_dataset(doc) is doc


def test_every_version_below_the_current_one_has_a_step():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize(
    ("version", "says"),
    [
        (99, "$.version: 99 is newer than this library reads"),
        (0, "$.version: expected 1 to 2, got 0"),
        ("1", "$.version: expected 1 to 2, got '1'"),
    ],
)
def test_an_unknown_version_is_a_version_problem_not_a_traceback(version, says):
    doc = _v1()
    doc["version"] = version
    with pytest.raises(InputError) as exc:
        loads_dataset(doc)
    assert any(p.startswith(says) for p in exc.value.problems), exc.value.problems


def test_a_version_1_document_with_a_bad_record_still_names_its_path():
    doc = _v1()
    doc["points"][0]["county"] = "999999"
    with pytest.raises(InputError) as exc:
        loads_dataset(doc)
    assert any(p.startswith("$.points[0]") for p in exc.value.problems), exc.value.problems
