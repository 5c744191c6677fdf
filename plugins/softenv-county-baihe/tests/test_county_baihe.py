"""白河县 plugin: conformance checks and data-driven cases (tests/cases/*.json)."""

from pathlib import Path

import pytest

import softenv_county_baihe as plugin
from softenv_core import CITY_OFFICE, RuleConflict, assess, get_plugin_manager
from softenv_core.testing import assert_case, assert_conforms, load_cases, small_dataset

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_conforms_to_the_city_rules_and_the_other_installed_plugins():
    report = assert_conforms(plugin, "baihe", max_examples=5)  # as the plugin guide writes it
    assert report.county == "379922"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, softenv_register):
    assert_case(case, softenv_register(plugin, "baihe"))


def test_a_second_replacement_for_the_same_county_is_a_conflict_naming_both():
    import types

    copy = types.SimpleNamespace(
        softenv_plugin_info=plugin.softenv_plugin_info, softenv_point_rules=plugin.softenv_point_rules
    )
    pm = get_plugin_manager(autoload=False, plugins=[("baihe", plugin), ("baihe-copy", copy)])
    with pytest.raises(RuleConflict) as info:
        assess(small_dataset(2025, ("379922",)), 2025, pm, audience=CITY_OFFICE)
    assert set(info.value.plugins) == {"baihe", "baihe-copy"}
