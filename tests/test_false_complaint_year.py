"""A complaint found false or malicious counts once, in the year of its verdict (city
decision, docs/rules.md "Which year a false complaint counts in").

Audit finding 08: a complaint filed 2024-12-15 and found false 2025-02-10 was deducted in
neither year and barred nomination in neither.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from itertools import product

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import softenv_core as se
from softenv_core.model.complaints import Complaint, ComplaintEvent, ComplaintKind, EventType, Verdict
from softenv_core.model.reports import ItemCategory
from softenv_core.testing.builders import beijing, make_complaint, small_dataset

_BASE: list[se.Dataset] = []


def _dataset(complaint: Complaint) -> se.Dataset:
    if not _BASE:
        a, b = small_dataset(2024), small_dataset(2025)
        _BASE.append(attrs.evolve(b, contacts=a.contacts + b.contacts, reports=a.reports + b.reports))
    return attrs.evolve(_BASE[0], complaints=(complaint,))


def _complaint(received: datetime, found: datetime, verdict: Verdict = Verdict.FALSE) -> Complaint:
    return make_complaint(
        "KX",
        "P-379902-2",
        received,
        resolved_at=found,
        verdict=verdict,
        category=ItemCategory.SERVICE,
        text="举报",
        office="软建办",
        handler="amr",
    )


def _counted(ds: se.Dataset, year: int, as_of: datetime | None = None) -> tuple[bool, bool]:
    """(supervision deducted, nomination barred by the false-complaint condition) in ``year``."""
    kw = {} if as_of is None else {"as_of": as_of}
    r = se.assess(ds, year, audience=se.CITY_OFFICE, **kw)
    p = next(p for p in r.points if p.id == "P-379902-2")
    sup = next(i for i in p.items if i.rule.id == "city.duty.supervision")
    cond = next(c for c in p.nomination_conditions if c.rule.id == "city.nominate.no_false_complaint")
    return sup.points < Decimal(20), not cond.passed


def test_a_december_complaint_found_false_in_february_counts_in_the_new_year() -> None:
    ds = _dataset(_complaint(beijing(2024, 12, 15), beijing(2025, 2, 10)))
    # The deduction counts in the verdict's year; the nomination condition asks about the year's
    # conduct (auditor a42): at 2024's default instant the 2024 complaint is not yet decided, which
    # counts neither for nor against (the city office's reason names it), and 2025's conduct has none.
    assert _counted(ds, 2024) == (False, False)
    assert _counted(ds, 2025) == (True, False)
    # Re-assessing 2024 later, once the verdict is known, still does not deduct it there; the
    # condition fails on it (2024's conduct, found false).
    assert _counted(ds, 2024, as_of=beijing(2025, 6, 1)) == (False, True)
    # Before the verdict, 2025 does not know it (as_of).
    assert _counted(ds, 2025, as_of=beijing(2025, 2, 1)) == (False, False)


@settings(max_examples=6)
@given(
    received=st.integers(0, 364),
    later=st.integers(0, 360),
    verdict=st.sampled_from([Verdict.FALSE, Verdict.MALICIOUS]),
)
def test_a_false_complaint_counts_in_exactly_one_year(received: int, later: int, verdict: Verdict) -> None:
    """Every complaint found false deducts in exactly one year's assessment, the verdict's, and
    bars nomination in at most one, the year it was made, when the verdict is known at that year's
    default instant (auditor a42: the year's conduct; undecided then, it counts neither way and the
    city office's reason says so)."""
    start = beijing(2024, 1, 2) + timedelta(days=received)
    found = min(start + timedelta(days=later, hours=5), beijing(2025, 12, 20))
    ds = _dataset(_complaint(start, found, verdict))
    years = {y: _counted(ds, y) for y in (2024, 2025)}
    assert [y for y, c in years.items() if c[0]] == [found.year]
    known = se.assess(ds, start.year, audience=se.CITY_OFFICE).as_of >= found
    assert [y for y, c in years.items() if c[1]] == ([start.year] if known else [])


def test_found_false_again_after_reopening_counts_once_in_the_new_findings_year() -> None:
    """Found 虚假 in December 2024, reopened after an unsatisfied follow-up, found 虚假 again in
    January 2025: counted once (reviewer), in 2025, the year of the verdict that stands: the
    first, contested by the reopening, stopped counting then (auditor t9 08)."""
    c = _found_false_then_reopened(
        "KX",
        (beijing(2024, 12, 2), beijing(2024, 12, 10), beijing(2024, 12, 11), beijing(2024, 12, 11, 11)),
        (beijing(2025, 1, 20), Verdict.FALSE),
    )
    ds = _dataset(c)
    assert _counted(ds, 2024, as_of=beijing(2024, 12, 10, 12)) == (True, True)  # before the reopening
    # The nomination condition reads 2024's conduct (auditor a42): reopened at the default
    # instant, so undecided (neither way); found false again by 03-01, failed; 2025's has none.
    assert _counted(ds, 2024) == (False, False)  # 2025-01-06: reopened, pending
    assert _counted(ds, 2024, as_of=beijing(2025, 3, 1)) == (False, True)
    assert _counted(ds, 2025) == (True, False)
    assert c.false_found_at == beijing(2025, 1, 20)


def _found_false_then_reopened(
    cid: str, dates: tuple[datetime, datetime, datetime, datetime], again: tuple[datetime, Verdict]
) -> Complaint:
    """Received, found 虚假, followed up 不满意 and reopened on ``dates``; resolved again at
    ``again`` with its verdict."""
    from softenv_core.model.complaints import Satisfaction

    r, found, followed, reopened = dates
    e = ComplaintEvent
    events = (
        e(EventType.RECEIVED, r, "软建办"),
        e(EventType.ACCEPTED, r + timedelta(hours=1), "软建办"),
        e(EventType.ASSIGNED, r + timedelta(hours=2), "软建办", unit="city-amr"),
        e(EventType.SIGNED, r + timedelta(hours=3), "amr"),
        e(EventType.RESOLVED, found, "amr", verdict=Verdict.FALSE),
        e(EventType.FOLLOWED_UP, followed, "软建办", satisfaction=Satisfaction.UNSATISFIED),
        e(EventType.REOPENED, reopened, "软建办"),
        e(EventType.RESOLVED, again[0], "amr", verdict=again[1]),
    )
    point, unit = "P-379902-2", "city-amr"
    return Complaint(cid, ComplaintKind.COMPLAINT, point, unit, ItemCategory.SERVICE, "举报", events=events)


def _reopened(second: Verdict) -> Complaint:
    """Found 虚假 on 2025-12-12, followed up 不满意, reopened 2026-01-05, resolved again on
    2026-01-20 with ``second`` (the auditor's QA)."""
    dates = (beijing(2025, 12, 10), beijing(2025, 12, 12), beijing(2025, 12, 15), beijing(2026, 1, 5))
    return _found_false_then_reopened("QA", dates, (beijing(2026, 1, 20), second))


def _supervision_reason(ds: se.Dataset, year: int, as_of: datetime) -> str:
    p = se.assess(ds, year, audience=se.CITY_OFFICE, as_of=as_of).point("P-379902-2")
    return next(i.reason for i in p.items if i.rule.id == "city.duty.supervision")


def test_a_false_finding_reopened_counts_neither_way_until_resolved_again() -> None:
    # Before the reopening the 虚假 finding stands (2025 deducts, nomination barred); from the
    # reopening until the new resolution nothing is decided: no deduction, said in the reason;
    # after it, the new verdict counts: 属实 none, 虚假 in 2026, the new verdict's year.
    before, pending, after = beijing(2026, 1, 4), beijing(2026, 1, 10), beijing(2026, 3, 1)
    ds = _dataset(_reopened(Verdict.SUBSTANTIATED))
    assert _counted(ds, 2025, as_of=before) == (True, True)
    assert _counted(ds, 2025, as_of=pending) == (False, False)
    assert _counted(ds, 2025) == (False, False)  # the default instant, 2026-01-06
    assert _supervision_reason(ds, 2025, pending).endswith("；QA 已重办（2026-01-05），重新办结前不按虚假计")
    assert "已重办" not in _supervision_reason(ds, 2025, before)
    assert _counted(ds, 2025, as_of=after) == (False, False)
    assert "已重办" not in _supervision_reason(ds, 2025, after)
    again = _dataset(_reopened(Verdict.FALSE))
    assert _counted(again, 2025, as_of=pending) == (False, False)
    # Found 虚假 again: deducted in 2026, the verdict's year; 2025's conduct (received 12-10) fails.
    assert _counted(again, 2025, as_of=after) == (False, True)
    assert _counted(again, 2026, as_of=after) == (True, False)


def test_a_resolution_without_verdict_after_a_reopening_leaves_no_false_finding() -> None:
    """Found 虚假 in December 2024, reopened, resolved again in January 2025 with no verdict
    recorded: the contested 2024 finding does not come back (auditor r3 01: it did, 2024 read
    counted, then not while pending, then counted again as the instant moved on)."""
    c = _reopened_then(None)
    ds = _dataset(c)
    assert (c.verdict, c.found_false, c.false_found_at) == (None, False, None)
    assert _counted(ds, 2024, as_of=beijing(2024, 12, 10, 12)) == (True, True)  # before the reopening
    assert _counted(ds, 2024, as_of=beijing(2025, 1, 10)) == (False, False)  # pending
    assert _counted(ds, 2024, as_of=beijing(2025, 3, 1)) == (False, False)  # resolved, no verdict
    assert _counted(ds, 2025) == (False, False)


def _reopened_then(second: Verdict | None, first: Verdict | None = Verdict.FALSE) -> Complaint:
    """Resolved 2024-12-10 with ``first``, 不满意, reopened 2024-12-11, resolved 2025-01-20 with ``second``."""
    from softenv_core.model.complaints import Satisfaction

    r, e = beijing(2024, 12, 2), ComplaintEvent
    events = (
        e(EventType.RECEIVED, r, "软建办"),
        e(EventType.ACCEPTED, r + timedelta(hours=1), "软建办"),
        e(EventType.ASSIGNED, r + timedelta(hours=2), "软建办", unit="city-amr"),
        e(EventType.SIGNED, r + timedelta(hours=3), "amr"),
        e(EventType.RESOLVED, beijing(2024, 12, 10), "amr", verdict=first),
        e(EventType.FOLLOWED_UP, beijing(2024, 12, 11), "软建办", satisfaction=Satisfaction.UNSATISFIED),
        e(EventType.REOPENED, beijing(2024, 12, 11) + timedelta(hours=1), "软建办"),
        e(EventType.RESOLVED, beijing(2025, 1, 20), "amr", verdict=second),
    )
    return Complaint(
        "KX", ComplaintKind.COMPLAINT, "P-379902-2", "city-amr", ItemCategory.SERVICE, "举报", events=events
    )


@pytest.mark.parametrize("reopen", [True, False])
def test_the_false_finding_counted_is_the_last_resolutions_after_the_last_reopening(reopen: bool) -> None:
    """At every instant (as the complaint stood then: ``known_at``), the false finding that
    counts is that of the last resolution, when no reopening followed it and it found the
    complaint 虚假 or 恶意; none otherwise, whatever an earlier resolution found. Every pair of
    verdicts (or none) is checked: 72 sequences, microseconds each, so no sampling."""
    for first, second in product([None, *Verdict], repeat=2):
        c = _reopened_then(second, first)
        if not reopen:  # resolved once, no follow-up reopened it
            c = attrs.evolve(c, events=c.events[:6])
        for at in [c.events[0].at - timedelta(hours=1), *(ev.at + timedelta(minutes=1) for ev in c.events)]:
            known, expected = c.known_at(at), None
            for ev in known.events:
                if ev.type is EventType.REOPENED:
                    expected = None
                elif ev.type is EventType.RESOLVED:
                    expected = ev.at if ev.verdict in (Verdict.FALSE, Verdict.MALICIOUS) else None
            assert (known.false_found_at, known.found_false) == (expected, expected is not None), (first, second, at)
