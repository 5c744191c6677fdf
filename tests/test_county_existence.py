"""A point is designated in its county only on days the county exists (DESIGN "Who owes what,
when"; audit t3 finding 03): a point left in an abolished county, or designated in one before
it was created, is refused by validation, naming the point, both dates and the fix; and a
county that does not exist at year end gets no nomination quota.
"""

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from softenv_core import CITY_OFFICE, InputError, Nomination, assess, baseline_parameters, get_plugin_manager, validate
from softenv_core.analyses.adjustment import propose_additions
from softenv_core.analyses.commendation import check_commendation
from softenv_core.io.workbook_messages import translated, zh_problem
from softenv_core.model.points import Designator, PointLevel
from softenv_core.model.roster import ChangeAction, ChangeReason, RosterChange
from softenv_core.render.assessment import county_rows, explain_county
from softenv_core.render.xlsx_results import county_table
from softenv_core.testing import small_dataset

BING = "379981"  # 丙市: its points P-379981-1 (市直) and P-379981-2 (县区), designated from 2020
ABOLISHED = date(2025, 6, 10)
_BASE = small_dataset(2025)


def _county(ds, **dates):
    """丙市 with ``dates``, its reports on months it does not exist in left out (each its own
    problem: tests/test_county_records.py)."""
    counties = tuple(attrs.evolve(c, **dates) if c.code == BING else c for c in ds.counties)
    county = next(c for c in counties if c.code == BING)
    reports = tuple(
        r
        for r in ds.reports
        if r.county != BING
        or any(county.active_on(r.month.first_day + timedelta(d)) for d in range(r.month.last_day.day))
    )
    return attrs.evolve(ds, counties=counties, reports=reports)


def _ended(ds, until):
    """丙市's points end on ``until`` (None: no end), their contacts after it left out."""
    points = tuple(attrs.evolve(p, designated_until=until) if p.county == BING else p for p in ds.points)
    contacts = tuple(c for c in ds.contacts if not (until and c.point.startswith(f"P-{BING}") and c.date > until))
    return attrs.evolve(ds, points=points, contacts=contacts)


def _problems(ds):
    with pytest.raises(InputError) as info:
        validate(ds)
    return info.value.problems


def test_a_point_left_in_an_abolished_county_is_refused_naming_it_both_dates_and_the_fix():
    ds = _county(_BASE, effective_until=ABOLISHED)
    problems = _problems(ds)
    assert len(problems) == 2  # both of its points, each by its path and id
    first = problems[0]
    assert first.startswith("$.points[4] (P-379981-1).designated_until: no end is after county 379981 (丙市)")
    assert "effective_until 2025-06-10" in first and "removing it effective 2025-06-11" in first
    assert "successor county" in first and "end the designation by 2025-06-10" in first
    for problem in problems:
        assert translated(problem.partition(": ")[2]), problem
    zh = zh_problem(first)
    assert zh.startswith("$.points[4] (P-379981-1).designated_until: 确定期间截至今") and "撤销（2025-06-10）" in zh
    assert "承继县区" in zh


def test_a_point_designated_before_its_county_exists_is_refused():
    created = date(2025, 7, 1)
    ds = _county(_BASE, effective_from=created)
    problems = _problems(ds)
    assert [p.partition(": ")[0] for p in problems] == [
        "$.points[4] (P-379981-1).designated_from",
        "$.points[5] (P-379981-2).designated_from",
    ]
    assert problems[0].partition(": ")[2].startswith("2020-01-01 is before county 379981 (丙市) exists")
    assert "effective_from 2025-07-01" in problems[0] and "designate it from 2025-07-01" in problems[0]
    zh = zh_problem(problems[0])
    assert translated(problems[0].partition(": ")[2]) and "早于县区 379981（丙市）设立（2025-07-01）" in zh


@given(
    abolished=st.dates(date(2025, 1, 1), date(2025, 12, 31)),
    until=st.none() | st.dates(date(2024, 6, 1), date(2026, 6, 30)),
)
def test_refused_exactly_when_the_designation_runs_past_the_abolition(abolished, until):
    ds = _ended(_county(_BASE, effective_until=abolished), until)
    if until is None or until > abolished:
        problems = _problems(ds)
        assert problems and all("was abolished" in p for p in problems)
    else:
        validate(ds)


def _by(p):
    return Designator.CITY if p.level is PointLevel.CITY else Designator.COUNTY


def test_a_point_transferred_out_by_a_roster_change_before_the_abolition_is_fine():
    ds = _county(_BASE, effective_until=ABOLISHED)
    # Removed effective the day after the abolition (its record without an end): the
    # effective interval, not the bare record, is what must fit the county.
    day = ABOLISHED + timedelta(days=1)
    changes = tuple(
        # a 市直 point is the city's to change (a county's change of one is refused: auditor a39)
        RosterChange(f"RC{k}", p.id, ChangeAction.REMOVE, ChangeReason.OTHER, day, _by(p), BING)
        for k, p in enumerate(ds.points)
        if p.county == BING
    )
    contacts = tuple(c for c in ds.contacts if not (c.point.startswith(f"P-{BING}") and c.date > ABOLISHED))
    validate(attrs.evolve(ds, roster_changes=changes, contacts=contacts))  # no problem


def test_a_county_abolished_before_year_end_gets_no_nomination_quota():
    ds = _ended(_county(_BASE, effective_until=ABOLISHED), ABOLISHED)
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    result = check_commendation(ds, a, baseline_parameters(), audience=CITY_OFFICE)
    assert BING not in [c.county for c in result.counties]
    assert {"379902", "379921"} <= {c.county for c in result.counties}
    # nor an addition proposal "丙市无监测点" for the roster after the year
    assert BING not in [p.scope for p in propose_additions(ds, 2025, baseline_parameters())]
    # A nomination it made anyway is over a quota of 0, saying why.
    nominated = attrs.evolve(ds, nominations=(Nomination("N1", 2025, BING, "P-379981-2"),))
    a = assess(nominated, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    county = next(
        c
        for c in check_commendation(nominated, a, baseline_parameters(), audience=CITY_OFFICE).counties
        if c.county == BING
    )
    assert county.quota == 0 and "县区不存在" in county.error
    assert "推荐1个，名额0个，超出1个（2025-12-31 县区不存在，无名额）" in county.error  # not "超过名额0个"


def _bing(a):
    return next(c for c in a.counties if c.code == BING)


def test_a_county_abolished_before_year_end_is_not_rated_for_topten_saying_why_in_every_face():
    # Auditor t4 finding 04: it owed and reported its months (compliance 100), yet the year-end
    # 十佳 competition is held when it no longer exists, as its commendation quota of 0 says.
    ds = _ended(_county(_BASE, effective_until=ABOLISHED), ABOLISHED)
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    bing = _bing(a)
    assert bing.compliance == 100 and not bing.topten_eligible
    [failing] = bing.failing_conditions
    reason = "2025-06-10 已撤销，2025-12-31 县区不存在，不参加年底“十佳”评比"
    assert failing.rule.id == "city.topten.exists_at_year_end" and failing.reason == reason
    assert all(c.topten_eligible for c in a.counties if c.code != BING)  # the others pass it
    # Every face of the assessment: JSON, the text table, the workbook's county sheet, explain.
    [doc] = [c for c in json.loads(a.to_json())["counties"] if c["code"] == BING]
    assert doc["topten_eligible"] is False and reason in [c["reason"] for c in doc["conditions"]]
    [row] = [r for r in county_rows(a, "zh")[1] if r[0].startswith(BING)]
    assert row[-2:] == ["否", f"年底县区存续：{reason}"]
    [row] = [r for r in county_rows(a, "en")[1] if r[0].startswith(BING)]
    # In English since fe2 (it printed the Chinese reason in the English row).
    said = "abolished 2025-06-10; the county does not exist on 2025-12-31 and takes no part in the year-end 十佳 rating"
    assert row[-2:] == ["no", f"the county exists at year end: {said}"]
    [sheet_row] = [r for r in county_table(a, "zh")[1] if str(r[0]).startswith(BING)]
    assert "否" in sheet_row and any(reason in str(cell) for cell in sheet_row)
    assert "可评先进：否" in explain_county(bing, "zh") and reason in explain_county(bing, "zh")


@given(abolished=st.dates(date(2025, 1, 1), date(2025, 12, 31)))
def test_rated_for_topten_exactly_when_the_county_has_a_year_end_quota(abolished):
    # One day decides both: the year's last (abolished on 31 December, it still competes).
    ds = _ended(_county(_BASE, effective_until=abolished), abolished)
    ds = attrs.evolve(ds, nominations=(Nomination("N1", 2025, BING, "P-379981-2"),))
    a = assess(ds, 2025, get_plugin_manager(autoload=False), audience=CITY_OFFICE)
    exists = next(r for r in _bing(a).conditions if r.rule.id == "city.topten.exists_at_year_end")
    [county] = [
        c for c in check_commendation(ds, a, baseline_parameters(), audience=CITY_OFFICE).counties if c.county == BING
    ]
    assert exists.passed == (abolished == date(2025, 12, 31)) == (county.quota > 0)
