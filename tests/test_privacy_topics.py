"""The year end's 专项调研 candidates list a county only when it stands for at least
``privacy.min_cell`` of the candidate's points (tdiff finding 04), as the monthly report's
common problems do: a county of one point behind "市生态环境局 执法" told the department (and the
public) that one enterprise of that county raised it."""

from __future__ import annotations

from collections import defaultdict

from softenv_core import Month, research_topics

from .demo_city import demo


def test_a_candidate_lists_only_counties_of_at_least_min_cell_points_outside_the_city_office():
    ds = demo()
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


def test_a_candidates_counties_are_shown_all_or_none_and_a_withheld_count_is_hidden():
    """Attacker t3/06, in the year end: a list cut to its large counties read, by its length,
    "1 county" for a candidate that spans at least two; the list is withheld whole and the
    year-end document prints its count hidden."""
    from softenv_core import CITY_OFFICE, render_yearend, year_end
    from softenv_core.analyses.disclosure import HIDDEN_MARK

    ds = demo()
    first, last = Month(2025, 1), Month(2025, 12)
    full = {(t.category, t.department): t.counties for t in research_topics(ds, first, last, audience=CITY_OFFICE)}
    shown = research_topics(ds, first, last, audience="public")
    assert any(not t.counties for t in shown)  # the demo has cut lists: the test would see one
    for t in shown:
        assert t.counties in ((), full[(t.category, t.department)])
    text = render_yearend(year_end(ds, 2025, audience="public"))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "建议" not in line]
    assert any(f"| {HIDDEN_MARK} |" in line for line in rows)
    assert not any(line.split(" | ")[2:3] == ["1"] for line in rows if "专项" in line)


def test_the_year_ends_notice_does_not_count_the_counties_a_candidates_row_hides():
    """Attacker x39 03: the notice `事项所在县区因单元过小不列: N 处` added up the counties of every
    candidate whose list was withheld (92 in the demo's year, over 12 candidates), so a year
    with one such candidate printed the county count its row shows hidden (`—`). It counts
    the candidates whose counties are withheld: the rows that show `—`, which the reader sees."""
    from softenv_core import CITY_OFFICE, year_end

    ds = demo()
    first, last = Month(2025, 1), Month(2025, 12)
    full = {
        (t.category, t.department): t.counties
        for t in research_topics(ds, first, last, audience=CITY_OFFICE, direct_feedback=False)
    }
    for audience in ("public", "department:city-hr", "county:379921"):
        y = year_end(ds, 2025, audience=audience)
        cut = [t for t in y.topics if not t.counties]
        hidden = sum(len(full[(t.category, t.department)]) for t in cut)
        assert cut and hidden > len(cut)  # the demo tells the two counts apart
        (notice,) = [n for n in y.notices if n.startswith("事项所在县区因单元过小不列")]
        assert notice == f"事项所在县区因单元过小不列：{len(cut)} 处", (audience, notice)
