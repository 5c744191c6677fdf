"""Outside the city office a year is assessed only as of its assessment instant or later.

A county that asked for its view of the year at the start of each month saw a quiet point's
反映情况 points rise in exactly the month it complained directly to 市软建办, and the 监督质量
deduction appear in the month a complaint was found false: each view was safe alone, their
difference was not (finding 01). The city's decision (docs/privacy.md, *Assessments before the
year's instant*): an earlier ``as_of`` is refused for every audience but the city office.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE
from softenv_core.analyses.assessment import assess
from softenv_core.analyses.redaction import assessment_instant
from softenv_core.cli.main import main
from softenv_core.errors import SoftenvError
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import BEIJING, Month, Year
from softenv_core.render.assessment import explain_point, summary
from softenv_core.testing.builders import beijing, small_dataset
from softenv_core.testing.strategies import datasets
from tests.test_privacy_feedback import PM, PROPERTY, YEAR, _complaint, _facts, _moment_in, _quiet, _with

P = "P-379902-2"
SMALL = str(Path(__file__).parents[1] / "examples" / "small-dataset.json")
MID_YEAR = datetime(YEAR, 7, 1, tzinfo=BEIJING)


def test_a_county_is_refused_a_view_before_the_years_instant_and_told_why():
    ds = _with(_quiet(small_dataset(YEAR), P, tuple(range(1, 13))), _complaint(P, beijing(YEAR, 3, 12)))
    with pytest.raises(SoftenvError, match="would date direct complaints") as e:
        assess(ds, YEAR, PM(), audience="county:379902", as_of=MID_YEAR)
    assert "docs/privacy.md" in str(e.value)
    for audience in ("department:city-amr", "public", f"point:{P}"):
        with pytest.raises(SoftenvError, match=r"assessment instant|last report deadline"):
            assess(ds, YEAR, PM(), audience=audience, as_of=MID_YEAR)
    # The city office keeps every instant; the year's instant and later are anyone's.
    city = assess(ds, YEAR, PM(), audience=CITY_OFFICE, as_of=MID_YEAR)
    instant = assessment_instant(assess(ds, YEAR, PM(), audience=CITY_OFFICE))
    assert city.as_of == MID_YEAR and assessment_instant(city) is None and instant is not None
    for at in (instant, instant + timedelta(days=40)):
        assert assess(ds, YEAR, PM(), audience="county:379902", as_of=at).as_of == at
    with pytest.raises(SoftenvError, match="assessment instant"):
        assess(ds, YEAR, PM(), audience="county:379902", as_of=instant - timedelta(seconds=1))


def test_the_cli_refuses_a_county_view_as_of_mid_year(capsys):
    args = ["assess", SMALL, "--year", str(YEAR), "--as-of", "2025-07-01T00:00:00+08:00"]
    assert main([*args, "--audience", "county:379902", "--format", "json", "--lang", "en"]) == 1
    assert "would date direct complaints" in capsys.readouterr().err
    assert main([*args, "--audience", "county:379902", "--format", "json"]) == 1  # in Chinese by default
    assert "太早" in capsys.readouterr().err
    assert main([*args, "--format", "json"]) == 0  # the city office (the CLI's default)


def _outputs(ds: Dataset, county: str, instants: tuple[datetime | None, ...]) -> list[str]:
    """Everything the county can obtain of the year at ``instants`` (None: the default)."""
    out = []
    for at in instants:
        try:
            a = assess(ds, YEAR, PM(), audience=f"county:{county}", as_of=at)
        except SoftenvError as e:
            out.append(f"refused: {e}")
            continue
        out.append("\n".join([a.to_json(), summary(a), *(explain_point(p) for p in a.points)]))
    return out


def _instants(ds: Dataset, data: st.DataObject, after: Month) -> tuple[datetime | None, ...]:
    """The default, the start of a month after ``after`` (the views that differed when a
    complaint of ``after`` had joined them), the year's instant and one moment after it."""
    instant = assessment_instant(assess(ds, YEAR, PM(), audience=CITY_OFFICE))
    assert instant is not None
    start = data.draw(st.sampled_from([m.end for m in Year(YEAR).months if m >= after]))
    return (None, start, instant, instant + timedelta(hours=data.draw(st.integers(1, 24 * 60))))


@PROPERTY
@given(datasets(year=YEAR, max_counties=2, max_points=3), st.data())
def test_property_at_full_marks_no_instant_tells_whether_a_point_complained(ds, data):
    """A point whose months with contact items reach full marks complains directly in one of
    its active months: the county obtains the same outputs at every instant it may ask for."""
    city = assess(ds, YEAR, PM(), audience=CITY_OFFICE)
    candidates = []
    for p in city.points:
        active, items, complained = _facts(ds, p)
        if active and len(items) >= math.ceil(Decimal(6) * len(active) / 12):
            candidates.append((p.id, p.county, sorted(active - items - complained) or sorted(active)))
    if not candidates:
        return
    point, county, active = data.draw(st.sampled_from(candidates))
    month = data.draw(st.sampled_from(active))
    instants = _instants(ds, data, month)
    complained = _with(ds, _complaint(point, _moment_in(ds, point, month)))
    assert _outputs(complained, county, instants) == _outputs(ds, county, instants)


@PROPERTY
@given(datasets(year=YEAR, max_counties=2, max_points=3), st.data())
def test_property_no_instant_dates_a_complaint_among_quiet_months(ds, data):
    """A complaint received in one or another of a point's quiet months (active, no contact
    item, no other complaint), below full marks or not: the same outputs at every instant."""
    city = assess(ds, YEAR, PM(), audience=CITY_OFFICE)
    candidates = []
    for p in city.points:
        active, items, complained = _facts(ds, p)
        quiet = sorted(active - items - complained)
        if len(quiet) >= 2:
            candidates.append((p.id, p.county, quiet))
    if not candidates:
        return
    point, county, quiet = data.draw(st.sampled_from(candidates))
    first, second = data.draw(st.lists(st.sampled_from(quiet), min_size=2, max_size=2, unique=True))
    instants = _instants(ds, data, min(first, second))
    a, b = (_with(ds, _complaint(point, _moment_in(ds, point, m))) for m in (first, second))
    assert _outputs(a, county, instants) == _outputs(b, county, instants)


def test_a_year_end_for_a_county_refuses_the_city_offices_early_assessment():
    """year_end reuses a given (city) assessment: one made as of an early instant is refused
    for a county as assess refuses it, not turned into proposals and commendations."""
    from softenv_core.analyses.year_end import year_end

    ds = _with(_quiet(small_dataset(YEAR), P, tuple(range(1, 13))), _complaint(P, beijing(YEAR, 3, 12)))
    early = assess(ds, YEAR, PM(), audience=CITY_OFFICE, as_of=MID_YEAR)
    with pytest.raises(SoftenvError, match="would date direct complaints"):
        year_end(ds, YEAR, PM(), audience="county:379902", assessment=early)
    assert year_end(ds, YEAR, PM(), audience=CITY_OFFICE, assessment=early).year == YEAR
