"""Reviewer r60's maintainability findings fixed by helper fr61 (behaviour pinned, not changed).

01 A liaison office's recorded name was looked up in five places, each with its own fallback:
   one lookup now (model.points.liaison_office_name: a county's County.liaison_office, the
   city's City.liaison_office for "city", None for a code the dataset does not know), and each
   caller says its fallback for an unknown code where it calls it.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import attrs

from softenv_core.analyses.audiences import Audience, AudienceKind, reader_office
from softenv_core.analyses.research_topics import topic_progress
from softenv_core.analyses.unreached_runs import _office as unreached_office
from softenv_core.model.dataset import Dataset
from softenv_core.model.points import CITY_LIAISON, liaison_office_name
from softenv_core.model.roster import ResearchTopic
from softenv_core.rules.city.uncounted import office_named
from softenv_core.testing import builders as b

# --- 01. one lookup of a liaison office's name -------------------------------------------------

COUNTY_OFFICE = "甲区经信局"
CITY_OFFICE = "临江市工业和信息化局"
UNKNOWN = "379999"


def _renamed() -> Dataset:
    ds = b.small_dataset(2025)
    counties = tuple(attrs.evolve(c, liaison_office=COUNTY_OFFICE) if c.code == "379902" else c for c in ds.counties)
    return attrs.evolve(ds, counties=counties, city=attrs.evolve(ds.city, liaison_office=CITY_OFFICE))


def test_01_the_lookup_names_county_city_and_nobody() -> None:
    ds = _renamed()
    assert UNKNOWN not in ds.county_by_code
    assert liaison_office_name("379902", ds.city, ds.county_by_code) == COUNTY_OFFICE
    assert liaison_office_name(CITY_LIAISON, ds.city, ds.county_by_code) == CITY_OFFICE
    assert liaison_office_name(UNKNOWN, ds.city, ds.county_by_code) is None


def test_01_each_caller_keeps_its_fallback_for_an_unknown_code() -> None:
    ds = _renamed()
    # Word documents' 发至: a county reader's office, nobody for the city or an unknown county
    assert reader_office(ds, Audience(AudienceKind.COUNTY, "379902")) == COUNTY_OFFICE
    assert reader_office(ds, Audience(AudienceKind.COUNTY, UNKNOWN)) is None
    assert reader_office(ds, Audience(AudienceKind.CITY)) is None
    # duty items: a county by code and name, the city by name, an unknown code by the code
    ctx: Any = SimpleNamespace(dataset=ds)
    assert office_named(ctx, "379902") == f"379902 {COUNTY_OFFICE}"
    assert office_named(ctx, CITY_LIAISON) == CITY_OFFICE
    assert office_named(ctx, UNKNOWN) == UNKNOWN
    # unreached runs: an unknown code is named as the city's office
    assert unreached_office(ds, "379902") == COUNTY_OFFICE
    assert unreached_office(ds, CITY_LIAISON) == CITY_OFFICE
    assert unreached_office(ds, UNKNOWN) == CITY_OFFICE


def test_01_a_research_topic_names_its_owner_office() -> None:
    ds = _renamed()
    topics = [
        ResearchTopic(f"t{i}", "调研", opened=date(2025, 2, 1), owner=owner)
        for i, owner in enumerate(("379902", CITY_LIAISON, UNKNOWN))
    ]
    progress = topic_progress(attrs.evolve(ds, research_topics=tuple(topics)), date(2025, 3, 1))
    assert [p.owner_name for p in progress] == [COUNTY_OFFICE, CITY_OFFICE, UNKNOWN]
