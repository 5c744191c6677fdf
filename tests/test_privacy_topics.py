"""The year end's 专项调研 candidates list a county only when it stands for at least
``privacy.min_cell`` of the candidate's points (tdiff finding 04), as the monthly report's
common problems do: a county of one point behind "市生态环境局 执法" told the department (and the
public) that one enterprise of that county raised it."""

from __future__ import annotations

from collections import defaultdict

from softenv_core import Month, research_topics
from softenv_core.demo import build_demo


def test_a_candidate_lists_only_counties_of_at_least_min_cell_points_outside_the_city_office():
    ds = build_demo()
    first, last = Month(2025, 1), Month(2025, 12)
    truth = {}
    for t in research_topics(ds, first, last, audience="city", direct_feedback=False):
        per = defaultdict(set)
        for e in t.evidence:
            per[e.county].add(e.point)
        truth[(t.category, t.department)] = per
    lone_in_city = [c for per in truth.values() for c, ps in per.items() if len(ps) < 3]
    assert lone_in_city  # the demo has such counties: the test would see a leak
    for audience in ("public", "department:city-env", "county:379921"):
        shown = research_topics(ds, first, last, audience=audience)
        assert shown
        for t in shown:
            per = truth[(t.category, t.department)]
            assert all(len(per[c]) >= 3 for c in t.counties), (audience, t.title, t.counties)
