"""青山县 plugin: conformance checks and data-driven cases (tests/cases/*.json)."""

from pathlib import Path

import pytest

import softenv_county_qingshan as plugin
from softenv_core.testing import assert_case, assert_conforms, load_cases

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.slow  # starts a process (docs: the fast suite leaves these out)
def test_conforms_to_the_city_rules_and_the_other_installed_plugins():
    report = assert_conforms(plugin, "qingshan", max_examples=5)  # as the plugin guide writes it
    assert report.county == "379921"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case, softenv_register):
    assert_case(case, softenv_register(plugin, "qingshan"))


def test_only_the_countys_own_symposiums_earn_points(softenv_register):
    """Finding 06: symposiums held by the city office (liaison "city") are not the county's."""
    from datetime import date

    import attrs

    from softenv_core import CITY_OFFICE, assess
    from softenv_core.model.reports import Contact, ContactMethod
    from softenv_core.testing.builders import small_dataset

    pm = softenv_register(plugin, "qingshan")
    ds = small_dataset(2025)

    def symposiums(liaison):
        return tuple(
            Contact(f"SYM-{liaison}-{m}", "P-379921-2", date(2025, m, 20), ContactMethod.SYMPOSIUM, liaison, True)
            for m in (3, 6, 9)
        )

    def extra(contacts):
        r = assess(attrs.evolve(ds, contacts=ds.contacts + contacts), 2025, pm, audience=CITY_OFFICE)
        p = next(p for p in r.points if p.id == "P-379921-2")
        return [i.points for i in p.items if i.rule.id == "qingshan.extra.symposium"], p.total

    found, total = extra(symposiums("city"))
    assert not found or found == [0]
    assert total == 100
    found, total = extra(symposiums("379921"))
    assert found == [6] and total == 106
