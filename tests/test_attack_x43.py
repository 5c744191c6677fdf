"""Attacker x43: what a reader outside the city office learns of who complained (直接反馈) by
setting outputs side by side, and record or plugin text in every output.

Each finding's test fails before its fix; the held attempts are listed in the report of the
attack (branch x43) and, where they are worth keeping, as tests below.
"""

from __future__ import annotations

import attrs
import pytest

from softenv_core import monitoring_report
from softenv_core.analyses.audiences import Audience
from softenv_core.model.complaints import EventType
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

MONTH = "2025-03"


def _consented(complainant: str, department: str) -> object:
    """A month with one complaint made with consent (同意公开身份) by ``complainant`` about
    ``department``, still being handled at the month's end."""
    base = small_dataset(2025, counties=("379902", "379921"))
    q = make_complaint("Q-2025-0001", complainant, beijing(2025, 3, 3), department=department, until=EventType.SIGNED)
    return attrs.evolve(base, complaints=(attrs.evolve(q, consent_to_disclose=True),))


def _shown(dataset: object, audience: str) -> str:
    report = monitoring_report(dataset, MONTH, audience=audience)  # type: ignore[arg-type]
    return report.to_json() + render_markdown(report)


# 01. A complaint made with consent by a point of 青林 (379921) about a bureau of 东城 (379902)
# was listed to 东城's county view with its maker: point, enterprise and credit code. Consent
# names a complainant to its own county (docs/privacy.md: "a county only those of complaints its
# own points made with consent") and to a handling department that is not the one complained
# about; the county whose bureau was complained about is that bureau's government, and read
# who complained about it, consent or not, as the bureau itself may never.


@pytest.mark.parametrize("complainant", ["P-379921-1", "P-379921-2"])
def test_01_a_county_is_not_named_another_countys_complainant_about_its_bureau(complainant: str) -> None:
    dataset = _consented(complainant, "379902-amr")
    point = next(p for p in dataset.points if p.id == complainant)  # type: ignore[attr-defined]
    text = _shown(dataset, "county:379902")
    for secret in (complainant, point.enterprise.name, point.enterprise.uscc):
        assert secret not in text, secret


def test_01_the_county_view_is_the_same_whichever_point_of_another_county_complained() -> None:
    one, other = _consented("P-379921-1", "379902-amr"), _consented("P-379921-2", "379902-amr")
    assert _shown(one, "county:379902") == _shown(other, "county:379902")


def test_01_a_complainant_who_consented_is_still_named_to_its_own_county() -> None:
    dataset = _consented("P-379921-1", "379902-amr")
    assert "P-379921-1" in _shown(dataset, "county:379921")
    assert Audience.parse("county:379921").sees_identity(dataset.complaints[0], "379921")  # type: ignore[attr-defined]
    assert not Audience.parse("county:379902").sees_identity(dataset.complaints[0], "379921")  # type: ignore[attr-defined]
