"""Integrator i50: a report read back from its JSON renders as the one written; a year of a
subclass of int is refused with a message that says how to pass it."""

from __future__ import annotations

import enum
from decimal import Decimal

import pytest

import softenv_core as se
from softenv_core.render.report_format import _pct

from .demo_city import demo


def test_01_a_report_read_back_from_its_json_renders_the_same_markdown() -> None:
    ds = demo()
    pm = se.get_plugin_manager(autoload=False)
    report = se.monitoring_report(ds, "2025-06", pm, audience="city")
    back = se.MonitoringReport.from_json(report.to_json())
    assert back == report
    # The rates read back lose their places (Decimal("90") for Decimal("90.00")): the case in point.
    assert any(
        str(a.satisfaction) != str(b.satisfaction)
        for a, b in zip(report.unit_rates, back.unit_rates, strict=True)
        if a.satisfaction is not None
    )
    assert se.render_markdown(back, "zh") == se.render_markdown(report, "zh")
    assert se.render_markdown(back, "en") == se.render_markdown(report, "en")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("90"), "90.00%"), (Decimal("90.00"), "90.00%"), (Decimal("93.5"), "93.50%"), (Decimal("0"), "0.00%")],
)
def test_01_a_rate_is_shown_with_two_places_whatever_its_exponent(value: Decimal, shown: str) -> None:
    assert _pct(value) == shown


class FiscalYear(int):
    pass


class Years(enum.IntEnum):
    Y2025 = 2025


@pytest.mark.parametrize("year", [FiscalYear(2025), Years.Y2025])
def test_02_a_year_of_a_subclass_of_int_is_refused_saying_to_pass_an_int(year: int) -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.Month(year, 3)
    assert "pass int(year)" in str(caught.value) and "of type int" in str(caught.value)
    with pytest.raises(se.FieldInvalid, match=r"pass int\(year\)"):
        se.assess(demo(), year, audience="city")


def test_02_a_bool_is_refused_without_the_int_advice() -> None:
    with pytest.raises(se.FieldInvalid) as caught:
        se.Month(True, 3)  # type: ignore[arg-type]
    assert "pass int(year)" not in str(caught.value)
