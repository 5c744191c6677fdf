"""Attacker x54 01: a county was shown the 市直 (city-level) points located in it as its own.

A 市直 point is designated and contacted by the city (市经贸委) and commended by the city itself,
never nominated by a county (docs/yearend.md: 市直监测点不计入县区名额，也不由县区推荐); a
county's own points are its county-level ones (``Audience.owns_point``, ``point_county``). The
county was given the 市直 points' whole scores with their direct-feedback items (the months with
feedback, the deduction for a complaint found false, the band), their removal proposals and
roster checks in the year end, their 万人评议 participation, and the name of a 市直 point that
consented to be named in its complaint: so it learnt, of a point it has no part in, that it had
filed a complaint found false, or complained directly in a month its contacts show nothing.

The two worlds of the repro differ only in which 市直 points made two complaints without consent
(Q-2025-0001, and Q-2025-0009, found false): two of 东城区 (379902) or two of 西城区 (379903).
Everything ``county:379902`` is given reads the same in both.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import attrs
import openpyxl
import pytest

from softenv_core import (
    Audience,
    assess,
    explain_point,
    monitoring_report,
    render_markdown,
    render_yearend,
    write_results_workbook,
    year_end,
)
from softenv_core.analyses.adjustment import propose_adjustments
from softenv_core.analyses.audiences import point_county
from softenv_core.analyses.unqualified_removals import check_unqualified_removals
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange

from .demo_city import demo, demo_json
from .office_cli import run

READER = "county:379902"
CITY_LEVEL = ("P379902-001", "P379902-002")  # the 市直 points located in 东城区 (379902)


@cache
def _world(where: str) -> Dataset:
    """The demo with Q-2025-0001 and Q-2025-0009 (found false) made, without consent, by the two
    市直 points of ``where`` (379902 or 379903)."""
    base = demo()
    moved = {"Q-2025-0001": f"P{where}-001", "Q-2025-0009": f"P{where}-002"}
    complaints = tuple(
        attrs.evolve(q, point=moved[q.id], consent_to_disclose=False) if q.id in moved else q for q in base.complaints
    )
    ds = attrs.evolve(base, complaints=complaints)
    assert all(ds.point_by_id[p].level is PointLevel.CITY for p in moved.values())
    return ds


@cache
def _shown(where: str) -> dict[str, str]:
    """What ``READER`` is given of the year in that world (the library's outputs, as the CLI and
    the service render them)."""
    ds = _world(where)
    a = assess(ds, 2025, audience=READER)
    y = year_end(ds, 2025, audience=READER)
    shown = {"assess.json": a.to_json(), "yearend.json": y.to_json(), "yearend.md": render_yearend(y)}
    shown |= {f"explain {p.id}": explain_point(p) for p in a.points}
    for month in ("2025-01", "2025-08"):  # the months the two complaints were received
        r = monitoring_report(ds, month, audience=READER)
        shown[f"report {month}.json"], shown[f"report {month}.md"] = r.to_json(), render_markdown(r)
    return shown


def test_01_a_county_reads_the_same_whichever_city_level_points_complained() -> None:
    a, b = _shown("379902"), _shown("379903")
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name


def test_01_the_results_workbook_reads_the_same(tmp_path: Path) -> None:
    cells = []
    for where in ("379902", "379903"):
        path = tmp_path / f"{where}.xlsx"
        write_results_workbook(_world(where), 2025, path, audience=READER)
        book = openpyxl.load_workbook(path)
        cells.append({(s.title, c.coordinate): c.value for s in book.worksheets for row in s.iter_rows() for c in row})
    assert cells[0] == cells[1]


def test_01_a_county_gets_no_city_level_points_score_proposal_check_or_participation() -> None:
    ds = _world("379902")
    a = assess(ds, 2025, audience=READER)
    own = {p.id for p in ds.points if p.county == "379902" and p.level is PointLevel.COUNTY}
    assessed = {p.id for p in assess(ds, 2025, audience="city").points}
    # Its own county-level points as before, every one the city office's assessment holds.
    assert {p.id for p in a.points} == own & assessed and len(a.points) == 18
    y = year_end(ds, 2025, audience=READER)
    named = [x.point for part in (y.proposals, y.filings, y.window, y.unrecorded, y.unqualified_removals) for x in part]
    assert named and set(named) <= own
    taking = {p for r in y.appraisal for p in (*r.points_taking_part, *r.points_not_taking_part)}
    assert taking and taking <= own
    text = a.to_json() + y.to_json() + render_yearend(y)
    for point in CITY_LEVEL:
        assert point not in text


@cache
def _roster() -> Dataset:
    """World A with the city's removal of P379902-002 for 考评不合格 in November (outside the
    adjustment window, so in the window checks and the removals checked against the year), and
    P379902-001's record ending in October with no roster change (an unrecorded removal)."""
    ds = _world("379902")
    removal = RosterChange(
        "RC-x54",
        "P379902-002",
        ChangeAction.REMOVE,
        ChangeReason.UNQUALIFIED,
        date(2025, 11, 30),
        Designator.CITY,
        "379902",
    )
    points = tuple(
        attrs.evolve(p, designated_until=date(2025, 10, 31)) if p.id == "P379902-001" else p for p in ds.points
    )
    # Their ratings of the second round (December), made after both left, go with them.
    ratings = tuple(r for r in ds.ratings if not (r.rater in CITY_LEVEL and r.round == "A-2025-H2"))
    return attrs.evolve(ds, points=points, roster_changes=(*ds.roster_changes, removal), ratings=ratings)


def test_01_the_city_office_still_sees_the_city_level_points() -> None:
    ds = _world("379902")
    a = assess(ds, 2025, audience="city")
    assert {"P379902-001", "P379902-002"} <= {p.id for p in a.points}
    y = year_end(ds, 2025, audience="city")
    assert "P379902-002" in {p.point for p in y.proposals}  # 不合格: the complaint found false
    assert any("P379902-001" in r.points_taking_part for r in y.appraisal)
    y = year_end(_roster(), 2025, audience="city")
    assert "P379902-002" in {w.point for w in y.window} & {u.point for u in y.unqualified_removals}
    assert "P379902-001" in {u.point for u in y.unrecorded}


def test_01_a_county_gets_no_city_level_roster_check() -> None:
    ds = _roster()
    y = year_end(ds, 2025, audience=READER)
    for part in (y.proposals, y.filings, y.window, y.unrecorded, y.unqualified_removals):
        assert not {x.point for x in part} & set(CITY_LEVEL)
    assert not any(p in y.to_json() + render_yearend(y) for p in CITY_LEVEL)
    # The standalone parts, as the year end gives them.
    city = assess(ds, 2025, audience="city")
    assert not {x.point for x in check_unqualified_removals(ds, city, audience=READER)} & set(CITY_LEVEL)
    assert not {x.point for x in propose_adjustments(ds, city, audience=READER)} & set(CITY_LEVEL)
    # A department and the public are still given the window's checks, unnamed, for section 九's counts.
    assert len(year_end(ds, 2025, audience="public").window) == len(year_end(ds, 2025, audience="city").window)


def test_01_a_consented_complaint_of_a_city_level_point_is_not_named_to_its_county() -> None:
    ds = demo()  # Q-2025-0001: P379902-001 (市直) complained with consent in January
    assert ds.complaints[0].id == "Q-2025-0001" and ds.complaints[0].consent_to_disclose
    named = {c.complainant for c in monitoring_report(ds, "2025-01", audience=READER).complaints}
    assert "P379902-001" not in named
    assert "P379902-001" in {c.complainant for c in monitoring_report(ds, "2025-01", audience="city").complaints}
    # A county-level point's consented complaint (about a 市直 department) is named to its county as before.
    assert "P379902-018" in {c.complainant for c in monitoring_report(ds, "2025-10", audience=READER).complaints}


def test_01_the_one_predicate() -> None:
    ds = demo()
    county, city = ds.point_by_id["P379902-018"], ds.point_by_id["P379902-001"]
    assert point_county(county) == "379902" and point_county(city) is None and point_county(None) is None
    reader = Audience.parse(READER)
    assert reader.owns_point(county) and not reader.owns_point(city)
    assert Audience.parse("point:P379902-001").owns_point(city)
    assert not Audience.parse("county:379903").owns_point(county)
    assert not Audience.parse("public").owns_point(county) and not Audience.parse("city").owns_point(city)
    # Consent names a county-level point to its county, not a 市直 point to the county it lies in.
    q = next(c for c in ds.complaints if c.id == "Q-2025-0001")
    assert not reader.sees_identity(q, point_county(city)) and reader.sees_identity(q, point_county(county))


def test_01_explain_refuses_a_city_level_point_as_another_countys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "demo.json"
    data.write_text(demo_json(), encoding="utf-8")
    said = {}
    for point in ("P379902-001", "P379903-015"):  # a 市直 point located in it, another county's point
        code, out, err = run(capsys, "explain", data, "--year", 2025, "--point", point, "--audience", READER)
        assert code != 0 and not out
        said[point] = err.replace(point, "ID")
    assert said["P379902-001"] == said["P379903-015"]
    assert "没有向读者 county:379902 显示的在册监测点" in said["P379902-001"]
