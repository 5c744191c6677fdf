"""Spans of days in the officials' Chinese: ``2025-03-01 至今`` when open, never ``至 今``
(clerk c48 read the space as a gap), ``2025-03-01 至 2025-06-30`` when closed, in every output
that names one: the whole-year condition, the explain note, the assessment text, a county name
two counties share, the loader's warnings."""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import SoftenvError
from softenv_core.analyses.county_names import county_by_name
from softenv_core.model.periods import span_zh
from softenv_core.testing import small_dataset

_OPEN = re.compile(r"至 今|— 今|截至 今")


@given(st.dates(), st.none() | st.dates())
def test_a_span_is_its_first_day_then_its_last_or_to_now(since: date, until: date | None) -> None:
    said = span_zh(since, until)
    assert said.startswith(since.isoformat() + " 至")
    assert said.endswith("至今" if until is None else f" 至 {until.isoformat()}")
    assert not _OPEN.search(said)


@pytest.mark.parametrize(
    ("since", "until", "said"), [("…", None, "… 至今"), ("2025-01-01", "2025-06-30", "2025-01-01 至 2025-06-30")]
)
def test_text_is_taken_as_written(since: str, until: str | None, said: str) -> None:
    assert span_zh(since, until) == said


def test_two_counties_of_one_name_are_told_with_their_spans_to_now() -> None:
    ds = small_dataset(2025)
    first = ds.counties[0]
    twin = attrs.evolve(ds.counties[1], name=first.name, effective_from=date(2024, 1, 1))
    ds = attrs.evolve(ds, counties=(first, twin, *ds.counties[2:]))
    with pytest.raises(SoftenvError) as caught:
        county_by_name(ds, first.name, "--audience county:")
    zh = caught.value.zh
    assert f"{twin.code}（2024-01-01 至今）" in zh, zh
    assert not _OPEN.search(zh)
