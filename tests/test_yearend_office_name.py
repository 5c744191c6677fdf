"""The year end names the city office as the dataset does (``City.office``; review c42): the
lines that tell a department or the public what is given to the city office only, and the
``--as-of`` too-early refusal, said 市软建办 whatever the city called its office, where the
other texts (the monthly report's, the redaction notices) already read ``city.office``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import attrs
import pytest

from softenv_core import CITY_OFFICE, assess, render_yearend, year_end
from softenv_core.analyses.monitoring_report import monitoring_report
from softenv_core.analyses.year_end import YearEnd
from softenv_core.errors import SoftenvError
from softenv_core.model.periods import Month
from softenv_core.testing import small_dataset

from .demo_city import demo

OFFICE = "某市优化营商环境办公室"
MID_YEAR = datetime(2025, 7, 1, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(scope="module")
def named():
    ds = demo(points_per_county=4, counties=2)  # with 万人评议 rounds and county filings
    return attrs.evolve(ds, city=attrs.evolve(ds.city, office=OFFICE))


@pytest.mark.parametrize("audience", ["public", "department:city-amr"])
def test_what_is_withheld_is_said_given_to_the_office_the_dataset_names(named, audience):
    y = year_end(named, 2025, audience=audience)
    assert y.office == OFFICE
    md = render_yearend(y)
    assert f"参加评议的监测点名单仅向{OFFICE}和有关县区提供，本阅读范围不列（不是没有）。" in md
    assert f"县区调整及其备案情况仅向{OFFICE}和有关县区提供，本阅读范围不列（不是没有）。" in md
    assert "市软建办" not in md


def test_the_office_is_kept_in_the_json_and_an_older_document_reads_the_default(named):
    y = year_end(named, 2025, audience="public")
    doc = json.loads(y.to_json())
    assert doc["office"] == OFFICE
    del doc["office"]  # a document written before the year end recorded it
    older = YearEnd.from_json(json.dumps(doc, ensure_ascii=False))
    assert older.office == "市软建办"
    assert "参加评议的监测点名单仅向市软建办和有关县区提供" in render_yearend(older)


def test_the_too_early_refusal_names_the_office_the_dataset_names():
    ds = small_dataset(2025)
    ds = attrs.evolve(ds, city=attrs.evolve(ds.city, office=OFFICE))
    refusals = []
    for make in (
        lambda: year_end(ds, 2025, audience="county:379902", as_of=MID_YEAR),
        lambda: assess(ds, 2025, audience="county:379902", as_of=MID_YEAR),
        lambda: monitoring_report(ds, Month(2025, 6), audience="county:379902", as_of=MID_YEAR - timedelta(days=20)),
    ):
        with pytest.raises(SoftenvError) as e:
            make()
        refusals.append(e.value)
    for e in refusals:
        assert f"会推算出企业向{OFFICE}直接反映的时间" in e.zh
        assert f"would date direct complaints to {OFFICE}" in str(e)
        assert "市软建办" not in e.zh + str(e)
    # The city office keeps every instant, as before.
    assert year_end(ds, 2025, audience=CITY_OFFICE, as_of=MID_YEAR).office == OFFICE
