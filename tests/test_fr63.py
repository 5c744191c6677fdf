"""Fixer fr63: tests for reviewer r63's findings without a test in tests/test_r63.py (04, 06,
07, 08, 11), each asserting the behaviour the fix gives."""

from __future__ import annotations

import json
import time
from datetime import date

import attrs
import pytest

import softenv_core as sc
from softenv_core.errors import NotFound
from softenv_core.io.dataset_files import loads_dataset
from softenv_core.model.appraisals import AppraisalRound
from softenv_core.model.divisions import SEED_OFFICE_NAMES
from softenv_core.model.periods import HalfYear
from softenv_core.testing import small_dataset

from .a76_world import build
from .test_a76 import _params_with


def test_04_a_round_given_that_is_not_the_dataset_s_names_both() -> None:
    """r63 04: "no appraisal round 'A-2025-H1' in the dataset (whose A-2025-H1 is …)" denied what
    it named; the message says the two rounds differ, in full-width punctuation in Chinese."""
    own = AppraisalRound("A-2025-H1", HalfYear(2025, 1), date(2025, 6, 10), date(2025, 6, 25))
    ds = attrs.evolve(small_dataset(2025), appraisal_rounds=(own,))
    moved = attrs.evolve(own, opened=date(2025, 1, 2), closed=date(2025, 1, 3))
    with pytest.raises(NotFound) as info:
        sc.appraise(ds, moved, audience="city")
    assert str(info.value) == (
        "the round given, A-2025-H1 (2025-01-02–2025-01-03), is not the dataset's A-2025-H1 "
        "(2025-H1, 2025-06-10–2025-06-25)"
    )
    assert info.value.zh == (
        "所给轮次 A-2025-H1（2025-01-02—01-03）与数据集中的 A-2025-H1（2025年上半年，2025-06-10—06-25）不同"
    )
    with pytest.raises(NotFound) as unknown:  # an unknown id's message as it was
        sc.appraise(ds, "X", audience="city")
    assert str(unknown.value) == "no appraisal round 'X' in the dataset"


def test_06_a_long_list_is_refused_without_walking_it() -> None:
    """r63 06: the size bound is checked first, counting only as far as the first bound passed."""
    from softenv_core.engine.trace import json_problem

    many = list(range(3_000_000))
    started = time.perf_counter()
    problem = json_problem(many)
    assert problem is not None and "entries" in problem
    assert time.perf_counter() - started < 0.05
    assert json_problem({1: "a"}) == "a mapping key int is not text"  # a key not text: no TypeError


def test_07_every_clash_of_a_county_office_with_a_decider_is_told_at_once() -> None:
    """r63 07: two waivers decided under a county's own office that topten.waiver_deciders also
    names: both told in one InputError ("every problem at once"), not the first alone."""
    d = build()
    second = dict(next(w for w in d["waivers"] if w["id"] == "W-D"), id="W-D2", month="2025-08")
    d["waivers"].append(second)
    ds = loads_dataset(json.dumps(d, ensure_ascii=False))
    params = _params_with("topten.waiver_deciders", date(2025, 1, 1), [*SEED_OFFICE_NAMES, "丁区经贸委"])
    with pytest.raises(sc.InputError) as info:
        sc.assess(ds, 2025, sc.get_plugin_manager(), params=params, audience="city")
    messages = [p.message for p in info.value.details]
    assert any("waiver W-D is decided_by it" in m for m in messages), messages
    assert any("waiver W-D2 is decided_by it" in m for m in messages), messages


def test_08_a_point_is_told_the_year_only_when_the_year_is_why() -> None:
    """r63 08: "本监测点在本轮评议期间（本轮所属年度内）未在册" named the year whatever the reason. A
    point designated during R2 but owing no month of its year (2025-12-29) is told the year; one
    designated after the window is told it was not on the roster during it."""
    from datetime import datetime, timedelta, timezone

    from softenv_core.model.points import Designator
    from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
    from softenv_core.render.year_end import render_yearend
    from softenv_core.rules.registry import get_plugin_manager
    from softenv_core.testing import make_point

    r2 = AppraisalRound("R2", HalfYear(2025, 2), date(2025, 12, 10), date(2026, 1, 15))
    base = small_dataset(2025)
    late = {"P-dec": date(2025, 12, 29), "P-jan": date(2026, 1, 20)}
    points = [
        attrs.evolve(make_point(i, "379902", n, designated_from=d), designated_by=Designator.COUNTY)
        for n, (i, d) in enumerate(late.items(), start=60)
    ]
    adds = [
        RosterChange(f"RC-{i}", i, ChangeAction.ADD, ChangeReason.DESIGNATION, d, Designator.COUNTY, "379902")
        for i, d in late.items()
    ]
    ds = attrs.evolve(base, points=(*base.points, *points), roster_changes=tuple(adds), appraisal_rounds=(r2,))
    as_of = datetime(2026, 1, 21, tzinfo=timezone(timedelta(hours=8)))
    city = sc.appraise(ds, "R2", audience="city")
    assert city.points_not_held == ("P-dec",)
    assert "P-dec" not in city.points_taking_part + city.points_not_taking_part
    county = sc.appraise(ds, "R2", audience="county:379921")
    assert county.points_not_held == ()  # another county's point: not told
    pm = get_plugin_manager(autoload=False)
    said = {}
    for pid in late:
        y = sc.year_end(ds, 2025, pm, audience=f"point:{pid}", as_of=as_of)
        said[pid] = (render_yearend(y, lang="zh"), render_yearend(y, lang="en"))
    assert "本轮评议属2025年度，本监测点在该年度内无应履职月份，不需参加本轮评议。" in said["P-dec"][0]
    assert "This round belongs to 2025, in which your point owed no month" in said["P-dec"][1]
    assert "本监测点在本轮评议期间未在册，不需参加本轮评议。" in said["P-jan"][0]
    assert "（本轮所属年度内）" not in said["P-jan"][0] + said["P-dec"][0]


def test_08_a_county_office_named_as_the_city_s_reads_plainly() -> None:
    """r63 08: the Chinese of a county office written under a city office's name."""
    from softenv_core.io.county_words import ZH_RULES

    en = (
        "'市经贸委' is a name of the city's offices (市经贸委, 市软建办), under which the city decides waivers; "
        "a county's own waiver decided by its office would count as the city's: write the county's own office "
        "(such as 丁区经贸委)"
    )
    zh = next(rule(m) for pattern, rule in ZH_RULES if (m := pattern.match(en)))
    assert zh == (
        "经贸委名称 市经贸委 是市级机构的名称（市经贸委、市软建办）：市里按这些名称认定市级豁免，"
        "本县区决定的豁免写这个名称将无法区分。请写本县区经贸委的全称（如 丁区经贸委）"
    )
