"""Integrator i40: a platform importing ``softenv_core`` into another government system, through
its public surface only (``softenv_core``, docs/integration.md, ``softenv serve``)."""

from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import softenv_core as se

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


@pytest.fixture(scope="module")
def dataset() -> se.Dataset:
    return se.load_dataset(EXAMPLE)


# --- leftover 1: a naive as_of is FieldInvalid naming it, as every other wrong argument ----------


def _naive_calls(ds: se.Dataset) -> dict[str, Any]:
    naive = datetime(2025, 7, 1, 12)
    sla = se.baseline_sla(ds.complaints[0].kind, se.baseline_parameters())
    return {
        "as_of": lambda: se.assess(ds, 2025, audience=se.CITY_OFFICE, as_of=naive),
        "as_of ": lambda: se.monitoring_report(ds, "2025-03", audience="city", as_of=naive),
        "at": lambda: se.complaint_status(ds.complaints[0], naive, sla, None),
    }


@pytest.mark.parametrize("name", ["as_of", "as_of ", "at"])
def test_a_naive_instant_is_field_invalid_naming_the_argument(dataset: se.Dataset, name: str) -> None:
    """It was an InputError whose one problem said ``as_of: …`` while a date or a text given as
    ``as_of`` was FieldInvalid naming ``as_of``: a platform mapping FieldInvalid.name to its own
    form field missed it. It stays an InputError too, so that callers that caught that still do."""
    with pytest.raises(se.FieldInvalid) as info:
        _naive_calls(dataset)[name]()
    error = info.value
    assert error.name == name.strip()
    assert isinstance(error, se.InputError) and isinstance(error, se.NaiveInstant)
    assert str(error) == f"{name.strip()}: 2025-07-01T12:00:00 has no UTC offset; give an aware instant"
    assert error.problems == (str(error),)
    assert error.zh is not None and "没有 UTC 偏移" in error.zh and error.details[0].zh == error.zh
    again = pickle.loads(pickle.dumps(error))  # across a process pool, whole
    assert type(again) is se.NaiveInstant and again.name == error.name and again.details == error.details
