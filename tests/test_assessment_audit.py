"""The assessment's explanations re-derive its figures, and its default instant says what is
still open: the auditor's hand-computed cases (h-taudit findings 01, 03, 04, 06, 08), each
expected value worked out by hand from DESIGN.md "City baseline" in the comment beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import attrs

from softenv_core import CITY_OFFICE, assess
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Verdict
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.builders import beijing, make_point, monthly_contacts, small_dataset

JIA = "379902"


def _item(point, rule_id):
    (found,) = [i for i in point.items if i.rule.id == rule_id]
    return found


def _false_complaint(cid: str, point: str, received: datetime, verdict: Verdict) -> Complaint:
    ev = (
        ComplaintEvent(EventType.RECEIVED, received, "市软建办"),
        ComplaintEvent(EventType.ACCEPTED, received + timedelta(hours=1), "市软建办"),
        ComplaintEvent(EventType.ASSIGNED, received + timedelta(hours=2), "市软建办", unit="city-amr"),
        ComplaintEvent(EventType.SIGNED, received + timedelta(hours=3), "city-amr"),
        ComplaintEvent(EventType.RESOLVED, received + timedelta(days=3), "city-amr", verdict=verdict),
    )
    return Complaint(cid, ComplaintKind.COMPLAINT, point, "city-amr", ItemCategory.SERVICE, "办事拖延", events=ev)


# --- 04: the supervision item's floor at 0 is a step of its reason -------------------------


def test_the_supervision_floor_at_zero_is_shown_in_its_reason():
    """Three complaints found false: max(0, 20 − 10 × 3) = max(0, −10) = 0. The reason read
    literally must give 0, not −10 (DESIGN "not below 0")."""
    p = make_point("S2", JIA, 952)
    comps = tuple(
        _false_complaint(cid, "S2", beijing(2025, m, 10), v)
        for cid, m, v in (("K3", 4, Verdict.FALSE), ("K4", 5, Verdict.MALICIOUS), ("K5", 6, Verdict.FALSE))
    )
    ds = attrs.evolve(small_dataset(2025), points=(p,), contacts=tuple(monthly_contacts(p, 2025)), complaints=comps)
    item = _item(assess(ds, 2025, audience=CITY_OFFICE).point("S2"), "city.duty.supervision")
    assert item.points == Decimal(0)
    assert item.reason.startswith("max(0, 20 − 10 × 3件") and "max(0, -10)" in item.reason and "按0计" in item.reason
    assert sorted(item.evidence) == ["K3", "K4", "K5"]


def test_a_supervision_deduction_above_the_floor_shows_no_floor_step():
    """One complaint found false: 20 − 10 × 1 = 10, no floor step to show."""
    p = make_point("S1", JIA, 953)
    comps = (_false_complaint("K1", "S1", beijing(2025, 4, 10), Verdict.FALSE),)
    ds = attrs.evolve(small_dataset(2025), points=(p,), contacts=tuple(monthly_contacts(p, 2025)), complaints=comps)
    item = _item(assess(ds, 2025, audience=CITY_OFFICE).point("S1"), "city.duty.supervision")
    assert item.points == Decimal(10) and item.reason == "20 − 10 × 1件经查虚假或恶意的投诉"


# --- 08: a county that owes no month of the year is not rated ------------------------------


def test_a_county_created_after_the_year_is_not_in_the_years_assessment():
    """County 379981 exists from 2026-03-01: it owes no month of 2025 (DESIGN "A county owes
    the months it exists"), so 2025 neither scores it (no compliance of 0) nor lets it be rated
    先进; a notice says why it is absent. A county created during the year is still rated."""
    base = small_dataset(2025)
    later, during = "379981", "379921"
    counties = tuple(
        attrs.evolve(c, effective_from=datetime(2026, 3, 1).date())
        if c.code == later
        else attrs.evolve(c, effective_from=datetime(2025, 11, 20).date())
        if c.code == during
        else c
        for c in base.counties
    )
    ds = attrs.evolve(
        base,
        counties=counties,
        reports=tuple(r for r in base.reports if r.county != later and (r.county != during or r.month.month >= 11)),
        points=tuple(p for p in base.points if p.county not in (later, during)),
        contacts=tuple(c for c in base.contacts if not c.point.startswith((f"P-{later}", f"P-{during}"))),
    )
    a = assess(ds, 2025, audience=CITY_OFFICE)
    assert later not in {c.code for c in a.counties}
    assert any(n.startswith(f"county {later} owes no month of 2025") for n in a.notices)
    # Created 2025-11-20: owes November and December, both reported on time → 100, eligible.
    c = a.county(during)
    assert [str(m.month) for m in c.months if m.status.owed] == ["2025-11", "2025-12"]
    assert c.compliance == Decimal(100) and c.topten_eligible
