"""The testing kit for rule authors: strategies, builders, conformance checks, data-driven cases.

Installed with the ``testing`` extra (``softenv-core[testing]``); it imports hypothesis, the
core never imports this package.
"""

from .builders import (
    TEST_CITY,
    TEST_COUNTIES,
    beijing,
    make_point,
    monthly_contacts,
    monthly_report,
    on_time_reports,
    small_dataset,
)
from .strategies import (
    COUNTY_CODES,
    SAFE_YEARS,
    beijing_moments,
    complaint_histories,
    counties,
    datasets,
    enterprises,
    half_years,
    items,
    months,
    register_type_strategies,
)

__all__ = [
    "COUNTY_CODES",
    "SAFE_YEARS",
    "TEST_CITY",
    "TEST_COUNTIES",
    "beijing",
    "beijing_moments",
    "complaint_histories",
    "counties",
    "datasets",
    "enterprises",
    "half_years",
    "items",
    "make_point",
    "monthly_contacts",
    "monthly_report",
    "months",
    "on_time_reports",
    "register_type_strategies",
    "small_dataset",
]
