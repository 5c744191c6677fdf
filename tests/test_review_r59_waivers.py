"""Reviewer r59 02: ``topten.waiver_deciders`` decides whether a waiver on file excuses a month
(and so a county's 十佳), yet ``city.topten.on_time`` cited only
``topten.max_months_not_on_time``: a city adding 市政府办公室 to it turned a county's 不满足
into 满足 with no word of the change, its value, date or document. The condition now cites it
wherever it cites the allowance, as read for the months it names."""

from __future__ import annotations

from datetime import date

import attrs

from softenv_core import CITY_OFFICE, Month, assess
from softenv_core.model.roster import Waiver
from softenv_core.render.assessment import explain_county
from softenv_core.testing import small_dataset
from tests.review_r59_params import REFERENCE, changed

JIA = "379902"
ADDED = ["市经贸委", "市软建办", "市政府办公室"]


def _assessment(decided_by: str, params=None):
    ds = small_dataset(2025, (JIA,))
    waiver = Waiver("W-3", JIA, Month(2025, 3), "系统故障", date(2025, 4, 20), decided_by)
    reports = tuple(r for r in ds.reports if r.month != Month(2025, 3))  # March 未报
    ds = attrs.evolve(ds, reports=reports, waivers=(waiver,))
    return assess(ds, 2025, params=params, audience=CITY_OFFICE)


def _county(decided_by: str, params=None):
    return _assessment(decided_by, params).county(JIA)


def _on_time(county):
    return next(c for c in county.conditions if c.rule.id == "city.topten.on_time")


def test_a_failure_cites_who_could_have_waived_the_month() -> None:
    cond = _on_time(_county("市政府办公室"))
    assert not cond.passed
    cited = {p.name: p for p in cond.params}
    assert list(cited) == ["topten.max_months_not_on_time", "topten.waiver_deciders"]
    assert list(cited["topten.waiver_deciders"].value) == ["市经贸委", "市软建办"]


def test_a_changed_list_that_carries_the_pass_is_cited_with_its_date_and_document() -> None:
    result = _assessment("市政府办公室", changed({"topten.waiver_deciders": ADDED}, day="2025-01-01"))
    county = result.county(JIA)
    cond = _on_time(county)
    assert cond.passed and county.topten_eligible
    deciders = next(p for p in cond.params if p.name == "topten.waiver_deciders")
    assert (list(deciders.value), str(deciders.effective_from), deciders.reference) == (
        ADDED,
        "2025-01-01",
        REFERENCE,
    )
    text = explain_county(county)
    assert f"参数：topten.waiver_deciders = {ADDED}（自 2025-01-01；{REFERENCE}）".replace("'", '"') in text
    assert '"topten.waiver_deciders"' in result.to_json()


def test_the_list_only_adds_to_the_dataset_s_own_city_offices() -> None:
    # As docs/rules.md says: the dataset's city.office and city.liaison_office always decide,
    # so narrowing the parameter to 市软建办 alone still accepts a 市经贸委 waiver.
    narrowed = changed({"topten.waiver_deciders": ["市软建办"]}, day="2025-01-01")
    assert _on_time(_county("市经贸委", narrowed)).passed
