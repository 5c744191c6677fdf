"""Attacker x49: who complained (直接反馈), made with consent (同意公开身份), as a reader outside the
city office learns it: a consenting point complaining about its own county's bureau, another
county's, a 市直 department, or none, handled by a unit of that county or another (DESIGN
principle 7; docs/privacy.md; audiences.Audience.sees_identity).

01. A department recorded with the id ``city-office`` was accepted. That id is the handling unit
    市软建办 itself (``CITY_OFFICE_UNIT``, 承办 after two returns), so the reader
    ``department:city-office`` was given, as its own, every complaint the city office handles
    itself, and the city office's 三率: with consent, its complainant by point, enterprise and
    credit code, even when the department was a county's government office and the complaint
    was about that county's own bureau (x48). Fixed: the id is refused, as any other reference
    the dataset cannot hold.

Held (pinned below so that a later change that breaks them is seen):

02. A county's every view (monthly report JSON and Markdown, year end, assessment) is the same
    whether its point consented or not when the complaint is about the county's own bureau,
    whichever unit handles it (the bureau, a sibling bureau of the county, another county's,
    a 市直 department); and the same whether its own point or another county's made it.
03. The county whose bureau is complained about, the bureau, the public and another point read
    the same with consent or without, when a point of another county complained.
"""

from __future__ import annotations

import re

import attrs
import pytest

from softenv_core import assess, monitoring_report, validate, year_end
from softenv_core.errors import InputError
from softenv_core.model.complaints import EventType
from softenv_core.model.dataset import Dataset
from softenv_core.model.divisions import Department
from softenv_core.render.monitoring_report import render_markdown
from softenv_core.render.year_end import render_yearend
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

MONTH = "2025-03"
_REF = re.compile(r"R-[0-9a-f]{8,}")
SIBLING = Department("379921-approval", "县区21行政审批局", "379921")


def _world(point: str, department: str | None, *, consent: bool, unit: str | None = None, extra: tuple = ()) -> Dataset:
    """One complaint by ``point`` about ``department`` received in March, signed by ``unit`` (the
    department itself by default) and still open at the month's end: a county-level point of a
    county whose report is a zero report, so that section 七 flags it."""
    base = small_dataset(2025, counties=("379902", "379921"))
    base = attrs.evolve(base, departments=(*base.departments, SIBLING, *extra))
    q = make_complaint("Q-2025-0001", point, beijing(2025, 3, 3), department=department, until=EventType.SIGNED)
    if unit is not None:
        q = attrs.evolve(
            q, events=tuple(attrs.evolve(e, unit=unit) if e.type is EventType.ASSIGNED else e for e in q.events)
        )
    return attrs.evolve(base, complaints=(attrs.evolve(q, consent_to_disclose=consent),))


def _shown(dataset: Dataset, reader: str) -> str:
    report = monitoring_report(dataset, MONTH, audience=reader)
    y = year_end(dataset, 2025, audience=reader)
    a = assess(dataset, 2025, audience=reader)
    return _REF.sub("R-…", report.to_json() + render_markdown(report) + render_yearend(y) + a.to_json())


# --- 01 ------------------------------------------------------------------------------------


def test_01_a_department_may_not_take_the_city_offices_own_unit_id() -> None:
    government = Department("city-office", "县区21人民政府办公室", "379921")
    dataset = _world("P-379921-2", "379921-amr", consent=True, unit="city-office", extra=(government,))
    with pytest.raises(InputError, match="city-office"):
        validate(dataset)
    # Were it accepted, that "department" would read who complained about its own county's bureau.
    with pytest.raises(InputError):
        monitoring_report(dataset, MONTH, audience="department:city-office")


# --- 02, 03 (held) ---------------------------------------------------------------------------


@pytest.mark.parametrize("unit", [None, "379921-approval", "379902-amr", "city-amr"])
def test_02_a_countys_view_of_its_own_bureau_is_the_same_with_consent_or_without(unit: str | None) -> None:
    consented = _world("P-379921-2", "379921-amr", consent=True, unit=unit)
    withheld = _world("P-379921-2", "379921-amr", consent=False, unit=unit)
    other_county = _world("P-379902-2", "379921-amr", consent=True, unit=unit)
    # The county sees its own points elsewhere (contacts, items): what must not vary is its view.
    assert (
        _shown(consented, "county:379921") == _shown(withheld, "county:379921") == _shown(other_county, "county:379921")
    )


@pytest.mark.parametrize("reader", ["county:379902", "department:379902-amr", "public", "point:P-379921-1"])
def test_03_the_bureau_complained_about_and_its_county_read_the_same_with_consent_or_without(reader: str) -> None:
    consented, withheld = (_world("P-379921-2", "379902-amr", consent=c) for c in (True, False))
    assert _shown(consented, reader) == _shown(withheld, reader)
    # Named to the complainant's own county (the comparisons are not vacuous).
    assert "P-379921-2 |" in render_markdown(monitoring_report(consented, MONTH, audience="county:379921"))
