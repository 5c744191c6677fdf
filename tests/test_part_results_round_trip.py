"""The part results that write JSON read it back (integrator i36): ``RoundResult`` (万人评议) and
``Representativeness`` (代表性) had ``to_json`` but neither ``from_json`` nor ``to_document``, as
``Assessment``, ``MonitoringReport`` and ``YearEnd`` have, so a platform that stored one could not
type it again; and ``RoundResult.department`` raised a bare StopIteration for a department not
in the round, where ``Assessment.county`` raises NotFound (a KeyError)."""

import json
from datetime import date

import pytest

from softenv_core import (
    CITY_OFFICE,
    InputError,
    NotFound,
    Representativeness,
    RoundResult,
    appraise,
    representativeness,
)

from .demo_city import demo


@pytest.fixture(scope="module")
def ds():
    return demo(points_per_county=4)  # with appraisal rounds


@pytest.mark.parametrize("audience", [CITY_OFFICE, "public"])
def test_a_rounds_result_reads_back_equal(ds, audience):
    result = appraise(ds, ds.appraisal_rounds[0], audience=audience)
    text = result.to_json()
    assert RoundResult.from_json(text) == result
    assert RoundResult.from_json(text.encode()) == result
    assert result.to_document() == json.loads(text)
    assert result.to_document()["schema"] == "softenv.appraisal"


@pytest.mark.parametrize("audience", [CITY_OFFICE, "public"])
def test_a_representativeness_reads_back_equal(ds, audience):
    result = representativeness(ds, date(2025, 6, 30), audience=audience)
    text = result.to_json()
    assert Representativeness.from_json(text) == result
    assert result.to_document() == json.loads(text)
    assert result.to_document()["schema"] == "softenv.representativeness"


def test_another_document_is_refused_at_its_schema(ds):
    text = representativeness(ds, date(2025, 6, 30), audience=CITY_OFFICE).to_json()
    with pytest.raises(InputError) as info:
        RoundResult.from_json(text)
    assert info.value.problems[0] == "$.schema: expected 'softenv.appraisal', got 'softenv.representativeness'"


def test_a_department_not_in_the_round_is_not_found(ds):
    result = appraise(ds, ds.appraisal_rounds[0], audience=CITY_OFFICE)
    first = result.departments[0]
    assert result.department(first.department) is first
    with pytest.raises(NotFound, match=r"no department 'nope' in round .*") as info:
        result.department("nope")
    assert isinstance(info.value, KeyError)
