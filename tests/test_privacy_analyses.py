"""Platform developer 04: every exported analysis takes the required keyword ``audience``, and
outside the city office returns the year end's view of its part (or refuses), never the
points that rated in 万人评议, complaint ids or complainant points (docs/privacy.md, "Who an
output is for")."""

from __future__ import annotations

import functools
import inspect

import pytest

import softenv_core
from softenv_core import CITY_OFFICE, Audience, SoftenvError
from softenv_core.analyses.adjustment import check_filings, propose_adjustments
from softenv_core.analyses.appraisal_scores import appraise
from softenv_core.analyses.assessment import Assessment, assess
from softenv_core.analyses.commendation import check_commendation
from softenv_core.analyses.contact_overview import contact_overview
from softenv_core.analyses.representativeness import representativeness
from softenv_core.analyses.research_topics import _research_topics, research_topics
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.dataset import Dataset
from softenv_core.model.periods import Month

from .demo_city import demo

PARAMS = baseline_parameters()
COUNTY = "379902"
OTHERS = ("county:379902", "department:city-amr", "public", "point:P379902-020")
# Exported functions that take a dataset but are not analyses read by anyone: a dataset in and
# out, the limits of a complaint, and input/output (docs/privacy.md, "Who an output is for").
# report_deadline: a county's due moment is no reader's view (GET /v1/deadlines takes no audience).
NOT_ANALYSES = {
    "apply_changes",
    "sla_for",
    "dataset_json",
    "dataset_warnings",
    "dump_dataset",
    "validate",
    "report_deadline",
    # The notices of records after a report's instant: every reader's, as section 二's rows (the
    # report given carries its reader); fix helper a79b 04. Not later_waiver_notices nor
    # later_report_notices: a waiver's decided_by is free text, screened for their reader (r65 01).
    "later_amendment_notices",
}


@functools.cache
def _demo() -> Dataset:
    return demo()


@functools.cache
def _assessment() -> Assessment:
    return assess(_demo(), 2025, audience=CITY_OFFICE)


@functools.cache
def _year_end(audience: str) -> YearEnd:
    return year_end(_demo(), 2025, audience=audience, assessment=_assessment())


def _complaint_ids() -> set[str]:
    return {c.id for c in _demo().complaints}


def _own_points(audience: str) -> set[str]:
    aud = Audience.parse(audience)
    if aud.kind.value == "county":
        return {p.id for p in _demo().points if p.county == aud.key}
    return {aud.key} if aud.kind.value == "point" and aud.key else set()


def test_every_exported_analysis_of_a_dataset_requires_the_audience_keyword():
    missing = []
    for name in softenv_core.__all__:
        f = getattr(softenv_core, name)
        if not inspect.isfunction(f) or name in NOT_ANALYSES:
            continue
        params = inspect.signature(f).parameters
        if "dataset" not in params:
            continue
        aud = params.get("audience")
        if aud is None or aud.kind is not inspect.Parameter.KEYWORD_ONLY or aud.default is not inspect.Parameter.empty:
            missing.append(name)
    assert missing == []


def test_without_an_audience_python_names_the_missing_keyword():
    with pytest.raises(TypeError, match="audience"):
        appraise(_demo(), "A-2025-H1", PARAMS)  # type: ignore[call-arg]


@pytest.mark.parametrize("audience", OTHERS)
def test_appraise_lists_raters_only_to_the_city_office(audience):
    ds = _demo()
    city = appraise(ds, "A-2025-H1", PARAMS, audience=CITY_OFFICE)
    assert len(city.points_taking_part) > 100  # the city office's view: every rater
    seen = appraise(ds, "A-2025-H1", PARAMS, audience=audience)
    listed = set(seen.points_taking_part) | set(seen.points_not_taking_part)
    assert listed <= _own_points(audience)
    # The year end's rule for the same round, applied alike.
    (in_year_end,) = [r for r in _year_end(audience).appraisal if r.round == "A-2025-H1"]
    assert seen == in_year_end


def test_research_topics_outside_the_city_office_read_no_complaints_whatever_the_caller_passes():
    ds, first, last = _demo(), Month(2025, 1), Month(2025, 12)
    city = research_topics(ds, first, last, PARAMS, audience=CITY_OFFICE)
    # The city office's view is unchanged: direct feedback by default, complaint ids as evidence.
    assert city == _research_topics(ds, first, last, PARAMS, direct_feedback=True, as_of=None)
    assert any(e.record in _complaint_ids() for t in city for e in t.evidence)
    for audience in OTHERS:
        seen = research_topics(ds, first, last, PARAMS, audience=audience, direct_feedback=True)
        assert all(e.record == "" and e.point == "" for t in seen for e in t.evidence), audience
        assert seen == _year_end(audience).topics, audience
    county = research_topics(ds, first, last, PARAMS, audience=f"county:{COUNTY}")
    assert {e.county for t in county for e in t.evidence} <= {COUNTY}


@pytest.mark.parametrize("audience", OTHERS)
def test_contact_overview_is_refused_outside_the_city_office_naming_the_way_to_its_view(audience):
    ds = _demo()
    assert contact_overview(ds, Month(2025, 6), audience=CITY_OFFICE)
    with pytest.raises(SoftenvError, match=r"contact_overview: .*monitoring_report\(") as info:
        contact_overview(ds, Month(2025, 6), audience=audience)
    assert audience in str(info.value)


@pytest.mark.parametrize("audience", OTHERS)
def test_check_commendation_shows_only_a_countys_own_nominees_and_no_flags(audience):
    ds = _demo()
    city = check_commendation(ds, _assessment(), PARAMS, audience=CITY_OFFICE)
    assert sum(len(n.nominees) for n in city.counties) > 10
    seen = check_commendation(ds, _assessment(), PARAMS, audience=audience)
    assert seen.flags == ()
    assert {n.county for n in seen.counties if n.nominees} <= {COUNTY} & {Audience.parse(audience).key}
    assert [n.quota for n in seen.counties] == [n.quota for n in city.counties]
    assert seen == _year_end(audience).commendation


@pytest.mark.parametrize("audience", OTHERS)
def test_check_filings_and_proposals_show_only_the_readers_own(audience):
    ds, own = _demo(), _own_points(audience)
    # The demo records its 2023/2024 additions too (r3 04); the year end's are 2025's.
    assert len(check_filings(ds, audience=CITY_OFFICE, year=2025)) == 3
    assert len(propose_adjustments(ds, _assessment(), PARAMS, audience=CITY_OFFICE)) == 5
    filings = check_filings(ds, audience=audience, year=2025)
    proposals = propose_adjustments(ds, _assessment(), PARAMS, audience=audience)
    assert {f.point for f in filings} <= own and {p.point for p in proposals} <= own
    ye = _year_end(audience)
    assert (filings, proposals) == (ye.filings, ye.proposals)
    assert not any(e in _complaint_ids() for p in proposals for e in p.evidence)


def test_representativeness_is_the_same_for_every_audience_and_checks_it():
    ds, day = _demo(), _assessment().as_of.date()  # type: ignore[union-attr]
    city = representativeness(ds, day, PARAMS, audience=CITY_OFFICE)
    assert all(representativeness(ds, day, PARAMS, audience=a) == city for a in OTHERS)
    with pytest.raises(SoftenvError, match="no such county"):
        representativeness(ds, day, PARAMS, audience="county:379999")


@pytest.mark.parametrize("function", ["check_commendation", "propose_adjustments"])
def test_an_assessment_redacted_for_another_reader_is_refused(function):
    """A county's redacted assessment lacks the points and conditions these work from: given
    one, they came out quietly wrong (nominees 'not on the roster', proposals missing)."""
    import softenv_core as se

    ds = demo()
    county = ds.counties[0].code
    redacted = se.assess(ds, 2025, audience=f"county:{county}")
    params = se.baseline_parameters()
    args = (ds, redacted, params) if function == "check_commendation" else (ds, redacted, params, None)
    with pytest.raises(se.SoftenvError, match=rf"{function}: assessment is for audience 'county:{county}'"):
        getattr(se, function)(*args, audience=se.CITY_OFFICE)
