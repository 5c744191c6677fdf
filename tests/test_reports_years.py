"""``monitoring_reports`` (several months) names a month whose answer reaches past the library's
years by its place in ``months``, as ``monitoring_report`` names ``month``: it raised the
FieldInvalid of ``year``, an argument the caller never gave (noted by fix helper fi55 after
integrator i55 08)."""

from __future__ import annotations

import pytest

import softenv_core as se

from .demo_city import demo


@pytest.mark.parametrize(
    ("month", "why"),
    [("1901-01", "a monthly report answers from 1901-02"), ("2999-12", "December's report falls due in the next year")],
)
def test_a_month_past_the_years_is_named_by_its_place(month: str, why: str) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.monitoring_reports(demo(), ["2025-03", month], audience=se.CITY_OFFICE)
    assert caught.value.name == "months[1]", caught.value
    assert why in str(caught.value) and "past the library's years 1900-2999" in str(caught.value)
    assert caught.value.zh is not None and "months[1]" in caught.value.zh
