"""Attacker x44: what a reader outside the city office learns of how a point rated (万人评议), of
another county's nominations (推荐/表彰) and roster changes (名册调整), by setting outputs side by
side.

Finding 01's tests fail before its fix; the others pin what was tried and held (the report of
the attack, branch x44, lists them), so that a later change that breaks them is seen.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
import pytest

from softenv_core import CITY_OFFICE, appraise
from softenv_core.analyses.redaction import redact_year_end
from softenv_core.analyses.year_end import YearEnd, year_end
from softenv_core.engine.parameters import baseline_parameters
from softenv_core.model.appraisals import RaterGroup
from softenv_core.model.dataset import Dataset
from softenv_core.render.year_end import render_yearend

from .demo_city import demo

ROUND = "A-2025-H1"


@functools.cache
def _city_year_end() -> YearEnd:
    return year_end(demo(), 2025, audience=CITY_OFFICE)


def _view(audience: str, ye: YearEnd | None = None) -> YearEnd:
    return redact_year_end(ye or _city_year_end(), demo(), audience, baseline_parameters())


def _section(md: str, head: str) -> str:
    start = md.index(head)
    return md[start : md.index("\n## ", start + 1)]


# 01. Section 三 (动态调整建议) read "无。" to a department and the public, which are given no
# proposal (docs/privacy.md), over the city's five: a false "none", where sections 一 and 四 say
# that the list is withheld (x21 03, r3 05). The sentence is now the same whatever the proposals.


@pytest.mark.parametrize("audience", ["public", "department:city-amr"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_01_proposals_withheld_from_a_reader_are_not_said_to_be_none(audience: str, lang: str) -> None:
    assert _city_year_end().proposals  # the demo's year has proposals
    section = _section(render_yearend(_view(audience), lang), "## 三、" if lang == "zh" else "## 3. ")
    assert "无。" not in section and "None." not in section
    assert ("不是没有" in section) if lang == "zh" else ("not none" in section)
    none = attrs.evolve(_city_year_end(), proposals=())
    assert render_yearend(_view(audience, none), lang) == render_yearend(_view(audience), lang)


def test_01_a_county_still_reads_its_own_proposals_and_none_where_it_has_none() -> None:
    own = {p.county for p in _city_year_end().proposals}
    county = sorted(own)[0]
    section = _section(render_yearend(_view(f"county:{county}")), "## 三、")
    assert "| 监测点 |" in section
    quiet = next(c.code for c in demo().counties if c.code not in own)
    assert "无。" in _section(render_yearend(_view(f"county:{quiet}")), "## 三、")


# 03. A county that nominated another county's point read, as its own nominee's reason, why the
# point was not scored and the days it was designated (``Z1 不属于379921；Z1 在册 2025-12-31 至
# 今，…未考评``): a roster change of 379902 that its filings and window checks withhold from 379921.


def _nominated_elsewhere() -> Dataset:
    from datetime import date

    from softenv_core.model.roster import Nomination
    from softenv_core.testing.builders import make_point, small_dataset

    ds = small_dataset(2025)
    z1 = make_point("Z1", "379902", 300, designated_from=date(2025, 12, 31))
    return attrs.evolve(ds, points=(*ds.points, z1), nominations=(Nomination("N-1", 2025, "379921", "Z1"),))


def test_03_a_county_is_not_told_when_another_countys_nominated_point_was_designated() -> None:
    full = year_end(_nominated_elsewhere(), 2025, audience=CITY_OFFICE)
    (city,) = next(c for c in full.commendation.counties if c.county == "379921").nominees
    assert "2025-12-31" in city.reason and "未考评" in city.reason  # the city office keeps why
    view = redact_year_end(full, _nominated_elsewhere(), "county:379921", baseline_parameters())
    (check,) = next(c for c in view.commendation.counties if c.county == "379921").nominees
    # The point's id is masked in the text as every nominee reason's is (its own field names it).
    assert (check.point, check.accepted, check.reason) == ("Z1", False, "[监测点] 不属于379921")
    assert "在册 2025-12-31" not in view.to_json() + render_yearend(view)


# Held: the 万人评议 round's view does not depend on which point gave which rating.


def _swapped(dataset: Dataset, a: str, b: str) -> Dataset:
    """The round's point ratings of ``a`` given by ``b`` and the other way round."""

    def turn(rater: str) -> str:
        return {a: b, b: a}.get(rater, rater)

    ratings = tuple(
        attrs.evolve(r, rater=turn(r.rater)) if r.round == ROUND and r.group is RaterGroup.POINT else r
        for r in dataset.ratings
    )
    return attrs.evolve(dataset, ratings=ratings)


def _raters(dataset: Dataset, county: str) -> list[str]:
    full = appraise(dataset, ROUND, audience=CITY_OFFICE)
    return [p for p in full.points_taking_part if p.startswith(f"P{county}-")]


@pytest.mark.parametrize("reader", ["county:379902", "county:379903", "public", "department:city-amr"])
def test_held_a_round_reads_the_same_whichever_of_two_raters_gave_which_ratings(reader: str) -> None:
    dataset = demo()
    for county in ("379902", "379921"):  # two of the reader's own points, or of another county
        a, b = _raters(dataset, county)[:2]
        given = {
            p: sorted((r.department, r.level.value) for r in dataset.ratings if r.rater == p and r.round == ROUND)
            for p in (a, b)
        }
        assert given[a] != given[b]  # the swap moves ratings between two raters
        shown = appraise(dataset, ROUND, audience=reader).to_json()
        assert appraise(_swapped(dataset, a, b), ROUND, audience=reader).to_json() == shown, (reader, a, b)


def test_held_a_point_reads_whether_it_took_part_and_no_other_point() -> None:
    dataset = demo()
    a, b = _raters(dataset, "379902")[:2]
    view = appraise(dataset, ROUND, audience=f"point:{a}")
    assert view.points_taking_part == (a,) and view.points_not_taking_part == ()
    assert b not in view.to_json()


# Held: a county is not told which of another county's points were nominated, nor a point that
# it was nominated, nor anyone the flags or the decisions on another county's nominees.


def _nominees(ye: YearEnd, county: str) -> tuple[str, ...]:
    return tuple(c.point for n in ye.commendation.counties if n.county == county for c in n.nominees)


@pytest.mark.parametrize("reader", ["county:379903", "public", "department:city-amr"])
def test_held_another_countys_nominees_are_not_shown(reader: str) -> None:
    city = _city_year_end()
    nominated = _nominees(city, "379902")
    assert nominated
    view = _view(reader)
    text = view.to_json() + render_yearend(view)
    for point in nominated:
        assert point not in text, (reader, point)
    assert view.commendation.flags == ()
    assert all(d.point not in nominated for d in view.commendation.decisions)


def test_held_a_point_is_not_told_that_it_was_nominated() -> None:
    point = _nominees(_city_year_end(), "379902")[0]
    view = _view(f"point:{point}")
    assert _nominees(view, "379902") == ()
    commendation: Any = view.commendation
    assert commendation.decisions == () and commendation.undated == ()
