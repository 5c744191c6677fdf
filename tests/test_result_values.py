"""What docs/integration.md says results hold (platform t8 finding 01): a month as a Month value,
the reader as its text form, whatever form the caller passed; the documented comparisons hold."""

from __future__ import annotations

import softenv_core as se
from softenv_core.testing import small_dataset

DS = small_dataset(2025)
PM = se.get_plugin_manager(autoload=False)


def test_results_carry_the_month_as_a_value_and_the_reader_as_text() -> None:
    for given in ("city", se.CITY_OFFICE):
        report = se.monitoring_report(DS, "2025-03", PM, audience=given)
        assert report.month == se.Month.parse("2025-03") and str(report.month) == "2025-03"
        assert isinstance(report.audience, str) and report.audience == str(se.CITY_OFFICE)
        assert se.Audience.parse(report.audience) == se.CITY_OFFICE
    county = se.assess(DS, 2025, PM, audience="county:379902")
    assert county.audience == "county:379902" and se.Audience.parse(county.audience) != se.CITY_OFFICE


def test_a_month_is_written_in_ascii_digits_as_the_schema_says() -> None:
    """Platform t8 07: the loader took ２０２５-０３ (and a trailing newline) which the JSON schema
    refuses; the workbook import normalises what a clerk types, the model does not."""
    import pytest

    for text in ("２０２５-０３", "٢٠٢٥-٠٣", "2025-03\n", "2025-3"):
        with pytest.raises(se.SoftenvError):
            se.Month.parse(text)
    assert se.Month.parse("2025-03") == se.Month(2025, 3)
