"""The testing kit for rule authors: strategies, builders, conformance checks, data-driven cases.

Installed with the ``testing`` extra (``softenv-core[testing]``). Names are imported on first
use, so that the pytest plugin and the hypothesis entry point cost nothing until used; the
core never imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from softenv_core._lazy import lazy_exports

if TYPE_CHECKING:  # what type checkers see; at run time names load on first use
    from softenv_core.testing.builders import (
        TEST_CITY,
        TEST_COUNTIES,
        beijing,
        county,
        make_complaint,
        make_point,
        monthly_contacts,
        monthly_report,
        on_time_reports,
        small_dataset,
    )
    from softenv_core.testing.cases import Case, assert_case, load_cases, run_case
    from softenv_core.testing.conformance import ConformanceError, ConformanceReport, assert_conforms, check_plugin
    from softenv_core.testing.pytest_plugin import RegisterPlugin
    from softenv_core.testing.strategies import (
        COUNTY_CODES,
        SAFE_YEARS,
        beijing_moments,
        complaint_histories,
        complaints,
        contacts,
        counties,
        datasets,
        enterprises,
        half_years,
        items,
        monthly_reports,
        months,
        nominations,
        points,
        ratings,
        register_type_strategies,
    )

_WHERE = {
    # builders (no hypothesis needed)
    "TEST_CITY": "builders",
    "TEST_COUNTIES": "builders",
    "beijing": "builders",
    "county": "builders",
    "make_complaint": "builders",
    "make_point": "builders",
    "monthly_contacts": "builders",
    "monthly_report": "builders",
    "on_time_reports": "builders",
    "small_dataset": "builders",
    # hypothesis strategies
    "COUNTY_CODES": "strategies",
    "SAFE_YEARS": "strategies",
    "beijing_moments": "strategies",
    "complaint_histories": "strategies",
    "complaints": "strategies",
    "contacts": "strategies",
    "counties": "strategies",
    "datasets": "strategies",
    "enterprises": "strategies",
    "half_years": "strategies",
    "items": "strategies",
    "monthly_reports": "strategies",
    "months": "strategies",
    "nominations": "strategies",
    "points": "strategies",
    "ratings": "strategies",
    "register_type_strategies": "strategies",
    # conformance checks
    "ConformanceError": "conformance",
    "ConformanceReport": "conformance",
    "assert_conforms": "conformance",
    "check_plugin": "conformance",
    # data-driven cases
    "Case": "cases",
    "assert_case": "cases",
    "load_cases": "cases",
    "run_case": "cases",
    # the pytest fixtures' types
    "RegisterPlugin": "pytest_plugin",
}

__all__ = [
    "COUNTY_CODES",
    "SAFE_YEARS",
    "TEST_CITY",
    "TEST_COUNTIES",
    "Case",
    "ConformanceError",
    "ConformanceReport",
    "RegisterPlugin",
    "assert_case",
    "assert_conforms",
    "beijing",
    "beijing_moments",
    "check_plugin",
    "complaint_histories",
    "complaints",
    "contacts",
    "counties",
    "county",
    "datasets",
    "enterprises",
    "half_years",
    "items",
    "load_cases",
    "make_complaint",
    "make_point",
    "monthly_contacts",
    "monthly_report",
    "monthly_reports",
    "months",
    "nominations",
    "on_time_reports",
    "points",
    "ratings",
    "register_type_strategies",
    "run_case",
    "small_dataset",
]


# The kit keeps a literal __all__ (tests/test_api.py checks it against _WHERE) so that
# `from softenv_core.testing import x` type-checks without re-export aliases.
__getattr__, __dir__, _ = lazy_exports(__name__, globals(), _WHERE)
