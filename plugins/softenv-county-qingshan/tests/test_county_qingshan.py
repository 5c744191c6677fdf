"""青山县 plugin: conformance checks and data-driven cases (tests/cases/*.json)."""

from pathlib import Path

import pytest

import softenv_county_qingshan as plugin
from softenv_core.testing import assert_case, assert_conforms, load_cases

CASES = load_cases(Path(__file__).parent / "cases")


def test_conforms_to_the_city_rules_and_the_other_installed_plugins():
    report = assert_conforms(plugin, "qingshan", max_examples=10)
    assert report.county == "379921"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, softenv_register):
    assert_case(case, softenv_register(plugin, "qingshan"))
