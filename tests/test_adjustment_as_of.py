"""The annual adjustment (动态调整, 三(五)) and the filings (备案) as of an instant: only the
records known then count (DESIGN "An explicit instant"; docs/yearend.md "As of an instant").

Contacts by their date, complaints by ``Complaint.known_at`` (through the assessment of the
same instant), roster changes once in effect or filed, filings by ``filed_on``, departments'
suggestions by ``made_on``; a month still running is not yet unreached. Each expected value
is worked out by hand in the comment beside it."""

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, assess, baseline_parameters, get_plugin_manager
from softenv_core.analyses.adjustment import (
    check_filings,
    check_window,
    propose_additions,
    propose_adjustments,
    propose_from_suggestions,
)
from softenv_core.errors import InputError, SoftenvError
from softenv_core.model.periods import BEIJING, beijing_date
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.reports import Contact, ContactMethod
from softenv_core.model.roster import AdjustmentSuggestion, ChangeAction, ChangeReason, Filing, RosterChange
from softenv_core.testing import beijing_moments, datasets, small_dataset

from .weights import HEAVY

PARAMS = baseline_parameters()
P = "P-379902-2"  # 甲区's county point (liaison: the county)
Q = "P-379921-2"  # another county's county point
JUNE_30 = datetime(2025, 6, 30, 18, tzinfo=BEIJING)  # June is still running


def _pm():
    return get_plugin_manager(autoload=False, plugins=[])


def _proposals(ds, as_of=None):
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    return {p.point: p for p in propose_adjustments(ds, a, PARAMS, as_of=as_of, audience=CITY_OFFICE)}


def _unreached(ds, point, months):
    return tuple(
        attrs.evolve(c, reached=False, items=()) if c.point == point and c.date.month in months else c
        for c in ds.contacts
    )


def _removal(cid, point, effective, reason=ChangeReason.OWN_WISH):
    return RosterChange(cid, point, ChangeAction.REMOVE, reason, effective, Designator.COUNTY, point.split("-")[1])


# --- contacts and months --------------------------------------------------------------------


def test_a_contact_after_as_of_does_not_rescue_a_point_unreached_then():
    ds = small_dataset(2025)
    # P's contacts from March to July did not reach it: by 2025-06-30 three months had ended
    # unreached (March—May; June still running). A visit on 07-02 reached it.
    ds = attrs.evolve(ds, contacts=_unreached(ds, P, (3, 4, 5, 6, 7)))
    rescue = Contact("C-LATE", P, date(2025, 7, 2), ContactMethod.VISIT, "379902")
    later = attrs.evolve(ds, contacts=(*ds.contacts, rescue))
    for data in (ds, later):
        proposal = _proposals(data, JUNE_30)[P]
        assert proposal.reasons == ("unreachable",)
        assert proposal.explanation == ("连续3个月未联系上：2025-03—2025-05",)
    # Read whole, the records tell later months: March—July, or March—June once July's visit
    # is known (the old reading, which answered "as of 2025-06-30" with it).
    assert _proposals(ds)[P].explanation == ("连续5个月未联系上：2025-03—2025-07",)
    assert _proposals(later)[P].explanation == ("连续4个月未联系上：2025-03—2025-06",)


def test_a_month_still_running_at_as_of_is_not_yet_unreached():
    ds = small_dataset(2025)
    # Q unreached in April, May and June; as of 2025-06-30 18:00 June is still running:
    # only April and May count, 2 < roster.unreached_months (3), no proposal.
    ds = attrs.evolve(ds, contacts=_unreached(ds, Q, (4, 5, 6)))
    assert Q not in _proposals(ds, JUNE_30)
    # At midnight June has ended: April—June, three months.
    assert _proposals(ds, datetime(2025, 7, 1, tzinfo=BEIJING))[Q].explanation == (
        "连续3个月未联系上：2025-04—2025-06",
    )
    # Without as_of every record counts, as before.
    assert _proposals(ds)[Q].explanation == ("连续3个月未联系上：2025-04—2025-06",)


# --- roster changes, filings, suggestions -------------------------------------------------


def test_roster_changes_are_known_once_in_effect_or_filed():
    ds = small_dataset(2025)
    changes = (
        _removal("RC-IN", P, date(2025, 6, 1)),  # in effect by 06-30, filed late (07-10)
        _removal("RC-FILED", Q, date(2025, 8, 1)),  # not yet in effect, filed 06-20
        _removal("RC-LATER", "P-379981-2", date(2025, 8, 1)),  # neither by 06-30
    )
    filings = (
        Filing("F-LATE", "379902", date(2025, 7, 10), ("RC-IN",)),
        Filing("F-EARLY", "379921", date(2025, 6, 20), ("RC-FILED",)),
    )
    ds = attrs.evolve(ds, roster_changes=changes, filings=filings)
    checks = {c.change: c for c in check_filings(ds, as_of=JUNE_30, audience=CITY_OFFICE)}
    # RC-IN took effect 06-01 and no filing was known on 06-30: not filed (the filing of 07-10 is
    # not yet made; it would be too late anyway). RC-FILED: filed 06-20, before 08-01: in time.
    # RC-LATER: neither in effect nor filed, a filing may still come: not listed.
    assert set(checks) == {"RC-IN", "RC-FILED"}
    assert (checks["RC-IN"].ok, checks["RC-IN"].filing, checks["RC-IN"].reason) == (False, None, "未报市经贸委备案")
    assert (checks["RC-FILED"].ok, checks["RC-FILED"].filing) == (True, "F-EARLY")
    # Without as_of: every filing, as before (RC-IN filed 07-10, not before 06-01).
    every = {c.change: c for c in check_filings(ds, audience=CITY_OFFICE)}
    assert set(every) == {"RC-IN", "RC-FILED", "RC-LATER"} and every["RC-IN"].filing == "F-LATE"
    # The own-wish removal known by its filing is proposed (P left the roster on 06-01: nothing
    # to propose for it); the one nobody knew of yet is not.
    proposals = _proposals(ds, JUNE_30)
    assert set(proposals) == {Q}
    assert proposals[Q].evidence == ("RC-FILED",)
    # Without as_of both have left the roster by the year's end (08-01): nothing to propose.
    assert set(_proposals(ds)) == set()
    assert {c.change for c in check_window(ds, 2025, PARAMS, as_of=JUNE_30)} == {"RC-IN", "RC-FILED"}


def test_a_suggestion_made_after_as_of_is_not_listed():
    ds = small_dataset(2025)
    early = AdjustmentSuggestion("S-EARLY", "city-amr", ChangeAction.REMOVE, "379902", date(2025, 6, 30), "建议调整", P)
    late = AdjustmentSuggestion("S-LATE", "city-amr", ChangeAction.REMOVE, "379921", date(2025, 7, 10), "建议调整", Q)
    add = AdjustmentSuggestion("S-ADD", "city-amr", ChangeAction.ADD, "379921", date(2025, 7, 10), "建议增设某企业")
    ds = attrs.evolve(ds, adjustment_suggestions=(early, late, add))
    # Made on as_of's own day: known; made on 07-10: not yet made.
    assert [p.evidence for p in propose_from_suggestions(ds, 2025, as_of=JUNE_30)] == [("S-EARLY",)]
    assert [p.evidence for p in propose_from_suggestions(ds, 2025)] == [("S-EARLY",), ("S-LATE",)]
    added = {a.wanted for a in propose_additions(ds, 2025, PARAMS, as_of=JUNE_30) if a.source != "representativeness"}
    assert added == set()
    assert {a.wanted for a in propose_additions(ds, 2025, PARAMS) if a.source != "representativeness"} == {"S-ADD"}


# --- refusals -------------------------------------------------------------------------------


def test_a_naive_as_of_is_refused_as_the_assessment_refuses_it():
    ds = small_dataset(2025)
    naive = datetime(2025, 6, 30, 18)
    with pytest.raises(InputError) as expected:
        assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=naive)
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE)
    calls = (
        lambda: propose_adjustments(ds, a, PARAMS, as_of=naive, audience=CITY_OFFICE),
        lambda: check_filings(ds, as_of=naive, audience=CITY_OFFICE),
        lambda: check_window(ds, 2025, PARAMS, as_of=naive),
        lambda: propose_from_suggestions(ds, 2025, as_of=naive),
        lambda: propose_additions(ds, 2025, PARAMS, as_of=naive),
    )
    for call in calls:
        with pytest.raises(InputError) as got:
            call()
        assert got.value.problems == expected.value.problems
        assert str(got.value) == str(expected.value)


def test_an_assessment_of_another_instant_is_refused():
    ds = small_dataset(2025)
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE)  # the default instant, after the year
    with pytest.raises(SoftenvError, match=r"speaks for 2026-.*not as_of 2025-06-30T18:00:00"):
        propose_adjustments(ds, a, PARAMS, as_of=JUNE_30, audience=CITY_OFFICE)
    # The same instant written with another offset is the same instant.
    same = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=JUNE_30)
    assert propose_adjustments(ds, same, PARAMS, as_of=JUNE_30.astimezone(UTC), audience=CITY_OFFICE) == ()


# --- monotonic knowledge ------------------------------------------------------------------


def _as_of_results(ds, as_of):
    a = assess(ds, 2025, _pm(), audience=CITY_OFFICE, as_of=as_of)
    return (
        propose_adjustments(ds, a, PARAMS, as_of=as_of, audience=CITY_OFFICE),
        check_filings(ds, as_of=as_of, audience=CITY_OFFICE),
        check_window(ds, 2025, PARAMS, as_of=as_of),
        propose_from_suggestions(ds, 2025, as_of=as_of),
        propose_additions(ds, 2025, PARAMS, as_of=as_of),
    )


@st.composite
def _roster_records(draw, ds):
    """Removals of some open-ended points (each with a filing or none) and suggestions, dated
    anywhere from 2025 to 2026: some before the instant drawn, some after it."""
    changes, filings, suggestions = [], [], []
    for k, p in enumerate(ds.points):
        if p.designated_until is not None or not draw(st.booleans()):
            continue
        lo = max(p.designated_from + timedelta(days=1), date(2025, 1, 2))
        effective = draw(st.dates(lo, date(2026, 12, 31)))
        reason = draw(st.sampled_from([ChangeReason.OWN_WISH, ChangeReason.DEREGISTERED, ChangeReason.OTHER]))
        # A 市直 point is the city's to change (io/roster_authority.py); a county's its county's.
        by = Designator.CITY if p.level is PointLevel.CITY else Designator.COUNTY
        changes.append(RosterChange(f"RC{k}", p.id, ChangeAction.REMOVE, reason, effective, by, p.county))
        if draw(st.booleans()):
            filings.append(Filing(f"F{k}", p.county, draw(st.dates(date(2025, 1, 1), date(2026, 12, 31))), (f"RC{k}",)))
        if draw(st.booleans()):
            action = draw(st.sampled_from(ChangeAction))
            made = draw(st.dates(date(2025, 1, 1), date(2025, 12, 31)))
            point = p.id if action is ChangeAction.REMOVE else None
            suggestions.append(AdjustmentSuggestion(f"S{k}", "city-amr", action, p.county, made, "建议", point))
    return changes, filings, suggestions


@HEAVY
@given(datasets(year=2025, max_counties=2, max_points=3), st.data())
def test_records_dated_after_as_of_never_change_the_result_as_of_it(ds, data):
    as_of = data.draw(beijing_moments(date(2025, 2, 1), date(2026, 1, 10)), label="as_of")
    day = beijing_date(as_of)
    changes, filings, suggestions = data.draw(_roster_records(ds), label="roster records")
    removed = {c.point for c in changes}
    full = attrs.evolve(
        ds,
        # Topics and follow-ups cite contacts and complaints; a point's ratings must fall inside
        # its interval: left out of both datasets alike (the adjustment reads none of them).
        research_topics=(),
        followups=(),
        ratings=tuple(r for r in ds.ratings if r.rater not in removed),
        roster_changes=tuple(changes),
        filings=tuple(filings),
        adjustment_suggestions=tuple(suggestions),
    )
    known_filings = tuple(f for f in filings if f.filed_on <= day)
    filed = {cid for f in known_filings for cid in f.changes}
    known = attrs.evolve(
        full,
        contacts=tuple(c for c in full.contacts if c.date <= day),
        complaints=tuple(c for c in full.complaints if c.events[0].at <= as_of),
        roster_changes=tuple(c for c in changes if c.effective <= day or c.id in filed),
        filings=known_filings,
        adjustment_suggestions=tuple(s for s in suggestions if s.made_on <= day),
    )
    # ``full`` is ``known`` with records dated after as_of added: the same result as of it.
    assert _as_of_results(full, as_of) == _as_of_results(known, as_of)
