"""Consent to be named is not consent to be named to the government of the body complained about
(attacker x48): a point that consented, complaining about a bureau of its own county, is not
named to that county, as attacker x43 01 settled for another county's point; it is still named
to its own county when it complains about a city department or another county's bureau."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from softenv_core import monitoring_report
from softenv_core.analyses.audiences import Audience, complained_county

from .test_attack_x43 import MONTH, _shown
from .test_attack_x43 import _consented as consented

COMPLAINANT = "P-379921-1"  # a point of 379921


def _consented(department: str, *, consent: bool = True) -> Any:
    """One complaint by ``COMPLAINANT`` about ``department`` in March, still open at its end
    (attacker x43's month), made with consent or, with ``consent`` False, without."""
    dataset = consented(COMPLAINANT, department)
    return attrs.evolve(
        dataset, complaints=tuple(attrs.evolve(q, consent_to_disclose=consent) for q in dataset.complaints)
    )


def test_a_consenting_point_is_not_named_to_its_own_county_about_its_own_bureau() -> None:
    # The county sees its own points elsewhere (their contacts); what it must not learn is which
    # of them made this complaint: no row of section 五 or flag of section 七 names one.
    report = monitoring_report(_consented("379921-amr"), MONTH, audience="county:379921")
    assert [(c.complainant, c.enterprise, c.uscc) for c in report.complaints if c.complainant] == []
    assert [f.point for f in report.reconciliation if f.complaint] == []
    # Told to the city office, as before.
    city = monitoring_report(_consented("379921-amr"), MONTH, audience="city")
    assert [c.complainant for c in city.complaints] == [COMPLAINANT]


def test_the_own_bureau_view_is_the_same_with_consent_or_without() -> None:
    # Nothing in the county's view tells it whether its own point consented.
    assert _shown(_consented("379921-amr"), "county:379921") == _shown(
        _consented("379921-amr", consent=False), "county:379921"
    )


@pytest.mark.parametrize("department", ["city-amr", "379902-amr"])
def test_still_named_to_its_own_county_about_another_body(department: str) -> None:
    dataset = _consented(department)
    assert COMPLAINANT in _shown(dataset, "county:379921")


def test_sees_identity_reads_the_county_complained_about() -> None:
    dataset = _consented("379921-amr")
    complaint = dataset.complaints[0]
    about = complained_county(dataset, complaint)  # type: ignore[arg-type]
    assert about == "379921"
    county = Audience.parse("county:379921")
    assert not county.sees_identity(complaint, "379921", about)
    assert county.sees_identity(complaint, "379921", None)  # a 市直 department's complaint
    assert Audience.parse("city").sees_identity(complaint, "379921", about)
